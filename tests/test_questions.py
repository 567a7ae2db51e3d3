"""Reading what a question asks from its text (netkit.survey._questions)."""

import pytest

from netkit.survey._questions import classify_question, person_header, respondent_header


@pytest.mark.parametrize("text, relation", [
    ("Who are your main suppliers?", "supplier"),
    ("Quali sono i vostri principali fornitori?", "supplier"),
    ("¿Quiénes son sus principales proveedores?", "supplier"),
    ("Wer sind Ihre wichtigsten Lieferanten?", "supplier"),
    ("Quels sont vos principaux fournisseurs ?", "supplier"),
    ("Kto jest waszym głównym dostawcą?", "supplier"),
    ("Who are your main customers?", "customer"),
    ("Which firms buy from you?", "customer"),  # "buy from you" is longer than the supplier's "buy from"
    ("Chi sono i vostri clienti principali?", "customer"),
    ("Wer sind Ihre wichtigsten Kunden?", "customer"),
    ("Kim są wasi główni odbiorcy?", "customer"),
    ("Con quali università o centri di ricerca collaborate?", "university"),  # not cooperation
    ("Mit welchen Hochschulen arbeiten Sie zusammen?", "university"),
    ("¿Con qué universidades o centros tecnológicos colabora?", "university"),
    ("Which support agencies have you worked with?", "agency"),
    ("Con quali enti di supporto o camere di commercio siete in contatto?", "agency"),
    ("Whom do you ask for technical advice?", "knowledge"),
    ("A chi chiedete consiglio su questioni tecniche?", "knowledge"),
    ("Which firms do you cooperate with on innovation projects?", "cooperation"),
    ("Z którymi firmami współpracujecie?", "cooperation"),
    ("Avec quelles entreprises collaborez-vous ?", "cooperation"),
])
def test_question_text_gives_the_relation(text, relation):
    got, why = classify_question(text)
    assert got == relation
    assert why.startswith("matched ") and "(" in why  # names the word and its language


@pytest.mark.parametrize("text", ["How many employees do you have?", "Contact information", "Timestamp",
                                  "Comments", "Anno di fondazione"])
def test_questions_without_a_relation_are_not_guessed(text):
    assert classify_question(text)[0] is None


@pytest.mark.parametrize("text", ["Your company", "Company name", "Nome azienda", "Ragione sociale",
                                  "Nombre de la empresa", "Ihr Unternehmen", "Nom de votre entreprise",
                                  "Nazwa firmy", "Nome dell'azienda"])
def test_respondent_headers(text):
    assert respondent_header(text)


@pytest.mark.parametrize("text", ["Name", "First Name", "Email Address", "Nome", "Cognome", "Nachname"])
def test_person_columns_are_never_the_respondent(text):
    assert person_header(text) and not respondent_header(text)

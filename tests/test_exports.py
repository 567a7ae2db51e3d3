"""Reading the exports of the survey tools (issue 12): Google Forms, Microsoft Forms,
KoboToolbox, SurveyMonkey, Qualtrics, LimeSurvey, with a member list beside them.

Every file is written by tests/exports.py the way the tool writes it (header rows,
metadata columns, separators, encodings, quirks). The ties planted in it are the
hand-written answers of ``exports.cluster()``: every one must be read, none invented,
each in the direction its relation means (supplier: partner -> respondent; customer:
respondent -> partner), from the row it was written in. Names are compared through
``survey.actors["name"]``: the member list's names, outside partners as written.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netkit
from netkit.errors import SurveyError
from exports import (MEMBERS, OTHER_ALLOWED, QUESTIONS, RELATIONS, Member, Respondent, cluster,
                     first_submission, google_forms, kobo, limesurvey, member_list, microsoft_forms,
                     options_for, qualtrics, surveymonkey)

DIRECTION = {"supplier": "partner_to_respondent", "customer": "respondent_to_partner",
             "knowledge": "partner_to_respondent", "university": None, "agency": None,
             "cooperation": None}


# ---------------------------------------------------------------- helpers


def read(export, **kwargs):
    if export.form is not None:
        kwargs.setdefault("form", export.form)
    return netkit.read_survey(export.path, members=export.members, **kwargs)


def names(survey):
    return survey.actors["name"].to_dict()


def read_ties(survey):
    """[(respondent, partner, relation, source, target, directed, sheet, row)] by name."""
    n = names(survey)
    out = []
    for t in survey.ties.itertuples(index=False):
        out.append((n.get(t.respondent, t.respondent), n.get(t.partner, t.partner), t.relation,
                    n.get(t.source, t.source), n.get(t.target, t.target), bool(t.directed),
                    t.sheet, t.row))
    return out


def assert_planted(export, survey, relations=None):
    """Every planted tie read once, none invented."""
    got = Counter((r, p, rel) for r, p, rel, *_ in read_ties(survey))
    planted = {k for k in export.planted if relations is None or k[2] in relations}
    if relations is not None:
        got = Counter({k: v for k, v in got.items() if k[2] in relations})
    lost = sorted(planted - set(got))
    invented = sorted(set(got) - planted)
    doubled = sorted(k for k, v in got.items() if v > 1)
    assert not lost and not invented and not doubled, (
        f"{export.tool}: lost {lost}\ninvented {invented}\nread twice {doubled}\n"
        f"problems:\n{survey.problems.to_string()}")


def assert_directions(survey):
    for r, p, rel, s, t, directed, *_ in read_ties(survey):
        way = DIRECTION[rel]
        if way is None:
            assert not directed, (r, p, rel)
            assert {s, t} == {r, p}, (r, p, rel, s, t)
        else:
            assert directed, (r, p, rel)
            expected = (p, r) if way == "partner_to_respondent" else (r, p)
            assert (s, t) == expected, f"{rel} tie {r} / {p} reversed: {s} -> {t}"


def _row(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def assert_rows(export, survey, check_sheet=True):
    """Each tie comes from the row it was written in (as a person sees the spreadsheet)."""
    for r, p, rel, s, t, directed, sheet, row in read_ties(survey):
        if (r, p, rel) not in export.planted:
            continue  # an invented tie: test_every_planted_tie_is_read_and_none_invented says so
        want_sheet, want_row = export.planted[(r, p, rel)]
        assert _row(row) == want_row, f"{(r, p, rel)} read from row {row}, written in row {want_row}"
        if check_sheet and want_sheet is not None:
            assert sheet == want_sheet, f"{(r, p, rel)} read from sheet {sheet!r}, written in {want_sheet!r}"


def reported(survey, row):
    """The problems that point at a spreadsheet row (by its row column or in the message)."""
    p = survey.problems
    at = p["row"].map(_row) == row
    said = p["message"].astype(str).str.contains(rf"\brows?\b[^.]*\b{row}\b", regex=True)
    return p[at | said]


def assert_left_out_and_reported(export, survey):
    kept_rows = {_row(r) for *_, r in read_ties(survey)}
    for row, why in export.left_out.items():
        assert row not in kept_rows, f"{export.tool}: row {row} ({why}) was read"
        assert len(reported(survey, row)), (
            f"{export.tool}: row {row} ({why}) left out without a problem saying so:\n"
            f"{survey.problems.to_string()}")


def assert_no_person_is_an_actor(export, survey):
    from netkit.survey import normalise_name

    # first and last names alone (SurveyMonkey's First Name / Last Name, Qualtrics' Recipient
    # names) exactly; full names and e-mails also after normalising ("Müller" alone is a firm's key)
    exact = {x.casefold() for x in export.persons}
    loose = {normalise_name(x) for x in export.persons if " " in x or "@" in x}
    for name in survey.actors["name"].astype(str):
        assert name.casefold() not in exact and normalise_name(name) not in loose, (
            f"{export.tool}: the person {name!r} became an actor")


def question_rows(survey, text):
    q = survey.questions
    return q[q["question"].astype(str).str.contains(text, regex=False)]


# ---------------------------------------------------------------- the exports of the six tools

TOOLS = {
    "google_forms_csv": lambda p: (google_forms(p, fmt="csv"), dict(fmt="xlsx", lang="it")),
    "google_forms_xlsx": lambda p: (google_forms(p, fmt="xlsx", locale="it"), dict(fmt="csv", lang="it")),
    "microsoft_forms": lambda p: (microsoft_forms(p, anonymous=("Talleres Pérez S.L.",)),
                                  dict(fmt="csv", lang="de")),
    "kobo_xlsx_labels": lambda p: (kobo(p, fmt="xlsx", headers="label"), dict(fmt="xlsx", lang="it")),
    "kobo_xlsx_xml": lambda p: (kobo(p, fmt="xlsx", headers="xml", with_form=True), dict(fmt="xlsx", lang="it")),
    "kobo_csv": lambda p: (kobo(p, fmt="csv", headers="label"), dict(fmt="csv", lang="it")),
    "surveymonkey_xlsx": lambda p: (surveymonkey(p, fmt="xlsx"), dict(fmt="xlsx", lang="es")),
    "surveymonkey_csv": lambda p: (surveymonkey(p, fmt="csv"), dict(fmt="csv", lang="es")),
    "qualtrics": lambda p: (qualtrics(p), dict(fmt="csv", lang="en", with_id=True)),
    "limesurvey": lambda p: (limesurvey(p), dict(fmt="xlsx", lang="de", with_id=True)),
}


def build(name, tmp_path):
    export, ml = TOOLS[name](tmp_path)
    export.members = member_list(tmp_path, **ml)
    return export


@pytest.fixture(params=sorted(TOOLS))
def tool_export(request, tmp_path):
    export = build(request.param, tmp_path)
    return export, read(export)


def test_the_tool_is_detected(tool_export):
    export, survey = tool_export
    assert survey.meta["tool"] == export.tool


def test_every_planted_tie_is_read_and_none_invented(tool_export):
    export, survey = tool_export
    assert_planted(export, survey)


def test_ties_run_the_way_their_relation_means(tool_export):
    export, survey = tool_export
    assert_directions(survey)
    # spelled out for two ties, by hand: Müller supplies Officine Rossi (Rossi's answer) and
    # Rossi sells to Talleres Pérez (Rossi's answer)
    by = {(r, p, rel): (s, t) for r, p, rel, s, t, *_ in read_ties(survey)}
    assert by[("Officine Rossi S.r.l.", "Müller GmbH & Co. KG", "supplier")] == \
        ("Müller GmbH & Co. KG", "Officine Rossi S.r.l.")
    assert by[("Officine Rossi S.r.l.", "Talleres Pérez S.L.", "customer")] == \
        ("Officine Rossi S.r.l.", "Talleres Pérez S.L.")


def test_each_tie_comes_from_its_row(tool_export):
    export, survey = tool_export
    assert_rows(export, survey, check_sheet=export.path.suffix == ".xlsx")


def test_no_person_and_no_metadata_is_an_actor(tool_export):
    export, survey = tool_export
    assert_no_person_is_an_actor(export, survey)
    actor_names = set(survey.actors["name"].astype(str))
    # the answers to questions that are not about ties never become partners
    assert not actor_names & {"42", "120", "9", "65", "23", "Grazie, molto utile.", "Buen estudio", "anonymous"}
    # members, respondents (as matched) and the outside partners named: nobody else
    outside = {"Acciaierie Venete S.p.A.", "Bosch Rexroth AG", "SKF Polska S.A."}
    assert actor_names <= {m.name for m in MEMBERS} | outside, actor_names - {m.name for m in MEMBERS}


def test_left_out_responses_are_reported(tool_export):
    export, survey = tool_export
    assert_left_out_and_reported(export, survey)


def test_the_questions_table_accounts_for_every_answer(tool_export):
    export, survey = tool_export
    q = survey.questions
    assert {"question", "columns", "relation", "why", "answers", "ties", "problems"} <= set(q.columns)
    lang = {"google_forms": "it", "microsoft_forms": "de", "kobo": "it", "surveymonkey": "es",
            "qualtrics": "en", "limesurvey": "de"}[export.tool]
    planted = Counter(rel for _, _, rel in export.planted)
    for rel in RELATIONS:
        rows = question_rows(survey, QUESTIONS[lang][rel])
        assert len(rows) and set(rows["relation"]) == {rel}, (rel, q[["question", "relation", "why"]])
        assert rows["ties"].sum() == planted[rel], (rel, rows[["question", "answers", "ties", "problems"]])
        assert rows["answers"].sum() == export.answers[rel], (rel, rows[["question", "answers"]])
    for text in export.ignored:
        rows = question_rows(survey, text)
        assert len(rows) and set(rows["relation"]) == {"ignored"}, (text, q[["question", "relation"]])
    assert q["answers"].sum() == q["ties"].sum() + q["problems"].sum(), q.to_string()


# ---------------------------------------------------------------- tool by tool: the quirks


def test_google_forms_resubmission_replaces_the_earlier_row(tmp_path):
    export = google_forms(tmp_path, first=first_submission())
    export.members = member_list(tmp_path)
    survey = read(export)
    assert_planted(export, survey)
    assert_rows(export, survey)
    # the first submission's ties are gone, and the reader says why
    (earlier,) = export.left_out
    gone = {("Tornerie Gallo S.n.c.", "Bianchi & Figli S.p.A.", "supplier"),
            ("Tornerie Gallo S.n.c.", "Talleres Pérez S.L.", "customer"),
            ("Tornerie Gallo S.n.c.", "Fonderia Bassi", "customer")}
    assert not gone & {(r, p, rel) for r, p, rel, *_ in read_ties(survey)}
    assert "Fonderia Bassi" not in set(survey.actors["name"])
    later = export.planted[("Tornerie Gallo S.n.c.", "Officine Rossi S.r.l.", "customer")][1]
    assert len(reported(survey, earlier)) or len(reported(survey, later)), survey.problems.to_string()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_google_forms_option_with_a_comma_is_one_partner(tmp_path, fmt):
    export = google_forms(tmp_path, fmt=fmt)
    export.members = member_list(tmp_path)
    survey = read(export)
    polimi = "Politecnico di Milano, Dipartimento di Meccanica"
    uni = {(r, p) for r, p, rel, *_ in read_ties(survey) if rel == "university"}
    assert uni == {("Officine Rossi S.r.l.", polimi), ("Müller GmbH & Co. KG", polimi),
                   ("Müller GmbH & Co. KG", "Università degli Studi di Brescia"),
                   ("Talleres Pérez S.L.", "Università degli Studi di Brescia")}
    assert not {"Politecnico di Milano", "Dipartimento di Meccanica"} & set(survey.actors["name"])


def test_google_forms_other_answer_with_a_comma_stays_one_partner(tmp_path):
    people = cluster()
    people[0].other["supplier"] = "Fonderia Bassi, Pietro & C."  # Forms appends it after the options
    export = google_forms(tmp_path, people)
    export.members = member_list(tmp_path)
    survey = read(export)
    assert_planted(export, survey)
    assert "Fonderia Bassi, Pietro & C." in set(survey.actors["name"])


def test_google_forms_without_email_column(tmp_path):
    export = google_forms(tmp_path, collect_email=False)
    export.members = member_list(tmp_path)
    survey = read(export)
    assert survey.meta["tool"] == "google_forms"
    assert_planted(export, survey)


def test_microsoft_forms_person_is_never_an_actor(tmp_path):
    export = microsoft_forms(tmp_path)
    export.members = member_list(tmp_path, lang="de")
    survey = read(export)
    assert_planted(export, survey)
    for person in ("Marco Rossi", "Jonas Müller", "Giulia Gallo", "Piotr Kowalski", "Lucía Fernández"):
        assert person not in set(survey.actors["name"])
    # the respondent is the firm written in the answer, matched to the member list
    assert {r for r, *_ in read_ties(survey)} == {r.member for r in cluster()}


def test_kobo_repeat_group_sheet_gives_the_advice_ties_with_strength(tmp_path):
    export = kobo(tmp_path, fmt="xlsx", headers="label")
    export.members = member_list(tmp_path)
    survey = read(export)
    assert_planted(export, survey, relations={"knowledge"})
    n = names(survey)
    strengths = {(n[t.respondent], n[t.partner]): t.strength for t in survey.ties.itertuples()
                 if t.relation == "knowledge"}
    assert strengths == {("Officine Rossi S.r.l.", "Tornerie Gallo S.n.c."): 4,
                         ("Officine Rossi S.r.l.", "Politecnico di Milano, Dipartimento di Meccanica"): 5,
                         ("Müller GmbH & Co. KG", "Officine Rossi S.r.l."): 2,
                         ("Zakłady Mechaniczne Nowak Sp. z o.o.", "Müller GmbH & Co. KG"): 3}
    # the repeat rows hang on their parent through _parent_index: the advice is the parent's
    for r, p, rel, s, t, directed, sheet, row in read_ties(survey):
        if rel == "knowledge":
            assert sheet == "consigli_tecnici" and (s, t) == (p, r)


def test_kobo_labels_joined_by_spaces_are_read_from_the_choice_columns(tmp_path):
    # "Müller GmbH & Co. KG Tornerie Gallo S.n.c." cannot be split on spaces: the 0/1
    # columns say which options were chosen
    export = kobo(tmp_path, fmt="xlsx", headers="label", repeat=False)
    export.members = member_list(tmp_path)
    survey = read(export)
    assert_planted(export, survey)
    assert not {"Müller", "GmbH", "Tornerie", "S.n.c."} & set(survey.actors["name"])


@pytest.mark.parametrize("where", ["form_beside_the_export", "choices_sheet_in_the_export"])
def test_kobo_xml_names_need_the_choices_list(tmp_path, where):
    export = kobo(tmp_path, fmt="xlsx", headers="xml", with_form=where == "form_beside_the_export",
                  choices_sheet=where == "choices_sheet_in_the_export")
    export.members = member_list(tmp_path)
    survey = read(export)
    assert_planted(export, survey)
    # choice names never become actors
    assert not {"mueller_gmbh_co_kg", "polimi_dmec", "cciaa_bs", "other"} & set(survey.actors["name"])


def test_surveymonkey_two_header_rows(tmp_path):
    for fmt in ("xlsx", "csv"):
        d = tmp_path / fmt
        d.mkdir()
        export = surveymonkey(d, fmt=fmt)
        export.members = member_list(d, lang="es", fmt=fmt)
        survey = read(export)
        assert survey.meta["tool"] == "surveymonkey"
        assert_planted(export, survey)
        assert_rows(export, survey, check_sheet=fmt == "xlsx")
        assert_no_person_is_an_actor(export, survey)
        # the second header row is not a response: "Response", option texts, "Other (please specify)"
        assert not {"Response", "Open-Ended Response", "Other (please specify)"} & set(survey.actors["name"])


def test_qualtrics_preview_and_unfinished_are_left_out_and_reported(tmp_path):
    export = qualtrics(tmp_path)
    export.members = member_list(tmp_path, lang="en", fmt="csv", with_id=True)
    survey = read(export)
    assert_planted(export, survey)
    assert sorted(export.left_out.values()) == ["preview", "unfinished"]
    assert_left_out_and_reported(export, survey)
    read_set = {(r, p, rel) for r, p, rel, *_ in read_ties(survey)}
    assert ("Officine Rossi S.r.l.", "Bianchi & Figli S.p.A.", "supplier") not in read_set  # the preview
    assert ("Bianchi & Figli S.p.A.", "Müller GmbH & Co. KG", "supplier") not in read_set  # unfinished
    # the header rows are not responses
    assert not {"Response ID", "_recordId"} & set(survey.actors["name"])
    # with an id column in the member list, actor ids are its ids
    member_ids = {m.id for m in MEMBERS}
    assert set(survey.ties["respondent"]) <= member_ids


def test_qualtrics_unsplit_multiple_answer_with_a_comma_in_an_option(tmp_path):
    # "Politecnico di Milano, Dipartimento di Meccanica,Università degli Studi di Brescia"
    export = qualtrics(tmp_path, split=(), preview=False, unfinished=False)
    export.members = member_list(tmp_path, lang="en", fmt="csv", with_id=True)
    survey = read(export)
    assert_planted(export, survey)


def test_limesurvey_incomplete_response_left_out_and_reported(tmp_path):
    export = limesurvey(tmp_path)
    export.members = member_list(tmp_path, lang="de", with_id=True)
    survey = read(export)
    assert survey.meta["tool"] == "limesurvey"
    assert_planted(export, survey)
    assert list(export.left_out.values()) == ["incomplete"]
    assert_left_out_and_reported(export, survey)


def test_limesurvey_question_codes_do_not_invent_partners(tmp_path):
    # Q3[SQ001] says nothing about which firm SQ001 is: no tie may name "SQ001"
    export = limesurvey(tmp_path, headings="code", incomplete=False)
    export.members = member_list(tmp_path, lang="de", with_id=True)
    try:
        survey = read(export)
    except netkit.SurveyError:
        return
    names_read = set(survey.actors["name"].astype(str))
    assert not {n for n in names_read if n.startswith("SQ0") or n == "Y"}, names_read


# ---------------------------------------------------------------- the member list


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("lang", ["it", "de", "en", "es"])
@pytest.mark.parametrize("with_id", [False, True])
def test_member_list_headers_in_every_language(tmp_path, fmt, lang, with_id):
    export = google_forms(tmp_path)
    export.members = member_list(tmp_path, fmt=fmt, lang=lang, with_id=with_id, with_aliases=True)
    survey = read(export)
    assert_planted(export, survey)
    members = survey.actors[survey.actors["in_cluster"]]
    assert sorted(members["name"]) == sorted(m.name for m in MEMBERS)
    if with_id:
        assert sorted(members.index) == sorted(m.id for m in MEMBERS)
    else:  # no id column: the name as the member list writes it is the id
        assert sorted(members.index) == sorted(m.name for m in MEMBERS)
    by_name = members.set_index("name")
    for m in MEMBERS:
        assert by_name.loc[m.name, "kind"] == m.kind
        if m.employees is not None:
            assert by_name.loc[m.name, "employees"] == m.employees
    # Bianchi & Figli answered nothing; everyone else did
    assert not by_name.loc["Bianchi & Figli S.p.A.", "responded"]
    assert by_name.loc["Talleres Pérez S.L.", "responded"]


def test_member_list_without_kind_column(tmp_path):
    export = google_forms(tmp_path)
    export.members = member_list(tmp_path, with_kind=False)
    survey = read(export)
    assert_planted(export, survey)


def test_member_alias_is_how_the_respondent_writes_itself(tmp_path):
    people = cluster()
    people[3].firm = "ZM Nowak"  # the alias in the member list
    export = google_forms(tmp_path, people)
    export.members = member_list(tmp_path, with_aliases=True)
    survey = read(export)
    assert_planted(export, survey)
    assert "ZM Nowak" not in set(survey.actors["name"])


# ---------------------------------------------------------------- property: nothing lost, nothing invented

POOL = [
    Member("F1", "Officine Rossi S.r.l.", "firm", employees=42),
    Member("F2", "Carpenteria Bresciana, Divisione Stampi S.r.l.", "firm", employees=18),
    Member("F3", "Müller GmbH & Co. KG", "firm", employees=120),
    Member("F4", "Talleres Pérez S.L.", "firm", employees=23),
    Member("F5", "Zakłady Mechaniczne Nowak Sp. z o.o.", "firm", employees=65),
    Member("F6", "Bianchi, Verdi & Associati S.p.A.", "firm", employees=210),
    Member("U1", "Politecnico di Milano, Dipartimento di Meccanica", "university"),
    Member("U2", "Universidad Politécnica de Madrid", "university"),
    Member("G1", "Agenzia Sviluppo Brescia S.c.r.l.", "agency"),
    Member("G2", "Camera di Commercio di Brescia", "agency"),
]
OUTSIDE = ["Bosch Rexroth AG", "SKF Polska S.A.", "Acciaierie Venete S.p.A.", "Fonderia Bassi"]
PEOPLE = ["Marco Rossi", "Anna Weber", "Lucía Fernández", "Piotr Kowalski", "Chiara Verdi", "Jan Nowak"]


@st.composite
def form_surveys(draw):
    tool = draw(st.sampled_from(["google_forms_csv", "google_forms_xlsx", "surveymonkey_csv",
                                 "surveymonkey_xlsx"]))
    firms = [m for m in POOL if m.kind == "firm"]
    who = draw(st.lists(st.sampled_from(firms), min_size=1, max_size=len(firms), unique_by=lambda m: m.id))
    respondents = []
    for k, m in enumerate(who):
        answers, other = {}, {}
        for rel in RELATIONS:
            opts = [o for o in options_for(rel, POOL) if o != m.name]
            answers[rel] = draw(st.lists(st.sampled_from(opts), unique=True, max_size=len(opts)))
            if rel in OTHER_ALLOWED and draw(st.booleans()):
                other[rel] = draw(st.sampled_from(OUTSIDE))
        person = draw(st.sampled_from(PEOPLE))
        respondents.append(Respondent(m.name, m.name, person, f"r{k}@example.org", answers, other, [],
                                      m.employees, ""))
    return tool, respondents


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(form_surveys())
def test_every_answer_is_a_tie_or_a_problem(case):
    tool, respondents = case
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        if tool.startswith("google_forms"):
            export = google_forms(d, respondents, fmt=tool.rsplit("_", 1)[1], members=POOL)
        else:
            export = surveymonkey(d, respondents, fmt=tool.rsplit("_", 1)[1], members=POOL)
        export.members = member_list(d, members=POOL, lang="en", with_id=True)
        survey = read(export)
        q = survey.questions
        assert q["answers"].sum() == q["ties"].sum() + q["problems"].sum(), q.to_string()
        n = names(survey)
        got = {(n[t.respondent], n.get(t.partner, t.partner), t.relation) for t in survey.ties.itertuples()}
        planted = set(export.planted)
        # no self-ties, repeats or resubmissions were generated: nothing may be dropped
        assert got == planted, (f"lost {sorted(planted - got)}\ninvented {sorted(got - planted)}\n"
                                f"{survey.problems.to_string()}")
        assert q["problems"].sum() == 0, q.to_string()
        for rel in RELATIONS:
            rows = q[q["relation"] == rel]
            assert rows["answers"].sum() == export.answers.get(rel, 0), (rel, q.to_string())
            assert rows["ties"].sum() == sum(1 for k in planted if k[2] == rel)


# ---------------------------------------------------------------- wrong files given, said plainly

def test_kobo_xml_names_without_the_form_say_what_to_pass(tmp_path):
    export = kobo(tmp_path, fmt="xlsx", headers="xml", with_form=True)
    export.members = member_list(tmp_path)
    survey = netkit.read_survey(export.path, members=export.members)  # --form forgotten
    messages = survey.problems.loc[survey.problems["severity"] == "warning", "message"]
    hint = messages[messages.str.contains("Kobo choice names that match no member")]
    assert len(hint) == 1 and "--form" in hint.iloc[0] and "polimi_dmec" in hint.iloc[0]


def test_the_xlsform_given_as_the_export_is_an_error_saying_which_file_to_read(tmp_path):
    export = kobo(tmp_path, fmt="xlsx", headers="xml", with_form=True)
    with pytest.raises(SurveyError, match="this is an XLSForm .* not the responses"):
        netkit.read_survey(export.form, members=member_list(tmp_path))


def test_an_export_given_as_the_member_list_is_an_error(tmp_path):
    export = google_forms(tmp_path, fmt="csv")
    with pytest.raises(SurveyError, match="looks like a Google Forms export, not a list of members"):
        netkit.read_survey(export.path, members=export.path)

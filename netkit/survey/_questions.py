"""What a survey question asks, read from its text in six languages.

A form-tool export has the question text as its column header. netkit reads
the relation from it ("Who are your main suppliers?" asks for suppliers,
"Con quali università collaborate?" for universities) and says why, so the
facilitator can check it in ``netkit inspect`` and change it in the mapping
file. The respondent column (the firm that answers, never the person who
filled in the form) is found the same way.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["text_key", "classify_question", "respondent_header", "person_header", "QUESTION_WORDS", "RESPONDENT_WORDS"]

# Word stems per relation and language, matched at the start of a word of the
# question (accents removed, lower case). The first relation that matches wins,
# in this order: a question about universities that says "collaborate" asks
# about universities, one about advice from suppliers asks for advice.
QUESTION_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "university": {
        "English": ("universit", "research cent", "research institut", "research organi", "polytechnic",
                    "research lab", "academi", "higher education", "technology transfer"),
        "Italian": ("universit", "politecnic", "centri di ricerca", "centro di ricerca", "centri ricerca",
                    "enti di ricerca", "ente di ricerca", "istituti di ricerca", "laboratori di ricerca"),
        "Spanish": ("universidad", "centros de investigacion", "centro de investigacion", "centros tecnologicos",
                    "centro tecnologico", "institutos de investigacion"),
        "German": ("universitat", "hochschul", "forschungseinricht", "forschungsinstitut", "fraunhofer",
                   "forschungszent"),
        "French": ("universit", "laboratoire", "centres de recherche", "centre de recherche", "ecoles d ingenieur",
                   "organismes de recherche"),
        "Polish": ("uczelni", "uniwersytet", "politechni", "instytut", "jednostk naukow", "osrodk badawcz"),
    },
    "agency": {
        "English": ("agenc", "support bod", "support organi", "chamber", "business support", "public bod",
                    "development bod", "cluster organi", "incubator", "government"),
        "Italian": ("agenzi", "enti di supporto", "enti pubblici", "camera di commercio", "camere di commercio",
                    "associazioni di categoria", "incubator", "enti di sostegno"),
        "Spanish": ("agencia", "organismos de apoyo", "camara de comercio", "camaras de comercio", "entidades de apoyo",
                    "administracion"),
        "German": ("agentur", "kammer", "wirtschaftsforder", "forderinstitut", "forderbank", "verband", "verbande",
                   "behorde"),
        "French": ("agence", "chambre de commerce", "chambres de commerce", "organismes d appui",
                   "structures d accompagnement", "pouvoirs publics"),
        "Polish": ("agencj", "instytucj otoczenia", "izb", "instytucj wsparcia", "urzad"),
    },
    "knowledge": {
        "English": ("advice", "advise", "know how", "know-how", "knowledge", "expertise", "technical help"),
        "Italian": ("consigl", "consulenz", "conoscenz", "aiuto tecnico", "supporto tecnico",
                    "competenz"),
        "Spanish": ("consejo", "asesor", "conocimiento", "ayuda tecnica"),
        "German": ("rat ", "ratschlag", "beratung", "wissen", "know how", "fachlich"),
        "French": ("conseil", "savoir faire", "connaissance", "aide technique"),
        "Polish": ("porad", "rad ", "wiedz", "konsultac"),
    },
    "supplier": {
        "English": ("supplier", "supply you", "supplies you", "buy from", "purchase from", "source from", "vendor",
                    "subcontractor"),
        "Italian": ("fornitor", "subfornitor", "acquistate da", "comprate da", "terzist"),
        "Spanish": ("proveedor", "suministrador", "compran a", "compra a", "subcontratist"),
        "German": ("lieferant", "zuliefer", "beziehen sie", "kaufen sie bei", "einkauf"),
        "French": ("fournisseur", "sous traitant", "achetez aupres", "achetez a"),
        "Polish": ("dostawc", "dostawy", "kupujec", "kupuja", "poddostawc", "podwykonawc"),
    },
    "customer": {
        "English": ("customer", "client", "buyer", "sell to", "sells to", "buy from you", "buys from you"),
        "Italian": ("client", "vendete a", "acquirent", "committent"),
        "Spanish": ("cliente", "vende a", "venden a", "compradores"),
        "German": ("kunde", "kunden", "abnehmer", "verkaufen sie an", "auftraggeber"),
        "French": ("client", "vendez a", "acheteur", "donneurs d ordre", "donneur d ordre"),
        "Polish": ("klient", "odbiorc", "sprzedaj"),
    },
    "cooperation": {
        "English": ("cooperat", "co operat", "collaborat", "partner", "joint project", "work together",
                    "alliance", "innovation project"),
        "Italian": ("collabor", "cooper", "partner", "progetti comuni", "progetti congiunti", "lavorate insieme"),
        "Spanish": ("colabor", "cooper", "socio", "proyectos conjuntos", "trabajan juntos"),
        "German": ("kooperat", "zusammenarbeit", "arbeiten sie zusammen", "partner", "gemeinsame projekt"),
        "French": ("cooper", "collabor", "partenaire", "projets communs", "travaillez ensemble"),
        "Polish": ("wspolprac", "kooperac", "partner", "wspolne projekt"),
    },
}

# Headers of the column that names the answering firm (as a key: accents removed, lower case).
RESPONDENT_WORDS = (
    "respondent", "your company", "your firm", "your organisation", "your organization", "your business",
    "company name", "firm name", "name of your company", "name of your firm", "name of your organisation",
    "name of your organization", "organisation name", "organization name", "company", "organisation",
    "organization", "firm", "which company do you work for",
    "azienda", "ragione sociale", "nome azienda", "nome dell azienda", "la vostra azienda", "la sua azienda",
    "vostra azienda", "denominazione", "impresa", "nome impresa",
    "empresa", "nombre de la empresa", "su empresa", "razon social", "nombre empresa",
    "firma", "firmenname", "ihr unternehmen", "unternehmen", "name des unternehmens", "name ihres unternehmens",
    "entreprise", "votre entreprise", "societe", "nom de l entreprise", "raison sociale", "nom de votre entreprise",
    "nazwa firmy", "nazwa przedsiebiorstwa", "twoja firma", "przedsiebiorstwo", "organizacja", "nazwa organizacji",
)
# Headers of columns about the person who filled in the form: never actors.
_PERSON = ("name", "first name", "last name", "full name", "your name", "respondent name", "nome", "cognome",
           "nombre", "apellido", "apellidos", "vorname", "nachname", "prenom", "nom", "imie", "nazwisko",
           "email", "e mail", "email address", "e mail address", "recipientfirstname", "recipientlastname",
           "recipientemail", "ip address", "ipaddress", "respondent id", "responseid")


def text_key(text) -> str:
    """Header or question text as a key: accents removed, lower case, single spaces.

    Examples
    --------
    >>> text_key("Nome dell'Azienda / Società")
    'nome dell azienda societa'
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("ł", "l").replace("ß", "ss")
    return " ".join(re.sub(r"[^\w]+", " ", text).replace("_", " ").split())


def classify_question(text) -> tuple[str | None, str]:
    """The relation a question asks about, and why.

    Parameters
    ----------
    text : str
        The question as the form tool writes it in the column header.

    Returns
    -------
    (relation, why)
        ``relation`` is one of supplier, customer, university, agency,
        knowledge, cooperation, or None when no word of the question says it;
        ``why`` names the word matched and its language.

    Examples
    --------
    >>> classify_question("Quali sono i vostri principali fornitori?")
    ('supplier', "matched 'fornitor' (Italian)")
    >>> classify_question("Con quali università o centri di ricerca collaborate?")[0]
    'university'
    >>> classify_question("How many employees do you have?")
    (None, 'no word of the question names a relation')
    """
    key = " " + text_key(text) + " "
    best = None  # the longest stem wins: "buy from you" (customer) over "buy from" (supplier)
    for relation, languages in QUESTION_WORDS.items():
        for language, stems in languages.items():
            for stem in stems:
                probe = " " + text_key(stem) + (" " if stem.endswith(" ") else "")
                if language == "German" and len(probe) > 6 and not stem.endswith(" "):
                    probe = probe[1:]  # German compounds hide the word: "Förderagenturen", "Zulieferbetriebe"
                # cooperation words ("collaborate", "work together") yield to any other relation:
                # "Mit welchen Hochschulen arbeiten Sie zusammen?" asks about universities
                rank = (relation != "cooperation", len(probe))
                if probe in key and (best is None or rank > best[4]):
                    best = (probe, relation, stem.strip(), language, rank)
    if best is not None:  # name every language that has this word: "client" is English, Italian and French
        languages = [lang for lang, stems in QUESTION_WORDS[best[1]].items() if best[2] in (w.strip() for w in stems)]
        return best[1], f"matched {best[2]!r} ({', '.join(languages)})"
    return None, "no word of the question names a relation"


def respondent_header(text) -> bool:
    """Does a column header ask for the answering organisation?

    Examples
    --------
    >>> respondent_header("Nome dell'azienda"), respondent_header("Name")
    (True, False)
    """
    key = text_key(text)
    if not key or person_header(text):
        return False
    return any(key == w or key.startswith(w + " ") or key.endswith(" " + w) or f" {w} " in f" {key} "
               for w in RESPONDENT_WORDS)


def person_header(text) -> bool:
    """Does a column header ask for the person (name, e-mail), not the firm?

    Examples
    --------
    >>> person_header("First Name"), person_header("Company")
    (True, False)
    """
    return text_key(text) in _PERSON

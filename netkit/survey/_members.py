"""The cluster's member list, as facilitators keep it.

A member list is a sheet or CSV with at least the members' names and, where
known, an id, kind, sector, region, employees, turnover and other spellings.
Its columns may be headed in the usual spellings and languages ("Ragione
sociale", "Empresa", "Firma", "Mitarbeiter", "Dipendenti" ...). It becomes
the roster of a survey read from a form-tool export: every member is an actor
whether it answered or not, and the names respondents write are matched to it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import Problems
from ._files import Sheet, filled, read_sheets
from ._questions import text_key as _key

__all__ = ["MEMBER_COLUMNS", "read_members", "guess_kind", "member_sheet"]

# canonical column -> header keys (accents removed, lower case, single spaces)
MEMBER_COLUMNS = {
    "actor": ("actor", "actor id", "id", "code", "member id", "member code", "codice", "cod", "codigo", "kennung",
              "nr", "no", "n", "numero", "identifiant", "kod", "vat", "vat number", "partita iva", "p iva", "cif",
              "nif", "ust id", "siret", "nip"),
    "name": ("name", "firm", "firm name", "company", "company name", "organisation", "organization",
             "organisation name", "organization name", "member", "member name", "legal name", "business name",
             "ragione sociale", "denominazione", "azienda", "nome azienda", "impresa", "nome", "societa",
             "empresa", "nombre", "razon social", "nombre de la empresa", "entidad",
             "firma", "firmenname", "unternehmen", "name des unternehmens", "organisation", "einrichtung",
             "entreprise", "nom", "raison sociale", "societe", "organisme", "denomination",
             "nazwa", "nazwa firmy", "przedsiebiorstwo", "organizacja", "label"),
    "kind": ("kind", "type", "actor type", "member type", "category", "tipo", "tipologia", "categoria",
             "art", "typ", "kategorie", "categorie", "rodzaj", "typ podmiotu"),
    "sector": ("sector", "industry", "activity", "nace", "ateco", "settore", "attivita", "sector de actividad",
               "actividad", "branche", "wirtschaftszweig", "secteur", "activite", "sektor", "branza"),
    "region": ("region", "location", "area", "city", "town", "province", "county", "regione", "provincia",
               "comune", "citta", "localita", "sede", "ciudad", "localidad", "comunidad", "ort", "stadt",
               "bundesland", "landkreis", "standort", "ville", "departement", "commune", "miasto",
               "wojewodztwo", "miejscowosc", "powiat"),
    "employees": ("employees", "staff", "headcount", "employees n", "number of employees", "n employees",
                  "employees number", "fte", "workers", "dipendenti", "addetti", "n dipendenti", "numero dipendenti",
                  "numero di dipendenti", "empleados", "trabajadores", "numero de empleados", "plantilla",
                  "mitarbeiter", "beschaftigte", "anzahl mitarbeiter", "mitarbeiterzahl", "salaries", "effectif",
                  "effectifs", "nombre de salaries", "pracownicy", "liczba pracownikow", "zatrudnienie"),
    "turnover": ("turnover", "turnover meur", "turnover eur m", "revenue", "revenues", "sales", "fatturato",
                 "fatturato meur", "facturacion", "cifra de negocios", "ventas", "umsatz", "umsatz mio eur",
                 "chiffre d affaires", "ca", "obrot", "przychody", "przychod"),
    "balance_sheet": ("balance sheet", "balance sheet meur", "total assets", "totale attivo", "bilancio",
                      "activo total", "bilanzsumme", "total du bilan", "suma bilansowa"),
    "aliases": ("aliases", "alias", "other names", "also known as", "aka", "brand", "brands", "acronym",
                "abbreviation", "short name", "altri nomi", "sigla", "marchio", "otros nombres", "marca",
                "siglas", "kurzname", "andere namen", "marke", "autres noms", "sigle", "marque",
                "inne nazwy", "skrot", "marka"),
    "surveyed": ("surveyed", "asked", "invited", "in survey", "intervistato", "encuestado", "befragt",
                 "enquete", "ankietowany"),
}

_KIND_WORDS = {
    "firm": ("firm", "company", "enterprise", "business", "sme", "pmi", "impresa", "azienda", "empresa", "pyme",
             "unternehmen", "firma", "kmu", "entreprise", "societe", "pme", "przedsiebiorstwo", "msp",
             "manufacturer", "supplier", "large firm", "startup", "start up"),
    "university": ("university", "universita", "universidad", "universitat", "universite", "uniwersytet",
                   "uczelnia", "research", "research centre", "research center", "ricerca", "centro di ricerca",
                   "investigacion", "centro tecnologico", "forschung", "forschungseinrichtung", "hochschule",
                   "recherche", "laboratoire", "instytut badawczy", "politecnico", "polytechnic", "lab",
                   "laboratory", "rto", "academia"),
    "agency": ("agency", "agenzia", "agencia", "agentur", "agence", "agencja", "public body", "government",
               "ente pubblico", "chamber", "camera di commercio", "camara de comercio", "kammer", "ihk",
               "chambre de commerce", "izba", "association", "associazione", "asociacion", "verband",
               "federation", "support", "cluster organisation", "cluster organization", "incubator",
               "development agency", "public", "pubblico", "publico", "offentlich", "publique", "publiczny"),
    "other": ("other", "altro", "otro", "andere", "sonstige", "autre", "inne", "bank", "banca", "school",
              "scuola", "ngo"),
}
# words in a member's NAME that say its kind when the list has no kind column
_NAME_KINDS = (
    ("university", r"\b(universit\w*|uniwersytet\w*|politecnic\w*|politechni\w*|polytechn\w*|hochschule|"
                   r"fraunhofer|cnr|csic|cnrs|inria|research (centre|center|institute)|centro (di|de) "
                   r"(ricerca|investigaci\w+)|instytut\w*|istituto (di|italiano di) \w+|"
                   r"forschungs\w*|technische universit\w*|ecole|escuela tecnica)\b"),
    ("agency", r"\b(agenzi\w+|agenc\w+|agentur|agencj\w+|chamber|camera di commercio|c[aá]mara de comercio|"
               r"handelskammer|handwerkskammer|ihk|chambre de commerce|izba|confindustria|"
               r"development (agency|board)|region\w* (authority|council)|comune di|ayuntamiento|"
               r"municipality|ministry|ministero|ministerio|ministerium)\b"),
)


def guess_kind(value=None, name=None) -> tuple[str | None, str]:
    """The kind of a member (firm, university, agency, other) and why.

    Parameters
    ----------
    value : str, optional
        The member list's kind/type cell, in any of six languages.
    name : str, optional
        The member's name, read when ``value`` is empty ("Politecnico di
        Milano" is a university).

    Returns
    -------
    (kind, why)
        ``kind`` is None when ``value`` is given but not understood.

    Examples
    --------
    >>> guess_kind("Università")
    ('university', "kind 'Università'")
    >>> guess_kind(None, "Camera di Commercio di Modena")
    ('agency', "name says 'camera di commercio'")
    >>> guess_kind(None, "Officine Rossi S.r.l.")
    ('firm', 'no kind given: a firm')
    """
    if filled(value):
        key = _key(value)
        for kind, words in _KIND_WORDS.items():
            if key in words or key.rstrip("s") in words:
                return kind, f"kind {str(value).strip()!r}"
        for kind, words in _KIND_WORDS.items():
            if any(re.search(rf"\b{re.escape(w)}", key) for w in words if len(w) > 3):
                return kind, f"kind {str(value).strip()!r}"
        return None, f"kind {str(value).strip()!r} not understood"
    if filled(name):
        key = _key(name)
        for kind, pattern in _NAME_KINDS:
            found = re.search(pattern, key)
            if found:
                return kind, f"name says {found.group(0)!r}"
    return "firm", "no kind given: a firm"


def _header_map(header: list) -> tuple[dict[int, str], list[str]]:
    lookup = {w: canon for canon, words in MEMBER_COLUMNS.items() for w in words}
    columns: dict[int, str] = {}
    unused = []
    for j, h in enumerate(header):
        if not filled(h):
            continue
        canon = lookup.get(_key(h))
        if canon is None or canon in columns.values():
            unused.append(str(h))
            canon = _key(h).replace(" ", "_") or f"column_{j + 1}"
            if canon in columns.values():
                continue
        columns[j] = canon
    return columns, unused


def member_sheet(sheets: list[Sheet]) -> Sheet | None:
    """The sheet of a workbook that holds the member list (a name column), if any."""
    for sheet in sheets:
        header = next((r for r in sheet.rows if any(filled(v) for v in r)), None)
        if header and "name" in _header_map(header)[0].values():
            return sheet
    return None


def read_members(source, problems: Problems) -> tuple[list[dict], str]:
    """Roster records from a member list file or DataFrame.

    Parameters
    ----------
    source : str, Path, DataFrame or (sheets, file)
        An .xlsx/.ods/.csv member list (the first sheet with a name column),
        a DataFrame with such columns, or the sheets of a list already read
        with the file's name.
    problems : Problems
        Where problems are recorded (kinds guessed, columns not understood,
        repeated names).

    Returns
    -------
    (records, sheet name)
        Records keyed ``actor``, ``name``, ``kind``, ``sector`` ... as an
        actors sheet is read, with ``_row`` the spreadsheet row. The id is the
        list's id column, or the name as written when there is none.
    """
    if isinstance(source, tuple):  # (sheets, file name): a member list already read
        sheets, file = source
    elif isinstance(source, pd.DataFrame):
        frame = source.reset_index() if source.index.name is not None else source
        rows = [list(frame.columns)] + [[None if not filled(v) else v for v in r]
                                        for r in frame.itertuples(index=False)]
        sheets = [Sheet("members", "<members DataFrame>", rows)]
        file = None
    else:
        sheets, file = read_sheets(Path(source)), str(source)
    sheet = member_sheet(sheets)
    where = dict(file=file)
    if sheet is None:
        first = next((r for s in sheets for r in s.rows if any(filled(v) for v in r)), [])
        found = ", ".join(str(h) for h in first if filled(h)) or "none"
        problems.error("the member list has no column of member names: head it 'name' (or Company, Ragione "
                       f"sociale, Empresa, Firma, Entreprise, Nazwa firmy). Columns found: {found}.", **where)
        return [], ""
    for note in getattr(sheet, "notes", []) or []:
        severity, text = note if isinstance(note, tuple) else ("info", note)
        problems.add(severity, f"member list: {text}", sheet=sheet.name, **where)
    rows = sheet.rows
    start = next(i for i, r in enumerate(rows) if any(filled(v) for v in r))
    columns, unused = _header_map(rows[start])
    canon = set(columns.values())
    read_as = {str(rows[start][j]): c for j, c in columns.items() if c in MEMBER_COLUMNS and _key(rows[start][j]) != c}
    if read_as:
        problems.info("member list columns read as: " + ", ".join(f"{h!r} as {c}" for h, c in read_as.items())
                      + ".", sheet=sheet.name, row=start + 1, **where)
    if unused:
        problems.info(f"member list columns kept as attributes: {', '.join(unused)}.", sheet=sheet.name,
                      row=start + 1, **where)
    records = []
    seen: dict[str, int] = {}
    guessed: dict[str, list[str]] = {}
    for i in range(start + 1, len(rows)):
        row = rows[i]
        if not any(filled(v) for v in row):
            continue
        rec = {columns[j]: (row[j] if filled(row[j]) else None) for j in columns if j < len(row)}
        rec["_row"] = i + 1
        rec["_decimal"] = getattr(sheet, "decimal", None)  # the CSV's decimal mark: "1.250" is 1250 with ","
        name = rec.get("name")
        if not filled(name):
            if any(filled(v) for k, v in rec.items() if k != "_row"):
                problems.warning("this member has no name; it is left out of the roster.", sheet=sheet.name,
                                 row=i + 1, **where)
            continue
        name = " ".join(str(name).split())
        rec["name"] = name
        if "actor" not in canon or not filled(rec.get("actor")):
            rec["actor"] = name
        low = name.casefold()
        if low in seen:
            problems.warning(f"member {name!r} is listed twice (also on row {seen[low]}); the second row is "
                             "left out.", sheet=sheet.name, row=i + 1, **where)
            continue
        seen[low] = i + 1
        kind, why = guess_kind(rec.get("kind"), name)
        if kind is None:
            problems.warning(f"{why}: write firm, university, agency or other; read as a firm.",
                             sheet=sheet.name, row=i + 1, column="kind", **where)
            kind = "firm"
        elif not filled(rec.get("kind")) and kind != "firm":
            guessed.setdefault(kind, []).append(name)
        rec["kind"] = kind
        if filled(rec.get("aliases")):
            rec["aliases"] = "; ".join(a.strip() for a in re.split(r"[;|\n]", str(rec["aliases"])) if a.strip())
        records.append(rec)
    for kind, names in guessed.items():
        problems.info(f"{len(names)} member(s) read as {kind} from their name: {', '.join(names[:8])}"
                      f"{' ...' if len(names) > 8 else ''}. Add a 'kind' column to say otherwise.",
                      sheet=sheet.name, column="kind", **where)
    if "kind" not in canon:
        problems.info("the member list has no kind column: members are firms unless their name says "
                      "university or agency.", sheet=sheet.name, **where)
    if not records:
        problems.error("the member list has a header but no members below it.", sheet=sheet.name,
                       row=start + 2, **where)
    return records, sheet.name

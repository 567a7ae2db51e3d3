"""Kumu workbooks (kumu.io): sheets ``Elements`` and ``Connections`` read as a survey.

Kumu imports and exports a map as a workbook (or a pair of CSV files
``elements.csv`` / ``connections.csv``) with:

* ``Elements``: ``Label`` (required, column A), ``Type``, ``Description``,
  ``Tags`` and any custom field (``Sector``, ``Region``, ``Employees`` ...);
  an optional ``ID`` that connections may use instead of the label;
* ``Connections``: ``From`` and ``To`` (element labels or IDs, required),
  ``Type``, ``Direction`` (``directed``, ``mutual`` or ``undirected``;
  Kumu's default is directed), ``Strength``, ``Tags``, ``Label``,
  ``Description`` and custom fields.

Several values in one cell are joined by ``|``: tags, several ``To``
elements (one connection to each) and several types (one tie per type).

A Kumu map has no respondents: every connection is read as a report by its
``From`` element about its ``To`` element, the relation is the connection
type, and the direction of each type is stated (see
:func:`describe_connection_types`). Nobody answered a questionnaire, so a
survey read from Kumu has no response rate (NaN).
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from rapidfuzz import fuzz, process

from ..errors import Problems
from ._files import Sheet
from ._layouts import RawSurvey, Report
from ._names import normalise_name
from ._relations import parse_direction

__all__ = ["is_kumu", "kumu_to_raw", "describe_connection_types", "KUMU_LAYOUT"]

KUMU_LAYOUT = "kumu"

# The kind of an element from the words of its Kumu Type (the last word that tells wins:
# "University spin-off company" is a firm, "Research lab" a university).
_KIND_WORDS = {
    "firm": ("company", "companies", "firm", "firms", "business", "businesses", "sme", "smes",
             "enterprise", "enterprises", "startup", "start_up", "impresa", "azienda", "unternehmen",
             "empresa", "entreprise"),
    "university": ("university", "universities", "research", "lab", "labs", "laboratory", "college",
                   "polytechnic", "politecnico", "universita", "università", "universität", "universitat",
                   "universidad", "université", "hochschule"),
    "agency": ("agency", "agencies", "government", "chamber", "chambers", "association", "associations",
               "ministry", "municipality", "agenzia", "agentur", "verband", "camera"),
}
_KIND_OF_WORD = {w: kind for kind, words in _KIND_WORDS.items() for w in words}

# Element columns that become the standard actor attributes.
_ELEMENT_COLUMNS = {"sector": "sector", "industry": "sector", "region": "region", "location": "region",
                    "city": "region", "employees": "employees", "staff": "employees", "headcount": "employees",
                    "turnover": "turnover", "description": "description", "tags": "tags", "aliases": "aliases"}
# Actor fields netkit computes or needs: a custom column of that name keeps a "kumu_" prefix.
_ACTOR_RESERVED = {"actor", "name", "kind", "responded", "in_cluster", "size_class", "size_basis", "is_sme",
                   "id", "type", "balance_sheet"}
# Tie columns netkit fills: a custom connection column of that name keeps a "kumu_" prefix.
_TIE_RESERVED = {"respondent", "partner", "relation", "tie", "source", "target", "directed", "strength",
                 "partner_as_written", "sheet", "row", "id", "question", "column"}

# What a connection type says, From A To B. Phrases are compared as normalised keys.
_FORWARD = {"supplies", "supplies_to", "supplier", "supplier_of", "supplier_to", "sells", "sells_to",
            "delivers", "delivers_to", "provides", "provides_to", "fornisce", "fornisce_a", "fornitore",
            "fornitore_di", "vende", "vende_a", "liefert", "liefert_an", "lieferant", "lieferant_von",
            "suministra", "suministra_a", "proveedor", "proveedor_de", "fournit", "fournisseur",
            "fournisseur_de", "trade", "sale", "sales", "sells_goods_to"}
_FORWARD_FIRST = {"supplies", "sells", "delivers", "fornisce", "vende", "liefert", "suministra", "fournit"}
_REVERSE = {"buys", "buys_from", "purchases", "purchases_from", "customer", "customer_of", "client",
            "client_of", "compra", "compra_da", "cliente", "cliente_di", "kauft", "kauft_bei", "kunde",
            "kunde_von", "acquista", "acquista_da", "achete", "achète", "achète_à", "compra_a", "cliente_de"}
_REVERSE_FIRST = {"buys", "purchases", "compra", "kauft", "acquista", "achète", "achete"}
_AMBIGUOUS = {"supplier", "customer", "client", "fornitore", "cliente", "lieferant", "kunde", "proveedor",
              "fournisseur"}
_UNDIRECTED_WORDS = {"collaborates", "collaborate", "collaboration", "collaborating", "partner", "partners",
                     "partnership", "partnering", "cooperation", "cooperates", "cooperate", "co_operation",
                     "cooperating", "research", "collabora", "collaborazione", "cooperazione", "kooperation",
                     "zusammenarbeit", "kooperiert", "colaboración", "colaboracion", "coopération",
                     "joint_project", "joint_projects", "alliance"}
_BUILTIN_UNDIRECTED = {"university": "university", "agency": "agency"}

_TRUE = {"yes", "y", "true", "1", "directed", "si", "sì", "ja", "oui"}
_FALSE = {"no", "n", "false", "0", "undirected", "nein", "non"}


def _filled(value) -> bool:
    if value is None or (isinstance(value, float) and value != value):
        return False
    return not (isinstance(value, str) and not value.strip())


def _key(value) -> str:
    """The normalised name of a column or type (same rule as the survey sheets' headers)."""
    return "_".join(str(value).strip().lower().replace("-", " ").replace("/", " ").split())


def _col(j: int, header=None) -> str:
    letter = get_column_letter(j + 1)
    return f"{letter} ({header})" if _filled(header) else letter


def _split(value) -> list[str]:
    """The values of a Kumu cell, several joined by ``|``."""
    if not _filled(value):
        return []
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return [part.strip() for part in str(value).split("|") if part.strip()]


def _rows_of(rows: list) -> str:
    """'row 9' or 'rows 2, 7, 9' (the first ten, then how many more)."""
    shown = ", ".join(str(r) for r in rows[:10])
    return ("row " if len(rows) == 1 else "rows ") + shown + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")


def is_kumu(sheets) -> bool:
    """Is this a Kumu workbook (sheets ``Elements`` and ``Connections``)?

    Names are compared without case and spaces, so ``elements.csv`` and
    ``connections.csv`` in a folder count too. A workbook with a
    ``Connections`` sheet alone counts when that sheet starts with the
    columns ``From`` and ``To`` (Kumu creates the elements from the labels).

    Parameters
    ----------
    sheets : list of netkit.survey._files.Sheet

    Returns
    -------
    bool

    Examples
    --------
    >>> from netkit.survey._files import Sheet
    >>> is_kumu([Sheet("Elements", "map.xlsx", [["Label"]]),
    ...          Sheet("Connections", "map.xlsx", [["From", "To"]])])
    True
    >>> is_kumu([Sheet("actors", "s.xlsx", [["actor"]]), Sheet("ties", "s.xlsx", [["respondent"]])])
    False
    """
    keys = {s.key: s for s in sheets}
    if "connections" not in keys:
        return False
    if "elements" in keys:
        return True
    header = next((r for r in keys["connections"].rows if any(_filled(v) for v in r)), [])
    names = [_key(v) for v in header if _filled(v)]
    return names[:2] == ["from", "to"]


def _header(sheet: Sheet, required: tuple, problems: Problems):
    """(header row index, {column index: key}) of a Kumu sheet, or (None, {}) after an error."""
    rows = sheet.rows
    start = next((i for i, r in enumerate(rows) if any(_filled(v) for v in r)), None)
    if start is None:
        problems.error(f"the {sheet.name} sheet is empty: it needs a header row ({', '.join(required)} ...) "
                       "and one row per entry.", sheet=sheet.name)
        return None, {}
    columns: dict[int, str] = {}
    for j, h in enumerate(rows[start]):
        if not _filled(h):
            continue
        key = _key(h)
        if key in columns.values():
            first = next(i for i, k in columns.items() if k == key)
            problems.error(f"two columns are headed {str(h).strip()!r} ({get_column_letter(first + 1)} and "
                           f"{get_column_letter(j + 1)}); rename or delete one.",
                           sheet=sheet.name, row=start + 1, column=_col(j, h))
            continue
        columns[j] = key
    found = ", ".join(str(h).strip() for h in rows[start] if _filled(h))
    missing = [c for c in required if c.lower() not in columns.values()]
    for c in missing:
        problems.error(f"the {sheet.name} sheet has no {c!r} column (found: {found}). Kumu needs it: "
                       f"add a column headed {c!r}.", sheet=sheet.name, row=start + 1)
    return (None, {}) if missing else (start, columns)


def _kind_of(type_value, element_kinds: dict) -> tuple[str, bool]:
    """(kind, understood) of an element's Kumu Type."""
    key = _key(type_value) if _filled(type_value) else ""
    if key in element_kinds:
        return element_kinds[key], True
    kind = None
    for word in key.replace("_", " ").replace("&", " ").split():
        kind = _KIND_OF_WORD.get(word, kind)
    if kind is None and key in _KIND_OF_WORD:
        kind = _KIND_OF_WORD[key]
    if key in ("firm", "university", "agency", "other"):
        kind = key
    return (kind, True) if kind else ("other", False)


def _elements(sheet: Sheet, problems: Problems, element_kinds: dict):
    """Actor records from the Elements sheet, and {label, id or spelling: label}."""
    start, columns = _header(sheet, ("Label",), problems)
    if start is None:
        return [], {}, set()
    labels = {j: h for j, h in enumerate(sheet.rows[start])}
    label_col = next(j for j, k in columns.items() if k == "label")
    records: list[dict] = []
    names: dict[str, str] = {}  # exact label, its casefold, its normalised form, its ID -> label
    first_row: dict[str, int] = {}
    unknown_types: dict[str, list] = {}
    no_type: list[int] = []
    taken = set()  # standard attribute names already filled by an earlier column (Region before City)
    mapped: dict[int, str] = {}
    for j, key in columns.items():
        if j == label_col:
            continue
        if key == "type":
            mapped[j] = "kumu_type"
            continue
        if key == "id":
            mapped[j] = "kumu_id"
            continue
        target = _ELEMENT_COLUMNS.get(key)
        if target and target not in taken:
            taken.add(target)
            mapped[j] = target
        else:
            mapped[j] = f"kumu_{key}" if key in _ACTOR_RESERVED else key
    for i in range(start + 1, len(sheet.rows)):
        row = sheet.rows[i]
        if not any(_filled(v) for v in row):
            continue
        label = row[label_col] if label_col < len(row) else None
        where = dict(sheet=sheet.name, row=i + 1)
        if not _filled(label):
            problems.warning("this element has no Label, so no connection can name it; row skipped. "
                             "Give it a label (or delete the row).", column=_col(label_col, labels[label_col]),
                             **where)
            continue
        if isinstance(label, float) and label.is_integer():
            label = int(label)
        label = " ".join(str(label).split())
        if label in first_row:
            problems.error(f"two elements are labelled {label!r} (rows {first_row[label]} and {i + 1}): netkit "
                           "needs one element per label. Rename one, or merge the two rows.",
                           column=_col(label_col, labels[label_col]), **where)
            continue
        first_row[label] = i + 1
        rec = {"actor": label}
        for j, name in mapped.items():
            value = row[j] if j < len(row) else None
            rec[name] = value if _filled(value) else None
        kind, understood = _kind_of(rec.get("kumu_type"), element_kinds)
        rec["kind"] = kind
        if not _filled(rec.get("kumu_type")):
            no_type.append(i + 1)
        elif not understood:
            unknown_types.setdefault(str(rec["kumu_type"]).strip(), []).append(i + 1)
        rec["_row"] = i + 1
        records.append(rec)
        for spelling in (label, label.casefold(), normalise_name(label)):
            names.setdefault(spelling, label)
        if _filled(rec.get("kumu_id")):
            names.setdefault(" ".join(str(rec["kumu_id"]).split()), label)
    type_col = next((j for j, k in columns.items() if k == "type"), None)
    for type_value, rows in unknown_types.items():
        problems.info(f"element Type {type_value!r} ({_rows_of(rows)}) is read as kind 'other': netkit "
                      "reads company, firm, business or SME as firm; university, research or lab as university; "
                      "agency, government, chamber or association as agency. Change the Type, or map it "
                      f"with element_kinds={{{type_value!r}: 'firm'}}.",
                      sheet=sheet.name, row=rows[0], column=_col(type_col, labels.get(type_col)))
    if no_type:
        problems.info(f"{len(no_type)} element(s) have no Type ({_rows_of(no_type)}) and are read as kind "
                      "'other'. Give them a Type such as Company, University or Agency.",
                      sheet=sheet.name, row=no_type[0],
                      column=_col(type_col, labels.get(type_col)) if type_col is not None else None)
    return records, names, set(first_row)


def _classify_type(key: str) -> dict | None:
    """How a connection type reads From A To B, or None when netkit cannot tell."""
    words = key.split("_")
    if key in _BUILTIN_UNDIRECTED:
        tie = _BUILTIN_UNDIRECTED[key]
        return {"tie": tie, "directed": False, "partner_is_source": False,
                "why": f"{key!r} is a collaboration with a{'n' if tie == 'agency' else ''} {tie}: "
                       f"an undirected {tie} tie"}
    if key in _FORWARD or words[0] in _FORWARD_FIRST:
        extra = (" (a bare 'supplier' is read as 'supplier of')" if key in _AMBIGUOUS else "")
        return {"tie": "trade", "directed": True, "partner_is_source": False,
                "why": f"From {key.replace('_', ' ')} To: From sells to To, a trade tie From -> To{extra}"}
    if key in _REVERSE or words[0] in _REVERSE_FIRST:
        extra = (f" (a bare {key!r} is read as '{key} of')" if key in _AMBIGUOUS else "")
        return {"tie": "trade", "directed": True, "partner_is_source": True,
                "why": f"From {key.replace('_', ' ')} To: To sells to From, a trade tie To -> From{extra}"}
    if key in _UNDIRECTED_WORDS or any(w in _UNDIRECTED_WORDS for w in words):
        return {"tie": "collaboration", "directed": False, "partner_is_source": False,
                "why": f"{key.replace('_', ' ')!r} is a collaboration: an undirected collaboration tie"}
    return None


def _parse_flag(value):
    if isinstance(value, bool):
        return value
    if not _filled(value):
        return None
    key = str(value).strip().lower()
    return True if key in _TRUE else False if key in _FALSE else "bad"


def _user_types(connection_types, problems: Problems) -> dict:
    """The connection_types mapping, checked, as {type key: reading}."""
    out = {}
    for name, spec in (connection_types or {}).items():
        label = f"connection_types[{name!r}]"
        if isinstance(spec, str):
            spec = {"tie": spec}
        if not isinstance(spec, dict):
            problems.error(f"{label} must be a dict with 'tie', 'directed' and 'direction', "
                           f"not {spec!r}.")
            continue
        unknown = sorted(set(spec) - {"tie", "directed", "direction"})
        if unknown:
            problems.error(f"{label} has unknown keys {', '.join(map(repr, unknown))}: use 'tie', 'directed' "
                           "(yes or no) and 'direction' (respondent_to_partner, From -> To, or "
                           "partner_to_respondent, To -> From).")
            continue
        directed = _parse_flag(spec.get("directed"))
        if directed == "bad":
            problems.error(f"{label}: directed must be yes or no, not {spec['directed']!r}.")
            continue
        direction = spec.get("direction")
        text = _key(direction) if _filled(direction) else ""
        if text in ("from_to", "from_>_to", "from->to"):
            partner_is_source = False
        elif text in ("to_from", "to_>_from", "to->from"):
            partner_is_source = True
        else:
            partner_is_source = parse_direction(direction)
        if partner_is_source is None:
            problems.error(f"{label}: direction {direction!r} is not understood: write respondent_to_partner "
                           "(From -> To) or partner_to_respondent (To -> From).")
            continue
        tie = _key(spec["tie"]) if _filled(spec.get("tie")) else None
        out[_key(name) if _filled(name) else ""] = {"tie": tie, "directed": directed,
                                                    "partner_is_source": partner_is_source,
                                                    "given": {k: spec[k] for k in spec}}
    return out


def kumu_to_raw(sheets, problems: Problems, *, connection_types: dict | None = None,
                element_kinds: dict | None = None) -> RawSurvey:
    """Read a Kumu workbook into the reports every survey layout produces.

    Parameters
    ----------
    sheets : list of netkit.survey._files.Sheet
        The sheets of the workbook (or the CSV files of a folder); the
        ``Elements`` and ``Connections`` sheets are read, others are noted.
    problems : netkit.errors.Problems
        Collects every problem, with the sheet, row and column.
    connection_types : dict, optional
        How to read connection types netkit cannot classify, or to read a
        type otherwise: ``{type: {"tie": ..., "directed": "yes" | "no",
        "direction": "respondent_to_partner" | "partner_to_respondent"}}``
        (respondent = From, partner = To). A string value is a tie name.
    element_kinds : dict, optional
        ``{element Type: kind}`` for Types netkit does not recognise
        (kind: firm, university, agency or other).

    Returns
    -------
    RawSurvey
        ``layout = "kumu"``; actors from Elements (actor id = Label), one
        :class:`Report` per connection and type (From = respondent, To =
        partner; a ``mutual`` connection of a directed type is two reports,
        one each way), and one relation record per connection type in
        ``raw.relations`` (see :func:`describe_connection_types`).

    Examples
    --------
    >>> from netkit.errors import Problems
    >>> from netkit.survey._files import Sheet
    >>> elements = Sheet("Elements", "map.xlsx", [["Label", "Type"], ["Rossi", "Company"],
    ...                                           ["Bianchi", "Company"], ["Politecnico", "University"]])
    >>> connections = Sheet("Connections", "map.xlsx", [["From", "To", "Type"],
    ...                     ["Rossi", "Bianchi", "supplies"], ["Bianchi", "Politecnico", "research"]])
    >>> raw = kumu_to_raw([elements, connections], Problems())
    >>> [(r.respondent, r.partner, r.relation) for r in raw.reports]
    [('Rossi', 'Bianchi', 'supplies'), ('Bianchi', 'Politecnico', 'research')]
    >>> [(t["type"], t["tie"], t["directed"], t["direction"]) for t in describe_connection_types(raw)]
    [('supplies', 'trade', True, 'respondent_to_partner'), ('research', 'collaboration', False, '')]
    """
    by_key: dict[str, Sheet] = {}
    for s in sheets:
        by_key.setdefault(s.key, s)
    raw = RawSurvey(layout=KUMU_LAYOUT, actors=None, actors_sheet=None, relations=[], relations_sheet=None,
                    reports=[])
    kinds = {}
    for name, kind in (element_kinds or {}).items():
        if _key(kind) not in ("firm", "university", "agency", "other"):
            problems.error(f"element_kinds[{name!r}] is {kind!r}: use firm, university, agency or other.")
            continue
        kinds[_key(name)] = _key(kind)
    user = _user_types(connection_types, problems)
    for s in sheets:
        if s.key not in ("elements", "connections") and not s.is_empty():
            problems.info(f"sheet {s.name!r} was ignored: a Kumu workbook is read from its Elements and "
                          "Connections sheets.", sheet=s.name)
    elements = by_key.get("elements")
    connections = by_key.get("connections")
    if connections is None:
        problems.error("a Kumu workbook needs a 'Connections' sheet (columns From and To, one row per "
                       "connection).")
        return raw
    if elements is not None:
        raw.actors, names, known = _elements(elements, problems, kinds)
        raw.actors_sheet = elements.name
    else:
        raw.actors, names, known = [], {}, set()
        raw.actors_sheet = connections.name
        problems.info("no Elements sheet: the elements are the labels in From and To, each of kind 'other'.",
                      sheet=connections.name)
    start, columns = _header(connections, ("From", "To"), problems)
    if start is None:
        return raw
    header = connections.rows[start]
    col = {k: j for j, k in columns.items()}
    where_col = {k: _col(j, header[j]) for k, j in col.items()}
    extra_cols = {j: (f"kumu_{k}" if k in _TIE_RESERVED else k) for j, k in columns.items()
                  if k not in ("from", "to", "type", "direction", "strength")}
    raw.relations_sheet = connections.name

    unknown: dict[str, dict] = {}  # label -> {"rows": [...], "column": ..., "hint": ...}
    added: dict[str, dict] = {}
    labels_normal = {normalise_name(lab): lab for lab in known}

    def element(written, rownum, which):
        text = " ".join(str(int(written) if isinstance(written, float) and written.is_integer() else written).split())
        for spelling in (text, text.casefold(), normalise_name(text)):
            if spelling in names:
                return names[spelling]
        if elements is not None:  # without an Elements sheet every label is an element (said once)
            entry = unknown.setdefault(text, {"rows": [], "column": where_col[which], "hint": None})
            entry["rows"].append(rownum)
        if text not in added:
            if labels_normal and elements is not None:
                best = process.extractOne(normalise_name(text), list(labels_normal), scorer=fuzz.ratio,
                                          score_cutoff=80)
                entry["hint"] = labels_normal[best[0]] if best else None
            added[text] = {"actor": text, "kind": "other", "_row": None}
        return text

    types: dict[str, dict] = {}  # type key -> reading and bookkeeping, in order of first use
    pairs = []  # (rownum, from, to, [type keys], direction, strength, extra)
    for i in range(start + 1, len(connections.rows)):
        row = connections.rows[i]
        if not any(_filled(v) for v in row):
            continue
        rownum = i + 1
        where = dict(sheet=connections.name, row=rownum)

        def cell(name):
            j = col.get(name)
            return row[j] if j is not None and j < len(row) else None

        sources, targets = _split(cell("from")), _split(cell("to"))
        if not sources or not targets:
            which = "from" if not sources else "to"
            problems.warning(f"this connection has no {'From' if which == 'from' else 'To'} element, so it "
                             "cannot be drawn; row skipped. Fill in the element's label (or delete the row).",
                             column=where_col[which], **where)
            continue
        type_keys = []
        for written in _split(cell("type")) or [""]:
            key = _key(written)
            if key not in type_keys:
                type_keys.append(key)
            if key not in types:
                types[key] = {"written": written or "(no Type)", "row": rownum, "count": 0,
                              "directions": {}, "undirected_rows": []}
        direction = cell("direction")
        dkey = _key(direction) if _filled(direction) else ""
        if dkey not in ("", "directed", "undirected", "mutual"):
            problems.warning(f"Direction {str(direction).strip()!r} is not one of Kumu's directed, mutual or "
                             "undirected; read as directed (From -> To).", column=where_col["direction"], **where)
            dkey = "directed"
        strength = cell("strength")
        if _filled(strength) and not isinstance(strength, (int, float)):
            try:
                float(str(strength).strip().replace(",", "."))
            except ValueError:
                problems.warning(f"Strength {str(strength).strip()!r} is not a number; the connection is kept "
                                 "without a strength (its text is kept in 'strength_as_written'). Write a number "
                                 "for the strength.", column=where_col["strength"], **where)
                strength = None
        extra = {name: (row[j] if j < len(row) and _filled(row[j]) else None) for j, name in extra_cols.items()}
        if _filled(cell("strength")) and strength is None:
            extra["strength_as_written"] = str(cell("strength")).strip()
        for a_written in sources:
            a = element(a_written, rownum, "from")
            for b_written in targets:
                b = element(b_written, rownum, "to")
                if a == b:
                    problems.warning(f"connection from {a!r} to itself: self-loops are dropped.",
                                     column=where_col["to"], **where)
                    continue
                for key in type_keys:
                    types[key]["count"] += 1
                    types[key]["directions"][dkey] = types[key]["directions"].get(dkey, 0) + 1
                    if dkey == "undirected":
                        types[key]["undirected_rows"].append(rownum)
                pairs.append((rownum, a, b, type_keys, dkey, strength, extra))

    for text, entry in unknown.items():
        hint = f" Did you mean {entry['hint']!r}?" if entry["hint"] else ""
        problems.warning(f"{text!r} is not the Label (or ID) of any element ({_rows_of(entry['rows'])}): "
                         f"kept as an element of kind 'other', as Kumu does.{hint} Add it to the Elements sheet, "
                         "or correct the label.", sheet=connections.name, row=entry["rows"][0],
                         column=entry["column"])
    if added and elements is not None:
        raw.actors = list(raw.actors) + list(added.values())
    elif added:
        raw.actors = list(added.values())

    for key, t in types.items():
        reading = _classify_type(key) if key else None
        why = reading["why"] if reading else None
        given = user.get(key) or (user.get("connection") if not key else None)
        if given is not None:
            base = reading or {"tie": key or "connection", "directed": True, "partner_is_source": False}
            reading = {"tie": given["tie"] or base["tie"],
                       "directed": base["directed"] if given["directed"] is None else given["directed"],
                       "partner_is_source": (given["partner_is_source"] if "direction" in given["given"]
                                             else base["partner_is_source"])}
            why = f"from connection_types: {given['given']}"
        elif reading is None:
            marked = {d: n for d, n in t["directions"].items() if d}
            directed = not marked or any(d != "undirected" for d in marked)
            reading = {"tie": key or "connection", "directed": directed, "partner_is_source": False}
            said = ("Kumu's Direction column says undirected" if not directed
                    else "Kumu's Direction column says directed" if marked else "Kumu's default, directed")
            why = (f"type {t['written']!r} is not one netkit knows: read as its own tie {reading['tie']!r}, "
                   + ("undirected" if not directed else "directed From -> To") + f" ({said})")
            name = t["written"] if key else "connection"
            problems.info(
                (f"{t['count']} connection(s) have no Type:" if not key else
                 f"connection type {t['written']!r} ({t['count']} connection(s))")
                + f" read as tie {reading['tie']!r}, " + ("undirected" if not directed else "directed From -> To")
                + f" ({said}). To read it otherwise pass connection_types={{{name!r}: "
                "{'tie': 'trade', 'directed': 'yes', 'direction': 'respondent_to_partner'}} (or "
                "'partner_to_respondent' for To -> From; 'directed': 'no' for a collaboration).",
                sheet=connections.name, row=t["row"], column=where_col.get("type"))
        t.update(reading, why=why)
        if reading["directed"] and t["undirected_rows"]:
            problems.info(f"{len(t['undirected_rows'])} connection(s) of type {t['written']!r} are undirected in "
                          f"Kumu ({_rows_of(t['undirected_rows'])}) but the type is directed: read From -> To "
                          "as the type says.", sheet=connections.name, row=t["undirected_rows"][0],
                          column=where_col.get("direction"))
        relation = key or "connection"
        raw.relations.append({
            "relation": relation, "tie": reading["tie"], "directed": "yes" if reading["directed"] else "no",
            "direction": ("partner_to_respondent" if reading["partner_is_source"] else "respondent_to_partner")
            if reading["directed"] else "",
            "description": why, "_row": t["row"], "_sheet": connections.name,
            "type": t["written"], "why": why, "count": t["count"]})
    for name in user:
        if name not in types and not (name == "connection" and "" in types):
            problems.info(f"connection_types names the type {name!r}, which no connection has; it was not used.",
                          sheet=connections.name)

    for rownum, a, b, type_keys, dkey, strength, extra in pairs:
        for key in type_keys:
            relation = key or "connection"
            raw.reports.append(Report(a, b, relation, strength, connections.name, rownum, where_col["to"],
                                      where_col.get("strength"), dict(extra)))
            if dkey == "mutual" and types[key]["directed"]:
                raw.reports.append(Report(b, a, relation, strength, connections.name, rownum, where_col["from"],
                                          where_col.get("strength"), dict(extra)))
    return raw


def describe_connection_types(raw: RawSurvey) -> list[dict]:
    """How each Kumu connection type was read: one dict per type.

    Keys: ``type`` (as written in Kumu), ``tie`` (the relation in the
    network), ``directed``, ``direction`` (``respondent_to_partner`` = From
    -> To, ``partner_to_respondent`` = To -> From, empty when undirected),
    ``why`` and ``count`` (connections of that type).

    Examples
    --------
    >>> from netkit.errors import Problems
    >>> from netkit.survey._files import Sheet
    >>> sheets = [Sheet("Elements", "m.xlsx", [["Label"], ["A"], ["B"]]),
    ...           Sheet("Connections", "m.xlsx", [["From", "To", "Type"], ["A", "B", "buys from"]])]
    >>> info = describe_connection_types(kumu_to_raw(sheets, Problems()))
    >>> info[0]["tie"], info[0]["direction"], info[0]["count"]
    ('trade', 'partner_to_respondent', 1)
    """
    return [{"type": rec.get("type", rec["relation"]), "tie": rec["tie"], "directed": rec["directed"] == "yes",
             "direction": rec["direction"], "why": rec.get("why", rec.get("description", "")),
             "count": rec.get("count", 0)}
            for rec in raw.relations]

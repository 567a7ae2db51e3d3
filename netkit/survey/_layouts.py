"""The three survey layouts, read into one list of reports.

* long: sheets ``actors`` and ``ties`` (one row per reported tie);
* matrix: one roster matrix per relation (respondents down the side, roster
  members across the top, a mark or a strength in each cell);
* form: an online-form export, one row per respondent and one column per
  question, several partner names in a cell, with a ``questions`` mapping.

Each parser turns cells into :class:`Report` objects that still hold the names
as written; resolving names, relations and strengths is done once for all
layouts in ``_assemble``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from rapidfuzz import fuzz, process

from ._files import Sheet
from ._files import filled as _filled
from ._names import normalise_name, split_names
from ._relations import BUILTIN_RELATIONS
from ..errors import Problems

__all__ = ["Report", "RawSurvey", "parse_sheets", "LAYOUTS", "TIE_COLUMNS", "header_key"]

LAYOUTS = ("long", "matrix", "form")
RESERVED_SHEETS = {"actors", "ties", "relations", "questions", "instructions", "readme",
                   "read_me", "notes", "about", "lists", "responses"}

ACTOR_COLUMNS = {
    "actor": ("actor", "actor_id", "id", "code"),
    "name": ("name", "actor_name", "firm_name", "company"),
    "kind": ("kind", "type", "actor_type"),
    "sector": ("sector", "industry"),
    "region": ("region", "location", "area"),
    "employees": ("employees", "staff", "headcount", "employees_n"),
    "turnover": ("turnover", "turnover_meur", "turnover_eur_m"),
    "balance_sheet": ("balance_sheet", "balance_sheet_meur"),
    "responded": ("responded", "respondent", "answered"),
    "aliases": ("aliases", "alias", "other_names"),
}
TIE_COLUMNS = {
    "respondent": ("respondent", "respondent_id", "ego", "reporter", "from"),
    "partner": ("partner", "partner_name", "alter", "to"),
    "relation": ("relation", "relationship", "tie_type", "question"),
    "strength": ("strength", "weight", "intensity", "frequency"),
}
RELATION_COLUMNS = {
    "relation": ("relation", "name"),
    "tie": ("tie", "graph_relation"),
    "directed": ("directed",),
    "direction": ("direction",),
    "scale_min": ("scale_min", "min"),
    "scale_max": ("scale_max", "max"),
    "description": ("description", "meaning", "question"),
}
_MARKS = {"x", "xx", "✓", "✔", "✗", "yes", "y", "si", "sì", "ja", "oui", "true", "v", "•", "*", "+"}
_NO_TIE = {"0", "no", "n", "-", "–", "—", "false", "none", "."}


@dataclass
class Report:
    """One tie as a respondent reported it, with the names as written."""

    respondent: object
    partner: object
    relation: object
    strength: object
    sheet: str
    row: int
    column: str | None = None
    strength_column: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class RawSurvey:
    layout: str
    actors: list[dict] | None
    actors_sheet: str | None
    relations: list[dict]
    relations_sheet: str | None
    reports: list[Report]
    answered: dict = field(default_factory=dict)  # raw respondent label -> (sheet, row)
    listed: dict = field(default_factory=dict)  # matrix rows with no answer
    synthetic: bool = False  # a README sheet says the data are SYNTHETIC
    tool: str | None = None  # the survey tool that wrote an export (google_forms ...)
    questions: list[dict] = field(default_factory=list)  # form exports: each question and its answer count
    respondent_column: tuple[str, str] | None = None  # form exports: the column naming the answering firm, and why


def header_key(value) -> str:
    """A header or relation name as a key: lower case, words joined by '_'."""
    return "_".join(str(value).strip().lower().replace("-", " ").replace("/", " ").split())


_header_key = header_key


def _col(j: int, header=None) -> str:
    letter = get_column_letter(j + 1)
    return f"{letter} ({header})" if header not in (None, "") else letter


def _table(sheet: Sheet, synonyms: dict, required: tuple, problems: Problems):
    """Read a sheet with a header row into records keyed by canonical names.

    Returns (records, columns) where each record has ``_row`` (spreadsheet row)
    and ``_cols`` (canonical name -> column label for messages).
    """
    rows = sheet.rows
    start = next((i for i, r in enumerate(rows) if any(_filled(v) for v in r)), None)
    if start is None:
        problems.error("the sheet is empty: it needs a header row and one row per entry.",
                       sheet=sheet.name)
        return [], {}
    header = rows[start]
    lookup = {alias: canon for canon, aliases in synonyms.items() for alias in aliases}
    columns: dict[int, str] = {}
    labels: dict[str, str] = {}
    for j, h in enumerate(header):
        if not _filled(h):
            continue
        key = _header_key(h)
        canon = lookup.get(key, key)
        if canon in labels:
            problems.error(f"two columns are both read as {canon!r}; rename or delete one.",
                           sheet=sheet.name, row=start + 1, column=_col(j, h))
            continue
        columns[j] = canon
        labels[canon] = _col(j, h)
    missing = [c for c in required if c not in labels]
    for c in missing:
        problems.error(
            f"required column {c!r} is missing (found: {', '.join(str(h) for h in header if _filled(h))}). "
            f"Add a column headed {c!r}.",
            sheet=sheet.name, row=start + 1,
        )
    if missing:
        return [], labels
    records = []
    pending_blank = []
    for i in range(start + 1, len(rows)):
        row = rows[i]
        if not any(_filled(v) for v in row):
            pending_blank.append(i + 1)
            continue
        for blank in pending_blank:
            problems.warning("empty row skipped.", sheet=sheet.name, row=blank)
        pending_blank = []
        rec = {columns[j]: (row[j] if _filled(row[j]) else None) for j in columns if j < len(row)}
        rec["_row"] = i + 1
        records.append(rec)
    return records, labels


def _classify(value):
    """('none' | 'mark' | 'number' | 'text', number or None) for a matrix cell."""
    if not _filled(value):
        return "none", None
    if isinstance(value, bool):
        return ("mark", None) if value else ("none", None)
    if isinstance(value, (int, float)):
        return ("none", None) if value == 0 else ("number", float(value))
    text = str(value).strip()
    low = text.lower()
    if low in _NO_TIE:
        return "none", None
    if low in _MARKS or low in ("√", "☑", "✅", "×", "●"):
        return "mark", None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return "text", None
    return ("none", None) if number == 0 else ("number", number)


class _Known:
    """Is a label the id, name or alias of a roster actor? (for header detection)"""

    def __init__(self, actors: list[dict] | None):
        self.keys: set[str] = set()
        for rec in actors or []:
            for v in (rec.get("actor"), rec.get("name"), *str(rec.get("aliases") or "").split(";")):
                if _filled(v):
                    self.keys.add(normalise_name(v))
                    self.keys.add(str(v).strip().casefold())

    def __call__(self, value) -> bool:
        if not _filled(value):
            return False
        return str(value).strip().casefold() in self.keys or normalise_name(value) in self.keys


def _fill_merged(sheet: Sheet) -> list[list]:
    rows = [list(r) for r in sheet.rows]
    for r0, c0, r1, c1 in sheet.merged:
        if r0 - 1 >= len(rows):
            continue
        top = rows[r0 - 1][c0 - 1] if c0 - 1 < len(rows[r0 - 1]) else None
        for r in range(r0 - 1, min(r1, len(rows))):
            for c in range(c0 - 1, min(c1, len(rows[r]))):
                if rows[r][c] is None:
                    rows[r][c] = top
    return rows


# Labels people write on the totals row or column of a hand-made matrix (compared after
# casefolding, with dots, colons and brackets removed): never a respondent, never a partner.
_TOTALS = frozenset({
    "total", "totals", "totale", "totali", "tot", "totaal", "totaux", "total général", "total general",
    "totale generale", "grand total", "row total", "column total", "sum", "sums", "sum total", "somma",
    "summe", "gesamt", "gesamtsumme", "insgesamt", "suma", "suma total", "σ", "∑",
})
# First words of a legend or note written below (or beside) a matrix.
_NOTE_WORDS = frozenset({"legend", "legenda", "leyenda", "légende", "key", "note", "notes", "nota",
                         "hinweis", "anmerkung", "source", "fonte", "quelle", "fuente"})


def _totals_label(value) -> bool:
    """Is a header or row label the word for a totals row or column ("Total", "TOT.", "Σ")?"""
    if not isinstance(value, str):
        return False
    text = value.translate(str.maketrans({c: " " for c in ".:;,()[]*"}))
    return " ".join(text.casefold().split()) in _TOTALS


def _note_label(value) -> bool:
    """Is a cell a legend or a note ("x = tie", "Legend: ...", "Source: ...")?"""
    if not isinstance(value, str):
        return False
    text = value.strip()
    words = text.casefold().replace(":", " ").split()
    return "=" in text or bool(words and words[0] in _NOTE_WORDS)


def _matrix_reports(sheet: Sheet, relation: str, known: _Known, raw: RawSurvey, problems: Problems):
    rows = _fill_merged(sheet)
    if not rows:
        problems.warning("the relation sheet is empty; no ties read from it.", sheet=sheet.name)
        return
    width = max(len(r) for r in rows)

    def label_like(v):
        kind, _ = _classify(v)
        return known(v) or kind == "text"

    def header_like(row):
        cells = [v for v in row[1:] if _filled(v)]
        # a header names several partners; a data row of labels only (id, name) names one
        if len(cells) < (2 if width > 3 else 1) or not all(label_like(v) for v in cells):
            return False
        numeric = any(not isinstance(v, str) for v in cells)
        return not numeric or len(cells) >= max(2, (width - 1) // 2)

    def title_like(row):
        texts = {str(v).strip() for v in row if _filled(v)}
        return len(texts) <= 1

    last_header = None
    first_member = next((i for i, row in enumerate(rows) if known(row[0])), None) if known.keys else None
    if first_member:
        # with a roster, data rows start at the first row that names a member in its first column
        # (strengths that equal numeric ids cannot pass for a header then)
        last_header = max((i for i in range(first_member) if header_like(rows[i])), default=None)
    else:
        for i, row in enumerate(rows):
            if header_like(row):
                last_header = i
            elif title_like(row) and i < 5:
                continue
            else:
                break
    if last_header is None:
        problems.error("no header row with the names of roster members across the top. "
                       "Put the names (or ids) in the first row, and the respondents in the first column.",
                       sheet=sheet.name, row=1)
        return
    # a title merged across the top (one text repeated in every cell) names no partner
    header_rows = [r for k, r in enumerate(rows[: last_header + 1]) if k == last_header or not title_like(r)]
    data = list(enumerate(rows[last_header + 1:], start=last_header + 2))

    def is_note(row):
        # a legend or note: one text (perhaps merged across the row) that reads like one
        texts = {str(v).strip() for v in row if _filled(v)}
        return (len(texts) == 1 and all(isinstance(v, str) for v in row if _filled(v))
                and not known(next(iter(texts))) and _note_label(next(iter(texts))))

    notes = {rownum for rownum, row in data if is_note(row)}
    label_cols = [0]
    for j in range(1, width):
        header_known = any(known(r[j]) for r in header_rows if j < len(r))
        cells = [r[j] for n, r in data if n not in notes and j < len(r) and _filled(r[j])]
        if not header_known and cells and all(_classify(v)[0] == "text" for v in cells):
            label_cols.append(j)
        else:
            break

    def resolve(candidates):
        for v in candidates:
            if known(v):
                return str(v).strip()
        return str(candidates[0]).strip() if candidates else None

    partners = {}
    for j in range(label_cols[-1] + 1, width):
        cands = [r[j] for r in reversed(header_rows) if j < len(r) and _filled(r[j])]
        partners[j] = (resolve(cands), cands[0] if cands else None)

    def labels_of(row):
        return [row[c] for c in label_cols if c < len(row) and _filled(row[c])]

    def cell(row, j):
        return row[j] if j < len(row) else None

    # totals rows and columns, labelled ("Total", "Summe", "Σ" ...) or unlabelled sums of the others
    total_cols = {j: header for j, (partner, header) in partners.items()
                  if partner is not None and _totals_label(partner) and not known(partner)}
    total_rows = {}
    for rownum, row in data:
        if rownum in notes:
            continue
        label = next((v for v in labels_of(row) if _totals_label(v) and not known(v)), None)
        if label is not None:
            total_rows[rownum] = label

    def tie_value(value):
        kind, number = _classify(value)
        return 1.0 if kind == "mark" else (number if kind == "number" else None)

    def matches(value, values):
        # a totals cell holds the number of ties or the sum of their strengths (empty or 0 for none)
        kind, number = _classify(value)
        if kind not in ("number", "none"):
            return False
        return any(abs((number or 0.0) - want) < 1e-9 for want in (len(values), sum(values)))

    respondent_rows = [(n, r) for n, r in data if n not in notes and n not in total_rows and labels_of(r)]
    used = [j for j, (partner, _) in partners.items() if j not in total_cols
            and any(_filled(cell(r, j)) for n, r in data if n not in notes and n not in total_rows)]
    if used and partners[used[-1]][0] is None:  # the last column that holds anything has no header
        j = used[-1]
        others = [k for k in used if k != j]
        sums = [matches(cell(r, j), [v for k in others if (v := tie_value(cell(r, k))) is not None])
                for _, r in respondent_rows]
        filled = [_classify(cell(r, j))[0] == "number" for _, r in respondent_rows]
        if len(others) >= 2 and len(respondent_rows) >= 2 and all(sums) and any(filled):
            total_cols[j] = None
            used = others
    unlabelled = [(n, r) for n, r in data if n not in notes and n not in total_rows and not labels_of(r)
                  and any(_filled(cell(r, j)) for j in used)]
    if unlabelled and unlabelled[-1][0] > max((n for n, _ in respondent_rows), default=0):
        rownum, row = unlabelled[-1]  # the last row that holds anything has no label
        sums = [matches(cell(row, j), [v for _, r in respondent_rows if (v := tie_value(cell(r, j))) is not None])
                for j in used]
        if len(used) >= 2 and len(respondent_rows) >= 2 and all(sums) and any(
                _classify(cell(row, j))[0] == "number" for j in used):
            total_rows[rownum] = None

    header_row = last_header + 1
    for j, header in total_cols.items():
        if header is None:
            problems.info(f"column {get_column_letter(j + 1)} has no header and holds the sum of each row: "
                          "it is a totals column, not read as a partner.",
                          sheet=sheet.name, row=header_row, column=_col(j))
        else:
            problems.info(f"column {get_column_letter(j + 1)} {str(header).strip()!r} is a totals column: "
                          "not read as a partner.", sheet=sheet.name, row=header_row, column=_col(j, header))
    for rownum, label in total_rows.items():
        if label is None:
            problems.info(f"row {rownum} has no label and holds the sum of each column: it is a totals row, "
                          "not read as an actor.", sheet=sheet.name, row=rownum)
        else:
            problems.info(f"row {rownum} {str(label).strip()!r} is a totals row: not read as an actor.",
                          sheet=sheet.name, row=rownum, column=_col(label_cols[0]))
    for rownum in sorted(notes):
        text = next(str(v).strip() for v in rows[rownum - 1] if _filled(v))
        problems.info(f"row {rownum} {text!r} is a legend or note: not read as an actor.",
                      sheet=sheet.name, row=rownum)

    for rownum, row in data:
        if rownum in notes or rownum in total_rows:
            continue
        respondent = resolve(labels_of(row))
        marked = False
        for j, (partner, header) in partners.items():
            if j in total_cols:
                continue
            value = cell(row, j)
            kind, number = _classify(value)
            if kind == "none":
                continue
            where = dict(sheet=sheet.name, row=rownum, column=_col(j, header))
            if kind == "text":
                problems.error(f"cell {str(value)!r} is not a tie mark: write x (or yes, 1) for a tie, "
                               "a number for its strength, or leave it empty.", **where)
                continue
            if partner is None:
                problems.error("this column has ties but no partner name in its header.", **where)
                continue
            if respondent is None:
                problems.error("this row has ties but no respondent name in its first column.", **where)
                break
            marked = True
            raw.reports.append(Report(respondent, partner, relation, number, sheet.name, rownum,
                                      _col(j, header), _col(j, header)))
        if respondent is not None:
            target = raw.answered if marked else raw.listed
            target.setdefault(respondent, (sheet.name, rownum))


def _form_reports(sheet: Sheet, mapping: dict, raw: RawSurvey, problems: Problems):
    rows = sheet.rows
    start = next((i for i, r in enumerate(rows) if any(_filled(v) for v in r)), None)
    if start is None:
        problems.error("the responses sheet is empty.", sheet=sheet.name)
        return
    header = rows[start]
    by_key = {_header_key(h): j for j, h in enumerate(header) if _filled(h)}
    questions: dict[int, str] = {}
    respondent_col = None
    for column, relation in mapping.items():
        j = by_key.get(_header_key(column))
        if j is None:
            problems.error(f"the questions mapping names column {column!r}, which is not in the "
                           f"responses (its columns: {', '.join(str(h) for h in header if _filled(h))}).",
                           sheet=sheet.name, row=start + 1)
            continue
        if _header_key(relation) == "respondent":
            respondent_col = j
        else:
            questions[j] = str(relation).strip()
    if respondent_col is None:
        for key in ("respondent", "firm", "company", "organisation", "organization", "your_firm",
                    "your_company", "name"):
            if key in by_key:
                respondent_col = by_key[key]
                break
    if respondent_col is None:
        problems.error("no respondent column: name it 'respondent', or map it in the questions "
                       "sheet with relation 'respondent'.", sheet=sheet.name, row=start + 1)
        return
    if not questions:
        problems.error("no column is mapped to a relation: the questions sheet (or mapping) "
                       "says which column answers which relation.", sheet=sheet.name, row=start + 1)
        return
    ignored = [str(h) for j, h in enumerate(header) if _filled(h) and j not in questions and j != respondent_col]
    if ignored:
        problems.info(f"columns not mapped to a relation were ignored: {', '.join(ignored)}.",
                      sheet=sheet.name, row=start + 1)
    for i in range(start + 1, len(rows)):
        row = rows[i]
        if not any(_filled(v) for v in row):
            continue
        respondent = row[respondent_col] if respondent_col < len(row) else None
        if not _filled(respondent):
            problems.error("the respondent cell is empty: whose answers are these?",
                           sheet=sheet.name, row=i + 1, column=_col(respondent_col, header[respondent_col]))
            continue
        respondent = str(respondent).strip()
        raw.answered.setdefault(respondent, (sheet.name, i + 1))
        for j, relation in questions.items():
            cell = row[j] if j < len(row) else None
            for name in split_names(cell):
                raw.reports.append(Report(respondent, name, relation, None, sheet.name, i + 1,
                                          _col(j, header[j])))


def _declared_relation_names(raw: RawSurvey) -> set[str]:
    names = set(BUILTIN_RELATIONS)
    for rec in raw.relations:
        if _filled(rec.get("relation")):
            names.add(_header_key(rec["relation"]))
    return names


def _sheet_mapping(sheet: Sheet, problems: Problems) -> tuple[dict, dict]:
    """{column: relation} and {column: row} from a questions sheet."""
    records, _ = _table(sheet, {"column": ("column", "question", "header"), "relation": ("relation",)},
                        ("column", "relation"), problems)
    keep = [r for r in records if _filled(r.get("column")) and _filled(r.get("relation"))]
    return {r["column"]: r["relation"] for r in keep}, {r["column"]: r["_row"] for r in keep}


def _near(word: str, options) -> str | None:
    """The option a misspelled name most likely means, if any."""
    best = process.extractOne(_header_key(word), sorted(options), scorer=fuzz.ratio, score_cutoff=80)
    return best[0] if best else None


def _known_relation(name, relation_names) -> bool:
    key = _header_key(name)
    return key in relation_names or (key.endswith("s") and key[:-1] in relation_names)


def parse_sheets(sheets: list[Sheet], problems: Problems, *, layout=None, questions=None,
                 relation=None, single_file: bool = False) -> RawSurvey:
    """Detect the layout of the sheets and read every report from them."""
    by_key = {}
    for s in sheets:
        by_key.setdefault(s.key, s)
    raw = RawSurvey(layout="", actors=None, actors_sheet=None, relations=[],
                    relations_sheet=None, reports=[])
    if "actors" in by_key:
        sheet = by_key["actors"]
        raw.actors, labels = _table(sheet, ACTOR_COLUMNS, ("actor",), problems)
        for rec in raw.actors:
            rec["_decimal"] = sheet.decimal  # a CSV's decimal mark, for "1.250" and "2,5"
        raw.actors_sheet = sheet.name
        if not raw.actors and "actor" in labels:
            problems.error("the actors sheet has no members: add one row per cluster member below the header.",
                           sheet=sheet.name, row=2)
    if "relations" in by_key:
        sheet = by_key["relations"]
        raw.relations, _ = _table(sheet, RELATION_COLUMNS, ("relation",), problems)
        for rec in raw.relations:
            rec["_sheet"] = sheet.name
        raw.relations_sheet = sheet.name
    relation_names = _declared_relation_names(raw)
    for key in ("readme", "read_me"):
        if key in by_key:
            raw.synthetic = any(isinstance(v, str) and "SYNTHETIC" in v for row in by_key[key].rows for v in row)

    if layout is None:
        if "ties" in by_key:
            layout = "long"
        elif questions is not None or "questions" in by_key:
            layout = "form"
        elif any(k in relation_names for k in by_key):
            layout = "matrix"
        elif single_file and sheets:
            header = next((r for r in sheets[0].rows if any(_filled(v) for v in r)), [])
            keys = {_header_key(h) for h in header if _filled(h)}
            has = lambda canon: bool(keys & set(TIE_COLUMNS[canon]))  # noqa: E731
            layout = "long" if has("respondent") and has("partner") else "matrix"
        else:
            found = ", ".join(repr(s.name) for s in sheets) or "none"
            hints = [f" Did you mean {near!r} for sheet {s.name!r}?" for s in sheets
                     if (near := _near(s.key, relation_names | {"ties", "actors", "questions"}))]
            problems.error(
                "cannot tell the survey layout. Use sheets 'actors' and 'ties' (long layout), one "
                "sheet per relation such as 'supplier' or 'customer' (roster matrices), or a "
                f"'questions' sheet with the form responses (form export). Sheets found: {found}."
                + "".join(hints))
            raw.layout = "unknown"
            return raw
    if layout not in LAYOUTS:
        problems.error(f"unknown layout {layout!r}: use one of {', '.join(LAYOUTS)}.")
        return raw
    raw.layout = layout

    if layout == "long":
        ties = by_key.get("ties") or (sheets[0] if single_file else None)
        if ties is None:
            problems.error("missing required sheet 'ties' (one row per reported tie: respondent, "
                           "partner, relation, strength).")
            return raw
        if raw.actors is None and not single_file:
            problems.error("missing required sheet 'actors' (one row per cluster member, column "
                           "'actor' with its id). Add it: the roster tells members from outside partners.")
        required = ("respondent", "partner") + (() if relation else ("relation",))
        records, labels = _table(ties, TIE_COLUMNS, required, problems)
        if not records and all(c in labels for c in required):
            problems.error("no ties: the sheet has a header but no reported tie below it.",
                           sheet=ties.name, row=2)
        for rec in records:
            extra = {k: v for k, v in rec.items() if k not in TIE_COLUMNS and not k.startswith("_")}
            raw.reports.append(Report(
                rec.get("respondent"), rec.get("partner"), rec.get("relation") or relation,
                rec.get("strength"), ties.name, rec["_row"], labels.get("partner"),
                labels.get("strength"), extra))
    elif layout == "matrix":
        known = _Known(raw.actors)
        matrices = [s for s in sheets if s.key in relation_names]
        if single_file and not matrices and sheets:
            rel = relation or sheets[0].name
            if _header_key(rel) not in relation_names:
                problems.error(f"a single roster matrix needs its relation: pass relation='supplier' "
                               f"(or another) or name the file after it (got {sheets[0].name!r}).")
                return raw
            matrices = [sheets[0]]
            names = {sheets[0].key: rel}
        else:
            names = {s.key: s.name for s in matrices}
        for s in sheets:
            if s not in matrices and s.key not in RESERVED_SHEETS:
                near = _near(s.key, relation_names)
                if near:
                    problems.error(f"sheet {s.name!r} is not a relation. Did you mean {near!r}? Rename the "
                                   "sheet, or declare the relation in the 'relations' sheet.", sheet=s.name)
                else:
                    problems.warning(f"sheet {s.name!r} was ignored: it is not a relation. If it is one, "
                                     "declare it in the 'relations' sheet.", sheet=s.name)
        for s in matrices:
            _matrix_reports(s, _header_key(names[s.key]), known, raw, problems)
    else:
        mapping = dict(questions) if questions is not None else None
        rows, qsheet = {}, None
        if mapping is None and "questions" in by_key:
            qsheet = by_key["questions"].name
            mapping, rows = _sheet_mapping(by_key["questions"], problems)
        for column, rel in list((mapping or {}).items()):
            if _header_key(rel) != "respondent" and not _known_relation(rel, relation_names):
                near = _near(rel, relation_names)
                problems.error(f"column {column!r} is mapped to the unknown relation {str(rel)!r}."
                               + (f" Did you mean {near!r}?" if near else "")
                               + " Built-in relations are supplier, customer, university and agency; declare "
                               "others in a 'relations' sheet.", sheet=qsheet, row=rows.get(column),
                               column="relation" if qsheet else None)
                del mapping[column]
                if not any(_header_key(r) != "respondent" for r in mapping.values()):
                    return raw  # every question was unknown: nothing more to say than that
        if not mapping:
            problems.error("the form layout needs a mapping from columns to relations: a "
                           "'questions' sheet (columns 'column' and 'relation') or questions={...}.")
            return raw
        responses = by_key.get("responses") or next(
            (s for s in sheets if s.key not in RESERVED_SHEETS), None)
        if responses is None:
            problems.error("no sheet with the form responses (name it 'responses').")
            return raw
        _form_reports(responses, mapping, raw, problems)
    return raw

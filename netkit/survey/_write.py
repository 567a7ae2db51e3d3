"""Write surveys: a blank template for facilitators, and a Survey in any layout."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..errors import NetkitError
from ._relations import BUILTIN_RELATIONS

__all__ = ["write_template", "write_survey", "QUESTION_TEXT"]

QUESTION_TEXT = {
    "supplier": "Which of these firms supply you?",
    "customer": "Which of these firms do you sell to?",
    "university": "Which universities or research centres do you work with?",
    "agency": "Which agencies or associations support you?",
    "knowledge": "Whom do you ask for technical advice?",
}
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_ACTOR_COLUMNS = ["actor", "name", "kind", "sector", "region", "employees", "turnover", "responded", "aliases"]
_COMPUTED = {"size_class", "size_basis", "is_sme", "in_cluster"}

_INSTRUCTIONS = [
    ("netkit survey workbook", ""),
    ("", ""),
    ("Sheet", "What to fill in"),
    ("actors", "One row per cluster member. 'actor' is a short unique id (e.g. A001); 'name' the firm's "
               "name; 'kind' firm, university, agency or other (drop-down); 'employees' the staff headcount; "
               "'turnover' in EUR million; 'responded' yes/no; 'aliases' other spellings of the name, "
               "separated by ';'. Extra columns are kept."),
    ("ties", "One row per tie a respondent reports: 'respondent' (id or name), 'partner' (id or name of any "
             "member, or the name of an outside partner), 'relation' (drop-down), 'strength' on the scale "
             "of the relation (optional)."),
    ("relations", "The questions asked. supplier, customer, university and agency are built in; add a row "
                  "for any other relation (e.g. knowledge) with whether it is directed and which way it runs."),
    ("", ""),
    ("Meaning", ""),
    ("supplier", "the partner sells to the respondent; customer: the respondent sells to the partner. "
                 "Both describe ONE trade tie from seller to buyer."),
    ("knowledge", "'whom do you ask for advice?': the tie runs from the adviser (partner) to the respondent."),
    ("university / agency", "collaborations: undirected."),
    ("", ""),
    ("Privacy", "Survey answers are confidential. Share the filled workbook only with the facilitator."),
]


def _style_header(ws, widths=None):
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    ws.freeze_panes = "A2"
    for j, cell in enumerate(ws[1], start=1):
        width = (widths or {}).get(cell.value, max(12, len(str(cell.value or "")) + 4))
        ws.column_dimensions[get_column_letter(j)].width = width


def _relation_rows(relations: pd.DataFrame | None):
    if relations is None:
        rows = [{"relation": k, "tie": r.tie, "directed": "yes" if r.directed else "no",
                 "direction": ("partner_to_respondent" if r.partner_is_source else "respondent_to_partner")
                 if r.directed else "", "scale_min": 1, "scale_max": 5, "description": r.description}
                for k, r in BUILTIN_RELATIONS.items()]
        rows.append({"relation": "knowledge", "tie": "knowledge", "directed": "yes",
                     "direction": "partner_to_respondent", "scale_min": 1, "scale_max": 5,
                     "description": "the partner gives technical advice to the respondent"})
        return rows
    out = []
    for name, r in relations.iterrows():
        out.append({"relation": name, "tie": r["tie"], "directed": "yes" if r["directed"] else "no",
                    "direction": r["direction"], "scale_min": r["scale_min"], "scale_max": r["scale_max"],
                    "description": r["description"]})
    return out


def write_template(path) -> Path:
    """Write a blank survey workbook for a facilitator to send to members.

    Sheets: ``instructions``, ``actors`` and ``ties`` (with drop-down lists for
    ``kind``, ``responded`` and ``relation``) and ``relations``.

    Examples
    --------
    >>> import tempfile, pathlib, netkit
    >>> out = netkit.write_template(pathlib.Path(tempfile.mkdtemp()) / "survey.xlsx")
    >>> out.name
    'survey.xlsx'
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise NetkitError(f"the template is an Excel workbook: give a path ending in .xlsx, not {path.name!r}")
    wb = Workbook()
    ws = wb.active
    ws.title = "instructions"
    for row in _INSTRUCTIONS:
        ws.append(list(row))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A3"].font = ws["B3"].font = Font(bold=True)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 110
    for row in ws.iter_rows(min_row=4):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")

    actors = wb.create_sheet("actors")
    actors.append(_ACTOR_COLUMNS)
    _style_header(actors, {"name": 32, "aliases": 32})
    kind = DataValidation(type="list", formula1='"firm,university,agency,other"', allow_blank=True,
                          error="Choose firm, university, agency or other.", showErrorMessage=True)
    actors.add_data_validation(kind)
    kind.add("C2:C2000")
    responded = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
    actors.add_data_validation(responded)
    responded.add("H2:H2000")

    ties = wb.create_sheet("ties")
    ties.append(["respondent", "partner", "relation", "strength"])
    _style_header(ties, {"respondent": 28, "partner": 32})
    relation = DataValidation(type="list", formula1="=relations!$A$2:$A$200", allow_blank=False,
                              error="Choose a relation from the relations sheet (or add it there).",
                              showErrorMessage=True)
    ties.add_data_validation(relation)
    relation.add("C2:C20000")

    rel = wb.create_sheet("relations")
    rows = _relation_rows(None)
    rel.append(list(rows[0]))
    for r in rows:
        rel.append(list(r.values()))
    _style_header(rel, {"description": 60, "direction": 24})
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _actor_sheet(survey) -> pd.DataFrame:
    members = survey.actors[survey.actors["in_cluster"]].reset_index()
    cols = [c for c in _ACTOR_COLUMNS if c in members] + [
        c for c in members.columns if c not in _ACTOR_COLUMNS and c not in _COMPUTED]
    frame = members[cols].copy()
    frame["responded"] = frame["responded"].map({True: "yes", False: "no"})
    return frame


def _matrix_sheet(survey, relation: str) -> list[list]:
    actors = survey.actors
    ties = survey.ties[survey.ties["relation"] == relation]
    partners = list(actors.index[actors["in_cluster"]]) + sorted(
        set(ties["partner"]) - set(actors.index[actors["in_cluster"]]))
    respondents = list(actors.index[actors["responded"] & actors["in_cluster"]])
    col = {p: j for j, p in enumerate(partners)}
    title = f"{relation}: {QUESTION_TEXT.get(relation, relation)} (x for a tie, or its strength)"
    rows = [[title] + [None] * (len(partners) + 1),
            [None, "id"] + partners,
            ["respondent", "name"] + [actors.loc[p, "name"] for p in partners]]
    cells = {(r, p): s for r, p, s in zip(ties["respondent"], ties["partner"], ties["strength"])}
    for r in respondents:
        line = [r, actors.loc[r, "name"]] + [None] * len(partners)
        for p in partners:
            if (r, p) in cells:
                s = cells[(r, p)]
                line[2 + col[p]] = "x" if pd.isna(s) else float(s)
        rows.append(line)
    return rows


def _form_sheets(survey) -> dict[str, list[list]]:
    actors = survey.actors
    relations = list(survey.relations.index)
    respondents = list(actors.index[actors["responded"] & actors["in_cluster"]])
    header = ["Timestamp", "Your organisation"] + [QUESTION_TEXT.get(r, f"{r}?") for r in relations]
    answers: dict = {}
    for r, rel, written in zip(survey.ties["respondent"], survey.ties["relation"], survey.ties["partner_as_written"]):
        answers.setdefault((r, rel), []).append(written)
    rows = [header]
    for i, r in enumerate(respondents):
        rows.append([f"2026-03-{1 + i % 28:02d} 10:00", actors.loc[r, "name"]]
                    + ["\n".join(answers.get((r, rel), [])) or None for rel in relations])
    questions = [["column", "relation"], ["Your organisation", "respondent"]] + [
        [QUESTION_TEXT.get(r, f"{r}?"), r] for r in relations]
    return {"responses": rows, "questions": questions}


def _frame_rows(frame: pd.DataFrame) -> list[list]:
    return [list(frame.columns)] + [
        [None if (v is None or v is pd.NA or (isinstance(v, float) and v != v)) else v for v in row]
        for row in frame.itertuples(index=False)]


def write_survey(survey, path, *, layout: str = "long") -> Path:
    """Write a Survey as a workbook (.xlsx, .ods) or a folder of CSV files.

    Parameters
    ----------
    survey : Survey
    path : str or Path
        Ends in .xlsx or .ods for a workbook; otherwise a folder of CSV files.
    layout : {"long", "matrix", "form"}
        ``long`` writes ``actors``, ``ties`` (partners as the respondents wrote
        them) and ``relations``. ``matrix`` writes one roster matrix per
        relation (a title row, then ids and names across the top). ``form``
        writes an online-form export (names as written, one answer cell per
        question) and its ``questions`` mapping; a form carries no strengths.

    Examples
    --------
    >>> import tempfile, pathlib, netkit
    >>> s = netkit.read_survey(netkit.datasets.example_survey_path())
    >>> out = netkit.write_survey(s, pathlib.Path(tempfile.mkdtemp()) / "m.xlsx", layout="matrix")
    >>> netkit.read_survey(out).layout
    'matrix'
    """
    path = Path(path)
    sheets: dict[str, list[list]] = {"actors": _frame_rows(_actor_sheet(survey))}
    if layout == "long":
        ties = survey.ties[["respondent", "partner_as_written", "relation", "strength"]].rename(
            columns={"partner_as_written": "partner"})
        extra = [c for c in survey.ties.columns if c not in
                 {"respondent", "partner", "relation", "tie", "source", "target", "directed", "strength",
                  "partner_as_written", "sheet", "row"}]
        sheets["ties"] = _frame_rows(pd.concat([ties, survey.ties[extra]], axis=1))
    elif layout == "matrix":
        for relation in survey.relations.index:
            if (survey.ties["relation"] == relation).any():
                sheets[relation] = _matrix_sheet(survey, relation)
    elif layout == "form":
        sheets.update(_form_sheets(survey))
    else:
        raise NetkitError(f"layout must be long, matrix or form, not {layout!r}")
    rel_rows = _relation_rows(survey.relations)
    sheets["relations"] = [list(rel_rows[0])] + [list(r.values()) for r in rel_rows]
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        wb = Workbook()
        wb.remove(wb.active)
        for name, rows in sheets.items():
            ws = wb.create_sheet(name[:31])
            for row in rows:
                ws.append(row)
            if layout == "matrix" and name not in ("actors", "relations") and rows:
                ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(2, len(rows[1])))
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    elif suffix == ".ods":
        path.parent.mkdir(parents=True, exist_ok=True)
        with pd.ExcelWriter(path, engine="odf") as writer:
            for name, rows in sheets.items():
                pd.DataFrame(rows).to_excel(writer, sheet_name=name[:31], header=False, index=False)
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, rows in sheets.items():
            pd.DataFrame(rows).to_csv(path / f"{name}.csv", header=False, index=False)
    return path

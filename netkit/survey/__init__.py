"""Read and validate survey workbooks of inter-firm ties.

A survey names the members of a cluster (the roster) and the ties each
respondent reports. :func:`read_survey` reads the three layouts described in
``docs/survey-format.md`` (long, roster matrices, online-form export) from
.xlsx, .ods, a CSV file or a folder of CSV files, detects the layout, resolves
the names respondents wrote to roster members, and returns a :class:`Survey`.
Problems are collected, not raised one by one: warnings go to
``Survey.problems``; errors are all raised together as
:class:`~netkit.errors.SurveyError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import Problems, SurveyError, format_problems
from ._assemble import KINDS, assemble
from ._exports import TOOLS, detect_export, export_reports, with_form
from ._files import Sheet, read_sheets
from ._kumu import describe_connection_types, is_kumu, kumu_to_raw
from ._layouts import LAYOUTS, TIE_COLUMNS, parse_sheets, header_key
from ._mapping import apply_mapping, mapping_of, read_mapping, write_mapping
from ._members import read_members
from ._names import normalise_name, split_names
from ._relations import BUILTIN_RELATIONS, relations_frame
from ._sizes import size_class

__all__ = ["Survey", "read_survey", "survey_from_frames", "normalise_name", "split_names",
           "size_class", "KINDS", "LAYOUTS", "BUILTIN_RELATIONS", "TOOLS", "QUESTION_COLUMNS", "inspect_survey",
           "Inspection", "write_mapping"]


@dataclass
class Survey:
    """A validated survey: who is in the cluster and which ties they reported.

    Attributes
    ----------
    actors : DataFrame
        Index ``actor`` (id). Columns ``name``, ``kind``, ``sector``,
        ``region``, ``employees``, ``turnover`` (EUR million), ``size_class``
        and ``size_basis`` (EU Recommendation 2003/361), ``is_sme``,
        ``responded``, ``in_cluster`` (False for partners named but not on
        the roster), ``aliases`` and any extra columns of the workbook.
    ties : DataFrame
        One row per reported tie kept: ``respondent``, ``partner`` (actor
        ids), ``relation`` (the question), ``tie`` (the graph relation),
        ``source``, ``target`` (direction of the tie), ``directed``,
        ``strength``, ``partner_as_written``, and where it was reported
        (``sheet``, ``row``), plus extra columns.
    problems : DataFrame
        severity, file, sheet, row (as a person sees it), column, message.
    relations : DataFrame
        The relations asked about, indexed by relation.
    layout : str
        long, matrix or form.
    source : str
        The file or folder read.
    """

    actors: pd.DataFrame
    ties: pd.DataFrame
    problems: pd.DataFrame
    relations: pd.DataFrame
    layout: str = "long"
    source: str | None = None
    meta: dict = field(default_factory=dict)

    @property
    def questions(self) -> pd.DataFrame:
        """Form-tool exports: one row per question, what netkit read from it.

        Columns ``question`` (its text), ``columns`` (the spreadsheet columns
        used), ``relation`` (or "ignored"), ``why`` (the words that gave the
        relation, or the mapping file), ``answers`` (names written and options
        ticked), ``ties`` (the ties they gave) and ``problems`` (answers listed
        in :attr:`problems` instead: a placeholder, a repeat, a self-tie).
        Empty for the workbook layouts.
        """
        frame = self.meta.get("questions")
        return frame if frame is not None else pd.DataFrame(columns=QUESTION_COLUMNS)

    @property
    def members(self) -> pd.DataFrame:
        """Actors on the roster (``in_cluster``)."""
        return self.actors[self.actors["in_cluster"]]

    @property
    def response_rate(self) -> float:
        """Share of roster members who answered (NaN for a Kumu map, which has no respondents)."""
        members = self.members
        if self.layout == "kumu":
            return float("nan")
        return float(members["responded"].mean()) if len(members) else float("nan")

    @property
    def non_respondents(self) -> pd.DataFrame:
        """Roster members who did not answer (their own ties are missing)."""
        members = self.members
        return members[~members["responded"]]

    def summary(self) -> dict:
        """Key counts of the survey as a plain dict."""
        members = self.members
        errors = int((self.problems["severity"] == "error").sum())
        warnings_ = int((self.problems["severity"] == "warning").sum())
        return {
            "layout": self.layout,
            "members": int(len(members)),
            "respondents": int(members["responded"].sum()),
            "response_rate": round(self.response_rate, 3),
            "outside_partners": int((~self.actors["in_cluster"]).sum()),
            "kinds": members["kind"].value_counts().to_dict(),
            "smes": int(members["is_sme"].fillna(False).sum()),
            "reported_ties": int(len(self.ties)),
            "relations": self.ties["relation"].value_counts().to_dict() if len(self.ties) else {},
            "errors": errors,
            "warnings": warnings_,
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (f"<Survey {s['layout']}: {s['members']} members ({s['respondents']} answered, "
                f"{s['response_rate']:.0%}), {s['outside_partners']} outside partners, "
                f"{s['reported_ties']} reported ties, {s['warnings']} warnings>")


QUESTION_COLUMNS = ["question", "columns", "relation", "why", "answers", "ties", "problems", "not_read"]


def _workbook_layout(sheets: list[Sheet]) -> bool:
    """Do the sheets use one of netkit's own layouts (ties, questions or relation sheets)?"""
    keys = {s.key for s in sheets}
    if keys & {"ties", "questions", "supplier", "suppliers", "customer", "customers", "university", "agency"}:
        return True
    for s in sheets[:1]:
        header = next((r for r in s.rows if any(v is not None and str(v).strip() for v in r)), [])
        names = {header_key(h) for h in header if h is not None}
        if names & set(TIE_COLUMNS["respondent"]) and names & set(TIE_COLUMNS["partner"]):
            return True
    return False


def _note_sheets(sheets: list[Sheet], problems: Problems) -> None:
    for sheet in sheets:
        for note in getattr(sheet, "notes", None) or []:
            severity, text = note if isinstance(note, tuple) else ("info", note)
            problems.add(severity, text, sheet=sheet.name)


def _question_table(raw, ties: pd.DataFrame, problems: Problems) -> pd.DataFrame | None:
    """Answers, ties and problems per question; answers lost without a message are reported, never hidden."""
    if not raw.questions:
        return None
    frame = problems.to_frame()
    flagged = {(s, r, c) for s, r, c, sev in zip(frame["sheet"], frame["row"], frame["column"], frame["severity"])
               if sev in ("warning", "error") and pd.notna(r)}
    tied = ties.groupby("question").size().to_dict() if "question" in ties and len(ties) else {}
    made: dict[tuple, int] = {}
    if "column" in ties:
        for key in zip(ties["sheet"], ties["row"], ties["column"], ties["partner_as_written"]):
            made[key] = made.get(key, 0) + 1
    silent: dict[str, int] = {}
    for rep in raw.reports:
        qid = rep.extra.get("question")
        key = (rep.sheet, rep.row, rep.extra.get("column"), " ".join(str(rep.partner).split()))
        if made.get(key, 0) > 0:
            made[key] -= 1
        elif (rep.sheet, rep.row, rep.extra.get("column")) not in flagged:
            silent[qid] = silent.get(qid, 0) + 1
    rows = []
    for q in raw.questions:
        n_ties = int(tied.get(q["qid"], 0))
        if silent.get(q["qid"]):
            problems.warning(f"{silent[q['qid']]} answer(s) to {q['question']!r} gave no tie and no message: this "
                             "is a netkit bug, please report it with the export.", sheet=q["sheet"])
        rows.append({"question": q["question"], "columns": q["columns"], "relation": q["relation"], "why": q["why"],
                     "answers": int(q["answers"]), "ties": n_ties, "problems": int(q["answers"]) - n_ties,
                     "not_read": int(q.get("not_read", 0))})
    return pd.DataFrame(rows, columns=QUESTION_COLUMNS)


def _survey_from_sheets(sheets: list[Sheet], source: str | None, *, layout=None, questions=None,
                        relation=None, strength_scale=None, near_miss=85.0, aliases=None,
                        single_file=False, members=None, mapping=None, form=None) -> Survey:
    problems = Problems(file=source)
    _note_sheets(sheets, problems)
    keys = {sh.key for sh in sheets}
    if {"survey", "choices"} <= keys and not _workbook_layout(sheets):
        problems.error("this is an XLSForm (the questionnaire: sheets 'survey' and 'choices'), not the responses. "
                       "Download the data from KoboToolbox (Data > Downloads > XLS) and read that file; pass this one "
                       "with --form (read_survey(..., form=...)) to read XML choice names.")
        raise SurveyError(problems.to_frame())
    roster = None
    if members is not None:
        if not isinstance(members, pd.DataFrame):
            members = read_sheets(Path(members)), str(members)  # read once: checked here, then read as members
            looks = detect_export(members[0])
            if looks is not None and looks.tool != "form":
                problems.error(f"the member list {Path(members[1]).name!r} looks like a {TOOLS[looks.tool]} export, "
                               "not a list of members: give --members the sheet or CSV that lists the cluster's "
                               "members (one row per member, a column of names).", file=members[1])
                raise SurveyError(problems.to_frame())
        roster, roster_sheet = read_members(members, problems)
    plan = read_mapping(mapping) if mapping is not None else {}
    export = None
    kumu = layout is None and questions is None and is_kumu(sheets)
    if not kumu and layout is None and questions is None and not _workbook_layout(sheets):
        export = detect_export(sheets)
    if kumu:
        types = {k: {f: v for f, v in (spec or {}).items() if f != "why"} if isinstance(spec, dict) else spec
                 for k, spec in (plan.get("connection_types") or {}).items()} or None
        raw = kumu_to_raw(sheets, problems, connection_types=types)
    elif export is not None:
        if form is not None:
            export = with_form(export, read_sheets(Path(form)))
        if plan:
            export = apply_mapping(export, plan, problems)
        raw = export_reports(export, problems, actors=roster, relations=plan.get("relations"))
    else:
        raw = parse_sheets(sheets, problems, layout=layout, questions=questions, relation=relation,
                           single_file=single_file)
    if roster is not None:
        if raw.actors is not None and raw.actors_sheet:
            problems.info(f"the member list given replaces the workbook's sheet {raw.actors_sheet!r} as the roster.")
        raw.actors, raw.actors_sheet = roster, roster_sheet
    if problems.has_errors or raw.layout not in (*LAYOUTS, "kumu"):
        raise SurveyError(problems.to_frame())
    actors, ties, relations, spellings = assemble(raw, problems, strength_scale=strength_scale, near_miss=near_miss,
                                                  aliases=aliases)
    table = _question_table(raw, ties, problems)
    frame = problems.to_frame()
    if problems.has_errors:
        raise SurveyError(frame)
    meta = {"spellings": spellings, "synthetic": raw.synthetic, "tool": raw.tool or raw.layout}
    if table is not None:
        meta["questions"] = table
    if kumu:
        meta["tool"] = "kumu"
        meta["connection_types"] = describe_connection_types(raw)
    if export is not None:
        meta["mapping"] = mapping_of(export)
        meta["respondent_column"], meta["respondent_why"] = raw.respondent_column or (None, "")
    return Survey(actors=actors, ties=ties, problems=frame, relations=relations_frame(relations),
                  layout=raw.layout, source=source, meta=meta)


def read_survey(path, *, members=None, mapping=None, form=None, layout: str | None = None, questions: dict | None = None,
                relation: str | None = None, strength_scale: tuple[float, float] | None = None,
                near_miss: float = 85.0, aliases: dict | None = None) -> Survey:
    """Read a survey of inter-firm ties from a workbook, CSV file, folder or form-tool export.

    Parameters
    ----------
    path : str or Path
        An .xlsx or .ods workbook, a .csv file, or a folder of .csv files (one
        per sheet, named after it: actors.csv, ties.csv ...), in one of
        netkit's layouts, or the responses exported by Google Forms, Microsoft
        Forms, KoboToolbox, SurveyMonkey, Qualtrics or LimeSurvey (detected;
        ``survey.meta["tool"]`` says which), or a Kumu workbook. Never modified.
    members : str, Path or DataFrame, optional
        The cluster's member list (a sheet or CSV with the members' names and,
        where known, id, kind, sector, region, employees, turnover, aliases,
        headed in any of the usual spellings and languages). It is the roster:
        every member is an actor whether it answered or not.
    mapping : str, Path or dict, optional
        A mapping file written by ``netkit inspect --write-mapping`` and edited:
        the respondent column and the relation of each question.
    form : str or Path, optional
        KoboToolbox / ODK: the XLSForm of the survey (``survey`` and
        ``choices`` sheets), for an export with XML names instead of labels.
    layout : {"long", "matrix", "form"}, optional
        Force a layout instead of detecting it from the sheet names.
    questions : dict, optional
        Form layout: maps a column header to a relation (``{"Who supplies
        you?": "supplier"}``; map the respondent column to ``"respondent"``).
        Default: the workbook's ``questions`` sheet.
    relation : str, optional
        The relation of a single CSV file that has no relation column (a
        ties list or one roster matrix).
    strength_scale : (min, max), optional
        Scale of tie strengths for relations whose scale the ``relations``
        sheet does not declare. Strengths outside it are dropped with a warning.
    near_miss : float
        Similarity (0-100, rapidfuzz ratio of normalised names) from which an
        unknown name is reported as a likely misspelling of a roster member.
    aliases : dict, optional
        More spellings of roster members, ``{written name: actor id}``: the
        way to accept a near miss without editing the workbook.

    Returns
    -------
    Survey

    Raises
    ------
    SurveyError
        When the survey cannot be read; ``.problems`` lists every problem found.

    Examples
    --------
    >>> import netkit
    >>> survey = netkit.read_survey(netkit.datasets.example_survey_path())
    >>> survey.layout, survey.response_rate > 0.5
    ('long', True)
    """
    path = Path(path)
    sheets = read_sheets(path)
    single = path.is_file() and path.suffix.lower() in (".csv", ".tsv", ".txt")
    return _survey_from_sheets(sheets, str(path), layout=layout, questions=questions, relation=relation,
                               strength_scale=strength_scale, near_miss=near_miss, aliases=aliases,
                               single_file=single, members=members, mapping=mapping, form=form)


@dataclass
class Inspection:
    """What netkit understood of a file (see :func:`inspect_survey`)."""

    source: str
    tool: str
    respondent: str | None
    respondent_why: str
    questions: pd.DataFrame
    ignored: pd.DataFrame
    left_out: pd.DataFrame
    mapping: dict | None
    survey: Survey | None
    problems: pd.DataFrame


def inspect_survey(path, *, members=None, mapping=None, form=None) -> Inspection:
    """What netkit understands of an export or workbook, question by question.

    For a form-tool export: the tool, the respondent column and why, each
    question with the relation it was given and why (the words matched, in
    English, Italian, Spanish, German, French or Polish), the answers and ties
    it gave, the columns ignored and why, the rows left out. Nothing raises on
    bad data: the problems are in ``.problems`` and ``.survey`` is None when
    the file cannot be read.

    Examples
    --------
    >>> import netkit
    >>> seen = netkit.inspect_survey(netkit.datasets.example_survey_path())
    >>> seen.tool, seen.survey is not None
    ('long', True)
    """
    path = Path(path)
    sheets = read_sheets(path)
    export = detect_export(sheets) if not _workbook_layout(sheets) else None
    if export is not None and form is not None:
        export = with_form(export, read_sheets(Path(form)))
    if export is not None and mapping is not None:
        try:  # the mapping's own problems come with the survey below
            export = apply_mapping(export, read_mapping(mapping), Problems(file=str(path)))
        except SurveyError:
            pass
    survey, problems = None, None
    try:  # the sheets already read are read as the survey
        survey = _survey_from_sheets(sheets, str(path), members=members, mapping=mapping, form=form,
                                     single_file=path.is_file() and path.suffix.lower() in (".csv", ".tsv", ".txt"))
        problems = survey.problems
    except SurveyError as exc:
        problems = exc.problems
    if export is None:
        table = survey.questions if survey is not None else pd.DataFrame(columns=QUESTION_COLUMNS)
        plan = None
        if survey is not None and survey.meta.get("tool") == "kumu":
            plan = {"tool": "kumu", "connection_types": {
                str(c["type"]): {"tie": c["tie"], "directed": "yes" if c["directed"] else "no",
                                 "direction": c.get("direction") or "", "why": c.get("why", "")}
                for c in survey.meta.get("connection_types", [])}}
        return Inspection(str(path), survey.meta.get("tool", survey.layout) if survey else "unknown", None, "",
                          table, pd.DataFrame(columns=["column", "why"]), pd.DataFrame(columns=["row", "why"]),
                          plan, survey, problems)
    if survey is not None and len(survey.questions):
        table = survey.questions
    else:
        table = pd.DataFrame([{"question": q.text, "columns": ", ".join(export.label(j) for j in q.columns),
                               "relation": q.relation or "ignored", "why": q.why, "answers": None, "ties": None,
                               "problems": None, "not_read": None} for q in export.questions], columns=QUESTION_COLUMNS)
    ignored = pd.DataFrame([{"column": export.label(j), "why": why} for j, why in export.ignored],
                           columns=["column", "why"])
    left = pd.DataFrame([{"row": i + 1, "why": why} for i, why in sorted(export.skip.items())], columns=["row", "why"])
    resp = export.label(export.respondent) if export.respondent is not None else (
        survey.meta.get("respondent_column") if survey is not None else None)
    why = export.respondent_why or (survey.meta.get("respondent_why", "") if survey is not None else "")
    return Inspection(str(path), export.tool, resp, why, table, ignored, left, mapping_of(export), survey, problems)


def _frame_sheet(name: str, frame: pd.DataFrame) -> Sheet:
    frame = frame.reset_index() if frame.index.name is not None else frame
    rows = [list(frame.columns)] + [[None if (isinstance(v, float) and v != v) or v is pd.NA else v
                                     for v in row] for row in frame.itertuples(index=False)]
    return Sheet(name, f"<{name} DataFrame>", rows)


def survey_from_frames(actors: pd.DataFrame, ties: pd.DataFrame, *, relations: pd.DataFrame | None = None,
                       strength_scale=None, near_miss: float = 85.0, aliases: dict | None = None) -> Survey:
    """Build a Survey from DataFrames in the long layout (same checks as a workbook).

    ``actors`` has a column (or index) ``actor``; ``ties`` has ``respondent``,
    ``partner``, ``relation`` and optionally ``strength``.

    Examples
    --------
    >>> import pandas as pd, netkit
    >>> actors = pd.DataFrame({"actor": ["A", "B"], "kind": ["firm", "firm"], "employees": [12, 300]})
    >>> ties = pd.DataFrame({"respondent": ["A"], "partner": ["B"], "relation": ["supplier"]})
    >>> s = netkit.survey_from_frames(actors, ties)
    >>> s.ties[["source", "target", "tie"]].values.tolist()
    [['B', 'A', 'trade']]
    """
    sheets = [_frame_sheet("actors", actors), _frame_sheet("ties", ties)]
    if relations is not None:
        sheets.append(_frame_sheet("relations", relations))
    return _survey_from_sheets(sheets, None, layout="long", strength_scale=strength_scale, near_miss=near_miss,
                               aliases=aliases)


def describe_problems(survey_or_problems, *, limit: int | None = 50) -> str:
    """The problems as numbered lines, for printing."""
    problems = getattr(survey_or_problems, "problems", survey_or_problems)
    return format_problems(problems, limit=limit)

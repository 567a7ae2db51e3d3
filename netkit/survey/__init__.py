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
from ._files import Sheet, read_sheets
from ._layouts import LAYOUTS, parse_sheets
from ._names import normalise_name, split_names
from ._relations import BUILTIN_RELATIONS, relations_frame
from ._sizes import size_class

__all__ = ["Survey", "read_survey", "survey_from_frames", "normalise_name", "split_names",
           "size_class", "KINDS", "LAYOUTS", "BUILTIN_RELATIONS"]


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
    def members(self) -> pd.DataFrame:
        """Actors on the roster (``in_cluster``)."""
        return self.actors[self.actors["in_cluster"]]

    @property
    def response_rate(self) -> float:
        """Share of roster members who answered."""
        members = self.members
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


def _survey_from_sheets(sheets: list[Sheet], source: str | None, *, layout=None, questions=None,
                        relation=None, strength_scale=None, near_miss=85.0, aliases=None,
                        single_file=False) -> Survey:
    problems = Problems(file=source)
    raw = parse_sheets(sheets, problems, layout=layout, questions=questions, relation=relation,
                       single_file=single_file)
    if problems.has_errors or raw.layout not in LAYOUTS:
        raise SurveyError(problems.to_frame())
    actors, ties, relations, spellings = assemble(raw, problems, strength_scale=strength_scale, near_miss=near_miss,
                                       aliases=aliases)
    frame = problems.to_frame()
    if problems.has_errors:
        raise SurveyError(frame)
    return Survey(actors=actors, ties=ties, problems=frame, relations=relations_frame(relations),
                  layout=raw.layout, source=source,
                  meta={"spellings": spellings, "synthetic": raw.synthetic})


def read_survey(path, *, layout: str | None = None, questions: dict | None = None,
                relation: str | None = None, strength_scale: tuple[float, float] | None = None,
                near_miss: float = 85.0, aliases: dict | None = None) -> Survey:
    """Read a survey of inter-firm ties from a workbook, CSV file or folder.

    Parameters
    ----------
    path : str or Path
        An .xlsx or .ods workbook, a .csv file, or a folder of .csv files (one
        per sheet, named after it: actors.csv, ties.csv ...). Never modified.
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
                               single_file=single)


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

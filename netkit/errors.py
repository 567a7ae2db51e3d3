"""Errors raised by netkit, and the table of problems found in input data.

netkit collects recoverable data problems instead of stopping at the first one:
every reader appends to a :class:`Problems` collector and raises a single
:class:`SurveyError` listing all errors at the end. Warnings never stop reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["NetkitError", "SurveyError", "Problems", "PROBLEM_COLUMNS", "group_problems", "format_problems"]

PROBLEM_COLUMNS = ["severity", "file", "sheet", "row", "column", "message"]


class NetkitError(ValueError):
    """Base class of every error netkit raises on purpose."""


@dataclass
class Problems:
    """A collector of data problems (errors, warnings and notes).

    Each problem names where it is (file, sheet, spreadsheet row as a person
    sees it, column) and says what to do about it.
    """

    file: str | None = None
    _rows: list[dict] = field(default_factory=list)

    def add(self, severity: str, message: str, *, sheet=None, row=None, column=None, file=None):
        if severity not in ("error", "warning", "info"):
            raise NetkitError(f"unknown severity {severity!r}")
        self._rows.append(
            {
                "severity": severity,
                "file": file if file is not None else self.file,
                "sheet": sheet,
                "row": None if row is None else int(row),
                "column": column,
                "message": message,
            }
        )

    def error(self, message: str, **where) -> None:
        self.add("error", message, **where)

    def warning(self, message: str, **where) -> None:
        self.add("warning", message, **where)

    def info(self, message: str, **where) -> None:
        self.add("info", message, **where)

    def extend(self, other: "Problems") -> None:
        self._rows.extend(other._rows)

    @property
    def has_errors(self) -> bool:
        return any(r["severity"] == "error" for r in self._rows)

    def to_frame(self) -> pd.DataFrame:
        """The problems as a DataFrame with columns ``PROBLEM_COLUMNS``."""
        frame = pd.DataFrame(self._rows, columns=PROBLEM_COLUMNS)
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise SurveyError(self.to_frame())


def _where(row: pd.Series) -> str:
    parts = []
    for key in ("file", "sheet"):
        value = row.get(key)
        if isinstance(value, str) and value:
            parts.append(f"{key} {value!r}" if key == "sheet" else value)
    if pd.notna(row.get("row")):
        parts.append(f"row {int(row['row'])}")
    if isinstance(row.get("column"), str) and row["column"]:
        parts.append(f"column {row['column']!r}")
    return ", ".join(parts)


def group_problems(problems: pd.DataFrame) -> pd.DataFrame:
    """Identical problems on several rows as one: a count and the rows.

    Problems with the same severity, file, sheet, column and message are one
    row of the result, in the order they first appear, with ``count`` and
    ``rows`` (the spreadsheet rows, e.g. "4, 9, 12"); ``row`` keeps the first.

    Examples
    --------
    >>> p = Problems(file="f.csv")
    >>> for r in (4, 9, 12):
    ...     p.warning("partner 'n/a' is not a firm", sheet="responses", row=r, column="D")
    >>> group_problems(p.to_frame())[["row", "count", "rows"]].values.tolist()
    [[4, 3, '4, 9, 12']]
    """
    if problems.empty:
        return problems.assign(count=pd.Series(dtype="int64"), rows=pd.Series(dtype="object"))
    keys = ["severity", "file", "sheet", "column", "message"]
    frame = problems.copy()
    filled = frame[keys].astype(object).where(frame[keys].notna(), "\x00")
    frame["_key"] = list(map(tuple, filled.values.tolist()))
    out = []
    for _, group in frame.groupby("_key", sort=False):
        first = group.iloc[0].drop(labels="_key").to_dict()
        rows = [int(r) for r in group["row"].dropna()]
        first["count"] = len(group)
        first["rows"] = ", ".join(str(r) for r in rows) if rows else ""
        out.append(first)
    result = pd.DataFrame(out, columns=[*problems.columns, "count", "rows"])
    result["row"] = result["row"].astype("Int64")
    return result


def format_problems(problems: pd.DataFrame, *, limit: int | None = None) -> str:
    """Render a problems table as numbered lines a person can act on; repeats are grouped."""
    lines = []
    grouped = group_problems(problems) if "count" not in problems else problems
    shown = grouped if limit is None else grouped.head(limit)
    for i, (_, row) in enumerate(shown.iterrows(), start=1):
        where = _where(row)
        if row.get("count", 1) > 1:
            rows = str(row["rows"])
            rows = rows if len(rows) <= 60 else rows[:57].rsplit(",", 1)[0] + ", ..."
            where = ", ".join(x for x in (_where(row.drop(labels="row")), f"rows {rows}") if x)
            message = f"{row['message']} ({row['count']} times)"
        else:
            message = row["message"]
        lines.append(f"{i}. [{row['severity']}] {where + ': ' if where else ''}{message}")
    if limit is not None and len(grouped) > limit:
        lines.append(f"... and {len(grouped) - limit} more")
    return "\n".join(lines)


class SurveyError(NetkitError):
    """The survey cannot be read. ``.problems`` holds every problem found.

    The message lists all errors (not just the first), each with its file,
    sheet, row and column and how to fix it.
    """

    def __init__(self, problems: pd.DataFrame | str):
        if isinstance(problems, str):
            problems = pd.DataFrame(
                [{"severity": "error", "file": None, "sheet": None, "row": None,
                  "column": None, "message": problems}],
                columns=PROBLEM_COLUMNS,
            )
        self.problems = problems
        errors = problems[problems["severity"] == "error"]
        n = len(errors)
        head = f"the survey cannot be read: {n} error{'s' if n != 1 else ''} found"
        super().__init__(head + "\n" + format_problems(errors))

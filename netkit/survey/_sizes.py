"""EU size classes of firms (Commission Recommendation 2003/361/EC, Annex art. 2).

Thresholds: micro < 10 staff and turnover or balance sheet <= EUR 2m; small
< 50 and <= EUR 10m; medium < 250 and turnover <= EUR 50m or balance sheet
<= EUR 43m; otherwise large. The staff ceiling is binding; a firm that meets it
but exceeds both financial ceilings of its class moves up a class. With
headcount alone the class is by headcount (``size_basis = "headcount"``).
The Recommendation also counts partner and linked enterprises (autonomy); a
survey rarely knows them, so netkit does not.
"""

from __future__ import annotations

import math

__all__ = ["size_class", "SIZE_CLASSES"]

SIZE_CLASSES = ("micro", "small", "medium", "large")
# (staff ceiling, turnover ceiling EUR m, balance-sheet ceiling EUR m)
_CEILINGS = {
    "micro": (10, 2.0, 2.0),
    "small": (50, 10.0, 10.0),
    "medium": (250, 50.0, 43.0),
}


def _known(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def size_class(employees, turnover=None, balance_sheet=None) -> tuple[str | None, str | None]:
    """EU size class and the basis it rests on.

    Parameters
    ----------
    employees : float
        Staff headcount (annual work units).
    turnover, balance_sheet : float, optional
        In EUR million.

    Returns
    -------
    (class, basis)
        ``class`` in micro/small/medium/large, or None when the headcount is
        unknown; ``basis`` is "headcount" or "headcount and financials".

    Examples
    --------
    >>> size_class(8)
    ('micro', 'headcount')
    >>> size_class(8, turnover=5.0)
    ('small', 'headcount and financials')
    >>> size_class(200, turnover=60.0, balance_sheet=40.0)
    ('medium', 'headcount and financials')
    """
    if not _known(employees):
        return None, None
    financial = [x for x in (turnover, balance_sheet) if _known(x)]
    basis = "headcount and financials" if financial else "headcount"
    for name in ("micro", "small", "medium"):
        staff, max_turnover, max_balance = _CEILINGS[name]
        if employees >= staff:
            continue
        if not financial:
            return name, basis
        within = (_known(turnover) and turnover <= max_turnover) or (
            _known(balance_sheet) and balance_sheet <= max_balance
        )
        if within:
            return name, basis
    return "large", basis

"""Numbers as people write them in survey sheets: "1.250", "2,5", "1 250 €".

Facilitators type headcounts and turnovers the way their country writes
numbers: a German or Italian sheet writes ``1.250,75`` for what an English one
writes ``1,250.75``; Swiss sheets write ``1'250``; French ones ``1 250`` with a
(non-breaking or thin) space. :func:`parse_number` reads all of them, and
returns ``"bad"`` for what it cannot be sure of (``"12 Mio"``, ``"5k"``) so
that the caller reports the cell instead of guessing.
"""

from __future__ import annotations

import math
import numbers
import re

__all__ = ["parse_number"]

# thousands separators that are never a decimal mark: spaces of every width and apostrophes
_GROUP_CHARS = " \u00a0\u202f\u2009\u2007\u2008\u200a'\u2019\u02bc"
_MINUS = "-\u2212\u2013"
_CURRENCY = re.compile(r"^(?:€|eur)\s*|\s*(?:€|eur)$", re.IGNORECASE)
_EXPONENT = re.compile(r"^\d+(?:\.\d+)?e[+-]?\d+$", re.IGNORECASE)


def _grouped(text: str, sep: str) -> bool:
    """Is ``text`` digit groups joined by ``sep`` the way thousands are grouped (1.250.000)?"""
    parts = text.split(sep)
    if len(parts) < 2 or not all(p.isdigit() and p.isascii() for p in parts):
        return False
    head = parts[0]
    if not 1 <= len(head) <= 3 or (head.startswith("0")):
        return False
    return all(len(p) == 3 for p in parts[1:])


def _plain(text: str) -> str | None:
    """Digits with at most one '.' as decimal mark, as float() reads them; None otherwise."""
    if re.fullmatch(r"\d+(?:\.\d*)?|\.\d+", text):
        return text
    return None


def _resolve(text: str, decimal: str | None, integer: bool) -> str | None:
    """``text`` (digits, '.', ',' only) as a plain number string, or None when not a number."""
    dots, commas = text.count("."), text.count(",")
    if not dots and not commas:
        return text if text.isdigit() else None
    if dots and commas:
        # both marks: the last one is the decimal mark, the other groups thousands
        mark = "," if text.rfind(",") > text.rfind(".") else "."  # unambiguous, whatever the sheet's mark
        group = "." if mark == "," else ","
        whole, _, frac = text.rpartition(mark)
        if not frac.isdigit() or not _grouped(whole, group):
            return None
        return whole.replace(group, "") + "." + frac
    sep = "." if dots else ","
    count = dots or commas
    if decimal is not None:
        if sep != decimal:
            # the sheet's thousands separator; if it cannot be one, it is a decimal mark typed the other way
            if _grouped(text, sep):
                return text.replace(sep, "")
            return _plain(text.replace(sep, ".")) if count == 1 else None
        return _plain(text.replace(sep, ".")) if count == 1 else None
    # no decimal mark known: decide for this value
    if count > 1:
        return text.replace(sep, "") if _grouped(text, sep) else None
    if integer and _grouped(text, sep):
        return text.replace(sep, "")  # "1.250" staff is 1250 people
    return _plain(text.replace(sep, "."))


def parse_number(value, *, decimal: str | None = None, integer: bool = False):
    """Read a number the way people write it in a spreadsheet cell.

    Parameters
    ----------
    value : object
        A cell value: a number (returned as float), an empty cell, or text
        such as ``"1.250"``, ``"2,5"``, ``"1.250,75"``, ``"1 250"``,
        ``"1'250"`` or ``"€ 1.250"``.
    decimal : {",", ".", None}
        The decimal mark of the sheet (``Sheet.decimal``). With ``","``,
        ``"."`` groups thousands (``"1.250"`` is 1250, ``"2,5"`` is 2.5); with
        ``"."`` it is the other way round. A separator that cannot group
        thousands (``"2.5"`` in a decimal-comma sheet) is read as the decimal
        mark. When both marks appear the last one is the decimal mark
        (``"1.250,75"``, ``"1,250.75"``), whatever ``decimal`` says. None
        decides per value: one mark followed by exactly three digits groups
        thousands when ``integer`` is true, and is the decimal mark otherwise.
    integer : bool
        The value is a count (a headcount), so ``"1.250"`` and ``"1,250"``
        are 1250 when ``decimal`` is None.

    Returns
    -------
    float, None or "bad"
        The number; None for an empty cell; the string ``"bad"`` for text
        that is not a number or whose unit is not certain (``"12 Mio"``,
        ``"5k"``, ``"$ 3"``): the caller reports it. Spaces, non-breaking and
        thin spaces and apostrophes group thousands; a euro sign or ``EUR``
        is dropped.

    Examples
    --------
    >>> parse_number("1.250", integer=True), parse_number("2,5"), parse_number("1.250,75")
    (1250.0, 2.5, 1250.75)
    >>> parse_number("1,250", decimal="."), parse_number("1.250", decimal=","), parse_number("1'250")
    (1250.0, 1250.0, 1250.0)
    >>> parse_number("€ 1 250"), parse_number(""), parse_number("12 Mio")
    (1250.0, None, 'bad')
    """
    if decimal not in (None, ".", ","):
        raise ValueError(f"decimal must be ',', '.' or None, not {decimal!r}")
    if value is None:
        return None
    if isinstance(value, bool):
        return "bad"
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return None
        return number if math.isfinite(number) else "bad"
    text = str(value).strip()
    if not text:
        return None
    if text.lower() == "nan":
        return None
    text = _CURRENCY.sub("", text).strip()
    sign = ""
    if text[:1] in _MINUS or text[:1] == "+":
        sign = "-" if text[0] in _MINUS else ""
        text = text[1:].lstrip()
    if not text:
        return "bad"
    if _EXPONENT.fullmatch(text):
        return float(sign + text)
    # spaces and apostrophes only ever group thousands: drop them where they do
    chunks = re.split(f"[{_GROUP_CHARS}]", text)
    if len(chunks) > 1:
        if not (chunks[0] and all(len(c) >= 3 and c[:3].isdigit() for c in chunks[1:])):
            return "bad"
        if not (chunks[0].isdigit() and len(chunks[0]) <= 3):
            return "bad"
        if any(not c[3:].startswith((".", ",")) and c[3:] for c in chunks[1:]):
            return "bad"
        if any(c[3:] for c in chunks[1:-1]):
            return "bad"  # a decimal mark may only follow the last group
        text = "".join(chunks)
        if decimal is None and text.count(".") + text.count(",") == 1:
            # "1 250,5": with spaces grouping thousands, the one mark left is the decimal mark
            text = text.replace(",", ".")
    if not re.fullmatch(r"[\d.,]+", text) or not text.isascii():
        return "bad"
    plain = _resolve(text, decimal, integer)
    if plain is None:
        return "bad"
    return float(sign + plain)

"""parse_number: numbers as facilitators type them, each expected value worked out by hand."""

import math

import pytest
from hypothesis import given, strategies as st

from netkit.survey._numbers import parse_number


@pytest.mark.parametrize("text, kw, expected", [
    # the examples of issue 12
    ("1.250", dict(decimal=","), 1250.0),
    ("2,5", dict(decimal=","), 2.5),
    ("1.250,75", dict(decimal=","), 1250.75),
    ("1,250", dict(decimal="."), 1250.0),
    ("2.5", dict(decimal="."), 2.5),
    ("1,250.75", dict(decimal="."), 1250.75),
    # per value, without a sheet's decimal mark
    ("1.250", dict(integer=True), 1250.0),  # a headcount of one thousand two hundred and fifty
    ("1,250", dict(integer=True), 1250.0),
    ("1.250", dict(), 1.25),  # not a count: the dot is a decimal point
    ("2,5", dict(), 2.5),
    ("2,5", dict(integer=True), 2.5),  # "2,5" cannot be thousands (one digit after the mark)
    ("0,250", dict(integer=True), 0.25),  # thousands never start with 0
    ("1.250,75", dict(), 1250.75),
    ("1,250.75", dict(), 1250.75),
    ("1.250.000", dict(), 1250000.0),
    ("1,250,000", dict(integer=True), 1250000.0),
    ("1.250.000,5", dict(), 1250000.5),
    # spaces and apostrophes group thousands
    ("1 250", dict(), 1250.0),
    ("1\u00a0250", dict(), 1250.0),  # non-breaking space (Excel in French)
    ("1\u202f250,5", dict(), 1250.5),  # narrow no-break space (LibreOffice in French)
    ("1\u2009250", dict(), 1250.0),  # thin space
    ("1'250", dict(), 1250.0),  # Swiss
    ("1\u2019250.5", dict(), 1250.5),
    ("12 345 678", dict(integer=True), 12345678.0),
    # currency
    ("€ 1.250,00", dict(), 1250.0),
    ("1.250 EUR", dict(decimal=","), 1250.0),
    ("2,5€", dict(), 2.5),
    ("eur 3", dict(), 3.0),
    # signs, plain numbers, spaces around
    ("-3,5", dict(), -3.5),
    ("\u22124", dict(), -4.0),  # a typographic minus
    ("  42 ", dict(), 42.0),
    ("+7", dict(), 7.0),
    (",5", dict(), 0.5),
    ("1e3", dict(), 1000.0),
    # a mark that cannot be the sheet's thousands separator is a decimal mark typed the other way
    ("2.5", dict(decimal=","), 2.5),
    ("2,5", dict(decimal="."), 2.5),
    ("1.250", dict(decimal="."), 1.25),
    ("1,250", dict(decimal=","), 1.25),
    # both marks are unambiguous whatever the sheet says
    ("1.250,75", dict(decimal="."), 1250.75),
    # cells that are numbers already
    (12, dict(), 12.0),
    (2.5, dict(decimal=","), 2.5),
])
def test_numbers_as_people_write_them(text, kw, expected):
    assert parse_number(text, **kw) == expected


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), "nan"])
def test_empty_is_none(value):
    assert parse_number(value) is None


@pytest.mark.parametrize("text", [
    "12 Mio", "5k", "5 K", "3 m", "10%", "$ 3", "£5", "about 40", "n/a", "-", "1.2.3", "1,25,0", "12 5",
    "1 2345", "1.250,75,3", "inf", "2,5,", "1..5", "١٢", "²",
])
def test_what_is_not_certainly_a_number_is_bad(text):
    assert parse_number(text) == "bad"
    assert parse_number(text, decimal=",") == "bad"
    assert parse_number(text, decimal=".", integer=True) == "bad"


def test_booleans_and_infinities_are_bad():
    assert parse_number(True) == "bad"
    assert parse_number(math.inf) == "bad"


def test_an_unknown_decimal_mark_is_refused():
    with pytest.raises(ValueError, match="decimal must be"):
        parse_number("1", decimal=";")


# ---------------------------------------------------------------- properties

big = st.integers(min_value=0, max_value=10**12)
cents = st.integers(min_value=0, max_value=99)
neg = st.booleans()


def english(n: int) -> str:
    return f"{n:,}"


def german(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@given(big, neg)
def test_whole_numbers_written_the_german_or_italian_way(n, negative):
    text = ("-" if negative else "") + german(n)
    value = -n if negative else n
    assert parse_number(text, decimal=",") == value
    assert parse_number(text, integer=True) == value
    assert parse_number(text, decimal=",", integer=True) == value


@given(big, neg)
def test_whole_numbers_written_the_english_way(n, negative):
    text = ("-" if negative else "") + english(n)
    value = -n if negative else n
    assert parse_number(text, decimal=".") == value
    assert parse_number(text, integer=True) == value


@given(big, cents)
def test_decimals_written_either_way(n, c):
    value = float(f"{n}.{c:02d}")
    assert parse_number(f"{german(n)},{c:02d}", decimal=",") == value
    assert parse_number(f"{english(n)}.{c:02d}", decimal=".") == value
    # two decimals never look like thousands, so the mark is clear without the sheet's
    assert parse_number(f"{german(n)},{c:02d}") == value
    assert parse_number(f"{english(n)}.{c:02d}") == value


@given(big, cents)
def test_space_and_apostrophe_grouping(n, c):
    value = float(f"{n}.{c:02d}")
    for group in (" ", "\u00a0", "\u202f", "'"):
        assert parse_number(english(n).replace(",", group), integer=True) == n
        assert parse_number(english(n).replace(",", group) + f",{c:02d}") == value
        assert parse_number(english(n).replace(",", group) + f".{c:02d}") == value


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numeric_cells_come_back_unchanged(x):
    assert parse_number(x) == x
    assert parse_number(x, decimal=",", integer=True) == x


@given(st.text(max_size=12))
def test_any_text_gives_a_float_none_or_bad(text):
    out = parse_number(text)
    assert out is None or out == "bad" or (isinstance(out, float) and math.isfinite(out))

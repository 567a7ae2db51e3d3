"""EU size classes (Commission Recommendation 2003/361/EC, Annex, Title I, article 2).

The Annex, art. 2:
  1. medium-sized: fewer than 250 persons, and an annual turnover not exceeding EUR 50 million,
     and/or an annual balance sheet total not exceeding EUR 43 million;
  2. small: fewer than 50 persons, and annual turnover and/or annual balance sheet total
     not exceeding EUR 10 million;
  3. micro: fewer than 10 persons, and annual turnover and/or annual balance sheet total
     not exceeding EUR 2 million.
So the staff ceiling is strict ("fewer than"), the money ceilings are inclusive ("not exceeding"),
and a firm needs only ONE of turnover / balance sheet within its class's ceiling.
"""

import math

import pandas as pd
import pytest

import netkit
from netkit.survey import size_class

HEADCOUNT = "headcount"
BOTH = "headcount and financials"


@pytest.mark.parametrize(
    "employees, expected",
    [
        (0, "micro"),
        (9, "micro"),  # fewer than 10
        (9.5, "micro"),  # annual work units may be fractional
        (10, "small"),
        (49, "small"),  # fewer than 50
        (50, "medium"),
        (249, "medium"),  # fewer than 250
        (250, "large"),
        (5000, "large"),
    ],
)
def test_headcount_only_boundaries(employees, expected):
    assert size_class(employees) == (expected, HEADCOUNT)


@pytest.mark.parametrize(
    "employees, turnover, balance, expected",
    [
        # micro: < 10 staff and turnover or balance sheet <= EUR 2m
        (9, 2.0, None, "micro"),  # exactly at the ceiling: "not exceeding"
        (9, 2.01, None, "small"),  # turnover above the micro ceiling, no balance sheet known
        (9, 2.5, 2.0, "micro"),  # and/or: the balance sheet alone keeps it micro
        (9, None, 2.0, "micro"),
        (9, 2.5, 2.5, "small"),  # both above EUR 2m
        (10, 1.0, 1.0, "small"),  # the staff ceiling binds whatever the money
        # small: < 50 staff and <= EUR 10m
        (49, 10.0, None, "small"),
        (49, 10.5, None, "medium"),
        (49, 10.5, 9.0, "small"),
        (9, 10.01, 10.01, "medium"),  # a micro headcount exceeding both small ceilings
        (50, 5.0, 5.0, "medium"),
        # medium: < 250 staff and turnover <= EUR 50m or balance sheet <= EUR 43m
        (249, 50.0, None, "medium"),
        (249, 50.1, 43.0, "medium"),  # balance sheet exactly EUR 43m
        (249, 50.1, 43.1, "large"),  # both ceilings exceeded
        (249, 50.1, None, "large"),
        (249, None, 43.1, "large"),
        (200, 60.0, 40.0, "medium"),
        (250, 1.0, 1.0, "large"),
    ],
)
def test_financial_ceilings_at_their_boundaries(employees, turnover, balance, expected):
    assert size_class(employees, turnover, balance) == (expected, BOTH)


@pytest.mark.parametrize("employees", [None, math.nan, float("nan")])
def test_unknown_headcount_gives_no_class(employees):
    # the staff ceiling is binding: without a headcount there is no class, even with financials
    assert size_class(employees) == (None, None)
    assert size_class(employees, 1.0, 1.0) == (None, None)


def test_nan_financials_count_as_unknown():
    assert size_class(30, math.nan, math.nan) == ("small", HEADCOUNT)
    assert size_class(30, 12.0, math.nan) == ("medium", BOTH)


def test_survey_actors_get_size_class_and_is_sme():
    actors = pd.DataFrame({
        "actor": ["M", "S", "D", "L", "T", "U", "G", "X"],
        "kind": ["firm", "firm", "firm", "firm", "firm", "university", "agency", "firm"],
        "employees": [9, 10, 249, 250, 9, 3000, 12, None],
        "turnover": [None, None, 50.1, None, 2.5, None, None, None],
        "balance_sheet": [None, None, 43.0, None, 2.5, None, None, None],
    })
    ties = pd.DataFrame({"respondent": ["M"], "partner": ["S"], "relation": ["customer"]})
    a = netkit.survey_from_frames(actors, ties).actors
    assert a.loc["M", "size_class"] == "micro" and a.loc["M", "size_basis"] == HEADCOUNT
    assert a.loc["S", "size_class"] == "small"
    assert a.loc["D", "size_class"] == "medium" and a.loc["D", "size_basis"] == BOTH
    assert a.loc["L", "size_class"] == "large"
    assert a.loc["T", "size_class"] == "small"  # 9 staff but both financials above EUR 2m
    assert [bool(a.loc[k, "is_sme"]) for k in ["M", "S", "D", "T"]] == [True, True, True, True]
    assert a.loc["L", "is_sme"] == False  # noqa: E712
    # universities and agencies are not enterprises: no class, never SMEs
    assert a.loc["U", "size_class"] is None and a.loc["U", "is_sme"] == False  # noqa: E712
    assert a.loc["G", "size_class"] is None and a.loc["G", "is_sme"] == False  # noqa: E712
    # a firm without a headcount: class unknown, SME status unknown (not False)
    assert a.loc["X", "size_class"] is None
    assert pd.isna(a.loc["X", "is_sme"])


def test_size_columns_accept_text_numbers_and_warn_on_bad_ones():
    actors = pd.DataFrame({
        "actor": ["A", "B", "C"],
        "employees": ["45", "lots", "-3"],
        "turnover": ["2,5", None, None],
    })
    ties = pd.DataFrame({"respondent": ["A"], "partner": ["B"], "relation": ["supplier"]})
    s = netkit.survey_from_frames(actors, ties)
    assert s.actors.loc["A", "employees"] == 45.0
    assert s.actors.loc["A", "turnover"] == 2.5  # decimal comma
    assert s.actors.loc["A", "size_class"] == "small"
    assert math.isnan(s.actors.loc["B", "employees"]) and s.actors.loc["B", "size_class"] is None
    assert math.isnan(s.actors.loc["C", "employees"])
    bad = s.problems[s.problems["column"] == "employees"]
    assert list(bad["row"]) == [3, 4]  # the header is row 1: B is row 3, C row 4
    assert (bad["severity"] == "warning").all()
    assert bad["message"].str.contains("not a non-negative number").all()

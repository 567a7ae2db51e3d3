"""Hand-made roster matrices (netkit.survey._layouts._matrix_reports): title rows, merged cells,
blank separator rows and columns, legends, and totals rows and columns.

Every workbook is written with openpyxl the way a facilitator types it in Excel; every tie
expected below is worked out by hand from the cells planted in the sheet.
"""

import openpyxl
import pandas as pd
import pytest

from netkit import SurveyError, read_survey

ROSTER = [["actor", "name", "kind"], ["A", "Alfa", "firm"], ["B", "Beta", "firm"],
          ["C", "Gamma", "firm"], ["D", "Delta", "firm"]]


def write_book(path, sheets, merges=None):
    """Write {sheet: {row: [cells from column A]}}; rows not given stay empty, as in Excel."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        if isinstance(rows, list):
            rows = dict(enumerate(rows, start=1))
        for r, cells in rows.items():
            for c, value in enumerate(cells, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def ties_of(survey):
    return sorted(zip(survey.ties["respondent"], survey.ties["partner"], survey.ties["source"],
                      survey.ties["target"], survey.ties["row"]))


def notes_of(survey, severity):
    p = survey.problems[survey.problems["severity"] == severity]
    return [(sheet, None if pd.isna(row) else int(row), col if isinstance(col, str) else None, msg)
            for sheet, row, col, msg in zip(p["sheet"], p["row"].astype(object), p["column"], p["message"])]


# The supplier matrix as a facilitator makes it: a title merged across row 1, an empty row 2,
# the labels in A and an empty column B before the matrix, a blank separator row, a "Total"
# column (H) and a "Totale" row (9) typed by hand, and a legend merged across row 11.
SUPPLIER = {
    1: ["Cluster survey 2025 - which of these firms supply you?"],
    3: ["Your firm", None, "Alfa", "Beta", "Gamma", "Delta", "Acme GmbH", "Total"],
    4: ["Alfa", None, None, "x", "X", None, None, 2],
    5: ["Beta", None, "✓", None, None, None, "x", 2],
    7: ["Gamma", None, None, None, None, "1", None, 1],
    8: ["Delta", None, None, None, None, None, None, 0],
    9: ["Totale", None, 1, 1, 1, 1, 1, 5],
    11: ["x = tie, empty = no tie"],
}


@pytest.fixture
def supplier_survey(tmp_path):
    path = write_book(tmp_path / "cluster.xlsx", {"actors": ROSTER, "supplier": SUPPLIER},
                      {"supplier": ["A1:H1", "A11:H11"]})
    return read_survey(path)


def test_hand_made_matrix_gives_every_planted_tie_and_no_other(supplier_survey):
    s = supplier_survey
    assert s.layout == "matrix"
    # supplier: the partner sells to the respondent, so the tie runs partner -> respondent
    assert ties_of(s) == [
        ("A", "B", "B", "A", 4),
        ("A", "C", "C", "A", 4),
        ("B", "A", "A", "B", 5),
        ("B", "Acme GmbH", "Acme GmbH", "B", 5),
        ("C", "D", "D", "C", 7),
    ]
    assert s.ties.set_index("row").loc[7, "strength"] == 1.0


def test_totals_and_legend_are_dropped_and_each_drop_is_reported(supplier_survey):
    s = supplier_survey
    assert sorted(s.actors.index) == ["A", "Acme GmbH", "B", "C", "D"]  # no "Total", no "Totale"
    assert notes_of(s, "error") == [] and notes_of(s, "warning") == []
    infos = [n for n in notes_of(s, "info") if n[0] == "supplier"]
    assert infos == [
        ("supplier", 3, "H (Total)", "column H 'Total' is a totals column: not read as a partner."),
        ("supplier", 9, "A", "row 9 'Totale' is a totals row: not read as an actor."),
        ("supplier", 11, None, "row 11 'x = tie, empty = no tie' is a legend or note: not read as an actor."),
    ]


def test_listed_respondent_without_marks_did_not_respond(supplier_survey):
    assert list(supplier_survey.non_respondents.index) == ["D"]


def test_unlabelled_sums_are_totals_with_two_label_columns_and_strengths(tmp_path):
    customer = {
        1: ["Customers: how much do you sell to each firm? (1 = little, 5 = a lot)"],
        2: ["id", "name", None, "A", "B", "C"],
        3: ["A", "Alfa", None, None, 3, 5, 8],
        4: ["B", "Beta", None, 2, None, None, 2],
        5: ["C", "Gamma", None, 4, 1, None, 5],
        6: [None, None, None, 6, 4, 5, 15],
    }
    path = write_book(tmp_path / "c.xlsx", {"actors": ROSTER, "customer": customer}, {"customer": ["A1:G1"]})
    s = read_survey(path)
    # customer: the respondent sells to the partner, respondent -> partner
    assert sorted(zip(s.ties["source"], s.ties["target"], s.ties["strength"])) == [
        ("A", "B", 3.0), ("A", "C", 5.0), ("B", "A", 2.0), ("C", "A", 4.0), ("C", "B", 1.0)]
    assert [n[1:] for n in notes_of(s, "info") if n[0] == "customer"] == [
        (2, "G", "column G has no header and holds the sum of each row: it is a totals column, "
                 "not read as a partner."),
        (6, None, "row 6 has no label and holds the sum of each column: it is a totals row, not read as an actor."),
    ]


@pytest.mark.parametrize("word", ["Total", "Totale", "Summe", "Gesamt", "Σ", "Suma", "Totaal", "Sum", "TOT."])
def test_totals_words_in_a_row_and_a_column(word, tmp_path):
    matrix = [[None, "Alfa", "Beta", "Gamma", word],
              ["Alfa", None, "x", "x", 2],
              ["Beta", None, None, "x", 1],
              [word, 0, 1, 2, 3]]
    s = read_survey(write_book(tmp_path / "m.xlsx", {"actors": ROSTER, "customer": matrix}))
    assert sorted(zip(s.ties["source"], s.ties["target"])) == [("A", "B"), ("A", "C"), ("B", "C")]
    assert word not in s.actors.index and word not in set(s.ties["partner_as_written"])
    infos = [(r, m) for _, r, _, m in notes_of(s, "info")]
    assert (1, f"column E {word!r} is a totals column: not read as a partner.") in infos
    assert (4, f"row 4 {word!r} is a totals row: not read as an actor.") in infos


def test_total_is_never_a_partner_without_an_actors_sheet(tmp_path):
    matrix = [["Who supplies you?"], [None, "Alfa", "Beta", "Gamma", "Total"],
              ["Alfa", None, "x", None, 1], ["Beta", "x", None, "x", 2], ["Gamma", None, None, None, 0],
              ["Total", 1, 1, 1, 3]]
    s = read_survey(write_book(tmp_path / "m.xlsx", {"supplier": matrix}))
    assert sorted(s.actors.index) == ["Alfa", "Beta", "Gamma"]
    assert sorted(zip(s.ties["source"], s.ties["target"])) == [("Alfa", "Beta"), ("Beta", "Alfa"), ("Gamma", "Beta")]


def test_a_roster_member_called_total_stays_a_partner(tmp_path):
    actors = ROSTER + [["T", "Total", "firm"]]
    matrix = [[None, "Alfa", "Total"], ["Alfa", None, "x"], ["Total", "x", None]]
    s = read_survey(write_book(tmp_path / "m.xlsx", {"actors": actors, "customer": matrix}))
    assert sorted(zip(s.ties["source"], s.ties["target"])) == [("A", "T"), ("T", "A")]


def test_unlabelled_column_of_marks_is_an_error_naming_the_column(tmp_path):
    matrix = [[None, "Alfa", "Beta", None], ["Alfa", None, "x", "x"], ["Beta", "x", None, None]]
    with pytest.raises(SurveyError) as info:
        read_survey(write_book(tmp_path / "m.xlsx", {"actors": ROSTER, "supplier": matrix}))
    err = info.value.problems[info.value.problems["severity"] == "error"]
    assert list(zip(err["row"], err["column"], err["message"])) == [
        (2, "D", "this column has ties but no partner name in its header.")]


def test_unlabelled_column_that_is_not_a_sum_is_still_an_error(tmp_path):
    # row 2 has one tie, but D says 3: not a totals column, so its cells are ties without a partner
    matrix = [[None, "Alfa", "Beta", "Gamma", None], ["Alfa", None, "x", None, 3], ["Beta", "x", None, "x", 2]]
    with pytest.raises(SurveyError) as info:
        read_survey(write_book(tmp_path / "m.xlsx", {"actors": ROSTER, "supplier": matrix}))
    err = info.value.problems[info.value.problems["severity"] == "error"]
    assert list(zip(err["row"], err["column"])) == [(2, "E"), (3, "E")]


def test_text_that_is_not_a_mark_stays_an_error_beside_totals(tmp_path):
    matrix = [[None, "Alfa", "Beta", "Total"], ["Alfa", None, "maybe", 0], ["Beta", "x", None, 1],
              ["Total", 1, 0, 1]]
    with pytest.raises(SurveyError) as info:
        read_survey(write_book(tmp_path / "m.xlsx", {"actors": ROSTER, "supplier": matrix}))
    err = info.value.problems[info.value.problems["severity"] == "error"]
    assert list(zip(err["row"], err["column"])) == [(2, "C (Beta)")]
    assert "'maybe' is not a tie mark" in err["message"].iloc[0]


def test_blank_separator_column_inside_the_matrix(tmp_path):
    # firms, an empty column E, then the outside partners; marks of several kinds
    matrix = [["respondent", "Alfa", "Beta", "Gamma", None, "Bosch AG", "Festo SE"],
              ["Alfa", None, "√", None, None, "×", None],
              [],
              ["Gamma", "X", None, None, None, None, 4]]
    s = read_survey(write_book(tmp_path / "m.xlsx", {"actors": ROSTER, "supplier": matrix}))
    assert ties_of(s) == [("A", "B", "B", "A", 2), ("A", "Bosch AG", "Bosch AG", "A", 2),
                          ("C", "A", "A", "C", 4), ("C", "Festo SE", "Festo SE", "C", 4)]

"""Reading surveys: the three layouts, relations and their meaning, names, response rate,
and how problems are reported (netkit.survey).

Every fixture is a real file written into tmp_path (openpyxl for .xlsx, pandas' odf
writer for .ods, the csv module for CSV). Expected graphs are written out by hand.
"""

import math

import networkx as nx
import pytest

import netkit
from netkit import SurveyError, build_graph, read_survey, write_survey
from workbooks import write_xlsx, write_ods, write_csv_folder

# ---------------------------------------------------------------- writing fixtures





def write_any(fmt, tmp_path, stem, sheets, merges=None):
    if fmt == "xlsx":
        return write_xlsx(tmp_path / f"{stem}.xlsx", sheets, merges)
    if fmt == "ods":
        return write_ods(tmp_path / f"{stem}.ods", sheets)
    return write_csv_folder(tmp_path / stem, sheets)


def signature(G, *, strength=True):
    """Nodes with attributes and edges with attributes, comparable with ==."""
    drop = set() if strength else {"strength", "weight"}
    nodes = {n: dict(d) for n, d in G.nodes(data=True)}
    edges = sorted((u, v, k, tuple(sorted((a, b) for a, b in d.items() if a not in drop)))
                   for u, v, k, d in G.edges(keys=True, data=True))
    return nodes, edges


def problems_of(survey_or_error, severity=None):
    p = survey_or_error.problems
    return p if severity is None else p[p["severity"] == severity]


# ---------------------------------------------------------------- one small survey, by hand

ACTORS = [
    ["actor", "name", "kind", "sector", "employees", "aliases"],
    ["A1", "Meccanica Rossi S.r.l.", "firm", "mechanics", 8, "MR"],
    ["A2", "Bianchi GmbH", "firm", "mechanics", 45, None],
    ["A3", "Verdi Ltd", "firm", "packaging", 300, None],
    ["A4", "Talleres Pérez S.L.", "firm", "packaging", 12, None],
    ["U1", "Politecnico di Milano", "university", None, None, None],
    ["G1", "Agenzia Sviluppo", "agency", None, None, None],
]
RELATIONS = [
    ["relation", "tie", "directed", "direction", "scale_min", "scale_max"],
    ["knowledge", "knowledge", "yes", "partner_to_respondent", 1, 5],
]
# What each respondent answered, written the way people write names.
LONG_TIES = [
    ["respondent", "partner", "relation", "strength"],
    ["A1", "Bianchi GmbH", "supplier", None],
    ["A1", "Verdi", "supplier", None],  # legal form left out
    ["A1", "A3", "knowledge", 4],  # by id
    ["A1", "Politecnico di Milano", "university", None],
    ["A2", "meccanica rossi", "customer", None],  # case, legal form
    ["A2", "Agenzia Sviluppo", "agency", None],
    ["A2", "Acme Inc.", "supplier", None],  # not on the roster
    ["A3", "Talleres Perez", "customer", None],  # accent left out
    ["A3", "MR", "knowledge", 2],  # alias
    ["U1", "Meccanica Rossi S.r.l.", "university", None],
]
# The graph these answers mean, edge by edge: (source, target, relation, reported_by, strength)
EXPECTED_EDGES = {
    ("A2", "A1", "trade", "both", None),  # A1: A2 supplies me; A2: A1 is my customer
    ("A3", "A1", "trade", "target", None),
    ("Acme Inc.", "A2", "trade", "target", None),
    ("A3", "A4", "trade", "source", None),
    ("A3", "A1", "knowledge", "target", 4.0),  # A1 asks A3: adviser -> respondent
    ("A1", "A3", "knowledge", "target", 2.0),
    ("A1", "U1", "university", "both", None),  # one arc, from the smaller id
    ("A2", "G1", "agency", "source", None),
}


def long_sheets():
    return {"actors": ACTORS, "ties": LONG_TIES, "relations": RELATIONS}


def matrix_sheets():
    """The same answers as roster matrices, as spreadsheet tools export them."""
    supplier = [  # title row, then a two-row header (ids, then names), two label columns
        ["Supplier: which of these firms supply you? (x for a tie)", None, None, None, None, None, None],
        [None, None, "A1", "A2", "A3", "A4", "Acme Inc."],
        ["id", "name", "Meccanica Rossi S.r.l.", "Bianchi GmbH", "Verdi Ltd", "Talleres Pérez S.L.", "Acme Inc."],
        ["A1", "Meccanica Rossi S.r.l.", None, "x", "x", None, None],
        ["A2", "Bianchi GmbH", None, None, None, None, "x"],
        ["A3", "Verdi Ltd", None, None, None, None, None],
    ]
    customer = [  # one header row of names, respondents by name
        ["respondent", "Meccanica Rossi", "Bianchi GmbH", "Verdi Ltd", "Talleres Perez"],
        ["Bianchi GmbH", "yes", None, None, None],
        ["Verdi Ltd", None, None, None, "X"],
    ]
    knowledge = [  # strengths instead of marks, ids
        [None, "A1", "A2", "A3"],
        ["A1", None, None, 4],
        ["A3", 2, None, None],
    ]
    university = [
        [None, "Meccanica Rossi S.r.l.", "Politecnico di Milano"],
        ["Meccanica Rossi S.r.l.", None, "x"],
        ["Politecnico di Milano", "✓", None],
    ]
    agency = [[None, "G1"], ["A2", "x"]]
    return {"actors": ACTORS, "relations": RELATIONS, "supplier": supplier, "customer": customer,
            "knowledge": knowledge, "university": university, "agency": agency}


def form_sheets():
    """The same answers as an online-form export (no strengths)."""
    responses = [
        ["Timestamp", "Your organisation", "Who supplies you?", "Who do you sell to?",
         "Whom do you ask for technical advice?", "Which universities do you work with?",
         "Which agencies support you?"],
        ["2026-03-01 10:00", "Meccanica Rossi S.r.l.", "Bianchi GmbH,\nVerdi Ltd", None, "Verdi Ltd",
         "Politecnico di Milano", None],
        ["2026-03-01 11:00", "Bianchi GmbH", "Acme Inc.", "Meccanica Rossi", None, None, "Agenzia Sviluppo"],
        ["2026-03-02 09:30", "Verdi Ltd", None, "Talleres Pérez, S.L.", "MR", None, None],
        ["2026-03-02 09:45", "Politecnico di Milano", None, None, None, "Meccanica Rossi S.r.l.;", None],
    ]
    questions = [
        ["column", "relation"],
        ["Your organisation", "respondent"],
        ["Who supplies you?", "supplier"],
        ["Who do you sell to?", "customer"],
        ["Whom do you ask for technical advice?", "knowledge"],
        ["Which universities do you work with?", "university"],
        ["Which agencies support you?", "agency"],
    ]
    return {"actors": ACTORS, "relations": RELATIONS, "responses": responses, "questions": questions}


def edge_set(G):
    return {(u, v, k, d["reported_by"], d.get("strength")) for u, v, k, d in G.edges(keys=True, data=True)}


@pytest.fixture(scope="module")
def long_survey(tmp_path_factory):
    path = write_xlsx(tmp_path_factory.mktemp("long") / "long.xlsx", long_sheets())
    return read_survey(path)


# ---------------------------------------------------------------- the long layout


def test_long_layout_reads_the_expected_graph(long_survey):
    s = long_survey
    assert s.layout == "long"
    assert len(s.ties) == 10
    assert problems_of(s).empty
    G = build_graph(s)
    assert edge_set(G) == EXPECTED_EDGES
    assert G.edges["A1", "U1", "university"]["directed"] is False


def test_long_layout_rows_are_spreadsheet_rows(long_survey):
    t = long_survey.ties
    # header is row 1, first tie row 2
    assert list(t["row"]) == list(range(2, 12))
    assert set(t["sheet"]) == {"ties"}
    assert t.loc[t["row"] == 10, "partner"].item() == "A1"  # "MR" on row 10 resolved through the alias
    assert t.loc[t["row"] == 10, "partner_as_written"].item() == "MR"


def test_names_are_matched_after_normalising(long_survey):
    t = long_survey.ties.set_index("row")
    assert t.loc[3, "partner"] == "A3"  # "Verdi" -> Verdi Ltd
    assert t.loc[6, "partner"] == "A1"  # "meccanica rossi" -> Meccanica Rossi S.r.l.
    assert t.loc[9, "partner"] == "A4"  # "Talleres Perez" -> Talleres Pérez S.L.


def test_outside_partners_are_external_actors(long_survey):
    a = long_survey.actors
    assert a.loc["Acme Inc.", "in_cluster"] == False  # noqa: E712
    assert a.loc["Acme Inc.", "responded"] == False  # noqa: E712
    assert a.loc["Acme Inc.", "kind"] == "firm"  # named as a supplier
    assert list(long_survey.members.index) == ["A1", "A2", "A3", "A4", "U1", "G1"]
    assert long_survey.summary()["outside_partners"] == 1


def test_response_rate_and_non_respondents(long_survey):
    s = long_survey
    assert s.response_rate == pytest.approx(4 / 6)
    assert list(s.non_respondents.index) == ["A4", "G1"]
    summary = s.summary()
    assert summary["members"] == 6 and summary["respondents"] == 4
    assert summary["response_rate"] == 0.667
    assert summary["reported_ties"] == 10
    assert summary["kinds"] == {"firm": 4, "university": 1, "agency": 1}
    assert summary["smes"] == 3  # A1 micro, A2 small, A4 small; A3 is large
    assert "4 answered, 67%" in repr(s)


def test_declared_responded_column_wins_but_ties_override_no(tmp_path):
    actors = [["actor", "responded"], ["A", "yes"], ["B", "no"], ["C", None], ["D", "yes"]]
    ties = [["respondent", "partner", "relation"], ["A", "B", "supplier"], ["B", "C", "customer"]]
    s = read_survey(write_xlsx(tmp_path / "r.xlsx", {"actors": actors, "ties": ties}))
    # D said it answered (no ties to report); B is marked "no" but reports a tie; C did not answer
    assert s.actors.loc[["A", "B", "C", "D"], "responded"].tolist() == [True, True, False, True]
    assert s.response_rate == 0.75
    w = problems_of(s, "warning")
    row = w[w["message"].str.contains("marked as not responded but reports ties")]
    assert row["row"].tolist() == [3] and row["column"].tolist() == ["responded"]


# ---------------------------------------------------------------- the three layouts agree


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_hand_written_matrix_gives_the_same_graph_as_long(fmt, tmp_path, long_survey):
    merges = {"supplier": ["A1:G1"]}  # the merged title row spreadsheet tools write
    path = write_any(fmt, tmp_path, "matrix", matrix_sheets(), merges)
    s = read_survey(path)
    assert s.layout == "matrix"
    assert problems_of(s, "warning").empty
    assert signature(build_graph(s)) == signature(build_graph(long_survey))


def test_hand_written_matrix_reports_spreadsheet_rows(tmp_path):
    s = read_survey(write_xlsx(tmp_path / "m.xlsx", matrix_sheets(), {"supplier": ["A1:G1"]}))
    sup = s.ties[s.ties["sheet"] == "supplier"]
    # title row 1, header rows 2-3: A1 answers on row 4, A2 on row 5
    assert sorted(zip(sup["respondent"], sup["partner"], sup["row"])) == [
        ("A1", "A2", 4), ("A1", "A3", 4), ("A2", "Acme Inc.", 5)]
    know = s.ties[s.ties["sheet"] == "knowledge"].set_index("respondent")
    assert know.loc["A1", "strength"] == 4.0 and know.loc["A3", "strength"] == 2.0


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_hand_written_form_gives_the_same_graph_as_long(fmt, tmp_path, long_survey):
    s = read_survey(write_any(fmt, tmp_path, "form", form_sheets()))
    assert s.layout == "form"
    assert problems_of(s, "warning").empty and problems_of(s, "error").empty
    assert signature(build_graph(s), strength=False) == signature(build_graph(long_survey), strength=False)
    # "Talleres Pérez, S.L." is one name, not two
    assert "Talleres Pérez, S.L." in set(s.ties["partner_as_written"])
    assert s.ties.loc[s.ties["partner_as_written"] == "Talleres Pérez, S.L.", "partner"].item() == "A4"


@pytest.mark.parametrize("layout", ["long", "matrix", "form"])
@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_write_survey_round_trip_gives_the_same_graph(layout, fmt, tmp_path, long_survey):
    target = tmp_path / ("out.xlsx" if fmt == "xlsx" else "out.ods" if fmt == "ods" else "out")
    out = write_survey(long_survey, target, layout=layout)
    s = read_survey(out)
    assert s.layout == layout
    assert problems_of(s, "error").empty and problems_of(s, "warning").empty
    strength = layout != "form"  # a form export carries no strengths
    assert signature(build_graph(s), strength=strength) == signature(build_graph(long_survey), strength=strength)
    assert s.response_rate == long_survey.response_rate


# ---------------------------------------------------------------- the matrix layout


ROSTER = [["actor", "name", "kind"], ["A", "Alfa", "firm"], ["B", "Beta", "firm"], ["C", "Gamma", "firm"]]


def test_matrix_merged_group_header_over_the_partners(tmp_path):
    matrix = [[None, None, "Which of these firms supply you?", None, None],  # merged C1:E1
              ["id", "name", "Alfa", "Beta", "Gamma"],
              ["A", "Alfa", None, "x", None],
              ["B", "Beta", "x", None, "x"]]
    path = write_xlsx(tmp_path / "m.xlsx", {"actors": ROSTER, "supplier": matrix}, {"supplier": ["C1:E1"]})
    s = read_survey(path)
    assert s.ties[["respondent", "partner", "row"]].values.tolist() == [["A", "B", 3], ["B", "A", 4], ["B", "C", 4]]
    assert s.problems.empty


def test_matrix_respondent_label_merged_down(tmp_path):
    # a respondent's label merged over two rows (A3:A4): both rows are that respondent's answers
    matrix = [[None, "Alfa", "Beta", "Gamma"], ["Alfa", None, "x", None], ["Beta", "x", None, None],
              [None, None, None, "x"]]
    path = write_xlsx(tmp_path / "m.xlsx", {"actors": ROSTER, "supplier": matrix}, {"supplier": ["A3:A4"]})
    s = read_survey(path)
    assert s.ties[["respondent", "partner", "row"]].values.tolist() == [["A", "B", 2], ["B", "A", 3], ["B", "C", 4]]


@pytest.mark.parametrize("cell, expected", [
    ("x", True), ("X", True), ("yes", True), ("✓", True), (1, True), ("1", True), (True, True),
    (None, False), ("", False), (0, False), ("0", False), ("-", False), ("no", False), (False, False),
])
def test_matrix_cell_marks(cell, expected, tmp_path):
    matrix = [[None, "A", "B", "C"], ["A", None, cell, "x"]]
    s = read_survey(write_xlsx(tmp_path / "m.xlsx", {"actors": ROSTER, "customer": matrix}))
    assert (("A", "B") in set(zip(s.ties["respondent"], s.ties["partner"]))) is expected
    assert ("A", "C") in set(zip(s.ties["respondent"], s.ties["partner"]))


def test_matrix_strength_cells_and_decimal_comma(tmp_path):
    matrix = [["respondent", "A", "B", "C"], ["A", None, 3, "2,5"], ["B", "4", None, None]]
    s = read_survey(write_xlsx(tmp_path / "m.xlsx", {"actors": ROSTER, "customer": matrix}))
    got = {(r, p): v for r, p, v in zip(s.ties["respondent"], s.ties["partner"], s.ties["strength"])}
    assert got == {("A", "B"): 3.0, ("A", "C"): 2.5, ("B", "A"): 4.0}


def test_matrix_bad_cell_is_an_error_with_row_and_column(tmp_path):
    matrix = [["Customers", None, None, None], [None, "A", "B", "C"], ["A", None, "maybe", None],
              ["B", "x", None, "often"]]
    with pytest.raises(SurveyError) as info:
        read_survey(write_xlsx(tmp_path / "m.xlsx", {"actors": ROSTER, "customer": matrix}))
    err = problems_of(info.value, "error")
    assert list(zip(err["sheet"], err["row"], err["column"])) == [
        ("customer", 3, "C (B)"), ("customer", 4, "D (C)")]
    assert err["message"].str.contains("is not a tie mark: write x").all()
    assert "'maybe'" in err["message"].iloc[0]


def test_matrix_without_actors_sheet_takes_the_roster_from_the_matrix(tmp_path):
    path = tmp_path / "supplier.csv"
    path.write_text("respondent,A1,A2,A3\nA1,,x,\nA2,x,,x\nA3,,,\n", encoding="utf-8")
    s = read_survey(path)
    assert s.layout == "matrix"
    assert set(s.members.index) == {"A1", "A2", "A3"}
    assert sorted(zip(s.ties["source"], s.ties["target"])) == [("A1", "A2"), ("A2", "A1"), ("A3", "A2")]
    assert list(s.non_respondents.index) == ["A3"]  # listed, but marked nothing


def test_single_matrix_csv_needs_its_relation(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text(";A;B\nA;;x\nB;x;\n", encoding="utf-8")  # semicolon-separated, as European Excel saves
    with pytest.raises(SurveyError, match="pass relation='supplier'"):
        read_survey(path)
    s = read_survey(path, relation="customer")
    assert sorted(zip(s.ties["source"], s.ties["target"])) == [("A", "B"), ("B", "A")]
    assert set(s.ties["relation"]) == {"customer"}


def test_matrix_with_numeric_ids_and_strengths(tmp_path):
    # roster numbers 1-4 and strengths on a 1-5 scale: an ordinary survey
    actors = [["actor", "name"], [1, "Alfa"], [2, "Beta"], [3, "Gamma"], [4, "Delta"]]
    matrix = [["respondent", 1, 2, 3, 4], [1, None, 3, 2, None], [2, 1, None, None, 4], [3, None, None, None, None]]
    s = read_survey(write_xlsx(tmp_path / "num.xlsx", {"actors": actors, "supplier": matrix}))
    got = sorted(zip(s.ties["respondent"], s.ties["partner"], s.ties["strength"]))
    assert got == [("1", "2", 3.0), ("1", "3", 2.0), ("2", "1", 1.0), ("2", "4", 4.0)]


def test_misspelled_matrix_sheet_is_an_error_with_suggestion(tmp_path):
    matrix = [[None, "A", "B"], ["A", None, "x"]]
    path = write_xlsx(tmp_path / "m.xlsx", {"actors": ROSTER, "suplier": matrix, "customer": matrix})
    with pytest.raises(SurveyError) as info:
        read_survey(path)
    assert "Did you mean 'supplier'" in str(info.value)


# ---------------------------------------------------------------- the form layout


def test_form_with_questions_dict_and_separators(tmp_path):
    responses = [
        ["Firm", "Suppliers", "Customers", "Comments"],
        ["Alfa", "Beta; Gamma", "Acme, Inc., Beta", "nice survey"],
        ["Beta", "Alfa\nZeta S.r.l.\r\nOmega GmbH", None, None],
        ["Gamma", None, None, None],  # answered, named nobody
    ]
    path = write_xlsx(tmp_path / "f.xlsx", {"actors": ROSTER, "responses": responses})
    s = read_survey(path, questions={"Firm": "respondent", "Suppliers": "supplier", "Customers": "customer"})
    assert s.layout == "form"
    got = sorted(zip(s.ties["respondent"], s.ties["partner_as_written"], s.ties["relation"], s.ties["row"]))
    assert got == [
        ("A", "Acme, Inc.", "customer", 2), ("A", "Beta", "customer", 2), ("A", "Beta", "supplier", 2),
        ("A", "Gamma", "supplier", 2),
        ("B", "Alfa", "supplier", 3), ("B", "Omega GmbH", "supplier", 3), ("B", "Zeta S.r.l.", "supplier", 3),
    ]
    assert s.actors.loc[["A", "B", "C"], "responded"].tolist() == [True, True, True]
    assert set(s.actors.index[~s.actors["in_cluster"]]) == {"Acme, Inc.", "Zeta S.r.l.", "Omega GmbH"}
    info = problems_of(s, "info")
    assert info["message"].str.contains("ignored: Comments").any()


def test_form_without_mapping_is_an_error(tmp_path):
    responses = [["Firm", "Suppliers"], ["Alfa", "Beta"]]
    path = write_xlsx(tmp_path / "f.xlsx", {"actors": ROSTER, "responses": responses})
    with pytest.raises(SurveyError, match="cannot tell the survey layout"):
        read_survey(path)
    with pytest.raises(SurveyError, match="'questions' sheet .* or questions="):
        read_survey(path, layout="form")


def test_form_errors_name_rows_and_columns(tmp_path):
    responses = [["Firm", "Suppliers"], ["Alfa", "Beta"], [None, "Gamma"], ["Zorro", "Alfa"]]
    questions = [["column", "relation"], ["Firm", "respondent"], ["Suppliers", "supplier"],
                 ["Customers", "customer"]]
    path = write_xlsx(tmp_path / "f.xlsx", {"actors": ROSTER, "responses": responses, "questions": questions})
    with pytest.raises(SurveyError) as info:
        read_survey(path)
    err = problems_of(info.value, "error")
    assert len(err) == 2  # parsing errors stop before names are resolved; both are listed
    missing = err[err["message"].str.contains("names column 'Customers'")]
    assert missing["sheet"].tolist() == ["responses"] and missing["row"].tolist() == [1]
    empty = err[err["message"].str.contains("respondent cell is empty")]
    assert empty["row"].tolist() == [3] and empty["column"].tolist() == ["A (Firm)"]


def test_form_respondent_not_on_roster(tmp_path):
    responses = [["Firm", "Suppliers"], ["Alfa", "Beta"], ["Gama", "Alfa"]]
    path = write_xlsx(tmp_path / "f.xlsx", {"actors": ROSTER, "responses": responses})
    with pytest.raises(SurveyError) as info:
        read_survey(path, questions={"Firm": "respondent", "Suppliers": "supplier"})
    err = problems_of(info.value, "error")
    assert len(err) >= 1 and (err["row"] == 3).all() and (err["sheet"] == "responses").all()
    assert err["message"].str.contains("'Gama' is not in the actors sheet").all()
    assert err["message"].str.contains("Did you mean 'Gamma' \\(C\\)\\?").any()


def test_form_unknown_relation_points_at_the_questions_sheet(tmp_path):
    responses = [["Firm", "Who supplies you?"], ["Alfa", "Beta"], ["Beta", "Gamma"]]
    questions = [["column", "relation"], ["Firm", "respondent"], ["Who supplies you?", "suplier"]]
    path = write_xlsx(tmp_path / "f.xlsx", {"actors": ROSTER, "responses": responses, "questions": questions})
    with pytest.raises(SurveyError) as info:
        read_survey(path)
    err = problems_of(info.value, "error")
    assert err["message"].str.contains("Did you mean 'supplier'").all()
    assert list(zip(err["sheet"], err["row"])) == [("questions", 3)]


# ---------------------------------------------------------------- layout detection


def test_layout_is_detected_from_sheet_names(tmp_path):
    assert read_survey(write_xlsx(tmp_path / "l.xlsx", long_sheets())).layout == "long"
    assert read_survey(write_xlsx(tmp_path / "m.xlsx", matrix_sheets())).layout == "matrix"
    assert read_survey(write_xlsx(tmp_path / "f.xlsx", form_sheets())).layout == "form"


def test_sheet_names_are_matched_loosely(tmp_path):
    sheets = {"Actors": ACTORS, " TIES ": LONG_TIES, "Relations": RELATIONS}
    s = read_survey(write_xlsx(tmp_path / "l.xlsx", sheets))
    assert s.layout == "long" and len(s.ties) == 10


def test_unknown_layout_lists_the_sheets_found(tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", {"Sheet1": [["a", "b"], [1, 2]], "Data": [["c"], [3]]})
    with pytest.raises(SurveyError) as info:
        read_survey(path)
    msg = str(info.value)
    assert "cannot tell the survey layout" in msg and "Sheets found: 'Sheet1', 'Data'" in msg
    assert "x.xlsx" in msg


def test_forced_unknown_layout(tmp_path):
    with pytest.raises(SurveyError, match="unknown layout 'wide': use one of long, matrix, form"):
        read_survey(write_xlsx(tmp_path / "l.xlsx", long_sheets()), layout="wide")


def test_single_long_csv_without_actors(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_text("respondent,partner,relation,strength\nA1,A2,supplier,3\nA2,A1,customer,\n"
                    "A2,Acme,supplier,\n", encoding="utf-8")
    s = read_survey(path)
    assert s.layout == "long"
    assert list(s.members.index) == ["A1", "A2"] and s.response_rate == 1.0
    assert s.actors.loc["Acme", "in_cluster"] == False  # noqa: E712
    assert problems_of(s, "info")["message"].str.contains("no actors sheet").any()
    G = build_graph(s)
    assert G.edges["A2", "A1", "trade"]["reported_by"] == "both"
    assert G.edges["A2", "A1", "trade"]["strength"] == 3.0


def test_single_long_csv_with_relation_argument(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text("respondent,partner\nA1,A2\nA2,A3\n", encoding="utf-8")
    s = read_survey(path, relation="customer")
    assert sorted(zip(s.ties["source"], s.ties["target"])) == [("A1", "A2"), ("A2", "A3")]


# ---------------------------------------------------------------- relations and what they mean


def survey_of(tmp_path, ties, actors=None, relations=None, **kw):
    sheets = {"actors": actors or ROSTER, "ties": ties}
    if relations is not None:
        sheets["relations"] = relations
    return read_survey(write_xlsx(tmp_path / "s.xlsx", sheets), **kw)


def test_supplier_and_customer_are_one_trade_tie(tmp_path):
    s = survey_of(tmp_path, [["respondent", "partner", "relation"], ["A", "B", "supplier"],
                             ["B", "A", "customer"]])
    assert s.ties[["source", "target", "tie"]].values.tolist() == [["B", "A", "trade"], ["B", "A", "trade"]]
    G = build_graph(s)
    assert list(G.edges(keys=True, data="reported_by")) == [("B", "A", "trade", "both")]
    assert G.edges["B", "A", "trade"]["confirmed"] is True and G.edges["B", "A", "trade"]["n_reports"] == 2


def test_plural_and_capitalised_relation_names(tmp_path):
    s = survey_of(tmp_path, [["respondent", "partner", "relation"], ["A", "B", "Suppliers"],
                             ["A", "C", "CUSTOMERS"]])
    assert s.ties["relation"].tolist() == ["supplier", "customer"]


def test_declared_knowledge_runs_from_adviser_to_respondent(tmp_path):
    s = survey_of(tmp_path, [["respondent", "partner", "relation", "strength"], ["A", "B", "knowledge", 3]],
                  relations=RELATIONS)
    G = build_graph(s)
    assert list(G.edges(keys=True)) == [("B", "A", "knowledge")]
    assert G.edges["B", "A", "knowledge"] == {"relation": "knowledge", "directed": True, "weight": 3.0,
                                              "strength": 3.0, "reported_by": "target",
                                              "confirmed": False, "n_reports": 1}


def test_two_questions_about_one_knowledge_tie(tmp_path):
    relations = [["relation", "tie", "directed", "direction"],
                 ["advice_given", "knowledge", "yes", "respondent_to_partner"],
                 ["advice_received", "knowledge", "yes", "partner_to_respondent"]]
    ties = [["respondent", "partner", "relation"], ["A", "B", "advice given"], ["B", "A", "advice_received"]]
    G = build_graph(survey_of(tmp_path, ties, relations=relations))
    assert list(G.edges(keys=True, data="reported_by")) == [("A", "B", "knowledge", "both")]


def test_university_and_agency_are_undirected_single_arcs(tmp_path):
    actors = ROSTER + [["U", "Uni", "university"], ["G", "Agency", "agency"]]
    ties = [["respondent", "partner", "relation"], ["A", "U", "university"], ["U", "A", "university"],
            ["G", "B", "agency"], ["C", "U", "university"]]
    G = build_graph(survey_of(tmp_path, ties, actors=actors))
    arcs = sorted((u, v, k, d["reported_by"], d["directed"]) for u, v, k, d in G.edges(keys=True, data=True))
    assert arcs == [("A", "U", "university", "both", False), ("C", "U", "university", "source", False),
                    ("G", "B", "agency", "source", False)]


def test_declared_undirected_relation(tmp_path):
    relations = [["relation", "directed"], ["cooperation", "no"]]
    ties = [["respondent", "partner", "relation"], ["B", "A", "cooperation"], ["A", "B", "cooperation"]]
    G = build_graph(survey_of(tmp_path, ties, relations=relations))
    assert list(G.edges(keys=True, data="reported_by")) == [("A", "B", "cooperation", "both")]
    assert G.edges["A", "B", "cooperation"]["directed"] is False


def test_undeclared_relation_suggests_the_nearest(tmp_path):
    ties = [["respondent", "partner", "relation"], ["A", "B", "suplier"], ["A", "C", "knowledge"]]
    with pytest.raises(SurveyError) as info:
        survey_of(tmp_path, ties)
    err = problems_of(info.value, "error")
    assert err["row"].tolist() == [2, 3]
    assert err["column"].tolist() == ["relation", "relation"]
    assert "unknown relation 'suplier'. Did you mean 'supplier'?" in err["message"].iloc[0]
    assert "declare others in a 'relations' sheet" in err["message"].iloc[1]


def test_bad_relations_sheet_entries(tmp_path):
    relations = [["relation", "directed", "direction", "scale_max"],
                 ["advice", "maybe", None, None],
                 ["support", "yes", "sideways", None],
                 ["rating", "yes", None, "ten"]]
    ties = [["respondent", "partner", "relation"], ["A", "B", "supplier"]]
    with pytest.raises(SurveyError) as info:
        survey_of(tmp_path, ties, relations=relations)
    err = problems_of(info.value, "error")
    got = list(zip(err["sheet"], err["row"], err["column"]))
    assert got == [("relations", 2, "directed"), ("relations", 3, "direction"), ("relations", 4, "scale_max")]
    assert "directed must be yes or no, not 'maybe'" in err["message"].iloc[0]
    assert "write respondent_to_partner or partner_to_respondent" in err["message"].iloc[1]


def test_relations_of_one_tie_must_agree_on_direction(tmp_path):
    relations = [["relation", "tie", "directed"], ["advice", "knowledge", "yes"], ["chat", "knowledge", "no"]]
    ties = [["respondent", "partner", "relation"], ["A", "B", "advice"]]
    with pytest.raises(SurveyError, match="'knowledge' ties disagree on whether they are directed"):
        survey_of(tmp_path, ties, relations=relations)


def test_strength_scale_from_relations_sheet_and_argument(tmp_path):
    relations = [["relation", "scale_min", "scale_max"], ["supplier", 1, 5]]
    ties = [["respondent", "partner", "relation", "strength"], ["A", "B", "supplier", 6],
            ["A", "C", "customer", 9], ["B", "C", "supplier", 5]]
    s = survey_of(tmp_path, ties, relations=relations)
    w = problems_of(s, "warning")
    assert w["row"].tolist() == [2]  # customer has no declared scale: 9 is fine
    assert "strength 6 is outside the scale 1 to 5 for 'supplier'" in w["message"].iloc[0]
    assert math.isnan(s.ties["strength"].iloc[0])  # kept without a strength
    assert len(s.ties) == 3  # the tie itself is kept
    s2 = read_survey(tmp_path / "s.xlsx", strength_scale=(1, 7))
    w2 = problems_of(s2, "warning")
    assert w2["row"].tolist() == [2, 3]  # supplier keeps its own scale; customer gets 1..7
    assert w2["column"].tolist() == ["D (strength)", "D (strength)"]


# ---------------------------------------------------------------- names


def test_near_miss_is_a_warning_with_suggestion_and_never_merged(tmp_path):
    actors = [["actor", "name", "kind"], ["A1", "Meccanica Rossi S.r.l.", "firm"], ["A2", "Bianchi GmbH", "firm"]]
    ties = [["respondent", "partner", "relation"], ["A2", "Meccanica Rosi", "customer"]]
    s = survey_of(tmp_path, ties, actors=actors)
    w = problems_of(s, "warning")
    assert len(w) == 1 and w["row"].item() == 2 and w["column"].item() == "B (partner)"
    msg = w["message"].item()
    assert "'Meccanica Rosi' is not on the roster" in msg
    assert "Did you mean 'Meccanica Rossi S.r.l.' (A1)?" in msg
    assert "add 'Meccanica Rosi' to its aliases" in msg
    # kept apart: an outside partner, not A1
    assert s.ties["partner"].item() == "Meccanica Rosi"
    assert s.actors.loc["Meccanica Rosi", "in_cluster"] == False  # noqa: E712
    assert not build_graph(s).has_edge("A2", "A1")


def test_near_miss_accepted_through_aliases(tmp_path):
    actors = [["actor", "name", "kind", "aliases"], ["A1", "Meccanica Rossi S.r.l.", "firm", "Meccanica Rosi; MR"],
              ["A2", "Bianchi", "firm", None]]
    ties = [["respondent", "partner", "relation"], ["A2", "Meccanica Rosi", "customer"], ["A2", "mr", "supplier"]]
    s = survey_of(tmp_path, ties, actors=actors)
    assert problems_of(s, "warning").empty
    assert s.ties["partner"].tolist() == ["A1", "A1"]


def test_aliases_argument(tmp_path):
    actors = [["actor", "name", "kind"], ["A1", "Meccanica Rossi S.r.l.", "firm"], ["A2", "Bianchi", "firm"]]
    ties = [["respondent", "partner", "relation"], ["A2", "Meccanica Rosi", "customer"]]
    path = write_xlsx(tmp_path / "s.xlsx", {"actors": actors, "ties": ties})
    s = read_survey(path, aliases={"Meccanica Rosi": "A1"})
    assert s.ties["partner"].tolist() == ["A1"] and problems_of(s, "warning").empty
    with pytest.raises(SurveyError, match="'A9', which is not an actor id on the roster"):
        read_survey(path, aliases={"Meccanica Rosi": "A9"})


def test_spellings_of_one_outside_partner_are_one_actor(tmp_path):
    ties = [["respondent", "partner", "relation"], ["A", "Acme, Inc.", "supplier"], ["B", "ACME INC", "supplier"],
            ["C", "acme", "customer"]]
    s = survey_of(tmp_path, ties)
    outside = s.actors.index[~s.actors["in_cluster"]].tolist()
    assert outside == ["Acme, Inc."]  # named after its first spelling
    assert set(s.ties["partner"]) == {"Acme, Inc."}
    assert s.ties["partner_as_written"].tolist() == ["Acme, Inc.", "ACME INC", "acme"]


def test_ambiguous_name_is_an_error_listing_the_candidates(tmp_path):
    actors = [["actor", "name"], ["A1", "Bianchi GmbH"], ["A2", "Bianchi S.p.A."], ["A3", "Rossi"]]
    ties = [["respondent", "partner", "relation"], ["A3", "Bianchi", "supplier"]]
    with pytest.raises(SurveyError) as info:
        survey_of(tmp_path, ties, actors=actors)
    err = problems_of(info.value, "error")
    assert err["row"].tolist() == [2] and err["column"].tolist() == ["B (partner)"]
    assert "matches several actors: A1 (Bianchi GmbH), A2 (Bianchi S.p.A.). Write the actor id" in err["message"].item()


def test_respondent_may_be_written_by_name(tmp_path):
    ties = [["respondent", "partner", "relation"], ["alfa", "Beta", "supplier"]]
    s = survey_of(tmp_path, ties)
    assert s.ties[["respondent", "partner"]].values.tolist() == [["A", "B"]]


# ---------------------------------------------------------------- problems: all errors, warnings keep data


def test_all_errors_are_reported_together(tmp_path):
    actors = ROSTER + [["B", "Beta again", "firm"], [None, "No id", "firm"]]
    ties = [["respondent", "partner", "relation", "strength"],
            ["A", "B", "suplier", None],
            ["A", "C", "customer", "three"],
            ["Zed", "A", "supplier", None],
            ["A", "B", "customer", 2]]
    path = write_xlsx(tmp_path / "bad.xlsx", {"actors": actors, "ties": ties})
    with pytest.raises(SurveyError) as info:
        read_survey(path)
    err = problems_of(info.value, "error")
    got = list(zip(err["sheet"], err["row"], err["column"]))
    assert got == [
        ("actors", 5, "actor"),  # duplicate id B
        ("actors", 6, "actor"),  # empty id
        ("ties", 2, "relation"),  # suplier
        ("ties", 3, "D (strength)"),  # three
        ("ties", 4, "respondent"),  # Zed
    ]
    assert "duplicate actor id 'B' (also on row 3)" in err["message"].iloc[0]
    assert "strength 'three' is not a number" in err["message"].iloc[3]
    assert "'Zed' is not in the actors sheet" in err["message"].iloc[4]
    text = str(info.value)
    assert text.startswith("the survey cannot be read: 5 errors found")
    for n in range(1, 6):
        assert f"\n{n}. [error] " in text
    assert f"{path}, sheet 'ties', row 3, column 'D (strength)'" in text
    assert isinstance(info.value, ValueError) and isinstance(info.value, netkit.NetkitError)


def test_warnings_do_not_stop_reading(tmp_path):
    actors = [["actor", "name", "kind"], ["A1", "Meccanica Rossi S.r.l.", "firm"], ["A2", "Bianchi", "firm"],
              ["A3", "Verdi", "firm"]]
    relations = [["relation", "scale_min", "scale_max"], ["customer", 1, 5]]
    ties = [["respondent", "partner", "relation", "strength"],
            ["A2", "Meccanica Rosi", "customer", None],  # row 2: near miss
            [None, None, None, None],  # row 3: empty
            ["A3", "Verdi", "customer", None],  # row 4: self-tie
            ["A2", "A3", "customer", 4],  # row 5
            ["A2", "Verdi", "customer", 3],  # row 6: the same tie again
            ["A3", "A1", "customer", 9]]  # row 7: out of scale
    s = read_survey(write_xlsx(tmp_path / "w.xlsx", {"actors": actors, "ties": ties, "relations": relations}))
    w = problems_of(s, "warning").sort_values("row")
    assert w["row"].tolist() == [2, 3, 4, 6, 7]
    msgs = w["message"].tolist()
    assert "Did you mean 'Meccanica Rossi S.r.l.' (A1)?" in msgs[0]
    assert msgs[1] == "empty row skipped."
    assert "'Verdi' names itself as customer; self-ties are dropped." in msgs[2]
    assert "reports customer 'Verdi' again (first on row 5); the repeat is dropped." in msgs[3]
    assert "strength 9 is outside the scale 1 to 5 for 'customer'" in msgs[4]
    assert problems_of(s, "error").empty
    assert (w["file"] == str(tmp_path / "w.xlsx")).all() and (w["sheet"] == "ties").all()
    # the data is still read: near miss, first report and out-of-scale tie are kept
    kept = list(zip(s.ties["respondent"], s.ties["partner"], s.ties["row"]))
    assert kept == [("A2", "Meccanica Rosi", 2), ("A2", "A3", 5), ("A3", "A1", 7)]
    assert s.ties["strength"].fillna(-1).tolist() == [-1, 4.0, -1]
    assert s.summary()["warnings"] == 5
    assert netkit.survey.describe_problems(s).count("[warning]") == 5


def test_rows_below_blank_and_title_rows(tmp_path):
    # a blank first row and a leading empty column: rows and columns are still what the user sees
    ties = [[None, None, None, None],
            [None, "respondent", "partner", "relation"],
            [None, "A", "B", "supplier"],
            [None, "A", "C", "suplier"]]
    with pytest.raises(SurveyError) as info:
        read_survey(write_xlsx(tmp_path / "t.xlsx", {"actors": ROSTER, "ties": ties}))
    err = problems_of(info.value, "error")
    assert err["row"].tolist() == [4]


def test_problems_frame_columns(long_survey):
    assert list(long_survey.problems.columns) == ["severity", "file", "sheet", "row", "column", "message"]


# ---------------------------------------------------------------- the bundled example


def test_example_survey_reads_with_warnings_only():
    s = read_survey(netkit.datasets.example_survey_path())
    assert s.layout == "long"
    assert len(s.members) == 97
    outside = int((~s.actors["in_cluster"]).sum())
    assert 15 <= outside <= 25  # "about 20" outside partners: the generator may still change
    assert len(s.actors) == 97 + outside
    assert set(s.problems["severity"]) <= {"warning", "info"}
    # the example deliberately holds one of each common slip, each listed with its row
    w = problems_of(s, "warning")
    for fragment in ["empty row skipped", "Did you mean", "again", "self-ties are dropped", "outside the scale"]:
        hits = w[w["message"].str.contains(fragment)]
        assert len(hits) >= 1, fragment
        assert hits["row"].notna().all() and (hits["sheet"] == "ties").all()
    assert s.members["kind"].value_counts().to_dict() == {"firm": 88, "agency": 5, "university": 4}
    assert 0.5 < s.response_rate < 1.0
    G = build_graph(s)
    assert G.number_of_nodes() == len(s.actors)
    assert sum(d["n_reports"] for *_, d in G.edges(data=True)) == len(s.ties)
    assert isinstance(G, nx.MultiDiGraph)


def test_readme_sheet_saying_synthetic_marks_the_survey(tmp_path):
    sheets = long_sheets()
    plain = read_survey(write_xlsx(tmp_path / "plain.xlsx", sheets))
    labelled = read_survey(write_xlsx(tmp_path / "synth.xlsx", {"README": [["SYNTHETIC example"]], **sheets}))
    assert plain.meta["synthetic"] is False and labelled.meta["synthetic"] is True
    assert netkit.anonymise(labelled).meta["synthetic"] is True

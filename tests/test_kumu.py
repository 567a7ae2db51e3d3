"""Kumu workbooks (netkit.survey._kumu): Elements and Connections read as a survey.

The workbooks are written with openpyxl the way Kumu exports a map (sheets "Elements" and
"Connections", header in row 1, several values joined by "|"), or as Kumu's CSV pair in a
folder. Every tie expected below is worked out by hand from the connections planted.
"""

import math

import openpyxl
import pandas as pd
import pytest
import yaml

import netkit

from netkit.errors import Problems
from netkit.survey import Survey
from netkit.survey._assemble import assemble
from netkit.survey._files import read_sheets
from netkit.survey._kumu import describe_connection_types, is_kumu, kumu_to_raw
from netkit.survey._relations import relations_frame

ELEMENTS = [
    ["Label", "Type", "Description", "Tags", "Sector", "Region", "Employees"],
    ["Rossi Meccanica", "Company", "Machined parts", "supplier|family", "Mechanics", "Lombardia", 12],  # 2
    ["Bianchi Imballaggi", "SME", None, None, "Packaging", "Lombardia", 45],  # 3
    ["Verdi Automazione", "Business", None, None, "Automation", "Piemonte", 300],  # 4
    ["Politecnico di Milano", "University", None, "research", None, "Lombardia", None],  # 5
    ["Camera di Commercio", "Chamber of commerce", None, None, None, "Lombardia", None],  # 6
    ["Fondazione Alfa", "Foundation", None, None, None, None, None],  # 7
    ["Neri Robotics", "Company", None, None, "Automation", "Piemonte", 8],  # 8
]
CONNECTIONS = [
    ["From", "To", "Type", "Direction", "Strength", "Tags", "Label"],
    ["Rossi Meccanica", "Bianchi Imballaggi", "supplies", "directed", 3, "2024", "parts"],  # 2
    ["Bianchi Imballaggi", "Verdi Automazione", "buys from", None, 2, None, None],  # 3
    ["Rossi Meccanica", "Politecnico di Milano", "collaborates", "undirected", None, None, None],  # 4
    ["Verdi Automazione", "Neri Robotics|Rossi Meccanica", "fornisce", None, None, None, None],  # 5
    ["Neri Robotics", "Camera di Commercio", "member of", None, None, None, None],  # 6
    ["Bianchi Imballaggi", "Neri Robotics", "supplies|collaborates", "mutual", 4, None, None],  # 7
    ["Neri Robotics", "Neri Robotics", "supplies", None, None, None, None],  # 8: a self-loop
    ["Rossi Meccanica", "Acme Srl", "supplies", None, None, None, None],  # 9: not an element
    [None, "Verdi Automazione", "supplies", None, None, None, None],  # 10: no From
    ["Fondazione Alfa", "Politecnico di Milano", "funds", "undirected", None, None, None],  # 11
]
R, B, V, P, C, F, N = ("Rossi Meccanica", "Bianchi Imballaggi", "Verdi Automazione", "Politecnico di Milano",
                       "Camera di Commercio", "Fondazione Alfa", "Neri Robotics")
# (relation, tie, source, target, directed, row, strength) of every connection planted above
EXPECTED = sorted([
    ("supplies", "trade", R, B, True, 2, 3.0),
    ("buys_from", "trade", V, B, True, 3, 2.0),  # Bianchi buys from Verdi: Verdi sells to Bianchi
    ("collaborates", "collaboration", R, P, False, 4, None),
    ("fornisce", "trade", V, N, True, 5, None),  # one connection to each element in To
    ("fornisce", "trade", V, R, True, 5, None),
    ("member_of", "member_of", N, C, True, 6, None),  # unknown type: Kumu's default, directed From -> To
    ("supplies", "trade", B, N, True, 7, 4.0),  # mutual: both ways
    ("supplies", "trade", N, B, True, 7, 4.0),
    ("collaborates", "collaboration", B, N, False, 7, 4.0),  # undirected: once
    ("supplies", "trade", R, "Acme Srl", True, 9, None),
    ("funds", "funds", F, P, False, 11, None),  # unknown type, undirected as Kumu says
])


def write_kumu(path, elements=ELEMENTS, connections=CONNECTIONS, extra=None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in {"Elements": elements, "Connections": connections, **(extra or {})}.items():
        if rows is None:
            continue
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def read_kumu(path, **options):
    problems = Problems(file=str(path))
    raw = kumu_to_raw(read_sheets(path), problems, **options)
    assert not problems.has_errors, problems.to_frame()
    actors, ties, relations, _ = assemble(raw, problems)
    survey = Survey(actors=actors, ties=ties, problems=problems.to_frame(), relations=relations_frame(relations),
                    layout=raw.layout, source=str(path))
    return raw, survey


def tie_rows(ties):
    return sorted((rel, tie, s, t, bool(d), int(row), None if math.isnan(w) else w)
                  for rel, tie, s, t, d, row, w in zip(ties["relation"], ties["tie"], ties["source"], ties["target"],
                                                        ties["directed"], ties["row"], ties["strength"]))


def problem_list(survey, severity):
    p = survey.problems[survey.problems["severity"] == severity]
    return [(s, None if pd.isna(r) else int(r), c if isinstance(c, str) else None, m)
            for s, r, c, m in zip(p["sheet"], p["row"].astype(object), p["column"], p["message"])]


@pytest.fixture
def kumu(tmp_path):
    return read_kumu(write_kumu(tmp_path / "kumu-map.xlsx"))


def test_is_kumu(tmp_path):
    assert is_kumu(read_sheets(write_kumu(tmp_path / "k.xlsx")))
    wb = openpyxl.Workbook()
    wb.active.title = "actors"
    wb.create_sheet("ties")
    wb.save(tmp_path / "long.xlsx")
    assert not is_kumu(read_sheets(tmp_path / "long.xlsx"))
    assert not is_kumu(read_sheets(write_kumu(tmp_path / "e.xlsx", connections=None)))  # Elements alone


def test_every_connection_is_one_tie_with_its_direction(kumu):
    raw, s = kumu
    assert raw.layout == "kumu" and s.layout == "kumu"
    assert tie_rows(s.ties) == EXPECTED


def test_elements_are_the_actors_with_kinds_and_attributes(kumu):
    _, s = kumu
    a = s.actors
    assert a["kind"].to_dict() == {R: "firm", B: "firm", V: "firm", P: "university", C: "agency", F: "other",
                                   N: "firm", "Acme Srl": "other"}
    assert a.loc[R, ["sector", "region", "employees", "tags"]].tolist() == ["Mechanics", "Lombardia", 12.0,
                                                                            "supplier|family"]
    assert a.loc[V, "size_class"] == "large" and a.loc[N, "size_class"] == "micro"
    assert a["in_cluster"].all()


def test_no_response_rate_and_no_respondents(kumu):
    _, s = kumu
    assert not s.actors["responded"].any()
    assert math.isnan(s.response_rate)
    assert math.isnan(s.summary()["response_rate"])


def test_problems_name_sheet_row_and_column(kumu):
    _, s = kumu
    assert problem_list(s, "error") == []
    warnings = problem_list(s, "warning")
    assert [(sh, r, c) for sh, r, c, _ in warnings] == [
        ("Connections", 8, "B (To)"), ("Connections", 10, "A (From)"), ("Connections", 9, "B (To)")]
    assert "self-loops are dropped" in warnings[0][3]
    assert "no From element" in warnings[1][3]
    assert warnings[2][3].startswith("'Acme Srl' is not the Label (or ID) of any element (row 9)")
    infos = problem_list(s, "info")
    assert ("Elements", 7, "B (Type)") == infos[0][:3] and "Type 'Foundation'" in infos[0][3]
    typed = {m.split(" read as ")[0]: (r, c) for sh, r, c, m in infos if m.startswith("connection type")}
    assert typed == {"connection type 'member of' (1 connection(s))": (6, "C (Type)"),
                     "connection type 'funds' (1 connection(s))": (11, "C (Type)")}
    assert any("connection_types={'member of'" in m for *_, m in infos)


def test_describe_connection_types(kumu):
    raw, _ = kumu
    got = [(d["type"], d["tie"], d["directed"], d["direction"], d["count"]) for d in describe_connection_types(raw)]
    assert got == [("supplies", "trade", True, "respondent_to_partner", 3),  # rows 2, 7, 9 (8 is a self-loop)
                   ("buys from", "trade", True, "partner_to_respondent", 1),
                   ("collaborates", "collaboration", False, "", 2),
                   ("fornisce", "trade", True, "respondent_to_partner", 2),
                   ("member of", "member_of", True, "respondent_to_partner", 1),
                   ("funds", "funds", False, "", 1)]
    assert all(d["why"] for d in describe_connection_types(raw))


def test_connection_types_mapping_reads_an_unknown_type(tmp_path):
    raw, s = read_kumu(write_kumu(tmp_path / "k.xlsx"),
                       connection_types={"Member of": {"tie": "membership", "directed": "no"},
                                         "funds": {"tie": "funding", "directed": "yes",
                                                   "direction": "partner_to_respondent"},
                                         "owns": {"tie": "ownership"}})
    by_rel = {rel: (tie, src, tgt, d) for rel, tie, src, tgt, d, *_ in tie_rows(s.ties)
              if rel in ("member_of", "funds")}
    assert by_rel == {"member_of": ("membership", N, C, False), "funds": ("funding", P, F, True)}
    infos = [m for *_, m in problem_list(s, "info")]
    assert not any(m.startswith("connection type") for m in infos)
    assert "connection_types names the type 'owns', which no connection has; it was not used." in infos


def test_bad_connection_types_mapping_is_an_error(tmp_path):
    problems = Problems()
    kumu_to_raw(read_sheets(write_kumu(tmp_path / "k.xlsx")), problems,
                connection_types={"funds": {"directed": "sometimes"}, "owns": {"way": "up"}})
    errors = problems.to_frame().query("severity == 'error'")["message"].tolist()
    assert errors == ["connection_types['funds']: directed must be yes or no, not 'sometimes'.",
                      "connection_types['owns'] has unknown keys 'way': use 'tie', 'directed' (yes or no) and "
                      "'direction' (respondent_to_partner, From -> To, or partner_to_respondent, To -> From)."]


def test_csv_pair_in_a_folder_and_ids_and_text_strength(tmp_path):
    folder = tmp_path / "kumu"
    folder.mkdir()
    (folder / "elements.csv").write_text("ID,Label,Type\ne1,Alfa,Company\ne2,Beta,Company\n", encoding="utf-8")
    (folder / "connections.csv").write_text("From,To,Type,Strength\ne1,e2,sells to,Strong\nBeta,Alfa,sells to,2\n",
                                            encoding="utf-8")
    assert is_kumu(read_sheets(folder))
    raw, s = read_kumu(folder)
    assert tie_rows(s.ties) == [("sells_to", "trade", "Alfa", "Beta", True, 2, None),
                                ("sells_to", "trade", "Beta", "Alfa", True, 3, 2.0)]
    assert s.ties.loc[s.ties["row"] == 2, "strength_as_written"].tolist() == ["Strong"]
    warnings = problem_list(s, "warning")
    assert [(sh, r, c) for sh, r, c, _ in warnings] == [("connections", 2, "D (Strength)")]


def test_elements_without_label_and_duplicate_labels_are_errors(tmp_path):
    problems = Problems()
    kumu_to_raw(read_sheets(write_kumu(tmp_path / "a.xlsx", elements=[["Name", "Type"], ["Alfa", "Company"]])),
                problems)
    err = problems.to_frame().query("severity == 'error'")
    assert err["sheet"].tolist() == ["Elements"] and err["row"].tolist() == [1]
    assert "no 'Label' column (found: Name, Type)" in err["message"].iloc[0]
    problems = Problems()
    kumu_to_raw(read_sheets(write_kumu(tmp_path / "b.xlsx", elements=[["Label"], ["Alfa"], ["Beta"], ["Alfa"]],
                                       connections=[["From", "To"], ["Alfa", "Beta"]])), problems)
    err = problems.to_frame().query("severity == 'error'")
    assert list(zip(err["row"], err["column"])) == [(4, "A (Label)")]
    assert "two elements are labelled 'Alfa' (rows 2 and 4)" in err["message"].iloc[0]


def test_other_sheets_are_noted_not_read(tmp_path):
    problems = Problems()
    kumu_to_raw(read_sheets(write_kumu(tmp_path / "k.xlsx", extra={"Loops": [["Label"], ["R1"]]})), problems)
    p = problems.to_frame()
    assert ("Loops", "sheet 'Loops' was ignored: a Kumu workbook is read from its Elements and Connections "
            "sheets.") in list(zip(p["sheet"], p["message"]))


def test_unknown_label_near_an_element_suggests_it(tmp_path):
    path = write_kumu(tmp_path / "k.xlsx", elements=[["Label", "Type"], ["Bianchi Imballaggi", "SME"], ["Alfa", "SME"]],
                      connections=[["From", "To", "Type"], ["Alfa", "Bianchi Imbalaggi", "supplies"],
                                   ["Alfa", "bianchi imballaggi", "collaborates"]])
    _, s = read_kumu(path)
    assert tie_rows(s.ties) == [("collaborates", "collaboration", "Alfa", "Bianchi Imballaggi", False, 3, None),
                                ("supplies", "trade", "Alfa", "Bianchi Imbalaggi", True, 2, None)]
    (warning,) = problem_list(s, "warning")
    assert warning[:3] == ("Connections", 2, "B (To)")
    assert "Did you mean 'Bianchi Imballaggi'?" in warning[3]


def test_connections_without_type_and_mutual_ones(tmp_path):
    path = write_kumu(tmp_path / "k.xlsx", elements=[["Label"], ["Alfa"], ["Beta"], ["Gamma"]],
                      connections=[["From", "To", "Type", "Direction"], ["Alfa", "Beta", None, "mutual"],
                                   ["Beta", "Gamma", None, None]])
    raw, s = read_kumu(path)
    # no Type: one relation 'connection', directed From -> To; mutual gives both arcs
    assert tie_rows(s.ties) == [("connection", "connection", "Alfa", "Beta", True, 2, None),
                                ("connection", "connection", "Beta", "Alfa", True, 2, None),
                                ("connection", "connection", "Beta", "Gamma", True, 3, None)]
    infos = [(r, m) for _, r, _, m in problem_list(s, "info")]
    assert (2, "2 connection(s) have no Type: read as tie 'connection', directed From -> To (Kumu's Direction "
               "column says directed). To read it otherwise pass connection_types={'connection': {'tie': 'trade', "
               "'directed': 'yes', 'direction': 'respondent_to_partner'}} (or 'partner_to_respondent' for "
               "To -> From; 'directed': 'no' for a collaboration).") in infos


def test_read_survey_and_the_cli_read_a_kumu_workbook(tmp_path, capsys):
    from netkit.cli import main

    path = write_kumu(tmp_path / "map.xlsx")
    survey = netkit.read_survey(path)
    assert survey.meta["tool"] == "kumu" and survey.layout == "kumu"
    assert math.isnan(survey.response_rate)
    assert main(["inspect", str(path), "--write-mapping", str(tmp_path / "kumu.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Connection types" in out and "'supplies'" in out and "no response rate" in out
    mapping = yaml.safe_load((tmp_path / "kumu.yaml").read_text(encoding="utf-8"))
    assert mapping["connection_types"]["supplies"]["tie"] == "trade"
    # the facilitator says "supplies" is knowledge, undirected; read back through the mapping
    mapping["connection_types"]["supplies"] = {"tie": "knowledge", "directed": "no"}
    (tmp_path / "kumu.yaml").write_text(yaml.safe_dump(mapping), encoding="utf-8")
    again = netkit.read_survey(path, mapping=tmp_path / "kumu.yaml")
    assert "trade" not in set(again.ties.loc[again.ties["relation"].str.contains("suppl"), "tie"])
    assert main(["validate", str(path)]) == 0
    assert "not applicable" in capsys.readouterr().out

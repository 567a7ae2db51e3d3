"""Graph files for other tools (netkit.graphfiles), read back by the tools that open them.

The graph is built from a survey written here: Rossi (A) buys from Bianchi (B) and
both give each other advice (knowledge, declared in the relations frame), so the pair
has a supplier tie and a knowledge tie both ways; "+39 Srl" (C) is Rossi's customer
and has an undirected university tie with the Politecnico (U); Bianchi's name starts
with "=HYPERLINK(". TIES lists every tie, worked out by hand from the answers.
"""

from __future__ import annotations

import csv
from collections import Counter
from importlib.resources import files

import igraph
import networkx as nx
import openpyxl
import pandas as pd
import pytest
from lxml import etree

import netkit
from netkit.errors import NetkitError
from netkit.graphfiles import write_gephi_csv, write_gexf, write_graphml, write_kumu, write_ucinet_dl

ROSSI, BIANCHI, PLUS, POLI = "Rossi Meccanica", '=HYPERLINK("http://x.example","click")', "+39 Srl", "Politecnico"
NAMES = {"A": ROSSI, "B": BIANCHI, "C": PLUS, "U": POLI}
# (source name, target name, relation, directed, weight): every tie planted, by hand
TIES = sorted([
    (BIANCHI, ROSSI, "trade", True, 3.0),  # A: B is my supplier (seller -> buyer)
    (BIANCHI, ROSSI, "knowledge", True, 2.0),  # A: I get advice from B
    (ROSSI, BIANCHI, "knowledge", True, 1.0),  # B: I get advice from A
    (ROSSI, PLUS, "trade", True, 1.0),  # A: C is my customer (A sells to C), no strength: weight 1
    (PLUS, POLI, "university", False, 1.0),  # C: works with the Politecnico
])


@pytest.fixture
def graph():
    actors = pd.DataFrame({"actor": ["A", "B", "C", "U"], "name": [ROSSI, BIANCHI, PLUS, POLI],
                           "kind": ["firm", "firm", "firm", "university"],
                           "sector": ["Mechanics", "Packaging", None, None], "employees": [12, 300, 8, None]})
    relations = pd.DataFrame({"relation": ["knowledge"], "tie": ["knowledge"], "directed": [True],
                              "direction": ["partner_to_respondent"]})
    ties = pd.DataFrame({"respondent": ["A", "A", "B", "C", "A"], "partner": ["B", "B", "A", "U", "C"],
                         "relation": ["supplier", "knowledge", "knowledge", "university", "customer"],
                         "strength": [3, 2, None, None, None]})
    return netkit.build_graph(netkit.survey_from_frames(actors, ties, relations=relations))


def schema(*parts):
    return str(files("netkit").joinpath("_schemas", *parts))


def directed_only(G):
    H = G.copy()
    H.remove_edges_from([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if not d["directed"]])
    return H


# ---------------------------------------------------------------- the graph itself


def test_graph_has_the_ties_planted(graph):
    got = sorted((NAMES[u], NAMES[v], d["relation"], d["directed"], d["weight"])
                 for u, v, d in graph.edges(data=True))
    assert got == TIES


# ---------------------------------------------------------------- GEXF


def test_gexf_validates_and_keeps_parallel_ties(graph, tmp_path):
    before = nx.to_dict_of_dicts(graph)
    path = write_gexf(graph, tmp_path / "g.gexf")
    assert nx.to_dict_of_dicts(graph) == before
    doc = etree.parse(str(path))
    xsd = etree.XMLSchema(etree.parse(schema("gexf-1.3", "gexf.xsd")))
    assert xsd.validate(doc), xsd.error_log
    rng = etree.RelaxNG(etree.parse(schema("gexf-1.3", "gexf.rng")))
    assert rng.validate(doc), rng.error_log
    root = doc.getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    ns = {"g": "http://gexf.net/1.3"}
    label = {n.get("id"): n.get("label") for n in root.iterfind(".//g:node", ns)}
    assert label == NAMES
    edges = list(root.iterfind(".//g:edge", ns))
    assert len({e.get("id") for e in edges}) == len(edges) == 5
    got = sorted((label[e.get("source")], label[e.get("target")], e.get("kind"), e.get("type") == "directed",
                  float(e.get("weight"))) for e in edges)
    assert got == TIES
    assert all(e.get("label") == e.get("kind") for e in edges)
    # no attribute value is a missing marker
    values = [a.get("value") for a in root.iterfind(".//g:attvalue", ns)]
    assert not {"None", "nan", "NaN", ""} & set(values)


def test_gexf_positions_validate_against_the_relax_ng(graph, tmp_path):
    pos = {"A": (0.0, 1.5), "B": (2.0, -1.0), "C": (3.0, 3.0), "U": (-4.0, 0.25)}
    path = write_gexf(graph, tmp_path / "g.gexf", positions=pos)
    doc = etree.parse(str(path))
    rng = etree.RelaxNG(etree.parse(schema("gexf-1.3", "gexf.rng")))
    assert rng.validate(doc), rng.error_log
    got = {n.getparent().get("id"): (float(n.get("x")), float(n.get("y")))
           for n in doc.iter("{http://gexf.net/1.3/viz}position")}
    assert got == pos


def test_gexf_networkx_reads_directed_ties_and_refuses_mixed(graph, tmp_path):
    mixed = write_gexf(graph, tmp_path / "mixed.gexf")
    with pytest.raises(nx.NetworkXError, match="Undirected edge"):
        nx.read_gexf(mixed)
    path = write_gexf(directed_only(graph), tmp_path / "g.gexf")
    H = nx.read_gexf(path)
    assert H.is_multigraph() and H.number_of_edges() == 4
    name = nx.get_node_attributes(H, "label")
    got = sorted((name[u], name[v], d["label"], d["directed"], d["weight"]) for u, v, d in H.edges(data=True))
    assert got == [t for t in TIES if t[3]]
    assert H.nodes["A"]["kind"] == "firm" and H.nodes["A"]["employees"] == 12.0
    assert "sector" not in H.nodes["C"]  # missing: left out, not "None"


# ---------------------------------------------------------------- GraphML


def test_graphml_validates_and_igraph_keeps_parallel_ties(graph, tmp_path):
    path = write_graphml(graph, tmp_path / "g.graphml")
    xsd = etree.XMLSchema(etree.parse(schema("graphml-1.0", "graphml.xsd")))
    assert xsd.validate(etree.parse(str(path))), xsd.error_log
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.ecount() == 5
    got = sorted((g.vs[e.source]["label"], g.vs[e.target]["label"], e["relation"], e["directed"], e["weight"])
                 for e in g.es)
    assert got == TIES
    assert Counter((g.vs[e.source]["label"], g.vs[e.target]["label"]) for e in g.es)[(BIANCHI, ROSSI)] == 2
    # the XML says the university tie is undirected
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    undirected = etree.parse(str(path)).getroot().findall(".//g:edge[@directed='false']", ns)
    assert [(e.get("source"), e.get("target")) for e in undirected] == [("C", "U")]


def test_graphml_networkx_reads_directed_ties_and_refuses_mixed(graph, tmp_path):
    with pytest.raises(nx.NetworkXError, match="directed=false"):
        nx.read_graphml(write_graphml(graph, tmp_path / "mixed.graphml"))
    H = nx.read_graphml(write_graphml(directed_only(graph), tmp_path / "g.graphml"), force_multigraph=True)
    assert isinstance(H, nx.MultiDiGraph)
    name = nx.get_node_attributes(H, "label")
    got = sorted((name[u], name[v], d["relation"], d["directed"], d["weight"]) for u, v, d in H.edges(data=True))
    assert got == [t for t in TIES if t[3]]
    assert "sector" not in H.nodes["C"]


# ---------------------------------------------------------------- Kumu


def test_kumu_has_no_formula_and_keeps_ties(graph, tmp_path):
    path = write_kumu(graph, tmp_path / "map.xlsx")
    wb = openpyxl.load_workbook(path, data_only=False)
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    el = list(wb["Elements"].values)
    assert el[0][:3] == ("Label", "Type", "Sector")
    assert sorted(r[0] for r in el[1:]) == sorted(NAMES.values())
    con = list(wb["Connections"].values)
    assert con[0] == ("From", "To", "Type", "Direction", "Strength", "Confirmed", "Reported by")
    got = sorted((r[0], r[1], r[2], r[3] == "directed", float(r[4])) for r in con[1:])
    assert got == TIES


# ---------------------------------------------------------------- Gephi CSV


def test_gephi_csv_prefixes_formulas_and_keeps_ties(graph, tmp_path):
    nodes, edges = write_gephi_csv(graph, tmp_path / "gephi")
    with nodes.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    label = {r["Id"]: r["Label"] for r in rows}
    assert label == {"A": ROSSI, "B": "'" + BIANCHI, "C": "'" + PLUS, "U": POLI}
    assert {r["Id"]: r["sector"] for r in rows}["C"] == ""
    unquote = {"'" + BIANCHI: BIANCHI, "'" + PLUS: PLUS}
    with edges.open(encoding="utf-8", newline="") as f:
        erows = list(csv.DictReader(f))
    assert list(erows[0])[:7] == ["Source", "Target", "Type", "Weight", "Kind", "Label", "Id"]
    assert len({r["Id"] for r in erows}) == 5
    got = sorted((unquote.get(label[r["Source"]], label[r["Source"]]), unquote.get(label[r["Target"]],
                  label[r["Target"]]), r["Kind"], r["Type"] == "Directed", float(r["Weight"])) for r in erows)
    assert got == TIES
    assert {r["Type"] for r in erows} == {"Directed", "Undirected"}


# ---------------------------------------------------------------- UCINET DL


def test_ucinet_dl_lines(graph, tmp_path):
    path = write_ucinet_dl(graph, tmp_path / "g.dl")
    q = '"{}"'.format
    b = BIANCHI.replace('"', "'")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "dl n=4 nm=3",
        "format=edgelist1",
        "labels embedded",
        "labels:",
        f"{q(ROSSI)}, {q(b)}, {q(PLUS)}, {q(POLI)}",
        "matrix labels:",
        '"knowledge", "trade", "university"',
        "data:",
        f"{q(ROSSI)} {q(b)} 1",
        f"{q(b)} {q(ROSSI)} 2",
        "!",
        f"{q(ROSSI)} {q(PLUS)} 1",
        f"{q(b)} {q(ROSSI)} 3",
        "!",
        f"{q(PLUS)} {q(POLI)} 1",
        f"{q(POLI)} {q(PLUS)} 1",
    ]


# ---------------------------------------------------------------- overwriting


@pytest.mark.parametrize("writer, name", [(write_gexf, "g.gexf"), (write_graphml, "g.graphml"),
                                          (write_kumu, "g.xlsx"), (write_ucinet_dl, "g.dl")])
def test_existing_file_is_kept_unless_force(graph, tmp_path, writer, name):
    path = tmp_path / name
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(NetkitError, match="already exists"):
        writer(graph, path)
    assert path.read_text(encoding="utf-8") == "keep me"
    writer(graph, path, force=True)
    assert path.read_bytes() != b"keep me"


def test_gephi_csv_existing_file_is_kept_unless_force(graph, tmp_path):
    (tmp_path / "edges.csv").write_text("keep me", encoding="utf-8")
    with pytest.raises(NetkitError, match="already exists"):
        write_gephi_csv(graph, tmp_path)
    assert not (tmp_path / "nodes.csv").exists()
    write_gephi_csv(graph, tmp_path, force=True)
    assert (tmp_path / "edges.csv").read_text(encoding="utf-8").startswith("Source,")

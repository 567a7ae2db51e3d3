"""build_graph, tie_table, collapse, select_relation and relations_of (netkit.graph).

Expected graphs are written out by hand from the meaning of each answer (see
netkit/survey/_relations.py): supplier = partner sells to respondent, customer =
respondent sells to partner (both ONE trade tie seller -> buyer), knowledge declared
partner_to_respondent = adviser -> respondent, university/agency undirected (one arc,
directed=False).
"""

import math

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netkit
from netkit.errors import NetkitError
from netkit.graph import build_graph, collapse, relations_of, select_relation, tie_table

KNOWLEDGE = pd.DataFrame({
    "relation": ["knowledge", "cooperation"],
    "tie": ["knowledge", "cooperation"],
    "directed": ["yes", "no"],
    "direction": ["partner_to_respondent", ""],
    "scale_min": [1, 1],
    "scale_max": [5, 5],
})


@pytest.fixture(scope="module")
def survey():
    actors = pd.DataFrame({
        "actor": ["A", "B", "C", "D", "U"],
        "name": ["Alfa S.r.l.", "Beta GmbH", "Gamma Ltd", "Delta SpA", "Politecnico"],
        "kind": ["firm", "firm", "firm", "firm", "university"],
        "sector": ["mech", "mech", "pack", None, None],
        "employees": [8, 45, 300, None, 2000],
    })
    ties = pd.DataFrame([
        # respondent, partner, relation, strength
        ("A", "B", "supplier", 3),  # B sells to A ...
        ("B", "A", "customer", 4),  # ... and B confirms: one tie B -> A, reported by both
        ("A", "C", "customer", None),  # A sells to C, C does not answer this
        ("C", "Outside Co Ltd", "supplier", 2),  # an outside partner sells to C
        ("B", "C", "knowledge", 5),  # B asks C for advice: C -> B
        ("A", "U", "university", None),  # undirected, reported by A
        ("U", "A", "university", None),  # ... and by U: one arc, reported by both
        ("C", "U", "university", None),  # reported by C only
        ("U", "B", "university", None),  # reported by U only (the larger id)
        ("B", "A", "cooperation", 2),  # a declared undirected relation
    ], columns=["respondent", "partner", "relation", "strength"])
    return netkit.survey_from_frames(actors, ties, relations=KNOWLEDGE)


@pytest.fixture(scope="module")
def graph(survey):
    return build_graph(survey)


# ------------------------------------------------------------------ build_graph

def test_graph_type_and_nodes(graph):
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == {"A", "B", "C", "D", "U", "Outside Co Ltd"}
    assert graph.graph["how"] == "union" and graph.graph["layout"] == "long"


def test_node_attributes(graph):
    a = graph.nodes["A"]
    assert a["name"] == "Alfa S.r.l." and a["kind"] == "firm" and a["sector"] == "mech"
    assert a["employees"] == 8.0 and a["size_class"] == "micro" and a["is_sme"] is True
    assert a["responded"] is True and a["in_cluster"] is True
    assert graph.nodes["C"]["size_class"] == "large" and graph.nodes["C"]["is_sme"] is False
    # D is on the roster but answered nothing: a non-respondent member
    d = graph.nodes["D"]
    assert d["responded"] is False and d["in_cluster"] is True
    # missing values are left out (so the graph writes to GraphML), not stored as NaN/None
    assert "sector" not in d and "employees" not in d and "size_class" not in d
    o = graph.nodes["Outside Co Ltd"]
    assert o["in_cluster"] is False and o["responded"] is False and o["kind"] == "firm"
    assert graph.nodes["U"]["kind"] == "university" and graph.nodes["U"]["is_sme"] is False


def test_supplier_and_customer_reports_are_one_trade_tie(graph):
    assert set(graph["B"]["A"]) == {"trade", "cooperation"}  # one trade arc (and the cooperation tie)
    assert not graph.has_edge("A", "B")
    e = graph.edges["B", "A", "trade"]
    assert e == {"relation": "trade", "directed": True, "weight": 3.5, "strength": 3.5,
                 "reported_by": "both", "confirmed": True, "n_reports": 2}


def test_trade_runs_from_seller_to_buyer(graph):
    e = graph.edges["A", "C", "trade"]  # A said C is its customer
    assert e["reported_by"] == "source" and e["confirmed"] is False and e["n_reports"] == 1
    assert e["weight"] == 1.0 and "strength" not in e  # no strength reported
    e = graph.edges["Outside Co Ltd", "C", "trade"]  # C said the outside firm supplies it
    assert e["reported_by"] == "target" and e["strength"] == 2.0


def test_knowledge_runs_from_adviser_to_respondent(graph):
    assert graph.has_edge("C", "B", "knowledge")
    assert not graph.has_edge("B", "C", "knowledge")
    e = graph.edges["C", "B", "knowledge"]
    assert e["directed"] is True and e["reported_by"] == "target" and e["weight"] == 5.0


def test_undirected_ties_are_one_arc(graph):
    uni = [(u, v) for u, v, k in graph.edges(keys=True) if k == "university"]
    # A-U reported by both ends: stored once, from the smaller id
    assert sorted(uni) == [("A", "U"), ("C", "U"), ("U", "B")]
    assert graph.edges["A", "U", "university"]["reported_by"] == "both"
    assert graph.edges["A", "U", "university"]["n_reports"] == 2
    # one end reported it: stored from that end
    assert graph.edges["C", "U", "university"]["reported_by"] == "source"
    assert graph.edges["U", "B", "university"]["reported_by"] == "source"
    assert all(graph.edges[u, v, "university"]["directed"] is False for u, v in uni)
    coop = graph.edges["B", "A", "cooperation"]
    assert coop["directed"] is False and coop["weight"] == 2.0 and coop["reported_by"] == "source"


def test_edge_count_and_relations(graph, survey):
    assert graph.number_of_edges() == 8
    assert relations_of(graph) == ["cooperation", "knowledge", "trade", "university"]
    assert sum(d["n_reports"] for *_, d in graph.edges(data=True)) == len(survey.ties) == 10


def test_confirmed_keeps_only_ties_both_ends_reported(survey):
    G = build_graph(survey, how="confirmed")
    assert sorted(G.edges(keys=True)) == [("A", "U", "university"), ("B", "A", "trade")]
    assert set(G.nodes) == {"A", "B", "C", "D", "U", "Outside Co Ltd"}  # nodes are all kept


def test_respondents_keeps_ties_among_respondents_only(survey):
    G = build_graph(survey, how="respondents")
    assert set(G.nodes) == {"A", "B", "C", "U"}  # D and the outside partner did not answer
    assert ("Outside Co Ltd", "C", "trade") not in set(G.edges(keys=True))
    assert G.number_of_edges() == 7
    assert G.graph["how"] == "respondents"


def test_bad_how_says_what_is_allowed(survey):
    with pytest.raises(NetkitError, match="union, confirmed, respondents"):
        build_graph(survey, how="both")
    with pytest.raises(NetkitError, match="not 'all'"):
        tie_table(survey, how="all")


def test_graph_writes_to_graphml(graph, tmp_path):
    path = tmp_path / "g.graphml"
    nx.write_graphml(graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_edges() == graph.number_of_edges()


def test_survey_with_no_ties_left_gives_nodes_only():
    actors = pd.DataFrame({"actor": ["A", "B"], "name": ["Alpha", "Beta"]})
    ties = pd.DataFrame({"respondent": ["A"], "partner": ["Alpha"], "relation": ["supplier"]})
    s = netkit.survey_from_frames(actors, ties)  # A names itself: dropped with a warning
    assert len(s.ties) == 0
    assert "'Alpha' names itself as supplier; self-ties are dropped" in s.problems["message"].iloc[-1]
    G = build_graph(s)
    assert set(G.nodes) == {"A", "B"} and G.number_of_edges() == 0
    assert list(tie_table(s).columns) == ["tie", "source", "target", "directed", "strength", "weight",
                                          "reported_by", "confirmed", "n_reports"]


# ------------------------------------------------------------------ tie_table

def test_tie_table_matches_graph_edges(survey, graph):
    t = tie_table(survey)
    assert len(t) == graph.number_of_edges()
    for rec in t.to_dict("records"):
        d = graph.edges[rec["source"], rec["target"], rec["tie"]]
        assert d["reported_by"] == rec["reported_by"]
        assert d["n_reports"] == rec["n_reports"]
        assert d["weight"] == rec["weight"]
    row = t[(t["tie"] == "trade") & (t["source"] == "B")].iloc[0]
    assert row["strength"] == 3.5 and bool(row["confirmed"]) and row["n_reports"] == 2


# ------------------------------------------------------------------ collapse

def test_collapse_survey_graph_directed(graph):
    H = collapse(graph)
    assert isinstance(H, nx.DiGraph) and not H.is_multigraph()
    # B -> A: trade 3.5 + cooperation 2 (undirected, so also A -> B with 2)
    assert H["B"]["A"]["weight"] == 5.5 and H["B"]["A"]["n_ties"] == 2
    assert H["A"]["B"]["weight"] == 2.0 and H["A"]["B"]["n_ties"] == 1
    # undirected university ties become arcs both ways
    assert H.has_edge("A", "U") and H.has_edge("U", "A")
    assert H.has_edge("B", "U") and H.has_edge("U", "B")
    # directed knowledge stays one way
    assert H.has_edge("C", "B") and not H.has_edge("B", "C")
    assert H.nodes["A"]["name"] == "Alfa S.r.l."


def test_collapse_undirected_sums_both_directions(graph):
    H = collapse(graph, directed=False)
    assert isinstance(H, nx.Graph) and not H.is_directed()
    assert H["A"]["B"]["weight"] == 5.5 and H["A"]["B"]["n_ties"] == 2
    assert H.number_of_edges() == 7  # 8 ties, A-B carries two


def test_collapse_relations_filter_and_error(graph):
    H = collapse(graph, relations="trade")
    assert sorted(H.edges) == [("A", "C"), ("B", "A"), ("Outside Co Ltd", "C")]
    assert H.number_of_nodes() == graph.number_of_nodes()  # isolates are kept
    with pytest.raises(NetkitError, match=r"no edges of relation\(s\) \['advice'\].*it has \['cooperation'"):
        collapse(graph, relations=["trade", "advice"])


def test_collapse_does_not_modify_its_input(graph):
    before = sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in graph.edges(keys=True, data=True))
    nodes_before = {n: dict(d) for n, d in graph.nodes(data=True)}
    H = collapse(graph, directed=False, combine="max")
    H.nodes["A"]["name"] = "changed?"
    after = sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in graph.edges(keys=True, data=True))
    assert after == before
    assert {n: dict(d) for n, d in graph.nodes(data=True)} == nodes_before
    assert graph.nodes["A"]["name"] == "Alfa S.r.l."


def _multi():
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", key="trade", relation="trade", weight=2.0, directed=True)
    M.add_edge("b", "a", key="trade", relation="trade", weight=3.0, directed=True)
    M.add_edge("a", "b", key="knowledge", relation="knowledge", weight=4.0, directed=True)
    M.add_edge("b", "c", key="university", relation="university", weight=1.0, directed=False)
    return M


@pytest.mark.parametrize("combine, ab, ab_undirected", [
    ("sum", 6.0, 9.0),  # directed a->b: 2 + 4; undirected a-b: 2 + 3 + 4
    ("max", 4.0, 4.0),
    ("count", 2.0, 3.0),
])
def test_collapse_combine(combine, ab, ab_undirected):
    M = _multi()
    D = collapse(M, combine=combine)
    assert D["a"]["b"]["weight"] == ab and D["a"]["b"]["n_ties"] == 2
    assert D["b"]["a"]["n_ties"] == 1
    U = collapse(M, directed=False, combine=combine)
    assert U["a"]["b"]["weight"] == ab_undirected and U["a"]["b"]["n_ties"] == 3


def test_collapse_bad_combine():
    with pytest.raises(NetkitError, match="'sum', 'max' or 'count'"):
        collapse(_multi(), combine="mean")


def test_collapse_weights_missing_nan_none_and_bad():
    G = nx.DiGraph()
    G.add_edge(1, 2)  # no weight: counts 1
    G.add_edge(2, 3, weight=math.nan)  # NaN: counts 1
    G.add_edge(3, 4, weight=2.5, cost=7)
    H = collapse(G)
    assert [H[u][v]["weight"] for u, v in [(1, 2), (2, 3), (3, 4)]] == [1.0, 1.0, 2.5]
    assert collapse(G, weight=None)[3][4]["weight"] == 1.0
    assert collapse(G, weight="cost")[3][4]["weight"] == 7.0
    G.add_edge(4, 5, weight="heavy")
    with pytest.raises(NetkitError, match="'weight' must be numeric, got 'heavy'"):
        collapse(G)


def test_collapse_simple_graphs():
    G = nx.Graph([("a", "b"), ("b", "c")])
    D = collapse(G, directed=True)  # an undirected graph becomes arcs both ways
    assert sorted(D.edges) == [("a", "b"), ("b", "a"), ("b", "c"), ("c", "b")]
    MG = nx.MultiGraph()
    MG.add_edge("a", "b", weight=2)
    MG.add_edge("a", "b", weight=3)
    assert collapse(MG)["a"]["b"]["weight"] == 5.0
    assert not collapse(MG).is_directed()
    DG = nx.DiGraph([("a", "b")])
    assert collapse(DG).is_directed() and not collapse(DG).has_edge("b", "a")


# ------------------------------------------------------------------ select_relation

def test_select_relation_directed_and_undirected(graph):
    T = select_relation(graph, "trade")
    assert isinstance(T, nx.DiGraph)
    assert sorted(T.edges) == [("A", "C"), ("B", "A"), ("Outside Co Ltd", "C")]
    assert T["B"]["A"]["weight"] == 3.5
    U = select_relation(graph, "university")
    assert type(U) is nx.Graph
    assert sorted(tuple(sorted(e)) for e in U.edges) == [("A", "U"), ("B", "U"), ("C", "U")]
    assert select_relation(graph, "trade", weight=None)["B"]["A"]["weight"] == 1.0
    with pytest.raises(NetkitError, match="advice"):
        select_relation(graph, "advice")


def test_select_relation_uses_keys_when_no_relation_attribute():
    M = nx.MultiDiGraph()
    M.add_edge("x", "y", key="trade")
    M.add_edge("y", "z", key="agency", directed=False)
    assert relations_of(M) == ["agency", "trade"]
    assert sorted(select_relation(M, "trade").edges) == [("x", "y")]
    assert not select_relation(M, "agency").is_directed()


# ------------------------------------------------------------------ property test

DIRECTED = {"supplier": True, "customer": True, "knowledge": True,
            "university": False, "agency": False, "cooperation": False}
TIE_OF = {"supplier": "trade", "customer": "trade", "knowledge": "knowledge",
          "university": "university", "agency": "agency", "cooperation": "cooperation"}
MIRROR = {"supplier": "customer", "customer": "supplier", "university": "university",
          "agency": "agency", "cooperation": "cooperation"}
OUTSIDE = ["Outside Alpha", "Outside Omega Ltd"]


@st.composite
def random_surveys(draw):
    n = draw(st.integers(2, 6))
    ids = [f"F{i}" for i in range(n)]
    report = st.tuples(st.sampled_from(ids), st.sampled_from(ids + OUTSIDE), st.sampled_from(sorted(DIRECTED)),
                       st.one_of(st.none(), st.integers(1, 5)))
    reports = draw(st.lists(report, min_size=1, max_size=20))
    # the partner also reports some of these ties (the mirror question), so some are reported by both ends
    flips = draw(st.lists(st.booleans(), min_size=len(reports), max_size=len(reports)))
    mirrored = [(p, r, MIRROR[rel], s) for (r, p, rel, s), f in zip(reports, flips)
                if f and p in ids and rel in MIRROR]
    return ids, reports + mirrored


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_surveys())
def test_no_reported_tie_is_lost_or_double_counted(data):
    ids, reports = data
    actors = pd.DataFrame({"actor": ids, "name": [f"Firm {i}" for i in ids]})
    ties_in = pd.DataFrame(reports, columns=["respondent", "partner", "relation", "strength"])
    s = netkit.survey_from_frames(actors, ties_in, relations=KNOWLEDGE)
    G = build_graph(s)
    t = s.ties
    # reports are only dropped with a warning (self-ties, repeats)
    dropped = s.problems["message"].str.contains("self-ties are dropped|the repeat is dropped").sum()
    assert len(t) + dropped == len(ties_in)
    # each kept report maps to exactly one edge
    reporters: dict[tuple, set] = {}
    n_rows: dict[tuple, int] = {}
    for row in t.itertuples():
        assert row.directed == DIRECTED[row.relation] and row.tie == TIE_OF[row.relation]
        assert row.respondent in (row.source, row.target)
        ends = [(row.source, row.target)] if row.directed else [(row.source, row.target), (row.target, row.source)]
        hits = [(u, v) for u, v in ends if G.has_edge(u, v, key=row.tie)]
        assert len(hits) == 1, (row, hits)
        edge = (*hits[0], row.tie)
        reporters.setdefault(edge, set()).add(row.respondent)
        n_rows[edge] = n_rows.get(edge, 0) + 1
    # ... and every edge comes from some report
    assert len(reporters) == G.number_of_edges()
    assert sum(d["n_reports"] for *_, d in G.edges(data=True)) == len(t)
    for (u, v, k), who in reporters.items():
        d = G.edges[u, v, k]
        expected = "both" if who == {u, v} else ("source" if who == {u} else "target")
        assert d["reported_by"] == expected, (u, v, k, d, who)
        assert d["confirmed"] is (who == {u, v})
        assert d["n_reports"] == n_rows[(u, v, k)]
        assert d["directed"] is (k in ("trade", "knowledge"))
    # the tie table agrees with the graph row for row
    assert len(tie_table(s)) == G.number_of_edges()

"""Tests of netkit.embeddedness against hand-worked cases, networkx and published values."""

from __future__ import annotations

import copy
import itertools
import math

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from netkit.embeddedness import compare_groups, ei_index, embeddedness, network_summary
from netkit.errors import NetkitError
from netkit.graph import collapse, select_relation
from netkit.holes import structural_holes

# --------------------------------------------------------------------------- fixtures


def survey_graph() -> nx.MultiDiGraph:
    """A small survey-like cluster; every expected value below is worked by hand from it."""
    G = nx.MultiDiGraph()
    firm = {"kind": "firm", "in_cluster": True, "responded": True}
    G.add_node("f1", **firm, is_sme=True, size_class="small", sector="metal", region="N")
    G.add_node("f2", **firm, is_sme=True, size_class="micro", sector="metal", region="S")
    G.add_node("f3", **firm, is_sme=False, size_class="large", sector="textile", region="N")
    G.add_node("x1", kind="firm", in_cluster=False)  # an outside buyer named by f1
    G.add_node("uni", kind="university", in_cluster=True)
    G.add_node("ag", kind="Agency", in_cluster=True)

    def tie(u, v, rel, w=1.0, directed=True, **attrs):
        G.add_edge(u, v, key=rel, relation=rel, directed=directed, weight=w, **attrs)

    tie("f1", "f2", "trade", 3.0, strength=3, reported_by="both", confirmed=True)
    tie("f2", "f1", "trade", 1.0, strength=1, reported_by="source", confirmed=False)
    tie("f1", "x1", "trade", 1.0, reported_by="source", confirmed=False)
    tie("f3", "f1", "trade", 2.0, strength=2, confirmed=True)
    tie("f1", "f3", "knowledge", 1.0, reported_by="both")  # confirmed only via reported_by
    tie("f3", "f1", "knowledge", 1.0, strength=4, reported_by="target")
    tie("f1", "uni", "university", 1.0, directed=False)
    tie("f3", "ag", "agency", 2.0, directed=False, strength=2, confirmed=True)
    tie("uni", "f2", "knowledge", 1.0, strength=1)
    tie("f2", "f2", "trade", 5.0, strength=5, confirmed=True)  # a self-loop: ignored
    return G


def snapshot(G):
    return (
        type(G),
        copy.deepcopy(dict(G.nodes(data=True))),
        copy.deepcopy(list(G.edges(keys=True, data=True)) if G.is_multigraph() else list(G.edges(data=True))),
        copy.deepcopy(G.graph),
    )


# --------------------------------------------------------------------------- embeddedness


def test_embeddedness_profile_worked_by_hand():
    G = survey_graph()
    p = embeddedness(G)
    expected = {
        # Distinct partners by relation. f1 buys from f2 and f3 and sells to f2 and x1;
        # f2's self-loop is ignored. uni advises f2 (knowledge uni -> f2).
        "trade_in": {"f1": 2, "f2": 1, "f3": 0, "x1": 1, "uni": 0, "ag": 0},
        "trade_out": {"f1": 2, "f2": 1, "f3": 1, "x1": 0, "uni": 0, "ag": 0},
        "knowledge_in": {"f1": 1, "f2": 1, "f3": 1, "x1": 0, "uni": 0, "ag": 0},
        "knowledge_out": {"f1": 1, "f2": 0, "f3": 1, "x1": 0, "uni": 1, "ag": 0},
        "university": {"f1": 1, "f2": 0, "f3": 0, "x1": 0, "uni": 1, "ag": 0},
        "agency": {"f1": 0, "f2": 0, "f3": 1, "x1": 0, "uni": 0, "ag": 1},
        # Directed collapse (the undirected university / agency ties count both ways):
        # f1 <- f2, f3, uni; f1 -> f2, x1, f3, uni.
        "in_degree": {"f1": 3, "f2": 2, "f3": 2, "x1": 1, "uni": 1, "ag": 1},
        "out_degree": {"f1": 4, "f2": 1, "f3": 2, "x1": 0, "uni": 2, "ag": 1},
        "degree": {"f1": 4, "f2": 2, "f3": 2, "x1": 1, "uni": 2, "ag": 1},
        # x1 is the only external actor; it is f1's contact.
        "external_ties": {"f1": 1, "f2": 0, "f3": 0, "x1": 0, "uni": 0, "ag": 0},
        "local_ties": {"f1": 3, "f2": 2, "f3": 2, "x1": 1, "uni": 2, "ag": 1},
        "external_share": {"f1": 0.25, "f2": 0.0, "f3": 0.0, "x1": 0.0, "uni": 0.0, "ag": 0.0},
        # f1-uni (kind and relation), f2-uni (kind), f3-ag (kind "Agency" and relation),
        # uni-f1 (relation university), ag-f3 (relation agency).
        "institutional_ties": {"f1": 1, "f2": 1, "f3": 1, "x1": 0, "uni": 1, "ag": 1},
        # f1: strengths 3 (f1->f2), 1 (f2->f1), 2 (f3->f1 trade), 4 (f3->f1 knowledge).
        # f2: 3, 1, 1 (uni->f2). f3: 2, 4, 2 (agency). uni: 1. ag: 2. x1: none reported.
        "mean_strength": {"f1": 2.5, "f2": 5 / 3, "f3": 8 / 3, "x1": math.nan, "uni": 1.0, "ag": 2.0},
        # f1: confirmed 1, 0, 0 (x1), 1 (f3 trade), reported_by both 1, target 0 -> 3/6;
        # its university tie carries neither attribute. f3: 1, 1, 0, 1 (agency) -> 3/4.
        "confirmed_share": {"f1": 0.5, "f2": 0.5, "f3": 0.75, "x1": 0.0, "uni": math.nan, "ag": 1.0},
        # f1: trade arcs f1->f2, f2->f1 (mutual), f1->x1, f3->f1; knowledge f1<->f3 (mutual):
        # 4 of 6 arcs reciprocated. f2: trade f1<->f2 (2 of 2) + knowledge uni->f2 (0 of 1).
        # f3: trade f3->f1 (0 of 1) + knowledge (2 of 2). ag has only an undirected tie.
        "reciprocity": {"f1": 4 / 6, "f2": 2 / 3, "f3": 2 / 3, "x1": 0.0, "uni": 0.0, "ag": math.nan},
        # Undirected collapse: f1-f2, f1-x1, f1-f3, f1-uni, f2-uni, f3-ag. One triangle f1-f2-uni.
        "clustering": {"f1": 2 * 1 / (4 * 3), "f2": 1.0, "f3": 0.0, "x1": 0.0, "uni": 1.0, "ag": 0.0},
        # Peeling: x1 and ag (degree 1) go, then f3; the triangle f1, f2, uni is the 2-core.
        "core_number": {"f1": 2, "f2": 2, "f3": 1, "x1": 1, "uni": 2, "ag": 1},
        # Uzzi coverage over trade weight in and out: f1 trades 3+1 with f2, 1 with x1,
        # 2 with f3 -> (4^2 + 1^2 + 2^2) / 7^2 = 21/49. One trade partner -> 1.
        "coverage": {"f1": 21 / 49, "f2": 1.0, "f3": 1.0, "x1": 1.0, "uni": math.nan, "ag": math.nan},
    }
    for column, values in expected.items():
        got = p[column].reindex(list(values)).to_numpy(dtype=float)
        np.testing.assert_allclose(got, list(values.values()), rtol=1e-12, err_msg=column)
    assert list(p.index) == ["f1", "f2", "f3", "x1", "uni", "ag"]
    # descriptive attributes copied for grouping (None where a node lacks one)
    assert p["in_cluster"].tolist() == [True, True, True, False, True, True]
    assert p["is_sme"].tolist() == [True, True, False, None, None, None]
    assert p["kind"].tolist() == ["firm", "firm", "firm", "firm", "university", "Agency"]
    assert p.loc["f3", "size_class"] == "large" and p.loc["f2", "region"] == "S"
    assert "responded" not in p


def test_embeddedness_constraint_matches_networkx_on_mutual_weights():
    # Reference: networkx's constraint on the undirected graph whose weights are Burt's
    # mutual tie weights a_ij + a_ji (an undirected tie counts both ways): f1-f2 3+1,
    # f1-x1 1, f1-f3 trade 2 + knowledge 1 + 1, f1-uni 1+1, f3-ag 2+2, uni-f2 1.
    G = survey_graph()
    mutual = nx.Graph()
    mutual.add_nodes_from(G)
    mutual.add_weighted_edges_from(
        [("f1", "f2", 4), ("f1", "x1", 1), ("f1", "f3", 4), ("f1", "uni", 2),
         ("f3", "ag", 4), ("uni", "f2", 1)]
    )
    reference = nx.constraint(mutual, weight="weight")
    p = embeddedness(G)
    for node, value in reference.items():
        assert p.loc[node, "constraint"] == pytest.approx(value, rel=1e-12)
    # and the same as netkit.holes on the raw multigraph
    holes = structural_holes(G, weight="weight")["constraint"]
    np.testing.assert_allclose(p["constraint"], holes.reindex(p.index), rtol=1e-12)


def test_embeddedness_relations_subset():
    p = embeddedness(survey_graph(), relations=["trade"])
    assert [c for c in p.columns if c.startswith(("knowledge", "university", "agency"))] == []
    assert p.loc["f1", "degree"] == 3  # f2, x1, f3
    assert p.loc["f1", "coverage"] == pytest.approx(21 / 49)
    assert p.loc["f1", "reciprocity"] == pytest.approx(2 / 4)
    assert p.loc["f1", "institutional_ties"] == 0
    assert p.loc["uni", "degree"] == 0 and math.isnan(p.loc["uni", "constraint"])
    with pytest.raises(NetkitError, match="no edges of relation"):
        embeddedness(survey_graph(), relations=["friendship"])


def test_embeddedness_plain_graph_matches_networkx():
    G = nx.karate_club_graph()
    p = embeddedness(G, weight=None)
    assert "reciprocity" in p and p["reciprocity"].isna().all()
    assert not any(c.endswith(("_in", "_out")) for c in p.columns)
    assert "in_degree" not in p and "kind" not in p
    degree = dict(G.degree())
    clustering = nx.clustering(G)
    core = nx.core_number(G)
    constraint = nx.constraint(G)
    for v in G:
        assert p.loc[v, "degree"] == degree[v]
        assert p.loc[v, "clustering"] == pytest.approx(clustering[v], abs=1e-12)
        assert p.loc[v, "core_number"] == core[v]
        assert p.loc[v, "constraint"] == pytest.approx(constraint[v], rel=1e-12)
        # no relation attribute: all ties count as trade; k equal partners give 1/k
        assert p.loc[v, "coverage"] == pytest.approx(1 / degree[v])
    assert (p["external_ties"] == 0).all() and (p["local_ties"] == p["degree"]).all()
    assert p["mean_strength"].isna().all() and p["confirmed_share"].isna().all()


def test_embeddedness_weighted_coverage_on_plain_graph():
    G = nx.karate_club_graph()  # edges carry "weight"
    p = embeddedness(G)
    for v in G:
        w = np.array([d["weight"] for _, _, d in G.edges(v, data=True)], dtype=float)
        assert p.loc[v, "coverage"] == pytest.approx(((w / w.sum()) ** 2).sum())


def test_embeddedness_digraph_reciprocity_and_degrees_match_networkx():
    G = nx.gnp_random_graph(60, 0.08, directed=True, seed=3)
    p = embeddedness(G)
    for v in G:
        assert p.loc[v, "in_degree"] == G.in_degree(v)
        assert p.loc[v, "out_degree"] == G.out_degree(v)
        if G.degree(v):
            assert p.loc[v, "reciprocity"] == pytest.approx(nx.reciprocity(G, [v])[v])
        else:
            assert math.isnan(p.loc[v, "reciprocity"])
    clustering = nx.clustering(G.to_undirected())
    core = nx.core_number(G.to_undirected())
    for v in G:
        assert p.loc[v, "clustering"] == pytest.approx(clustering[v], abs=1e-12)
        assert p.loc[v, "core_number"] == core[v]


def test_embeddedness_clustering_on_denser_graph():
    # Many triangles and a hub: exercises the degree-ordered triangle count.
    G = nx.powerlaw_cluster_graph(400, 5, 0.4, seed=7)
    G.add_edges_from((0, v) for v in range(1, 400, 3))
    p = embeddedness(G)
    clustering = nx.clustering(G)
    np.testing.assert_allclose(p["clustering"], [clustering[v] for v in p.index], atol=1e-12)


def test_embeddedness_multigraph_counts_a_pair_once():
    M = nx.MultiGraph()
    M.add_edge("a", "b", weight=2.0)
    M.add_edge("a", "b", weight=1.0)  # parallel tie, same (absent) relation
    M.add_edge("a", "c", weight=3.0)
    p = embeddedness(M)
    assert p.loc["a", "degree"] == 2 and p.loc["b", "degree"] == 1
    # trade weight with b is 2 + 1 = 3, with c 3: two equal partners
    assert p.loc["a", "coverage"] == pytest.approx(0.5)


def test_embeddedness_isolates_and_empty_graph():
    G = nx.Graph()
    G.add_nodes_from(["a", "b"])
    p = embeddedness(G)
    assert list(p.index) == ["a", "b"]
    assert (p["degree"] == 0).all() and p["external_share"].isna().all()
    assert p["coverage"].isna().all() and p["constraint"].isna().all()
    assert (p["clustering"] == 0).all() and (p["core_number"] == 0).all()


def test_embeddedness_rejects_non_numeric_weight():
    G = nx.Graph()
    G.add_edge("a", "b", weight="strong")
    with pytest.raises(NetkitError, match="pass weight=None"):
        embeddedness(G)
    assert embeddedness(G, weight=None).loc["a", "coverage"] == 1.0


def test_embeddedness_relation_named_like_a_column():
    M = nx.MultiGraph()
    M.add_edge("a", "b", key="degree", relation="degree")
    p = embeddedness(M)
    assert p.loc["a", "relation_degree"] == 1 and p.loc["a", "degree"] == 1


# --------------------------------------------------------------------------- E-I index

# Sampson's monastery: liking nominations (3 = first choice, 2, 1) at his times 2, 3, 4,
# the UCINET matrices SAMPLK1, SAMPLK2, SAMPLK3 (Breiger, Boorman & Arabie 1975). Copied
# from the UCINET DL file `sampson.dat` in github.com/philippolis/Trouble-makingMonks
# (commit f10905932f232965c7093d528d6af8b5da4d482c), its first three 18 x 18 matrices.
# That file's header lists the labels in blockmodel order (Ramuald, Bonaventure, ...),
# but its matrices are in the Breiger-Boorman numbering used by ergm, which is the
# order of MONKS: read in that order they give ergm's `samplike` (the union of the three
# waves, 88 arcs) and all published values below; read in the header's order they do not.
MONKS = [
    "John Bosco", "Gregory", "Basil", "Peter", "Bonaventure", "Berthold", "Mark", "Victor",
    "Ambrose", "Romuald", "Louis", "Winfrid", "Amand", "Hugh", "Boniface", "Albert",
    "Elias", "Simplicius",
]  # fmt: skip
SAMPLK1 = """
002030000000010000 300000200000010000 230000000000000010 000031000200000000
000300000020100000 100300002000000000 020000010000000300 320000001000000000
000020030000000100 000300010000020000 000030010000020000 320000000000010000
000020100000000003 300000000012002000 320000000000010000 120000300000000000
003000000000200001 230000100000000000
"""
SAMPLK2 = """
020010030000000000 300000100002001000 300000000000000012 000032000010000000
200300000010000000 100300002000000000 120000000000000300 000301000200000000
000010030002000000 000310000000200000 000230000000000100 310000000000020000
000020100000000003 310000000001002000 230010000000010000 020000300001000000
012000000000000003 010000000000200030
"""
SAMPLK3 = """
003000000001020000 300000100002000000 300000000000200012 000031000020000000
000300001020000000 000310002000000000 030000000001000200 000302001000000000
000010030002000000 000310001000200000 000020030000010000 320000100000000000
000020100000000003 300000000001002000 030000100002000000 030000200000001000
012000000000000003 012000000000000030
"""
# Sampson's factions as in ergm's `samplike %v% "group"`: the three interstitial monks
# are placed with the Loyal Opposition (Romuald, Victor) and the Outcasts (Amand).
FACTION = {
    **dict.fromkeys(["John Bosco", "Gregory", "Mark", "Winfrid", "Hugh", "Boniface", "Albert"], "Turks"),
    **dict.fromkeys(["Peter", "Bonaventure", "Berthold", "Victor", "Ambrose", "Romuald", "Louis"], "Loyal"),
    **dict.fromkeys(["Basil", "Amand", "Elias", "Simplicius"], "Outcasts"),
}
# Published E-I index of ergm's samplike by "group": whole network -0.4318182 and per actor
# (ties in and out), from the documentation of homophily::ei_index (B. Knapp,
# https://knapply.github.io/homophily/reference/ei_index.html, examples run on
# data("sampson", package = "ergm")). -0.4318182 = (25 - 63) / 88.
SAMPSON_EI = -0.4318182
SAMPSON_ACTOR_EI = {
    "John Bosco": -0.05882353, "Gregory": -0.46666667, "Basil": -0.25, "Peter": -1.0,
    "Bonaventure": -0.23076923, "Berthold": -0.66666667, "Mark": -0.45454545,
    "Victor": -0.27272727, "Ambrose": -0.5, "Romuald": -0.5, "Louis": -0.25,
    "Winfrid": -0.81818182, "Amand": 0.0, "Hugh": -0.45454545, "Boniface": -0.77777778,
    "Albert": -0.5, "Elias": -0.66666667, "Simplicius": -0.33333333,
}  # fmt: skip


def sampson_like() -> tuple[np.ndarray, nx.DiGraph]:
    waves = [
        np.array([[int(c) for c in row] for row in text.split()])
        for text in (SAMPLK1, SAMPLK2, SAMPLK3)
    ]
    A = (np.stack(waves) > 0).any(axis=0).astype(int)
    G = nx.DiGraph()
    G.add_nodes_from((m, {"group": FACTION[m]}) for m in MONKS)
    G.add_edges_from((MONKS[i], MONKS[j]) for i, j in zip(*np.nonzero(A)))
    return A, G


def test_ei_index_sampson_monks_published_values():
    A, G = sampson_like()
    assert A.sum() == 88 and G.number_of_edges() == 88  # ergm: samplike has 88 edges
    r = ei_index(G, "group", directed=True, n_permutations=200, seed=1)
    assert r.index == pytest.approx(SAMPSON_EI, abs=5e-8)
    assert (r.external, r.internal) == (25, 63)
    for monk, value in SAMPSON_ACTOR_EI.items():
        assert r.actors.loc[monk, "ei"] == pytest.approx(value, abs=5e-9), monk


def test_ei_index_sampson_undirected_counts_each_tie_once():
    # Independent count on the symmetrised matrix: pairs tied either way, inside or across.
    A, G = sampson_like()
    S = np.triu((A + A.T) > 0, 1)
    group = np.array([FACTION[m] for m in MONKS])
    same = group[:, None] == group[None, :]
    internal, external = int((S & same).sum()), int((S & ~same).sum())
    assert (internal, external) == (40, 20)
    r = ei_index(G, "group", n_permutations=0)
    assert r.index == pytest.approx((external - internal) / (external + internal))
    assert r.index == pytest.approx(-1 / 3)
    # group level: ties inside the group versus ties with one end in it
    for g in ("Turks", "Loyal", "Outcasts"):
        inside = group == g
        i_g = int(S[np.ix_(inside, inside)].sum())
        e_g = int(S[np.ix_(inside, ~inside)].sum() + S[np.ix_(~inside, inside)].sum())
        row = r.groups.loc[g]
        assert (row["internal"], row["external"], row["size"]) == (i_g, e_g, inside.sum())
        assert row["ei"] == pytest.approx((e_g - i_g) / (e_g + i_g))


def two_groups() -> nx.Graph:
    # A = {1, 2, 3}, B = {4, 5}; ties 1-2, 2-3, 1-3 (inside A), 3-4 (across), 4-5 (inside B).
    G = nx.Graph([(1, 2), (2, 3), (1, 3), (3, 4), (4, 5)])
    nx.set_node_attributes(G, {1: "A", 2: "A", 3: "A", 4: "B", 5: "B"}, "team")
    return G


def test_ei_index_two_groups_by_hand():
    r = ei_index(two_groups(), "team", n_permutations=0)
    assert (r.external, r.internal) == (1, 4)
    assert r.index == pytest.approx((1 - 4) / 5)  # -0.6
    assert r.groups.loc["A"].tolist() == [3, 3, 1, pytest.approx(-0.5)]  # size, I, E, (1-3)/4
    assert r.groups.loc["B"].tolist() == [2, 1, 1, 0.0]
    assert r.actors["ei"].to_dict() == {1: -1.0, 2: -1.0, 3: pytest.approx(-1 / 3), 4: 0.0, 5: -1.0}
    assert math.isnan(r.p_value) and r.n_permutations == 0


def test_ei_index_direction_and_weights():
    D = nx.DiGraph()
    D.add_edge("a", "b", weight=2.0)
    D.add_edge("b", "a", weight=1.0)  # reciprocated, inside the group
    D.add_edge("a", "c", weight=4.0)  # across
    nx.set_node_attributes(D, {"a": 1, "b": 1, "c": 2}, "g")
    # undirected (default): the pair a-b is one tie: I = 1, E = 1
    assert ei_index(D, "g", n_permutations=0).index == 0.0
    # arcs: I = 2, E = 1
    assert ei_index(D, "g", directed=True, n_permutations=0).index == pytest.approx(-1 / 3)
    # weighted: undirected I = 2 + 1, E = 4 -> 1/7; arcs give the same sums
    assert ei_index(D, "g", weight="weight", n_permutations=0).index == pytest.approx(1 / 7)
    assert ei_index(D, "g", weight="weight", directed=True, n_permutations=0).index == pytest.approx(1 / 7)


def test_ei_index_multigraph_and_missing_labels():
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", key="trade", relation="trade")
    M.add_edge("a", "b", key="knowledge", relation="knowledge")  # same pair again
    M.add_edge("b", "c", key="trade", relation="trade")
    M.add_edge("c", "d", key="trade", relation="trade")  # d has no label: dropped
    nx.set_node_attributes(M, {"a": "x", "b": "x", "c": "y"}, "sector")
    before = snapshot(M)
    r = ei_index(M, "sector", n_permutations=50, seed=0)
    assert (r.internal, r.external, r.n_unlabelled) == (1, 1, 1)
    assert list(r.actors.index) == ["a", "b", "c"]
    # the same as on the explicit collapse
    same = ei_index(collapse(M, directed=False), "sector", n_permutations=50, seed=0)
    assert same.index == r.index and np.array_equal(same.permuted, r.permuted)
    assert ei_index(M, "sector", relations="knowledge", n_permutations=0).index == -1.0
    assert snapshot(M) == before
    with pytest.raises(NetkitError, match="no node has the attribute"):
        ei_index(M, "region")


def test_ei_index_permutation_test_against_enumeration():
    # Path 1-2-3-4 labelled A A B B: observed E = 1, I = 2, index -1/3. The 6 equally
    # likely relabellings (choose the two A's) give E = 1, 3, 2, 2, 3, 1, i.e. index
    # -1/3, 1, 1/3, 1/3, 1, -1/3: mean 1/3; P(<= observed) = 2/6; P(>= observed) = 1;
    # two-sided: 2 * min(1/3, 1) = 2/3.
    G = nx.path_graph(4)
    nx.set_node_attributes(G, {0: "A", 1: "A", 2: "B", 3: "B"}, "g")
    r = ei_index(G, "g", n_permutations=20000, seed=42)
    assert r.index == pytest.approx(-1 / 3)
    assert r.expected == pytest.approx(1 / 3, abs=0.02)
    assert r.p_less == pytest.approx(1 / 3, abs=0.02)
    assert r.p_greater == 1.0
    assert r.p_value == pytest.approx(2 / 3, abs=0.02)
    assert set(np.round(r.permuted, 6)) == {round(-1 / 3, 6), round(1 / 3, 6), 1.0}
    again = ei_index(G, "g", n_permutations=20000, seed=42)
    assert np.array_equal(again.permuted, r.permuted)
    assert not np.array_equal(ei_index(G, "g", n_permutations=200, seed=7).permuted, r.permuted[:200])


def test_ei_index_without_ties_is_nan():
    G = nx.Graph()
    G.add_nodes_from([("a", {"g": 1}), ("b", {"g": 2})])
    r = ei_index(G, "g")
    assert math.isnan(r.index) and math.isnan(r.p_value)


# --------------------------------------------------------------------------- compare_groups


def test_compare_groups_exact_p_value_by_hand():
    # SMEs {1, 2} against large firms {5, 6, 9}. Under relabelling, the SME pair is any of
    # the C(5, 2) = 10 pairs with sum s; mean difference (5s - 46) / 6 in absolute value:
    # s = 3, 6, 7, 10, 7, 8, 11, 11, 14, 15 -> 31, 16, 11, 4, 11, 6, 9, 9, 24, 29 (x 1/6).
    # Only the observed pair (31/6) is that extreme: p = 1/10.
    df = pd.DataFrame({"x": [1.0, 2.0, 5.0, 6.0, 9.0], "sme": [True, True, False, False, False]})
    r = compare_groups(df, "x", "sme", groups=[True, False]).loc["x"]
    assert r["effect"] == pytest.approx(1.5 - 20 / 3)
    assert r["p_value"] == pytest.approx(0.1) and r["exact"] and r["n_permutations"] == 10
    assert r["test"] == "difference in means"
    # enumerate all 5! label orders in the test as an independent check
    labels = df["sme"].to_numpy()
    x = df["x"].to_numpy()
    observed = abs(x[labels].mean() - x[~labels].mean())
    hits = []
    for perm in itertools.permutations(labels):
        sme = np.array(perm)
        hits.append(abs(x[sme].mean() - x[~sme].mean()) >= observed - 1e-12)
    assert r["p_value"] == pytest.approx(np.mean(hits))
    # sampled permutations approach it
    sampled = compare_groups(df, "x", "sme", exact=False, n_permutations=5000, seed=3).loc["x"]
    assert not sampled["exact"] and sampled["p_value"] == pytest.approx(0.1, abs=0.015)
    # default order is sorted: False (large) first
    assert compare_groups(df, "x", "sme").loc["x", "effect"] == pytest.approx(20 / 3 - 1.5)


def test_compare_groups_three_groups_f_and_exact_p():
    df = pd.DataFrame(
        {"deg": [1.0, 2.0, 4.0, 7.0, 3.0, 9.0], "sector": ["a", "a", "b", "b", "c", "c"]}
    )
    r = compare_groups(df, "deg", "sector").loc["deg"]
    groups = [df.deg[df.sector == s].to_numpy() for s in "abc"]
    assert r["test"] == "F"
    assert r["statistic"] == pytest.approx(stats.f_oneway(*groups).statistic)
    assert r["effect"] == pytest.approx(6.0 - 1.5)  # largest minus smallest group mean
    # the 90 distinct label orders (6! / (2! 2! 2!)), each with F from scipy
    observed = stats.f_oneway(*groups).statistic
    labels = df.sector.to_numpy()
    hits = []
    for perm in sorted(set(itertools.permutations(labels))):
        perm = np.array(perm)
        f = stats.f_oneway(*[df.deg.to_numpy()[perm == s] for s in "abc"]).statistic
        hits.append(f >= observed - 1e-9)
    assert r["exact"] and r["n_permutations"] == 90
    assert r["p_value"] == pytest.approx(np.mean(hits))


def test_compare_groups_no_difference():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0] * 2, "sme": [True] * 4 + [False] * 4})
    r = compare_groups(df, "x", "sme").loc["x"]
    assert r["effect"] == 0.0 and r["p_value"] == 1.0 and r["exact"]  # C(8, 4) = 70 <= 5000
    rng = np.random.default_rng(0)
    big = pd.DataFrame({"y": rng.normal(size=400), "g": rng.permutation(np.repeat(["p", "q"], 200))})
    res = compare_groups(big, "y", "g", seed=1).loc["y"]
    assert not res["exact"] and res["p_value"] > 0.05
    const = pd.DataFrame({"z": [2.0] * 6, "g": list("ppqqrr")})
    rc = compare_groups(const, "z", "g").loc["z"]
    assert rc["p_value"] == 1.0 and rc["effect"] == 0.0 and math.isnan(rc["statistic"])


def test_compare_groups_several_columns_missing_values_and_errors():
    G = survey_graph()
    p = embeddedness(G)
    r = compare_groups(p, ["degree", "coverage"], "is_sme", groups=[True, False])
    assert list(r.index) == ["degree", "coverage"]
    # is_sme is missing for x1, uni, ag: f1, f2 (SMEs) against f3
    assert r.loc["degree", "n_True"] == 2 and r.loc["degree", "n_False"] == 1
    assert r.loc["degree", "effect"] == pytest.approx((4 + 2) / 2 - 2)
    assert r.loc["coverage", "effect"] == pytest.approx((21 / 49 + 1) / 2 - 1)
    with pytest.raises(NetkitError, match="two groups"):
        compare_groups(p, "degree", "is_sme", groups=[True])
    with pytest.raises(NetkitError, match="no column"):
        compare_groups(p, "degree", "size")
    with pytest.raises(NetkitError, match="too many"):
        compare_groups(pd.DataFrame({"x": range(60), "g": [0, 1] * 30}), "x", "g", exact=True)


def test_compare_groups_sampled_is_seeded():
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"x": rng.normal(size=200), "g": rng.integers(0, 3, 200)})
    a = compare_groups(df, "x", "g", n_permutations=300, seed=9)
    b = compare_groups(df, "x", "g", n_permutations=300, seed=9)
    pd.testing.assert_frame_equal(a, b)


# --------------------------------------------------------------------------- network_summary


def test_network_summary_centralization_by_hand():
    assert network_summary(nx.star_graph(6))["degree_centralization"] == 1.0
    assert network_summary(nx.complete_graph(6))["degree_centralization"] == 0.0
    # path of 4: degrees 1, 2, 2, 1 -> (1 + 0 + 0 + 1) / ((4 - 1)(4 - 2)) = 1/3
    assert network_summary(nx.path_graph(4))["degree_centralization"] == pytest.approx(1 / 3)
    # directed in-star on 5 nodes: in-degrees 4, 0, 0, 0, 0 -> 16 / 4^2 = 1;
    # out-degrees 0, 1, 1, 1, 1 -> (1 - 0) / 16
    instar = nx.DiGraph([(i, 0) for i in range(1, 5)])
    s = network_summary(instar)
    assert s["in_degree_centralization"] == 1.0
    assert s["out_degree_centralization"] == pytest.approx(1 / 16)
    assert s["degree_centralization"] == 1.0


def test_network_summary_matches_networkx():
    G = nx.gnp_random_graph(80, 0.03, directed=True, seed=11)
    G.add_edge(5, 5)  # self-loops are ignored
    s = network_summary(G)
    H = nx.DiGraph(G)
    H.remove_edges_from(nx.selfloop_edges(H))
    U = H.to_undirected()
    largest = U.subgraph(max(nx.connected_components(U), key=len))
    assert s["directed"] and s["nodes"] == 80 and s["ties"] == H.number_of_edges()
    assert s["density"] == pytest.approx(nx.density(H))
    assert s["components"] == nx.number_weakly_connected_components(H)
    assert s["largest_component"] == largest.number_of_nodes()
    assert s["isolates"] == nx.number_of_isolates(H)
    assert s["reciprocity"] == pytest.approx(nx.overall_reciprocity(H))
    assert s["transitivity"] == pytest.approx(nx.transitivity(U))
    assert s["average_distance"] == pytest.approx(nx.average_shortest_path_length(largest))
    assert not s["distance_sampled"]
    assert "in_cluster_actors" not in s


def test_network_summary_undirected_and_multigraph_relation():
    s = network_summary(nx.florentine_families_graph())
    assert not s["directed"] and math.isnan(s["reciprocity"])
    assert s["density"] == pytest.approx(nx.density(nx.florentine_families_graph()))
    G = survey_graph()
    before = snapshot(G)
    for relation in ("trade", "university"):
        s = network_summary(G, relation=relation)
        ref = select_relation(G, relation)
        ref.remove_edges_from(list(nx.selfloop_edges(ref)))
        assert s["directed"] == ref.is_directed()
        assert s["ties"] == ref.number_of_edges()
        assert s["density"] == pytest.approx(nx.density(ref))
    whole = network_summary(G)
    ref = collapse(G)
    ref.remove_edges_from(list(nx.selfloop_edges(ref)))
    # arcs f1->f2, f2->f1, f1->x1, f3->f1 (trade and knowledge), f1->f3, uni->f2, and the
    # university and agency ties both ways
    assert whole["ties"] == ref.number_of_edges() == 10
    assert whole["reciprocity"] == pytest.approx(nx.overall_reciprocity(ref))
    assert (whole["in_cluster_actors"], whole["external_actors"]) == (5, 1)
    assert snapshot(G) == before


def test_network_summary_sampled_average_distance():
    G = nx.connected_watts_strogatz_graph(1500, 6, 0.1, seed=4)
    exact = ig.Graph(n=1500, edges=list(G.edges())).average_path_length(directed=False)
    s = network_summary(G, max_exact=500, n_sources=200, seed=3)
    assert s["distance_sampled"]
    assert s["average_distance"] == pytest.approx(exact, rel=0.03)
    again = network_summary(G, max_exact=500, n_sources=200, seed=3)
    assert again["average_distance"] == s["average_distance"]
    full = network_summary(G, max_exact=2000)
    assert not full["distance_sampled"] and full["average_distance"] == pytest.approx(exact)


# --------------------------------------------------------------------------- no mutation


def test_functions_do_not_mutate_input():
    G = survey_graph()
    before = snapshot(G)
    embeddedness(G)
    embeddedness(G, relations=["trade", "knowledge"])
    ei_index(G, "sector", n_permutations=20, seed=1)
    network_summary(G)
    assert snapshot(G) == before


# --------------------------------------------------------------------------- array cores


def test_network_summary_all_undirected_multidigraph_is_undirected():
    from netkit.datasets import florentine_families

    F = florentine_families()  # a MultiDiGraph whose edges all carry directed=False
    assert F.is_directed() and all(d["directed"] is False for *_, d in F.edges(data=True))
    s = network_summary(F, seed=1)
    assert s["directed"] is False and math.isnan(s["reciprocity"])
    assert "in_degree_centralization" not in s
    ref = nx.Graph(F.to_undirected())
    assert s["ties"] == ref.number_of_edges()
    assert s["density"] == pytest.approx(nx.density(ref))
    plain = network_summary(ref, seed=1)
    for key in ("nodes", "ties", "density", "transitivity", "degree_centralization", "average_distance"):
        assert s[key] == pytest.approx(plain[key])
    mixed = F.copy()
    mixed.add_edge("Medici", "Strozzi", relation="trade", directed=True)
    assert network_summary(mixed)["directed"] is True


@pytest.mark.parametrize("seed", range(6))
def test_core_numbers_equal_networkx(seed):
    from netkit.embeddedness import _core_numbers

    rng = np.random.default_rng(seed)
    graphs = [nx.gnm_random_graph(60, 150, seed=seed), nx.barabasi_albert_graph(200, 3, seed=seed),
              nx.powerlaw_cluster_graph(150, 4, 0.5, seed=seed), nx.star_graph(7), nx.complete_graph(6),
              nx.empty_graph(5), nx.path_graph(9)]
    G = nx.disjoint_union_all(graphs)
    edges = np.array(list(G.edges()), dtype=np.int64).reshape(-1, 2)
    edges = edges[rng.permutation(len(edges))]
    core = _core_numbers(G.number_of_nodes(), edges[:, 0], edges[:, 1])
    ref = nx.core_number(G)
    assert core.tolist() == [ref[v] for v in range(G.number_of_nodes())]


def test_herfindahl_and_reciprocity_cores():
    from netkit.embeddedness import _arc_reciprocity, _herfindahl

    # node 0: shares 3/4, 1/4; node 1: one partner; node 2: none
    h = _herfindahl(3, np.array([0, 0, 1]), np.array([3.0, 1.0, 5.0]))
    assert h[:2].tolist() == [0.625, 1.0] and math.isnan(h[2])
    # arcs 0->1, 1->0, 1->2 (and 0->1 again): node 1 has 3 arcs, 2 reciprocated
    mutual, incident = _arc_reciprocity(3, [0, 1, 1, 0], [1, 0, 2, 1])
    assert mutual.tolist() == [2, 2, 0] and incident.tolist() == [2, 3, 1]
    G = nx.DiGraph([(0, 1), (1, 0), (1, 2)])
    assert nx.reciprocity(G, [1])[1] == pytest.approx(mutual[1] / incident[1])

"""Tests of netkit.holes (Burt's structural holes).

References used: igraph's C ``constraint``, networkx 3.6 ``constraint`` /
``effective_size`` / ``local_constraint`` where they are correct, Borgatti
(1997) n - 2t/n, hand-worked cases (arithmetic in the comments) and a slow
reference implementation written straight from the formulas (below).
"""

from __future__ import annotations

import copy
import math
import random
import tracemalloc
from collections import defaultdict

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import netkit.holes as holes
from netkit.datasets import data_path
from netkit.errors import NetkitError
from netkit.graph import collapse
from netkit.holes import dyadic_constraint, structural_holes

COLUMNS = ["degree", "effective_size", "efficiency", "constraint", "hierarchy"]
MEASURES = COLUMNS[1:]


# --------------------------------------------------------------------- reference


def reference(G, weight=None):
    """Burt's measures with plain loops, straight from the definitions (slow)."""
    mutual = defaultdict(float)  # w_ij = a_ij + a_ji, summed over parallel ties
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        a = 1.0 if weight is None else float(d.get(weight, 1.0))
        if math.isnan(a):
            a = 1.0
        if G.is_directed() and d.get("directed", True) is False:
            a *= 2  # an undirected tie stored as one arc counts both ways
        mutual[u, v] += a
        mutual[v, u] += a
    contacts = {i: set() for i in G}
    for (i, j), x in mutual.items():
        if x > 0:
            contacts[i].add(j)

    def p(i, j):
        return mutual.get((i, j), 0.0) / sum(mutual[i, k] for k in contacts[i])

    def m(j, q):
        return mutual.get((j, q), 0.0) / max(mutual[j, k] for k in contacts[j])

    rows = {}
    for i in G:
        n = len(contacts[i])
        if n == 0:
            rows[i] = [0, np.nan, np.nan, np.nan, np.nan]
            continue
        c = {
            j: (p(i, j) + sum(p(i, q) * p(q, j) for q in contacts[i] if q != j)) ** 2
            for j in contacts[i]
        }
        total = sum(c.values())
        es = sum(1 - sum(p(i, q) * m(j, q) for q in contacts[i] if q != j) for j in contacts[i])
        if n > 1:
            r = {j: c[j] / (total / n) for j in c}
            h = sum(x * math.log(x) for x in r.values()) / (n * math.log(n))
        else:
            h = np.nan
        rows[i] = [n, es, es / n, total, h]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=COLUMNS)
    frame["degree"] = frame["degree"].astype(np.int64)
    return frame


def assert_same(got, expected, atol=1e-10):
    assert list(got.index) == list(expected.index)
    assert list(got.columns) == COLUMNS
    assert (got["degree"].to_numpy() == expected["degree"].to_numpy()).all()
    np.testing.assert_allclose(
        got[MEASURES].to_numpy(float), expected[MEASURES].to_numpy(float), rtol=0, atol=atol
    )


def random_graph(seed):
    """A small random graph of any type, with weights, loops, isolates, odd attributes."""
    rnd = random.Random(seed)
    kind = rnd.choice([nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph])
    G = kind()
    n = rnd.randint(1, 25)
    labels = [f"firm{i}" for i in range(n)] if rnd.random() < 0.5 else list(range(n))
    G.add_nodes_from(labels)
    density = rnd.choice([0.05, 0.15, 0.3, 0.6])
    for u in labels:
        for v in labels:
            if rnd.random() < density and (u != v or rnd.random() < 0.2):
                attrs = {}
                roll = rnd.random()
                if roll < 0.6:
                    attrs["weight"] = rnd.choice([1, 2, 3, 0.5, 2.25])
                elif roll < 0.7:
                    attrs["weight"] = 0.0
                elif roll < 0.75:
                    attrs["weight"] = float("nan")
                if rnd.random() < 0.1:
                    attrs["directed"] = False
                G.add_edge(u, v, **attrs)
    return G


# ---------------------------------------------------------- against the reference


@pytest.mark.parametrize("seed", range(60))
def test_equals_slow_reference_on_random_graphs(seed):
    G = random_graph(seed)
    for weight in (None, "weight"):
        assert_same(structural_holes(G, weight=weight), reference(G, weight))


@settings(max_examples=80, deadline=None, derandomize=True)
@given(
    st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(1, 4)), max_size=60),
    st.booleans(),
)
def test_equals_slow_reference_hypothesis(edges, directed):
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(13))
    G.add_weighted_edges_from(edges)
    assert_same(structural_holes(G, weight="weight"), reference(G, "weight"))


def test_triangle_listing_in_small_chunks(monkeypatch):
    # The chunked triangle search must not depend on the chunk size.
    G = nx.gnp_random_graph(40, 0.3, seed=7, directed=True)
    for u, v in G.edges():
        G[u][v]["weight"] = 1 + (u * v) % 4
    expected = reference(G, "weight")
    for chunk in (1, 3, 50):
        monkeypatch.setattr(holes, "_CHUNK", chunk)
        assert_same(structural_holes(G, weight="weight"), expected)


# ----------------------------------------------------------------------- igraph


def igraph_constraint(G, weight=None):
    index = {v: i for i, v in enumerate(G)}
    g = ig.Graph(n=len(index), edges=[(index[u], index[v]) for u, v in G.edges()],
                 directed=G.is_directed())
    weights = None if weight is None else [d[weight] for _, _, d in G.edges(data=True)]
    return np.array(g.constraint(weights=weights))


def weighted(G, seed):
    rnd = random.Random(seed)
    for e in G.edges(keys=True) if G.is_multigraph() else G.edges():
        G.edges[e]["weight"] = rnd.choice([1.0, 2.0, 3.0, 0.5, 4.5])
    return G


@pytest.mark.parametrize(
    "make",
    [
        lambda: nx.gnp_random_graph(60, 0.1, seed=1),  # undirected
        lambda: nx.gnp_random_graph(60, 0.08, seed=2, directed=True),  # directed
        lambda: nx.karate_club_graph(),
        lambda: nx.florentine_families_graph(),
    ],
)
@pytest.mark.parametrize("use_weight", [False, True])
def test_constraint_equals_igraph(make, use_weight):
    G = make()
    if use_weight:
        G = weighted(G, 3)
    weight = "weight" if use_weight else None
    got = structural_holes(G, weight=weight)["constraint"].to_numpy()
    np.testing.assert_allclose(got, igraph_constraint(G, weight), rtol=0, atol=1e-10)


def test_constraint_equals_igraph_on_multigraph_with_reciprocal_arcs():
    rnd = random.Random(5)
    M = nx.MultiDiGraph()
    M.add_nodes_from(range(33))  # 30-32 stay isolated: NaN in both
    for _ in range(120):
        u, v = rnd.randrange(30), rnd.randrange(30)
        if u != v:
            M.add_edge(u, v, weight=rnd.choice([1.0, 2.0, 5.0]))
    got = structural_holes(M, weight="weight")["constraint"].to_numpy()
    expected = igraph_constraint(M, "weight")
    assert np.isnan(expected).any()
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-10)


# --------------------------------------------------------------------- networkx


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weight", [None, "weight"])
def test_constraint_equals_networkx(directed, weight):
    G = weighted(nx.gnp_random_graph(50, 0.12, seed=11, directed=directed), 4)
    got = structural_holes(G, weight=weight)["constraint"]
    np.testing.assert_allclose(got.to_numpy(), list(nx.constraint(G, weight=weight).values()),
                               rtol=0, atol=1e-10)


@pytest.mark.parametrize("weight", [None, "weight"])
def test_effective_size_equals_networkx_per_node_path(weight):
    # networkx's per-node path (nodes=...) is correct on undirected graphs.
    G = weighted(nx.gnp_random_graph(50, 0.12, seed=12), 5)
    got = structural_holes(G, weight=weight)["effective_size"]
    expected = nx.effective_size(G, nodes=list(G), weight=weight)
    np.testing.assert_allclose(got.to_numpy(), list(expected.values()), rtol=0, atol=1e-10)


def test_effective_size_equals_networkx_default_path_when_unweighted_undirected():
    G = nx.karate_club_graph()
    got = structural_holes(G)["effective_size"]
    np.testing.assert_allclose(got.to_numpy(), list(nx.effective_size(G).values()),
                               rtol=0, atol=1e-10)


def test_dyadic_constraint_equals_networkx_local_constraint():
    G = weighted(nx.gnp_random_graph(25, 0.2, seed=13, directed=True), 6)
    dyads = dyadic_constraint(G, weight="weight")
    assert len(dyads) == 2 * nx.Graph(G.to_undirected()).number_of_edges()
    for ego, alter, c in dyads[["ego", "alter", "constraint"]].itertuples(index=False):
        assert c == pytest.approx(nx.local_constraint(G, ego, alter, weight="weight"),
                                  abs=1e-12)
    summed = dyads.groupby("ego")["constraint"].sum()
    holes_ = structural_holes(G, weight="weight")
    np.testing.assert_allclose(summed.to_numpy(), holes_.loc[summed.index, "constraint"],
                               rtol=0, atol=1e-12)


# ------------------------------------------------- where networkx 3.6 is wrong


def test_node_that_only_receives_ties_gets_its_value():
    # b only receives ties: a -> b, c -> b, a -> c. Mutual weights are 1 on each
    # of the three pairs, so b sits in a triangle: p = 1/2 to each contact,
    # c_ba = (1/2 + 1/2 * 1/2)^2 = 9/16, C_b = 9/8 = 1.125; effective size
    # 2 * (1 - 1/2 * 1) = 1.
    D = nx.DiGraph([("a", "b"), ("c", "b"), ("a", "c")])
    got = structural_holes(D, nodes=["b"])
    assert got.loc["b", "constraint"] == pytest.approx(1.125, abs=1e-12)
    assert got.loc["b", "effective_size"] == pytest.approx(1.0, abs=1e-12)
    # networkx 3.6 looks at successors only on its per-node path (if these two
    # lines fail, networkx has fixed it: drop them).
    assert math.isnan(nx.constraint(D, nodes=["b"])["b"])
    assert math.isnan(nx.effective_size(D, nodes=["b"])["b"])


def test_weighted_effective_size_normalises_by_contacts_own_maximum():
    # Ties a-b 2, a-c 1, b-c 3, c-d 1 (undirected, weights as mutual weights).
    # Strengths: s_b = 5, s_c = 5. Largest tie: max_a = 2, max_b = 3, max_c = 3.
    # ES_b, contacts a, c with p_ba = 2/5, p_bc = 3/5:
    #   j = a: 1 - p_bc * m_ac = 1 - 3/5 * (1/2) = 7/10   (m_ac = w_ac / max_a)
    #   j = c: 1 - p_ba * m_ca = 1 - 2/5 * (1/3) = 13/15  (m_ca = w_ca / max_c)
    #   ES_b = 7/10 + 13/15 = 47/30
    # ES_c, contacts a, b, d with p_ca = 1/5, p_cb = 3/5, p_cd = 1/5:
    #   j = a: 1 - p_cb * m_ab = 1 - 3/5 * (2/2) = 2/5
    #   j = b: 1 - p_ca * m_ba = 1 - 1/5 * (2/3) = 13/15
    #   j = d: 1
    #   ES_c = 34/15
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 2.0), ("a", "c", 1.0), ("b", "c", 3.0),
                               ("c", "d", 1.0)])
    got = structural_holes(G, weight="weight")["effective_size"]
    assert got["b"] == pytest.approx(47 / 30, abs=1e-12)
    assert got["c"] == pytest.approx(34 / 15, abs=1e-12)
    # networkx's default (matrix) path divides w_jq by q's largest tie instead:
    # ES_b = (1 - 3/5 * 1/3) + (1 - 2/5 * 1/2) = 1.6, ES_c = 2.4.
    wrong = nx.effective_size(G, weight="weight")
    assert wrong["b"] == pytest.approx(1.6) and wrong["c"] == pytest.approx(2.4)


def test_no_dense_matrix():
    # networkx's effective_size allocates an n x n float array (here 30,000^2 * 8
    # bytes = 7.2 GB). netkit must stay linear in the ties.
    n = 30_000
    G = nx.circulant_graph(n, [1, 2])  # 60,000 ties, 30,000 triangles
    tracemalloc.start()
    try:
        result = structural_holes(G)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 2**20, f"peak {peak / 2**20:.0f} MiB"
    # every node: 4 contacts, ties among them 1-2, 2-3 (wrapped): t = 3 -> n - 2t/n
    assert result["effective_size"].to_numpy() == pytest.approx(4 - 2 * 3 / 4)


def peak_bytes(fn):
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_networkx_effective_size_is_dense_and_netkit_is_not():
    n = 2_000
    G = nx.circulant_graph(n, [1, 2])
    dense = n * n * 8  # 32 MB
    assert peak_bytes(lambda: nx.effective_size(G)) >= dense
    assert peak_bytes(lambda: structural_holes(G)) < dense / 10


# -------------------------------------------------------------- published values


def test_florentine_medici():
    # Padgett's marriage network. Medici's 6 contacts: Acciaiuoli, Albizzi,
    # Barbadori, Ridolfi, Salviati, Tornabuoni; one tie among them
    # (Ridolfi-Tornabuoni, each of degree 3). p = 1/6 to each contact:
    #   four contacts with no shared tie: c = (1/6)^2 = 1/36 each
    #   Ridolfi: (1/6 + p_M,Tornabuoni * p_Tornabuoni,Ridolfi)^2 = (1/6 + 1/18)^2 = 4/81;
    #   Tornabuoni the same.
    #   C = 4/36 + 8/81 = 17/81 = 0.2099; ES = 6 - 2*1/6 = 17/3 = 5.667 (Borgatti).
    # igraph's constraint gives 0.21 for the Medici (S. Linberg, "Constraint and
    # brokerage in the Florentine wedding dataset", 2022, R igraph output).
    got = structural_holes(nx.florentine_families_graph()).loc["Medici"]
    assert got["constraint"] == pytest.approx(0.2099, abs=5e-5)
    assert got["constraint"] == pytest.approx(17 / 81, abs=1e-12)
    assert got["effective_size"] == pytest.approx(5.667, abs=5e-4)
    assert got["degree"] == 6


def test_florentine_from_shared_csv_has_pucci_isolate():
    edges = pd.read_csv(data_path("classic", "flo_marriage_edges.csv"))
    nodes = pd.read_csv(data_path("classic", "flo_marriage_nodes.csv"))
    G = nx.Graph()
    G.add_nodes_from(nodes["name"])  # edges name families, ids are row numbers
    G.add_edges_from(edges[["source", "target"]].itertuples(index=False))
    got = structural_holes(G)
    assert got.loc["Pucci", "degree"] == 0
    assert got.loc["Pucci", MEASURES].isna().all()
    assert got.loc["Medici", "constraint"] == pytest.approx(17 / 81, abs=1e-12)


@pytest.mark.parametrize(
    "alters, alter_ties, outside_ties",
    [
        # ego with n alters, t ties among them, plus ties from alters to outsiders
        # (which the whole-network model ignores for effective size when unweighted)
        (["a", "b", "c", "d", "e"], [("a", "b"), ("b", "c"), ("d", "e")], [("a", "x"), ("e", "y")]),
        (["a", "b", "c", "d"], [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"),
                                ("c", "d")], [("d", "z")]),
        (["a", "b", "c"], [], [("a", "x"), ("b", "x"), ("c", "x")]),
    ],
)
def test_borgatti_effective_size_of_ego_networks(alters, alter_ties, outside_ties):
    # Borgatti (1997), Connections 20(1): unweighted, undirected ES = n - 2t/n.
    G = nx.Graph()
    G.add_edges_from(("ego", a) for a in alters)
    G.add_edges_from(alter_ties + outside_ties)
    n, t = len(alters), len(alter_ties)
    got = structural_holes(G).loc["ego"]
    assert got["effective_size"] == pytest.approx(n - 2 * t / n, abs=1e-12)
    assert got["efficiency"] == pytest.approx((n - 2 * t / n) / n, abs=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_borgatti_formula_on_random_graphs(seed):
    G = nx.gnp_random_graph(40, 0.15, seed=seed)
    got = structural_holes(G)["effective_size"]
    for i in G:
        alters = set(G[i])
        if not alters:
            assert math.isnan(got[i])
            continue
        n = len(alters)
        t = G.subgraph(alters).number_of_edges()  # counted independently
        assert got[i] == pytest.approx(n - 2 * t / n, abs=1e-12)


# ---------------------------------------------------------------------- hierarchy


def test_triangle():
    got = structural_holes(nx.complete_graph(3))
    # p = 1/2; c_ij = (1/2 + 1/2 * 1/2)^2 = 9/16; C = 9/8. All dyads equal: H = 0.
    assert got["constraint"].tolist() == pytest.approx([1.125] * 3, abs=1e-12)
    assert got["hierarchy"].tolist() == pytest.approx([0.0] * 3, abs=1e-12)
    assert got["effective_size"].tolist() == pytest.approx([1.0] * 3, abs=1e-12)


def test_star_centre_has_no_hierarchy():
    got = structural_holes(nx.star_graph(5))
    # centre: 5 contacts, p = 1/5 each, no ties among them: c = 1/25 each, C = 1/5
    assert got.loc[0, "constraint"] == pytest.approx(0.2, abs=1e-12)
    assert got.loc[0, "hierarchy"] == pytest.approx(0.0, abs=1e-12)
    assert got.loc[0, "effective_size"] == pytest.approx(5.0, abs=1e-12)
    # leaves have one contact: hierarchy undefined
    assert got.loc[1:, "hierarchy"].isna().all()
    assert got.loc[1:, "constraint"].tolist() == pytest.approx([1.0] * 5)


def test_hierarchy_of_an_asymmetric_ego_network():
    # Ego 0 with contacts 1, 2, 3; 1-2 tied; 3 is a pendant.
    # p_0j = 1/3; p_12 = p_21 = 1/2 (1 and 2 have two contacts each).
    #   c_01 = (1/3 + p_02 p_21)^2 = (1/3 + 1/6)^2 = 1/4;  c_02 = 1/4;  c_03 = 1/9
    #   C_0 = 1/2 + 1/9 = 11/18;  mean C_0 / 3 = 11/54
    #   r_01 = r_02 = (1/4) / (11/54) = 27/22;  r_03 = (1/9) / (11/54) = 6/11
    #   H_0 = [2 * 27/22 ln(27/22) + 6/11 ln(6/11)] / (3 ln 3) = 0.05220...
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 2)])
    expected = (2 * 27 / 22 * math.log(27 / 22) + 6 / 11 * math.log(6 / 11)) / (3 * math.log(3))
    got = structural_holes(G).loc[0]
    assert got["hierarchy"] == pytest.approx(expected, abs=1e-12)
    assert expected == pytest.approx(0.0522, abs=1e-4)
    assert got["constraint"] == pytest.approx(11 / 18, abs=1e-12)
    assert got["effective_size"] == pytest.approx(3 - 2 * 1 / 3, abs=1e-12)


# ------------------------------------------------------------------- input handling


def test_does_not_mutate_input():
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", key="trade", relation="trade", weight=2.0, directed=True)
    M.add_edge("b", "c", key="university", relation="university", weight=1.0, directed=False)
    M.add_edge("c", "c", key="trade", weight=float("nan"))
    M.add_node("d", in_cluster=False)
    before = copy.deepcopy(M)
    structural_holes(M, weight="weight")
    dyadic_constraint(M, weight="weight")
    assert nx.utils.graphs_equal(M, before)
    assert list(M.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True))


def test_multigraph_ties_are_summed_like_collapse():
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", key="trade", weight=2.0)
    M.add_edge("a", "b", key="knowledge", weight=1.0)
    M.add_edge("b", "c", key="university", weight=1.5, directed=False)
    M.add_edge("c", "a", key="trade")  # no weight: counts 1
    M.add_edge("c", "d", key="trade", weight=float("nan"))  # NaN counts 1
    # The same ties written out by hand: a->b 3, b->c and c->b 1.5, c->a 1, c->d 1.
    D = nx.DiGraph()
    D.add_weighted_edges_from([("a", "b", 3.0), ("b", "c", 1.5), ("c", "b", 1.5),
                               ("c", "a", 1.0), ("c", "d", 1.0)])
    for weight in ("weight", None):
        got = structural_holes(M, weight=weight)
        assert_same(got, structural_holes(collapse(M, weight=weight), weight="weight"))
        assert_same(got, reference(M, weight))
    assert_same(structural_holes(M, weight="weight"), structural_holes(D, weight="weight"))


def test_simple_digraph_with_undirected_arcs_matches_collapse():
    D = nx.DiGraph()
    D.add_edge("a", "b", weight=2.0, directed=False)
    D.add_edge("b", "c", weight=float("nan"))
    D.add_edge("c", "a", weight=1.0)
    D.add_edge("c", "d")
    assert_same(structural_holes(D, weight="weight"),
                structural_holes(collapse(D), weight="weight"))


def test_self_loops_are_ignored():
    G = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3)])
    L = G.copy()
    L.add_edge(2, 2)
    L.add_edge(3, 3)
    assert_same(structural_holes(L), structural_holes(G))


def test_isolates_and_zero_weight_ties():
    G = nx.Graph()
    G.add_nodes_from(["lonely"])
    G.add_edge("a", "b", weight=1.0)
    G.add_edge("b", "c", weight=1.0)
    G.add_edge("a", "z", weight=0.0)  # a tie of weight 0 is no tie
    got = structural_holes(G, weight="weight")
    assert got.loc["lonely", "degree"] == 0 and got.loc["z", "degree"] == 0
    assert got.loc[["lonely", "z"], MEASURES].isna().all().all()
    assert got.loc["a", "degree"] == 1 and got.loc["a", "constraint"] == 1.0
    # unweighted, the same edge is a tie
    assert structural_holes(G).loc["a", "degree"] == 2


def test_empty_and_edgeless_graphs():
    empty = structural_holes(nx.Graph())
    assert empty.empty and list(empty.columns) == COLUMNS
    edgeless = structural_holes(nx.empty_graph(3, create_using=nx.DiGraph))
    assert edgeless["degree"].tolist() == [0, 0, 0]
    assert edgeless[MEASURES].isna().all().all()


def test_nodes_selects_and_orders_rows():
    G = nx.florentine_families_graph()
    whole = structural_holes(G)
    some = structural_holes(G, nodes=["Strozzi", "Medici"])
    assert list(some.index) == ["Strozzi", "Medici"]
    pd.testing.assert_frame_equal(some, whole.loc[["Strozzi", "Medici"]])
    with pytest.raises(NetkitError, match="not in the graph"):
        structural_holes(G, nodes=["Medici", "Sforza"])


def test_subgraph_view_is_accepted():
    G = nx.karate_club_graph()
    keep = [v for v in G if v != 0]
    assert_same(structural_holes(G.subgraph(keep)), reference(G.subgraph(keep)))


@pytest.mark.parametrize("bad", [-1.0, "strong", None, float("inf")])
def test_bad_weights_raise(bad):
    G = nx.Graph()
    G.add_edge("a", "b", weight=bad)
    G.add_edge("b", "c", weight=1.0)
    with pytest.raises(NetkitError, match="weight"):
        structural_holes(G, weight="weight")


def test_output_types():
    got = structural_holes(nx.path_graph(4))
    assert got.index.name == "node"
    assert got["degree"].dtype == np.int64
    assert all(got[c].dtype == np.float64 for c in MEASURES)
    dyads = dyadic_constraint(nx.path_graph(3))
    assert list(dyads.columns) == ["ego", "alter", "p", "constraint"]
    assert dyads[["ego", "alter"]].to_numpy().tolist() == [[0, 1], [1, 0], [1, 2], [2, 1]]


def test_array_core_equals_structural_holes_and_chunks_agree(monkeypatch):
    """The array entry point that production networks use gives structural_holes' numbers,
    whatever the chunk of candidate triangles, and counts each node's triangles on the way."""
    from netkit._arrays import iter_triangles, triangles, undirected_ties

    G = nx.powerlaw_cluster_graph(300, 5, 0.6, seed=3)
    rng = np.random.default_rng(3)
    D = nx.DiGraph()
    for u, v in G.edges():
        D.add_edge(*((u, v) if rng.random() < 0.5 else (v, u)), weight=float(rng.integers(1, 9)))
        if rng.random() < 0.2:
            D.add_edge(v, u, weight=1.0)
    nodes = list(D)
    pos = {v: i for i, v in enumerate(nodes)}
    src = np.array([pos[u] for u, _ in D.edges()])
    dst = np.array([pos[v] for _, v in D.edges()])
    w = np.array([d["weight"] for *_, d in D.edges(data=True)])
    ref = structural_holes(D, weight="weight")
    counts = np.zeros(len(nodes))
    for chunk in (1, 7, 1 << 22):
        monkeypatch.setattr(holes, "_CHUNK", chunk)
        got = holes._holes_arrays(len(nodes), src, dst, w, triangles=counts)
        for col in COLUMNS:
            np.testing.assert_allclose(got[col], ref[col].to_numpy(dtype=float), rtol=1e-12)
    tri = nx.triangles(nx.Graph(D.to_undirected()))
    assert counts.tolist() == [3 * tri[v] for v in nodes]
    u, v, ru, rv, _ = undirected_ties(len(nodes), src, dst, w)
    want = {frozenset(c) for c in nx.enumerate_all_cliques(nx.Graph(D.to_undirected())) if len(c) == 3}
    for chunk in (5, 1 << 22):  # several chunks or one: the same triangles, each once, from networkx
        if chunk == 5:
            assert len(list(iter_triangles(ru, rv, len(nodes), chunk=chunk))) > 1
        t_ab, t_ac, t_bc = triangles(ru, rv, len(nodes), chunk=chunk)
        found = [frozenset(nodes[i] for i in (u[x], v[x], v[y])) for x, y in zip(t_ab, t_ac)]
        assert len(found) == len(want) and set(found) == want
        for x, y, z in zip(t_ab, t_ac, t_bc):  # the third tie joins the far ends of the first two
            assert {u[z], v[z]} == {v[x], v[y]}

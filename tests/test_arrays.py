"""The shared reader netkit._arrays: read_arcs, collapse_arrays, adjacency and the triangle helpers.

References: the edges networkx itself lists (G.edges(keys=True, data=True)), a
plain-Python collapse written out below from the rules in netkit.graph's
docstring, networkx's triangles / to_scipy_sparse_array, and small cases
worked by hand.
"""

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netkit._arrays import (
    adjacency,
    collapse_arrays,
    read_arcs,
    triangle_counts,
    triangles,
    undirected_ties,
)
from netkit.embeddedness import embeddedness
from netkit.errors import NetkitError
from netkit.graph import collapse, select_relation
from netkit.holes import structural_holes

TYPES = [nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph]


def labelled(arcs):
    """The arcs as (u, v) node labels."""
    return [(arcs.nodes[a], arcs.nodes[b]) for a, b in zip(arcs.src.tolist(), arcs.dst.tolist())]


def relations(arcs):
    codes, names = arcs.relation
    return [None if c < 0 else names[c] for c in codes.tolist()]


def networkx_edges(G):
    """(u, v, data) of every edge as networkx lists them: the order read_arcs must keep."""
    if G.is_multigraph():
        return [(u, v, d) for u, v, _, d in G.edges(keys=True, data=True)]
    return list(G.edges(data=True))


def build(kind):
    G = kind()
    G.add_nodes_from(["z", "a", "m"])  # node order is not sorted order
    G.add_edge("a", "z", relation="trade", weight=2.0)
    G.add_edge("m", "a", relation="knowledge")  # no weight: counts 1
    G.add_edge("z", "m", relation="university", directed=False, weight=float("nan"))  # NaN: counts 1
    G.add_edge("m", "m", relation="trade", weight=5)  # a self-loop, an int weight
    return G


# ------------------------------------------------------------------ read_arcs


@pytest.mark.parametrize("kind", TYPES)
def test_read_every_graph_type_in_networkx_order(kind):
    G = build(kind)
    arcs = read_arcs(G)
    assert arcs.nodes == ["z", "a", "m"]
    assert arcs.graph_directed is G.is_directed() and arcs.multigraph is G.is_multigraph()
    expected = networkx_edges(G)
    assert labelled(arcs) == [(u, v) for u, v, _ in expected]
    # worked out from the insertion order: a directed graph lists arcs by source
    # (z, a, m); an undirected one lists each edge once, from its earlier node
    if G.is_directed():
        assert labelled(arcs) == [("z", "m"), ("a", "z"), ("m", "a"), ("m", "m")]
        assert relations(arcs) == ["university", "trade", "knowledge", "trade"]
        assert arcs.weight.tolist() == [1.0, 2.0, 1.0, 5.0]
        assert arcs.directed.tolist() == [False, True, True, True]  # directed=False: both ways
    else:
        assert labelled(arcs) == [("z", "a"), ("z", "m"), ("a", "m"), ("m", "m")]
        assert relations(arcs) == ["trade", "university", "knowledge", "trade"]
        assert arcs.weight.tolist() == [2.0, 1.0, 1.0, 5.0]
        assert not arcs.directed.any()  # every edge of an undirected graph is a tie both ways
    assert arcs.weight.dtype == np.float64 and arcs.src.dtype == np.int64
    assert arcs.data == [d for _, _, d in expected]  # the graph's own dicts, in the same order


def test_undirected_edges_are_read_from_their_earlier_node():
    G = nx.Graph()
    G.add_nodes_from([3, 1, 2])
    G.add_edges_from([(2, 1), (1, 3), (2, 3)])
    assert labelled(read_arcs(G)) == list(G.edges()) == [(3, 1), (3, 2), (1, 2)]


def test_multigraph_keys_and_relation_from_key():
    M = nx.MultiDiGraph()
    M.add_edge("x", "y", key="trade")  # no relation attribute: the string key names it
    M.add_edge("x", "y", key=7)  # a non-string key names nothing
    M.add_edge("y", "z", key="knowledge", relation="advice")  # the attribute wins over the key
    arcs = read_arcs(M)
    assert arcs.keys == ["trade", 7, "knowledge"]
    assert relations(arcs) == ["trade", None, "advice"]
    assert sorted(arcs.relation[1]) == ["advice", "trade"]
    assert read_arcs(M, relations="advice").keys == ["knowledge"]  # keys follow the arcs kept
    assert read_arcs(nx.DiGraph([(1, 2)])).keys is None
    U = nx.MultiGraph()
    U.add_nodes_from(["p", "q", "r"])
    U.add_edge("r", "q", key="agency")  # read from q, the earlier node
    U.add_edge("q", "p", key="trade")
    U.add_edge("q", "p", key="university")
    arcs = read_arcs(U)
    assert labelled(arcs) == [("p", "q"), ("p", "q"), ("q", "r")]
    assert arcs.keys == ["trade", "university", "agency"] == relations(arcs)


@pytest.mark.parametrize(
    "flag, directed",
    [(True, True), (False, False), (np.True_, True), (np.False_, False), (1, True), (0, False),
     (0.0, False), (None, True), ("no", True)],
)
def test_directed_flag_values(flag, directed):
    # the rule: an arc is undirected when its attribute `directed` equals 0
    G = nx.DiGraph()
    G.add_edge("a", "b", directed=flag)
    G.add_edge("b", "c")  # no attribute: directed
    assert read_arcs(G).directed.tolist() == [directed, True]
    H = collapse(G)  # collapse follows the same rule: an undirected arc becomes arcs both ways
    assert H.has_edge("b", "a") is (not directed)


def test_numpy_false_is_undirected_in_every_measure():
    # One knowledge arc stored with numpy's False (as a graph built from a
    # pandas column gets it) must count as the same tie as Python's False.
    def graph(flag):
        M = nx.MultiDiGraph()
        M.add_edge("a", "b", key="trade", relation="trade", weight=2.0, directed=True)
        M.add_edge("c", "a", key="agency", relation="agency", weight=1.0, directed=flag)
        M.add_edge("b", "c", key="trade", relation="trade", weight=1.0, directed=True)
        return M

    py, npy = graph(False), graph(np.False_)
    assert list(collapse(npy).edges(data=True)) == list(collapse(py).edges(data=True))
    assert collapse(npy).has_edge("a", "c")  # both ways
    assert structural_holes(npy, weight="weight").equals(structural_holes(py, weight="weight"))
    assert embeddedness(npy).equals(embeddedness(py))
    assert not select_relation(npy, "agency").is_directed()


def test_weights_missing_nan_and_numeric_values():
    G = nx.DiGraph()
    G.add_edge(1, 2)  # missing
    G.add_edge(2, 3, weight=math.nan)
    G.add_edge(3, 4, weight=np.float32(0.5))
    G.add_edge(4, 5, weight=3)
    G.add_edge(5, 6, weight=True)
    G.add_edge(6, 7, weight=-2.0)  # negative and infinite weights are read; measures refuse them
    G.add_edge(7, 8, weight=math.inf)
    assert read_arcs(G).weight.tolist() == [1.0, 1.0, 0.5, 3.0, 1.0, -2.0, math.inf]
    assert read_arcs(G, weight=None).weight.tolist() == [1.0] * 7


@pytest.mark.parametrize("bad", [None, "heavy", [1, 2], 1 + 2j])
def test_non_numeric_weights_raise(bad):
    G = nx.MultiGraph()
    G.add_edge("a", "b", weight=1.0)
    G.add_edge("a", "b", weight=bad)
    with pytest.raises(NetkitError, match=r"'weight' must be numeric, got .*pass weight=None"):
        read_arcs(G)
    assert read_arcs(G, weight=None).weight.tolist() == [1.0, 1.0]  # not read at all


def test_relation_filter():
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", key="trade", relation="trade", weight=2.0)
    M.add_edge("a", "b", key="knowledge", relation="knowledge", weight="high")  # bad, but not read
    M.add_edge("b", "c", key="agency", directed=False)
    arcs = read_arcs(M, relations=["trade", "agency"])
    assert labelled(arcs) == [("a", "b"), ("b", "c")]
    assert arcs.weight.tolist() == [2.0, 1.0] and arcs.directed.tolist() == [True, False]
    assert relations(arcs) == ["trade", "agency"]
    assert labelled(read_arcs(M, relations="agency")) == [("b", "c")]
    with pytest.raises(NetkitError, match=r"no edges of relation\(s\) \['advice'\].*it has \['agency', "):
        read_arcs(M, relations=["trade", "advice"])
    with pytest.raises(NetkitError, match="must be numeric, got 'high'"):
        read_arcs(M)


def test_self_loops_kept_and_dropped():
    G = nx.Graph([(1, 1), (1, 2)])
    arcs = read_arcs(G)
    assert labelled(arcs) == [(1, 1), (1, 2)]
    assert labelled(arcs.without_loops()) == [(1, 2)]


def test_views_and_input_left_alone():
    G = build(nx.MultiDiGraph)
    before = [(u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True)]
    view = G.subgraph(["a", "m"])
    arcs = read_arcs(view)
    assert arcs.nodes == list(view) and labelled(arcs) == [(u, v) for u, v, _ in networkx_edges(view)]
    assert labelled(read_arcs(G.reverse(copy=False))) == [(u, v) for u, v, _ in networkx_edges(G.reverse())]
    trade = read_arcs(G, relations="trade").subset(np.array([True, False]))
    assert labelled(trade) == [("a", "z")] and trade.weight.tolist() == [2.0]
    assert [(u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True)] == before


def test_empty_graphs():
    for kind in TYPES:
        arcs = read_arcs(kind())
        assert arcs.nodes == [] and len(arcs) == 0 and arcs.relation[1] == []
        src, dst, w, n_ties = collapse_arrays(arcs, directed=True)
        assert len(src) == len(dst) == len(w) == len(n_ties) == 0
    arcs = read_arcs(nx.empty_graph(3, create_using=nx.MultiDiGraph))
    assert len(arcs) == 0 and arcs.n == 3


# ------------------------------------------------------------------ collapse_arrays


def reference_collapse(G, *, directed, weight="weight", combine="sum"):
    """Plain-Python collapse from the rules: {(u, v) or frozenset: (weight, n_ties)}, in first-seen order."""
    acc = {}
    for u, v, d in networkx_edges(G):
        w = 1.0
        if weight is not None:
            w = float(d.get(weight, 1.0))
            w = 1.0 if math.isnan(w) else w
        undirected = not G.is_directed() or d.get("directed", True) == 0
        pairs = [(u, v), (v, u)] if directed and undirected and u != v else [(u, v)]
        for a, b in pairs:
            acc.setdefault((a, b) if directed else frozenset((a, b)), []).append(w)
    how = {"sum": sum, "max": max, "count": lambda ws: float(len(ws))}[combine]
    return {key: (how(ws), len(ws)) for key, ws in acc.items()}


def as_dict(arcs, result, directed):
    src, dst, w, n_ties = result
    out = {}
    for a, b, x, k in zip(src.tolist(), dst.tolist(), w.tolist(), n_ties.tolist()):
        key = (arcs.nodes[a], arcs.nodes[b])
        out[key if directed else frozenset(key)] = (x, k)
    return out


@st.composite
def multigraphs(draw):
    kind = draw(st.sampled_from(TYPES))
    G = kind()
    G.add_nodes_from(draw(st.permutations(list("abcde"))))
    edge = st.tuples(
        st.sampled_from("abcde"), st.sampled_from("abcde"),
        st.sampled_from(["trade", "knowledge", "agency"]),
        st.sampled_from([None, 0.5, 1.0, 2.25, 3, math.nan]),
        st.sampled_from([None, True, False, np.False_, 0]),
    )
    for u, v, rel, w, flag in draw(st.lists(edge, max_size=25)):
        d = {"relation": rel}
        if w is not None:
            d["weight"] = w
        if flag is not None:
            d["directed"] = flag
        G.add_edge(u, v, **d)
    return G


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(multigraphs(), st.booleans(), st.sampled_from(["sum", "max", "count"]), st.sampled_from(["weight", None]))
def test_collapse_arrays_and_collapse_match_the_reference(G, directed, combine, weight):
    expected = reference_collapse(G, directed=directed, weight=weight, combine=combine)
    arcs = read_arcs(G, weight=weight)
    first = collapse_arrays(arcs, directed=directed, combine=combine)
    assert list(as_dict(arcs, first, directed).items()) == list(expected.items())  # values and order
    H = collapse(G, directed=directed, weight=weight, combine=combine)
    assert H.is_directed() is directed and list(H) == list(G)
    got = {(u, v) if directed else frozenset((u, v)): (d["weight"], d["n_ties"]) for u, v, d in H.edges(data=True)}
    assert got == expected
    assert all(type(d["weight"]) is float and type(d["n_ties"]) is int for *_, d in H.edges(data=True))
    # the other orders hold the same ties: sorted by position, or as networkx lists H's edges
    keyed = collapse_arrays(arcs, directed=directed, combine=combine, order="key")
    assert as_dict(arcs, keyed, directed) == expected
    assert np.all(np.diff(keyed[0] * max(arcs.n, 1) + keyed[1]) > 0)
    listed = collapse_arrays(arcs, directed=directed, combine=combine, order="graph")
    assert [(arcs.nodes[a], arcs.nodes[b]) for a, b in zip(listed[0], listed[1])] == list(H.edges())
    # without self-loops
    looped = collapse_arrays(arcs, directed=directed, combine=combine, loops=False)
    assert as_dict(arcs, looped, directed) == {k: x for k, x in expected.items() if len(set(k)) == 2}


def test_collapse_arrays_by_hand():
    # a -> b trade 2 and knowledge 4, b -> a trade 3, b - c undirected 1 (one arc, stored b -> c)
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", key="trade", weight=2.0)
    M.add_edge("b", "a", key="trade", weight=3.0)
    M.add_edge("a", "b", key="knowledge", weight=4.0)
    M.add_edge("b", "c", key="agency", weight=1.0, directed=False)
    arcs = read_arcs(M)
    src, dst, w, n = collapse_arrays(arcs, directed=True)
    # first seen: a->b (2 + 4, two arcs), b->a (3), b->c and c->b (1 each)
    assert list(zip(src.tolist(), dst.tolist(), w.tolist(), n.tolist())) == [
        (0, 1, 6.0, 2), (1, 0, 3.0, 1), (1, 2, 1.0, 1), (2, 1, 1.0, 1)]
    src, dst, w, n = collapse_arrays(arcs, directed=False, combine="max")
    assert list(zip(src.tolist(), dst.tolist(), w.tolist(), n.tolist())) == [(0, 1, 4.0, 3), (1, 2, 1.0, 1)]
    with pytest.raises(NetkitError, match="'sum', 'max' or 'count'"):
        collapse_arrays(arcs, directed=True, combine="mean")


# ------------------------------------------------------------------ adjacency and triangles


def test_adjacency_matches_networkx():
    G = nx.karate_club_graph()
    arcs = read_arcs(G)
    a, b, w, _ = collapse_arrays(arcs, directed=False, order="key")
    A = adjacency(arcs.n, a, b, w, symmetric=True)
    expected = nx.to_scipy_sparse_array(G, nodelist=list(G), weight="weight", format="csr")
    assert (A != expected).nnz == 0
    D = nx.gnp_random_graph(30, 0.1, seed=3, directed=True)
    arcs = read_arcs(D, weight=None)
    A = adjacency(arcs.n, arcs.src, arcs.dst)
    assert (A != nx.to_scipy_sparse_array(D, nodelist=list(D), weight=None, format="csr")).nnz == 0


@pytest.mark.parametrize("G", [
    nx.karate_club_graph(),
    nx.florentine_families_graph(),
    nx.gnp_random_graph(60, 0.2, seed=5),
    nx.complete_graph(6),  # every node in C(5, 2) = 10 triangles
    nx.path_graph(5),  # none
])
def test_triangle_counts_match_networkx(G):
    arcs = read_arcs(G, weight=None)
    got = triangle_counts(arcs.n, arcs.src, arcs.dst)
    assert got.tolist() == [float(nx.triangles(G, v)) for v in G]


def test_triangles_are_each_listed_once_whatever_the_chunk():
    G = nx.gnp_random_graph(40, 0.3, seed=7)
    arcs = read_arcs(G, weight=None)
    u, v, ru, rv, _ = undirected_ties(arcs.n, arcs.src, arcs.dst, arcs.weight)
    expected = sum(nx.triangles(G).values()) // 3
    found = set()
    for chunk in (1, 7, 1 << 22):
        t_ab, t_ac, t_bc = triangles(ru, rv, arcs.n, chunk=chunk)
        assert len(t_ab) == expected
        corners = {frozenset({u[a], v[a], u[b], v[b], u[c], v[c]}) for a, b, c in zip(t_ab, t_ac, t_bc)}
        assert len(corners) == expected and all(len(c) == 3 for c in corners)
        found.add(frozenset(corners))
    assert len(found) == 1


def test_undirected_ties_sum_both_directions_and_drop_zero_and_loops():
    # arcs 0->1 (1), 1->0 (2), 1->2 (0), 2->2 (5): one tie 0-1 of weight 3
    u, v, ru, rv, w = undirected_ties(3, np.array([0, 1, 1, 2]), np.array([1, 0, 2, 2]),
                                      np.array([1.0, 2.0, 0.0, 5.0]))
    assert sorted(zip(u.tolist(), v.tolist())) in ([(0, 1)], [(1, 0)]) and w.tolist() == [3.0]
    assert (ru < rv).all()

"""The compiled paths (networkit, igraph) against the references: networkx, igraph, python-louvain."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest
from community import community_louvain

from netkit import _fast, brokerage, communities
from netkit.brokerage import betweenness
from netkit.communities import communities_from_arrays, find_communities
from netkit.errors import NetkitError

ig = pytest.importorskip("igraph")
nk = pytest.importorskip("networkit")


def _arrays(G, weight=None):
    pos = {v: i for i, v in enumerate(G)}
    edges = list(G.edges(data=weight, default=1.0)) if weight else [(u, v, 1.0) for u, v in G.edges()]
    src = np.array([pos[e[0]] for e in edges], dtype=np.int64)
    dst = np.array([pos[e[1]] for e in edges], dtype=np.int64)
    return len(pos), src, dst, np.array([e[2] for e in edges], dtype=float)


def _planted(seed=3):
    return nx.planted_partition_graph(12, 40, 0.25, 0.01, seed=seed)


def _lfr():
    return nx.LFR_benchmark_graph(1000, 2.5, 1.5, 0.2, average_degree=10, max_degree=50,
                                  min_community=30, max_community=100, seed=7)


# --------------------------------------------------------------------------- backends
def test_available_lists_installed_backends():
    assert _fast.available() == ("networkit", "igraph")


@pytest.fixture
def no_backends(monkeypatch):
    monkeypatch.setattr(_fast, "_module", lambda name: None)


def test_missing_backend_says_how_to_install(no_backends):
    with pytest.raises(NetkitError, match=r'pip install "netkit\[fast\]"'):
        _fast.louvain_arrays(3, [0, 1], [1, 2], seed=1, backend="networkit")
    with pytest.raises(NetkitError, match=r'netkit\[fast\]'):
        _fast.louvain_arrays(3, [0, 1], [1, 2], seed=1)  # auto, nothing installed
    with pytest.raises(NetkitError, match=r'netkit\[fast\]'):
        find_communities(nx.path_graph(4), method="igraph", seed=1)
    with pytest.raises(NetkitError, match=r'netkit\[fast\]'):
        betweenness(nx.path_graph(4), method="networkit")
    with pytest.raises(NetkitError, match=r'netkit\[fast\]'):
        _fast.betweenness_arrays(3, [0, 1], [1, 2], directed=False, epsilon=0.1, backend="networkit")
    # sampling with a bound still works: netkit's own pivots
    assert _fast.betweenness_arrays(3, [0, 1], [1, 2], directed=False, epsilon=0.1).backend == "netkit"


def test_auto_without_backends_falls_back_with_a_warning(no_backends, monkeypatch):
    monkeypatch.setattr(communities, "AUTO_MIN_NODES", 10)
    G = nx.barbell_graph(6, 0)
    with pytest.warns(RuntimeWarning, match="netkit\\[fast\\]"):
        res = find_communities(G, seed=1)
    assert res.method == "python-louvain"
    assert betweenness(G).attrs["backend"] == "netkit"


def test_auto_switches_at_the_thresholds(monkeypatch):
    G = nx.barbell_graph(6, 0)  # 12 nodes
    assert find_communities(G, seed=1).method == "python-louvain"
    monkeypatch.setattr(communities, "AUTO_MIN_NODES", 12)
    res = find_communities(G, seed=1, n_runs=3)
    assert res.method == "networkit"
    assert res.membership["community"].tolist() == [0] * 6 + [1] * 6
    monkeypatch.setattr(communities, "AUTO_MIN_NODES", 13)
    assert find_communities(G, seed=1).method == "python-louvain"

    assert betweenness(G).attrs["backend"] == "netkit"
    monkeypatch.setattr(brokerage, "FAST_MIN_NODES", 12)
    assert betweenness(G).attrs["backend"] == "igraph"
    monkeypatch.setattr(brokerage, "EXACT_MAX_NODES", 11)
    big = betweenness(G, seed=1)
    assert big.attrs["backend"] == "networkit" and big.attrs["method"] == "sampled"
    assert big.attrs["epsilon"] == brokerage.DEFAULT_EPSILON
    weighted = betweenness(G, weight="weight", seed=1)  # weighted: netkit's pivots
    assert weighted.attrs["backend"] == "netkit" and weighted.attrs["k"] == 12


def test_old_method_name_is_python_louvain():
    G = nx.karate_club_graph()
    a = find_communities(G, method="louvain", seed=3)
    b = find_communities(G, method="python-louvain", seed=3)
    assert a.method == b.method == "python-louvain"
    assert a.membership.equals(b.membership)


# --------------------------------------------------------------------------- modularity
@pytest.mark.parametrize("resolution", [0.5, 1.0, 2.0])
def test_modularity_arrays_equals_networkx(resolution):
    rng = np.random.default_rng(1)
    G = nx.gnm_random_graph(200, 900, seed=2)
    for u, v in G.edges():
        G[u][v]["weight"] = float(rng.integers(1, 5))
    G.add_edge(3, 3, weight=2.0)  # a self-loop counts as networkx counts it
    labels = rng.integers(6, size=200)
    groups = [set(np.flatnonzero(labels == c).tolist()) for c in range(6)]
    expected = nx.community.modularity(G, groups, weight="weight", resolution=resolution)
    got = _fast.modularity_arrays(*_arrays(G, "weight"), labels, resolution=resolution)
    assert got == pytest.approx(expected, abs=1e-12)


def test_modularity_arrays_of_no_ties_is_nan():
    assert np.isnan(_fast.modularity_arrays(3, [], [], None, [0, 1, 2]))


# --------------------------------------------------------------------------- Louvain
@pytest.mark.parametrize("make", [_planted, _lfr], ids=["planted", "lfr"])
@pytest.mark.parametrize("backend", ["networkit", "igraph"])
def test_louvain_backends_match_python_louvain_modularity(make, backend):
    G = make()
    n, src, dst, w = _arrays(G)
    reference = np.mean([community_louvain.modularity(community_louvain.best_partition(G, random_state=s), G)
                         for s in range(3)])
    got = np.mean([_fast.modularity_arrays(n, src, dst, w, _fast.louvain_arrays(n, src, dst, w, seed=s,
                                                                                 backend=backend))
                   for s in range(3)])
    assert got == pytest.approx(reference, abs=0.01)


@pytest.mark.parametrize("backend", ["networkit", "igraph"])
def test_louvain_arrays_is_reproducible_and_leaves_no_state(backend):
    n, src, dst, w = _arrays(_lfr())
    threads = nk.getMaxNumberOfThreads()
    a = _fast.louvain_arrays(n, src, dst, w, seed=11, backend=backend)
    b = _fast.louvain_arrays(n, src, dst, w, seed=11, backend=backend)
    assert np.array_equal(a, b)
    assert a[0] == 0 and np.array_equal(a, _fast.canonical_labels(a))
    assert nk.getMaxNumberOfThreads() == threads
    state = random.getstate()  # igraph draws from the random module again
    ig.Graph.Erdos_Renyi(30, 0.5)
    assert random.getstate() != state


@pytest.mark.parametrize("backend", ["networkit", "igraph"])
def test_the_seed_matters(backend):
    """Runs with different seeds differ where the structure is ambiguous, or a consensus would be void
    (networkit's PLM on one thread draws nothing at random: netkit shuffles the node ids by the seed)."""
    G = nx.LFR_benchmark_graph(1000, 2.5, 1.5, 0.4, average_degree=10, max_degree=50,
                               min_community=30, max_community=100, seed=7)
    n, src, dst, w = _arrays(G)
    runs = {_fast.louvain_arrays(n, src, dst, w, seed=s, backend=backend).tobytes() for s in range(4)}
    assert len(runs) > 1
    res = find_communities(G, method=backend, seed=1, n_runs=8)
    assert res.membership["stability"].min() < 1


def test_louvain_arrays_ignores_direction_and_merges_parallel_ties():
    # two triangles, each tie given both ways, joined by a weak tie
    src = [0, 1, 1, 2, 2, 0, 3, 4, 4, 5, 5, 3, 2]
    dst = [1, 0, 2, 1, 0, 2, 4, 3, 5, 4, 3, 5, 3]
    for backend in ("networkit", "igraph"):
        assert _fast.louvain_arrays(7, src, dst, seed=1, backend=backend).tolist() == [0, 0, 0, 1, 1, 1, 2]


def test_louvain_arrays_refuses_negative_weights():
    with pytest.raises(NetkitError, match="weights >= 0"):
        _fast.louvain_arrays(3, [0, 1], [1, 2], [1.0, -1.0], seed=1)


@pytest.mark.parametrize("method", ["networkit", "igraph"])
def test_find_communities_with_a_compiled_backend(method):
    G = _planted()
    res = find_communities(G, method=method, seed=5, n_runs=5)
    assert res.method == method and res.converged is not None
    groups = [set(idx) for _, idx in res.membership.groupby("community").groups.items()]
    assert res.modularity == pytest.approx(nx.community.modularity(G, groups), abs=1e-12)
    ref = find_communities(G, method="python-louvain", seed=5)
    assert res.modularity == pytest.approx(ref.modularity, abs=0.01)
    again = find_communities(G, method=method, seed=5, n_runs=5)
    assert again.membership.equals(res.membership)


def test_communities_from_arrays_agrees_with_find_communities():
    G = _planted()
    G.add_node("alone")
    n, src, dst, w = _arrays(G)
    res = communities_from_arrays(n, src, dst, w, n_runs=5, seed=2, method="networkit")
    assert res.method == "networkit" and res.isolate.tolist() == [False] * (n - 1) + [True]
    assert res.labels[-1] == res.labels.max() and np.isnan(res.stability[-1])
    groups = [set(np.flatnonzero(res.labels == c).tolist()) for c in range(res.labels.max() + 1)]
    H = nx.convert_node_labels_to_integers(G)
    assert res.modularity == pytest.approx(nx.community.modularity(H, groups), abs=1e-12)
    graph = find_communities(G, method="networkit", seed=2, n_runs=5)
    assert res.modularity == pytest.approx(graph.modularity, abs=0.01)
    assert len(np.unique(res.labels)) == len(graph.communities)
    again = communities_from_arrays(n, src, dst, w, n_runs=5, seed=2, method="networkit")
    assert np.array_equal(again.labels, res.labels)
    ref = communities_from_arrays(n, src, dst, w, n_runs=1, seed=2, method="python-louvain")
    assert ref.method == "python-louvain" and ref.modularity == pytest.approx(res.modularity, abs=0.01)


def test_meet_is_the_groups_every_run_agrees_on():
    runs = np.array([[0, 0, 1, 1, 2], [5, 5, 5, 7, 7]])
    assert communities._meet(runs).tolist() == [0, 0, 1, 2, 3]


def _plain_consensus(runs, pu, pv, share, pairs, run, rng, threshold):
    """Lancichinetti & Fortunato's loop as the paper states it (no contraction): the reference."""
    n = runs.shape[1]
    for _ in range(10):
        keep = ((share >= threshold) | communities._strongest_pair(pu, pv, share, n)) & (share > 0)
        D = communities._Net(n, ties=(pu[keep], pv[keep], share[keep]))
        current = np.vstack([run(D, int(s)) for s in rng.integers(2**31 - 1, size=len(runs))])
        canon = np.vstack([communities._canonical(r) for r in current])
        if (canon == canon[0]).all():
            return canon[0], True
        pu, pv, share = communities._coassign(current, pairs, (pu[keep], pv[keep]))
    return None, False


def test_contracted_consensus_equals_the_plain_one_and_finds_the_planted_communities():
    """Contracting each round's unanimous groups changes the cost of the rounds, not the answer."""
    G = _lfr()
    truth = {v: min(c) for v, c in G.nodes(data="community")}
    n, src, dst, w = _arrays(G)
    a, b, ww = _fast._merge(n, src, dst, w, directed=False, loops=True)
    net = communities._Net(n, ties=(a, b, ww))
    run = communities._runner("networkit", 1.0)
    results = {}
    for name, consensus in (("plain", _plain_consensus), ("contracted", communities._consensus)):
        rng = np.random.default_rng(4)
        runs = np.vstack([run(net, int(s)) for s in rng.integers(2**31 - 1, size=10)])
        pu, pv, share = communities._coassign(runs, "ties", (a[a != b], b[a != b]))
        labels, converged = (consensus(runs, pu, pv, share, "ties", run, rng, 0.2) if name == "plain" else
                             consensus(runs, pu, pv, share, "ties", run, rng, 0.2, contract=True))
        assert converged
        results[name] = labels
    plain, contracted = results["plain"], results["contracted"]
    assert communities._ari_labels(plain, contracted) > 0.98
    assert _fast.modularity_arrays(n, a, b, ww, contracted) == pytest.approx(
        _fast.modularity_arrays(n, a, b, ww, plain), abs=0.005)
    planted = [truth[v] for v in G]  # LFR's own communities, compared by igraph's NMI
    assert ig.compare_communities(planted, contracted.tolist(), method="nmi") > 0.9


# --------------------------------------------------------------------------- betweenness
def _reference(G, weight=None):
    H = G.copy()
    if weight:
        for *_, d in H.edges(data=True):
            d["length"] = 1.0 / d[weight]
    return nx.betweenness_centrality(H, normalized=False, weight="length" if weight else None)


def _weighted(G, seed):
    rng = np.random.default_rng(seed)
    for *_, d in G.edges(data=True):
        d["weight"] = float(2 ** rng.integers(0, 3))  # lengths 1, 1/2, 1/4: exact in binary
    return G


@pytest.mark.parametrize("case", ["undirected", "directed", "weighted", "weighted-directed"])
@pytest.mark.parametrize("method", ["netkit", "igraph", "networkit"])
def test_exact_betweenness_equals_networkx(case, method):
    G = nx.gnm_random_graph(150, 450, seed=4, directed="directed" in case)
    weight = None
    if "weighted" in case:
        G, weight = _weighted(G, 1), "weight"
    expected = _reference(G, weight)
    got = betweenness(G, weight=weight, method=method)
    assert got.attrs["method"] == "exact" and got.attrs["backend"] == method
    assert np.allclose(got["betweenness"].to_numpy(), [expected[v] for v in G], rtol=1e-9, atol=1e-9)
    norm = betweenness(G, weight=weight, method=method, normalized=True)
    H = G.copy()  # networkx's normalised values, with the same lengths 1 / strength as _reference
    if weight:
        for *_, d in H.edges(data=True):
            d["length"] = 1.0 / d[weight]
    expected_norm = nx.betweenness_centrality(H, normalized=True, weight="length" if weight else None)
    assert np.allclose(norm["betweenness"].to_numpy(), [expected_norm[v] for v in G], rtol=1e-9, atol=1e-12)


def test_exact_betweenness_arrays_equals_igraph_on_a_multigraph():
    G = nx.MultiDiGraph([(0, 1), (0, 1), (1, 2), (2, 0), (2, 3), (3, 3)])
    res = _fast.betweenness_arrays(4, *_arrays(G)[1:3], directed=True, normalized=False, backend="networkit")
    g = ig.Graph(n=4, edges=[(0, 1), (1, 2), (2, 0), (2, 3)], directed=True)
    assert res.values.tolist() == pytest.approx(g.betweenness())


@pytest.mark.parametrize("directed", [False, True])
def test_sampled_betweenness_keeps_its_bound(directed):
    G = nx.barabasi_albert_graph(3000, 2, seed=5)
    if directed:  # every tie one way at random, plus 30% reciprocated
        rng = np.random.default_rng(5)
        D = nx.DiGraph()
        D.add_nodes_from(G)
        for u, v in G.edges():
            a, b = (u, v) if rng.random() < 0.5 else (v, u)
            D.add_edge(a, b)
            if rng.random() < 0.3:
                D.add_edge(b, a)
        G = D
    n, src, dst, _ = _arrays(G)
    exact = np.asarray(ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())), directed=directed)
                       .betweenness(directed=directed))
    exact_norm = exact / ((n - 1) * (n - 2)) * (1 if directed else 2)
    epsilon, delta = 0.02, 0.1
    res = betweenness(G, epsilon=epsilon, delta=delta, seed=3, normalized=True, method="networkit")
    assert res.attrs["method"] == "sampled" and res.attrs["samples"] > 0
    assert res.attrs["error"] == pytest.approx(epsilon * n / (n - 2))
    err = np.abs(res["betweenness"].to_numpy() - exact_norm)
    assert (err <= res.attrs["error"]).mean() >= 1 - delta
    top = exact_norm > epsilon  # the main brokers, where the bound matters
    assert top.sum() >= 10 and (err[top] <= res.attrs["error"]).mean() >= 1 - delta
    raw = betweenness(G, epsilon=epsilon, delta=delta, seed=3, method="networkit")
    assert (np.abs(raw["betweenness"].to_numpy() - exact) <= raw.attrs["error"]).mean() >= 1 - delta
    # the same seed draws the same sample: raw and normalised values differ by the scale only
    scale = (n - 1) * (n - 2) / (1 if directed else 2)
    assert np.allclose(raw["betweenness"].to_numpy(), res["betweenness"].to_numpy() * scale, rtol=1e-12)


@pytest.mark.parametrize("weighted", [False, True])
def test_pivots_with_a_hoeffding_bound_keep_it(weighted):
    """netkit's own bounded sampler (directed or weighted graphs) against igraph's exact values."""
    G = nx.gnm_random_graph(3000, 9000, seed=8, directed=True)
    weight = None
    if weighted:
        G, weight = _weighted(G, 2), "weight"
    n, src, dst, w = _arrays(G, weight)
    g = ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())), directed=True)
    exact = np.asarray(g.betweenness(weights=(1 / w).tolist() if weighted else None)) / ((n - 1) * (n - 2))
    epsilon, delta = 0.05, 0.1
    res = betweenness(G, weight=weight, epsilon=epsilon, delta=delta, seed=4, normalized=True)
    k = int(np.ceil(np.log(2 * n / delta) / (2 * epsilon**2)))
    assert res.attrs["backend"] == "netkit" and res.attrs["samples"] == k < n
    assert res.attrs["error"] == pytest.approx(epsilon * n / (n - 1), rel=1e-3)
    err = np.abs(res["betweenness"].to_numpy() - exact)
    assert (err <= res.attrs["error"]).mean() >= 1 - delta
    pivots = betweenness(G, weight=weight, k=200, seed=4, normalized=True)  # the bound of a given k
    assert pivots.attrs["error"] == pytest.approx(np.sqrt(np.log(2 * n / 0.1) / 400) * n / (n - 1))
    assert (np.abs(pivots["betweenness"].to_numpy() - exact) <= pivots.attrs["error"]).mean() >= 0.9


def test_sampled_betweenness_refuses_weights_and_mixed_options():
    G = _weighted(nx.path_graph(5), 1)
    with pytest.raises(NetkitError, match="unweighted"):
        betweenness(G, weight="weight", epsilon=0.05, method="networkit")
    with pytest.raises(NetkitError, match="not both"):
        betweenness(G, k=2, epsilon=0.05)
    with pytest.raises(NetkitError, match="pivot"):
        betweenness(G, k=2, method="igraph")
    with pytest.raises(NetkitError, match="no sampler"):
        betweenness(G, epsilon=0.05, method="igraph")
    with pytest.raises(NetkitError, match="method must be"):
        betweenness(G, method="fast")


def test_betweenness_arrays_for_the_production_audit():
    """The call the production audit makes: directed links as arrays, no weights, a bound in words."""
    G = nx.gnm_random_graph(400, 2000, seed=9, directed=True)
    n, src, dst, _ = _arrays(G)
    res = _fast.betweenness_arrays(n, src, dst, None, directed=True, epsilon=0.02, seed=1, backend="networkit")
    assert res.values.shape == (n,) and res.method == "sampled" and res.backend == "networkit"
    assert "probability at least 0.9" in res.bound
    exact = nx.betweenness_centrality(G, normalized=True)
    assert np.abs(res.values - [exact[v] for v in G]).max() <= res.error
    auto = _fast.betweenness_arrays(n, src, dst, None, directed=True, epsilon=0.2, seed=1)  # directed: pivots
    assert auto.backend == "netkit" and auto.method == "sampled" and "pivot" in auto.bound
    assert np.abs(auto.values - [exact[v] for v in G]).max() <= auto.error

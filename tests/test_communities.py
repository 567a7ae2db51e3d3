"""Tests of netkit.communities against published and hand-worked values."""

import copy

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from community import community_louvain

from netkit.communities import (
    CommunityResult,
    _actor_stability,
    find_communities,
    partition_agreement,
)
from netkit.errors import NetkitError
from netkit.graph import collapse

# Best possible modularity of Zachary's karate club (unweighted), proved optimal by
# Brandes et al. (2008, IEEE TKDE 20:172); Blondel et al. (2008) report 0.42 for Louvain.
KARATE_OPTIMUM = 0.4197896


def _hand_modularity(G, labels, weight=None):
    """Q = sum_c [W_c / m - (D_c / 2m)^2], written out independently of networkx."""
    m = sum(d.get(weight, 1) if weight else 1 for _, _, d in G.edges(data=True))
    q = 0.0
    for c in set(labels.values()):
        inside = {v for v in G if labels[v] == c}
        w_in = sum((d.get(weight, 1) if weight else 1)
                   for u, v, d in G.edges(data=True) if u in inside and v in inside)
        deg = sum(G.degree(v, weight=weight) for v in inside)
        q += w_in / m - (deg / (2 * m)) ** 2
    return q


def _two_cliques(k=5):
    G = nx.barbell_graph(k, 0)  # two k-cliques joined by one tie
    return G


def _same_partition(a, b):
    """True if two node -> label mappings describe the same partition."""
    pairs = {(a[v], b[v]) for v in a}
    return len(pairs) == len(set(a.values())) == len(set(b.values()))


# --------------------------------------------------------------------------- karate


@pytest.mark.parametrize("method", ["louvain", "networkx"])
def test_karate_modularity_matches_published(method):
    G = nx.karate_club_graph()
    res = find_communities(G, method=method, seed=7, weight=None)
    # Louvain gets within a whisker of the proven optimum 0.4198 and can never exceed it
    assert 0.41 <= res.modularity <= KARATE_OPTIMUM + 1e-6
    labels = res.membership["community"].to_dict()
    assert res.modularity == pytest.approx(_hand_modularity(G, labels))
    assert 3 <= len(res.communities) <= 5


def test_karate_python_louvain_best_seed_reaches_published_optimum():
    G = nx.karate_club_graph()
    best = max(find_communities(G, seed=s, weight=None).modularity for s in range(5))
    assert best == pytest.approx(KARATE_OPTIMUM, abs=1e-6)


def test_single_run_is_python_louvain_with_random_state():
    G = nx.karate_club_graph()
    for seed in (0, 3):
        res = find_communities(G, seed=seed)  # weighted karate (Zachary's interaction counts)
        direct = community_louvain.best_partition(collapse(G, directed=False), random_state=seed)
        assert _same_partition(res.membership["community"].to_dict(), direct)


def test_global_numpy_random_state_untouched():
    G = nx.karate_club_graph()
    np.random.seed(123)
    state = np.random.get_state()[1].copy()
    find_communities(G, seed=1, n_runs=3)
    find_communities(G)  # seed=None must not fall back on numpy's global state either
    assert np.array_equal(np.random.get_state()[1], state)


# --------------------------------------------------------------------------- modularity by hand


def test_modularity_two_triangles_hand_worked():
    # two triangles joined by one tie: m = 7, each side has 3 ties and degree sum 7
    # Q = 2 * (3/7 - (7/14)^2) = 6/7 - 1/2
    G = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
    res = find_communities(G, seed=0)
    assert res.modularity == pytest.approx(6 / 7 - 1 / 2)
    assert sorted(res.communities["size"]) == [3, 3]


def _multiplex_triangles():
    """Two triangles; inside ties are given twice (trade one way, knowledge the other),
    the bridge once. Collapsed: inside weight 2, bridge weight 1."""
    M = nx.MultiDiGraph()
    for a, b in [(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6)]:
        M.add_edge(str(a), str(b), key="trade", relation="trade", directed=True, weight=1.0)
        M.add_edge(str(b), str(a), key="knowledge", relation="knowledge", directed=True, weight=1.0)
    M.add_edge("3", "4", key="trade", relation="trade", directed=True, weight=1.0)
    return M


def test_multidigraph_modularity_hand_worked():
    # m = 6*2 + 1 = 13; each side: internal weight 6, strength sum 2*6 + 1 = 13
    # Q = 2 * (6/13 - (13/26)^2) = 12/13 - 1/2 = 0.42308
    res = find_communities(_multiplex_triangles(), seed=0)
    assert res.modularity == pytest.approx(12 / 13 - 1 / 2)


@pytest.mark.parametrize("n_runs", [1, 5])
def test_multidigraph_same_as_collapsed_graph(n_runs):
    M = nx.MultiDiGraph()
    K = nx.karate_club_graph()
    for i, (u, v, w) in enumerate(K.edges(data="weight")):
        rel = ("trade", "knowledge", "university")[i % 3]
        if i % 2:
            u, v = v, u
        M.add_edge(f"f{u}", f"f{v}", key=rel, relation=rel, weight=float(w),
                   directed=rel != "university")
    H = collapse(M, directed=False)
    a = find_communities(M, seed=4, n_runs=n_runs)
    b = find_communities(H, seed=4, n_runs=n_runs)
    pd.testing.assert_frame_equal(a.membership, b.membership)
    assert a.modularity == b.modularity
    assert a.modularity == pytest.approx(nx.community.modularity(
        H, a.membership.groupby("community").groups.values(), weight="weight"))


def test_input_not_mutated():
    M = _multiplex_triangles()
    M.add_node("lonely", in_cluster=False)
    before_nodes = copy.deepcopy(dict(M.nodes(data=True)))
    before_edges = copy.deepcopy(list(M.edges(keys=True, data=True)))
    find_communities(M, seed=1, n_runs=4, pairs="all")
    find_communities(M, seed=1, method="networkx", weight=None)
    assert dict(M.nodes(data=True)) == before_nodes
    assert list(M.edges(keys=True, data=True)) == before_edges


# --------------------------------------------------------------------------- consensus


@pytest.mark.parametrize("pairs", ["ties", "all"])
@pytest.mark.parametrize("method", ["louvain", "networkx"])
def test_two_cliques_are_two_solid_communities(pairs, method):
    G = _two_cliques(5)
    res = find_communities(G, seed=11, n_runs=20, pairs=pairs, method=method)
    assert res.converged is True
    assert res.membership["community"].tolist() == [0] * 5 + [1] * 5
    assert (res.membership["stability"] == 1.0).all()
    assert res.communities["stability"].tolist() == [1.0, 1.0]
    assert res.communities["internal_ties"].tolist() == [10, 10]
    assert res.communities["external_ties"].tolist() == [1, 1]
    co = res.coassignment
    # the bridge (4, 5) is never inside one community, so it is not stored at all
    assert not ((co["u"] == 4) & (co["v"] == 5)).any()
    assert (co["share"] == 1.0).all()
    assert len(co) == 20  # the 2 x 10 pairs inside the cliques (all tied)


def test_coassignment_is_share_of_runs():
    # the runs are python-louvain with seeds drawn from default_rng(seed), as documented
    G = nx.karate_club_graph()
    n_runs, seed = 8, 5
    res = find_communities(G, seed=seed, n_runs=n_runs, weight=None, pairs="all")
    H = collapse(G, directed=False, weight=None, combine="max")
    seeds = np.random.default_rng(seed).integers(2**31 - 1, size=n_runs)
    parts = [community_louvain.best_partition(H, random_state=int(s)) for s in seeds]
    co = {(r.u, r.v): r.share for r in res.coassignment.itertuples()}
    for u in G:
        for v in G:
            if u < v:
                together = sum(p[u] == p[v] for p in parts) / n_runs
                assert co.get((u, v), 0.0) == pytest.approx(together)
    assert res.run_modularity == pytest.approx(
        [nx.community.modularity(H, _groups(p)) for p in parts])


def _groups(part):
    out = {}
    for v, c in part.items():
        out.setdefault(c, set()).add(v)
    return list(out.values())


def test_stability_equals_mean_pairwise_coassignment():
    G = nx.karate_club_graph()
    res = find_communities(G, seed=2, n_runs=20, weight=None, pairs="all")
    co = {}
    for r in res.coassignment.itertuples():
        co[(r.u, r.v)] = co[(r.v, r.u)] = r.share
    comm = res.membership["community"]
    for v in G:
        mates = [u for u in G if u != v and comm[u] == comm[v]]
        expected = np.mean([co.get((u, v), 0.0) for u in mates])
        assert res.membership.loc[v, "stability"] == pytest.approx(expected)
    for c, members in comm.groupby(comm).groups.items():
        members = list(members)
        pairs = [co.get((u, v), 0.0) for i, u in enumerate(members) for v in members[i + 1:]]
        assert res.communities.loc[c, "stability"] == pytest.approx(np.mean(pairs))
    # the karate club has both solid and shaky groupings
    assert res.membership["stability"].min() < 0.9


def test_ties_and_all_give_same_stability():
    G = nx.karate_club_graph()
    a = find_communities(G, seed=9, n_runs=15, pairs="ties")
    b = find_communities(G, seed=9, n_runs=15, pairs="all")
    assert a.run_modularity == b.run_modularity
    # only tied pairs in "ties" mode
    tied = {frozenset(e) for e in G.edges()}
    assert all(frozenset((r.u, r.v)) in tied for r in a.coassignment.itertuples())
    assert a.coassignment["tied"].all()
    assert b.coassignment["tied"].sum() == len(a.coassignment)


def test_without_agreement_the_medoid_run_is_taken(monkeypatch):
    # no consensus round allowed: the run with the highest mean ARI to the others is taken
    ig = pytest.importorskip("igraph")
    import netkit.communities as nc

    monkeypatch.setattr(nc, "_MAX_ROUNDS", 0)
    G = nx.karate_club_graph()
    n_runs, seed = 6, 21
    res = find_communities(G, seed=seed, n_runs=n_runs, weight=None)
    assert res.converged is False
    H = collapse(G, directed=False, weight=None, combine="max")
    seeds = np.random.default_rng(seed).integers(2**31 - 1, size=n_runs)
    parts = [community_louvain.best_partition(H, random_state=int(s)) for s in seeds]
    labels = [[p[v] for v in H] for p in parts]
    mean_ari = [np.mean([ig.compare_communities(a, b, method="adjusted_rand")
                         for j, b in enumerate(labels) if j != i]) for i, a in enumerate(labels)]
    medoid = parts[int(np.argmax(mean_ari))]
    assert _same_partition(res.membership["community"].to_dict(), medoid)


def test_actor_stability_hand_worked():
    consensus = np.array([0, 0, 0, 1, 1])
    runs = np.array([[0, 0, 0, 1, 1],
                     [0, 0, 1, 1, 1]])
    # actor 0: with {1, 2}: run 1 both, run 2 only 1 -> (2 + 1) / (2 runs * 2 mates) = 0.75
    # actor 2: run 1 both, run 2 none -> 2 / 4 = 0.5; actors 3, 4: always together -> 1
    assert _actor_stability(consensus, runs).tolist() == [0.75, 0.75, 0.5, 1.0, 1.0]


def test_ambiguous_actor_has_low_stability():
    # x has two ties into each of two 5-cliques: python-louvain puts it on either side
    G = _two_cliques(5)
    G.add_edges_from([("x", 0), ("x", 1), ("x", 6), ("x", 7)])
    res = find_communities(G, seed=3, n_runs=50)
    stab = res.membership["stability"]
    assert stab.idxmin() == "x"
    assert 0.3 < stab["x"] < 0.7
    other = res.membership.loc["x", "community"] ^ 1
    assert res.communities.loc[other, "stability"] == 1.0
    assert res.communities.loc[1 - other, "stability"] < 0.95


# --------------------------------------------------------------------------- determinism, isolates


@pytest.mark.parametrize("method", ["louvain", "networkx"])
def test_same_seed_same_result(method):
    G = nx.les_miserables_graph()
    a = find_communities(G, seed=42, method=method, n_runs=5)
    b = find_communities(G, seed=42, method=method, n_runs=5)
    pd.testing.assert_frame_equal(a.membership, b.membership)
    pd.testing.assert_frame_equal(a.communities, b.communities)
    pd.testing.assert_frame_equal(a.coassignment, b.coassignment)
    assert a.modularity == b.modularity


def test_seed_none_is_reported_and_reproducible():
    G = nx.karate_club_graph()
    a = find_communities(G)
    b = find_communities(G, seed=a.seed)
    pd.testing.assert_frame_equal(a.membership, b.membership)


def test_isolates_are_singletons_and_labels_by_size():
    G = nx.Graph()
    G.add_nodes_from(["iso1"])
    G.add_edges_from(nx.complete_graph(4).edges())  # 0-3 clique
    G.add_edges_from([(10, 11), (11, 12)])  # a path of three
    G.add_node("iso2")
    res = find_communities(G, seed=0, n_runs=3)
    m = res.membership
    assert m.loc["iso1", "isolate"] and m.loc["iso2", "isolate"]
    assert m.loc["iso1", "community"] != m.loc["iso2", "community"]
    assert np.isnan(m.loc["iso1", "stability"])
    sizes = res.communities["size"].tolist()
    assert sizes == [4, 3, 1, 1]
    assert m.loc[0, "community"] == 0 and m.loc[10, "community"] == 1
    # equal sizes: the community whose member comes first in G.nodes gets the lower label
    assert m.loc["iso1", "community"] == 2 and m.loc["iso2", "community"] == 3
    assert list(m.index) == list(G.nodes())


def test_graph_without_ties():
    G = nx.empty_graph(["a", "b", "c"])
    res = find_communities(G, seed=1, n_runs=4)
    assert res.membership["community"].tolist() == [0, 1, 2]
    assert np.isnan(res.modularity)


def test_bad_arguments():
    G = nx.karate_club_graph()
    with pytest.raises(NetkitError, match="method"):
        find_communities(G, method="leiden")
    with pytest.raises(NetkitError, match="n_runs"):
        find_communities(G, n_runs=0)
    with pytest.raises(NetkitError, match="pairs"):
        find_communities(G, pairs="some")
    with pytest.raises(NetkitError, match="no nodes"):
        find_communities(nx.Graph())
    N = nx.Graph([(1, 2)])
    N[1][2]["weight"] = -1.0
    with pytest.raises(NetkitError, match="negative"):
        find_communities(N)


def test_relations_filter():
    M = _multiplex_triangles()
    only_trade = find_communities(M, seed=0, relations="trade")
    # trade ties alone: each inside tie once (weight 1) plus the bridge: 6/7 - 1/2
    assert only_trade.modularity == pytest.approx(6 / 7 - 1 / 2)


# --------------------------------------------------------------------------- agreement


def _agreement(a, b):
    G = nx.empty_graph(len(a))
    return partition_agreement(G, dict(enumerate(a)), dict(enumerate(b)))


def test_ari_published_mclust_examples():
    # values printed in the documentation of R mclust::adjustedRandIndex (Hubert & Arabie formula)
    agr = _agreement([3, 2, 3, 3, 2, 3, 1, 2, 2], list("AABABCCBB"))
    assert agr.ari == pytest.approx(0.08695652, abs=1e-8)
    agr = _agreement([1, 2, 3] * 4, list("ABCD") * 3)
    assert agr.ari == pytest.approx(-0.2790698, abs=1e-7)
    assert _agreement([1, 2, 3] * 3, list("ABC") * 3).ari == 1.0


def test_ari_and_nmi_hand_worked():
    # a = [0,0,0,1,1,1], b = [0,0,1,1,2,2]; contingency [[2,1,0],[0,1,2]]
    # ARI: sum C(n_ij,2) = 2; A = 3 + 3 = 6; B = 1 + 1 + 1 = 3; E = 6*3/15 = 1.2
    #      (2 - 1.2) / ((6 + 3)/2 - 1.2) = 0.8 / 3.3 = 8/33
    # NMI: I = 2 * (1/3) ln(2) = (2/3) ln 2; H(a) = ln 2; H(b) = ln 3
    #      2 I / (H(a) + H(b)) = (4/3) ln 2 / ln 6 = 0.515803
    agr = _agreement([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])
    assert agr.ari == pytest.approx(8 / 33)
    assert agr.nmi == pytest.approx((4 / 3) * np.log(2) / np.log(6))
    # a partition against its complete opposite: 2x2 perfectly crossed
    # sum C(n_ij,2) = 0, A = B = 2, E = 4/6, ARI = -(2/3) / (2 - 2/3) = -0.5; I = 0
    agr = _agreement([0, 0, 1, 1], [0, 1, 0, 1])
    assert agr.ari == pytest.approx(-0.5)
    assert agr.nmi == pytest.approx(0.0)
    # everyone together vs everyone alone: nothing in common
    agr = _agreement([0, 0, 0, 0], [0, 1, 2, 3])
    assert agr.ari == pytest.approx(0.0) and agr.nmi == pytest.approx(0.0)
    # relabelled copies agree perfectly
    agr = _agreement([0, 0, 1, 1, 2], ["b", "b", "a", "a", "c"])
    assert agr.ari == 1.0 and agr.nmi == pytest.approx(1.0)


def test_agreement_matches_igraph():
    ig = pytest.importorskip("igraph")
    G = nx.karate_club_graph()
    res = find_communities(G, seed=1, weight=None)
    agr = partition_agreement(G, res, "club")
    comm = res.membership["community"].tolist()
    club = [0 if G.nodes[v]["club"] == "Mr. Hi" else 1 for v in G]
    assert agr.ari == pytest.approx(ig.compare_communities(comm, club, method="adjusted_rand"))
    assert agr.nmi == pytest.approx(ig.compare_communities(comm, club, method="nmi"))
    assert agr.n_nodes == 34 and agr.n_missing == 0
    assert int(agr.contingency.to_numpy().sum()) == 34


def test_agreement_leaves_out_missing_values():
    G = nx.path_graph(5)
    nx.set_node_attributes(G, {0: "a", 1: "a", 2: None, 3: "b"}, "sector")
    agr = partition_agreement(G, {0: 0, 1: 0, 2: 0, 3: 1, 4: 1}, "sector")
    assert agr.n_nodes == 3 and agr.n_missing == 2
    assert agr.ari == 1.0
    with pytest.raises(NetkitError, match="no community"):
        partition_agreement(G, {0: 0}, "sector")
    with pytest.raises(NetkitError, match="attribute"):
        partition_agreement(G, {v: 0 for v in G}, "region")


def test_result_type():
    res = find_communities(nx.karate_club_graph(), seed=0)
    assert isinstance(res, CommunityResult)
    assert res.coassignment is None and res.converged is None
    assert res.membership["stability"].isna().all()
    assert res.membership.index.name == "node"


def test_resolution_runs_the_right_way_for_both_methods():
    """Higher resolution, more communities (python-louvain alone gets this wrong: issues 86/94)."""
    G = nx.karate_club_graph()
    for method in ("louvain", "networkx"):
        sizes = [len(find_communities(G, method=method, resolution=g, seed=1, weight=None).communities)
                 for g in (0.3, 1.0, 3.0)]
        assert sizes[0] < sizes[1] < sizes[2], (method, sizes)

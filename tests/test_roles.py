"""Tests of netkit.roles against hand-worked cases and the published thresholds."""

import copy
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from netkit.communities import find_communities
from netkit.errors import NetkitError
from netkit.roles import _ga_role, cognitive_roles, guimera_amaral_roles

# --------------------------------------------------------------------------- Guimerà & Amaral


def test_four_cycle_participation():
    # 0-1-2-3-0, modules {0,1} and {2,3}: one tie inside, one outside for everyone
    # P = 1 - (1/2)^2 - (1/2)^2 = 0.5; kappa = 1 for both members -> sd 0 -> z NaN -> non-hub
    G = nx.cycle_graph(4)
    roles = guimera_amaral_roles(G, {0: "a", 1: "a", 2: "b", 3: "b"})
    assert roles["participation"].tolist() == [0.5] * 4
    assert roles["within_degree"].tolist() == [1.0] * 4
    assert roles["z"].isna().all()
    assert roles["role"].tolist() == ["R2"] * 4
    assert not roles["hub"].any()


def _star(n_leaves):
    return nx.star_graph(n_leaves)  # centre 0


@pytest.mark.parametrize("n_leaves", [4, 6, 7, 9])
def test_star_in_one_module(n_leaves):
    # one module: kappa = n for the centre, 1 for each leaf. mean = 2n/(n+1),
    # pop. sd = (n-1) sqrt(n) / (n+1)  =>  z_centre = sqrt(n), z_leaf = -1/sqrt(n); P = 0 for all
    G = _star(n_leaves)
    roles = guimera_amaral_roles(G, {v: 0 for v in G})
    assert roles.loc[0, "z"] == pytest.approx(math.sqrt(n_leaves))
    assert roles.loc[1:, "z"].to_numpy() == pytest.approx(-1 / math.sqrt(n_leaves))
    assert (roles["participation"] == 0).all()
    # hub when z >= 2.5: sqrt(6) = 2.449 is not, sqrt(7) = 2.646 is
    expected = "R5" if n_leaves >= 7 else "R1"
    assert roles.loc[0, "role"] == expected
    assert roles.loc[0, "role_name"] == ("provincial hub" if n_leaves >= 7 else "ultra-peripheral")
    assert (roles.loc[1:, "role"] == "R1").all()


@pytest.mark.parametrize("n_other_modules, p, role", [
    (0, 0.0, "R5"),          # 9 ties, all inside
    (1, 0.5, "R6"),          # 9 + 9:          1 - 2 * (1/2)^2 = 0.5
    (3, 0.75, "R6"),         # 9 + 3 * 9:      1 - 4 * (1/4)^2 = 0.75, on the R6/R7 boundary
    (4, 0.8, "R7"),          # 9 + 4 * 9:      1 - 5 * (1/5)^2 = 0.8
])
def test_star_hub_connects_modules(n_other_modules, p, role):
    # centre c has 9 leaves in its own module A (z_c = sqrt(9) = 3, a hub), plus
    # 9 ties into each of n other modules whose members hang only on c
    G = nx.Graph()
    module = {"c": "A"}
    for i in range(9):
        G.add_edge("c", f"A{i}")
        module[f"A{i}"] = "A"
    for m in range(n_other_modules):
        for i in range(9):
            G.add_edge("c", f"M{m}_{i}")
            module[f"M{m}_{i}"] = f"M{m}"
    roles = guimera_amaral_roles(G, module)
    assert roles.loc["c", "z"] == pytest.approx(3.0)
    assert roles.loc["c", "participation"] == pytest.approx(p)
    assert roles.loc["c", "role"] == role
    if n_other_modules:
        # leaves of other modules: no tie inside their module (kappa 0 for all: z NaN), P = 0
        assert np.isnan(roles.loc["M0_0", "z"])
        assert roles.loc["M0_0", "role"] == "R1"


def test_hand_worked_z_scores():
    # module {a,b,c,d} with ties a-b, a-c, a-d, b-c: kappa = 3, 2, 2, 1; mean 2,
    # pop. sd = sqrt((1 + 0 + 0 + 1) / 4) = sqrt(0.5); z = +-1/sqrt(0.5) = +-1.41421, 0, 0
    # e belongs to module B and is tied to d: d's P = 1 - (1/2)^2 - (1/2)^2 = 0.5
    G = nx.Graph([("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("d", "e")])
    roles = guimera_amaral_roles(G, {"a": 1, "b": 1, "c": 1, "d": 1, "e": 2})
    assert roles["z"][["a", "b", "c", "d"]].tolist() == pytest.approx(
        [math.sqrt(2), 0.0, 0.0, -math.sqrt(2)])
    assert roles.loc["d", "participation"] == pytest.approx(0.5)
    assert roles.loc["d", "degree"] == 2
    assert roles.loc["d", "within_degree"] == 1
    assert np.isnan(roles.loc["e", "z"])  # a module of one


def test_participation_062_boundary_from_graph():
    # v has 5 ties in its own module, 3 into B, 2 into C: P = 1 - (25 + 9 + 4)/100 = 0.62 -> R2
    G = nx.Graph()
    module = {"v": "A"}
    for i, (m, k) in enumerate([("A", 5), ("B", 3), ("C", 2)]):
        for j in range(k):
            G.add_edge("v", f"{m}{j}")
            module[f"{m}{j}"] = m
    roles = guimera_amaral_roles(G, module)
    assert roles.loc["v", "participation"] == pytest.approx(0.62)
    assert roles.loc["v", "role"] == "R2"
    # one more tie into C: (5, 3, 3)/11 -> P = 1 - 43/121 = 0.6446 -> R3
    G.add_edge("v", "C9")
    module["C9"] = "C"
    roles = guimera_amaral_roles(G, module)
    assert roles.loc["v", "participation"] == pytest.approx(1 - 43 / 121)
    assert roles.loc["v", "role"] == "R3"


@pytest.mark.parametrize("z, p, role", [
    # non-hubs (z < 2.5): R1 P <= 0.05 < R2 <= 0.62 < R3 <= 0.80 < R4
    (0.0, 0.0, "R1"), (0.0, 0.05, "R1"), (0.0, 0.0501, "R2"),
    (2.49, 0.62, "R2"), (0.0, 0.6201, "R3"),
    (-1.0, 0.80, "R3"), (0.0, 0.8001, "R4"), (1.0, 1.0, "R4"),
    # hubs (z >= 2.5): R5 P <= 0.30 < R6 <= 0.75 < R7
    (2.5, 0.0, "R5"), (2.5, 0.30, "R5"), (2.5, 0.3001, "R6"),
    (4.0, 0.75, "R6"), (4.0, 0.7501, "R7"),
    # z undefined (module without spread): treated as a non-hub
    (float("nan"), 0.3, "R2"), (float("nan"), 0.9, "R4"),
])
def test_role_thresholds(z, p, role):
    assert _ga_role(z, p) == role


def test_weighted_participation():
    # v: strength 3 into its module, 1 into the other: k = 4, P = 1 - (3/4)^2 - (1/4)^2 = 0.375
    G = nx.Graph()
    G.add_edge("v", "a", weight=3.0)
    G.add_edge("v", "b", weight=1.0)
    module = {"v": 0, "a": 0, "b": 1}
    weighted = guimera_amaral_roles(G, module, weight="weight")
    assert weighted.loc["v", "participation"] == pytest.approx(0.375)
    assert weighted.loc["v", "degree"] == 4.0
    unweighted = guimera_amaral_roles(G, module)
    assert unweighted.loc["v", "participation"] == pytest.approx(0.5)


def test_multigraph_counts_each_pair_once_unweighted():
    # a-b linked by trade both ways and knowledge: still one neighbour
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", key="trade", relation="trade", weight=2.0)
    M.add_edge("b", "a", key="trade", relation="trade", weight=1.0)
    M.add_edge("a", "b", key="knowledge", relation="knowledge", weight=1.0)
    M.add_edge("a", "c", key="trade", relation="trade", weight=1.0)
    module = {"a": 0, "b": 0, "c": 1}
    before = copy.deepcopy(list(M.edges(keys=True, data=True)))
    roles = guimera_amaral_roles(M, module)
    assert roles.loc["a", "degree"] == 2
    assert roles.loc["a", "participation"] == pytest.approx(0.5)
    # weighted: a-b = 2 + 1 + 1 = 4, a-c = 1: P = 1 - (4/5)^2 - (1/5)^2 = 0.32
    roles_w = guimera_amaral_roles(M, module, weight="weight")
    assert roles_w.loc["a", "participation"] == pytest.approx(0.32)
    assert list(M.edges(keys=True, data=True)) == before


def test_membership_forms():
    G = nx.karate_club_graph()
    res = find_communities(G, seed=1, weight=None)
    from_result = guimera_amaral_roles(G, res)
    from_series = guimera_amaral_roles(G, res.membership["community"])
    from_frame = guimera_amaral_roles(G, res.membership)
    H = G.copy()
    nx.set_node_attributes(H, res.membership["community"].to_dict(), "module")
    from_attr = guimera_amaral_roles(H, "module")
    pd.testing.assert_frame_equal(from_result, from_series)
    pd.testing.assert_frame_equal(from_result, from_frame)
    pd.testing.assert_frame_equal(from_result, from_attr)
    # P recomputed by brute force from the definition
    comm = res.membership["community"]
    for v in G:
        k = G.degree(v)
        counts = pd.Series([comm[u] for u in G[v]]).value_counts()
        assert from_result.loc[v, "participation"] == pytest.approx(1 - ((counts / k) ** 2).sum())


def test_missing_module_is_an_error():
    G = nx.path_graph(3)
    with pytest.raises(NetkitError, match="no module"):
        guimera_amaral_roles(G, {0: 0, 1: 0})
    with pytest.raises(NetkitError):
        guimera_amaral_roles(G, "sector")


# --------------------------------------------------------------------------- Giuliani & Bell


def _knowledge_cluster():
    """Seven cluster firms, one per role, and three external actors.

    Knowledge ties run giver -> receiver. Scores (source = firms served,
    draws = firms drawn on, openness = external actors drawn on):

        firm  source  draws  openness   role
        G     2       2      1          technological gatekeeper
        M     2       2      0          active mutual exchanger
        S     4       0      0          source
        A     0       3      0          absorber
        W     0       1      0          weakly connected
        E     0       0      2          external star
        I     0       0      0          isolated

    means: source 8/7 = 1.14, draws 8/7 = 1.14, openness 3/7 = 0.43
    """
    K = nx.MultiDiGraph()
    for v in "GMSAWEI":
        K.add_node(v, in_cluster=True, kind="firm")
    for x in ("X1", "X2", "X3"):
        K.add_node(x, in_cluster=False, kind="university")
    arcs = [("G", "M"), ("G", "A"), ("M", "G"), ("M", "A"),
            ("S", "G"), ("S", "M"), ("S", "A"), ("S", "W"),
            ("X1", "G"), ("X2", "E"), ("X3", "E"),
            ("G", "X2")]  # advice G gives to an outsider: not openness
    for u, v in arcs:
        K.add_edge(u, v, key="knowledge", relation="knowledge", directed=True, weight=1.0)
    K.add_edge("I", "G", key="trade", relation="trade", directed=True, weight=5.0)  # not knowledge
    K.add_edge("I", "X1", key="trade", relation="trade", directed=True, weight=1.0)
    return K


EXPECTED_ROLES = {
    "G": "technological gatekeeper",
    "M": "active mutual exchanger",
    "S": "source",
    "A": "absorber",
    "W": "weakly connected",
    "E": "external star",
    "I": "isolated",
}


def test_each_cognitive_role_once():
    K = _knowledge_cluster()
    before = copy.deepcopy(list(K.edges(keys=True, data=True)))
    roles = cognitive_roles(K)
    assert list(roles.index) == list("GMSAWEI")  # external actors get no row
    assert roles["role"].to_dict() == EXPECTED_ROLES
    assert roles["source"].tolist() == [2, 2, 4, 0, 0, 0, 0]
    assert roles["draws"].tolist() == [2, 2, 0, 3, 1, 0, 0]
    assert roles["openness"].tolist() == [1, 0, 0, 0, 0, 2, 0]
    assert list(K.edges(keys=True, data=True)) == before


def test_cutoffs():
    K = _knowledge_cluster()
    # medians: source 0, draws 1, openness 0 -> the same split here
    assert cognitive_roles(K, local_cutoff="median", openness_cutoff="median")["role"].to_dict() \
        == EXPECTED_ROLES
    # a fixed cut-off of 0: W's single draw now counts as high -> absorber
    roles = cognitive_roles(K, local_cutoff=0)
    assert roles.loc["W", "role"] == "absorber"
    with pytest.raises(NetkitError, match="local_cutoff"):
        cognitive_roles(K, local_cutoff="top")


def test_openness_relations_and_trade_ignored():
    K = _knowledge_cluster()
    # counting trade as a channel of external knowledge: X1 is I's buyer (I -> X1), which
    # is not knowledge flowing into I, so I stays isolated
    roles = cognitive_roles(K, openness_relations=["knowledge", "trade"])
    assert roles.loc["I", "role"] == "isolated"
    K.add_edge("X3", "I", key="university", relation="university", directed=False, weight=1.0)
    K.add_edge("X1", "I", key="university", relation="university", directed=False, weight=1.0)
    K.add_edge("X2", "I", key="university", relation="university", directed=False, weight=1.0)
    roles = cognitive_roles(K, openness_relations=["knowledge", "university"])
    # I now draws on three outsiders (undirected ties count both ways): mean 6/7, I is open
    assert roles.loc["I", "openness"] == 3
    assert roles.loc["I", "role"] == "external star"


def test_undirected_knowledge_ties_count_both_ways():
    G = nx.Graph([("a", "b"), ("b", "c")])
    roles = cognitive_roles(G, relation=None)
    assert roles["source"].tolist() == [1, 2, 1]
    assert roles["draws"].tolist() == [1, 2, 1]
    assert roles.loc["b", "role"] == "active mutual exchanger"
    assert roles.loc["a", "role"] == "weakly connected"


def test_weighted_scores_and_missing_relation():
    K = _knowledge_cluster()
    nx.set_edge_attributes(K, 2.0, "weight")
    roles = cognitive_roles(K, weight="weight")
    assert roles.loc["S", "source"] == 8.0
    assert roles["role"].to_dict() == EXPECTED_ROLES
    with pytest.raises(NetkitError, match="advice"):
        cognitive_roles(K, relation="advice")


def test_in_cluster_none_makes_everyone_a_member():
    K = _knowledge_cluster()
    roles = cognitive_roles(K, in_cluster=None)
    assert len(roles) == 10
    assert (roles["openness"] == 0).all()

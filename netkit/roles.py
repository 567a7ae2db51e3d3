"""Roles of actors: Guimerà & Amaral's module roles and Giuliani & Bell's
cognitive roles in a cluster's knowledge network."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from .communities import _as_labels
from .errors import NetkitError
from .graph import collapse, relations_of

__all__ = ["GA_ROLES", "COGNITIVE_ROLES", "guimera_amaral_roles", "cognitive_roles"]

#: Role code -> name, Guimerà & Amaral (2005), Nature 433:895-900.
GA_ROLES = {
    "R1": "ultra-peripheral",
    "R2": "peripheral",
    "R3": "non-hub connector",
    "R4": "non-hub kinless",
    "R5": "provincial hub",
    "R6": "connector hub",
    "R7": "kinless hub",
}
_HUB_Z = 2.5
_EPS = 1e-9  # thresholds are compared with this slack, so 1 - 0.38 counts as 0.62


def guimera_amaral_roles(G: nx.Graph, membership, *, weight: str | None = None) -> pd.DataFrame:
    """Within-module degree, participation coefficient and the seven roles of
    Guimerà & Amaral (2005).

    Parameters
    ----------
    G : networkx graph
        Any graph type; not modified. Direction is ignored: the graph is
        collapsed with ``collapse(G, directed=False)``.
    membership : CommunityResult, pandas Series or DataFrame, mapping or str
        Module of each node: a result of
        :func:`netkit.communities.find_communities`, a Series or mapping
        node -> module, a DataFrame with a ``community`` column, or the name
        of a node attribute. Every node of ``G`` needs one.
    weight : str, optional
        Edge attribute with tie strength. None (default, as in the paper)
        counts each connected pair once, whatever the relations and
        directions; with a weight, k_i and k_is are sums of the collapsed
        weights (parallel ties summed).

    Returns
    -------
    pandas.DataFrame
        Indexed by node: ``module``, ``degree`` (k_i), ``within_degree``
        (kappa_i, ties inside its own module), ``z`` (within-module degree
        z-score), ``participation`` (P_i), ``hub`` (z >= 2.5), ``role``
        (R1 ... R7) and ``role_name``.

    Notes
    -----
    Guimerà, R. & Amaral, L.A.N. (2005) "Functional cartography of complex
    metabolic networks", Nature 433:895-900:

    * z_i = (kappa_i - mean kappa_s) / sd kappa_s, over the members of i's
      module s (population standard deviation, ddof = 0).
    * P_i = 1 - sum_s (k_is / k_i)^2, k_is being i's ties into module s.
    * Hubs have z >= 2.5. Non-hubs: R1 ultra-peripheral P <= 0.05,
      R2 peripheral 0.05 < P <= 0.62, R3 non-hub connector 0.62 < P <= 0.80,
      R4 non-hub kinless P > 0.80. Hubs: R5 provincial P <= 0.30,
      R6 connector hub 0.30 < P <= 0.75, R7 kinless hub P > 0.75.

    When every member of a module has the same kappa (sd 0, e.g. a module of
    one or a clique) z is undefined and reported as NaN; nobody stands out
    in such a module, so its members are classed as non-hubs (R1 to R4 by
    their P). An actor without ties has P = 0 (by convention, as in the
    Brain Connectivity Toolbox) and so is R1. Self-loops are ignored.
    External actors (``in_cluster=False``) count like any other node: drop
    them first if roles within the cluster alone are wanted.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.cycle_graph(4)  # modules {0, 1} and {2, 3}
    >>> roles = guimera_amaral_roles(G, {0: "a", 1: "a", 2: "b", 3: "b"})
    >>> roles["participation"].tolist()
    [0.5, 0.5, 0.5, 0.5]
    >>> roles["role"].tolist()
    ['R2', 'R2', 'R2', 'R2']
    """
    if G.number_of_nodes() == 0:
        raise NetkitError("the graph has no nodes")
    module = _as_labels(G, membership, what="membership")
    nodes = list(G.nodes())
    missing = [v for v in nodes if v not in module or _is_na(module[v])]
    if missing:
        raise NetkitError(
            f"{len(missing)} node(s) have no module, e.g. {missing[:3]}; "
            "give every node of the graph a module (isolates can have their own)"
        )
    H = collapse(G, directed=False, weight=weight, combine="sum" if weight is not None else "max")

    index = pd.Index(nodes, name="node", tupleize_cols=False)
    mod = pd.Series([module[v] for v in nodes], index=index)
    codes, _ = pd.factorize(mod)
    pos = {v: i for i, v in enumerate(nodes)}
    edges = [(pos[u], pos[v], w) for u, v, w in H.edges(data="weight") if u != v]
    eu = np.array([e[0] for e in edges], dtype=np.int64)
    ev = np.array([e[1] for e in edges], dtype=np.int64)
    ew = np.array([e[2] for e in edges], dtype=float)

    # k_is: i's ties into module s, for every (i, s) pair that has ties
    ends = pd.DataFrame({
        "node": np.concatenate([eu, ev]),
        "module": np.concatenate([codes[ev], codes[eu]]),
        "w": np.concatenate([ew, ew]),
    })
    k_is = ends.groupby(["node", "module"])["w"].sum()
    node_idx = k_is.index.get_level_values("node").to_numpy(dtype=np.int64)
    mod_idx = k_is.index.get_level_values("module").to_numpy(dtype=np.int64)
    kis = k_is.to_numpy(dtype=float)

    n = len(nodes)
    degree = np.bincount(node_idx, weights=kis, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        sum_sq = np.bincount(node_idx, weights=(kis / degree[node_idx]) ** 2, minlength=n)
    participation = np.where(degree > 0, 1.0 - sum_sq, 0.0)
    inside = mod_idx == codes[node_idx]
    within = np.bincount(node_idx[inside], weights=kis[inside], minlength=n)

    by_module = pd.Series(within).groupby(codes)
    mean = by_module.transform("mean").to_numpy()
    sd = by_module.transform("std", ddof=0).to_numpy()  # population sd; 0 for a module of one
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(sd > _EPS, (within - mean) / np.where(sd > _EPS, sd, 1.0), np.nan)

    roles = [_ga_role(zi, pi) for zi, pi in zip(z, participation)]
    return pd.DataFrame(
        {
            "module": mod.to_numpy(),
            "degree": degree.astype(float),
            "within_degree": within.astype(float),
            "z": z,
            "participation": participation,
            "hub": np.nan_to_num(z, nan=-np.inf) >= _HUB_Z - _EPS,
            "role": roles,
            "role_name": [GA_ROLES[r] for r in roles],
        },
        index=mod.index,
    )


def _is_na(x) -> bool:
    try:
        return x is None or bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _ga_role(z: float, p: float) -> str:
    """Role code from z and P with the thresholds of Guimerà & Amaral (2005).

    NaN z (module without spread) counts as a non-hub.
    """
    if not np.isnan(z) and z >= _HUB_Z - _EPS:
        if p <= 0.30 + _EPS:
            return "R5"
        if p <= 0.75 + _EPS:
            return "R6"
        return "R7"
    if p <= 0.05 + _EPS:
        return "R1"
    if p <= 0.62 + _EPS:
        return "R2"
    if p <= 0.80 + _EPS:
        return "R3"
    return "R4"


# ----------------------------------------------------------------------------
# Giuliani & Bell (2005) cognitive roles

COGNITIVE_ROLES = (
    "technological gatekeeper",
    "active mutual exchanger",
    "source",
    "absorber",
    "external star",
    "weakly connected",
    "isolated",
)


def cognitive_roles(
    G: nx.Graph,
    *,
    relation: str | None = "knowledge",
    in_cluster: str | None = "in_cluster",
    openness_relations=None,
    weight: str | None = None,
    local_cutoff="mean",
    openness_cutoff="mean",
) -> pd.DataFrame:
    """Cognitive roles of cluster firms in a knowledge network (Giuliani & Bell 2005).

    Parameters
    ----------
    G : networkx graph
        Knowledge ties directed from the actor that GIVES advice to the one
        that receives it (netkit's convention); not modified. Undirected ties
        (undirected graphs, or arcs with ``directed=False``) count both ways.
    relation : str or None
        Relation holding the knowledge ties (edge attribute ``relation`` or
        multigraph key). None, or a graph whose edges carry no relation at
        all, uses every tie.
    in_cluster : str or None
        Node attribute that is False for actors outside the cluster. Nodes
        without it count as cluster members; None makes everyone a member.
    openness_relations : str or list of str, optional
        Relations that bring external knowledge (e.g. ``["knowledge",
        "university"]``). Default: ``relation``.
    weight : str, optional
        None (default) counts distinct partners, as the paper does; with an
        edge attribute the scores are sums of tie strengths.
    local_cutoff, openness_cutoff : "mean", "median" or number
        A firm is high on a score when the score is strictly above this
        cut-off: the mean (default) or median of that score over cluster
        members, or a fixed number.

    Returns
    -------
    pandas.DataFrame
        One row per cluster member (external actors get no role): ``source``
        (cluster firms that draw knowledge from it: the paper's in-degree),
        ``draws`` (cluster firms it draws knowledge from: the paper's
        out-degree), ``openness`` (external actors it draws knowledge from),
        the flags ``high_source``, ``high_draws``, ``open`` and ``role``.

    Notes
    -----
    Giuliani, E. & Bell, M. (2005) "The micro-determinants of meso-level
    learning and innovation: evidence from a Chilean wine cluster", Research
    Policy 34:47-68. Their survey asked each firm whom it turned to for
    technical advice, and their matrix runs from the asker to the source, so
    a firm's *in-degree* there counts the firms that use it as a source. In
    netkit ties run from the giver to the receiver, so the same quantity is
    the firm's OUT-degree to cluster members (``source``), and the paper's
    out-degree is netkit's in-degree from cluster members (``draws``).
    External openness counts external actors (``in_cluster`` False) with a
    tie *into* the firm (it draws knowledge from them); advice the firm gives
    to outsiders does not make it open.

    Roles, with "high" meaning above the cut-off:

    * technological gatekeeper: high source, high draws and open;
    * active mutual exchanger: high source and high draws, not open;
    * source: high source, not high draws;
    * absorber: high draws, not high source;
    * external star: neither high source nor high draws, but open;
    * weakly connected: some local knowledge tie, neither high, not open;
    * isolated: no local knowledge tie and not open.

    The paper's exact cut-offs are not reproduced. The default splits each
    score at the cluster mean because knowledge ties are very unequal: the
    median is often 0 or 1, which would call most firms "high", whereas the
    mean singles out the firms well above the typical one. Sources and
    absorbers may also be open; see the ``open`` column.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("s", "a"), ("s", "b"), ("a", "b")])
    >>> cognitive_roles(G, relation=None)["role"].to_dict()
    {'s': 'source', 'a': 'weakly connected', 'b': 'absorber'}
    """
    if G.number_of_nodes() == 0:
        raise NetkitError("the graph has no nodes")
    known = relations_of(G)
    local_rel = [relation] if (relation is not None and known) else None
    if openness_relations is None:
        open_rel = local_rel
    else:
        open_rel = ([openness_relations] if isinstance(openness_relations, str)
                    else list(openness_relations))
    combine = "sum" if weight is not None else "max"
    K = collapse(G, relations=local_rel, directed=True, weight=weight, combine=combine)
    X = K if open_rel == local_rel else collapse(
        G, relations=open_rel, directed=True, weight=weight, combine=combine)

    member = {v: _is_member(d, in_cluster) for v, d in G.nodes(data=True)}
    cluster = [v for v in G.nodes() if member[v]]
    if not cluster:
        raise NetkitError(f"no node is a cluster member ({in_cluster!r} is False everywhere)")

    def score(graph, v, inside: bool, outward: bool) -> float:
        arcs = graph.out_edges(v, data="weight") if outward else graph.in_edges(v, data="weight")
        return float(sum(w for a, b, w in arcs
                         if a != b and member[b if outward else a] == inside))

    source = np.array([score(K, v, True, True) for v in cluster])
    draws = np.array([score(K, v, True, False) for v in cluster])
    openness = np.array([score(X, v, False, False) for v in cluster])

    high_source = source > _cutoff(source, local_cutoff, "local_cutoff")
    high_draws = draws > _cutoff(draws, local_cutoff, "local_cutoff")
    is_open = openness > _cutoff(openness, openness_cutoff, "openness_cutoff")
    roles = [
        _cognitive_role(hs, hd, op, (s + d) > 0)
        for hs, hd, op, s, d in zip(high_source, high_draws, is_open, source, draws)
    ]
    return pd.DataFrame(
        {
            "source": source,
            "draws": draws,
            "openness": openness,
            "high_source": high_source,
            "high_draws": high_draws,
            "open": is_open,
            "role": roles,
        },
        index=pd.Index(cluster, name="node", tupleize_cols=False),
    )


def _is_member(data: dict, attr: str | None) -> bool:
    if attr is None:
        return True
    value = data.get(attr, True)
    if _is_na(value):
        return True
    return bool(value)


def _cutoff(values: np.ndarray, how, name: str) -> float:
    if isinstance(how, str):
        if how == "mean":
            return float(values.mean())
        if how == "median":
            return float(np.median(values))
        raise NetkitError(f"{name} must be 'mean', 'median' or a number, got {how!r}")
    try:
        return float(how)
    except (TypeError, ValueError) as exc:
        raise NetkitError(f"{name} must be 'mean', 'median' or a number, got {how!r}") from exc


def _cognitive_role(high_source: bool, high_draws: bool, is_open: bool, local: bool) -> str:
    if high_source and high_draws:
        return "technological gatekeeper" if is_open else "active mutual exchanger"
    if high_source:
        return "source"
    if high_draws:
        return "absorber"
    if is_open:
        return "external star"
    return "weakly connected" if local else "isolated"

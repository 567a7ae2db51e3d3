"""Burt's structural holes: effective size, efficiency, constraint and hierarchy.

All four measures follow Burt (1992) in the *whole-network* model that
networkx (``nx.constraint``, ``nx.effective_size``) and igraph
(``constraint``) use: a contact's ties to anyone count, not only ties inside
ego's own network (UCINET's default ego-network model differs).

For ties i-j, with a_ij the weight of the arc i -> j (0 if none):

* mutual weight w_ij = a_ij + a_ji (direction is ignored by summing);
* proportional strength p_ij = w_ij / sum_q w_iq;
* dyadic constraint c_ij = (p_ij + sum_{q != i, j} p_iq p_qj) ** 2,
  constraint C_i = sum_j c_ij;
* effective size ES_i = sum_j (1 - sum_{q != i, j} p_iq m_jq) with
  m_jq = w_jq / max_k w_jk (the maximum over j's own ties);
* efficiency ES_i / N_i, with N_i the number of contacts;
* hierarchy H_i = sum_j r_ij ln r_ij / (N_i ln N_i), r_ij = c_ij / (C_i / N_i).

Implementation: the indirect terms only matter for pairs (i, j) that are
tied, and sum_q p_iq p_qj is non-zero only through a common contact q, so
both sums (the matrix products P P and P M restricted to the ties) run over
the triangles of the network, without forming P P (about 20 million entries
for 50,000 firms and 250,000 ties). Triangles are listed once
each with numpy (every tie oriented from its lower- to its higher-degree end,
so a hub's many contacts are never paired up), in chunks of bounded size,
and both sums are accumulated chunk by chunk. Memory is linear in the number
of ties plus the chunk; no n x n matrix. Pairing every firm's contacts would
examine sum(d^2)/2 pairs, most of them a hub's; the degree order examines
at most about m^1.5 for m ties.

The array core (:func:`_holes_arrays`, from arcs given as node positions) is
what :func:`structural_holes` runs after reading a graph, and what
:func:`netkit.production.firm_profile` runs on the arrays of a production
network, so both give the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import permutations

import networkx as nx
import numpy as np
import pandas as pd

from ._arrays import CHUNK, collapse_arrays, iter_triangles, read_arcs, undirected_ties
from .errors import NetkitError

__all__ = ["structural_holes", "dyadic_constraint"]

_COLUMNS = ["degree", "effective_size", "efficiency", "constraint", "hierarchy"]
_CHUNK = CHUNK  # candidate triangles examined at once (memory bound)


# --------------------------------------------------------------------------- input


def _ties(G: nx.Graph, weight: str | None):
    """Nodes and the undirected ties of any graph, ranked (see :func:`netkit._arrays.undirected_ties`).

    Arcs are read by :func:`netkit._arrays.read_arcs` (missing or NaN weight
    counts 1) and merged as :func:`netkit.graph.collapse` merges them into a
    DiGraph: parallel arcs summed, an undirected arc (an undirected graph's
    edge, or ``directed=False``) counting both ways; then the arcs i -> j and
    j -> i add up to the mutual weight of the tie i-j.
    """
    arcs = read_arcs(G, weight=weight)
    _check_weights(arcs.weight, weight)
    src, dst, w, _ = collapse_arrays(arcs, directed=True)  # undirected_ties drops self-loops
    return arcs.nodes, undirected_ties(arcs.n, src, dst, w)


def _check_weights(w: np.ndarray, weight: str | None) -> None:
    bad = (w < 0) | np.isinf(w)
    if bad.any():
        raise NetkitError(
            f"structural holes need finite, non-negative tie weights; edge attribute "
            f"{weight!r} has {float(w[bad][0])!r}"
        )


def _masked_product(x, y, found, m: int, out: np.ndarray) -> None:
    """Add to ``out``, for every arc i -> j (ties as arcs: t is u->v, m + t is v->u), sum_q x_iq y_jq.

    ``x`` and ``y`` hold one value per arc. Only common contacts q of i and
    j contribute, i.e. the third corner of a triangle on the tie i-j.
    """
    t_ab, t_ac, t_bc = found
    arc = {("a", "b"): t_ab, ("b", "a"): t_ab + m,
           ("a", "c"): t_ac, ("c", "a"): t_ac + m,
           ("b", "c"): t_bc, ("c", "b"): t_bc + m}
    for i, j, q in permutations("abc"):  # in place: no array of length 2m per chunk
        np.add.at(out, arc[i, j], x[arc[i, q]] * y[arc[j, q]])


def _burt(G: nx.Graph, weight: str | None):
    """Per-arc quantities of Burt's measures.

    Returns nodes, ego, alter (node positions of each arc, every tie both
    ways), p (proportional strength), c (dyadic constraint), redundancy
    (sum_q p_iq m_jq) and the number of contacts of each node.
    """
    nodes, ties = _ties(G, weight)
    return (nodes, *_burt_ties(len(nodes), *ties))


def _constraint(n: int, a, b, w) -> np.ndarray:
    """Burt's constraint of every node of the undirected graph whose ties a-b
    (each pair once, weights w >= 0) are given as arrays; NaN for isolates.

    Equal to ``structural_holes(H, weight="weight")["constraint"]`` of that
    graph H, without building it.
    """
    ego, _, _, c, _, degree = _burt_ties(n, *undirected_ties(n, np.r_[a, b], np.r_[b, a], np.r_[w, w]))
    return np.where(degree > 0, np.bincount(ego, c, minlength=n), np.nan)


def _burt_ties(n: int, u, v, ru, rv, w, *, triangles: np.ndarray | None = None):
    """:func:`_burt` from the ranked ties of :func:`netkit._arrays.undirected_ties`.

    ``triangles``: an array of n zeros to which each node's number of
    triangles is added on the way (for clustering, without listing them again).
    """
    m = len(u)
    degree = np.bincount(u, minlength=n) + np.bincount(v, minlength=n)
    ego, alter, w = np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w])
    strength = np.bincount(ego, w, minlength=n)
    largest = np.zeros(n)
    np.maximum.at(largest, ego, w)
    p = w / strength[ego]
    p_to = w / strength[alter]  # p_qj for the arc j -> q
    m_from = w / largest[ego]   # m_jq for the arc j -> q
    indirect, redundancy = np.zeros(2 * m), np.zeros(2 * m)
    for corners in iter_triangles(ru, rv, n, chunk=_CHUNK):  # chunk by chunk: memory stays linear in m
        _masked_product(p, p_to, corners, m, indirect)
        _masked_product(p, m_from, corners, m, redundancy)
        if triangles is not None:
            t_ab, t_ac, _ = corners
            for corner in (u[t_ab], v[t_ab], v[t_ac]):
                np.add.at(triangles, corner, 1.0)
    c = (p + indirect) ** 2
    return ego, alter, p, c, redundancy, degree


def _holes_from_ties(n: int, ties, *, triangles: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The columns of :func:`structural_holes` from the ranked ties of
    :func:`netkit._arrays.undirected_ties` (u, v, ru, rv, w) among n nodes
    (``triangles`` as in :func:`_burt_ties`)."""
    ego, _, _, c, redundancy, degree = _burt_ties(n, *ties, triangles=triangles)
    total = np.bincount(ego, c, minlength=n)
    effective = degree - np.bincount(ego, redundancy, minlength=n)
    valid = degree > 0
    share = np.zeros_like(c)
    np.divide(degree[ego] * c, total[ego], out=share, where=total[ego] > 0)
    spread = np.bincount(ego, share * np.log(share, out=np.zeros_like(share), where=share > 0),
                         minlength=n)
    hierarchy = np.full(n, np.nan)
    many = degree > 1
    hierarchy[many] = spread[many] / (degree[many] * np.log(degree[many]))
    return {
        "degree": degree.astype(np.int64),
        "effective_size": np.where(valid, effective, np.nan),
        "efficiency": np.divide(effective, degree, out=np.full(n, np.nan), where=valid),
        "constraint": np.where(valid, total, np.nan),
        "hierarchy": hierarchy,
    }


def _holes_arrays(n: int, src, dst, w, *, triangles: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """:func:`structural_holes` of the network of n nodes with arcs src -> dst of weights w
    (node positions; parallel and reverse arcs add up to the mutual weight, self-loops are
    dropped): the one array core that graphs and production networks share."""
    _check_weights(np.asarray(w, dtype=float), "value")
    return _holes_from_ties(n, undirected_ties(n, src, dst, w), triangles=triangles)


# --------------------------------------------------------------------------- public


def structural_holes(
    G: nx.Graph,
    *,
    weight: str | None = None,
    nodes: Iterable | None = None,
) -> pd.DataFrame:
    """Burt's structural-hole measures of every node.

    Effective size, efficiency, constraint and hierarchy (Burt 1992,
    *Structural Holes*, ch. 2) in the whole-network model of networkx's
    ``constraint`` / ``effective_size`` and igraph's ``constraint`` (R:
    ``igraph::constraint``): contacts' ties to anyone count. UCINET's
    default ego-network model ignores ties to people outside ego's network
    and gives different values.

    For ego i and contacts j, q (w_ij = a_ij + a_ji the mutual weight):

    * p_ij = w_ij / sum_q w_iq;
    * constraint C_i = sum_j (p_ij + sum_{q != i,j} p_iq p_qj) ** 2
      (can exceed 1: a triangle gives 1.125);
    * effective size sum_j (1 - sum_{q != i,j} p_iq m_jq), with
      m_jq = w_jq / max_k w_jk, the maximum over j's own ties. Unweighted and
      undirected this is n - 2t/n, t = ties among ego's n contacts
      (Borgatti 1997, Connections 20(1));
    * efficiency = effective size / degree;
    * hierarchy H_i = sum_j r_ij ln r_ij / (N ln N), r_ij = c_ij / (C_i / N):
      0 when the constraint is spread evenly over the N contacts, towards 1
      when it is concentrated on one. Undefined (NaN) for N <= 1.

    Parameters
    ----------
    G : networkx graph
        Graph, DiGraph, MultiGraph or MultiDiGraph; not modified.
        Direction is ignored by summing: an arc i -> j and an arc j -> i both
        add to the one tie i-j. Parallel ties (a multigraph's relations) are
        summed as :func:`netkit.graph.collapse` sums them, and an arc stored
        with ``directed=False`` (or numpy False, or 0) counts both ways, as
        there. Self-loops are ignored.
    weight : str or None
        Edge attribute holding the tie strength (missing or NaN counts 1;
        negative, infinite or non-numeric values, None included, are an error). With None every tie counts 1, so k
        parallel ties between two firms count k.
    nodes : iterable, optional
        Report only these nodes, in this order. The measures still use the
        whole network.

    Returns
    -------
    pandas.DataFrame
        Indexed by node (index name ``node``), columns ``degree`` (number of
        distinct contacts, in or out, with a positive tie weight),
        ``effective_size``, ``efficiency``, ``constraint``, ``hierarchy``.
        Isolates (and nodes whose ties all weigh 0) have degree 0 and NaN
        elsewhere.

    Notes
    -----
    Every node, including external partners (``in_cluster=False``), is an
    ordinary actor: a cluster firm's ties to outside partners count in its
    investment. Use ``nodes=`` to report only cluster members, or measure a
    subgraph of cluster members to look at structure inside the cluster only.

    Unlike networkx 3.6 this gives the real value to a node that only
    receives ties when ``nodes=`` is used (networkx gives NaN), normalises
    m_jq by j's own largest tie in weighted effective size, and never builds a
    dense n x n matrix. Time grows with the ties plus the pairs of ties that
    share their lower-degree end (at most m ** 1.5 for m ties); memory with
    the ties.

    Examples
    --------
    >>> import networkx as nx
    >>> T = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])
    >>> holes = structural_holes(T)
    >>> holes.loc["a", "constraint"].round(4), holes.loc["c", "effective_size"].round(4)
    (np.float64(1.0069), np.float64(2.3333))
    >>> structural_holes(nx.star_graph(3)).loc[0, ["degree", "efficiency", "hierarchy"]].tolist()
    [3.0, 1.0, 0.0]
    """
    nodes_of, ties = _ties(G, weight)
    frame = pd.DataFrame(_holes_from_ties(len(nodes_of), ties), index=pd.Index(nodes_of, name="node"),
                         columns=_COLUMNS)
    if nodes is None:
        return frame
    return frame.iloc[_positions(G, nodes_of, nodes)]


def dyadic_constraint(G: nx.Graph, *, weight: str | None = None) -> pd.DataFrame:
    """Burt's dyadic constraint c_ij of every ego i on each of its contacts j.

    c_ij = (p_ij + sum_{q != i,j} p_iq p_qj) ** 2 (Burt 1992; networkx's
    ``local_constraint``), the part of i's constraint due to j. Summed over j
    it gives the ``constraint`` column of :func:`structural_holes`; the same
    conventions for direction, weights, multigraphs and self-loops apply.

    Parameters
    ----------
    G : networkx graph
        Graph, DiGraph, MultiGraph or MultiDiGraph; not modified.
    weight : str or None
        Edge attribute holding the tie strength, as in :func:`structural_holes`.

    Returns
    -------
    pandas.DataFrame
        One row per ego and contact (every tie appears twice, once per end),
        ordered by ego then contact as in ``G``: columns ``ego``, ``alter``,
        ``p`` (proportional tie strength p_ij) and ``constraint`` (c_ij).
        Isolates have no rows.

    Examples
    --------
    >>> import networkx as nx
    >>> dyadic_constraint(nx.path_graph(3))
       ego  alter    p  constraint
    0    0      1  1.0        1.00
    1    1      0  0.5        0.25
    2    1      2  0.5        0.25
    3    2      1  1.0        1.00
    """
    names, ego, alter, p, c, _, _ = _burt(G, weight)
    order = np.lexsort((alter, ego))
    labels = pd.Index(names)
    return pd.DataFrame(
        {
            "ego": labels.take(ego[order]),
            "alter": labels.take(alter[order]),
            "p": p[order],
            "constraint": c[order],
        }
    )


def _positions(G: nx.Graph, names: list, nodes: Iterable) -> list[int]:
    wanted = list(nodes)
    missing = [v for v in wanted if v not in G]
    if missing:
        raise NetkitError(
            f"{len(missing)} node(s) not in the graph, e.g. {missing[:3]!r}; "
            "pass nodes that are in G (or nodes=None for all)"
        )
    index = {v: i for i, v in enumerate(names)}
    return [index[v] for v in wanted]

"""Embeddedness of actors in a cluster, group comparisons and network summaries.

* :func:`embeddedness`: one row per actor: ties by relation and direction,
  local versus external ties, ties to universities and agencies, tie strength,
  confirmation, reciprocity, clustering, k-core, Burt's constraint and Uzzi's
  (1996) network coverage, plus the descriptive attributes to group by.
* :func:`ei_index`: Krackhardt & Stern's (1988) E-I index for the network, each
  group and each actor, with a permutation test as in UCINET.
* :func:`compare_groups`: compare groups (SMEs and large firms, sectors,
  regions) on any profile column with a permutation test.
* :func:`network_summary`: size, density, components, reciprocity,
  transitivity, degree centralisation and average distance.

Every function takes any networkx graph (Graph, DiGraph, MultiGraph,
MultiDiGraph) and never modifies it. Self-loops are ignored throughout.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components, shortest_path

from ._arrays import Arcs, adjacency, collapse_arrays, read_arcs, triangle_counts
from .errors import NetkitError
from .holes import _check_weights, _constraint

__all__ = ["embeddedness", "ei_index", "EIResult", "compare_groups", "network_summary"]

#: Node attributes copied into the profile (when any node has them).
PROFILE_ATTRIBUTES = ("kind", "is_sme", "size_class", "in_cluster", "sector", "region")
#: Partners of these kinds, and ties of these relations, are institutional.
INSTITUTIONS = ("university", "agency")

_OUT, _IN, _UND = 0, 1, 2
_RESERVED = {
    "in_degree", "out_degree", "degree", "local_ties", "external_ties", "external_share",
    "institutional_ties", "mean_strength", "confirmed_share", "reciprocity", "clustering",
    "core_number", "constraint", "coverage", *PROFILE_ATTRIBUTES,
}  # fmt: skip


# --------------------------------------------------------------------------- edges


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, (bool, int, str)):
        return False
    if isinstance(value, float):
        return value != value
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other containers
        return False


def _as_float(values: list, what: str, param: str, *, missing: float) -> np.ndarray:
    """Numeric edge attribute values; None or NaN become ``missing``."""
    try:
        out = np.array(values, dtype=float)
    except (TypeError, ValueError):  # e.g. pandas.NA, or text
        out = np.empty(len(values))
        for i, x in enumerate(values):
            try:
                out[i] = math.nan if _missing(x) else float(x)
            except (TypeError, ValueError) as exc:
                raise NetkitError(
                    f"edge attribute {what!r} must be a number, got {x!r}; fix the data"
                    + (f" or pass {param}=None" if param else "")
                ) from exc
    out[np.isnan(out)] = missing
    return out


def _ties(G, *, relations=None, weight="weight") -> Arcs:
    """The ties of ``G`` as arrays (:func:`netkit._arrays.read_arcs`), self-loops dropped.

    Relations, direction and weights follow :func:`netkit.graph.collapse`: the
    relation is the ``relation`` attribute or else a multigraph's string key;
    an arc with ``directed=False`` (or 0) is an undirected tie; a missing or
    NaN weight counts 1.
    """
    return read_arcs(G, weight=weight, relations=relations).without_loops()


def _collapsed(E: Arcs, *, directed: bool, weight=None):
    """Ties of :func:`netkit.graph.collapse` (``combine="sum"``) as arrays (src, dst, weight).

    Undirected: each pair once (src < dst), weights of all its ties summed.
    Directed: each arc once; an undirected tie gives arcs both ways. Sorted by (src, dst).
    """
    return collapse_arrays(E, directed=directed, order="key", weight=weight)[:3]


def _edge_values(E: Arcs, strength: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Each tie's reported strength (NaN when not reported) and whether it is
    confirmed (1.0, 0.0 or NaN when unknown)."""
    nan = math.nan
    ss = [nan] * len(E) if strength is None else E.attribute(strength)
    cs = []
    for d in E.data:
        c = d.get("confirmed")
        if c is None:
            by = d.get("reported_by")
            c = nan if by is None else by == "both"
        cs.append(c)
    confirmed = _as_float(cs, "confirmed", "", missing=nan)  # bools or NaN
    return (
        _as_float(ss, strength, "strength", missing=nan),
        np.where(np.isnan(confirmed), nan, confirmed != 0),
    )


def _count(index: np.ndarray, n: int, weights=None) -> np.ndarray:
    return np.bincount(index, weights=weights, minlength=n)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    out = np.full(len(num), np.nan)
    ok = den > 0
    out[ok] = num[ok] / den[ok]
    return out


def _node_attribute(G, name) -> list:
    """The attribute of every node, in the order of ``list(G)`` (None where absent)."""
    return [d.get(name) for _, d in G.nodes(data=True)]


def _external_mask(G) -> np.ndarray:
    """True for actors with ``in_cluster`` False; a missing attribute counts as in-cluster."""
    return np.array(
        [not _missing(x) and not bool(x) for x in _node_attribute(G, "in_cluster")],
        dtype=bool,
    )


# --------------------------------------------------------------------------- embeddedness


def _relation_counts(E: Arcs) -> dict[str, np.ndarray]:
    """Distinct partners per relation and direction: ``{rel}_in``, ``{rel}_out`` or ``{rel}``."""
    rel, rel_names = E.relation
    has_rel = rel >= 0
    if not has_rel.any():
        return {}
    names, code_of = np.unique([str(r) for r in rel_names], return_inverse=True)
    codes = code_of[rel[has_rel]]
    u, v, flag = E.src[has_rel], E.dst[has_rel], E.directed[has_rel]
    rel_directed = np.zeros(len(names), dtype=bool)
    rel_directed[codes[flag]] = True
    parts = []  # (node, partner, relation code, direction)

    def add(node, partner, code, direction):
        parts.append((node, partner, code, np.full(len(node), direction)))

    arc = rel_directed[codes]
    one_way = arc & flag  # an arc of a directed relation
    both_ways = arc & ~flag  # an undirected tie inside a directed relation: in and out
    und = ~arc  # a tie of an undirected relation
    add(u[one_way], v[one_way], codes[one_way], _OUT)
    add(v[one_way], u[one_way], codes[one_way], _IN)
    for direction in (_OUT, _IN):
        add(u[both_ways], v[both_ways], codes[both_ways], direction)
        add(v[both_ways], u[both_ways], codes[both_ways], direction)
    add(u[und], v[und], codes[und], _UND)
    add(v[und], u[und], codes[und], _UND)
    node, partner, code, direction = (np.concatenate(x) for x in zip(*parts))
    n, R = E.n, len(names)
    keys = np.unique(((node * n + partner) * R + code) * 3 + direction)
    direction, code, node = keys % 3, (keys // 3) % R, keys // (3 * R * n)
    out = {}
    for r, name in enumerate(names):
        if rel_directed[r]:
            out[f"{name}_in"] = _count(node[(code == r) & (direction == _IN)], n)
            out[f"{name}_out"] = _count(node[(code == r) & (direction == _OUT)], n)
        else:
            out[str(name)] = _count(node[(code == r) & (direction == _UND)], n)
    return out


def _reciprocity(E: Arcs) -> np.ndarray:
    """Share of each node's directed ties (in and out) reciprocated in the same relation."""
    keep = E.directed
    rel, rel_names = E.relation
    mutual, incident = _arc_reciprocity(E.n, E.src[keep], E.dst[keep], rel[keep] + 1, len(rel_names) + 1)
    return _ratio(mutual, incident)


def _pairs(n: int, u, v, codes=None, n_codes: int = 1):
    """Distinct arcs u -> v (one per (u, v, code)) grouped by unordered pair and code.

    Returns (keys, inverse, counts): the sorted keys ((min * n + max) * n_codes
    + code) of the pairs, each arc's pair, and the arcs of each pair: 2 when
    the arc is reciprocated (its reverse exists with the same code), else 1.
    One stable sort; no search.
    """
    u, v = np.asarray(u, dtype=np.int64), np.asarray(v, dtype=np.int64)
    key = np.minimum(u, v) * n + np.maximum(u, v)
    if codes is not None:
        key = key * n_codes + np.asarray(codes, dtype=np.int64)
    order = np.argsort(key, kind="stable")
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[order[1:]] != key[order[:-1]]
    starts = np.flatnonzero(first)
    inverse = np.empty(len(key), np.int64)
    inverse[order] = np.cumsum(first) - 1
    counts = np.diff(np.append(starts, len(key)))
    return key[order[starts]], inverse, counts


def _arc_reciprocity(n: int, u, v, codes=None, n_codes: int = 1, *, distinct: bool = False, pairs=None):
    """Reciprocated and all directed ties of each node, from arcs u -> v.

    An arc is one tie per (u, v, code) (``codes`` 0 .. n_codes - 1, e.g. the
    relation; None: one code); it is reciprocated when v -> u exists with the
    same code. ``distinct``: the arcs are already distinct; ``pairs``: their
    :func:`_pairs`, when the caller has it. Returns (mutual, incident): per
    node, reciprocated arcs and all arcs in and out; ``mutual / incident`` is
    ``networkx.reciprocity(G, nodes)``.
    """
    u, v = np.asarray(u, dtype=np.int64), np.asarray(v, dtype=np.int64)
    c = np.zeros(len(u), np.int64) if codes is None else np.asarray(codes, dtype=np.int64)
    if not distinct:
        _, first = np.unique((u * n + v) * n_codes + c, return_index=True)
        u, v, c = u[first], v[first], c[first]
    _, inverse, counts = _pairs(n, u, v, c, n_codes) if pairs is None else pairs
    reciprocated = (counts[inverse] == 2).astype(float)
    incident = _count(u, n) + _count(v, n)
    mutual = _count(u, n, reciprocated) + _count(v, n, reciprocated)
    return mutual, incident


def _herfindahl(n: int, owner, w) -> np.ndarray:
    """Herfindahl index of each node's shares: sum_j (w_j / sum w) ** 2 over its
    entries (owner, w_j), one per partner (Uzzi 1996's network coverage, or the
    concentration of sales over customers). NaN without entries or total 0."""
    total = _count(owner, n, w)
    return _ratio(_count(owner, n, np.square(w)), np.square(total))


def _clustering(triangles: np.ndarray, degree: np.ndarray) -> np.ndarray:
    """Local clustering 2 t / (d (d - 1)) of the simple undirected graph; 0 for d < 2."""
    out = _ratio(2.0 * triangles, degree * (degree - 1.0))
    out[degree < 2] = 0.0
    return out


def _core_numbers(n: int, a, b) -> np.ndarray:
    """k-core number of every node of the simple undirected graph with ties a-b
    (each pair once, no self-loops), as ``networkx.core_number``.

    Peeling by levels (Batagelj & Zaversnik 2003 peel one node at a time; the
    same cores come out of peeling, at level k, every node of degree <= k at
    once and repeating until none is left): each tie is visited once when its
    first end is peeled, plus one pass over the nodes per level.
    """
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    ends = np.concatenate([a, b])
    order = np.argsort(ends, kind="stable")
    nbr = np.concatenate([b, a])[order]
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(ends, minlength=n), out=indptr[1:])
    deg = np.diff(indptr)
    core = np.full(n, -1, np.int64)
    alive = np.ones(n, dtype=bool)
    left, k = n, 0
    while left:
        k = max(k, int(deg[alive].min()))
        peel = np.flatnonzero(alive & (deg <= k))
        while len(peel):
            core[peel] = k
            alive[peel] = False
            left -= len(peel)
            lens = indptr[peel + 1] - indptr[peel]
            at = np.repeat(indptr[peel] - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
            hit = nbr[at]
            hit = hit[alive[hit]]
            if not len(hit):
                break
            touched, times = np.unique(hit, return_counts=True)
            deg[touched] -= times
            peel = touched[deg[touched] <= k]
    return core


def _partners_with(n: int, a, b, flag_a, flag_b) -> np.ndarray:
    """Per node, its partners (ties a-b, each pair once) for which the flag holds:
    node a counts b when ``flag_b`` (per tie), node b counts a when ``flag_a``."""
    return _count(a, n, np.asarray(flag_b, dtype=float)) + _count(b, n, np.asarray(flag_a, dtype=float))


def _coverage(E: Arcs) -> np.ndarray:
    """Uzzi's network coverage: sum over partners of the squared share of trade weight."""
    n = E.n
    if (E.relation[0] >= 0).any():
        trade = E.relation_is(["trade"])
    else:
        trade = np.ones(len(E), dtype=bool)
    u, v, w = E.src[trade], E.dst[trade], E.weight[trade]
    node = np.concatenate([u, v])
    keys, inverse = np.unique(node * n + np.concatenate([v, u]), return_inverse=True)
    per_partner = np.bincount(inverse, weights=np.concatenate([w, w]), minlength=len(keys))
    return _herfindahl(n, keys // n, per_partner)


def embeddedness(
    G: nx.Graph,
    *,
    weight: str | None = "weight",
    relations: str | Iterable[str] | None = None,
    strength: str | None = "strength",
) -> pd.DataFrame:
    """Profile each actor's embeddedness in the cluster: one row per node.

    Parameters
    ----------
    G : networkx graph
        Any graph type; not modified. Survey graphs (MultiDiGraph keyed by
        relation) give the richest profile; a plain Graph without attributes
        gives the structural columns only.
    weight : str or None
        Edge attribute with the tie weight (missing or NaN counts 1; None,
        text, negative or infinite values raise NetkitError), used for
        network coverage and Burt's constraint. None: every tie counts 1.
    relations : str or list of str, optional
        Profile only ties of these relations (all columns). Default: all ties.
    strength : str or None
        Edge attribute with the reported tie strength, for ``mean_strength``.

    Returns
    -------
    pandas.DataFrame
        Indexed by node, with these columns (counts are distinct partners,
        so several ties with the same partner count once):

        ``<rel>_in``, ``<rel>_out``
            For each directed relation: partners sending ties to the actor and
            receiving ties from it (trade runs seller -> buyer, so ``trade_in``
            counts its suppliers and ``trade_out`` its customers;
            ``knowledge_in`` its advisers, ``knowledge_out`` whom it
            advises). An undirected tie stored inside a directed relation
            counts both in and out. One column ``<rel>`` for each undirected
            relation (e.g. ``university``, ``agency``). No relation columns
            when the edges carry no ``relation`` attribute (nor multigraph
            string keys); ties without a relation count in every other
            column. A relation named like another column gets the prefix
            ``relation_``.
        ``in_degree``, ``out_degree``
            Directed graphs only: distinct partners sending / receiving any tie
            (undirected ties count both ways), as in the directed collapse.
        ``degree``
            Distinct contacts, any relation and direction (undirected collapse).
        ``local_ties``, ``external_ties``, ``external_share``
            Contacts whose ``in_cluster`` attribute is (not) False; a partner
            without the attribute counts as local, so all ties are local when
            no node has it. The share is NaN for isolates.
        ``institutional_ties``
            Contacts that are universities or agencies: the partner's ``kind``
            is ``university`` or ``agency`` (any case), or the pair is tied by
            a ``university`` or ``agency`` relation.
        ``mean_strength``
            Mean of the ``strength`` attribute over the actor's ties that have
            one (each tie counts once per end; NaN when none has).
        ``confirmed_share``
            Share of the actor's ties reported by both ends: edge attribute
            ``confirmed`` or, failing that, ``reported_by == "both"``; over the
            ties that carry either (NaN when none does).
        ``reciprocity``
            Share of the actor's directed ties (arcs in and out) whose reverse
            arc exists in the same relation: 2 * mutual / (in + out) per
            relation, summed over relations; ``networkx.reciprocity(G, nodes)``
            for one relation. Undirected ties are left out; NaN without
            directed ties (always NaN for undirected graphs).
        ``clustering``
            Local clustering coefficient of the undirected, unweighted collapse
            (``networkx.clustering``; 0 for fewer than two contacts).
        ``core_number``
            k-core number on the undirected collapse without self-loops
            (Seidman 1983; equal to ``networkx.core_number``), by peeling as
            Batagelj & Zaversnik (2003), level by level with numpy.
        ``constraint``
            Burt's (1992) constraint from :func:`netkit.holes.structural_holes`
            with the same ``weight`` (NaN for isolates).
        ``coverage``
            Uzzi's (1996) network coverage: sum over partners j of P_j ** 2,
            where P_j is the share of the actor's trade weight (ties in and
            out of relation ``trade``) exchanged with j. 1 means a single
            partner; 1/k means k equal partners. When the edges carry no
            relation attribute every tie counts as trade; when they do but none
            is ``trade`` the column is NaN. NaN for actors without trade ties.
        ``kind``, ``is_sme``, ``size_class``, ``in_cluster``, ``sector``, ``region``
            Copies of the node attributes that any node has, to group by.

    Notes
    -----
    External actors (``in_cluster=False``) get a profile like any other node;
    select ``profile[profile.in_cluster != False]`` to keep cluster members.
    Self-loops are ignored. Everything is computed from one edge table with
    numpy/pandas (no per-node loops). The array cores (reciprocity, clustering,
    k-core, Herfindahl, constraint in :mod:`netkit.holes`) are the ones
    :func:`netkit.production.firm_profile` runs on production networks, so
    both give the same numbers.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edge("a", "b", key="trade", relation="trade", weight=3.0)
    >>> _ = M.add_edge("a", "c", key="trade", relation="trade", weight=1.0)
    >>> _ = M.add_edge("b", "a", key="knowledge", relation="knowledge", weight=1.0)
    >>> p = embeddedness(M)
    >>> p.loc["a", ["trade_out", "knowledge_in", "degree", "coverage"]].tolist()
    [2.0, 1.0, 2.0, 0.625]
    """
    E = _ties(G, relations=relations, weight=weight)
    _check_weights(E.weight, weight)
    n = E.n
    cols: dict[str, np.ndarray] = {
        (f"relation_{name}" if name in _RESERVED else name): counts
        for name, counts in _relation_counts(E).items()
    }

    if G.is_directed():
        src, dst, _ = _collapsed(E, directed=True)
        cols["in_degree"] = _count(dst, n)
        cols["out_degree"] = _count(src, n)

    # The undirected collapse. Its weight is what structural_holes sums for a
    # pair (a_ij + a_ji: an undirected tie counts both ways) up to a factor 2
    # common to all pairs, which leaves the proportional strengths unchanged.
    both_ways = np.where(E.directed, 1.0, 2.0)
    a, b, mutual = _collapsed(E, directed=False, weight=E.weight * both_ways)
    degree = _count(a, n) + _count(b, n)
    external = _external_mask(G)
    external_ties = _partners_with(n, a, b, external[a], external[b]).astype(np.int64)
    cols["degree"] = degree
    cols["local_ties"] = degree - external_ties
    cols["external_ties"] = external_ties
    cols["external_share"] = _ratio(external_ties.astype(float), degree)

    kinds = _node_attribute(G, "kind")
    institution = np.array([str(k).lower() in INSTITUTIONS for k in kinds], dtype=bool)
    inst_rel = E.relation_is(INSTITUTIONS)
    inst_node = np.concatenate([E.src, E.dst])
    inst_partner = np.concatenate([E.dst, E.src])
    hit = institution[inst_partner] | np.concatenate([inst_rel, inst_rel])
    inst_keys = np.unique(inst_node[hit] * n + inst_partner[hit])
    cols["institutional_ties"] = _count(inst_keys // n, n)

    for name, values in zip(("mean_strength", "confirmed_share"), _edge_values(E, strength)):
        ok = ~np.isnan(values)
        ends = np.concatenate([E.src[ok], E.dst[ok]])
        vals = np.concatenate([values[ok], values[ok]])
        cols[name] = _ratio(_count(ends, n, vals), _count(ends, n).astype(float))

    cols["reciprocity"] = _reciprocity(E)
    cols["clustering"] = _clustering(triangle_counts(n, a, b), degree)
    cols["core_number"] = _core_numbers(n, a, b)
    cols["constraint"] = _constraint(n, a, b, mutual)  # = structural_holes(...)["constraint"]
    cols["coverage"] = _coverage(E)

    index = pd.Index(E.nodes, name="node")
    profile = pd.DataFrame(cols, index=index)
    for name in PROFILE_ATTRIBUTES:
        values = _node_attribute(G, name)
        if any(not _missing(x) for x in values):
            profile[name] = pd.Series(values, index=index, dtype=object).infer_objects()
    return profile


# --------------------------------------------------------------------------- E-I index


@dataclass
class EIResult:
    """Krackhardt & Stern's E-I index with its permutation test (see :func:`ei_index`)."""

    index: float
    external: float
    internal: float
    groups: pd.DataFrame
    actors: pd.DataFrame
    expected: float = math.nan
    sd: float = math.nan
    p_value: float = math.nan
    p_greater: float = math.nan
    p_less: float = math.nan
    n_permutations: int = 0
    directed: bool = False
    weighted: bool = False
    n_unlabelled: int = 0
    permuted: np.ndarray = field(default_factory=lambda: np.empty(0), repr=False)


def _labels(G, attribute):
    values = _node_attribute(G, attribute)
    keep = np.array([not _missing(x) for x in values], dtype=bool)
    if not keep.any():
        raise NetkitError(
            f"no node has the attribute {attribute!r}; set it on the nodes "
            f"(e.g. nx.set_node_attributes(G, groups, {attribute!r})) or pick another attribute"
        )
    return values, keep


def _ei(external, internal):
    total = external + internal
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (external - internal) / np.where(total > 0, total, 1), np.nan)


def _permuted_ei(codes, u, v, w, n_permutations, rng, weighted) -> np.ndarray:
    """The whole-network E-I index after each random shuffle of the group labels."""
    labels = codes.astype(np.min_scalar_type(max(int(codes.max()), 1)))
    total = w.sum()
    out = np.empty(n_permutations)
    for i in range(n_permutations):
        shuffled = rng.permutation(labels)
        cross = shuffled[u] != shuffled[v]
        external = w[cross].sum() if weighted else np.count_nonzero(cross)
        out[i] = (2.0 * external - total) / total
    return out


def ei_index(
    G: nx.Graph,
    attribute: str,
    *,
    n_permutations: int = 1000,
    seed=None,
    weight: str | None = None,
    directed: bool = False,
    relations: str | Iterable[str] | None = None,
) -> EIResult:
    """Krackhardt & Stern's (1988) E-I index, by network, group and actor, with a permutation test.

    E-I = (E - I) / (E + I), where E counts ties between actors of different
    groups (values of ``attribute``) and I ties within a group: -1 when all
    ties stay inside groups, +1 when all cross. As in UCINET's
    Network > Cohesion > E-I Index, the whole-network value is tested by
    shuffling the group labels across the actors (group sizes and the network
    stay fixed).

    Parameters
    ----------
    G : networkx graph
        Any graph type; not modified.
    attribute : str
        Node attribute holding the group. Actors without it (None or NaN) are
        left out with their ties (counted in ``n_unlabelled``).
    n_permutations : int
        Label permutations for the test (0 skips it).
    seed : int or numpy Generator, optional
        Seed of the permutations.
    weight : str, optional
        Sum this edge attribute instead of counting ties (UCINET ignores
        values: the default None counts ties).
    directed : bool
        False (default): count each tie once, on the undirected collapse (a
        pair tied both ways, or by several relations, is one tie). True, for
        directed graphs: count arcs, so a reciprocated pair counts twice, as
        counting the cells of a non-symmetric adjacency matrix does (as in
        the published value for Sampson's monks, -0.4318, see the tests).
        Ignored for undirected graphs.
    relations : str or list of str, optional
        Use only ties of these relations.

    Returns
    -------
    EIResult
        ``index``, ``external``, ``internal`` (whole network);
        ``groups``: per group ``size``, ``internal`` (ties inside it),
        ``external`` (ties with one end in it) and ``ei``;
        ``actors``: per labelled actor ``group``, ``internal``, ``external``
        (its ties, in and out when ``directed``) and ``ei`` (NaN for isolates);
        ``expected`` and ``sd``: mean and standard deviation of the permuted
        index; ``p_greater`` / ``p_less``: one-sided p-values, the share of
        permutations at least / at most as large as observed, computed as
        (1 + count) / (1 + n_permutations) so they are never 0 (Phipson &
        Smyth 2010); ``p_value``: two-sided, twice the smaller one-sided
        p-value (at most 1); ``permuted``: the permuted values.

    Notes
    -----
    External actors (``in_cluster=False``) are treated like any other actor:
    give them a group, or leave the attribute unset to drop them. UCINET's
    rescaled index (range given density and group sizes) is not computed.
    The index of a network without ties is NaN.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> nx.set_node_attributes(G, {"a": 1, "b": 1, "c": 2, "d": 2}, "team")
    >>> r = ei_index(G, "team", n_permutations=100, seed=1)
    >>> round(r.index, 4)  # E = 1 (b-c), I = 2: (1 - 2) / 3
    -0.3333
    >>> r.actors["ei"].tolist()
    [-1.0, 0.0, 0.0, -1.0]
    """
    if n_permutations < 0:
        raise NetkitError("n_permutations must be 0 or more")
    directed = bool(directed) and G.is_directed()
    edges = _ties(G, relations=relations, weight=weight)
    src, dst, w = _collapsed(edges, directed=directed)
    if weight is None:
        w = np.ones(len(src))  # each tie of the collapse counts once
    values, keep = _labels(G, attribute)
    position = np.cumsum(keep) - 1
    inside = keep[src] & keep[dst]
    u, v, w = position[src[inside]], position[dst[inside]], w[inside]
    kept = [node for node, k in zip(edges.nodes, keep) if k]
    codes, groups = pd.factorize(pd.Series([values[i] for i in np.flatnonzero(keep)], dtype=object))
    n, k = len(kept), len(groups)

    cross = codes[u] != codes[v]
    E, I = float(w[cross].sum()), float(w[~cross].sum())
    group_internal = np.bincount(codes[u][~cross], weights=w[~cross], minlength=k)
    group_external = np.bincount(codes[u][cross], weights=w[cross], minlength=k) + np.bincount(
        codes[v][cross], weights=w[cross], minlength=k
    )
    group_table = pd.DataFrame(
        {
            "size": np.bincount(codes, minlength=k),
            "internal": group_internal,
            "external": group_external,
            "ei": _ei(group_external, group_internal),
        },
        index=pd.Index(list(groups), name=attribute),
    )
    actor_internal = _count(u[~cross], n, w[~cross]) + _count(v[~cross], n, w[~cross])
    actor_external = _count(u[cross], n, w[cross]) + _count(v[cross], n, w[cross])
    actors = pd.DataFrame(
        {
            "group": pd.Series([groups[c] for c in codes], dtype=object).to_numpy(),
            "internal": actor_internal,
            "external": actor_external,
            "ei": _ei(actor_external, actor_internal),
        },
        index=pd.Index(kept, name="node"),
    )
    observed = float(_ei(np.array([E]), np.array([I]))[0])
    result = EIResult(
        index=observed,
        external=E,
        internal=I,
        groups=group_table,
        actors=actors,
        directed=directed,
        weighted=weight is not None,
        n_unlabelled=int((~keep).sum()),
    )
    if n_permutations and E + I > 0:
        rng = np.random.default_rng(seed)
        permuted = _permuted_ei(codes, u, v, w, n_permutations, rng, weight is not None)
        tol = 1e-12
        mean = float(permuted.mean())
        result.permuted = permuted
        result.n_permutations = n_permutations
        result.expected = mean
        result.sd = float(permuted.std(ddof=1)) if n_permutations > 1 else math.nan
        result.p_greater = (1 + int((permuted >= observed - tol).sum())) / (1 + n_permutations)
        result.p_less = (1 + int((permuted <= observed + tol).sum())) / (1 + n_permutations)
        result.p_value = min(1.0, 2 * min(result.p_greater, result.p_less))
    return result


# --------------------------------------------------------------------------- group comparison


def _between_ss(sums: np.ndarray, sizes: np.ndarray, total: float, n: int) -> np.ndarray:
    """Between-group sum of squares from group sums (last axis = groups)."""
    return (sums**2 / sizes).sum(axis=-1) - total**2 / n


def _n_assignments(sizes) -> int:
    count, left = 1, int(sum(sizes))
    for s in sizes:
        count *= math.comb(left, int(s))
        left -= int(s)
    return count


def _all_assignments(sizes):
    """Every way to split positions 0..n-1 into groups of the given sizes (as group codes)."""
    n = int(sum(sizes))

    def split(free, g):
        if g == len(sizes) - 1:
            yield {g: free}
            return
        for chosen in combinations(free, int(sizes[g])):
            rest = tuple(x for x in free if x not in chosen)
            for tail in split(rest, g + 1):
                yield {g: chosen, **tail}

    for parts in split(tuple(range(n)), 0):
        codes = np.empty(n, dtype=np.int64)
        for g, members in parts.items():
            codes[list(members)] = g
        yield codes


def _permuted_between_ss(x, sizes, n_permutations, rng) -> np.ndarray:
    """Between-group sum of squares after each random relabelling of the values.

    A random relabelling is a random ordered sample, without replacement, of
    the actors outside the largest group, cut into the other groups in turn;
    the rest form the largest group. Sampling only those is cheaper than
    shuffling everyone when one group (e.g. SMEs) dominates.
    """
    n, total = len(x), x.sum()
    largest = int(np.argmax(sizes))
    others = [g for g in range(len(sizes)) if g != largest]
    take = int(sizes[others].sum())
    starts = np.concatenate([[0], np.cumsum(sizes[others])[:-1]]).astype(np.intp)
    sums = np.empty(len(sizes))
    out = np.empty(n_permutations)
    for i in range(n_permutations):
        chosen = x[rng.choice(n, size=take, replace=False)]
        sums[others] = np.add.reduceat(chosen, starts)
        sums[largest] = total - sums[others].sum()
        out[i] = _between_ss(sums, sizes, total, n)
    return out


def _sorted_groups(values) -> list:
    uniques = list(pd.unique(values))
    try:
        return sorted(uniques)
    except TypeError:
        return sorted(uniques, key=str)


def compare_groups(
    profile: pd.DataFrame,
    column: str | Iterable[str],
    by: str,
    *,
    n_permutations: int = 5000,
    seed=None,
    groups: Iterable | None = None,
    exact: bool | None = None,
) -> pd.DataFrame:
    """Compare groups of actors on profile columns with a permutation test.

    For two groups the effect is the difference in means, ``groups[0]`` minus
    ``groups[1]``, and the test is two-sided (|difference| at least as large
    as observed). For more groups the statistic is the one-way ANOVA F ratio
    (between- over within-group mean square) and the effect is the largest
    difference between two group means. The p-value comes from shuffling the
    group labels over the actors (Good 2005, Permutation, Parametric and
    Bootstrap Tests of Hypotheses); both statistics order the permutations as
    the between-group sum of squares does, which is what is compared.

    Parameters
    ----------
    profile : pandas.DataFrame
        One row per actor, e.g. from :func:`embeddedness`.
    column : str or list of str
        Numeric column(s) to compare; one output row each.
    by : str
        Column with the groups (``is_sme``, ``sector``, ``region`` ...).
    n_permutations : int
        Random permutations. When the number of distinct ways to assign the
        labels is at most this, all are enumerated instead (an exact test).
    seed : int or numpy Generator, optional
        Seed of the random permutations.
    groups : list, optional
        The groups to compare, in this order. Default: every value of ``by``,
        sorted (so ``is_sme`` gives False then True: large minus SME; pass
        ``groups=[True, False]`` for SME minus large).
    exact : bool, optional
        True: always enumerate (refused above 1,000,000 assignments); False:
        always sample; None (default): enumerate when it is no more work.

    Returns
    -------
    pandas.DataFrame
        One row per column: ``by``, ``test`` (``difference in means`` or
        ``F``), ``effect``, ``statistic`` (the difference or F), ``p_value``,
        ``exact``, ``n_permutations`` (assignments enumerated, or sampled),
        and ``n_<group>``, ``mean_<group>`` for each group. Exact p-values are
        the share of all assignments (the observed one included) at least as
        extreme; sampled ones are (1 + count) / (1 + n_permutations).

    Notes
    -----
    Rows with a missing value in ``column`` or ``by`` are left out, per column.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [1.0, 2.0, 5.0, 6.0, 9.0], "sme": [True, True, False, False, False]})
    >>> r = compare_groups(df, "x", "sme", groups=[True, False])
    >>> row = r.loc["x"]  # SMEs 1.5 on average, large firms 6.67
    >>> round(float(row.effect), 4), float(row.p_value), bool(row.exact), int(row.n_permutations)
    (-5.1667, 0.1, True, 10)
    """
    columns = [column] if isinstance(column, str) else list(column)
    if by not in profile.columns:
        raise NetkitError(f"no column {by!r} to group by; the profile has {list(profile.columns)}")
    chosen = _sorted_groups(profile[by].dropna()) if groups is None else list(groups)
    rng = np.random.default_rng(seed)
    rows = {}
    for col in columns:
        if col not in profile.columns:
            raise NetkitError(f"no column {col!r} in the profile; it has {list(profile.columns)}")
        data = profile[[col, by]].dropna()
        data = data[data[by].isin(chosen)]
        try:
            x = data[col].to_numpy(dtype=float)
        except (TypeError, ValueError) as exc:
            raise NetkitError(f"column {col!r} must be numeric to compare groups") from exc
        present = [g for g in chosen if (data[by] == g).any()]
        if len(present) < 2:
            raise NetkitError(
                f"need at least two groups of {by!r} with values of {col!r}; found {present}"
            )
        codes = pd.Index(present, dtype=object).get_indexer(data[by].astype(object)).astype(np.int64)
        k, n = len(present), len(x)
        sizes = np.bincount(codes, minlength=k)
        means = np.bincount(codes, weights=x, minlength=k) / sizes
        total = x.sum()
        observed = float(_between_ss(np.bincount(codes, weights=x, minlength=k), sizes, total, n))
        n_assign = _n_assignments(sizes)
        use_exact = n_assign <= n_permutations if exact is None else exact
        if use_exact and n_assign > 1_000_000:
            raise NetkitError(
                f"{n_assign} label assignments are too many to enumerate; use exact=False"
            )
        tol = 1e-9 * max(abs(observed), 1e-12)
        if use_exact:
            ss = np.array(
                [
                    _between_ss(np.bincount(c, weights=x, minlength=k), sizes, total, n)
                    for c in _all_assignments(sizes)
                ]
            )
            p_value, used = float((ss >= observed - tol).mean()), len(ss)
        else:
            ss = _permuted_between_ss(x, sizes, n_permutations, rng)
            p_value = (1 + int((ss >= observed - tol).sum())) / (1 + n_permutations)
            used = n_permutations
        if k == 2:
            test, effect = "difference in means", float(means[0] - means[1])
            statistic = effect
        else:
            test, effect = "F", float(means.max() - means.min())
            within = float(((x - means[codes]) ** 2).sum())
            if within > 0:
                statistic = (observed / (k - 1)) / (within / (n - k))
            else:
                statistic = math.inf if observed > 0 else math.nan
        row = {
            "by": by,
            "test": test,
            "effect": effect,
            "statistic": statistic,
            "p_value": p_value,
            "exact": bool(use_exact),
            "n_permutations": used,
        }
        for g, size, mean in zip(present, sizes, means):
            row[f"n_{g}"] = int(size)
            row[f"mean_{g}"] = float(mean)
        rows[col] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "column"
    return out


# --------------------------------------------------------------------------- network summary


def _average_distance(n, a, b, *, max_exact, n_sources, rng) -> tuple[float, bool]:
    """Mean shortest-path length (unweighted, undirected) within the largest component."""
    A = adjacency(n, a, b, symmetric=True)
    _, comp = connected_components(A, directed=False)
    largest = np.flatnonzero(comp == np.bincount(comp).argmax())
    size = len(largest)
    if size < 2:
        return math.nan, False
    A = A[largest][:, largest]
    sampled = size > max_exact
    if sampled:
        sources = rng.choice(size, size=min(n_sources, size), replace=False)
    else:
        sources = np.arange(size)
    total = 0.0
    for start in range(0, len(sources), 64):
        batch = sources[start : start + 64]
        total += shortest_path(A, method="D", directed=False, unweighted=True, indices=batch).sum()
    return float(total / (len(sources) * (size - 1))), bool(sampled)


def network_summary(
    G: nx.Graph,
    *,
    relation: str | None = None,
    seed=None,
    max_exact: int = 2000,
    n_sources: int = 100,
) -> pd.Series:
    """Whole-network descriptives of a (cluster) network.

    Parameters
    ----------
    G : networkx graph
        Any graph type; not modified.
    relation : str, optional
        Describe the network of one relation (:func:`netkit.graph.select_relation`:
        directed when its ties are). Default: all ties collapsed
        (:func:`netkit.graph.collapse`), directed when ``G`` is and any tie is.
    seed : int or numpy Generator, optional
        Seed for sampling sources of the average distance.
    max_exact : int
        Largest component size for which the average distance is exact (all
        pairs). Above it, the distances from ``n_sources`` random sources to
        every other actor of the component estimate it (the mean over sources
        of an unbiased per-source mean; precise to a few hundredths of a step
        on cluster-sized networks).
    n_sources : int
        Number of sampled sources (at least 1).

    Returns
    -------
    pandas.Series
        ``relation``; ``directed`` (False for undirected graphs, and for
        directed ones whose ties are all undirected, such as a MultiDiGraph
        whose edges all carry ``directed=False``); ``nodes``; ``ties`` (arcs when directed,
        else edges; parallel ties of several relations count once, self-loops
        never); ``density`` (ties / n(n-1) when directed, ties / (n(n-1)/2)
        otherwise); ``isolates``; ``components`` (weak) and
        ``largest_component`` (its size); ``reciprocity`` (directed: the share
        of arcs whose reverse exists, ``networkx.overall_reciprocity``; NaN if
        undirected); ``transitivity`` (3 x triangles / connected triples on the
        undirected collapse, ``networkx.transitivity``);
        ``degree_centralization`` (Freeman 1979 on the undirected collapse:
        sum(max - d_i) / ((n - 1)(n - 2)), 1 for a star, 0 for a regular
        graph); ``in_degree_centralization`` and ``out_degree_centralization``
        (directed only: sum(max - d_i) / (n - 1)^2, Wasserman & Faust 1994,
        p. 199); ``average_distance`` (mean unweighted shortest path between
        the actors of the largest weak component, undirected) and
        ``distance_sampled``; and, when any node has ``in_cluster``,
        ``in_cluster_actors`` and ``external_actors`` (a missing value counts
        as in-cluster).

    Examples
    --------
    >>> import networkx as nx
    >>> s = network_summary(nx.star_graph(4))
    >>> s["nodes"], s["ties"], s["degree_centralization"], s["average_distance"]
    (5, 4, 1.0, 1.6)
    """
    if n_sources < 1 or max_exact < 0:
        raise NetkitError("n_sources must be at least 1 and max_exact at least 0")
    edges = _ties(G, relations=None if relation is None else [relation], weight=None)
    n = edges.n
    # as select_relation: directed unless every tie is undirected (a MultiDiGraph of directed=False ties)
    directed = G.is_directed() and (len(edges) == 0 or bool(edges.directed.any()))
    src, dst, _ = _collapsed(edges, directed=directed)
    m = len(src)
    a, b, _ = _collapsed(edges, directed=False)
    degree = _count(a, n) + _count(b, n)

    out: dict[str, object] = {"relation": relation, "directed": directed, "nodes": n, "ties": m}
    possible = n * (n - 1) if directed else n * (n - 1) / 2
    out["density"] = m / possible if possible else math.nan
    out["isolates"] = int((degree == 0).sum())
    if n:
        A = adjacency(n, a, b)
        n_comp, comp = connected_components(A, directed=False)
        out["components"], out["largest_component"] = int(n_comp), int(np.bincount(comp).max())
    else:
        out["components"], out["largest_component"] = 0, 0
    if directed and m:
        arc_keys = src * n + dst
        out["reciprocity"] = float(np.isin(dst * n + src, arc_keys).mean())
    else:
        out["reciprocity"] = math.nan
    triples = (degree * (degree - 1) / 2).sum()
    out["transitivity"] = float(triangle_counts(n, a, b).sum() / triples) if triples else 0.0
    out["degree_centralization"] = (
        float((degree.max() - degree).sum() / ((n - 1) * (n - 2))) if n > 2 else math.nan
    )
    if directed:
        for name, d in (("in", _count(dst, n)), ("out", _count(src, n))):
            out[f"{name}_degree_centralization"] = (
                float((d.max() - d).sum() / (n - 1) ** 2) if n > 1 else math.nan
            )
    rng = np.random.default_rng(seed)
    out["average_distance"], out["distance_sampled"] = (
        _average_distance(n, a, b, max_exact=max_exact, n_sources=n_sources, rng=rng)
        if n
        else (math.nan, False)
    )
    flags = _node_attribute(G, "in_cluster")
    if any(not _missing(x) for x in flags):
        external = int(_external_mask(G).sum())
        out["in_cluster_actors"], out["external_actors"] = n - external, external
    return pd.Series(out, dtype=object, name="summary")

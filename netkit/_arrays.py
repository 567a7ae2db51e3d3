"""One reader from any networkx graph to plain numpy arrays, and the helpers
the measures build on it.

Every measure reads its graph through :func:`read_arcs`, so all of them (and
:func:`netkit.graph.collapse`) follow the same conventions:

* an *arc* is one edge of ``G``: one per edge of a (Di)Graph, one per key of
  a multigraph. An undirected graph's edge is read once, from its end that
  comes first in ``G``'s node order (as ``G.edges()`` lists it);
* its relation is the edge attribute ``relation``, or else a multigraph's
  key when that is a string (None when neither);
* it is *undirected* (a tie both ways) when ``G`` is undirected or its
  attribute ``directed`` equals 0 (False, numpy False, 0);
* its weight is the edge attribute ``weight``: missing or NaN counts 1;
  anything that does not convert to a float (None, text, ...) raises
  NetkitError. Negative and infinite weights are read as they are: each
  measure refuses what it cannot use;
* self-loops are kept: each measure drops them or not, as it documents.

The arcs come out in ``G``'s order (nodes, then neighbours, then keys), so
results are reproducible, and are read through ``G.adjacency()``, the
fastest public way into a networkx graph (several times faster than
``G.edges(data=True)``). Nothing here builds an n x n dense matrix.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain, compress, repeat

import networkx as nx
import numpy as np
import scipy.sparse as sp

from .errors import NetkitError

CHUNK = 1 << 22  # default of triangles(): candidate triangles examined at once (bounds memory)


@dataclass(frozen=True)
class Arcs:
    """The arcs of a graph as arrays (see the module docstring for the rules).

    Attributes
    ----------
    nodes : list
        The nodes of ``G``, in its order; arcs refer to them by position.
    src, dst : ndarray of int64
        Positions of each arc's ends (in an undirected graph, src <= dst).
    weight : ndarray of float64
        Each arc's weight (1 everywhere when read with ``weight=None``).
    directed : ndarray of bool
        True for an arc that runs src -> dst only; False for an undirected tie.
    data : list of dict
        Each arc's attribute dict (the graph's own, not a copy: do not modify).
    graph_directed, multigraph : bool
        Whether ``G`` is directed, a multigraph.
    keydicts, origin
        Multigraphs only: the key dict of every (node, neighbour) entry of
        ``G``'s adjacency, and each arc's position among all their keys, from
        which :attr:`keys` is read when it is needed (it seldom is).
    """

    nodes: list
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    directed: np.ndarray
    data: list
    graph_directed: bool
    multigraph: bool
    keydicts: list | None = field(default=None, repr=False)
    origin: np.ndarray | None = field(default=None, repr=False)

    @property
    def n(self) -> int:
        return len(self.nodes)

    def __len__(self) -> int:
        return len(self.src)

    @cached_property
    def keys(self) -> list | None:
        """Each arc's multigraph key (None for a simple graph)."""
        if self.keydicts is None:
            return None
        every = list(chain.from_iterable(self.keydicts))
        return every if self.origin is None else [every[i] for i in self.origin.tolist()]

    @cached_property
    def relation(self) -> tuple[np.ndarray, list]:
        """(codes, names): each arc's relation as an index into ``names``, -1 for none."""
        rels = list(map(dict.get, self.data, repeat("relation")))
        if self.multigraph and None in rels:  # a string key names the relation
            rels = [k if r is None and isinstance(k, str) else r for r, k in zip(rels, self.keys)]
        lookup: dict = {}
        codes = np.fromiter((lookup.setdefault(r, len(lookup)) for r in rels), np.int64, len(rels))
        names = list(lookup)
        if None in lookup:
            none = lookup[None]
            names.pop(none)
            codes[codes == none] = -1
            codes[codes > none] -= 1
        return codes, names

    def relation_is(self, names: Iterable) -> np.ndarray:
        """True for the arcs of any of these relations."""
        codes, present = self.relation
        wanted = set(names)
        hits = [i for i, name in enumerate(present) if name in wanted]
        return np.isin(codes, hits)

    def attribute(self, name: str, default=None) -> list:
        """The raw value of an edge attribute on every arc (``default`` where absent)."""
        return list(map(dict.get, self.data, repeat(name), repeat(default)))

    def subset(self, keep: np.ndarray) -> Arcs:
        """The arcs where ``keep`` (a boolean array) is True, in the same order."""
        origin = None
        if self.keydicts is not None:
            origin = (np.arange(len(self.src)) if self.origin is None else self.origin)[keep]
        return replace(
            self,
            src=self.src[keep],
            dst=self.dst[keep],
            weight=self.weight[keep],
            directed=self.directed[keep],
            data=list(compress(self.data, keep)),
            origin=origin,
        )

    def without_loops(self) -> Arcs:
        loops = self.src == self.dst
        return self.subset(~loops) if loops.any() else self


def read_arcs(
    G: nx.Graph,
    *,
    weight: str | None = "weight",
    relations: str | Iterable[str] | None = None,
) -> Arcs:
    """Read any networkx graph into :class:`Arcs`.

    Parameters
    ----------
    G : networkx graph
        Graph, DiGraph, MultiGraph or MultiDiGraph (or a view of one); not modified.
    weight : str or None
        Edge attribute holding the weight (missing or NaN counts 1). None:
        every arc weighs 1 and no attribute is read.
    relations : str or iterable of str, optional
        Keep only arcs of these relations (NetkitError if one has no arc).
        Weights are read, and checked, only on the arcs kept.
    """
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    heads, rows = [], []
    for v, nbrs in G.adjacency():
        heads.append(v)
        rows.append(nbrs)
    pair_src = np.repeat(
        np.fromiter(map(index.__getitem__, heads), np.int64, len(heads)),
        np.fromiter(map(len, rows), np.int64, len(rows)),
    )
    n_pairs = len(pair_src)
    pair_dst = np.fromiter(map(index.__getitem__, chain.from_iterable(rows)), np.int64, n_pairs)
    values = operator.methodcaller("values")
    if G.is_multigraph():
        keydicts = list(chain.from_iterable(map(values, rows)))
        per_pair = np.fromiter(map(len, keydicts), np.int64, n_pairs)
        src, dst = np.repeat(pair_src, per_pair), np.repeat(pair_dst, per_pair)
        data = list(chain.from_iterable(map(values, keydicts)))
    else:
        src, dst = pair_src, pair_dst
        data = list(chain.from_iterable(map(values, rows)))
        keydicts = None
    directed = G.is_directed()
    if directed:
        flags = np.ones(len(src), dtype=bool)
        if any(map(dict.__contains__, data, repeat("directed"))):
            marks = np.fromiter(map(dict.get, data, repeat("directed"), repeat(True)), object, len(src))
            flags = ~(marks == 0)  # False, numpy False and 0 mark an undirected tie
    else:  # every edge appears from both ends: keep it once, from its earlier end
        flags = np.zeros(len(src), dtype=bool)
    arcs = Arcs(nodes, src, dst, np.ones(len(src)), flags, data, directed, G.is_multigraph(), keydicts)
    if not directed:
        arcs = arcs.subset(src <= dst)
    if relations is not None:
        wanted = {relations} if isinstance(relations, str) else set(relations)
        present = arcs.relation[1]
        missing = wanted - set(present)
        if missing:
            raise NetkitError(
                f"no edges of relation(s) {sorted(missing)} in the graph; "
                f"it has {sorted(present)}"
            )
        arcs = arcs.subset(arcs.relation_is(wanted))
    if weight is not None:
        arcs = replace(arcs, weight=_weights(arcs.data, weight))
    return arcs


def _weights(data: list, weight: str) -> np.ndarray:
    """The numeric ``weight`` attribute of every arc; missing or NaN counts 1."""
    try:
        w = np.fromiter(map(dict.get, data, repeat(weight), repeat(1.0)), np.float64, len(data))
        missing = np.flatnonzero(np.isnan(w))  # numpy also reads None as NaN
        if any(data[k][weight] is None for k in missing):
            raise TypeError
    except (TypeError, ValueError, OverflowError) as exc:
        bad = next((x for x in (d.get(weight, 1.0) for d in data) if not _numeric(x)), "?")
        raise NetkitError(
            f"edge attribute {weight!r} must be numeric, got {bad!r}; "
            f"fix the data or pass weight=None"
        ) from exc
    w[missing] = 1.0
    return w


def _numeric(x) -> bool:
    try:
        float(x)
    except (TypeError, ValueError, OverflowError):
        return False
    return True


def collapse_arrays(
    arcs: Arcs,
    *,
    directed: bool,
    combine: str = "sum",
    loops: bool = True,
    order: str = "first",
    weight: np.ndarray | None = None,
):
    """Merge parallel arcs into one tie per pair, as :func:`netkit.graph.collapse` does.

    Parameters
    ----------
    arcs : Arcs
    directed : bool
        True: one tie per ordered pair, an undirected arc giving ties both
        ways (a self-loop once). False: one tie per unordered pair, returned
        as (lower, higher) node position.
    combine : {"sum", "max", "count"}
        The weight of a tie: the sum of its arcs' weights (added in arc
        order), the largest, or the number of arcs.
    loops : bool
        Keep self-loops.
    order : {"first", "key", "graph"}
        Order of the ties: by their first arc ("first", the order in which
        ``collapse`` adds them to its graph), by (src, dst) ("key"), or as
        networkx lists the edges of that graph (by src, then "first").
    weight : ndarray, optional
        Use these per-arc weights instead of ``arcs.weight``.

    Returns
    -------
    src, dst : ndarray of int64
    weight : ndarray of float64
    n_ties : ndarray of int64
        How many arcs (undirected arcs counted once per direction) each tie merges.
    """
    if combine not in ("sum", "max", "count"):
        raise NetkitError(f"combine must be 'sum', 'max' or 'count', got {combine!r}")
    src, dst = arcs.src, arcs.dst
    w = arcs.weight if weight is None else weight
    distinct = not arcs.multigraph and not arcs.graph_directed  # a simple graph's ties
    if directed:
        both = ~arcs.directed & (src != dst)
        if both.any():  # each undirected arc, then its reverse (collapse adds them so)
            reps = 1 + both
            take = np.repeat(np.arange(len(src)), reps)
            flip = np.zeros(len(take), dtype=bool)
            flip[np.cumsum(reps)[both] - 1] = True
            src, dst = np.where(flip, dst[take], src[take]), np.where(flip, src[take], dst[take])
            w = w[take]
        else:
            distinct = distinct or not arcs.multigraph
    else:
        src, dst = np.minimum(src, dst), np.maximum(src, dst)
    if not loops:
        keep = src != dst
        src, dst, w = src[keep], dst[keep], w[keep]
    n = max(arcs.n, 1)
    if distinct and order != "key":
        n_ties = np.ones(len(src), dtype=np.int64)
        if combine == "count":
            w = n_ties.astype(np.float64)
        if order == "graph":
            by = np.argsort(src, kind="stable")
            src, dst, w, n_ties = src[by], dst[by], w[by], n_ties[by]
        return src, dst, w, n_ties
    keys, first, inverse = np.unique(src * n + dst, return_index=True, return_inverse=True)
    n_ties = np.bincount(inverse, minlength=len(keys))
    if combine == "sum":
        total = np.bincount(inverse, weights=w, minlength=len(keys))
    elif combine == "max":
        total = np.full(len(keys), -np.inf)
        np.maximum.at(total, inverse, w)
    else:  # count
        total = n_ties.astype(np.float64)
    tie_src, tie_dst = keys // n, keys % n
    if order != "key":
        by = np.argsort(first) if order == "first" else np.lexsort((first, tie_src))
        tie_src, tie_dst, total, n_ties = tie_src[by], tie_dst[by], total[by], n_ties[by]
    return tie_src, tie_dst, total, n_ties


def adjacency(n: int, src, dst, values=None, *, symmetric: bool = False) -> sp.csr_array:
    """The n x n sparse adjacency matrix of arcs src -> dst (both ways if ``symmetric``).

    ``values`` default to 1; duplicate arcs are summed.
    """
    values = np.ones(len(src)) if values is None else values
    if symmetric:
        src, dst, values = np.r_[src, dst], np.r_[dst, src], np.r_[values, values]
    return sp.csr_array((values, (src, dst)), shape=(n, n))


def undirected_ties(n: int, src, dst, w):
    """Undirected ties, each once, with their mutual weight (summed over arcs).

    Self-loops and ties of total weight 0 are dropped. Nodes are ranked by
    their number of arcs (ties only need *some* order; this one keeps hubs
    last, which makes :func:`triangles` cheap). Every tie is stored from its
    lower- to its higher-ranked end, ties sorted by those ranks.
    Returns u, v (node positions), ru, rv (their ranks) and w.
    """
    keep = src != dst
    src, dst, w = src[keep], dst[keep], w[keep]
    by_rank = np.argsort(np.bincount(src, minlength=n) + np.bincount(dst, minlength=n),
                         kind="stable")
    rank = np.empty(n, np.int64)
    rank[by_rank] = np.arange(n)
    rs, rd = rank[src], rank[dst]
    key = np.minimum(rs, rd) * n + np.maximum(rs, rd)
    order = np.argsort(key)
    key, w = key[order], w[order]
    first = np.flatnonzero(np.diff(key, prepend=-1))  # one tie per distinct pair
    key, w = key[first], np.add.reduceat(w, first) if len(first) else w[:0]
    key, w = key[w > 0], w[w > 0]
    ru, rv = key // n, key % n
    return by_rank[ru], by_rank[rv], ru, rv, w


def iter_triangles(ru, rv, n: int, *, chunk: int = CHUNK):
    """Every triangle once, in chunks: (t_ab, t_ac, t_bc), the positions of its three ties.

    Takes the ranked ties of :func:`undirected_ties` (sorted by (ru, rv),
    ru < rv). For corners ranked a < b < c the triangle is found from a's
    ties a-b and a-c (both in a's block, b first) by looking up the tie b-c,
    at most ``chunk`` candidate pairs at a time (memory stays linear in the
    ties). Ranking by degree keeps each block short, so the work is at most
    about m ** 1.5 for m ties, even with hubs. A boolean table of hashed tie
    keys (about 8 slots per tie, at most 256 MB) screens the candidates
    before the binary search, so most candidates that are no triangle skip it.
    """
    m = len(ru)
    if m == 0:
        return
    key = ru * n + rv  # sorted
    block_end = np.cumsum(np.bincount(ru, minlength=n))[ru]
    later = block_end - np.arange(m) - 1  # ties after t in the same block
    total = np.cumsum(later)
    bits = int(min(max(10, int(np.ceil(np.log2(8 * m)))), 28))
    seen = np.zeros(1 << bits, dtype=bool)
    seen[_hash(key, bits)] = True
    start = 0
    while start < m:
        stop = max(int(np.searchsorted(total, total[start] - later[start] + chunk, "right")),
                   start + 1)
        counts = later[start:stop]
        first = np.repeat(np.arange(start, stop), counts)
        offset = np.arange(len(first)) - np.repeat(np.cumsum(counts) - counts, counts)
        second = first + 1 + offset
        wanted = rv[first] * n + rv[second]
        maybe = np.flatnonzero(seen[_hash(wanted, bits)])
        third = np.minimum(np.searchsorted(key, wanted[maybe]), m - 1)
        hit = key[third] == wanted[maybe]
        maybe = maybe[hit]
        yield first[maybe], second[maybe], third[hit]
        start = stop


def _hash(key, bits: int) -> np.ndarray:
    """Fibonacci hashing of int64 keys to ``bits`` bits."""
    mixed = key.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return (mixed >> np.uint64(64 - bits)).astype(np.intp)


def triangles(ru, rv, n: int, *, chunk: int = CHUNK):
    """Every triangle once, as the positions (t_ab, t_ac, t_bc) of its three ties
    (all of :func:`iter_triangles`' chunks at once)."""
    found = list(iter_triangles(ru, rv, n, chunk=chunk))
    if not found:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    return tuple(np.concatenate(parts) for parts in zip(*found))


def triangle_counts(n: int, a, b) -> np.ndarray:
    """Number of triangles at each node of the simple undirected graph with ties (a, b)."""
    u, v, ru, rv, _ = undirected_ties(n, a, b, np.ones(len(a)))
    t_ab, t_ac, _ = triangles(ru, rv, n)
    corners = np.concatenate([u[t_ab], v[t_ab], v[t_ac]])
    return np.bincount(corners, minlength=n).astype(np.float64)

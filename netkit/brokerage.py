"""Brokers and single points of failure: Gould-Fernandez brokerage roles,
betweenness (exact or sampled), cut points and bridges.

Every function takes any networkx graph (Graph, DiGraph, MultiGraph,
MultiDiGraph), never modifies it, and reads it into arrays with
:func:`netkit._arrays.read_arcs`, merging parallel ties as
:func:`netkit.graph.collapse` does. External partners (``in_cluster=False``)
are ordinary nodes here: drop them first (``G.subgraph(...)``) to measure the
cluster on its own.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import repeat

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.sparse.linalg import spsolve_triangular

from . import _fast
from ._arrays import adjacency, collapse_arrays, read_arcs
from .errors import NetkitError

__all__ = ["BrokerageResult", "brokerage_roles", "betweenness", "cut_points", "bridges"]

ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"]
_CHUNK = 1 << 20  # two-paths examined per numpy batch in brokerage_roles (bounds memory)
EXACT_MAX_NODES = 5000  # betweenness(k=None): exact up to this many nodes, sampled above
DEFAULT_PIVOTS = 500  # betweenness(k=None) on larger graphs: number of sampled sources
FAST_MIN_NODES = 1000  # betweenness(method="auto"): compiled exact code (igraph) from this many nodes on
DEFAULT_EPSILON = 0.05  # betweenness(method="auto") above EXACT_MAX_NODES: error bound of the sample
_BETWEENNESS_METHODS = ("auto", "netkit", "igraph", "networkit")
_BATCH_CELLS = 1 << 21  # betweenness: sources per batch x max(arcs, nodes) (bounds memory)
_EPS = 1e-10  # relative tolerance for equal weighted path lengths (igraph uses the same)


# --------------------------------------------------------------------------- helpers
def _frame(values, nodes, columns) -> pd.DataFrame:
    return pd.DataFrame(values, index=pd.Index(nodes, name="node"), columns=columns)


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(np.ndim(value) == 0 and pd.isna(value))
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------- brokerage
@dataclass(frozen=True)
class BrokerageResult:
    """Gould-Fernandez brokerage scores, as R's ``sna::brokerage`` reports them.

    Each frame is indexed by node with columns ``coordinator, itinerant,
    representative, gatekeeper, liaison, total`` (sna's ``w_I, w_O, b_IO,
    b_OI, b_O, t``).

    Attributes
    ----------
    raw : DataFrame of int
        Observed role counts (sna ``raw.nli``).
    expected : DataFrame of float
        Expected counts under the null model (sna ``exp.nli``).
    sd : DataFrame of float
        Their standard deviations (sna ``sd.nli``).
    z : DataFrame of float
        ``(raw - expected) / sd`` (sna ``z.nli``); NaN where ``sd`` is 0.
    density : float
        Arc density ``m / (N (N - 1))`` used by the null model.
    group_sizes : Series
        Number of nodes per group.
    """

    raw: pd.DataFrame
    expected: pd.DataFrame
    sd: pd.DataFrame
    z: pd.DataFrame
    density: float
    group_sizes: pd.Series


def _groups_of(G: nx.Graph, nodes: list, group) -> list:
    if isinstance(group, str):
        values = [G.nodes[u].get(group) for u in nodes]
        what = f"node attribute {group!r}"
    elif isinstance(group, (Mapping, pd.Series)):
        values = [group.get(u) for u in nodes]
        what = "the group mapping"
    else:
        raise NetkitError(
            f"group must be a node attribute name or a mapping node -> group, got {type(group).__name__}"
        )
    missing = [u for u, g in zip(nodes, values) if _is_missing(g)]
    if missing:
        shown = ", ".join(repr(u) for u in missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise NetkitError(
            f"{len(missing)} node(s) have no group in {what}: {shown}. Give every node a group "
            "(for example 'external' for partners outside the cluster), pass a mapping "
            "node -> group, or drop those nodes with G.subgraph(...) first."
        )
    return values


def _count_roles(n: int, src: np.ndarray, dst: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Count open two-paths a->v->c (a != c, no arc a->c) per broker v and role.

    Enumerates in-arc x out-arc pairs of every broker in numpy batches of at
    most ``_CHUNK`` two-paths; the closure test is a binary search in the
    sorted arc keys. Time is proportional to the number of two-paths.
    Returns an (n, 5) int array in the order of ``ROLES[:5]``.
    """
    counts = np.zeros(n * 5, dtype=np.int64)
    if src.size == 0:
        return counts.reshape(n, 5)
    ones = np.ones(src.size)
    out = sp.csr_array((ones, (src, dst)), shape=(n, n))
    inn = sp.csr_array((ones, (dst, src)), shape=(n, n))
    out_ptr, out_idx = out.indptr.astype(np.int64), out.indices.astype(np.int64)
    in_ptr, in_idx = inn.indptr.astype(np.int64), inn.indices.astype(np.int64)
    keys = np.sort(src * n + dst)

    broker = np.repeat(np.arange(n, dtype=np.int64), np.diff(in_ptr))  # v of each in-arc a->v
    reps = np.diff(out_ptr)[broker]  # two-paths that in-arc starts
    ends = np.cumsum(reps)
    start = 0
    while start < broker.size:
        done = ends[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(ends, done + _CHUNK, side="right")))
        r = reps[start:stop]
        total = int(r.sum())
        if total:
            v = np.repeat(broker[start:stop], r)
            a = np.repeat(in_idx[start:stop], r)
            offset = np.arange(total) - np.repeat(np.cumsum(r) - r, r)
            c = out_idx[np.repeat(out_ptr[broker[start:stop]], r) + offset]
            key = a * n + c
            hit = np.minimum(np.searchsorted(keys, key), keys.size - 1)
            brokered = (a != c) & (keys[hit] != key)
            v, a, c = v[brokered], a[brokered], c[brokered]
            ga, gv, gc = codes[a], codes[v], codes[c]
            role = np.full(v.size, 4)  # liaison: all three groups differ
            role[ga == gc] = 1  # itinerant: a and c share a group, v outside
            role[gv == gc] = 3  # gatekeeper: v in c's group, a elsewhere
            role[ga == gv] = 2  # representative: v in a's group, c elsewhere
            role[(ga == gv) & (gv == gc)] = 0  # coordinator: one group
            counts += np.bincount(v * 5 + role, minlength=n * 5)
        start = stop
    return counts.reshape(n, 5)


def _choose2(x):
    """R's choose(x, 2) = x (x - 1) / 2, elementwise."""
    return x * (x - 1) / 2


def _sna_moments(sizes: np.ndarray, N: float, d: float) -> tuple[np.ndarray, np.ndarray]:
    """Expected counts and variances per broker group, as in sna's ``brokerage``.

    Row i is for a broker in group i; columns follow ``ROLES``. Transcribed
    from sna (R package, C. T. Butts), file R/gli.R, function ``brokerage``
    (``ebr`` and ``vbr``). Sums over the other groups j != i are written as
    (sum over all groups) - (term of group i), so the cost is linear in the
    number of groups.
    """
    n = sizes.astype(float)

    def others(x):
        return x.sum() - x

    p = d * d * (1 - d)  # probability that a given ordered triple is an open two-path
    q = d**3 * (1 - d) ** 3
    e = np.empty((n.size, 6))
    var = np.empty((n.size, 6))
    e[:, 0] = p * (n - 1) * (n - 2)
    var[:, 0] = e[:, 0] * (1 - p) + 2 * (n - 1) * (n - 2) * (n - 3) * q
    e[:, 1] = p * others(n * (n - 1))
    var[:, 1] = e[:, 1] * (1 - p) + 2 * others(n * (n - 1) * (n - 2)) * q
    e[:, 2] = p * (N - n) * (n - 1)
    var[:, 2] = e[:, 2] * (1 - p) + 2 * ((n - 1) * _choose2(N - n) + (N - n) * _choose2(n - 1)) * q
    e[:, 3], var[:, 3] = e[:, 2], var[:, 2]
    e[:, 4] = p * (others(n) ** 2 - others(n * n))
    # sum_{j != i} n_j choose(N - n_j - n_i, 2), expanded in t_j = N - n_j:
    # (t_j - n_i)(t_j - n_i - 1) = t_j^2 - (2 n_i + 1) t_j + n_i (n_i + 1)
    t = N - n
    liaison = (others(n * t * t) - (2 * n + 1) * others(n * t) + n * (n + 1) * others(n)) / 2
    var[:, 4] = e[:, 4] * (1 - p) + 4 * liaison * q
    e[:, 5] = p * (N - 1) * (N - 2)
    var[:, 5] = e[:, 5] * (1 - p) + 2 * (N - 1) * (N - 2) * (N - 3) * q
    return e, var


def brokerage_roles(G: nx.Graph, group, *, weight: str | None = None) -> BrokerageResult:
    """Gould & Fernandez (1989) brokerage roles of every node, with sna's z-scores.

    Node v brokers the ordered pair (a, c) when a -> v -> c and there is no
    tie a -> c (a, v, c distinct). By groups: *coordinator* (a, v, c in one
    group; sna ``w_I``), *itinerant* or consultant (a and c share a group, v
    is outside it; ``w_O``), *representative* (v in a's group, c elsewhere;
    ``b_IO``), *gatekeeper* (v in c's group, a elsewhere; ``b_OI``),
    *liaison* (all three differ; ``b_O``) and their *total* (``t``).

    The raw counts equal R's ``sna::brokerage(g, cl)$raw.nli``. Expected
    counts, standard deviations and z-scores are those of ``exp.nli``,
    ``sd.nli`` and ``z.nli``: under sna's null model every arc is present
    independently with the observed density d = m / (N (N - 1)), so a given
    ordered triple is an open two-path with probability d^2 (1 - d), and the
    expectation for a broker in group i with n_i members is that times the
    number of (a, c) pairs of the role, e.g. coordinator
    d^2 (1 - d) (n_i - 1)(n_i - 2), representative and gatekeeper
    d^2 (1 - d) (N - n_i)(n_i - 1), total d^2 (1 - d)(N - 1)(N - 2)
    (Gould & Fernandez 1989, pp. 105-107; formulas and variances transcribed
    from sna's R/gli.R, function ``brokerage``, by C. T. Butts). Where the
    standard deviation is 0 the z-score is NaN (R gives 0/0 = NaN).

    Parameters
    ----------
    G : networkx graph
        Any graph type. Direction matters: a Graph, or an arc with
        ``directed=False``, is a tie both ways, so an undirected path a - v - c
        makes v broker both (a, c) and (c, a). Parallel ties (several
        relations) collapse to one tie; self-loops are ignored (sna would count
        them in the density).
    group : str or mapping
        Node attribute holding each node's group, or a mapping (dict, Series)
        node -> group. Every node needs a group, external partners included
        (give them e.g. ``"external"``); otherwise NetkitError.
    weight : str, optional
        Roles are defined on binary ties and counts are never weighted. With a
        name, a tie whose attribute ``weight`` is 0 counts as absent (as a
        zero cell of a valued sociomatrix in sna); any other value, or none,
        is a tie.

    Returns
    -------
    BrokerageResult
        ``raw``, ``expected``, ``sd``, ``z`` (DataFrames indexed by node, columns
        ``coordinator, itinerant, representative, gatekeeper, liaison, total``),
        ``density`` and ``group_sizes``. Isolates get zero counts.

    Notes
    -----
    Time and memory grow with the number of two-paths (sum over v of
    in-degree x out-degree), processed in batches; no n x n matrix is formed.

    References
    ----------
    Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
    approach to brokerage in transaction networks. Sociological Methodology 19, 89-126.
    Butts, C. T. sna: Tools for Social Network Analysis (R package), ``brokerage``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("a", "v"), ("v", "c")])
    >>> res = brokerage_roles(G, {"a": "x", "v": "x", "c": "y"})
    >>> res.raw.loc["v"].to_dict()
    {'coordinator': 0, 'itinerant': 0, 'representative': 1, 'gatekeeper': 0, 'liaison': 0, 'total': 1}
    >>> round(float(res.expected.loc["v", "total"]), 4)  # d = 2/6: (1/3)^2 (2/3) * 2 * 1
    0.1481
    """
    arcs = read_arcs(G, weight=None)
    nodes = arcs.nodes
    values = _groups_of(G, nodes, group)
    codes, uniques = pd.factorize(pd.Series(values, dtype=object))
    codes = np.asarray(codes, dtype=np.int64)

    if weight is not None:  # a tie of weight 0 is no tie; the values are not checked
        arcs = arcs.subset(np.fromiter(map(operator.ne, arcs.attribute(weight, 1), repeat(0)), bool, len(arcs)))
    src, dst, _, _ = collapse_arrays(arcs, directed=True, loops=False)

    n = len(nodes)
    raw = _count_roles(n, src, dst, codes)
    raw = np.column_stack([raw, raw.sum(axis=1)])

    sizes = np.bincount(codes, minlength=len(uniques))
    d = src.size / (n * (n - 1)) if n > 1 else 0.0
    e_grp, var_grp = _sna_moments(sizes, float(n), d)
    expected, sd = e_grp[codes], np.sqrt(var_grp[codes])
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (raw - expected) / sd

    return BrokerageResult(
        raw=_frame(raw, nodes, ROLES),
        expected=_frame(expected, nodes, ROLES),
        sd=_frame(sd, nodes, ROLES),
        z=_frame(z, nodes, ROLES),
        density=d,
        group_sizes=pd.Series(sizes, index=pd.Index(list(uniques), dtype=object, name="group"), name="size"),
    )


# --------------------------------------------------------------------------- betweenness
def _dependencies(n, src, dst, length, sources, weighted):
    """Brandes (2001) dependencies delta_s(v), summed and squared-summed over ``sources``.

    For a batch of sources at once: distances with scipy's Dijkstra
    (breadth-first when unweighted); arc u -> w is on a shortest path from s
    when dist(s, u) + length = dist(s, w). With each source's reached nodes
    sorted by distance, that shortest-path DAG D is triangular, so the path
    counts solve (I - D^T) sigma = e_s, and the dependencies
    delta_v = sigma_v sum_w D_vw (1 + delta_w) / sigma_w follow from
    (I - D) z = 1 / sigma as delta = sigma * (D z). The batch's systems are
    stacked block-diagonally and solved together by two sparse triangular
    solves, so the work is O(batch x arcs) in compiled code.
    """
    total, total_sq = np.zeros(n), np.zeros(n)
    if src.size == 0:
        return total, total_sq
    A = sp.csr_array((length, (src, dst)), shape=(n, n))
    batch = max(1, min(len(sources), _BATCH_CELLS // max(src.size, n)))
    for lo in range(0, len(sources), batch):
        chunk = sources[lo : lo + batch]
        b = len(chunk)
        dist = np.atleast_2d(csgraph.dijkstra(A, directed=True, indices=chunk, unweighted=not weighted))
        order = np.argsort(dist, axis=1, kind="stable")  # per source: reached nodes by distance, then the rest
        reach = np.isfinite(dist).sum(axis=1)
        offset = np.cumsum(reach) - reach  # first row of each source's block (the source itself)
        rank = np.empty((b, n), dtype=np.int64)
        np.put_along_axis(rank, order, np.arange(n)[None, :], axis=1)
        row = offset[:, None] + rank  # block row of (source, node); meaningful for reached nodes

        with np.errstate(invalid="ignore"):  # inf - inf for arcs between unreached nodes
            ds, dd = dist[:, src], dist[:, dst]
            gap = ds + length - dd
            on = np.abs(gap) <= _EPS * dd if weighted else gap == 0
        block, arc = np.nonzero(on)
        u, w = row[block, src[arc]], row[block, dst[arc]]

        size = int(reach.sum())
        diag = np.arange(size)
        M = sp.csc_array(
            (np.r_[np.ones(size), -np.ones(u.size)], (np.r_[diag, w], np.r_[diag, u])), shape=(size, size)
        )  # I - D^T, lower triangular
        e = np.zeros(size)
        e[offset] = 1.0
        sigma = spsolve_triangular(M, e, lower=True, unit_diagonal=True)
        z = spsolve_triangular(M.T.tocsc(), 1.0 / sigma, lower=False, unit_diagonal=True)
        delta = sigma * np.bincount(u, weights=z[w], minlength=size)
        delta[offset] = 0.0

        node = order[np.repeat(np.arange(b), reach), diag - np.repeat(offset, reach)]
        total += np.bincount(node, weights=delta, minlength=n)
        total_sq += np.bincount(node, weights=delta * delta, minlength=n)
    return total, total_sq


def betweenness(
    G: nx.Graph,
    *,
    weight: str | None = None,
    normalized: bool = False,
    k: int | None = None,
    seed=None,
    directed: bool | None = None,
    method: str = "auto",
    epsilon: float | None = None,
    delta: float = 0.1,
) -> pd.DataFrame:
    """Betweenness centrality (Freeman 1977; Brandes 2001), exact or sampled.

    The betweenness of v is the sum over pairs (s, t), s != v != t, of the
    share of shortest s-t paths that pass through v. Weighted ties are
    strengths, so shorter means stronger: the length of a tie is
    1 / weight (Brandes 2001; Newman 2001; Opsahl, Agneessens & Skvoretz 2010
    with alpha = 1), and path lengths within a relative 1e-10 count as equal
    (as igraph does; networkx compares exactly).

    Exact when ``k`` and ``epsilon`` are None and the graph has at most
    ``EXACT_MAX_NODES`` (5,000) nodes; exact time grows with nodes x arcs
    (netkit's own code: about 9-17 s of one core at 5,000 nodes / 25,000
    arcs, several times slower than igraph's C code, which ``method="auto"``
    uses from ``FAST_MIN_NODES`` nodes on, and faster than networkx). Larger
    graphs are sampled: with a bound (``epsilon``, networkit, below) or
    from ``k`` pivot sources drawn uniformly without replacement
    (Brandes & Pich 2007), netkit's own estimate: the
    estimate is n / k times the dependencies summed over the pivots, which
    is unbiased, and column ``se`` gives its standard error
    ``n * sqrt((1 - k/n) * s_v^2 / k)``, where s_v^2 is the sample variance of
    the pivots' dependencies on v (same scaling as the estimate; se^2 is
    unbiased for the variance of the estimate under sampling without
    replacement). With k=None on a larger graph and no bounded sampler
    (weighted ties, networkit missing, or ``method="netkit"``),
    ``DEFAULT_PIVOTS`` (500) pivots are used.

    se falls like 1 / sqrt(k) but is not a guaranteed bound: a node's
    dependencies are skewed (mostly small, sometimes large), so estimate
    +- 2 se covers the exact value less often than 95%. In netkit's checks
    on graphs of 400-500 nodes with k=100 it covered 83-91% of the top
    decile of nodes and 64-80% of all nodes; on a heavy-tailed directed
    graph of 5,000 nodes, k=100 gave a median relative error of 46% for the
    50 most central nodes and covered 40% of them. se is 0 for a node on
    which no sampled pivot depends. Use many pivots, and read sampled values
    as a ranking of the main brokers, not of the periphery.

    Parameters
    ----------
    G : networkx graph
        Any graph type; parallel ties (several relations) become one tie whose
        weight is their sum (:func:`netkit.graph.collapse`). Self-loops are ignored.
    weight : str, optional
        Edge attribute with tie strength (> 0; missing counts 1). A tie of
        strength 0 is no tie; negative strengths raise NetkitError. None: every
        tie has length 1.
    normalized : bool
        Divide by the number of pairs not including v: (n - 1)(n - 2) when
        directed, (n - 1)(n - 2) / 2 when undirected, as networkx does.
    k : int, optional
        Number of pivot sources for the sampled estimate (1 <= k <= n).
    seed : int or numpy Generator, optional
        Seed of the pivot sample.
    directed : bool, optional
        Follow tie direction (default: the direction of ``G``). With False a
        DiGraph's arcs are undirected ties (both directions merged, weights
        summed). Undirected betweenness counts each unordered pair once.
    method : {"auto", "netkit", "igraph", "networkit"}
        Who computes it. ``"netkit"``: the numpy code described above (the
        reference). ``"igraph"``: igraph's exact C code (same definition and
        the same 1e-10 tolerance on weighted lengths, so the same numbers to
        rounding). ``"networkit"``: networkit's exact code (it compares
        weighted lengths exactly: equal paths whose lengths differ by
        rounding, 1/3 + 1/3 + 1/3 against 1, count as different), or with
        ``epsilon`` its sampler with an error bound. The compiled methods need
        ``pip install "netkit[fast]"`` (NetkitError otherwise) and refuse ``k``.
        ``"auto"`` (with neither ``k`` nor ``epsilon``): netkit's exact code
        below ``FAST_MIN_NODES`` (1,000) nodes; igraph's (else networkit's)
        exact code up to ``EXACT_MAX_NODES`` (5,000); above that, undirected
        and unweighted, networkit's sampler with ``epsilon = DEFAULT_EPSILON``
        (0.05), and otherwise (directed, weighted, or networkit missing)
        netkit's ``DEFAULT_PIVOTS`` pivots. With ``k``, netkit's pivots; with
        ``epsilon``, networkit's sampler on undirected unweighted graphs and
        netkit's pivots, as many as the bound needs, otherwise.
        Times, from ``benchmarks/bench_fast.py --exact --epsilon 0.01`` (and
        0.05) on a shared 2-core machine, on a 50,000-firm, 250,000-link
        directed production network: igraph's exact code 220 s, networkit's
        directed sampler 360 s with epsilon = 0.01 (83,000 sampled paths: the
        sample size does not shrink with n, so it pays only on networks well
        above ~100,000 nodes) and about 30 s with epsilon = 0.05 (most of it
        networkit's estimate of the vertex diameter, slow on directed
        networks), netkit's pivots with the same bound (2,764 pivots) 32 s,
        networkx with k = 100 pivots 27-29 s and netkit with k = 100 pivots
        1.6 s; undirected, KADABRA meets epsilon = 0.01 in about 0.5 s.
    epsilon : float, optional
        Sample with a guarantee: with probability at least ``1 - delta``,
        every node's estimate is within the bound of its exact value, all
        nodes at once. networkit (``method="networkit"``, or "auto" on
        undirected unweighted graphs): KADABRA (Borassi & Natale 2019) on
        undirected graphs, Riondato & Kornaropoulos (2016) on directed ones,
        epsilon on the betweenness divided by the number of pairs,
        unweighted only (see :func:`netkit._fast.betweenness_arrays`). netkit (``method="netkit"``, or "auto" on directed or
        weighted graphs): ceil(ln(2 n / delta) / (2 epsilon^2)) pivots and
        Hoeffding's inequality with a union bound, epsilon n / (n - 1) on the
        normalised betweenness (see :func:`netkit._fast.betweenness_arrays`).
        In the units of the column the bound is ``attrs["error"]``.
        The bound is additive, so it ranks the main brokers reliably and says
        little about nodes of betweenness far below epsilon. It is
        conservative: on graphs of 3,000-50,000 nodes the largest error seen
        was 4 to 9 times below epsilon.
    delta : float
        Failure probability of that bound (default 0.1).

    Returns
    -------
    DataFrame
        Indexed by node (in ``G``'s order), column ``betweenness``, plus ``se``
        when sampled with pivots (se is NaN when k = 1). ``attrs["method"]`` is
        "exact" or "sampled" and ``attrs["backend"]`` who computed it
        ("netkit", "igraph" or "networkit"); pivot samples (``k``) also record
        ``attrs["k"]``, the pivot nodes ``attrs["pivots"]`` and the Hoeffding
        bound those k pivots give, ``attrs["error"]`` with ``attrs["delta"]``
        (usually far above 2 se: it holds for every node at once); bounded samples
        record ``attrs["epsilon"]``, ``attrs["delta"]``, ``attrs["error"]``
        (the bound in the units of the column), ``attrs["samples"]`` and
        ``attrs["bound"]`` (the guarantee in words). Isolates get 0. External
        partners (``in_cluster=False``) are ordinary nodes: paths through them count.

    References
    ----------
    Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math. Sociol. 25(2).
    Brandes, U. & Pich, C. (2007). Centrality estimation in large networks. Int. J. Bifurcation Chaos 17(7).
    Brandes, U. (2008). On variants of shortest-path betweenness centrality and their generic
    computation. Social Networks 30(2), 136-145.
    Riondato, M. & Kornaropoulos, E. M. (2016). Fast approximation of betweenness centrality
    through sampling. Data Min. Knowl. Disc. 30(2), 438-475.
    Opsahl, T., Agneessens, F. & Skvoretz, J. (2010). Node centrality in weighted networks:
    generalizing degree and shortest paths. Social Networks 32(3).

    Examples
    --------
    >>> import networkx as nx
    >>> bc = betweenness(nx.florentine_families_graph())
    >>> float(bc.loc["Medici", "betweenness"])
    47.5
    """
    if method not in _BETWEENNESS_METHODS:
        raise NetkitError(f"method must be one of {_BETWEENNESS_METHODS}, got {method!r}")
    if k is not None and epsilon is not None:
        raise NetkitError("give k (netkit's pivot sample) or epsilon (a sample with an error bound), not both")
    if k is not None and method in _fast.BACKENDS:
        raise NetkitError(f"k is netkit's own pivot sampling; with method={method!r} leave k out "
                          "(and give epsilon for a sample with an error bound)")
    if epsilon is not None and method == "igraph":
        raise NetkitError("igraph has no sampler with an error bound: use method='networkit', 'netkit' "
                          "or 'auto' with epsilon, or leave epsilon out for igraph's exact values")
    is_directed = G.is_directed() if directed is None else bool(directed)
    arcs = read_arcs(G, weight=weight)
    nodes = arcs.nodes
    n = len(nodes)
    if weight is not None and (arcs.weight < 0).any():
        raise NetkitError(
            f"betweenness needs tie strengths >= 0 in {weight!r}; found negative values. "
            "Fix the data or use weight=None."
        )
    # arcs in the order networkx lists the edges of collapse(G): sums of path counts keep their order
    src, dst, w, _ = collapse_arrays(arcs, directed=is_directed, loops=False, order="graph")
    if weight is not None:
        src, dst, w = src[w > 0], dst[w > 0], w[w > 0]
    backend = _betweenness_backend(method, n, k, epsilon, weighted=weight is not None, directed=is_directed)
    if backend != "netkit" or epsilon is not None:
        if epsilon is None and k is None and method == "auto" and n > EXACT_MAX_NODES:
            epsilon = DEFAULT_EPSILON
        res = _fast.betweenness_arrays(n, src, dst, w if weight is not None else None, directed=is_directed,
                                       epsilon=epsilon, delta=delta, seed=seed, normalized=normalized,
                                       backend=backend)
        frame = pd.DataFrame({"betweenness": res.values}, index=pd.Index(nodes, name="node"))
        frame.attrs.update(method=res.method, backend=res.backend)
        if res.method == "sampled":
            frame.attrs.update(epsilon=res.epsilon, delta=res.delta, error=res.error, samples=res.samples,
                               bound=res.bound)
        return frame
    if not is_directed:
        src, dst, w = np.r_[src, dst], np.r_[dst, src], np.r_[w, w]
    length = 1.0 / w if weight is not None else np.ones(src.size)

    if k is None and n > EXACT_MAX_NODES:
        k = min(DEFAULT_PIVOTS, n)
    if k is None:
        sources = np.arange(n)
    else:
        k = int(k)
        if not 1 <= k <= n:
            raise NetkitError(f"k must be between 1 and the number of nodes ({n}), got {k}")
        sources = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))

    total, total_sq = _dependencies(n, src, dst, length, sources, weighted=weight is not None)

    scale = 1.0 if is_directed else 0.5  # undirected: each unordered pair once
    if normalized and n > 2:
        # directed: / (n-1)(n-2) ordered pairs; undirected: (sum / 2) / ((n-1)(n-2) / 2), the same
        scale = 1.0 / ((n - 1) * (n - 2))
    if k is None:
        frame = pd.DataFrame({"betweenness": total * scale}, index=pd.Index(nodes, name="node"))
        frame.attrs.update(method="exact", backend="netkit")
        return frame
    mean = total / k
    var = np.maximum(total_sq / k - mean * mean, 0.0) * k / (k - 1) if k > 1 else np.full(n, np.nan)
    se = n * np.sqrt((1 - k / n) * var / k) * scale
    frame = pd.DataFrame({"betweenness": n * mean * scale, "se": se}, index=pd.Index(nodes, name="node"))
    error = _fast.hoeffding_epsilon(n, k, delta) * n * max(n - 2, 0) * scale
    frame.attrs.update(method="sampled", backend="netkit", k=k, pivots=[nodes[i] for i in sources],
                       delta=delta, error=error)
    return frame


def _betweenness_backend(method: str, n: int, k, epsilon, *, weighted: bool, directed: bool) -> str:
    """Who computes betweenness: "netkit", "igraph", "networkit" or, with epsilon, "auto" (see
    :func:`betweenness`)."""
    if method != "auto":
        if method in _fast.BACKENDS:
            _fast.resolve_backend(method)  # NetkitError saying how to install it when missing
        return method
    if k is not None:
        return "netkit"
    if epsilon is not None:
        return "auto"  # networkit undirected unweighted, else netkit's pivots: _fast.betweenness_arrays
    installed = _fast.available()
    if n < FAST_MIN_NODES or not installed:
        return "netkit"
    if n <= EXACT_MAX_NODES:
        return "igraph" if "igraph" in installed else "networkit"
    return "networkit" if "networkit" in installed and not weighted and not directed else "netkit"


# --------------------------------------------------------------------------- cut points and bridges
def _dfs_tree(n: int, indptr: np.ndarray, indices: np.ndarray):
    """Iterative depth-first search (Hopcroft & Tarjan 1973) of an undirected simple graph.

    Returns discovery times, low points, DFS parents, subtree sizes and the
    size of each node's connected component, as lists.
    """
    indptr, indices = indptr.tolist(), indices.tolist()
    disc, low, parent, size = [-1] * n, [0] * n, [-1] * n, [1] * n
    comp_size = [0] * n
    clock = 0
    for root in range(n):
        if disc[root] >= 0:
            continue
        members = [root]
        disc[root] = low[root] = clock
        clock += 1
        stack = [[root, indptr[root]]]
        while stack:
            top = stack[-1]
            v, p = top
            if p < indptr[v + 1]:
                top[1] += 1
                w = indices[p]
                if disc[w] < 0:
                    parent[w] = v
                    disc[w] = low[w] = clock
                    clock += 1
                    members.append(w)
                    stack.append([w, indptr[w]])
                elif w != parent[v] and disc[w] < low[v]:
                    low[v] = disc[w]
            else:
                stack.pop()
                u = parent[v]
                if u >= 0:
                    size[u] += size[v]
                    if low[v] < low[u]:
                        low[u] = low[v]
        for v in members:
            comp_size[v] = len(members)
    return disc, low, parent, size, comp_size


def _undirected_csr(G: nx.Graph):
    """Nodes and the CSR neighbour lists (sorted) of the undirected collapse of ``G``, without self-loops."""
    arcs = read_arcs(G, weight=None)
    a, b, _, _ = collapse_arrays(arcs, directed=False, loops=False, order="key")
    A = adjacency(arcs.n, a, b, symmetric=True)
    return arcs.nodes, A.indptr, A.indices


def cut_points(G: nx.Graph) -> pd.DataFrame:
    """Single points of failure: actors whose departure disconnects others.

    An actor v is a cut point (articulation point) when removing it splits
    its connected component into two or more pieces. Ties are taken as
    undirected, whatever their direction or relation (any tie keeps two
    actors in touch).

    For each cut point v with component C (|C| actors, v included), the
    pieces are the connected components of C without v:

    * ``pieces``: how many pieces C falls into (>= 2);
    * ``largest_piece``: actors in the largest piece;
    * ``cut_off``: |C| - 1 - largest_piece, the actors of C (other than v)
      that would no longer reach the largest remaining piece if v left;
    * ``share``: cut_off / (n - 1), as a share of all other actors of the
      network (n = number of nodes of ``G``).

    Linear time: one depth-first search (Hopcroft & Tarjan 1973) with
    subtree sizes; no graph is rebuilt per actor.

    Parameters
    ----------
    G : networkx graph
        Any graph type. External partners (``in_cluster=False``) are ordinary
        actors; isolates are never cut points.

    Returns
    -------
    DataFrame
        One row per cut point, indexed by node, columns ``pieces``,
        ``largest_piece``, ``cut_off``, ``share``, sorted by ``cut_off``
        (largest first). Empty (same columns) when there is none.

    Examples
    --------
    >>> import networkx as nx
    >>> cut_points(nx.path_graph(["a", "b", "c", "d", "e"]))["cut_off"].to_dict()
    {'c': 2, 'b': 1, 'd': 1}
    """
    nodes, indptr, indices = _undirected_csr(G)
    n = len(nodes)
    disc, low, parent, size, comp_size = _dfs_tree(n, indptr, indices)
    pieces: dict[int, list[int]] = {}
    for c in range(n):
        v = parent[c]
        if v >= 0 and (parent[v] < 0 or low[c] >= disc[v]):  # c's subtree hangs on v alone
            pieces.setdefault(v, []).append(size[c])
    rows = []
    for v, parts in pieces.items():
        rest = comp_size[v] - 1 - sum(parts)  # the piece holding v's DFS parent (0 for a root)
        if rest > 0:
            parts = parts + [rest]
        if len(parts) >= 2:
            cut_off = comp_size[v] - 1 - max(parts)
            rows.append((v, len(parts), max(parts), cut_off, cut_off / (n - 1)))
    rows.sort(key=lambda row: (-row[3], row[0]))
    frame = pd.DataFrame(
        [row[1:] for row in rows],
        index=pd.Index([nodes[row[0]] for row in rows], name="node"),
        columns=["pieces", "largest_piece", "cut_off", "share"],
    )
    return frame.astype({"pieces": "int64", "largest_piece": "int64", "cut_off": "int64", "share": "float64"})


def bridges(G: nx.Graph) -> pd.DataFrame:
    """Bridge ties: single ties whose loss splits a connected group of actors in two.

    Ties are taken as undirected, and several ties between the same two
    actors (relations, directions) count as one tie. For each bridge u - v,
    ``v`` is the endpoint on the smaller side:

    * ``separated``: actors on v's side (v included), who would lose touch
      with u's side if the tie broke;
    * ``remaining``: actors on u's side (u included);
    * ``share``: separated / n, with n the number of nodes of ``G``.

    Linear time (one depth-first search, Hopcroft & Tarjan 1973).

    Parameters
    ----------
    G : networkx graph
        Any graph type.

    Returns
    -------
    DataFrame
        One row per bridge, columns ``u``, ``v``, ``separated``, ``remaining``,
        ``share``, sorted by ``separated`` (largest first). Empty (same
        columns) when there is none.

    Examples
    --------
    >>> import networkx as nx
    >>> bridges(nx.path_graph(["a", "b", "c"])).to_dict("records")[0]
    {'u': 'b', 'v': 'a', 'separated': 1, 'remaining': 2, 'share': 0.3333333333333333}
    """
    nodes, indptr, indices = _undirected_csr(G)
    n = len(nodes)
    disc, low, parent, size, comp_size = _dfs_tree(n, indptr, indices)
    rows = []
    for c in range(n):
        p = parent[c]
        if p >= 0 and low[c] > disc[p]:
            below, above = size[c], comp_size[c] - size[c]
            u, v, sep, rem = (p, c, below, above) if below <= above else (c, p, above, below)
            rows.append({"u": nodes[u], "v": nodes[v], "separated": sep, "remaining": rem, "share": sep / n})
    rows.sort(key=lambda row: -row["separated"])
    frame = pd.DataFrame(rows, columns=["u", "v", "separated", "remaining", "share"])
    return frame.astype({"u": object, "v": object, "separated": "int64", "remaining": "int64", "share": "float64"})

"""Accelerated paths through compiled libraries (networkit, igraph), on plain arrays.

The expensive steps of netkit (Louvain, betweenness) have a pure
networkx / python-louvain path, the reference, which is slow beyond some
tens of thousands of nodes. The helpers here run the same steps in
networkit (Staudt, Sazonovs & Meyerhenke 2016) or igraph (Csárdi & Nepusz
2006), both optional: ``pip install "netkit[fast]"``. They take a network
as plain arrays, ``n`` nodes numbered 0..n-1 and ties ``src[i] - dst[i]``
of weight ``w[i]`` (the form :func:`netkit._arrays.collapse_arrays`
returns), so that a networkx graph (through :func:`netkit._arrays.read_arcs`)
and an array-only production network of millions of links can both use them.
No n x n dense matrix is built.

Betweenness is exact (igraph's or networkit's C++ code) or sampled with a
stated bound, valid for all nodes at once: networkit's Riondato &
Kornaropoulos (2016) and KADABRA (Borassi & Natale 2019) samplers on
undirected unweighted networks, netkit's own pivots with a Hoeffding bound
otherwise (networkit's directed sampler first estimates the vertex
diameter, which takes minutes on directed networks of 100,000 nodes). Louvain is networkit's PLM or igraph's multilevel.

Randomness is local: with a ``seed`` every call is reproducible. networkit's
parallel Louvain (PLM) and sampled betweenness are *not* reproducible across
runs with two threads even with a seed (threads pick nodes and samples in a
racy order), so with a seed they run on one thread; without a seed they use
every thread networkit has. On one thread PLM's default modes visit the
nodes in id order and draw nothing at random (every seed would give the same
partition and a consensus would be void), so with a seed netkit runs its
sequential randomised mode ("none randomized"), which draws the node order
from networkit's generator seeded with the seed. The
global settings touched (networkit's thread
count and random seed, igraph's random number generator) are restored
afterwards; networkit offers no way to read its generator back, so it is
re-seeded from fresh entropy (``os.urandom``) instead of being left on the
caller's seed.

References
----------
Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding
of communities in large networks. J. Stat. Mech. P10008.
Staudt, C. L. & Meyerhenke, H. (2016). Engineering parallel algorithms for community
detection in massive networks. IEEE Trans. Parallel Distrib. Syst. 27(1), 171-184.
Riondato, M. & Kornaropoulos, E. M. (2016). Fast approximation of betweenness centrality
through sampling. Data Min. Knowl. Disc. 30(2), 438-475.
Borassi, M. & Natale, E. (2019). KADABRA is an adaptive algorithm for betweenness via
random approximation. ACM J. Exp. Algorithmics 24, 1.2.
Brandes, U. (2008). On variants of shortest-path betweenness centrality and their generic
computation. Social Networks 30(2), 136-145.
Brandes, U. & Pich, C. (2007). Centrality estimation in large networks. Int. J. Bifurcation
Chaos 17(7), 2303-2318.
Staudt, C. L., Sazonovs, A. & Meyerhenke, H. (2016). NetworKit: a tool suite for
large-scale complex network analysis. Network Science 4(4), 508-530.
Csárdi, G. & Nepusz, T. (2006). The igraph software package for complex network research.
InterJournal Complex Systems 1695.
Hoeffding, W. (1963). Probability inequalities for sums of bounded random variables.
J. Am. Stat. Assoc. 58(301), 13-30.
"""

from __future__ import annotations

import importlib
import os
import random
import math
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from .errors import NetkitError

BACKENDS = ("networkit", "igraph")
_INSTALL = 'pip install "netkit[fast]"'


# --------------------------------------------------------------------------- backends
def _module(name: str):
    """The backend's module, or None when it is not installed (imported lazily)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def available() -> tuple[str, ...]:
    """The fast backends installed, in order of preference (networkit, igraph).

    >>> set(available()) <= {"networkit", "igraph"}
    True
    """
    return tuple(name for name in BACKENDS if _module(name) is not None)


def _require(name: str):
    mod = _module(name)
    if mod is None:
        raise NetkitError(
            f"the {name!r} backend is not installed; install the fast extras with "
            f"{_INSTALL} (or pip install {name}), or choose another method"
        )
    return mod


def resolve_backend(backend: str, *, choices: tuple[str, ...] = BACKENDS) -> str:
    """The backend to use: ``backend`` itself (checked), or for "auto" the first of ``choices`` installed."""
    if backend == "auto":
        for name in choices:
            if _module(name) is not None:
                return name
        raise NetkitError(
            f"no fast backend is installed (needs one of {', '.join(choices)}); install them with {_INSTALL}"
        )
    if backend not in choices:
        raise NetkitError(f"backend must be 'auto' or one of {choices}, got {backend!r}")
    _require(backend)
    return backend


@contextmanager
def _networkit_seeded(nk, seed):
    """networkit with a fixed seed on one thread (when ``seed`` is given); restored afterwards."""
    threads = nk.getMaxNumberOfThreads()
    try:
        if seed is not None:
            nk.setNumberOfThreads(1)  # parallel PLM / sampling are racy: not reproducible on 2+ threads
            nk.setSeed(int(seed) % 2**63, False)
        yield
    finally:
        nk.setNumberOfThreads(threads)
        if seed is not None:  # networkit cannot give its generator back: re-seed it from entropy
            nk.setSeed(int.from_bytes(os.urandom(7), "little"), False)


@contextmanager
def _igraph_seeded(ig, seed):
    """igraph drawing from ``random.Random(seed)``; its default generator (the random module) restored afterwards."""
    if seed is None:
        yield
        return
    ig.set_random_number_generator(random.Random(int(seed)))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


# --------------------------------------------------------------------------- arrays
def _check_arrays(n, src, dst, w):
    n = int(n)
    src = np.asarray(src, dtype=np.int64).ravel()
    dst = np.asarray(dst, dtype=np.int64).ravel()
    if src.shape != dst.shape:
        raise NetkitError(f"src and dst must have the same length, got {src.size} and {dst.size}")
    if w is None:
        w = np.ones(src.size)
    w = np.asarray(w, dtype=np.float64).ravel()
    if w.shape != src.shape:
        raise NetkitError(f"w must have one weight per tie ({src.size}), got {w.size}")
    if src.size and (min(src.min(), dst.min()) < 0 or max(src.max(), dst.max()) >= n):
        raise NetkitError(f"tie ends must be node numbers 0..{n - 1}; renumber the nodes first")
    if not np.isfinite(w).all():
        raise NetkitError("tie weights must be finite numbers; fix or drop the NaN / infinite weights")
    return n, src, dst, w


def _merge(n, src, dst, w, *, directed: bool, loops: bool):
    """One tie per (ordered if ``directed``) pair, weights summed; ties of weight 0 dropped."""
    if not directed:
        src, dst = np.minimum(src, dst), np.maximum(src, dst)
    if not loops:
        keep = src != dst
        src, dst, w = src[keep], dst[keep], w[keep]
    key = src * max(n, 1) + dst
    uniq, inv = np.unique(key, return_inverse=True)
    total = np.bincount(inv, weights=w, minlength=len(uniq))
    keep = total != 0
    uniq, total = uniq[keep], total[keep]
    return uniq // max(n, 1), uniq % max(n, 1), total


def _networkit_graph(nk, n, src, dst, w, *, directed: bool, weighted: bool):
    g = nk.Graph(n, weighted=weighted, directed=directed)
    if src.size:
        ends = (src.astype(np.uint64), dst.astype(np.uint64))
        g.addEdges((np.ascontiguousarray(w, dtype=np.float64), ends) if weighted else ends)
    return g


def _igraph_graph(ig, n, src, dst, *, directed: bool):
    return ig.Graph(n=n, edges=np.column_stack([src, dst]), directed=directed)


def canonical_labels(labels) -> np.ndarray:
    """Labels renumbered 0, 1, ... by order of first appearance (equal partitions, equal arrays).

    >>> canonical_labels([5, 5, 2, 7, 2]).tolist()
    [0, 0, 1, 2, 1]
    """
    labels = np.asarray(labels)
    if labels.size == 0:
        return np.zeros(0, dtype=np.int64)
    _, first, inv = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(first))
    return rank[inv.ravel()]


# --------------------------------------------------------------------------- Louvain
def louvain_arrays(n, src, dst, w=None, *, seed, resolution: float = 1.0, backend: str = "auto") -> np.ndarray:
    """Louvain communities of an undirected weighted network given as arrays.

    Parameters
    ----------
    n : int
        Number of nodes, numbered 0..n-1.
    src, dst : array of int
        The ends of each tie. Direction is ignored; parallel ties (both
        directions, several relations) are merged, their weights summed.
        Self-loops are kept (they count in modularity as networkx counts them).
    w : array of float, optional
        Tie strengths (>= 0; default 1). Ties whose summed weight is 0 are dropped.
    seed : int or None
        Seed of the run. With a seed the run is reproducible: networkit runs
        on one thread (its parallel PLM gives different partitions on two
        threads even with one seed) and igraph draws from its own
        ``random.Random(seed)``. None: not reproducible (networkit uses every thread).
        On one thread PLM's default modes draw nothing at random (they visit
        the nodes in id order, so every seed would give the same partition and
        a consensus would be void): with a seed netkit runs PLM's sequential
        randomised mode ("none randomized"), which visits the nodes in an
        order drawn from networkit's generator seeded with ``seed``, as
        python-louvain shuffles its node order.
    resolution : float
        Resolution gamma of modularity (Reichardt & Bornholdt 2006): the null
        model term is multiplied by gamma, in both backends.
    backend : {"auto", "networkit", "igraph"}
        "networkit": PLM, the parallel Louvain of Staudt & Meyerhenke (2016),
        with its refinement step off (as Blondel et al. 2008) and ``turbo``.
        "igraph": ``community_multilevel`` (Blondel et al. 2008). "auto": networkit
        if installed, else igraph; NetkitError when neither is.

    Returns
    -------
    ndarray of int64
        Community of each node, numbered by first appearance (node 0 is in
        community 0). Isolates get a community each.

    Examples
    --------
    >>> labels = louvain_arrays(6, [0, 1, 2, 3, 4, 5], [1, 2, 0, 4, 5, 3], seed=1)
    >>> labels.tolist()
    [0, 0, 0, 1, 1, 1]
    """
    return louvain_runner(n, src, dst, w, resolution=resolution, backend=backend)(seed)


def louvain_runner(n, src, dst, w=None, *, resolution: float = 1.0, backend: str = "auto"):
    """A function ``seed -> labels`` that runs :func:`louvain_arrays` on this network.

    The ties are checked and merged once, and the backend's graph built once,
    for many runs (a consensus).
    """
    n, src, dst, w = _check_arrays(n, src, dst, w)
    if (w < 0).any():
        raise NetkitError("Louvain needs tie weights >= 0; rescale the weights or drop the weights")
    if not resolution > 0:
        raise NetkitError(f"resolution must be positive, got {resolution!r}")
    backend = resolve_backend(backend)
    if n == 0:
        return lambda seed: np.zeros(0, dtype=np.int64)
    a, b, ww = _merge(n, src, dst, w, directed=False, loops=True)
    if backend == "networkit":
        nk = _require("networkit")
        g = _networkit_graph(nk, n, a, b, ww, directed=False, weighted=True)

        def run(seed):
            # With a seed: one thread, and PLM's sequential mode that visits the nodes in a random
            # order drawn from networkit's generator ("none randomized"; the default modes visit them
            # in id order on one thread, so every seed would give the same partition).
            with _networkit_seeded(nk, seed):
                plm = nk.community.PLM(g, refine=False, gamma=float(resolution), turbo=True,
                                       par="balanced" if seed is None else "none randomized")
                plm.run()
                labels = np.asarray(plm.getPartition().getVector(), dtype=np.int64)
            return canonical_labels(labels)

        return run
    ig = _require("igraph")
    g = _igraph_graph(ig, n, a, b, directed=False)
    weights = ww.tolist()

    def run(seed):
        with _igraph_seeded(ig, seed):
            clusters = g.community_multilevel(weights=weights, resolution=float(resolution))
        return canonical_labels(np.asarray(clusters.membership, dtype=np.int64))

    return run


def modularity_arrays(n, src, dst, w=None, labels=None, resolution: float = 1.0) -> float:
    """Modularity (Newman & Girvan 2004) of a partition of an undirected weighted network.

    Q = sum over communities c of [L_c / m - gamma (d_c / 2m)^2], with m the
    total tie weight, L_c the weight of ties inside c and d_c the summed
    strength of c's nodes, exactly as ``networkx.community.modularity``
    defines it: direction is ignored, every listed tie counts once (parallel
    ties add up), a self-loop counts once in m and L_c and twice in its
    node's strength. Sparse: time and memory linear in nodes + ties.

    Returns NaN when the network has no tie weight.

    >>> round(modularity_arrays(4, [0, 2, 1], [1, 3, 2], None, [0, 0, 1, 1]), 4)
    0.1667
    """
    n, src, dst, w = _check_arrays(n, src, dst, w)
    if labels is None:
        raise NetkitError("modularity_arrays needs labels, one community per node")
    labels = np.asarray(labels).ravel()
    if labels.size != n:
        raise NetkitError(f"labels must give one community per node ({n}), got {labels.size}")
    m = float(w.sum())
    if m == 0:
        return float("nan")
    _, comm = np.unique(labels, return_inverse=True)
    comm = comm.ravel()
    k = int(comm.max()) + 1
    cs, cd = comm[src], comm[dst]
    inside = np.bincount(cs[cs == cd], weights=w[cs == cd], minlength=k)
    degree = np.bincount(cs, weights=w, minlength=k) + np.bincount(cd, weights=w, minlength=k)
    return float(np.sum(inside / m - resolution * (degree / (2 * m)) ** 2))


# --------------------------------------------------------------------------- betweenness
@dataclass(frozen=True)
class FastBetweenness:
    """Betweenness of every node from :func:`betweenness_arrays`.

    Attributes
    ----------
    values : ndarray of float64
        Betweenness of each node (normalised or raw, see ``normalized``).
    method : str
        "exact" or "sampled".
    backend : str
        "igraph" or "networkit".
    normalized : bool
        Whether ``values`` are divided by (n - 1)(n - 2) (directed) or
        (n - 1)(n - 2) / 2 (undirected), as networkx normalises.
    epsilon, delta : float or None
        The requested bound of a sampled estimate (None when exact).
    error : float
        With probability at least 1 - delta, *every* node's value is within
        ``error`` of its exact value, in the units of ``values`` (networkit:
        epsilon x n / (n - 2) normalised, epsilon x n (n - 1) raw directed,
        epsilon x n (n - 1) / 2 raw undirected; netkit's pivots: at most
        epsilon x n / (n - 1) normalised). 0 when exact.
    samples : int
        Shortest paths sampled (networkit) or pivot sources (netkit); 0 when exact.
    bound : str
        The guarantee in words, for reports.
    """

    values: np.ndarray
    method: str
    backend: str
    normalized: bool
    epsilon: float | None
    delta: float | None
    error: float
    samples: int
    bound: str


def betweenness_arrays(
    n,
    src,
    dst,
    w=None,
    *,
    directed: bool,
    epsilon: float | None = None,
    delta: float = 0.1,
    seed=None,
    normalized: bool = True,
    backend: str = "auto",
) -> FastBetweenness:
    """Betweenness centrality (Freeman 1977) of a network given as arrays: exact, or sampled with a bound.

    Parameters
    ----------
    n : int
        Number of nodes, numbered 0..n-1 (isolates get 0).
    src, dst : array of int
        Each tie (an arc src -> dst when ``directed``). Parallel ties are
        merged, weights summed; self-loops are ignored.
    w : array of float, optional
        Tie strengths (> 0; a tie whose summed strength is 0 is no tie,
        negative ones raise NetkitError). As everywhere in netkit a strong
        tie is short: its length is 1 / strength (see
        :func:`netkit.brokerage.betweenness`). None: every tie has length 1.
    directed : bool
        Follow tie direction. Undirected betweenness counts each unordered
        pair once, as networkx and igraph do.
    epsilon : float, optional
        None: exact (Brandes 2001; igraph's, or networkit's, C++ code). A
        number in (0, 1): sampled, with probability at least 1 - delta
        every node's estimate within the bound of its exact value, all nodes
        at once, by one of two samplers (``backend``):

        * "networkit": on undirected networks ``KadabraBetweenness``
          (Borassi & Natale 2019), which samples shortest paths between
          random pairs by balanced bidirectional search and stops as soon as
          its adaptive bound is met; on directed ones ``ApproxBetweenness``
          (Riondato & Kornaropoulos 2016; KADABRA in networkit needs an
          undirected graph). The bound is epsilon on the betweenness divided
          by the number of pairs, n (n - 1) ordered or n (n - 1) / 2
          unordered. Unweighted only (their sample sizes rest on the vertex
          diameter in hops).
        * "netkit": netkit's own pivots (Brandes & Pich 2007; batched Brandes
          code in numpy / scipy): k = ceil(ln(2 n / delta) / (2 epsilon^2))
          sources drawn without replacement, so that by Hoeffding's
          inequality (which holds for sampling without replacement) and a
          union bound over the n nodes, each node's mean dependency divided
          by n - 2 (a number in [0, 1]) is within epsilon of its exact mean:
          normalised betweenness within epsilon n / (n - 1). Weights allowed.
          Time is k single-source searches over the whole network.
    delta : float
        Failure probability of the bound (0 < delta < 1).
    seed : int, optional
        Seed of the sample (reproducible; networkit then runs on one thread).
    normalized : bool
        Divide by (n - 1)(n - 2) (directed) or (n - 1)(n - 2) / 2 (undirected),
        as networkx does. The bound then reads epsilon x n / (n - 2).
    backend : {"auto", "igraph", "networkit", "netkit"}
        Exact: "auto" is igraph if installed (its path lengths are compared
        with a relative tolerance of 1e-10, as netkit's own code does), else
        networkit (which compares weighted lengths exactly, so equal paths
        whose lengths differ by rounding may count as different). Sampled:
        "auto" is networkit for undirected unweighted networks and netkit's
        pivots otherwise (networkit's directed sampler first estimates the
        vertex diameter, slow on directed networks: see Notes).

    Returns
    -------
    FastBetweenness
        ``values`` plus the method, backend, bound and sample size.

    Notes
    -----
    The sample size of Riondato & Kornaropoulos (2016) is
    r = (c / epsilon^2) (floor(log2(VD - 2)) + 1 + ln(1 / delta)), with VD
    networkit's estimate of the vertex diameter (the most nodes on a
    shortest path) and c = 1 (networkit's default; the paper allows 0.5).
    Work is about r shortest-path searches, each stopped at its target,
    and independent of n otherwise: at epsilon = 0.01 r is about 60,000-90,000,
    more than the n searches of the exact computation below ~100,000 nodes.
    On a 50,000-firm, 250,000-link directed production network (one thread,
    shared 2-core machine; ``benchmarks/bench_fast.py --exact``) epsilon =
    0.01 took 360 s against 220 s for igraph's exact code; epsilon = 0.05
    (3,300 paths) about 30 s, most of it networkit's estimate of the vertex
    diameter, which is slow on directed networks. The errors against the
    exact values were 4 to 9 times below epsilon.
    KADABRA (undirected) stops as soon as its adaptive bound holds, after
    far fewer paths, each found by a balanced bidirectional search: on the
    same network taken both ways epsilon = 0.01 took 0.5 s (22,000 paths),
    and 25-28 s at 1,000,000 firms / 10,000,000 links
    (``benchmarks/bench_fast.py``, ``benchmarks/bench_scale.py``).
    The bound is additive: it says little about nodes whose normalised
    betweenness is far below epsilon (most nodes of a large network), and
    ranks the main brokers reliably.

    Examples
    --------
    >>> res = betweenness_arrays(3, [0, 1], [1, 2], directed=False, normalized=False)
    >>> res.values.tolist(), res.method
    ([0.0, 1.0, 0.0], 'exact')
    """
    given = w is not None
    n, src, dst, w = _check_arrays(n, src, dst, w)
    if (w < 0).any():
        raise NetkitError("betweenness needs tie strengths >= 0; fix the data or drop the weights")
    a, b, strength = _merge(n, src, dst, w, directed=directed, loops=False)
    length = 1.0 / strength
    weighted = given and bool(np.any(strength != strength[:1]))  # equal strengths: plain hop counts
    pairs = n * (n - 1) if directed else n * (n - 1) / 2  # raw values count these pairs
    scale = 1.0 / ((n - 1) * (n - 2)) * (1 if directed else 2) if normalized and n > 2 else 1.0
    if epsilon is None:
        backend = resolve_backend(backend, choices=("igraph", "networkit"))
        values = _exact(backend, n, a, b, length, directed=directed, weighted=weighted)
        return FastBetweenness(values * scale, "exact", backend, normalized, None, None, 0.0, 0,
                               "exact betweenness (Brandes 2001)")
    if not 0 < epsilon < 1 or not 0 < delta < 1:
        raise NetkitError(f"epsilon and delta must be in (0, 1), got {epsilon!r} and {delta!r}")
    if backend == "auto":  # networkit's vertex-diameter estimate is slow on directed networks
        backend = "networkit" if not directed and not weighted and _module("networkit") else "netkit"
    if backend == "netkit":
        return _pivots_with_bound(n, a, b, length, directed=directed, weighted=weighted, epsilon=epsilon,
                                  delta=delta, seed=seed, normalized=normalized, scale=scale)
    if weighted:
        raise NetkitError(
            "networkit's sampled betweenness needs unweighted ties: pass w=None (weight=None), "
            "compute it exactly (epsilon=None), or use backend 'netkit' (pivots with a bound, weights allowed)"
        )
    backend = resolve_backend(backend, choices=("networkit",))
    nk = _require("networkit")
    values = np.zeros(n)
    samples = 0
    if n > 2 and a.size:
        g = _networkit_graph(nk, n, a, b, length, directed=directed, weighted=False)
        with _networkit_seeded(nk, seed):
            if directed:
                approx = nk.centrality.ApproxBetweenness(g, epsilon=float(epsilon), delta=float(delta))
                approx.run()
                values = np.asarray(approx.scores(), dtype=np.float64)  # over the n (n - 1) ordered pairs
                samples = int(approx.numberOfSamples())
            else:
                approx = nk.centrality.KadabraBetweenness(g, float(epsilon), float(delta))
                approx.run()
                # networkit's KADABRA scores are twice the share of the n (n - 1) / 2 unordered pairs
                # (checked against igraph's exact values in tests/test_fast.py)
                values = np.asarray(approx.scores(), dtype=np.float64) / 2
                samples = int(approx.getNumberOfIterations())
    raw = values * (n * (n - 1)) / (1 if directed else 2)
    error = epsilon * pairs * scale
    unit = "normalised " if normalized else ""
    paper = "Riondato & Kornaropoulos 2016" if directed else "KADABRA, Borassi & Natale 2019"
    bound = (f"sampled ({paper}, {samples:,} shortest paths): with probability "
             f"at least {1 - delta:g}, every node's {unit}betweenness is within {error:.4g} of its exact value")
    return FastBetweenness(raw * scale, "sampled", backend, normalized, float(epsilon), float(delta),
                           float(error), samples, bound)


def pivots_for(n: int, epsilon: float, delta: float) -> int:
    """Pivots k for which Hoeffding's bound with a union over the n nodes gives epsilon (at most n)."""
    return int(min(n, math.ceil(math.log(2 * n / delta) / (2 * epsilon**2))))


def hoeffding_epsilon(n: int, k: int, delta: float) -> float:
    """The epsilon that k pivots out of n guarantee with probability 1 - delta (0 when k = n: exact)."""
    return 0.0 if k >= n else math.sqrt(math.log(2 * n / delta) / (2 * k))


def _pivots_with_bound(n, a, b, length, *, directed, weighted, epsilon, delta, seed, normalized, scale):
    """netkit's pivot estimate (Brandes & Pich 2007) with as many pivots as Hoeffding's bound asks."""
    from .brokerage import _dependencies  # netkit's batched Brandes code (imports this module)

    k = pivots_for(n, epsilon, delta) if n > 2 else n
    src, dst, lengths = (a, b, length) if directed else (np.r_[a, b], np.r_[b, a], np.r_[length, length])
    sources = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False)) if k else np.zeros(0, int)
    total, _ = _dependencies(n, src, dst, lengths, sources, weighted)
    raw = total * (n / max(k, 1)) / (1 if directed else 2)
    bound_mean = hoeffding_epsilon(n, k, delta)  # on the mean dependency / (n - 2), which lies in [0, 1]
    error = bound_mean * n * max(n - 2, 0) / (1 if directed else 2) * scale
    unit = "normalised " if normalized else ""
    bound = (f"sampled ({k:,} pivot sources, Brandes & Pich 2007; Hoeffding bound with a union over nodes): "
             f"with probability at least {1 - delta:g}, every node's {unit}betweenness is within "
             f"{error:.4g} of its exact value")
    if k >= n:  # the bound asks for every source: the values are exact
        bound = f"exact betweenness (Brandes 2001): epsilon={epsilon:g} needs more pivots than the {n:,} nodes"
    return FastBetweenness(raw * scale, "sampled" if k < n else "exact", "netkit", normalized, float(epsilon),
                           float(delta), float(error), int(k), bound)


def _exact(backend, n, a, b, length, *, directed, weighted) -> np.ndarray:
    """Raw exact betweenness (undirected: each unordered pair once)."""
    if a.size == 0:
        return np.zeros(n)
    if backend == "igraph":
        ig = _require("igraph")
        g = _igraph_graph(ig, n, a, b, directed=directed)
        return np.asarray(g.betweenness(directed=directed, weights=length.tolist() if weighted else None),
                          dtype=np.float64)
    nk = _require("networkit")
    g = _networkit_graph(nk, n, a, b, length, directed=directed, weighted=weighted)
    exact = nk.centrality.Betweenness(g, normalized=False)
    exact.run()
    values = np.asarray(exact.scores(), dtype=np.float64)
    return values if directed else values / 2  # networkit counts ordered pairs in undirected graphs too

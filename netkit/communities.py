"""Communities (Louvain), their stability over many runs, and how far they
follow a node attribute.

Louvain (Blondel, Guillaume, Lambiotte & Lefebvre 2008, J. Stat. Mech.
P10008) maximises modularity (Newman & Girvan 2004) greedily. It is random:
two runs with different seeds can split a network differently. With
``n_runs > 1`` netkit runs it many times and reports a consensus partition
(Lancichinetti & Fortunato 2012) and how stable each grouping is, so that a
facilitator can tell solid groupings from noise.

All community detection here works on the undirected, weighted projection of
the graph built by :func:`netkit.graph.collapse`: one tie per pair, weight the
sum over relations and directions.

Louvain runs in one of four implementations: python-louvain (the reference,
used on networks of up to ``AUTO_MIN_NODES`` nodes), networkx, and, for
large networks, the compiled networkit (PLM, Staudt & Meyerhenke 2016) or
igraph (``community_multilevel``), optional (``pip install "netkit[fast]"``,
see :mod:`netkit._fast`). :func:`communities_from_arrays` runs the same
procedure on a network given as arrays (production networks of millions of
links, with no networkx graph).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from community import community_louvain

from . import _fast
from .errors import NetkitError
from .graph import collapse

_canonical = _fast.canonical_labels  # labels renumbered by first appearance

__all__ = ["ArrayCommunities", "CommunityResult", "PartitionAgreement", "communities_from_arrays",
           "find_communities", "partition_agreement"]

_METHODS = ("auto", "python-louvain", "louvain", "networkx", "networkit", "igraph")
AUTO_MIN_NODES = 5_000  # method="auto": python-louvain below this many nodes, a compiled backend from here on
_MAX_ROUNDS = 10
_SEED_HIGH = 2**31 - 1


@dataclass
class CommunityResult:
    """The result of :func:`find_communities`.

    Attributes
    ----------
    membership : pandas.DataFrame
        Indexed by node: ``community`` (int, 0 = largest), ``stability``
        (mean co-assignment with the other members of its community over the
        runs; NaN with one run and for communities of one) and ``isolate``.
    communities : pandas.DataFrame
        Indexed by community: ``size``, ``internal_ties``, ``internal_weight``,
        ``external_ties``, ``density`` (internal ties / possible pairs) and
        ``stability`` (mean co-assignment over the pairs of its members).
    modularity : float
        Newman-Girvan modularity (resolution 1) of the partition on the
        collapsed weighted graph, as ``networkx.community.modularity``
        defines it (computed by networkx for python-louvain and networkx, by
        :func:`netkit._fast.modularity_arrays` for the compiled methods; the
        two agree to 1e-12); NaN when the graph has no ties.
    coassignment : pandas.DataFrame or None
        With ``n_runs > 1``: columns ``u``, ``v``, ``share`` (fraction of runs
        that put u and v together) and ``tied``; only pairs together at least
        once. None with one run.
    method, resolution, n_runs, seed :
        The settings used; ``method`` is the implementation that ran
        ("python-louvain", "networkx", "networkit" or "igraph", also when
        "auto" chose it); ``seed`` is the seed actually used (drawn from
        fresh entropy when none was given), so any result can be reproduced.
    converged : bool or None
        Whether the consensus procedure converged (None with one run).
    run_modularity : list of float
        Modularity of each Louvain run on the original graph.
    """

    membership: pd.DataFrame
    communities: pd.DataFrame
    modularity: float
    coassignment: pd.DataFrame | None
    method: str
    resolution: float
    n_runs: int
    seed: int
    converged: bool | None
    run_modularity: list[float]


def find_communities(
    G: nx.Graph,
    *,
    method: str = "auto",
    resolution: float = 1.0,
    seed: int | None = None,
    weight: str | None = "weight",
    relations=None,
    n_runs: int = 1,
    threshold: float = 0.2,
    pairs: str = "ties",
) -> CommunityResult:
    """Find communities by Louvain modularity maximisation, optionally with consensus.

    Parameters
    ----------
    G : networkx graph
        Any graph type; not modified. It is collapsed with
        ``collapse(G, directed=False)``: direction is ignored and parallel
        ties (several relations, both directions) add their weights into one
        tie. python-louvain reports wrong modularity on multigraphs, so it
        never sees one.
    method : {"auto", "python-louvain", "networkx", "networkit", "igraph"}
        ``"python-louvain"`` (or its old name ``"louvain"``): python-louvain's
        ``best_partition`` with ``random_state`` set (never numpy's global
        random state), the reference.
        ``"networkx"``: ``networkx.community.louvain_communities`` with ``seed``.
        ``"networkit"``: networkit's PLM (Staudt & Meyerhenke 2016), run on
        one thread so that a seed reproduces it; ``"igraph"``: igraph's
        ``community_multilevel`` with a generator of its own seeded from
        ``seed`` (see :func:`netkit._fast.louvain_arrays`); both need
        ``pip install "netkit[fast]"`` (NetkitError otherwise).
        ``"auto"``: python-louvain on graphs of fewer than ``AUTO_MIN_NODES``
        (5,000) nodes, otherwise networkit if installed, else igraph, else
        python-louvain with a warning that it is slow (10-70 s per run at
        50,000 nodes). Every run of the consensus uses the chosen method.
        The threshold keeps every survey-sized network on the reference
        while a consensus of 50 runs stays within minutes: one python-louvain
        run took 0.7-3 s at 5,000 nodes, 7 s at 10,000 and 20 s at 20,000
        (networkit: 0.01-0.2 s), and the compiled methods' modularity was
        within 0.005 of python-louvain's, above or below (benchmarks/bench_fast.py).
        Partitions of different methods are not comparable label for label;
        compare their modularity.
    resolution : float
        Resolution parameter of modularity (gamma); above 1 gives smaller
        communities, below 1 larger ones. The reported ``modularity`` is
        always the standard one (gamma = 1). python-louvain 0.16 applies
        gamma inconsistently (taynaud/python-louvain issues 86 and 94: 0.5
        can give more communities than 1), so with ``resolution != 1`` the
        ``"louvain"`` method runs networkx's Louvain instead, which applies
        it as Reichardt & Bornholdt (2006) define it.
    seed : int, optional
        Seed of every random step. With ``n_runs > 1`` the seeds of the runs
        are drawn from ``numpy.random.default_rng(seed)``.
    weight : str or None
        Edge attribute with tie strength; None treats the network as binary
        (one tie per connected pair, whatever the relations).
    relations : str or list of str, optional
        Use only ties of these relations (default: all).
    n_runs : int
        Number of Louvain runs. With more than one (e.g. 50) the result is
        the consensus partition described below, with stability scores.
    threshold : float
        Consensus threshold tau: co-assignment shares below it are dropped
        before re-clustering (0.2, the value Tandon et al. 2019 use for Louvain).
    pairs : {"ties", "all"}
        Which pairs of actors get a co-assignment share. ``"ties"``: pairs
        that are tied in the network (fast consensus of Tandon et al. 2019;
        memory grows with the number of ties, fine on 50,000 actors).
        ``"all"``: every pair put together at least once (the original
        consensus matrix of Lancichinetti & Fortunato 2012; memory and time
        grow with the squared size of communities, so keep it for networks
        of up to a few hundred actors). Stability scores are exact in both
        modes.

    Returns
    -------
    CommunityResult
        ``membership``, ``communities``, ``modularity``, ``coassignment`` and
        the settings used.

    Notes
    -----
    *Isolates* (actors with no tie) are set aside before Louvain and each
    forms its own community of one (stability NaN). External actors
    (``in_cluster=False``) are treated like any other node; drop them first
    if communities of cluster members only are wanted.

    *Labels* are renumbered by size, 0 being the largest community; ties in
    size go to the community whose first member comes first in ``G.nodes``.
    The same graph and seed give the same labels.

    *Consensus* (``n_runs > 1``) follows Lancichinetti & Fortunato (2012),
    "Consensus clustering in complex networks", Sci. Rep. 2:336:
    (1) run Louvain ``n_runs`` times on the network; (2) for each pair of
    actors (see ``pairs``) the share of runs that put them together is its
    co-assignment; (3) shares below ``threshold`` are dropped, except each
    actor's strongest pair, so that no actor is cut off (Tandon et al. 2019
    re-attach such actors too); (4) run Louvain ``n_runs`` times on this weighted
    co-assignment network; (5) stop when all these runs agree, otherwise go
    back to (2) with the new runs. After 10 rounds without agreement the run
    with the highest mean adjusted Rand index to the others of the last round
    is taken and ``converged`` is False. The ``"ties"`` mode is the fast
    variant of Tandon, Albeshri, Thayananthan, Alhalabi & Fortunato (2019),
    Phys. Rev. E 99:042301, without their random extra triad pairs.

    *Stability* of an actor is its mean co-assignment, over the first
    ``n_runs`` runs on the network itself, with the other members of its
    consensus community (1 = always together, near 0 = an accident of one
    run); a community's stability is the mean co-assignment over all pairs of
    its members. Both are computed over all pairs of members, tied or not,
    from the run labels (no n x n matrix).

    Cost: each run is one Louvain; consensus adds ``n_runs`` runs per round
    on the co-assignment network. On a 5,000-actor, 25,000-tie network one
    run took about 1 s and ``n_runs=10`` about 30 s (``pairs="ties"``) but
    over 3 minutes with ``pairs="all"`` (630,000 pairs). On 50,000 actors and
    250,000 ties one python-louvain run took 40-70 s on a random network and
    10 s on a synthetic production network (which has clearer groups), one
    networkx ``louvain_communities`` run 25-50 s and 6 s, igraph 1-4 s and
    networkit's PLM (one thread) 0.2-0.4 s, with modularity within 0.005 of
    python-louvain's, and a consensus of 10 networkit runs 1.7 s, on a
    2-core machine (benchmarks/bench_communities.py, benchmarks/bench_fast.py).

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding
    of communities in large networks. J. Stat. Mech. P10008.
    Staudt, C. L. & Meyerhenke, H. (2016). Engineering parallel algorithms for community
    detection in massive networks. IEEE Trans. Parallel Distrib. Syst. 27(1), 171-184.
    Lancichinetti, A. & Fortunato, S. (2012). Consensus clustering in complex networks.
    Sci. Rep. 2, 336.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.barbell_graph(5, 0)  # two 5-cliques joined by one tie
    >>> res = find_communities(G, seed=1)
    >>> res.membership["community"].tolist()
    [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
    >>> round(res.modularity, 3)
    0.452
    >>> res = find_communities(G, seed=1, n_runs=10)
    >>> res.communities["stability"].tolist()
    [1.0, 1.0]
    """
    _check_options(method, n_runs, resolution, threshold, seed)
    if pairs not in ("ties", "all"):
        raise NetkitError(f"pairs must be 'ties' or 'all', got {pairs!r}")
    if G.number_of_nodes() == 0:
        raise NetkitError("the graph has no nodes; nothing to partition")
    if seed is None:
        seed = int(np.random.default_rng().integers(_SEED_HIGH))
    seed = int(seed)

    H = _weighted_projection(G, weight=weight, relations=relations)
    nodes = list(H.nodes())
    method = _resolve_method(method, len(nodes))
    isolates = [v for v in nodes if H.degree(v) == 0]
    core = H  # the non-isolates
    if isolates:  # a copy, not a subgraph view: a view may reorder the nodes
        core = H.copy()
        core.remove_nodes_from(isolates)
    core_nodes = list(core.nodes())
    net = _Net(len(core_nodes), graph=core)
    run = _runner(method, resolution)
    if method in _fast.BACKENDS:  # modularity in numpy: networkx's takes seconds per run on large graphs
        def modularity_of(labels):
            return _fast.modularity_arrays(net.n, *net.arrays, labels)
    else:
        def modularity_of(labels):
            return _modularity(H, core_nodes, labels)

    converged = None
    coassignment = None
    run_mod: list[float] = []
    stability = np.full(len(core_nodes), np.nan)
    if n_runs == 1:
        core_labels = run(net, seed)  # its modularity is the final one, added below
    elif core_nodes:
        rng = np.random.default_rng(seed)
        runs = np.vstack([run(net, int(s)) for s in rng.integers(_SEED_HIGH, size=n_runs)])
        run_mod = [modularity_of(r) for r in runs]
        ties = _tie_pairs(core, core_nodes)
        pu, pv, share = _coassign(runs, pairs, ties)
        coassignment = _coassignment_frame(core_nodes, pu, pv, share, ties)
        core_labels, converged = _consensus(runs, pu, pv, share, pairs, run, rng, threshold)
        stability = _actor_stability(core_labels, runs)
    else:  # no ties at all
        core_labels = np.zeros(0, dtype=np.int64)
        converged = True

    labels = _renumber(nodes, core_nodes, core_labels)
    is_isolate = np.array([H.degree(v) == 0 for v in nodes], dtype=bool)
    stability_all = np.full(len(nodes), np.nan)
    stability_all[~is_isolate] = stability  # core_nodes are the non-isolates, in order
    membership = pd.DataFrame(
        {"community": labels, "stability": stability_all, "isolate": is_isolate},
        index=pd.Index(nodes, name="node", tupleize_cols=False),
    )
    communities = _community_table(H, nodes, labels, stability_all)
    if method in _fast.BACKENDS:
        modularity = modularity_of(labels[~is_isolate]) if core_nodes else float("nan")
    else:
        modularity = _modularity(H, nodes, labels)
    if n_runs == 1:
        run_mod = [modularity]
    return CommunityResult(
        membership=membership,
        communities=communities,
        modularity=modularity,
        coassignment=coassignment,
        method=method,
        resolution=float(resolution),
        n_runs=int(n_runs),
        seed=seed,
        converged=converged,
        run_modularity=run_mod,
    )


@dataclass
class ArrayCommunities:
    """The result of :func:`communities_from_arrays` (one entry per node, by position).

    Attributes
    ----------
    labels : ndarray of int64
        Community of each node: 0 is the largest, ties in size to the
        community whose first node comes first; each isolate alone.
    stability : ndarray of float64
        Mean co-assignment of each node with the other members of its
        community over the runs (as in :class:`CommunityResult`); NaN with
        one run, for isolates and for communities of one.
    isolate : ndarray of bool
        Nodes with no tie (of non-zero weight).
    modularity : float
        Modularity (gamma = 1) of ``labels``, by :func:`netkit._fast.modularity_arrays`.
    method : str
        The implementation that ran ("networkit", "igraph", "python-louvain", "networkx").
    resolution, n_runs, seed, converged, run_modularity :
        As in :class:`CommunityResult`.
    """

    labels: np.ndarray
    stability: np.ndarray
    isolate: np.ndarray
    modularity: float
    method: str
    resolution: float
    n_runs: int
    seed: int
    converged: bool | None
    run_modularity: list[float]


def communities_from_arrays(
    n: int,
    src,
    dst,
    w=None,
    *,
    n_runs: int = 10,
    seed: int | None = None,
    resolution: float = 1.0,
    method: str = "auto",
    threshold: float = 0.2,
    progress=None,
) -> ArrayCommunities:
    """Louvain with consensus and stability, as :func:`find_communities`, on a network given as arrays.

    For production networks of up to millions of firms and tens of millions
    of links, which never become a networkx graph.

    Parameters
    ----------
    n : int
        Number of nodes, numbered 0..n-1.
    src, dst : array of int
        The ends of each tie. Direction is ignored; parallel ties (both
        directions, several years or relations) are merged into one, their
        weights summed. Self-loops are kept (modularity counts them as
        networkx does).
    w : array of float, optional
        Tie weights (>= 0; default 1). A pair whose weights sum to 0 is no tie.
    n_runs, seed, resolution, threshold :
        As in :func:`find_communities` (consensus over tied pairs only, the
        ``pairs="ties"`` mode). With ``n_runs > 1`` the run seeds are drawn
        from ``numpy.random.default_rng(seed)``.
    method : {"auto", "networkit", "igraph", "python-louvain", "networkx"}
        As in :func:`find_communities` ("auto": python-louvain below
        ``AUTO_MIN_NODES`` nodes, else networkit, else igraph).
    progress : callable, optional
        Called with a short message after each Louvain run of the first
        round and after each consensus round (minutes at a million nodes).

    Returns
    -------
    ArrayCommunities
        ``labels``, ``stability``, ``isolate``, ``modularity`` and the settings.

    Notes
    -----
    Memory grows with nodes x runs (the run labels) plus a few arrays as
    long as the merged ties (the co-assignment shares are kept per tied pair,
    never per pair of nodes). Time is ``n_runs`` Louvain runs plus
    ``n_runs`` per consensus round on the (sparser) co-assignment network,
    at most 10 rounds; each round's consensus network has the groups that
    every run of the round put together contracted into one node (Louvain
    on it starts from those groups), so rounds after the first are cheap.
    Measured with networkit (one thread, 2-core machine, benchmarks/bench_scale.py)
    on synthetic production networks: 50,000 firms / 250,000 links 1.7 s;
    1,000,000 / 10,000,000 150 s, within a 3.7 GB peak for the whole
    analysis.

    Examples
    --------
    >>> res = communities_from_arrays(7, [0, 1, 2, 3, 4, 5], [1, 2, 0, 4, 5, 3], n_runs=5, seed=1)
    >>> res.labels.tolist(), res.isolate.tolist()[-1]
    ([0, 0, 0, 1, 1, 1, 2], True)
    """
    _check_options(method, n_runs, resolution, threshold, seed)
    n, src, dst, w = _fast._check_arrays(n, src, dst, w)
    if n == 0:
        raise NetkitError("the network has no nodes; nothing to partition")
    if (w < 0).any():
        raise NetkitError("Louvain needs non-negative tie weights; rescale them or pass w=None")
    if seed is None:
        seed = int(np.random.default_rng().integers(_SEED_HIGH))
    seed = int(seed)
    method = _resolve_method(method, n)

    a, b, ww = _fast._merge(n, src, dst, w, directed=False, loops=True)
    isolate = (np.bincount(a, minlength=n) + np.bincount(b, minlength=n)) == 0
    core = np.flatnonzero(~isolate)
    pos = np.full(n, -1, dtype=np.int64)
    pos[core] = np.arange(len(core))
    net = _Net(len(core), ties=(pos[a], pos[b], ww))  # pos is increasing: still a <= b

    converged = None
    run_mod: list[float] = []
    stability = np.full(len(core), np.nan)
    run = _runner(method, resolution)
    if len(core) == 0:
        core_labels, converged = np.zeros(0, dtype=np.int64), True
    elif n_runs == 1:
        core_labels = run(net, seed)
    else:
        rng = np.random.default_rng(seed)
        say = progress if callable(progress) else (lambda message: None)
        runs = []
        for i, s in enumerate(rng.integers(_SEED_HIGH, size=n_runs), 1):
            runs.append(run(net, int(s)))
            say(f"Louvain run {i} of {n_runs}")
        runs = np.vstack(runs)
        run_mod = [_fast.modularity_arrays(net.n, *net.arrays, r) for r in runs]
        pa, pb, _ = net.arrays
        ties = (pa[pa != pb], pb[pa != pb])
        pu, pv, share = _coassign(runs, "ties", ties)
        core_labels, converged = _consensus(runs, pu, pv, share, "ties", run, rng, threshold, contract=True,
                                             say=say)
        stability = _actor_stability(core_labels, runs)

    labels = _renumber_positions(n, core, core_labels)
    modularity = _fast.modularity_arrays(net.n, *net.arrays, labels[core]) if len(core) else float("nan")
    stability_all = np.full(n, np.nan)
    stability_all[core] = stability
    return ArrayCommunities(
        labels=labels,
        stability=stability_all,
        isolate=isolate,
        modularity=modularity,
        method=method,
        resolution=float(resolution),
        n_runs=int(n_runs),
        seed=seed,
        converged=converged,
        run_modularity=run_mod if n_runs > 1 else [modularity],
    )


# ----------------------------------------------------------------------------
# Louvain runs


def _check_options(method, n_runs, resolution, threshold, seed) -> None:
    """The options find_communities and communities_from_arrays share, checked alike."""
    if method not in _METHODS:
        raise NetkitError(f"method must be one of {_METHODS}, got {method!r}")
    if not isinstance(n_runs, (int, np.integer)) or isinstance(n_runs, bool) or n_runs < 1:
        raise NetkitError(f"n_runs must be a whole number >= 1, got {n_runs!r}")
    if not resolution > 0:
        raise NetkitError(f"resolution must be positive, got {resolution!r}")
    if not 0 < threshold <= 1:
        raise NetkitError(f"threshold must be in (0, 1], got {threshold!r}")
    if seed is not None and (not isinstance(seed, (int, np.integer)) or isinstance(seed, bool)):
        raise NetkitError(f"seed must be an int or None, got {seed!r}")


def _weighted_projection(G, *, weight, relations) -> nx.Graph:
    """Undirected simple graph with numeric ``weight``; binary when weight is None."""
    H = collapse(G, relations=relations, directed=False, weight=weight,
                 combine="sum" if weight is not None else "max")
    bad = [(u, v) for u, v, w in H.edges(data="weight") if w < 0]
    if bad:
        raise NetkitError(
            f"Louvain needs non-negative tie weights; {len(bad)} tie(s) such as {bad[0]} have a "
            f"negative {weight!r}. Pass weight=None or rescale the weights."
        )
    return H


def _resolve_method(method: str, n: int) -> str:
    """The implementation to run: ``method`` checked, "louvain" renamed, "auto" decided by size."""
    if method not in _METHODS:
        raise NetkitError(f"method must be one of {_METHODS}, got {method!r}")
    if method == "louvain":
        return "python-louvain"
    if method in _fast.BACKENDS:
        _fast.resolve_backend(method)  # NetkitError saying how to install it when it is missing
        return method
    if method != "auto":
        return method
    if n < AUTO_MIN_NODES:
        return "python-louvain"
    installed = _fast.available()
    if installed:
        return installed[0]
    warnings.warn(
        f"{n:,} nodes and no compiled Louvain installed: python-louvain takes about a minute per run at "
        f'50,000 nodes (and much longer above). Install networkit with pip install "netkit[fast]".',
        RuntimeWarning,
        stacklevel=3,
    )
    return "python-louvain"


class _Net:
    """A network for Louvain runs: arrays of ties (node positions 0..n-1), and the
    networkx graph, each built from the other only when a method needs it."""

    def __init__(self, n: int, *, graph: nx.Graph | None = None, ties=None):
        self.n = int(n)
        self._graph = graph
        self._ties = ties
        self.runner = None  # set by a compiled method: seed -> labels

    @property
    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._ties is None:
            pos = {v: i for i, v in enumerate(self._graph.nodes())}
            edges = list(self._graph.edges(data="weight", default=1.0))
            a = np.fromiter((pos[e[0]] for e in edges), np.int64, len(edges))
            b = np.fromiter((pos[e[1]] for e in edges), np.int64, len(edges))
            w = np.fromiter((e[2] for e in edges), np.float64, len(edges))
            self._ties = (a, b, w)
        return self._ties

    @property
    def graph(self) -> nx.Graph:
        if self._graph is None:
            a, b, w = self._ties
            D = nx.Graph()
            D.add_nodes_from(range(self.n))
            D.add_weighted_edges_from(zip(a.tolist(), b.tolist(), w.tolist()))
            self._graph = D
        return self._graph


def _runner(method: str, resolution: float):
    """A function (_Net, seed) -> label array in the network's node order."""

    def louvain(net, seed):
        if resolution != 1.0:  # python-louvain mishandles gamma != 1: see find_communities
            return networkx_louvain(net, seed)
        graph = net.graph
        part = community_louvain.best_partition(
            graph, weight="weight", resolution=resolution, random_state=seed
        )
        return np.fromiter((part[v] for v in graph.nodes()), dtype=np.int64, count=len(part))

    def networkx_louvain(net, seed):
        graph = net.graph
        comms = nx.community.louvain_communities(
            graph, weight="weight", resolution=resolution, seed=seed
        )
        label = {v: i for i, c in enumerate(comms) for v in c}
        return np.fromiter((label[v] for v in graph.nodes()), dtype=np.int64, count=len(label))

    def compiled(net, seed):
        if net.runner is None:  # the backend's graph, built once for all runs on this network
            net.runner = _fast.louvain_runner(net.n, *net.arrays, resolution=resolution, backend=method)
        return net.runner(seed)

    if method in _fast.BACKENDS:
        return compiled
    return louvain if method == "python-louvain" else networkx_louvain


def _modularity(H, nodes, labels) -> float:
    if H.size(weight="weight") == 0:
        return float("nan")
    groups: dict[int, set] = {}
    for v, c in zip(nodes, labels):
        groups.setdefault(int(c), set()).add(v)
    # isolates left out of ``nodes`` are added as singletons (they add nothing to Q)
    placed = set(nodes)
    extra = [{v} for v in H.nodes() if v not in placed]
    return float(nx.community.modularity(H, list(groups.values()) + extra, weight="weight"))


def _renumber(nodes, core_nodes, core_labels) -> np.ndarray:
    """Labels for all nodes: isolates alone, then renumbered by size (0 = largest)."""
    raw = dict(zip(core_nodes, (int(c) for c in core_labels)))
    next_label = int(core_labels.max()) + 1 if len(core_labels) else 0
    full = np.empty(len(nodes), dtype=np.int64)
    for i, v in enumerate(nodes):
        if v in raw:
            full[i] = raw[v]
        else:
            full[i] = next_label
            next_label += 1
    uniq, first, counts = np.unique(full, return_index=True, return_counts=True)
    order = np.lexsort((first, -counts))  # by size (desc), then first appearance
    new = np.empty(len(uniq), dtype=np.int64)
    new[order] = np.arange(len(uniq))
    return new[np.searchsorted(uniq, full)]


def _renumber_positions(n: int, core: np.ndarray, core_labels: np.ndarray) -> np.ndarray:
    """As :func:`_renumber`, by node position: ``core`` holds the positions that have ``core_labels``."""
    full = np.empty(n, dtype=np.int64)
    full[core] = core_labels
    start = int(core_labels.max()) + 1 if len(core_labels) else 0
    alone = np.setdiff1d(np.arange(n), core)
    full[alone] = start + np.arange(len(alone))
    uniq, first, counts = np.unique(full, return_index=True, return_counts=True)
    order = np.lexsort((first, -counts))  # by size (desc), then first appearance
    new = np.empty(len(uniq), dtype=np.int64)
    new[order] = np.arange(len(uniq))
    return new[np.searchsorted(uniq, full)]


# ----------------------------------------------------------------------------
# Consensus


def _tie_pairs(core, core_nodes) -> tuple[np.ndarray, np.ndarray]:
    """Tied pairs (i < j, as node positions), self-loops left out."""
    pos = {v: i for i, v in enumerate(core_nodes)}
    arr = np.array([(pos[u], pos[v]) for u, v in core.edges() if u != v], dtype=np.int64)
    arr = arr.reshape(-1, 2)
    arr.sort(axis=1)
    return arr[:, 0], arr[:, 1]


def _coassign(runs: np.ndarray, pairs: str, ties) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Co-assignment shares (u, v, share) of the given runs, u < v.

    ``pairs="ties"``: over the tied pairs ``ties`` (share may be 0).
    ``pairs="all"``: over every pair together in at least one run, built as a
    sum of sparse indicator products (one n x k matrix per run).
    """
    n_runs, n = runs.shape
    if pairs == "ties":  # one run at a time: memory stays linear in the ties (10M ties: ~100 MB)
        u, v = ties
        together = np.zeros(len(u), dtype=np.int32)
        for labels in runs:
            together += labels[u] == labels[v]
        return u, v, together / n_runs
    total = sp.csr_matrix((n, n), dtype=np.int64)
    rows = np.arange(n)
    for labels in runs:
        _, inv = np.unique(labels, return_inverse=True)
        M = sp.csr_matrix((np.ones(n, dtype=np.int64), (rows, inv)), shape=(n, inv.max() + 1))
        total = total + M @ M.T
    upper = sp.triu(total, k=1).tocoo()
    return upper.row.astype(np.int64), upper.col.astype(np.int64), upper.data / n_runs


def _coassignment_frame(core_nodes, pu, pv, share, ties) -> pd.DataFrame:
    n = len(core_nodes)
    tied = np.isin(pu * n + pv, ties[0] * n + ties[1])
    keep = share > 0
    names = np.empty(n, dtype=object)
    for i, v in enumerate(core_nodes):  # element by element: node ids may be tuples
        names[i] = v
    frame = pd.DataFrame(
        {"u": names[pu[keep]], "v": names[pv[keep]], "share": share[keep], "tied": tied[keep]}
    )
    return frame.sort_values(["share", "u", "v"], ascending=[False, True, True],
                             key=_sort_key, ignore_index=True)


def _sort_key(col: pd.Series) -> pd.Series:
    # node ids may mix types; sort them by their text
    return col if col.name == "share" else col.map(str)


def _meet(runs: np.ndarray) -> np.ndarray:
    """Canonical labels of the groups that every run puts together (the meet of the partitions)."""
    group = _canonical(runs[0])
    for labels in runs[1:]:
        group = _canonical(group * (int(labels.max()) + 1) + labels)
    return group


def _consensus(runs, pu, pv, share, pairs, run, rng, threshold, *, contract=False, say=lambda message: None):
    """Lancichinetti & Fortunato (2012) consensus; returns (labels, converged).

    Each round keeps the pairs whose co-assignment share reaches the
    threshold (and each actor's strongest pair), runs Louvain ``n_runs``
    times on that consensus network, and stops when every run gives the same
    partition. With ``contract`` (the array path, for large networks), actors
    that every run of a round put together (their pairs have
    share 1) become one node of the next round's consensus network, whose
    ties are the summed shares between groups (a group's inner shares a
    self-loop), as Louvain's own aggregation step builds it. Louvain on it is
    Louvain on the consensus network started from the unanimous groups;
    rounds then cost little once most of the network is settled (at 50,000
    firms the second round's network has a few thousand nodes). It finds
    nearly the same partition (tests/test_fast.py) but not always the same
    one, so :func:`find_communities` keeps the loop as published.
    """
    n_runs, n = runs.shape
    current = runs
    for round_ in range(1, _MAX_ROUNDS + 1):
        keep = (share >= threshold) | _strongest_pair(pu, pv, share, n)
        keep &= share > 0
        if contract:
            group = _meet(current)
            k = int(group.max()) + 1
            say(f"consensus round {round_}: {k:,} groups on which all runs agree")
            gu, gv = group[pu[keep]], group[pv[keep]]
            key = np.minimum(gu, gv) * k + np.maximum(gu, gv)
            uniq, inv = np.unique(key, return_inverse=True)
            D = _Net(k, ties=(uniq // k, uniq % k, np.bincount(inv, weights=share[keep], minlength=len(uniq))))
            current = np.vstack([run(D, int(s))[group] for s in rng.integers(_SEED_HIGH, size=n_runs)])
        else:
            say(f"consensus round {round_}")
            D = _Net(n, ties=(pu[keep], pv[keep], share[keep]))
            current = np.vstack([run(D, int(s)) for s in rng.integers(_SEED_HIGH, size=n_runs)])
        canon = np.vstack([_canonical(r) for r in current])
        if (canon == canon[0]).all():
            return canon[0], True
        pu, pv, share = _coassign(current, pairs, (pu[keep], pv[keep]))
    scores = [np.mean([_ari_labels(a, b) for j, b in enumerate(current) if j != i])
              for i, a in enumerate(current)]
    return _canonical(current[int(np.argmax(scores))]), False


def _strongest_pair(pu, pv, share, n) -> np.ndarray:
    """True for each pair that is the strongest of one of its two actors."""
    best = np.zeros(n)
    np.maximum.at(best, pu, share)
    np.maximum.at(best, pv, share)
    return (share == best[pu]) | (share == best[pv])


def _actor_stability(labels: np.ndarray, runs: np.ndarray) -> np.ndarray:
    """Mean share of runs that put each actor with each other member of its community."""
    _, comm, size = np.unique(labels, return_inverse=True, return_counts=True)
    together = np.zeros(len(labels))
    for r in runs:
        key = comm.astype(np.int64) * (int(r.max()) + 1) + r
        _, inv, counts = np.unique(key, return_inverse=True, return_counts=True)
        together += counts[inv] - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        out = together / (len(runs) * (size[comm] - 1))
    out[size[comm] == 1] = np.nan
    return out


def _community_table(H, nodes, labels, stability) -> pd.DataFrame:
    pos = {v: i for i, v in enumerate(nodes)}
    k = int(labels.max()) + 1
    edges = [(pos[u], pos[v], w) for u, v, w in H.edges(data="weight") if u != v]
    eu = np.array([e[0] for e in edges], dtype=np.int64)
    ev = np.array([e[1] for e in edges], dtype=np.int64)
    ew = np.array([e[2] for e in edges], dtype=float)
    lu, lv = labels[eu], labels[ev]
    inside = lu == lv
    size = np.bincount(labels, minlength=k)
    internal = np.bincount(lu[inside], minlength=k)
    internal_w = np.bincount(lu[inside], weights=ew[inside], minlength=k)
    external = np.bincount(lu[~inside], minlength=k) + np.bincount(lv[~inside], minlength=k)
    possible = size * (size - 1) / 2
    with np.errstate(invalid="ignore", divide="ignore"):
        density = np.where(possible > 0, internal / np.where(possible > 0, possible, 1), np.nan)
    stab = pd.Series(stability).groupby(labels).mean().reindex(range(k)).to_numpy()
    return pd.DataFrame(
        {
            "size": size,
            "internal_ties": internal,
            "internal_weight": internal_w,
            "external_ties": external,
            "density": density,
            "stability": stab,
        },
        index=pd.RangeIndex(k, name="community"),
    )


# ----------------------------------------------------------------------------
# Agreement between communities and an attribute


@dataclass
class PartitionAgreement:
    """How far two partitions agree (see :func:`partition_agreement`).

    Attributes
    ----------
    ari : float
        Adjusted Rand index (Hubert & Arabie 1985): 1 identical, about 0 as
        good as chance, can be negative.
    nmi : float
        Normalised mutual information, 2 I(A;B) / (H(A) + H(B)) (arithmetic
        normalisation, Danon et al. 2005; igraph's ``"nmi"``): 0 to 1.
    n_nodes : int
        Actors compared (those with both a community and a value).
    n_missing : int
        Actors left out because the attribute is missing (None or NaN).
    contingency : pandas.DataFrame
        Counts of actors, communities as rows, attribute values as columns.
    """

    ari: float
    nmi: float
    n_nodes: int
    n_missing: int
    contingency: pd.DataFrame


def partition_agreement(G: nx.Graph, communities, attribute) -> PartitionAgreement:
    """How far communities follow a node attribute (sector, region, kind ...).

    Parameters
    ----------
    G : networkx graph
        Gives the actors (all of ``G``'s nodes) and their attributes.
    communities : CommunityResult, pandas Series or DataFrame, mapping or str
        The partition: a result of :func:`find_communities`, a Series or
        mapping node -> label, a DataFrame with a ``community`` column, or the
        name of a node attribute.
    attribute : str, pandas Series or mapping
        A node attribute name, or labels by node (so two partitions can be
        compared with each other too).

    Returns
    -------
    PartitionAgreement
        Adjusted Rand index, normalised mutual information, counts and the
        contingency table.

    Notes
    -----
    Both indices come from the contingency table of the two partitions.
    ARI = (sum_ij C(n_ij, 2) - E) / ((A + B) / 2 - E) with A = sum_i C(a_i, 2),
    B = sum_j C(b_j, 2), E = A B / C(n, 2) (Hubert & Arabie 1985, J. Classif.
    2:193); NMI = 2 I / (H_1 + H_2) with natural logarithms (Danon, Diaz-Guilera,
    Duch & Arenas 2005). When both partitions put everyone in one group (or
    everyone alone) they are identical and both indices are 1; when just one
    of them does, NMI is 0. Actors whose attribute is missing are left out
    (counted in ``n_missing``); every actor must have a community. Direction,
    weights and ties play no part. External actors count like any other.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.path_graph(6)
    >>> nx.set_node_attributes(G, dict(enumerate("aaabbb")), "sector")
    >>> comms = dict(enumerate([0, 0, 1, 1, 2, 2]))
    >>> agr = partition_agreement(G, comms, "sector")
    >>> round(agr.ari, 4), round(agr.nmi, 4)
    (0.2424, 0.5158)
    """
    nodes = list(G.nodes())
    comm = _as_labels(G, communities, what="communities")
    missing_comm = [v for v in nodes if v not in comm]
    if missing_comm:
        raise NetkitError(
            f"{len(missing_comm)} node(s) have no community, e.g. {missing_comm[:3]}; "
            "pass a partition that covers every node of the graph"
        )
    attr = _as_labels(G, attribute, what="attribute")
    used = [v for v in nodes if not _is_missing(attr.get(v))]
    if not used:
        raise NetkitError("no node has a value of the attribute; check its name")
    a = pd.Series([comm[v] for v in used], index=used, name="community")
    b = pd.Series([attr[v] for v in used], index=used, name="attribute")
    table = pd.crosstab(a, b)
    counts = table.to_numpy()
    return PartitionAgreement(
        ari=_ari(counts),
        nmi=_nmi(counts),
        n_nodes=len(used),
        n_missing=len(nodes) - len(used),
        contingency=table,
    )


def _is_missing(x) -> bool:
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _as_labels(G, labels, *, what: str) -> dict:
    """Turn a partition or attribute given in any accepted form into a dict node -> label."""
    if isinstance(labels, CommunityResult):
        return labels.membership["community"].to_dict()
    if isinstance(labels, pd.DataFrame):
        if "community" not in labels.columns:
            raise NetkitError(f"{what}: a DataFrame needs a 'community' column")
        return labels["community"].to_dict()
    if isinstance(labels, pd.Series):
        return labels.to_dict()
    if isinstance(labels, Mapping):
        return dict(labels)
    if isinstance(labels, str):
        values = nx.get_node_attributes(G, labels)
        if not values:
            raise NetkitError(f"{what}: no node has the attribute {labels!r}")
        return values
    raise NetkitError(
        f"{what} must be a CommunityResult, a pandas Series or DataFrame, a mapping "
        f"node -> label, or a node attribute name; got {type(labels).__name__}"
    )


def _comb2(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return x * (x - 1) / 2


def _ari(counts: np.ndarray) -> float:
    """Adjusted Rand index from a contingency table."""
    return _ari_parts(counts.ravel(), counts.sum(axis=1), counts.sum(axis=0))


def _ari_parts(cells, a_sizes, b_sizes) -> float:
    n = float(np.sum(a_sizes))
    sum_ij = _comb2(cells).sum()
    a = _comb2(a_sizes).sum()
    b = _comb2(b_sizes).sum()
    expected = a * b / _comb2(n) if n > 1 else 0.0
    top = (a + b) / 2 - expected
    if top == 0:  # both all-in-one or both all-alone: identical partitions
        return 1.0
    return float((sum_ij - expected) / top)


def _entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def _nmi(counts: np.ndarray) -> float:
    n = counts.sum()
    p = counts / n
    pa, pb = p.sum(axis=1), p.sum(axis=0)
    ha, hb = _entropy(pa), _entropy(pb)
    if ha + hb == 0:  # both partitions have a single group
        return 1.0
    nz = p > 0
    outer = np.outer(pa, pb)
    mi = float((p[nz] * np.log(p[nz] / outer[nz])).sum())
    return max(0.0, 2 * mi / (ha + hb))


def _ari_labels(x: np.ndarray, y: np.ndarray) -> float:
    """Adjusted Rand index of two label arrays, from the non-empty cells only."""
    _, xi = np.unique(x, return_inverse=True)
    _, yi = np.unique(y, return_inverse=True)
    _, cells = np.unique(xi.astype(np.int64) * (int(yi.max()) + 1) + yi, return_counts=True)
    return _ari_parts(cells, np.bincount(xi), np.bincount(yi))

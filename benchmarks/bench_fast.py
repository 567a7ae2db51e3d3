"""Benchmark: the compiled paths (networkit, igraph) against networkx and python-louvain.

Usage::

    .venv/bin/python benchmarks/bench_fast.py [--quick] [--n N] [--exact]

Default: a synthetic production network of 50,000 firms and 250,000 links
(``netkit.production.generate_production_network(50_000, mean_links=5,
seed=1)``). ``--quick``: 5,000 firms, as a smoke test. ``--exact`` also
computes igraph's exact betweenness (minutes at 50,000 firms) to measure the
actual error of the sampled estimates.

Louvain runs on the undirected projection (one tie per pair of firms that
trade, weight the number of directions they trade in); every modularity is
computed the same way (``netkit._fast.modularity_arrays``, equal to networkx's).
Betweenness runs on the directed seller -> buyer network, normalised as
networkx does. Ratios are times against networkx's, measured in the same run.
networkx's exact betweenness is not run (hours at 50,000 firms).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from community import community_louvain  # noqa: E402

from netkit import _fast  # noqa: E402
from netkit.brokerage import betweenness  # noqa: E402
from netkit.communities import communities_from_arrays  # noqa: E402
from netkit.production import generate_production_network  # noqa: E402


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def labels_of(parts, n):
    labels = np.empty(n, dtype=np.int64)
    for i, members in enumerate(parts):
        labels[list(members)] = i
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="5,000 firms instead of 50,000")
    parser.add_argument("--n", type=int, help="number of firms (overrides --quick)")
    parser.add_argument("--exact", action="store_true", help="also igraph's exact betweenness, for the errors")
    parser.add_argument("--epsilon", type=float, default=0.05, help="bound of the sampled betweenness")
    args = parser.parse_args()
    n = args.n or (5_000 if args.quick else 50_000)

    _, links = generate_production_network(n, mean_links=5, seed=1)
    seller, buyer = links["seller"].to_numpy(np.int64), links["buyer"].to_numpy(np.int64)
    a, b, w = _fast._merge(n, seller, buyer, np.ones(len(seller)), directed=False, loops=False)
    U = nx.Graph()
    U.add_nodes_from(range(n))
    U.add_weighted_edges_from(zip(a.tolist(), b.tolist(), w.tolist()))
    D = nx.DiGraph()
    D.add_nodes_from(range(n))
    D.add_edges_from(zip(seller.tolist(), buyer.tolist()))
    print(f"network: {n:,} firms, {len(seller):,} links, {len(a):,} undirected ties; "
          f"networkit threads available: {_nk_threads()}\n")

    def q(labels):
        return _fast.modularity_arrays(n, a, b, w, labels)

    print("| step | time (s) | ratio to networkx | note |")
    print("|---|---:|---:|---|")
    rows = _Rows()  # printed as they come: (step, seconds, reference seconds, note)
    t_nx, parts = timed(lambda: nx.community.louvain_communities(U, weight="weight", seed=1))
    rows.append(("Louvain: networkx louvain_communities", t_nx, t_nx,
                 f"modularity {q(labels_of(parts, n)):.4f}"))
    t, part = timed(lambda: community_louvain.best_partition(U, weight="weight", random_state=1))
    rows.append(("Louvain: python-louvain best_partition (reference)", t, t_nx,
                 f"modularity {q(np.array([part[i] for i in range(n)])):.4f}"))
    for backend in ("igraph", "networkit"):
        t, labels = timed(lambda: _fast.louvain_arrays(n, a, b, w, seed=1, backend=backend))
        what = "community_multilevel" if backend == "igraph" else "PLM, 1 thread (seeded)"
        rows.append((f"Louvain: {backend} {what}", t, t_nx, f"modularity {q(labels):.4f}"))
    t, labels = timed(lambda: _fast.louvain_arrays(n, a, b, w, seed=None, backend="networkit"))
    rows.append(("Louvain: networkit PLM, all threads (no seed: not reproducible)", t, t_nx,
                 f"modularity {q(labels):.4f}"))
    t, res = timed(lambda: communities_from_arrays(n, seller, buyer, n_runs=10, seed=1, method="networkit"))
    rows.append(("communities_from_arrays: 10 networkit runs + consensus", t, t_nx,
                 f"modularity {res.modularity:.4f}, converged {res.converged}, "
                 f"{res.labels.max() + 1:,} communities"))

    k = 100
    t_bnx, _ = timed(lambda: nx.betweenness_centrality(D, k=k, seed=1, normalized=True))
    rows.append((f"betweenness: networkx sampled, k={k} (no bound)", t_bnx, t_bnx, "directed"))
    t, _ = timed(lambda: betweenness(D, k=k, seed=1, normalized=True, method="netkit"))
    rows.append((f"betweenness: netkit pivots, k={k} (standard errors, no bound)", t, t_bnx, "directed"))
    bounded = {}
    for backend, what in (("networkit", "networkit RK"), ("netkit", "netkit pivots + Hoeffding")):
        t, bounded[backend] = timed(lambda: _fast.betweenness_arrays(n, seller, buyer, directed=True,
                                                                     epsilon=args.epsilon, seed=1, backend=backend))
        res = bounded[backend]
        unit = "paths" if backend == "networkit" else "pivots"
        rows.append((f"betweenness: {what}, epsilon={args.epsilon}, delta=0.1", t, t_bnx,
                     f"{res.samples:,} {unit}; bound {res.error:.4g} (normalised) for all firms at once"))
    t, kadabra = timed(lambda: _fast.betweenness_arrays(n, a, b, directed=False, epsilon=args.epsilon, seed=1,
                                                         backend="networkit"))
    rows.append((f"betweenness: networkit KADABRA, links both ways, epsilon={args.epsilon}, delta=0.1", t, t_bnx,
                 f"{kadabra.samples:,} paths; bound {kadabra.error:.4g} (normalised) for all firms at once"))
    if args.exact:
        t, exact = timed(lambda: _fast.betweenness_arrays(n, seller, buyer, directed=True, backend="igraph"))
        notes = []
        for backend, res in bounded.items():
            err = np.abs(res.values - exact.values)
            notes.append(f"{backend}: max error {err.max():.2e}, share within bound {np.mean(err <= res.error + 1e-12):.4f}")
        rows.append(("betweenness: igraph exact (directed)", t, t_bnx, "; ".join(notes)))
        t, exact = timed(lambda: _fast.betweenness_arrays(n, a, b, directed=False, backend="igraph"))
        err = np.abs(kadabra.values - exact.values)
        rows.append(("betweenness: igraph exact (links both ways)", t, t_bnx,
                     f"KADABRA: max error {err.max():.2e}, share within bound {np.mean(err <= kadabra.error):.4f}"))


class _Rows:
    def append(self, row) -> None:
        step, secs, ref, note = row
        print(f"| {step} | {secs:.2f} | {secs / ref:.3f} | {note} |", flush=True)


def _nk_threads():
    try:
        import networkit as nk
    except ImportError:
        return "networkit not installed"
    return nk.getMaxNumberOfThreads()


if __name__ == "__main__":
    main()

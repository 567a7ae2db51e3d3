"""Benchmark: Louvain communities through netkit against networkx and igraph.

Usage::

    .venv/bin/python benchmarks/bench_communities.py [--quick | --full]

Default: 5,000 actors / 25,000 ties. ``--full`` adds 50,000 / 250,000 (several
minutes: python-louvain alone takes about a minute per run there). ``--quick``
runs 2,000 / 10,000 once, as a smoke test.

Partitions of different implementations are not comparable label for label,
so the table compares time and modularity (all modularities computed the same
way, by igraph on the same collapsed weighted graph).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import igraph as ig  # noqa: E402
from community import community_louvain  # noqa: E402

from netkit.communities import find_communities  # noqa: E402
from netkit.graph import collapse  # noqa: E402


def inter_firm_network(n: int, m: int, seed: int) -> nx.DiGraph:
    """A seeded directed network with heavy-tailed degrees and regional groups.

    Each firm belongs to one of about n/250 regions and has a Pareto
    "fitness"; arcs pick their seller by fitness and, 80% of the time, a
    buyer of the same region (else anywhere), again by fitness. Weights 1-3.
    """
    rng = np.random.default_rng(seed)
    k = max(4, n // 250)
    region = rng.integers(k, size=n)
    fitness = rng.pareto(1.8, size=n) + 1.0
    order = np.argsort(region, kind="stable")
    cum = np.cumsum(fitness[order])
    ends = np.searchsorted(region[order], np.arange(k + 1))  # region slices in sorted order
    start_cum = np.concatenate([[0.0], cum])[ends[:-1]]
    total = cum[ends[1:] - 1] - start_cum

    def by_fitness(lo, width):
        return order[np.minimum(np.searchsorted(cum, lo + rng.random(len(lo)) * width), n - 1)]

    arcs: set[tuple[int, int]] = set()
    while len(arcs) < m:
        size = int((m - len(arcs)) * 1.3) + 10
        src = by_fitness(np.zeros(size), np.full(size, cum[-1]))
        local = rng.random(size) < 0.8
        g = region[src]
        near = by_fitness(start_cum[g], total[g])
        anywhere = by_fitness(np.zeros(size), np.full(size, cum[-1]))
        dst = np.where(local, near, anywhere)
        for u, v in zip(src.tolist(), dst.tolist()):
            if u != v:
                arcs.add((u, v))
                if len(arcs) == m:
                    break
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    weights = rng.integers(1, 4, size=m)
    G.add_weighted_edges_from((u, v, float(w)) for (u, v), w in zip(sorted(arcs), weights))
    return G


def timed(fn, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def run(n: int, m: int, repeat: int, seed: int = 1) -> list[tuple]:
    G = inter_firm_network(n, m, seed)
    H = collapse(G, directed=False)  # what every implementation sees
    nodes = list(H.nodes())
    pos = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(pos[u], pos[v]) for u, v in H.edges()], directed=False)
    g.es["weight"] = [w for _, _, w in H.edges(data="weight")]

    def q_of(labels_by_node):
        return g.modularity([labels_by_node[v] for v in nodes], weights="weight")

    def q_of_sets(sets):
        return q_of({v: i for i, c in enumerate(sets) for v in c})

    rows = []
    t, res = timed(lambda: find_communities(G, seed=seed, method="python-louvain"), repeat)
    rows.append(("netkit find_communities (python-louvain)", t,
                 q_of(res.membership["community"].to_dict()), len(res.communities)))
    assert abs(res.modularity - rows[-1][2]) < 1e-9, "netkit modularity differs from igraph's"
    t, part = timed(lambda: community_louvain.best_partition(H, random_state=seed), repeat)
    rows.append(("python-louvain best_partition (direct)", t, q_of(part), len(set(part.values()))))
    t, res = timed(lambda: find_communities(G, seed=seed, method="networkx"), repeat)
    rows.append(("netkit find_communities (method='networkx')", t,
                 q_of(res.membership["community"].to_dict()), len(res.communities)))
    t, comms = timed(lambda: nx.community.louvain_communities(H, weight="weight", seed=seed),
                     repeat)
    rows.append(("networkx louvain_communities (direct)", t, q_of_sets(comms), len(comms)))
    random.seed(seed)  # python-igraph draws from Python's random module
    t, cl = timed(lambda: g.community_multilevel(weights="weight"), repeat)
    rows.append(("igraph community_multilevel", t, g.modularity(cl.membership, weights="weight"),
                 len(set(cl.membership))))
    return rows


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = ap.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="2,000 / 10,000 once")
    size.add_argument("--full", action="store_true", help="also 50,000 / 250,000")
    args = ap.parse_args(argv)
    if args.quick:
        sizes = [(2_000, 10_000, 1)]
    else:
        sizes = [(5_000, 25_000, 3)] + ([(50_000, 250_000, 1)] if args.full else [])

    print("| actors | ties | implementation | time (s) | x igraph | modularity | communities |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for n, m, repeat in sizes:
        rows = run(n, m, repeat)
        t_ig = rows[-1][1]
        for name, t, q, k in rows:
            print(f"| {n:,} | {m:,} | {name} | {t:.3f} | {t / t_ig:.1f} | {q:.4f} | {k} |",
                  flush=True)
    print("\ntime: best of 3 at 5,000 actors, one run otherwise; every implementation is "
          "given seed 1; netkit's times include collapsing the graph and building its tables.")


if __name__ == "__main__":
    main()

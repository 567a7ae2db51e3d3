"""Benchmark: netkit.structural_holes against networkx and igraph.

Usage: .venv/bin/python benchmarks/bench_structural_holes.py [--quick]

Generates seeded directed, heavy-tailed inter-firm networks (5,000 firms /
25,000 ties and 50,000 / 250,000; --quick: the small one only), times

* netkit ``structural_holes`` (all four measures, from the networkx graph),
* networkx ``constraint`` and ``effective_size`` (default sparse/dense path),
* igraph ``Graph.constraint`` (C; graph built beforehand, and with the
  conversion from networkx counted),

all weighted by tie strength, and prints a markdown table: the best of 5
interleaved runs (networkx: 2), wall-clock and CPU time of this process (the
CPU time is steadier on a shared machine), the ratios to netkit, and how far
each result is from netkit's. networkx's effective_size is not run where its
dense n x n float64 array would not fit comfortably (n * n * 8 bytes).
"""

from __future__ import annotations

import argparse
import time

import igraph as ig
import networkx as nx
import numpy as np
import scipy.sparse as sp

from netkit._arrays import read_arcs  # time breakdown only
from netkit.holes import structural_holes

DENSE_LIMIT = 2 * 2**30  # bytes of one dense n x n array we are willing to allocate


def _firm_network(n: int, m: int, seed: int) -> nx.DiGraph:
    """A directed inter-firm network with heavy-tailed degrees and some closure.

    80% of the ties join a seller drawn with Pareto out-propensity (tail
    exponent ~3) to a buyer drawn with Pareto in-propensity (~2.5), Chung-Lu
    style; 20% close two-paths u -> v -> w with u -> w (suppliers of a buyer's
    suppliers). Tie strengths are integers 1-5, like a survey's scale; node
    ids are strings.
    """
    rng = np.random.default_rng(seed)
    out_w = (1 - rng.random(n)) ** (-1 / 2.0)
    in_w = (1 - rng.random(n)) ** (-1 / 1.5)
    n_random = int(0.8 * m)
    src = rng.choice(n, size=int(1.3 * n_random), p=out_w / out_w.sum())
    dst = rng.choice(n, size=int(1.3 * n_random), p=in_w / in_w.sum())
    keep = src != dst
    key = rng.permutation(np.unique(src[keep].astype(np.int64) * n + dst[keep]))[:n_random]
    src, dst = key // n, key % n
    A = sp.csr_array((np.ones(len(src)), (src, dst)), shape=(n, n))
    pick = rng.integers(0, len(src), size=3 * (m - n_random))
    u, v = src[pick], dst[pick]
    out_degree = np.diff(A.indptr)[v]
    ok = out_degree > 0
    u, v, out_degree = u[ok], v[ok], out_degree[ok]
    w = A.indices[A.indptr[v] + (rng.random(len(v)) * out_degree).astype(np.int64)]
    ok = u != w
    closing = np.setdiff1d(np.unique(u[ok] * n + w[ok]), key)
    key = np.concatenate([key, rng.permutation(closing)[: m - len(key)]])
    strength = rng.integers(1, 6, size=len(key)).astype(float)
    names = [f"firm{i:06d}" for i in range(n)]  # string ids, as built from a survey
    G = nx.DiGraph()
    G.add_nodes_from(names)
    G.add_weighted_edges_from(
        (names[i], names[j], x) for i, j, x in zip(key // n, key % n, strength.tolist())
    )
    return G


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _to_igraph(G: nx.DiGraph) -> ig.Graph:
    index = {v: i for i, v in enumerate(G)}
    g = ig.Graph(n=len(index), edges=[(index[u], index[v]) for u, v in G.edges()], directed=True)
    g.es["weight"] = [w for _, _, w in G.edges(data="weight")]
    return g


def _diff(a, b) -> float:
    a, b = np.asarray(a, float), np.asarray(b, float)
    both = ~(np.isnan(a) & np.isnan(b))
    return float(np.max(np.abs(a[both] - b[both]))) if both.any() else 0.0


def run(n: int, m: int, repeats: int) -> list[tuple]:
    """Time every method on one network; runs are interleaved, best of ``repeats``."""
    G = _firm_network(n, m, seed=42)
    g = _to_igraph(G)
    methods = {
        "netkit structural_holes (all four measures)":
            lambda: structural_holes(G, weight="weight"),
        "  of which reading the networkx graph into arrays": lambda: read_arcs(G, weight="weight"),
        "networkx constraint": lambda: nx.constraint(G, weight="weight"),
        "networkx effective_size": lambda: nx.effective_size(G, weight="weight"),
        "igraph constraint (C, graph prebuilt)": lambda: g.constraint(weights="weight"),
        "igraph: build from networkx + constraint":
            lambda: _to_igraph(G).constraint(weights="weight"),
    }
    dense = n * n * 8
    skip = {"networkx effective_size"} if dense > DENSE_LIMIT else set()
    slow = {"networkx constraint", "networkx effective_size"}  # run these fewer times
    best = {name: [np.inf, np.inf, None] for name in methods}
    for r in range(repeats):
        for name, fn in methods.items():
            if name in skip or (name in slow and r >= 2):
                continue
            wall, cpu, result = _timed(fn)
            entry = best[name]
            entry[0], entry[1], entry[2] = min(entry[0], wall), min(entry[1], cpu), result
    holes = best["netkit structural_holes (all four measures)"][2]
    notes = {
        "networkx constraint": ("constraint", lambda r: list(r.values())),
        "networkx effective_size": ("effective_size", lambda r: list(r.values())),
        "igraph constraint (C, graph prebuilt)": ("constraint", lambda r: r),
        "igraph: build from networkx + constraint": ("constraint", lambda r: r),
    }
    base_wall, base_cpu = best["netkit structural_holes (all four measures)"][:2]
    rows = []
    for name, (wall, cpu, result) in best.items():
        if name in skip:
            note = f"fails: needs ~{dense / 2**30:.1f} GiB dense matrix (not run)"
            rows.append((name, None, None, None, None, note))
            continue
        note = ""
        if name in notes:
            column, values = notes[name]
            note = f"max diff from netkit {_diff(values(result), holes[column]):.1e}"
            if name == "networkx effective_size":
                note += " (its weighted m_jq uses the wrong maximum)"
        rows.append((name, wall, cpu, wall / base_wall, cpu / base_cpu, note))
    return [(G.number_of_nodes(), G.number_of_edges()) + row for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small network only")
    args = parser.parse_args()
    sizes = [(5_000, 25_000)] if args.quick else [(5_000, 25_000), (50_000, 250_000)]
    print("| firms | ties | method | wall (s) | CPU (s) | wall / netkit | CPU / netkit | note |")
    print("|---:|---:|---|---:|---:|---:|---:|---|")
    for n, m in sizes:
        for nodes, ties, method, wall, cpu, r_wall, r_cpu, note in run(n, m, repeats=5):
            cells = [f"{nodes:,}", f"{ties:,}", method]
            cells += ["-" if x is None else f"{x:.3f}" for x in (wall, cpu)]
            cells += ["-" if x is None else f"{x:.2f}x" for x in (r_wall, r_cpu)]
            print("| " + " | ".join(cells + [note]) + " |", flush=True)


if __name__ == "__main__":
    main()

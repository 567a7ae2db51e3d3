"""Benchmark netkit.brokerage against networkx, igraph and a plain-Python reference.

Run: .venv/bin/python benchmarks/bench_brokerage.py [--quick]

Networks: seeded heavy-tailed directed graphs (Chung-Lu style: arc ends drawn in
proportion to a Pareto(1.5) "firm size" times independent log-normal noise for the
in- and out-side, so big firms have many suppliers and many customers), 5,000 nodes /
25,000 arcs and 50,000 / 250,000 (--quick: the small one only), with a random
"sector" attribute of 8 groups of unequal size.

Measured, each once, in the same run:
* brokerage_roles vs a plain-Python loop over every broker's in- x out-neighbours
  (the counts must agree);
* betweenness exact (5,000 only) vs igraph exact;
* betweenness sampled with k=100 pivots vs networkx betweenness_centrality(k=100)
  and vs igraph's betweenness from the same 100 pivot sources (the same estimator
  in C; values must agree).
"""

from __future__ import annotations

import argparse
import time

import igraph as ig
import networkx as nx
import numpy as np

from netkit.brokerage import ROLES, betweenness, brokerage_roles


def heavy_tailed_digraph(n: int, m: int, *, seed: int, shape: float = 1.5) -> nx.DiGraph:
    """Directed graph with m distinct arcs, no self-loops, heavy-tailed in- and out-degrees."""
    rng = np.random.default_rng(seed)
    size = rng.pareto(shape, n) + 1.0  # large firms have many suppliers and many customers
    p_out = size * rng.lognormal(0.0, 0.5, n)
    p_in = size * rng.lognormal(0.0, 0.5, n)
    p_out /= p_out.sum()
    p_in /= p_in.sum()
    keys = np.empty(0, dtype=np.int64)
    while keys.size < m:
        draw = 2 * (m - keys.size) + 1000
        src = rng.choice(n, size=draw, p=p_out)
        dst = rng.choice(n, size=draw, p=p_in)
        new = (src * n + dst)[src != dst]
        keys = np.concatenate([keys, new])
        _, first = np.unique(keys, return_index=True)
        keys = keys[np.sort(first)]  # distinct arcs, in drawing order
    keys = keys[:m]
    names = [f"f{i:05d}" for i in range(n)]
    G = nx.DiGraph()
    sectors = rng.choice(8, size=n, p=[0.3, 0.2, 0.15, 0.1, 0.1, 0.07, 0.05, 0.03])
    G.add_nodes_from((names[i], {"sector": f"s{sectors[i]}"}) for i in range(n))
    G.add_edges_from(zip((names[k // n] for k in keys), (names[k % n] for k in keys)))
    return G


def python_brokerage(G: nx.DiGraph, group: str) -> dict:
    """Reference: per broker v, every in-neighbour a x out-neighbour c, set look-ups."""
    g = {v: d[group] for v, d in G.nodes(data=True)}
    succ = {v: set(G.successors(v)) for v in G}
    out = {}
    for v in G:
        counts = [0] * 5
        gv = g[v]
        for a in G.predecessors(v):
            ga, sa = g[a], succ[a]
            for c in succ[v]:
                if c == a or c in sa:
                    continue
                gc = g[c]
                if ga == gv:
                    counts[0 if gc == gv else 2] += 1
                elif gv == gc:
                    counts[3] += 1
                elif ga == gc:
                    counts[1] += 1
                else:
                    counts[4] += 1
        out[v] = counts
    return out


def timed(fn, *args, **kwargs):
    """Result and CPU seconds of this process (robust to other jobs on a shared machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"    {getattr(fn, '__name__', fn)}: {cpu:.2f}s CPU, {wall:.2f}s wall", flush=True)
    return result, cpu


def bench(n: int, m: int, rows: list, *, run_python_ref: bool) -> None:
    G, t_gen = timed(heavy_tailed_digraph, n, m, seed=n)
    indeg = np.array([d for _, d in G.in_degree()])
    outdeg = np.array([d for _, d in G.out_degree()])
    two_paths = int((indeg * outdeg).sum())
    size = f"{n:,} / {m:,}"
    print(f"[{size}] generated in {t_gen:.1f}s; max in-degree {indeg.max()}, max out-degree "
          f"{outdeg.max()}, two-paths a->v->c {two_paths:,}", flush=True)

    res, t_nk = timed(brokerage_roles, G, "sector")
    brokered = int(res.raw["total"].sum())
    if run_python_ref:
        ref, t_py = timed(python_brokerage, G, "sector")
        same = all(list(res.raw.loc[v, ROLES[:5]]) == ref[v] for v in G)
        rows.append((size, "brokerage_roles", t_nk, "plain-Python loop", t_py,
                     f"{two_paths:,} two-paths, {brokered:,} brokered; counts equal: {same}"))
    else:
        rows.append((size, "brokerage_roles", t_nk, "plain-Python loop", None,
                     f"{two_paths:,} two-paths, {brokered:,} brokered"))
    print(f"  brokerage_roles {t_nk:.2f}s", flush=True)

    order = list(G.nodes)
    index = {v: i for i, v in enumerate(order)}
    g = ig.Graph(n=n, edges=[(index[u], index[v]) for u, v in G.edges], directed=True)

    if n <= 5000:
        exact, t_ex = timed(betweenness, G, method="netkit")
        ref, t_ig = timed(g.betweenness, directed=True)
        diff = float(np.max(np.abs(exact["betweenness"].to_numpy() - np.array(ref))))
        rows.append((size, "betweenness exact", t_ex, "igraph exact", t_ig, f"max |diff| {diff:.1e}"))
        print(f"  exact {t_ex:.2f}s, igraph {t_ig:.2f}s", flush=True)

    est, t_s = timed(betweenness, G, k=100, seed=1)
    _, t_nx = timed(nx.betweenness_centrality, G, k=100, seed=1, normalized=False)
    pivots = [index[v] for v in est.attrs["pivots"]]
    ref, t_ig = timed(g.betweenness, directed=True, sources=pivots)
    diff = float(np.max(np.abs(est["betweenness"].to_numpy() - np.array(ref) * n / 100)))
    note = f"same pivots as igraph: max |diff| {diff:.1e}"
    if n <= 5000:
        ex = exact["betweenness"]
        top = ex.nlargest(50).index
        err = (est["betweenness"] - ex).abs()
        cover = float((err[top] <= 2 * est["se"][top]).mean())
        rel = float((err[top] / ex[top]).median())
        note += f"; top 50: median rel. error {rel:.2f}, within 2 se {cover:.0%}"
    rows.append((size, "betweenness k=100", t_s, "networkx k=100", t_nx, note))
    rows.append((size, "betweenness k=100", t_s, "igraph, same 100 sources", t_ig, ""))
    print(f"  sampled {t_s:.2f}s, networkx {t_nx:.2f}s, igraph {t_ig:.2f}s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000-node network only")
    args = parser.parse_args()
    rows: list = []
    bench(5000, 25000, rows, run_python_ref=True)
    if not args.quick:
        bench(50000, 250000, rows, run_python_ref=True)
    print()
    print("Times are CPU seconds of this process (single-threaded code throughout).")
    print()
    print("| nodes / arcs | netkit | netkit (s) | reference | reference (s) | reference / netkit | notes |")
    print("|---|---|---:|---|---:|---:|---|")
    for size, task, t_nk, ref, t_ref, note in rows:
        ratio = "" if t_ref is None else f"{t_ref / t_nk:.2f}"
        t_ref_s = "not run" if t_ref is None else f"{t_ref:.2f}"
        print(f"| {size} | {task} | {t_nk:.2f} | {ref} | {t_ref_s} | {ratio} | {note} |")


if __name__ == "__main__":
    main()

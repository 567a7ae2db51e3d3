"""Benchmark: read a production network and profile every firm (netkit.production.firm_profile).

    .venv/bin/python benchmarks/bench_production.py [--quick]

For 50,000 firms / 250,000 links and (without ``--quick``) 1,000,000 firms /
10,000,000 links, generated with ``generate_production_network(n, seed=1)``
and written as Parquet: read it with ``read_production_network``, profile
every firm with ``firm_profile`` (degrees, values, reciprocity, local and
external ties, Burt's structural holes, clustering, k-core, concentration)
and compare SMEs with large firms (``compare_sizes``, 999 permutations), all
in one fresh Python process per size. Prints the time of each step and the
peak resident memory of the process when the step ends (the peak so far:
the step where it jumps is the one that needs it).

At 50,000 firms it also times networkx on the same network, for the steps
networkx can do: ``core_number`` and ``clustering`` (whole network) and
``constraint`` (timed on 300 random firms and scaled to all: it needs
minutes to hours on the whole network). networkx's ``effective_size`` is not
run: it builds a dense n x n array (50,000^2 x 8 bytes = 20 GB).

Timings are of one run; on a shared machine they vary by 20-30%.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = {"50k": (50_000, 5.0), "1M": (1_000_000, 10.0)}
NX_SAMPLE = 300


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child_profile(folder: Path, n_firms: int, mean_links: float) -> dict:
    """Generate and write (not timed as steps), then read, profile and compare, timing each step."""
    import netkit.production as prod

    steps: list = []
    last = [time.perf_counter()]
    firms, links = prod.generate_production_network(n_firms, mean_links=mean_links, seed=1)
    prod.write_production_network(firms, links, folder, format="parquet")
    del firms, links

    def mark(name: str) -> None:
        now = time.perf_counter()
        steps.append((name, now - last[0], _peak_mb()))
        last[0] = now

    mark("(generate and write Parquet, not counted)")
    data = prod.read_production_network(folder / "links.parquet", firms=folder / "firms.parquet")
    mark("read_production_network (Parquet)")
    profile = prod.firm_profile(data, progress=lambda m: mark("firm_profile: " + m.split(": ", 1)[1].split(" (")[0]))
    prod.compare_sizes(profile, seed=1)
    mark("compare_sizes (999 permutations)")
    return {"steps": steps, "links": len(data.links), "firms": len(data.firms)}


def child_networkx(n_firms: int, mean_links: float) -> dict:
    """networkx against netkit's array cores, on the same network."""
    import networkx as nx
    import numpy as np

    import netkit.production as prod
    from netkit._arrays import triangle_counts
    from netkit.embeddedness import _clustering, _core_numbers
    from netkit.holes import _holes_arrays

    data = prod.ProductionData(*prod.generate_production_network(n_firms, mean_links=mean_links, seed=1))
    n = len(data.firms)
    s, t = data.links["seller"].to_numpy(np.int64), data.links["buyer"].to_numpy(np.int64)
    v = data.links["value"].to_numpy()
    key = np.unique(np.minimum(s, t) * n + np.maximum(s, t))
    a, b = key // n, key % n
    out = {}
    t0 = time.perf_counter()
    G = prod.to_graph(data)
    U = nx.Graph(G.to_undirected(as_view=True))
    out["to_graph"] = time.perf_counter() - t0

    def timed(fn):
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0

    out["core_number"] = (timed(lambda: nx.core_number(U)), timed(lambda: _core_numbers(n, a, b)))
    out["clustering"] = (timed(lambda: nx.clustering(U)),
                         timed(lambda: _clustering(triangle_counts(n, a, b), np.bincount(np.r_[a, b], minlength=n))))
    sample = np.random.default_rng(1).choice(n, NX_SAMPLE, replace=False).tolist()
    nx_sample = timed(lambda: nx.constraint(G, nodes=sample, weight="weight"))
    out["constraint"] = (nx_sample * n / NX_SAMPLE, timed(lambda: _holes_arrays(n, s, t, v)))
    out["peak_mb"] = _peak_mb()
    return out


def run(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"{args} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="only 50,000 firms / 250,000 links")
    ap.add_argument("--no-networkx", action="store_true", help="skip the comparison with networkx")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        kind, size, *rest = args.child
        n_firms, mean_links = SIZES[size]
        result = (child_profile(Path(rest[0]), n_firms, mean_links) if kind == "profile"
                  else child_networkx(n_firms, mean_links))
        print(json.dumps(result))
        return 0

    sizes = ["50k"] if args.quick else ["50k", "1M"]
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"running {size} ...", file=sys.stderr, flush=True)
            res = run(["profile", size, tmp])
        total = sum(sec for name, sec, _ in res["steps"][1:])
        print(f"\n### {res['firms']:,} firms, {res['links']:,} links (seed 1)\n")
        print("| step | time (s) | peak RSS so far (MB) |")
        print("|---|---:|---:|")
        for name, sec, mb in res["steps"]:
            print(f"| {name} | {sec:.2f} | {mb:,.0f} |")
        print(f"| **total (read, profile, compare)** | **{total:.1f}** | **{max(m for *_, m in res['steps']):,.0f}** |")
    if not args.no_networkx:
        print("running networkx at 50k ...", file=sys.stderr, flush=True)
        ref = run(["networkx", "50k"])
        print(f"\n### networkx against netkit's array cores, {SIZES['50k'][0]:,} firms "
              f"(to_graph itself: {ref['to_graph']:.1f} s; peak {ref['peak_mb']:,.0f} MB)\n")
        print("| measure | networkx (s) | netkit (s) | ratio |")
        print("|---|---:|---:|---:|")
        for name in ("core_number", "clustering", "constraint"):
            nx_s, nk_s = ref[name]
            note = f" (networkx timed on {NX_SAMPLE} firms, scaled)" if name == "constraint" else ""
            print(f"| {name}{note} | {nx_s:.2f} | {nk_s:.2f} | {nx_s / nk_s:,.0f} |")
        print("| effective_size | not run: networkx builds a dense n x n array (20 GB at 50,000 firms) | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

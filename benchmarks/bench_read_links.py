"""Benchmark: read a large production network (links + firms) with netkit and with plain pandas.

    .venv/bin/python benchmarks/bench_read_links.py [--firms 1000000] [--mean-links 10]

Generates a seeded network with ``netkit.production.generate_production_network``
(default 1,000,000 firms and 10,000,000 links; ``--firms 100000`` is a quick
run), writes it as Parquet and as CSV to a temporary folder, then reads it
back, each step in a fresh Python process so that its peak memory (maxrss)
is its own:

* ``pandas.read_parquet`` / ``pandas.read_csv`` of both files: parsing only,
  the floor for any reader in Python;
* ``netkit.read_production_network``: parsing plus validation (missing ids,
  values, self-links, outside firms), id matching, int32 codes, sorting and
  summing duplicates; for CSV with pyarrow (the ``fast`` extra) and with
  pandas alone (what a user without pyarrow gets).

Prints a markdown table: time, ratio to pandas on the same format, peak
resident memory of the process, and the memory of the tables it returns.
"""

from __future__ import annotations

import argparse
import builtins
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _frames_mb(*frames) -> float:
    return sum(f.memory_usage(deep=True, index=True).sum() for f in frames) / 1e6


def _without_pyarrow_in_netkit() -> None:
    """netkit.production cannot import pyarrow (pandas still can), as for a user without the extra."""
    real_import = builtins.__import__

    def _in_production(module: str) -> bool:
        return module == "netkit.production" or module.startswith("netkit.production.")

    def fake_import(name, globals=None, locals=None, fromlist=(), level=0):
        if name.split(".")[0] == "pyarrow" and _in_production((globals or {}).get("__name__") or ""):
            raise ModuleNotFoundError("No module named 'pyarrow'", name="pyarrow")
        return real_import(name, globals, locals, fromlist, level)

    builtins.__import__ = fake_import


def child(step: str, folder: Path, n_firms: int, mean_links: float) -> dict:
    """One step in this process; returns its time, peak memory and result size."""
    import pandas as pd

    import netkit.production as prod

    t0 = time.perf_counter()
    out: dict = {}
    if step == "baseline":
        import pyarrow  # noqa: F401
        out["mb"] = 0.0
    elif step == "generate":
        firms, links = prod.generate_production_network(n_firms, mean_links=mean_links, seed=1)
        out["generate"] = time.perf_counter() - t0
        out["mb"] = _frames_mb(firms, links)
        t1 = time.perf_counter()
        prod.write_production_network(firms, links, folder, format="parquet")
        out["write_parquet"] = time.perf_counter() - t1
        t1 = time.perf_counter()
        prod.write_production_network(firms, links, folder, format="csv")
        out["write_csv"] = time.perf_counter() - t1
        out["links"], out["firms"] = len(links), len(firms)
    elif step == "pandas_parquet":
        frames = pd.read_parquet(folder / "links.parquet"), pd.read_parquet(folder / "firms.parquet")
        out["mb"] = _frames_mb(*frames)
    elif step == "pandas_csv":
        frames = pd.read_csv(folder / "links.csv"), pd.read_csv(folder / "firms.csv")
        out["mb"] = _frames_mb(*frames)
    elif step.startswith("netkit_"):
        fmt = "parquet" if step == "netkit_parquet" else "csv"
        if step == "netkit_csv_pandas":
            _without_pyarrow_in_netkit()
            assert prod._files._pyarrow_csv() is None
        data = prod.read_production_network(folder / f"links.{fmt}", firms=folder / f"firms.{fmt}")
        out["mb"] = _frames_mb(data.firms, data.links)
        out["links"], out["dropped"] = len(data.links), int(data.dropped["rows"].sum())
    else:
        raise SystemExit(f"unknown step {step}")
    out.setdefault("seconds", time.perf_counter() - t0)
    out["peak_mb"] = _peak_mb()
    return out


def run(step: str, folder: Path, args) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", step, "--folder", str(folder),
                           "--firms", str(args.firms), "--mean-links", str(args.mean_links)],
                          capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"step {step} failed:\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"  {step}: {result['seconds']:.1f} s, peak {result['peak_mb']:,.0f} MB", file=sys.stderr, flush=True)
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--firms", type=int, default=1_000_000)
    ap.add_argument("--mean-links", type=float, default=10.0)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, Path(args.folder), args.firms, args.mean_links)))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = run("baseline", folder, args)
        gen = run("generate", folder, args)
        sizes = {fmt: sum((folder / f"{name}.{fmt}").stat().st_size for name in ("links", "firms")) / 1e6
                 for fmt in ("parquet", "csv")}
        steps = ["pandas_parquet", "netkit_parquet", "pandas_csv", "netkit_csv", "netkit_csv_pandas"]
        res = {step: run(step, folder, args) for step in steps}

    print(f"\nProduction network: {gen['firms']:,} firms, {gen['links']:,} links (seed 1); files: Parquet "
          f"{sizes['parquet']:,.0f} MB, CSV {sizes['csv']:,.0f} MB. One run per step, each in a fresh process "
          f"(python + pandas + pyarrow + netkit imported: {base['peak_mb']:,.0f} MB).\n")
    print(f"Generate: {gen['generate']:.1f} s (peak {gen['peak_mb']:,.0f} MB, frames {gen['mb']:,.0f} MB); "
          f"write Parquet {gen['write_parquet']:.1f} s, write CSV {gen['write_csv']:.1f} s.\n")
    print("| read links + firms | time (s) | ratio to pandas | peak RSS (MB) | tables in memory (MB) |")
    print("|---|---:|---:|---:|---:|")
    labels = {"pandas_parquet": "pandas.read_parquet", "netkit_parquet": "netkit, Parquet",
              "pandas_csv": "pandas.read_csv", "netkit_csv": "netkit, CSV (pyarrow)",
              "netkit_csv_pandas": "netkit, CSV (pandas only, no pyarrow)"}
    for step in steps:
        ref = res["pandas_parquet" if "parquet" in step else "pandas_csv"]["seconds"]
        r = res[step]
        print(f"| {labels[step]} | {r['seconds']:.2f} | {r['seconds'] / ref:.2f} | {r['peak_mb']:,.0f} | "
              f"{r['mb']:,.0f} |")
    checks = {res[s]["links"] for s in steps if s.startswith("netkit")}
    print(f"\nnetkit kept {', '.join(f'{c:,}' for c in checks)} links, dropped "
          f"{max(res[s]['dropped'] for s in steps if s.startswith('netkit')):,} rows.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

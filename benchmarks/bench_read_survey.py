"""Benchmark: read a long-layout survey workbook of 100,000 reported ties.

    .venv/bin/python benchmarks/bench_read_survey.py [--ties 100000] [--repeat 3]

Writes a seeded synthetic workbook (5,000 actors, N ties of five relations,
names written with varied spellings and legal suffixes) to a temporary
folder, then times, in the same run:

* ``pandas.read_excel(sheet_name=None)`` (openpyxl engine): only parsing the
  cells into DataFrames, the floor for any xlsx reader in Python;
* ``netkit.read_survey``: parsing plus detection, validation, name matching,
  size classes and problems;
* ``netkit.build_graph`` on the result.

Prints a markdown table with the median time and the ratio to pandas.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook

import netkit

RELATIONS = ["supplier", "customer", "knowledge", "university", "agency"]


def make_workbook(path: Path, n_ties: int, n_actors: int = 5000, seed: int = 1) -> Path:
    rng = np.random.default_rng(seed)
    ids = [f"F{i:05d}" for i in range(n_actors)]
    names = [f"Impresa {i:05d}" for i in range(n_actors)]
    kinds = ["university" if i % 500 == 0 else "agency" if i % 700 == 0 else "firm" for i in range(n_actors)]
    wb = Workbook(write_only=True)
    actors = wb.create_sheet("actors")
    actors.append(["actor", "name", "kind", "sector", "region", "employees", "turnover", "responded"])
    employees = np.clip(rng.lognormal(2.8, 1.1, n_actors), 1, 5000).astype(int)
    for i in range(n_actors):
        actors.append([ids[i], names[i], kinds[i], f"S{i % 12}", f"R{i % 7}", int(employees[i]),
                       round(float(employees[i]) * 0.15, 2), "yes" if rng.random() < 0.8 else "no"])
    ties = wb.create_sheet("ties")
    ties.append(["respondent", "partner", "relation", "strength"])
    resp = rng.integers(0, n_actors, n_ties)
    part = (resp + rng.integers(1, n_actors, n_ties)) % n_actors  # never a self-tie
    rel = rng.integers(0, 3, n_ties)
    strength = rng.integers(1, 6, n_ties)
    style = rng.random(n_ties)
    for r, p, k, s, st in zip(resp, part, rel, strength, style):
        partner = ids[p] if st < 0.4 else names[p] if st < 0.7 else names[p].upper() + " S.r.l." if st < 0.9 else names[p].lower()
        ties.append([ids[r], partner, RELATIONS[k], int(s)])
    rel_sheet = wb.create_sheet("relations")
    rel_sheet.append(["relation", "tie", "directed", "direction", "scale_min", "scale_max"])
    rel_sheet.append(["knowledge", "knowledge", "yes", "partner_to_respondent", 1, 5])
    wb.save(path)
    return path


def timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ties", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = make_workbook(Path(tmp) / "survey.xlsx", args.ties)
        size = path.stat().st_size / 1e6
        t_pd, _ = timed(lambda: pd.read_excel(path, sheet_name=None, engine="openpyxl"), args.repeat)
        t_read, survey = timed(lambda: netkit.read_survey(path), args.repeat)
        t_graph, G = timed(lambda: netkit.build_graph(survey), args.repeat)
    print(f"\nLong-layout workbook: {args.ties:,} reported ties, 5,000 actors, {size:.1f} MB; "
          f"median of {args.repeat} runs\n")
    print("| step | time (s) | ratio to pandas.read_excel |")
    print("|---|---:|---:|")
    print(f"| pandas.read_excel (cells only) | {t_pd:.2f} | 1.00 |")
    print(f"| netkit.read_survey (parse + validate + match names) | {t_read:.2f} | {t_read / t_pd:.2f} |")
    print(f"| netkit.build_graph | {t_graph:.2f} | {t_graph / t_pd:.2f} |")
    print(f"\nread {len(survey.ties):,} ties kept, {len(survey.problems):,} problems, graph "
          f"{G.number_of_nodes():,} nodes / {G.number_of_edges():,} edges")
    return 0


if __name__ == "__main__":
    sys.exit(main())

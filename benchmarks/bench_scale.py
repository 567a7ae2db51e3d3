"""Issue 6 targets: the production-network audit at 50,000 firms and the pipeline at 1,000,000.

    .venv/bin/python benchmarks/bench_scale.py            # 50k audit + networkx reference + 1M pipeline
    .venv/bin/python benchmarks/bench_scale.py --quick    # 50k audit only

Each scenario runs in its own process, so its peak memory (ru_maxrss) is its
own (the million scenario's includes generating and writing its files). Printed as markdown tables:

1. The full audit of 50,000 firms / 250,000 links (10-seed Louvain consensus,
   sampled betweenness, embeddedness with structural holes, report and every
   file): target under 15 s, its analysis under 5 s; each step against the
   same step in networkx measured in the same run.
2. 1,000,000 firms / 10,000,000 links from Parquet: read, then the whole
   analysis of the audit (firm profile with embeddedness and structural
   holes, 10-seed Louvain consensus, betweenness sampled to within 0.01,
   tables and findings): target under 5 minutes and under 8 GB.
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


def _peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6  # kB on Linux


def scenario_audit(n: int, links_per_firm: float) -> dict:
    import netkit
    from netkit.production import ProductionData, generate_production_network

    data = ProductionData(*generate_production_network(n, mean_links=links_per_firm, seed=1))
    out = Path(tempfile.mkdtemp())
    t = time.perf_counter()
    result = netkit.audit_production(data, out, n_runs=10, seed=1, synthetic=True)
    wall = time.perf_counter() - t
    return {"firms": n, "links": len(data.links), "wall": wall, "seconds": result.settings["seconds"],
            "backends": result.settings.get("backends"), "peak_gb": _peak_gb(),
            "modularity": float(result.summary["modularity"])}


def scenario_networkx(n: int, links_per_firm: float) -> dict:
    import networkx as nx

    from netkit.production import ProductionData, generate_production_network, to_graph

    data = ProductionData(*generate_production_network(n, mean_links=links_per_firm, seed=1))
    times = {}
    G = to_graph(data)
    U = nx.Graph()
    U.add_nodes_from(G)
    for u, v, d in G.edges(data=True):
        w = d["weight"] + (U[u][v]["weight"] if U.has_edge(u, v) else 0.0)
        U.add_edge(u, v, weight=w)
    t = time.perf_counter()
    parts = nx.community.louvain_communities(U, weight="weight", seed=1)
    times["communities (1 run)"] = time.perf_counter() - t
    t = time.perf_counter()
    nx.betweenness_centrality(U, k=100, seed=1, normalized=True)
    times["betweenness (k=100)"] = time.perf_counter() - t
    t = time.perf_counter()
    nx.constraint(U, weight="weight")
    times["constraint"] = time.perf_counter() - t
    t = time.perf_counter()
    nx.core_number(U)
    nx.clustering(U)
    times["k-core + clustering"] = time.perf_counter() - t
    return {"times": times, "peak_gb": _peak_gb(), "modularity": nx.community.modularity(U, parts, weight="weight")}


def scenario_million(n: int, links_per_firm: float) -> dict:
    """As a researcher would: read the Parquet files, then the whole analysis of the audit."""
    import netkit
    from netkit.production import generate_production_network, write_production_network

    folder = Path(tempfile.mkdtemp())
    firms, links = generate_production_network(n, mean_links=links_per_firm, seed=1)
    paths = write_production_network(firms, links, folder, format="parquet")
    del firms, links
    t = time.perf_counter()
    data = netkit.read_production_network(paths["links"], firms=paths["firms"])
    times = {"read Parquet (links and firms)": time.perf_counter() - t}
    result = netkit.analyse_production(data, n_runs=10, seed=1)
    sec = result.settings["seconds"]
    times["firm profile (embeddedness, structural holes, k-core, clustering)"] = sec["profile"]
    times["communities: 10 Louvain runs + consensus"] = sec["communities"]
    times["betweenness (KADABRA, epsilon 0.01)"] = sec["betweenness"]
    times["tables, SMEs against large firms, findings, map selection"] = sec["tables"] + sec["map"]
    return {"firms": len(data.firms), "links": len(data.links), "times": times, "peak_gb": _peak_gb(),
            "modularity": float(result.summary["modularity"]),
            "bound": str(result.settings["betweenness_bound"])}


SCENARIOS = {"audit": scenario_audit, "networkx": scenario_networkx, "million": scenario_million}


def _run(name: str, n: int, per: float) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--scenario", name, "--n", str(n), "--per", str(per)],
                          capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"{name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="only the 50,000-firm audit, without networkx")
    ap.add_argument("--scenario", choices=list(SCENARIOS))
    ap.add_argument("--n", type=int)
    ap.add_argument("--per", type=float)
    args = ap.parse_args()
    if args.scenario:
        print(json.dumps(SCENARIOS[args.scenario](args.n, args.per)))
        return

    audit = _run("audit", 50_000, 5)
    sec = audit["seconds"]
    print(f"\n### Audit of {audit['firms']:,} firms / {audit['links']:,} links "
          f"(backends: {audit['backends']}; peak {audit['peak_gb']:.1f} GB)\n")
    ref = None if args.quick else _run("networkx", 50_000, 5)
    rows = [("firm profile (embeddedness, structural holes, k-core, clustering)", sec.get("profile"),
             None if ref is None else ref["times"]["constraint"] + ref["times"]["k-core + clustering"],
             "networkx: constraint + core_number + clustering (it cannot compute effective size here)"),
            ("communities: 10 Louvain runs + consensus", sec.get("communities"),
             None if ref is None else 10 * ref["times"]["communities (1 run)"],
             "networkx: 10 x louvain_communities"),
            ("betweenness (sampled, error bound)", sec.get("betweenness"),
             None if ref is None else ref["times"]["betweenness (k=100)"], "networkx: k=100 pivots, no bound"),
            ("tables, findings, map selection", sec.get("tables", 0) + sec.get("map", 0), None, ""),
            ("analysis (all of the above)", sec.get("analysis"), None, "target < 5 s"),
            ("figures", sec.get("figures"), None, ""),
            ("report.html, firms.parquet/.csv, metrics.xlsx, backbone files", sec.get("files"), None, ""),
            ("full audit (wall, in process)", audit["wall"], None, "target < 15 s")]
    print("| step | netkit (s) | networkx (s) | networkx / netkit | note |\n|---|---:|---:|---:|---|")
    for step, ours, theirs, note in rows:
        ratio = f"{theirs / ours:.0f}x" if ours and theirs else ""
        print(f"| {step} | {ours:.2f} | {'' if theirs is None else f'{theirs:.1f}'} | {ratio} | {note} |")
    if ref is not None:
        print(f"\nmodularity: netkit {audit['modularity']:.4f}, networkx (one run) {ref['modularity']:.4f}")
    if args.quick:
        return
    big = _run("million", 1_000_000, 10)
    total = sum(big["times"].values())
    print(f"\n### {big['firms']:,} firms / {big['links']:,} links (peak {big['peak_gb']:.1f} GB, "
          f"target < 300 s and < 8 GB)\n")
    print("| step | time (s) |\n|---|---:|")
    for step, t in big["times"].items():
        print(f"| {step} | {t:.1f} |")
    print(f"| **total** | **{total:.1f}** |")
    print(f"\nmodularity {big['modularity']:.4f}; betweenness: {big['bound']}")


if __name__ == "__main__":
    main()

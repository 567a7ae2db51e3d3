"""The audit of a production network: 50,000 to a million firms, in one call.

``netkit.audit_production("links.parquet", "out/", firms="firms.parquet")``
(or ``netkit audit-production links.parquet --firms firms.parquet -o out/``)
reads the links, profiles every firm's embeddedness, finds communities with a
consensus over several seeds, estimates betweenness, and writes a report that
stays readable at any size (see :mod:`netkit.production_report`). Every step
works on arrays; no networkx graph of the whole network is built.
"""

from __future__ import annotations

import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from .errors import NetkitError
from .production import ProductionData, compare_sizes, firm_profile, read_production_network
from .production._read import _aggregate
from .production_report import (
    ProductionAuditResult,
    make_production_figures,
    write_production_files,
)
from .viz import layout_positions

__all__ = ["analyse_production", "audit_production"]

#: up to this many firms betweenness is exact (igraph: about 1.5 s at 5,000 firms); above, sampled with a bound
EXACT_BETWEENNESS_MAX = 3_000


class _Steps:
    """Progress messages with the time of each step."""

    def __init__(self, progress):
        self.progress = progress
        self.t0 = self.last = time.perf_counter()
        self.seconds: dict[str, float] = {}
        self.current: str | None = None

    def __call__(self, step: str, message: str = "") -> None:
        now = time.perf_counter()
        if self.current is not None:
            self.seconds[self.current] = round(now - self.last, 2)
        self.current, self.last = step, now
        self._say(f"[{now - self.t0:6.1f}s] {message or step}")

    def note(self, message: str) -> None:
        """A message within the current step."""
        self._say(f"[{time.perf_counter() - self.t0:6.1f}s]   {message}")

    def _say(self, text: str) -> None:
        if self.progress is True:
            import sys

            print(text, file=sys.stderr, flush=True)
        elif callable(self.progress):
            self.progress(text)

    def done(self) -> dict:
        self("done")
        self.seconds["total"] = round(time.perf_counter() - self.t0, 2)
        return self.seconds


def _undirected(n: int, seller: np.ndarray, buyer: np.ndarray, value: np.ndarray):
    """Each unordered pair once (a < b) with the value traded both ways summed."""
    a = np.minimum(seller, buyer).astype(np.int64)
    b = np.maximum(seller, buyer).astype(np.int64)
    key = a * n + b
    order = np.argsort(key, kind="stable")
    key = key[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    starts = np.flatnonzero(first)
    w = np.add.reduceat(value[order], starts) if len(starts) else np.zeros(0)
    return (key[starts] // n), (key[starts] % n), w


def _main_share(values: pd.Series, labels: np.ndarray, k: int) -> pd.Series:
    """For each community, its most common value and that value's share, as text."""
    frame = pd.DataFrame({"c": labels, "v": values.to_numpy()}).dropna()
    if frame.empty:
        return pd.Series([""] * k)
    counts = frame.groupby(["c", "v"], observed=True).size().rename("n").reset_index()
    counts = counts.sort_values(["c", "n"], ascending=[True, False]).drop_duplicates("c")
    sizes = np.bincount(frame["c"].to_numpy(), minlength=k)
    text = [f"{v} ({n / sizes[c]:.0%})" for c, v, n in zip(counts["c"], counts["v"], counts["n"])]
    return pd.Series(text, index=counts["c"].to_numpy()).reindex(range(k), fill_value="")


def _community_table(firms: pd.DataFrame, labels: np.ndarray, stability: np.ndarray, a, b) -> pd.DataFrame:
    k = int(labels.max()) + 1 if len(labels) else 0
    size = np.bincount(labels, minlength=k)
    inside = labels[a] == labels[b]
    ends = np.bincount(labels[a], minlength=k) + np.bincount(labels[b], minlength=k)
    internal = 2 * np.bincount(labels[a][inside], minlength=k)
    table = pd.DataFrame({
        "size": size,
        "stability": np.bincount(labels, weights=stability, minlength=k) / np.maximum(size, 1),
        "sme_share": (np.bincount(labels, weights=firms["is_sme"].fillna(False).astype(float).to_numpy(),
                                  minlength=k) / np.maximum(size, 1)) if "is_sme" in firms else np.nan,
        "internal_share": internal / np.maximum(ends, 1),
    })
    for col, label in (("sector", "main_sector"), ("region", "main_region")):
        if col in firms:
            table[label] = _main_share(firms[col].astype(object), labels, k).to_numpy()
    table.index.name = "community"
    return table.sort_values("size", ascending=False, kind="stable")


def _backbone(firms: pd.DataFrame, pairs, labels, *, map_size: int, community) -> tuple:
    """The firms drawn on the map and the links among them, as a small DiGraph."""
    n = len(firms)
    score = firms["betweenness"].to_numpy(float) if "betweenness" in firms else np.zeros(n)
    degree = firms["degree"].to_numpy(float)
    pool = np.arange(n)
    if community is not None:
        pool = np.flatnonzero(labels == int(community))
        if not len(pool):
            raise NetkitError(f"no community {community!r}; communities are numbered 0 to {labels.max()}")
    order = pool[np.lexsort((-degree[pool], -score[pool]))][:map_size]
    chosen = np.zeros(n, dtype=bool)
    chosen[order] = True
    s, t, value = pairs
    keep = chosen[s] & chosen[t]
    ids = firms.index
    B = nx.DiGraph()
    attrs = [c for c in ("name", "sector", "region", "size_class") if c in firms]
    for i in np.sort(order):
        d = {c: firms[c].iat[i] for c in attrs if pd.notna(firms[c].iat[i])}
        B.add_node(ids[i], kind="firm", community=int(labels[i]), in_cluster=bool(firms["in_cluster"].iat[i]),
                   **{k: (str(v) if not isinstance(v, (int, float, np.integer, np.floating)) else v)
                      for k, v in d.items()})
    B.add_edges_from((ids[u], ids[v], {"weight": float(w), "relation": "trade", "directed": True})
                     for u, v, w in zip(s[keep], t[keep], value[keep]))
    what = (f"the {len(order):,} firms of community {community} with the highest betweenness"
            if community is not None else f"the {len(order):,} firms with the highest betweenness")
    return B, f"The map shows {what} and the {B.number_of_edges():,} links among them."


def _findings(firms: pd.DataFrame, communities: pd.DataFrame, summary: pd.Series) -> pd.DataFrame:
    rows = []
    sme = firms["is_sme"].fillna(False).astype(bool) if "is_sme" in firms else pd.Series(False, index=firms.index)
    listed = firms["in_cluster"].astype(bool)
    smes = firms[sme & listed]
    selling = smes[smes["customers"] > 0]
    if len(selling):
        one = int((selling["customers"] == 1).sum())
        conc = int((selling["sales_concentration"] >= 0.5).sum()) if "sales_concentration" in selling else one
        rows.append(("dependence", f"{one:,} of {len(selling):,} SMEs that sell have a single customer, and "
                     f"{conc:,} ({conc / len(selling):.0%}) sell so much to a few customers that their sales "
                     "are as concentrated as sales split between two equal customers or fewer (Herfindahl "
                     "index 0.5 or more).",
                     "Supplier development and matchmaking to widen these SMEs' customer base; watch the "
                     "customers they depend on.", conc / len(selling)))
    if "local_ties" in smes and len(smes):
        trading = smes[smes["degree"] > 0]
        nolocal = int((trading["local_ties"] == 0).sum())
        if len(trading):
            rows.append(("local embeddedness", f"{nolocal:,} of {len(trading):,} trading SMEs "
                         f"({nolocal / len(trading):.0%}) have no supplier or customer in their own region.",
                         "Regional sourcing days and matchmaking with nearby firms of the upstream sectors.",
                         nolocal / len(trading)))
    if "betweenness" in firms and firms["betweenness"].sum() > 0:
        top = max(1, int(round(0.01 * len(firms))))
        share = firms["betweenness"].nlargest(top).sum() / firms["betweenness"].sum()
        rows.append(("brokers", f"The {top:,} firms with the highest betweenness (1% of firms) lie on "
                     f"{share:.0%} of the shortest paths between firms (trade links taken both ways).",
                     "Treat these firms as systemic: their disruption cuts the paths between many firms. "
                     "Map alternatives for the firms that depend on them.", share))
    if len(communities):
        big = communities.iloc[0]
        rows.append(("communities", f"{int(summary['communities']):,} communities (modularity "
                     f"{summary['modularity']:.2f}); the largest holds {big['size'] / len(firms):.0%} of firms and "
                     f"{big['internal_share']:.0%} of its members' links stay inside it"
                     + (f"; its main region is {big['main_region']}." if "main_region" in big else "."),
                     "Use communities, not administrative regions, to define where cluster programmes work.",
                     big["size"] / len(firms)))
    isolated = int((smes["degree"] == 0).sum()) if len(smes) else 0
    if isolated:
        rows.append(("isolated SMEs", f"{isolated:,} SMEs in the firms table have no link at all.",
                     "Check whether they trade outside the data (exports, consumers) before targeting them.",
                     isolated / max(len(smes), 1)))
    return pd.DataFrame(rows, columns=["topic", "finding", "action", "figure"])


def _summary(firms, pairs, labels, modularity, a, b) -> pd.Series:
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    n = len(firms)
    A = coo_array((np.ones(len(a)), (a, b)), shape=(n, n)).tocsr()
    _, comp = connected_components(A, directed=False)
    largest = np.bincount(comp).max() if n else 0
    s, t, value = pairs
    key = s.astype(np.int64) * n + t
    reverse = t.astype(np.int64) * n + s
    reciprocity = float(np.isin(key, reverse).mean()) if len(key) else float("nan")
    return pd.Series({
        "firms": n,
        "firms_listed": int(firms["in_cluster"].sum()),
        "links": len(s),
        "value_traded": float(value.sum()),
        "density": len(s) / (n * (n - 1)) if n > 1 else float("nan"),
        "mean_degree": 2 * len(a) / n if n else float("nan"),
        "reciprocity": reciprocity,
        "largest_component_share": largest / n if n else float("nan"),
        "sme_share": float(firms["is_sme"].fillna(False).astype(bool).mean()) if "is_sme" in firms else float("nan"),
        "mean_clustering": float(firms["clustering"].mean()) if "clustering" in firms else float("nan"),
        "communities": int(labels.max()) + 1 if len(labels) else 0,
        "modularity": modularity,
    })


def analyse_production(data: ProductionData, *, seed: int = 0, n_runs: int = 10, map_size: int = 300,
                       map_community=None, betweenness_epsilon: float = 0.01, title: str | None = None,
                       progress=None) -> ProductionAuditResult:
    """Compute everything the production-network audit reports (no files written).

    Parameters
    ----------
    data : ProductionData
        From :func:`netkit.read_production_network` or
        :func:`netkit.generate_production_network`.
    seed : int
        Seed of every random step (Louvain runs, betweenness samples,
        permutation tests, layout).
    n_runs : int
        Louvain runs in the consensus.
    map_size : int
        Firms drawn on the map: those with the highest betweenness.
    map_community : int, optional
        Draw this community's most central firms instead of the whole backbone.
    betweenness_epsilon : float
        Betweenness is computed on the trade links taken both ways (a firm
        between two partners links them whichever way goods flow), unweighted.
        Above ``EXACT_BETWEENNESS_MAX`` firms it is sampled by KADABRA
        (Borassi & Natale 2019, networkit): with probability 0.9 every firm's
        betweenness, as a share of the pairs of firms, is within this of its
        exact value. Exact on smaller networks.
    progress : bool or callable
        Print each step with its time (True) or pass each message to a function.
    """
    from ._fast import betweenness_arrays
    from .communities import communities_from_arrays

    steps = _Steps(progress)
    n = len(data.firms)
    steps("profile", f"embeddedness profile of {n:,} firms")
    firms = firm_profile(data, local="region" if "region" in data.firms else None)
    # one link per seller-buyer pair, the values of its years summed
    seller, buyer, value, _, _ = _aggregate(data.links["seller"].to_numpy(), data.links["buyer"].to_numpy(),
                                            data.links["value"].to_numpy(float), None, n)
    a, b, w = _undirected(n, seller, buyer, value)

    steps("communities", f"communities: {n_runs} Louvain runs and their consensus")
    comm = communities_from_arrays(n, a, b, w, n_runs=n_runs, seed=seed, progress=steps.note)
    labels, stability = comm.labels, comm.stability
    firms["community"] = labels
    firms["stability"] = stability

    epsilon = None if n <= EXACT_BETWEENNESS_MAX else betweenness_epsilon
    steps("betweenness", "betweenness, exact" if epsilon is None else f"betweenness, sampled to within {epsilon}")
    # undirected: KADABRA's adaptive sampler meets epsilon = 0.01 in about a second at 50,000 firms,
    # where any directed sampler with that bound needs minutes (see betweenness_arrays)
    btw = betweenness_arrays(n, a, b, None, directed=False, epsilon=epsilon, seed=seed)
    firms["betweenness"] = btw.values
    bound = btw.bound

    steps("tables", "communities, SMEs against large firms, findings")
    communities = _community_table(firms, labels, stability, a, b)
    cols = [c for c in ("degree", "customers", "suppliers", "local_share", "constraint", "sales_concentration")
            if c in firms]
    compare = pd.DataFrame()
    if "is_sme" in firms and firms.loc[firms["in_cluster"].astype(bool), "is_sme"].dropna().nunique() == 2:
        compare = compare_sizes(firms, cols, n_permutations=199, seed=seed)
    summary = _summary(firms, (seller, buyer, value), labels, comm.modularity, a, b)
    findings = _findings(firms, communities, summary)

    steps("map", f"map of up to {map_size} firms")
    backbone, caption = _backbone(firms, (seller, buyer, value), labels, map_size=map_size,
                                  community=map_community)
    positions = layout_positions(backbone, seed=seed, groups=dict(backbone.nodes(data="community")))
    seconds = steps.done()
    firms.index.name = "firm"
    return ProductionAuditResult(
        title=title or "Production network audit", firms=firms, summary=summary, communities=communities,
        compare=compare, findings=findings, backbone=backbone, dropped=data.dropped, problems=data.problems,
        positions=positions,
        settings={"seed": seed, "n_runs": n_runs, "map_caption": caption, "betweenness_bound": bound,
                  "betweenness_error": float(btw.error), "betweenness_method": btw.method,
                  "community_method": comm.method, "backends": f"{comm.method}, {btw.backend}", "seconds": seconds,
                  "rows_read": data.meta.get("rows_read", len(data.links)),
                  "synthetic": bool(data.meta.get("synthetic")), "anonymised": False},
    )


def _anonymised(data: ProductionData) -> ProductionData:
    """The same network with firm ids replaced by codes F0000001... (in row order) and names dropped."""
    width = max(7, len(str(len(data.firms))))
    firms = data.firms.drop(columns=[c for c in ("name",) if c in data.firms.columns])
    firms.index = pd.Index([f"F{i:0{width}d}" for i in range(len(firms))], name=firms.index.name)
    problems = data.problems.iloc[0:0] if len(data.problems) else data.problems
    return ProductionData(firms=firms, links=data.links, dropped=data.dropped, problems=problems,
                          source=None, meta={**data.meta, "anonymised": True})


def audit_production(source, out_dir, *, firms=None, seed: int = 0, n_runs: int = 10, map_size: int = 300,
                     map_community=None, title: str | None = None, anonymise: bool = False,
                     synthetic: bool | None = None, progress=False) -> ProductionAuditResult:
    """Audit a production network and write the report and per-firm files.

    Parameters
    ----------
    source : ProductionData, str or Path
        The network, or a links file (CSV or Parquet) for
        :func:`netkit.read_production_network`.
    out_dir : str or Path
        Folder for ``report.html``, ``firms.parquet``, ``firms.csv``,
        ``communities.csv``, ``metrics.xlsx``, ``backbone.graphml``,
        ``backbone.gexf`` and ``figures/*.png``.
    firms : str, Path or DataFrame, optional
        The firms table, when ``source`` is a file.
    anonymise : bool
        Replace firm ids by codes and drop names in every output.
    synthetic : bool, optional
        Label the report as synthetic data (default: when the data says so).
    seed, n_runs, map_size, map_community, title, progress
        See :func:`analyse_production`.

    Examples
    --------
    >>> import tempfile, netkit
    >>> data = netkit.ProductionData(*netkit.generate_production_network(2_000, mean_links=4, seed=1))
    >>> result = netkit.audit_production(data, tempfile.mkdtemp(), n_runs=3, synthetic=True)
    >>> sorted(p.name for p in result.settings["files"] if p.suffix != ".png")[:4]
    ['backbone.gexf', 'backbone.graphml', 'communities.csv', 'firms.csv']
    """
    if not isinstance(source, ProductionData):
        source = read_production_network(source, firms=firms, progress=progress)
    if anonymise:
        source = _anonymised(source)
    result = analyse_production(source, seed=seed, n_runs=n_runs, map_size=map_size, map_community=map_community,
                                title=title, progress=progress)
    from . import __version__

    result.settings.update(version=__version__, anonymised=anonymise)
    if synthetic is not None:
        result.settings["synthetic"] = synthetic
    steps = _Steps(progress)
    steps("figures", "figures")
    figs = make_production_figures(result)
    steps("files", "report.html, firms.parquet, firms.csv, metrics.xlsx, backbone.graphml/.gexf")
    seconds = result.settings["seconds"]
    seconds["analysis"] = seconds.pop("total")
    seconds["figures"] = steps.seconds["figures"]  # in the report's table; the files' own time cannot be
    files = write_production_files(result, Path(out_dir), figs)
    seconds["files"] = steps.done()["files"]
    result.settings["files"] = files
    return result

"""Render the audit of a production network: report.html, tables and per-firm files.

A production network of 50,000 or a million firms cannot be shown as one map
or one spreadsheet. The report keeps what a reader can take in: key figures,
how the data was cleaned, a map of the backbone (the most central firms and
the links among them) or of one community, the largest communities, the top
brokers, SMEs against large firms, the least connected SMEs, and findings in
plain language. Every per-firm figure goes to ``firms.parquet`` and
``firms.csv``, which have no row limit; ``metrics.xlsx`` holds the report's
tables (and every firm only while they fit comfortably in a spreadsheet).

Every text from the input files (firm ids, names, sectors, regions) is
escaped: it is data, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from .report import _CSS, _e, _img, _kpis, _png, _subplots, _table
from .viz import _MAP_CSS, layout_positions, map_fragment, vis_assets

__all__ = ["ProductionAuditResult", "render_production_html", "write_production_files",
           "make_production_figures"]

#: firms up to this many also go into metrics.xlsx (openpyxl writes about 100,000 cells a second)
XLSX_MAX_FIRMS = 10_000


@dataclass
class ProductionAuditResult:
    """Everything the audit of a production network computed (see :func:`netkit.audit_production`).

    Attributes
    ----------
    firms : DataFrame
        One row per firm (index: firm id or its code when anonymised): the
        firms table's columns, the embeddedness profile, community and its
        stability, betweenness and its error bound.
    summary : Series
        Whole-network figures.
    communities : DataFrame
        One row per community, largest first.
    compare : DataFrame
        SMEs against large firms (means, difference, p-value).
    findings : DataFrame
        ``topic``, ``finding``, ``action``, ``figure``.
    backbone : networkx.DiGraph
        The firms drawn on the map and the links among them.
    dropped, problems : DataFrame
        From the reader: rows not kept and why; warnings.
    positions : dict
        Seeded layout of the backbone (firm -> (x, y)), shared by the map and its static copy.
    settings : dict
        Seed, runs, thresholds, backends used, times of each step, files written.
    """

    title: str
    firms: pd.DataFrame
    summary: pd.Series
    communities: pd.DataFrame
    compare: pd.DataFrame
    findings: pd.DataFrame
    backbone: nx.DiGraph
    dropped: pd.DataFrame
    problems: pd.DataFrame
    positions: dict = field(default_factory=dict)
    settings: dict = field(default_factory=dict)


_METHODS = [
    ("Network", "Each firm is a node; each seller-buyer pair is one link from seller to buyer, weighted by the "
                "value traded (summed over the rows and years read). Rows dropped by the reader are counted in "
                "section 1."),
    ("Communities", "Louvain modularity maximisation (Blondel et al. 2008) on the undirected network weighted by "
                    "value, repeated with different seeds; each firm's stability is the share of runs that agree with "
                    "its consensus community on its ties (Lancichinetti & Fortunato 2012). Large networks use a "
                    "compiled Louvain (networkit's PLM, Staudt & Meyerhenke 2016, or igraph's multilevel); runs are "
                    "compared by modularity, not by labels."),
    ("Betweenness", "How many shortest paths between other firms pass through a firm (Freeman 1977; Brandes 2001), "
                    "on the network of trade links taken both ways (a firm between two partners links them "
                    "whichever way goods flow), counting every link as one step. On large networks it is "
                    "estimated by sampling shortest paths (KADABRA, Borassi & Natale 2019) with the error bound "
                    "given in section 5; it ranks the main brokers, not the periphery."),
    ("Constraint and effective size", "Burt (1992) on the undirected network weighted by value: constraint is high "
                                      "when a firm's partners trade with each other or when a few partners take most "
                                      "of its trade; effective size counts non-redundant partners (Borgatti 1997)."),
    ("Embeddedness", "Suppliers and customers; the share of a firm's partners in its own region (local ties); ties to "
                     "firms outside the firms table; reciprocity; clustering; k-core (Batagelj & Zaversnik 2003); "
                     "the concentration (Herfindahl index) of sales over customers and of purchases over suppliers "
                     "(Uzzi 1996): 1 means a single partner."),
    ("SME", "EU Recommendation 2003/361 by headcount: fewer than 250 employees."),
    ("Group comparisons", "Difference in means of SMEs and large firms with a permutation test."),
]


def _fmt_int(x) -> str:
    return f"{int(x):,}"


def _positions(result: ProductionAuditResult) -> dict:
    B = result.backbone
    return layout_positions(B, seed=result.settings.get("seed", 0),
                            groups={n: d.get("community") for n, d in B.nodes(data=True)})


def make_production_figures(result: ProductionAuditResult) -> dict[str, bytes]:
    """The report's figures as PNG bytes: degree distribution, communities, SMEs, brokers, backbone."""
    from matplotlib.lines import Line2D

    figs: dict[str, bytes] = {}
    f = result.firms
    fig, ax = _subplots(figsize=(6.5, 3.6))
    for col, label, colour in (("customers", "customers (out-degree)", "#4e79a7"),
                               ("suppliers", "suppliers (in-degree)", "#f28e2b")):
        if col in f:
            values, counts = np.unique(f[col].to_numpy(), return_counts=True)
            ccdf = counts[::-1].cumsum()[::-1] / counts.sum()
            keep = values > 0
            ax.loglog(values[keep], ccdf[keep], marker=".", ls="", ms=3, color=colour, label=label)
    ax.set_xlabel("number of partners k")
    ax.set_ylabel("share of firms with at least k")
    ax.set_title("Heavy tails: few firms have very many partners", fontsize=10)
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    figs["degrees"] = _png(fig)

    c = result.communities.head(20)
    if len(c):
        fig, ax = _subplots(figsize=(7, 3.2))
        ax.bar(c.index.astype(str), c["size"], color=["#4e79a7" if s >= 0.7 else "#bab0ac"
                                                      for s in c["stability"].fillna(0)])
        ax.set_xlabel("community")
        ax.set_ylabel("firms")
        ax.set_title("The 20 largest communities (grey: stability under 0.7)", fontsize=10)
        ax.tick_params(axis="x", labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
        figs["communities"] = _png(fig)

    if "is_sme" in f and f["is_sme"].nunique() == 2:
        sme = f["is_sme"].astype(bool)
        cols = [(c, t) for c, t in (("degree", "partners"), ("local_share", "share of partners in own region"),
                                    ("constraint", "constraint (Burt)")) if c in f]
        fig, axes = _subplots(1, len(cols), figsize=(3 * len(cols), 3.2))
        for ax, (col, title) in zip(np.atleast_1d(axes), cols):
            data = [f.loc[sme, col].dropna().to_numpy(float), f.loc[~sme, col].dropna().to_numpy(float)]
            ax.boxplot(data, tick_labels=["SMEs", "large"], showmeans=True, showfliers=False)
            ax.set_title(title, fontsize=9)
            ax.spines[["top", "right"]].set_visible(False)
        fig.suptitle("SMEs against large firms (boxes without outliers; triangle: mean)", fontsize=10)
        figs["smes"] = _png(fig)

    top = f.nlargest(15, "betweenness") if "betweenness" in f else f.iloc[:0]
    if len(top) and top["betweenness"].max() > 0:
        fig, ax = _subplots(figsize=(7, 3.8))
        labels = top["name"].astype(str) if "name" in top else pd.Series(top.index.astype(str), index=top.index)
        ax.barh(labels[::-1], top["betweenness"][::-1], color="#4e79a7")
        ax.set_xlabel("betweenness (normalised, estimated)")
        ax.set_title("Main brokers", fontsize=10)
        ax.tick_params(axis="y", labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
        figs["brokers"] = _png(fig)

    B = result.backbone
    if B.number_of_nodes():
        from matplotlib.collections import LineCollection

        from .viz import PALETTE

        pos = result.positions or _positions(result)
        fig, ax = _subplots(figsize=(8, 6.5))
        xy = np.array([pos[n] for n in B])
        ax.add_collection(LineCollection([(pos[u], pos[v]) for u, v in B.edges()], colors="#5a6f86",
                                         alpha=0.2, linewidths=0.5))
        comm = [B.nodes[n].get("community") for n in B]
        order = {k: i for i, k in enumerate(pd.Series(comm).value_counts().index[:10])}
        colours = [PALETTE[order[k]] if k in order else "#cccccc" for k in comm]
        deg = np.array([B.degree(n) for n in B], float)
        ax.scatter(xy[:, 0], xy[:, 1], s=10 + 90 * deg / max(deg.max(), 1), c=colours, zorder=3, lw=0)
        handles = [Line2D([], [], marker="o", ls="", color=PALETTE[i], label=f"community {k}")
                   for k, i in order.items()]
        ax.legend(handles=handles, fontsize=7, frameon=False, loc="best")
        ax.set_axis_off()
        ax.set_title(result.settings.get("map_caption", "Backbone"), fontsize=10)
        figs["backbone"] = _png(fig)
    return figs


def render_production_html(result: ProductionAuditResult, figs: dict[str, bytes]) -> str:
    """The report as one self-contained HTML document (no request to any network)."""
    s = result.summary
    f = result.firms
    st = result.settings
    title = result.title
    parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
             '<meta name="viewport" content="width=device-width, initial-scale=1">'
             f"<title>{_e(title)}</title><style>{_CSS}{_MAP_CSS}</style>{vis_assets()}</head><body>"]
    subtitle = (f"Audit of a production network of {_fmt_int(s['firms'])} firms and {_fmt_int(s['links'])} "
                "supplier-customer links. "
                + ("Firm ids are replaced by codes. " if st.get("anonymised") else "")
                + ("SYNTHETIC data: no real firm is in it." if st.get("synthetic")
                   else "Confidential: administrative data on firms."))
    parts.append(f'<header class="top"><h1>{_e(title)}</h1><p>{_e(subtitle)}</p></header>')
    sections = [("quality", "1. Data"), ("glance", "2. At a glance"), ("map", "3. Map"),
                ("communities", "4. Communities"), ("brokers", "5. Brokers"), ("smes", "6. SMEs"),
                ("findings", "7. Findings"), ("methods", "8. Method notes")]
    parts.append("<nav>" + "".join(f'<a href="#{i}">{_e(t)}</a>' for i, t in sections) + "</nav><main>")
    if len(result.findings):
        parts.append('<section id="brief"><h2>In brief</h2><ul>' + "".join(
            f"<li>{_e(t)}</li>" for t in result.findings["finding"].head(4)) + "</ul></section>")

    dropped = int(result.dropped["rows"].sum()) if len(result.dropped) else 0
    parts += ['<section id="quality"><h2>1. The data and how it was cleaned</h2>',
              _kpis([("rows read", _fmt_int(st.get("rows_read", s["links"] + dropped))),
                     ("links kept", _fmt_int(s["links"])), ("rows dropped or merged", _fmt_int(dropped)),
                     ("firms in the firms table", _fmt_int(s["firms_listed"])),
                     ("outside firms (named in links only)", _fmt_int(s["firms"] - s["firms_listed"]))]),
              _table(result.dropped, index=None, caption="Rows not kept, each counted under the first reason "
                     "that applies"),
              "<h3>Warnings</h3>", _table(result.problems, columns=["severity", "file", "row", "column", "message"],
                                          limit=30),
              "</section>"]

    summary = s.to_frame("value")
    summary.index = [str(i).replace("_", " ") for i in summary.index]
    parts += ['<section id="glance"><h2>2. The network at a glance</h2>',
              _kpis([("firms", _fmt_int(s["firms"])), ("SMEs", f"{s['sme_share']:.1%}"),
                     ("links", _fmt_int(s["links"])), ("mean partners", f"{s['mean_degree']:.1f}"),
                     ("in the largest connected part", f"{s['largest_component_share']:.1%}"),
                     ("communities", _fmt_int(s["communities"])), ("modularity", f"{s['modularity']:.2f}")]),
              _table(summary, index="measure", caption="Whole-network summary"),
              _img(figs, "degrees", "How many partners firms have (complementary cumulative distribution)"),
              "</section>"]

    B = result.backbone
    measures = f.reindex(list(B.nodes))
    cols = [c for c in ("community", "customers", "suppliers", "degree", "betweenness", "constraint",
                        "local_share") if c in measures]
    mf = map_fragment(B, color_by=("community", "sector", "region", "size_class"),
                      size_by=tuple(c for c in ("betweenness", "degree", "customers", "suppliers") if c in cols),
                      measures=measures[cols], tooltip=tuple(cols), seed=st.get("seed", 0), height="620px",
                      positions=result.positions or _positions(result))
    parts += ['<section id="map"><h2>3. Map of the backbone</h2>',
              f"<p>{_e(st.get('map_caption', ''))} The whole network is too large to draw; every firm's figures "
              "are in firms.parquet and firms.csv.</p>", mf,
              _img(figs, "backbone", "Static map for printing: colours are communities, size is links shown."),
              "</section>"]

    comm = result.communities
    parts += ['<section id="communities"><h2>4. Communities</h2>',
              f"<p>{_fmt_int(len(comm))} communities (modularity {s['modularity']:.2f}, from "
              f"{st.get('n_runs', '')} Louvain runs with {_e(st.get('community_method', ''))}). Stability is the "
              "share of runs that keep a firm with the partners of its community: above 0.7 the grouping is solid, "
              "below 0.5 treat it as noise.</p>",
              _table(comm, columns=["size", "stability", "sme_share", "internal_share", "main_sector", "main_region"],
                     index="community", limit=20),
              _img(figs, "communities", "Community sizes and stability"), "</section>"]

    bcols = ["name", "sector", "region", "size_class", "community", "betweenness", "customers", "suppliers",
             "effective_size", "constraint"]
    bound = st.get("betweenness_bound", "")
    parts += ['<section id="brokers"><h2>5. Brokers</h2>',
              f"<p>{_e(bound)}</p>",
              _table(f.nlargest(20, "betweenness"), columns=bcols, index="firm",
                     caption="Firms on most shortest paths (betweenness)"),
              _img(figs, "brokers", "Main brokers by betweenness"),
              "<h3>Firms spanning the most structural holes (largest effective size)</h3>",
              _table(f.nlargest(20, "effective_size"), columns=bcols, index="firm"),
              "</section>"]

    smes = f[f["is_sme"].fillna(False).astype(bool)] if "is_sme" in f else f.iloc[:0]
    least = smes[smes["degree"] > 0].sort_values(["degree", "local_share"]).head(20) if len(smes) else smes
    parts += ['<section id="smes"><h2>6. SMEs</h2>',
              _kpis([("SMEs", _fmt_int(len(smes))),
                     ("with one customer", _fmt_int((smes.get("customers", pd.Series(dtype=float)) == 1).sum())),
                     ("with no partner in their region", _fmt_int((smes.get("local_ties", pd.Series(dtype=float)) == 0).sum())),
                     ("without any link", _fmt_int((smes["degree"] == 0).sum()) if len(smes) else "0")]),
              _img(figs, "smes", "SMEs and large firms"),
              "<h3>SMEs against large firms</h3>",
              _table(result.compare, columns=["n_True", "mean_True", "n_False", "mean_False", "effect", "p_value"],
                     index="measure", caption="mean_True: SMEs, mean_False: large firms; effect: "
                     "SMEs minus large firms; p-value of a permutation test"),
              "<h3>The least connected SMEs that trade at all</h3>",
              _table(least, columns=["name", "sector", "region", "customers", "suppliers", "local_share",
                                     "sales_concentration"], index="firm"),
              "</section>"]

    fparts = ['<section id="findings"><h2>7. Findings and suggested actions</h2>']
    for _, row in result.findings.iterrows():
        fparts.append(f'<div class="finding"><div class="t">{_e(row["topic"])}</div><div class="f">'
                      f'{_e(row["finding"])}</div><div class="a"><b>Suggested action:</b> {_e(row["action"])}'
                      "</div></div>")
    parts += fparts + ["</section>"]

    m = ['<section id="methods"><h2>8. Method notes</h2><dl class="methods">']
    m += [f"<dt>{_e(t)}</dt><dd>{_e(x)}</dd>" for t, x in _METHODS]
    steps = st.get("seconds", {})
    m.append("</dl>")
    if steps:
        m.append(_table(pd.Series(steps, name="seconds").to_frame(), index="step", caption="Time of each step"))
    m.append(f'<p class="muted">Made with netkit {_e(st.get("version", ""))}; seed {_e(st.get("seed"))}; '
             f"backends: {_e(st.get('backends', ''))}.</p></section>")
    parts += m
    parts.append("</main><footer>netkit production network audit. Firm-level data is confidential: share this "
                 "report only as the data's licence allows.</footer></body></html>")
    return "\n".join(parts)


def write_production_files(result: ProductionAuditResult, out: Path, figs: dict[str, bytes]) -> list[Path]:
    """Write report.html, firms.parquet/.csv, communities.csv, metrics.xlsx, backbone.graphml/.gexf, figures."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "figures").mkdir(exist_ok=True)
    files = []
    for name, data in figs.items():
        p = out / "figures" / f"{name}.png"
        p.write_bytes(data)
        files.append(p)
    report = out / "report.html"
    report.write_text(render_production_html(result, figs), encoding="utf-8")
    files.append(report)
    files += _write_firms(result.firms, out)
    comm = out / "communities.csv"
    result.communities.to_csv(comm)
    files.append(comm)
    files.append(_write_metrics(result, out / "metrics.xlsx"))
    B = _plain_graph(result.backbone)
    for name, writer in (("backbone.graphml", nx.write_graphml), ("backbone.gexf", nx.write_gexf)):
        writer(B, out / name)
        files.append(out / name)
    return files


def _write_firms(firms: pd.DataFrame, out: Path) -> list[Path]:
    """firms.parquet (with pyarrow) and firms.csv: every firm, no row limit."""
    frame = firms.reset_index()
    paths = []
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pyarrow is in the fast and test extras
        frame.to_csv(out / "firms.csv", index=False)
        return [out / "firms.csv"]
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, out / "firms.parquet")
    plain = table.cast(pa.schema([pa.field(fl.name, pa.string()) if pa.types.is_dictionary(fl.type) else fl
                                  for fl in table.schema]))
    pacsv.write_csv(plain, out / "firms.csv")
    paths += [out / "firms.parquet", out / "firms.csv"]
    return paths


def _write_metrics(result: ProductionAuditResult, path: Path) -> Path:
    from .report import _format_sheet

    f = result.firms
    sheets = {
        "findings": result.findings,
        "summary": result.summary.to_frame("value"),
        "communities": result.communities.head(1000),
        "top_brokers": f.nlargest(100, "betweenness"),
        "sme_comparison": result.compare,
        "dropped_rows": result.dropped,
        "problems": result.problems,
    }
    if len(f) <= XLSX_MAX_FIRMS:
        sheets["firms"] = f
    else:
        sheets["firms"] = pd.DataFrame({"note": [f"{len(f):,} firms: every firm's figures are in firms.parquet "
                                                 "and firms.csv (too many rows for a spreadsheet)."]})
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            _format_sheet(writer, name, frame)
    return path


def _plain_graph(G: nx.DiGraph) -> nx.DiGraph:
    """A copy whose attributes GraphML and GEXF can store (no None, numpy scalars as Python ones)."""
    from .graph import _plain

    H = nx.DiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(str(n), **{k: _plain(v) for k, v in d.items() if _plain(v) is not None})
    for u, v, d in G.edges(data=True):
        H.add_edge(str(u), str(v), **{k: _plain(x) for k, x in d.items() if _plain(x) is not None})
    return H


"""Render an audit into the files a facilitator sends: report.html, metrics.xlsx,
network.graphml / .gexf and PNG figures.

``report.html`` is ONE self-contained file: styles, scripts (vis-network) and
figures (PNG as data URIs) are inlined, so it works offline, from disk or as an
e-mail attachment, and prints. Every text from the survey is escaped.
"""

from __future__ import annotations

import base64
import html
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from .errors import group_problems
from .graph import _plain
from .viz import _MAP_CSS, KIND_COLORS, layout_positions, map_fragment, plot, vis_assets

__all__ = ["AuditResult", "render_html", "write_metrics", "make_figures", "write_graph_files"]


@dataclass
class AuditResult:
    """Everything an audit computed (see :func:`netkit.audit`)."""

    title: str
    graph: nx.MultiDiGraph
    survey_summary: dict
    problems: pd.DataFrame
    non_respondents: pd.DataFrame
    summary: pd.Series
    actors: pd.DataFrame
    ties: pd.DataFrame
    communities: pd.DataFrame
    modularity: float
    agreement: pd.DataFrame
    brokerage: pd.DataFrame
    between_communities: pd.DataFrame
    cut_points: pd.DataFrame
    bridges: pd.DataFrame
    compare: pd.DataFrame
    ei: pd.DataFrame
    findings: pd.DataFrame
    settings: dict = field(default_factory=dict)
    questions: pd.DataFrame | None = None  # form-tool exports: what each question gave


# ---------------------------------------------------------------- figures

def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def _subplots(*args, figsize):
    """A figure outside pyplot: no backend switch, nothing left open in a notebook."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    axes = fig.subplots(*args)
    return fig, axes


def make_figures(result: AuditResult, *, seed: int = 0) -> dict[str, bytes]:
    """The report's figures as PNG bytes: network, communities, embeddedness, brokers.

    Figures are made with :class:`matplotlib.figure.Figure`, not pyplot, so
    running an audit in a notebook leaves its backend and open figures as
    they were.
    """
    figs: dict[str, bytes] = {}
    a = result.actors
    G = result.graph
    pos = layout_positions(G, seed=seed, groups=a["community"].dropna().to_dict())
    fig, ax = _subplots(figsize=(8.5, 6.8))
    plot(G, color_by="community", size_by=a["betweenness"], ax=ax, positions=pos, labels=6,
         title="The cluster network, coloured by community, sized by betweenness")
    figs["network"] = _png(fig)

    c = result.communities
    if len(c):
        fig, ax = _subplots(figsize=(7, 3.2))
        ax.bar(c.index.astype(str), c["size"], color=["#4e79a7" if s >= 0.7 else "#bab0ac" for s in c["stability"].fillna(0)])
        for x, (n, s) in enumerate(zip(c["size"], c["stability"])):
            ax.text(x, n, "" if pd.isna(s) else f"{s:.2f}", ha="center", va="bottom", fontsize=8)
        ax.set_xlabel("community")
        ax.set_ylabel("actors")
        ax.set_title("Community sizes (label: stability; grey: under 0.7)")
        ax.spines[["top", "right"]].set_visible(False)
        figs["communities"] = _png(fig)

    firms = a[(a["kind"] == "firm") & a["in_cluster"] & a["is_sme"].notna()]
    if len(firms):
        fig, axes = _subplots(1, 2, figsize=(8.5, 3.2))
        groups = [("SMEs", firms[firms["is_sme"].astype(bool)]), ("large firms", firms[~firms["is_sme"].astype(bool)])]
        for ax, col, label in zip(axes, ["local_ties", "institutional_ties"], ["ties inside the cluster",
                                                                              "ties to universities and agencies"]):
            data = [g[col].to_numpy(float) for _, g in groups]
            ax.boxplot(data, tick_labels=[n for n, _ in groups], showmeans=True)
            ax.set_title(label, fontsize=10)
            ax.spines[["top", "right"]].set_visible(False)
        fig.suptitle("How embedded are SMEs?", fontsize=11)
        figs["embeddedness"] = _png(fig)

    top = a[a["in_cluster"]].nlargest(12, "betweenness")
    if len(top) and top["betweenness"].max() > 0:
        fig, ax = _subplots(figsize=(7, 3.8))
        ax.barh(top["name"].astype(str)[::-1], top["betweenness"][::-1],
                color=[KIND_COLORS.get(k, "#888") for k in top["kind"][::-1]])
        ax.set_xlabel("betweenness (shortest paths through the actor)")
        ax.set_title("Main brokers")
        ax.spines[["top", "right"]].set_visible(False)
        figs["brokers"] = _png(fig)
    return figs


# ---------------------------------------------------------------- HTML

def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _fmt(value) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return ""
        return f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 100 else f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def _table(frame: pd.DataFrame, *, columns=None, index: str | None = None, limit: int | None = None,
           caption: str | None = None) -> str:
    if frame is None or len(frame) == 0:
        return '<p class="muted">None.</p>'
    f = frame if columns is None else frame[[c for c in columns if c in frame.columns]]
    if limit is not None:
        f = f.head(limit)
    head = ([f"<th>{_e(index)}</th>"] if index else []) + [f"<th>{_e(c).replace('_', ' ')}</th>" for c in f.columns]
    body = []
    for idx, row in f.iterrows():
        cells = ([f"<td>{_e(idx)}</td>"] if index else [])
        for v in row.tolist():
            num = isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
            cells.append(f'<td class="{"num" if num else ""}">{_e(_fmt(v))}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    more = (f'<p class="muted">Showing {limit} of {len(frame)}; all rows are in metrics.xlsx.</p>'
            if limit is not None and len(frame) > limit else "")
    return (f'<div class="tablewrap"><table>{cap}<thead><tr>{"".join(head)}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>{more}')


def _img(figs: dict, name: str, alt: str) -> str:
    if name not in figs:
        return ""
    data = base64.b64encode(figs[name]).decode("ascii")
    return f'<figure><img src="data:image/png;base64,{data}" alt="{_e(alt)}"><figcaption>{_e(alt)}</figcaption></figure>'


def _kpis(items) -> str:
    return '<div class="kpis">' + "".join(
        f'<div class="kpi"><div class="v">{_e(v)}</div><div class="k">{_e(k)}</div></div>' for k, v in items) + "</div>"


_CSS = """
:root { --ink:#1f2933; --muted:#5f6b7a; --line:#d9dee5; --accent:#2f5d8a; --bg:#f6f8fa; --warn:#8a4b00; }
* { box-sizing: border-box; }
body { margin:0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color:var(--ink);
       line-height:1.5; background:#fff; }
header.top { background:var(--accent); color:#fff; padding:22px 32px 16px; }
header.top h1 { margin:0 0 4px; font-size:26px; }
header.top p { margin:0; opacity:.9; }
nav { position:sticky; top:0; background:#fff; border-bottom:1px solid var(--line); padding:8px 32px; z-index:5;
      display:flex; flex-wrap:wrap; gap:14px; font-size:14px; }
nav a { color:var(--accent); text-decoration:none; }
main { max-width:1180px; margin:0 auto; padding:8px 32px 48px; }
section { border-bottom:1px solid var(--line); padding:18px 0 26px; }
h2 { font-size:21px; margin:8px 0 10px; color:var(--accent); }
h3 { font-size:16px; margin:18px 0 6px; }
.muted { color:var(--muted); font-size:13px; }
.kpis { display:grid; grid-template-columns:repeat(auto-fill,minmax(150px,1fr)); gap:10px; margin:10px 0 16px; }
.kpi { background:var(--bg); border:1px solid var(--line); border-radius:8px; padding:10px 12px; }
.kpi .v { font-size:22px; font-weight:650; } .kpi .k { font-size:12.5px; color:var(--muted); }
.tablewrap { overflow-x:auto; margin:6px 0; }
table { border-collapse:collapse; font-size:13px; width:auto; min-width:50%; }
caption { text-align:left; font-weight:600; padding:4px 0; }
th, td { border-bottom:1px solid var(--line); padding:4px 9px; text-align:left; vertical-align:top; }
th { background:var(--bg); font-weight:600; } td.num { text-align:right; font-variant-numeric:tabular-nums; }
.warning { background:#fff4e5; border-left:4px solid #e08a1e; padding:10px 14px; margin:10px 0; color:var(--warn); }
.finding { border:1px solid var(--line); border-radius:8px; padding:10px 14px; margin:10px 0; background:#fff; }
.finding .t { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
.finding .f { font-size:15.5px; margin:2px 0 4px; }
.finding .a { font-size:14px; } .finding .a b { color:var(--accent); }
figure { margin:12px 0; } figure img { max-width:100%; height:auto; border:1px solid var(--line); border-radius:6px; }
figcaption { font-size:12.5px; color:var(--muted); }
.grid2 { display:grid; grid-template-columns:repeat(auto-fit,minmax(420px,1fr)); gap:18px; }
dl.methods dt { font-weight:600; margin-top:8px; } dl.methods dd { margin:2px 0 0 0; font-size:14px; }
footer { color:var(--muted); font-size:12.5px; padding:20px 32px; }
@media print { nav { display:none; } header.top { background:#fff; color:var(--ink); border-bottom:2px solid var(--accent); }
  body { font-size:12px; } main { padding:0 8px; max-width:none; } h2, h3, caption { break-after:avoid; }
  tr, figure, .finding, .kpi { break-inside:avoid; } .tablewrap { overflow:visible; }
  table { width:100%; font-size:11px; } td { overflow-wrap:anywhere; } .grid2 { display:block; }
  .nk-canvas { height:480px !important; } #map { break-before:page; } }
"""

_METHODS = [
    ("Network", "Each actor is a node; each reported tie is one edge per relation. A supplier tie and the matching "
                "customer tie are one trade tie from seller to buyer; 'confirmed' means both ends reported it. "
                "Ties are the union of what either end reported."),
    ("Communities", "Louvain modularity maximisation (Blondel et al. 2008) on the undirected weighted network, run "
                    "many times with different seeds; the consensus partition follows Lancichinetti & Fortunato (2012). "
                    "Stability is the share of runs in which members of a community were grouped together."),
    ("Betweenness", "How many shortest paths between other actors pass through an actor (Freeman 1977; Brandes 2001). "
                    "High betweenness marks a broker; it is fragile when many members did not answer (Smith & Moody 2013)."),
    ("Constraint and effective size", "Burt (1992): constraint is high when an actor's contacts are tied to each other "
                                      "(few structural holes); effective size counts non-redundant contacts (Borgatti 1997)."),
    ("Brokerage roles", "Gould & Fernandez (1989): coordinator, itinerant, representative, gatekeeper and liaison, "
                        "by the communities of the actors an actor links, with z-scores as R's sna::brokerage reports them."),
    ("Single points of failure", "Cut-vertices of the cluster network: actors whose departure would cut others off."),
    ("Embeddedness", "Ties inside and outside the cluster, to universities and agencies (institutional embeddedness), "
                     "tie strength, confirmed share, reciprocity, clustering, k-core, and Uzzi's (1996) concentration "
                     "of trade partners."),
    ("E-I index", "Krackhardt & Stern (1988): (external - internal) / (external + internal) ties of a group, from -1 "
                  "(all ties inside) to +1 (all outside), with a permutation test."),
    ("SME", "EU Recommendation 2003/361: fewer than 250 staff and turnover up to EUR 50m or balance sheet up to "
            "EUR 43m; classified by headcount where the survey gives nothing else."),
    ("Group comparisons", "Difference in means with a permutation test (labels shuffled 5,000 times)."),
]


def render_html(result: AuditResult, figs: dict[str, bytes]) -> str:
    """The report as one self-contained HTML document."""
    s = result.survey_summary
    a = result.actors
    members = a[a["in_cluster"]]
    smes = members[members["is_sme"].fillna(False).astype(bool)]
    title = result.title
    ns = result.summary
    rate = s["response_rate"]
    synthetic = result.settings.get("synthetic")

    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             f"<title>{_e(title)}</title><style>{_CSS}{_MAP_CSS}</style>{vis_assets()}</head><body>"]
    subtitle = (f"Network audit of {s['members']} members and {s['outside_partners']} outside partners. "
                + ("Names are replaced by codes. " if result.settings.get("anonymised") else "")
                + ("SYNTHETIC example data: no real firm is in it." if synthetic else "Confidential: survey data of the cluster's members."))
    parts.append(f'<header class="top"><h1>{_e(title)}</h1><p>{_e(subtitle)}</p></header>')
    sections = [("quality", "1. Data quality"), ("glance", "2. At a glance"), ("map", "3. Map"),
                ("communities", "4. Communities"), ("brokers", "5. Brokers"), ("smes", "6. SME embeddedness"),
                ("findings", "7. Findings"), ("methods", "8. Method notes")]
    parts.append("<nav>" + "".join(f'<a href="#{i}">{_e(t)}</a>' for i, t in sections) + "</nav><main>")
    brief = result.findings[result.findings["topic"] != "data"].head(4)
    if len(brief):
        parts.append('<section id="brief"><h2>In brief</h2><ul>' + "".join(
            f"<li>{_e(t)}</li>" for t in brief["finding"]) + '</ul><p class="muted">Every finding, with a suggested '
            'action, is in <a href="#findings">section 7</a>.</p></section>')

    # 1. data quality
    errors = result.problems
    q = ['<section id="quality"><h2>1. Data quality</h2>',
         _kpis([("members", s["members"]), ("answered", s["respondents"]), ("response rate", f"{rate:.0%}" if rate == rate else "n/a (a map)"),
                ("outside partners named", s["outside_partners"]), ("reported ties", s["reported_ties"]),
                ("problems in the workbook", len(errors))])]
    if rate < 0.7:
        q.append(f'<div class="warning">Only {rate:.0%} of members answered. Ties of non-respondents are known '
                 "only from what others said about them: counts of ties and communities are usable, but results "
                 "about paths and brokers (betweenness) are fragile.</div>")
    questions = result.questions
    if questions is not None and len(questions):
        tool = result.settings.get("tool") or "the form"
        q.append(f"<h3>What netkit read from each question ({_e(tool)})</h3>")
        silent = questions[(questions["relation"] != "ignored") & (questions["ties"] == 0)]
        if len(silent):
            q.append('<div class="warning">' + _e(f"{len(silent)} question(s) gave no tie at all: "
                     + "; ".join(repr(t) for t in silent["question"]) + ". Check them with netkit inspect.")
                     + "</div>")
        shown = questions.rename(columns={"problems": "listed as problems", "not_read": "not read"})
        q.append(_table(shown, columns=["question", "relation", "why", "answers", "ties", "listed as problems",
                                        "not read"], limit=60,
                        caption="answers = ties + answers listed as problems; a question netkit ignores is not read"))
    q.append(f"<h3>Members who did not answer ({len(result.non_respondents)})</h3>")
    q.append(_table(result.non_respondents, columns=["name", "kind", "sector", "region"], index="actor", limit=40))
    q.append("<h3>Problems found in the workbook and how they were treated</h3>")
    grouped = group_problems(errors)
    grouped["rows"] = [r if c > 1 else (str(int(x)) if pd.notna(x) else "") for r, c, x in
                       zip(grouped["rows"], grouped["count"], grouped["row"])]
    q.append(_table(grouped, columns=["severity", "sheet", "rows", "column", "message", "count"], limit=60))
    q.append("</section>")
    parts += q

    # 2. at a glance
    kinds = s.get("kinds", {})
    g = ['<section id="glance"><h2>2. The cluster at a glance</h2>',
         _kpis([("firms", kinds.get("firm", 0)), ("of which SMEs", s["smes"]), ("universities", kinds.get("university", 0)),
                ("agencies", kinds.get("agency", 0)), ("ties in the network", result.graph.number_of_edges()),
                ("density", f"{float(ns.get('density', float('nan'))):.3f}"),
                ("communities", len(result.communities)), ("modularity", f"{result.modularity:.2f}")])]
    summary = ns.drop(labels=[k for k in ("relation",) if k in ns.index]).to_frame("value")
    summary.index = [str(i).replace("_", " ") for i in summary.index]
    summary.index.name = "measure"
    g.append(_table(summary, index="measure", caption="Whole-network summary (all relations, union of reports; "
                    "undirected ties count as arcs both ways in the directed measures)"))
    per_rel = result.ties.groupby("relation").agg(ties=("relation", "size"), confirmed=("confirmed", "sum"))
    per_rel["confirmed share"] = per_rel["confirmed"] / per_rel["ties"]
    g.append(_table(per_rel, index="relation", caption="Ties by relation"))
    g.append("</section>")
    parts += g

    # 3. map
    measure_cols = ["community", "stability", "degree", "betweenness", "constraint", "effective_size",
                    "local_ties", "external_ties", "institutional_ties"]
    mf = map_fragment(result.graph, color_by=("community", "kind", "sector", "region", "size_class"),
                      size_by=("betweenness", "degree", "effective_size", "constraint", "local_ties"),
                      measures=a[[c for c in measure_cols if c in a.columns]],
                      tooltip=("community", "degree", "betweenness", "constraint", "local_ties", "external_ties"),
                      seed=result.settings.get("seed", 0), height="640px",
                      positions=layout_positions(result.graph, seed=result.settings.get("seed", 0),
                                                 groups=a["community"].dropna().to_dict()))
    parts.append('<section id="map"><h2>3. Map of the cluster</h2><p class="muted">Hover over an actor for its key '
                 "figures; drag to move, scroll to zoom. Colour by kind or community, size by a measure, and show or "
                 "hide each kind of tie. Hollow dashed circles are partners outside the cluster; dashed lines are "
                 "ties reported by one end only.</p>" + mf + _img(figs, "network", "Static map for printing: colours "
                 "are communities, size is betweenness.") + "</section>")

    # 4. communities
    comm = result.communities
    c = ['<section id="communities"><h2>4. Communities</h2>',
         f"<p>{len(comm)} communities (modularity {result.modularity:.2f}). Stability is the share of "
         f"{result.settings.get('n_runs', '')} Louvain runs in which a community's members were grouped together: "
         "above 0.7 the grouping is solid, below 0.5 treat it as noise.</p>",
         _table(comm, columns=["size", "stability", "internal_ties", "external_ties", "density", "main_sector",
                               "main_region", "members"], index="community"),
         _img(figs, "communities", "Community sizes and stability"),
         "<h3>How far communities follow sector, region and kind</h3>",
         _table(result.agreement, index="attribute",
                caption="Adjusted Rand index and normalised mutual information (0: unrelated, 1: the same grouping)"),
         "</section>"]
    parts += c

    # 5. brokers
    top = members.nlargest(12, "betweenness")
    b = ['<section id="brokers"><h2>5. Brokers and single points of failure</h2>',
         '<div class="grid2"><div>',
         _table(top, columns=["name", "kind", "community", "betweenness", "effective_size", "constraint"],
                index="actor", caption="Actors on most shortest paths (betweenness)"),
         "</div><div>", _img(figs, "brokers", "Main brokers by betweenness"), "</div></div>",
         "<h3>Who links which communities</h3>",
         _table(result.between_communities.assign(top_actors=result.between_communities["top_actors"].map(
             lambda ids: [a["name"].get(i, i) for i in ids])), limit=12,
             caption="Ties between pairs of communities and the two actors that carry most of them"),
         "<h3>Brokerage roles (Gould & Fernandez), by community</h3>",
         _table(result.brokerage.sort_values("total", ascending=False),
                columns=["name", "coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total", "total_z"],
                index="actor", limit=12),
         "<h3>Single points of failure</h3>",
         "<p>If one of these actors left, others would lose every path to the rest of the cluster.</p>",
         _table(result.cut_points, columns=["name", "cut_off", "pieces", "share"], index="actor", limit=15),
         "</section>"]
    parts += b

    # 6. SMEs
    least = smes.sort_values(["local_ties", "institutional_ties", "degree"]).head(15)
    e = ['<section id="smes"><h2>6. SME embeddedness</h2>',
         _kpis([("SMEs", len(smes)),
                ("median ties in the cluster", f"{smes['local_ties'].median():.0f}" if len(smes) else "-"),
                ("with no university/agency tie", int((smes["institutional_ties"] == 0).sum())),
                ("with a partner outside", int((smes["external_ties"] > 0).sum()))]),
         _img(figs, "embeddedness", "Ties of SMEs and large firms"),
         "<h3>SMEs against large firms</h3>",
         _table(result.compare, columns=["mean_True", "mean_False", "effect", "p_value"], index="measure",
                caption="mean_True: SMEs, mean_False: large firms; effect: large firms minus SMEs; "
                "p-value of a permutation test"),
         "<h3>The least embedded SMEs</h3>",
         _table(least, columns=["name", "sector", "region", "local_ties", "external_ties", "institutional_ties",
                                "responded"], index="actor"),
         "<h3>Open or closed groups (E-I index by sector)</h3>",
         _table(result.ei, index="group"), "</section>"]
    parts += e

    # 7. findings
    f = ['<section id="findings"><h2>7. Findings and suggested actions</h2>']
    for _, row in result.findings.iterrows():
        f.append(f'<div class="finding"><div class="t">{_e(row["topic"])}</div><div class="f">{_e(row["finding"])}</div>'
                 f'<div class="a"><b>Suggested action:</b> {_e(row["action"])}</div></div>')
    f.append("</section>")
    parts += f

    # 8. methods
    m = ['<section id="methods"><h2>8. Method notes</h2><dl class="methods">']
    for term, text in _METHODS:
        m.append(f"<dt>{_e(term)}</dt><dd>{_e(text)}</dd>")
    m.append("</dl>")
    m.append(f'<p class="muted">Made with netkit {_e(result.settings.get("version", ""))}; seed '
             f'{_e(result.settings.get("seed"))}. Every number in this report is in metrics.xlsx.</p></section>')
    parts += m
    parts.append("</main><footer>netkit network audit. Survey data is confidential: share this report only "
                 "with the people the members agreed to.</footer></body></html>")
    return "\n".join(parts)


# ---------------------------------------------------------------- files

def write_metrics(result: AuditResult, path: Path) -> Path:
    """metrics.xlsx: one sheet per table, with headers, widths and frozen panes."""
    def listy(frame):
        return frame.apply(lambda col: col.map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v))

    sheets = {
        "findings": result.findings,
        "actors": result.actors,
        "ties": result.ties,
        "communities": result.communities,
        "brokerage": result.brokerage,
        "between_communities": listy(result.between_communities),
        "cut_points": result.cut_points,
        "sme_comparison": result.compare,
        "ei_index": result.ei,
        "summary": result.summary.to_frame("value"),
        "problems": result.problems,
    }
    if result.questions is not None and len(result.questions):
        sheets["questions"] = result.questions
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            _format_sheet(writer, name, frame)
    return path


def _format_sheet(writer: pd.ExcelWriter, name: str, frame: pd.DataFrame) -> None:
    """Write one table as a sheet for people: bold shaded header, frozen panes, fitted widths."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    frame = frame.copy()
    keep_index = frame.index.name is not None or not isinstance(frame.index, pd.RangeIndex)
    for col in frame.columns:
        if str(frame[col].dtype) in ("boolean", "Int64"):
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    frame.to_excel(writer, sheet_name=name, index=keep_index)
    ws = writer.sheets[name]
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    ws.freeze_panes = "B2" if keep_index else "A2"
    for j, column in enumerate(ws.iter_cols(min_row=1, max_row=min(ws.max_row, 200)), start=1):
        width = max(len(str(c.value)) if c.value is not None else 0 for c in column)
        ws.column_dimensions[get_column_letter(j)].width = min(max(9, width + 2), 70)


def write_graph_files(result: AuditResult, out: Path) -> list[Path]:
    """network.graphml and network.gexf with every actor measure as a node attribute."""
    G = result.graph.copy()
    for node, row in result.actors.iterrows():
        if node in G:
            for col, value in row.items():
                v = _plain(value)
                if v is not None:
                    G.nodes[node][col] = v
    paths = [out / "network.graphml", out / "network.gexf"]
    nx.write_graphml(G, paths[0])
    nx.write_gexf(G, paths[1])
    return paths

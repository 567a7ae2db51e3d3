"""Maps of a cluster network: an interactive map (vis-network) and a static figure.

The interactive map is plain HTML with vis-network 9.1.2 inlined from the copy
that pyvis ships, so it works offline: from a file on disk, an e-mail
attachment or inside JupyterLab. It does not use pyvis's page template, which
loads Bootstrap from a CDN and does not escape the heading, the select menu or
titles containing "href". Every text from the data (names, attributes) goes
into the page as JSON and is put on screen with ``textContent`` or drawn on
the canvas, never parsed as HTML.

Node positions are computed in Python (a seeded spring layout), so the same
graph and seed give the same map and the same static figure, and the map does
not move once drawn.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
from importlib import resources

import networkx as nx
import numpy as np
import pandas as pd

from .errors import NetkitError
from .graph import _iter_edges, collapse

__all__ = ["map_html", "map_fragment", "vis_assets", "show", "plot", "layout_positions", "KIND_COLORS"]

KIND_COLORS = {"firm": "#3b6ea8", "university": "#e08a1e", "agency": "#3a9a5b", "other": "#8c8c8c"}
RELATION_COLORS = {"trade": "#5a6f86", "knowledge": "#b5651d", "university": "#e08a1e", "agency": "#3a9a5b"}
# Tableau 10, then six colours far from all of them (tab10's would repeat Tableau's hues)
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#17becf", "#bcbd22", "#7f3c8d", "#cf1c90", "#008695", "#4b4b8f"]


def vis_assets() -> str:
    """``<style>`` and ``<script>`` elements with vis-network inlined (about 700 kB)."""
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2"
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    js = js.replace("</script", "<\\/script")
    return f"<style>{css}</style>\n<script>{js}</script>"


def layout_positions(G: nx.Graph, *, seed: int = 0, scale: float = 450.0, groups=None) -> dict:
    """Seeded spring-layout positions (networkx ``spring_layout`` on the undirected collapse).

    With ``groups`` (a mapping node -> community), ties inside a group pull
    harder than ties across groups, so communities show as clusters on the map.
    The largest connected piece fills the frame (x and y from -scale to
    scale); smaller pieces sit in a row beneath it, each drawn in its own
    box, and actors without ties in a last row, so a few stray pairs do not
    squeeze the main network into a corner.
    """
    H = collapse(G, directed=False)
    if H.number_of_nodes() == 0:
        return {}
    isolates = sorted((n for n in H if H.degree(n) == 0), key=str)
    H.remove_nodes_from(isolates)
    if groups is not None:
        groups = dict(groups)
        for u, v, d in H.edges(data=True):
            same = groups.get(u) is not None and groups.get(u) == groups.get(v)
            d["pull"] = 1.0 if same else 0.15
    pos = {}
    pieces = sorted((sorted(c, key=str) for c in nx.connected_components(H)), key=lambda c: (-len(c), str(c[0])))
    if pieces:  # the largest piece fills the frame; smaller pieces sit in a row beneath it
        pos.update(_spring(H.subgraph(pieces[0]), seed=seed, groups=groups, box=(-1, -1, 1, 1)))
        small = pieces[1:]
        if small:
            widths = np.sqrt([len(c) for c in small])
            edges = np.concatenate([[0], np.cumsum(widths)]) / widths.sum() * 2 - 1
            for c, x0, x1 in zip(small, edges[:-1], edges[1:]):
                pad = min(0.02, (x1 - x0) / 4)
                pos.update(_spring(H.subgraph(c), seed=seed, groups=groups, box=(x0 + pad, -1.35, x1 - pad, -1.1)))
    for i, n in enumerate(isolates):  # actors without ties: a row under the network
        pos[n] = (-1 + 2 * (i + 0.5) / len(isolates), -1.5 if len(pieces) > 1 else -1.2)
    return {n: (x * scale, y * scale) for n, (x, y) in pos.items()}


def _spring(H: nx.Graph, *, seed: int, groups, box) -> dict:
    """Seeded spring layout of one connected piece, stretched to fill ``box`` = (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    nodes = list(H)
    if len(nodes) == 1:
        return {nodes[0]: ((x0 + x1) / 2, (y0 + y1) / 2)}
    raw = nx.spring_layout(H, seed=seed, k=1.6 / math.sqrt(len(nodes)), iterations=200,
                           weight="pull" if groups is not None else None)
    xy = np.array([raw[n] for n in nodes])
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    xy = (xy - lo) / np.where(hi - lo > 0, hi - lo, 1)
    xy = np.column_stack([x0 + xy[:, 0] * (x1 - x0), y0 + xy[:, 1] * (y1 - y0)])
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy)}


def _json_for_script(obj) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' left raw."""
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _clean(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _groups(G, attribute: str, measures: pd.DataFrame | None):
    none = f"(no {attribute})"
    values = {}
    for n, d in G.nodes(data=True):
        v = None
        if measures is not None and attribute in measures.columns and n in measures.index:
            v = _clean(measures.at[n, attribute])
        if v is None:
            v = _clean(d.get(attribute))
        values[n] = none if v is None else str(v)
    levels = sorted(set(values.values()), key=lambda s: _level_key(s, none))
    if attribute == "kind":
        palette = {lv: KIND_COLORS.get(lv, "#8c8c8c") for lv in levels}
    else:
        palette = {lv: PALETTE[i % len(PALETTE)] if lv != none else "#cccccc" for i, lv in enumerate(levels)}
    return values, palette


def _level_key(level: str, none: str):
    """Legend order: numbers as numbers (community 2 before 10), then text, the missing value last."""
    try:
        return (level == none, 0, float(level), level)
    except ValueError:
        return (level == none, 1, 0.0, level)


def _map_data(G, *, color_by, size_by, measures, tooltip, seed, positions, label_top=12):
    if G.number_of_nodes() == 0:
        raise NetkitError("the graph has no nodes to draw")
    if measures is not None:
        measures = measures.reindex([n for n in G.nodes])
    positions = positions or layout_positions(G, seed=seed)
    color_modes = [c for c in color_by if c == "kind" or any(c in d for _, d in G.nodes(data=True))
                   or (measures is not None and c in measures.columns)]
    if not color_modes:
        color_modes = ["kind"]
    groups = {m: _groups(G, m, measures) for m in color_modes}
    simple = collapse(G, directed=False)
    sizes = {"ties": {n: float(simple.degree(n)) for n in G.nodes}}
    if measures is not None:
        for col in size_by:
            if col in measures.columns and pd.api.types.is_numeric_dtype(measures[col]):
                sizes[col] = {n: _clean(v) for n, v in measures[col].items()}
    nodes = []
    for n, d in G.nodes(data=True):
        label = str(d.get("name", n))
        lines = [label]
        if str(n) != label:
            lines.append(f"id: {n}")
        for key in ("kind", "sector", "region", "size_class"):
            if _clean(d.get(key)) is not None:
                lines.append(f"{key}: {d[key]}")
        if d.get("in_cluster") is False:
            lines.append("outside the cluster")
        if d.get("responded") is False and d.get("in_cluster", True):
            lines.append("did not answer the survey")
        if measures is not None:
            for col in tooltip:
                if col in measures.columns:
                    v = _clean(measures.at[n, col])
                    if v is not None:
                        lines.append(f"{col}: {round(v, 3) if isinstance(v, float) else v}")
        x, y = positions.get(n, (0.0, 0.0))
        nodes.append({
            "id": str(n), "label": label, "title": "\n".join(lines), "x": x, "y": y,
            "external": d.get("in_cluster") is False,
            "groups": {m: groups[m][0][n] for m in color_modes},
            "sizes": {m: sizes[m].get(n) for m in sizes},
        })
    edges = []
    for i, (u, v, rel, d) in enumerate(_iter_edges(G)):
        directed = G.is_directed() and d.get("directed", True) is not False
        w = _clean(d.get("weight"))
        edges.append({"id": i, "from": str(u), "to": str(v), "relation": str(rel or "tie"),
                      "directed": bool(directed), "weight": float(w) if isinstance(w, (int, float)) else 1.0,
                      "confirmed": bool(d.get("confirmed", True))})
    relations = sorted({e["relation"] for e in edges})
    return {
        "nodes": nodes, "edges": edges, "relations": relations,
        "relationColors": {r: RELATION_COLORS.get(r, PALETTE[i % len(PALETTE)]) for i, r in enumerate(relations)},
        "colorModes": color_modes, "palettes": {m: groups[m][1] for m in color_modes},
        "sizeModes": list(sizes), "defaultSize": size_by[0] if size_by and size_by[0] in sizes else "ties",
        "labelTop": int(label_top),
    }


_MAP_JS = r"""
(function () {
  var root = document.getElementById(ROOT_ID);
  var data = JSON.parse(document.getElementById(ROOT_ID + '-data').textContent);
  var el = function (tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
  var controls = root.querySelector('.nk-controls'), legend = root.querySelector('.nk-legend');
  var colorMode = data.colorModes[0], sizeMode = data.defaultSize, shown = {};
  data.relations.forEach(function (r) { shown[r] = true; });
  function scale(mode) {
    var vals = data.nodes.map(function (n) { return n.sizes[mode]; }).filter(function (v) { return v !== null && v !== undefined; });
    var lo = Math.min.apply(null, vals.concat([0])), hi = Math.max.apply(null, vals.concat([1]));
    return function (v) { return (v === null || v === undefined) ? 5 : 5 + 19 * (v - lo) / ((hi - lo) || 1); };
  }
  function nodeItems() {
    var s = scale(sizeMode), pal = data.palettes[colorMode];
    var ranked = data.nodes.map(function (n) { return [n.sizes[sizeMode] || 0, n.id]; })
      .sort(function (a, b) { return b[0] - a[0]; }).slice(0, data.labelTop).map(function (p) { return p[1]; });
    return data.nodes.map(function (n) {
      var c = pal[n.groups[colorMode]] || '#999999';
      return { id: n.id, label: ranked.indexOf(n.id) >= 0 ? n.label : undefined, title: n.title, x: n.x, y: n.y, shape: 'dot', size: s(n.sizes[sizeMode]),
               color: { background: n.external ? '#ffffff' : c, border: c, highlight: { background: c, border: '#222' } },
               borderWidth: n.external ? 3 : 1, shapeProperties: { borderDashes: n.external ? [4, 3] : false },
               font: { size: 15, color: '#222', strokeWidth: 3, strokeColor: '#ffffff' } };
    });
  }
  function edgeItems() {
    return data.edges.filter(function (e) { return shown[e.relation]; }).map(function (e) {
      return { id: e.id, from: e.from, to: e.to, arrows: e.directed ? 'to' : '', width: 0.6 + Math.min(e.weight, 5) * 0.5,
               color: { color: data.relationColors[e.relation], opacity: 0.55 }, dashes: !e.confirmed,
               title: e.relation + (e.confirmed ? ' (confirmed by both)' : ' (reported by one end)') };
    });
  }
  var nodes = new vis.DataSet(nodeItems()), edges = new vis.DataSet(edgeItems());
  var network = new vis.Network(root.querySelector('.nk-canvas'), { nodes: nodes, edges: edges }, {
    physics: false, interaction: { hover: true, tooltipDelay: 80, navigationButtons: false },
    edges: { smooth: false }, nodes: { font: { size: 12 } }, layout: { improvedLayout: false } });
  function drawLegend() {
    legend.textContent = '';
    var pal = data.palettes[colorMode];
    Object.keys(pal).forEach(function (k) {
      var item = el('span', '', 'nk-item'), dot = el('span', '', 'nk-dot');
      dot.style.background = pal[k]; item.appendChild(dot); item.appendChild(document.createTextNode(k)); legend.appendChild(item);
    });
    var ext = el('span', '', 'nk-item'), ring = el('span', '', 'nk-dot nk-ring');
    ext.appendChild(ring); ext.appendChild(document.createTextNode('outside the cluster')); legend.appendChild(ext);
  }
  function select(labelText, options, current, onchange) {
    var lab = el('label', labelText + ' '), sel = el('select');
    options.forEach(function (o) { var opt = el('option', o); opt.value = o; if (o === current) opt.selected = true; sel.appendChild(opt); });
    sel.addEventListener('change', function () { onchange(sel.value); });
    lab.appendChild(sel); controls.appendChild(lab);
  }
  select('Colour by', data.colorModes, colorMode, function (v) { colorMode = v; nodes.update(nodeItems()); drawLegend(); });
  select('Size by', data.sizeModes, sizeMode, function (v) { sizeMode = v; nodes.update(nodeItems()); });
  var rels = el('span', 'Ties: ', 'nk-rels');
  data.relations.forEach(function (r) {
    var lab = el('label', ''), box = el('input'); box.type = 'checkbox'; box.checked = true; box.value = r;
    box.addEventListener('change', function () { shown[r] = box.checked; edges.clear(); edges.add(edgeItems()); });
    var sw = el('span', '', 'nk-line'); sw.style.background = data.relationColors[r];
    lab.appendChild(box); lab.appendChild(sw); lab.appendChild(document.createTextNode(r + ' ')); rels.appendChild(lab);
  });
  controls.appendChild(rels);
  drawLegend();
  network.once('afterDrawing', function () { network.fit(); root.setAttribute('data-drawn', 'true'); });
  window.netkitMaps = window.netkitMaps || {};
  window.netkitMaps[ROOT_ID] = { network: network, nodes: nodes, edges: edges };
})();
"""

_MAP_CSS = """
.nk-map { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 14px; }
.nk-controls { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; margin: 6px 0; }
.nk-controls select { font: inherit; margin-left: 4px; }
.nk-canvas { border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
.nk-legend { display: flex; flex-wrap: wrap; gap: 12px; margin: 6px 0; color: #333; }
.nk-item { display: inline-flex; align-items: center; gap: 5px; }
.nk-dot { display: inline-block; width: 12px; height: 12px; border-radius: 50%; }
.nk-ring { border: 2px dashed #555; width: 9px; height: 9px; background: #fff; }
.nk-line { display: inline-block; width: 18px; height: 3px; margin: 0 4px 3px 2px; vertical-align: middle; }
div.vis-tooltip { white-space: pre-line; font-family: inherit; max-width: 340px; }
@media print { .nk-controls { display: none; } }
"""


def map_fragment(G: nx.Graph, *, color_by=("kind",), size_by=(), measures: pd.DataFrame | None = None,
                 tooltip=(), seed: int = 0, positions: dict | None = None, height: str = "620px",
                 label_top: int = 12) -> str:
    """The map as an HTML fragment (needs :func:`vis_assets` once in the page).

    The ``label_top`` largest actors (by the current size measure) are
    labelled; every actor shows its name in its tooltip.
    """
    data = _map_data(G, color_by=list(color_by), size_by=list(size_by), measures=measures,
                     tooltip=list(tooltip), seed=seed, positions=positions, label_top=label_top)
    payload = _json_for_script(data)
    root = "nkmap-" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:10]  # stable: same data, same page
    return (
        f'<div class="nk-map" id="{root}">'
        f'<div class="nk-controls"></div>'
        f'<div class="nk-canvas" style="height:{html.escape(height)}"></div>'
        f'<div class="nk-legend"></div></div>\n'
        f'<script type="application/json" id="{root}-data">{payload}</script>\n'
        f"<script>{_MAP_JS.replace('ROOT_ID', json.dumps(root))}</script>"
    )


def map_html(G: nx.Graph, *, title: str = "Network map", color_by=("kind",), size_by=(),
             measures: pd.DataFrame | None = None, tooltip=(), seed: int = 0, height: str = "620px") -> str:
    """A complete, self-contained HTML page with the interactive map of ``G``.

    Parameters
    ----------
    G : networkx graph
        Any graph; node attributes ``name``, ``kind``, ``in_cluster`` and edge
        attributes ``relation``, ``directed``, ``weight``, ``confirmed`` are used
        when present.
    title : str
        Heading (escaped: it is text, never markup).
    color_by : sequence of str
        Node attributes or ``measures`` columns offered in the "Colour by" menu
        (first is the default), e.g. ``("kind", "community")``.
    size_by : sequence of str
        Numeric ``measures`` columns offered in the "Size by" menu; the number
        of ties is always offered.
    measures : DataFrame, optional
        Indexed by node; columns to colour, size and show in tooltips.
    tooltip : sequence of str
        ``measures`` columns shown in each actor's tooltip.
    seed : int
        Seed of the layout.

    Returns
    -------
    str
        HTML that makes no request to any network.

    Examples
    --------
    >>> import networkx as nx
    >>> page = map_html(nx.path_graph(3), title="<b>Path</b>")
    >>> "&lt;b&gt;Path&lt;/b&gt;" in page and "https://" not in page.split("<script>")[0]
    True
    """
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title>{vis_assets()}<style>{_MAP_CSS}</style></head>"
        f"<body><h2 style=\"font-family:system-ui,sans-serif\">{html.escape(title)}</h2>"
        f"{map_fragment(G, color_by=color_by, size_by=size_by, measures=measures, tooltip=tooltip, seed=seed, height=height)}"
        "</body></html>"
    )


def show(G: nx.Graph, *, height: int = 680, **options):
    """Show the interactive map inside Jupyter (an iframe; works offline).

    Takes the options of :func:`map_html`. Returns an ``IPython.display.HTML``
    object, which Jupyter displays.
    """
    from IPython.display import HTML

    page = map_html(G, height=f"{height - 120}px", **options)
    return HTML(f'<div class="netkit-map"><iframe srcdoc="{html.escape(page, quote=True)}" '
                f'style="width:100%;height:{int(height)}px;border:none" sandbox="allow-scripts"></iframe></div>')


def plot(G: nx.Graph, *, color_by="kind", size_by: pd.Series | None = None, ax=None, seed: int = 0,
         labels: int | bool = 0, positions: dict | None = None, title: str | None = None):
    """A static drawing of the network with matplotlib, for papers and reports.

    Parameters
    ----------
    color_by : str, Series or mapping
        Node attribute for colours (kind uses netkit's kind colours), or
        groups given directly, e.g. ``find_communities(G).membership["community"]``.
    size_by : Series, optional
        Node sizes from a measure (indexed by node); default the number of ties.
    labels : int or bool
        Label the ``labels`` largest nodes (True: all).
    seed : int
        Seed of the layout (the same as the interactive map's).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import networkx as nx
    >>> ax = plot(nx.karate_club_graph(), labels=3)
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6.5))
    pos = positions or layout_positions(G, seed=seed)
    H = collapse(G, directed=False)
    if isinstance(color_by, str):
        values, palette = _groups(G, color_by, None)
    else:  # a Series or mapping node -> group, e.g. find_communities(G).membership["community"]
        name = str(getattr(color_by, "name", None) or "group")
        values, palette = _groups(G, name, pd.DataFrame({name: pd.Series(dict(color_by), dtype=object)}))
    nodes = list(G.nodes)
    raw = np.array([float(size_by.get(n, 0.0)) if size_by is not None else H.degree(n) for n in nodes], float)
    raw = np.nan_to_num(raw)
    sizes = 30 + 370 * (raw - raw.min()) / ((raw.max() - raw.min()) or 1)
    external = [G.nodes[n].get("in_cluster") is False for n in nodes]
    nx.draw_networkx_edges(H, pos, ax=ax, alpha=0.25, width=0.7, edge_color="#5a6f86")
    colours = [palette[values[n]] for n in nodes]
    ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes], s=sizes,
               c=["white" if e else c for e, c in zip(external, colours)],
               edgecolors=colours, linewidths=[2.0 if e else 0.6 for e in external], zorder=3)
    if labels:
        order = np.argsort(-raw)
        chosen = order if labels is True else order[: int(labels)]
        for i in chosen:
            n = nodes[i]
            ax.annotate(str(G.nodes[n].get("name", n)), pos[n], fontsize=8, zorder=4,
                        xytext=(4, 4), textcoords="offset points")
    handles = [Line2D([], [], marker="o", ls="", color=c, label=k) for k, c in palette.items()]
    if any(external):
        handles.append(Line2D([], [], marker="o", ls="", markerfacecolor="white", markeredgecolor="#555",
                              label="outside the cluster"))
    ax.legend(handles=handles, loc="best", fontsize=8, frameon=False)
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax

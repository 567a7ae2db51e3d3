"""Graph files for other tools: Gephi (GEXF 1.3, CSV), GraphML, Kumu (xlsx) and UCINET (DL).

Every writer takes a graph built by :func:`netkit.build_graph` (any networkx
graph works) and a path, and keeps what the multiplex graph says:

* one edge per tie and relation, so a pair with a supplier tie and a knowledge
  tie keeps both (parallel edges, each with its own id);
* an undirected tie (edge attribute ``directed=False``, stored once) stays
  undirected where the format can say so;
* actors are shown by their names (node attribute ``name``), not their codes;
* no missing value is written as text ("None", "nan"): it is left out; lists
  are joined with "; ".

No writer changes the graph it is given. None overwrites an existing file
unless ``force=True``. The schemas the files are checked against are bundled
in ``netkit/_schemas`` (see its README) and nothing is downloaded.
"""

from __future__ import annotations

import csv
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from .errors import NetkitError

__all__ = ["write_gexf", "write_graphml", "write_kumu", "write_gephi_csv", "write_ucinet_dl"]

GEXF_NS = "http://gexf.net/1.3"
GEXF_VIZ_NS = "http://gexf.net/1.3/viz"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

# characters XML 1.0 does not allow (and openpyxl refuses)
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# cells a spreadsheet would run as a formula (OWASP CSV injection)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# edge attributes written by the format itself rather than as data
_EDGE_OWN = ("relation", "weight", "directed")


# ---------------------------------------------------------------- shared helpers


def _target(path, force: bool) -> Path:
    path = Path(path)
    if path.exists() and not force:
        raise NetkitError(f"{path} already exists; pass force=True to overwrite it")
    return path


def _scalar(value):
    """A plain Python scalar, a joined string for lists, or None for a missing value."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        parts = [str(v) for v in (_scalar(x) for x in items) if v is not None]
        return "; ".join(parts)
    if isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def _clean_text(text: str) -> str:
    return _BAD_XML.sub("", text)


def _kind(values) -> str:
    """'boolean', 'integer', 'double' or 'string' for a column of non-missing scalars."""
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _format(value, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "integer":
        return str(int(value))
    if kind == "double":
        return repr(float(value))
    return _clean_text(str(value))


def _columns(records) -> dict[str, str]:
    """Attribute name -> kind, in the order first seen, over a list of attribute dicts."""
    seen: dict[str, list] = {}
    for rec in records:
        for k, v in rec.items():
            v = _scalar(v)
            seen.setdefault(str(k), [])
            if v is not None:
                seen[str(k)].append(v)
    return {k: _kind(v) for k, v in seen.items()}


def _labels(G) -> dict:
    """Node -> its name (the node id when it has none); a name two actors share gets the id added."""
    raw = {n: _clean_text(str(G.nodes[n].get("name") if _scalar(G.nodes[n].get("name")) is not None else n))
           for n in G.nodes}
    count: dict[str, int] = {}
    for label in raw.values():
        count[label] = count.get(label, 0) + 1
    return {n: (f"{label} ({n})" if count[label] > 1 else label) for n, label in raw.items()}


def _ties(G) -> list[tuple]:
    """[(source, target, relation, directed, weight, data)] for every edge, in the graph's order."""
    out = []
    if G.is_multigraph():
        edges = ((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        edges = ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, k, d in edges:
        relation = d.get("relation", k)
        relation = "tie" if _scalar(relation) is None else str(relation)
        flag = d.get("directed", G.is_directed())
        directed = bool(G.is_directed()) and bool(_scalar(flag) if _scalar(flag) is not None else True)
        w = _scalar(d.get("weight"))
        weight = float(w) if isinstance(w, (int, float)) and not isinstance(w, bool) else 1.0
        out.append((u, v, relation, directed, weight, d))
    return out


def _check_positions(G, positions):
    if positions is None:
        return {}
    if not isinstance(positions, Mapping):
        raise NetkitError("positions must be a dict node -> (x, y)")
    out = {}
    for node, xy in positions.items():
        if node not in G:
            continue
        try:
            x, y = (float(c) for c in xy)
        except (TypeError, ValueError) as err:
            raise NetkitError(f"position of {node!r} must be two numbers (x, y), got {xy!r}") from err
        if not (math.isfinite(x) and math.isfinite(y)):
            raise NetkitError(f"position of {node!r} is not finite: {xy!r}")
        out[node] = (x, y)
    return out


def _write_xml(root: ET.Element, path: Path) -> None:
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="UTF-8", xml_declaration=True)


def _node_records(G) -> list[dict]:
    return [{k: v for k, v in G.nodes[n].items() if k != "name"} for n in G.nodes]


def _edge_records(ties) -> list[dict]:
    return [{k: v for k, v in d.items() if k not in _EDGE_OWN} for *_, d in ties]


# ---------------------------------------------------------------- GEXF


def write_gexf(G: nx.Graph, path, *, positions: Mapping | None = None, force: bool = False) -> Path:
    """Write a GEXF 1.3 file for Gephi (0.9.3 and later).

    Parameters
    ----------
    G : networkx graph
        As built by :func:`netkit.build_graph`. Not modified.
    path : str or Path
        The ``.gexf`` file to write.
    positions : dict, optional
        Node -> (x, y), written as ``viz:position`` (nodes not in it have none).
    force : bool
        Overwrite ``path`` if it exists (otherwise NetkitError).

    Returns
    -------
    Path
        The file written.

    Notes
    -----
    Node labels are the actors' names; node attributes are typed string,
    integer, double or boolean (missing values left out, lists joined with
    "; "). Each tie and relation is one ``<edge>`` with a unique id, the
    relation as its ``kind`` and ``label`` (so Gephi keeps a pair's supplier
    and knowledge ties apart), ``weight``, and ``type="undirected"`` for an
    undirected tie; its other attributes (confirmed, reported_by, ...) and
    ``directed`` are edge attributes. networkx's ``read_gexf`` refuses a file
    that mixes directed and undirected edges, which Gephi reads.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("A", name="Rossi"); G.add_node("B", name="Bianchi")
    >>> _ = G.add_edge("B", "A", key="trade", relation="trade", directed=True, weight=2.0)
    >>> _ = G.add_edge("B", "A", key="knowledge", relation="knowledge", directed=True, weight=1.0)
    >>> path = write_gexf(G, pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
    >>> H = nx.read_gexf(path)
    >>> sorted(d["label"] for _, _, d in H.edges(data=True)), H.nodes["A"]["label"]
    (['knowledge', 'trade'], 'Rossi')
    """
    path = _target(path, force)
    pos = _check_positions(G, positions)
    labels = _labels(G)
    ties = _ties(G)
    node_cols = _columns(_node_records(G))
    edge_cols = {"directed": "boolean", **_columns(_edge_records(ties))}

    attrs = {"xmlns": GEXF_NS, "version": "1.3"}
    if pos:
        attrs["xmlns:viz"] = GEXF_VIZ_NS
    root = ET.Element("gexf", attrs)
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "netkit"
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed" if G.is_directed() else "undirected",
                                          "mode": "static"})
    node_ids = {}
    for cls, cols, prefix in (("node", node_cols, "n"), ("edge", edge_cols, "e")):
        block = ET.SubElement(graph, "attributes", {"class": cls, "mode": "static"})
        for i, (name, kind) in enumerate(cols.items()):
            node_ids[(cls, name)] = f"{prefix}{i}"
            ET.SubElement(block, "attribute", {"id": f"{prefix}{i}", "title": _clean_text(name), "type": kind})

    def attvalues(parent, cls, cols, data):
        values = [(node_ids[(cls, k)], _format(v, cols[k])) for k, v in ((k, _scalar(data.get(k))) for k in cols)
                  if v is not None]
        if values:
            block = ET.SubElement(parent, "attvalues")
            for key, text in values:
                ET.SubElement(block, "attvalue", {"for": key, "value": text})

    nodes = ET.SubElement(graph, "nodes", {"count": str(G.number_of_nodes())})
    for n in G.nodes:
        el = ET.SubElement(nodes, "node", {"id": _clean_text(str(n)), "label": labels[n]})
        attvalues(el, "node", node_cols, G.nodes[n])
        if n in pos:
            ET.SubElement(el, "viz:position", {"x": repr(pos[n][0]), "y": repr(pos[n][1]), "z": "0.0"})
    edges = ET.SubElement(graph, "edges", {"count": str(len(ties))})
    for i, (u, v, relation, directed, weight, data) in enumerate(ties):
        el = ET.SubElement(edges, "edge", {
            "id": str(i), "source": _clean_text(str(u)), "target": _clean_text(str(v)),
            "type": "directed" if directed else "undirected", "kind": _clean_text(relation),
            "label": _clean_text(relation), "weight": repr(weight)})
        attvalues(el, "edge", edge_cols, {**data, "directed": directed})
    _write_xml(root, path)
    return path


# ---------------------------------------------------------------- GraphML


def write_graphml(G: nx.Graph, path, *, positions: Mapping | None = None, force: bool = False) -> Path:
    """Write a GraphML file (yEd, Cytoscape, igraph, networkx, Gephi).

    Parameters
    ----------
    G : networkx graph
        As built by :func:`netkit.build_graph`. Not modified.
    path : str or Path
        The ``.graphml`` file to write.
    positions : dict, optional
        Node -> (x, y), written as node data ``x`` and ``y``.
    force : bool
        Overwrite ``path`` if it exists (otherwise NetkitError).

    Returns
    -------
    Path
        The file written.

    Notes
    -----
    The actor's name is the node key ``label``; each tie and relation is one
    ``<edge>`` with a unique id (``e0``, ``e1`` ...) and the relation as the
    edge key ``relation``, so parallel ties survive. The graph is
    ``edgedefault="directed"`` and an undirected tie has ``directed="false"``
    on its edge, and the edge key ``directed`` (false) for readers that ignore
    that XML attribute (igraph). Missing values are left out. networkx's
    ``read_graphml`` refuses a file with ``directed="false"`` edges in a
    directed graph; igraph reads it (as a directed graph).

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("A", name="Rossi"); G.add_node("B", name="Bianchi")
    >>> _ = G.add_edge("B", "A", key="trade", relation="trade", directed=True, weight=2.0)
    >>> _ = G.add_edge("B", "A", key="knowledge", relation="knowledge", directed=True, weight=1.0)
    >>> path = write_graphml(G, pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
    >>> H = nx.read_graphml(path, force_multigraph=True)
    >>> sorted(d["relation"] for _, _, d in H.edges(data=True)), H.nodes["A"]["label"]
    (['knowledge', 'trade'], 'Rossi')
    """
    path = _target(path, force)
    pos = _check_positions(G, positions)
    labels = _labels(G)
    ties = _ties(G)
    node_cols = {"label": "string", **{k: t for k, t in _columns(_node_records(G)).items() if k != "label"}}
    if pos:
        node_cols.update({"x": "double", "y": "double"})
    edge_cols = {"relation": "string", "weight": "double", "directed": "boolean",
                 **{k: t for k, t in _columns(_edge_records(ties)).items() if k not in ("relation", "weight")}}
    gml_type = {"string": "string", "integer": "long", "double": "double", "boolean": "boolean"}

    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    key_ids = {}
    for cls, cols, prefix in (("node", node_cols, "n"), ("edge", edge_cols, "e")):
        for i, (name, kind) in enumerate(cols.items()):
            key_ids[(cls, name)] = f"{prefix}{i}"
            ET.SubElement(root, "key", {"id": f"{prefix}{i}", "for": cls,
                                        "attr.name": _clean_text(name), "attr.type": gml_type[kind]})
    graph = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed" if G.is_directed() else "undirected"})

    def data(parent, cls, cols, values):
        for k, kind in cols.items():
            v = _scalar(values.get(k))
            if v is not None:
                ET.SubElement(parent, "data", {"key": key_ids[(cls, k)]}).text = _format(v, kind)

    for n in G.nodes:
        el = ET.SubElement(graph, "node", {"id": _clean_text(str(n))})
        extra = {"label": labels[n]}
        if n in pos:
            extra.update(x=pos[n][0], y=pos[n][1])
        data(el, "node", node_cols, {**{k: v for k, v in G.nodes[n].items() if k != "label"}, **extra})
    for i, (u, v, relation, directed, weight, d) in enumerate(ties):
        attrs = {"id": f"e{i}", "source": _clean_text(str(u)), "target": _clean_text(str(v))}
        if G.is_directed() and not directed:
            attrs["directed"] = "false"
        el = ET.SubElement(graph, "edge", attrs)
        data(el, "edge", edge_cols, {**d, "relation": relation, "weight": weight, "directed": directed})
    _write_xml(root, path)
    return path


# ---------------------------------------------------------------- Kumu


_KUMU_ELEMENT_COLUMNS = [("Type", "kind"), ("Sector", "sector"), ("Region", "region"), ("Employees", "employees"),
                         ("Size class", "size_class"), ("SME", "is_sme"), ("In cluster", "in_cluster"),
                         ("Responded", "responded"), ("Community", "community")]


def write_kumu(G: nx.Graph, path, *, positions: Mapping | None = None, force: bool = False) -> Path:
    """Write a Kumu workbook (xlsx): sheets ``Elements`` and ``Connections``, by name.

    Parameters
    ----------
    G : networkx graph
        As built by :func:`netkit.build_graph`. Not modified.
    path : str or Path
        The ``.xlsx`` file to write.
    positions : dict, optional
        Node -> (x, y), written as columns ``X`` and ``Y`` of Elements.
    force : bool
        Overwrite ``path`` if it exists (otherwise NetkitError).

    Returns
    -------
    Path
        The file written.

    Notes
    -----
    Elements: ``Label`` (the name; a name two actors share gets the code in
    brackets), ``Type``, ``Sector``, ``Region``, ``Employees``, ``Size
    class``, ``SME``, ``In cluster``, ``Responded``, ``Community`` (those the
    graph has), then the other node attributes. Connections: ``From``, ``To``
    (labels), ``Type`` (the relation), ``Direction`` (directed or
    undirected), ``Strength`` (the weight), ``Confirmed``, ``Reported by``.
    Every text is stored as text, never as a formula, even when it starts
    with ``=``.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib, openpyxl
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("A", name="=SUM(1)"); G.add_node("B", name="Bianchi")
    >>> _ = G.add_edge("B", "A", key="trade", relation="trade", directed=True, weight=2.0)
    >>> path = write_kumu(G, pathlib.Path(tempfile.mkdtemp()) / "map.xlsx")
    >>> ws = openpyxl.load_workbook(path)["Connections"]
    >>> [c.value for c in ws[2]][:5], ws["B2"].data_type
    (['Bianchi', '=SUM(1)', 'trade', 'directed', 2], 's')
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = _target(path, force)
    pos = _check_positions(G, positions)
    labels = _labels(G)
    ties = _ties(G)
    present = {k for n in G.nodes for k, v in G.nodes[n].items() if _scalar(v) is not None}
    known = [(title, key) for title, key in _KUMU_ELEMENT_COLUMNS if key in present]
    used = {key for _, key in known} | {"name"}
    others = [k for k in _columns(_node_records(G)) if k not in used and k in present]
    header = ["Label"] + [t for t, _ in known] + others + (["X", "Y"] if pos else [])
    element_rows = []
    for n in G.nodes:
        row = [labels[n]] + [_scalar(G.nodes[n].get(k)) for _, k in known] + [_scalar(G.nodes[n].get(k)) for k in others]
        if pos:
            row += list(pos.get(n, (None, None)))
        element_rows.append(row)
    connection_rows = [[labels[u], labels[v], relation, "directed" if directed else "undirected", weight,
                        _scalar(d.get("confirmed")), _scalar(d.get("reported_by"))]
                       for u, v, relation, directed, weight, d in ties]

    wb = Workbook()
    wb.remove(wb.active)
    for title, head, rows in (("Elements", header, element_rows),
                              ("Connections", ["From", "To", "Type", "Direction", "Strength", "Confirmed",
                                               "Reported by"], connection_rows)):
        ws = wb.create_sheet(title)
        for r, values in enumerate([head] + rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = _clean_text(value)
                    cell.data_type = "s"  # openpyxl takes a str starting with "=" for a formula
                else:
                    cell.value = value
                if r == 1:
                    cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    wb.save(path)
    return path


# ---------------------------------------------------------------- Gephi CSV


def _csv_cell(value) -> str:
    value = _scalar(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    text = _clean_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_gephi_csv(G: nx.Graph, folder, *, positions: Mapping | None = None, force: bool = False) -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` for Gephi's spreadsheet import.

    Parameters
    ----------
    G : networkx graph
        As built by :func:`netkit.build_graph`. Not modified.
    folder : str or Path
        The folder to write them in (made if missing).
    positions : dict, optional
        Node -> (x, y), written as columns ``X`` and ``Y`` of nodes.csv.
    force : bool
        Overwrite the files if they exist (otherwise NetkitError).

    Returns
    -------
    list of Path
        ``[nodes.csv, edges.csv]``.

    Notes
    -----
    nodes.csv: ``Id`` (the code), ``Label`` (the name), then the node
    attributes. edges.csv: ``Source``, ``Target`` (codes), ``Type``
    (Directed or Undirected), ``Weight``, ``Kind`` (the relation, which keeps
    parallel ties apart), ``Label``, ``Id``, then the other edge attributes.
    UTF-8, comma-separated, quoted where needed; missing values empty.
    A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return is written with a leading ``'`` (the OWASP rule against
    CSV injection), so a spreadsheet shows it and does not run it: a name
    ``+39 Srl`` is written ``'+39 Srl``. Numbers are written as numbers.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("A", name="=SUM(1)"); G.add_node("B", name="Bianchi")
    >>> _ = G.add_edge("B", "A", key="trade", relation="trade", directed=True, weight=2.0)
    >>> nodes, edges = write_gephi_csv(G, pathlib.Path(tempfile.mkdtemp()))
    >>> nodes.read_text(encoding="utf-8").splitlines()
    ['Id,Label', "A,'=SUM(1)", 'B,Bianchi']
    >>> edges.read_text(encoding="utf-8").splitlines()[1]
    'B,A,Directed,2.0,trade,trade,0'
    """
    folder = Path(folder)
    paths = [folder / "nodes.csv", folder / "edges.csv"]
    for p in paths:
        _target(p, force)
    pos = _check_positions(G, positions)
    labels = _labels(G)
    ties = _ties(G)
    node_cols = [k for k in _columns(_node_records(G)) if k not in ("id", "label")]
    edge_cols = [k for k in _columns(_edge_records(ties)) if k not in ("id", "label", "kind", "type")]
    folder.mkdir(parents=True, exist_ok=True)
    with paths[0].open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Id", "Label"] + node_cols + (["X", "Y"] if pos else []))
        for n in G.nodes:
            row = [_csv_cell(str(n)), _csv_cell(labels[n])] + [_csv_cell(G.nodes[n].get(k)) for k in node_cols]
            if pos:
                row += [_csv_cell(c) for c in pos.get(n, (None, None))]
            w.writerow(row)
    with paths[1].open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Source", "Target", "Type", "Weight", "Kind", "Label", "Id"] + edge_cols)
        for i, (u, v, relation, directed, weight, d) in enumerate(ties):
            w.writerow([_csv_cell(str(u)), _csv_cell(str(v)), "Directed" if directed else "Undirected",
                        _csv_cell(weight), _csv_cell(relation), _csv_cell(relation), str(i)]
                       + [_csv_cell(d.get(k)) for k in edge_cols])
    return paths


# ---------------------------------------------------------------- UCINET DL


def _dl_label(label: str) -> str:
    # DL separates labels by spaces, commas or "="; a label in double quotes may hold them
    return '"' + _clean_text(label).replace('"', "'").replace("\n", " ").replace("\r", " ") + '"'


def write_ucinet_dl(G: nx.Graph, path, *, positions: Mapping | None = None, force: bool = False) -> Path:
    """Write a UCINET DL file: ``format=edgelist1``, labels embedded, one matrix per relation.

    Parameters
    ----------
    G : networkx graph
        As built by :func:`netkit.build_graph`. Not modified.
    path : str or Path
        The ``.dl`` file to write.
    positions : dict, optional
        Not used (DL has no positions); accepted so every writer takes the same options.
    force : bool
        Overwrite ``path`` if it exists (otherwise NetkitError).

    Returns
    -------
    Path
        The file written.

    Notes
    -----
    The header gives ``n=`` (actors), ``nm=`` (relations, sorted by name),
    ``format=edgelist1``, ``labels embedded``, the ``labels:`` of every actor
    (so isolates are kept) and the ``matrix labels:``; after ``data:`` each
    matrix is one line per tie, ``"source" "target" weight`` with the actors'
    names in double quotes, and the matrices are separated by a line ``!``.
    DL matrices are directed: an undirected tie is written both ways, so its
    matrix is symmetric. UCINET shortens labels it shows; the names are kept
    in full in the file.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("A", name="Rossi"); G.add_node("B", name="Bianchi")
    >>> _ = G.add_edge("B", "A", key="trade", relation="trade", directed=True, weight=2.0)
    >>> print(write_ucinet_dl(G, pathlib.Path(tempfile.mkdtemp()) / "g.dl").read_text(encoding="utf-8"))
    dl n=2 nm=1
    format=edgelist1
    labels embedded
    labels:
    "Rossi", "Bianchi"
    matrix labels:
    "trade"
    data:
    "Bianchi" "Rossi" 2
    <BLANKLINE>
    """
    path = _target(path, force)
    _check_positions(G, positions)
    labels = _labels(G)
    ties = _ties(G)
    relations = sorted({t[2] for t in ties})
    lines = [f"dl n={G.number_of_nodes()} nm={max(len(relations), 1)}", "format=edgelist1", "labels embedded",
             "labels:", ", ".join(_dl_label(labels[n]) for n in G.nodes),
             "matrix labels:", ", ".join(_dl_label(r) for r in relations) if relations else '"tie"', "data:"]
    for i, relation in enumerate(relations):
        if i:
            lines.append("!")
        for u, v, rel, directed, weight, _ in ties:
            if rel != relation:
                continue
            w = f"{weight:g}"
            lines.append(f"{_dl_label(labels[u])} {_dl_label(labels[v])} {w}")
            if not directed and u != v:
                lines.append(f"{_dl_label(labels[v])} {_dl_label(labels[u])} {w}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

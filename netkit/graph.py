"""From a survey to a networkx graph, and from a multiplex graph to the simple
graphs that measures need.

Conventions of a graph built by :func:`build_graph` (measures accept any
networkx graph, but read these attributes where they exist):

* ``networkx.MultiDiGraph``; one node per actor (id as a string) with its
  attributes: ``name``, ``kind`` (firm, university, agency, other), ``sector``,
  ``region``, ``employees``, ``size_class``, ``is_sme``, ``responded``,
  ``in_cluster`` (False for partners named but not on the roster), and any
  extra columns of the survey.
* one edge per tie and relation, with key = relation (``trade``, ``university``,
  ``agency`` or a declared relation such as ``knowledge``) and attributes
  ``relation``, ``directed`` (bool), ``weight`` (the strength, or 1.0 when none
  was given), ``strength`` (only when reported), ``reported_by`` (``source``,
  ``target`` or ``both``), ``confirmed`` (both ends reported it) and
  ``n_reports``.
* trade ties run from seller to buyer; knowledge ties from the actor that gives
  advice to the one that receives it. A tie of an undirected relation
  (university, agency, cooperation ...) is stored once, as one arc with
  ``directed=False``; :func:`collapse` turns it into arcs both ways.
"""

from __future__ import annotations

from collections.abc import Iterable

import math

import networkx as nx
import numpy as np
import pandas as pd

from ._arrays import collapse_arrays, read_arcs
from .errors import NetkitError

__all__ = ["build_graph", "tie_table", "collapse", "select_relation", "relations_of", "HOW"]

HOW = ("union", "confirmed", "respondents")


def _plain(value):
    """A GraphML-friendly Python scalar, or None for missing values."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def tie_table(survey, *, how: str = "union") -> pd.DataFrame:
    """One row per tie (reports merged), as :func:`build_graph` puts them in the graph.

    Columns: ``tie``, ``source``, ``target``, ``directed``, ``strength``
    (mean of the reported strengths), ``weight``, ``reported_by``,
    ``confirmed``, ``n_reports``.
    """
    if how not in HOW:
        raise NetkitError(f"how must be one of {', '.join(HOW)}, not {how!r}")
    t = survey.ties
    cols = ["tie", "source", "target", "directed", "strength", "weight", "reported_by", "confirmed", "n_reports"]
    if t.empty:
        return pd.DataFrame(columns=cols)
    directed = t["directed"].to_numpy(bool)
    src = t["source"].astype(str).to_numpy(object)
    tgt = t["target"].astype(str).to_numpy(object)
    lo = np.where(directed, src, np.minimum(src, tgt))
    hi = np.where(directed, tgt, np.maximum(src, tgt))
    resp = t["respondent"].astype(str).to_numpy(object)
    work = pd.DataFrame({"tie": t["tie"].to_numpy(object), "u": lo, "v": hi, "directed": directed,
                         "by_u": resp == lo, "by_v": resp == hi, "strength": t["strength"].to_numpy(float)})
    g = work.groupby(["tie", "u", "v"], sort=True).agg(
        directed=("directed", "first"), by_u=("by_u", "any"), by_v=("by_v", "any"),
        strength=("strength", "mean"), n_reports=("strength", "size")).reset_index()
    both = g["by_u"] & g["by_v"]
    # an undirected tie reported by one end is stored from that end
    flip = ~g["directed"] & ~g["by_u"]
    g["source"] = np.where(flip, g["v"], g["u"])
    g["target"] = np.where(flip, g["u"], g["v"])
    g["reported_by"] = np.where(both, "both", np.where(g["by_u"] | flip, "source", "target"))
    g["confirmed"] = both.to_numpy(bool)
    g["weight"] = g["strength"].fillna(1.0)
    if how == "confirmed":
        g = g[g["confirmed"]]
    elif how == "respondents":
        answered = set(survey.actors.index[survey.actors["responded"]].astype(str))
        g = g[g["source"].isin(answered) & g["target"].isin(answered)]
    return g[cols].reset_index(drop=True)


def build_graph(survey, *, how: str = "union") -> nx.MultiDiGraph:
    """The multiplex graph of a survey: one node per actor, one edge per tie and relation.

    Parameters
    ----------
    survey : Survey
        From :func:`netkit.read_survey`.
    how : {"union", "confirmed", "respondents"}
        Which reported ties make edges: ``union`` a tie reported by either
        end; ``confirmed`` only ties both ends reported (so none with a
        non-respondent or an outside partner); ``respondents`` ties among
        respondents only, whose nodes are then only the respondents. See
        methods.md on missing data: in-degree is robust to non-response,
        betweenness is fragile (Smith & Moody 2013).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes carry the actor attributes (missing values are left out, so the
        graph writes to GraphML and GEXF). Edges are keyed by relation (``trade``
        seller -> buyer, ``knowledge`` giver -> receiver, ``university``,
        ``agency`` ...) with ``relation``, ``directed``, ``weight`` (mean
        reported strength, 1.0 when none), ``strength`` (only when reported),
        ``reported_by`` (source, target or both), ``confirmed`` and
        ``n_reports``. A tie of an undirected relation is one arc with
        ``directed=False``, stored from the end that reported it (from the
        smaller id when both did).

    Examples
    --------
    >>> import pandas as pd, netkit
    >>> actors = pd.DataFrame({"actor": ["A", "B"], "employees": [12, 300]})
    >>> ties = pd.DataFrame({"respondent": ["A", "B"], "partner": ["B", "A"],
    ...                      "relation": ["supplier", "customer"]})
    >>> G = netkit.build_graph(netkit.survey_from_frames(actors, ties))
    >>> list(G.edges(keys=True, data="reported_by"))
    [('B', 'A', 'trade', 'both')]
    """
    table = tie_table(survey, how=how)
    G = nx.MultiDiGraph(how=how, source=str(survey.source or ""), layout=survey.layout)
    actors = survey.actors
    if how == "respondents":
        actors = actors[actors["responded"]]
    for aid, row in zip(actors.index.astype(str), actors.to_dict("records")):
        G.add_node(aid, **{k: v for k, v in ((k, _plain(v)) for k, v in row.items()) if v is not None})
    for rec in table.to_dict("records"):
        attrs = {"relation": rec["tie"], "directed": bool(rec["directed"]), "weight": float(rec["weight"]),
                 "reported_by": rec["reported_by"], "confirmed": bool(rec["confirmed"]),
                 "n_reports": int(rec["n_reports"])}
        if not math.isnan(rec["strength"]):
            attrs["strength"] = float(rec["strength"])
        G.add_edge(rec["source"], rec["target"], key=rec["tie"], **attrs)
    return G


def _edge_relation(key, data) -> str | None:
    rel = data.get("relation")
    if rel is None and isinstance(key, str):
        rel = key
    return rel


def _iter_edges(G: nx.Graph):
    """Yield (u, v, relation, data) for every edge of any networkx graph type."""
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            yield u, v, _edge_relation(k, d), d
    else:
        for u, v, d in G.edges(data=True):
            yield u, v, d.get("relation"), d


def relations_of(G: nx.Graph) -> list[str]:
    """The sorted relation names present on the edges of ``G``."""
    return sorted(read_arcs(G, weight=None).relation[1])


def collapse(
    G: nx.Graph,
    *,
    relations: str | Iterable[str] | None = None,
    directed: bool | None = None,
    weight: str | None = "weight",
    combine: str = "sum",
) -> nx.Graph:
    """Collapse a (multiplex) graph into a simple ``Graph`` or ``DiGraph``.

    Parameters
    ----------
    G : networkx graph
        Any of Graph, DiGraph, MultiGraph, MultiDiGraph. Not modified.
    relations : str or list of str, optional
        Keep only edges of these relations (edge attribute ``relation``, or the
        edge key of a multigraph). Default: all edges.
    directed : bool, optional
        Return a DiGraph (True) or a Graph (False). Default: the direction of ``G``.
        An arc with attribute ``directed=False`` (also numpy False or 0: an
        undirected tie stored once in a directed graph) becomes arcs both ways
        in a DiGraph.
    weight : str or None
        Edge attribute holding the tie weight; missing or NaN counts 1, other
        non-numeric values (None, text) raise NetkitError. With None every tie
        counts 1.
    combine : {"sum", "max", "count"}
        How parallel ties between the same pair (several relations, both
        directions when ``directed=False``) become one: summed weights, the
        largest weight, or the number of ties.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        Same nodes with their attributes; numeric edge attribute ``weight``
        and ``n_ties`` (how many ties were merged).

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edge("a", "b", key="trade", relation="trade", weight=2.0, directed=True)
    >>> _ = M.add_edge("b", "a", key="university", relation="university", weight=1.0, directed=False)
    >>> H = collapse(M, directed=False)
    >>> H["a"]["b"]["weight"], H["a"]["b"]["n_ties"]
    (3.0, 2)
    """
    if combine not in ("sum", "max", "count"):
        raise NetkitError(f"combine must be 'sum', 'max' or 'count', got {combine!r}")
    arcs = read_arcs(G, weight=weight, relations=relations)
    return _collapsed_graph(G, arcs, G.is_directed() if directed is None else directed, combine)


def _collapsed_graph(G: nx.Graph, arcs, directed: bool, combine: str) -> nx.Graph:
    """The simple graph of :func:`collapse` from the arcs of ``G`` (read by ``read_arcs``)."""
    H = nx.DiGraph() if directed else nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    H.graph.update(G.graph)
    src, dst, w, n_ties = collapse_arrays(arcs, directed=directed, combine=combine)
    at = arcs.nodes.__getitem__
    H.add_edges_from(
        (at(a), at(b), {"weight": x, "n_ties": k})
        for a, b, x, k in zip(src.tolist(), dst.tolist(), w.tolist(), n_ties.tolist())
    )
    return H


def select_relation(G: nx.Graph, relation: str, *, weight: str | None = "weight") -> nx.Graph:
    """The simple graph of one relation: a DiGraph if its ties are directed, else a Graph.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> _ = M.add_edge("s", "b", key="trade", relation="trade", directed=True)
    >>> select_relation(M, "trade").is_directed()
    True
    """
    arcs = read_arcs(G, weight=weight, relations=[relation])
    is_directed = G.is_directed() and bool(arcs.directed.any())
    return _collapsed_graph(G, arcs, is_directed, "sum")

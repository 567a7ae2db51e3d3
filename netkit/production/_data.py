"""ProductionData, the tables of a production network, and to_graph for networks small enough for networkx."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from ..errors import NetkitError, Problems

_BYTES_PER_GRAPH_LINK = 1000  # what a networkx DiGraph edge with three attributes costs, roughly


def _empty_dropped() -> pd.DataFrame:
    return pd.DataFrame({"reason": pd.Series([], dtype=str), "rows": pd.Series([], dtype="int64")})


def _empty_problems() -> pd.DataFrame:
    return Problems().to_frame()


@dataclass(repr=False)
class ProductionData:
    """A production network as plain tables.

    Attributes
    ----------
    firms : DataFrame
        Index ``firm`` (the ids as in the files: int64 when every id is a
        whole number, text otherwise). Columns of the firms table, plus
        ``in_cluster``: True for firms in the firms table (or as the table
        says), False for "outside firms" that links name but the table does
        not list. Without a firms table, every firm in a kept link, all True.
    links : DataFrame
        ``seller``, ``buyer`` (int32 row positions in ``firms``: the seller's
        id is ``firms.index[seller]``), ``value`` (float64) and, when read,
        ``year`` (int16). One row per seller-buyer(-year), sorted by them.
    dropped : DataFrame
        ``reason``, ``rows``: link rows not kept, each counted once under the
        first reason that applies; duplicates count the rows merged away.
        ``rows read = len(links) + dropped.rows.sum()``.
    problems : DataFrame
        Warnings and notes like the survey reader's: severity, file, sheet,
        row (the first example, as a person sees it), column, message.
    source : str
        The links file read.
    meta : dict
        ``rows_read``, ``outside_firms``, ``seconds``.

    A generated network, ``ProductionData(*generate_production_network(n))``,
    is valid as it is: its firm ids are their row positions.
    """

    firms: pd.DataFrame
    links: pd.DataFrame
    dropped: pd.DataFrame = field(default_factory=_empty_dropped)
    problems: pd.DataFrame = field(default_factory=_empty_problems)
    source: str | None = None
    meta: dict = field(default_factory=dict)

    def links_with_ids(self) -> pd.DataFrame:
        """The links with ``seller`` and ``buyer`` as firm ids instead of row positions."""
        ids = self.firms.index
        out = self.links.copy()
        out["seller"] = ids.take(self.links["seller"].to_numpy())
        out["buyer"] = ids.take(self.links["buyer"].to_numpy())
        return out

    def write(self, folder, *, format: str = "parquet") -> dict:
        """Write ``firms`` and the links with ids to ``folder`` (see :func:`write_production_network`)."""
        from ._files import write_production_network

        return write_production_network(self.firms, self.links_with_ids(), folder, format=format)

    def __repr__(self) -> str:
        inside = int(self.firms["in_cluster"].astype(bool).sum()) if "in_cluster" in self.firms else 0
        dropped = int(self.dropped["rows"].sum()) if len(self.dropped) else 0
        return (f"ProductionData({len(self.firms):,} firms ({inside:,} in_cluster), {len(self.links):,} links, "
                f"{dropped:,} rows dropped or merged, source={self.source!r})")



def to_graph(data: ProductionData, *, year=None, max_links: int = 1_000_000) -> nx.DiGraph:
    """A networkx DiGraph of a production network small enough for networkx.

    Nodes are all firms (ids as in ``data.firms.index``) with their columns
    as attributes (missing values left out) and ``kind="firm"`` unless the
    table has a ``kind`` column; arcs go seller -> buyer with ``weight`` =
    value, ``relation="trade"`` and ``directed=True``, as in graphs built from
    surveys, so every netkit measure takes it.

    Parameters
    ----------
    data : ProductionData
    year : int, optional
        Only the links of this year. Without it, links of all years are summed
        per seller-buyer pair (as are repeated links of a hand-made table).
    max_links : int
        Refuse larger networks: networkx needs about 1 KB per link, so 17
        million links would take about 17 GB.

    Examples
    --------
    >>> from netkit.production import generate_production_network
    >>> data = ProductionData(*generate_production_network(50, mean_links=3, seed=3))
    >>> G = to_graph(data)
    >>> G.number_of_nodes(), G.number_of_edges()
    (50, 150)
    """
    links = data.links
    if year is not None:
        if "year" not in links.columns:
            raise NetkitError("these links have no year; call to_graph(data) without year=")
        links = links[links["year"] == year]
        if not len(links):
            years = sorted(set(data.links["year"].tolist()))
            raise NetkitError(f"no link in year {year}; the years are {years}")
    if len(links) > max_links:
        gb = len(links) * _BYTES_PER_GRAPH_LINK / 1e9
        raise NetkitError(
            f"the network has {len(links):,} links, more than max_links={max_links:,}: a networkx graph would "
            f"need about {gb:.1f} GB (about 1 KB per link). Work on the ProductionData tables directly, select "
            "part of the links (one region, sector or year=...), or pass a larger max_links if you have the memory.")
    if ("year" in links.columns and year is None) or links.duplicated(["seller", "buyer"]).any():
        links = links.groupby(["seller", "buyer"], sort=True, as_index=False)["value"].sum()
    ids = data.firms.index
    G = nx.DiGraph(source=data.source, year=year)
    records = data.firms.to_dict("records")
    kind = "kind" not in data.firms.columns
    G.add_nodes_from((node, {**({"kind": "firm"} if kind else {}),
                             **{k: v for k, v in attrs.items() if not _missing(v)}})
                     for node, attrs in zip(ids.tolist(), records))
    G.add_weighted_edges_from(zip(ids.take(links["seller"].to_numpy()).tolist(),
                                  ids.take(links["buyer"].to_numpy()).tolist(),
                                  links["value"].astype(float).tolist()),
                              relation="trade", directed=True)
    return G


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


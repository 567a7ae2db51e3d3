"""Firm profiles of a production network, measured on its arrays (no networkx graph).

:func:`firm_profile` runs the array cores that :func:`netkit.embeddedness`
and :func:`netkit.structural_holes` run on graphs (reciprocity, clustering,
k-core, Herfindahl, Burt's measures), on the int32 seller/buyer positions of
a :class:`ProductionData`, so ``firm_profile(data)`` and the graph functions
on ``to_graph(data)`` give the same numbers. :func:`compare_sizes` compares
SMEs with large firms on the profile with :func:`netkit.compare_groups`.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from .._arrays import triangle_counts
from ..embeddedness import (_arc_reciprocity, _clustering, _core_numbers, _count, _herfindahl, _pairs,
                            _partners_with, _ratio, compare_groups)
from ..errors import NetkitError
from ..holes import _holes_arrays
from ..survey._sizes import SIZE_CLASSES
from ._data import ProductionData
from ._generate import _size_codes
from ._read import _reporter

_MEASURES = ("suppliers", "customers", "degree", "purchases", "sales", "local_ties", "local_share",
            "external_ties", "external_share", "reciprocity", "clustering", "core_number",
            "effective_size", "efficiency", "constraint", "hierarchy", "sales_concentration",
            "purchase_concentration", "coverage")
#: Columns :func:`compare_sizes` compares by default.
_COMPARED = ("degree", "suppliers", "customers", "local_share", "external_share", "reciprocity", "clustering",
            "core_number", "effective_size", "constraint", "sales_concentration", "purchase_concentration")


def _steps(progress):
    """say(step): report that a step is done, with its time and the time so far."""
    if not progress:
        return lambda step: None
    emit = _reporter(progress)
    start = [time.perf_counter()] * 2

    def say(step: str) -> None:
        now = time.perf_counter()
        emit(f"firm_profile: {step} ({now - start[1]:.2f} s; {now - start[0]:.1f} s so far)")
        start[1] = now

    return say


def _links_of(data: ProductionData, year) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Seller, buyer (int64 positions) and value of one link per seller-buyer pair, sorted by them:
    the links of ``year``, or all years summed; self-links dropped; checked."""
    links, n = data.links, len(data.firms)
    s, t = links["seller"].to_numpy(np.int64), links["buyer"].to_numpy(np.int64)
    v = links["value"].to_numpy(np.float64) if "value" in links else np.ones(len(s))
    if year is not None:
        if "year" not in links:
            raise NetkitError("these links have no year; call firm_profile(data) without year=")
        keep = links["year"].to_numpy() == year
        if not keep.any():
            raise NetkitError(f"no link in year {year}; the years are {sorted(set(links['year'].tolist()))}")
        s, t, v = s[keep], t[keep], v[keep]
    if len(s) and (min(s.min(), t.min()) < 0 or max(s.max(), t.max()) >= n):
        raise NetkitError(f"links must hold seller and buyer as row positions 0 .. {n - 1} in data.firms; "
                          "read the data with read_production_network, or recode the ids with firms.index")
    bad = ~np.isfinite(v) | (v < 0)
    if bad.any():
        raise NetkitError(f"{int(bad.sum()):,} links have a value that is missing, negative or infinite "
                          f"(e.g. {v[bad][0]!r}); drop or fix them (read_production_network drops them)")
    loop = s == t
    if loop.any():
        s, t, v = s[~loop], t[~loop], v[~loop]
    key = s * n + t
    if len(key) > 1 and not (key[1:] > key[:-1]).all():  # several years, duplicates or unsorted
        order = np.argsort(key, kind="stable")
        key, v = key[order], v[order]
        first = np.flatnonzero(np.diff(key, prepend=-1))
        key, v = key[first], np.add.reduceat(v, first)
        s, t = key // n, key % n
    return s, t, v


def _size_columns(firms: pd.DataFrame) -> dict:
    """``size_class`` and ``is_sme`` by headcount from ``employees`` (EU Recommendation 2003/361,
    as :func:`netkit.size_class` with headcount alone) when the table lacks them."""
    if "employees" not in firms or ("size_class" in firms and "is_sme" in firms):
        return {}
    staff = pd.to_numeric(firms["employees"], errors="coerce").to_numpy(np.float64, na_value=np.nan)
    known = np.isfinite(staff) & (staff >= 0)
    codes = np.where(known, _size_codes(np.where(known, staff, 0)), -1)
    is_sme = pd.array(codes < 3, dtype="boolean")
    is_sme[~known] = pd.NA
    out = {"size_class": pd.Categorical.from_codes(codes, categories=SIZE_CLASSES, ordered=True),
           "is_sme": is_sme}
    return {k: v for k, v in out.items() if k not in firms}


def _labels(firms: pd.DataFrame, column: str) -> np.ndarray:
    if column not in firms:
        raise NetkitError(f"no column {column!r} in data.firms for local=; it has {list(firms.columns)}. "
                          "Pass local=<a column such as region> or local=None")
    return pd.factorize(firms[column])[0]  # -1 where missing


def firm_profile(data: ProductionData, *, year=None, local: str | None = "region", weighted: bool = True,
                 progress=None) -> pd.DataFrame:
    """Profile every firm's embeddedness in a production network, on its arrays.

    The same measures as :func:`netkit.embeddedness` and
    :func:`netkit.structural_holes` give on ``to_graph(data)`` (same column
    names where the measure is the same), computed by the same array code
    without building a networkx graph: about 0.5 s for 50,000 firms and
    250,000 links, and 25 to 35 s with a process peak of 3.7 GB for
    1,000,000 firms and 10,000,000 links, on 2 shared cores
    (``benchmarks/bench_production.py``).

    Parameters
    ----------
    data : ProductionData
        From :func:`read_production_network` or
        ``ProductionData(*generate_production_network(...))``; not modified.
        Links run seller -> buyer with their ``value``.
    year : int, optional
        Only the links of this year. Without it, the values of all years are
        summed per seller-buyer pair.
    local : str or None
        Column of ``data.firms`` whose value a partner must share for the tie
        to be local (default ``region``; e.g. ``sector``). None: no local
        columns.
    weighted : bool
        True: Burt's measures weigh ties by value (the mutual value
        a_ij + a_ji, as ``structural_holes(to_graph(data), weight="weight")``
        and the ``constraint`` of ``embeddedness(to_graph(data))``). False:
        every tie counts 1.
    progress : bool or callable, optional
        True prints each step with its time to stderr; a callable receives
        the messages.

    Returns
    -------
    pandas.DataFrame
        Indexed by firm id (``data.firms.index``), one row per firm, outside
        firms (``in_cluster`` False) included: select
        ``profile[profile.in_cluster]`` for the cluster's own firms. Columns:

        ``suppliers``, ``customers``
            Distinct partners selling to the firm (in-degree) and buying from
            it (out-degree): ``in_degree`` / ``out_degree`` (and ``trade_in``
            / ``trade_out``) of :func:`netkit.embeddedness`.
        ``degree``
            Distinct partners either way (undirected collapse).
        ``purchases``, ``sales``
            Value bought and sold (in- and out-strength).
        ``local_ties``, ``local_share``
            Partners with the same ``local`` value as the firm (its region),
            and their share of ``degree``. Partners with a missing value are
            never local; the share is NaN for isolates and for firms whose own
            value is missing. Note: in :func:`netkit.embeddedness`,
            ``local_ties`` counts partners inside the cluster instead.
        ``external_ties``, ``external_share``
            Partners that are outside firms (``in_cluster`` False), as in
            :func:`netkit.embeddedness`.
        ``reciprocity``
            Share of the firm's links, in and out, whose reverse link exists
            (``networkx.reciprocity(G, nodes)``); NaN for isolates.
        ``clustering``
            Local clustering coefficient of the undirected simple graph
            (``networkx.clustering``; 0 below two partners).
        ``core_number``
            k-core number of the undirected simple graph (Seidman 1983;
            ``networkx.core_number``), by peeling as Batagelj & Zaversnik
            (2003), level by level.
        ``effective_size``, ``efficiency``, ``constraint``, ``hierarchy``
            Burt's (1992) structural holes in the whole-network model
            (:func:`netkit.structural_holes`); NaN for isolates (and for
            firms whose links all have value 0 when ``weighted``).
        ``sales_concentration``, ``purchase_concentration``
            Herfindahl index of the firm's sales over its customers, and of
            its purchases over its suppliers: sum over partners of the squared
            share of the value (1: a single partner; 1/k: k equal ones); NaN
            without sales (purchases) or when their value is 0.
        ``coverage``
            Uzzi's (1996) network coverage: the same index over all partners,
            value bought and sold together (:func:`netkit.embeddedness`).

        Then the columns of ``data.firms`` (a column named like a measure
        gets the prefix ``firms_``), with ``size_class`` and ``is_sme``
        (headcount classes of EU Recommendation 2003/361) computed from
        ``employees`` when the table has that column but not these.

    Notes
    -----
    Isolates (firms of the table without links) have 0 partners, NaN
    shares and Burt's measures, clustering 0 and core number 0. Outside firms
    are measured like any firm, and count as partners of cluster firms.
    Self-links are ignored. Memory grows with the links (no n x n matrix);
    the time of Burt's measures and of clustering with the triangles,
    listed once each, chunk by chunk.

    References
    ----------
    Batagelj, V. & Zaversnik, M. (2003). An O(m) algorithm for cores
    decomposition of networks. arXiv:cs/0310049.
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    Herfindahl, O. C. (1950). *Concentration in the U.S. Steel Industry*.
    PhD thesis, Columbia University.
    Seidman, S. B. (1983). Network structure and minimum degree. *Social
    Networks* 5(3), 269-287.
    Uzzi, B. (1996). The sources and consequences of embeddedness for the
    economic performance of organizations. *American Sociological Review*
    61(4), 674-698.

    Examples
    --------
    >>> from netkit.production import ProductionData, generate_production_network
    >>> data = ProductionData(*generate_production_network(200, mean_links=4, seed=1))
    >>> profile = firm_profile(data)
    >>> int(profile["customers"].sum()) == len(data.links)
    True
    >>> profile.loc[0, ["suppliers", "customers", "core_number"]].tolist()
    [4, 2, 5]
    """
    say = _steps(progress)
    firms, n = data.firms, len(data.firms)
    s, t, v = _links_of(data, year)
    say(f"{len(s):,} links among {n:,} firms")
    cols: dict[str, np.ndarray] = {"suppliers": _count(t, n), "customers": _count(s, n),
                                   "purchases": _count(t, n, v), "sales": _count(s, n, v)}
    pairs = _pairs(n, s, t)
    pair, inverse = pairs[0], pairs[1]
    a, b = pair // n, pair % n
    mutual, incident = _arc_reciprocity(n, s, t, distinct=True, pairs=pairs)
    cols["degree"] = cols["suppliers"] + cols["customers"] - mutual / 2
    cols["reciprocity"] = _ratio(mutual, incident)
    say("degrees, values and reciprocity")

    if local is not None:
        label = _labels(firms, local)
        same = (label[a] == label[b]) & (label[a] >= 0)
        cols["local_ties"] = _partners_with(n, a, b, same, same)
        cols["local_share"] = np.where(label >= 0, _ratio(cols["local_ties"], cols["degree"]), np.nan)
    outside = (~firms["in_cluster"].fillna(True).to_numpy(bool) if "in_cluster" in firms
               else np.zeros(n, dtype=bool))
    cols["external_ties"] = _partners_with(n, a, b, outside[a], outside[b])
    cols["external_share"] = _ratio(cols["external_ties"], cols["degree"])
    say("local and external ties")

    triangles = np.zeros(n)
    holes = _holes_arrays(n, s, t, v if weighted else np.ones(len(v)), triangles=triangles)
    say("structural holes (constraint, effective size)")
    if weighted and (v == 0).any():  # ties of value 0 are left out of Burt's measures, not of clustering
        triangles = triangle_counts(n, a, b)
    cols["clustering"] = _clustering(triangles, cols["degree"])
    cols["core_number"] = _core_numbers(n, a, b)
    say("clustering and k-core")

    cols.update({k: holes[k] for k in ("effective_size", "efficiency", "constraint", "hierarchy")})
    cols["sales_concentration"] = _herfindahl(n, s, v)
    cols["purchase_concentration"] = _herfindahl(n, t, v)
    mutual_value = np.bincount(inverse, weights=v, minlength=len(pair))
    cols["coverage"] = _herfindahl(n, np.concatenate([a, b]), np.concatenate([mutual_value, mutual_value]))
    for name in ("suppliers", "customers", "degree", "external_ties", "core_number") + (
            ("local_ties",) if local is not None else ()):
        cols[name] = cols[name].astype(np.int64)
    profile = pd.DataFrame({k: cols[k] for k in _MEASURES if k in cols}, index=firms.index)
    attributes = firms.rename(columns={c: f"firms_{c}" for c in firms.columns if c in profile})
    attributes = attributes.assign(**_size_columns(firms))
    profile = pd.concat([profile, attributes], axis=1)
    say("concentration and the table")
    return profile


def compare_sizes(profile: pd.DataFrame, columns=None, *, by: str = "is_sme", n_permutations: int = 999,
                  seed=None, cluster_only: bool = True) -> pd.DataFrame:
    """Compare SMEs with large firms on a :func:`firm_profile`, with permutation tests.

    :func:`netkit.compare_groups` on the profile: the effect is the mean of
    SMEs minus the mean of large firms, and the p-value two-sided, from
    ``n_permutations`` random relabellings (it samples only the smaller group,
    so a million firms take seconds).

    Parameters
    ----------
    profile : DataFrame
        From :func:`firm_profile`, with ``is_sme`` (from the firms table or
        computed from ``employees``); not modified.
    columns : list of str, optional
        Measures to compare. Default: degree, suppliers, customers, local and
        external share, reciprocity, clustering, core number, effective size,
        constraint and both concentrations (those present).
    by : str
        Boolean column: True for SMEs.
    n_permutations : int
    seed : int, optional
    cluster_only : bool
        Compare only the cluster's firms (``in_cluster`` True), not outside
        firms. Firms with ``is_sme`` missing are left out, and per measure
        firms where it is missing (NaN).

    Returns
    -------
    DataFrame
        One row per measure (index ``measure``): ``n_True``, ``mean_True``
        (SMEs), ``n_False``, ``mean_False`` (large firms), ``effect``,
        ``p_value`` and the other columns of :func:`netkit.compare_groups`.

    Examples
    --------
    >>> from netkit.production import ProductionData, generate_production_network
    >>> data = ProductionData(*generate_production_network(2000, sme_share=0.9, seed=1))
    >>> result = compare_sizes(firm_profile(data), ["degree"], seed=1)
    >>> bool(result.loc["degree", "effect"] < 0), bool(result.loc["degree", "p_value"] < 0.01)
    (True, True)
    """
    if by not in profile:
        raise NetkitError(f"the profile has no column {by!r}; give data.firms an 'employees' (headcount) or "
                          f"'is_sme' column before firm_profile, or pass by=<a True/False column>")
    columns = [c for c in _COMPARED if c in profile] if columns is None else list(columns)
    keep = profile[by].notna().to_numpy(bool)
    if cluster_only and "in_cluster" in profile:
        keep = keep & profile["in_cluster"].fillna(False).to_numpy(bool)
    table = profile.loc[keep, columns].assign(**{by: profile.loc[keep, by].astype(bool)})
    if table[by].nunique() < 2:
        only = "SMEs" if (by == "is_sme") == bool(table[by].any()) else f"{by} = {bool(table[by].any())}"
        raise NetkitError(f"all {len(table):,} firms compared are {only}: nothing to compare them with. "
                          "Check the employees (or is_sme) column, or pass cluster_only=False")
    result = compare_groups(table, columns, by, n_permutations=n_permutations, seed=seed, groups=[True, False],
                            exact=False)
    result.index.name = "measure"
    return result

"""A seeded generator of synthetic production networks (firms, who sells to whom)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import NetkitError
from ..survey._sizes import _CEILINGS, SIZE_CLASSES

_SECTORS = {"raw materials": 0.06, "intermediate goods": 0.16, "capital goods": 0.10,
            "consumer goods": 0.14, "wholesale and logistics": 0.20, "retail and services": 0.34}
# seller's sector = buyer's sector - step, with these chances (sectors in value-chain order)
_STEPS = np.array([1, 0, 2, 3, -1])
_STEP_P = np.array([0.50, 0.20, 0.15, 0.05, 0.10])
_MAX_EMPLOYEES = 50_000
_PERSIST = 0.65  # chance that a link still exists the next year


def _shares(spec, what: str, default_name) -> tuple[list[str], np.ndarray]:
    """Names and probabilities from an int (k Zipf-sized groups), a list (equal) or a dict (shares)."""
    if isinstance(spec, (int, np.integer)) and not isinstance(spec, bool):
        if spec < 1:
            raise NetkitError(f"{what} must be at least 1, not {spec}")
        names = [default_name(i) for i in range(int(spec))]
        p = 1.0 / np.arange(1, spec + 1)
    elif isinstance(spec, dict):
        names, p = [str(k) for k in spec], np.asarray(list(spec.values()), dtype=float)
        if len(p) == 0 or not np.all(np.isfinite(p)) or (p < 0).any() or p.sum() <= 0:
            raise NetkitError(f"{what} shares must be non-negative numbers, not all zero: {spec!r}")
    else:
        names = [str(k) for k in spec]
        p = np.ones(len(names))
    if len(names) == 0 or len(set(names)) != len(names):
        raise NetkitError(f"{what} must be a number, or distinct names (a list, or a dict of shares): {spec!r}")
    return names, p / p.sum()


def generate_production_network(n_firms: int, *, mean_links: float = 10, regions=10, sectors=None,
                                sme_share: float = 0.995, local_share: float = 0.8, years=None,
                                focal_region=None, seed=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Invent a production network: firms and who sells to whom, seeded and vectorised.

    Firms get a region, a sector and a headcount; links are drawn in a
    fitness (configuration-style) model: each link picks a buyer with
    probability proportional to its in-fitness, then a seller proportional to
    its out-fitness among the firms of the sector upstream of the buyer's
    (one step up the value chain with chance 0.5, the same sector 0.2, two
    steps 0.15, three 0.05, one step down 0.1; a step outside the chain falls
    back to the buyer's own sector) and, with chance ``local_share``, of the
    buyer's region (otherwise of any region; an empty region-sector cell falls
    back to the whole sector, then to all firms). Self-links and repeated
    pairs are drawn again until exactly ``round(n_firms * mean_links)``
    distinct seller-buyer pairs remain.

    Parameters
    ----------
    n_firms : int
    mean_links : float
        Distinct seller-buyer pairs per firm (mean out-degree = mean in-degree).
    regions : int, list or dict
        k regions named ``R01``, ``R02``, ... with Zipf shares (1, 1/2, 1/3,
        ...); a list of names (equal shares); or a dict name -> share.
    sectors : int, list or dict, optional
        Sectors **in value-chain order, upstream first**, given like
        ``regions``. Default: raw materials 6%, intermediate goods 16%,
        capital goods 10%, consumer goods 14%, wholesale and logistics 20%,
        retail and services 34%.
    sme_share : float
        Share of firms with fewer than 250 staff. Headcounts follow a discrete
        Pareto law, P(employees >= k) = k^-a for k >= 1, with a chosen so that
        P(employees >= 250) = 1 - sme_share (a = 0.96 by default: 90% micro),
        capped at 50,000.
    local_share : float
        Chance that a link's seller is drawn from the buyer's region.
    years : list of int, optional
        Make a panel: each pair starts in a random year of ``years`` and lasts
        into the next listed year with chance 0.65; its value varies by
        year (lognormal, sigma 0.3). Without it, links have no ``year``.
    focal_region : str, optional
        ``in_cluster`` is True for this region's firms only (a regional
        cluster inside a national network); by default True for every firm.
    seed : int, optional

    Returns
    -------
    firms : DataFrame
        Index ``firm``: int ids 0 .. n_firms-1, equal to the row positions (so
        the links below are also valid :class:`ProductionData` links).
        Columns ``region``, ``sector`` (categoricals, sectors in value-chain
        order), ``employees`` (int64), ``size_class`` (micro/small/medium/
        large by headcount, EU Recommendation 2003/361, as
        :func:`netkit.size_class` with headcount alone), ``is_sme`` and
        ``in_cluster`` (bool).
    links : DataFrame
        ``seller``, ``buyer`` (int32 firm ids), ``value`` (EUR, at least 250,
        rounded to cents, lognormal and growing with both firms' size),
        ``year`` (int16, with ``years``); sorted by seller, buyer, year.

    Notes
    -----
    Fitness is employees^0.7 (as a seller) or employees^0.6 (as a buyer)
    times an independent lognormal factor (sigma 1), so both degree
    distributions have power-law tails and large firms trade more. At
    default settings with 1,000,000 firms, Hill estimates of the tail
    exponent over the top 1,000 firms are about 1.5 (out-degree, number of
    customers; the largest seller has about 74,000) and 1.8 (in-degree,
    number of suppliers; the largest buyer about 9,000); the median firm has
    3 customers and 4 suppliers. Everything is drawn with whole-array numpy
    operations: 1,000,000 firms and 10,000,000 links take about 7 s and a
    peak of 0.8 GB.

    Examples
    --------
    >>> firms, links = generate_production_network(1000, mean_links=5, seed=1)
    >>> len(firms), len(links)
    (1000, 5000)
    >>> bool((links["seller"] != links["buyer"]).all())
    True
    """
    n = int(n_firms)
    if n < 2:
        raise NetkitError(f"n_firms must be at least 2, not {n_firms}")
    m = round(n * mean_links)
    if m < 1 or m > n * (n - 1) // 4:
        raise NetkitError(f"mean_links={mean_links} gives {m:,} links among {n:,} firms; use between "
                          f"{1 / n:.3g} and {(n - 1) / 4:.3g} links per firm")
    if not 0 < sme_share < 1:
        raise NetkitError(f"sme_share must be between 0 and 1 (exclusive), not {sme_share}")
    if not 0 <= local_share <= 1:
        raise NetkitError(f"local_share must be between 0 and 1, not {local_share}")
    region_names, region_p = _shares(regions, "regions", lambda i: f"R{i + 1:02d}")
    sector_names, sector_p = _shares(_SECTORS if sectors is None else sectors, "sectors", lambda i: f"S{i + 1:02d}")
    if focal_region is not None and focal_region not in region_names:
        raise NetkitError(f"focal_region {focal_region!r} is not one of the regions {region_names}")
    rng = np.random.default_rng(seed)
    n_reg, n_sec = len(region_names), len(sector_names)

    # firms
    region = rng.choice(n_reg, size=n, p=region_p)
    sector = rng.choice(n_sec, size=n, p=sector_p)
    a = -np.log1p(-sme_share) / np.log(250)
    employees = np.minimum(np.floor((1.0 - rng.random(n)) ** (-1.0 / a)), _MAX_EMPLOYEES).astype(np.int64)
    size = _size_codes(employees)
    log_emp = np.log(employees)
    out_fit = np.exp(0.7 * log_emp + rng.normal(0.0, 1.0, n))
    in_fit = np.exp(0.6 * log_emp + rng.normal(0.0, 1.0, n))

    # Each link picks a buyer by in-fitness, then a "pool" to draw its seller from: a (sector, region)
    # cell, a whole sector, or every firm. Sellers are drawn pool by pool (multinomial counts, shuffled),
    # which has the same distribution as one draw per link and needs no search per link.
    cell = sector * n_reg + region
    perm = np.argsort(cell, kind="stable")  # firms of a cell, and of a sector, are contiguous in perm
    start = np.searchsorted(cell[perm], np.arange(n_sec * n_reg + 1))
    n_cells = n_sec * n_reg
    bounds = np.concatenate([[(start[c], start[c + 1]) for c in range(n_cells)],
                             [(start[t * n_reg], start[(t + 1) * n_reg]) for t in range(n_sec)], [(0, n)]])

    def draw_links(k):
        buyer = np.repeat(np.arange(n), rng.multinomial(k, in_fit / in_fit.sum()))
        s = sector[buyer] - _STEPS[rng.choice(len(_STEPS), size=k, p=_STEP_P)]
        s = np.where((s < 0) | (s >= n_sec), sector[buyer], s)
        pool = np.where(rng.random(k) < local_share, s * n_reg + region[buyer], n_cells + s)
        pool = np.where(bounds[pool, 0] == bounds[pool, 1], n_cells + s, pool)  # empty cell: the sector
        pool = np.where(bounds[pool, 0] == bounds[pool, 1], len(bounds) - 1, pool).astype(np.int16)
        order = np.argsort(pool, kind="stable")
        edges = np.searchsorted(pool[order], np.arange(len(bounds) + 1))
        seller = np.empty(k, dtype=np.int64)
        for p in np.flatnonzero(np.diff(edges)):
            members = perm[bounds[p, 0]:bounds[p, 1]]
            fit = out_fit[members]
            chosen = np.repeat(members, rng.multinomial(edges[p + 1] - edges[p], fit / fit.sum()))
            seller[order[edges[p]:edges[p + 1]]] = rng.permutation(chosen)
        keep = seller != buyer
        return seller[keep] * n + buyer[keep]

    pairs = np.empty(0, dtype=np.int64)
    for _ in range(50):
        pairs = np.sort(np.concatenate([pairs, draw_links(int((m - len(pairs)) * 1.15) + 100)]))
        pairs = pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])]
        if len(pairs) >= m:
            break
    else:
        raise NetkitError(f"could not draw {m:,} distinct links among {n:,} firms; lower mean_links")
    keep = np.ones(len(pairs), dtype=bool)
    keep[rng.choice(len(pairs), size=len(pairs) - m, replace=False)] = False
    pairs = pairs[keep]
    seller, buyer = (pairs // n).astype(np.int32), (pairs % n).astype(np.int32)
    value = np.exp(np.log(5000.0) + 0.3 * log_emp[seller] + 0.3 * log_emp[buyer] + rng.normal(0.0, 1.5, m))
    links = {"seller": seller, "buyer": buyer, "value": value}
    if years is not None:
        links = _panel(links, sorted({int(y) for y in years}), rng)
    links["value"] = np.round(250.0 + links["value"], 2)

    firms = pd.DataFrame(
        {"region": pd.Categorical.from_codes(region, categories=region_names),
         "sector": pd.Categorical.from_codes(sector, categories=sector_names),
         "employees": employees,
         "size_class": pd.Categorical.from_codes(size, categories=SIZE_CLASSES, ordered=True),
         "is_sme": size < 3,
         "in_cluster": np.ones(n, bool) if focal_region is None
         else region == region_names.index(focal_region)},
        index=pd.RangeIndex(n, name="firm"))
    return firms, pd.DataFrame(links)


def _size_codes(employees: np.ndarray) -> np.ndarray:
    """0 micro, 1 small, 2 medium, 3 large by headcount (the staff ceilings of netkit.size_class)."""
    ceilings = [_CEILINGS[name][0] for name in SIZE_CLASSES[:3]]
    return np.searchsorted(ceilings, employees, side="right")


def _panel(links: dict, years: list[int], rng) -> dict:
    """Repeat each pair over consecutive years: a random first year, then each next year with chance _PERSIST."""
    if not years:
        raise NetkitError("years must list at least one year")
    m, k = len(links["seller"]), len(years)
    first = rng.integers(0, k, m)
    span = np.minimum(rng.geometric(1.0 - _PERSIST, m), k - first)
    row = np.repeat(np.arange(m), span)
    offset = np.arange(len(row)) - np.repeat(np.cumsum(span) - span, span)
    out = {name: col[row] for name, col in links.items()}
    out["value"] = out["value"] * rng.lognormal(0.0, 0.3, len(row))
    out["year"] = np.asarray(years, dtype=np.int16)[first[row] + offset]
    return out


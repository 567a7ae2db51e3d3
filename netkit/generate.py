"""Synthetic cluster surveys for teaching: the five district types of Markusen (1996).

:func:`generate_cluster` invents a cluster of a chosen type, draws its TRUE
network (trade, knowledge, collaboration with universities and agencies,
cooperation), then the survey answers its members would give: non-respondents
say nothing, respondents forget some ties and, on request, write names the
messy way real respondents do. The answers go through
:func:`netkit.survey_from_frames`, the same validation as a real workbook.
Everything in it is invented: names are random combinations of syllables and
trade words, so any likeness to a real firm or place is a coincidence.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from .errors import NetkitError
from .survey import Survey, normalise_name, survey_from_frames
from .survey._write import write_survey

__all__ = ["generate_cluster", "CLUSTER_KINDS"]

CLUSTER_KINDS = ("marshallian", "italianate", "hub_and_spoke", "satellite_platform", "state_anchored")

_SME_SHARE = {"marshallian": 0.98, "italianate": 0.97, "hub_and_spoke": 0.9,
              "satellite_platform": 0.55, "state_anchored": 0.92}
# Default industries, sectors in value-chain order (upstream first), with shares of firms.
_SECTORS = {
    "marshallian": {"spinning": 0.2, "weaving": 0.3, "finishing": 0.2, "clothing": 0.3},
    "italianate": {"sawmills": 0.15, "components": 0.3, "furniture": 0.35, "upholstery": 0.2},
    "hub_and_spoke": {"castings": 0.2, "machined parts": 0.35, "electronics": 0.2, "logistics": 0.1,
                      "vehicle assembly": 0.15},
    "satellite_platform": {"electronics": 0.3, "pharmaceuticals": 0.2, "plastics": 0.2, "logistics": 0.15,
                           "business services": 0.15},
    "state_anchored": {"biotech": 0.3, "medical devices": 0.25, "instruments": 0.15, "software": 0.15,
                       "engineering services": 0.15},
}
_WORDS = {
    "spinning": ["Yarns", "Spinning Mill"], "weaving": ["Weaving", "Fabrics", "Looms"],
    "finishing": ["Dyeworks", "Finishing", "Printworks"], "clothing": ["Clothing", "Knitwear", "Fashion"],
    "sawmills": ["Timber", "Sawmill"], "components": ["Components", "Fittings", "Panels"],
    "furniture": ["Furniture", "Cabinets", "Interiors"], "upholstery": ["Upholstery", "Sofas"],
    "castings": ["Castings", "Foundry"], "machined parts": ["Precision Parts", "Machining", "Turning"],
    "electronics": ["Electronics", "Wiring", "Controls"], "logistics": ["Logistics", "Transport"],
    "vehicle assembly": ["Motors", "Vehicles"], "pharmaceuticals": ["Pharma", "Laboratories"],
    "plastics": ["Plastics", "Moulding"], "business services": ["Consulting", "Facility Services"],
    "biotech": ["Biotech", "Biosciences", "Therapeutics"], "medical devices": ["Medical", "Medtech"],
    "instruments": ["Instruments", "Optics", "Sensors"], "software": ["Software", "Analytics"],
    "engineering services": ["Engineering", "Design Studio"],
}
_SYL = (["Bar", "Cal", "Dor", "Fen", "Gal", "Lor", "Mar", "Nev", "Or", "Pal", "Ran", "Sel", "Tor", "Val", "Ver",
         "Zan", "Bel", "Cor", "Del", "Fal", "Mol", "Ser", "Tal", "Vil", "Ber", "Cas", "Fer", "Lan", "Pes", "Ros"],
        ["a", "e", "i", "o", "u", "ia", "io"],
        ["nti", "sco", "ldi", "rini", "tti", "zzi", "ndo", "ssi", "gli", "rro", "lli", "vi", "ni", "sca", "ghi"])
_PLACE = (["Vel", "Mor", "Cast", "Bren", "Fiar", "Sor", "Tald", "Quer", "Lom", "Gav", "Prad", "Orv"],
          ["anza", "ego", "ora", "ivo", "ena", "usco", "aglia", "edo", "ino", "ara"])
_FOREIGN = (["Nor", "Kel", "Brax", "Hal", "Stor", "Wen", "Dal", "Grev", "Lund", "Ost", "Rav", "Tref", "Vik", "Amb",
             "Quill", "Yar", "Zel", "Hask", "Mend", "Orm", "Pex", "Skar", "Thal", "Ulm", "Jor", "Kip", "Flet",
             "Gund", "Crom", "Bly"],
            ["vane", "trow", "mark", "sund", "berg", "holt", "wick", "dahl", "feld", "stone", "more", "ridge",
             "torp", "vik", "haven", "lake", "brook", "gard", "nes", "ford"])
_FOREIGN_WORDS = ["Industries", "Components", "Materials", "Systems", "Trading", "Technologies", "Metals",
                  "Polymers", "Electronics", "Logistics", "Holding", "Group", "Manufacturing", "Chemicals",
                  "Robotics", "Supplies", "Instruments", "Engineering", "Textiles", "Distribution"]
_FOREIGN_SUFFIX = ["GmbH", "AG", "Ltd", "Inc.", "S.A.", "B.V.", "Oy", "Corp.", "plc", "AB"]
_SME_SUFFIX = ["S.r.l.", "S.r.l.", "S.r.l.", "S.r.l.", "S.n.c.", "S.a.s.", "S.r.l.s."]
_OTHER_SUFFIX = {"S.r.l.": ["SRL", "Srl", "s.r.l", "S.p.A."], "S.p.A.": ["SPA", "SpA", "s.p.a.", "S.r.l."],
                 "S.n.c.": ["snc", "SNC", "S.r.l."], "S.a.s.": ["sas", "SAS", "S.r.l."],
                 "S.r.l.s.": ["SRLS", "S.r.l."]}
_STRENGTH_P = [0.1, 0.2, 0.3, 0.25, 0.15]  # strengths 1 (occasional) .. 5 (core partner)
_RECALL = {"supplier": 0.85, "customer": 0.8, "knowledge": 0.9, "university": 0.9, "agency": 0.9,
           "cooperation": 0.85}
_NEAR = 85.0  # read_survey's default near-miss cut-off
_UNDIRECTED = ("university", "agency", "cooperation")


# ----------------------------------------------------------------------------------------- the true network


class _Cluster:
    """The members, outside partners and TRUE ties of one generated cluster."""

    def __init__(self, rng, kind, n_firms, sme_share, sectors, regions):
        self.rng, self.kind = rng, kind
        self.sectors, self.regions = sectors, regions
        self.n_firms, self.sme_share = n_firms, sme_share
        self.district = list(regions)[0]
        self.members: list[dict] = []
        self.ids: set[str] = set()
        self.by_id: dict[str, dict] = {}  # filled once the roster is complete
        self.externals: dict[str, dict] = {}  # name -> {"name", "kind"}
        self.ties: dict[tuple, int | None] = {}  # (tie, source, target) -> strength
        self.keys: set[str] = set()  # normalised names in use (members and aliases)
        self.ext_keys: list[str] = []

    # -- random helpers
    def pick(self, pool, k=1):
        """k distinct items of a list, in a random order (fewer if the list is short)."""
        if not pool or k <= 0:
            return []
        idx = self.rng.choice(len(pool), size=min(int(k), len(pool)), replace=False)
        return [pool[i] for i in idx]

    def one(self, pool):
        return pool[int(self.rng.integers(len(pool)))] if pool else None

    def chance(self, p) -> bool:
        return bool(self.rng.random() < p)

    def strength(self, low=1):
        s = int(self.rng.choice(5, p=_STRENGTH_P)) + 1
        return max(s, low)

    def draw(self, shares: dict):
        keys = list(shares)
        p = np.array(list(shares.values()), float)
        return keys[int(self.rng.choice(len(keys), p=p / p.sum()))]

    # -- names
    def _surname(self):
        a, b, c = _SYL
        return self.one(a) + self.one(b) + self.one(c)

    def _unique(self, make, *, external=False):
        """A name from ``make(attempt)`` whose key is new and not alike any outside partner's.

        Outside partners must not look like a member or like each other either, so
        that a clean survey has no near-miss warnings.
        """
        for attempt in range(500):
            full = make(attempt)
            key = normalise_name(full)
            if key in self.keys or key in self.ext_keys or _close(key, self.ext_keys):
                continue
            if external and _close(key, self.keys):
                continue
            (self.ext_keys.append if external else self.keys.add)(key)
            return full
        raise NetkitError("could not invent enough distinct names; use fewer firms")

    def firm(self, *, role, large=False, sector=None, region=None, employees=None, short=None):
        rng = self.rng
        sector = sector or self.draw(self.sectors)
        region = region or self.draw(self.regions)
        words = _WORDS.get(sector, [sector.title()])

        def make(i):
            if short is None:
                return f"{self._surname()} {self.one(words)}"
            return short if i == 0 else f"{short} {self.one(words)}" if i < 50 else f"{short} {i}"

        name = self._unique(make)
        if employees is None:
            employees = int(rng.integers(260, 1500)) if large else int(np.clip(rng.lognormal(2.6, 0.9), 2, 240))
        per_head = rng.uniform(0.15, 0.4) if employees >= 250 else rng.uniform(0.05, 0.18)
        turnover = round(float(employees * per_head), 1) if rng.random() < 0.7 else None
        suffix = "S.p.A." if employees >= 250 else self.one(_SME_SUFFIX)
        rec = {"actor": f"A{len(self.members) + 1:03d}", "name": f"{name} {suffix}", "short": name,
               "suffix": suffix, "kind": "firm", "sector": sector, "region": region, "employees": employees,
               "turnover": turnover, "role": role, "large": employees >= 250}
        self.members.append(rec)
        self.ids.add(rec["actor"])
        return rec

    def reserve(self, *names):
        """Claim the names of institutions made later, before any outside partner is named."""
        self.keys.update(normalise_name(n) for n in names)

    def institution(self, name, kind, role):
        self.keys.add(normalise_name(name))
        rec = {"actor": f"A{len(self.members) + 1:03d}", "name": name, "short": name, "suffix": "", "kind": kind,
               "sector": "research" if kind == "university" else "support", "region": self.district,
               "employees": None, "turnover": None, "role": role, "large": False}
        self.members.append(rec)
        self.ids.add(rec["actor"])
        return rec

    def external(self, kind="firm"):
        """A new outside partner (its name), never alike a member or another partner."""
        a, b = _FOREIGN

        def make():
            stem = self.one(a) + self.one(b)
            if kind == "university":
                return self.one([f"University of {stem}", f"{stem} Institute of Technology"])
            return f"{stem} {self.one(_FOREIGN_WORDS)} {self.one(_FOREIGN_SUFFIX)}"

        name = self._unique(lambda i: make(), external=True)
        self.externals[name] = {"name": name, "kind": kind}
        return name

    # -- ties
    def tie(self, tie, source, target, strength=None):
        """Add a true tie between actor records or outside partners' names (the first draw wins)."""
        if source is None or target is None:
            return
        s = source["actor"] if isinstance(source, dict) else source
        t = target["actor"] if isinstance(target, dict) else target
        if s == t or (tie in _UNDIRECTED and (tie, t, s) in self.ties):
            return
        if strength is None and tie not in ("university", "agency"):
            strength = self.strength()
        self.ties.setdefault((tie, s, t), strength)

    def partners(self, tie, actor, *, incoming=True):
        """Member ids tied to ``actor`` by ``tie`` (its sources when incoming, else its targets)."""
        return [s if incoming else t for (r, s, t) in self.ties
                if r == tie and (t if incoming else s) == actor and (s if incoming else t) in self.ids]

    def firms(self, role=None):
        return [m for m in self.members if m["kind"] == "firm" and (role is None or m["role"] == role)]


def _close(key, pool) -> bool:
    choices = pool if isinstance(pool, list) else list(pool)
    return bool(choices) and process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=_NEAR) is not None


def _n_large(c: _Cluster) -> int:
    return int(round(c.n_firms * (1 - c.sme_share)))


def _local(c, firm, pool, p_local):
    """The part of ``pool`` in ``firm``'s region with probability p_local (else the rest)."""
    same = [f for f in pool if f["region"] == firm["region"] and f is not firm]
    other = [f for f in pool if f["region"] != firm["region"]]
    return same if (same and c.chance(p_local)) or not other else other


def _spare(c: _Cluster, firm: dict, pool: list, load: dict, local: float):
    """A supplier for ``firm`` from ``pool``: ``local`` times likelier in its own region, and less
    likely the more customers it already has (small firms have little spare capacity)."""
    pool = [f for f in pool if f is not firm]
    if not pool:
        return None
    w = np.array([(local if f["region"] == firm["region"] else 1.0) / (1 + load[f["actor"]]) ** 2 for f in pool])
    chosen = pool[int(c.rng.choice(len(pool), p=w / w.sum()))]
    load[chosen["actor"]] += 1
    return chosen


def _district(c: _Cluster, italianate: bool):
    """Marshallian district (and its Italianate variant): many small firms trading along the chain."""
    sectors, regions = list(c.sectors), list(c.regions)
    d = c.district
    agency_names = ([f"{d} District Service Centre", f"{d} Artisans' Association", f"{d} Export Consortium",
                     f"{d} Credit Guarantee Cooperative", f"Municipal Development Agency of {d}"] if italianate
                    else [f"Chamber of Commerce of {d}"])
    school_names = [f"{d} Technical Institute"] + ([f"Design School of {d}"] if italianate else [])
    c.reserve(*agency_names, *school_names)
    n_large = _n_large(c)
    for i in range(c.n_firms):
        sector = c.draw(c.sectors) if i >= n_large else sectors[-1]  # the few large firms lead the final stage
        # sub-districts specialise: most firms of a sector sit in its home region
        home = regions[sectors.index(sector) % len(regions)]
        region = home if c.chance(0.7) else c.draw(c.regions)
        c.firm(role="leader" if i < n_large else "local", large=i < n_large, sector=sector, region=region)
    firms = c.firms()
    stage = {f["actor"]: sectors.index(f["sector"]) for f in firms}
    by_stage = [[f for f in firms if stage[f["actor"]] == k] for k in range(len(sectors))]
    load = {f["actor"]: 0 for f in firms}  # customers so far
    raw_suppliers = [c.external() for _ in range(3 if italianate else 4)]
    buyers = [c.external() for _ in range(6 if italianate else 5)]
    for f in firms:
        k = stage[f["actor"]]
        n_sup = int(c.rng.integers(4, 8)) if f["role"] == "leader" else int(c.rng.integers(2, 5))
        for _ in range(n_sup):  # buys from the stage before (phase specialisation)
            if k > 0:
                c.tie("trade", _spare(c, f, by_stage[k - 1], load, 3.0), f)
        if k == 0 and c.chance(0.6):
            c.tie("trade", c.one(raw_suppliers), f)
        if c.chance(0.4):  # capacity subcontracting inside the same phase
            c.tie("trade", _spare(c, f, by_stage[k], load, 9.0), f)
        if k == len(sectors) - 1 and c.chance(0.5 if italianate else 0.35):
            c.tie("trade", f, c.one(buyers))
    for f in firms:  # the "industrial atmosphere": advice from neighbours of the same trade
        pool = [g for g in firms if g["region"] == f["region"] and g["sector"] == f["sector"] and g is not f]
        for g in c.pick(pool, int(c.rng.integers(1, 4)) if italianate else int(c.rng.integers(0, 3))):
            c.tie("knowledge", g, f)
        if c.chance(0.35):  # co-customers of one supplier talk
            sups = c.partners("trade", f["actor"])
            peers = [b for b in c.partners("trade", c.one(sups), incoming=False) if b != f["actor"]] if sups else []
            if peers:
                c.tie("knowledge", c.one(peers), f)
    if italianate:
        for f in firms:  # cooperation among competitors: shared orders, equipment, export
            rivals = [g for g in _local(c, f, [g for g in firms if g["sector"] == f["sector"]], 0.8)
                      if g is not f]
            for g in c.pick(rivals, int(c.rng.integers(1, 3))):
                c.tie("cooperation", f, g)
        agencies = [c.institution(n, "agency", "agency") for n in agency_names]
        unis = [c.institution(n, "university", "school") for n in school_names]
        for f in firms:
            if c.chance(0.9):
                for a in c.pick(agencies, 1 + int(c.rng.binomial(2, 0.5))):
                    c.tie("agency", f, a)
            if c.chance(0.2 + 0.3 * (f["employees"] >= 50)):
                c.tie("university", f, c.one(unis))
            if f["sector"] == sectors[-1] and c.chance(0.25):  # the export consortium finds buyers abroad
                c.tie("trade", f, c.one(buyers))
    else:
        chamber = c.institution(agency_names[0], "agency", "agency")
        school = c.institution(school_names[0], "university", "school")
        for f in firms:
            if c.chance(0.15):
                c.tie("agency", f, chamber)
            if c.chance(0.08 + 0.3 * (f["employees"] >= 50)):
                c.tie("university", f, school)


def _hub_and_spoke(c: _Cluster):
    """One dominant firm (or a few) and the suppliers around it."""
    sectors = list(c.sectors)
    names = (f"University of {c.district}", f"{c.district} Development Agency")
    c.reserve(*names)
    n_hubs = max(1, int(round(c.n_firms / 30)))
    n_large = _n_large(c)
    supplier_sectors = {s: v for s, v in c.sectors.items() if s != sectors[-1]} or c.sectors
    hubs = [c.firm(role="hub", sector=sectors[-1], employees=int(c.rng.integers(200, 250)) if i >= n_large
                   else int(c.rng.integers(1500, 5000)) if i == 0 else int(c.rng.integers(600, 1500)))
            for i in range(n_hubs)]  # the largest firms (medium-sized if sme_share leaves no large one)
    n_tier1 = max(n_large - n_hubs, int(round(0.2 * c.n_firms)))
    tier1 = [c.firm(role="tier1", sector=c.draw(supplier_sectors),
                    employees=int(c.rng.integers(260, 900)) if i < n_large - n_hubs
                    else int(np.clip(c.rng.lognormal(4.2, 0.5), 20, 240)))
             for i in range(min(n_tier1, c.n_firms - n_hubs))]
    rest = c.n_firms - len(hubs) - len(tier1)
    n_services = int(round(0.2 * rest))
    tier2 = [c.firm(role="tier2", sector=c.draw(supplier_sectors)) for _ in range(rest - n_services)]
    services = [c.firm(role="services", sector=c.draw(supplier_sectors)) for _ in range(n_services)]
    main = hubs[0]
    for f in tier1:  # long-term contracts with the hub
        c.tie("trade", f, main, c.strength(low=4))
        for h in hubs[1:]:
            if c.chance(0.4):
                c.tie("trade", f, h, c.strength(low=3))
    for f in tier2:
        sold = False
        if tier1 and c.chance(0.7):
            for t in c.pick(tier1, int(c.rng.integers(1, 3))):
                c.tie("trade", f, t)
            sold = True
        if c.chance(0.55) or not sold:
            c.tie("trade", f, main)
        for h in hubs[1:]:
            if c.chance(0.2):
                c.tie("trade", f, h)
        if c.chance(0.1):
            c.tie("trade", f, c.one([g for g in tier2 if g is not f] or tier2))
    for f in services:
        if c.chance(0.7):
            c.tie("trade", f, main)
        for g in c.pick(tier1 + tier2, int(c.rng.integers(0, 3))):
            c.tie("trade", f, g)
    ext_suppliers = [c.external() for _ in range(5 + 2 * (n_hubs - 1))]
    ext_customers = [c.external() for _ in range(4 + 2 * (n_hubs - 1))]
    for i, h in enumerate(hubs):  # the hub is embedded nationally and globally
        for e in c.pick(ext_suppliers, 5 if i == 0 else 3):
            c.tie("trade", e, h)
        for e in c.pick(ext_customers, 4 if i == 0 else 2):
            c.tie("trade", h, e, c.strength(low=3))
        c.tie("university", h, c.external("university"))
    for f in tier1:
        if c.chance(0.3):
            c.tie("trade", c.one(ext_suppliers), f)
    for f in tier1 + tier2:  # the hub sets the standards its suppliers follow
        if c.chance(0.5 if f["role"] == "tier1" else 0.35):
            c.tie("knowledge", main, f)
        elif f["role"] == "tier2" and tier1 and c.chance(0.2):
            c.tie("knowledge", c.one(tier1), f)
    uni = c.institution(names[0], "university", "university")
    agency = c.institution(names[1], "agency", "agency")
    for h in hubs:
        c.tie("university", h, uni)
    for f in tier1:
        if c.chance(0.4):
            c.tie("university", f, uni)
    for f in tier2 + services:
        if c.chance(0.05):
            c.tie("university", f, uni)
        if c.chance(0.2):
            c.tie("agency", f, agency)


def _satellite_platform(c: _Cluster):
    """Branch plants of outside firms, tied to their parents and partners elsewhere."""
    n_large = _n_large(c)
    names = (f"{c.district} Inward Investment Agency", f"{c.district} Technical College")
    c.reserve(*names)
    n_branch = min(c.n_firms, max(n_large, int(round(0.7 * c.n_firms))))
    parents = [c.external() for _ in range(max(1, int(round(0.8 * n_branch))))]
    plants = []
    for i in range(n_branch):
        parent = c.one(parents)
        stem = parent.split()[0]
        employees = int(c.rng.integers(260, 1200)) if i < n_large else int(np.clip(c.rng.lognormal(4.4, 0.5), 40, 240))
        plant = c.firm(role="branch", employees=employees, short=f"{stem} {c.district}")
        plant["parent"] = parent
        plants.append(plant)
    local = [c.firm(role="local") for _ in range(c.n_firms - n_branch)]
    ext_suppliers = [c.external() for _ in range(c.n_firms)]
    ext_customers = [c.external() for _ in range(max(2, c.n_firms // 2))]
    for p in plants:
        r = c.rng.random()  # the parent supplies the plant, buys its output, or both
        if r < 0.75:
            c.tie("trade", p["parent"], p, 5)
        if r > 0.4:
            c.tie("trade", p, p["parent"], 5)
        if c.chance(0.8):
            c.tie("knowledge", p["parent"], p, c.strength(low=3))
        for e in c.pick(ext_suppliers, int(c.rng.integers(1, 4))):
            c.tie("trade", e, p)
        for e in c.pick(ext_customers, int(c.rng.integers(1, 3))):
            c.tie("trade", p, e)
        if c.chance(0.08):
            c.tie("trade", p, c.one([q for q in plants if q is not p]))
        if c.chance(0.05):
            c.tie("knowledge", c.one([q for q in plants if q is not p]), p)
    for f in local:  # local firms serve the plants, little else
        for p in c.pick(plants, int(c.rng.integers(1, 3))):
            c.tie("trade", f, p, c.strength())
        if c.chance(0.3) and len(local) > 1:
            c.tie("trade", f, c.one([g for g in local if g is not f]))
    agency = c.institution(names[0], "agency", "agency")
    college = c.institution(names[1], "university", "school")
    for p in plants:
        if c.chance(0.35):
            c.tie("agency", p, agency)
        if c.chance(0.15):
            c.tie("university", p, college)
    for f in local:
        if c.chance(0.15):
            c.tie("agency", f, agency)


def _state_anchored(c: _Cluster):
    """A university (with a public laboratory) and the firms it spins off and buys from."""
    n_spin = int(round(0.3 * c.n_firms))
    n_sup = int(round(0.25 * c.n_firms))
    n_others = c.n_firms - n_spin - n_sup
    large = [i < _n_large(c) for i in range(c.n_firms)]  # other firms drawn by the anchor first, then suppliers
    others = [c.firm(role="other", large=large[i]) for i in range(n_others)]
    sup = [c.firm(role="supplier", large=large[n_others + i]) for i in range(n_sup)]
    spin = [c.firm(role="spin-off", large=large[n_others + n_sup + i],
                   employees=None if large[n_others + n_sup + i] else int(np.clip(c.rng.lognormal(2.2, 0.7), 2, 120)))
            for i in range(n_spin)]
    d = c.district
    anchor = c.institution(f"University of {d}", "university", "anchor")
    lab = c.institution(f"{d} National Research Laboratory", "university", "laboratory")
    tto = c.institution(f"{d} Technology Transfer Office", "agency", "agency")
    rda = c.institution(f"{d} Regional Development Agency", "agency", "agency")
    for f in spin:
        if c.chance(0.9):
            c.tie("university", f, anchor)
        if c.chance(0.6):
            c.tie("knowledge", anchor, f, c.strength(low=3))
        if c.chance(0.5):
            c.tie("agency", f, tto)
        if c.chance(0.2):
            c.tie("knowledge", lab, f)
        if c.chance(0.2):
            c.tie("knowledge", c.one([g for g in spin if g is not f] or spin), f)
    for f in sup:  # public procurement
        if c.chance(0.8):
            c.tie("trade", f, anchor, c.strength(low=2))
        if c.chance(0.35):
            c.tie("trade", f, lab)
    for f in others:
        if c.chance(0.3):
            c.tie("university", f, anchor)
        if c.chance(0.35):
            c.tie("university", f, lab)
        if c.chance(0.2):
            c.tie("agency", f, tto)
    firms = spin + sup + others
    ext_customers = [c.external() for _ in range(10)]
    for f in firms:
        if c.chance(0.35):  # a little local trade among firms
            c.tie("trade", f, c.one([g for g in firms if g is not f]))
        if c.chance(0.35):
            c.tie("trade", f, c.one(ext_customers))
        if c.chance(0.15):
            c.tie("agency", f, rda)
    for _ in range(3):
        c.tie("university", anchor, c.external("university"))
    for _ in range(2):
        c.tie("university", lab, c.external("university"))


_BUILD = {"marshallian": lambda c: _district(c, False), "italianate": lambda c: _district(c, True),
          "hub_and_spoke": _hub_and_spoke, "satellite_platform": _satellite_platform,
          "state_anchored": _state_anchored}


# ------------------------------------------------------------------------------------------------ the answers


def _respondents(c: _Cluster, response_rate: float) -> set:
    """Who answers: round(rate x members), large firms and institutions more willing."""
    weights = np.array([3.0 if m["large"] else 2.0 if m["kind"] != "firm" else 1.0 for m in c.members])
    k = max(1, int(round(response_rate * len(c.members))))
    chosen = c.rng.choice(len(c.members), size=k, replace=False, p=weights / weights.sum())
    return {c.members[i]["actor"] for i in sorted(chosen)}


def _reported_strength(c: _Cluster, relation: str, strength):
    """A respondent's own view of a tie's strength: the true one give or take a step, sometimes blank."""
    if strength is None or (relation == "customer" and c.chance(0.3)):
        return None
    return int(np.clip(strength + c.rng.choice([-1, 0, 0, 0, 1]), 1, 5))


def _answers(c: _Cluster, responded: set) -> list[dict]:
    """What respondents report about the true ties, each from its own side."""
    kind = {m["actor"]: m["kind"] for m in c.members}
    rows = []
    for (tie, s, t), strength in c.ties.items():
        if tie == "trade":
            sides = ((t, s, "supplier"), (s, t, "customer"))
        elif tie == "knowledge":  # "whom do you ask for advice?" is answered by the receiver
            sides = ((t, s, "knowledge"),)
        else:
            sides = ((s, t, tie), (t, s, tie))
        for respondent, partner, relation in sides:
            if respondent not in responded:
                continue
            recall = _RECALL[relation] * (1.0 if kind[respondent] == "firm" else 0.7)
            if c.chance(recall):  # a forgotten tie is unconfirmed, or missing
                rows.append({"respondent": respondent, "partner": partner, "relation": relation,
                             "strength": _reported_strength(c, relation, strength)})
    order = {m["actor"]: i for i, m in enumerate(c.members)}
    shuffle = c.rng.permutation(len(rows))
    return sorted((rows[i] for i in shuffle), key=lambda r: order[r["respondent"]])


def _written(c: _Cluster, partner: str, messy: bool) -> str:
    """How a respondent writes a partner's name: as on the roster, or (messy) not quite."""
    rec = c.by_id.get(partner)
    if rec is None:  # an outside partner, sometimes without its legal form
        bare = partner.rsplit(" ", 1)[0]
        return bare if messy and normalise_name(bare) == normalise_name(partner) and c.chance(0.2) else partner
    if not messy:
        return rec["name"]
    r = c.rng.random()
    if rec["kind"] != "firm":
        return rec["name"] if r < 0.8 else rec["name"].upper() if r < 0.9 else rec["actor"]
    if r < 0.5:
        return rec["name"]
    if r < 0.65:
        return rec["short"]
    if r < 0.73:
        return f"{rec['short'].upper()} {c.one(_OTHER_SUFFIX[rec['suffix']]).upper()}"
    if r < 0.8:
        return rec["short"].lower()
    if r < 0.85:
        return rec["actor"]
    if r < 0.92:
        return f"{rec['short']} {c.one(_OTHER_SUFFIX[rec['suffix']])}"
    return rec.get("alias") or rec["name"]


def _typo(c: _Cluster, name: str, keys) -> str | None:
    """A near miss of ``name``: one letter dropped, doubled or swapped in its longest word."""
    words = name.split()
    i = max(range(len(words)), key=lambda j: len(words[j]))
    word = words[i]
    if len(word) < 5:
        return None
    for _ in range(20):
        pos = int(c.rng.integers(1, len(word) - 2))
        op = int(c.rng.integers(3))
        new = (word[:pos] + word[pos + 1:] if op == 0 else word[:pos] + word[pos] + word[pos:] if op == 1
               else word[:pos] + word[pos + 1] + word[pos] + word[pos + 2:])
        written = " ".join(words[:i] + [new] + words[i + 1:])
        key = normalise_name(written)
        if new != word and key not in keys and fuzz.ratio(key, normalise_name(name)) >= _NEAR + 3:
            return written
    return None


def _mess(c: _Cluster, rows: list[dict], actors: list[dict]) -> tuple[list[dict], pd.DataFrame]:
    """The problems real answers have; each is listed in ``meta["mess"]`` as an answer key."""
    mess = []
    firms = [m for m in c.members if m["kind"] == "firm"]
    keys = c.keys | set(c.ext_keys)
    # misspelt members: near misses are kept apart and reported, never merged
    member_rows = [i for i, r in enumerate(rows) if r["partner"] in c.by_id and c.by_id[r["partner"]]["kind"] == "firm"
                   and r["relation"] != "cooperation"]
    done = set()
    for i in c.pick(member_rows, len(member_rows)):
        if len(done) >= max(2, c.n_firms // 20):
            break
        target = c.by_id[rows[i]["partner"]]
        written = None if target["actor"] in done else _typo(c, target["short"], keys)
        if written:
            written += "" if c.chance(0.5) else f" {target['suffix']}"
            done.add(target["actor"])
            rows[i]["written"] = written
            mess.append({"problem": "misspelt name (near miss)", "respondent": rows[i]["respondent"],
                         "written": written, "means": target["actor"]})
    # a misspelt outside partner, named correctly elsewhere
    named = pd.Series([r["partner"] for r in rows if r["partner"] in c.externals
                       and c.externals[r["partner"]]["kind"] == "firm"], dtype=object).value_counts()
    for ext in named.index[named >= 2][:1]:
        i = next(j for j, r in enumerate(rows) if r["partner"] == ext and "written" not in r)
        written = _typo(c, ext, keys)
        if written:
            rows[i]["written"] = written
            mess.append({"problem": "misspelt outside partner", "respondent": rows[i]["respondent"],
                         "written": written, "means": ext})
    for r in rows:
        r.setdefault("written", _written(c, r["partner"], True))
    answering = sorted({r["respondent"] for r in rows if c.by_id[r["respondent"]]["kind"] == "firm"})
    if not answering:  # nobody to make mistakes
        return rows, pd.DataFrame(mess, columns=["problem", "respondent", "written", "means"])
    # a repeated answer, a self-tie and a strength off the scale
    i = int(c.rng.integers(len(rows)))
    rows.insert(i + 1, dict(rows[i]))
    mess.append({"problem": "repeated answer", "respondent": rows[i]["respondent"], "written": rows[i]["written"],
                 "means": rows[i]["partner"]})
    me = c.one(answering)
    at = next(j for j, r in enumerate(rows) if r["respondent"] == me)
    rows.insert(at, {"respondent": me, "partner": me, "written": c.by_id[me]["name"], "relation": "knowledge",
                     "strength": 3})
    mess.append({"problem": "self-tie", "respondent": me, "written": c.by_id[me]["name"], "means": me})
    scaled = [j for j, r in enumerate(rows) if r["relation"] == "supplier" and r["strength"] is not None]
    if scaled:
        j = c.one(scaled)
        rows[j]["strength"] = int(c.one([6, 7, 10, 55]))  # not 0: a matrix reads 0 as no tie
        mess.append({"problem": f"strength {rows[j]['strength']} off the 1-5 scale",
                     "respondent": rows[j]["respondent"], "written": rows[j]["written"], "means": rows[j]["partner"]})
    # the roster says one respondent did not answer; a few headcounts are missing
    quiet = c.one([a for a in answering if a != me])
    if quiet:
        actors[[a["actor"] for a in actors].index(quiet)]["responded"] = "no"
        mess.append({"problem": "marked as not responded but reports ties", "respondent": quiet, "written": None,
                     "means": quiet})
    for f in c.pick([f for f in firms if f["role"] != "hub"], max(1, len(firms) // 20)):
        actors[[a["actor"] for a in actors].index(f["actor"])]["employees"] = None
        mess.append({"problem": "headcount missing", "respondent": None, "written": None, "means": f["actor"]})
    return rows, pd.DataFrame(mess, columns=["problem", "respondent", "written", "means"])


def _aliases(c: _Cluster):
    """Declare a short alias (the family name) for about one firm in ten."""
    surnames = pd.Series([m["short"].split()[0] for m in c.members if m["kind"] == "firm"]).value_counts()
    for m in c.pick([m for m in c.members if m["kind"] == "firm"], max(1, c.n_firms // 10)):
        alias = m["short"].split()[0]
        key = normalise_name(alias)
        if surnames[alias] == 1 and key not in c.keys and not _close(key, c.ext_keys):
            m["alias"] = alias
            c.keys.add(key)


def _relations(italianate: bool) -> pd.DataFrame:
    rows = [["supplier", "trade", "yes", "partner_to_respondent", 1, 5, "Which firms supply you?"],
            ["customer", "trade", "yes", "respondent_to_partner", 1, 5, "Which firms do you sell to?"],
            ["knowledge", "knowledge", "yes", "partner_to_respondent", 1, 5,
             "Whom do you ask for technical advice? (the tie runs from adviser to respondent)"],
            ["university", "university", "no", None, None, None, "Which universities do you work with?"],
            ["agency", "agency", "no", None, None, None, "Which agencies or associations support you?"]]
    if italianate:
        rows.append(["cooperation", "cooperation", "no", None, 1, 5,
                     "Which firms do you cooperate with (joint orders, shared equipment, export)?"])
    return pd.DataFrame(rows, columns=["relation", "tie", "directed", "direction", "scale_min", "scale_max",
                                       "description"])


# ------------------------------------------------------------------------------------------------- the API


def _shares(value, default: dict, what: str) -> dict:
    """Names with shares from a list (equal shares) or a dict {name: share}."""
    if value is None:
        return dict(default)
    if isinstance(value, str):
        raise NetkitError(f"{what} must be a list of names or a dict {{name: share}}, not the string {value!r}")
    items = list(value.items()) if isinstance(value, dict) else [(v, 1.0) for v in value]
    names = [str(k).strip() for k, _ in items]
    try:
        shares = [float(v) for _, v in items]
    except (TypeError, ValueError) as exc:
        raise NetkitError(f"the shares of {what} must be numbers") from exc
    if not names or any(not n for n in names) or len(set(names)) != len(names):
        raise NetkitError(f"{what} must name at least one {what[:-1]}, each once and not empty")
    if any(s < 0 or s != s for s in shares) or sum(shares) <= 0:
        raise NetkitError(f"the shares of {what} must be non-negative numbers with a positive sum")
    return dict(zip(names, shares))


def _default_regions(rng) -> dict:
    a, b = _PLACE
    names: list[str] = []
    while len(names) < 3:
        name = a[int(rng.integers(len(a)))] + b[int(rng.integers(len(b)))]
        if name not in names:
            names.append(name)
    return dict(zip(names, (0.45, 0.33, 0.22)))


def _readme(kind, params, messy) -> list[str]:
    lines = [f"SYNTHETIC SURVEY: an invented {kind.replace('_', '-')} cluster (Markusen 1996 typology).",
             "Generated by netkit.generate_cluster with " + ", ".join(f"{k}={v!r}" for k, v in params.items()) + ".",
             "No real firm, person or answer is in it: names are random syllables and trade words, "
             "ties are drawn at random; any likeness to a real firm or place is a coincidence.",
             "Relations: supplier, customer (trade), knowledge (whom do you ask for advice), university, agency"
             + (", cooperation" if kind == "italianate" else "") + ". Strengths: 1 (occasional) to 5 (core partner).",
             "Non-respondents report nothing; respondents forget some ties, so many ties are unconfirmed."]
    if messy:
        lines.append("The answers are deliberately messy (misspelt names, other legal forms, aliases, a repeated "
                     "answer, a self-tie, a strength off the scale, missing headcounts): practise cleaning them.")
    return lines


def _as_answered(survey: Survey, ties: pd.DataFrame, actors: list[dict], layout: str) -> Survey:
    """The survey with every answer as given, for writing: write_survey writes ``survey.ties``,
    from which validation dropped the repeated answer and the self-tie (and lost the
    'responded: no' that the long layout can carry)."""
    spellings = survey.meta["spellings"]
    answers = pd.DataFrame({"respondent": ties["respondent"],
                            "partner": [spellings[" ".join(str(w).split())] for w in ties["partner"]],
                            "relation": ties["relation"], "strength": ties["strength"].astype(float),
                            "partner_as_written": ties["partner"]})
    roster = survey.actors.copy()
    if layout == "long":
        roster.loc[[a["actor"] for a in actors], "responded"] = [a["responded"] == "yes" for a in actors]
    return Survey(actors=roster, ties=answers, problems=survey.problems, relations=survey.relations)


def _add_readme(path: Path, lines: list[str]) -> None:
    """Put a README sheet first in the written workbook (write_survey writes none)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook
        from openpyxl.styles import Font

        wb = load_workbook(path)
        ws = wb.create_sheet("README", 0)
        for line in lines:
            ws.append([line])
        ws["A1"].font = Font(bold=True)
        wb.active = 0
        wb.save(path)
    elif suffix == ".ods":
        from odf.opendocument import load
        from odf.table import Table, TableCell, TableRow
        from odf.text import P

        doc = load(str(path))
        table = Table(name="README")
        for line in lines:
            row, cell = TableRow(), TableCell(valuetype="string")
            cell.addElement(P(text=line))
            row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.insertBefore(table, doc.spreadsheet.getElementsByType(Table)[0])
        doc.save(str(path))
    else:  # a folder of CSV files: read_survey reads only .csv/.tsv files
        (path / "README.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate_cluster(kind: str, *, n_firms: int = 60, sme_share: float | None = None, sectors=None, regions=None,
                     response_rate: float = 0.8, messy: bool = False, seed=None, out=None,
                     layout: str = "long") -> Survey:
    """Invent a survey of a cluster of one of Markusen's (1996) types, for teaching.

    The TRUE network of the cluster is drawn first (trade seller -> buyer,
    knowledge adviser -> receiver, collaboration with universities and
    agencies, cooperation among competitors); then the answers: a share
    ``response_rate`` of the members responds (large firms and institutions
    more willingly), each reports its ties from its own side (a buyer names
    its suppliers, a seller its customers, a receiver of advice its advisers,
    both ends of a collaboration each other) and forgets some (10-20% of them;
    an institution about 40%), so many ties are unconfirmed; non-respondents
    report nothing, and are seen only through what others say. The answers
    pass through :func:`netkit.survey_from_frames`, the same checks as a real
    workbook. Outside partners (``in_cluster`` False) are whoever respondents
    name that is not on the roster.

    The types (Markusen, A. 1996, "Sticky places in slippery space: a typology
    of industrial districts", Economic Geography 72(3): 293-313), and the
    signature each shows in netkit's measures at the defaults (checked in
    ``tests/test_generate.py`` over several seeds):

    ``marshallian``
        Many small, locally owned firms (98% SMEs) trading with each other
        along the value chain (each sector buys from the one before it;
        sub-districts specialise by sector; a small supplier with many
        customers is less likely to take another), capacity subcontracting,
        advice from neighbours of the same trade and between customers of
        one supplier; few outside partners, a weak chamber of commerce and
        technical school (Marshall 1920, Principles of Economics IV.10;
        Becattini 1990). Signature: low degree centralisation, high
        clustering (transitivity), very few external ties.
    ``italianate``
        The Marshallian district with strong local institutions and
        cooperation among competitors (Brusco 1982, "The Emilian model",
        Cambridge Journal of Economics 6(2); Markusen's Italianate variant):
        five agencies (service centre, artisans' association, export
        consortium, credit guarantee cooperative, municipal agency) that
        nine firms in ten work with, a ``cooperation`` relation (undirected)
        mostly between firms of the same sector, more advice ties.
        Signature: many more agency and cooperation ties per firm than the
        Marshallian district; cooperation ties link competitors.
    ``hub_and_spoke``
        One dominant large firm (and smaller hubs: ``round(n_firms / 30)``
        hubs in all) buying from first-tier suppliers on long-term contracts
        and from many smaller suppliers, setting their standards (advice
        ties from the hub), itself tied to suppliers, customers and a
        university outside the region; little trade among suppliers (Gray, Golob & Markusen 1996, Regional
        Studies 30(7)). Signature: the highest degree centralisation; the
        three top brokers (betweenness) hold most of the brokerage.
    ``satellite_platform``
        Branch plants of outside firms (about 70% of the firms; 45% of all
        firms large by default) tied to their parent companies (trade and
        advice) and to suppliers and customers elsewhere, a few local service
        firms, an inward-investment agency (Markusen 1996; Park & Markusen
        1995, Environment and Planning A 27(1)). Signature: the most outside
        partners, the highest share of external ties, the lowest density
        among members.
    ``state_anchored``
        A public university (the anchor) with a national research laboratory,
        a technology-transfer office and a development agency; spin-offs tied
        to the university, suppliers selling to it, other firms drawn by it;
        little trade among firms (Markusen 1996). Signature: the university
        is the top broker; the highest share of ties with institutions.

    Parameters
    ----------
    kind : {"marshallian", "italianate", "hub_and_spoke", "satellite_platform", "state_anchored"}
    n_firms : int
        Firms on the roster (at least 10); institutions come on top.
    sme_share : float, optional
        Share of firms with fewer than 250 staff (the EU SME headcount
        ceiling; turnovers are drawn to agree). Default by type: 0.98, 0.97,
        0.9, 0.55, 0.92 in the order above.
    sectors : list or dict, optional
        Sectors of the firms in value-chain order, upstream first (districts
        trade along it; a hub sits in the last), as a list (equal shares) or
        ``{sector: share}``. Default: an industry typical of the type
        (textiles, furniture, vehicles, electronics and pharma plants,
        biotech).
    regions : list or dict, optional
        Sub-districts, as a list or ``{region: share}``; the first names the
        district and its institutions. Default: three invented place names.
    response_rate : float
        Share of roster members who answer, in (0, 1].
    messy : bool
        Write answers the way real ones come: names without or with another
        legal form, in capitals or lower case, as ids or declared aliases,
        a few misspelt (near misses, kept apart and reported), a misspelt
        outside partner, a repeated answer, a self-tie, a strength off the
        scale, a respondent marked as not responded, missing headcounts.
        Each shows in ``survey.problems`` as a warning (never an error),
        except the name variants that matching resolves and the missing
        headcounts; ``meta["mess"]`` lists what was done.
    seed : int, numpy Generator or None
        Same seed, same survey. None draws fresh entropy, recorded in
        ``meta["seed"]`` so the survey can be made again.
    out : str or Path, optional
        Also write the survey there with :func:`netkit.write_survey` (.xlsx,
        .ods, or a folder of CSV files), plus a README sheet (README.txt in
        a folder) saying that it is synthetic and how it was made.
    layout : {"long", "matrix", "form"}
        Layout of the written workbook.

    Returns
    -------
    Survey
        With ``meta``: ``synthetic`` (True), ``generator``, ``kind``,
        ``seed``, ``params``, ``roles`` (actor id -> role in the design:
        hub, tier1, branch, spin-off, anchor ...), ``truth`` (the true ties:
        ``tie``, ``source``, ``target``, ``directed``, ``strength``; outside
        partners by name), ``mess`` (the problems put in), ``path`` (when
        written) and ``spellings``.

    Notes
    -----
    Signatures measured with netkit (``tests/test_generate.py``), min-max
    over seeds 0-24 at the defaults (60 firms): degree centralisation and
    transitivity from :func:`netkit.network_summary`; member density on the
    members' subgraph; top-3 share of :func:`netkit.betweenness` (undirected);
    external and institutional shares of contacts from
    :func:`netkit.embeddedness` (members' ``external_ties`` / ``degree``;
    firms' ``institutional_ties`` / ``degree``).

    ========================= =========== ========== ============= =========== ==============
    measure                   marshallian italianate hub_and_spoke satellite   state_anchored
    ========================= =========== ========== ============= =========== ==============
    degree centralisation     0.07-0.17   0.12-0.27  0.60-0.81     0.04-0.13   0.36-0.53
    transitivity              0.12-0.19   0.21-0.25  0.05-0.09     0.00-0.03   0.02-0.06
    member density            0.05-0.06   0.12-0.14  0.03-0.05     0.02        0.03-0.04
    top-3 betweenness share   0.12-0.22   0.13-0.23  0.62-0.82     0.12-0.28   0.44-0.63
    external share            0.01-0.03   0.01-0.02  0.04-0.08     0.51-0.64   0.06-0.10
    outside partners          2-8         3-9        9-13          81-92       7-13
    institutional share       0.02-0.05   0.15-0.18  0.05-0.10     0.06-0.13   0.48-0.69
    agency ties per firm      0.03-0.25   1.38-1.78  0.05-0.18     0.13-0.35   0.18-0.45
    ========================= =========== ========== ============= =========== ==============

    The top broker is a hub in every hub-and-spoke cluster and the
    university in every state-anchored one. Smaller clusters (30 firms) are
    noisier: there a signature can fail for an occasional seed.

    The workbook written with ``out`` holds the answers as given:
    validation drops repeated answers and self-ties from ``survey.ties``,
    so they are written from the answers instead, and reading the workbook
    back gives the same graph and (long layout) the same problems.

    Raises
    ------
    NetkitError
        For an unknown ``kind`` (the message lists the valid ones) or an
        invalid parameter.

    Examples
    --------
    >>> import netkit
    >>> from netkit.generate import generate_cluster
    >>> s = generate_cluster("hub_and_spoke", n_firms=30, seed=1)
    >>> s.meta["synthetic"], s.members["kind"].value_counts().to_dict()
    (True, {'firm': 30, 'university': 1, 'agency': 1})
    >>> round(s.response_rate, 2)
    0.81
    >>> s.actors.equals(generate_cluster("hub_and_spoke", n_firms=30, seed=1).actors)
    True
    """
    if kind not in CLUSTER_KINDS:
        raise NetkitError(f"unknown cluster kind {kind!r}; choose one of {', '.join(CLUSTER_KINDS)}")
    if isinstance(n_firms, bool) or not isinstance(n_firms, (int, np.integer)) or n_firms < 10:
        raise NetkitError(f"n_firms must be a whole number of at least 10, not {n_firms!r}")
    if not isinstance(response_rate, (int, float, np.number)) or not 0 < response_rate <= 1:
        raise NetkitError(f"response_rate must be in (0, 1], not {response_rate!r}")
    sme_share = _SME_SHARE[kind] if sme_share is None else float(sme_share)
    if not 0 <= sme_share <= 1:
        raise NetkitError(f"sme_share must be between 0 and 1, not {sme_share!r}")
    if layout not in ("long", "matrix", "form"):
        raise NetkitError(f"layout must be long, matrix or form, not {layout!r}")
    if seed is None:
        seed = int(np.random.SeedSequence().entropy)
    rng = np.random.default_rng(seed)
    sectors = _shares(sectors, _SECTORS[kind], "sectors")
    regions = _shares(regions, _default_regions(rng), "regions")
    c = _Cluster(rng, kind, int(n_firms), sme_share, sectors, regions)
    _BUILD[kind](c)
    c.by_id = {m["actor"]: m for m in c.members}
    if messy:
        _aliases(c)
    responded = _respondents(c, response_rate)
    rows = _answers(c, responded)
    if not rows:
        raise NetkitError(f"nobody reported a tie (response_rate={response_rate}, {len(responded)} respondent(s)); "
                          "raise response_rate or n_firms, or try another seed")
    actors = [{"actor": m["actor"], "name": m["name"], "kind": m["kind"], "sector": m["sector"],
               "region": m["region"], "employees": m["employees"], "turnover": m["turnover"],
               "responded": "yes" if m["actor"] in responded else "no", "aliases": m.get("alias")}
              for m in c.members]
    if messy:
        rows, mess = _mess(c, rows, actors)
    else:
        mess = pd.DataFrame(columns=["problem", "respondent", "written", "means"])
        for r in rows:
            r["written"] = _written(c, r["partner"], False)
    ties = pd.DataFrame({"respondent": [r["respondent"] for r in rows], "partner": [r["written"] for r in rows],
                         "relation": [r["relation"] for r in rows],
                         "strength": pd.array([r["strength"] for r in rows], dtype="Float64")})
    survey = survey_from_frames(pd.DataFrame(actors), ties, relations=_relations(kind == "italianate"))
    params = {"n_firms": int(n_firms), "sme_share": sme_share, "sectors": sectors, "regions": regions,
              "response_rate": response_rate, "messy": bool(messy),
              "seed": int(seed) if isinstance(seed, (int, np.integer)) else None}
    survey.meta.update(
        synthetic=True, generator="netkit.generate_cluster", kind=kind, seed=params["seed"], params=params,
        roles=pd.Series({m["actor"]: m["role"] for m in c.members}, name="role", dtype=object),
        truth=pd.DataFrame([{"tie": t, "source": s, "target": g, "directed": t not in _UNDIRECTED,
                             "strength": np.nan if w is None else float(w)} for (t, s, g), w in c.ties.items()],
                           columns=["tie", "source", "target", "directed", "strength"]),
        mess=mess)
    if out is not None:
        path = write_survey(_as_answered(survey, ties, actors, layout), out, layout=layout)
        _add_readme(path, _readme(kind, params, messy))
        survey.meta["path"] = str(path)
    return survey

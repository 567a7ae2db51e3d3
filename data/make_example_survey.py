"""Generate the bundled example survey: a SYNTHETIC packaging-machinery cluster.

    python data/make_example_survey.py            # writes data/example_survey.xlsx

No real firm, person or answer is in it: names are invented from common
surnames and trades, ties are drawn at random (seed 2026) to look like a
cluster of SMEs around a few large machine builders, with realistic
non-response and the mess real answers have (other spellings, legal suffixes,
a misspelled name, a self-tie, a repeated answer, a strength off the scale and
an empty row). Running it again gives the same workbook content.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Font

SEED = 2026
HERE = Path(__file__).resolve().parent
OUT = HERE / "example_survey.xlsx"

SURNAMES = ["Rossi", "Bianchi", "Verdi", "Neri", "Gallo", "Conti", "Ferrari", "Russo", "Romano", "Colombo",
            "Ricci", "Marino", "Greco", "Bruno", "Costa", "Fontana", "Caruso", "Mancini", "Rizzo", "Lombardi",
            "Moretti", "Barbieri", "Testa", "Serra", "Villa", "Gatti", "Pellegrini", "Palumbo", "Sala", "Fabbri",
            "Rinaldi", "Leone", "Longo", "Gentile", "Martini", "Vitale", "Farina", "Cattaneo", "Riva", "Monti",
            "Parisi", "Benedetti", "Sartori", "Grasso", "Orlando", "Valentini", "Silvestri", "Bassi"]
SECTORS = {
    "machinery": ["Meccanica", "Officine", "Macchine"],
    "packaging": ["Imballaggi", "Cartotecnica", "Packaging"],
    "components": ["Minuterie", "Componenti", "Torneria"],
    "electronics": ["Elettronica", "Automazione", "Sensori"],
    "software": ["Software", "Sistemi"],
    "services": ["Logistica", "Trasporti", "Servizi"],
}
SECTOR_SHARE = {"machinery": 0.22, "packaging": 0.2, "components": 0.26, "electronics": 0.14,
                "software": 0.08, "services": 0.10}
REGIONS = ["Valle Alta", "Valle Bassa", "Città"]
SUFFIXES = ["S.r.l.", "S.r.l.", "S.r.l.", "S.p.A.", "S.n.c.", "S.a.s."]
UNIVERSITIES = ["Politecnico della Valle", "Università di Città", "Istituto di Ricerca Meccatronica",
                "ITS Academy Packaging"]
AGENCIES = ["Agenzia Sviluppo Valle", "Camera di Commercio", "Confartigianato Valle", "Associazione Packaging Valley",
            "Fondazione Innovazione"]
EXTERNAL = ["Bosch Rexroth AG", "Siemens AG", "Festo SE", "Tetra Pak International S.A.", "SKF GmbH",
            "Omron Europe B.V.", "Amazon EU S.à r.l.", "Nestlé Italiana S.p.A.", "Barilla G. e R. Fratelli S.p.A.",
            "Thyssenkrupp Materials", "Smurfit Kappa Italia", "Politecnico di Milano", "Fraunhofer IVV",
            "Università di Bologna", "ICE Agenzia", "Schneider Electric", "Mondi Group", "Ferrero S.p.A.",
            "Rockwell Automation", "Danfoss A/S"]
EXTERNAL_KIND = {"Politecnico di Milano": "university", "Fraunhofer IVV": "university",
                 "Università di Bologna": "university", "ICE Agenzia": "agency"}


# Three sub-districts, each with its own mix of trades, as real clusters have.
REGION_SECTORS = {
    "Valle Alta": {"machinery": 0.3, "components": 0.45, "electronics": 0.15, "services": 0.1},
    "Valle Bassa": {"packaging": 0.45, "components": 0.3, "machinery": 0.1, "services": 0.15},
    "Città": {"electronics": 0.35, "software": 0.3, "services": 0.2, "packaging": 0.15},
}
LARGE = [("Officine", "machinery", "Valle Alta"), ("Macchine", "machinery", "Valle Alta"),
         ("Meccanica", "machinery", "Città"), ("Imballaggi", "packaging", "Valle Bassa"),
         ("Packaging", "packaging", "Valle Bassa")]


def _firms(rng):
    firms = []
    used = set()
    n_firms = 88
    regions = rng.choice(REGIONS, size=n_firms, p=[0.4, 0.36, 0.24])
    for i, region in enumerate(regions):
        large = i < len(LARGE)
        if large:
            word, sector, region = LARGE[i]
            name = f"{word} {SURNAMES[i]} Group"
            employees = int(rng.integers(260, 900))
        else:
            mix = REGION_SECTORS[str(region)]
            sector = str(rng.choice(list(mix), p=list(mix.values())))
            while True:
                name = f"{rng.choice(SECTORS[sector])} {rng.choice(SURNAMES)}"
                if name not in used:
                    break
            employees = int(np.clip(rng.lognormal(2.6, 0.9), 2, 240))
        used.add(name)
        turnover = round(float(employees * rng.uniform(0.08, 0.25)), 1) if rng.random() < 0.7 else None
        suffix = "S.p.A." if large else str(rng.choice(SUFFIXES))
        firms.append({"name": f"{name} {suffix}", "short": name, "kind": "firm", "sector": sector,
                      "region": str(region), "employees": employees, "turnover": turnover, "large": large})
    return firms


def build(seed: int = SEED):
    """Actors, reports and the messy extras, as plain Python structures."""
    rng = np.random.default_rng(seed)
    actors = _firms(rng)
    actors += [{"name": n, "short": n, "kind": "university", "sector": "research", "region": "Città",
                "employees": None, "turnover": None, "large": False} for n in UNIVERSITIES]
    actors += [{"name": n, "short": n, "kind": "agency", "sector": "support", "region": "Città",
                "employees": None, "turnover": None, "large": False} for n in AGENCIES]
    for i, a in enumerate(actors):
        a["actor"] = f"A{i + 1:03d}"
    firms = [a for a in actors if a["kind"] == "firm"]
    unis = [a for a in actors if a["kind"] == "university"]
    agencies = [a for a in actors if a["kind"] == "agency"]
    large = [a for a in firms if a["large"]]
    smes = [a for a in firms if not a["large"]]

    ties = {}  # (seller, buyer) -> strength

    def add_trade(seller, buyer):
        if seller is not buyer:
            ties.setdefault((seller["actor"], buyer["actor"]), int(rng.integers(1, 6)))

    def local(firm, pool, p_local):
        same = [f for f in pool if f["region"] == firm["region"] and f is not firm]
        other = [f for f in pool if f["region"] != firm["region"]]
        return same if (same and rng.random() < p_local) or not other else other

    suppliers = [s for s in smes if s["sector"] in ("components", "electronics", "packaging", "software", "services")]
    for big in large:
        for _ in range(12):
            pool = local(big, suppliers, 0.85)
            add_trade(pool[int(rng.integers(len(pool)))], big)
    for s in smes:
        for _ in range(int(rng.integers(1, 4))):
            pool = local(s, smes, 0.9)
            add_trade(pool[int(rng.integers(len(pool)))], s)
        if s["sector"] in ("machinery", "packaging") and rng.random() < 0.5:
            pool = local(s, large, 0.8)
            add_trade(s, pool[int(rng.integers(len(pool)))])
        if s["sector"] in ("services", "software") and rng.random() < 0.6:
            # service and software firms sell across the sub-districts: the cluster's bridges
            for other in rng.choice(firms, size=3, replace=False):
                add_trade(s, other)
    external_trade = []
    for f in firms:
        if rng.random() < (0.8 if f["large"] else 0.25):
            ext = EXTERNAL[int(rng.integers(0, 11))] if rng.random() < 0.6 else EXTERNAL[int(rng.integers(15, 20))]
            external_trade.append((f["actor"], ext, "supplier" if rng.random() < 0.6 else "customer"))
    knowledge = {}
    for f in firms:
        pool = [g for g in firms if g["sector"] == f["sector"] and g["region"] == f["region"] and g is not f]
        pool += [g for g in large if g["region"] == f["region"]] + unis
        for g in rng.choice(pool, size=int(rng.integers(0, 3)), replace=False):
            if g is not f:
                knowledge.setdefault((g["actor"], f["actor"]), int(rng.integers(1, 6)))
    collab = set()
    for f in firms:
        p_uni = 0.9 if f["large"] else (0.45 if (f["employees"] or 0) >= 50 else 0.18)
        if rng.random() < p_uni:
            collab.add((f["actor"], unis[int(rng.integers(len(unis)))]["actor"], "university"))
        if rng.random() < 0.4:
            collab.add((f["actor"], agencies[int(rng.integers(len(agencies)))]["actor"], "agency"))
    external_uni = [(f["actor"], EXTERNAL[int(rng.integers(11, 15))], "university")
                    for f in large + [s for s in smes if s["employees"] > 60]]

    by_id = {a["actor"]: a for a in actors}
    p_respond = {"firm": 0.74, "university": 0.5, "agency": 0.6}
    responded = {a["actor"]: bool(rng.random() < p_respond[a["kind"]]) for a in actors}
    for a in large:
        responded[a["actor"]] = True

    def written(aid):
        """How a respondent writes a member's name: mostly as on the roster, sometimes not."""
        a = by_id[aid]
        r = rng.random()
        if a["kind"] != "firm" or r < 0.55:
            return a["name"]
        if r < 0.75:
            return a["short"]
        if r < 0.85:
            return a["short"].upper() + " srl"
        if r < 0.93:
            return aid
        return a["short"].lower()

    reports = []
    for (seller, buyer), s in sorted(ties.items()):
        if responded[buyer] and rng.random() < 0.85:
            reports.append([buyer, written(seller), "supplier", s])
        if responded[seller] and rng.random() < 0.8:
            reports.append([seller, written(buyer), "customer", s if rng.random() < 0.7 else None])
    for aid, ext, rel in external_trade:
        if responded[aid]:
            reports.append([aid, ext, rel, int(rng.integers(1, 6))])
    for (giver, receiver), s in sorted(knowledge.items()):
        if responded[receiver]:
            reports.append([receiver, written(giver), "knowledge", s])
    for firm, other, rel in sorted(collab):
        if responded[firm]:
            reports.append([firm, by_id[other]["name"], rel, None])
        elif responded[other] and rng.random() < 0.7:
            reports.append([other, written(firm), rel, None])
    for aid, ext, rel in external_uni:
        if responded[aid]:
            reports.append([aid, ext, rel, None])
    order = rng.permutation(len(reports))
    reports = [reports[i] for i in order]
    reports.sort(key=lambda r: r[0])
    return actors, responded, reports


def _mess(actors, responded, reports, rng):
    """The problems real answers have, each once, so the example shows them."""
    respondents = [a for a in actors if responded[a["actor"]] and a["kind"] == "firm" and not a["large"]]
    target = next(a for a in actors if a["short"].startswith("Meccanica"))
    r1, r2, r3, r4 = respondents[3], respondents[10], respondents[20], respondents[30]
    misspelt = target["short"][:-2] + target["short"][-1]  # drop a letter: a near miss
    extra = [
        [r1["actor"], misspelt + " srl", "supplier", 3],               # near miss: reported, not merged
        [r2["actor"], r2["name"], "knowledge", 2],                      # self-tie
        [r3["actor"], "Bosch Rexroth", "supplier", 4],                  # other spelling of an outside partner
        [r4["actor"], "Scatolificio Zeta SRL", "customer", 7],            # strength off the 1-5 scale
    ]
    reports = reports + extra
    dup = next(r for r in reports if r[0] == r1["actor"] and r[2] == "supplier")
    reports.append(list(dup))                                          # the same answer twice
    # aliases: one large firm is also known by a shorter name
    actors[0]["aliases"] = actors[0]["short"].split()[1] + " Group; " + actors[0]["short"]
    reports.append([respondents[5]["actor"], actors[0]["aliases"].split(";")[0], "customer", 5])
    reports.sort(key=lambda r: r[0])
    return reports


def write(path: Path = OUT, seed: int = SEED) -> Path:
    rng = np.random.default_rng(seed + 1)
    actors, responded, reports = build(seed)
    reports = _mess(actors, responded, reports, rng)
    wb = Workbook()
    ws = wb.active
    ws.title = "README"
    for line in [
        "SYNTHETIC EXAMPLE SURVEY: Valle Packaging cluster (invented)",
        "Generated by data/make_example_survey.py with seed %d. No real firm, person or answer is in it." % seed,
        "Names of outside partners are well-known companies used only as placeholders; the ties are random.",
        "Relations: supplier, customer (trade), knowledge (whom do you ask for advice), university, agency.",
        "Strengths: 1 (occasional) to 5 (core partner).",
    ]:
        ws.append([line])
    ws["A1"].font = Font(bold=True)
    act = wb.create_sheet("actors")
    act.append(["actor", "name", "kind", "sector", "region", "employees", "turnover", "responded", "aliases"])
    for a in actors:
        act.append([a["actor"], a["name"], a["kind"], a["sector"], a["region"], a["employees"], a["turnover"],
                    "yes" if responded[a["actor"]] else "no", a.get("aliases")])
    ties = wb.create_sheet("ties")
    ties.append(["respondent", "partner", "relation", "strength"])
    for i, r in enumerate(reports):
        if i == len(reports) // 2:
            ties.append([None, None, None, None])  # an empty row, as real sheets have
        ties.append(r)
    rel = wb.create_sheet("relations")
    rel.append(["relation", "tie", "directed", "direction", "scale_min", "scale_max", "description"])
    for row in [["supplier", "trade", "yes", "partner_to_respondent", 1, 5, "Which firms supply you?"],
                ["customer", "trade", "yes", "respondent_to_partner", 1, 5, "Which firms do you sell to?"],
                ["knowledge", "knowledge", "yes", "partner_to_respondent", 1, 5,
                 "Whom do you ask for technical advice? (the tie runs from adviser to respondent)"],
                ["university", "university", "no", None, None, None, "Which universities do you work with?"],
                ["agency", "agency", "no", None, None, None, "Which agencies support you?"]]:
        rel.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


if __name__ == "__main__":
    out = write(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {out} (synthetic example survey, seed {SEED})")

"""Resolve the reports of any layout into validated actor and tie tables."""

from __future__ import annotations

import math

import pandas as pd
from rapidfuzz import fuzz, process

from ..errors import Problems
from ._files import filled as _filled
from ._layouts import RawSurvey
from ._layouts import header_key as _header_key
from ._names import NameIndex, normalise_name
from ._numbers import parse_number
from ._relations import BUILTIN_RELATIONS, Relation, parse_direction
from ._sizes import size_class

__all__ = ["assemble", "KINDS"]

KINDS = ("firm", "university", "agency", "other")
_KIND_SYNONYMS = {"company": "firm", "enterprise": "firm", "business": "firm", "sme": "firm",
                  "research_centre": "university", "research_center": "university",
                  "uni": "university", "public_agency": "agency", "association": "other"}
_TRUE = {"yes", "y", "true", "1", "x", "si", "sì", "ja", "oui", "✓", "✔"}
_FALSE = {"no", "n", "false", "0", "-", "nein", "non"}
_TIE_KIND = {"university": "university", "agency": "agency", "trade": "firm"}


def _parse_bool(value):
    """True/False, None if empty, or 'bad' if not understood."""
    if not _filled(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value)
    key = str(value).strip().lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return "bad"


def _actor_id(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _suggest(word: str, options) -> str:
    best = process.extractOne(word, list(options), scorer=fuzz.WRatio, score_cutoff=60)
    return f" Did you mean {best[0]!r}?" if best else ""


def _relations(raw: RawSurvey, problems: Problems, strength_scale) -> dict[str, Relation]:
    relations = dict(BUILTIN_RELATIONS)
    sheet = raw.relations_sheet
    for rec in raw.relations:
        where = dict(sheet=sheet, row=rec["_row"])
        if not _filled(rec.get("relation")):
            problems.error("relation name is empty.", column="relation", **where)
            continue
        name = _header_key(rec["relation"])
        base = relations.get(name)
        directed = _parse_bool(rec.get("directed"))
        if directed == "bad":
            problems.error(f"directed must be yes or no, not {rec['directed']!r}.", column="directed", **where)
            continue
        if directed is None:
            directed = base.directed if base else True
        if _filled(rec.get("direction")):
            partner_is_source = parse_direction(rec["direction"])
            if partner_is_source is None:
                problems.error(f"direction {rec['direction']!r} is not understood: write "
                               "respondent_to_partner or partner_to_respondent.", column="direction", **where)
                continue
        else:
            partner_is_source = base.partner_is_source if base else False
        bounds = []
        for col in ("scale_min", "scale_max"):
            number = parse_number(rec.get(col))
            if number == "bad":
                problems.error(f"{col} must be a number, not {rec[col]!r}.", column=col, **where)
                number = None
            bounds.append(number)
        tie = _header_key(rec["tie"]) if _filled(rec.get("tie")) else (base.tie if base else name)
        relations[name] = Relation(name, tie, bool(directed), bool(partner_is_source and directed),
                                   bounds[0], bounds[1], str(rec.get("description") or (base.description if base else "")))
    if strength_scale is not None:
        lo, hi = strength_scale
        relations = {k: (r if r.scale_min is not None or r.scale_max is not None
                         else Relation(r.name, r.tie, r.directed, r.partner_is_source, float(lo), float(hi), r.description))
                     for k, r in relations.items()}
    by_tie: dict[str, set] = {}
    for r in relations.values():
        by_tie.setdefault(r.tie, set()).add(r.directed)
    for tie, flags in by_tie.items():
        if len(flags) > 1:
            problems.error(f"relations that make {tie!r} ties disagree on whether they are directed; "
                           "make them all directed or all undirected.", sheet=sheet)
    return relations


def _actors(raw: RawSurvey, problems: Problems):
    """Validated roster records and a name index over them."""
    sheet = raw.actors_sheet
    actors: dict[str, dict] = {}
    first_row: dict[str, int] = {}
    no_kind = []
    for rec in raw.actors or []:
        where = dict(sheet=sheet, row=rec["_row"])
        if not _filled(rec.get("actor")):
            problems.error("actor id is empty: every member needs a unique id (e.g. A001).",
                           column="actor", **where)
            continue
        aid = _actor_id(rec["actor"])
        if aid in actors:
            problems.error(f"duplicate actor id {aid!r} (also on row {first_row[aid]}); give each "
                           "member its own id.", column="actor", **where)
            continue
        out = {k: v for k, v in rec.items() if not k.startswith("_")}
        out["name"] = str(rec["name"]).strip() if _filled(rec.get("name")) else aid
        kind = rec.get("kind")
        if not _filled(kind):
            no_kind.append(aid)
            kind = "firm"
        kind = _header_key(kind)
        kind = _KIND_SYNONYMS.get(kind, kind)
        if kind not in KINDS:
            problems.error(f"kind {rec['kind']!r} is not one of {', '.join(KINDS)}."
                           + _suggest(str(rec["kind"]), KINDS), column="kind", **where)
        out["kind"] = kind
        for col in ("employees", "turnover", "balance_sheet"):
            if col not in rec:
                continue
            number = parse_number(rec[col], integer=col == "employees", decimal=rec.get("_decimal"))
            if number == "bad" or (number is not None and number < 0):
                problems.warning(f"{col} {rec[col]!r} is not a non-negative number; left empty.",
                                 column=col, **where)
                number = None
            out[col] = number
        if "responded" in rec:
            flag = _parse_bool(rec["responded"])
            if flag == "bad":
                problems.warning(f"responded {rec['responded']!r} is not yes or no; left empty "
                                 "(taken from the ties).", column="responded", **where)
                flag = None
            out["responded"] = flag
        aliases = [a.strip() for a in str(rec.get("aliases") or "").split(";") if a.strip()]
        out["aliases"] = "; ".join(aliases) if aliases else None
        out["_aliases"] = aliases
        out["_row"] = rec["_row"]
        actors[aid] = out
        first_row[aid] = rec["_row"]
    if no_kind:
        problems.warning(f"{len(no_kind)} actor(s) have no kind and are treated as firms: "
                         f"{', '.join(no_kind[:10])}{' ...' if len(no_kind) > 10 else ''}.",
                         sheet=sheet, column="kind")
    return actors


_PLACE_COLUMNS = ("region", "city", "town", "province", "municipality", "comune", "ort", "stadt")


def _index(actors: dict[str, dict]) -> NameIndex:
    index = NameIndex()
    for aid, rec in actors.items():
        places = [rec[c] for c in _PLACE_COLUMNS if _filled(rec.get(c))]
        index.add(aid, rec["name"], *rec["_aliases"], places=places)
    return index


def assemble(raw: RawSurvey, problems: Problems, *, strength_scale=None, near_miss: float = 85.0,
             aliases: dict | None = None):
    """Return (actors, ties, relations) DataFrames from a parsed survey."""
    relations = _relations(raw, problems, strength_scale)
    actors = _actors(raw, problems)
    for written, aid in (aliases or {}).items():
        aid = _actor_id(aid)
        if aid not in actors:
            problems.error(f"aliases maps {written!r} to {aid!r}, which is not an actor id on the roster.")
            continue
        actors[aid]["_aliases"].append(str(written))
        listed = [a for a in (actors[aid].get("aliases") or "").split("; ") if a]
        actors[aid]["aliases"] = "; ".join(listed + [str(written)])
    roster_given = raw.actors is not None
    if not roster_given:
        labels = list(raw.answered) + list(raw.listed) + [r.respondent for r in raw.reports]
        if raw.layout == "matrix":
            labels += [r.partner for r in raw.reports]
        for label in labels:
            if _filled(label):
                aid = _actor_id(label)
                actors.setdefault(aid, {"name": aid, "kind": "firm", "aliases": None, "_aliases": [], "_row": None})
        problems.info("no actors sheet: the roster is taken to be the "
                      + ("respondents and the members across the top of the matrices."
                         if raw.layout == "matrix" else "respondents; every other partner is outside the cluster."))
    index = _index(actors)
    externals: dict[str, dict] = {}
    ext_index: dict[str, str] = {}
    warned_names: set[str] = set()

    read_as: set[tuple] = set()  # (spelling, actor id) reported once as a non-exact match

    def resolve(name, where, role):
        found = index.match(name)
        ids = found.ids
        if len(ids) == 1:
            aid = next(iter(ids))
            written = " ".join(str(name).split())
            if found.rule not in ("exact", "alias", "normalised") and (written.casefold(), aid) not in read_as:
                read_as.add((written.casefold(), aid))
                problems.info(f"{written!r} read as {actors[aid]['name']!r} ({aid}): {found.rule}. If it is "
                              "another firm, write it differently or give the member an alias.", **where)
            return aid
        if len(ids) > 1:
            listing = ", ".join(f"{i} ({actors[i]['name']})" for i in sorted(ids))
            problems.error(f"{role} {str(name)!r} matches several actors: {listing}. Write the actor id instead.",
                           **where)
            return None
        if role == "partner":
            what = index.not_a_firm(name)
            if what is not None:
                written = " ".join(str(name).split())
                problems.warning(
                    f"partner {written!r} is not a firm; nothing read from it "
                    + (f"(it names a place). If it is a firm, write its full name with its legal form "
                       f"(e.g. '{written} S.r.l.')." if what == "place"
                       else "(it is a placeholder). Write the partner's name."), **where)
                return None
        return ""

    def external(name, where, tie):
        written = " ".join(str(name).split())
        keys = index.keys(written) or {written.casefold()}
        known = sorted({ext_index[k] for k in keys if k in ext_index})
        if len(known) == 1:  # the same outside partner, perhaps with or without its umlauts
            aid = known[0]
        else:
            key = normalise_name(written) or written.casefold()
            hints = index.suggestions(written, cutoff=near_miss)
            if not hints and ext_index:
                best = process.extractOne(key, list(ext_index), scorer=fuzz.ratio, score_cutoff=near_miss)
                if best is not None:
                    problems.warning(f"outside partners {written!r} and {ext_index[best[0]]!r} look alike; "
                                     "they are kept apart. If they are the same, write them the same way.", **where)
            elif hints and written.casefold() not in warned_names:
                warned_names.add(written.casefold())
                options = " or ".join(f"{actors[h]['name']!r}" + (f" ({h})" if h != actors[h]["name"] else "")
                                      for h in hints)
                problems.warning(
                    f"partner {written!r} is not on the roster and is kept as an outside partner. "
                    f"Did you mean {options}? If so, add {written!r} to its aliases "
                    + ("in the actors sheet" if raw.actors_sheet in (None, "actors") or raw.layout != "form"
                       else f"(the aliases column of {raw.actors_sheet!r})")
                    + f", or pass aliases={{{written!r}: {hints[0]!r}}}.", **where)
            aid = written
            while aid in actors or aid in externals:
                aid = aid + "*"
            externals[aid] = {"name": written, "_ties": set()}
        for k in keys:
            ext_index.setdefault(k, aid)
        externals[aid]["_ties"].add(tie)
        return aid

    reporters: set[str] = set()
    spellings: dict[str, str] = {}  # every name as written -> actor id (for anonymising)
    seen: dict[tuple, int] = {}
    rows = []
    for rep in raw.reports:
        where = dict(sheet=rep.sheet, row=rep.row)
        rel_raw = rep.relation
        if not _filled(rel_raw):
            problems.error("relation is empty: which question is this tie an answer to?", column="relation", **where)
            continue
        rkey = _header_key(rel_raw)
        if rkey not in relations and rkey.endswith("s") and rkey[:-1] in relations:
            rkey = rkey[:-1]
        if rkey not in relations:
            problems.error(f"unknown relation {str(rel_raw)!r}." + _suggest(rkey, relations)
                           + " Built-in relations are supplier, customer, university and agency; declare others "
                           "in a 'relations' sheet.", column="relation", **where)
            continue
        rel = relations[rkey]
        if not _filled(rep.respondent):
            problems.error("respondent is empty.", column="respondent", **where)
            continue
        respondent = resolve(rep.respondent, dict(where, column="respondent"), "respondent")
        if respondent == "":
            hint = index.suggest(rep.respondent, cutoff=near_miss)
            problems.error(f"respondent {str(rep.respondent)!r} is not in the actors sheet."
                           + (f" Did you mean {actors[hint]['name']!r} ({hint})?" if hint else "")
                           + " Respondents must be on the roster: add them or fix the spelling.",
                           column="respondent", **where)
            continue
        if respondent is None:
            continue
        if not _filled(rep.partner):
            problems.warning("partner is empty; row skipped.", column=rep.column or "partner", **where)
            continue
        partner = resolve(rep.partner, dict(where, column=rep.column), "partner")
        if partner is None:
            continue
        if partner == "":
            partner = external(rep.partner, dict(where, column=rep.column), rel.tie)
        strength = parse_number(rep.strength)
        if strength == "bad":
            problems.error(f"strength {rep.strength!r} is not a number; write a number"
                           + (f" from {rel.scale_min:g} to {rel.scale_max:g}" if rel.scale_max is not None else "")
                           + " or leave it empty.", column=rep.strength_column or "strength", **where)
            continue
        if strength is not None:
            lo = rel.scale_min if rel.scale_min is not None else 0.0
            hi = rel.scale_max if rel.scale_max is not None else math.inf
            below = strength < lo if rel.scale_min is not None else strength <= 0
            if below or strength > hi:
                scale = (f"the scale {rel.scale_min:g} to {rel.scale_max:g}" if rel.scale_max is not None
                         else "positive numbers")
                problems.warning(f"strength {strength:g} is outside {scale} for {rel.name!r}; the tie is "
                                 "kept without a strength.", column=rep.strength_column or "strength", **where)
                strength = None
        spellings[" ".join(str(rep.respondent).split())] = respondent
        spellings[" ".join(str(rep.partner).split())] = partner
        if partner == respondent:
            problems.warning(f"{actors[respondent]['name']!r} names itself as {rel.name}; self-ties are dropped.",
                             column=rep.column, **where)
            continue
        key = (respondent, partner, rel.name)
        if key in seen:
            problems.warning(f"{actors[respondent]['name']!r} reports {rel.name} "
                             f"{str(rep.partner)!r} again (first on row {seen[key]}); the repeat is dropped.",
                             column=rep.column, **where)
            continue
        seen[key] = rep.row
        reporters.add(respondent)
        source, target = rel.endpoints(respondent, partner)
        rows.append({"respondent": respondent, "partner": partner, "relation": rel.name, "tie": rel.tie,
                     "source": source, "target": target, "directed": rel.directed,
                     "strength": math.nan if strength is None else strength,
                     "partner_as_written": " ".join(str(rep.partner).split()),
                     "sheet": rep.sheet, "row": rep.row, **rep.extra})

    answered = set()
    for label, (sheet, row) in raw.answered.items():
        aid = resolve(label, dict(sheet=sheet, row=row, column="A"), "respondent")
        if aid == "":
            problems.error(f"respondent {label!r} is not in the actors sheet; add it or fix the spelling.",
                           sheet=sheet, row=row)
        elif aid:
            answered.add(aid)
    silent = []
    for label, (sheet, row) in raw.listed.items():
        ids = index.lookup(label)
        if len(ids) == 1:
            silent.append(next(iter(ids)))
    for aid, rec in actors.items():
        declared = rec.get("responded")
        # a Kumu map has no respondents: a From element did not answer anything
        did = raw.layout != "kumu" and (aid in reporters or aid in answered)
        if declared is False and aid in reporters and raw.layout != "kumu":
            problems.warning(f"{rec['name']!r} is marked as not responded but reports ties; counted as a respondent.",
                             sheet=raw.actors_sheet, row=rec.get("_row"), column="responded")
            declared = True
        rec["responded"] = did if declared is None else declared
    quiet = [a for a in silent if a not in reporters and actors[a].get("responded") is False]
    if quiet:
        problems.info(f"{len(quiet)} listed respondent(s) gave no tie in any matrix and count as non-respondents "
                      "(add a 'responded' column to the actors sheet to say otherwise).")
    return _actor_frame(actors, externals), _tie_frame(rows), relations, spellings


def _actor_frame(actors: dict, externals: dict) -> pd.DataFrame:
    records = []
    for aid, rec in actors.items():
        out = {k: v for k, v in rec.items() if not k.startswith("_")}
        out["actor"] = aid
        out["in_cluster"] = True
        records.append(out)
    for aid, rec in externals.items():
        ties = rec["_ties"]
        kinds = {_TIE_KIND.get(t, "other") for t in ties}
        kind = next(iter(kinds)) if len(kinds) == 1 else ("firm" if "firm" in kinds else "other")
        records.append({"actor": aid, "name": rec["name"], "kind": kind, "responded": False, "in_cluster": False})
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        frame = pd.DataFrame(columns=["actor", "name", "kind", "responded", "in_cluster"])
    frame = frame.set_index("actor")
    for col in ("sector", "region", "employees", "turnover"):
        if col not in frame:
            frame[col] = math.nan if col in ("employees", "turnover") else None
    classes = [size_class(e, t, b) if k == "firm" else (None, None)
               for k, e, t, b in zip(frame["kind"], frame["employees"], frame["turnover"],
                                     frame["balance_sheet"] if "balance_sheet" in frame else [None] * len(frame))]
    frame["size_class"] = pd.Series([c for c, _ in classes], index=frame.index, dtype="object")
    frame["size_basis"] = pd.Series([b for _, b in classes], index=frame.index, dtype="object")
    frame["is_sme"] = pd.array(
        [(c != "large") if c is not None else (pd.NA if k == "firm" else False)
         for k, (c, _) in zip(frame["kind"], classes)], dtype="boolean")
    frame["responded"] = frame["responded"].astype("boolean").fillna(False).astype(bool)
    frame["in_cluster"] = frame["in_cluster"].astype(bool)
    for col in ("employees", "turnover", "balance_sheet"):
        if col in frame:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    first = ["name", "kind", "sector", "region", "employees", "turnover", "size_class", "size_basis",
             "is_sme", "responded", "in_cluster", "aliases"]
    first = [c for c in first if c in frame]
    frame.index.name = "actor"
    return frame[first + [c for c in frame.columns if c not in first]]


TIE_COLUMNS_OUT = ["respondent", "partner", "relation", "tie", "source", "target", "directed", "strength",
                   "partner_as_written", "sheet", "row"]


def _tie_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=None if rows else TIE_COLUMNS_OUT)
    frame["strength"] = pd.to_numeric(frame["strength"], errors="coerce").astype(float)
    frame["directed"] = frame["directed"].astype(bool)
    frame["row"] = frame["row"].astype("Int64")
    return frame.reset_index(drop=True)

"""Replace every actor's name and id with a stable code, for outputs that leave the facilitator."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd

__all__ = ["anonymise", "SAFE_ACTOR_COLUMNS"]

SAFE_ACTOR_COLUMNS = ["name", "kind", "sector", "region", "employees", "turnover", "size_class", "size_basis",
                      "is_sme", "responded", "in_cluster"]
_PREFIX = {"firm": "F", "university": "U", "agency": "G", "other": "O"}
_TIE_COLUMNS = ["respondent", "partner", "relation", "tie", "source", "target", "directed", "strength",
                "partner_as_written", "sheet", "row"]


def _codes(actors: pd.DataFrame) -> dict[str, str]:
    codes: dict[str, str] = {}
    counters: dict[str, int] = {}
    members = actors[actors["in_cluster"]]
    outside = actors[~actors["in_cluster"]]
    for frame, external in ((members, False), (outside, True)):
        for aid in sorted(frame.index.astype(str)):
            prefix = "X" if external else _PREFIX.get(str(frame.at[aid, "kind"]), "O")
            counters[prefix] = counters.get(prefix, 0) + 1
            codes[aid] = f"{prefix}{counters[prefix]:03d}"
    return codes


def _scrubber(pairs: dict[str, str]):
    items = sorted(((k, v) for k, v in pairs.items() if k and k.strip()), key=lambda kv: -len(kv[0]))
    if not items:
        return lambda text: text
    lookup = {k.casefold(): v for k, v in items}
    pattern = re.compile("(?<![\\w])(" + "|".join(re.escape(k) for k, _ in items) + ")(?![\\w])", re.IGNORECASE)
    return lambda text: pattern.sub(lambda m: lookup[m.group(0).casefold()], text) if isinstance(text, str) else text


def anonymise(survey):
    """A copy of the survey in which every actor is a stable code.

    Members become ``F001`` (firms), ``U001`` (universities), ``G001``
    (agencies), ``O001`` (other), and outside partners ``X001``, numbered in
    the order of their ids, so the same survey always gets the same codes.
    Names, aliases, the spellings respondents wrote and every extra column
    (which may hold contacts or addresses) are removed; kind, sector, region,
    size and response are kept. Messages in ``problems`` are rewritten with
    the codes; the file is named by its base name only.

    Examples
    --------
    >>> import pandas as pd, netkit
    >>> actors = pd.DataFrame({"actor": ["a", "b"], "name": ["Rossi S.r.l.", "Bianchi"]})
    >>> ties = pd.DataFrame({"respondent": ["a"], "partner": ["Bianchi"], "relation": ["customer"]})
    >>> anon = netkit.anonymise(netkit.survey_from_frames(actors, ties))
    >>> anon.actors["name"].tolist(), anon.ties["partner_as_written"].tolist()
    (['F001', 'F002'], ['F002'])
    """
    actors = survey.actors
    codes = _codes(actors)
    pairs: dict[str, str] = {}
    for written, aid in survey.meta.get("spellings", {}).items():
        pairs[written] = codes.get(str(aid), "X???")
    for aid, row in actors.iterrows():
        code = codes[str(aid)]
        pairs[str(aid)] = code
        if isinstance(row.get("name"), str):
            pairs[row["name"]] = code
        for alias in str(row.get("aliases") or "").split(";"):
            if alias.strip():
                pairs[alias.strip()] = code
    for written, aid in zip(survey.ties.get("partner_as_written", []), survey.ties.get("partner", [])):
        pairs[str(written)] = codes[str(aid)]
    scrub = _scrubber(pairs)

    new_actors = actors[[c for c in SAFE_ACTOR_COLUMNS if c in actors.columns]].copy()
    new_actors.index = [codes[str(a)] for a in actors.index]
    new_actors.index.name = "actor"
    new_actors["name"] = new_actors.index
    new_actors = new_actors.sort_index()
    ties = survey.ties[[c for c in _TIE_COLUMNS if c in survey.ties.columns]].copy()
    for col in ("respondent", "partner", "source", "target"):
        ties[col] = ties[col].astype(str).map(codes)
    ties["partner_as_written"] = ties["partner"]
    problems = survey.problems.copy()
    problems["message"] = problems["message"].map(scrub)
    problems["file"] = problems["file"].map(lambda f: Path(f).name if isinstance(f, str) else f)
    source = Path(survey.source).name if survey.source else None
    return replace(survey, actors=new_actors, ties=ties, problems=problems, source=source,
                   meta={"anonymised": True, "codes": len(codes), "synthetic": bool(survey.meta.get("synthetic"))})

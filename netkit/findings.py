"""Findings in plain language, each backed by a figure from the data.

Every finding is a row: ``topic``, ``finding`` (a sentence with the number),
``figure`` (the number itself), ``action`` (the kind of step cluster
programmes take) and ``actors`` (who it is about). The rules are simple and
stated, so a facilitator can check each sentence against the tables.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["cluster_findings", "community_brokers"]


def _p(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


def _names(frame_or_index, names: pd.Series, limit: int = 8) -> str:
    ids = list(frame_or_index)
    shown = [str(names.get(i, i)) for i in ids[:limit]]
    more = len(ids) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def community_brokers(edges: pd.DataFrame, membership: pd.Series) -> pd.DataFrame:
    """For each pair of communities, how many ties join them and who carries them.

    ``edges`` has columns ``source`` and ``target`` (one row per tie of the
    undirected cluster network). Returns one row per pair of communities
    with ``ties``, ``top_actors`` (the two actors at the end of most of
    those ties) and ``top_share`` (the share of the ties that touch them).
    """
    e = edges.assign(cu=edges["source"].map(membership), cv=edges["target"].map(membership)).dropna(
        subset=["cu", "cv"])
    e = e[e["cu"] != e["cv"]]
    rows = []
    for (a, b), group in e.groupby([e[["cu", "cv"]].min(axis=1), e[["cu", "cv"]].max(axis=1)]):
        counts = pd.concat([group["source"], group["target"]]).value_counts()
        top = list(counts.index[:2])
        touched = group["source"].isin(top) | group["target"].isin(top)
        rows.append({"community_a": int(a), "community_b": int(b), "ties": len(group),
                     "top_actors": top, "top_share": float(touched.mean())})
    out = pd.DataFrame(rows, columns=["community_a", "community_b", "ties", "top_actors", "top_share"])
    return out.sort_values(["ties", "community_a", "community_b"], ascending=[False, True, True]).reset_index(drop=True)


def cluster_findings(*, survey_summary: dict, actors: pd.DataFrame, communities: pd.DataFrame,
                     between: pd.DataFrame, cut: pd.DataFrame, compare: pd.DataFrame,
                     low_tie_cutoff: int = 1) -> pd.DataFrame:
    """The audit's findings. ``actors`` is the per-actor table of the audit."""
    names = actors["name"]
    members = actors[actors["in_cluster"]]
    smes = members[members["is_sme"].fillna(False).astype(bool)]
    rows = []

    def add(topic, finding, figure, action, who=()):
        rows.append({"topic": topic, "finding": finding, "figure": figure, "action": action,
                     "actors": ", ".join(map(str, who))})

    rate = survey_summary["response_rate"]
    add("data", f"{survey_summary['respondents']} of {survey_summary['members']} members answered the survey "
        f"({rate:.0%})." + (" Under 70%: results about paths and brokers are fragile." if rate < 0.7 else ""),
        rate, "Follow up with the members who did not answer before acting on broker results."
        if rate < 0.8 else "Keep the survey going each year to follow the network.")
    if len(smes):
        no_inst = smes[smes["institutional_ties"] == 0]
        add("institutions", f"{len(no_inst)} of {len(smes)} SMEs {'has' if len(no_inst) == 1 else 'have'} no tie "
            "to a university or agency.",
            len(no_inst), "University linkage schemes, innovation vouchers, open days at research centres "
            "aimed at these firms.", no_inst.index)
        weak = smes[smes["local_ties"] <= low_tie_cutoff]
        verb = "has" if len(weak) == 1 else "have"
        add("isolation", _sentence(f"{len(weak)} of {len(smes)} SMEs {verb} at most {_count(low_tie_cutoff, 'tie')} "
            "inside the cluster" + (f": {_names(weak.sort_values('local_ties').index, names)}" if len(weak) else "")),
            len(weak), "Matchmaking and B2B meetings that introduce them to suppliers and customers in the cluster.",
            weak.index)
        closed = smes[smes["external_ties"] == 0]
        add("openness", f"{len(closed)} of {len(smes)} SMEs {'names' if len(closed) == 1 else 'name'} no partner "
            "outside the cluster.",
            len(closed), "Trade missions and links to outside customers and knowledge sources.", closed.index)
    def label(c: int) -> str:
        if "main_region" not in communities or c not in communities.index:
            return f"community {c}"
        hint = str(communities.at[c, "main_region"] or "").split(" (")[0]
        return f"community {c} ({hint})" if hint else f"community {c}"

    if len(between):
        top = between.iloc[0]
        a, b = int(top["community_a"]), int(top["community_b"])
        carriers = list(top["top_actors"])
        add("brokers", f"{len(carriers)} actors ({_names(carriers, names)}) carry {top['top_share']:.0%} of the "
            f"{int(top['ties'])} ties between {label(a)} and {label(b)}.", float(top["top_share"]),
            "Brokerage events between the two groups, so that their link does not rest on a few firms.", carriers)
    if len(cut):
        worst = cut.sort_values(["cut_off", "pieces"], ascending=False)
        first = worst.index[0]
        add("fragility", f"{len(cut)} actors are single points of failure; if {names.get(first, first)} left, "
            f"{_count(int(worst.iloc[0]['cut_off']), 'actor')} would be cut off from the rest.",
            int(worst.iloc[0]["cut_off"]), "Back-up ties for the actors that depend on one contact.", cut.index[:10])
    if len(communities):
        solid = communities[communities["stability"] >= 0.7]
        add("communities", f"{len(communities)} communities; {len(solid)} of them are stable groupings "
            "(their members stay together in at least 70% of the runs).", len(solid),
            "Use the stable communities as working groups; treat the unstable ones with care.")
    if compare is not None and "degree" in compare.index:
        row = compare.loc["degree"]
        sig = row["p_value"] < 0.05
        add("SMEs", f"SMEs have {row['mean_True']:.1f} ties on average, large firms {row['mean_False']:.1f} "
            f"(permutation test {_p(row['p_value'])}{', a real difference' if sig else ', could be chance'}).",
            float(row["effect"]), "Involve SMEs in the projects led by the large firms." if sig else
            "No action specific to size.")
    return pd.DataFrame(rows, columns=["topic", "finding", "figure", "action", "actors"])

"""The network audit: one call from a filled-in survey to a report a facilitator can send.

``netkit.audit("survey.xlsx", "out/")`` (or ``netkit audit survey.xlsx -o out/``)
reads and validates the survey, builds the network, finds communities (with a
consensus over many seeds), brokers, single points of failure and the
embeddedness of every SME, turns the results into findings in plain language,
and writes ``report.html``, ``metrics.xlsx``, ``network.graphml``,
``network.gexf`` and the figures as PNG files.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

from .brokerage import betweenness, bridges, brokerage_roles, cut_points
from .communities import find_communities, partition_agreement
from .embeddedness import compare_groups, ei_index, embeddedness, network_summary
from .errors import NetkitError
from .findings import cluster_findings, community_brokers
from .graph import build_graph, collapse, tie_table
from .holes import structural_holes
from .report import AuditResult, make_figures, render_html, write_graph_files, write_metrics
from .survey import TOOLS, Survey, read_survey
from .survey._anonymise import anonymise as _anonymise

__all__ = ["audit", "analyse"]


class _Progress:
    def __init__(self, enabled):
        self.enabled = enabled
        self.t0 = time.perf_counter()

    def __call__(self, message: str):
        if self.enabled is True:
            print(f"[{time.perf_counter() - self.t0:5.1f}s] {message}", file=sys.stderr, flush=True)
        elif callable(self.enabled):
            self.enabled(message)


def _community_profile(actors: pd.DataFrame, communities: pd.DataFrame) -> pd.DataFrame:
    out = communities.copy()
    for col, label in (("sector", "main_sector"), ("region", "main_region")):
        if col in actors:
            def top(group):
                counts = group[col].dropna().value_counts()
                return "" if counts.empty else f"{counts.index[0]} ({counts.iloc[0] / len(group):.0%})"
            out[label] = actors.groupby("community").apply(top, include_groups=False).reindex(out.index)
    out["members"] = actors.groupby("community")["name"].apply(
        lambda names: ", ".join(sorted(map(str, names))[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    ).reindex(out.index)
    return out


def analyse(survey: Survey, *, relation: str | None = None, group_by: str = "community", seed: int = 0,
            n_runs: int = 20, title: str | None = None, progress=None) -> AuditResult:
    """Compute everything the audit reports (no files written).

    Parameters
    ----------
    survey : Survey
    relation : str, optional
        Analyse one relation (``trade``, ``knowledge`` ...) instead of all.
    group_by : str
        Groups for brokerage roles: ``community`` (default) or an actor
        attribute such as ``sector`` or ``region``.
    seed : int
        Seed of every random step (Louvain runs, permutation tests, layout).
    n_runs : int
        Louvain runs in the consensus.
    """
    say = _Progress(progress)
    G_full = build_graph(survey)
    G = G_full
    if relation is not None:
        keep = [(u, v, k) for u, v, k in G_full.edges(keys=True) if k == relation]
        if not keep:
            raise NetkitError(f"no ties of relation {relation!r}; the survey has "
                              f"{sorted({k for _, _, k in G_full.edges(keys=True)})}")
        G = G_full.edge_subgraph(keep).copy()
        G.add_nodes_from(G_full.nodes(data=True))
    say(f"network: {G.number_of_nodes()} actors, {G.number_of_edges()} ties")

    say(f"communities: {n_runs} Louvain runs and their consensus")
    comm = find_communities(G, seed=seed, n_runs=n_runs)
    membership = comm.membership["community"]

    say("brokers: betweenness, structural holes, brokerage roles, cut points")
    btw = betweenness(G, seed=seed)
    holes = structural_holes(G)
    groups = membership if group_by == "community" else group_by
    broker = brokerage_roles(G, groups)
    cuts = cut_points(G)
    brs = bridges(G)

    say("embeddedness of every actor")
    profile = embeddedness(G)
    summary = network_summary(G, seed=seed)

    actors = survey.actors[["name", "kind", "sector", "region", "size_class", "is_sme", "responded",
                            "in_cluster"]].copy()
    actors.index = actors.index.astype(str)
    actors = actors.join(comm.membership[["community", "stability"]])
    actors = actors.join(btw[["betweenness"]])
    actors = actors.join(holes[["effective_size", "efficiency", "constraint", "hierarchy"]])
    extra = [c for c in profile.columns if c not in actors.columns]
    actors = actors.join(profile[extra])
    actors.index.name = "actor"
    names = actors["name"]

    firms = profile[(profile["kind"] == "firm") & profile["in_cluster"].astype(bool) & profile["is_sme"].notna()].copy()
    firms["is_sme"] = firms["is_sme"].astype(bool)
    compare = pd.DataFrame()
    columns = [c for c in ("degree", "local_ties", "external_ties", "institutional_ties", "constraint",
                           "mean_strength") if firms.dropna(subset=[c])["is_sme"].nunique() == 2]
    if columns:
        compare = compare_groups(firms, columns, "is_sme", seed=seed)
        compare.index.name = "measure"
    ei_attr = "sector" if "sector" in actors and actors["sector"].notna().any() else "kind"
    ei = ei_index(G, ei_attr, seed=seed).groups
    ei.index.name = "group"

    agreement = []
    for attr in ("sector", "region", "kind"):
        if actors[attr].notna().any():
            pa = partition_agreement(G, membership, attr)
            agreement.append({"attribute": attr, "ARI": pa.ari, "NMI": pa.nmi})
    agreement = pd.DataFrame(agreement).set_index("attribute") if agreement else pd.DataFrame()

    edges = collapse(G, directed=False)
    edge_table = pd.DataFrame(list(edges.edges()), columns=["source", "target"])
    between = community_brokers(edge_table, membership)

    broker_table = broker.raw.join(broker.z[["total"]].rename(columns={"total": "total_z"}))
    broker_table.insert(0, "name", names.reindex(broker_table.index))
    cuts = cuts.copy()
    cuts.insert(0, "name", names.reindex(cuts.index))
    communities = _community_profile(actors, comm.communities)

    ties = tie_table(survey).rename(columns={"tie": "relation"})
    ties.insert(2, "source_name", ties["source"].map(names))
    ties.insert(3, "target_name", ties["target"].map(names))

    non_resp = survey.non_respondents[["name", "kind", "sector", "region"]]
    findings = cluster_findings(survey_summary=survey.summary(), actors=actors, communities=communities,
                                between=between, cut=cuts, compare=compare if len(compare) else None)
    findings["actors"] = findings["actors"].map(
        lambda ids: ", ".join(str(names.get(i.strip(), i.strip())) for i in ids.split(",")) if ids else "")
    Gm = G.copy()
    for n, cval in membership.items():
        if n in Gm:
            Gm.nodes[n]["community"] = int(cval)
    return AuditResult(
        title=title or "Cluster network audit", graph=Gm, survey_summary=survey.summary(),
        problems=survey.problems, non_respondents=non_resp, summary=summary, actors=actors, ties=ties,
        communities=communities, modularity=comm.modularity, agreement=agreement, brokerage=broker_table,
        between_communities=between, cut_points=cuts, bridges=brs, compare=compare, ei=ei, findings=findings,
        settings={"seed": seed, "n_runs": n_runs, "relation": relation, "group_by": group_by,
                  "anonymised": bool(survey.meta.get("anonymised")), "synthetic": bool(survey.meta.get("synthetic")),
                  "tool": TOOLS.get(survey.meta.get("tool"))},
        questions=survey.questions if len(survey.questions) else None,
    )


def audit(survey, out_dir, *, members=None, mapping=None, form=None, relation: str | None = None, group_by: str = "community",
          seed: int = 0, n_runs: int = 20, title: str | None = None, anonymise: bool = False,
          progress=False) -> AuditResult:
    """Run the network audit and write the report files.

    Parameters
    ----------
    survey : str, Path or Survey
        A survey workbook or form-tool export (read with :func:`netkit.read_survey`) or a Survey.
    members, mapping, form
        The member list, the mapping file and (Kobo) the XLSForm of an export (see :func:`netkit.read_survey`).
    out_dir : str or Path
        Folder for ``report.html``, ``metrics.xlsx``, ``network.graphml``,
        ``network.gexf`` and ``figures/*.png`` (created if needed).
    relation, group_by, seed, n_runs, title
        See :func:`analyse`.
    anonymise : bool
        Replace every actor's name with a stable code in every output
        (:func:`netkit.anonymise`).
    progress : bool or callable
        Print each step with its time (True) or pass each message to a function.

    Returns
    -------
    AuditResult
        With ``settings["files"]`` listing the files written.

    Examples
    --------
    >>> import tempfile, netkit
    >>> result = netkit.audit(netkit.datasets.example_survey_path(), tempfile.mkdtemp(), n_runs=3)
    >>> sorted(p.name for p in result.settings["files"] if p.suffix != ".png")
    ['metrics.xlsx', 'network.gexf', 'network.graphml', 'report.html']
    """
    say = _Progress(progress)
    if not isinstance(survey, Survey):
        path = Path(survey)
        say(f"reading {path.name}")
        survey = read_survey(path, members=members, mapping=mapping, form=form)
    if anonymise:
        survey = _anonymise(survey)
    result = analyse(survey, relation=relation, group_by=group_by, seed=seed, n_runs=n_runs, title=title,
                     progress=progress)
    from . import __version__

    result.settings["version"] = __version__
    out = Path(out_dir)
    (out / "figures").mkdir(parents=True, exist_ok=True)
    say("figures")
    figs = make_figures(result, seed=seed)
    files = []
    for name, data in figs.items():
        p = out / "figures" / f"{name}.png"
        p.write_bytes(data)
        files.append(p)
    say("report.html")
    report = out / "report.html"
    report.write_text(render_html(result, figs), encoding="utf-8")
    say("metrics.xlsx, network.graphml, network.gexf")
    files += [report, write_metrics(result, out / "metrics.xlsx"), *write_graph_files(result, out)]
    result.settings["files"] = files
    say(f"done: {report.resolve()}")
    return result

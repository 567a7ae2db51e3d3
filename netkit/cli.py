"""The ``netkit`` command line.

    netkit template OUT.xlsx          a blank survey workbook to send to members
    netkit inspect EXPORT [--members LIST] [--write-mapping FILE]
                                      what netkit understood of a form-tool export, question by question
    netkit validate SURVEY [--members LIST] [-o DIR]   check a filled-in survey: problems and a summary
    netkit audit SURVEY -o DIR        the network audit: report.html, metrics.xlsx, GraphML/GEXF, figures
    netkit audit-production LINKS [--firms FIRMS] -o DIR
                                      the audit of a large production network (CSV or Parquet edge list)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import NetkitError, SurveyError, format_problems
from .graph import build_graph, relations_of
from .survey import TOOLS, inspect_survey, read_survey, write_mapping
from .survey._write import write_template


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="netkit", description="Network analysis of inter-firm ties in SME clusters.")
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("template", help="write a blank survey workbook (.xlsx) to send to cluster members")
    t.add_argument("out", help="path of the workbook to write, e.g. survey.xlsx")
    i = sub.add_parser("inspect", help="show what netkit understood of a form-tool export, question by question")
    i.add_argument("survey", help="export of Google Forms, Microsoft Forms, Kobo, SurveyMonkey, Qualtrics, "
                                  "LimeSurvey, a Kumu workbook, or a netkit workbook")
    i.add_argument("--members", help="the member list (.xlsx or .csv with the members' names)")
    i.add_argument("--form", help="KoboToolbox/ODK: the XLSForm of the survey, for exports with XML names")
    i.add_argument("--mapping", help="a mapping file to apply (written by --write-mapping, then edited)")
    i.add_argument("--write-mapping", metavar="FILE", help="write what was understood as a YAML mapping to edit")
    i.add_argument("--force", action="store_true", help="overwrite the mapping file if it exists")
    v = sub.add_parser("validate", help="check a filled-in survey and summarise its network")
    v.add_argument("survey", help="survey workbook (.xlsx, .ods), CSV file, folder of CSV files or form-tool export")
    v.add_argument("--members", help="the member list (.xlsx or .csv with the members' names)")
    v.add_argument("--form", help="KoboToolbox/ODK: the XLSForm of the survey, for exports with XML names")
    v.add_argument("--mapping", help="mapping file of the export (netkit inspect --write-mapping)")
    v.add_argument("-o", "--out", help="also write problems.csv, actors.csv, ties.csv and network.graphml here")
    v.add_argument("--layout", choices=["long", "matrix", "form"], help="force a layout instead of detecting it")
    v.add_argument("--relation", help="relation of a single CSV without a relation column")
    v.add_argument("--strength-scale", nargs=2, type=float, metavar=("MIN", "MAX"),
                   help="scale of tie strengths for relations that do not declare one")
    v.add_argument("--how", choices=["union", "confirmed", "respondents"], default="union",
                   help="which reported ties make the graph (default: union)")
    a = sub.add_parser("audit", help="run the network audit and write report.html, metrics.xlsx and more")
    a.add_argument("survey", help="survey workbook (.xlsx, .ods), CSV file, folder of CSV files or form-tool export")
    a.add_argument("--members", help="the member list (.xlsx or .csv with the members' names)")
    a.add_argument("--form", help="KoboToolbox/ODK: the XLSForm of the survey, for exports with XML names")
    a.add_argument("--mapping", help="mapping file of the export (netkit inspect --write-mapping)")
    a.add_argument("-o", "--out", required=True, help="folder for the report and the other files")
    a.add_argument("--anonymise", "--anonymize", action="store_true",
                   help="replace every actor name with a stable code in every output")
    a.add_argument("--relation", help="analyse one relation only (e.g. trade, knowledge)")
    a.add_argument("--group-by", default="community",
                   help="groups for brokerage roles: community (default) or an attribute such as sector or region")
    a.add_argument("--seed", type=int, default=0, help="seed of every random step (default 0)")
    a.add_argument("--runs", type=int, default=20, help="Louvain runs in the community consensus (default 20)")
    a.add_argument("--title", help="title of the report")
    a.add_argument("--quiet", action="store_true", help="do not show progress")
    pa = sub.add_parser("audit-production",
                        help="audit a production network (seller, buyer, value links from CSV or Parquet)")
    pa.add_argument("links", help="links file: CSV (.csv, .csv.gz ...) or Parquet with seller, buyer, value columns")
    pa.add_argument("--firms", help="firms table (CSV or Parquet) with a firm column and region, sector, employees ...")
    pa.add_argument("-o", "--out", required=True, help="folder for the report and the other files")
    pa.add_argument("--anonymise", "--anonymize", action="store_true", help="replace firm ids by codes in every output")
    pa.add_argument("--seed", type=int, default=0, help="seed of every random step (default 0)")
    pa.add_argument("--runs", type=int, default=10, help="Louvain runs in the community consensus (default 10)")
    pa.add_argument("--map-size", type=int, default=300, help="firms drawn on the map (default 300)")
    pa.add_argument("--map-community", type=int, help="draw this community instead of the whole backbone")
    pa.add_argument("--title", help="title of the report")
    pa.add_argument("--quiet", action="store_true", help="do not show progress")
    return p


def _audit_production(args) -> int:
    from .production_audit import audit_production

    result = audit_production(args.links, args.out, firms=args.firms, seed=args.seed, n_runs=args.runs,
                              map_size=args.map_size, map_community=args.map_community, title=args.title,
                              anonymise=args.anonymise, progress=not args.quiet)
    out = Path(args.out).resolve()
    s = result.summary
    print(f"{int(s['firms']):,} firms, {int(s['links']):,} links, {int(s['communities']):,} communities "
          f"(modularity {s['modularity']:.2f}); {result.settings['seconds']['analysis']:.1f} s of analysis")
    print(f"Report: {out / 'report.html'}")
    tables = [p.name for p in result.settings["files"] if p.name.startswith("firms.")]
    print(f"Every firm's figures in {out}: {', '.join(sorted(tables))}")
    return 0


def _audit(args) -> int:
    from .audit import audit

    try:
        result = audit(args.survey, args.out, members=args.members, mapping=args.mapping, form=args.form, relation=args.relation, group_by=args.group_by, seed=args.seed,
                       n_runs=args.runs, title=args.title, anonymise=args.anonymise, progress=not args.quiet)
    except SurveyError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    out = Path(args.out).resolve()
    print(f"Report: {out / 'report.html'}")
    print(f"Also in {out}: " + ", ".join(sorted(str(Path(p).resolve().relative_to(out))
                                                  for p in result.settings["files"] if p.name != "report.html")))
    return 0


def _summary_lines(survey, G) -> list[str]:
    s = survey.summary()
    lines = [
        f"Survey: {survey.source} ({s['layout']} layout)",
        f"  members on the roster: {s['members']} ({', '.join(f'{v} {k}' for k, v in s['kinds'].items())}); "
        f"SMEs: {s['smes']}",
        (f"  answered: {s['respondents']} of {s['members']} ({s['response_rate']:.0%})"
         if s["response_rate"] == s["response_rate"] else "  answered: not applicable (a map, not a survey)"),
        f"  outside partners named: {s['outside_partners']}",
        f"  reported ties: {s['reported_ties']} ({', '.join(f'{k} {v}' for k, v in s['relations'].items())})",
        f"Graph ({G.graph.get('how')}): {G.number_of_nodes()} actors, {G.number_of_edges()} ties",
    ]
    for rel in relations_of(G):
        edges = [d for _, _, k, d in G.edges(keys=True, data=True) if k == rel]
        confirmed = sum(d["confirmed"] for d in edges)
        lines.append(f"  {rel}: {len(edges)} ties, {confirmed} confirmed by both ends")
    isolates = [n for n, d in G.nodes(data=True) if d.get("in_cluster") and G.degree(n) == 0]
    lines.append(f"  members with no tie at all: {len(isolates)}")
    if s["response_rate"] < 0.7:  # False for NaN (a Kumu map)
        lines.append("  WARNING: under 70% answered; measures that depend on paths (betweenness) are fragile.")
    return lines


def _question_lines(table) -> str:
    """The question table as text a person reads in a terminal."""
    lines = ["Questions:"]
    for n, q in enumerate(table.itertuples(index=False), start=1):
        text = q.question if len(q.question) <= 70 else q.question[:67] + "..."
        lines.append(f"  {n}. {text!r}")
        lines.append(f"     columns: {q.columns}")
        lines.append(f"     read as: {q.relation} ({q.why})")
        if q.answers is not None and q.answers == q.answers:
            flag = "   <-- NO TIES: check this question" if q.relation != "ignored" and q.ties == 0 else ""
            if q.relation == "ignored":
                lines.append(f"     answers {int(q.not_read)}, not read")
            else:
                lines.append(f"     answers {int(q.answers)}, ties {int(q.ties)}, listed as problems "
                             f"{int(q.problems)}{flag}")
    return "\n".join(lines)


def _inspect(args) -> int:
    seen = inspect_survey(args.survey, members=args.members, mapping=args.mapping, form=args.form)
    print(f"File: {seen.source}")
    print(f"Read as: {TOOLS.get(seen.tool, seen.tool)}")
    if seen.respondent or seen.mapping is not None:
        print(f"Responding firm: column {seen.respondent} ({seen.respondent_why})" if seen.respondent
              else "Responding firm: NOT FOUND - name the column in a mapping file (--write-mapping, then "
                   "respondent: ...)")
    if len(seen.questions):
        print(_question_lines(seen.questions))
    if seen.survey is not None and seen.survey.meta.get("connection_types"):
        print("Connection types (From -> To as Kumu draws them):")
        for c in seen.survey.meta["connection_types"]:
            way = ("undirected" if not c["directed"] else "From -> To" if c.get("direction") != "partner_to_respondent"
                   else "To -> From")
            print(f"  {c['type']!r}: {c['count']} connection(s) read as {c['tie']} ties, {way} ({c.get('why', '')})")
        print("Kumu maps have no respondents: no response rate is given.")
    if len(seen.ignored):
        print("Columns ignored:")
        for c in seen.ignored.itertuples(index=False):
            print(f"  {c.column}: {c.why}")
    if len(seen.left_out):
        print("Rows left out:")
        for r in seen.left_out.itertuples(index=False):
            print(f"  row {r.row}: {r.why}")
    if seen.survey is not None:
        s = seen.survey.summary()
        print(f"Survey: {s['members']} members, {s['respondents']} answered, {s['reported_ties']} ties, "
              f"{s['warnings']} warnings")
        shown = seen.problems[seen.problems["severity"] != "info"]
        if len(shown):
            print(format_problems(shown, limit=20))
        if not args.members and seen.mapping is not None:
            print("Without --members LIST the respondents are the roster and every partner named is outside it.")
    else:
        errors = seen.problems[seen.problems["severity"] == "error"]
        print(f"The survey cannot be read yet: {len(errors)} error(s)\n" + format_problems(errors, limit=20))
    if args.write_mapping:
        if seen.mapping is None:
            print("No mapping to write: this file is in one of netkit's own layouts (see docs/survey-format.md).")
            return 1
        path = write_mapping(seen.mapping, args.write_mapping, source=seen.source, force=args.force)
        print(f"Mapping written to {path}: edit it, then pass it back with --mapping {path}")
    return 0 if seen.survey is not None else 1


def _validate(args) -> int:
    scale = tuple(args.strength_scale) if args.strength_scale else None
    try:
        survey = read_survey(args.survey, members=args.members, mapping=args.mapping, form=args.form,
                             layout=args.layout,
                             relation=args.relation, strength_scale=scale)
    except SurveyError as exc:
        print(str(exc), file=sys.stderr)
        others = exc.problems[exc.problems["severity"] != "error"]
        if len(others):
            print(f"\nalso {len(others)} warning(s):\n" + format_problems(others, limit=20), file=sys.stderr)
        return 1
    G = build_graph(survey, how=args.how)
    print("\n".join(_summary_lines(survey, G)))
    if len(survey.questions):
        print("\n" + _question_lines(survey.questions))
    problems = survey.problems
    print(f"\nProblems: {len(problems)} (errors 0, warnings {(problems['severity'] == 'warning').sum()})")
    if len(problems):
        print(format_problems(problems, limit=40))
    if args.out:
        import networkx as nx

        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        problems.to_csv(out / "problems.csv", index=False)
        survey.actors.to_csv(out / "actors.csv")
        survey.ties.to_csv(out / "ties.csv", index=False)
        nx.write_graphml(G, out / "network.graphml")
        print(f"\nResults written to {out.resolve()}: problems.csv, actors.csv, ties.csv, network.graphml")
    return 0


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "template":
            path = write_template(args.out)
            print(f"wrote blank survey workbook {path}")
            return 0
        if args.command == "audit":
            return _audit(args)
        if args.command == "audit-production":
            return _audit_production(args)
        if args.command == "inspect":
            return _inspect(args)
        return _validate(args)
    except NetkitError as exc:
        print(f"netkit: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

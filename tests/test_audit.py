"""The network audit: files, determinism, anonymisation, safety, and the report in a real browser."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from openpyxl import load_workbook

import netkit
from netkit.cli import main

EXAMPLE = netkit.datasets.example_survey_path()
HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>window.pwned=1</script>",
           '<a href="javascript:alert(3)">Rossi</a> S.r.l.', "Bianchi & Figli <b>GmbH</b>"]


@pytest.fixture(scope="module")
def example_audit(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit")
    result = netkit.audit(EXAMPLE, out, n_runs=5, seed=1)
    return out, result


def _text_of(path: Path) -> str:
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as zf:
            return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith(".xml"))
    return path.read_bytes().decode("utf-8", "replace")


def test_audit_writes_every_output(example_audit):
    out, result = example_audit
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"report.html", "metrics.xlsx", "network.graphml", "network.gexf", "figures/network.png",
            "figures/communities.png", "figures/embeddedness.png", "figures/brokers.png"} <= names
    wb = load_workbook(out / "metrics.xlsx", read_only=True)
    assert {"findings", "actors", "ties", "communities", "brokerage", "problems"} <= set(wb.sheetnames)
    actors = pd.read_excel(out / "metrics.xlsx", sheet_name="actors", index_col=0)
    assert len(actors) == 115 and {"community", "betweenness", "constraint", "local_ties"} <= set(actors.columns)
    ws = load_workbook(out / "metrics.xlsx")["actors"]
    assert ws.freeze_panes == "B2" and ws["A1"].font.bold
    G = nx.read_graphml(out / "network.graphml", force_multigraph=True)
    assert G.number_of_nodes() == 115 and "community" in G.nodes["A001"]
    assert nx.read_gexf(out / "network.gexf").number_of_nodes() == 115


def test_report_is_self_contained_and_has_every_section(example_audit):
    out, _ = example_audit
    page = (out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""<(script|img|link|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    for section in ("quality", "glance", "map", "communities", "brokers", "smes", "findings", "methods"):
        assert f'<section id="{section}">' in page
    assert "SYNTHETIC example data" in page
    assert page.count("<img src=\"data:image/png;base64,") == 4
    assert "74 of 97 members answered the survey (76%)." in page


def test_findings_are_backed_by_the_tables(example_audit):
    _, result = example_audit
    f = result.findings.set_index("topic")
    a = result.actors
    smes = a[a["in_cluster"] & a["is_sme"].fillna(False).astype(bool)]
    assert int(f.loc["institutions", "figure"]) == int((smes["institutional_ties"] == 0).sum())
    assert f"{int((smes['institutional_ties'] == 0).sum())} of {len(smes)} SMEs" in f.loc["institutions", "finding"]
    assert int(f.loc["openness", "figure"]) == int((smes["external_ties"] == 0).sum())
    top = result.between_communities.iloc[0]
    assert top["ties"] == result.between_communities["ties"].max()


def test_same_inputs_and_seed_give_the_same_outputs(example_audit, tmp_path):
    out, _ = example_audit
    netkit.audit(EXAMPLE, tmp_path, n_runs=5, seed=1)
    for name in ("report.html", "network.graphml", "figures/network.png", "figures/brokers.png"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    a = pd.read_excel(tmp_path / "metrics.xlsx", sheet_name=None)
    b = pd.read_excel(out / "metrics.xlsx", sheet_name=None)
    assert a.keys() == b.keys() and all(a[k].equals(b[k]) for k in a)


def _real_names() -> set[str]:
    wb = load_workbook(EXAMPLE, read_only=True)
    names = set()
    for row in wb["actors"].iter_rows(min_row=2, values_only=True):
        names.add(row[1])
        names.update(a.strip() for a in str(row[8] or "").split(";") if a.strip())
    for row in wb["ties"].iter_rows(min_row=2, values_only=True):
        if row[1] and not re.fullmatch(r"A\d{3}", str(row[1])):
            names.add(row[1])
    wb.close()
    return {n for n in names if n}


def test_anonymise_removes_every_real_name_from_every_output(tmp_path):
    result = netkit.audit(EXAMPLE, tmp_path, n_runs=3, anonymise=True)
    names = _real_names()
    assert len(names) > 120  # names, aliases and the spellings respondents wrote
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) == 8
    for path in files:
        text = html.unescape(_text_of(path)).casefold()
        leaked = sorted(n for n in names if n.casefold() in text)
        assert not leaked, f"{path.name} names {leaked[:5]}"
    codes = result.actors.index
    assert all(re.fullmatch(r"[FUGOX]\d{3}", c) for c in codes)
    again = netkit.anonymise(netkit.datasets.load_example_survey())
    assert list(again.actors.index) == sorted(codes)  # stable codes


def test_hostile_names_are_text_in_the_report(tmp_path, offline_page, artifacts):
    actors = pd.DataFrame({"actor": [f"A{i}" for i in range(8)],
                           "name": HOSTILE + ["Verdi", "Neri", "Gialli", "Blu"],
                           "kind": ["firm"] * 6 + ["university", "agency"],
                           "sector": [HOSTILE[0], "b", "a", "b", "a", "b", "r", "s"],
                           "employees": [5, 12, 60, 300, 8, 20, None, None]})
    pairs = [(0, 1), (1, 2), (2, 3), (3, 0), (4, 5), (5, 3), (0, 6), (4, 7), (2, 4)]
    ties = pd.DataFrame({"respondent": [f"A{a}" for a, _ in pairs],
                         "partner": [actors["name"][b] for _, b in pairs],
                         "relation": ["supplier"] * 6 + ["university", "agency", "customer"]})
    ties.loc[len(ties)] = ["A5", "<svg onload=alert(5)> Ltd", "customer"]
    survey = netkit.survey_from_frames(actors, ties)
    netkit.audit(survey, tmp_path, n_runs=3, title="Audit <script>alert(6)</script>")
    page_html = (tmp_path / "report.html").read_text(encoding="utf-8")
    for bad in HOSTILE + ["<svg onload=alert(5)>", "<script>alert(6)</script>"]:
        assert bad not in page_html
    page = offline_page.open(tmp_path / "report.html")
    page.wait_for_selector(".nk-map[data-drawn=true]", timeout=20000)
    assert page.evaluate("() => window.pwned") is None
    assert offline_page.dialogs == [] and offline_page.console_errors == [] and offline_page.outside == []
    body = page.evaluate("() => document.body.innerText")
    for bad in HOSTILE:
        assert bad in body
    assert page.locator("img[src=x], svg[onload], main a[href^=javascript]").count() == 0
    n = page.evaluate("() => Object.values(window.netkitMaps)[0].nodes.length")
    assert n == 9


def test_example_report_in_a_real_browser(example_audit, offline_page, artifacts):
    out, result = example_audit
    page = offline_page.open(out / "report.html")
    page.wait_for_selector(".nk-map[data-drawn=true]", timeout=20000)
    info = page.evaluate("""() => { const m = Object.values(window.netkitMaps)[0];
        return { nodes: m.nodes.length, drawn: Object.keys(m.network.getPositions()).length }; }""")
    assert info["nodes"] == info["drawn"] == result.graph.number_of_nodes()
    assert offline_page.outside == [] and offline_page.console_errors == []
    # switching the colouring to kind and back works without errors
    page.select_option(".nk-controls select >> nth=0", "kind")
    page.select_option(".nk-controls select >> nth=1", "degree")
    assert offline_page.console_errors == []
    page.screenshot(path=str(artifacts / "report.png"), full_page=True)
    page.locator("#map").screenshot(path=str(artifacts / "report-map.png"))


def test_cli_audit(tmp_path, capsys):
    assert main(["audit", str(EXAMPLE), "-o", str(tmp_path), "--quiet", "--runs", "3", "--anonymise",
                 "--relation", "trade", "--title", "Trade only"]) == 0
    out = capsys.readouterr().out
    assert f"Report: {tmp_path.resolve() / 'report.html'}" in out
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<title>Trade only</title>" in page and "Names are replaced by codes" in page


def test_cli_audit_into_a_relative_folder(tmp_path, monkeypatch, capsys):
    """As `make audit` calls it: -o out/example, relative to the working folder."""
    monkeypatch.chdir(tmp_path)
    assert main(["audit", str(EXAMPLE), "-o", "out/example", "--quiet", "--runs", "2"]) == 0
    out = capsys.readouterr().out
    assert f"Report: {tmp_path.resolve() / 'out/example/report.html'}" in out
    assert "figures/network.png" in out and (tmp_path / "out/example/metrics.xlsx").exists()


def test_unknown_relation_is_a_clear_error(tmp_path):
    with pytest.raises(netkit.NetkitError, match="no ties of relation 'trades'"):
        netkit.audit(EXAMPLE, tmp_path, relation="trades", n_runs=2)

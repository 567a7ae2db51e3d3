"""The netkit command: template and validate."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pandas as pd
from openpyxl import load_workbook

import netkit
from netkit.cli import main


def test_template_has_instructions_and_dropdowns(tmp_path):
    out = tmp_path / "blank.xlsx"
    assert main(["template", str(out)]) == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["instructions", "actors", "ties", "relations"]
    kinds = [dv for dv in wb["actors"].data_validations.dataValidation if "C2" in str(dv.sqref)]
    assert kinds and kinds[0].formula1 == '"firm,university,agency,other"'
    rel = wb["ties"].data_validations.dataValidation[0]
    assert rel.formula1 == "=relations!$A$2:$A$200" and "C2" in str(rel.sqref)
    listed = [r[0] for r in wb["relations"].iter_rows(min_row=2, values_only=True)]
    assert {"supplier", "customer", "university", "agency", "knowledge"} <= set(listed)
    assert [c.value for c in wb["ties"][1]] == ["respondent", "partner", "relation", "strength"]


def test_blank_template_is_refused_and_filled_template_reads(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    main(["template", str(out)])
    assert main(["validate", str(out)]) == 1
    err = capsys.readouterr().err
    assert "sheet 'actors', row 2" in err and "no members" in err
    wb = load_workbook(out)
    wb["actors"].append(["A1", "Alfa S.r.l.", "firm", "machinery", "North", 12, 1.5, "yes", None])
    wb["actors"].append(["A2", "Beta GmbH", "firm", "components", "North", 300, None, "no", "Beta"])
    wb["ties"].append(["A1", "beta", "supplier", 4])
    wb["ties"].append(["A1", "Gamma Ltd", "knowledge", 2])
    wb.save(out)
    assert main(["validate", str(out)]) == 0
    text = capsys.readouterr().out
    assert "answered: 1 of 2 (50%)" in text
    assert "outside partners named: 1" in text
    assert "WARNING: under 70% answered" in text


def test_validate_example_writes_results(tmp_path, capsys):
    code = main(["validate", str(netkit.datasets.example_survey_path()), "--out", str(tmp_path)])
    assert code == 0
    text = capsys.readouterr().out
    assert "members on the roster: 97" in text and "outside partners named: 18" in text
    assert "empty row skipped" in text
    problems = pd.read_csv(tmp_path / "problems.csv")
    assert set(problems["severity"]) == {"warning"}
    G = nx.read_graphml(tmp_path / "network.graphml", force_multigraph=True)
    assert G.number_of_nodes() == 115
    assert len(pd.read_csv(tmp_path / "ties.csv")) == len(netkit.datasets.load_example_survey().ties)


def test_validate_lists_every_error_and_exits_nonzero(tmp_path):
    actors = tmp_path / "survey"
    actors.mkdir()
    (actors / "actors.csv").write_text("actor,name\nA1,Alfa\nA1,Alfa again\nA2,Beta\n")
    (actors / "ties.csv").write_text("respondent,partner,relation,strength\nA1,A2,suplier,3\nA2,A1,customer,high\n")
    proc = subprocess.run([sys.executable, "-m", "netkit", "validate", str(actors)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "3 errors found" in proc.stderr
    assert "duplicate actor id 'A1'" in proc.stderr and "row 3" in proc.stderr
    assert "Did you mean 'supplier'?" in proc.stderr
    assert "strength 'high' is not a number" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_validate_missing_file_is_a_message_not_a_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "netkit", "validate", str(tmp_path / "nope.xlsx")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "no such file" in proc.stderr and "Traceback" not in proc.stderr


def test_validate_and_audit_a_form_export_from_a_shell(tmp_path):
    # as a facilitator runs it: the bundled Google Forms export and the member list, nothing else
    export, members = netkit.datasets.example_export_path(), netkit.datasets.example_members_path()
    out = tmp_path / "checked"
    run = subprocess.run([sys.executable, "-m", "netkit", "validate", str(export), "--members", str(members),
                          "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "(form layout)" in run.stdout and "Questions:" in run.stdout and "read as: supplier" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr
    ties = pd.read_csv(out / "ties.csv")
    actors = pd.read_csv(out / "actors.csv")
    problems = pd.read_csv(out / "problems.csv")
    assert len(ties) > 0 and actors["in_cluster"].sum() == 97
    assert problems["message"].str.contains("answered again").any()
    run = subprocess.run([sys.executable, "-m", "netkit", "audit", str(export), "--members", str(members),
                          "-o", str(tmp_path / "audit"), "--quiet", "--runs", "3"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "audit" / "report.html").read_text(encoding="utf-8")
    assert "What netkit read from each question (Google Forms)" in html

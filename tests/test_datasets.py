"""The bundled example export (data/example_export/): made by its script, read as the example survey."""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

import netkit
from netkit.datasets import example_export_path, example_members_path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "data" / "make_example_export.py"
RELATIONS = ["supplier", "customer", "university", "agency"]  # what the form asks (not knowledge)


@pytest.fixture(scope="module")
def example():
    return netkit.read_survey(netkit.datasets.example_survey_path())


@pytest.fixture(scope="module")
def export():
    return netkit.read_survey(example_export_path(), members=example_members_path())


@pytest.fixture(scope="module")
def rows():
    with open(example_export_path(), newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _run(out: Path) -> None:
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True)


def test_the_paths_point_at_the_bundled_files():
    assert example_export_path() == ROOT / "data" / "example_export" / "responses.csv"
    assert example_members_path() == ROOT / "data" / "example_export" / "members.xlsx"


def test_the_script_makes_the_bundled_files_byte_for_byte(tmp_path):
    _run(tmp_path / "a")
    _run(tmp_path / "b")
    for name, bundled in (("responses.csv", example_export_path()), ("members.xlsx", example_members_path())):
        again = (tmp_path / "a" / name).read_bytes()
        assert again == (tmp_path / "b" / name).read_bytes(), f"{name} differs between two runs"
        assert again == bundled.read_bytes(), f"data/example_export/{name} is not what the script makes"


def test_the_csv_is_written_as_google_forms_writes_it(rows):
    raw = example_export_path().read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw  # UTF-8 without BOM, "\n"
    raw.decode("utf-8")
    header = rows[0]
    assert header[:4] == ["Timestamp", "Email Address", "Nome della vostra azienda", "Quanti dipendenti avete?"]
    assert "Quali sono i vostri principali fornitori?" in header
    assert all(len(r) == len(header) for r in rows)
    stamp = re.compile(r"2026/03/\d\d (1[0-2]|[1-9]):[0-5]\d:[0-5]\d (AM|PM) GMT\+1")
    assert all(stamp.fullmatch(r[0]) for r in rows[1:])
    assert all(r[1].endswith("@example.org") for r in rows[1:])
    # Google Forms puts the responses in the order they came in
    times = [dt.datetime.strptime(r[0].removesuffix(" GMT+1"), "%Y/%m/%d %I:%M:%S %p") for r in rows[1:]]
    assert times == sorted(times)


def test_the_member_list_is_labelled_synthetic():
    wb = load_workbook(example_members_path(), read_only=True)
    try:
        assert wb.sheetnames == ["Soci", "README"]
        assert next(wb["Soci"].iter_rows(values_only=True)) == ("Ragione sociale", "Tipo", "Settore", "Provincia",
                                                                 "Dipendenti")
        assert "SYNTHETIC" in next(wb["README"].iter_rows(values_only=True))[0]
        assert wb["Soci"].max_row == 98
    finally:
        wb.close()
    assert "SYNTHETIC" in SCRIPT.read_text(encoding="utf-8").split("\n", 1)[0]


def test_the_export_is_read_as_google_forms_with_the_roster(export, example):
    assert export.meta["tool"] == "google_forms"
    assert export.meta["respondent_column"] == "C (Nome della vostra azienda)"
    assert len(export.members) == len(example.members) == 97
    assert sorted(export.members["name"]) == sorted(example.members["name"])
    kinds = export.members.set_index("name")["kind"]
    assert kinds.to_dict() == example.members.set_index("name")["kind"].to_dict()
    answered = set(export.members.loc[export.members["responded"], "name"])
    assert answered == set(example.members.loc[example.members["responded"], "name"])


def test_the_export_gives_the_ties_of_the_example_survey(export, example):
    """The long layout of the workbook and the Google Forms export are two reader paths to one network."""
    names, again = example.actors["name"], export.actors["name"]
    ties = example.ties[example.ties["relation"].isin(RELATIONS)]
    expected = {(names[s], names[t], tie) for s, t, tie in zip(ties["source"], ties["target"], ties["tie"])}
    got = {(again[s], again[t], tie) for s, t, tie in zip(export.ties["source"], export.ties["target"],
                                                          export.ties["tie"])}
    assert got == expected
    assert {"trade", "university", "agency"} == {tie for *_, tie in got}
    # one answer for one answer: who named whom, in which question
    expected_reports = Counter(zip(names[ties["respondent"]], names[ties["partner"]], ties["relation"]))
    got_reports = Counter(zip(again[export.ties["respondent"]], again[export.ties["partner"]],
                              export.ties["relation"]))
    assert got_reports == expected_reports
    outside = set(example.actors.loc[~example.actors["in_cluster"], "name"])
    assert set(export.actors.loc[~export.actors["in_cluster"], "name"]) == outside


def test_the_questions_table(export, rows):
    q = export.questions.set_index("question")
    assert q["relation"].to_dict() == {
        "Quanti dipendenti avete?": "ignored",
        "Quali sono i vostri principali fornitori?": "supplier",
        "Chi sono i vostri principali clienti?": "customer",
        "Con quali università o centri di ricerca collaborate?": "university",
        "Con quali agenzie o enti di supporto siete in contatto?": "agency",
        "Solo per agenzie ed enti di supporto: quali imprese del cluster seguite?": "agency",
    }
    assert q["ties"].sum() == len(export.ties)
    uni = q.loc["Con quali università o centri di ricerca collaborate?"]
    assert (uni["answers"], uni["problems"]) == (uni["ties"] + 1, 1)  # the "n/a"
    # the number of staff is not read: every response but the replaced one answered it (firms only)
    assert q.loc["Quanti dipendenti avete?", "not_read"] > 0


def test_the_resubmission_is_reported(export, rows):
    by_mail: dict[str, list[int]] = {}
    for line, r in enumerate(rows[1:], start=2):
        by_mail.setdefault(r[1], []).append(line)
    twice = [lines for lines in by_mail.values() if len(lines) > 1]
    assert len(twice) == 1
    first, later = twice[0]
    warnings = export.problems[export.problems["message"].str.contains("answered again")]
    assert len(warnings) == 1
    w = warnings.iloc[0]
    assert (w["severity"], int(w["row"])) == ("warning", first)
    assert f"answered again on row {later}" in w["message"] and rows[first - 1][2] in w["message"]
    # the later answers are the ones kept
    respondent = rows[later - 1][2]
    kept = export.ties[export.ties["row"] == later]
    assert len(kept) > 0 and export.ties[export.ties["row"] == first].empty
    assert set(export.actors.loc[kept["respondent"], "name"]) == {respondent}


def test_the_na_answer_is_reported(export, rows):
    column = rows[0].index("Con quali università o centri di ricerca collaborate?")
    lines = [line for line, r in enumerate(rows[1:], start=2) if r[column] == "n/a"]
    assert len(lines) == 1
    found = export.problems[export.problems["message"].str.contains("'n/a'")]
    assert len(found) == 1
    assert int(found["row"].iloc[0]) == lines[0] and found["column"].iloc[0].startswith("G (")
    assert "placeholder" in found["message"].iloc[0]
    assert (export.problems["severity"] == "error").sum() == 0


def test_the_misspelt_partner_of_the_example_is_reported_as_in_the_workbook(export, example):
    def near_miss(survey):
        return [m.split(" is not on the roster")[0] for m in survey.problems["message"] if "Did you mean" in m]

    assert near_miss(export) == near_miss(example) == ["partner 'Meccanica Verdi Grop srl'"]

"""The project around the package: packaging, environment, quick start, bundled data."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].strip().lower()


def test_environment_yml_names_every_runtime_dependency():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = set()
    for item in env["dependencies"]:
        if isinstance(item, str):
            listed.add(_name(item))
        else:
            listed.update(_name(x) for x in item["pip"])
    missing = {_name(d) for d in deps} - listed
    assert not missing, f"environment.yml lacks {sorted(missing)}"
    assert any("-e ." in str(x) for x in env["dependencies"][-1]["pip"]), "environment.yml must install netkit"


def test_defusedxml_is_a_hard_dependency_and_openpyxl_uses_it():
    import openpyxl.xml

    deps = {_name(d) for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    assert "defusedxml" in deps
    assert openpyxl.xml.DEFUSEDXML is True


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make audit" in readme and "make test" in readme
    commands = [line.strip() for line in (ROOT / ".ci/run").read_text().splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == "make test"


def test_example_survey_is_generated_by_its_script(tmp_path):
    """The committed workbook is what the seeded script makes (content, not bytes)."""
    import netkit

    script = ROOT / "data" / "make_example_survey.py"
    subprocess.run([sys.executable, str(script), str(tmp_path / "again.xlsx")], check=True,
                   capture_output=True)
    committed = netkit.read_survey(ROOT / "data" / "example_survey.xlsx")
    again = netkit.read_survey(tmp_path / "again.xlsx")
    assert committed.actors.equals(again.actors)
    assert committed.ties.drop(columns=["sheet"]).equals(again.ties.drop(columns=["sheet"]))
    assert committed.problems["message"].tolist() == again.problems["message"].tolist()


def test_example_survey_is_labelled_synthetic():
    from openpyxl import load_workbook

    wb = load_workbook(ROOT / "data" / "example_survey.xlsx", read_only=True)
    first = next(wb["README"].iter_rows(values_only=True))[0]
    wb.close()
    assert "SYNTHETIC" in first


def test_loaders_work_from_an_installed_wheel(tmp_path):
    """Build the wheel, unpack it, and load the bundled data from it, not from the checkout."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "dist")], check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("netkit-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(tmp_path / "site")
    assert "netkit/_data/example_survey.xlsx" in names
    assert "netkit/_data/classic/SOURCES.md" in names
    code = (
        "import netkit, pathlib;"
        "assert pathlib.Path(netkit.__file__).parent.parent == pathlib.Path(r'%s');"
        "s = netkit.datasets.load_example_survey();"
        "G = netkit.datasets.florentine_families();"
        "print(len(s.actors), G.number_of_nodes(), netkit.datasets.example_survey_path())"
    ) % (tmp_path / "site")
    env = {"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    assert out[:2] == ["115", "16"]
    assert str(tmp_path / "site") in out[2]
    # the example form export and its member list load from the wheel too
    assert "netkit/_data/example_export/responses.csv" in names
    assert "netkit/_data/example_export/members.xlsx" in names
    code = "import netkit.datasets as d; print(d.example_export_path(), d.example_members_path())"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    assert out == [str(tmp_path / "site" / "netkit" / "_data" / "example_export" / n)
                   for n in ("responses.csv", "members.xlsx")]

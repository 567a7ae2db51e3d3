"""The member list as facilitators keep it (netkit.survey._members)."""

import pandas as pd

import netkit
import pytest

from netkit.errors import Problems
from netkit.survey._members import guess_kind, read_members
from workbooks import write_xlsx


def test_italian_headers_and_kinds(tmp_path):
    path = write_xlsx(tmp_path / "soci.xlsx", {"Soci": [
        ["Ragione sociale", "Tipologia", "Settore", "Provincia", "Dipendenti", "Sigla"],
        ["Costruzioni Meccaniche Valdostane S.r.l.", "impresa", "meccanica", "Aosta", 42, "CMV"],
        ["Politecnico di Torino", "università", None, "Torino", None, None],
        ["Camera di Commercio di Aosta", "ente pubblico", None, "Aosta", None, None],
    ]})
    p = Problems()
    records, sheet = read_members(path, p)
    assert sheet == "Soci"
    assert [(r["actor"], r["kind"], r["region"], r["employees"], r.get("aliases")) for r in records] == [
        ("Costruzioni Meccaniche Valdostane S.r.l.", "firm", "Aosta", 42, "CMV"),
        ("Politecnico di Torino", "university", "Torino", None, None),
        ("Camera di Commercio di Aosta", "agency", "Aosta", None, None)]
    assert [r["_row"] for r in records] == [2, 3, 4]
    frame = p.to_frame()
    assert "'Ragione sociale' as name" in frame["message"].iloc[0]


def test_german_csv_with_ids_and_no_kind_column(tmp_path):
    path = tmp_path / "mitglieder.csv"
    path.write_text("Nr;Firma;Mitarbeiter;Branche\nM1;Müller GmbH & Co. KG;120;Maschinenbau\n"
                    "M2;Fraunhofer IPA;;Forschung\nM3;IHK Region Stuttgart;;\n", encoding="utf-8")
    p = Problems()
    records, _ = read_members(path, p)
    assert [(r["actor"], r["name"], r["kind"]) for r in records] == [
        ("M1", "Müller GmbH & Co. KG", "firm"), ("M2", "Fraunhofer IPA", "university"),
        ("M3", "IHK Region Stuttgart", "agency")]
    messages = " ".join(p.to_frame()["message"])
    assert "2 member(s) read as" not in messages  # one university and one agency, each said apart
    assert "read as university from their name: Fraunhofer IPA" in messages
    assert "read as agency from their name: IHK Region Stuttgart" in messages


def test_a_list_without_names_is_an_error_naming_the_columns(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Code,Employees\nA,3\n", encoding="utf-8")
    p = Problems()
    assert read_members(path, p) == ([], "")
    msg = p.to_frame()["message"].iloc[0]
    assert "no column of member names" in msg and "Code, Employees" in msg


def test_repeated_member_and_unknown_kind_are_reported(tmp_path):
    frame = pd.DataFrame({"Company": ["Acme Ltd", "acme ltd", "Beta"], "Type": ["firm", "firm", "spaceship"]})
    p = Problems()
    records, _ = read_members(frame, p)
    assert [r["name"] for r in records] == ["Acme Ltd", "Beta"]
    problems = p.to_frame()
    assert problems.loc[problems["row"] == 3, "message"].str.contains("listed twice").all()
    assert problems.loc[problems["row"] == 4, "message"].str.contains("'spaceship' not understood").all()


@pytest.mark.parametrize("value, name, kind", [
    ("Azienda", None, "firm"), ("Universidad", None, "university"), ("Agencja", None, "agency"),
    (None, "Uniwersytet Łódzki", "university"), (None, "Agenzia per lo Sviluppo", "agency"),
    (None, "Tornerie Gallo S.n.c.", "firm"), ("Forschungseinrichtung", None, "university"),
])
def test_guess_kind(value, name, kind):
    assert guess_kind(value, name)[0] == kind


def test_semicolon_member_list_with_european_numbers_through_read_survey(tmp_path):
    # Excel in Italy writes ";" and decimal commas: "1.250" staff is 1250, "1.250,5" EUR m is 1250.5
    (tmp_path / "soci.csv").write_bytes("Ragione sociale;Dipendenti;Fatturato\r\nAlfa S.r.l.;1.250;1.250,5\r\n"
                                        "Beta S.r.l.;12;2,5\r\n".encode("cp1252"))
    (tmp_path / "risposte.csv").write_text(
        "Timestamp,Email Address,Nome azienda,Quali sono i vostri principali fornitori?\n"
        "2026/03/04 10:15:22 AM GMT+1,x@example.org,Beta,Alfa S.r.l.\n", encoding="utf-8")
    s = netkit.read_survey(tmp_path / "risposte.csv", members=tmp_path / "soci.csv")
    actors = s.actors.set_index("name")
    assert actors.loc["Alfa S.r.l.", "employees"] == 1250 and actors.loc["Alfa S.r.l.", "turnover"] == 1250.5
    assert actors.loc["Beta S.r.l.", "employees"] == 12 and actors.loc["Beta S.r.l.", "turnover"] == 2.5
    assert actors.loc["Alfa S.r.l.", "size_class"] == "large"
    assert list(zip(s.ties["source"], s.ties["target"])) == [("Alfa S.r.l.", "Beta S.r.l.")]

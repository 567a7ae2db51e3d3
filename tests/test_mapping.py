"""The mapping file: netkit inspect writes it, the facilitator edits it, read_survey applies it."""

import pytest
import yaml

import netkit
from netkit.cli import main
from netkit.errors import SurveyError

MEMBERS = "Company,Type\nOfficine Rossi S.r.l.,firm\nTornerie Gallo S.n.c.,firm\nFratelli Bianchi S.p.A.,firm\n"
# Google Forms CSV: the firm is asked with a header no dictionary knows, and one question has no relation word
FORM = ('Timestamp,Email Address,Chi compila?,Da chi comprate i componenti?,Quali sono i vostri clienti?\n'
        '2026/03/04 10:15:22 AM GMT+1,a@rossi.it,Officine Rossi,"Tornerie Gallo S.n.c., Fratelli Bianchi S.p.A.",'
        'Fratelli Bianchi S.p.A.\n'
        '2026/03/04 11:15:22 AM GMT+1,b@gallo.it,Tornerie Gallo,Fratelli Bianchi S.p.A.,Officine Rossi S.r.l.\n')


@pytest.fixture
def files(tmp_path):
    (tmp_path / "members.csv").write_text(MEMBERS, encoding="utf-8")
    (tmp_path / "responses.csv").write_text(FORM, encoding="utf-8")
    return tmp_path / "responses.csv", tmp_path / "members.csv"


def test_unread_question_naming_members_is_a_warning_and_counted(files):
    export, members = files
    s = netkit.read_survey(export, members=members)
    q = s.questions.set_index("question")
    # "comprate" is no supplier word netkit knows: the question is not read, but it is not silent
    assert q.loc["Da chi comprate i componenti?", "relation"] == "ignored"
    assert q.loc["Da chi comprate i componenti?", "not_read"] == 3
    warning = s.problems[s.problems["message"].str.contains("names members")]
    assert len(warning) == 1 and "Da chi comprate" in warning["message"].iloc[0]
    # the respondent column has an unknown header: found from the member names in it
    assert s.meta["respondent_column"] == "C (Chi compila?)"
    assert sorted(zip(s.ties["source"], s.ties["target"])) == [
        ("Officine Rossi S.r.l.", "Fratelli Bianchi S.p.A."), ("Tornerie Gallo S.n.c.", "Officine Rossi S.r.l.")]


def test_inspect_writes_a_mapping_that_read_survey_applies(files, capsys):
    export, members = files
    mapping = export.parent / "mapping.yaml"
    assert main(["inspect", str(export), "--members", str(members), "--write-mapping", str(mapping)]) == 0
    out = capsys.readouterr().out
    assert "Read as: Google Forms" in out and "Da chi comprate i componenti?" in out
    data = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    assert data["respondent"] is None or data["respondent"] == "Chi compila?"
    for q in data["questions"]:
        if q["question"].startswith("Da chi comprate"):
            assert q["relation"] == "ignore"
            q["relation"] = "supplier"
    data["respondent"] = "Chi compila?"
    mapping.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    s = netkit.read_survey(export, members=members, mapping=mapping)
    supplier = s.ties[s.ties["relation"] == "supplier"]
    assert sorted(zip(supplier["source"], supplier["target"])) == [  # supplier: partner -> respondent
        ("Fratelli Bianchi S.p.A.", "Officine Rossi S.r.l."), ("Fratelli Bianchi S.p.A.", "Tornerie Gallo S.n.c."),
        ("Tornerie Gallo S.n.c.", "Officine Rossi S.r.l.")]
    q = s.questions.set_index("question").loc["Da chi comprate i componenti?"]
    assert (q["relation"], q["why"], q["answers"], q["ties"]) == ("supplier", "set in the mapping file", 3, 3)


def test_mapping_is_not_overwritten_without_force(files, capsys):
    export, members = files
    mapping = export.parent / "mapping.yaml"
    mapping.write_text("respondent: x\n", encoding="utf-8")
    assert main(["inspect", str(export), "--write-mapping", str(mapping)]) == 2
    assert "pass --force" in capsys.readouterr().err
    assert mapping.read_text(encoding="utf-8") == "respondent: x\n"


def test_bad_mapping_entries_are_errors_with_suggestions(files):
    export, members = files
    bad = {"respondent": "Chi compilla?", "questions": [{"question": "Quali sono i vostri clienti?",
                                                         "relation": "custmer"}]}
    with pytest.raises(SurveyError) as info:
        netkit.read_survey(export, members=members, mapping=bad)
    messages = " ".join(info.value.problems["message"])
    assert "Did you mean 'Chi compila?'" in messages
    assert "Did you mean 'customer'" in messages


def test_broken_yaml_names_the_line(files):
    export, members = files
    mapping = export.parent / "mapping.yaml"
    mapping.write_text("questions:\n  - question: a\n   relation: [\n", encoding="utf-8")
    with pytest.raises(SurveyError, match=r"not valid YAML \(line \d+"):
        netkit.read_survey(export, members=members, mapping=mapping)

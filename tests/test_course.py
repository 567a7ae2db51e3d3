"""The course's exercises (netkit.course) and notebooks (notebooks/course/).

* Every exercise's registered answer (computed with netkit) agrees with a reference computed here another
  way: networkx on the same graph, a count taken from the raw workbook or edge list, a hand formula, the
  generator's answer key, or a value published for the data; and the checker accepts that reference.
* Wrong answers are rejected: off by one, a near value outside the tolerance, a wrong name, a number as
  text, a list for one value, a partial list ...; ``check`` then prints "Not yet" and a hint that does not
  give the answer away. ``...`` is "not answered yet": False, never an error, no answer computed.
* The lesson notebooks (students) and the solutions (teachers) match the registry exercise for exercise,
  share the same lesson text, and are committed without outputs.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from math import comb
from pathlib import Path
from types import MappingProxyType

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy import stats

import netkit
from netkit import course
from netkit.errors import NetkitError
from netkit.generate import CLUSTER_KINDS, generate_cluster
from netkit.graph import collapse

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks" / "course"
IDS = list(course.EXERCISES)


# ------------------------------------------------------------------------------------------- shared data


@pytest.fixture(scope="module")
def truth():
    """Every registered right answer, computed once (as ``check`` computes it)."""
    return {eid: ex.answer() for eid, ex in course.EXERCISES.items()}


@pytest.fixture(scope="module")
def florentine():
    F = netkit.datasets.florentine_families()
    business = [(u, v) for u, v, k in F.edges(keys=True) if k == "business"]
    return F, business


@pytest.fixture(scope="module")
def lesson2(tmp_path_factory):
    """The lesson-2 workbook: the generated survey (with its answer key), the raw sheets, the survey read."""
    folder = tmp_path_factory.mktemp("lesson2")
    made = generate_cluster(**course.SURVEY_CLUSTER, out=folder / "survey.xlsx")
    path = made.meta["path"]
    sheets = pd.read_excel(path, sheet_name=None)
    return made, path, sheets, netkit.read_survey(path)


@pytest.fixture(scope="module")
def hub():
    survey = generate_cluster(**course.HUB_CLUSTER)
    return survey, netkit.build_graph(survey)


@pytest.fixture(scope="module")
def district():
    survey = generate_cluster(**course.DISTRICT_CLUSTER)
    return survey, netkit.build_graph(survey)


@pytest.fixture(scope="module")
def lesson6(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lesson6")
    made = generate_cluster(**course.AUDIT_CLUSTER, out=folder / "survey.xlsx")
    survey = netkit.read_survey(made.meta["path"])
    return made, survey, netkit.build_graph(survey)


@pytest.fixture(scope="module")
def types():
    return {kind: netkit.build_graph(generate_cluster(kind, n_firms=course.TYPES_N_FIRMS, seed=course.TYPES_SEED))
            for kind in CLUSTER_KINDS}


def accepted(eid, truth, answer) -> bool:
    return course._judge(course.EXERCISES[eid], truth[eid], answer)[0]


def member_firms(G) -> list:
    return [n for n, d in G.nodes(data=True) if d.get("in_cluster") and d.get("kind") == "firm"]


def shares_outside(G) -> tuple[float, float]:
    """(outside partners / partners over members, institutional partners / partners over member firms),
    counted with networkx on the undirected collapse."""
    H = collapse(G, directed=False)
    members = [n for n in H if H.nodes[n].get("in_cluster")]
    firms = [n for n in members if H.nodes[n]["kind"] == "firm"]
    outside = sum(not H.nodes[m]["in_cluster"] for n in members for m in H[n])
    institutions = sum(H.nodes[m]["kind"] in ("university", "agency") for n in firms for m in H[n])
    return outside / sum(H.degree(n) for n in members), institutions / sum(H.degree(n) for n in firms)


def adjusted_rand(a, b) -> float:
    """Hubert & Arabie's (1985) adjusted Rand index of two labelings, from the contingency table."""
    table = pd.crosstab(pd.Series(list(a)), pd.Series(list(b))).to_numpy()
    index = sum(comb(int(x), 2) for x in table.ravel())
    rows, cols = sum(comb(int(x), 2) for x in table.sum(1)), sum(comb(int(x), 2) for x in table.sum(0))
    expected = rows * cols / comb(int(table.sum()), 2)
    return (index - expected) / ((rows + cols) / 2 - expected)


# --------------------------------------------------------------- lesson 1: the Florentine business ties


def test_lesson1_answers_match_the_edge_list(truth, florentine):
    F, business = florentine
    assert len(business) == 15  # Padgett & Ansell's business ties (15, see datasets.florentine_families)
    assert truth["1.1"] == 15 and accepted("1.1", truth, len(business))
    partners = Counter([u for u, v in business] + [v for u, v in business])
    top, count = partners.most_common(1)[0]
    assert top == "Medici" and count > partners.most_common(2)[1][1]
    assert truth["1.2"] == "Medici" and accepted("1.2", truth, top)
    assert truth["1.3"] == pytest.approx(15 / (16 * 15 / 2))  # 0.125 by hand
    assert accepted("1.3", truth, 15 / 120)
    without = set(F) - set(partners)
    assert without == {"Acciaiuoli", "Albizzi", "Pucci", "Ridolfi", "Strozzi"}
    assert truth["1.4"] == without and accepted("1.4", truth, sorted(without))


# -------------------------------------------------------------------- lesson 2: the messy workbook


def test_lesson2_answers_match_the_raw_workbook_and_the_answer_key(truth, lesson2):
    made, path, sheets, survey = lesson2
    actors, ties = sheets["actors"], sheets["ties"]
    # members marked "no" that reported nothing are the non-respondents (one marked "no" reports ties)
    silent = actors[(actors["responded"] == "no") & ~actors["actor"].isin(ties["respondent"])]
    assert len(silent) < (actors["responded"] == "no").sum()
    assert {name for name, _ in truth["2.1"]} == set(silent["name"])
    assert accepted("2.1", truth, list(silent["name"])) and accepted("2.1", truth, list(silent["actor"]))
    # near misses: the generator's answer key
    key = made.meta["mess"]
    n_near = int((key["problem"] == "misspelt name (near miss)").sum())
    assert n_near >= 2 and truth["2.2"] == n_near and accepted("2.2", truth, n_near)
    # each accepted near miss turns one outside partner back into a member
    assert truth["2.3"] == int((~survey.actors["in_cluster"]).sum()) - n_near
    # the student's way: aliases parsed from the warnings, then ties reported by both ends
    near = survey.problems[survey.problems["message"].str.contains("Did you mean", regex=False)]
    parsed = near["message"].str.extract(r"partner '(?P<written>.+?)' is not on the roster.*\((?P<actor>[^()]+)\)\?")
    fixed = netkit.read_survey(path, aliases=dict(zip(parsed["written"], parsed["actor"])))
    assert accepted("2.3", truth, int((~fixed.actors["in_cluster"]).sum()))
    both = int((netkit.tie_table(fixed)["reported_by"] == "both").sum())
    assert truth["2.4"] == both and accepted("2.4", truth, both)
    unfixed = int((netkit.tie_table(survey)["reported_by"] == "both").sum())
    assert unfixed != both and not accepted("2.4", truth, unfixed)  # fixing the names matters


# --------------------------------------------------------------------------------- lesson 3: communities


def test_lesson3_answers_match_networkx_modularity_and_a_hand_ari(truth):
    # the Medici's marriage community: the same in every consensus we ran (seeds 0, 1, 2; n_runs=100)
    assert truth["3.1"] == {"Medici", "Acciaiuoli", "Barbadori", "Ridolfi", "Tornabuoni"}
    assert accepted("3.1", truth, ["tornabuoni", "RIDOLFI", "Barbadori", "Acciaiuoli", "Medici"])
    G = netkit.build_graph(generate_cluster(**course.COMMUNITY_CLUSTER))
    result = netkit.find_communities(G, seed=1, n_runs=20)
    membership = result.membership["community"]
    groups = [set(members.index) for _, members in membership.groupby(membership)]
    reference = nx.community.modularity(collapse(G, directed=False), groups, weight="weight")
    assert truth["3.2"] == pytest.approx(reference, abs=1e-9) and accepted("3.2", truth, reference)
    assert truth["3.3"] == int((membership.value_counts() >= 2).sum())
    labelled = {a: pd.Series({n: d.get(a) for n, d in G.nodes(data=True)}).dropna() for a in ("sector", "region", "kind")}
    ari = {a: adjusted_rand(membership[values.index], values) for a, values in labelled.items()}
    for a, value in ari.items():
        assert value == pytest.approx(netkit.partition_agreement(G, result, a).ari, abs=1e-9)
    assert truth["3.4"] == max(ari, key=ari.get) and accepted("3.4", truth, max(ari, key=ari.get))


# ------------------------------------------------------------------------------------ lesson 4: brokers


def test_lesson4_answers_match_the_design_and_networkx(truth, hub, florentine):
    survey, G = hub
    name, node = truth["4.1"]
    roles = survey.meta["roles"]
    assert roles[node] == "hub"  # the generator made it the hub ...
    hubs = survey.actors.loc[roles.index[roles == "hub"], "employees"]
    assert node == hubs.idxmax()  # ... the main one, the largest firm
    assert name == survey.actors.loc[node, "name"]
    assert accepted("4.1", truth, name) and accepted("4.1", truth, node) and accepted("4.1", truth, name.upper())
    # Burt's constraint by networkx on the directed collapse (mutual weight a_ij + a_ji; an undirected
    # tie is an arc each way there, so it counts twice as much as a one-way trade tie of the same strength)
    reference = nx.constraint(collapse(G), nodes=[node], weight="weight")[node]
    assert truth["4.2"] == pytest.approx(reference, abs=1e-9) and accepted("4.2", truth, reference)
    _, business = florentine
    B = nx.Graph(business)
    bc = nx.betweenness_centrality(B, normalized=False)
    assert max(bc, key=bc.get) == "Barbadori" and truth["4.3"] == "Barbadori"  # not the Medici
    assert bc["Barbadori"] == 25.0 and bc["Medici"] == 24.0
    assert truth["4.4"] == set(nx.articulation_points(B)) == {"Medici", "Barbadori"}
    assert accepted("4.4", truth, {"Barbadori", "Medici"})


# --------------------------------------------------------------------------------------- lesson 5: SMEs


def test_lesson5_answers_match_counts_on_the_graph(truth, district):
    survey, G = district
    H = collapse(G, directed=False)
    firms = member_firms(G)
    assert survey.actors.loc[firms, "is_sme"].notna().all()
    smes = [n for n in firms if bool(survey.actors.loc[n, "is_sme"])]
    large = [n for n in firms if n not in smes]
    assert len(smes) > 40 and len(large) >= 5
    mean = float(np.mean([H.degree(n) for n in smes]))
    assert truth["5.1"] == pytest.approx(mean) and accepted("5.1", truth, mean)
    institutional = {n for u, v, k in G.edges(keys=True) if k in ("university", "agency") for n in (u, v)}
    without = sum(n not in institutional for n in smes)
    assert truth["5.2"] == without and accepted("5.2", truth, without)
    welch = stats.ttest_ind([H.degree(n) for n in smes], [H.degree(n) for n in large], equal_var=False)
    assert truth["5.3"] is False and welch.pvalue > 0.05  # not significant by a Welch t-test either
    assert accepted("5.3", truth, False) and accepted("5.3", truth, "no")
    sector = {n: d["sector"] for n, d in H.nodes(data=True) if d.get("sector")}
    kept = [(u, v) for u, v in H.edges() if u in sector and v in sector]
    external = sum(sector[u] != sector[v] for u, v in kept)
    internal = len(kept) - external
    reference = (external - internal) / (external + internal)
    assert truth["5.4"] == pytest.approx(reference) and accepted("5.4", truth, reference)


# -------------------------------------------------------------------------------------- lesson 6: audit


def articulation_cut_off(G) -> int:
    """The most actors any one cut point cuts off from the rest of its component (networkx, by removal)."""
    U = nx.Graph(collapse(G, directed=False))
    worst = 0
    for v in nx.articulation_points(U):
        size = len(nx.node_connected_component(U, v))
        rest = U.subgraph(nx.node_connected_component(U, v) - {v})
        worst = max(worst, size - 1 - max(len(c) for c in nx.connected_components(rest)))
    return worst


def test_lesson6_answers_match_the_survey_and_networkx(truth, lesson6):
    made, survey, G = lesson6
    assert truth["6.1"] == len(survey.problems) == len(made.meta["mess"]) - int(
        (made.meta["mess"]["problem"] == "headcount missing").sum())  # every mess but the blank headcounts
    name, node = truth["6.2"]
    bc = nx.betweenness_centrality(collapse(G), normalized=False)
    assert max(bc, key=bc.get) == node and made.meta["roles"][node] == "anchor"  # the university
    assert accepted("6.2", truth, name) and accepted("6.2", truth, node)
    assert truth["6.3"] == articulation_cut_off(G) and accepted("6.3", truth, articulation_cut_off(G))
    # the audit docstring's list of files that are not figures
    assert truth["6.4"] == {"metrics.xlsx", "network.gexf", "network.graphml", "report.html"}
    assert accepted("6.4", truth, ["report.html", "metrics.xlsx", "network.graphml", "network.gexf"])


# -------------------------------------------------------------------------------------- lesson 7: types


def test_lesson7_answers_match_networkx_and_the_documented_signatures(truth, types):
    transitivity = {k: nx.transitivity(nx.Graph(collapse(G, directed=False))) for k, G in types.items()}
    assert truth["7.1"] == max(transitivity, key=transitivity.get)
    assert accepted("7.1", truth, max(transitivity, key=transitivity.get))
    shares = {k: shares_outside(G) for k, G in types.items()}
    external = {k: s[0] for k, s in shares.items()}
    institutional = {k: s[1] for k, s in shares.items()}
    # generate_cluster's documented signatures: the platform is the most open, the anchor's cluster
    # has the highest share of ties with institutions
    assert truth["7.2"] == max(external, key=external.get) == "satellite_platform"
    assert truth["7.3"] == max(institutional, key=institutional.get) == "state_anchored"
    assert accepted("7.2", truth, "satellite platform") and accepted("7.3", truth, "State-Anchored")
    assert truth["7.4"] == pytest.approx(external["satellite_platform"])
    assert accepted("7.4", truth, external["satellite_platform"])


# ------------------------------------------------------------------------------------- wrong answers


WRONG_NAMES = {"1.2": "Strozzi", "3.4": None, "4.1": "University of Sorusco", "4.3": "Medici",
               "6.2": "Lomara Technology Transfer Office", "7.1": None, "7.2": None, "7.3": None}


def wrong_answers(ex, right) -> list:
    """Answers that must be rejected, for an exercise whose right answer is ``right``."""
    if ex.kind == "number":
        step = 1 if ex.tolerance == 0 else 3 * ex.tolerance
        return [right + step, right - step, right + 1, str(right), f"{right}", True, [right], None,
                float("nan"), pd.Series([right])]
    if ex.kind == "name":
        name = right if isinstance(right, str) else right[0]
        other = WRONG_NAMES[ex.id] or next(c for c in ex.choices if c != name)
        return [other, name + " X", "", 42, [name], pd.Series([name]), {name}]
    if ex.kind == "names":
        names = sorted(n if isinstance(n, str) else n[0] for n in right)
        return [names[:-1], names + ["Nobody S.r.l."], names[:-1] + ["Nobody S.r.l."], [], names[0],
                ", ".join(names), pd.Series([True] * len(names)), [1, 2]]
    return [not right, "maybe", int(right), None]


def as_student(right):
    """The registered answer as a student would write it: a name, a list of names, a number, a bool."""
    if isinstance(right, tuple):  # (name, id) of an actor
        return right[0]
    if isinstance(right, set):
        return sorted(n if isinstance(n, str) else n[0] for n in right)
    return right


@pytest.mark.parametrize("eid", IDS)
def test_wrong_answers_are_rejected_with_a_hint(eid, truth, monkeypatch, capsys):
    ex = course.EXERCISES[eid]
    monkeypatch.setattr(course, "EXERCISES",  # the registry with this answer fixed, so each check is fast
                        MappingProxyType({**course.EXERCISES, eid: dataclasses.replace(ex, answer=lambda: truth[eid])}))
    shown = as_student(truth[eid])
    assert course.check(eid, shown) is True
    assert "Correct" in capsys.readouterr().out
    for wrong in wrong_answers(ex, shown):
        assert course.check(eid, wrong) is False, wrong
        out = capsys.readouterr().out
        assert "Not yet" in out and f"Hint: {ex.hints[0]}" in out, out
        if ex.kind in ("name", "names"):  # the feedback never names the right answer (unless the question does)
            names = [shown] if isinstance(shown, str) else shown
            said = out.replace(str(wrong), "")
            public = ex.question + " ".join(ex.choices)  # a list of choices names every option
            assert not any(n in said for n in names if len(n) > 3 and n not in public), (wrong, out)


@pytest.mark.parametrize("eid", ["1.1", "1.3", "3.2", "5.1", "7.4"])
def test_numbers_say_too_high_or_too_low_and_accept_the_tolerance(eid, truth):
    ex = course.EXERCISES[eid]
    right = truth[eid]
    assert course._judge(ex, right, right + ex.tolerance * 0.9)[0]
    assert course._judge(ex, right, np.float64(right))[0]
    assert "too high" in course._judge(ex, right, right + ex.tolerance + 1e-6 + (ex.tolerance == 0))[1]
    assert "too low" in course._judge(ex, right, right - ex.tolerance - 1e-6 - (ex.tolerance == 0))[1]
    if 0 < right < 1:  # a percentage is told apart from a wrong share
        assert "percentage" in course._judge(ex, right, right * 100)[1]


def test_names_are_matched_without_case_spaces_or_legal_form(truth):
    name = truth["4.1"][0]  # "... S.p.A."
    bare = name.rsplit(" ", 1)[0]
    for variant in (name.lower(), f"  {name.upper()} ", bare, bare.lower()):
        assert accepted("4.1", truth, variant), variant
    assert accepted("7.1", truth, truth["7.1"].replace("_", " ").upper())
    assert accepted("1.4", truth, pd.Index(sorted(truth["1.4"])))
    assert accepted("1.4", truth, pd.Series(sorted(truth["1.4"])))
    assert accepted("1.4", truth, sorted(truth["1.4"]) + ["PUCCI"])  # a repeat is no error


def test_end_to_end_checks_compute_the_answer_themselves(capsys):
    assert course.check("1.1", 15) is True
    assert "Exercise 1.1: Correct" in capsys.readouterr().out
    assert course.check("1.1", 14) is False
    out = capsys.readouterr().out
    assert "Not yet" in out and "too low" in out and "Hint:" in out and "course.hint('1.1')" in out
    assert course.check("4.3", "Medici") is False  # the business broker is not the marriage broker
    assert "Not yet" in capsys.readouterr().out
    assert course.check("4.4", ["Medici", "Barbadori"]) is True


@pytest.mark.parametrize("eid", IDS)
def test_unanswered_is_not_an_error_and_computes_nothing(eid, monkeypatch, capsys):
    def boom():
        raise AssertionError("an unanswered exercise must not compute its answer")

    ex = course.EXERCISES[eid]
    monkeypatch.setattr(course, "EXERCISES", MappingProxyType({**course.EXERCISES,
                                                               eid: dataclasses.replace(ex, answer=boom)}))
    assert course.check(eid, ...) is False
    assert "not answered yet" in capsys.readouterr().out


def test_registry_listing_hints_and_unknown_ids(capsys):
    table = course.exercises()
    assert list(table.index) == IDS and set(table["lesson"]) == set(course.LESSONS)
    assert (table.groupby("lesson").size() >= 2).all()
    assert set(table["answer"]) <= {"a whole number", "a name", "a list of names", "True or False"} | {
        a for a in table["answer"] if a.startswith("a number (within ")}
    assert list(course.exercises(3).index) == ["3.1", "3.2", "3.3", "3.4"]
    for eid, ex in course.EXERCISES.items():
        assert eid.startswith(f"{ex.lesson}.") and ex.hints and ex.kind in ("number", "name", "names", "yes/no")
        assert ex.tolerance >= 0 and (ex.kind == "number" or ex.tolerance == 0)
    course.hint("2.3")
    out = capsys.readouterr().out
    assert all(h in out for h in course.EXERCISES["2.3"].hints)
    with pytest.raises(NetkitError, match="no exercise '9.9'"):
        course.check("9.9", 1)
    with pytest.raises(NetkitError, match="no lesson"):
        course.exercises(99)


# ------------------------------------------------------------------------------------------ notebooks


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    return "".join(cell["source"])


LESSON_FILES = sorted(NOTEBOOKS.glob("lesson*.ipynb"))
CHECK = re.compile(r'course\.check\("(\d+\.\d+)", answer_(\d+)_(\d+)\)')


def test_one_lesson_notebook_and_one_solution_per_lesson():
    numbers = [int(re.match(r"lesson(\d+)_", p.name).group(1)) for p in LESSON_FILES]
    assert numbers == sorted(course.LESSONS)
    assert sorted(p.name for p in (NOTEBOOKS / "solutions").glob("*.ipynb")) == [p.name for p in LESSON_FILES]


@pytest.mark.parametrize("path", LESSON_FILES, ids=lambda p: p.stem)
def test_lesson_and_solution_match_the_registry(path):
    lesson = int(re.match(r"lesson(\d+)_", path.name).group(1))
    student, teacher = cells(path), cells(NOTEBOOKS / "solutions" / path.name)
    registered = [eid for eid, ex in course.EXERCISES.items() if ex.lesson == lesson]
    asked = [m.group(1) for c in student if c["cell_type"] == "code" for m in CHECK.finditer(source(c))]
    solved = [m.group(1) for c in teacher if c["cell_type"] == "code"
              for m in re.finditer(r'assert course\.check\("(\d+\.\d+)", answer_\d+_\d+\)', source(c))]
    assert asked == registered == solved
    for c in student:  # every student answer is left open, with its own variable
        for m in CHECK.finditer(source(c)):
            assert f"answer_{m.group(2)}_{m.group(3)} = ...  # your answer" in source(c)
            assert m.group(1) == f"{m.group(2)}.{m.group(3)}"
    answers = [source(c) for c in teacher if "assert course.check(" in source(c)]
    assert all(" = ...  # your answer" not in a and "= ..." not in a for a in answers)
    for eid in registered:  # the question in both notebooks is the registry's
        text = f"**Exercise {eid}.** {course.EXERCISES[eid].question}"
        assert any(source(c) == text for c in student) and any(source(c) == text for c in teacher)
    # the same lesson: apart from the teacher's note and the answer cells, the cells are identical
    shared_student = [source(c) for c in student if "course.check(" not in source(c)]
    shared_teacher = [source(c) for c in teacher if "course.check(" not in source(c)
                      and not source(c).startswith("> **Teacher's version")]
    assert shared_student == shared_teacher


@pytest.mark.parametrize("path", LESSON_FILES + sorted((NOTEBOOKS / "solutions").glob("*.ipynb")),
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_notebooks_are_committed_clean_and_show_a_picture_before_a_formula(path):
    nb = cells(path)
    for c in nb:
        if c["cell_type"] == "code":
            assert c["outputs"] == [] and c["execution_count"] is None, source(c)[:60]
    texts = [source(c) for c in nb]
    assert "What you will learn" in texts[0]
    first_plot = next(i for i, t in enumerate(texts) if "netkit.plot(" in t)
    formulas = [i for i, t in enumerate(texts) if "$$" in t]
    assert not formulas or first_plot < formulas[0]
    code = "\n".join(t for t, c in zip(texts, nb) if c["cell_type"] == "code")
    assert "seed=" in code and "import netkit" in code
    assert not re.search(r"\b(def|class|while)\b", code)  # no algorithm written in a notebook

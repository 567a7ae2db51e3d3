"""Exercises of the netkit course (``notebooks/course/``), with checks and hints.

Every lesson ends with exercises. A student writes an answer and calls
:func:`check`, which computes the right answer again with netkit, from the
bundled data or a seeded generated cluster (never a stored number), compares
it and prints ``Correct`` or ``Not yet`` with a hint that helps without giving
the answer away. An answer left as ``...`` is "not answered yet": the check
returns False without raising, so an unfinished notebook still runs from top
to bottom. :func:`exercises` lists the questions and :func:`hint` prints the
hints of one.

How answers are compared:

* numbers within the tolerance stated in :func:`exercises` (a count must be
  exact); a bool or a text is not a number;
* names without regard to case, spaces, ``_`` or ``-``, and for firms without
  their legal form (:func:`netkit.normalise_name`): ``"hub and spoke"`` is
  ``"hub_and_spoke"`` and ``"pesiondo motors"`` is ``"Pesiondo Motors S.p.A."``.
  Where the question asks for an actor, its id is accepted as well;
* lists of names as sets: order and repeats do not matter;
* yes/no questions take True or False (or "yes" / "no").

The module keeps no state: ``EXERCISES`` is a read-only registry of
:class:`Exercise` records (a teacher can call ``EXERCISES["3.1"].answer()``),
and every check computes its answer afresh (the data are small).

Examples
--------
>>> from netkit import course
>>> course.check("1.1", ...)
Exercise 1.1: not answered yet. Replace the ... with your answer and run the cell again.
False
>>> course.check("1.1", "fifteen")
Exercise 1.1: Not yet. The answer is a number: write it without quotes.
Hint: netkit.network_summary(F, relation="business") describes the business network alone.
(course.hint('1.1') shows 2 hints.)
False
>>> course.exercises(1)["answer"].tolist()[:2]
['a whole number', 'a name']
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from numbers import Real
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from .audit import analyse, audit
from .brokerage import betweenness, cut_points
from .communities import find_communities, partition_agreement
from .datasets import florentine_families
from .embeddedness import compare_groups, ei_index, embeddedness, network_summary
from .errors import NetkitError
from .generate import CLUSTER_KINDS, generate_cluster
from .graph import build_graph, select_relation
from .holes import structural_holes
from .survey import read_survey
from .survey._names import normalise_name

__all__ = ["LESSONS", "Exercise", "check", "exercises", "hint"]

LESSONS = MappingProxyType({
    1: "What is a network of firms",
    2: "From a survey to a network",
    3: "Communities",
    4: "Brokers and structural holes",
    5: "SME embeddedness",
    6: "The full audit",
    7: "Comparing cluster types",
})

# The data of each lesson: the notebooks use the same calls (the questions quote them).
SURVEY_CLUSTER = MappingProxyType({"kind": "marshallian", "n_firms": 40, "seed": 3, "messy": True})
COMMUNITY_CLUSTER = MappingProxyType({"kind": "marshallian", "n_firms": 60, "seed": 1})
HUB_CLUSTER = MappingProxyType({"kind": "hub_and_spoke", "n_firms": 60, "seed": 1})
DISTRICT_CLUSTER = MappingProxyType({"kind": "marshallian", "n_firms": 60, "sme_share": 0.85, "seed": 1})
AUDIT_CLUSTER = MappingProxyType({"kind": "state_anchored", "n_firms": 40, "seed": 4, "messy": True})
TYPES_N_FIRMS, TYPES_SEED = 60, 1


@dataclass(frozen=True)
class Exercise:
    """One exercise: its question, how to compute the right answer, how to compare, hints.

    ``kind`` is ``number`` (equal within ``tolerance``), ``name`` (one name;
    ``answer`` may return a tuple of accepted spellings, the first shown as
    the name), ``names`` (a set of names; each item may be such a tuple) or
    ``yes/no``. ``choices`` lists the only sensible answers of a name question.
    """

    id: str
    lesson: int
    question: str
    answer: Callable[[], object]
    kind: str
    hints: tuple[str, ...]
    tolerance: float = 0.0
    choices: tuple[str, ...] = ()


# ------------------------------------------------------------------------------------------------ the data


def _marriage():
    return select_relation(florentine_families(), "marriage")


def _graph(params) -> tuple:
    survey = generate_cluster(**params)
    return survey, build_graph(survey)


def _actor(G, node) -> tuple[str, str]:
    """An actor's accepted spellings: its name, then its id."""
    return (str(G.nodes[node].get("name", node)), str(node))


def _workbook(params, then: Callable):
    """Write a generated survey as a workbook in a temporary folder; ``then(path, generated)``."""
    with tempfile.TemporaryDirectory() as folder:
        generated = generate_cluster(**params, out=Path(folder) / "survey.xlsx")
        return then(generated.meta["path"], generated)


def _near_misses(survey) -> pd.DataFrame:
    return survey.problems[survey.problems["message"].str.contains("Did you mean", regex=False)]


def _fixed(path, generated):
    """The workbook read with every misspelt member accepted as an alias (from the generator's answer key)."""
    mess = generated.meta["mess"]
    misspelt = mess[mess["problem"] == "misspelt name (near miss)"]
    return read_survey(path, aliases=dict(zip(misspelt["written"], misspelt["means"])))


def _firms(params) -> pd.DataFrame:
    """Embeddedness profiles of the cluster's member firms of known size, ``is_sme`` as bool."""
    _, G = _graph(params)
    profile = embeddedness(G)
    firms = profile[profile["in_cluster"].astype(bool) & (profile["kind"] == "firm") & profile["is_sme"].notna()].copy()
    firms["is_sme"] = firms["is_sme"].astype(bool)
    return firms


def _audit_result():
    """netkit.analyse on the lesson-6 workbook (what netkit.audit computes before writing files)."""
    return _workbook(AUDIT_CLUSTER, lambda path, g: analyse(read_survey(path), seed=0, n_runs=20))


def _audit_files() -> set:
    def run(path, generated):
        result = audit(path, Path(path).parent / "audit", seed=0, n_runs=20)
        return {p.name for p in result.settings["files"] if p.parent.name != "figures"}

    return _workbook(AUDIT_CLUSTER, run)


def _types() -> pd.DataFrame:
    """The measures lesson 7 compares, one row per cluster kind."""
    rows = {}
    for kind in CLUSTER_KINDS:
        _, G = _graph({"kind": kind, "n_firms": TYPES_N_FIRMS, "seed": TYPES_SEED})
        summary = network_summary(G)
        profile = embeddedness(G)
        members = profile[profile["in_cluster"].astype(bool)]
        firms = members[members["kind"] == "firm"]
        rows[kind] = {"transitivity": summary["transitivity"],
                      "external_share": members["external_ties"].sum() / members["degree"].sum(),
                      "institutional_share": firms["institutional_ties"].sum() / firms["degree"].sum()}
    return pd.DataFrame(rows).T


# ---------------------------------------------------------------------------------------- the right answers
# One function per exercise that takes more than a single call.


def _families_without_business() -> set:
    profile = embeddedness(florentine_families())
    return set(profile.index[profile["business"] == 0])


def _medici_community() -> set:
    membership = find_communities(_marriage(), seed=1, n_runs=100).membership
    return set(membership.index[membership["community"] == membership.loc["Medici", "community"]])


def _district_communities():
    _, G = _graph(COMMUNITY_CLUSTER)
    return G, find_communities(G, seed=1, n_runs=20)


def _followed_attribute() -> str:
    G, result = _district_communities()
    return max(("sector", "region", "kind"), key=lambda attribute: partition_agreement(G, result, attribute).ari)


def _hub_top_broker():
    """The hub-and-spoke cluster's graph and the id of its top broker (weighted betweenness)."""
    _, G = _graph(HUB_CLUSTER)
    return G, betweenness(G, weight="weight")["betweenness"].idxmax()


def _hub_top_constraint() -> float:
    G, top = _hub_top_broker()
    return float(structural_holes(G, weight="weight").loc[top, "constraint"])


def _business():
    return select_relation(florentine_families(), "business")


def _sme_difference_significant() -> bool:
    table = compare_groups(_firms(DISTRICT_CLUSTER), "degree", "is_sme", groups=[True, False], seed=1)
    return bool(table.loc["degree", "p_value"] < 0.05)


def _audit_top_broker() -> tuple[str, str]:
    actors = _audit_result().actors
    top = actors["betweenness"].idxmax()
    return str(actors.loc[top, "name"]), str(top)


def _non_respondents(path, generated) -> set:
    members = read_survey(path).non_respondents
    return {(str(name), str(actor)) for actor, name in members["name"].items()}


def _fixed_outside_partners(path, generated) -> int:
    return int((~_fixed(path, generated).actors["in_cluster"]).sum())


def _fixed_confirmed_ties(path, generated) -> int:
    return build_graph(_fixed(path, generated), how="confirmed").number_of_edges()


# -------------------------------------------------------------------------------------------- the exercises

_COMMUNITY_CALL = 'generate_cluster("marshallian", n_firms=60, seed=1)'
_HUB_CALL = 'generate_cluster("hub_and_spoke", n_firms=60, seed=1)'
_DISTRICT_CALL = 'generate_cluster("marshallian", n_firms=60, sme_share=0.85, seed=1)'
_TYPES_CALL = "generate_cluster(kind, n_firms=60, seed=1)"

_ALL = (
    # 1 What is a network of firms: the Florentine families
    Exercise("1.1", 1, "How many business ties link the 16 Florentine families?",
             lambda: int(network_summary(florentine_families(), relation="business")["ties"]), "number",
             ('netkit.network_summary(F, relation="business") describes the business network alone.',
              "Look at its `ties` entry.")),
    Exercise("1.2", 1, "Which family has the most business partners?",
             lambda: str(embeddedness(florentine_families())["business"].idxmax()), "name",
             ("netkit.embeddedness(F) has a column per relation: how many partners each family has in it.",
              "A pandas Series tells which index has its largest value with `.idxmax()`.")),
    Exercise("1.3", 1, "What is the density of the business network (the share of possible ties that exist)?",
             lambda: float(network_summary(florentine_families(), relation="business")["density"]), "number",
             ('The `density` entry of netkit.network_summary(F, relation="business").',
              "16 families make 16 x 15 / 2 = 120 possible pairs; density is ties / pairs."), tolerance=0.001),
    Exercise("1.4", 1, "Which families have no business tie at all? Give a list of names.",
             _families_without_business, "names",
             ("In netkit.embeddedness(F), the `business` column counts each family's business partners.",
              "Select the rows where it is 0 and take their index: profile.index[profile['business'] == 0].")),
    # 2 From a survey to a network: a messy workbook
    Exercise("2.1", 2, "Which members did not answer the survey? Give their names.",
             lambda: _workbook(SURVEY_CLUSTER, _non_respondents), "names",
             ("The Survey has a `non_respondents` table.",
              ("Its `name` column holds the names; a member marked as not responded who still reported ties "
               "counts as a respondent (see the warnings)."))),
    Exercise("2.2", 2, "How many near misses (names that look like a member's but are not written the same) "
                       "did netkit report when reading the workbook?",
             lambda: _workbook(SURVEY_CLUSTER, lambda path, g: len(_near_misses(read_survey(path)))), "number",
             ("Read `survey.problems`: a near miss says 'Did you mean ...?'.",
              "survey.problems['message'].str.contains('Did you mean') marks them; count the True values.")),
    Exercise("2.3", 2, "Accept every near miss as an alias and read the workbook again. How many outside "
                       "partners (actors not on the roster) are left?",
             lambda: _workbook(SURVEY_CLUSTER, _fixed_outside_partners), "number",
             (("read_survey(path, aliases={written name: actor id}) accepts the spellings the warnings suggest; "
               "the lesson built that dict for one near miss."),
              "Outside partners have in_cluster False in survey.actors; survey.summary() counts them too.")),
    Exercise("2.4", 2, "In the fixed survey, how many ties did both ends report (confirmed ties)?",
             lambda: _workbook(SURVEY_CLUSTER, _fixed_confirmed_ties), "number",
             ('netkit.build_graph(survey, how="confirmed") keeps only ties both ends reported.',
              "A graph's number_of_edges() counts its ties (one per relation between two actors).")),
    # 3 Communities
    Exercise("3.1", 3, "In the consensus communities of the Florentine marriage network "
                       "(find_communities(marriage, seed=1, n_runs=100)), which families share the Medici's "
                       "community? List them all, the Medici included.",
             _medici_community, "names",
             ("result.membership has a `community` column indexed by family.",
              ("Find the Medici's community number with .loc['Medici', 'community'], then select every family "
               "with the same number."))),
    Exercise("3.2", 3, f"Now the Marshallian district {_COMMUNITY_CALL}. What is the modularity of its consensus "
                       "communities (find_communities(G, seed=1, n_runs=20))?",
             lambda: float(_district_communities()[1].modularity), "number",
             ("The result of find_communities has a `modularity` attribute.",
              "Use the same seed and n_runs as the question: Louvain is random."), tolerance=0.005),
    Exercise("3.3", 3, "How many of those communities have at least two members?",
             lambda: int((_district_communities()[1].communities["size"] >= 2).sum()), "number",
             ("result.communities has one row per community with its `size`.",
              "Isolates form communities of one: leave them out.")),
    Exercise("3.4", 3, "Which attribute do these communities follow most: 'sector', 'region' or 'kind'?",
             _followed_attribute, "name",
             ("netkit.partition_agreement(G, result, attribute) compares the communities with an attribute.",
              "The higher the adjusted Rand index (`ari`), the closer the communities follow the attribute."),
             choices=("sector", "region", "kind")),
    # 4 Brokers and structural holes
    Exercise("4.1", 4, f"In the hub-and-spoke cluster {_HUB_CALL}, which actor has the highest betweenness with "
                       'tie strengths as weights (betweenness(G, weight="weight"))? Give its name.',
             lambda: _actor(*_hub_top_broker()), "name",
             ('netkit.betweenness(G, weight="weight") gives one row per actor; .idxmax() finds the top one.',
              "The index is the actor id; survey.actors['name'] turns it into a name (the id is accepted too).")),
    Exercise("4.2", 4, 'What is the constraint of that actor, with tie strengths as weights '
                       '(structural_holes(G, weight="weight"))?',
             _hub_top_constraint, "number",
             ('netkit.structural_holes(G, weight="weight") has a `constraint` column, one row per actor.',
              "Many partners who are not tied to each other make constraint low."), tolerance=0.001),
    Exercise("4.3", 4, "Back to Florence: which family has the highest betweenness in the BUSINESS network?",
             lambda: str(betweenness(_business())["betweenness"].idxmax()), "name",
             ('netkit.select_relation(F, "business") is the business network alone.',
              ("netkit.betweenness on it, then .idxmax() of the `betweenness` column. It may not be the family "
               "you expect."))),
    Exercise("4.4", 4, "Which families are cut points of the business network? Give a list of names.",
             lambda: set(cut_points(_business()).index), "names",
             ("netkit.cut_points(business) has one row per cut point.",
              "The families are its index.")),
    # 5 SME embeddedness
    Exercise("5.1", 5, f"In the Marshallian district {_DISTRICT_CALL}, what is the mean number of partners "
                       "(`degree`) of the SMEs among its member firms?",
             lambda: float(_firms(DISTRICT_CLUSTER).query("is_sme")["degree"].mean()), "number",
             ("Profile the actors with netkit.embeddedness(G) and keep the member firms, as in the lesson.",
              ("compare_groups(firms, 'degree', 'is_sme', groups=[True, False]) reports `mean_True`, or take "
               "the mean of `degree` over the rows where is_sme is True.")), tolerance=0.01),
    Exercise("5.2", 5, "In the same district, how many SMEs have no tie to any university or agency?",
             lambda: int((_firms(DISTRICT_CLUSTER).query("is_sme")["institutional_ties"] == 0).sum()), "number",
             (("The `institutional_ties` column of netkit.embeddedness counts partners that are universities "
               "or agencies."), "Count the SMEs (is_sme True) where it is 0.")),
    Exercise("5.3", 5, "In the same district, is the difference in `degree` between SMEs and large firms "
                       "significant at the 5% level (compare_groups with groups=[True, False], seed=1)? "
                       "Answer True or False.",
             _sme_difference_significant, "yes/no",
             ("compare_groups(firms, 'degree', 'is_sme', groups=[True, False], seed=1) has a `p_value` column.",
              "Significant at 5% means p_value below 0.05.")),
    Exercise("5.4", 5, 'What is the district\'s E-I index by sector (ei_index(G, "sector", seed=1))?',
             lambda: float(ei_index(_graph(DISTRICT_CLUSTER)[1], "sector", seed=1).index), "number",
             ('netkit.ei_index(G, "sector", seed=1) returns a result whose `index` is the whole-network value.',
              "The E-I index lies between -1 (all ties inside sectors) and +1 (all ties across)."),
             tolerance=0.005),
    # 6 The full audit
    Exercise("6.1", 6, "How many problems does the data check of the analysis list for the workbook?",
             lambda: len(_audit_result().problems), "number",
             ("The result of netkit.analyse (or netkit.audit) has a `problems` table: one row per problem.",
              "len(table) counts its rows.")),
    Exercise("6.2", 6, "Which actor has the highest betweenness in the analysis? Give its name.",
             _audit_top_broker, "name",
             ("result.actors has a `betweenness` column and a `name` column.",
              "result.actors.nlargest(1, 'betweenness') shows the top row.")),
    Exercise("6.3", 6, "If the most critical single point of failure left the cluster, how many actors would be "
                       "cut off?",
             lambda: int(_audit_result().cut_points["cut_off"].max()), "number",
             ("result.cut_points lists the cut points with a `cut_off` column; the findings mention it too.",
              "Take the largest value of that column.")),
    Exercise("6.4", 6, "Which files did the audit write directly into its output folder (not the figures)? "
                       "Give their file names, e.g. 'report.html'.",
             _audit_files, "names",
             ('result.settings["files"] lists every file written, as paths.',
              "A path's .name is its file name; the figures are in the figures/ folder.")),
    # 7 Comparing cluster types
    Exercise("7.1", 7, f"Of the five cluster types (each {_TYPES_CALL}), which has the highest transitivity "
                       "(how often two partners of an actor are tied themselves)?",
             lambda: str(_types()["transitivity"].idxmax()), "name",
             ("netkit.network_summary(G) has a `transitivity` entry.",
              "Put the five summaries in one table and use .idxmax() on that row."), choices=CLUSTER_KINDS),
    Exercise("7.2", 7, "Which type has the highest share of its members' ties going to outside partners "
                       "(external_ties / degree, each summed over the members)?",
             lambda: str(_types()["external_share"].idxmax()), "name",
             (("netkit.embeddedness(G) has `external_ties` and `degree` per actor; keep the members "
               "(in_cluster True)."), "Divide the sum of external_ties by the sum of degree, per type."),
             choices=CLUSTER_KINDS),
    Exercise("7.3", 7, "Which type has the highest share of its member firms' ties going to universities and "
                       "agencies (institutional_ties / degree, each summed over the member firms)?",
             lambda: str(_types()["institutional_share"].idxmax()), "name",
             (("netkit.embeddedness(G) has `institutional_ties`; keep the member firms (kind 'firm', in_cluster "
               "True)."), "Divide the sum of institutional_ties by the sum of degree, per type."),
             choices=CLUSTER_KINDS),
    Exercise("7.4", 7, "What is the external share of exercise 7.2 in the satellite platform?",
             lambda: float(_types().loc["satellite_platform", "external_share"]), "number",
             ("Sum `external_ties` and `degree` over the members (in_cluster True) of netkit.embeddedness(G).",
              "The share is between 0 and 1: external ties divided by all ties."), tolerance=0.005),
)

EXERCISES = MappingProxyType({ex.id: ex for ex in _ALL})


# ------------------------------------------------------------------------------------------- comparing


def _key(value) -> str:
    return " ".join(str(value).casefold().replace("_", " ").replace("-", " ").split())


def _same_name(answer, spellings) -> bool:
    spellings = (spellings,) if isinstance(spellings, str) else tuple(spellings)
    given = _key(answer)
    plain = normalise_name(str(answer))
    return any(given == _key(s) or (plain and plain == normalise_name(str(s))) for s in spellings)


def _is_table(value) -> bool:
    return isinstance(value, (pd.Series, pd.DataFrame, pd.Index, np.ndarray, list, tuple, set, frozenset, dict))


def _judge_number(ex: Exercise, truth, answer) -> tuple[bool, str]:
    if isinstance(answer, (bool, np.bool_)):
        return False, "True and False are not numbers: the answer is a number."
    if isinstance(answer, str):
        try:
            float(answer)
        except ValueError:
            return False, "The answer is a number: write it without quotes."
        return False, "That is a text: write the number without quotes."
    if _is_table(answer):
        return False, "Give one number, not a table or a list: pick the value with .loc[...] or ['...']."
    if not isinstance(answer, Real):
        return False, f"The answer is a number, not a {type(answer).__name__}."
    value, truth = float(answer), float(truth)
    if math.isnan(value):
        return False, "Your answer is NaN (not a number): check which rows or columns you used."
    if abs(value - truth) <= ex.tolerance + 1e-9 * max(1.0, abs(truth)):
        return True, ""
    if 0 <= truth <= 1 < value <= 100 and abs(value / 100 - truth) <= ex.tolerance + 1e-9:
        return False, "Give it as a share between 0 and 1, not as a percentage."
    what = "too high" if value > truth else "too low"
    near = "" if ex.tolerance == 0 else f" (it must be within {ex.tolerance:g} of the right one)"
    return False, f"Your number is {what}{near}."


def _judge_name(ex: Exercise, truth, answer) -> tuple[bool, str]:
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray, list, tuple)) and len(answer) == 1:
        return False, "Give the name itself, not a table or a list of one: take it out with [0] or .iloc[0]."
    if not isinstance(answer, str):
        return False, "The answer is a name: write it as a text in quotes."
    if _same_name(answer, truth):
        return True, ""
    if ex.choices and not any(_same_name(answer, c) for c in ex.choices):
        return False, "Answer one of: " + ", ".join(repr(c) for c in ex.choices) + "."
    return False, f"'{answer}' is not the one."


def _items(answer) -> list | None:
    if isinstance(answer, (pd.DataFrame, str, dict)):
        return None
    if isinstance(answer, pd.Series):
        if pd.api.types.is_bool_dtype(answer):
            return None
        return list(answer.to_numpy())
    if isinstance(answer, (pd.Index, np.ndarray, list, tuple, set, frozenset)):
        return list(answer)
    return None


def _judge_names(ex: Exercise, truth, answer) -> tuple[bool, str]:
    items = _items(answer)
    if items is None:
        if isinstance(answer, pd.Series):
            return False, "That is a True/False column: use it to select names, e.g. table.index[mask]."
        if isinstance(answer, str):
            return False, "Give a list of names, e.g. ['A', 'B'], even if there is only one."
        return False, "Give the names as a list (or a pandas Index), not a table."
    if not all(isinstance(i, str) for i in items):
        return False, "Every item of the list should be a name (a text); names are often in a table's index."
    truth = list(truth)
    right = [t for t in truth if any(_same_name(i, t) for i in items)]
    wrong = [i for i in items if not any(_same_name(i, t) for t in truth)]
    if len(right) == len(truth) and not wrong:
        return True, ""
    message = f"Your list has {len(right)} of the {len(truth)} right names"
    if wrong:
        message += f", and {len({_key(w) for w in wrong})} that should not be in it"
    return False, message + "."


def _judge_yes_no(ex: Exercise, truth, answer) -> tuple[bool, str]:
    if isinstance(answer, str) and _key(answer) in ("yes", "no", "true", "false"):
        answer = _key(answer) in ("yes", "true")
    if not isinstance(answer, (bool, np.bool_)):
        return False, "Answer True or False."
    return (True, "") if bool(answer) == bool(truth) else (False, "Check the number your answer rests on.")


_JUDGES = {"number": _judge_number, "name": _judge_name, "names": _judge_names, "yes/no": _judge_yes_no}


def _exercise(exercise_id) -> Exercise:
    ex = EXERCISES.get(str(exercise_id).strip())
    if ex is None:
        raise NetkitError(f"there is no exercise {exercise_id!r}; the exercises are {', '.join(EXERCISES)} "
                          "(netkit.course.exercises() lists them)")
    return ex


def _judge(ex: Exercise, truth, answer) -> tuple[bool, str]:
    """Compare an answer with the right one: (accepted, what to tell the student when not)."""
    return _JUDGES[ex.kind](ex, truth, answer)


# ------------------------------------------------------------------------------------------------- the API


def check(exercise_id: str, answer) -> bool:
    """Check a student's answer: print ``Correct`` or ``Not yet`` with a hint, return whether it is right.

    ``answer`` left as ``...`` prints "not answered yet" and returns False
    (never raises), so a notebook with open exercises still runs.

    Parameters
    ----------
    exercise_id : str
        As in the notebook, e.g. ``"3.1"``.
    answer
        The student's answer: a number, a name, a list of names or True/False
        (see :func:`exercises` for which).

    Returns
    -------
    bool

    Raises
    ------
    NetkitError
        For an exercise id that does not exist.
    """
    ex = _exercise(exercise_id)
    if answer is Ellipsis:
        print(f"Exercise {ex.id}: not answered yet. Replace the ... with your answer and run the cell again.")
        return False
    ok, why = _judge(ex, ex.answer(), answer)
    if ok:
        print(f"Exercise {ex.id}: Correct.")
        return True
    more = f"\n(course.hint({ex.id!r}) shows {len(ex.hints)} hints.)" if len(ex.hints) > 1 else ""
    print(f"Exercise {ex.id}: Not yet. {why}\nHint: {ex.hints[0]}{more}")
    return False


def hint(exercise_id: str) -> None:
    """Print every hint of an exercise, from the gentlest to the most direct."""
    ex = _exercise(exercise_id)
    print(f"Exercise {ex.id}: {ex.question}")
    for i, text in enumerate(ex.hints, 1):
        print(f"  Hint {i}: {text}")


def _answer_kind(ex: Exercise) -> str:
    if ex.kind == "number":
        return "a whole number" if ex.tolerance == 0 else f"a number (within {ex.tolerance:g})"
    return {"name": "a name", "names": "a list of names", "yes/no": "True or False"}[ex.kind]


def exercises(lesson: int | None = None) -> pd.DataFrame:
    """The exercises (of one lesson, or all): question, kind of answer, number of hints.

    Examples
    --------
    >>> table = exercises()
    >>> table.loc["3.4", "answer"], len(exercises(lesson=3))
    ('a name', 4)
    """
    chosen = [ex for ex in _ALL if lesson is None or ex.lesson == lesson]
    if not chosen:
        raise NetkitError(f"there is no lesson {lesson!r}; the lessons are {', '.join(map(str, LESSONS))}")
    frame = pd.DataFrame({
        "lesson": [ex.lesson for ex in chosen],
        "title": [LESSONS[ex.lesson] for ex in chosen],
        "question": [ex.question for ex in chosen],
        "answer": [_answer_kind(ex) for ex in chosen],
        "hints": [len(ex.hints) for ex in chosen],
    }, index=pd.Index([ex.id for ex in chosen], name="exercise"))
    return frame

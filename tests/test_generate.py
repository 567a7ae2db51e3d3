"""Generated clusters (netkit.generate): each of Markusen's (1996) types shows its signature in
netkit's measures, against the other types at the same size and seed, over several seeds; the
answers follow the survey rules (non-respondents silent, ties only from true ties, messy names
reported as warnings); a seed gives the same survey, in this process and in another one.
"""

from __future__ import annotations

import os
import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest
from openpyxl import load_workbook

import netkit
from netkit.brokerage import betweenness
from netkit.embeddedness import embeddedness, network_summary
from netkit.errors import NetkitError
from netkit.generate import CLUSTER_KINDS, generate_cluster

SEEDS = (0, 1, 2)
N_FIRMS = 60


def measures(survey) -> dict:
    """The signature measures of one generated survey, all from netkit's measure functions."""
    G = netkit.build_graph(survey)
    members = [n for n, d in G.nodes(data=True) if d["in_cluster"]]
    firms = [n for n in members if G.nodes[n]["kind"] == "firm"]
    whole = network_summary(G)
    local = network_summary(G.subgraph(members))
    bc = betweenness(G, directed=False)["betweenness"].sort_values(ascending=False, kind="stable")
    profile = embeddedness(G)
    inside = profile.loc[members]
    of_firms = profile.loc[firms]
    return {
        "centralization": whole["degree_centralization"],
        "transitivity": whole["transitivity"],
        "local_density": local["density"],
        "top3_betweenness": bc.iloc[:3].sum() / bc.sum(),
        "top_broker": bc.index[0],
        "external_share": inside["external_ties"].sum() / inside["degree"].sum(),
        "external_actors": whole["external_actors"],
        "institutional_share": of_firms["institutional_ties"].sum() / of_firms["degree"].sum(),
        "agency_per_firm": of_firms["agency"].mean(),
        "cooperation_per_firm": of_firms["cooperation"].mean() if "cooperation" in of_firms else 0.0,
        "sme_share": survey.members.loc[firms, "is_sme"].astype(float).mean(),
        "graph": G,
    }


@pytest.fixture(scope="module")
def sig():
    """sig[seed][kind] -> measures, every kind at the same size and seed."""
    return {seed: {kind: measures(generate_cluster(kind, n_firms=N_FIRMS, seed=seed)) for kind in CLUSTER_KINDS}
            for seed in SEEDS}


def others(row: dict, kind: str, key: str) -> list:
    return [m[key] for k, m in row.items() if k != kind]


# ----------------------------------------------------------------------------------- signatures


@pytest.mark.parametrize("seed", SEEDS)
def test_hub_and_spoke_is_the_most_centralised_with_a_few_dominant_brokers(sig, seed):
    row = sig[seed]
    hub = row["hub_and_spoke"]
    assert hub["centralization"] > max(others(row, "hub_and_spoke", "centralization"))
    assert hub["centralization"] > 0.5
    # the three top brokers hold most of the brokerage, far more than in the districts or the platform
    assert hub["top3_betweenness"] > 0.55
    for kind in ("marshallian", "italianate", "satellite_platform"):
        assert hub["top3_betweenness"] > row[kind]["top3_betweenness"] + 0.2
    roles = generate_cluster("hub_and_spoke", n_firms=N_FIRMS, seed=seed).meta["roles"]
    assert roles[hub["top_broker"]] == "hub"


@pytest.mark.parametrize("seed", SEEDS)
def test_satellite_platform_is_open_outwards_and_thin_locally(sig, seed):
    row = sig[seed]
    sat = row["satellite_platform"]
    assert sat["external_share"] > 0.45  # share of the members' contacts that are outside the cluster
    assert sat["external_share"] > max(others(row, "satellite_platform", "external_share")) + 0.3
    assert sat["local_density"] < min(others(row, "satellite_platform", "local_density"))
    assert sat["external_actors"] > N_FIRMS  # many outside partners ...
    assert row["marshallian"]["external_actors"] < 0.15 * sat["external_actors"]  # ... few for a district
    assert sat["sme_share"] == pytest.approx(0.55, abs=0.02)


@pytest.mark.parametrize("seed", SEEDS)
def test_marshallian_district_is_small_firms_flat_and_clustered(sig, seed):
    row = sig[seed]
    mar = row["marshallian"]
    assert mar["sme_share"] > 0.95
    assert mar["centralization"] < 0.25
    assert mar["centralization"] < min(row["hub_and_spoke"]["centralization"],
                                       row["state_anchored"]["centralization"]) - 0.1
    for kind in ("hub_and_spoke", "satellite_platform", "state_anchored"):
        assert mar["transitivity"] > 1.5 * row[kind]["transitivity"]
    assert mar["external_share"] < 0.1


@pytest.mark.parametrize("seed", SEEDS)
def test_italianate_district_has_strong_agencies_and_cooperating_competitors(sig, seed):
    row = sig[seed]
    ita, mar = row["italianate"], row["marshallian"]
    assert ita["agency_per_firm"] > 1.0 > 0.5 > mar["agency_per_firm"]
    assert ita["cooperation_per_firm"] > 0.8 and mar["cooperation_per_firm"] == 0
    assert ita["institutional_share"] > 2 * mar["institutional_share"]
    G = ita["graph"]
    coop = [(u, v) for u, v, k in G.edges(keys=True) if k == "cooperation"]
    same = sum(G.nodes[u]["sector"] == G.nodes[v]["sector"] for u, v in coop)
    assert same / len(coop) > 0.9  # cooperation among competitors


@pytest.mark.parametrize("seed", SEEDS)
def test_state_anchored_cluster_turns_on_its_university(sig, seed):
    row = sig[seed]
    st = row["state_anchored"]
    G = st["graph"]
    assert G.nodes[st["top_broker"]]["kind"] == "university"
    assert G.nodes[st["top_broker"]]["name"].startswith("University of")
    assert st["institutional_share"] > 0.4
    assert st["institutional_share"] > max(others(row, "state_anchored", "institutional_share")) + 0.2


def test_every_type_is_distinct_from_every_other(sig):
    """No two types look alike: for each pair some signature measure differs clearly, at every seed."""
    keys = ("centralization", "transitivity", "external_share", "institutional_share", "agency_per_firm")
    for seed in SEEDS:
        row = sig[seed]
        for i, a in enumerate(CLUSTER_KINDS):
            for b in CLUSTER_KINDS[i + 1:]:
                gaps = [abs(row[a][k] - row[b][k]) / max(abs(row[a][k]), abs(row[b][k])) for k in keys]
                assert max(gaps) > 0.5, (seed, a, b, dict(zip(keys, gaps)))


# ----------------------------------------------------------------------------------- the answers


@pytest.mark.parametrize("kind", CLUSTER_KINDS)
def test_answers_follow_the_survey_rules(kind):
    s = generate_cluster(kind, n_firms=40, seed=7, response_rate=0.7)
    assert s.meta["synthetic"] is True and s.meta["kind"] == kind
    members = s.members
    assert (members["kind"] == "firm").sum() == 40
    assert s.response_rate == pytest.approx(round(0.7 * len(members)) / len(members))
    # only respondents report, and every reported tie is a true tie
    assert s.ties["respondent"].isin(members.index[members["responded"]]).all()
    truth = s.meta["truth"]
    true_pairs = {(t, a, b) for t, a, b in zip(truth["tie"], truth["source"], truth["target"])}
    true_pairs |= {(t, b, a) for t, a, b, d in zip(truth["tie"], truth["source"], truth["target"], truth["directed"])
                   if not d}
    table = netkit.tie_table(s)
    assert all(key in true_pairs for key in zip(table["tie"], table["source"], table["target"]))
    # respondents forget and non-respondents are silent, so some ties are unconfirmed and some missing
    assert 0 < table["confirmed"].mean() < 1
    assert len(table) < len(truth)
    # a clean survey has no warnings and no errors
    assert not s.problems["severity"].isin(["warning", "error"]).any()
    # strengths on the 1-5 scale
    assert s.ties["strength"].dropna().between(1, 5).all()


def test_parameters_shape_the_roster():
    s = generate_cluster("hub_and_spoke", n_firms=50, sme_share=0.5, sectors={"wiring": 2, "assembly": 1},
                         regions=["North", "South"], seed=3)
    firms = s.members[s.members["kind"] == "firm"]
    assert firms["is_sme"].astype(float).mean() == 0.5
    assert set(firms["sector"]) == {"wiring", "assembly"}
    hubs = s.meta["roles"][s.meta["roles"] == "hub"].index
    assert set(firms.loc[hubs, "sector"]) == {"assembly"}  # the hub sits at the end of the chain
    assert set(s.members["region"]) == {"North", "South"}
    assert "University of North" in set(s.members["name"])
    # SME status by EU headcount: every firm under 250 staff is an SME, turnovers agree
    assert (firms["is_sme"] == (firms["employees"] < 250)).all()


def test_same_seed_same_survey_other_seed_other_survey():
    a = generate_cluster("italianate", n_firms=40, seed=11, messy=True)
    b = generate_cluster("italianate", n_firms=40, seed=11, messy=True)
    c = generate_cluster("italianate", n_firms=40, seed=12, messy=True)
    assert a.actors.equals(b.actors) and a.ties.equals(b.ties) and a.problems.equals(b.problems)
    assert a.meta["truth"].equals(b.meta["truth"])
    assert not a.actors.equals(c.actors)
    fresh = generate_cluster("marshallian", n_firms=20)
    again = generate_cluster("marshallian", n_firms=20, seed=fresh.meta["seed"])
    assert isinstance(fresh.meta["seed"], int)
    assert fresh.ties.equals(again.ties)


def test_same_seed_same_survey_in_another_process():
    """No dependence on set order or string hashing: a fresh interpreter with another hash seed agrees."""
    code = ("import pandas as pd; from netkit.generate import generate_cluster;"
            "s = generate_cluster('satellite_platform', n_firms=30, seed=5, messy=True);"
            "print(int(pd.util.hash_pandas_object(s.ties.astype(str)).sum() % 10**12),"
            " int(pd.util.hash_pandas_object(s.actors.astype(str)).sum() % 10**12))")
    here = generate_cluster("satellite_platform", n_firms=30, seed=5, messy=True)
    expected = (f"{int(pd.util.hash_pandas_object(here.ties.astype(str)).sum() % 10**12)} "
                f"{int(pd.util.hash_pandas_object(here.actors.astype(str)).sum() % 10**12)}")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True)
    assert out.stdout.strip() == expected


def test_messy_answers_are_warnings_never_errors():
    s = generate_cluster("hub_and_spoke", n_firms=60, seed=4, messy=True)
    problems, mess = s.problems, s.meta["mess"]
    assert set(problems["severity"]) == {"warning"}
    text = "\n".join(problems["message"])
    misspelt = mess[mess["problem"] == "misspelt name (near miss)"]
    assert len(misspelt) >= 3
    for written, means in zip(misspelt["written"], misspelt["means"]):
        assert f"partner {written!r} is not on the roster" in text
        assert f"({means})" in text  # the suggestion names the firm meant
        assert s.actors.loc[written, "in_cluster"] == False  # noqa: E712 - kept apart, never merged
    assert "look alike" in text  # the misspelt outside partner
    assert "names itself" in text and "again (first on row" in text
    assert "outside the scale 1 to 5" in text and "marked as not responded" in text
    # other legal forms, capitals, ids and aliases are resolved to the member, silently
    ties = s.ties[s.ties["partner"].isin(s.members.index)]
    names = s.actors.loc[ties["partner"], "name"].to_numpy()
    assert (ties["partner_as_written"].to_numpy() != names).mean() > 0.25
    assert s.members["aliases"].notna().any()
    aliases = dict(zip(s.members["aliases"].dropna(), s.members.index[s.members["aliases"].notna()]))
    used = ties[ties["partner_as_written"].isin(list(aliases))]
    assert all(aliases[w] == p for w, p in zip(used["partner_as_written"], used["partner"]))
    assert s.members.loc[s.members["kind"] == "firm", "employees"].isna().sum() >= 3  # missing headcounts


@pytest.mark.parametrize("kind", CLUSTER_KINDS)
def test_every_kind_builds_a_graph(kind):
    s = generate_cluster(kind, n_firms=30, seed=2, messy=True)
    G = netkit.build_graph(s)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_nodes() == len(s.actors)
    relations = set(netkit.relations_of(G))
    assert "trade" in relations and relations <= {"trade", "knowledge", "university", "agency", "cooperation"}
    assert ("cooperation" in relations) == (kind == "italianate")
    assert nx.number_weakly_connected_components(G) < G.number_of_nodes() / 4


def _graph_signature(G):
    return (sorted((n, sorted(d.items())) for n, d in G.nodes(data=True)),
            sorted((u, v, k, sorted(d.items())) for u, v, k, d in G.edges(keys=True, data=True)))


@pytest.mark.parametrize("messy", [False, True])
def test_written_workbook_reads_back_to_the_same_graph(tmp_path, messy):
    path = tmp_path / "cluster.xlsx"
    s = generate_cluster("state_anchored", n_firms=40, seed=8, messy=messy, out=path)
    assert s.meta["path"] == str(path)
    again = netkit.read_survey(path)
    assert _graph_signature(netkit.build_graph(again)) == _graph_signature(netkit.build_graph(s))
    cols = ["severity", "sheet", "row", "column", "message"]
    assert again.problems[cols].values.tolist() == s.problems[cols].values.tolist()  # every answer written as given
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames[0] == "README"
    first = next(wb["README"].iter_rows(values_only=True))[0]
    wb.close()
    assert "SYNTHETIC" in first


def test_written_folder_and_matrix_layout(tmp_path):
    s = generate_cluster("italianate", n_firms=30, seed=6, messy=True, out=tmp_path / "csv")
    assert "SYNTHETIC" in (tmp_path / "csv" / "README.txt").read_text()
    assert _graph_signature(netkit.build_graph(netkit.read_survey(tmp_path / "csv"))) == \
        _graph_signature(netkit.build_graph(s))
    m = generate_cluster("italianate", n_firms=30, seed=6, out=tmp_path / "m.xlsx", layout="matrix")
    back = netkit.read_survey(tmp_path / "m.xlsx")
    assert back.layout == "matrix"
    assert _graph_signature(netkit.build_graph(back)) == _graph_signature(netkit.build_graph(m))


def test_invalid_arguments_raise_netkit_errors():
    with pytest.raises(NetkitError) as err:
        generate_cluster("silicon_valley")
    for kind in CLUSTER_KINDS:
        assert kind in str(err.value)
    for bad in (dict(n_firms=5), dict(n_firms=True), dict(response_rate=0), dict(sme_share=1.5),
                dict(sectors="textiles"), dict(regions=[]), dict(sectors={"a": -1}), dict(layout="wide")):
        with pytest.raises(NetkitError):
            generate_cluster("marshallian", seed=1, **bad)

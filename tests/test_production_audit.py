"""The audit of a production network: figures checked against networkx, files, safety, browser."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import netkit
from netkit.cli import main
from netkit.production import ProductionData, generate_production_network, to_graph
from netkit.production_audit import _anonymised, _undirected, analyse_production, audit_production

HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>window.pwned=1</script>"]


@pytest.fixture(scope="module")
def small():
    firms, links = generate_production_network(1_500, mean_links=4, seed=7)
    return ProductionData(firms, links)


@pytest.fixture(scope="module")
def analysed(small):
    return analyse_production(small, n_runs=3, seed=1, map_size=120)


def test_undirected_pairs_match_networkx_collapse(small):
    a, b, w = _undirected(len(small.firms), small.links["seller"].to_numpy(), small.links["buyer"].to_numpy(),
                          small.links["value"].to_numpy())
    H = netkit.collapse(to_graph(small), directed=False)
    assert len(a) == H.number_of_edges() and (a < b).all()
    ids = small.firms.index
    for u, v, x in zip(a[:200], b[:200], w[:200]):
        assert H[ids[u]][ids[v]]["weight"] == pytest.approx(x)


def test_summary_agrees_with_networkx(small, analysed):
    G = to_graph(small)
    s = analysed.summary
    assert s["firms"] == G.number_of_nodes() and s["links"] == G.number_of_edges()
    assert s["density"] == pytest.approx(nx.density(G))
    assert s["reciprocity"] == pytest.approx(nx.reciprocity(G))
    largest = max(len(c) for c in nx.weakly_connected_components(G))
    assert s["largest_component_share"] == pytest.approx(largest / G.number_of_nodes())
    U = nx.Graph(G)
    assert s["mean_degree"] == pytest.approx(2 * U.number_of_edges() / U.number_of_nodes())


def test_betweenness_is_exact_on_small_networks(small, analysed):
    """Up to EXACT_BETWEENNESS_MAX firms: networkx's betweenness of the links taken both ways."""
    assert analysed.settings["betweenness_method"] == "exact" and analysed.settings["betweenness_error"] == 0
    U = nx.Graph(to_graph(small))
    U.remove_edges_from(nx.selfloop_edges(U))
    ref = nx.betweenness_centrality(U, normalized=True)
    assert np.allclose(analysed.firms["betweenness"].to_numpy(), [ref[v] for v in analysed.firms.index])


def test_sampled_betweenness_keeps_its_stated_bound(small, monkeypatch):
    """Above EXACT_BETWEENNESS_MAX: KADABRA's estimate, every firm within the error the report states."""
    monkeypatch.setattr(netkit.production_audit, "EXACT_BETWEENNESS_MAX", 1_000)
    res = analyse_production(small, n_runs=1, seed=2, map_size=50, betweenness_epsilon=0.02)
    st = res.settings
    assert st["betweenness_method"] == "sampled" and "KADABRA" in st["betweenness_bound"]
    n = len(small.firms)
    assert st["betweenness_error"] == pytest.approx(0.02 * n / (n - 2))
    U = nx.Graph(to_graph(small))
    U.remove_edges_from(nx.selfloop_edges(U))
    exact = nx.betweenness_centrality(U, normalized=True)
    ref = np.array([exact[v] for v in res.firms.index])
    err = np.abs(res.firms["betweenness"].to_numpy() - ref)
    assert err.max() <= st["betweenness_error"]
    assert err.max() > 0  # sampled, not exact
    top = np.argsort(-ref)[:5]  # the main brokers are found
    assert set(top) <= set(np.argsort(-res.firms["betweenness"].to_numpy())[:15])


def test_communities_table_counts_members_and_inside_ties(small, analysed):
    f = analysed.firms
    c = analysed.communities
    assert c["size"].sum() == len(f)
    assert (c["size"] == f["community"].value_counts().reindex(c.index)).all()
    G = nx.Graph(to_graph(small))
    first = c.index[0]
    members = set(f.index[f["community"] == first])
    ends = sum(G.degree(n) for n in members)
    inside = sum(1 for u, v in G.edges() if u in members and v in members)
    assert c.loc[first, "internal_share"] == pytest.approx(2 * inside / ends)
    modularity = nx.community.modularity(
        nx.Graph(netkit.collapse(to_graph(small), directed=False)),
        [set(g.index) for _, g in f.groupby("community")], weight="weight")
    assert analysed.summary["modularity"] == pytest.approx(modularity, abs=1e-9)


def test_findings_figures_are_recounted_from_the_links(small, analysed):
    links, firms = small.links, small.firms
    customers = np.bincount(links["seller"].to_numpy(), minlength=len(firms))
    sme = firms["is_sme"].to_numpy(bool)
    selling = sme & (customers > 0)
    one = int((selling & (customers == 1)).sum())
    text = analysed.findings.set_index("topic").loc["dependence", "finding"]
    assert text.startswith(f"{one:,} of {int(selling.sum()):,} SMEs that sell have a single customer")


def test_backbone_holds_the_top_brokers_and_their_links(small, analysed):
    B = analysed.backbone
    f = analysed.firms
    assert B.number_of_nodes() == 120
    assert set(f["betweenness"].nlargest(50).index) <= set(B)
    G = to_graph(small)
    assert set(B.edges()) == set(G.subgraph(B.nodes).edges())
    only = analyse_production(small, n_runs=2, seed=1, map_size=40, map_community=int(f["community"].iloc[0]))
    assert {d["community"] for _, d in only.backbone.nodes(data=True)} == {int(f["community"].iloc[0])}
    with pytest.raises(netkit.NetkitError, match="no community"):
        analyse_production(small, n_runs=2, map_community=10_000)


def test_same_seed_same_result(small, analysed):
    again = analyse_production(small, n_runs=3, seed=1, map_size=120)
    pd.testing.assert_frame_equal(again.firms, analysed.firms)


def test_audit_writes_every_file_and_keeps_every_firm(small, tmp_path):
    result = audit_production(small, tmp_path, n_runs=2, synthetic=True)
    names = {p.name for p in result.settings["files"]}
    assert {"report.html", "firms.parquet", "firms.csv", "communities.csv", "metrics.xlsx", "backbone.graphml",
            "backbone.gexf", "degrees.png"} <= names
    back = pd.read_parquet(tmp_path / "firms.parquet")
    assert len(back) == len(small.firms) and back["firm"].tolist() == small.firms.index.tolist()
    csv = pd.read_csv(tmp_path / "firms.csv")
    assert len(csv) == len(small.firms)
    assert np.allclose(csv["betweenness"], result.firms["betweenness"].to_numpy())
    xlsx = pd.read_excel(tmp_path / "metrics.xlsx", sheet_name=None)
    assert len(xlsx["firms"]) == len(small.firms)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "SYNTHETIC" in page
    assert "<script src=" not in page and "<link " not in page  # everything inlined (the browser test checks requests)
    nx.read_graphml(tmp_path / "backbone.graphml")


def test_over_the_spreadsheet_limit_firms_go_to_parquet_only(small, tmp_path, monkeypatch):
    monkeypatch.setattr("netkit.production_report.XLSX_MAX_FIRMS", 100)
    audit_production(small, tmp_path, n_runs=2)
    xlsx = pd.read_excel(tmp_path / "metrics.xlsx", sheet_name="firms")
    assert "firms.parquet" in xlsx["note"].iloc[0]


def _hostile_data():
    firms, links = generate_production_network(400, mean_links=3, seed=3)
    ids = [f"BE0{100000000 + i}" for i in range(len(firms))]
    firms.index = pd.Index(ids, name="firm")
    firms["name"] = [HOSTILE[i % 2] if i < 40 else f"Firm {i} NV" for i in range(len(firms))]
    firms["sector"] = firms["sector"].astype(str)
    firms.loc[ids[:20], "sector"] = HOSTILE[0]
    return ProductionData(firms, links)


def test_anonymise_leaves_no_id_or_name_in_any_output(tmp_path):
    data = _hostile_data()
    result = audit_production(data, tmp_path, n_runs=2, anonymise=True, map_size=400)
    assert result.firms.index[0] == "F0000000" and "name" not in result.firms
    ids = data.firms.index.tolist()
    names = [n for n in data.firms["name"] if n.startswith("Firm")]
    for path in result.settings["files"]:
        if path.suffix in (".png", ".parquet", ".xlsx"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not any(i in text for i in ids), path.name
        assert not any(n in text for n in names[:50]), path.name
    back = pd.read_parquet(tmp_path / "firms.parquet")
    assert not set(back["firm"]) & set(ids)
    for sheet, frame in pd.read_excel(tmp_path / "metrics.xlsx", sheet_name=None).items():
        cells = {str(x) for x in frame.to_numpy().ravel()} | {str(c) for c in frame.columns}
        assert not cells & set(ids) and not any(n in cell for cell in cells for n in names[:50]), sheet


def test_anonymised_data_keeps_the_network(small):
    anon = _anonymised(small)
    assert anon.links is small.links and len(anon.firms) == len(small.firms)
    assert (anon.firms["region"].to_numpy() == small.firms["region"].to_numpy()).all()


def test_hostile_text_stays_text_in_the_browser(tmp_path, offline_page, artifacts):
    data = _hostile_data()
    audit_production(data, tmp_path, n_runs=2, map_size=150, title="Audit <script>alert(6)</script>")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    for bad in HOSTILE + ["<script>alert(6)</script>"]:
        assert bad not in html
    page = offline_page.open(tmp_path / "report.html")
    page.wait_for_selector(".nk-map[data-drawn=true]", timeout=30000)
    assert page.evaluate("() => window.pwned") is None
    assert offline_page.dialogs == [] and offline_page.console_errors == [] and offline_page.outside == []
    info = page.evaluate("""() => { const m = Object.values(window.netkitMaps)[0];
        return { nodes: m.nodes.length, drawn: Object.keys(m.network.getPositions()).length }; }""")
    assert info["nodes"] == info["drawn"] == 150
    assert page.locator("img[src=x]").count() == 0
    page.screenshot(path=str(artifacts / "production-report.png"), full_page=False)


def test_cli_audit_production(tmp_path, capsys):
    firms, links = generate_production_network(600, mean_links=3, seed=5)
    files = netkit.write_production_network(firms, links, tmp_path / "in", format="csv")
    out = tmp_path / "out"
    assert main(["audit-production", str(files["links"]), "--firms", str(files["firms"]), "-o", str(out),
                 "--runs", "2", "--quiet", "--map-size", "50"]) == 0
    printed = capsys.readouterr().out
    assert f"Report: {out.resolve() / 'report.html'}" in printed and (out / "report.html").exists()
    assert "firms.csv, firms.parquet" in printed and "600 firms" in printed
    assert len(pd.read_csv(out / "firms.csv")) == 600


def test_progress_names_every_step_and_every_louvain_run(small):
    messages = []
    analyse_production(small, n_runs=3, seed=1, map_size=50, progress=messages.append)
    text = "\n".join(messages)
    for expected in ("embeddedness profile of 1,500 firms", "Louvain run 1 of 3", "Louvain run 3 of 3",
                     "consensus round 1:", "betweenness, exact", "map of up to 50 firms", "done"):
        assert expected in text
    assert all(m.startswith("[") for m in messages)


def test_yearly_links_count_once_per_pair_with_their_values_summed():
    firms, links = generate_production_network(800, mean_links=4, years=[2022, 2023], seed=5)
    data = ProductionData(firms, links)
    res = analyse_production(data, n_runs=1, seed=1, map_size=80)
    G = to_graph(data)  # one edge per seller-buyer pair, value summed over the years
    assert len(data.links) > G.number_of_edges()
    assert res.summary["links"] == G.number_of_edges()
    assert res.summary["density"] == pytest.approx(nx.density(G))
    assert res.summary["value_traded"] == pytest.approx(links["value"].sum())
    for u, v, d in res.backbone.edges(data=True):
        assert d["weight"] == pytest.approx(G[u][v]["weight"])


def test_a_firms_table_without_regions_is_audited_without_local_ties(small):
    data = ProductionData(small.firms.drop(columns="region"), small.links)
    res = analyse_production(data, n_runs=1, seed=1, map_size=50)
    assert "local_ties" not in res.firms and "main_region" not in res.communities
    assert "local embeddedness" not in set(res.findings["topic"])

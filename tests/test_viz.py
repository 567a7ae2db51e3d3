"""The interactive map and the static plot, checked in a real browser."""

from __future__ import annotations

import re

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd

import netkit
from netkit.viz import _json_for_script, layout_positions, map_html, plot, show

matplotlib.use("Agg")

INJECTIONS = ["<img src=x onerror=alert(1)>", "</script><script>window.pwned=1;alert(2)</script>",
              '<a href="javascript:alert(3)">click</a>', "Rossi & Figli <b>S.r.l.</b>"]


def _hostile_graph():
    G = nx.MultiDiGraph()
    for i, name in enumerate(INJECTIONS):
        G.add_node(f"n{i}", name=name, kind="firm", sector=name, in_cluster=True)
    G.add_node("ext", name="Outside <i>Ltd</i>", kind="firm", in_cluster=False, sector="x")
    G.add_edge("n0", "n1", key="trade", relation="trade", directed=True, weight=2.0, confirmed=True)
    G.add_edge("n1", "n2", key="<svg onload=alert(4)>", relation="<svg onload=alert(4)>", directed=False)
    G.add_edge("n3", "ext", key="trade", relation="trade", directed=True, weight=1.0, confirmed=False)
    return G


def test_json_for_script_cannot_close_the_script():
    text = _json_for_script({"a": "</script><script>x</script>", "b": "&amp;"})
    assert "<" not in text and ">" not in text and "&" not in text


def test_page_loads_nothing_from_outside_and_escapes_the_title():
    page = map_html(_hostile_graph(), title="<script>alert(9)</script>")
    assert "<title>&lt;script&gt;alert(9)&lt;/script&gt;</title>" in page
    # no external resources: no src/href attributes pointing anywhere
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    for bad in INJECTIONS:
        assert bad not in page  # only ever present in escaped JSON form


def test_layout_is_seeded():
    G = nx.karate_club_graph()
    assert layout_positions(G, seed=3) == layout_positions(G, seed=3)
    assert layout_positions(G, seed=3) != layout_positions(G, seed=4)


def test_numpy_ids_and_attributes_do_not_break_the_map():
    G = nx.Graph()
    G.add_node(np.int64(1), name=np.str_("one"), employees=np.int64(12), score=np.float64("nan"))
    G.add_node(np.int64(2), name="two", employees=np.int64(300))
    G.add_edge(np.int64(1), np.int64(2), weight=np.float32(2.5))
    measures = pd.DataFrame({"score": [np.float64(0.5), np.nan]}, index=[np.int64(1), np.int64(2)])
    page = map_html(G, measures=measures, size_by=["score"], tooltip=["score"])
    assert '"id": "1"' in page or '"id":"1"' in page
    assert "<iframe srcdoc=" in show(G).data


def test_static_plot_draws_every_node():
    G = netkit.build_graph(netkit.datasets.load_example_survey())
    ax = plot(G, labels=5, title="Example")
    offsets = ax.collections[-1].get_offsets()
    assert len(offsets) == G.number_of_nodes()
    assert len(ax.texts) == 5


def _drawn(page, count_nodes=True):
    page.wait_for_selector(".nk-map[data-drawn=true]", timeout=20000)
    return page.evaluate(
        """() => { const m = Object.values(window.netkitMaps)[0];
                   const c = document.querySelector('.nk-canvas canvas');
                   const ctx = c.getContext('2d'); const d = ctx.getImageData(0, 0, c.width, c.height).data;
                   let ink = 0; for (let i = 0; i < d.length; i += 4) { if (d[i+3] > 0 && (d[i] < 200 || d[i+1] < 200)) ink++; }
                   return { nodes: m.nodes.length, edges: m.edges.length,
                            onCanvas: Object.keys(m.network.getPositions()).length, ink: ink }; }"""
    )


def test_map_draws_every_actor_offline(tmp_path, offline_page, artifacts):
    G = netkit.build_graph(netkit.datasets.load_example_survey())
    path = tmp_path / "map.html"
    path.write_text(map_html(G, title="Example cluster (synthetic)"), encoding="utf-8")
    page = offline_page.open(path)
    info = _drawn(page)
    assert info["nodes"] == info["onCanvas"] == G.number_of_nodes() == 115
    assert info["edges"] == G.number_of_edges()
    assert info["ink"] > 2000  # the canvas really has a drawing on it
    assert offline_page.outside == [] and offline_page.console_errors == []
    # the relation filter hides ties of one relation
    page.locator(".nk-rels input[value=trade]").uncheck()
    remaining = page.evaluate("() => Object.values(window.netkitMaps)[0].edges.length")
    trade = sum(1 for _, _, k in G.edges(keys=True) if k == "trade")
    assert remaining == G.number_of_edges() - trade
    page.screenshot(path=str(artifacts / "map.png"))


def test_injected_names_stay_text_in_the_browser(tmp_path, offline_page):
    G = _hostile_graph()
    path = tmp_path / "hostile.html"
    path.write_text(map_html(G, title=INJECTIONS[1], color_by=("sector", "kind")), encoding="utf-8")
    page = offline_page.open(path)
    info = _drawn(page)
    assert info["nodes"] == G.number_of_nodes()
    assert page.evaluate("() => window.pwned") is None
    assert offline_page.dialogs == [] and offline_page.console_errors == []
    assert page.locator("img").count() == 0 and page.locator(".nk-map a").count() == 0
    legend = page.locator(".nk-legend").inner_text()
    for bad in INJECTIONS:
        assert bad in legend  # shown as the literal text
    assert page.title() == INJECTIONS[1]
    # hovering an actor shows its tooltip as text
    pos = page.evaluate("""() => { const m = Object.values(window.netkitMaps)[0];
                                   const p = m.network.getPositions(['n0'])['n0'];
                                   const c = m.network.canvasToDOM(p);
                                   const r = document.querySelector('.nk-canvas').getBoundingClientRect();
                                   return {x: c.x + r.left, y: c.y + r.top}; }""")
    page.mouse.move(pos["x"], pos["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    tip = page.locator("div.vis-tooltip")
    assert INJECTIONS[0] in tip.inner_text()
    assert tip.locator("img").count() == 0
    assert offline_page.dialogs == []


def test_map_shown_in_a_notebook_draws_offline(tmp_path, offline_page):
    """Run netkit.show in a real Jupyter kernel (as nbmake does) and open its output in Chromium."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import numpy as np, networkx as nx, netkit\n"
        "G = nx.Graph()\n"
        "G.add_edges_from([(np.int64(1), np.int64(2)), (np.int64(2), np.int64(3))])\n"
        "nx.set_node_attributes(G, {np.int64(1): '<img src=x onerror=alert(1)>'}, 'name')\n"
        "netkit.show(G, title='in a notebook')")])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    output = nb.cells[0].outputs[0]["data"]["text/html"]
    srcdoc = re.search(r'srcdoc="([^"]*)"', output).group(1)
    import html as _html

    path = tmp_path / "from-notebook.html"
    path.write_text(f"<!DOCTYPE html><html><body>{output}</body></html>", encoding="utf-8")
    inner = tmp_path / "inner.html"
    inner.write_text(_html.unescape(srcdoc), encoding="utf-8")
    page = offline_page.open(inner)
    page.wait_for_selector(".nk-map[data-drawn=true]", timeout=20000)
    assert page.evaluate("() => Object.values(window.netkitMaps)[0].nodes.length") == 3
    assert offline_page.outside == [] and offline_page.console_errors == [] and offline_page.dialogs == []
    # the iframe as Jupyter shows it draws too
    page = offline_page.open(path)
    frame = page.frame_locator("iframe")
    frame.locator(".nk-map[data-drawn=true]").wait_for(timeout=20000)
    assert offline_page.dialogs == []


def test_plot_colours_by_a_series_of_groups():
    G = nx.karate_club_graph()
    groups = pd.Series({n: ("a" if n < 17 else "b") for n in G}, name="half")
    ax = plot(G, color_by=groups)
    colours = ax.collections[-1].get_edgecolors()
    assert len({tuple(c) for c in colours}) == 2
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]


def test_legend_orders_numbers_as_numbers_and_names_the_missing_value():
    G = nx.path_graph(12)
    groups = pd.Series({n: n for n in range(11)}, name="community")  # node 11 has no community
    ax = plot(G, color_by=groups)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [str(i) for i in range(11)] + ["(no community)"]


def test_palette_colours_are_far_apart():
    from matplotlib.colors import to_rgb

    rgb = np.array([to_rgb(c) for c in netkit.viz.PALETTE])
    dist = np.sqrt(((rgb[:, None, :] - rgb[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(dist, np.inf)
    # tab10 after Tableau 10 had pairs 0.08 apart (#4e79a7/#1f77b4); every pair is now clearly distinct
    assert dist.min() > 0.15


def test_small_pieces_do_not_squeeze_the_main_network():
    G = nx.disjoint_union(nx.cycle_graph(30), nx.path_graph(2))
    G.add_node("alone")
    pos = layout_positions(G, seed=1, scale=1.0)
    main = np.array([pos[n] for n in range(30)])
    assert np.allclose(main.min(axis=0), [-1, -1]) and np.allclose(main.max(axis=0), [1, 1])
    assert all(pos[n][1] < -1 for n in (30, 31, "alone"))  # beneath the main network


def test_report_figures_leave_pyplot_alone(monkeypatch):
    import matplotlib.pyplot as plt

    from netkit.report import make_figures

    result = netkit.analyse(netkit.datasets.load_example_survey(), n_runs=2)
    backend, before = matplotlib.get_backend(), plt.get_fignums()
    monkeypatch.setattr(matplotlib, "use", lambda *a, **k: (_ for _ in ()).throw(AssertionError("backend switched")))
    figs = make_figures(result)
    assert figs["network"].startswith(b"\x89PNG")
    assert matplotlib.get_backend() == backend and plt.get_fignums() == before

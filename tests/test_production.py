"""Production networks: the generator, the CSV/Parquet reader and its validation, to_graph."""

from __future__ import annotations

import builtins
import gzip
import hashlib
import io
import math

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import netkit
from netkit.errors import NetkitError
from netkit.production import (
    ProductionData,
    generate_production_network,
    read_production_network,
    to_graph,
    write_production_network,
)


@pytest.fixture(scope="module")
def network():
    """A seeded network with a 4-sector value chain, the default 10 regions and the default SME share."""
    return generate_production_network(20_000, mean_links=10, sectors=["ore", "steel", "parts", "machines"], seed=7)


def _hill(degrees: np.ndarray, k: int) -> float:
    """Hill's (1975) estimator of a power-law tail exponent from the k largest values:
    1 / mean(log(x_(i) / x_(k+1))), i = 1..k (x sorted in decreasing order)."""
    x = np.sort(degrees)[::-1].astype(float)
    return 1.0 / np.mean(np.log(x[:k] / x[k]))


def _write_csv(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def _digest(path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _no_pyarrow(monkeypatch):
    """netkit.production cannot import pyarrow (pandas still can: it uses pyarrow for its own strings)."""
    real_import = builtins.__import__

    def _in_production(module: str) -> bool:
        return module == "netkit.production" or module.startswith("netkit.production.")

    def fake_import(name, globals=None, locals=None, fromlist=(), level=0):
        if name.split(".")[0] == "pyarrow" and _in_production((globals or {}).get("__name__") or ""):
            raise ModuleNotFoundError("No module named 'pyarrow'", name="pyarrow")
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", fake_import)


# ------------------------------------------------------------------------------------------ generator


def test_generator_is_seeded(network):
    firms, links = network
    again = generate_production_network(20_000, mean_links=10, sectors=["ore", "steel", "parts", "machines"], seed=7)
    pd.testing.assert_frame_equal(firms, again[0])
    pd.testing.assert_frame_equal(links, again[1])
    other = generate_production_network(20_000, mean_links=10, sectors=["ore", "steel", "parts", "machines"], seed=8)
    assert not links["buyer"].equals(other[1]["buyer"])


def test_generator_shape_and_types(network):
    firms, links = network
    assert len(firms) == 20_000 and len(links) == 200_000  # exactly round(n_firms * mean_links)
    assert firms.index.name == "firm" and list(firms.index[:3]) == [0, 1, 2]
    assert list(firms.columns) == ["region", "sector", "employees", "size_class", "is_sme", "in_cluster"]
    assert list(links.columns) == ["seller", "buyer", "value"]
    assert links["seller"].dtype == np.int32 and links["buyer"].dtype == np.int32
    assert (links["seller"] != links["buyer"]).all()
    assert not links.duplicated(["seller", "buyer"]).any()
    key = links["seller"].to_numpy(np.int64) * len(firms) + links["buyer"].to_numpy()
    assert (np.diff(key) > 0).all()  # sorted by seller, then buyer
    assert firms["in_cluster"].all()
    assert links["value"].min() >= 250 and (links["value"] == links["value"].round(2)).all()


def test_generator_degrees_are_heavy_tailed(network):
    firms, links = network
    out_deg = np.bincount(links["seller"], minlength=len(firms))
    in_deg = np.bincount(links["buyer"], minlength=len(firms))
    # a Poisson network with the same mean would have a maximum degree near 25, not hundreds
    assert out_deg.max() > 50 * out_deg.mean() and in_deg.max() > 30 * in_deg.mean()
    # power-law tails: the Hill exponent over the top 1% (200 firms) is between 1 and 2.5 ...
    assert 1.2 < _hill(out_deg, 200) < 2.2
    assert 1.4 < _hill(in_deg, 200) < 2.5
    # ... while for Poisson degrees of the same mean it is far above (the estimator tells them apart)
    poisson = np.random.default_rng(0).poisson(10, len(firms))
    assert _hill(poisson, 200) > 5


def test_generator_size_classes_follow_eu_thresholds(network):
    firms, _ = network
    for employees, group in firms.groupby("employees"):
        assert set(group["size_class"].astype(str)) == {netkit.size_class(int(employees))[0]}
    assert (firms["is_sme"] == (firms["size_class"] != "large")).all()
    # P(employees >= k) = k^-a with a = -ln(1 - sme_share) / ln(250): default sme_share 0.995 -> a = 0.9596
    a = -math.log(0.005) / math.log(250)
    sd = math.sqrt(0.1 * 0.9 / len(firms))
    assert abs((firms["size_class"] == "micro").mean() - (1 - 10 ** -a)) < 4 * sd  # 1 - 10^-a = 0.8903
    few = generate_production_network(20_000, sme_share=0.9, seed=1)[0]
    assert abs(few["is_sme"].mean() - 0.9) < 4 * math.sqrt(0.09 / 20_000)


def test_generator_value_chain_and_regions(network):
    firms, links = network
    sector = firms["sector"].cat.codes.to_numpy()[links[["seller", "buyer"]].to_numpy()]
    s, b = sector[:, 0], sector[:, 1]
    # documented step chances: one step upstream 0.5, same 0.2, two 0.15, three 0.05, one down 0.1;
    # for the first sector every upstream step falls back to its own sector: 0.5 + 0.2 + 0.15 + 0.05 = 0.9
    assert abs((s[b >= 1] == b[b >= 1] - 1).mean() - 0.5) < 0.04
    assert abs((s[b >= 2] == b[b >= 2] - 2).mean() - 0.15) < 0.03
    assert abs((s[b <= 2] == b[b <= 2] + 1).mean() - 0.1) < 0.03
    assert abs((s[b == 0] == 0).mean() - 0.9) < 0.04
    assert (s[b >= 1] < b[b >= 1]).mean() > 0.6  # beyond the first sector, sellers are mostly upstream
    region = firms["region"].cat.codes.to_numpy()
    local = (region[links["seller"]] == region[links["buyer"]]).mean()
    assert 0.8 - 0.03 < local < 0.9  # local_share 0.8 plus same-region draws by chance
    f0, l0 = generate_production_network(20_000, local_share=0.0, seed=7)
    r0 = f0["region"].cat.codes.to_numpy()
    # no preference: same region only by chance, about the sum of squared region shares (0.18 for 10 Zipf regions)
    assert (r0[l0["seller"]] == r0[l0["buyer"]]).mean() < 0.3


def test_generator_focal_region_years_and_errors():
    firms, links = generate_production_network(2_000, mean_links=4, regions={"north": 1, "south": 3},
                                               years=[2021, 2022, 2023], focal_region="north", seed=3)
    assert (firms["in_cluster"] == (firms["region"] == "north")).all()
    assert 0.15 < firms["in_cluster"].mean() < 0.35
    assert links["year"].dtype == np.int16 and set(links["year"]) <= {2021, 2022, 2023}
    assert not links.duplicated(["seller", "buyer", "year"]).any()
    assert links[["seller", "buyer"]].drop_duplicates().shape[0] == 8_000  # the pairs, each in 1-3 years
    assert len(links) > 8_000
    for bad in [{"n_firms": 1}, {"n_firms": 100, "mean_links": 0}, {"n_firms": 100, "mean_links": 50},
                {"n_firms": 100, "sme_share": 1.0}, {"n_firms": 100, "focal_region": "nowhere"},
                {"n_firms": 100, "regions": ["a", "a"]}]:
        with pytest.raises(NetkitError):
            generate_production_network(**bad)


# ------------------------------------------------------------------------------------------ round trips


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_round_trip_equals_generated_frames(network, tmp_path, fmt):
    firms, links = network
    paths = write_production_network(firms, links, tmp_path, format=fmt)
    before = {k: _digest(p) for k, p in paths.items()}
    data = read_production_network(paths["links"], firms=paths["firms"])
    assert {k: _digest(p) for k, p in paths.items()} == before  # input files untouched
    pd.testing.assert_frame_equal(data.links, links)
    # CSV keeps no category order: compare categorical columns by value there
    pd.testing.assert_frame_equal(data.firms, firms, check_index_type="equiv", check_categorical=fmt == "parquet")
    assert data.dropped["rows"].sum() == 0 and data.problems.empty
    assert data.meta["rows_read"] == len(links) and data.meta["outside_firms"] == 0


def test_round_trip_panel_with_years(tmp_path):
    firms, links = generate_production_network(500, mean_links=3, years=[2020, 2021], seed=4)
    paths = write_production_network(firms, links, tmp_path, format="csv")
    data = read_production_network(paths["links"], firms=paths["firms"], year="year")
    pd.testing.assert_frame_equal(data.links, links)


def test_text_ids_keep_leading_zeros(tmp_path):
    firms, links = generate_production_network(300, mean_links=3, seed=5)
    ids = pd.Index([f"0{i:09d}" for i in range(len(firms))], name="firm")  # like Belgian enterprise numbers
    named = firms.set_axis(ids)
    id_links = links.assign(seller=ids[links["seller"]], buyer=ids[links["buyer"]])
    for fmt in ("csv", "parquet"):
        paths = write_production_network(named, id_links, tmp_path / fmt, format=fmt)
        data = read_production_network(paths["links"], firms=paths["firms"])
        assert data.firms.index.tolist() == ids.tolist()
        pd.testing.assert_frame_equal(data.links_with_ids(), id_links)
        pd.testing.assert_frame_equal(data.links, links)  # positions, since the table keeps the order


def test_int_ids_match_across_formats_and_dataframes(tmp_path):
    firms, links = generate_production_network(300, mean_links=3, seed=6)
    shifted = firms.set_axis(firms.index + 1000).rename_axis("firm")
    id_links = links.assign(seller=links["seller"] + 1000, buyer=links["buyer"] + 1000)
    paths = write_production_network(shifted, id_links, tmp_path, format="parquet")
    csv_paths = write_production_network(shifted, id_links, tmp_path / "csv", format="csv")
    for links_from, firms_from in [(paths["links"], csv_paths["firms"]), (csv_paths["links"], shifted),
                                   (id_links, paths["firms"])]:
        data = read_production_network(links_from, firms=firms_from)
        assert data.firms.index.dtype == np.int64 and data.firms.index[0] == 1000
        pd.testing.assert_frame_equal(data.links, links)


def test_production_data_write_uses_ids(tmp_path):
    firms, links = generate_production_network(200, mean_links=2, seed=8)
    ids = pd.Index([f"F{i}" for i in range(200)], name="firm")
    data = ProductionData(firms.set_axis(ids), links)
    paths = data.write(tmp_path, format="csv")
    assert pd.read_csv(paths["links"])["seller"].iloc[0] == ids[links["seller"].iloc[0]]
    with pytest.raises(NetkitError, match="data.write"):
        write_production_network(data.firms, data.links, tmp_path / "bad")


# ------------------------------------------------------------------------------------------ validation

FIRMS_CSV = "firm,region,sector\nA,R1,s1\nB,R1,s2\nC,R2,s1\nD,R2,s2\n"
# line numbers as a person sees them (the header is line 1), and what each row is
LINKS_CSV = "\n".join([
    "seller,buyer,value",
    "A,B,100",     # 2 kept
    ",B,50",       # 3 missing seller
    "A,,50",       # 4 missing buyer
    "A,C,abc",     # 5 not a number
    'A,C,"1,5"',   # 6 decimal comma: not a number
    "B,C,",        # 7 missing value
    "B,D,-5",      # 8 negative
    "C,C,10",      # 9 self-link
    "A,B,25.5",    # 10 duplicate of line 2
    "A,B,4.5",     # 11 duplicate of line 2: A->B = 100 + 25.5 + 4.5 = 130
    "C,X,7",       # 12 X is not in the firms table: outside firm
    "Y,A,3",       # 13 Y outside
    "D,A,inf",     # 14 infinite: not a finite number
    "Z,Z,1",       # 15 self-link; Z appears nowhere else, so it is not a firm
    "B,A,0",       # 16 kept, value 0
    ",,",          # 17 missing ids (and value): counted once, under the first reason
]) + "\n"
EXPECTED_DROPPED = {"missing seller or buyer id": 3, "value not a finite number": 3, "missing value": 1,
                    "negative value": 1, "self-link (seller is the buyer)": 2,
                    "duplicate link (values summed into one)": 2}


def _check_validation(data, rows: tuple[int, ...]):
    assert data.dropped.set_index("reason")["rows"].to_dict() == EXPECTED_DROPPED
    assert data.meta["rows_read"] == 16 == len(data.links) + data.dropped["rows"].sum()
    assert data.firms.index.tolist() == ["A", "B", "C", "D", "X", "Y"]
    assert data.firms["in_cluster"].tolist() == [True] * 4 + [False] * 2
    assert data.firms["region"].tolist()[:4] == ["R1", "R1", "R2", "R2"] and data.firms["region"].isna()[4:].all()
    got = {(data.firms.index[s], data.firms.index[b]): v for s, b, v in data.links.itertuples(index=False)}
    assert got == {("A", "B"): 130.0, ("B", "A"): 0.0, ("C", "X"): 7.0, ("Y", "A"): 3.0}
    assert data.links[["seller", "buyer"]].values.tolist() == [[0, 1], [1, 0], [2, 4], [5, 0]]  # sorted
    msg = data.problems.set_index("message")
    missing = next(m for m in msg.index if "missing seller or buyer id" in m)
    assert f"first at rows {rows[0]}, {rows[1]}, {rows[2]}" in missing
    bad = next(m for m in msg.index if "not a finite number" in m)
    assert "'abc'" in bad and "'1,5'" in bad and "decimal point" in bad
    outside = next(m for m in msg.index if "not in the firms table" in m)
    assert outside.startswith("2 firms") and "'X', 'Y'" in outside and "in 2 links" in outside
    assert any("value 0" in m for m in msg.index) and any("2 rows repeat" in m for m in msg.index)
    assert set(data.problems["severity"]) == {"warning", "info"}


def test_validation_csv_counts_every_dropped_row(tmp_path):
    firms = _write_csv(tmp_path / "firms.csv", FIRMS_CSV)
    links = _write_csv(tmp_path / "links.csv", LINKS_CSV)
    before = _digest(links), _digest(firms)
    data = read_production_network(links, firms=firms)
    assert (_digest(links), _digest(firms)) == before
    _check_validation(data, rows=(3, 4, 17))  # file lines
    first = data.problems.set_index("column").loc["seller"]
    assert 3 in first["row"].tolist() and str(links) in data.problems["file"].tolist()


def test_validation_parquet_and_dataframe_count_the_same(tmp_path):
    frame = pd.read_csv(io.StringIO(LINKS_CSV),
                        dtype=str, keep_default_na=False).replace("", None)
    path = tmp_path / "links.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    firms = pd.read_csv(io.StringIO(FIRMS_CSV)).set_index("firm")
    _check_validation(read_production_network(path, firms=firms), rows=(2, 3, 16))  # 1-based row numbers
    _check_validation(read_production_network(frame, firms=firms, chunk_rows=5), rows=(2, 3, 16))


def test_validation_same_without_pyarrow(tmp_path, monkeypatch):
    firms = _write_csv(tmp_path / "firms.csv", FIRMS_CSV)
    links = _write_csv(tmp_path / "links.csv", LINKS_CSV)
    with_arrow = read_production_network(links, firms=firms, chunk_rows=4)
    _no_pyarrow(monkeypatch)
    assert netkit.production._files._pyarrow_csv() is None
    without = read_production_network(links, firms=firms, chunk_rows=4)  # pandas reads the CSV
    _check_validation(without, rows=(3, 4, 17))
    pd.testing.assert_frame_equal(without.links, with_arrow.links)
    pd.testing.assert_frame_equal(without.firms, with_arrow.firms)
    pd.testing.assert_frame_equal(without.dropped, with_arrow.dropped)
    packed = tmp_path / "links.csv.gz"
    packed.write_bytes(gzip.compress(LINKS_CSV.encode()))
    pd.testing.assert_frame_equal(read_production_network(packed, firms=firms).links, with_arrow.links)


def test_years_and_firms_only_from_kept_links(tmp_path):
    path = _write_csv(tmp_path / "links.csv", "\n".join([
        "seller,buyer,value,year",
        "1,2,10,2020",
        "1,2,5,2020",     # duplicate of the row above: 15
        "1,2,7,2021",     # another year: its own link
        "2,1,3,20x1",     # not a year
        "2,3,4,",         # missing year
        "3,1,2,2020.5",   # not a whole number
    ]) + "\n")
    data = read_production_network(path, year="year")
    assert data.dropped.set_index("reason")["rows"].to_dict() == {
        "missing seller or buyer id": 0, "value not a finite number": 0, "missing value": 0, "negative value": 0,
        "year missing or not a whole number": 3, "self-link (seller is the buyer)": 0,
        "duplicate link (values summed into one)": 1}
    assert data.firms.index.tolist() == [1, 2] and data.firms.index.dtype == np.int64  # 3 only in dropped rows
    assert data.firms["in_cluster"].all()
    assert data.links.to_dict("list") == {"seller": [0, 0], "buyer": [1, 1], "value": [15.0, 7.0],
                                          "year": [2020, 2021]}
    assert data.links["year"].dtype == np.int16
    assert any("'20x1'" in m for m in data.problems["message"])


def test_semicolons_gzip_and_no_values(tmp_path):
    path = tmp_path / "links.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("Verkoper;Koper\nBE01;BE02\nBE01;BE02\nBE02;BE03\n")
    data = read_production_network(path, seller="Verkoper", buyer="Koper", value=None)
    assert data.firms.index.tolist() == ["BE01", "BE02", "BE03"]
    assert data.links["value"].tolist() == [2.0, 1.0]  # each row counts 1; the repeated row sums to 2


def test_missing_columns_are_named_with_the_columns_found(tmp_path):
    path = _write_csv(tmp_path / "links.csv", "Seller,Buyer,amount\n1,2,3\n")
    with pytest.raises(NetkitError) as err:
        read_production_network(path)
    msg = str(err.value)
    assert str(path) in msg and "no column 'seller', 'buyer', 'value'" in msg
    assert "columns found: 'Seller', 'Buyer', 'amount'" in msg
    assert "seller='Seller'" in msg and "buyer='Buyer'" in msg
    data = read_production_network(path, seller="Seller", buyer="Buyer", value="amount")
    assert data.links["value"].tolist() == [3.0]
    with pytest.raises(NetkitError, match="'year'"):
        read_production_network(path, seller="Seller", buyer="Buyer", value="amount", year="year")


def test_firms_table_errors(tmp_path):
    links = _write_csv(tmp_path / "links.csv", "seller,buyer,value\nA,B,1\n")
    dup = _write_csv(tmp_path / "dup.csv", "firm,region\nA,R1\nB,R1\n A,R2\n")
    with pytest.raises(NetkitError, match=r"1 firm ids appear more than once .*'A'"):
        read_production_network(links, firms=dup)
    noid = _write_csv(tmp_path / "noid.csv", "id,region\nA,R1\n")
    with pytest.raises(NetkitError, match=r"no column 'firm' \(columns found: 'id', 'region'\).*firm=<your firm"):
        read_production_network(links, firms=noid)
    assert read_production_network(links, firms=noid, firm="id").firms.index.tolist() == ["A", "B"]
    flags = _write_csv(tmp_path / "flags.csv", "firm,in_cluster\nA,yes\nB,maybe\n")
    with pytest.raises(NetkitError, match="'maybe'"):
        read_production_network(links, firms=flags)


def test_unreadable_inputs(tmp_path):
    with pytest.raises(NetkitError, match="no such file"):
        read_production_network(tmp_path / "nope.csv")
    xlsx = _write_csv(tmp_path / "links.xlsx", "x")
    with pytest.raises(NetkitError, match=r"\.parquet file or a \.csv"):
        read_production_network(xlsx)
    ragged = _write_csv(tmp_path / "ragged.csv", "seller,buyer,value\n1,2,3\n1,2,3,4\n")
    with pytest.raises(NetkitError, match="same number of fields"):
        read_production_network(ragged)
    fake = _write_csv(tmp_path / "fake.parquet", "seller,buyer\n")
    with pytest.raises(NetkitError, match="cannot read it as Parquet"):
        read_production_network(fake)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("vendeur,acheteur,valeur\nSociété,B,1\n".encode("latin-1"))
    with pytest.raises(NetkitError, match="UTF-8"):
        read_production_network(latin, seller="vendeur", buyer="acheteur", value="valeur")
    nothing = _write_csv(tmp_path / "nothing.csv", "seller,buyer,value\nA,A,1\nA,B,x\n")
    with pytest.raises(NetkitError, match=r"(?s)no link is left .*self-link"):
        read_production_network(nothing)


def test_parquet_without_pyarrow_says_how_to_install(tmp_path, monkeypatch):
    firms, links = generate_production_network(50, mean_links=2, seed=1)
    paths = write_production_network(firms, links, tmp_path, format="parquet")
    _no_pyarrow(monkeypatch)
    for call in (lambda: read_production_network(paths["links"]),
                 lambda: read_production_network(links, firms=paths["firms"]),
                 lambda: write_production_network(firms, links, tmp_path / "again")):
        with pytest.raises(NetkitError, match=r'pip install "netkit\[fast\]"'):
            call()
    csv = write_production_network(firms, links, tmp_path / "csv", format="csv")  # pandas writes CSV
    pd.testing.assert_frame_equal(read_production_network(csv["links"], firms=csv["firms"]).links, links)


def test_progress_messages(tmp_path, capsys):
    firms, links = generate_production_network(100, mean_links=4.5, seed=2)
    paths = write_production_network(firms, links, tmp_path, format="csv")
    messages = []
    read_production_network(paths["links"], firms=paths["firms"], progress=messages.append, chunk_rows=100)
    reads = [m for m in messages if "rows read" in m]
    assert [m.split(": ")[1].split(" rows")[0] for m in reads] == ["100", "200", "300", "400", "450"]
    assert reads[-1].startswith("links.csv: 450 rows read (100%)")
    assert messages[0] == "firms.csv: 100 firms"
    assert messages[-1].startswith("links.csv: 450 links among 100 firms (0 outside); 0 rows dropped or merged")
    read_production_network(paths["links"], progress=True)
    assert "links.csv: 450 rows read" in capsys.readouterr().err
    read_production_network(paths["links"])
    assert capsys.readouterr().err == ""


# ------------------------------------------------------------------------------------------ networkx


def test_to_graph_edges_weights_and_attributes():
    firms, links = generate_production_network(300, mean_links=3, focal_region="R01", seed=9)
    G = to_graph(ProductionData(firms, links))
    assert isinstance(G, nx.DiGraph) and G.number_of_nodes() == 300
    expected = {(int(s), int(b)): float(v) for s, b, v in zip(links["seller"], links["buyer"], links["value"])}
    assert {(u, v): d["weight"] for u, v, d in G.edges(data=True)} == expected
    assert {d["relation"] for _, _, d in G.edges(data=True)} == {"trade"}
    assert G.nodes[5]["region"] == firms.loc[5, "region"] and G.nodes[5]["kind"] == "firm"
    assert G.nodes[5]["in_cluster"] == bool(firms.loc[5, "region"] == "R01")
    assert netkit.collapse(G).number_of_edges() == len(links)  # netkit measures take it
    with pytest.raises(NetkitError, match=r"900 links, more than max_links=100.*GB"):
        to_graph(ProductionData(firms, links), max_links=100)


def test_to_graph_years_and_outside_firms(tmp_path):
    path = _write_csv(tmp_path / "links.csv", "seller,buyer,value,year\nA,B,1,2020\nA,B,2,2021\nB,Q,5,2021\n")
    firms = pd.DataFrame({"firm": ["A", "B"], "employees": [3, 300]})
    data = read_production_network(path, firms=firms, year="year")
    G = to_graph(data)
    assert G["A"]["B"]["weight"] == 3.0 and G["B"]["Q"]["weight"] == 5.0  # summed over years
    assert G.nodes["Q"] == {"kind": "firm", "in_cluster": False}  # outside firm: no missing attributes
    assert G.nodes["B"]["employees"] == 300
    G21 = to_graph(data, year=2021)
    assert G21["A"]["B"]["weight"] == 2.0 and G21.graph["year"] == 2021
    with pytest.raises(NetkitError, match=r"years are \[2020, 2021\]"):
        to_graph(data, year=2019)


def test_firms_without_ids_are_left_out(tmp_path):
    links = _write_csv(tmp_path / "links.csv", "seller,buyer,value\nA,B,1\n")
    firms = _write_csv(tmp_path / "firms.csv", "firm,region\nA,R1\n,R2\n  ,R3\nB,R1\n")
    data = read_production_network(links, firms=firms)
    assert data.firms.index.tolist() == ["A", "B"] and data.firms["region"].tolist() == ["R1", "R1"]
    assert any(m.startswith("2 rows of the firms table have no firm id") for m in data.problems["message"])
    floats = pd.DataFrame({"region": ["R1", "R2", "R3"]}, index=pd.Index([1.0, np.nan, 2.0]))
    data = read_production_network(pd.DataFrame({"seller": [1], "buyer": [2], "value": [5.0]}), firms=floats)
    assert data.firms.index.tolist() == [1, 2] and data.firms.index.dtype == np.int64


# ------------------------------------------------------------------------------------------ firm profile

from netkit.embeddedness import embeddedness  # noqa: E402
from netkit.holes import structural_holes  # noqa: E402
from netkit.production import compare_sizes, firm_profile  # noqa: E402

_SAME_AS_EMBEDDEDNESS = {"suppliers": "in_degree", "customers": "out_degree", "degree": "degree",
                         "external_ties": "external_ties", "external_share": "external_share",
                         "reciprocity": "reciprocity", "clustering": "clustering", "core_number": "core_number",
                         "constraint": "constraint", "coverage": "coverage"}
_HOLES = ["effective_size", "efficiency", "constraint", "hierarchy"]


def _close(a, b):
    np.testing.assert_allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=1e-9, atol=1e-12)


@pytest.fixture(scope="module")
def small():
    """300 firms in 4 regions; the cluster is region R01, so most firms are outside firms; a 3-year panel."""
    return ProductionData(*generate_production_network(300, mean_links=6, regions=4, focal_region="R01",
                                                       years=[2021, 2022, 2023], seed=11))


@pytest.mark.parametrize("year", [None, 2022])
def test_firm_profile_equals_graph_functions(small, year):
    profile = firm_profile(small, year=year)
    G = to_graph(small, year=year)
    assert list(profile.index) == list(G)
    emb = embeddedness(G)
    for col, ref in _SAME_AS_EMBEDDEDNESS.items():
        _close(profile[col], emb[ref])
    _close(profile["suppliers"], emb["trade_in"])
    _close(profile["customers"], emb["trade_out"])
    holes = structural_holes(G, weight="weight")
    for col in _HOLES:
        _close(profile[col], holes[col])
    unweighted = firm_profile(small, year=year, weighted=False)
    plain = structural_holes(G)
    for col in _HOLES:
        _close(unweighted[col], plain[col])
    assert (profile["external_ties"] > 0).any() and (profile["reciprocity"] > 0).any()


def test_firm_profile_equals_networkx(small):
    profile = firm_profile(small)
    G = to_graph(small)
    U = nx.Graph(G.to_undirected())
    core, clustering = nx.core_number(U), nx.clustering(U)
    constraint = nx.constraint(G, weight="weight")
    effective = nx.effective_size(U)  # unweighted and undirected: networkx is right (n - 2t/n)
    links = G  # one link per pair (the lower seller of a reciprocated pair), so each tie counts 1
    one_way = [(u, v) for u, v in links.edges if not (links.has_edge(v, u) and v < u)]
    pairs = pd.DataFrame(one_way, columns=["seller", "buyer"]).assign(value=1.0)
    plain = firm_profile(ProductionData(firms=small.firms, links=pairs), weighted=False)
    for v in G:
        assert profile.loc[v, "core_number"] == core[v]
        assert profile.loc[v, "clustering"] == pytest.approx(clustering[v], abs=1e-12)
        assert profile.loc[v, "suppliers"] == G.in_degree(v) and profile.loc[v, "customers"] == G.out_degree(v)
        assert profile.loc[v, "sales"] == pytest.approx(G.out_degree(v, weight="weight"))
        assert profile.loc[v, "purchases"] == pytest.approx(G.in_degree(v, weight="weight"))
        if U.degree(v):
            assert profile.loc[v, "constraint"] == pytest.approx(constraint[v], rel=1e-9)
            assert plain.loc[v, "effective_size"] == pytest.approx(effective[v], rel=1e-9)
            assert profile.loc[v, "reciprocity"] == pytest.approx(nx.reciprocity(G, [v])[v])


def _hand_made(**firm_columns) -> ProductionData:
    """Firms 0..5: 0 sells 3 to 1 and 1 to 2; 1 and 2 sell 2 each to 3; 3 sells 1 back to 2; 4 is outside."""
    firms = pd.DataFrame({"region": ["N", "N", "S", "S", None, "N"],
                          "in_cluster": [True, True, True, True, False, True], **firm_columns},
                         index=pd.Index(list("abcdef"), name="firm"))
    links = pd.DataFrame({"seller": [0, 0, 1, 2, 3, 4, 0], "buyer": [1, 2, 3, 3, 2, 0, 1],
                          "value": [1.0, 1.0, 2.0, 2.0, 1.0, 5.0, 2.0]})  # 0 -> 1 twice: 1 + 2 = 3
    return ProductionData(firms=firms, links=links)


def test_firm_profile_hand_worked():
    data = _hand_made()
    before = (data.firms.copy(), data.links.copy())
    p = firm_profile(data)
    pd.testing.assert_frame_equal(data.firms, before[0])
    pd.testing.assert_frame_equal(data.links, before[1])
    # a sells 3 to b and 1 to c: shares 3/4, 1/4 -> 0.5625 + 0.0625; it buys only from e
    assert p.loc["a", "sales_concentration"] == pytest.approx(0.625)
    assert p.loc["a", "purchase_concentration"] == pytest.approx(1.0)
    # d buys 2 from b and 2 from c: two equal suppliers
    assert p.loc["d", "purchase_concentration"] == pytest.approx(0.5)
    # c buys 1 from a, sells 2 to d and buys 1 from d: shares 1/4 and 3/4 by partner
    assert p.loc["c", "coverage"] == pytest.approx(0.625)
    assert p.loc["d", "sales_concentration"] == 1.0  # one customer
    assert p.loc["c", ["suppliers", "customers", "degree"]].tolist() == [2, 1, 2]
    assert p.loc["c", "reciprocity"] == pytest.approx(2 / 3)  # c -> d and d -> c of its 3 arcs
    # regions: a (N) has b (N), c (S), e (none): one local partner of three
    assert p.loc["a", "local_ties"] == 1 and p.loc["a", "local_share"] == pytest.approx(1 / 3)
    assert math.isnan(p.loc["e", "local_share"])  # its own region is missing
    assert p.loc["a", "external_ties"] == 1 and p.loc["a", "external_share"] == pytest.approx(1 / 3)
    # f is an isolate
    iso = p.loc["f"]
    assert iso[["suppliers", "customers", "degree", "core_number", "clustering"]].tolist() == [0, 0, 0, 0, 0.0]
    assert iso[["reciprocity", "constraint", "effective_size", "coverage", "local_share"]].isna().all()
    assert list(p.columns[-2:]) == ["region", "in_cluster"]
    G = to_graph(data)
    emb, holes = embeddedness(G), structural_holes(G, weight="weight")
    for col, ref in _SAME_AS_EMBEDDEDNESS.items():
        _close(p[col], emb[ref])
    for col in _HOLES:
        _close(p[col], holes[col])


def test_firm_profile_zero_values_and_self_links():
    data = _hand_made()
    links = pd.concat([data.links, pd.DataFrame({"seller": [5, 1, 5], "buyer": [5, 2, 1], "value": [9.0, 0.0, 0.0]})],
                      ignore_index=True)
    zero = ProductionData(firms=data.firms, links=links)
    p = firm_profile(zero)
    assert p.loc["f", "degree"] == 1 and math.isnan(p.loc["f", "constraint"])  # its one link has value 0
    assert math.isnan(p.loc["f", "sales_concentration"])  # it sold nothing of value
    G = to_graph(zero)  # to_graph keeps the self-link; every measure ignores it
    U = nx.Graph(G.to_undirected())
    U.remove_edges_from(nx.selfloop_edges(U))
    for v, c in nx.clustering(U).items():
        assert p.loc[v, "clustering"] == pytest.approx(c)
    holes = structural_holes(G, weight="weight")
    _close(p["constraint"], holes["constraint"])


def test_firm_profile_size_classes_from_employees():
    data = _hand_made(employees=[9, 10, 49, 250, None, 249])
    p = firm_profile(data)
    assert p["size_class"].astype(object).tolist()[:4] == ["micro", "small", "small", "large"]
    assert p.loc["f", "size_class"] == "medium" and pd.isna(p.loc["e", "size_class"])
    assert p["is_sme"].tolist()[:4] == [True, True, True, False] and pd.isna(p.loc["e", "is_sme"])
    for n in (9, 10, 49, 50, 249, 250):
        assert netkit.size_class(n)[0] == _size_of(n)


def _size_of(n):
    data = _hand_made(employees=[n] * 6)
    return firm_profile(data)["size_class"].iloc[0]


def test_firm_profile_errors_and_progress(capsys):
    data = _hand_made()
    with pytest.raises(NetkitError, match="local="):
        firm_profile(data, local="province")
    assert "local_ties" not in firm_profile(data, local=None)
    with pytest.raises(NetkitError, match="no year"):
        firm_profile(data, year=2020)
    bad = ProductionData(firms=data.firms, links=data.links.assign(buyer=data.links["buyer"] + 3))
    with pytest.raises(NetkitError, match="row positions"):
        firm_profile(bad)
    with pytest.raises(NetkitError, match="negative"):
        firm_profile(ProductionData(firms=data.firms, links=data.links.assign(value=-1.0)))
    panel = ProductionData(*generate_production_network(50, years=[2020, 2021], seed=1))
    with pytest.raises(NetkitError, match=r"the years are \[2020, 2021\]"):
        firm_profile(panel, year=1999)
    messages = []
    firm_profile(data, progress=messages.append)
    assert len(messages) == 6 and all(m.startswith("firm_profile: ") and " s" in m for m in messages)
    firm_profile(data, progress=True)
    assert capsys.readouterr().err.count("firm_profile: ") == 6


def test_compare_sizes():
    data = ProductionData(*generate_production_network(3000, sme_share=0.9, focal_region="R01", seed=4))
    profile = firm_profile(data)
    result = compare_sizes(profile, seed=2, n_permutations=199)
    assert result.index.name == "measure" and "constraint" in result.index
    listed = profile[profile["in_cluster"]]
    assert result.loc["degree", "n_True"] + result.loc["degree", "n_False"] == len(listed)
    sme = listed["is_sme"].astype(bool)  # the effect is SMEs' mean minus large firms' mean
    assert result.loc["degree", "effect"] == pytest.approx(
        listed.loc[sme, "degree"].mean() - listed.loc[~sme, "degree"].mean())
    assert 0 < result.loc["degree", "p_value"] <= 0.01  # 199 permutations: smallest possible p is 1/200
    assert result.loc["degree", "effect"] < 0  # large firms trade with more partners
    with pytest.raises(NetkitError, match="nothing to compare"):
        compare_sizes(profile[profile["is_sme"]])
    with pytest.raises(NetkitError, match="employees"):
        compare_sizes(profile.drop(columns="is_sme"))


def test_firm_profile_equals_igraph():
    """igraph's C code on the undirected collapse (values summed): coreness, local clustering, weighted constraint."""
    import igraph as ig

    data = ProductionData(*generate_production_network(2000, mean_links=8, seed=5))
    profile = firm_profile(data)
    s, b, v = (data.links[c].to_numpy() for c in ("seller", "buyer", "value"))
    U = ig.Graph(n=len(data.firms), edges=np.c_[s, b].tolist(), directed=True, edge_attrs={"weight": v})
    U.to_undirected(mode="collapse", combine_edges="sum")
    assert U.coreness() == profile["core_number"].tolist()
    _close(np.nan_to_num(U.transitivity_local_undirected(mode="zero")), profile["clustering"])
    _close(U.constraint(weights="weight"), profile["constraint"])

"""Reading large supplier-customer edge lists (CSV or Parquet) in chunks, with counted drops."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import NetkitError, Problems
from ._data import ProductionData
from ._files import _check_columns, _csv_header, _existing, _kind_of, _pyarrow_csv, _require_pyarrow

# why link rows are dropped, in the order they are checked: a row counts under the first that applies
_MISSING_ID = "missing seller or buyer id"
_BAD_VALUE = "value not a finite number"
_MISSING_VALUE = "missing value"
_NEGATIVE = "negative value"
_BAD_YEAR = "year missing or not a whole number"
_SELF = "self-link (seller is the buyer)"
_DUPLICATE = "duplicate link (values summed into one)"


# ------------------------------------------------------------------------------------------ reading: chunks


def _chunk_frames(frame: pd.DataFrame, columns: list[str], chunk_rows: int):
    """Slices of an in-memory links table: (columns, first row number as a person sees it, share done)."""
    n = len(frame)
    for lo in range(0, n, chunk_rows):
        hi = min(lo + chunk_rows, n)
        yield {c: frame[c].iloc[lo:hi].reset_index(drop=True) for c in columns}, lo + 1, hi / max(n, 1)


def _arrow_float(col) -> pd.Series:
    """A text column as float64 by pyarrow (fast); the text itself when some entry is not a number."""
    import pyarrow as pa
    import pyarrow.compute as pc
    try:
        return pd.Series(pc.cast(col, pa.float64()).to_numpy(zero_copy_only=False))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return col.to_pandas()


def _csv_chunks(path: Path, compression, sep: str, columns: list[str], numeric: list[str], chunk_rows: int):
    """Chunks of a CSV file: ({column: Series}, line number of the first row, share of the file read).

    Every column is read as text (ids keep leading zeros); numeric columns are
    converted afterwards so that a bad entry is counted, not fatal.
    """
    pcsv = _pyarrow_csv()
    size = max(path.stat().st_size, 1)
    line = 2  # the header is line 1
    with open(path, "rb") as raw:
        if pcsv is not None:
            import pyarrow as pa
            stream = pa.CompressedInputStream(raw, compression) if compression else raw
            reader = pcsv.open_csv(
                stream, read_options=pcsv.ReadOptions(block_size=4 << 20),
                parse_options=pcsv.ParseOptions(delimiter=sep),
                convert_options=pcsv.ConvertOptions(include_columns=columns, strings_can_be_null=True,
                                                    column_types={c: pa.string() for c in columns}))
            pending = None
            for batch in reader:
                table = pa.Table.from_batches([batch])
                pending = table if pending is None else pa.concat_tables([pending, table])
                while pending.num_rows >= chunk_rows:
                    yield _arrow_chunk(pending.slice(0, chunk_rows), numeric), line, raw.tell() / size
                    line, pending = line + chunk_rows, pending.slice(chunk_rows)
            if pending is not None and pending.num_rows:
                yield _arrow_chunk(pending, numeric), line, 1.0
            return
        reader = pd.read_csv(raw, sep=sep, usecols=columns, dtype={c: str for c in columns if c not in numeric},
                             chunksize=chunk_rows, encoding="utf-8-sig", compression=compression)
        for chunk in reader:
            yield {c: chunk[c].reset_index(drop=True) for c in columns}, line, raw.tell() / size
            line += len(chunk)


def _arrow_chunk(table, numeric: list[str]) -> dict:
    return {c: _arrow_float(table.column(c)) if c in numeric else table.column(c).to_pandas()
            for c in table.column_names}


def _parquet_chunks(pf, columns: list[str], chunk_rows: int):
    total, first = max(pf.metadata.num_rows, 1), 1
    for batch in pf.iter_batches(batch_size=chunk_rows, columns=columns):
        yield {c: batch.column(c).to_pandas() for c in columns}, first, (first - 1 + batch.num_rows) / total
        first += batch.num_rows


# ------------------------------------------------------------------------------------------ reading: ids


def _id_kind(dtype) -> str:
    """'int' for whole-number ids, 'str' for text."""
    if pd.api.types.is_bool_dtype(dtype):
        return "str"
    return "int" if pd.api.types.is_numeric_dtype(dtype) else "str"


class _Ids:
    """Assigns int32 codes to firm ids, chunk by chunk, starting from the firms table's ids.

    Only each chunk's distinct ids are touched in Python-level pandas calls:
    ``pd.factorize`` the chunk, look its distinct ids up in the known ids,
    append the new ones (outside firms, or every firm without a table).
    With ``as_text``, ids are compared as text (stripped; blank is missing).
    """

    def __init__(self, as_text: bool, where: str):
        self.as_text, self.where = as_text, where
        self.known = pd.Index([], dtype=str if as_text else np.int64)
        self.n_listed = 0

    def start(self, listed: pd.Index) -> None:
        """Begin with the firms table's ids (distinct keys from :meth:`keys`)."""
        self.known, self.n_listed = listed, len(listed)

    def keys(self, values, column: str) -> pd.Index:
        values = pd.Index(values)
        if self.as_text:
            if pd.api.types.is_float_dtype(values.dtype):
                values = _whole(values, self.where, column)
            text = pd.Index(pd.Series(values, dtype=str).str.strip(), dtype=str)
            return text.where(text != "")
        if pd.api.types.is_float_dtype(values.dtype) or not pd.api.types.is_integer_dtype(values.dtype):
            values = _whole(values, self.where, column)
        return values.astype(np.int64)

    def encode(self, ids: pd.Series, column: str) -> np.ndarray:
        local, uniques = pd.factorize(ids, use_na_sentinel=True)
        keys = self.keys(uniques, column)
        pos = self.known.get_indexer(keys)
        pos[keys.isna()] = -1
        new = (pos < 0) & keys.notna()
        if new.any():
            fresh = keys[new].unique()
            pos[new] = len(self.known) + fresh.get_indexer(keys[new])
            self.known = self.known.append(fresh)
        pos = np.append(pos, -1)  # local code -1 (missing) -> -1
        return pos[local].astype(np.int32)


def _whole(values: pd.Index, where: str, column: str) -> pd.Index:
    """Numeric ids as int64; a NetkitError when one is not a whole number."""
    numbers = pd.to_numeric(pd.Series(values), errors="coerce")
    bad = numbers.isna() | (numbers != np.floor(numbers))
    if bad.any():
        raise NetkitError(f"{where}: column {column!r} holds ids that are not whole numbers, e.g. "
                          f"{values[np.flatnonzero(bad.to_numpy())[0]]!r}; ids must be whole numbers or text")
    return pd.Index(numbers.astype(np.int64))


def _canonical_ints(index: pd.Index) -> bool:
    """True when every id is a whole number written plainly (no sign, leading zero or spaces; < 19 digits)."""
    return len(index) > 0 and bool(pd.Series(index, dtype=str).str.fullmatch(r"0|[1-9][0-9]{0,17}").all())


# ------------------------------------------------------------------------------------------ reading: firms


def _load_firms(firms, firm: str, say) -> tuple[pd.DataFrame, str, str]:
    """The firms table indexed by id (as read), where it came from, and the ids' kind (int/str/text)."""
    if isinstance(firms, pd.DataFrame):
        frame, where = firms, "the firms DataFrame"
        if firm in frame.columns:
            frame = frame.set_index(firm)
        kind = _id_kind(frame.index.dtype)
    else:
        path = _existing(firms, "firms table")
        where = str(path)
        fmt, compression = _kind_of(path, "firms table")
        if fmt == "parquet":
            pq = _require_pyarrow(f"Reading the Parquet file {path.name}")
            frame = _read_parquet_table(pq, path)
            if firm not in frame.columns and frame.index.name == firm:
                frame = frame.reset_index()
            _check_columns(path, list(frame.columns), {"firm": firm})
            kind = _id_kind(frame[firm].dtype)
        else:
            found, sep = _csv_header(path, compression)
            _check_columns(path, found, {"firm": firm})
            try:
                frame = pd.read_csv(path, sep=sep, dtype={firm: str}, encoding="utf-8-sig", compression=compression)
            except (ValueError, UnicodeDecodeError) as exc:
                raise NetkitError(f"{path}: cannot read the firms table as CSV: {exc}") from None
            kind = "text"
        frame = _categorise(frame.set_index(firm))
        say(f"{path.name}: {len(frame):,} firms")
    return frame, where, kind


def _read_parquet_table(pq, path: Path) -> pd.DataFrame:
    try:
        return pq.read_table(path).to_pandas()
    except (ValueError, OSError) as exc:  # pyarrow's ArrowInvalid is a ValueError, ArrowIOError an OSError
        raise NetkitError(f"{path}: cannot read it as Parquet ({exc}); is it damaged or another "
                          "kind of file?") from None


def _categorise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns with at most half as many distinct values as rows become categoricals (memory)."""
    out = {}
    for col in frame.columns:
        s = frame[col]
        if (pd.api.types.is_string_dtype(s.dtype) and not isinstance(s.dtype, pd.CategoricalDtype)
                and len(s) and s.nunique() <= len(s) / 2):
            out[col] = s.astype("category")
    return frame.assign(**out) if out else frame


def _in_cluster(values: pd.Series, where: str) -> pd.Series:
    """A firms table's in_cluster column as bool (true/false, yes/no, 1/0)."""
    if pd.api.types.is_bool_dtype(values.dtype) and not values.isna().any():
        return values.astype(bool)
    words = {"true": True, "yes": True, "y": True, "1": True, "1.0": True,
             "false": False, "no": False, "n": False, "0": False, "0.0": False}
    text = values.astype(str).str.strip().str.lower()
    mapped = text.map(words)
    if mapped.isna().any():
        bad = values[mapped.isna()].iloc[0]
        raise NetkitError(f"{where}: column 'in_cluster' must be true/false (or yes/no, 1/0), "
                          f"not {bad!r}; fix it or drop the column (then every listed firm is in the cluster)")
    return mapped.astype(bool)


def _with_outside(table: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    """The firms table plus rows for outside firms: in_cluster False, other columns missing."""
    if len(ids) == len(table):
        return table
    nullable = {}
    for col in table.columns:
        if col != "in_cluster" and pd.api.types.is_bool_dtype(table[col].dtype):
            nullable[col] = "boolean"
        elif pd.api.types.is_integer_dtype(table[col].dtype):
            nullable[col] = "Int64"
    inside = table["in_cluster"].to_numpy(dtype=bool)
    out = table.astype(nullable).reindex(ids)
    out["in_cluster"] = np.concatenate([inside, np.zeros(len(ids) - len(table), dtype=bool)])
    return out


# ------------------------------------------------------------------------------------------ reading: links


def _numbers(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(float64 values, NaN where missing or bad; mask of entries that are there but not finite numbers)."""
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        v = s.to_numpy(dtype=np.float64, na_value=np.nan)
        return v, np.isinf(v)
    v = pd.to_numeric(s, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    there = (s.notna() & (s.astype(str).str.strip() != "")).to_numpy()
    bad = (there & np.isnan(v)) | np.isinf(v)
    v[bad] = np.nan
    return v, bad


class _Drops:
    """Counts of dropped rows by reason, with the first rows and entries as examples."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        self.counts = np.zeros(len(reasons) + 1, dtype=np.int64)
        self.examples: dict[int, list[tuple[int, object]]] = {}

    def add(self, reason: np.ndarray, first_row: int, shown: dict[int, pd.Series]):
        self.counts += np.bincount(reason, minlength=len(self.counts))
        for k in np.unique(reason[reason > 0]):
            ex = self.examples.setdefault(int(k), [])
            for i in np.flatnonzero(reason == k)[: 3 - len(ex)]:
                ex.append((first_row + int(i), shown[int(k)].iloc[i] if int(k) in shown else None))


def _chunk_reasons(s, b, v, v_bad, y_bad, reasons) -> np.ndarray:
    """Per row, 0 (kept) or 1 + the index of the first reason that applies."""
    conditions = {_MISSING_ID: (s < 0) | (b < 0), _BAD_VALUE: v_bad, _MISSING_VALUE: np.isnan(v) & ~v_bad,
                  _NEGATIVE: v < 0, _BAD_YEAR: y_bad, _SELF: s == b}
    reason = np.zeros(len(s), dtype=np.int8)
    for k, name in enumerate(reasons):
        reason[(reason == 0) & conditions[name]] = k + 1
    return reason


def _year_values(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    y, bad = _numbers(s)
    bad = bad | np.isnan(y) | (y != np.floor(y)) | (np.abs(y) > 32767)
    return np.where(bad, 0, y).astype(np.int16), bad


def _aggregate(seller, buyer, value, year, n: int):
    """Sort links by seller, buyer, year and sum the values of repeated ones; (arrays, rows merged)."""
    if year is None:
        order = np.argsort(seller.astype(np.int64) * n + buyer)
    elif n * n * 65536 < 2 ** 62:
        order = np.argsort((seller.astype(np.int64) * n + buyer) * 65536 + (year.astype(np.int64) + 32768))
    else:
        order = np.lexsort((year, buyer, seller))
    seller, buyer, value = seller[order], buyer[order], value[order]
    year = None if year is None else year[order]
    first = np.ones(len(seller), dtype=bool)
    first[1:] = (seller[1:] != seller[:-1]) | (buyer[1:] != buyer[:-1])
    if year is not None:
        first[1:] |= year[1:] != year[:-1]
    merged = int(len(first) - first.sum())
    if merged:
        starts = np.flatnonzero(first)
        value = np.add.reduceat(value, starts)
        seller, buyer = seller[starts], buyer[starts]
        year = None if year is None else year[starts]
    return seller, buyer, value, year, merged


def _reporter(progress):
    if not progress:
        return lambda message: None
    if callable(progress):
        return progress
    return lambda message: print(message, file=sys.stderr, flush=True)


def read_production_network(links_path, *, firms=None, seller: str = "seller", buyer: str = "buyer",
                            value: str | None = "value", year: str | None = None, firm: str = "firm",
                            progress=False, chunk_rows: int = 1_000_000) -> ProductionData:
    """Read and validate a large supplier-customer edge list (CSV or Parquet) and a firms table.

    The links are read ``chunk_rows`` at a time and checked with whole-column
    operations. Rows that cannot be used are dropped and counted, each under
    the first reason that applies: missing seller or buyer id; value not a
    finite number (text such as ``1,5`` or ``n.a.``, or infinite); missing
    value; negative value; year missing or not a whole number (with
    ``year``); self-link. Repeated seller-buyer(-year) rows are summed into
    one link and counted. Firms that links name but the firms table does not
    list are kept as outside firms (``in_cluster`` False) and reported. The
    input files are only read.

    Parameters
    ----------
    links_path : str, Path or DataFrame
        ``.parquet``/``.pq`` (needs pyarrow) or ``.csv``/``.tsv``/``.txt``,
        optionally compressed (``.gz``, ``.bz2``, ``.xz``), UTF-8 with a header
        row; the delimiter (``,``, ``;``, tab or ``|``) is detected from the
        header. Numbers need a decimal point. A DataFrame is validated the
        same way. Columns other than those named below are not read.
    firms : str, Path or DataFrame, optional
        The firms table (register): a file as above with an id column
        ``firm``, or a DataFrame with that column or indexed by the ids. Its
        other columns are kept; text columns with few distinct values become
        categoricals. An ``in_cluster`` column (true/false) is kept, else
        every listed firm is in the cluster.
    seller, buyer, value, year : str
        Column names in the links file. ``value=None``: the file has no values
        and each row counts 1.0 (duplicates sum to a count). ``year=None``:
        no year column is read.
    firm : str
        The id column of the firms table.
    progress : bool or callable
        True prints progress messages to stderr; a callable receives them.
    chunk_rows : int
        Rows per chunk: memory use, not results, depends on it.

    Returns
    -------
    ProductionData
        Firm ids are compared as text when either side is text (a CSV file
        is text: ids keep leading zeros); when every id comes from a CSV file
        or integer column and is a plain whole number, the ids are int64.
        Seller and buyer are int32 positions in ``firms``: memory is about 18
        bytes a link (with year) and the firms table.

    Raises
    ------
    NetkitError
        Missing file or columns (naming the columns found), Parquet without
        pyarrow, damaged files, duplicate ids in the firms table, no link left.

    Examples
    --------
    >>> import tempfile
    >>> from netkit.production import generate_production_network, write_production_network
    >>> firms, links = generate_production_network(200, seed=2)
    >>> paths = write_production_network(firms, links, tempfile.mkdtemp(), format="csv")
    >>> data = read_production_network(paths["links"], firms=paths["firms"])
    >>> len(data.links) == len(links), int(data.dropped["rows"].sum())
    (True, 0)
    """
    t0 = time.perf_counter()
    say = _reporter(progress)
    if not isinstance(chunk_rows, (int, np.integer)) or chunk_rows < 1:
        raise NetkitError(f"chunk_rows must be a positive whole number, not {chunk_rows!r}")
    cols = {"seller": seller, "buyer": buyer, "value": value, "year": year}
    cols = {role: c for role, c in cols.items() if c is not None}
    where, name, kinds, chunks = _open_links(links_path, cols, chunk_rows)
    problems = Problems(file=where)
    table, firms_where, firms_kind = (None, None, None) if firms is None else _load_firms(firms, firm, say)
    all_kinds = kinds | ({firms_kind} if firms_kind else set())
    ids = _Ids(as_text=bool(all_kinds & {"str", "text"}), where=where)
    if table is not None:
        table = _start_ids(ids, table, firm, firms_where, problems)

    reasons = [_MISSING_ID, _BAD_VALUE, _MISSING_VALUE, _NEGATIVE] + ([_BAD_YEAR] if year else []) + [_SELF]
    drops = _Drops(reasons)
    seller_c, buyer_c, value_c, year_c, rows_read, zero = _read_links(chunks, ids, cols, reasons, drops, say,
                                                                      name, t0)

    # firm ids: plain whole numbers read as text become int64; outside firms are sorted and unused ids removed
    known = ids.known
    if ids.as_text and not (all_kinds & {"str"}) and _canonical_ints(known):
        known = pd.Index(pd.Series(known, dtype=str).astype(np.int64))
    seller_c, buyer_c, known = _compact(seller_c, buyer_c, known, ids.n_listed)
    known = known.rename("firm")
    say(f"{name}: sorting {len(seller_c):,} links and summing duplicates")
    seller_c, buyer_c, value_c, year_c, merged = _aggregate(seller_c, buyer_c, value_c, year_c, len(known))

    if table is None:
        firms_out = pd.DataFrame({"in_cluster": np.ones(len(known), dtype=bool)}, index=known)
    else:
        table = table.set_axis(known[: ids.n_listed], axis=0)
        flags = _in_cluster(table["in_cluster"], firms_where) if "in_cluster" in table.columns else True
        firms_out = _with_outside(table.assign(in_cluster=flags), known)
    links_out = pd.DataFrame({"seller": seller_c, "buyer": buyer_c, "value": value_c})
    if year_c is not None:
        links_out["year"] = year_c

    dropped = pd.DataFrame({"reason": reasons + [_DUPLICATE],
                            "rows": np.append(drops.counts[1:], merged).astype(np.int64)})
    if not len(links_out):
        raise NetkitError(f"{where}: no link is left after validation ({rows_read:,} rows read). Why:\n"
                          + dropped[dropped["rows"] > 0].to_string(index=False)
                          + "\nCheck the column names given for seller, buyer and value.")
    _link_problems(problems, drops, reasons, cols, merged, zero)
    n_outside = len(known) - ids.n_listed if table is not None else 0
    if n_outside:
        outside_links = int(((seller_c >= ids.n_listed) | (buyer_c >= ids.n_listed)).sum())
        examples = ", ".join(repr(i) for i in known[ids.n_listed: ids.n_listed + 3].tolist())
        problems.warning(f"{n_outside:,} firms named in the links are not in the firms table ({firms_where}), "
                         f"e.g. {examples}; kept as outside firms (in_cluster False), in {outside_links:,} links. "
                         "If they belong to the cluster, add them to the firms table.", column=seller)
    seconds = time.perf_counter() - t0
    say(f"{name}: {len(links_out):,} links among {len(firms_out):,} firms ({n_outside:,} outside); "
        f"{int(dropped['rows'].sum()):,} rows dropped or merged; {seconds:.1f} s")
    return ProductionData(firms=firms_out, links=links_out, dropped=dropped, problems=problems.to_frame(),
                          source=where, meta={"rows_read": rows_read, "outside_firms": n_outside,
                                              "seconds": seconds})


def _open_links(links_path, cols: dict[str, str], chunk_rows: int):
    """Check the links' columns and return (where, short name, id kinds, chunk iterator)."""
    wanted = list(dict.fromkeys(cols.values()))
    numeric = [cols[r] for r in ("value", "year") if r in cols]
    id_cols = (cols["seller"], cols["buyer"])
    if isinstance(links_path, pd.DataFrame):
        where = "the links DataFrame"
        _check_columns(where, list(links_path.columns), cols)
        kinds = {_id_kind(links_path[c].dtype) for c in id_cols}
        return where, "links", kinds, _chunk_frames(links_path, wanted, chunk_rows)
    path = _existing(links_path, "links")
    fmt, compression = _kind_of(path, "links")
    if fmt == "csv":
        found, sep = _csv_header(path, compression)
        _check_columns(path, found, cols)
        return str(path), path.name, {"text"}, _csv_chunks(path, compression, sep, wanted, numeric, chunk_rows)
    pq = _require_pyarrow(f"Reading the Parquet file {path.name}")
    try:
        pf = pq.ParquetFile(path)
    except (ValueError, OSError) as exc:  # ArrowInvalid, ArrowIOError
        raise NetkitError(f"{path}: cannot read it as Parquet ({exc}); is it damaged or another "
                          "kind of file?") from None
    schema = pf.schema_arrow
    _check_columns(path, schema.names, cols)
    kinds = {"str" if _is_text(schema.field(c).type) else _id_kind(schema.field(c).type.to_pandas_dtype())
             for c in id_cols}
    return str(path), path.name, kinds, _parquet_chunks(pf, wanted, chunk_rows)


def _start_ids(ids: _Ids, table: pd.DataFrame, firm: str, where: str, problems: Problems) -> pd.DataFrame:
    """Start the ids with the firms table's (dropping rows without an id); error on repeated ids."""
    blank = np.array(table.index.isna())
    keys = ids.keys(table.index[~blank], firm)
    empty = np.asarray(keys.isna())  # blank text
    if empty.any():
        blank[np.flatnonzero(~blank)[empty]] = True
        keys = keys[~empty]
    if blank.any():
        problems.warning(f"{int(blank.sum()):,} rows of the firms table have no firm id and were left out",
                         file=where, column=firm)
        table = table[~blank]
    dup = keys.duplicated()
    if dup.any():
        rep = keys[dup].unique()
        raise NetkitError(f"{where}: {len(rep):,} firm ids appear more than once in column {firm!r} "
                          f"(e.g. {', '.join(repr(i) for i in rep[:5].tolist())}); every firm must be "
                          "listed once: remove or merge the repeated rows")
    ids.start(keys)
    return table


def _read_links(chunks, ids: _Ids, cols: dict, reasons: list[str], drops: _Drops, say, name: str, t0: float):
    """Encode and check every chunk; (seller, buyer, value, year or None, rows read, links of value 0)."""
    seller, buyer, value, year = cols["seller"], cols["buyer"], cols.get("value"), cols.get("year")
    shown = {reasons.index(r) + 1: value for r in (_BAD_VALUE, _MISSING_VALUE, _NEGATIVE) if value}
    if year:
        shown[reasons.index(_BAD_YEAR) + 1] = year
    parts: dict[str, list] = {"seller": [], "buyer": [], "value": [], "year": []}
    rows_read, zero = 0, 0
    for chunk, first_row, share in _guarded(chunks, ids.where):
        n = len(chunk[seller])
        s, b = ids.encode(chunk[seller], seller), ids.encode(chunk[buyer], buyer)
        v, v_bad = (np.ones(n), np.zeros(n, dtype=bool)) if value is None else _numbers(chunk[value])
        y, y_bad = (None, np.zeros(n, dtype=bool)) if year is None else _year_values(chunk[year])
        reason = _chunk_reasons(s, b, v, v_bad, y_bad, reasons)
        drops.add(reason, first_row, {k: chunk[c] for k, c in shown.items()})
        keep = reason == 0
        for key, arr in (("seller", s), ("buyer", b), ("value", v), ("year", y)):
            if arr is not None:
                parts[key].append(arr[keep])
        zero += int((v[keep] == 0).sum())
        rows_read += n
        say(f"{name}: {rows_read:,} rows read ({100 * share:.0f}%), {len(ids.known):,} firms so far, "
            f"{time.perf_counter() - t0:.1f} s")
    return (_concat(parts["seller"], np.int32), _concat(parts["buyer"], np.int32),
            _concat(parts["value"], np.float64), _concat(parts["year"], np.int16) if year else None,
            rows_read, zero)


def _guarded(chunks, where: str):
    """The chunks, with errors of reading the file (not of using the chunks) as NetkitErrors."""
    try:
        yield from chunks
    except NetkitError:
        raise
    except (ValueError, OSError, UnicodeDecodeError) as exc:  # ParserError, ArrowInvalid, damaged files
        raise NetkitError(f"{where}: the links cannot be read: {exc}. Check that every row has the same "
                          "number of fields as the header, that the file is UTF-8 text, and that it is not "
                          "damaged.") from None


def _is_text(arrow_type) -> bool:
    import pyarrow as pa
    if pa.types.is_dictionary(arrow_type):
        arrow_type = arrow_type.value_type
    return pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type)


def _concat(parts: list, dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.empty(0, dtype=dtype)


def _compact(seller, buyer, known: pd.Index, n_listed: int):
    """Keep listed firms in their order, then the other ids that kept links use, sorted; recode the links."""
    used = np.zeros(len(known), dtype=bool)
    used[seller] = True
    used[buyer] = True
    extra = np.flatnonzero(used[n_listed:]) + n_listed
    extra = extra[np.argsort(known[extra], kind="stable")] if len(extra) else extra
    if len(extra) == len(known) - n_listed and np.array_equal(extra, np.arange(n_listed, len(known))):
        return seller, buyer, known
    recode = np.full(len(known), -1, dtype=np.int32)
    recode[:n_listed] = np.arange(n_listed)
    recode[extra] = np.arange(n_listed, n_listed + len(extra))
    return recode[seller], recode[buyer], known[:n_listed].append(known[extra])


def _link_problems(problems: Problems, drops: _Drops, reasons, cols: dict, merged: int, zero: int) -> None:
    column = {_MISSING_ID: cols["seller"], _SELF: cols["seller"], _BAD_YEAR: cols.get("year")}
    for k, reason in enumerate(reasons, start=1):
        count = int(drops.counts[k])
        if not count:
            continue
        ex = drops.examples.get(k, [])
        rows = ", ".join(str(r) for r, _ in ex)
        entries = [repr(e) for _, e in ex if e is not None and not (isinstance(e, float) and np.isnan(e))]
        text = f"; entries {', '.join(entries)}" if entries and reason in (_BAD_VALUE, _BAD_YEAR, _NEGATIVE) else ""
        fix = {_BAD_VALUE: " Values must be plain numbers with a decimal point (1234.5, not 1.234,5 or 'n.a.').",
               _MISSING_ID: " Every link needs both a seller and a buyer id.",
               _BAD_YEAR: " Years must be whole numbers such as 2021."}.get(reason, "")
        problems.warning(f"{count:,} rows dropped: {reason} (first at rows {rows}{text}).{fix}",
                         row=ex[0][0] if ex else None, column=column.get(reason, cols.get("value")))
    if merged:
        key = "seller-buyer-year" if "year" in cols else "seller-buyer"
        problems.info(f"{merged:,} rows repeat a {key} link already read; their values were added to it")
    if zero and "value" in cols:
        problems.info(f"{zero:,} links have value 0; kept", column=cols["value"])

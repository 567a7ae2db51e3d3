"""Production network files: formats, headers and columns, and writing firms and links."""

from __future__ import annotations

import csv
import difflib
from pathlib import Path

import pandas as pd

from ..errors import NetkitError

_INSTALL = 'pip install "netkit[fast]"'
_CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
_PARQUET_SUFFIXES = {".parquet", ".pq"}
_COMPRESSION = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz"}


def _require_pyarrow(what: str):
    """pyarrow.parquet, or a NetkitError that says how to install it."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise NetkitError(f"{what} needs the optional package pyarrow, which is not installed. "
                          f"Install it with: {_INSTALL}  (or save the data as CSV)") from exc
    return pq


def _pyarrow_csv():
    """pyarrow.csv when installed (fast CSV), else None (pandas reads CSV)."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.csv as pcsv
    except ImportError:
        return None
    return pcsv


def _kind_of(path: Path, role: str) -> tuple[str, str | None]:
    """("csv" or "parquet", compression) from the file name."""
    suffixes = [s.lower() for s in path.suffixes]
    compression = _COMPRESSION.get(suffixes[-1]) if suffixes else None
    last = suffixes[-2] if compression and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    if last in _PARQUET_SUFFIXES and not compression:
        return "parquet", None
    if last in _CSV_SUFFIXES:
        return "csv", compression
    kind = f"a {''.join(path.suffixes)} file" if path.suffixes else "a file without an extension"
    raise NetkitError(f"{path}: cannot read the {role} from {kind}; "
                      "give a .parquet file or a .csv/.tsv/.txt file (optionally .gz, .bz2 or .xz)")


def _existing(path, role: str) -> Path:
    path = Path(path)
    if not path.is_file():
        where = "it is a folder" if path.is_dir() else "no such file"
        raise NetkitError(f"cannot read the {role} from {path}: {where}. Check the path.")
    return path


def _open_text(path: Path, compression: str | None):
    if compression == "gzip":
        import gzip
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    if compression == "bz2":
        import bz2
        return bz2.open(path, "rt", encoding="utf-8-sig", newline="")
    if compression == "xz":
        import lzma
        return lzma.open(path, "rt", encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")


def _csv_header(path: Path, compression: str | None) -> tuple[list[str], str]:
    """The column names of a CSV file and its delimiter (the most frequent of , ; tab | in the header)."""
    try:
        with _open_text(path, compression) as fh:
            line = fh.readline()
    except UnicodeDecodeError:
        raise NetkitError(f"{path}: the file is not UTF-8 text. Save it as UTF-8 "
                          "(Excel: 'CSV UTF-8'; LibreOffice: character set Unicode (UTF-8)).") from None
    except (OSError, EOFError) as exc:
        raise NetkitError(f"{path}: cannot read the file ({exc}); is it damaged or not really "
                          f"{compression or 'plain text'}?") from None
    if not line.strip():
        raise NetkitError(f"{path}: the first line is empty; the file must start with a header row of column names")
    sep = max([",", ";", "\t", "|"], key=line.count)
    return [c.strip() for c in next(csv.reader([line], delimiter=sep))], sep


def _check_columns(path, found: list[str], wanted: dict[str, str]) -> None:
    """A NetkitError naming every missing column, the columns found and how to name them."""
    missing = {role: col for role, col in wanted.items() if col not in found}
    if not missing:
        return
    hints = []
    for role, col in missing.items():
        close = difflib.get_close_matches(str(col).lower(), [str(f).lower() for f in found], n=1, cutoff=0.6)
        match = next((f for f in found if str(f).lower() == close[0]), None) if close else None
        hints.append(f"{role}={match!r}" if match is not None else f"{role}=<your {role} column>")
    names = ", ".join(repr(c) for c in missing.values())
    shown = ", ".join(repr(f) for f in found[:30]) + (" ..." if len(found) > 30 else "")
    raise NetkitError(f"{path}: no column {names} (columns found: {shown}). Name your columns with "
                      f"read_production_network(..., {', '.join(hints)}).")


# ------------------------------------------------------------------------------------------ writing


def write_production_network(firms: pd.DataFrame, links: pd.DataFrame, folder, *,
                             format: str = "parquet") -> dict[str, Path]:
    """Write a firms table and a links table as ``firms.<ext>`` and ``links.<ext>`` in ``folder``.

    Parameters
    ----------
    firms : DataFrame
        Indexed by firm id; the index is written as the column ``firm``.
    links : DataFrame
        ``seller``, ``buyer`` as firm ids (for a :class:`ProductionData`, use
        its ``write`` method, which writes ids, not row positions), ``value``
        and any other columns.
    folder : str or Path
        Created if needed; existing ``firms`` and ``links`` files in it are
        replaced.
    format : {"parquet", "csv"}
        Parquet needs pyarrow. CSV is UTF-8 with a header row, comma-separated;
        written by pyarrow when installed (fast), else by pandas.

    Returns
    -------
    dict
        ``{"firms": path, "links": path}``.

    Examples
    --------
    >>> import tempfile
    >>> from netkit.production import generate_production_network
    >>> firms, links = generate_production_network(100, seed=1)
    >>> paths = write_production_network(firms, links, tempfile.mkdtemp(), format="csv")
    >>> sorted(p.name for p in paths.values())
    ['firms.csv', 'links.csv']
    """
    if format not in ("parquet", "csv"):
        raise NetkitError(f"format must be 'parquet' or 'csv', not {format!r}")
    missing = [c for c in ("seller", "buyer") if c not in links.columns]
    if missing:
        raise NetkitError(f"links need the columns 'seller' and 'buyer' (missing {missing}; "
                          f"columns found: {list(links.columns)})")
    for col in ("seller", "buyer"):
        unknown = ~links[col].isin(firms.index)
        if unknown.any():
            raise NetkitError(
                f"{int(unknown.sum()):,} links name a {col} that is not in the firms index (e.g. "
                f"{links[col][unknown].iloc[0]!r}); every seller and buyer must be a firm id. For a "
                "ProductionData, whose links hold row positions, use data.write(folder).")
    if "firm" in firms.columns:
        raise NetkitError("the firms table has a column 'firm' besides its index; the index is written as "
                          "'firm', so rename or drop that column")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = {"firms": firms.rename_axis("firm").reset_index(), "links": links.reset_index(drop=True)}
    paths = {name: folder / f"{name}.{format}" for name in tables}
    if format == "parquet":
        pq = _require_pyarrow("Writing Parquet")
        import pyarrow as pa
        for name, frame in tables.items():
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), paths[name])
        return paths
    pcsv = _pyarrow_csv()
    for name, frame in tables.items():
        if pcsv is None:
            frame.to_csv(paths[name], index=False)
        else:
            import pyarrow as pa
            pcsv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), paths[name])
    return paths


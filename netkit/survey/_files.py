"""Reading spreadsheet files into plain grids of cells, safely.

Every sheet becomes a :class:`Sheet`: its name, the file it came from and its
rows as lists of Python values, where ``rows[i]`` is spreadsheet row ``i + 1``
(the number a person sees). Nothing here knows about surveys.

Safety: workbooks are zip archives of XML. Before any library parses them we
refuse archives that declare XML entities (the "billion laughs" bomb), that
unpack to an implausible size (zip bomb), that are encrypted, or that are not
the spreadsheet their extension says. openpyxl additionally parses with
defusedxml, a hard dependency of netkit.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problems, SurveyError

__all__ = ["Sheet", "read_sheets", "SPREADSHEET_SUFFIXES"]

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".csv", ".tsv", ".txt"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_MAX_UNPACKED = 1 << 30  # 1 GiB unpacked is far beyond any survey
_MAX_RATIO = 1000  # compression ratio of a zip bomb, not of a spreadsheet
# what damaged archives and sheets raise inside zipfile, zlib and openpyxl (ParseError is a SyntaxError)
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError, TypeError,
            AttributeError, IndexError, SyntaxError)  # ParseError is a SyntaxError


@dataclass
class Sheet:
    """One sheet (or CSV file) as a grid of cell values."""

    name: str
    file: str
    rows: list[list] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The sheet name normalised for matching (case, spaces)."""
        return _sheet_key(self.name)

    def is_empty(self) -> bool:
        return not any(_filled(v) for row in self.rows for v in row)


def _sheet_key(name: str) -> str:
    return "_".join(str(name).strip().lower().replace("-", " ").split())


def _filled(value) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and value != value:
        return False
    if isinstance(value, str) and not value.strip():
        return False
    return True


def _fail(path: Path, message: str):
    """Raise a SurveyError about the whole file."""
    problems = Problems(file=str(path))
    problems.error(message)
    raise SurveyError(problems.to_frame())


def _sniff(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(8)


def _check_ole(path: Path) -> None:
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        _fail(
            path,
            "the workbook is password-protected (encrypted), so it cannot be read. "
            "Open it, remove the password (Excel: File > Info > Protect Workbook > "
            "Encrypt with Password, clear it; LibreOffice: File > Properties > Security) "
            "and save it again as .xlsx.",
        )
    _fail(
        path,
        "this is an old binary Excel file (.xls) or another Office document, not .xlsx. "
        "Open it and save it as 'Excel Workbook (.xlsx)' or as .ods.",
    )


def _check_zip(path: Path, kind: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        _fail(path, f"the file is damaged or not a real {kind} file (it is not a valid zip "
                    "archive). Open it in a spreadsheet program and save it again.")
    names = set(zf.namelist())
    if kind == "xlsx" and "xl/workbook.xml" not in names:
        _fail(path, "this is a zip archive but not an Excel workbook (no xl/workbook.xml): "
                    "was another kind of file renamed to .xlsx? Save the survey as .xlsx.")
    if kind == "ods":
        try:
            mime = zf.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
        except _DAMAGED:
            mime = ""
        if "content.xml" not in names or "spreadsheet" not in mime:
            _fail(path, "this is not an OpenDocument spreadsheet (.ods): was another kind of "
                        "file renamed? Save the survey as .ods or .xlsx.")
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > _MAX_UNPACKED or (info.file_size > 10_000_000 and ratio > _MAX_RATIO):
            _fail(path, "refused: the file unpacks to an implausible size (a 'zip bomb'). "
                        "If it is a real survey, save it again from a spreadsheet program.")
    for info in zf.infolist():
        if info.filename.endswith(".xml") or info.filename.endswith(".rels"):
            try:
                with zf.open(info) as fh:
                    head = fh.read(65536)
            except _DAMAGED as exc:
                zf.close()
                _fail(path, f"the file is damaged (part {info.filename!r}: {exc}). Open it in a spreadsheet "
                            "program and save it again.")
            if b"<!ENTITY" in head or b"<!DOCTYPE" in head:
                _fail(path, f"refused: part {info.filename!r} declares XML entities, which "
                            "spreadsheet programs never write (a possible 'XML bomb'). "
                            "Save the survey again from a spreadsheet program.")
    return zf


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _merged_ranges(zf: zipfile.ZipFile, part: str) -> list[tuple[int, int, int, int]]:
    """Merged cell ranges of a worksheet part, read from its XML (1-based, inclusive)."""
    from openpyxl.utils import column_index_from_string

    data = zf.read(part.lstrip("/"))
    return [(int(r0), column_index_from_string(c0.decode()), int(r1), column_index_from_string(c1.decode()))
            for c0, r0, c1, r1 in _MERGE.findall(data)]


def _damaged(path: Path, exc: Exception):
    _fail(path, f"the workbook could not be opened: it is damaged ({type(exc).__name__}: {exc}). "
                "Open it in a spreadsheet program and save it again as .xlsx.")


def _read_workbook(path: Path, *, data_only: bool, read):
    """Open the workbook from our own file handle, run ``read(wb)``, always close the file.

    openpyxl reads sheets lazily in read-only mode, so damage inside a sheet
    only shows while rows are read: both steps are guarded here.
    """
    import openpyxl

    with open(path, "rb") as fh:
        try:
            with warnings.catch_warnings():
                # openpyxl warns about features it drops (data validation extensions,
                # default styles); they do not affect cell values.
                warnings.simplefilter("ignore", UserWarning)
                wb = openpyxl.load_workbook(fh, read_only=True, data_only=data_only)
                try:
                    return read(wb)
                finally:
                    wb.close()
        except SurveyError:
            raise
        except Exception as exc:  # noqa: BLE001 - openpyxl and defusedxml raise many types on bad files
            if type(exc).__module__.startswith("defusedxml"):
                _fail(path, "refused: the workbook declares XML entities, which spreadsheet programs never "
                            "write (a possible 'XML bomb'). Save the survey again from a spreadsheet program.")
            _damaged(path, exc)


def _read_xlsx(path: Path) -> list[Sheet]:
    zf = _check_zip(path, "xlsx")
    try:
        def read(wb):
            sheets = []
            for ws in wb.worksheets:
                rows = [list(r) for r in ws.iter_rows(values_only=True)]
                part = getattr(ws, "_worksheet_path", None)
                merged = _merged_ranges(zf, part) if part else []
                sheets.append(Sheet(ws.title, str(path), _trim(rows), merged))
            return sheets

        sheets = _read_workbook(path, data_only=True, read=read)
        has_formulas = any(b"<f" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
    except SurveyError:
        raise
    except _DAMAGED as exc:
        _damaged(path, exc)
    finally:
        zf.close()
    if has_formulas:
        _check_formulas(path, sheets)
    return sheets


def _check_formulas(path: Path, sheets: list[Sheet]) -> None:
    """Refuse formulas without a saved value: their cells would read as empty."""
    from openpyxl.utils import get_column_letter

    p = Problems(file=str(path))

    def read(wb):
        for ws, sheet in zip(wb.worksheets, sheets):
            for i, row in enumerate(ws.iter_rows(values_only=True)):
                for j, value in enumerate(row):
                    if isinstance(value, str) and value.startswith("="):
                        cached = sheet.rows[i][j] if i < len(sheet.rows) and j < len(sheet.rows[i]) else None
                        if cached is None:
                            p.error(
                                f"cell holds the formula {value!r} but no saved value (the file was written "
                                "by a program that does not calculate). Open the file in Excel or LibreOffice "
                                "and save it, or paste the values instead of the formulas.",
                                sheet=ws.title, row=i + 1, column=get_column_letter(j + 1),
                            )

    _read_workbook(path, data_only=False, read=read)
    if p.has_errors:
        raise SurveyError(p.to_frame())


def _read_ods(path: Path) -> list[Sheet]:
    import pandas as pd

    _check_zip(path, "ods").close()
    try:
        frames = pd.read_excel(path, engine="odf", sheet_name=None, header=None)
    except Exception as exc:
        _fail(path, f"the .ods file could not be read ({type(exc).__name__}: {exc}). "
                    "Open it in LibreOffice and save it again.")
    sheets = []
    for name, frame in frames.items():
        rows = [[None if not _filled(v) else _py(v) for v in row] for row in frame.itertuples(index=False)]
        sheets.append(Sheet(str(name), str(path), _trim(rows)))
    return sheets


def _py(value):
    """numpy scalars to Python; integral floats stay floats (cell semantics)."""
    if hasattr(value, "item"):
        return value.item()
    return value


def _decode(path: Path, raw: bytes) -> str:
    for enc in ("utf-8-sig",):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("cp1252", errors="replace")


def _read_csv(path: Path, name: str | None = None) -> Sheet:
    raw = path.read_bytes()
    if raw[:4] == _ZIP_MAGIC or raw[:8] == _OLE_MAGIC or b"\x00" in raw[:4096]:
        _fail(path, "this file is named .csv but holds binary data (a workbook renamed?). "
                    "Export the sheet as CSV (comma separated values) or pass the workbook itself.")
    text = _decode(path, raw)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [[c if c.strip() else None for c in r] for r in reader]
    return Sheet(name or path.stem, str(path), _trim(rows))


def _trim(rows: list[list]) -> list[list]:
    """Drop trailing empty rows and columns (formatting often extends sheets)."""
    while rows and not any(_filled(v) for v in rows[-1]):
        rows.pop()
    width = 0
    for r in rows:
        for j in range(len(r) - 1, -1, -1):
            if _filled(r[j]):
                width = max(width, j + 1)
                break
    return [list(r[:width]) + [None] * (width - len(r[:width])) for r in rows]


def read_sheets(path) -> list[Sheet]:
    """Read every sheet of a workbook, a CSV file, or a folder of CSV files.

    Raises :class:`~netkit.errors.SurveyError` with a message that names the
    file and says what to do for wrong types, damaged, encrypted or unsafe files.
    """
    path = Path(path)
    if not path.exists():
        _fail(path, "no such file or folder. Check the path (relative paths start from "
                    f"{Path.cwd()}).")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in {".csv", ".tsv"})
        if not files:
            _fail(path, "the folder holds no .csv files. A survey folder holds one CSV per "
                        "sheet, e.g. actors.csv and ties.csv.")
        return [_read_csv(p) for p in files]
    suffix = path.suffix.lower()
    magic = _sniff(path)
    if magic.startswith(_OLE_MAGIC):
        _check_ole(path)
    if suffix in (".xlsx", ".xlsm"):
        if not magic.startswith(_ZIP_MAGIC):
            _fail(path, "this file is named .xlsx but is not an Excel workbook. "
                        "Open it in a spreadsheet program and save it as .xlsx.")
        return _read_xlsx(path)
    if suffix == ".ods":
        return _read_ods(path)
    if suffix in (".csv", ".tsv", ".txt"):
        sheet = _read_csv(path)
        if sheet.is_empty():
            _fail(path, "the file is empty. Export the survey sheet again (with its header row).")
        return [sheet]
    if suffix == ".xls":
        _fail(path, "old .xls files are not read: save the workbook as .xlsx or .ods.")
    _fail(path, f"netkit reads survey workbooks (.xlsx, .ods), CSV files or a folder of CSV "
                f"files, not {suffix or 'files without an extension'}. Save the survey in one "
                "of those formats.")

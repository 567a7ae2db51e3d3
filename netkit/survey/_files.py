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
    """One sheet (or CSV file) as a grid of cell values.

    Attributes
    ----------
    name, file : str
        The sheet's name (a CSV file's stem) and the file it came from.
    rows : list of lists
        ``rows[i]`` is spreadsheet row ``i + 1``, the number a person sees (for
        a CSV file, the row Excel shows: a ``sep=;`` first line is not a row).
    merged : list of (row0, col0, row1, col1)
        Merged cell ranges, 1-based and inclusive.
    notes : list of (severity, text)
        What reading the file had to guess, as plain sentences for the person
        who sent it. ``severity`` is ``"info"`` (e.g. ``"read as Central
        European (cp1250) text; ..."``, ``"semicolon-separated, decimal
        comma"``) or ``"warning"`` when the guess is doubtful (characters
        that could not be decoded, or text that reads as mojibake).
    delimiter : str or None
        The field separator of a CSV file (``","``, ``";"``, ``"\\t"`` ...);
        None for workbook sheets.
    decimal : {",", ".", None}
        The decimal mark the numbers of a CSV file use, for
        :func:`netkit.survey._numbers.parse_number`; None when the file
        does not tell (and for workbook sheets, whose numbers are numbers).
    """

    name: str
    file: str
    rows: list[list] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    delimiter: str | None = None
    decimal: str | None = None

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


filled = _filled  # public name for the other survey modules


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


# ---------------------------------------------------------------- CSV text: encodings

# Code pages a facilitator's Excel writes a CSV in, with the words the notes use for them.
_CODE_PAGES = {"cp1252": "Western European (cp1252)", "cp1250": "Central European (cp1250)"}
_SAVE_AS_UTF8 = "if names look wrong, save the file as CSV UTF-8 and read it again"
_CHAOS_DOUBTFUL = 0.2  # charset-normalizer's mess ratio above which a decoding is doubtful
# the letters (beyond ASCII) of the languages whose names appear in European member lists
_ALPHABETS = [set(a) for a in (
    "äöüß", "àâæçéèêëîïôœùûüÿ", "àèéìíîòóùú", "áéíñóúü", "áâãàçéêíóôõú", "àçèéíïòóúü",
    "áéíóúëïèöüä", "æøåéó", "åäöé", "äöåšž", "áðéíóúýþæö", "ąćęłńóśźż", "áčďéěíňóřšťúůýž",
    "áäčďéíĺľňóôŕšťúýž", "áéíóöőúüű", "čćđšž", "ăâîșțşţ", "çğıöşü", "äöõüšž", "ëç",
)]
# symbols that are at home next to letters ("Acme®", "Mario’s"); others inside a word are mojibake
_WORD_SYMBOLS = set("®©™°’‘´`·")
# Polish writes "ni" before a vowel, never "ń": "Peńa" is the Spanish "Peña" read as cp1250
_NOT_POLISH = re.compile("ń[aeiouyóąę]")
_TOKEN = re.compile(r"[^\s,;\t\"'()/.\-0-9:!?&+*=<>\[\]{}|_#@%$]+")


def _implausible(text: str) -> tuple[int, int]:
    """(words that no language writes, languages needed for the rest) of a decoded text.

    A cp1250 file read as cp1252 turns "Łódź" into "£ódŸ" and "Wrocław" into
    "Wroc³aw" (symbols inside words), "Dvořák" into "Dvoøák" (letters no one
    language has together); a cp1252 file read as cp1250 turns "Caffè" into
    "Caffč". The first number counts such words; the second the languages a
    greedy cover needs for the other words with letters beyond ASCII.
    """
    bad = 0
    letter_sets = []
    for token in set(_TOKEN.findall(text)):
        extra = {c.lower() for c in token if not c.isascii()}
        if not extra:
            continue
        if any(not c.isalpha() and c not in _WORD_SYMBOLS for c in extra):
            if len(token) > 1:
                bad += 1  # a lone symbol ("€", "§") is fine, one inside a word is not
            continue
        extra = {c for c in extra if c.isalpha()}
        if (extra and not any(extra <= a for a in _ALPHABETS)) or _NOT_POLISH.search(token.lower()):
            bad += 1
        elif extra:
            letter_sets.append(extra)
    languages = 0
    while letter_sets:
        best = max(_ALPHABETS, key=lambda a: sum(s <= a for s in letter_sets))
        letter_sets = [s for s in letter_sets if not s <= best]
        languages += 1
    return bad, languages


def _decode(path: Path, raw: bytes) -> tuple[str, list[tuple[str, str]]]:
    """The text of a CSV file and the notes on how it was decoded.

    UTF-8 (with or without BOM) and UTF-16 (with BOM, as Excel's "Unicode
    text" writes it, or without) are read as such. Anything else is one of the
    single-byte code pages Windows Excel writes, chosen by plausibility of the
    words (see :func:`_implausible`), ties broken by charset-normalizer's
    ranking; every such guess gets a note.
    """
    notes: list[tuple[str, str]] = []
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            body = raw[len(bom):]
            try:
                return body.decode(enc), notes
            except UnicodeDecodeError as exc:
                text = body.decode(enc, errors="replace")
                notes.append(("warning", f"the file says it is {enc[:6].upper()} text but byte {exc.start + len(bom)} "
                                         "is not; characters that could not be read are shown as \ufffd. "
                                         "Save the file again as CSV UTF-8."))
                return text, notes
    utf16 = _utf16_or_none(raw)
    if utf16:
        notes.append(("info", f"read as {utf16.upper()} text without a byte order mark; {_SAVE_AS_UTF8}."))
        return raw.decode(utf16), notes
    try:
        return raw.decode("utf-8"), notes
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    ranking = {m.encoding: (i, m.chaos) for i, m in
               enumerate(from_bytes(raw, cp_isolation=list(_CODE_PAGES), threshold=1.0))}
    candidates = []
    for order, enc in enumerate(_CODE_PAGES):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if any(text == c[4] for c in candidates):
            continue  # the same text in both code pages: name the first (Western) one
        # charset-normalizer drops a code page that decodes like one it kept: the same text, the same mess
        same = min(ranking.values(), default=(order, 0.0))
        rank, chaos = ranking.get(enc, same)
        candidates.append((_implausible(text), rank, order, enc, text, chaos))
    if not candidates:
        # bytes no Windows code page defines (C1 controls): latin-1 reads every byte
        text = raw.decode("latin-1")
        notes.append(("warning", "the file is not UTF-8 and holds bytes no Windows code page uses; read as "
                                 f"latin-1 (ISO 8859-1) text, which may be wrong: {_SAVE_AS_UTF8}."))
        return text, notes
    candidates.sort()
    (bad, _), _, _, enc, text, chaos = candidates[0]
    tied = [c for c in candidates[1:] if c[0] == candidates[0][0]]
    if bad > 0 or chaos > _CHAOS_DOUBTFUL:
        notes.append(("warning", f"read as {_CODE_PAGES[enc]} text, but some words still look garbled "
                                 f"(the encoding is a guess); {_SAVE_AS_UTF8}."))
    elif tied:
        mine, theirs = _first_difference(text, tied[0][4])
        notes.append(("warning", f"read as {_CODE_PAGES[enc]} text, which gives {mine!r}; the file could also be "
                                 f"{_CODE_PAGES[tied[0][3]]} text, which gives {theirs!r}. If the second is right, "
                                 "save the file as CSV UTF-8 and read it again."))
    else:
        notes.append(("info", f"read as {_CODE_PAGES[enc]} text; {_SAVE_AS_UTF8}."))
    return text, notes


def _first_difference(text: str, other: str) -> tuple[str, str]:
    """The first word in which two decodings of the same bytes differ, in each of them."""
    for a, b in zip(re.split(r'[\s,;|"]+', text), re.split(r'[\s,;|"]+', other)):
        if a != b:
            return a, b
    return text[:40], other[:40]


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text whose every other byte is zero (ASCII in UTF-16)."""
    head = raw[:4096]
    if len(head) < 4 or len(head) % 2:
        head = head[:len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _utf16_or_none(raw: bytes) -> str | None:
    """The UTF-16 variant of BOM-less text, if it is one and decodes cleanly (binary data does not)."""
    enc = _utf16_without_bom(raw)
    if enc is None:
        return None
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError:
        return None
    return enc if not any(c < " " and c not in "\r\n\t" for c in text[:4096]) else None


# ---------------------------------------------------------------- CSV text: separators and decimal marks

_DELIMITERS = (";", ",", "\t", "|")
_DELIMITER_NAMES = {",": "comma-separated", ";": "semicolon-separated", "\t": "tab-separated",
                    "|": "separated by |"}
_SEP_LINE = re.compile(r'^\s*"?sep=(.)"?\s*$')
_DECIMAL_COMMA = re.compile(r"^[-+]?(?:\d+,\d{1,2}|\d+,\d{4,}|\d{1,3}(?:\.\d{3})+,\d+|\d{4,},\d+)$")
_DECIMAL_POINT = re.compile(r"^[-+]?(?:\d+\.\d{1,2}|\d+\.\d{4,}|\d{1,3}(?:,\d{3})+\.\d+|\d{4,}\.\d+)$")


def _field_counts(text: str, delimiter: str, limit: int = 200) -> list[int]:
    """Fields per non-empty record of the first ``limit`` records, read with ``delimiter``."""
    counts = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if any(c.strip() for c in record):
                counts.append(len(record))
            if len(counts) >= limit:
                break
    except csv.Error:
        return []
    return counts


def _guess_delimiter(text: str, *, default: str) -> str:
    """The separator that splits the records into the most consistent number of fields (more than one).

    csv.Sniffer guesses from character counts and is fooled by commas inside
    quoted answers or inside names of a semicolon file; here each candidate is
    judged by reading the records with it: the share of records with the
    header's number of fields, then that number.
    """
    best, best_score = default, None
    sample = text[:200_000]
    for delimiter in _DELIMITERS:
        counts = _field_counts(sample, delimiter)
        if not counts or counts[0] < 2:
            continue
        header = counts[0]
        agree = sum(c == header for c in counts) / len(counts)
        score = (agree, header)
        if best_score is None or score > best_score:
            best, best_score = delimiter, score
    return best


def _guess_decimal(rows: list[list], delimiter: str) -> tuple[str | None, str]:
    """The decimal mark the numeric-looking cells agree on (None when they do not tell), and why.

    "2,5" and "1.250,75" are decimal commas, "2.5" and "1,250.75" decimal
    points; "1.250" and "1,250" could be either and do not count.
    """
    comma = point = 0
    for row in rows[1:]:
        for cell in row:
            if isinstance(cell, str):
                value = cell.strip().replace("\u00a0", "").replace(" ", "")
                comma += bool(_DECIMAL_COMMA.match(value))
                point += bool(_DECIMAL_POINT.match(value))
    if comma and not point:
        return ",", "decimal comma"
    if point and not comma:
        return ".", "decimal point"
    if comma and point:
        return None, (f"numbers with a decimal comma ({comma}) and with a decimal point ({point}): each is "
                      "read on its own, \"1.250\" as 1.25 except in staff counts")
    if delimiter == ",":
        return ".", "decimal point"  # a comma-separated file cannot use decimal commas without quoting them
    return None, "no number with a decimal mark"


def _read_csv(path: Path, name: str | None = None) -> Sheet:
    raw = path.read_bytes()
    if raw[:4] == _ZIP_MAGIC or raw[:8] == _OLE_MAGIC:
        _fail(path, "this file is named .csv but holds binary data (a workbook renamed?). "
                    "Export the sheet as CSV (comma separated values) or pass the workbook itself.")
    text, notes = _decode(path, raw)
    if "\x00" in text[:4096]:
        _fail(path, "this file is named .csv but holds binary data (a workbook renamed?). "
                    "Export the sheet as CSV (comma separated values) or pass the workbook itself.")
    default = "\t" if path.suffix.lower() in (".tsv", ".txt") else ","
    first, newline, rest = text.partition("\n")
    declared = _SEP_LINE.match(first.rstrip("\r"))
    if declared:
        # Excel writes (and reads) a first line "sep=;" that is not a row of the sheet
        delimiter, text = declared.group(1), rest
    else:
        delimiter = _guess_delimiter(text, default=default)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [[c if c.strip() else None for c in r] for r in reader]
    except csv.Error as exc:
        _fail(path, f"the CSV file could not be read ({exc}). Open it in a spreadsheet program and "
                    "export it again as CSV UTF-8.")
    rows = _trim(rows)
    decimal, why = _guess_decimal(rows, delimiter)
    if delimiter != "," or decimal != ".":
        notes.append(("info", f"{_DELIMITER_NAMES[delimiter]}, {why}."))
    return Sheet(name or path.stem, str(path), rows, notes=notes, delimiter=delimiter, decimal=decimal)


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

"""Bad input files: every one is a real file made in the test, and every one must give a
SurveyError whose message names the file (and sheet, row and column where there is one)
and says what to do -- never a library traceback, never a hang, never a modified input.
"""

import csv
import gc
import io
import os
import shutil
import time
import warnings
import zipfile

import openpyxl
import openpyxl.xml
import pytest

import netkit
from netkit import SurveyError, read_survey
from netkit.survey._files import read_sheets
from workbooks import write_xlsx, write_ods

ACTORS = [["actor", "name", "kind"], ["A1", "Meccanica Rossi S.r.l.", "firm"], ["A2", "Bianchi GmbH", "firm"],
          ["A3", "Verdi Ltd", "firm"]]
TIES = [["respondent", "partner", "relation", "strength"], ["A1", "Bianchi GmbH", "supplier", 2],
        ["A2", "Meccanica Rossi", "customer", 3], ["A3", "Acme Inc.", "supplier", None]]

# A "billion laughs" DTD: lol9 expands to 10**9 copies of "lol" (3 GB) if anything expands it.
LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b"]>")




@pytest.fixture
def good_xlsx(tmp_path):
    return write_xlsx(tmp_path / "good.xlsx", {"actors": ACTORS, "ties": TIES})


def rewrite_part(src, dst, part, change, *, level=None):
    """Copy a zip archive, passing one part's bytes through ``change``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zout:
        names = zin.namelist()
        assert part in names, names
        for name in names:
            data = zin.read(name)
            zout.writestr(name, change(data) if name == part else data)
    return dst


def with_doctype(data, *, pad=0):
    """Put the billion-laughs DTD before the root element (after any XML declaration)."""
    if data.startswith(b"<?xml"):
        decl, rest = data.split(b"?>", 1)
        decl += b"?>"
    else:
        decl, rest = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', data
    comment = b"<!--" + b"x" * pad + b"-->" if pad else b""
    return decl + comment + LAUGHS + rest


def refused(path, *fragments, seconds=5.0, **kw):
    """read_survey(path) raises SurveyError (nothing else), quickly; its text holds every fragment."""
    start = time.perf_counter()
    with pytest.raises(SurveyError) as info:
        read_survey(path, **kw)
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"took {elapsed:.1f}s"
    assert type(info.value) is SurveyError
    text = str(info.value)
    assert str(path) in text  # the message names the file
    text = text.replace(str(path), "<file>")  # fragments must come from the message, not the path
    for fragment in fragments:
        assert fragment in text, text
    return info.value


def outcome(path, **kw):
    """(exception type name, message) of read_survey(path), with no traceback kept alive.

    For the xfail tests of bugs where a library exception escapes: the escaping exception
    would keep openpyxl's open archive alive and its ResourceWarning would then fail some
    later test, so it is caught here, dropped, and collected before anything is asserted.
    """
    try:
        read_survey(path, **kw)
        result = ("no error", "")
    except Exception as exc:  # noqa: BLE001 - we want to see what escapes
        result = (type(exc).__name__, str(exc))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
    return result


def open_fds(path):
    """File descriptors of this process open on ``path`` (Linux)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == str(path):
                found.append(fd)
        except OSError:
            pass
    return found


# ---------------------------------------------------------------- wrong file types


def test_word_document(tmp_path):
    path = tmp_path / "survey.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    refused(path, "not .docx", "Save the survey in one of those formats", "(.xlsx, .ods)")


def test_word_document_renamed_to_xlsx(tmp_path):
    path = tmp_path / "survey.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    refused(path, "not an Excel workbook", "renamed to .xlsx", "Save the survey as .xlsx")


def test_word_document_renamed_to_ods(tmp_path):
    path = tmp_path / "survey.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    refused(path, "not an OpenDocument spreadsheet (.ods)", "renamed")


def test_text_file_renamed_to_xlsx(tmp_path):
    path = tmp_path / "survey.xlsx"
    path.write_text("respondent,partner,relation\nA1,A2,supplier\n", encoding="utf-8")
    refused(path, "named .xlsx but is not an Excel workbook", "save it as .xlsx")


def test_empty_file_named_xlsx(tmp_path):
    path = tmp_path / "survey.xlsx"
    path.write_bytes(b"")
    refused(path, "not an Excel workbook")


def test_old_binary_xls(tmp_path):
    # the Compound File Binary signature every .xls (BIFF8) file starts with, then an empty header sector
    path = tmp_path / "survey.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    refused(path, "old binary Excel file (.xls)", "save it as 'Excel Workbook (.xlsx)'")


def test_xlsx_renamed_to_xls(tmp_path, good_xlsx):
    path = tmp_path / "survey.xls"
    shutil.copy(good_xlsx, path)
    refused(path, "old .xls files are not read", "save the workbook as .xlsx or .ods")


def test_workbook_renamed_to_csv(tmp_path, good_xlsx):
    path = tmp_path / "ties.csv"
    shutil.copy(good_xlsx, path)
    refused(path, "named .csv but holds binary data", "Export the sheet as CSV")


@pytest.mark.parametrize("name", ["survey.pdf", "survey"])
def test_unsupported_extension(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n")
    refused(path, "netkit reads survey workbooks (.xlsx, .ods), CSV files or a folder of CSV files")


def test_missing_path_and_folder_without_csv(tmp_path):
    refused(tmp_path / "nowhere.xlsx", "no such file or folder")
    folder = tmp_path / "survey"
    folder.mkdir()
    (folder / "notes.md").write_text("not a sheet", encoding="utf-8")
    refused(folder, "the folder holds no .csv files", "actors.csv and ties.csv")


def test_prose_text_file_is_refused_with_the_file_named(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Dear facilitator,\nhere are my answers.\n", encoding="utf-8")
    refused(path)


# ---------------------------------------------------------------- damaged and protected workbooks


def test_truncated_xlsx(tmp_path, good_xlsx):
    path = tmp_path / "cut.xlsx"
    data = good_xlsx.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # the central directory is gone
    refused(path, "damaged or not a real xlsx file", "save it again")


def test_truncated_ods(tmp_path):
    good = write_ods(tmp_path / "good.ods", {"actors": ACTORS[:2], "ties": TIES[:2]})
    path = tmp_path / "cut.ods"
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refused(path, "damaged or not a real ods file")


def test_damaged_compressed_part(tmp_path, good_xlsx):
    raw = bytearray(good_xlsx.read_bytes())
    with zipfile.ZipFile(good_xlsx) as z:
        info = z.getinfo("xl/worksheets/sheet2.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + 25):  # scramble deflate data of the ties sheet
        raw[i] ^= 0xFF
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(raw))
    kind, message = outcome(path)
    assert kind == "SurveyError", (kind, message)
    assert str(path) in message and "save it again" in message


def test_part_with_bad_checksum(tmp_path, good_xlsx):
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(good_xlsx) as zin, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as zout:
        for name in zin.namelist():
            zout.writestr(name, zin.read(name))
    raw = bytearray(stored.read_bytes())
    k = raw.find(b"Bianchi GmbH")
    raw[k:k + 7] = b"Bianchx"  # same length: only the checksum is wrong
    path = tmp_path / "crc.xlsx"
    path.write_bytes(bytes(raw))
    kind, message = outcome(path)
    assert kind == "SurveyError", (kind, message)
    assert str(path) in message and "save it again" in message


def test_broken_sheet_xml(tmp_path, good_xlsx):
    path = rewrite_part(good_xlsx, tmp_path / "broken.xlsx", "xl/worksheets/sheet2.xml", lambda d: d[:-20])
    kind, message = outcome(path)
    assert kind == "SurveyError", (kind, message)
    assert str(path) in message and "save it again" in message


def test_broken_workbook_xml(tmp_path, good_xlsx):
    path = rewrite_part(good_xlsx, tmp_path / "broken.xlsx", "xl/workbook.xml", lambda d: d[:-20])
    kind, message = outcome(path)
    assert kind == "SurveyError", (kind, message)
    assert "the workbook could not be opened" in message and "save it again as .xlsx" in message


def test_password_protected_workbook(tmp_path, good_xlsx):
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path / "locked.xlsx"
    with open(good_xlsx, "rb") as fh, open(path, "wb") as out:
        OOXMLFile(fh).encrypt("s3cret", out)
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML is an OLE container
    refused(path, "password-protected (encrypted)", "remove the password", "save it again as .xlsx")


# ---------------------------------------------------------------- unsafe archives


@pytest.mark.parametrize("part", ["xl/worksheets/sheet2.xml", "xl/workbook.xml", "[Content_Types].xml"])
def test_xml_bomb_in_xlsx_is_refused_quickly(tmp_path, good_xlsx, part):
    def bomb(data):
        data = with_doctype(data)
        return data.replace(b"<t>Bianchi GmbH</t>", b"<t>&lol9;</t>", 1)

    path = rewrite_part(good_xlsx, tmp_path / "bomb.xlsx", part, bomb)
    refused(path, "refused", f"part {part!r} declares XML entities", "XML bomb", seconds=2.0)


def test_xml_bomb_after_a_long_comment_is_still_refused(tmp_path, good_xlsx):
    # the DTD sits beyond the first 64 KiB of the part, where a quick scan of the head does not look
    def bomb(data):
        return with_doctype(data, pad=70_000).replace(b"<t>Bianchi GmbH</t>", b"<t>&lol9;</t>", 1)

    path = rewrite_part(good_xlsx, tmp_path / "bomb.xlsx", "xl/worksheets/sheet2.xml", bomb)
    with warnings.catch_warnings():
        # the file handle this failure leaks is the subject of test_refused_workbook_leaves_no_open_file
        warnings.simplefilter("ignore", ResourceWarning)
        refused(path, "the workbook could not be opened", seconds=2.0)
        gc.collect()


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to list open files")
def test_refused_workbook_leaves_no_open_file(tmp_path, good_xlsx):
    path = rewrite_part(good_xlsx, tmp_path / "bomb.xlsx", "xl/worksheets/sheet2.xml",
                        lambda data: with_doctype(data, pad=70_000))
    try:
        with pytest.raises(SurveyError):
            read_survey(path)
        still_open = open_fds(path)
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()
    assert still_open == []


def test_read_leaves_no_open_file(good_xlsx):
    read_survey(good_xlsx)
    assert open_fds(good_xlsx) == []


@pytest.mark.parametrize("pad", [0, 70_000])
def test_xml_bomb_in_ods_is_refused_quickly(tmp_path, pad):
    good = write_ods(tmp_path / "good.ods", {"actors": ACTORS[:2], "ties": [TIES[0], ["A1", "A2", "supplier", 1]]})

    def bomb(data):
        return with_doctype(data, pad=pad).replace(b"<text:p>A2</text:p>", b"<text:p>&lol9;</text:p>", 1)

    path = rewrite_part(good, tmp_path / "bomb.ods", "content.xml", bomb)
    refused(path, seconds=2.0)


def test_zip_bomb_is_refused_quickly(tmp_path, good_xlsx):
    # 40 MB of spaces inside the ties sheet compress about 1000:1 (deflate's limit)
    def inflate(data):
        return data.replace(b"<sheetData>", b"<sheetData>" + b" " * (40 << 20), 1)

    path = rewrite_part(good_xlsx, tmp_path / "zipbomb.xlsx", "xl/worksheets/sheet2.xml", inflate, level=9)
    assert path.stat().st_size < 200_000
    refused(path, "implausible size", "zip bomb", seconds=2.0)


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


# ---------------------------------------------------------------- empty and incomplete workbooks


def test_empty_ties_sheet(tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", {"actors": ACTORS, "ties": []})
    refused(path, "sheet 'ties'", "the sheet is empty", "needs a header row")


def test_empty_actors_sheet(tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", {"actors": [], "ties": TIES})
    refused(path, "sheet 'actors'", "the sheet is empty")


def test_header_without_rows(tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", {"actors": [ACTORS[0]], "ties": [TIES[0]]})
    err = refused(path, "the actors sheet has no members", "no ties: the sheet has a header but no reported tie")
    assert err.problems["sheet"].tolist() == ["actors", "ties"]
    assert err.problems["row"].tolist() == [2, 2]


def test_blank_workbook(tmp_path):
    path = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(path)
    refused(path, "cannot tell the survey layout", "Sheets found: 'Sheet'")


def test_empty_csv_in_a_folder(tmp_path):
    folder = tmp_path / "survey"
    folder.mkdir()
    with open(folder / "actors.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(ACTORS)
    (folder / "ties.csv").write_text("", encoding="utf-8")
    refused(folder, "sheet 'ties'", "the sheet is empty")


@pytest.mark.parametrize("relation", [None, "supplier"])
def test_empty_single_csv_is_an_error_that_says_so(tmp_path, relation):
    path = tmp_path / "answers.csv"
    path.write_bytes(b"")
    refused(path, "empty", relation=relation)


def test_empty_csv_named_ties(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_bytes(b"")
    refused(path, "the file is empty")


def test_missing_ties_sheet(tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", {"actors": ACTORS, "supplier": [[None, "A1"], ["A2", "x"]]})
    # with a relation sheet this is a matrix survey; without any it is not a survey at all
    assert read_survey(path).layout == "matrix"
    path = write_xlsx(tmp_path / "t.xlsx", {"actors": ACTORS, "answers": TIES})
    refused(path, "cannot tell the survey layout", "'actors' and 'ties'", "Sheets found: 'actors', 'answers'")


def test_missing_actors_sheet(tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", {"ties": TIES})
    refused(path, "missing required sheet 'actors'", "column 'actor'")


def test_missing_columns_are_all_listed(tmp_path):
    ties = [["respondent", "relation"], ["A1", "supplier"]]
    actors = [["id2", "name"], ["A1", "Rossi"]]
    err = refused(write_xlsx(tmp_path / "s.xlsx", {"actors": actors, "ties": ties}),
                  "required column 'actor' is missing (found: id2, name). Add a column headed 'actor'.",
                  "required column 'partner' is missing (found: respondent, relation)")
    assert list(zip(err.problems["sheet"], err.problems["row"])) == [("actors", 1), ("ties", 1)]


def test_two_columns_with_one_meaning(tmp_path):
    ties = [["respondent", "ego", "partner", "relation"], ["A1", "A1", "A2", "supplier"]]
    err = refused(write_xlsx(tmp_path / "s.xlsx", {"actors": ACTORS, "ties": ties}),
                  "two columns are both read as 'respondent'; rename or delete one")
    assert err.problems["column"].tolist() == ["B (ego)"]


# ---------------------------------------------------------------- bad values, located


def test_duplicate_actor_ids(tmp_path):
    actors = ACTORS + [["A2", "Bianchi again", "firm"], ["A1", "Rossi again", "firm"]]
    path = write_xlsx(tmp_path / "s.xlsx", {"actors": actors, "ties": TIES})
    err = refused(path, "sheet 'actors', row 5, column 'actor': duplicate actor id 'A2' (also on row 3)",
                  "sheet 'actors', row 6, column 'actor': duplicate actor id 'A1' (also on row 2)",
                  "give each member its own id", "2 errors found")
    assert err.problems["row"].dropna().tolist() == [5, 6]


def test_unknown_relation(tmp_path):
    ties = TIES + [["A1", "A3", "custmer", None]]
    path = write_xlsx(tmp_path / "s.xlsx", {"actors": ACTORS, "ties": ties})
    refused(path, "sheet 'ties', row 5, column 'relation': unknown relation 'custmer'. Did you mean 'customer'?",
            "declare others in a 'relations' sheet")


def test_non_numeric_strength(tmp_path):
    ties = TIES + [["A1", "A3", "supplier", "high"], ["A2", "A3", "customer", "2,5"]]
    relations = [["relation", "scale_min", "scale_max"], ["supplier", 1, 5]]
    path = write_xlsx(tmp_path / "s.xlsx", {"actors": ACTORS, "ties": ties, "relations": relations})
    err = refused(path, "sheet 'ties', row 5, column 'D (strength)': strength 'high' is not a number; "
                        "write a number from 1 to 5 or leave it empty.")
    assert err.problems["row"].tolist() == [5]  # "2,5" is a number written with a decimal comma


def test_formulas_without_cached_values(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "actors"
    for row in ACTORS:
        ws.append(row)
    ws["D1"] = "employees"
    ws["D2"] = "=1+1"
    ws2 = wb.create_sheet("ties")
    for row in TIES:
        ws2.append(row)
    ws2["D3"] = "=2*2"
    path = tmp_path / "formulas.xlsx"
    wb.save(path)
    err = refused(path, "sheet 'actors', row 2, column 'D': cell holds the formula '=1+1' but no saved value",
                  "sheet 'ties', row 3, column 'D': cell holds the formula '=2*2'",
                  "Open the file in Excel or LibreOffice and save it", "2 errors found")
    assert list(zip(err.problems["sheet"], err.problems["row"], err.problems["column"])) == [
        ("actors", 2, "D"), ("ties", 3, "D")]


def test_errors_from_a_csv_folder_name_the_csv_file(tmp_path):
    folder = tmp_path / "survey"
    folder.mkdir()
    for name, rows in {"actors": ACTORS, "ties": TIES + [["A1", "A2", "suplier", None]]}.items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([["" if v is None else v for v in r] for r in rows])
    err = refused(folder, "sheet 'ties', row 5", "Did you mean 'supplier'?")
    assert err.problems["row"].tolist() == [5]


# ---------------------------------------------------------------- CSV dialects and encodings


def test_csv_in_windows_1252_with_semicolons(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_bytes("respondent;partner;relation\nA1;Talleres Pérez;supplier\n".encode("cp1252"))
    s = read_survey(path)
    assert s.ties["partner_as_written"].tolist() == ["Talleres Pérez"]


def test_csv_with_byte_order_mark(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_bytes("respondent,partner,relation\nA1,Müller GmbH,supplier\n".encode("utf-8-sig"))
    s = read_survey(path)  # the BOM must not hide the 'respondent' header
    assert s.layout == "long"
    assert s.ties[["respondent", "partner_as_written"]].values.tolist() == [["A1", "Müller GmbH"]]


def test_tab_separated_file(tmp_path):
    path = tmp_path / "ties.tsv"
    path.write_text("respondent\tpartner\trelation\nA1\tAcme, Inc.\tsupplier\n", encoding="utf-8")
    s = read_survey(path)
    assert s.ties["partner_as_written"].tolist() == ["Acme, Inc."]


# ---------------------------------------------------------------- the input is never modified


def _fingerprint(path):
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    return [(str(f), f.read_bytes(), os.stat(f).st_mtime_ns) for f in files if f.is_file()]


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv", "folder"])
def test_input_is_never_modified(tmp_path, fmt):
    sheets = {"actors": ACTORS, "ties": TIES}
    if fmt == "xlsx":
        path = write_xlsx(tmp_path / "s.xlsx", sheets)
    elif fmt == "ods":
        path = write_ods(tmp_path / "s.ods", sheets)
    elif fmt == "csv":
        path = tmp_path / "ties.csv"
        path.write_text("respondent,partner,relation\nA1,A2,supplier\n", encoding="utf-8")
    else:
        path = tmp_path / "survey"
        path.mkdir()
        for name, rows in sheets.items():
            with open(path / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
                csv.writer(fh).writerows([["" if v is None else v for v in r] for r in rows])
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = _fingerprint(path)
    folder_before = sorted(p.name for p in tmp_path.iterdir())
    s = read_survey(path)
    netkit.build_graph(s)
    assert _fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == folder_before  # no lock or temp files left
    assert os.stat(path).st_mtime_ns == 1_600_000_000_000_000_000


def test_failed_read_does_not_modify_the_input(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "actors"
    for row in ACTORS:
        wb.active.append(row)
    wb.active["D2"] = "=1+1"
    wb.create_sheet("ties").append(TIES[0])
    path = tmp_path / "f.xlsx"
    wb.save(path)
    before = _fingerprint(path)
    with pytest.raises(SurveyError):
        read_survey(path)
    assert _fingerprint(path) == before


# ---------------------------------------------------------------- CSV files as Excel, LibreOffice and Google write them
# (issue 12). Each file is made byte for byte the way the tool writes it: csv.writer quotes only where
# needed, as Excel and Google Sheets do; Excel ends lines with CRLF; "CSV UTF-8" starts with a BOM;
# "Unicode text" is UTF-16 LE with a BOM, tab separated; Excel in Poland, Czechia and Hungary writes
# cp1250 with ";", in Western Europe cp1252 with ";" (decimal comma locales) or "," (English).

CENTRAL = ["Łódź Metal Sp. z o.o.", "Wrocław Narzędzia", "Zakłady Mechaniczne Śląsk", "Dvořák a syn s.r.o.",
           "Kovács Kft.", "Źródło Żywności", "Ostrava Ocel a.s."]
WESTERN = ["Müller Präzision GmbH", "Großbäckerei Köln", "Société Générale d'Électricité", "Crème Brûlée SARL",
           "Caffè Città S.r.l.", "Perù Import", "Talleres Peña S.L.", "Cañón Niño", "Óptica Ruiz", "Ça Va Œuvre"]


def excel_csv(rows, *, delimiter=";", encoding="cp1250", bom=False, sep_line=False, newline="\r\n"):
    """The bytes of a CSV file as Excel saves it: CRLF, minimal quoting, optionally 'sep=;' first."""
    buf = io.StringIO()
    if sep_line:
        buf.write(f"sep={delimiter}{newline}")
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(
        [["" if v is None else v for v in row] for row in rows])
    data = buf.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def only_sheet(path):
    sheets = read_sheets(path)
    assert len(sheets) == 1
    return sheets[0]


def member_rows(names):
    return [["actor", "name", "kind"]] + [[f"A{i}", n, "firm"] for i, n in enumerate(names, 1)]


@pytest.mark.parametrize("names", [CENTRAL, CENTRAL[:5], ["Łódź"], ["Wrocław"], ["Zakłady Mechaniczne Śląsk"],
                                   ["Dvořák"], ["Kovács Kft."]], ids=lambda n: n[0][:8] + str(len(n)))
def test_central_european_names_in_cp1250_read_back_exactly(tmp_path, names):
    path = tmp_path / "actors.csv"
    path.write_bytes(excel_csv(member_rows(names), encoding="cp1250"))
    sheet = only_sheet(path)
    assert [r[1] for r in sheet.rows[1:]] == names
    assert sheet.delimiter == ";"
    enc = [n for n in sheet.notes if "(cp125" in n[1]]
    assert len(enc) == 1
    severity, text = enc[0]
    assert severity == "info"
    if names == ["Kovács Kft."]:
        # "á" is the same byte in both code pages: either name is right, and the text is the same
        assert "cp1252" in text or "cp1250" in text
    else:
        assert text.startswith("read as Central European (cp1250) text")
    assert "save the file as CSV UTF-8" in text


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
@pytest.mark.parametrize("names", [WESTERN, WESTERN[:5], WESTERN[4:9], ["Talleres Peña S.L.", "Muñoz Hermanos"],
                                   ["Caffè Città S.r.l.", "Perù Import", "Òlio Sardo"]],
                         ids=lambda n: n[0][:8] + str(len(n)))
def test_western_european_names_in_cp1252_and_latin1_read_back_exactly(tmp_path, encoding, names):
    if encoding == "latin-1" and "Ça Va Œuvre" in names:
        names = [n for n in names if "Œ" not in n]  # latin-1 has no Œ
    path = tmp_path / "actors.csv"
    path.write_bytes(excel_csv(member_rows(names), encoding=encoding))
    sheet = only_sheet(path)
    assert [r[1] for r in sheet.rows[1:]] == names
    assert ("info", "read as Western European (cp1252) text; if names look wrong, save the file as CSV UTF-8 "
                    "and read it again.") in sheet.notes


def test_utf8_with_bom_crlf_has_no_encoding_note(tmp_path):
    path = tmp_path / "actors.csv"  # Excel's "CSV UTF-8 (comma delimited)"
    path.write_bytes(excel_csv(member_rows(CENTRAL + WESTERN), delimiter=",", encoding="utf-8", bom=True))
    sheet = only_sheet(path)
    assert sheet.rows[0] == ["actor", "name", "kind"]  # no BOM glued to 'actor'
    assert [r[1] for r in sheet.rows[1:]] == CENTRAL + WESTERN
    assert sheet.notes == []
    assert (sheet.delimiter, sheet.decimal) == (",", ".")


def test_excel_unicode_text_is_utf16_tab_separated(tmp_path):
    rows = [["actor", "name", "employees", "turnover"], ["A1", "Łódź Metal", "1.250", "2,5"],
            ["A2", "Müller, Söhne & Co.", "12", "0,75"]]
    text = "".join("\t".join(r) + "\r\n" for r in rows)
    path = tmp_path / "actors.txt"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))  # Excel: Save as "Unicode Text (*.txt)"
    sheet = only_sheet(path)
    assert sheet.rows == rows
    assert (sheet.delimiter, sheet.decimal) == ("\t", ",")
    assert sheet.notes == [("info", "tab-separated, decimal comma.")]


def test_utf16_without_bom(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_bytes("actor,name\r\nA1,Dvořák\r\n".encode("utf-16-le"))
    sheet = only_sheet(path)
    assert sheet.rows == [["actor", "name"], ["A1", "Dvořák"]]
    assert sheet.notes[0][0] == "info" and "UTF-16-LE" in sheet.notes[0][1]


def test_sep_line_is_not_a_row(tmp_path):
    rows = [["actor", "name", "kind"], ["A1", "Łódź Metal", "firm"], ["A2", "Śląsk Stal", "factory"]]
    folder = tmp_path / "survey"
    folder.mkdir()
    (folder / "actors.csv").write_bytes(excel_csv(rows, sep_line=True))
    (folder / "ties.csv").write_bytes(excel_csv([["respondent", "partner", "relation"], ["A1", "A2", "supplier"]],
                                                sep_line=True))
    sheet = read_sheets(folder)[0]
    assert sheet.rows == rows and sheet.delimiter == ";"
    # Excel shows the header as row 1 (the sep= line is hidden), so A2's bad kind is on row 3
    err = refused(folder, "kind 'factory'")
    errors = err.problems[err.problems["severity"] == "error"]
    assert errors[["sheet", "row", "column"]].values.tolist() == [["actors", 3, "kind"]]


def test_google_forms_export_with_commas_inside_quoted_answers(tmp_path):
    rows = [["Timestamp", "Your organisation", "Which firms supply you? (separate names with ; or ,)"],
            ["2026/03/01 10:00:00 AM CET", "Acme, Inc.", "Bianchi GmbH, Rossi S.p.A.; Verdi, Ltd"],
            ["2026/03/01 11:30:00 AM CET", "Officine Rossi", "Acme, Inc."],
            ["2026/03/02 9:05:00 AM CET", "Bianchi GmbH", "Verdi; Rossi"]]
    path = tmp_path / "responses.csv"
    path.write_bytes(excel_csv(rows, delimiter=",", encoding="utf-8"))
    assert b'"Acme, Inc."' in path.read_bytes()  # quoted as Google writes it
    sheet = only_sheet(path)
    assert sheet.rows == rows
    assert sheet.delimiter == ","


def test_semicolon_file_with_commas_inside_names(tmp_path):
    rows = [["respondent", "partner", "relation", "strength"], ["A1", "Acme, Inc.", "supplier", "4"],
            ["A2", "Rossi, Bianchi & C. S.n.c.", "customer", "2,5"], ["A3", "Verdi", "supplier", ""]]
    path = tmp_path / "ties.csv"
    path.write_bytes(excel_csv(rows, encoding="cp1252"))
    assert b"A1;Acme, Inc.;supplier;4" in path.read_bytes()  # Excel does not quote for a comma in a ';' file
    sheet = only_sheet(path)
    assert sheet.rows == [r[:3] + [r[3] or None] for r in rows]
    assert (sheet.delimiter, sheet.decimal) == (";", ",")
    assert ("info", "semicolon-separated, decimal comma.") in sheet.notes


@pytest.mark.parametrize("column, delimiter, expected", [
    (["2,5", "1.250,75", "3"], ";", ","),
    (["2.5", "1,250.75", "3"], ";", "."),
    (["1.250", "12", "3"], ";", None),  # "1.250" could be either
    (["12", "40", ""], ";", None),
    (["2,5", "2.5", "3"], ";", None),  # both marks: cannot tell
    (["2.5", "1.250", "3"], ",", "."),
    (["12", "40", "3"], ",", "."),
])
def test_decimal_mark_of_the_file(tmp_path, column, delimiter, expected):
    rows = [["actor", "employees"]] + [[f"A{i}", v] for i, v in enumerate(column, 1)]
    path = tmp_path / "actors.csv"
    path.write_bytes(excel_csv(rows, delimiter=delimiter, encoding="utf-8"))
    sheet = only_sheet(path)
    assert (sheet.delimiter, sheet.decimal) == (delimiter, expected)


def test_libreoffice_csv_with_lf_and_quoted_text(tmp_path):
    # LibreOffice: "Quote all text cells", LF line ends, UTF-8 without BOM, ';' in a German locale
    data = '"actor";"name";"employees"\n"A1";"Müller; Söhne GmbH";"1.250"\n"A2";"Groß AG";"2,5"\n'
    path = tmp_path / "actors.csv"
    path.write_bytes(data.encode("utf-8"))
    sheet = only_sheet(path)
    assert sheet.rows == [["actor", "name", "employees"], ["A1", "Müller; Söhne GmbH", "1.250"],
                          ["A2", "Groß AG", "2,5"]]
    assert (sheet.delimiter, sheet.decimal) == (";", ",")


def test_doubtful_code_page_is_a_warning_that_shows_both_readings(tmp_path):
    # Hungarian "ő" is 0xF5 in cp1250 and "õ" in cp1252: both read as plausible words
    path = tmp_path / "actors.csv"
    path.write_bytes(excel_csv(member_rows(["Győri Keksz Kft.", "Szőnyeg Bt.", "Pécsi Bőr Zrt."])))
    sheet = only_sheet(path)
    warnings_ = [text for severity, text in sheet.notes if severity == "warning"]
    assert len(warnings_) == 1
    assert "'Győri'" in warnings_[0] and "'Gyõri'" in warnings_[0] and "CSV UTF-8" in warnings_[0]


def test_bytes_no_code_page_defines_are_a_warning(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_bytes(b"actor;name\r\nA1;Bia\x81ko\r\nA2;K\x90ln\r\n")  # 0x81, 0x90: undefined in cp1250 and cp1252
    sheet = only_sheet(path)
    assert sheet.rows == [["actor", "name"], ["A1", "Bia\x81ko"], ["A2", "K\x90ln"]]  # every byte kept
    assert [s for s, _ in sheet.notes] == ["warning", "info"]
    assert "latin-1" in sheet.notes[0][1]


def test_binary_bytes_named_csv_are_refused(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_bytes(bytes(range(256)) * 8)
    refused(path, "named .csv but holds binary data")


def test_workbook_sheets_have_no_csv_fields(tmp_path, good_xlsx):
    for sheet in read_sheets(good_xlsx):
        assert (sheet.notes, sheet.delimiter, sheet.decimal) == ([], None, None)


def test_cp1250_semicolon_survey_folder_through_read_survey(tmp_path):
    folder = tmp_path / "survey"
    folder.mkdir()
    actors = [["actor", "name", "kind", "employees", "turnover"],
              ["A1", "Łódź Metal Sp. z o.o.", "firm", "1.250", "180,5"],
              ["A2", "Zakłady Mechaniczne Śląsk", "firm", "45", "8,5"],
              ["A3", "Dvořák a syn s.r.o.", "firm", "8", "1,2"],
              ["A4", "Politechnika Wrocławska", "university", "2 400", ""]]
    ties = [["respondent", "partner", "relation", "strength"],
            ["A1", "Zakłady Mechaniczne Śląsk", "supplier", "4"],
            ["A2", "DVOŘÁK A SYN", "supplier", "2,5"],
            ["A3", "Politechnika Wrocławska", "university", ""],
            ["A2", "Kraków Odlewnia", "customer", "3"]]
    (folder / "actors.csv").write_bytes(excel_csv(actors, sep_line=True))
    (folder / "ties.csv").write_bytes(excel_csv(ties))
    s = read_survey(folder)
    assert (s.problems["severity"] == "error").sum() == 0
    members = s.members
    assert members["name"].tolist() == ["Łódź Metal Sp. z o.o.", "Zakłady Mechaniczne Śląsk",
                                        "Dvořák a syn s.r.o.", "Politechnika Wrocławska"]
    assert members["employees"].tolist() == [1250.0, 45.0, 8.0, 2400.0]
    assert members["turnover"].tolist()[:3] == [180.5, 8.5, 1.2]
    # EU 2003/361 by hand: 1250 staff large; 45 staff and EUR 8.5m small; 8 staff and EUR 1.2m micro
    assert members["size_class"].tolist()[:3] == ["large", "small", "micro"]
    assert s.ties[["respondent", "partner", "relation"]].values.tolist()[:3] == [
        ["A1", "A2", "supplier"], ["A2", "A3", "supplier"], ["A3", "A4", "university"]]
    assert s.ties["strength"].tolist()[:2] == [4.0, 2.5]
    outside = s.actors[~s.actors["in_cluster"]]
    assert outside["name"].tolist() == ["Kraków Odlewnia"]


def test_xlsx_text_cells_with_european_numbers(tmp_path):
    # numbers typed as text into a numeric column ("1.250" with a leading apostrophe, or pasted)
    actors = [["actor", "name", "kind", "employees", "turnover"], ["A1", "Officine Rossi", "firm", "1.250", "2,5"],
              ["A2", "Bianchi GmbH", "firm", "1,250", "1.250,75"], ["A3", "Verdi Ltd", "firm", 12, "12 Mio"],
              ["A4", "Schmid AG", "firm", "1'250", "€ 3,5"]]
    ties = [["respondent", "partner", "relation", "strength"], ["A1", "A2", "supplier", "2,5"],
            ["A2", "A3", "supplier", 3]]
    path = write_xlsx(tmp_path / "s.xlsx", {"actors": actors, "ties": ties})
    s = read_survey(path)
    assert s.actors.loc[["A1", "A2", "A3", "A4"], "employees"].tolist() == [1250.0, 1250.0, 12.0, 1250.0]
    turnover = s.actors.loc[["A1", "A2", "A4"], "turnover"].tolist()
    assert turnover == [2.5, 1250.75, 3.5]
    assert s.ties["strength"].tolist() == [2.5, 3.0]
    # "12 Mio" is not certain: reported, with its cell, and left empty
    bad = s.problems[s.problems["column"] == "turnover"]
    assert bad[["severity", "sheet", "row"]].values.tolist() == [["warning", "actors", 4]]
    assert "'12 Mio'" in bad["message"].iloc[0]


def test_semicolon_form_export_with_multiline_answers_holding_commas(tmp_path):
    # a German Excel saves a form's answers: ';', and partner lists on several lines inside quotes
    rows = [["Zeitstempel", "Ihr Unternehmen", "Wer beliefert Sie?"],
            ["01.03.2026 10:00", "Müller GmbH", "Bianchi GmbH, Rossi S.p.A.\nVerdi, Ltd"],
            ["01.03.2026 11:30", "Schmid AG", "Acme, Inc.\nBeta, Gamma"],
            ["02.03.2026 09:05", "Groß AG", "Müller GmbH"]]
    path = tmp_path / "responses.csv"
    path.write_bytes(excel_csv(rows, encoding="cp1252"))
    sheet = only_sheet(path)
    assert sheet.delimiter == ";"
    assert sheet.rows == rows  # one row per answer, as Excel shows it; the line breaks stay in the cell

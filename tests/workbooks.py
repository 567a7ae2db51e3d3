"""Writing small workbooks for the survey tests (shared by test_survey*.py)."""

from __future__ import annotations

import csv

import openpyxl
import pandas as pd


def write_xlsx(path, sheets, merges=None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def write_ods(path, sheets):
    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in sheets.items():
            pd.DataFrame(rows).to_excel(writer, sheet_name=name, header=False, index=False)
    return path


def write_csv_folder(path, sheets):
    path.mkdir()
    for name, rows in sheets.items():
        with open(path / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([["" if v is None else v for v in row] for row in rows])
    return path

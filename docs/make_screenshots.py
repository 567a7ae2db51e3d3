"""Screenshots of the example audit report for the README (needs chromium).

    .venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import netkit

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    out = Path(tempfile.mkdtemp())
    netkit.audit(netkit.datasets.example_survey_path(), out, seed=0)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto((out / "report.html").as_uri())
        page.wait_for_selector(".nk-map[data-drawn=true]")
        page.screenshot(path=str(HERE / "report-top.png"))
        page.locator("#map").screenshot(path=str(HERE / "report-map.png"))
        page.locator("#findings").screenshot(path=str(HERE / "report-findings.png"))
        browser.close()
    print("wrote", *(p.name for p in sorted(HERE.glob("report-*.png"))))

"""Generate the bundled example export: the SYNTHETIC example survey as Google Forms gives it.

    python data/make_example_export.py                 # writes data/example_export/
    python data/make_example_export.py --out DIR       # writes DIR/responses.csv and DIR/members.xlsx

No real firm, person or answer is in it. It takes the bundled synthetic example
survey (``data/example_survey.xlsx``, an invented packaging-machinery cluster of
97 members, made by ``data/make_example_survey.py``) and writes what a cluster
facilitator would have had if that survey had been run as a Google Form in
Italian:

* ``responses.csv``: the CSV downloaded from Forms ("Download responses"):
  UTF-8, comma-separated, quoted where needed, one row per response.
  ``Timestamp`` (``2026/03/04 10:15:22 AM GMT+1``), ``Email Address`` (invented
  addresses at example.org), then one column per question headed by its text.
  The firm's name is written by hand (sometimes with another spelling of its
  legal form); the partners are checkbox questions whose options are the
  members' names as the member list writes them, joined by ", " in the order
  of the options, with the "Other" text (an outside partner, written by hand)
  last. Support agencies answer one more question in a section of their own.
* ``members.xlsx``: the member list as the cluster association keeps it, with
  Italian headers (Ragione sociale, Tipo, Settore, Provincia, Dipendenti) and a
  README sheet saying the data are synthetic.

The mess of real exports is planted, each once: a firm that submitted the form
twice (the later response differs a little and replaces the first), an answer
"n/a" written in an "Other" box, outside partners written by hand, firms'
names in other spellings, and the misspelt partner of the example survey.

The ties are those of the example survey (supplier, customer, university,
agency; not knowledge, which this form does not ask), so reading the export
with the member list gives the same network as reading the workbook. The
random choices (spellings, e-mails, times, order of the responses) use
``numpy.random.default_rng(SEED)``; running the script again writes the same
bytes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Font

import netkit

SEED = 20260304
HERE = Path(__file__).resolve().parent
OUT = HERE / "example_export"
# the fixed time stamped inside members.xlsx (so that the bytes do not change from run to run)
FIXED_TIME = dt.datetime(2026, 3, 1, 9, 0, 0)

# The form's questions, as Google Forms heads their columns.
TIMESTAMP, EMAIL = "Timestamp", "Email Address"
RESPONDENT = "Nome della vostra azienda"
EMPLOYEES = "Quanti dipendenti avete?"
QUESTIONS = {  # (relation, kind of the respondent who answers it) -> question
    ("supplier", "firm"): "Quali sono i vostri principali fornitori?",
    ("customer", "firm"): "Chi sono i vostri principali clienti?",
    ("university", "firm"): "Con quali università o centri di ricerca collaborate?",
    ("agency", "firm"): "Con quali agenzie o enti di supporto siete in contatto?",
    # a section of the form that only agencies and support bodies see
    ("agency", "agency"): "Solo per agenzie ed enti di supporto: quali imprese del cluster seguite?",
}
# the members each checkbox question lists as its options (plus "Altro")
OPTIONS_KIND = {("supplier", "firm"): "firm", ("customer", "firm"): "firm", ("university", "firm"): "university",
                ("agency", "firm"): "agency", ("agency", "agency"): "firm"}
KIND_IT = {"firm": "impresa", "university": "università", "agency": "agenzia", "other": "altro"}
SECTOR_IT = {"machinery": "macchine", "packaging": "imballaggi", "components": "componentistica",
             "electronics": "elettronica", "software": "software", "services": "servizi", "research": "ricerca",
             "support": "servizi alle imprese"}
FIRST_NAMES = ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Andrea", "Sara", "Matteo", "Elena", "Paolo",
               "Anna", "Stefano", "Laura", "Davide", "Silvia", "Alessandro", "Marta", "Roberto", "Valentina",
               "Simone"]
LAST_NAMES = ["Ferri", "Galli", "Mariani", "Rota", "Pagani", "Bellini", "Zanetti", "Fumagalli", "Corti", "Brambilla",
              "Sormani", "Tosi", "Bonetti", "Magni", "Locatelli", "Perego", "Riva", "Colombo", "Pozzi", "Cereda"]
README = [
    "SYNTHETIC DATA: member list of the invented Valle Packaging cluster",
    "Made by data/make_example_export.py from the bundled synthetic example survey (data/example_survey.xlsx).",
    "No real firm, person or answer is in it. It goes with responses.csv, a Google Forms export of the same survey.",
    "Read both with: netkit.read_survey('responses.csv', members='members.xlsx')",
    "or from a shell: netkit inspect responses.csv --members members.xlsx",
]


def _timestamp(t: dt.datetime) -> str:
    """2026/03/04 10:15:22 AM GMT+1, as the CSV downloaded from Google Forms writes it."""
    return f"{t:%Y/%m/%d} {t.hour % 12 or 12}:{t:%M:%S} {'AM' if t.hour < 12 else 'PM'} GMT+1"


def _handwritten(name: str, rng) -> str:
    """How a respondent types the firm's own name: mostly as on the list, sometimes not."""
    r = rng.random()
    base, _, suffix = name.rpartition(" ")
    if r < 0.78 or not re.fullmatch(r"S\.\w\.\w\.|S\.\w\.A\.", suffix):
        return name
    if r < 0.9:
        return f"{base} {suffix.replace('.', '').lower()}"  # "Cartotecnica Bassi srl"
    return f"{base} {suffix.replace('.', '').upper()}"  # "Cartotecnica Bassi SRL"


def _answers(survey):
    """Per respondent: {question: (ticked member names, "Other" text)}, from the example survey's ties."""
    members = survey.members
    names = survey.actors["name"]
    options = {q: [n for n in members["name"] if members.set_index("name").loc[n, "kind"] == kind]
               for q, kind in OPTIONS_KIND.items()}
    ties = survey.ties[survey.ties["relation"].isin(["supplier", "customer", "university", "agency"])]
    answers = {}
    for aid in members.index[members["responded"]]:
        kind = members.loc[aid, "kind"]
        mine = {q: ([], []) for q in QUESTIONS if q[1] == kind}
        for rec in ties[ties["respondent"] == aid].itertuples():
            q = (rec.relation, kind)
            if q not in mine:
                raise ValueError(f"{aid} ({kind}) reports {rec.relation}: the form has no such question for it")
            partner = names[rec.partner]
            if rec.partner in members.index:
                if partner not in options[q]:
                    raise ValueError(f"{partner!r} is no option of {QUESTIONS[q]!r}")
                mine[q][0].append(partner)
            else:
                mine[q][1].append(partner)  # an outside partner: written by hand in "Altro"
        for q, (ticked, other) in mine.items():
            if len(other) > 1:
                raise ValueError(f"{aid} names {len(other)} outside partners in {QUESTIONS[q]!r}: one 'Altro' box")
            ticked.sort(key=options[q].index)  # Google Forms lists the ticked options in the order of the form
        answers[aid] = mine
    return answers


def _cell(ticked, other) -> str:
    return ", ".join(list(ticked) + list(other))


def build(seed: int = SEED):
    """The export's rows (header first) and the member list's rows, and what was planted."""
    rng = np.random.default_rng(seed)
    survey = netkit.read_survey(netkit.datasets.example_survey_path())
    members = survey.members
    answers = _answers(survey)
    respondents = list(answers)
    header = [TIMESTAMP, EMAIL, RESPONDENT, EMPLOYEES, *QUESTIONS.values()]

    def employees(aid):
        n = members.loc[aid, "employees"]
        return "" if n != n else str(int(n))

    def row(aid, email, written, answered):
        cells = {QUESTIONS[q]: _cell(*a) for q, a in answered.items()}
        return [email, written, employees(aid), *[cells.get(h, "") for h in QUESTIONS.values()]]

    firms = [a for a in respondents if members.loc[a, "kind"] == "firm"]
    # "n/a" in the "Altro" box of the university question, by a firm that works with no university
    no_uni = [a for a in firms if not any(answers[a][("university", "firm")])]
    na_firm = no_uni[int(rng.integers(len(no_uni)))]
    answers[na_firm][("university", "firm")] = ([], ["n/a"])
    # a resubmission: a firm with several customers sends the form twice; the first time it forgot one
    # customer and counted its staff differently
    many = [a for a in firms if len(answers[a][("customer", "firm")][0]) >= 3 and a != na_firm]
    twice = many[int(rng.integers(len(many)))]
    draft = dict(answers[twice])
    customers = draft[("customer", "firm")]
    draft[("customer", "firm")] = (customers[0][:-1], customers[1])

    order = [respondents[i] for i in rng.permutation(len(respondents))]
    people = [f"{first}.{last}@example.org".lower() for first in FIRST_NAMES for last in LAST_NAMES]
    picked = rng.choice(len(people), size=len(respondents), replace=False)  # one person per firm
    emails = {aid: people[int(k)] for aid, k in zip(respondents, picked)}
    written = {aid: _handwritten(members.loc[aid, "name"], rng) for aid in respondents}
    rows = []
    for aid in order:
        if aid == twice:
            name = members.loc[aid, "name"]
            base, _, suffix = name.rpartition(" ")
            first_try = row(aid, emails[aid], f"{base} {suffix.replace('.', '').lower()}", draft)
            first_try[2] = str(int(first_try[2]) + 5)
            rows.append(first_try)
        else:
            rows.append(row(aid, emails[aid], written[aid], answers[aid]))
    # the corrected response comes in days later, among the last ones
    at = max(order.index(twice) + 2, len(rows) - int(rng.integers(3, 8)))
    rows.insert(at, row(twice, emails[twice], members.loc[twice, "name"], answers[twice]))
    t = dt.datetime(2026, 3, 4, 9, 12, 7)
    stamped = [header]
    for r in rows:
        t += dt.timedelta(seconds=int(rng.integers(600, 4 * 3600)))
        if t.hour >= 19:  # nobody fills it in at night: next morning
            t = (t + dt.timedelta(days=1)).replace(hour=8) + dt.timedelta(seconds=int(rng.integers(0, 3600)))
        stamped.append([_timestamp(t), *r])
    roster = [["Ragione sociale", "Tipo", "Settore", "Provincia", "Dipendenti"]]
    for rec in members.itertuples():
        roster.append([rec.name, KIND_IT[rec.kind], SECTOR_IT.get(rec.sector, rec.sector), rec.region,
                       None if rec.employees != rec.employees else int(rec.employees)])
    planted = {"resubmission": members.loc[twice, "name"], "n/a": members.loc[na_firm, "name"]}
    return stamped, roster, planted


def _write_csv(path: Path, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)


def _write_xlsx(path: Path, rows) -> None:
    """The member list, and a README sheet; the same bytes on every run (fixed times in the zip)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Soci"
    for r in rows:
        ws.append(r)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 42
    readme = wb.create_sheet("README")
    for line in README:
        readme.append([line])
    readme["A1"].font = Font(bold=True)
    wb.properties.creator = "data/make_example_export.py"
    wb.properties.title = "SYNTHETIC member list (invented cluster)"
    wb.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, data)


def write(out: Path = OUT, seed: int = SEED) -> tuple[Path, Path]:
    """Write ``responses.csv`` and ``members.xlsx`` into ``out``; return their paths."""
    rows, roster, _ = build(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    responses, members = out / "responses.csv", out / "members.xlsx"
    _write_csv(responses, rows)
    _write_xlsx(members, roster)
    return responses, members


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write the SYNTHETIC example Google Forms export "
                                                 "(responses.csv, members.xlsx).")
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder to write into (default {OUT})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    args = parser.parse_args(argv)
    responses, members = write(args.out, args.seed)
    print(f"wrote {responses} and {members} (synthetic example export, seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

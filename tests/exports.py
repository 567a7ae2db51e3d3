"""Exports of the online survey tools, written the way each tool writes them (issue 12).

Each builder takes a plain description of a cluster survey (who answered, and which
partners each respondent ticked or wrote per question) and writes the file the tool
would give the survey's owner, with its header rows, metadata columns, separators,
encodings and quirks. It returns an :class:`Export`: the path and the ties planted in
it, with the row (as a person sees it in the spreadsheet) each tie was written in.

What each tool really writes, as found in public sample exports and parsers:

* Google Forms: the CSV downloaded from Forms is UTF-8, comma-separated, quoted when
  needed; ``Timestamp`` looks like ``2026/03/04 10:15:22 AM GMT+1``; then ``Email
  Address`` (when the form collects e-mails) and one column per question, headed by
  its text. A checkbox answer is the ticked options joined by ", " in the order of the
  options, the "Other" text last. The xlsx of the linked Google Sheet (sheet ``Form
  Responses 1``; an Italian account names it ``Risposte del modulo 1`` and the columns
  ``Informazioni cronologiche`` / ``Indirizzo email``) has a real datetime. A respondent
  who submits twice has two rows.
* Microsoft Forms (xlsx): ``ID``, ``Start time``, ``Completion time``, ``Email``
  (``anonymous`` when not signed in), ``Name`` (the person), ``Last modified time``,
  then the questions; a multiple answer is ``A;B;`` (";" with a trailing ";").
* KoboToolbox: ``start``, ``end``, the questions (labels, or XML names with group paths
  ``group_ties/suppliers``), a ``select_multiple`` as one column of choices joined by
  spaces plus one 0/1 column per choice (``group_ties/suppliers/tornerie_gallo``), the
  ``or_other`` text column ``..._other``, then ``meta/instanceID``, ``_id``, ``_uuid``,
  ``_submission_time``, ``_validation_status``, ``_notes``, ``_status``,
  ``_submitted_by``, ``__version__``, ``_tags``, ``_index``. A repeat group is its own
  sheet, linked by ``_parent_index`` / ``_submission__uuid``. CSV: ";" and every field
  quoted, no repeat sheets. The XLSForm (sheets ``survey``, ``choices``, ``settings``)
  can be saved beside the export.
* SurveyMonkey (xlsx, csv): two header rows. Row 1: ``Respondent ID``, ``Collector ID``,
  ``Start Date``, ``End Date``, ``IP Address``, ``Email Address``, ``First Name``,
  ``Last Name``, ``Custom Data 1``, then each question's text once, above the first
  column of its options. Row 2: empty above the metadata, ``Response`` /
  ``Open-Ended Response`` for one-column questions, the option text above each option
  column, ``Other (please specify)``. A ticked option's cell holds the option text.
* Qualtrics (csv, UTF-8 with BOM): three header rows: codes (``Q3_1``, ``Q3_7_TEXT``),
  labels (``Question - Option``, ``Question - Other - Text``) and ImportIds
  (``{"ImportId":"QID3","choiceId":"1"}``, ``{"ImportId":"QID3_7_TEXT"}``), with the
  metadata ``StartDate`` … ``UserLanguage``. A multiple answer that is not split into
  columns is the choices joined by ",". Previews (``Status`` ``Survey Preview``,
  ``DistributionChannel`` ``preview``) and unfinished responses (``Finished`` False)
  are in the export.
* LimeSurvey (csv, UTF-8 with BOM, every field quoted): ``id``, ``submitdate``,
  ``lastpage``, ``startlanguage``, ``seed``, ``startdate``, ``datestamp``, then one
  column per option, ``Question text [Option]`` (full headings) or ``Q3[SQ001]``
  (codes), ``Y`` when ticked, and the ``[other]`` text column. An incomplete response
  has no ``submitdate``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid as uuidlib
from dataclasses import dataclass, field
from pathlib import Path

from workbooks import write_xlsx

# ---------------------------------------------------------------- the cluster


@dataclass(frozen=True)
class Member:
    id: str
    name: str  # as the member list writes it: also the option text in choice questions
    kind: str
    sector: str = ""
    region: str = ""
    employees: int | None = None
    aliases: str = ""
    slug: str = ""  # the choice name an XLSForm author would give it


MEMBERS = [
    Member("M01", "Officine Rossi S.r.l.", "firm", "meccanica", "BS", 42, "", "officine_rossi"),
    Member("M02", "Müller GmbH & Co. KG", "firm", "Maschinenbau", "Bayern", 120, "", "mueller_gmbh_co_kg"),
    Member("M03", "Tornerie Gallo S.n.c.", "firm", "meccanica", "BS", 9, "", "tornerie_gallo"),
    Member("M04", "Zakłady Mechaniczne Nowak Sp. z o.o.", "firm", "obróbka metali", "Wielkopolskie", 65,
           "ZM Nowak", "zm_nowak"),
    Member("M05", "Talleres Pérez S.L.", "firm", "mecanizado", "Cataluña", 23, "", "talleres_perez"),
    Member("M06", "Bianchi & Figli S.p.A.", "firm", "macchine utensili", "MI", 210, "", "bianchi_figli"),
    Member("U01", "Politecnico di Milano, Dipartimento di Meccanica", "university", "ricerca", "MI", None,
           "PoliMi DMEC", "polimi_dmec"),
    Member("U02", "Università degli Studi di Brescia", "university", "ricerca", "BS", None, "", "unibs"),
    Member("A01", "Agenzia Sviluppo Brescia S.c.r.l.", "agency", "servizi", "BS", 14, "", "agenzia_sviluppo_bs"),
    Member("A02", "Camera di Commercio di Brescia", "agency", "servizi", "BS", 80, "", "cciaa_bs"),
]

RELATIONS = ("supplier", "customer", "university", "agency")
OTHER_ALLOWED = ("supplier", "customer")  # the questions with an "Other" box


def options_for(relation, members=MEMBERS):
    """The options of a choice question: member names as the member list writes them."""
    kind = {"supplier": "firm", "customer": "firm", "knowledge": None}.get(relation, relation)
    return [m.name for m in members if kind is None or m.kind == kind]


QUESTIONS = {
    "it": {
        "respondent": "Nome dell'azienda",
        "employees": "Quanti dipendenti ha la vostra azienda?",
        "supplier": "Quali sono i vostri principali fornitori?",
        "customer": "Chi sono i vostri principali clienti?",
        "university": "Con quali università o centri di ricerca collaborate?",
        "agency": "Con quali agenzie di supporto avete lavorato?",
        "knowledge": "A chi vi rivolgete per consigli tecnici?",
        "strength": "Quanto spesso? (1 = raramente, 5 = ogni settimana)",
        "comment": "Commenti o suggerimenti",
        "other": "Altro",
    },
    "de": {
        "respondent": "Name Ihres Unternehmens",
        "employees": "Wie viele Mitarbeiter hat Ihr Unternehmen?",
        "supplier": "Wer sind Ihre wichtigsten Lieferanten?",
        "customer": "Wer sind Ihre wichtigsten Kunden?",
        "university": "Mit welchen Hochschulen oder Forschungseinrichtungen arbeiten Sie zusammen?",
        "agency": "Mit welchen Förderagenturen haben Sie zusammengearbeitet?",
        "knowledge": "Wen fragen Sie um technischen Rat?",
        "strength": "Wie oft? (1 = selten, 5 = jede Woche)",
        "comment": "Anmerkungen",
        "other": "Sonstiges",
    },
    "es": {
        "respondent": "Nombre de su empresa",
        "employees": "¿Cuántos empleados tiene su empresa?",
        "supplier": "¿Quiénes son sus principales proveedores?",
        "customer": "¿Quiénes son sus principales clientes?",
        "university": "¿Con qué universidades o centros de investigación colaboran?",
        "agency": "¿Con qué agencias de apoyo han trabajado?",
        "knowledge": "¿A quién piden asesoramiento técnico?",
        "strength": "¿Con qué frecuencia? (1 = rara vez, 5 = cada semana)",
        "comment": "Comentarios",
        "other": "Otro (especifique)",
    },
    "en": {
        "respondent": "Your company name",
        "employees": "How many employees does your company have?",
        "supplier": "Who are your main suppliers?",
        "customer": "Who are your main customers?",
        "university": "Which universities or research centres do you collaborate with?",
        "agency": "Which support agencies have you worked with?",
        "knowledge": "Whom do you ask for technical advice?",
        "strength": "How often? (1 = rarely, 5 = every week)",
        "comment": "Any comments?",
        "other": "Other",
    },
}


@dataclass
class Respondent:
    firm: str  # the firm's name as the respondent writes it
    member: str  # the member-list name it stands for (the expected actor)
    person: str
    email: str
    answers: dict = field(default_factory=dict)  # relation -> [partner names as in the member list]
    other: dict = field(default_factory=dict)  # relation -> text written in "Other"
    advice: list = field(default_factory=list)  # [(member name, strength)]: a repeat group (Kobo)
    employees: int | None = None
    comment: str = ""


def cluster():
    """Five of the six member firms answered; the planted ties below are written out by hand."""
    return [
        Respondent("Officine Rossi srl", "Officine Rossi S.r.l.", "Marco Rossi", "m.rossi@officinerossi.it",
                   {"supplier": ["Müller GmbH & Co. KG", "Tornerie Gallo S.n.c."],
                    "customer": ["Talleres Pérez S.L.", "Bianchi & Figli S.p.A."],
                    "university": ["Politecnico di Milano, Dipartimento di Meccanica"],
                    "agency": ["Agenzia Sviluppo Brescia S.c.r.l."]},
                   {"supplier": "Acciaierie Venete S.p.A."},
                   [("Tornerie Gallo S.n.c.", 4), ("Politecnico di Milano, Dipartimento di Meccanica", 5)],
                   42, "Grazie, molto utile."),
        Respondent("MÜLLER GmbH & Co KG", "Müller GmbH & Co. KG", "Jonas Müller", "j.mueller@mueller-gmbh.de",
                   {"supplier": ["Zakłady Mechaniczne Nowak Sp. z o.o."],
                    "customer": ["Officine Rossi S.r.l."],
                    "university": ["Politecnico di Milano, Dipartimento di Meccanica",
                                   "Università degli Studi di Brescia"],
                    "agency": []},
                   {"supplier": "Bosch Rexroth AG"},
                   [("Officine Rossi S.r.l.", 2)], 120, ""),
        Respondent("Tornerie Gallo snc", "Tornerie Gallo S.n.c.", "Giulia Gallo", "info@tornerie-gallo.it",
                   {"supplier": [], "customer": ["Officine Rossi S.r.l.", "Bianchi & Figli S.p.A."],
                    "university": [],
                    "agency": ["Agenzia Sviluppo Brescia S.c.r.l.", "Camera di Commercio di Brescia"]},
                   {}, [], 9, ""),
        Respondent("Zakłady Mechaniczne Nowak sp. z o.o.", "Zakłady Mechaniczne Nowak Sp. z o.o.",
                   "Piotr Kowalski", "p.kowalski@zmnowak.pl",
                   {"supplier": [], "customer": ["Müller GmbH & Co. KG"], "university": [],
                    "agency": ["Camera di Commercio di Brescia"]},
                   {"supplier": "SKF Polska S.A."}, [("Müller GmbH & Co. KG", 3)], 65, ""),
        Respondent("Talleres Perez SL", "Talleres Pérez S.L.", "Lucía Fernández", "lfernandez@talleresperez.es",
                   {"supplier": ["Officine Rossi S.r.l."], "customer": [],
                    "university": ["Università degli Studi di Brescia"], "agency": []},
                   {}, [], 23, "Buen estudio"),
    ]


def first_submission():
    """Tornerie Gallo's first submission, replaced by its second: none of its ties may survive."""
    return Respondent("Tornerie Gallo snc", "Tornerie Gallo S.n.c.", "Giulia Gallo", "info@tornerie-gallo.it",
                      {"supplier": ["Bianchi & Figli S.p.A."], "customer": ["Talleres Pérez S.L."],
                       "university": [], "agency": ["Camera di Commercio di Brescia"]},
                      {"customer": "Fonderia Bassi"}, [], 9, "")


def preview_response():
    """A test run by the survey's owner: not a respondent, its ties must not be read."""
    return Respondent("Officine Rossi", "Officine Rossi S.r.l.", "", "",
                      {"supplier": ["Bianchi & Figli S.p.A."], "customer": ["Tornerie Gallo S.n.c."],
                       "university": ["Università degli Studi di Brescia"], "agency": []},
                      {}, [], 1, "test")


def unfinished_response():
    """Bianchi & Figli stopped half-way: the response is in the export but not finished."""
    return Respondent("Bianchi & Figli", "Bianchi & Figli S.p.A.", "Paolo Bianchi", "p.bianchi@bianchiefigli.it",
                      {"supplier": ["Müller GmbH & Co. KG"], "customer": [], "university": [], "agency": []},
                      {}, [], 210, "")


# ---------------------------------------------------------------- what a builder returns


@dataclass
class Export:
    path: Path
    tool: str
    members: Path | None = None
    planted: dict = field(default_factory=dict)  # (respondent, partner, relation) -> (sheet, row)
    left_out: dict = field(default_factory=dict)  # row -> why (resubmitted, preview, unfinished)
    persons: set = field(default_factory=set)  # person names and e-mails: never actors
    answers: dict = field(default_factory=dict)  # relation -> non-empty answers in the rows kept
    ignored: list = field(default_factory=list)  # question texts that are not about ties
    sheet: str | None = None  # the sheet of the responses (xlsx)
    form: Path | None = None  # Kobo: the XLSForm downloaded beside the export


def _plant(export, r, row, relations, sheet=None, *, knowledge_sheet=None, knowledge_rows=None):
    for rel in relations:
        partners = list(r.answers.get(rel, []))
        if r.other.get(rel):
            partners.append(r.other[rel])
        for p in partners:
            export.planted[(r.member, p, rel)] = (sheet, row)
        export.answers[rel] = export.answers.get(rel, 0) + len(partners)
    if knowledge_rows:
        for (partner, _), krow in zip(r.advice, knowledge_rows):
            export.planted[(r.member, partner, "knowledge")] = (knowledge_sheet, krow)
        export.answers["knowledge"] = export.answers.get("knowledge", 0) + len(knowledge_rows)


def _persons(respondents):
    out = set()
    for r in respondents:
        out |= {x for x in (r.person, r.email) if x}
        out |= set(r.person.split()) - {""}
    return out


def _in_order(r, rel, members):
    """The ticked options in the order of the options (how the tools list them)."""
    chosen = set(r.answers.get(rel, []))
    return [o for o in options_for(rel, members) if o in chosen]


def _times(i, base=dt.datetime(2026, 3, 4, 9, 5, 12)):
    start = base + dt.timedelta(hours=5 * i, minutes=7 * i, seconds=13 * i)
    return start, start + dt.timedelta(minutes=6, seconds=41 + i)


_write_rows_xlsx = write_xlsx  # the survey tests' workbook writer


def _write_rows_csv(path, rows, *, delimiter=",", encoding="utf-8", quoting=csv.QUOTE_MINIMAL,
                    lineterminator="\r\n"):
    with open(path, "w", newline="", encoding=encoding) as fh:
        w = csv.writer(fh, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator)
        w.writerows([["" if v is None else v for v in row] for row in rows])
    return path


def _sequence(respondents, *, first=None):
    """Rows in submission order, [(respondent, kept, why)]: a first submission (if any) is
    written two rows before the respondent's second one, which replaces it."""
    out = [(r, True, None) for r in respondents]
    if first is not None:
        at = next(i for i, (r, _, _) in enumerate(out) if r.member == first.member)
        out.insert(max(at - 1, 0), (first, False, "resubmitted"))
    return out


# ---------------------------------------------------------------- member list

MEMBER_HEADERS = {
    "it": {"id": "Codice", "name": "Ragione sociale", "kind": "Tipo", "sector": "Settore",
           "region": "Provincia", "employees": "Dipendenti", "aliases": "Alias"},
    "de": {"id": "Nr.", "name": "Firma", "kind": "Typ", "sector": "Branche", "region": "Bundesland",
           "employees": "Mitarbeiter", "aliases": "Alias"},
    "en": {"id": "id", "name": "Company", "kind": "Type", "sector": "Sector", "region": "Region",
           "employees": "Employees", "aliases": "Aliases"},
    "es": {"id": "Código", "name": "Empresa", "kind": "Tipo", "sector": "Sector", "region": "Provincia",
           "employees": "Empleados", "aliases": "Alias"},
}


def member_list(tmp_path, *, fmt="xlsx", lang="it", with_id=False, with_kind=True, with_aliases=False,
                members=MEMBERS, stem="soci"):
    """The cluster's member list as an association keeps it (xlsx, or CSV as Excel saves it:
    ";" and UTF-8 with BOM in Italian/German/Spanish locales, "," in English)."""
    h = MEMBER_HEADERS[lang]
    cols = (["id"] if with_id else []) + ["name"] + (["kind"] if with_kind else []) + \
        ["sector", "region", "employees"] + (["aliases"] if with_aliases else [])
    rows = [[h[c] for c in cols]]
    for m in members:
        rows.append([getattr(m, c) if getattr(m, c) not in ("",) else None for c in cols])
    if fmt == "xlsx":
        return _write_rows_xlsx(tmp_path / f"{stem}.xlsx", {"Soci" if lang == "it" else "Members": rows})
    delim = "," if lang == "en" else ";"
    return _write_rows_csv(tmp_path / f"{stem}.csv", rows, delimiter=delim,
                           encoding="utf-8" if lang == "en" else "utf-8-sig")


# ---------------------------------------------------------------- Google Forms


def _gf_timestamp(t):
    """2026/03/04 10:15:22 AM GMT+1: the Timestamp of the CSV downloaded from Forms."""
    return t.strftime("%Y/%m/%d %I:%M:%S %p") + " GMT+1"


def google_forms(tmp_path, respondents=None, *, fmt="csv", lang="it", locale="en", members=MEMBERS,
                 first=None, relations=RELATIONS, collect_email=True, title="Rete del distretto"):
    """Google Forms responses: the CSV downloaded from Forms, or the linked Sheet as xlsx."""
    respondents = cluster() if respondents is None else respondents
    q = QUESTIONS[lang]
    ts_h, mail_h = ("Informazioni cronologiche", "Indirizzo email") if locale == "it" else \
        ("Timestamp", "Email Address")
    header = [ts_h] + ([mail_h] if collect_email else []) + \
        [q["respondent"], q["employees"]] + [q[rel] for rel in relations] + [q["comment"]]
    rows = [header]
    sheet = ("Risposte del modulo 1" if locale == "it" else "Form Responses 1") if fmt == "xlsx" else None
    export = Export(path=None, tool="google_forms", sheet=sheet, ignored=[q["employees"], q["comment"]])
    for i, (r, kept, why) in enumerate(_sequence(respondents, first=first)):
        start, end = _times(i)
        row = [end if fmt == "xlsx" else _gf_timestamp(end)]
        if collect_email:
            row.append(r.email)
        row += [r.firm, r.employees if fmt == "xlsx" else str(r.employees)]
        for rel in relations:
            ticked = _in_order(r, rel, members) + ([r.other[rel]] if r.other.get(rel) else [])
            row.append(", ".join(ticked) if ticked else None)
        row.append(r.comment or None)
        rows.append(row)
        line = len(rows)
        if kept:
            _plant(export, r, line, relations, sheet)
        else:
            export.left_out[line] = why
    export.persons = _persons(respondents)
    if fmt == "xlsx":
        export.path = _write_rows_xlsx(tmp_path / f"{title} (Responses).xlsx", {sheet: rows})
    else:
        export.path = _write_rows_csv(tmp_path / f"{title} (Responses).csv", rows, lineterminator="\n")
    return export


# ---------------------------------------------------------------- Microsoft Forms


def microsoft_forms(tmp_path, respondents=None, *, lang="de", members=MEMBERS, relations=RELATIONS,
                    anonymous=()):
    """Microsoft Forms "Open in Excel": one sheet, multiple answers "A;B;"."""
    respondents = cluster() if respondents is None else respondents
    q = QUESTIONS[lang]
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
              q["respondent"], q["employees"]] + [q[rel] for rel in relations] + [q["comment"]]
    rows = [header]
    export = Export(path=None, tool="microsoft_forms", sheet="Sheet1", ignored=[q["employees"], q["comment"]])
    for i, r in enumerate(respondents):
        start, end = _times(i)
        anon = r.member in anonymous
        row = [i + 1, start, end, "anonymous" if anon else r.email, None if anon else r.person, None,
               r.firm, r.employees]
        for rel in relations:
            ticked = _in_order(r, rel, members) + ([r.other[rel]] if r.other.get(rel) else [])
            row.append("".join(t + ";" for t in ticked) if ticked else None)
        row.append(r.comment or None)
        rows.append(row)
        _plant(export, r, len(rows), relations, "Sheet1")
    export.persons = _persons(respondents)
    export.path = _write_rows_xlsx(tmp_path / "Netzwerk des Clusters(1-5).xlsx", {"Sheet1": rows})
    return export


# ---------------------------------------------------------------- KoboToolbox

KOBO_GROUPS = {"supplier": ("group_ties", "suppliers"), "customer": ("group_ties", "customers"),
               "university": ("group_support", "universities"), "agency": ("group_support", "agencies")}


def xlsform(tmp_path, *, lang="it", members=MEMBERS, relations=RELATIONS, stem="rete_distretto_brescia"):
    """The XLSForm of the Kobo survey (survey, choices, settings sheets), as downloaded from Kobo."""
    q = QUESTIONS[lang]
    survey = [["type", "name", "label", "required", "relevant"],
              ["start", "start", None, None, None], ["end", "end", None, None, None],
              ["text", "azienda", q["respondent"], "true", None],
              ["integer", "dipendenti", q["employees"], None, None]]
    current = None
    for rel in relations:
        group, name = KOBO_GROUPS[rel]
        if group != current:
            if current:
                survey.append(["end_group", None, None, None, None])
            survey.append(["begin_group", group, None, None, None])
            current = group
        lst = "firms" if rel in ("supplier", "customer") else rel + "_list"
        other = " or_other" if rel in OTHER_ALLOWED else ""
        survey.append([f"select_multiple {lst}{other}", name, q[rel], None, None])
    survey.append(["end_group", None, None, None, None])
    survey += [["begin_repeat", "consigli_tecnici", q["knowledge"], None, None],
               ["select_one all_members", "partner", q["knowledge"], None, None],
               ["integer", "intensita", q["strength"], None, None],
               ["end_repeat", None, None, None, None],
               ["text", "commenti", q["comment"], None, None]]
    choices = [["list_name", "name", "label"]]
    for lst, kind in (("firms", "firm"), ("university_list", "university"), ("agency_list", "agency"),
                      ("all_members", None)):
        choices += [[lst, m.slug, m.name] for m in members if kind is None or m.kind == kind]
    settings = [["form_title", "form_id", "version"], ["Rete del distretto di Brescia 2026", stem, "vA7kQ2"]]
    return _write_rows_xlsx(tmp_path / f"{stem}.xlsx", {"survey": survey, "choices": choices,
                                                        "settings": settings})


def kobo(tmp_path, respondents=None, *, fmt="xlsx", headers="label", lang="it", members=MEMBERS,
         relations=RELATIONS, with_form=False, choices_sheet=False, repeat=True, first=None):
    """A KoboToolbox export: xlsx (main sheet + the repeat group's sheet) or CSV (";")."""
    respondents = cluster() if respondents is None else respondents
    q = QUESTIONS[lang]
    by_name = {m.name: m for m in members}
    xml = headers == "xml"
    title = "Rete del distretto di Brescia 2026"
    sheet = title[:31] if fmt == "xlsx" else None
    rsheet = "consigli_tecnici"
    repeat = repeat and fmt == "xlsx"  # a CSV export holds the main table only

    def head(path, label):
        return path if xml else label

    def val(name):  # a choice as the export writes it
        return by_name[name].slug if xml else name

    header = ["start", "end", head("azienda", q["respondent"]), head("dipendenti", q["employees"])]
    for rel in relations:
        group, name = KOBO_GROUPS[rel]
        path = f"{group}/{name}"
        header.append(head(path, q[rel]))
        for o in options_for(rel, members):
            header.append(f"{path}/{by_name[o].slug}" if xml else f"{q[rel]}/{o}")
        if rel in OTHER_ALLOWED:
            header.append(f"{path}/other" if xml else f"{q[rel]}/Other")  # pyxform's or_other label
            header.append(f"{group}/{name}_other" if xml else "Specify other.")
    header += [head("commenti", q["comment"]), "meta/instanceID" if xml else "instanceID", "_id", "_uuid",
               "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by",
               "__version__", "_tags", "_index"]
    rows = [header]
    rrows = [[head("consigli_tecnici/partner", q["knowledge"]), head("consigli_tecnici/intensita", q["strength"]),
              "_index", "_parent_table_name", "_parent_index", "_submission__id", "_submission__uuid",
              "_submission__submission_time", "_submission__validation_status", "_submission__notes",
              "_submission__status", "_submission__submitted_by", "_submission__version__", "_submission__tags"]]
    export = Export(path=None, tool="kobo", sheet=sheet, ignored=[q["employees"], q["comment"]])
    rindex = 0
    for i, (r, kept, why) in enumerate(_sequence(respondents, first=first)):
        start, end = _times(i)
        uid = str(uuidlib.UUID(int=0x5EED0000 + i))
        sub = end + dt.timedelta(seconds=3)
        row = [start.isoformat(timespec="milliseconds") + "+01:00",
               end.isoformat(timespec="milliseconds") + "+01:00", r.firm,
               r.employees if fmt == "xlsx" else str(r.employees)]
        for rel in relations:
            chosen = _in_order(r, rel, members)
            has_other = bool(r.other.get(rel))
            answered = bool(chosen) or has_other
            names = [val(c) for c in chosen] + (["other" if xml else "Other"] if has_other else [])
            row.append(" ".join(names) if answered else None)
            for o in options_for(rel, members):
                row.append((1 if o in chosen else 0) if answered else None)
            if rel in OTHER_ALLOWED:
                row.append((1 if has_other else 0) if answered else None)
                row.append(r.other.get(rel) or None)
        row += [r.comment or None, f"uuid:{uid}", 41830250 + i, uid, sub.isoformat(timespec="seconds"),
                None, None, "submitted_via_web", None, "vA7kQ2", None, i + 1]
        if fmt == "csv":
            row = ["" if v is None else str(v) for v in row]
        rows.append(row)
        line = len(rows)
        krows = []
        if repeat:
            for partner, strength in r.advice:
                rindex += 1
                rrows.append([val(partner), strength, rindex, title[:31], i + 1,
                              41830250 + i, uid, sub.isoformat(timespec="seconds"), None, None,
                              "submitted_via_web", None, "vA7kQ2", None])
                krows.append(len(rrows))
        if kept:
            _plant(export, r, line, relations, sheet, knowledge_sheet=rsheet, knowledge_rows=krows)
        else:
            export.left_out[line] = why
    export.persons = _persons(respondents)
    stem = f"rete_distretto_brescia_-_all_versions_-_{'False' if xml else 'labels'}_-_2026-03-10-09-12-33"
    if fmt == "xlsx":
        sheets = {sheet: rows}
        if repeat:
            sheets[rsheet] = rrows
        if choices_sheet:  # the XLSForm's choices pasted into the export by its owner
            choices = [["list_name", "name", "label"]]
            for lst, kind in (("firms", "firm"), ("university_list", "university"), ("agency_list", "agency"),
                              ("all_members", None)):
                choices += [[lst, m.slug, m.name] for m in members if kind is None or m.kind == kind]
            sheets["choices"] = choices
        export.path = _write_rows_xlsx(tmp_path / f"{stem}.xlsx", sheets)
    else:
        export.path = _write_rows_csv(tmp_path / f"{stem}.csv", rows, delimiter=";", quoting=csv.QUOTE_ALL)
    if with_form:
        export.form = xlsform(tmp_path, lang=lang, members=members, relations=relations)
    return export


# ---------------------------------------------------------------- SurveyMonkey

SM_META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
           "First Name", "Last Name", "Custom Data 1"]


def surveymonkey(tmp_path, respondents=None, *, fmt="xlsx", lang="es", members=MEMBERS, relations=RELATIONS,
                 other_label="Other (please specify)", first=None):
    """SurveyMonkey "All individual responses", expanded: two header rows."""
    respondents = cluster() if respondents is None else respondents
    q = QUESTIONS[lang]
    row1, row2 = list(SM_META), [None] * len(SM_META)
    row1 += [q["respondent"], q["employees"]]
    row2 += ["Open-Ended Response", "Open-Ended Response"]
    layout = []
    for rel in relations:
        opts = options_for(rel, members)
        row1 += [q[rel]] + [None] * (len(opts) - 1)
        row2 += opts
        if rel in OTHER_ALLOWED:
            row1.append(None)
            row2.append(other_label)
        layout.append((rel, opts))
    row1.append(q["comment"])
    row2.append("Open-Ended Response")
    rows = [row1, row2]
    export = Export(path=None, tool="surveymonkey", sheet="Sheet" if fmt == "xlsx" else None,
                    ignored=[q["employees"], q["comment"]])
    for i, (r, kept, why) in enumerate(_sequence(respondents, first=first)):
        start, end = _times(i)
        first_name, _, last_name = r.person.partition(" ")
        fmt_t = (lambda t: t) if fmt == "xlsx" else (lambda t: t.strftime("%m/%d/%Y %I:%M:%S %p"))
        row = [114523678901 + 37 * i, 431234567, fmt_t(start), fmt_t(end), f"93.45.12.{10 + i}", r.email,
               first_name, last_name, None, r.firm, r.employees]
        for rel, opts in layout:
            chosen = set(r.answers.get(rel, []))
            row += [o if o in chosen else None for o in opts]
            if rel in OTHER_ALLOWED:
                row.append(r.other.get(rel) or None)
        row.append(r.comment or None)
        if fmt == "csv":
            row = ["" if v is None else str(v) for v in row]
        rows.append(row)
        line = len(rows)
        if kept:
            _plant(export, r, line, relations, export.sheet)
        else:
            export.left_out[line] = why
    export.persons = _persons(respondents)
    if fmt == "xlsx":
        export.path = _write_rows_xlsx(tmp_path / "Data_All_260310.xlsx", {"Sheet": rows})
    else:
        export.path = _write_rows_csv(tmp_path / "Sheet_1.csv", rows)
    return export


# ---------------------------------------------------------------- Qualtrics

QX_META = [("StartDate", "Start Date", {"ImportId": "startDate", "timeZone": "Europe/Rome"}),
           ("EndDate", "End Date", {"ImportId": "endDate", "timeZone": "Europe/Rome"}),
           ("Status", "Response Type", {"ImportId": "status"}),
           ("IPAddress", "IP Address", {"ImportId": "ipAddress"}),
           ("Progress", "Progress", {"ImportId": "progress"}),
           ("Duration (in seconds)", "Duration (in seconds)", {"ImportId": "duration"}),
           ("Finished", "Finished", {"ImportId": "finished"}),
           ("RecordedDate", "Recorded Date", {"ImportId": "recordedDate", "timeZone": "Europe/Rome"}),
           ("ResponseId", "Response ID", {"ImportId": "_recordId"}),
           ("RecipientLastName", "Recipient Last Name", {"ImportId": "recipientLastName"}),
           ("RecipientFirstName", "Recipient First Name", {"ImportId": "recipientFirstName"}),
           ("RecipientEmail", "Recipient Email", {"ImportId": "recipientEmail"}),
           ("ExternalReference", "External Data Reference", {"ImportId": "externalDataReference"}),
           ("LocationLatitude", "Location Latitude", {"ImportId": "locationLatitude"}),
           ("LocationLongitude", "Location Longitude", {"ImportId": "locationLongitude"}),
           ("DistributionChannel", "Distribution Channel", {"ImportId": "distributionChannel"}),
           ("UserLanguage", "User Language", {"ImportId": "userLanguage"})]


def _importid(d):
    return json.dumps(d, separators=(",", ":"))


def qualtrics(tmp_path, respondents=None, *, lang="en", members=MEMBERS, relations=RELATIONS,
              split=("supplier", "customer"), preview=True, unfinished=True):
    """A Qualtrics "CSV, use choice text" export: three header rows, metadata first."""
    respondents = cluster() if respondents is None else respondents
    q = QUESTIONS[lang]
    codes, labels, ids = [[c[i] for c in QX_META] for i in range(2)] + [[_importid(c[2]) for c in QX_META]]
    codes += ["Q1", "Q2"]
    labels += [q["respondent"], q["employees"]]
    ids += [_importid({"ImportId": "QID1_TEXT"}), _importid({"ImportId": "QID2_TEXT"})]
    layout = []
    for k, rel in enumerate(relations, start=3):
        opts = options_for(rel, members)
        if rel in split:
            for j, o in enumerate(opts, start=1):
                codes.append(f"Q{k}_{j}")
                labels.append(f"{q[rel]} - {o}")
                ids.append(_importid({"ImportId": f"QID{k}", "choiceId": str(j)}))
            if rel in OTHER_ALLOWED:
                j = len(opts) + 1
                codes += [f"Q{k}_{j}", f"Q{k}_{j}_TEXT"]
                labels += [f"{q[rel]} - {q['other']}", f"{q[rel]} - {q['other']} - Text"]
                ids += [_importid({"ImportId": f"QID{k}", "choiceId": str(j)}),
                        _importid({"ImportId": f"QID{k}_{j}_TEXT"})]
        else:  # one column, the choices joined by ","; the Other text still has its own column
            codes.append(f"Q{k}")
            labels.append(q[rel])
            ids.append(_importid({"ImportId": f"QID{k}"}))
            if rel in OTHER_ALLOWED:
                j = len(opts) + 1
                codes.append(f"Q{k}_{j}_TEXT")
                labels.append(f"{q[rel]} - {q['other']} - Text")
                ids.append(_importid({"ImportId": f"QID{k}_{j}_TEXT"}))
        layout.append((rel, opts, rel in split))
    k = len(relations) + 3
    codes.append(f"Q{k}")
    labels.append(q["comment"])
    ids.append(_importid({"ImportId": f"QID{k}_TEXT"}))
    rows = [codes, labels, ids]
    export = Export(path=None, tool="qualtrics", ignored=[q["employees"], q["comment"]])
    seq = [(r, True, None) for r in respondents]
    if preview:
        seq.insert(1, (preview_response(), False, "preview"))
    if unfinished:
        seq.insert(len(seq) - 1, (unfinished_response(), False, "unfinished"))
    for i, (r, kept, why) in enumerate(seq):
        start, end = _times(i)
        last, first_name = (r.person.split(" ", 1)[::-1] + [""])[:2] if r.person else ("", "")
        is_preview, is_unfinished = why == "preview", why == "unfinished"
        meta = [start.strftime("%Y-%m-%d %H:%M:%S"), end.strftime("%Y-%m-%d %H:%M:%S"),
                "Survey Preview" if is_preview else "IP Address", "" if is_preview else f"151.38.2.{20 + i}",
                "45" if is_unfinished else "100", str(int((end - start).total_seconds())),
                "False" if is_unfinished else "True", end.strftime("%Y-%m-%d %H:%M:%S"),
                f"R_{uuidlib.UUID(int=0xA11CE + i).hex[:15]}", last, first_name, r.email, "",
                "45.5388", "10.2196", "preview" if is_preview else "email", "EN"]
        row = meta + [r.firm, str(r.employees)]
        for rel, opts, is_split in layout:
            chosen = set(r.answers.get(rel, []))
            if is_split:
                row += [o if o in chosen else "" for o in opts]
                if rel in OTHER_ALLOWED:
                    row += [q["other"] if r.other.get(rel) else "", r.other.get(rel, "")]
            else:
                ticked = [o for o in opts if o in chosen] + ([q["other"]] if r.other.get(rel) else [])
                row.append(",".join(ticked))
                if rel in OTHER_ALLOWED:
                    row.append(r.other.get(rel, ""))
        row.append(r.comment)
        rows.append(row)
        line = len(rows)
        if kept:
            _plant(export, r, line, relations)
        else:
            export.left_out[line] = why
    export.persons = _persons([r for r, _, _ in seq])
    export.path = _write_rows_csv(tmp_path / "Cluster+network+survey_March+10,+2026_09.12.csv", rows,
                                  encoding="utf-8-sig")
    return export


# ---------------------------------------------------------------- LimeSurvey


def limesurvey(tmp_path, respondents=None, *, lang="de", members=MEMBERS, relations=RELATIONS,
               headings="full", incomplete=True):
    """A LimeSurvey "Export responses" CSV: full question texts or question codes as headings."""
    respondents = cluster() if respondents is None else respondents
    q = QUESTIONS[lang]
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
    full = headings == "full"
    header += [q["respondent"] if full else "Q1", q["employees"] if full else "Q2"]
    layout = []
    for k, rel in enumerate(relations, start=3):
        opts = options_for(rel, members)
        for j, o in enumerate(opts, start=1):
            header.append(f"{q[rel]} [{o}]" if full else f"Q{k}[SQ{j:03d}]")
        if rel in OTHER_ALLOWED:
            header.append(f"{q[rel]} [{q['other']}]" if full else f"Q{k}[other]")
        layout.append((rel, opts))
    header.append(q["comment"] if full else f"Q{len(relations) + 3}")
    rows = [header]
    export = Export(path=None, tool="limesurvey", ignored=[q["employees"], q["comment"]])
    seq = [(r, True, None) for r in respondents]
    if incomplete:
        seq.insert(2, (unfinished_response(), False, "incomplete"))
    for i, (r, kept, why) in enumerate(seq):
        start, end = _times(i)
        done = why != "incomplete"
        row = [str(i + 1), end.strftime("%Y-%m-%d %H:%M:%S") if done else "", "3" if done else "1", lang,
               str(1823746501 + 7919 * i), start.strftime("%Y-%m-%d %H:%M:%S"), end.strftime("%Y-%m-%d %H:%M:%S"),
               r.firm, str(r.employees)]
        for rel, opts in layout:
            chosen = set(r.answers.get(rel, []))
            row += ["Y" if o in chosen else "" for o in opts]
            if rel in OTHER_ALLOWED:
                row.append(r.other.get(rel, ""))
        row.append(r.comment)
        rows.append(row)
        line = len(rows)
        if kept:
            _plant(export, r, line, relations)
        else:
            export.left_out[line] = why
    export.persons = _persons([r for r, _, _ in seq])
    export.path = _write_rows_csv(tmp_path / "results-survey482915.csv", rows, encoding="utf-8-sig",
                                  quoting=csv.QUOTE_ALL)
    return export

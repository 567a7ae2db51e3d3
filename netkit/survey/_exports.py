"""Exports of the online survey tools, read as they come.

Google Forms, Microsoft Forms, KoboToolbox, SurveyMonkey, Qualtrics and
LimeSurvey each write their responses in their own way: one or three header
rows, one column per question or one per option, answers joined by ", ", ";"
or spaces, system columns (timestamps, e-mails, ids), preview and unfinished
responses. :func:`detect_export` recognises the tool and lays the export out
as questions; :func:`export_reports` turns every answer into a
:class:`~netkit.survey._layouts.Report` (or a problem), counting the answers
per question so that nothing is lost without a word.

What each question asks is read from its text (:func:`classify_question`),
and can be changed in a mapping file (:mod:`netkit.survey._mapping`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from unidecode import unidecode

from ..errors import Problems
from ._files import Sheet
from ._files import filled
from ._layouts import RawSurvey, Report
from ._names import LEGAL_SUFFIXES, NameIndex, normalise_name
from ._questions import classify_question, person_header, respondent_header
from ._questions import text_key as _key
from ._relations import BUILTIN_RELATIONS, FORM_RELATIONS

__all__ = ["Question", "Export", "detect_export", "export_reports", "split_answer", "form_labels", "with_form", "TOOLS"]

TOOLS = {
    "google_forms": "Google Forms",
    "microsoft_forms": "Microsoft Forms",
    "kobo": "KoboToolbox / ODK",
    "surveymonkey": "SurveyMonkey",
    "qualtrics": "Qualtrics",
    "limesurvey": "LimeSurvey",
    "form": "an online form (tool not recognised)",
}
# system columns of the tools: never questions, never the respondent
_SYSTEM = {
    "timestamp", "marca temporal", "informazioni cronologiche", "zeitstempel", "horodateur", "sygnatura czasowa",
    "email address", "email", "e mail", "indirizzo email", "direccion de correo electronico", "e mail adresse",
    "adresse e mail", "adres e mail", "id", "start time", "completion time", "last modified time", "name",
    "respondent id", "collector id", "start date", "end date", "ip address", "first name", "last name",
    "custom data 1", "custom data", "startdate", "enddate", "status", "ipaddress", "progress",
    "duration in seconds", "finished", "recordeddate", "responseid", "recipientlastname", "recipientfirstname",
    "recipientemail", "externalreference", "locationlatitude", "locationlongitude", "distributionchannel",
    "userlanguage", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr",
    "refurl", "token", "start", "end", "today", "deviceid", "username", "simserial", "subscriberid",
    "phonenumber", "audit", "instanceid", "formhub uuid", "meta instanceid", "meta instancename",
    "score", "total score", "quiz feedback", "points", "total points", "feedback",
    "ora di inizio", "ora di completamento", "nome", "posta elettronica", "hora de inicio",
    "hora de finalizacion", "correo electronico", "nombre", "startzeit", "fertigstellungszeit", "heure de debut",
    "heure de fin", "courriel", "nom",
}
_SPECIFY = re.compile(r"specify|specificare|specifica|especifi|angeben|pr[eé]ciser|okre[sś]l|jaki inne", re.I)
_NOTICK = {"0", "0.0", "n", "no", "false", "", "-", "nein", "non", "nie", "not selected", "unchecked"}


@dataclass
class Question:
    """One question of an export and the columns that hold its answers.

    ``options`` are columns of one option each (ticked when the cell holds
    the option's text or a mark); ``answers`` are columns that hold names
    written or options joined with ``separator``.
    """

    qid: str
    text: str
    options: dict[int, str] = field(default_factory=dict)
    answers: list[int] = field(default_factory=list)
    separator: str | None = None
    relation: str | None = None
    why: str = ""
    strength: int | None = None
    sheet: str | None = None
    other: int | None = None  # the column of the text written for "other" (names written by hand)

    @property
    def columns(self) -> list[int]:
        return sorted(set(self.options) | set(self.answers) | ({self.strength} if self.strength is not None else set()))


@dataclass
class Export:
    """An export laid out: the tool, its header, the respondent column, its questions."""

    tool: str
    sheet: Sheet
    header: list[str]
    data_start: int
    respondent: int | None = None
    respondent_why: str = ""
    questions: list[Question] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)  # (column, why)
    skip: dict[int, str] = field(default_factory=dict)  # row index -> why left out
    choices: dict[str, str] = field(default_factory=dict)  # Kobo choice name -> label
    repeats: list[tuple[Sheet, list[Question], int]] = field(default_factory=list)  # sheet, questions, parent col
    codes: list[str] = field(default_factory=list)  # Qualtrics: the question codes of the first header row

    def label(self, j: int) -> str:
        """A column as messages name it: letter and header."""
        head = self.header[j] if j < len(self.header) else ""
        letter = get_column_letter(j + 1)
        return f"{letter} ({head})" if head else letter


def _text(v) -> str:
    return " ".join(str(v).split()) if filled(v) else ""


def _nonempty_rows(rows):
    return [i for i, r in enumerate(rows) if any(filled(v) for v in r)]


# ---------------------------------------------------------------- detection

def _headers(sheet: Sheet, n: int) -> list[list[str]]:
    rows = sheet.rows[:n]
    width = max((len(r) for r in sheet.rows), default=0)
    return [[_text(r[j]) if j < len(r) else "" for j in range(width)] for r in rows] + \
           [[""] * width for _ in range(n - len(rows))]


def _is_qualtrics(sheet: Sheet) -> bool:
    if len(sheet.rows) < 2:
        return False
    keys = {_key(v) for v in sheet.rows[0] if filled(v)}
    third = " ".join(str(v) for v in (sheet.rows[2] if len(sheet.rows) > 2 else []) if filled(v))
    return ("responseid" in keys and "finished" in keys) or '"ImportId"' in third or "{'ImportId'" in third


def _is_surveymonkey(sheet: Sheet) -> bool:
    keys = {_key(v) for v in sheet.rows[0] if filled(v)} if sheet.rows else set()
    return "respondent id" in keys and ("collector id" in keys or "start date" in keys)


def _is_limesurvey(sheet: Sheet) -> bool:
    keys = {_key(v) for v in sheet.rows[0] if filled(v)} if sheet.rows else set()
    return ("submitdate" in keys and ("lastpage" in keys or "startlanguage" in keys)) or \
        sum(bool(re.fullmatch(r"[A-Za-z]\w*\[\w+\]", str(v).strip())) for v in sheet.rows[0] if filled(v)) >= 2


def _is_kobo(sheet: Sheet) -> bool:
    keys = {str(v).strip().lower() for v in sheet.rows[0] if filled(v)} if sheet.rows else set()
    return bool(keys & {"_uuid", "_submission_time", "_id", "_index"}) and ("_uuid" in keys or "_submission_time" in keys)


def _is_msforms(sheet: Sheet) -> bool:
    keys = [_key(v) for v in sheet.rows[0][:6] if filled(v)] if sheet.rows else []
    return len(keys) >= 3 and keys[0] == "id" and ("start time" in keys or "ora di inizio" in keys
                                                   or "hora de inicio" in keys or "startzeit" in keys
                                                   or "heure de debut" in keys or "completion time" in keys)


def _is_google(sheet: Sheet) -> bool:
    first = _key(sheet.rows[0][0]) if sheet.rows and sheet.rows[0] and filled(sheet.rows[0][0]) else ""
    return first in {"timestamp", "marca temporal", "informazioni cronologiche", "zeitstempel", "horodateur",
                     "sygnatura czasowa", "carimbo de data hora"}


def detect_export(sheets: list[Sheet]) -> Export | None:
    """Recognise a form-tool export among the sheets and lay it out.

    Returns None when no sheet looks like the responses of an online form.
    """
    named = [s for s in sheets if not s.is_empty()]
    if not named:
        return None
    for sheet in named:
        for tool, test, build in ((("qualtrics", _is_qualtrics, _qualtrics)),
                                  ("surveymonkey", _is_surveymonkey, _surveymonkey),
                                  ("limesurvey", _is_limesurvey, _limesurvey),
                                  ("kobo", _is_kobo, _kobo),
                                  ("microsoft_forms", _is_msforms, _plain),
                                  ("google_forms", _is_google, _plain)):
            if test(sheet):
                export = build(sheet, tool)
                if tool == "kobo":
                    _kobo_extras(export, [s for s in sheets if s is not sheet])
                return export
    # an export of an unknown tool: a header row with question columns and rows of answers
    sheet = named[0]
    export = _plain(sheet, "form")
    if any(q.relation for q in export.questions) and len(sheet.rows) > 1:
        return export
    return None


def _classified(q: Question) -> Question:
    relation, why = classify_question(q.text)
    q.relation, q.why = relation, why
    return q


def _finish(export: Export, candidates: list[int]) -> Export:
    """Classify questions, find the respondent column, list the columns ignored."""
    for q in export.questions:
        if q.relation is None and not q.why:
            _classified(q)
    used = {j for q in export.questions if q.relation for j in q.columns}
    if export.respondent is None:
        export.respondent, export.respondent_why = _find_respondent(export, candidates, used)
    keep = []
    for q in export.questions:
        if q.relation is None and export.respondent in q.columns and len(q.columns) == 1:
            continue
        keep.append(q)
    export.questions = keep
    used = {j for q in export.questions for j in q.columns}
    for j, head in enumerate(export.header):
        if j == export.respondent or j in used:
            continue
        if head or any(filled(r[j]) for r in export.sheet.rows[export.data_start:] if j < len(r)):
            code = export.codes[j] if j < len(export.codes) else ""
            system = _key(head) in _SYSTEM or head.startswith("_") or (code and _key(code) in _SYSTEM)
            why = ("a column of the form tool" if system else
                   "about the person who filled in the form" if person_header(head) else "no relation in its text")
            export.ignored.append((j, why))
    return export


def _find_respondent(export: Export, candidates: list[int], used: set[int]) -> tuple[int | None, str]:
    for j in candidates:
        if j not in used and respondent_header(export.header[j]):
            return j, f"its header {export.header[j]!r} asks for the firm"
    return None, ""


def _plain(sheet: Sheet, tool: str) -> Export:
    """One header row, one column per question (Google Forms, Microsoft Forms, unknown tools)."""
    header = _headers(sheet, 1)[0]
    export = Export(tool, sheet, header, 1)
    sep = {"google_forms": ", ", "microsoft_forms": ";"}.get(tool)
    groups: dict[str, Question] = {}
    for j, head in enumerate(header):
        if not head or _key(head) in _SYSTEM:
            continue
        grid = re.fullmatch(r"(.+?)\s*\[(.+)\]", head)  # a checkbox grid row: "Question [Option]"
        if grid and tool != "microsoft_forms":
            q = groups.setdefault(grid.group(1), Question(f"Q{len(groups) + 1}", grid.group(1)))
            q.options[j] = grid.group(2)
            continue
        q = Question(f"Q{len(groups) + 1}", head, answers=[j], separator=sep)
        groups[f"{head}\x00{j}"] = q
    export.questions = list(groups.values())
    return _finish(export, list(range(len(header))))


def _qualtrics(sheet: Sheet, tool: str) -> Export:
    rows = sheet.rows
    three = len(rows) > 2 and any("ImportId" in str(v) for v in rows[2] if filled(v))
    codes, texts = _headers(sheet, 2)
    imports = _headers(sheet, 3)[2] if three else [""] * len(codes)
    export = Export(tool, sheet, texts, 3 if three else 2, codes=codes)
    groups: dict[str, Question] = {}
    for j, code in enumerate(codes):
        if not code or _key(code) in _SYSTEM:
            continue
        imp = imports[j]
        try:
            imp_id = json.loads(imp).get("ImportId", "") if imp.startswith("{") else ""
        except ValueError:
            imp_id = ""
        m = re.fullmatch(r"(.+?)_(\d+)(_TEXT)?", code) or re.fullmatch(r"(QID\d+)_(\d+)(_TEXT)?", imp_id)
        text = texts[j]
        if m:
            base, is_text = m.group(1), bool(m.group(3))
            qtext, _, option = text.rpartition(" - ")
            q = groups.setdefault(base, Question(base, qtext or text))
            if is_text:
                q.answers.append(j)
            else:
                q.options[j] = option or text
        elif code.endswith("_TEXT"):
            q = groups.setdefault(code[:-5], Question(code[:-5], text))
            q.answers.append(j)
        else:
            groups[code] = Question(code, text, answers=[j], separator=",")
    export.questions = list(groups.values())
    for i in range(export.data_start, len(rows)):
        rec = {_key(c): rows[i][j] for j, c in enumerate(codes) if j < len(rows[i])}
        channel, finished = _text(rec.get("distributionchannel")).lower(), _text(rec.get("finished")).lower()
        if channel == "preview":
            export.skip[i] = "a preview response (DistributionChannel = preview), not a member's answer"
        elif channel == "test":
            export.skip[i] = "a test response (DistributionChannel = test), not a member's answer"
        elif finished in {"false", "0", "no"}:
            export.skip[i] = f"an unfinished response (Finished = {_text(rec.get('finished'))})"
    return _finish(export, list(range(len(codes))))


def _surveymonkey(sheet: Sheet, tool: str) -> Export:
    top, sub = _headers(sheet, 2)
    export = Export(tool, sheet, [t or s for t, s in zip(top, sub)], 2)
    current: Question | None = None
    questions: list[Question] = []
    header = []
    for j, (t, s) in enumerate(zip(top, sub)):
        if t:
            current = None
            if _key(t) in _SYSTEM:
                header.append(t)
                continue
            current = Question(f"Q{len(questions) + 1}", t)
            questions.append(current)
        label = t if t else (current.text if current else "")
        header.append(f"{label} / {s}" if s and s not in ("Response", "Open-Ended Response") else label)
        if current is None:
            continue
        low = _key(s)
        if not s or low in ("response", "open ended response"):
            current.answers.append(j)
        elif "other" in low and "specify" in low or low.startswith("other") or low in ("altro", "otro", "andere",
                                                                                        "autre", "inne"):
            current.answers.append(j)
        else:
            current.options[j] = s
    export.header = header
    export.questions = questions
    return _finish(export, list(range(len(top))))


_LIME = re.compile(r"(?P<code>[A-Za-z]\w*)\[(?P<sub>[^\]]+)\](?:\.\s*(?P<text>.*?))?(?:\s*\[(?P<opt>[^\]]+)\])?")
_LIME_TEXT = re.compile(r"(?P<text>.+?)\s*\[(?P<opt>[^\]]+)\]")


def _limesurvey(sheet: Sheet, tool: str) -> Export:
    header = _headers(sheet, 1)[0]
    export = Export(tool, sheet, header, 1)
    groups: dict[str, Question] = {}
    for j, head in enumerate(header):
        if not head or _key(head) in _SYSTEM:
            continue
        m = _LIME.fullmatch(head)
        if m:
            code, sub = m.group("code"), m.group("sub")
            text = m.group("text") or code
            q = groups.setdefault(code, Question(code, text))
            if sub.lower() in ("other", "comment"):
                q.answers.append(j)
            else:
                q.options[j] = m.group("opt") or sub
            continue
        m = _LIME_TEXT.fullmatch(head)
        if m:
            q = groups.setdefault(m.group("text"), Question(f"Q{len(groups) + 1}", m.group("text")))
            if _OTHER.match(m.group("opt").strip()):
                q.answers.append(j)
            else:
                q.options[j] = m.group("opt")
            continue
        groups[head] = Question(f"Q{len(groups) + 1}", head, answers=[j])
    export.questions = list(groups.values())
    keys = [_key(h) for h in header]
    if "submitdate" in keys:  # LimeSurvey leaves submitdate empty for a response not submitted
        k = keys.index("submitdate")
        for i in range(1, len(sheet.rows)):
            row = sheet.rows[i]
            if any(filled(v) for v in row) and not (k < len(row) and filled(row[k])):
                export.skip[i] = "an incomplete response (no submitdate: it was never submitted)"
    return _finish(export, list(range(len(header))))


def _kobo(sheet: Sheet, tool: str) -> Export:
    header = _headers(sheet, 1)[0]
    export = Export(tool, sheet, header, 1)
    by_path = {h: j for j, h in enumerate(header) if h}
    groups: dict[str, Question] = {}
    others: list[tuple[int, str | None]] = []  # or_other text columns: (column, question path or None = previous)
    last_group = None
    for j, head in enumerate(header):
        if not head or head.startswith("_") or _key(head.split("/")[-1]) in _SYSTEM or _key(head) in _SYSTEM:
            continue
        if head.endswith("_other") and head[:-6] in by_path:  # XML names: 'group_ties/suppliers_other'
            others.append((j, head[:-6]))
            continue
        if _SPECIFY.search(head):  # labels: 'Specify other.' right after its question
            others.append((j, last_group))
            continue
        parent, _, last = head.rpartition("/")
        if parent and parent in by_path:  # 'question/choice' 0/1 column of a select_multiple
            q = groups.setdefault(parent, Question(parent, parent.rpartition("/")[2]))
            q.options[j] = last
            continue
        q = groups.setdefault(head, Question(head, last or head))
        q.answers.append(j)
        q.separator = " "
        last_group = head
    # a select_multiple exported both ways: read the 0/1 columns, not the joined one
    for q in groups.values():
        if q.options and q.answers:
            joined = q.answers
            q.answers = []
            for j in joined:
                export.ignored.append((j, "the same answers as its one-column-per-choice columns, read there"))
    # the text written for "other": names written by hand, read with the question
    for j, path in others:
        if path in groups:
            groups[path].answers.append(j)
            groups[path].other = j
        else:
            export.ignored.append((j, "an 'other' text whose question was not found"))
    export.questions = list(groups.values())
    for q in export.questions:
        q.text = q.text.replace("_", " ")
    return _finish(export, list(range(len(header))))


def form_labels(sheets: list[Sheet]) -> tuple[dict[str, str], dict[str, str]]:
    """Choice labels and question labels of an XLSForm (Kobo, ODK).

    Returns ``({choice name: label}, {question name: label})`` from the
    ``choices`` and ``survey`` sheets (the first ``label`` column, or
    ``label::<language>``).
    """
    choices: dict[str, str] = {}
    questions: dict[str, str] = {}
    for sheet in sheets:
        if not sheet.rows:
            continue
        keys = [_text(v).lower() for v in sheet.rows[0]]
        if "name" not in keys:
            continue
        name_j = keys.index("name")
        label_j = next((k for k, h in enumerate(keys) if h.startswith("label")), None)
        if label_j is None:
            continue
        target = choices if "list_name" in keys else questions if "type" in keys else None
        if target is None:
            continue
        for r in sheet.rows[1:]:
            if name_j < len(r) and filled(r[name_j]) and label_j < len(r) and filled(r[label_j]):
                target[_text(r[name_j])] = _text(r[label_j])
    return choices, questions


def with_form(export: Export, sheets: list[Sheet]) -> Export:
    """A copy of a Kobo export with the labels of its XLSForm: choice names read as names, questions as asked."""
    choices, labels = form_labels(sheets)
    out = Export(**{**export.__dict__})
    out.choices = {**export.choices, **choices}
    out.questions = []
    for q in export.questions:
        label = labels.get(q.qid.rpartition("/")[2])
        q = Question(**{**q.__dict__})
        if label and q.why != "set in the mapping file":
            q.text = label
            q.relation, q.why = classify_question(label)
        out.questions.append(q)
    return out


def _kobo_extras(export: Export, others: list[Sheet]) -> None:
    """Choice lists and repeat groups of a Kobo export (sheets beside the main one)."""
    for sheet in others:
        if not sheet.rows:
            continue
        head = [_text(v) for v in sheet.rows[0]]
        keys = [h.lower() for h in head]
        if "list_name" in keys and "name" in keys:
            export.choices.update(form_labels([sheet])[0])
            continue
        if "_parent_index" in keys:
            parent = keys.index("_parent_index")
            qs = []
            partner = strength = None
            for j, h in enumerate(head):
                if not h or h.startswith("_"):
                    continue
                leaf = _key(h.rpartition("/")[2])
                values = [r[j] for r in sheet.rows[1:] if j < len(r) and filled(r[j])]
                numeric = bool(values) and all(_number_like(v) for v in values)
                if strength is None and (numeric or re.search(
                        r"strength|intensit|forza|intensidad|starke|force|sila|frequen|importan|how often|quanto spesso|"
                        r"wie oft|con que frecuencia|combien|jak czesto", leaf)):
                    strength = j
                elif partner is None and not numeric:
                    partner = j
            if partner is not None:
                q = Question(f"{sheet.name}", f"{sheet.name} / {head[partner].rpartition('/')[2]}",
                             answers=[partner], strength=strength, sheet=sheet.name)
                _classified(q)
                if q.relation is None:
                    q.relation, q.why = classify_question(sheet.name.replace("_", " "))
                    q.why = q.why.replace("matched", "sheet name matched") if q.relation else q.why
                qs.append(q)
            export.repeats.append((sheet, qs, parent))


# ---------------------------------------------------------------- answers

def split_answer(cell, *, separator: str | None, known=None, other: bool = False) -> list[str]:
    """The names one answer cell holds.

    Parameters
    ----------
    cell : str
        An answer as exported.
    separator : str or None
        How the tool joins several choices: ``", "`` (Google Forms), ``";"``
        (Microsoft Forms), ``" "`` (Kobo choice names), ``","`` (Qualtrics) or
        None for names written by hand (split at ``;`` and new lines, and at
        commas).
    known : callable, optional
        ``known(text) -> bool``, true for a name that is a whole option (a
        member): pieces around a comma are joined back when together they are
        a known name ("Politecnico di Milano, Dipartimento di Meccanica"). A
        piece that is only a legal form ("Acme, Inc.") stays with the name
        before it.
    other : bool
        Checkboxes with one "Other" text (Google Forms): the pieces that are
        no known option make one name ("Fonderia Bassi, Pietro & C.").

    Examples
    --------
    >>> split_answer("Rossi S.r.l., Acme, Inc., Bianchi", separator=", ")
    ['Rossi S.r.l.', 'Acme, Inc.', 'Bianchi']
    >>> split_answer("Politecnico di Milano, Dipartimento di Meccanica, Rossi", separator=", ",
    ...              known=lambda s: s == "Politecnico di Milano, Dipartimento di Meccanica")
    ['Politecnico di Milano, Dipartimento di Meccanica', 'Rossi']
    >>> split_answer("Fratelli Bianchi;Officine Rossi;", separator=";")
    ['Fratelli Bianchi', 'Officine Rossi']
    """
    if not filled(cell):
        return []
    text = str(cell).strip()
    known = known or (lambda s: False)
    if separator == " ":
        return text.split()
    if separator == ";":
        pieces = re.split(r"[;\n\r]+", text)
        return [p.strip() for p in pieces if p.strip()]
    names: list[str] = []
    for piece in re.split(r"[;\n\r]+", text):
        piece = piece.strip()
        if not piece:
            continue
        if known(piece):
            names.append(piece)
            continue
        tokens = [t.strip() for t in piece.split(",")]
        if other:
            names += _with_other(tokens, known)
            continue
        i = 0
        while i < len(tokens):
            for j in range(len(tokens), i, -1):  # the longest run of pieces that is a known name
                joined = ", ".join(tokens[i:j])
                if j - i > 1 and known(joined):
                    names.append(joined)
                    i = j
                    break
            else:
                token = tokens[i]
                bare = re.sub(r"[^\w]+", "", token.lower())
                if token and names and i > 0 and (bare in LEGAL_SUFFIXES or bare in {"co", "cokg", "ltd", "inc"}):
                    names[-1] = f"{names[-1]}, {token}"
                elif token:
                    names.append(token)
                i += 1
    return names


def _with_other(tokens: list[str], known) -> list[str]:
    """Known options, longest first, and the rest as one "Other" text."""
    names, rest = [], []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            if known(", ".join(tokens[i:j])):
                names.append(", ".join(tokens[i:j]))
                i = j
                break
        else:
            rest.append(tokens[i])
            i += 1
    if rest:
        names.append(", ".join(t for t in rest if t))
    return [n for n in names if n]


def _number_like(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return bool(re.fullmatch(r"\s*\d+([.,]\d+)?\s*", str(value)))


def _ticked(value) -> bool:
    if not filled(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    text = _text(value)
    low = text.lower()
    if low in _NOTICK:
        return False
    return True  # the option's text, a mark, or a grid column's label: the option was chosen


class _Members:
    """Which names are members (for joining comma pieces and for Kobo choice names)."""

    def __init__(self, actors: list[dict] | None):
        self.index = NameIndex()
        self.slugs: dict[str, str] = {}
        for rec in actors or []:
            names = [rec.get("name"), *str(rec.get("aliases") or "").split(";")]
            self.index.add(str(rec["actor"]), *[n for n in names if filled(n)])
            for n in names:
                if filled(n):
                    for slug in _slugs(str(n)):
                        self.slugs.setdefault(slug, str(n).strip())

    def known(self, text: str) -> bool:
        return bool(self.index.lookup(text))

    def key(self, text: str) -> str:
        ids = self.index.lookup(text)
        return f"id:{next(iter(ids))}" if len(ids) == 1 else f"name:{normalise_name(text) or text.casefold()}"


def _slugs(name: str) -> set[str]:
    """The XML names Kobo makes from a choice label ("Müller GmbH & Co. KG" -> m_ller_gmbh_co_kg)."""
    out = set()
    for text in (name, unidecode(name), name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                 .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue").replace("ß", "ss")):
        low = text.lower()
        out.add(re.sub(r"[^a-z0-9]+", "_", low).strip("_"))
        out.add(re.sub(r"_+", "_", re.sub(r"[^\w]", "_", low, flags=re.ASCII)).strip("_"))
    return {s for s in out if s}


def export_reports(export: Export, problems: Problems, *, actors: list[dict] | None,
                   relations: dict | None = None, respondent: int | None = None) -> RawSurvey:
    """Every answer of an export as a report, with the count of answers per question.

    Parameters
    ----------
    export : Export
        From :func:`detect_export` (and the mapping applied to it).
    problems : Problems
        Rows left out, resubmissions, answers that are no name.
    actors : list of dict, optional
        The member list (records with ``actor``, ``name``, ``aliases``).
    relations : dict, optional
        Declared relations ``{name: record}`` from the mapping.
    """
    sheet = export.sheet
    members = _Members(actors)
    raw = RawSurvey(layout="form", actors=actors, actors_sheet=None, relations=[], relations_sheet=None,
                    reports=[])
    raw.tool = export.tool
    used_relations = {q.relation for q in export.questions if q.relation and q.relation != "ignore"}
    used_relations |= {q.relation for _, qs, _ in export.repeats for q in qs if q.relation}
    for name in sorted(used_relations):
        if name in FORM_RELATIONS and name not in (relations or {}):
            r = FORM_RELATIONS[name]
            raw.relations.append({"relation": r.name, "tie": r.tie, "directed": "yes" if r.directed else "no",
                                  "direction": "partner_to_respondent" if r.partner_is_source else "",
                                  "description": r.description, "_row": None})
    for name, rec in (relations or {}).items():
        raw.relations.append({"relation": name, **rec, "_row": None})
    j_resp = export.respondent if respondent is None else respondent
    resp_why = export.respondent_why
    if j_resp is None and actors:
        j_resp, resp_why = _respondent_by_values(export, members, problems)
    counts = {q.qid: 0 for q in export.questions}
    raw.questions = []
    if j_resp is None:
        problems.error("no column names the responding firm: netkit looked for a header such as 'Company', "
                       "'Your organisation', 'Nome azienda', 'Empresa', 'Firma', 'Entreprise', 'Nazwa firmy' "
                       "(the person's name or e-mail is never taken for the firm). Add such a question to the "
                       "form, or say which column it is in the mapping file (netkit inspect EXPORT --write-mapping "
                       "mapping.yaml, then respondent: \"...\").", sheet=sheet.name, row=export.data_start)
        return raw
    raw.respondent_column = (export.label(j_resp), resp_why)
    rows = sheet.rows
    if not any(any(filled(v) for v in r) for r in rows[export.data_start:]):
        problems.error(f"the export has its header ({export.data_start} row(s)) but no responses below it: was it "
                       "downloaded before anyone answered?", sheet=sheet.name, row=export.data_start + 1)
        return raw
    # respondents: one row each; a later row of the same firm replaces an earlier one
    latest: dict[str, int] = {}
    replaced: dict[int, int] = {}
    for i in range(export.data_start, len(rows)):
        row = rows[i]
        if not any(filled(v) for v in row) or i in export.skip:
            continue
        label = row[j_resp] if j_resp < len(row) else None
        if not filled(label):
            continue
        key = members.key(_text(label))
        if key in latest:
            replaced[latest[key]] = i
        latest[key] = i
    for i, why in sorted(export.skip.items()):
        answered = sum(1 for q in export.questions for j in q.columns if j < len(rows[i]) and filled(rows[i][j]))
        problems.warning(f"row left out: {why}; its {answered} answer(s) are not read.", sheet=sheet.name,
                         row=i + 1)
    for old, new in sorted(replaced.items()):
        answered = sum(1 for q in export.questions if q.relation and q.relation != "ignore"
                       for _ in _answers(export, q, rows[old], members, None))
        problems.warning(f"{_text(rows[old][j_resp])!r} answered again on row {new + 1}: the later answers replace "
                         f"these {answered} (a resubmission). Delete the row you do not want if that is wrong.",
                         sheet=sheet.name, row=old + 1, column=export.label(j_resp))
    checkbox = {q.qid: options for q in export.questions if (options := _checkbox_options(export, q, members))
                is not None}
    index_of: dict[str, int] = {}
    unread: dict[str, int] = {}  # answers of questions not read (no relation, or ignored in the mapping)
    named: dict[str, int] = {}  # ... of which member names
    idx_col = next((j for j, h in enumerate(export.header) if h == "_index"), None)
    for i in range(export.data_start, len(rows)):
        row = rows[i]
        if not any(filled(v) for v in row) or i in export.skip or i in replaced:
            continue
        label = row[j_resp] if j_resp < len(row) else None
        if not filled(label):
            filled_answers = [q for q in export.questions for j in q.columns if j < len(row) and filled(row[j])]
            if filled_answers:
                problems.error("this response has answers but its firm is empty: whose answers are these? Write the "
                               "firm's name in this cell.", sheet=sheet.name, row=i + 1, column=export.label(j_resp))
            continue
        respondent_name = _text(label)
        if export.tool == "kobo":  # a select_one of the members gives the choice's XML name
            respondent_name = export.choices.get(respondent_name) or members.slugs.get(respondent_name) or respondent_name
        if idx_col is not None and idx_col < len(row) and filled(row[idx_col]):
            index_of[_text(row[idx_col]).removesuffix(".0")] = i
        raw.answered.setdefault(respondent_name, (sheet.name, i + 1))
        for q in export.questions:
            if j_resp in q.columns:
                continue
            if not q.relation or q.relation == "ignore":
                for name, _ in _answers(export, q, row, members, checkbox.get(q.qid)):
                    unread[q.qid] = unread.get(q.qid, 0) + 1
                    named[q.qid] = named.get(q.qid, 0) + members.known(name)
                continue
            for name, j in _answers(export, q, row, members, checkbox.get(q.qid)):
                counts[q.qid] += 1
                raw.reports.append(Report(respondent_name, name, q.relation, None, sheet.name, i + 1,
                                          export.label(j), None, {"question": q.qid, "column": export.label(j)}))
    # Kobo repeat groups: one row per partner, with its strength, under the parent response
    for rsheet, qs, parent in export.repeats:
        for q in qs:
            counts[q.qid] = 0
            if not q.relation:
                continue
            rhead = [_text(v) for v in rsheet.rows[0]]
            for i in range(1, len(rsheet.rows)):
                row = rsheet.rows[i]
                j = q.answers[0]
                if j >= len(row) or not filled(row[j]):
                    continue
                pi = _text(row[parent]).removesuffix(".0") if parent < len(row) else ""
                where = dict(sheet=rsheet.name, row=i + 1, column=f"{get_column_letter(j + 1)} ({rhead[j]})")
                if pi not in index_of:
                    problems.warning(f"this repeat row points to response _index {pi!r}, which is not in the main "
                                     "sheet (or was left out); its answer is not read.", **where)
                    counts[q.qid] += 1
                    continue
                main = rows[index_of[pi]]
                strength = row[q.strength] if q.strength is not None and q.strength < len(row) else None
                value = _text(row[j])
                name = export.choices.get(value) or members.slugs.get(value) or value
                counts[q.qid] += 1
                raw.reports.append(Report(_text(main[j_resp]), name, q.relation, strength, rsheet.name, i + 1,
                                          where["column"],
                                          f"{get_column_letter(q.strength + 1)} ({rhead[q.strength]})"
                                          if q.strength is not None else None,
                                          {"question": q.qid, "column": where["column"]}))
    for q in export.questions:
        if not q.relation and q.why != "ignored in the mapping file" and named.get(q.qid, 0) >= max(2, unread.get(q.qid, 0) / 2):
            problems.warning(f"question {q.text!r} names members ({named[q.qid]} of its {unread.get(q.qid, 0)} answers) but "
                             "netkit cannot tell from its text which relation it asks about, so it is not read. Say it "
                             "in the mapping file (netkit inspect EXPORT --write-mapping mapping.yaml).",
                             sheet=sheet.name, row=export.data_start,
                             column=", ".join(export.label(j) for j in q.columns[:3]))
    if export.tool == "kobo":
        xml = sorted({r.partner for r in raw.reports if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", str(r.partner))
                      and not members.known(str(r.partner))})
        if xml:
            problems.warning(f"{len(xml)} answer(s) are Kobo choice names that match no member ({', '.join(xml[:5])}"
                             f"{' ...' if len(xml) > 5 else ''}): this export has XML values, not labels. Pass the "
                             "survey's XLSForm with --form (read_survey(..., form='xlsform.xlsx')), or download the "
                             "data again with 'Labels' as the value and header format.", sheet=sheet.name)
    raw.questions = [
        {"qid": q.qid, "not_read": unread.get(q.qid, 0), "question": q.text, "sheet": q.sheet or sheet.name,
         "columns": ", ".join(export.label(j) if q.sheet is None else str(j) for j in q.columns),
         "labels": [export.label(j) for j in q.columns] if q.sheet is None else
         [f"{get_column_letter(j + 1)} ({_text(rs.rows[0][j])})" for rs, qs, _ in export.repeats if q in qs
          for j in q.columns],
         "relation": q.relation or "ignored", "why": q.why, "answers": counts.get(q.qid, 0)}
        for q in export.questions + [q for _, qs, _ in export.repeats for q in qs]
    ]
    return raw


def _checkbox_options(export: Export, q: Question, members: "_Members") -> set | None:
    """Google Forms checkboxes: the options a column uses, or None for a column of names written by hand.

    A checkbox column is one where most answers hold a member's name between
    its ", "; its options are the members and the pieces several respondents
    chose. Google Forms then puts one "Other" text last, which may hold commas.
    """
    if q.separator != ", " or len(q.answers) != 1:
        return None
    j = q.answers[0]
    cells = [_text(r[j]) for r in export.sheet.rows[export.data_start:] if j < len(r) and filled(r[j])]
    if not cells:
        return None
    seen: dict[str, int] = {}
    with_member = 0
    for cell in cells:
        tokens = [t.strip() for t in cell.split(", ")]
        with_member += any(members.known(t) for t in tokens) or members.known(cell)
        for t in set(tokens):
            seen[t] = seen.get(t, 0) + 1
    if with_member < max(1, len(cells) / 2):
        return None
    return {t for t, n in seen.items() if n >= 2}


def _respondent_by_values(export: Export, members: "_Members", problems: Problems) -> tuple[int | None, str]:
    """The column whose answers are mostly member names, when no header says it (never a person's name)."""
    used = {j for q in export.questions if q.relation for j in q.columns}
    best, share = None, 0.0
    for j, head in enumerate(export.header):  # noqa: B007
        if j in used or person_header(head) or _key(head) in _SYSTEM - {"name", "nome", "nombre", "nom"}:
            continue
        values = [_text(r[j]) for r in export.sheet.rows[export.data_start:] if j < len(r) and filled(r[j])]
        if not values:
            continue
        hit = sum(members.known(v) for v in values) / len(values)
        if hit > share:
            best, share = j, hit
    if best is None or share < 0.5:
        return None, ""
    why = f"{share:.0%} of its answers are names on the member list"
    problems.info(f"the responding firm is read from column {export.label(best)}: {why}. "
                  "Say otherwise in the mapping file if that is wrong.", sheet=export.sheet.name)
    return best, why


_OTHER = re.compile(r"^(other|others|altro|altri|otro|otros|otra|andere|sonstige|sonstiges|autre|autres|inne|inna)\b",
                    re.I)


def _answers(export: Export, q: Question, row: list, members: _Members, checkbox: set | None = None):
    """(name, column) of every answer of one question in one response.

    An "Other" option whose text has a column of its own is no answer in
    itself: the text written is.
    """
    for j, option in sorted(q.options.items()):
        value = row[j] if j < len(row) else None
        if q.answers and _OTHER.match(option.strip()):
            continue
        if _ticked(value):
            name = export.choices.get(option) or members.slugs.get(option) or option
            yield name, j
    for j in q.answers:
        value = row[j] if j < len(row) else None
        if not filled(value):
            continue
        if isinstance(value, bool) or (isinstance(value, (int, float)) and q.options):
            continue
        separator = None if j == q.other else q.separator
        if checkbox is not None and separator == ", ":
            known = lambda text: members.known(text) or text in checkbox  # noqa: E731
            names = split_answer(value, separator=separator, known=known, other=True)
        else:
            names = split_answer(value, separator=separator, known=members.known)
        for name in names:
            if separator == " ":
                name = export.choices.get(name) or members.slugs.get(name) or name
            yield name, j


def relation_names() -> set[str]:
    """Relations an export question may be mapped to without declaring it."""
    return set(BUILTIN_RELATIONS) | set(FORM_RELATIONS)

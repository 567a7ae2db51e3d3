"""The mapping file: what netkit understood of an export, for the facilitator to edit.

``netkit inspect EXPORT --write-mapping mapping.yaml`` writes it; the facilitator
changes a relation (or writes ``ignore``), names the respondent column, and
passes it back with ``--mapping mapping.yaml`` (``read_survey(...,
mapping=...)``). A mapping is plain YAML::

    tool: google_forms
    respondent: "Name of your company"
    questions:
      - question: "Who are your main suppliers?"
        relation: supplier        # supplier, customer, university, agency, knowledge, cooperation, ignore
      - question: "Whom do you meet at trade fairs?"
        relation: fairs           # a relation of your own: declare it below
    relations:
      fairs: {tie: fairs, directed: no}
    connection_types:             # Kumu maps only
      supplies: {tie: trade, directed: yes, direction: respondent_to_partner}
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from ..errors import NetkitError, Problems, SurveyError
from ._exports import Export, relation_names
from ._questions import text_key

__all__ = ["mapping_of", "write_mapping", "read_mapping", "apply_mapping"]

_HEAD = """\
# netkit mapping: what netkit understood of {source}.
# Edit a question's relation (supplier, customer, university, agency, knowledge, cooperation, or ignore),
# or the respondent column (the column that names the answering firm), then read the export again with
#   netkit validate EXPORT --members LIST --mapping THIS_FILE
# A relation of your own needs an entry under 'relations' (tie, directed yes/no, direction).
"""


def mapping_of(export: Export) -> dict:
    """The mapping of an export as a plain dict (what :func:`write_mapping` writes)."""
    questions = []
    for q in export.questions:
        questions.append({"question": q.text, "columns": ", ".join(export.label(j) for j in q.columns),
                          "relation": q.relation or "ignore", "why": q.why})
    out = {"tool": export.tool, "sheet": export.sheet.name,
           "respondent": export.header[export.respondent] if export.respondent is not None else None,
           "questions": questions}
    return out


def write_mapping(mapping: dict, path, *, source: str = "the export", force: bool = False) -> Path:
    """Write a mapping as commented YAML; refuse to overwrite unless ``force``."""
    path = Path(path)
    if path.exists() and not force:
        raise NetkitError(f"{path} exists already: pass --force to overwrite it, or choose another name.")
    text = _HEAD.format(source=source) + yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, width=110)
    path.write_text(text, encoding="utf-8")
    return path


def read_mapping(source) -> dict:
    """A mapping from a YAML file or a dict, checked for shape."""
    if isinstance(source, dict):
        data, file = copy.deepcopy(source), None
    else:
        file = str(source)
        try:
            data = yaml.safe_load(Path(source).read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise SurveyError(_one(file, "the mapping file does not exist. Write one with netkit inspect EXPORT "
                                         "--write-mapping mapping.yaml.")) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
            raise SurveyError(_one(file, f"the mapping file is not valid YAML{where}: "
                                         f"{getattr(exc, 'problem', exc)}. Keep the indentation as netkit "
                                         "wrote it; put texts with a colon in quotes.")) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SurveyError(_one(file, "the mapping file must hold keys such as 'respondent' and 'questions'."))
    questions = data.get("questions") or []
    if isinstance(questions, dict):  # {question text: relation} is accepted too
        questions = [{"question": k, "relation": v} for k, v in questions.items()]
    if not isinstance(questions, list) or not all(isinstance(q, dict) and "question" in q for q in questions):
        raise SurveyError(_one(file, "'questions' must be a list of entries with 'question' and 'relation'."))
    data["questions"] = questions
    data["_file"] = file
    return data


def _one(file, message):
    p = Problems(file=file)
    p.error(message)
    return p.to_frame()


def apply_mapping(export: Export, mapping: dict, problems: Problems) -> Export:
    """A copy of the export with the mapping's respondent column and relations."""
    out = copy.copy(export)
    out.questions = [copy.copy(q) for q in export.questions]
    where = dict(file=mapping.get("_file"))
    declared = set((mapping.get("relations") or {}).keys())
    known = relation_names() | declared | {"ignore", "ignored", "respondent"}
    resp = mapping.get("respondent")
    if resp:
        keys = {text_key(h): j for j, h in enumerate(export.header) if h}
        j = keys.get(text_key(resp))
        if j is None:
            near = process.extractOne(str(resp), [h for h in export.header if h], scorer=fuzz.WRatio, score_cutoff=70)
            problems.error(f"the mapping's respondent column {resp!r} is not in the export."
                           + (f" Did you mean {near[0]!r}?" if near else ""), **where)
        else:
            out.respondent, out.respondent_why = j, "named in the mapping file"
    by_text = {text_key(q.text): q for q in out.questions}
    by_text.update({text_key(q.qid): q for q in out.questions})
    for entry in mapping.get("questions", []):
        q = by_text.get(text_key(entry.get("question", "")))
        relation = str(entry.get("relation") or "ignore").strip()
        rkey = "_".join(relation.lower().split())
        if q is None:
            problems.warning(f"the mapping names the question {entry.get('question')!r}, which is not in this "
                             "export; that entry is not used.", **where)
            continue
        if rkey not in known:
            near = process.extractOne(rkey, sorted(known - {"ignored", "respondent"}), scorer=fuzz.ratio,
                                      score_cutoff=70)
            problems.error(f"question {q.text!r} is mapped to {relation!r}, which is no relation."
                           + (f" Did you mean {near[0]!r}?" if near else "")
                           + " Use supplier, customer, university, agency, knowledge, cooperation or ignore, or "
                           "declare it under 'relations'.", **where)
            continue
        if rkey in ("ignore", "ignored"):
            q.relation, q.why = None, "ignored in the mapping file"
        elif rkey == "respondent":
            out.respondent, out.respondent_why = q.columns[0], "named in the mapping file"
            q.relation, q.why = None, "the respondent column"
        else:
            if rkey != (q.relation or ""):
                q.why = "set in the mapping file"
            q.relation = rkey
    return out

"""Matching the names respondents write to the actors on the roster.

Names are compared after normalising case, spaces, punctuation, accents and
legal-form suffixes ("Meccanica Rossi S.r.l." and "meccanica  rossi" are the
same key), and through each actor's aliases. A near miss ("Meccanica Rosi")
is never merged: the caller reports it with the suggestion.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
from rapidfuzz import fuzz, process

__all__ = ["normalise_name", "NameIndex", "split_names", "LEGAL_SUFFIXES"]

# Legal forms as they look after normalisation (dots removed, lower case).
LEGAL_SUFFIXES = frozenset(
    """
    srl srls spa sapa snc sas scarl scrl scpa sc coop societa cooperativa
    sl sa sau sll slu sas sarl sarlu eurl sasu sca scs
    gmbh ag kg ohg ug ev eg gbr kgaa mbh co
    ltd limited llc llp lp inc incorporated corp corporation plc company
    bv nv vof cv
    oy oyj ab aps as asa
    kft zrt nyrt sro as spzoo sp zoo doo dd ad ood eood
    lda ltda me epp
    """.split()
)


def normalise_name(name) -> str:
    """A matching key: lower case, no accents, punctuation or legal suffixes.

    Examples
    --------
    >>> normalise_name("Meccanica Rossi S.r.l.")
    'meccanica rossi'
    >>> normalise_name("  ÉLECTRO-Tech GmbH & Co. KG ")
    'electro tech'
    """
    if name is None:
        return ""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace(".", "")
    text = re.sub(r"\b(\w)/(\w)\b", r"\1\2", text)  # A/S, S/A
    text = re.sub(r"[^\w&]+", " ", text).replace("_", " ")
    tokens = text.split()

    def strip_suffixes():
        changed = True
        while changed and len(tokens) > 1:
            changed = False
            if tokens[-1] in LEGAL_SUFFIXES or tokens[-1] == "&":
                tokens.pop()
                changed = True
                continue
            for k in (3, 2):  # a legal form written in pieces: "sp z oo", "s a s"
                tail = tokens[-k:]
                if len(tokens) > k and all(len(t) <= 3 for t in tail) and "".join(tail) in LEGAL_SUFFIXES:
                    del tokens[-k:]
                    changed = True
                    break

    strip_suffixes()
    while len(tokens) > 2 and tokens[-2] in ("&", "e", "and", "und") and tokens[-1] in ("c", "co", "figli", "ci"):
        tokens = tokens[:-2]
        while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
            tokens.pop()
    return " ".join(tokens)


def _casefold(name) -> str:
    return " ".join(str(name).split()).casefold()


class NameIndex:
    """Look up actor ids by id, name or alias, exactly or after normalising.

    ``lookup`` returns the set of actor ids a written name can mean: one id is a
    match, several are an ambiguity the caller must report, none is unknown.
    """

    def __init__(self):
        self._exact: dict[str, set[str]] = {}
        self._norm: dict[str, set[str]] = {}
        self.labels: dict[str, str] = {}

    def add(self, actor_id: str, *names) -> None:
        for name in (actor_id, *names):
            if name is None or not str(name).strip():
                continue
            self._exact.setdefault(_casefold(name), set()).add(actor_id)
            key = normalise_name(name)
            if key:
                self._norm.setdefault(key, set()).add(actor_id)
        self.labels.setdefault(actor_id, str(names[0]) if names and names[0] else actor_id)

    def lookup(self, name) -> set[str]:
        exact = self._exact.get(_casefold(name))
        if exact and len(exact) == 1:
            return exact
        norm = self._norm.get(normalise_name(name), set())
        return exact or norm

    def suggest(self, name, *, cutoff: float = 85.0) -> str | None:
        """The actor id whose name is closest to ``name`` (a near miss), if any."""
        key = normalise_name(name)
        if not key or not self._norm:
            return None
        best = process.extractOne(key, list(self._norm), scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        ids = self._norm[best[0]]
        return sorted(ids)[0] if len(ids) == 1 else None

    def __contains__(self, name) -> bool:
        return bool(self.lookup(name))


_SPLIT = re.compile(r"[;\n\r]+")


def split_names(cell) -> list[str]:
    """Split a form answer naming several partners.

    Names are separated by ``;``, ``,`` or new lines. A piece after a comma that
    is only a legal form ("Acme, Inc.") stays with the name before it.

    Examples
    --------
    >>> split_names("Rossi S.r.l.; Acme, Inc., Bianchi")
    ['Rossi S.r.l.', 'Acme, Inc.', 'Bianchi']
    """
    if cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell):
        return []
    names: list[str] = []
    for piece in _SPLIT.split(str(cell)):
        parts = piece.split(",")
        for part in parts:
            text = part.strip()
            if not text:
                continue
            bare = re.sub(r"[^\w]+", "", text.lower())
            if names and bare in LEGAL_SUFFIXES and part is not parts[0]:
                names[-1] = f"{names[-1]}, {text}"
            else:
                names.append(text)
    return names

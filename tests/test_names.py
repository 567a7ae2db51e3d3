"""Name matching: normalise_name, NameIndex and split_names (netkit.survey._names)."""

import math

import pytest

from netkit.survey._names import LEGAL_SUFFIXES, NameIndex, normalise_name, split_names


# ---------------------------------------------------------------- normalise_name

@pytest.mark.parametrize(
    "written, key",
    [
        ("Meccanica Rossi S.r.l.", "meccanica rossi"),
        ("MECCANICA   ROSSI srl", "meccanica rossi"),  # case, repeated spaces, suffix without dots
        ("  meccanica rossi  ", "meccanica rossi"),
        ("Meccanica Rossi, S.R.L.", "meccanica rossi"),  # comma before the legal form
        ("Talleres Pérez S.L.", "talleres perez"),  # accent and Spanish suffix
        ("Talleres Perez, SL", "talleres perez"),
        ("Électro-Tech GmbH", "electro tech"),  # accent, hyphen, German suffix
        ("Müller GmbH & Co. KG", "muller"),  # a chain of legal forms
        ("Bosch Ltd.", "bosch"),
        ("Bosch Limited", "bosch"),
        ("Acme, Inc.", "acme"),
        ("ACME INC", "acme"),
        ("Officine Verdi S.p.A.", "officine verdi"),
        ("Kovács Kft.", "kovacs"),
        ("O'Neil Ltd", "o neil"),  # punctuation inside a name becomes a space
    ],
)
def test_normalise_name_keys(written, key):
    assert normalise_name(written) == key


def test_spellings_of_one_firm_share_a_key():
    spellings = ["Meccanica Rossi S.r.l.", "meccanica rossi", "MECCANICA ROSSI SRL", "Meccanica  Rossi s.r.l",
                 "Meccanica-Rossi"]
    assert {normalise_name(s) for s in spellings} == {"meccanica rossi"}


def test_a_bare_legal_form_is_not_erased():
    # at least one token is kept, otherwise every "S.p.A." would match every other
    assert normalise_name("S.p.A.") == "spa"
    assert normalise_name("Inc") == "inc"


def test_different_firms_keep_different_keys():
    assert normalise_name("Meccanica Rossi") != normalise_name("Meccanica Rosi")
    assert normalise_name("Rossi Group") != normalise_name("Rossi")


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_normalise_empty(empty):
    assert normalise_name(empty) == ""


def test_legal_suffixes_include_the_forms_the_spec_names():
    assert {"srl", "sl", "gmbh", "ltd", "inc"} <= LEGAL_SUFFIXES


def test_slash_legal_form_a_s_is_stripped():
    assert normalise_name("Danfoss A/S") == normalise_name("Danfoss") == "danfoss"


def test_polish_legal_form_is_stripped():
    assert normalise_name("Kowalski Sp. z o.o.") == "kowalski"


# ---------------------------------------------------------------- NameIndex

@pytest.fixture
def index():
    idx = NameIndex()
    idx.add("A1", "Meccanica Rossi S.r.l.", "MR", "Rossi Meccanica")
    idx.add("A2", "Bianchi GmbH")
    idx.add("A3", "Bianchi S.p.A.")  # same key as A2 after normalising
    idx.add("A4", "Verdi Ltd")
    return idx


def test_lookup_by_id_name_alias_and_normalised_name(index):
    assert index.lookup("A1") == {"A1"}
    assert index.lookup("a1") == {"A1"}
    assert index.lookup("Meccanica Rossi S.r.l.") == {"A1"}
    assert index.lookup("meccanica rossi") == {"A1"}
    assert index.lookup("MECCANICA ROSSI SRL") == {"A1"}
    assert index.lookup("MR") == {"A1"}  # alias
    assert index.lookup("rossi meccanica s.r.l.") == {"A1"}  # normalised alias
    assert index.lookup("Verdi") == {"A4"}


def test_unknown_names_match_nothing(index):
    assert index.lookup("Meccanica Rosi") == set()
    assert index.lookup("Gialli") == set()
    assert "Gialli" not in index
    assert "verdi ltd." in index


def test_ambiguous_normalised_name_returns_every_candidate(index):
    # "Bianchi" could be either firm: the caller must report it, not pick one
    assert index.lookup("Bianchi") == {"A2", "A3"}
    # the exact written name is not ambiguous
    assert index.lookup("Bianchi GmbH") == {"A2"}
    assert index.lookup("bianchi s.p.a.") == {"A3"}


def test_suggest_near_miss_but_not_far_names(index):
    assert index.suggest("Meccanica Rosi") == "A1"
    assert index.suggest("Verdii Ltd") == "A4"  # ratio("verdii", "verdi") = 91
    assert index.suggest("Officine Gialli") is None
    assert index.suggest("") is None
    # a stricter cutoff refuses the same near miss
    assert index.suggest("Meccanica Rosi", cutoff=99) is None


def test_suggest_is_none_when_the_closest_key_is_ambiguous(index):
    assert index.suggest("Bianchy") is None


def test_empty_index():
    idx = NameIndex()
    assert idx.lookup("anything") == set()
    assert idx.suggest("anything") is None


# ---------------------------------------------------------------- split_names

@pytest.mark.parametrize(
    "cell, names",
    [
        ("Rossi; Bianchi; Verdi", ["Rossi", "Bianchi", "Verdi"]),
        ("Rossi, Bianchi, Verdi", ["Rossi", "Bianchi", "Verdi"]),
        ("Rossi\nBianchi\nVerdi", ["Rossi", "Bianchi", "Verdi"]),
        ("Rossi\r\nBianchi\rVerdi", ["Rossi", "Bianchi", "Verdi"]),  # Windows and old Mac line ends
        ("Rossi;Bianchi, Verdi\nGialli", ["Rossi", "Bianchi", "Verdi", "Gialli"]),  # mixed
        ("  Rossi  ;  ; Bianchi ;", ["Rossi", "Bianchi"]),  # empty pieces and padding
        ("a,,b;;c", ["a", "b", "c"]),
        ("Acme, Inc.", ["Acme, Inc."]),  # a legal form after a comma stays with its name
        ("Acme, Inc., Rossi S.r.l.", ["Acme, Inc.", "Rossi S.r.l."]),
        ("Rossi, S.r.l.; Bianchi", ["Rossi, S.r.l.", "Bianchi"]),
        ("Talleres Pérez, S.L.\nBosch, Ltd", ["Talleres Pérez, S.L.", "Bosch, Ltd"]),
        ("Verdi Ltd", ["Verdi Ltd"]),
    ],
)
def test_split_names(cell, names):
    assert split_names(cell) == names


@pytest.mark.parametrize("cell", [None, "", "   ", ";", "\n\n", " , ; "])
def test_split_empty_cells(cell):
    assert split_names(cell) == []


def test_split_number_cell():
    assert split_names(17) == ["17"]


def test_split_nan_cell_is_empty():
    assert split_names(math.nan) == []


# ================================================================ names as people write them
#
# The roster below is the examples. Each expected id and rule is worked out by hand:
# the rule is the first of exact, alias, normalised, transliterated, word order, acronym,
# place stripped that applies to the name as written.

import copy  # noqa: E402

import pandas as pd  # noqa: E402
from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import netkit  # noqa: E402
from netkit.survey._names import (  # noqa: E402
    MATCH_RULES,
    NameMatch,
    acronyms,
    looks_like_place,
    looks_like_placeholder,
    transliterations,
)

from workbooks import write_xlsx  # noqa: E402


ROSTER = [
    # id, name, places (region, city)
    ("C001", "Costruzioni Meccaniche Valdostane S.r.l.", ("Valle d'Aosta", "Pont-Saint-Martin")),
    ("C002", "Tornerie Gallo S.n.c.", ("Emilia-Romagna", "Carpi")),
    ("C003", "Müller GmbH", ()),
    ("C004", "Bosch Rexroth AG", ()),
    ("C005", "Łódź Precision Sp. z o.o.", ()),
    ("C006", "Großmann Antriebe KG", ()),
    ("C007", "Meccanica Rossi S.r.l.", ()),
    ("C008", "Politecnico di Milano", ()),
    ("C009", "Rossi Impianti S.p.A.", ()),
]


@pytest.fixture(scope="module")
def roster():
    idx = NameIndex()
    for aid, name, places in ROSTER:
        idx.add(aid, name, places=places)
    return idx


@pytest.mark.parametrize(
    "written, expected, rule",
    [
        ("Costruzioni Meccaniche Valdostane S.r.l.", "C001", "exact"),
        ("C001", "C001", "exact"),
        ("costruzioni meccaniche valdostane", "C001", "normalised"),
        # initials of Costruzioni Meccaniche Valdostane; S.r.l. is a legal form, not an initial
        ("CMV", "C001", "acronym"),
        ("C.M.V.", "C001", "acronym"),
        ("CMV S.r.l.", "C001", "acronym"),
        # Modena is a town of the gazetteer; the member's own city is Carpi
        ("Tornerie Gallo (Modena)", "C002", "place stripped"),
        ("Tornerie Gallo [Carpi]", "C002", "place stripped"),
        ("Tornerie Gallo (our main supplier)", "C002", "place stripped"),  # a remark in brackets
        ("Tornerie Gallo, Carpi", "C002", "place stripped"),
        ("Müller GmbH, Stuttgart", "C003", "place stripped"),
        ("Bosch Rexroth AG - Lohr am Main", "C004", "place stripped"),
        ("Bosch Rexroth AG – Lohr am Main", "C004", "place stripped"),  # an en dash
        # Pont-Saint-Martin (4,000 people) is not in the gazetteer but is C001's own city
        ("CMV - Pont-Saint-Martin", "C001", "place stripped, acronym"),
        ("Tornerie Gallo (Modena), Italy", "C002", "place stripped"),
        # without diacritics
        ("Muller", "C003", "normalised"),  # ü without its dots: accent stripping did this already
        ("Mueller", "C003", "transliterated"),  # the German spelling of ü
        ("MUELLER GMBH", "C003", "transliterated"),
        ("Lodz Precision", "C005", "transliterated"),  # Ł is not an accent: Unidecode gives L
        ("Grossmann Antriebe", "C006", "transliterated"),  # ß -> ss
        ("Mueller, Stuttgart", "C003", "place stripped, transliterated"),
        # the same words in another order
        ("Rossi Meccanica", "C007", "word order"),
        ("Antriebe Grossmann", "C006", "word order"),
        ("Politecnico di Milano", "C008", "exact"),
        ("Rossi Impianti", "C009", "normalised"),
    ],
)
def test_match_as_people_write_names(roster, written, expected, rule):
    assert roster.match(written) == NameMatch(frozenset({expected}), rule)
    assert roster.lookup(written) == {expected}
    assert rule.split(", ")[-1] in MATCH_RULES


@pytest.mark.parametrize(
    "written",
    [
        "Meccanica Rosi",  # one letter off: a near miss is a suggestion, never a match
        "Rossi",  # in two members' names
        "Rossi Meccaniche",
        "Tornerie Gallo, fornitore",  # 'fornitore' is no place
        "Tornerie Gallo, fornitore (Modena)",  # every place stripped must be a place
        "Tornerie Gallo - Pont-Saint-Martin",  # C001's town, not C002's, and not in the gazetteer
        "Politecnico di Torino",
        "cmv",  # initials are written in capitals: a lower-case word is a word
        "MR",  # two letters are too few to match on initials alone
        "Tornerie",
        "Gallo Modena",  # no separator: nothing is stripped
    ],
)
def test_no_match_for_other_names(roster, written):
    assert roster.match(written) == NameMatch(frozenset(), None)
    assert written not in roster


def test_politecnico_di_milano_keeps_its_milano():
    idx = NameIndex()
    idx.add("U1", "Politecnico")
    # "di Milano" is part of the name, not a place after a separator
    assert idx.match("Politecnico di Milano").ids == frozenset()
    # after a separator it is stripped, since the rest is a member and Milano a town
    assert idx.match("Politecnico, Milano") == NameMatch(frozenset({"U1"}), "place stripped")


def test_near_misses_are_suggested(roster):
    assert roster.suggestions("Meccanica Rosi") == ["C007"]
    assert roster.suggestions("Mueler GmbH") == ["C003"]
    assert roster.suggestions("cmv") == ["C001"]  # not a match, but offered
    assert roster.suggestions("MR") == ["C007"]  # Meccanica Rossi
    assert roster.suggestions("Officine Bianchi") == []
    assert roster.suggestions(None) == [] and roster.suggestions("") == []


def test_rossi_meccanica_and_rossi_impianti_stay_apart():
    idx = NameIndex()
    idx.add("A", "Meccanica Rossi S.r.l.")
    assert idx.match("Rossi Meccanica").ids == {"A"}
    assert idx.match("Rossi Impianti").ids == frozenset()
    idx.add("B", "Rossi Impianti")
    assert idx.match("Rossi Impianti").ids == {"B"}
    assert idx.match("Rossi Meccanica").ids == {"A"}


def test_shared_initials_are_a_suggestion_not_a_match():
    idx = NameIndex()
    idx.add("C1", "Carpenteria Metallica Veneta")
    idx.add("C2", "Costruzioni Meccaniche Valdostane S.r.l.")
    assert idx.match("CMV") == NameMatch(frozenset(), None)
    assert idx.suggestions("CMV") == ["C1", "C2"]
    idx2 = NameIndex()
    idx2.add("C2", "Costruzioni Meccaniche Valdostane S.r.l.")
    assert idx2.match("CMV").ids == {"C2"}


def test_same_words_in_two_members_is_not_a_word_order_match():
    idx = NameIndex()
    idx.add("A", "Rossi Gallo")
    idx.add("B", "Rossi Gallo Verdi")
    assert idx.match("Gallo Rossi") == NameMatch(frozenset({"A"}), "word order")
    idx.add("C", "Gallo & Rossi")  # the same two words: "Gallo Rossi" could be A or C
    assert idx.match("Gallo Rossi").ids == frozenset()
    assert idx.suggestions("Gallo Rossi")[:2] == ["A", "C"]


def test_alias_rule_and_ambiguity_as_before():
    idx = NameIndex()
    idx.add("A1", "Meccanica Rossi S.r.l.", "MR")
    idx.add("A2", "Bianchi GmbH")
    idx.add("A3", "Bianchi S.p.A.")
    assert idx.match("MR") == NameMatch(frozenset({"A1"}), "alias")
    assert idx.match("Bianchi") == NameMatch(frozenset({"A2", "A3"}), "normalised")


def test_match_does_not_change_the_index(roster):
    before = copy.deepcopy(vars(roster))
    roster.match("Tornerie Gallo (Modena)")
    roster.match("Mueller, Stuttgart")
    roster.suggestions("Meccanica Rosi")
    roster.not_a_firm("Carpi")
    assert vars(roster) == before


@pytest.mark.parametrize(
    "name, keys",
    [
        ("Müller GmbH", {"muller", "mueller"}),
        ("Łódź", {"lodz"}),
        ("Großmann", {"grossmann"}),
        ("Søren Ørsted A/S", {"soren orsted"}),
        ("Mueller", {"mueller"}),
        ("", set()),
        (None, set()),
    ],
)
def test_transliterations(name, keys):
    assert transliterations(name) == keys


@pytest.mark.parametrize(
    "name, initials",
    [
        ("Costruzioni Meccaniche Valdostane S.r.l.", {"cmv"}),
        ("Banca di Credito Cooperativo", {"bcc", "bdcc"}),
        ("Gallo & Figli Meccanica", {"gfm"}),
        ("Werkzeugbau Schmidt und Söhne GmbH", {"wsus", "wss"}),
        ("Bosch", set()),
    ],
)
def test_acronyms(name, initials):
    assert acronyms(name) == initials


@pytest.mark.parametrize(
    "text",
    ["Other", "other", "Altro", "Otro", "Andere", "Autre", "Inne", "n/a", "N/A", "na", "NA", "none", "None",
     "nessuno", "ninguno", "keine", "aucun", "brak", "-", "?", "--", "...", "see above", "Vedi sopra",
     "Total", "Totale", "Summe", "Σ", "Gesamt", "Suma", "Other (please specify)", "TOTAL:",
     "Which firms do you buy from?", "Con quali aziende collaborate regolarmente?"],
)
def test_placeholders(text):
    assert looks_like_placeholder(text)


@pytest.mark.parametrize(
    "text",
    ["Meccanica Rossi", "CMV", "Tornerie Gallo (Modena)", "Rossi?", "Altro Design S.r.l.", "Total Energies",
     "Nessuno Meccanica", "", None, "Bosch Rexroth AG", "A", "Come", "SAME", "Voir", "Not"],
)
def test_not_placeholders(text):
    assert not looks_like_placeholder(text)


@pytest.mark.parametrize("text", ["Modena", "Stuttgart", "Lohr am Main", "Milano", "Milan", "Łódź", "Lodz",
                                  "München", "Munich", "MODENA", "Modena (MO)", "Stuttgart, Germany", "Italy"])
def test_places(text):
    assert looks_like_place(text)


@pytest.mark.parametrize("text", ["Meccanica Rossi", "Politecnico di Milano", "Tornerie Gallo", "Bosch Rexroth",
                                  "Via Roma 12", "", None, "CMV", "Müller GmbH"])
def test_not_places(text):
    assert not looks_like_place(text)


def test_members_own_places_are_places():
    assert not looks_like_place("Pont-Saint-Martin")
    assert looks_like_place("Pont-Saint-Martin", places=["Valle d'Aosta", "Pont-Saint-Martin"])
    assert looks_like_place("pont saint martin", places=("Pont-Saint-Martin",))
    assert looks_like_place("Valle d'Aosta", places=["Valle d'Aosta", float("nan"), None])


def test_not_a_firm_uses_the_index_places(roster):
    assert roster.not_a_firm("n/a") == "placeholder"
    assert roster.not_a_firm("Carpi") == "place"  # C002's city
    assert roster.not_a_firm("Pont-Saint-Martin") == "place"  # C001's city
    assert roster.not_a_firm("Meccanica Rosi") is None


# ---------------------------------------------------------------- properties: never merge two firms

WORDS = ["Meccanica", "Meccaniche", "Rossi", "Rosi", "Bianchi", "Verdi", "Gallo", "Galli", "Tornerie",
         "Officine", "Impianti", "Costruzioni", "Valdostane", "Müller", "Muller", "Großmann", "Grossmann",
         "Łódź", "Precision", "Antriebe", "Werkzeugbau", "Carpenteria", "Metallica", "Veneta", "Elettronica",
         "Plast", "Stampi", "Bosch", "Rexroth", "Schmidt", "Søren", "Pérez", "Talleres"]
SUFFIXES = ["", " S.r.l.", " GmbH", " S.p.A.", " AG", " Ltd"]

firm_names = st.builds(lambda words, suffix: " ".join(words) + suffix,
                       st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), st.sampled_from(SUFFIXES))


@settings(max_examples=300, deadline=None)
@given(firm_names, firm_names)
def test_two_different_members_are_never_matched_to_each_other(a, b):
    assume(not (NameIndex.keys(a) & NameIndex.keys(b)))  # truly different names, not spellings of one
    idx = NameIndex()
    idx.add("A", a)
    idx.add("B", b)
    assert idx.match(a).ids == {"A"}
    assert idx.match(b).ids == {"B"}


@settings(max_examples=300, deadline=None)
@given(firm_names, st.data())
def test_a_near_miss_is_never_merged(a, data):
    # change one letter of one word: "Meccanica Rossi" -> "Meccanica Rosxi"
    words = a.split()
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(0, len(words[i]) - 1))
    letter = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    missed = " ".join(words[:i] + [words[i][:j] + letter + words[i][j + 1:]] + words[i + 1:])
    assume(not (NameIndex.keys(missed) & NameIndex.keys(a)))
    assume(sorted(normalise_name(missed).split()) != sorted(normalise_name(a).split()))
    idx = NameIndex()
    idx.add("A", a)
    assert idx.match(missed).ids == frozenset()


# ---------------------------------------------------------------- through a survey

MEMBERS = pd.DataFrame({
    "actor": ["C001", "C002", "C003", "C004"],
    "name": ["Costruzioni Meccaniche Valdostane S.r.l.", "Tornerie Gallo S.n.c.", "Müller GmbH",
             "Meccanica Rossi S.r.l."],
    "kind": ["firm"] * 4,
    "region": ["Valle d'Aosta", "Emilia-Romagna", "Baden-Württemberg", "Piemonte"],
    "city": ["Pont-Saint-Martin", "Carpi", "Stuttgart", "Biella"],
})


def messages(survey, severity):
    p = survey.problems
    return p[p["severity"] == severity].reset_index(drop=True)


def test_survey_reads_names_as_people_write_them():
    ties = pd.DataFrame({
        "respondent": ["CMV", "C001", "C001", "C001", "CMV", "C002", "CMV", "Lodz Precision"],
        "partner": ["Tornerie Gallo (Modena)", "n/a", "Carpi", "Mueller, Stuttgart", "Altro", "Meccanica Rosi",
                    "Müller GmbH, Stuttgart", "C001"],
        "relation": ["supplier", "supplier", "customer", "supplier", "customer", "supplier", "customer",
                     "supplier"],
    })
    with pytest.raises(netkit.SurveyError) as info:  # "Lodz Precision" is no member: an error, as before
        netkit.survey_from_frames(MEMBERS, ties)
    err = info.value.problems
    assert err[err["severity"] == "error"][["row", "column"]].values.tolist() == [[9, "respondent"]]

    s = netkit.survey_from_frames(MEMBERS, ties.iloc[:7])
    # rows are spreadsheet rows: the header is row 1, the first tie row 2
    assert sorted(zip(s.ties["respondent"], s.ties["partner"], s.ties["relation"], s.ties["row"])) == [
        ("C001", "C002", "supplier", 2),
        ("C001", "C003", "customer", 8),
        ("C001", "C003", "supplier", 5),
        ("C002", "Meccanica Rosi", "supplier", 7),
    ]
    # placeholders and towns are not actors; the near miss is an outside partner
    assert sorted(s.actors.index) == ["C001", "C002", "C003", "C004", "Meccanica Rosi"]

    w = messages(s, "warning")
    dropped = w[w["message"].str.contains("nothing read from it")]
    assert dropped[["sheet", "row", "column"]].values.tolist() == [
        ["ties", 3, "B (partner)"], ["ties", 4, "B (partner)"], ["ties", 6, "B (partner)"]]
    said = dropped["message"].tolist()
    assert said[0].startswith("partner 'n/a' is not a firm; nothing read from it (it is a placeholder)")
    assert said[1].startswith("partner 'Carpi' is not a firm; nothing read from it (it names a place)")
    assert said[2].startswith("partner 'Altro' is not a firm; nothing read from it (it is a placeholder)")
    near = w[w["message"].str.contains("Did you mean")]
    assert near["row"].tolist() == [7] and "(C004)" in near["message"].iloc[0]

    info_ = messages(s, "info")
    assert info_["message"].tolist() == [
        "'CMV' read as 'Costruzioni Meccaniche Valdostane S.r.l.' (C001): acronym. If it is another firm, "
        "write it differently or give the member an alias.",
        "'Tornerie Gallo (Modena)' read as 'Tornerie Gallo S.n.c.' (C002): place stripped. If it is another "
        "firm, write it differently or give the member an alias.",
        "'Mueller, Stuttgart' read as 'Müller GmbH' (C003): place stripped, transliterated. If it is another "
        "firm, write it differently or give the member an alias.",
        "'Müller GmbH, Stuttgart' read as 'Müller GmbH' (C003): place stripped. If it is another firm, write "
        "it differently or give the member an alias.",
    ]
    # once per spelling, at its first row, although CMV answers on rows 2, 6 and 8
    assert info_["row"].tolist() == [2, 2, 5, 8]
    # every answer cell is a tie or a problem
    assert len(s.ties) + len(dropped) == 7


def test_respondent_without_diacritics_is_the_member():
    ties = pd.DataFrame({"respondent": ["Mueller"], "partner": ["Meccanica Rossi"], "relation": ["supplier"]})
    s = netkit.survey_from_frames(MEMBERS, ties)
    assert s.ties[["respondent", "partner"]].values.tolist() == [["C003", "C004"]]
    assert messages(s, "info")["message"].str.startswith("'Mueller' read as 'Müller GmbH' (C003): "
                                                         "transliterated.").tolist() == [True]


def test_outside_partners_with_and_without_umlauts_are_one():
    ties = pd.DataFrame({"respondent": ["C001", "C002"], "partner": ["Schäfer Hydraulik", "Schaefer Hydraulik"],
                         "relation": ["supplier", "supplier"]})
    s = netkit.survey_from_frames(MEMBERS, ties)
    assert s.ties["partner"].tolist() == ["Schäfer Hydraulik", "Schäfer Hydraulik"]
    assert (~s.actors["in_cluster"]).sum() == 1


def test_form_workbook_placeholders_and_towns_are_problems(tmp_path):
    actors = [list(MEMBERS.columns)] + MEMBERS.values.tolist()
    responses = [["Timestamp", "Your organisation", "Who supplies you?", "Who do you sell to?"],
                 ["2026-03-01 10:00", "CMV", "Tornerie Gallo (Modena); n/a", "Stuttgart; Meccanica Rossi"],
                 ["2026-03-01 11:00", "Tornerie Gallo", "vedi sopra", "Σ"]]
    questions = [["column", "relation"], ["Your organisation", "respondent"], ["Who supplies you?", "supplier"],
                 ["Who do you sell to?", "customer"]]
    path = write_xlsx(tmp_path / "form.xlsx", {"actors": actors, "responses": responses, "questions": questions})
    s = netkit.read_survey(path)
    assert s.layout == "form"
    assert sorted(zip(s.ties["respondent"], s.ties["partner"], s.ties["relation"])) == [
        ("C001", "C002", "supplier"), ("C001", "C004", "customer")]
    assert bool(s.actors["in_cluster"].all())  # no actor for n/a, Stuttgart, vedi sopra or Σ
    w = messages(s, "warning")
    dropped = w[w["message"].str.contains("nothing read from it")]
    assert sorted(dropped[["row", "column"]].itertuples(index=False, name=None)) == [
        (2, "C (Who supplies you?)"), (2, "D (Who do you sell to?)"),
        (3, "C (Who supplies you?)"), (3, "D (Who do you sell to?)")]

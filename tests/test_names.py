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

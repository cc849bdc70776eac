"""Country, organisation and official lookups, and the word tries the patterns are built from."""
import re

import pytest

from lib import lexicon


def test_lexicon_files_validate_against_pycountry():
    assert lexicon.validate_lexicons() == []


@pytest.mark.parametrize(
    "text, codes",
    [
        ("Colombian President Gustavo Petro", ["COL"]),
        ("the U.S. and the UK", ["USA", "GBR"]),
        ("Russia and China congratulated him", ["RUS", "CHN"]),
        ("several Latin American nations", []),
        ("the Dominican Republic and Dominica", ["DOM", "DMA"]),
        ("the European Union and the OAS", ["EU", "OAS"]),
        ("Panama's president", ["PAN"]),
    ],
)
def test_find_places(text, codes):
    assert [p.code for p in lexicon.find_places(text)] == codes


def test_place_offsets_point_at_the_surface_form():
    text = "Panama's president met Brazil's."
    for place in lexicon.find_places(text):
        assert text[place.start:place.end] == place.surface


@pytest.mark.parametrize(
    "name, country",
    [("Antony Blinken", "USA"), ("Blinken", "USA"), ("Gustavo Petro", "COL"), ("President Mulino", "PAN"), ("Nobody Known", None)],
)
def test_official_for(name, country):
    official = lexicon.official_for(name)
    assert (official.country_code if official else None) == country


def test_actor_names_and_types():
    assert lexicon.actor_type("EU") == "organization"
    assert lexicon.actor_type("PAN") == "country"
    assert lexicon.actor_name("VEN") == "Venezuela"
    assert lexicon.actor_name("OAS") == "Organization of American States"


ROLE_WORDS = ["president", "president-elect", "vice president", "foreign minister", "minister"]


def _longest_first(words: list[str]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split(" "))) for w in sorted(words, key=len, reverse=True))


@pytest.mark.parametrize("text, found", [
    ("the president-elect said", ["president-elect"]),  # the longest word that fits
    ("the vice\tpresident and the foreign\n minister", ["vice\tpresident", "foreign\n minister"]),  # any white space
    ("the president said", ["president"]),
    ("the Foreign Minister", ["Foreign Minister"]),  # case-insensitive, the words given lower-cased
    ("presidential elections, ministerial meeting", []),  # near miss: a word inside a longer one
])
def test_a_trie_with_space_finds_what_the_longest_first_alternation_finds(text, found):
    trie = lexicon.word_alternation(ROLE_WORDS, space=r"\s+")
    assert [m.group() for m in re.finditer(rf"\b(?:{trie})(?![\w-])", text, re.IGNORECASE)] == found
    assert [m.group() for m in re.finditer(rf"\b(?:{_longest_first(ROLE_WORDS)})(?![\w-])", text, re.IGNORECASE)] == found


def test_without_space_a_space_in_a_word_is_one_space():
    pattern = re.compile(lexicon.word_alternation(["vice president"]))
    assert pattern.search("vice president") and not pattern.search("vice  president")

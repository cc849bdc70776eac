"""Country, organisation and official lookups."""
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

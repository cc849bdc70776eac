"""Positions: the ways reporters vary a statement that must keep its holder (found by metamorphic testing).

Each family is a table of sentences in, (actor_code, stance) rows out, with near misses that must yield nothing.
"""
import pytest

from lib.extract.positions import find_positions
from lib.text import sentences


def found(text):
    return {(r.actor_code, r.stance) for r in find_positions("x", text, sentences=list(sentences(text)))}


# A demonym's organ inside a list of actors ("the Peruvian foreign ministry, Chile and Uruguay") keeps the list whole.
MINISTRY_IN_LIST = [
    ("The Peruvian foreign ministry, Chile and Uruguay rejected the results.", {(c, "rejects_result") for c in ("PER", "CHL", "URY")}),
    ("Peru, the Chilean foreign ministry and Uruguay recognised Edmundo González as president-elect.",
     {(c, "recognizes_gonzalez") for c in ("PER", "CHL", "URY")}),
    ("Russia, the Bolivian foreign ministry, Honduras and Cuba congratulated Maduro on his victory.",
     {(c, "recognizes_maduro") for c in ("RUS", "BOL", "HND", "CUB")}),
    ("The Colombian foreign ministry and Mexico called for the publication of the tally sheets.",
     {("COL", "demands_transparency"), ("MEX", "demands_transparency")}),
    # Near miss: the ministry's list stays cancelled by a negation before it.
    ("Neither the Peruvian foreign ministry nor Chile recognised González as president-elect.", set()),
]

# A passive agent after the verb's complement: "was recognised as president-elect of Venezuela by the United States".
PASSIVE_AFTER_COMPLEMENT = [
    ("Edmundo González was recognised as president-elect of Venezuela by the United States.", {("USA", "recognizes_gonzalez")}),
    ("Opposition candidate Edmundo González was recognized as the winner of the July 28 election by Spain.", {("ESP", "recognizes_gonzalez")}),
    ("Maduro was congratulated on his re-election by Russia.", {("RUS", "recognizes_maduro")}),
    ("Nicolás Maduro was congratulated on his victory in Sunday's election by China and Cuba.",
     {("CHN", "recognizes_maduro"), ("CUB", "recognizes_maduro")}),
    # Near misses: "by" a means or no actor; an active verb's "by" is no agent.
    ("Maduro was congratulated on his re-election by supporters in Caracas.", set()),
    ("Brazil congratulated Maduro on his victory by phone.", {("BRA", "recognizes_maduro")}),
]

# A verb coordinated after a non-actor shares the subject of the verb before it ("... for González and has recognized him").
SHARED_SUBJECT = [
    ("Paraguayan President Santiago Peña announced his support for Edmundo González and has recognized him as the winner of the election.",
     {("PRY", "recognizes_gonzalez")}),
    ("Argentina met Edmundo González and has since recognised him as the president-elect.", {("ARG", "recognizes_gonzalez")}),
    ("Peru's foreign minister spoke with the CNE and has called for the publication of the tally sheets.", {("PER", "demands_transparency")}),
    # Near miss: the non-actor with a verb of its own holds its cue.
    ("Brazil said González has called for the publication of the tally sheets.", set()),
]

# "It" as the verb's own subject points back to the actor of the sentence before.
IT_ANAPHORA = [
    ("Brazil sent an envoy to Caracas on Monday. It also called for the publication of the tally sheets.", {("BRA", "demands_transparency")}),
    ("Brazil sent an envoy to Caracas. It has rejected the results.", {("BRA", "rejects_result")}),
    ("The EU sent observers. It called for the publication of the tally sheets.", {("EU", "demands_transparency")}),
    # Was a strict xfail in test_positions.py ("he, she and they are resolved, not 'it'").
    ("The State Department issued a statement on Friday. It called Maduro's victory fraudulent.", {("USA", "rejects_result")}),
    # Near misses: an expletive "it", and "it" after a non-actor.
    ("Brazil sent an envoy to Caracas. It is clear that González won.", set()),
    ("The CNE declared Maduro the winner. It also rejected the criticism of the results.", set()),
]


# A capital after "the government in" is that government, not a place ("the government in Brasilia rejected ...").
SEAT_OF_GOVERNMENT = [
    ("The government in Washington demanded the release of the voting records.", {("USA", "demands_transparency")}),
    ("Peru, the government in Santiago and Uruguay rejected the results.", {(c, "rejects_result") for c in ("PER", "CHL", "URY")}),
    ("Several countries, including the government in Moscow, congratulated Maduro on his victory.", {("RUS", "recognizes_maduro")}),
    ("The authorities in Madrid refused to recognise Maduro's victory.", {("ESP", "rejects_result")}),
    # Near misses: a capital as a place stays a place.
    ("Exiled Venezuelans in Madrid rejected the results.", set()),
    ("Venezuela's ambassador met officials in Brasilia, who called for the publication of the tally sheets.", set()),
]

# Demonyms coordinated before one role noun are each a state ("the Brazilian and Colombian governments").
DEMONYMS_SHARING_A_ROLE = [
    ("The Brazilian and Colombian governments called for the publication of the tally sheets.",
     {("BRA", "demands_transparency"), ("COL", "demands_transparency")}),
    ("The Peruvian, Chilean and Uruguayan foreign ministries rejected the results.", {(c, "rejects_result") for c in ("PER", "CHL", "URY")}),
    ("Brazilian and Colombian officials called for the publication of the tally sheets.",
     {("BRA", "demands_transparency"), ("COL", "demands_transparency")}),
    ("The Russian and Chinese governments congratulated Maduro on his victory.", {("RUS", "recognizes_maduro"), ("CHN", "recognizes_maduro")}),
    # Near miss: coordinated nationalities before no role noun.
    ("The Argentine and Brazilian journalists rejected the results.", set()),
]


@pytest.mark.parametrize(
    "text, expected",
    MINISTRY_IN_LIST + PASSIVE_AFTER_COMPLEMENT + SHARED_SUBJECT + IT_ANAPHORA + SEAT_OF_GOVERNMENT + DEMONYMS_SHARING_A_ROLE,
)
def test_variant_keeps_its_holder(text, expected):
    assert found(text) == expected

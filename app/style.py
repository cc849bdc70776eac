"""How every value of the vocabularies looks in the dashboard: one declared row per value.

Charts, widgets, the reader and the tables read labels and colours from here,
so a stance's name and colour are stated once. Colours are colour-blind-safe
(Okabe–Ito based); "disputed" stands clearly apart from the four stances.
"""
from __future__ import annotations

from typing import NamedTuple

from lib.schema import CRACKDOWN_KINDS, RESULT_KINDS, STANCES


class Look(NamedTuple):
    value: str  # the value as stored in the tables
    label: str  # what a reader sees
    colour: str  # hex colour in charts and markers


DISPUTED = "disputed"  # not a stance: sources disagree about an actor's
STANCE_LOOKS = (
    Look("recognizes_gonzalez", "Recognises González as winner", "#0072B2"),
    Look("rejects_result", "Rejects the announced result", "#56B4E9"),
    Look("demands_transparency", "Demands transparency", "#E69F00"),
    Look("recognizes_maduro", "Recognises Maduro as winner", "#D55E00"),
    Look(DISPUTED, "Disputed: sources disagree", "#CC79A7"),
)
KIND_LOOKS = (
    Look("vote_share_pct", "vote share", "#0072B2"),
    Look("votes", "votes", "#56B4E9"),
    Look("tally_coverage_pct", "tally-sheet coverage", "#009E73"),
    Look("turnout_pct", "turnout", "#E69F00"),
    Look("detained", "detained", "#0072B2"),
    Look("killed", "killed", "#D55E00"),
    Look("political_prisoners", "political prisoners", "#CC79A7"),
    Look("injured", "injured", "#E69F00"),
    Look("released", "released", "#009E73"),
    Look("other", "other", "#999999"),
)
# Highlights of each table's evidence in the article reader (pale, so the text stays legible).
TABLE_LOOKS = (
    Look("position", "position", "#cfe2ff"),
    Look("results", "results", "#d1f2d9"),
    Look("crackdown", "crackdown", "#ffd6d6"),
    Look("quote", "quote", "#fff0b3"),
)
CLAIMANT_COLOURS = {"CNE": "#D55E00", "opposition": "#0072B2", "TSJ": "#8c2d04", "article": "#999999"}
PALETTE = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000", "#7f7f7f"]  # claimants without a colour of their own
NO_DATA_COLOUR = "#e8e8e8"  # countries no article gives a stance for

STANCE_ORDER = tuple(look.value for look in STANCE_LOOKS)
STANCE_LABELS = {look.value: look.label for look in STANCE_LOOKS}
STANCE_COLOURS = {look.value: look.colour for look in STANCE_LOOKS}
KIND_LABELS = {look.value: look.label for look in KIND_LOOKS}
KIND_COLOURS = {look.value: look.colour for look in KIND_LOOKS}
TABLE_COLOURS = {look.value: look.colour for look in TABLE_LOOKS}
assert STANCE_ORDER[:-1] == STANCES and set(KIND_LABELS) == {*RESULT_KINDS, *CRACKDOWN_KINDS}, "style.py must list every schema value"


def stance_label(stance: str) -> str:
    return STANCE_LABELS.get(stance, stance)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def claimant_colour(name: str, i: int = 0) -> str:
    return CLAIMANT_COLOURS.get(name, PALETTE[i % len(PALETTE)])

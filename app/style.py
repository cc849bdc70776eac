"""How every value of the vocabularies looks in the dashboard: one declared row per value.

Charts, widgets, the reader and the tables read labels and colours from here,
so a stance's name and colour are stated once. Colours are colour-blind-safe
(Okabe–Ito based); "disputed" stands clearly apart from the four stances.
"""
from __future__ import annotations

from typing import NamedTuple

from lib.schema import CRACKDOWN_KINDS, RESULT_KINDS, STANCES
from lib.summaries import DISPUTED  # not a stance: sources disagree about an actor's


class Look(NamedTuple):
    value: str  # the value as stored in the tables
    label: str  # what a reader sees
    colour: str  # hex colour in charts and markers
    symbol: str = "circle"  # marker shape on the map (small states), so the pair deuteranopia confuses differs in shape too
    outline: str = ""  # country border on the map where the colour alone is not enough ("" = the usual white border)


STANCE_LOOKS = (
    Look("recognizes_gonzalez", "Recognises González as winner", "#0072B2"),
    Look("rejects_result", "Rejects the announced result", "#56B4E9", "triangle-up"),
    # Orange and vermilion are the closest pair under deuteranopia: Maduro's side also gets a dark border and a diamond.
    Look("demands_transparency", "Demands transparency", "#E69F00", "square"),
    Look("recognizes_maduro", "Recognises Maduro as winner", "#D55E00", "diamond", "#1a1a1a"),
    Look(DISPUTED, "Disputed: sources disagree", "#CC79A7", "x"),
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
HIGHLIGHT_TEXT = "#1a1a1a"  # text on the pale highlights and chips: they stay pale in the dark theme, so the text must stay dark

# Streamlit's two built-in themes (text, background): muted text is the theme's text colour at MUTED_ALPHA,
# so it follows the theme; a test checks every pair here reaches WCAG AA (4.5:1) in both.
THEMES = {"light": ("#31333F", "#FFFFFF"), "dark": ("#FAFAFA", "#0E1117")}
MUTED_ALPHA = 0.78
MUTED = f"color-mix(in srgb, currentColor {MUTED_ALPHA:.0%}, transparent)"  # CSS: captions, names under swatches, quote context
BORDER = "rgba(128, 128, 128, 0.35)"  # card and reader borders: visible on white and on near-black

CLAIMANT_COLOURS = {"CNE": "#D55E00", "opposition": "#0072B2", "TSJ": "#8c2d04", "article": "#999999"}
PALETTE = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000", "#7f7f7f"]  # claimants without a colour of their own
NO_DATA_COLOUR = "#e8e8e8"  # countries no article gives a stance for

STANCE_ORDER = tuple(look.value for look in STANCE_LOOKS)
STANCE_LABELS = {look.value: look.label for look in STANCE_LOOKS}
STANCE_COLOURS = {look.value: look.colour for look in STANCE_LOOKS}
STANCE_SYMBOLS = {look.value: look.symbol for look in STANCE_LOOKS}
STANCE_OUTLINES = {look.value: look.outline for look in STANCE_LOOKS if look.outline}
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


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two hex colours (1 to 21; text needs 4.5)."""
    hi, lo = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def blend(foreground: str, background: str, alpha: float) -> str:
    """``foreground`` at ``alpha`` over ``background``, as the browser paints :data:`MUTED`."""
    f, b = ([int(c.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)] for c in (foreground, background))
    return "#" + "".join(f"{round(alpha * x + (1 - alpha) * y):02x}" for x, y in zip(f, b))

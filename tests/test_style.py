"""Colours of app/style.py read in both of Streamlit's themes (WCAG AA: 4.5:1 for text)."""
import pytest

from app import style

AA = 4.5


def test_contrast_is_the_wcag_formula():
    assert style.contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert style.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey


@pytest.mark.parametrize("theme", sorted(style.THEMES))
def test_muted_text_reads_in_each_theme(theme):
    text, background = style.THEMES[theme]
    assert style.contrast(style.blend(text, background, style.MUTED_ALPHA), background) >= AA


@pytest.mark.parametrize("table,colour", sorted(style.TABLE_COLOURS.items()))
def test_highlight_chips_keep_dark_text(table, colour):
    assert style.contrast(style.HIGHLIGHT_TEXT, colour) >= AA  # the reader's highlights and legend chips, in either theme


def test_the_weak_stance_pair_differs_in_more_than_colour():
    a, b = "demands_transparency", "recognizes_maduro"
    assert style.STANCE_SYMBOLS[a] != style.STANCE_SYMBOLS[b]
    assert b in style.STANCE_OUTLINES or a in style.STANCE_OUTLINES
    assert len(set(style.STANCE_SYMBOLS.values())) == len(style.STANCE_SYMBOLS)  # every stance its own marker shape

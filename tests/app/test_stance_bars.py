"""The Overview's stance bars (app.components.stance_bars_html): counts in words, actors escaped, unheld stances named."""
import re

import pandas as pd
import pytest

from app import components, style

AS_OF = pd.DataFrame({
    "actor_code": ["USA", "ARG", "EU", "OAS", "<X>"],
    "actor_name": ["United States", "Argentina", "European Union", "Organization of American States", "<b>Evil</b> & Co"],
    "actor_type": ["country", "country", "organization", "organization", "country"],
    "stance": ["recognizes_gonzalez", "recognizes_gonzalez", "demands_transparency", "demands_transparency", "rejects_result"],
})


def rows(markup: str) -> dict[str, str]:
    """Stance -> the markup of its row."""
    return dict(row.split('"', 1) for row in markup.split('<div data-stance="')[1:])


@pytest.mark.parametrize("stance, words", [
    ("recognizes_gonzalez", "· 2 (2 countries)"),
    ("demands_transparency", "· 2 (2 organisations)"),
    ("rejects_result", "· 1 (1 country)"),
])
def test_each_stance_counts_its_actors_in_words(stance, words):
    assert words in rows(components.stance_bars_html(AS_OF))[stance]


def test_names_are_escaped_and_bars_share_one_scale():
    markup = components.stance_bars_html(AS_OF)
    assert "<b>Evil</b>" not in markup and "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in markup
    widths = [float(w) for w in re.findall(r"width:([\d.]+)%", markup)]
    assert max(widths) == 100.0 and 50.0 in widths  # the longest bar is full width, one actor of two is half


def test_the_stances_no_actor_holds_are_named_once_among_those_asked_for():
    markup = components.stance_bars_html(AS_OF)
    assert f"Held by no country or organisation in these articles: {style.stance_label('recognizes_maduro')} · {style.stance_label('disputed')}" in markup
    filtered = AS_OF[AS_OF["stance"] == "recognizes_gonzalez"]
    chosen = components.stance_bars_html(filtered, ("recognizes_gonzalez", "recognizes_maduro"))
    assert set(rows(chosen)) == {"recognizes_gonzalez"}
    # A stance left out by the filter is not said to be held by nobody.
    assert f"Held by no country or organisation in these articles: {style.stance_label('recognizes_maduro')}</div>" in chosen
    assert style.stance_label("rejects_result") not in chosen


def test_actors_are_listed_by_name_not_by_code():
    # DEU sorts before DOM, but a reader looks for "Dominican Republic" before "Germany".
    as_of = pd.DataFrame({"actor_code": ["DEU", "DOM", "gbr"], "actor_name": ["Germany", "Dominican Republic", "argentina"],
                          "actor_type": ["country"] * 3, "stance": ["rejects_result"] * 3})
    listed = rows(components.stance_bars_html(as_of))["rejects_result"]
    assert "argentina, Dominican Republic, Germany" in listed

"""Per-article extraction: one pure function from an article's text to its rows.

One module per kind of fact (textacy's ``extract/`` layout): ``positions``,
``figures`` (results and crackdown), ``quotes``. Each exposes a generator of
the schema's ``Row`` named tuples with character offsets into the text, and
takes keyword-only options. :func:`extract_article` runs them all over one
article; any engine can map it over a corpus since it has no side effects.
"""
from __future__ import annotations

from lib import schema
from lib.extract.figures import figures
from lib.extract.positions import positions
from lib.extract.quotes import quotes
from lib.text import sentences


def extract_article(article_id: str, text: str) -> dict[str, list[tuple]]:
    """All fact rows of one article, keyed by table name."""
    sentence_list = list(sentences(text))
    found_figures = list(figures(article_id, text, sentences=sentence_list))
    return {
        "positions": list(positions(article_id, text, sentences=sentence_list)),
        "results": [row for row in found_figures if isinstance(row, schema.RESULTS.Row)],
        "crackdown": [row for row in found_figures if isinstance(row, schema.CRACKDOWN.Row)],
        "quotes": list(quotes(article_id, text, sentences=sentence_list)),
    }

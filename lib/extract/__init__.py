"""Per-article extraction: one pure function from an article's text to its rows.

One module per kind of fact (textacy's ``extract/`` layout): ``positions``,
``figures`` (results and crackdown), ``quotes`` (a package: spans, mentions, speakers),
``events``. Each exposes a ``find_*`` generator (named apart from its module) of
the schema's ``Row`` named tuples with character offsets into the text, and
takes keyword-only options. :func:`extract_article` runs them all over one
article; any engine can map it over a corpus since it has no side effects.
``EXTRACTORS`` names them and :func:`prepared` is the input they share, the
sentences being split once per article (``tools.benchmark --extract-only``
times each). Those whose cue rows carry ``needs`` literals (positions,
figures, events) also share the search for them: one pass per sentence for
all their literals (:class:`lib.extract.literals.Literals`), not one each.
"""
from __future__ import annotations

import re

from lib import schema
from lib.extract.events import find_events
from lib.extract.figures import find_figures
from lib.extract.literals import Literals
from lib.extract.positions import find_positions
from lib.extract.quotes import find_quotes
from lib.text import Sentence, sentences

# Typographic spaces (no-break, narrow no-break, thin, figure...) read as plain
# spaces: "Foro Penal", "more than" and "United States" are often typed with
# them. One character for one, so every offset still points into the original.
# (A regex substitution, not str.translate: translating a text char by char
# through a dict costs more than all of the events extractor.)
_SPACES = re.compile("[\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000]")


# Each extractor by name, in the order extract_article runs them (the benchmark times them one by one).
EXTRACTORS = {"positions": find_positions, "figures": find_figures, "quotes": find_quotes, "events": find_events}
# The extractors that take the article's shared :class:`Literals` (an extractor run on its own finds its own).
SHARING_LITERALS = frozenset({"positions", "figures", "events"})


def prepared(text: str) -> tuple[str, list[Sentence]]:
    """What every extractor reads: the text with typographic spaces as plain ones, and its sentences."""
    plain = _SPACES.sub(" ", text)
    return plain, list(sentences(plain))


def extract_article(article_id: str, text: str) -> dict[str, list[tuple]]:
    """All fact rows of one article, keyed by table name."""
    plain, sentence_list = prepared(text)
    literals = Literals(sentence_list)
    rows = {
        name: list(find(article_id, plain, sentences=sentence_list, **({"literals": literals} if name in SHARING_LITERALS else {})))
        for name, find in EXTRACTORS.items()
    }
    found = {
        "positions": rows["positions"],
        "results": [row for row in rows["figures"] if isinstance(row, schema.RESULTS.Row)],
        "crackdown": [row for row in rows["figures"] if isinstance(row, schema.CRACKDOWN.Row)],
        "quotes": rows["quotes"],
        "events": rows["events"],
    }
    if plain == text:
        return found
    # Evidence and quotes are verbatim: take them from the original text.
    verbatim = {name: "quote" if name == "quotes" else "evidence" for name in found}
    return {name: [row._replace(**{verbatim[name]: text[row.start:row.end]}) for row in rows] for name, rows in found.items()}

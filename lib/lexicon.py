"""Word lists and lookups the extractors share: countries, organisations, officials.

The lists a user may want to read or extend are CSV files in ``lib/lexicons/``:

- ``country_aliases.csv``: names, demonyms, capitals and institutions beyond
  pycountry ("U.S.", "Panamanian", "UK", "Russia"), plus phrases that must *not*
  count as a country ("Latin American"), all validated against pycountry;
- ``organizations.csv``: EU, OAS, G7, UN ... with their aliases;
- ``officials.csv``: people whose words speak for a country or organisation
  (Blinken -> USA), or for Venezuela's government and opposition, with the
  descriptions the press gives them ("the challenger" for González);
- ``abbreviations.csv``: words whose period ends no sentence ("Mr.", "Sept.");
- ``given_names.csv``: given names borne by women or by men, so that "she" and
  "he" refer back to a person they fit ("María Corina Machado", not "Maduro");
- ``quote_cues.csv``: reporting verbs (the one list every rule uses), titles, organisation heads;
- ``stance_cues.csv`` and ``claimants.csv``: phrases the positions and figures
  extractors look for (read by those modules).

A cue file whose rows are regular expressions may give each row ``needs``:
literals (lower-cased, ``|``-separated) one of which every match contains, so
that a row is only run on text containing one of them (:func:`needs_of`,
:class:`NeedsIndex`; :func:`needs_problems` checks them against a corpus).

Everything is loaded lazily and once (``functools.cache``) so importing the
module costs nothing.
"""
from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

import pycountry

LEXICON_DIR = Path(__file__).parent / "lexicons"



class Place(NamedTuple):
    """A mention of a country or organisation found in a text."""

    start: int
    end: int
    surface: str
    code: str
    kind: str  # name, demonym, capital, institution, organization


class Official(NamedTuple):
    name: str
    country_code: str
    role: str
    aliases: tuple[str, ...]
    described_as: tuple[str, ...] = ()  # how the press describes them ("the challenger", "the incumbent"), lower case


def read_lexicon(name: str) -> list[dict[str, str]]:
    """Rows of ``lib/lexicons/<name>.csv`` as dicts (blank values as '')."""
    with open(LEXICON_DIR / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def word_alternation(words, after_first: str = "", space: str = "") -> str:
    r"""A regex alternation of literal words, as a trie: "said|says|saying" -> "sa(?:id|y(?:ing|s))".

    It matches what the longest-first alternation of the same words matches
    (at any position the longest word that lets the rest of the pattern
    match), but Python's regex engine tries one branch per character instead
    of every word at every position. Words for a case-insensitive pattern
    should be given lower-cased.

    ``after_first`` goes right after each word's first character: a look-behind
    there, such as ``(?<![\w-].)`` (no letter before the word), checks what
    precedes the word like a ``(?<![\w-])`` before the alternation would, but
    a pattern that opens on the words' first characters lets the engine jump
    from one such character to the next instead of trying every position.

    ``space``, if given, is the pattern a space inside a word stands for (``\s+``: "foreign minister"
    across any white space).
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict, guard: str = "") -> str:
        arms = [(space if ch == " " and space else re.escape(ch)) + guard + branch(child) for ch, child in sorted(node.items()) if ch]
        if not arms:
            return ""
        body = arms[0] if len(arms) == 1 else "(?:" + "|".join(arms) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie, after_first)


def needs_of(row: dict[str, str]) -> tuple[str, ...]:
    """The ``needs`` literals of a cue row: every match of its pattern contains one of them (lower-cased)."""
    return tuple(need for need in row["needs"].lower().split("|") if need)


class NeedsIndex:
    """Which rows of a cue file may match a text: those one of whose ``needs`` literals occur in it.

    All the literals are looked for in one regex pass that reads, at every
    position, the longest literal starting there; any other literal starting
    there is a prefix of that one, and any literal inside it is in it, so each
    literal found stands for all the literals it contains. A sentence thus
    costs one scan instead of one substring test per literal or one regex
    search per row.
    """

    def __init__(self, needs: Iterable[tuple[str, ...]]):
        by_need: dict[str, set[int]] = {}
        for row, row_needs in enumerate(needs):
            for need in row_needs:
                by_need.setdefault(need, set()).add(row)
        self._pattern = re.compile(f"(?=({word_alternation(by_need)}))") if by_need else None
        self._rows = {
            literal: frozenset(row for other, rows in by_need.items() if other in literal for row in rows) for literal in by_need
        }

    def rows(self, lowered: str) -> list[int]:
        """Indexes, in row order, of the rows that may match ``lowered`` (a lower-cased text)."""
        found = self.literals(lowered)
        return sorted(frozenset().union(*map(self._rows.__getitem__, found))) if found else []

    def literals(self, lowered: str) -> set[str]:
        """The literals found in ``lowered``, each the longest at its position: it stands for the rows of every
        literal it contains (:meth:`rows_of`)."""
        return set(self._pattern.findall(lowered)) if self._pattern else set()

    def rows_of(self, literal: str) -> frozenset[int]:
        """The rows a literal found by :meth:`literals` allows: those of the literals it contains."""
        return self._rows[literal]


def needs_problems(row: dict[str, str], sentences: list[str], flags: int = re.IGNORECASE) -> list[str]:
    """What is wrong with a cue row's ``needs``: empty, or a match in ``sentences`` that contains none of them."""
    needs = needs_of(row)
    label = f"{row.get('kind') or row.get('event') or row.get('claimed_by', '')} {row['pattern'][:40]!r}"
    if not needs:
        return [f"{label}: empty needs"]
    pattern = re.compile(row["pattern"], flags)
    return [
        f"{label}: match {match.group()!r} contains none of {needs}"
        for sentence in sentences for match in pattern.finditer(sentence)
        if not any(need in match.group().lower() for need in needs)
    ]


def _abbreviations(kinds: tuple[str, ...]) -> frozenset[str]:
    return frozenset(row["word"] for row in read_lexicon("abbreviations") if row["kind"] in kinds)


# Words ending in "." that do not end a sentence (lower-cased, without the dot): ``abbreviations.csv``.
# Titles ("Mr.", "Sen.") also open a person's name.
ABBREVIATIONS = _abbreviations(("title", "other"))
TITLE_ABBREVIATIONS = _abbreviations(("title",))


@cache
def quote_cues() -> dict[str, frozenset[str]]:
    """``quote_cues.csv`` by kind, lower-cased: ``verb`` (the one list of reporting verbs), ``title``, ``org_head``, ``not_name``."""
    kinds: dict[str, set[str]] = {}
    for row in read_lexicon("quote_cues"):
        kinds.setdefault(row["kind"], set()).add(row["word"].lower())
    return {k: frozenset(v) for k, v in kinds.items()}


@cache
def organization_names() -> frozenset[str]:
    """Every organisation's code and aliases, lower-cased."""
    names = set()
    for code, row in organizations().items():
        names.update(a.lower() for a in row["aliases"].split("|") if a)
        names.add(code.lower())
    return frozenset(names)


@cache
def organizations() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in read_lexicon("organizations")}


@cache
def officials() -> tuple[Official, ...]:
    rows = read_lexicon("officials")
    return tuple(
        Official(
            r["name"], r["country_code"], r["role"], tuple(a for a in r["aliases"].split("|") if a),
            tuple(d for d in r.get("described_as", "").split("|") if d),
        )
        for r in rows
    )


def is_known_code(code: str) -> bool:
    """ISO alpha-3 known to pycountry, or an organisation code from the lexicon."""
    return code in organizations() or pycountry.countries.get(alpha_3=code) is not None


def actor_name(code: str) -> str:
    """Readable name of a country or organisation code."""
    if code in organizations():
        return organizations()[code]["name"]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def actor_type(code: str) -> str:
    return "organization" if code in organizations() else "country"


@cache
def _surface_forms() -> dict[str, tuple[str, str]]:
    """surface form -> (code, kind); code '' marks a phrase that is not a country."""
    forms: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            # "Venezuela, Bolivarian Republic of" is not how articles write it.
            if value and "," not in value and "(" not in value:
                forms[value] = (country.alpha_3, "name")
    for row in read_lexicon("country_aliases"):
        forms[row["alias"]] = (row["code"], row["kind"])
    for code, row in organizations().items():
        for alias in row["aliases"].split("|"):
            forms.setdefault(alias, (code, "organization"))
    return forms


@cache
def _place_pattern() -> re.Pattern[str]:
    # The longest name that fits wins, so "Dominican Republic" beats
    # "Dominica" and "Latin American" swallows "American".
    # No letter, period or hyphen before a name, checked after its first
    # character: the engine then skips to the characters that start a name.
    alternation = word_alternation(_surface_forms(), after_first=r"(?<![\w.-].)")
    return re.compile(rf"(?:{alternation})(?:'s|’s)?(?![\w-])")


@cache
def demonym(code: str) -> str:
    """The adjective of a country (``country_aliases.csv``, its first demonym row: VEN -> "Venezuelan"), or ''."""
    return next((row["alias"] for row in read_lexicon("country_aliases") if row["code"] == code and row["kind"] == "demonym"), "")


def find_places(text: str) -> Iterator[Place]:
    """Every country or organisation mentioned in ``text``, in order."""
    forms = _surface_forms()
    for match in _place_pattern().finditer(text):
        surface = match.group()
        if surface.endswith(("'s", "’s")):  # the possessive the pattern allows after a name
            surface = surface[:-2]
        code, kind = forms.get(surface, ("", ""))
        if code:
            yield Place(match.start(), match.start() + len(surface), surface, code, kind)


@cache
def _official_index() -> dict[str, Official]:
    index: dict[str, Official] = {}
    for official in officials():
        for alias in (official.name, *official.aliases):
            index.setdefault(alias, official)
    return index


def find_officials(text: str) -> Iterator[tuple[int, int, Official]]:
    """Mentions of lexicon officials (full names or surnames) in ``text``."""
    index = _official_index()
    for match in _official_pattern().finditer(text):
        yield match.start(), match.end(), index[match.group()]


@cache
def _official_pattern() -> re.Pattern[str]:
    # No letter or hyphen before a name, checked after its first character (see word_alternation).
    alternation = word_alternation(_official_index(), after_first=r"(?<![\w-].)")
    return re.compile(rf"(?:{alternation})(?![\w-])")


@cache
def _folded_official_index() -> dict[str, Official]:
    """The full names and aliases accent- and case-free: wire copy writes "Andres Manuel Lopez Obrador"."""
    from lib.text import fold  # lib.text imports this module

    index: dict[str, Official] = {}
    for alias, official in _official_index().items():
        index.setdefault(fold(alias), official)
    return index


def official_for(name: str) -> Official | None:
    """The official a speaker name refers to (exact name or alias, the same without accents, then by surname)."""
    index = _official_index()
    if name in index:
        return index[name]
    from lib.text import fold  # lib.text imports this module

    folded = _folded_official_index().get(fold(name))
    if folded:
        return folded
    for part in reversed(name.split()):
        if part in index:
            return index[part]
    return None


@cache
def _given_names() -> dict[str, str]:
    return {row["name"]: row["gender"] for row in read_lexicon("given_names")}


def gender_of(name: str) -> str:
    """ "female" or "male" when a person's given name says so (``given_names.csv``), through the official the name
    refers to when the article gives only a surname ("Machado" is María Corina Machado); else ''."""
    given = _given_names()
    first = name.split(maxsplit=1)
    if first and first[0] in given:
        return given[first[0]]
    official = official_for(name)
    return given.get(official.name.split(maxsplit=1)[0], "") if official else ""


def validate_lexicons() -> list[str]:
    """Problems in the data files: unknown codes, duplicate aliases."""
    problems = []
    for row in read_lexicon("country_aliases"):
        if row["code"] and pycountry.countries.get(alpha_3=row["code"]) is None:
            problems.append(f"country_aliases.csv: {row['alias']!r} -> unknown ISO code {row['code']!r}")
    for official in officials():
        if not is_known_code(official.country_code):
            problems.append(f"officials.csv: {official.name!r} -> unknown code {official.country_code!r}")
    seen: dict[str, str] = {}
    for official in officials():
        for alias in (official.name, *official.aliases):
            if alias in seen and seen[alias] != official.name:
                problems.append(f"officials.csv: alias {alias!r} used by {seen[alias]!r} and {official.name!r}")
            seen[alias] = official.name
    for row in read_lexicon("given_names"):
        if row["gender"] not in ("female", "male"):
            problems.append(f"given_names.csv: {row['name']!r} -> gender {row['gender']!r} is neither female nor male")
    return problems

"""Mentions of people and organisations in an article (pass 2 of :mod:`lib.extract.quotes`).

With quoted words blanked out, capitalised word sequences (with name
particles: de, del, la, y, von ...) become people or organisations. A
sequence ending in an organisation word ("Carter Center", "Council"), an
acronym, or a lexicon organisation is an organisation ("Long Name (ACR)"
defines an acronym's full name; "the UN panel of experts", "the US
government" are bodies too, and so is a country right before a reporting
verb: "Brazil said"; after one "the", words listed before an organisation
word or after a body noun are one body: "the Foreign, Commonwealth and
Development Office", "the group Justicia, Encuentro y Perdón").
Otherwise the words after the last title,
demonym, place or non-name word are a person ("National Electoral Council
President Elvis Amoroso" -> Elvis Amoroso); a lone word is a person when it is
part of a full name in the article or a known official, or stands right next
to a reporting verb. Bylines and credits (photo credits, "Reporting by …")
name no one. :class:`Names` resolves a surname to the article's fullest
spelling of the name.
"""
from __future__ import annotations

import bisect
import re
from itertools import repeat
from functools import cache, lru_cache
from typing import NamedTuple

from lib.lexicon import TITLE_ABBREVIATIONS, demonym, find_places, officials, organization_names, quote_cues, read_lexicon, word_alternation
from lib.text import POSSESSIVE, fold

_UPPER = "A-ZÁÉÍÓÚÑÜÀÈÌÒÙÂÊÎÔÛÇÃÕÄËÏÖ"

_LOWER = "a-záéíóúñüàèìòùâêîôûçãõäëïöß"
# A capitalised word: letters and hyphens, an apostrophe only before a capital
# (O’Brien), never the possessive ’s.
# Every token opens on a capital; _TOKEN_TAIL is the rest, a title's first letter checked by a look-behind.
_TOKEN_TAIL = (
    rf"\.(?:[{_UPPER}]\.)*(?:-[{_LOWER}]+)?"  # initials and "U.S.", "U.S.-based"
    r"|(?:" + "|".join(f"(?<={word[0]}){word[1:]}" for word in (w.capitalize() for w in sorted(TITLE_ABBREVIATIONS))) + r")\."
    rf"|(?:[{_UPPER}{_LOWER}\-]|[’'](?=[{_UPPER}]))*"
)
_TOKEN = rf"[{_UPPER}](?:{_TOKEN_TAIL})"
PARTICLES = r"(?:de|da|del|dos|das|do|di|la|las|los|y|von|van|der|den|bin|al)"
# Words of a name stay on one line: a headline is not the first name of the byline below it.
# No letter, apostrophe or hyphen before the first capital, checked after it: the engine then jumps
# from one capital to the next instead of trying every position.
# Arabic names join their article to the surname with a hyphen, in lower case inside a name ("Ahmed al-Sharif",
# "Bashar al-Assad", "Abdel Fattah el-Sisi"): such a surname is a name's word, and a name by itself ("al-Sharif said").
_NAME_PREFIX = r"(?:al|el|ad|as|at|az|ar|an)-"  # two letters each: a look-behind reads them
_SEQUENCE = re.compile(
    # A surname standing alone after its article ("al-Sharif said") is taken from the capital after the hyphen (the
    # article is added back before the mention is read, in find_mentions).
    rf"[{_UPPER}](?:(?<![\w’'-].)|(?<=(?<![\w’'-]){_NAME_PREFIX}.))(?:{_TOKEN_TAIL})"
    rf"(?:[ \t]+(?:{PARTICLES}[ \t]+)*(?:{_NAME_PREFIX})?(?:{_TOKEN}))*"
)
_PREFIX_BEFORE = re.compile(rf"(?<![\w’'-]){_NAME_PREFIX}$")
# No letter, apostrophe or hyphen before a pronoun, checked after its first letter (see word_alternation:
# the engine then jumps from one h, s, t or i to the next instead of trying every position).
_PRONOUN = re.compile(word_alternation("he she they it He She They It".split(), after_first=r"(?<![\w’'-].)") + r"(?![\w’'-])")
# A word between a determiner and its noun, on the same line: a plain word or initials ("the U.S. envoy"),
# never a word ending a sentence ("this position. The 75-year-old challenger").
_FILLER = r"(?:[\w-]+|(?:\w\.)+)[ \t]{1,2}(?![ \t])"
# After the determiner: a space or two, never the run of blanks a masked quote leaves ("a “…” a cabinet spokesperson").
_AFTER_DETERMINER = r"\s{1,2}(?!\s)"
# "the Democratic leader", "the former ambassador", "the head of US diplomacy":
# a definite description of a person already introduced; "a cabinet
# spokesperson": an unnamed person, who speaks under that description.
def _role_pattern() -> re.Pattern[str]:
    # The role nouns are the ``role`` rows of quote_cues.csv (as a trie, spaces as any white space: tried one
    # branch per letter, not the 50 nouns one after the other after every "the" and "a");
    # "head of <something>" is the one shape that is a pattern rather than a word.
    alternation = word_alternation(quote_cues()["role"], space=r"\s+")
    # "the", "this", "a" or "an" with no letter or hyphen before it. Its first letter is matched case-sensitively
    # (the only letters [Tt] and [Aa] match anyway) and the look-behind comes after it: a pattern that opens on a
    # case-sensitive class lets the engine jump from one t or a to the next instead of trying every position.
    determiner = r"(?-i:[TtAa])(?<![\w-].)(?:(?<=[Tt])h(?:e|is)|(?<=[Aa])n?)"
    return re.compile(rf"{determiner}{_AFTER_DETERMINER}(?:{_FILLER}){{0,3}}?(?:{alternation}|head\s+of\s+[\w. ]{{2,20}}?)(?![\w-])", re.IGNORECASE)


_ROLE = _role_pattern()
# "the group", "the center", "the statement": an organisation already introduced, or the document
# it issued; "the opposition": a collective that speaks under its own name (``quote_cues.csv``).
def _generic_org_pattern() -> re.Pattern[str]:
    cues = quote_cues()
    heads = word_alternation(cues["body_noun"] | cues["document"] | cues["collective"])
    # "the"/"this" with no letter or hyphen before it, checked after its first letter (see _PRONOUN).
    determiner = word_alternation(("the", "this", "The", "This"), after_first=r"(?<![\w-].)")
    return re.compile(rf"(?:{determiner}){_AFTER_DETERMINER}(?:{_FILLER}){{0,2}}?(?:{heads})(?![\w-])")


_GENERIC_ORG = _generic_org_pattern()
@cache
def _body() -> re.Pattern[str]:
    """A body or document of the country or organisation just named ("US government", "Venezuela's foreign ministry",
    "a Turkish readout"), unless a title or role word follows: "Venezuelan opposition leader María Corina Machado" is
    a person, and "Venezuelan opposition leaders González and Machado" are people (a ``group_role`` row, then a name)."""
    roles = word_alternation(quote_cues()["title"] | quote_cues()["role"])
    groups = word_alternation(quote_cues()["group_role"])
    documents = word_alternation(quote_cues()["document"])
    return re.compile(
        r"(?P<possessive>[’']s)?[ \t]+(?P<body>panel\s+of\s+(?:electoral\s+)?experts|(?:electoral\s+)?experts|government|administration"
        r"|foreign\s+ministry|foreign\s+office|ministry|presidency|cabinet|delegation|mission|team|group|panel|embassy"
        rf"|opposition|authorities|state(?:-run|-owned)?\s+(?:media|television|tv|broadcaster|channel|radio|news\s+agency)"
        # "a Turkish readout", "Chile's statement": a country's document, which speaks for it.
        rf"|{documents}"
        # "the U.N. human rights office", "Venezuela's electoral authority": a body named by what it does.
        r"|(?:(?!(?:and|or|but|the|a|an|of|in|to|for|with|on|at|by|from|as|is|are|was|were|has|have|had|that|which|who)[ \t])[a-z][\w-]*[ \t]+){1,2}"
        r"(?:office|council|authority|body|agency|commission|court|tribunal|ministry|watchdog))"
        rf"(?![\w-])(?![ \t]+(?:{roles})(?![\w-]))(?![ \t]+(?:{groups})[ \t]+(?-i:[A-Z]))",
        re.IGNORECASE,
    )


@cache
def _speaks() -> re.Pattern[str]:
    """A reporting verb, or a verb of a state's act ("severed"), right after a name, past adverbs and auxiliaries
    ("has also said"), after the names listed with it ("Brazil and Colombia said", "Argentina, Chile and Peru said"),
    or after a clause set off by commas ("Peru, which recalled its envoy, said")."""
    verbs = word_alternation(quote_cues()["verb"] | quote_cues()["act"])
    listed = r"(?:,[ \t]+|,?[ \t]+(?:and|&)[ \t]+)[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,2}"
    # "The United States, which has followed the crisis closely, said": a clause or description set off by commas.
    set_off = r"(?:,[ \t]+(?:which|who|whose|a|an|the|one)[ \t][^,;:.!?\n“”\"]{1,60},)?"
    return re.compile(rf"(?:{listed}){{0,8}}{set_off}(?:[ \t]+(?:also|has|have|had|then|later|again|\w+ly))*[ \t]+(?:{verbs})(?![\w’'-])")



@cache
def _reports_later() -> re.Pattern[str]:
    """The rest of a clause up to a reporting participle after a comma (``quote_cues.csv`` verbs in -ing): "has gone
    furthest among Western governments, saying"; not past a full name, who may be the one reporting ("Cuba was quiet
    as Ana Torres spoke, saying")."""
    participles = word_alternation(v for v in quote_cues()["verb"] if v.endswith("ing"))
    full_name = r"[A-Z][\w-]*[ \t]+[A-Z]"
    return re.compile(rf"(?:(?!{full_name})[^.;:!?“”\"\n]){{0,100}}?,[ \t]+(?:{participles})(?![\w’'-])")


# What stands before a word that opens its sentence: the text's start, a sentence end or a new line, and "The".
_SENTENCE_START = re.compile(r"(?:^|[.!?][ \t]+|\n[ \t]*)(?:[Tt]he[ \t]+)?$")

# Lines that name the reporters and photographers, who are never speakers: a byline ("By Alimat Aliyeva"), a
# credit ("Photo: …", "Reporting by …; Editing by …", "… contributed reporting"), a line that is only a photo
# credit with a slash ("Juan Barreto/AFP via Getty Images").
_MIDDLE_INITIAL = re.compile(rf"[{_UPPER}]\.")
_SLASH_AFTER = re.compile(r"[ \t]?/")
_SLASH_BEFORE = re.compile(r"/[ \t]?$")
_BYLINE = re.compile(
    r"(?m)^[ \t]*(?:By|Photo:|Photograph:|Credit:|Image:|(?:Additional[ \t]+)?[Rr]eporting[ \t]+by|Writing[ \t]+by|Editing[ \t]+by)[ \t]+[^\n]{0,120}$"
    r"|^[^\n]{0,80}[ \t]contributed[ \t]+(?:reporting|to[ \t]+this[ \t]+report)[^\n]{0,40}$"
    r"|^[^\n.!?:;]{0,80}/[^\n.!?:;]{0,80}$"
)

# A dateline: "CARACAS, July 29 (Reuters) - ", "WASHINGTON (AP) — ", "BOGOTA - ": its city in capitals and the
# agency in brackets, neither ever a speaker.
_NEWLINE = re.compile("\n")
_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z .'-]*[A-Z](?:,[^\n()]{1,40})?(?:[ \t]*\([^()\n]{1,40}\))?)[ \t]+[-–—]")


# "the Foreign, Commonwealth and Development Office", "the organization Justicia, Encuentro y Perdón": after one
# "the" (and a singular body noun: "group", "organization"), capitalised words listed with commas and "and" (or "y",
# "&") are that one body's name, not a list of speakers, when they end in an organisation word or follow the body
# noun; several bodies take an article each ("the EU, the US and the OAS"), none ("Provea, Foro Penal and ..."),
# or a plural ("the groups Provea, Foro Penal and Cofavic").
_WORD = rf"[{_UPPER}][{_LOWER}\-]+"


@cache
def _coordinated_name() -> re.Pattern[str]:
    bodies = word_alternation(quote_cues()["body_noun"])
    return re.compile(
        rf"[Tt](?<![\w-].)he[ \t]+(?:(?P<body>{bodies})[ \t]+)?"
        rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}}(?:,[ \t]+{_WORD}(?:[ \t]+{_WORD}){{0,2}})*,?[ \t]+(?:and|y|&)[ \t]+"
        rf"(?P<last>{_TOKEN}(?:[ \t]+{_TOKEN})*))"
    )


def _coordinated_orgs(masked: str, places: _Places) -> list[Mention]:
    """Organisations named by a list of words (:func:`_coordinated_name`): after a body noun, or ending in an
    organisation word; no listed word a place ("the Argentina, Chile and Peru office" is no such name)."""
    found = []
    org_head = quote_cues()["org_head"]
    for m in _coordinated_name().finditer(masked):
        if not m["body"] and m["last"].split()[-1].lower() not in org_head:
            continue
        listed = list(_NON_SPACE_RUN.finditer(masked, m.start("name"), m.start("last")))
        if any(places.cover(w.start(), w.end() - (masked[w.end() - 1] == ",")) for w in listed):
            continue
        found.append(Mention(m.start("name"), m.end(), "org", re.sub(r"\s+", " ", m["name"]), bool(POSSESSIVE.match(masked, m.end()))))
    return found


@cache
def _capitalised_verb() -> re.Pattern[str]:
    """A capitalised reporting verb as a whole word ("Says", "Warns"), as title-case headlines write it."""
    verbs = word_alternation(w.capitalize() for w in quote_cues()["verb"])
    return re.compile(rf"(?<![\w’'-])(?:{verbs})(?![\w’'-])")


@cache
def _capitalised_verb_start() -> re.Pattern[str]:
    """Where a :func:`_capitalised_verb` may start, found in one scan of the article: its words with the look-behind
    but not the look-ahead, so that every match of it inside a name (searched up to the name's end) starts at one of
    these (a match here never swallows the start of another: after its capital a verb is lower case). A name with
    none in it is not searched at all; the look-behind after the first letter lets the engine jump between capitals."""
    return re.compile(word_alternation((w.capitalize() for w in quote_cues()["verb"]), after_first=r"(?<![\w’'-].)"))


# Short words that join the parts of a name in title case ("Organization Of American States"): a headline is not split at them.
_JOINING = frozenset({"a", "an", "in", "on", "at", "as", "by", "for", "from", "to", "of", "with", "but", "and", "or", "if", "so", "yet"})


@cache
def _headline_break() -> re.Pattern[str]:
    """What ends a name inside a title-case headline: a capitalised reporting verb, or a capitalised word that names
    nobody ("María Corina Machado Thanks Allies", "Maduro Government Monday", ``quote_cues.csv`` not_name rows)."""
    words = word_alternation(w.capitalize() for w in quote_cues()["verb"] | (quote_cues()["not_name"] - _JOINING))
    return re.compile(rf"(?<![\w’'-])(?:{words})(?![\w’'-])")


class Mention(NamedTuple):
    start: int
    end: int
    kind: str  # person, single (lone capitalised word), org, pronoun, role, generic_org
    name: str
    possessive: bool


class _Places:
    """The article's place mentions (in order, never overlapping), asked whether a word lies inside one."""

    def __init__(self, places):
        self.starts = [p.start for p in places]
        self.ends = [p.end for p in places]

    def cover(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end


@cache
def _not_opening() -> frozenset[str]:
    """Words dropped from the front of a capitalised sequence: non-name words, reporting verbs, "the"."""
    cues = quote_cues()
    return cues["not_name"] | cues["verb"] | {"the"}


_NON_SPACE_RUN = re.compile(r"\S+")
_PARTICLE = re.compile(PARTICLES)


@lru_cache(maxsize=65536)  # the same few capitalised words recur through a corpus
def _not_name_word(word: str) -> bool:
    """Whether a capitalised word is no part of a person's name, whatever surrounds it: a title, an organisation
    head, a non-name word, an acronym or abbreviation, a hyphenated title ("Vice-President"), or an epithet
    ("Far-right")."""
    cues = quote_cues()
    low = word.lower().rstrip(".")
    return (
        low in cues["title"] or low in cues["org_head"] or low in cues["not_name"]
        or (word.isupper() or "." in word) and not _MIDDLE_INITIAL.fullmatch(word)  # "Luis E. Herrera" keeps its initial
        or ("-" in low and low.split("-")[-1] in cues["title"])
        or "-" in word and word.rsplit("-", 1)[1][:1].islower()  # "Far-right Meloni": an epithet, not a first name
    )


@lru_cache(maxsize=65536)
def _lone_word(word: str) -> str | None:
    """What a sequence of one capitalised word is, as far as the word alone tells (most sequences are one word):
    None (it names nobody), "org", or "name" (a lone name, unless a place covers it). :func:`_classify`'s rules,
    read for one word."""
    lowered = word.lower()
    if lowered in quote_cues()["not_name"]:
        return None
    if lowered in organization_names() or word.isupper() and 2 <= len(word) <= 6 or lowered in quote_cues()["org_head"]:
        return "org"
    return None if _not_name_word(word) else "name"


def _classify(text: str, start: int, end: int, places: _Places) -> Mention | None:
    surface = text[start:end]
    if " " not in surface and "\t" not in surface:  # one word, most sequences: the words are joined by spaces or tabs only
        kind = _lone_word(surface)
        if kind is None or kind == "name" and places.cover(start, end):
            return None
        return Mention(start, end, "org" if kind == "org" else "single", surface, bool(POSSESSIVE.match(text, end)))
    possessive = bool(POSSESSIVE.match(text, end))
    cues = quote_cues()
    not_name, org_head = cues["not_name"], cues["org_head"]
    tokens = [(m.start() + start, m.end() + start, m.group()) for m in _NON_SPACE_RUN.finditer(surface)]
    not_opening = _not_opening()
    while len(tokens) > 1 and tokens[0][2].lower() in not_opening:
        tokens.pop(0)
    start = tokens[0][0]
    surface = text[start:end]
    lowered = surface.lower()
    if lowered in not_name:
        return None  # "Monday", "UTC" alone name nobody
    if lowered in organization_names() or (len(tokens) == 1 and surface.isupper() and 2 <= len(surface) <= 6):
        return Mention(start, end, "org", surface, possessive)
    # An organisation: the words from the first capitalised non-title word up
    # to an organisation head ("the U.S.-based Carter Center" -> Carter Center).
    if tokens[-1][2].lower() in org_head:
        first = 0
        while first < len(tokens) - 1 and (
            tokens[first][2].lower() in not_name or tokens[first][2] == "The"
            # "the U.S.-based Carter Center", "the Atlanta-based ...": an epithet; "Fact-Finding Mission" is a name
            or "-" in tokens[first][2] and tokens[first][2].rsplit("-", 1)[1][:1].islower()
        ):
            first += 1
        # "the Colombian NGO Electoral Observation Mission": the name starts after the word that says what kind of body it is.
        kind_word = max((i for i in range(first, len(tokens) - 1) if tokens[i][2].lower() in cues["descriptor"]), default=-1)
        first = max(first, kind_word + 1)
        return Mention(tokens[first][0], end, "org", text[tokens[first][0]:end], possessive)

    # A person: the words after the last title, place, acronym or non-name word
    # ("National Electoral Council President Elvis Amoroso" -> Elvis Amoroso).
    def not_part_of_name(tok: tuple[int, int, str]) -> bool:
        return _not_name_word(tok[2]) or places.cover(tok[0], tok[1])

    first = len(tokens)
    while first > 0 and not not_part_of_name(tokens[first - 1]):
        first -= 1
    rest = tokens[first:]
    if not rest:
        return None
    # "y" joins the two surnames of one person ("Ortega y Gasset"), but after a
    # full name it is a conjunction ("María Corina Machado y González").
    conjunction = next((i for i, t in enumerate(rest) if t[2] == "y"), None)
    if conjunction is not None and conjunction > 2:
        rest = rest[:conjunction]
        end = rest[-1][1]
    name = text[rest[0][0]:end]
    content = [t for t in rest if not _PARTICLE.fullmatch(t[2])]
    return Mention(rest[0][0], end, "person" if len(content) >= 2 else "single", name, possessive)


_OF_BEFORE = re.compile(r"(?<![\w-])of[ \t]+(?:the[ \t]+)?$")


@cache
def _own_role() -> re.Pattern[str]:
    """After a country, its office in lower case: "’s president", "'s foreign minister" (``quote_cues.csv`` role rows)."""
    return re.compile(rf"[’']s[ \t]+(?:[a-z][\w-]*[ \t]+)?(?:{word_alternation(quote_cues()['role'])})(?![\w-])")


@cache
def _group_of_before() -> re.Pattern[str]:
    """People of the countries named next, who speak for them ("the foreign ministers of Argentina and Chile said")."""
    return re.compile(rf"(?<![\w-])(?i:{word_alternation(quote_cues()['group_role'])})[ \t]+of[ \t]+$")


def find_mentions(masked: str) -> list[Mention]:
    """People, organisations, pronouns and role phrases, in text order."""
    places = list(find_places(masked))
    place_index = _Places(places)
    mentions: list[Mention] = []
    # Offsets already taken, kept sorted; they never overlap, so a new mention
    # only has to be checked against its two neighbours.
    covered_starts: list[int] = []
    covered_ends: list[int] = []

    def add(mention: Mention) -> None:
        i = bisect.bisect_left(covered_starts, mention.start)
        if (i and covered_ends[i - 1] > mention.start) or (i < len(covered_starts) and covered_starts[i] < mention.end):
            return
        mentions.append(mention)
        covered_starts.insert(i, mention.start)
        covered_ends.insert(i, mention.end)

    # "the UN panel of experts", "the US government": a body of a country or organisation.
    for place in places:
        m = _body().match(masked, place.end)
        if m:
            # "Venezuela's foreign ministry" is the Venezuelan foreign ministry, as a reader names it.
            adjective = demonym(place.code) if m["possessive"] and place.kind == "name" else ""
            name = f"{adjective} {m['body']}" if adjective else masked[place.start:m.end()]
            add(Mention(place.start, m.end(), "org", re.sub(r"\s+", " ", name), bool(POSSESSIVE.match(masked, m.end()))))
        # "Mexico's president", "Peru's foreign minister": a country's office, a role that names its country.
        elif place.kind == "name" and (own := _own_role().match(masked, place.end)):
            add(Mention(place.start, own.end(), "role", re.sub(r"\s+", " ", masked[place.start:own.end()]), bool(POSSESSIVE.match(masked, own.end()))))
        # "the Kremlin", "Itamaraty": an institution that stands for its country is a body.
        elif place.kind in ("organization", "institution"):
            add(Mention(place.start, place.end, "org", place.surface, bool(POSSESSIVE.match(masked, place.end))))
        # "Venezuela said", "Brazil has also called for", "Washington said": a country that speaks, as its government.
        # Not "the Foreign Ministry of Peru issued": a country after "of" belongs to the body before it, unless that
        # is a group of people ("the foreign ministers of Argentina and Chile said").
        elif place.kind in ("name", "capital") and _speaks().match(masked, place.end) and (
            not _OF_BEFORE.search(masked, max(0, place.start - 8), place.start)
            or _group_of_before().search(masked, max(0, place.start - 30), place.start)
        ):
            add(Mention(place.start, place.end, "org", place.surface, False))
        # "The United States has gone furthest, saying …": a country opening its sentence, whose clause reports
        # through a participle after a comma.
        elif place.kind in ("name", "capital") and _SENTENCE_START.search(masked, max(0, place.start - 6), place.start) and _reports_later().match(masked, place.end):
            add(Mention(place.start, place.end, "org", place.surface, False))
    for mention in _coordinated_orgs(masked, place_index):
        add(mention)
    for pattern, kind in ((_ROLE, "role"), (_GENERIC_ORG, "generic_org")):
        for m in pattern.finditer(masked):
            add(Mention(m.start(), m.end(), kind, m.group(), bool(POSSESSIVE.match(masked, m.end()))))
    # A byline ("By Alimat Aliyeva") names the reporter, a dateline's credit the agency: neither is ever a speaker.
    # Both start a line and end in it: each is tried at every line start (a few dozen) instead of searched for at
    # every character.
    line_starts = [0, *(newline.end() for newline in _NEWLINE.finditer(masked))]
    bylines = sorted(
        [b.span() for b in map(_BYLINE.match, repeat(masked), line_starts) if b]
        + [d.span(1) for d in map(_DATELINE.match, repeat(masked), line_starts) if d]
    )
    headlines = _headline_lines(masked)
    headline_starts = [start for start, _ in headlines]
    verb_starts = [v.start() for v in _capitalised_verb_start().finditer(masked)]
    slashes = "/" in masked  # most articles have none
    for m in _SEQUENCE.finditer(masked):
        line = bisect.bisect_right(bylines, (m.start(), len(masked))) - 1 if bylines else -1  # most articles have none
        if line >= 0 and bylines[line][0] <= m.start() < bylines[line][1]:
            continue
        # "Juan Barreto/AFP", "REUTERS/Leonardo Fernandez": a name next to a slash is a photo credit.
        if slashes and (_SLASH_AFTER.match(masked, m.end()) or _SLASH_BEFORE.search(masked, max(0, m.start() - 3), m.start())):
            continue
        # A title-case headline runs a name into its verb ("Carter Center Says Venezuela Vote …"): a reporting verb
        # inside a sequence ends the name before it, and inside a headline so does a word that names nobody.
        start = m.start()
        # "al-Sharif said": the article before the capital is part of the name.
        prefix = _PREFIX_BEFORE.search(masked, max(0, start - 3), start) if masked[start - 1:start] == "-" else None
        start = prefix.start() if prefix else start
        h = bisect.bisect_right(headline_starts, m.start()) - 1 if headlines else -1
        if h >= 0 and m.end() <= headlines[h][1]:
            breaks = _headline_break().finditer(masked, m.start(), m.end())
        else:
            v = bisect.bisect_left(verb_starts, m.start())
            breaks = _capitalised_verb().finditer(masked, m.start(), m.end()) if v < len(verb_starts) and verb_starts[v] < m.end() else ()
        for verb in breaks:
            end = verb.start()
            while end > start and masked[end - 1] in " \t":
                end -= 1
            mention = _classify(masked, start, end, place_index) if end > start else None
            if mention:
                add(mention)
            start = verb.end()
            while start < m.end() and masked[start] in " \t":
                start += 1
        mention = _classify(masked, start, m.end(), place_index) if start < m.end() else None
        if mention:
            add(mention)
    for m in _PRONOUN.finditer(masked):
        add(Mention(m.start(), m.end(), "pronoun", m.group(), False))
    mentions.sort()
    return [_owned_body(masked, m) or m for m in _headline_names(masked, headlines, mentions)]


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def title_case(sentence: str) -> bool:
    """Whether most words of four or more letters are capitalised, as in a headline."""
    words = _LONG_WORD.findall(sentence)
    return bool(words) and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2


_LINE = re.compile(r"[^\r\n]+")
# A headline or subheading: a line of at most 20 words, every word of four or more letters capitalised (two at
# least), that does not end as a sentence does. "Karl Weber told Reuters: “…”" is none.
_HEADLINE_WORDS = 20


@cache
def _known_full_names() -> frozenset[str]:
    """Folded names of two or more words the lexicons know as people (officials and their aliases, ``people.csv``)."""
    names = {fold(alias) for o in officials() for alias in (o.name, *o.aliases) if " " in alias}
    names.update(fold(row[column]) for row in read_lexicon("people") for column in ("alias", "canonical"))
    return frozenset(names)


@cache
def _given_names() -> frozenset[str]:
    return frozenset(row["name"] for row in read_lexicon("given_names"))


def _headline_lines(masked: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that read as a headline or subheading ("Why Does Panama Support González?")."""
    lines = []
    for line in _LINE.finditer(masked):
        text = line.group()
        # Most lines are paragraphs ending in a period: the cheap tests first.
        if text.rstrip().endswith(".") or text.count(" ") > 3 * _HEADLINE_WORDS or len(text.split()) > _HEADLINE_WORDS:
            continue
        long_words = _LONG_WORD.findall(text)
        if len(long_words) >= 2 and all(w[0].isupper() for w in long_words):
            lines.append(line.span())
    return lines


def _headline_names(masked: str, lines: list[tuple[int, int]], mentions: list[Mention]) -> list[Mention]:
    """Person mentions of a title-case headline, cut down to the names in them: a title-case line capitalises every
    word, so "Why Does Panama Support González?" reads "Support González", and "Venezuela Crisis Deepens" "Crisis
    Deepens", as a full name, which would then stand for "González" or for "he" elsewhere. A known full name in
    it stays a person (the lexicons, the same name outside headlines: "María Corina Machado Thanks Allies"), as do
    a given name and the word after it ("Ana Torres Wins" -> Ana Torres); else its words named elsewhere stay, each a
    lone name ("González"), and the rest names nobody."""
    if not lines:
        return mentions
    starts = [start for start, _ in lines]

    def in_headline(m: Mention) -> bool:
        """Inside a headline, unless a given name opens it and it is all its line says (a caption, a list of names)."""
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or m.end > lines[i][1]:
            return False
        return m.name.split()[0] not in _given_names() or masked[lines[i][0]:lines[i][1]].strip(" \t.,:;") != m.name

    flagged = [m.kind == "person" and in_headline(m) for m in mentions]
    if not any(flagged):
        return mentions
    elsewhere = {fold(m.name) for m, f in zip(mentions, flagged) if m.kind == "person" and not f}
    words_elsewhere = {w for name in elsewhere for w in name.split()} | set(_official_surnames())
    known = _known_full_names() | elsewhere
    out = []
    for m, f in zip(mentions, flagged):
        if not f or fold(m.name) in known:
            out.append(m)
            continue
        tokens = [(m.start + t.start(), m.start + t.end(), t.group()) for t in _NON_SPACE_RUN.finditer(m.name)]
        run = _known_run(m, tokens, known)
        if run is None:
            given = next((i for i, t in enumerate(tokens[:-1]) if t[2] in _given_names()), None)
            run = (given, given + 2) if given is not None else None
        if run is not None:
            first, last = run
            while last < len(tokens) and fold(tokens[last][2]) in words_elsewhere:
                last += 1
            start, end = tokens[first][0], tokens[last - 1][1]
            out.append(Mention(start, end, "person", m.name[start - m.start:end - m.start], m.possessive and end == m.end))
            continue
        out.extend(
            Mention(start, end, "single", word, m.possessive and end == m.end)
            for start, end, word in tokens if fold(word) in words_elsewhere
        )
    return out


def _known_run(mention: Mention, tokens: list[tuple[int, int, str]], known) -> tuple[int, int] | None:
    """(first, end) token indices of the longest run of two or more of a mention's tokens that is a known full name, or None."""
    for size in range(len(tokens) - 1, 1, -1):
        for first in range(len(tokens) - size + 1):
            if fold(mention.name[tokens[first][0] - mention.start:tokens[first + size - 1][1] - mention.start]) in known:
                return first, first + size
    return None


@cache
def _owned() -> re.Pattern[str]:
    """A possessive's body (``quote_cues.csv`` owned_body rows): "’s office", "’ campaign"."""
    return re.compile(rf"[’']s?[ \t]+(?:{word_alternation(quote_cues()['owned_body'])})(?![\w-])", re.IGNORECASE)


def _owned_body(masked: str, mention: Mention) -> Mention | None:
    """ "Karl Weber’s office", "the prosecutor’s office": a person's or a role's body, which speaks as an organisation."""
    owned = _owned().match(masked, mention.end) if mention.possessive and mention.kind in ("person", "single", "role") else None
    if not owned:
        return None
    start = mention.start + (len(mention.name) - len(_DETERMINER.sub("", mention.name, count=1)) if mention.kind == "role" else 0)
    return Mention(start, owned.end(), "org", re.sub(r"\s+", " ", masked[start:owned.end()]), bool(POSSESSIVE.match(masked, owned.end())))


_DETERMINER = re.compile(r"^(?:[Tt]he|[Tt]his|[Aa]n?)\s+")


@cache
def _official_surnames() -> dict[str, str]:
    """Folded one-word names and aliases of the lexicon's officials -> the official's name (the same for every article)."""
    surnames = {}
    for official in officials():
        for alias in (official.name, *official.aliases):
            if " " not in alias:
                surnames[fold(alias)] = official.name
    return surnames


class Names:
    """Resolves a name mention to the article's fullest spelling of that person."""

    def __init__(self, mentions: list[Mention]):
        full = [m for m in mentions if m.kind == "person"]
        # Each spelling once, in order of first appearance: an article that
        # names the same people a thousand times is not searched a thousand times.
        self.spellings = {m.name: frozenset(fold(m.name).split()) for m in full}
        self.by_word: dict[str, tuple[list[int], list[str]]] = {}  # word -> (starts, names) of the full names with it
        for m in full:
            for word in self.spellings[m.name]:
                starts, names = self.by_word.setdefault(word, ([], []))
                starts.append(m.start)
                names.append(m.name)
        self.surnames = _official_surnames()
        self._fullest: dict[str, str] = {}

    def fullest(self, name: str) -> str:
        if name not in self._fullest:
            words = set(fold(name).split())
            best, best_size = name, len(words)
            # Only full names sharing the name's rarest word can contain it all.
            rarest = min(words, key=lambda w: len(self.by_word.get(w, ((), ()))[1]), default="")
            for other in dict.fromkeys(self.by_word.get(rarest, ((), ()))[1]):
                other_words = self.spellings[other]
                if words <= other_words and len(other_words) > best_size:
                    best, best_size = other, len(other_words)
            self._fullest[name] = best
        return self._fullest[name]

    def resolve_single(self, mention: Mention, adjacent_to_verb: bool) -> str | None:
        word = fold(mention.name)
        starts, names = self.by_word.get(word, ((), ()))
        before = bisect.bisect_left(starts, mention.start)  # full names that start before the mention
        after = bisect.bisect_right(starts, mention.start)
        if before:
            return self.fullest(names[before - 1])
        if after < len(starts):
            return self.fullest(names[after])
        if word in self.surnames or adjacent_to_verb:
            return mention.name
        return None

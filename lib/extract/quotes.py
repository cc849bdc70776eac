"""Quotations and their speakers, by rule (no language model).

Three passes over an article:

1. **Spans.** Quotation marks are paired paragraph by paragraph: double
   marks “…” and "…" (a ” typed at the start of a word also opens; a curly
   mark may close a straight one and the reverse, as in copy-pasted text,
   unless a ” follows in the paragraph: straight marks are then a quote
   within the quote), then single marks ‘…’ and '…' outside double quotes,
   where a single mark only closes when no letter follows it (so
   "González’s" and "don't" stay apostrophes). A double mark left open runs
   to the end of its paragraph: the news convention for a quote that goes
   on in the next paragraph, and a text cut off mid-quote. But when a new
   quote opens first (“ or a " that starts a word), the closing mark was
   lost: the open quote ends with its first sentence rather than swallowing
   the rest of the paragraph. A span needs two or more words, so a
   scare-quoted word is not a quote. Words quoted twice in one article
   (headline and body) are one quote.
2. **Mentions.** With quoted words blanked out, capitalised word sequences
   (with name particles: de, del, la, y, von ...) become people or
   organisations. A sequence ending in an organisation word ("Carter
   Center", "Council"), an acronym, or a lexicon organisation is an
   organisation ("Long Name (ACR)" defines an acronym's full name; "the UN
   panel of experts", "the US government" are bodies too). Otherwise the
   words after the last title, demonym, place or non-name word are a person
   ("National Electoral Council President Elvis Amoroso" -> Elvis Amoroso);
   a lone word is a person when it is part of a full name in the article or
   a known official, or stands right next to a reporting verb.
3. **Speech events.** Each reporting verb (``quote_cues.csv``) gets a
   subject: the name after it when it follows a quote ("…,” said Machado");
   the noun before a relative pronoun ("the Carter Center, which said");
   the mention right before it ("he promised", "González and Machado
   thanked"); else the first mention of its clause that is neither a
   possessive nor the object of a preposition ("Lula's adviser Celso Amorim,
   speaking to the Senate ..., said"). "He", "she" and role phrases ("the
   Democratic leader") resolve to the latest person who spoke or opened a
   sentence; "they"/"it" to the latest body or group that spoke; "the group",
   "the center" to the latest organisation with a matching head; surnames to
   the article's fullest spelling of the name.

A quote takes the speaker of the last speech event before it in its
sentence; else of a reporting verb right after its closing mark ("…,” Lula
said); else of a later one in its sentence; else of the previous quote in its
paragraph, or of the open quote it continues; else whoever a colon-ended
sentence before it introduces; else the first name in its sentence; else the
latest speaker, else the latest subject.
"""
from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from typing import Iterator, NamedTuple

from lib import schema
from lib.lexicon import find_places, official_for, officials, organizations, read_lexicon
from lib.text import Sentence, strip_accents

_UPPER = "A-ZÁÉÍÓÚÑÜÀÈÌÒÙÂÊÎÔÛÇÃÕÄËÏÖ"
_LOWER = "a-záéíóúñüàèìòùâêîôûçãõäëïöß"
# A capitalised word: letters and hyphens, an apostrophe only before a capital
# (O’Brien), never the possessive ’s.
_TOKEN = (
    rf"(?:[{_UPPER}]\.)+(?:-[{_LOWER}]+)?"  # initials and "U.S.", "U.S.-based"
    r"|(?:Mr|Mrs|Ms|Dr|Sen|Gen|Gov|Rep|Sr|Jr|St)\."
    rf"|[{_UPPER}](?:[{_UPPER}{_LOWER}\-]|[’'](?=[{_UPPER}]))*"
)
_PARTICLES = r"(?:de|da|del|dos|das|do|di|la|las|los|y|von|van|der|den|bin|al)"
# Words of a name stay on one line: a headline is not the first name of the byline below it.
_SEQUENCE = re.compile(rf"(?<![\w’'-])(?:{_TOKEN})(?:[ \t]+(?:{_PARTICLES}[ \t]+)*(?:{_TOKEN}))*")
_POSSESSIVE = re.compile(r"[’']s?(?!\w)")
_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
_PRONOUN = re.compile(r"(?<![\w’'-])(?:he|she|they|it|He|She|They|It)(?![\w’'-])")
# "the Democratic leader", "the former ambassador", "the head of US diplomacy":
# a definite description of a person already introduced.
_ROLE = re.compile(
    r"(?<![\w-])[Tt]he\s+(?:[\w.-]+\s+){0,3}?"
    r"(?:leader|president|vice\s+president|minister|ambassador|candidate|diplomat|official|spokes(?:person|man|woman)"
    r"|head\s+of\s+[\w. ]{2,20}?|politician|senator|lawmaker|secretary|chief|envoy|prosecutor|attorney\s+general)(?![\w-])",
    re.IGNORECASE,
)
# "the group", "the center", "the experts": an organisation already introduced.
_GENERIC_ORG = re.compile(
    r"(?<![\w-])[Tt]he\s+(?:[\w.-]+\s+){0,2}?(?:group|center|centre|experts|panel|organi[sz]ation|ministry|council"
    r"|mission|report|statement|agency|office|department|body|commission|committee|court|tribunal|watchdog|ngo)(?![\w-])"
)
# "the group" may refer back to "the UN panel of experts", "the court" to a "Tribunal".
_DEFINES = re.compile(r"[ \t]*\(")
_RELATIVE = re.compile(r"\b(?:that|which|who)[ \t]+(?:(?:has|have|had|also|then|later|would|will)[ \t]+)*$")
_SAME_HEAD = {
    head: group
    for group in (("group", "panel", "experts", "mission", "team"), ("court", "tribunal"), ("center", "centre"))
    for head in group
}
_BODY = re.compile(
    r"[ \t]+(?:panel\s+of\s+(?:electoral\s+)?experts|(?:electoral\s+)?experts|government|administration|foreign\s+ministry"
    r"|ministry|delegation|mission|team|group|panel|embassy)(?![\w-])"
)
_ACCORDING_TO = re.compile(r"(?<![\w-])[Aa]ccording\s+to\s+")
_BE = re.compile(r"(?:\b(?:is|are|was|were|be|been|being)\s+)$")
# Between a subject and its verb: adverbs and auxiliaries ("he has also said").
_ADJACENT = re.compile(r"(?:[ \t,]+(?:also|then|later|has|have|had|would|will|again|already|previously|further|only|too|once|\w+ly))*[ \t]*")
# Between a body and the person who speaks for it: role words in lower case.
_ROLE_WORDS = re.compile(r"(?:[ \t]+[a-z][\w-]*){1,4}[ \t]+")
_PREPOSITION = re.compile(r"\b(?:at|in|of|from|to|with|for|on|over|against|about|into|by|during|between|toward|towards|than)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
_AND = re.compile(r"[ \t]+(?:and|&)[ \t]+")
_INVERSION_BEFORE = re.compile(r"[”\"’][ \t]*$")
# Where a reporting verb's clause begins: the subject is looked for after it.
_CLAUSE_START = re.compile(r"[;:]|\bthat\b|—|–")
# What may stand between a closing mark and a reporting verb after it:
# "…,” Lula said" / "…,” National Security Council spokesperson John Kirby said".
_AFTER_GAP = 90

_PUNCTUATION = " \t\n.,;:!?\"'“”‘’…[]()-–—"
_DOUBLE_OPEN, _DOUBLE_CLOSE, _SINGLE_OPEN, _SINGLE_CLOSE = "“", "”", "‘", "’"


class Span(NamedTuple):
    start: int  # first quoted character (after the mark and whitespace)
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, or -1 when left open
    paragraph: int  # offset where its paragraph starts


class Mention(NamedTuple):
    start: int
    end: int
    kind: str  # person, single (lone capitalised word), org, pronoun, role, generic_org
    name: str
    possessive: bool


class Speech(NamedTuple):
    verb_start: int
    verb_end: int
    speaker: str
    kind: str  # kind of the speaker's mention once resolved: person or org


@cache
def _cues() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for row in read_lexicon("quote_cues"):
        kinds.setdefault(row["kind"], set()).add(row["word"].lower())
    return {k: frozenset(v) for k, v in kinds.items()}


@cache
def _verb_pattern() -> re.Pattern[str]:
    verbs = "|".join(sorted(_cues()["verb"], key=len, reverse=True))
    return re.compile(rf"(?<![\w’'-])(?:{verbs})(?![\w’'-])", re.IGNORECASE)


@cache
def _org_names() -> frozenset[str]:
    names = set()
    for code, row in organizations().items():
        names.update(a.lower() for a in row["aliases"].split("|") if a)
        names.add(code.lower())
    return frozenset(names)


def _words(value: str) -> int:
    return len(_WORD.findall(value))


# ---------------------------------------------------------------- spans

def _paragraph_spans(text: str, p_start: int, p_end: int) -> list[Span]:
    """Quoted spans of one paragraph, in order."""
    raw: list[tuple[int, int, int]] = []  # (open mark, close mark or -1, end)
    closers: list[int] | None = None  # marks that can close a single quote, found on first use
    double = -1  # the double mark (“ or ") open now, if any
    last_curly_close = text.rfind(_DOUBLE_CLOSE, p_start, p_end)
    i = p_start
    while i < p_end:
        ch = text[i]
        if double >= 0:
            # Straight marks inside a curly quote that does close are a quote
            # within the quote (“… =HYPERLINK("…")”). Otherwise either kind
            # closes either kind ("“We won," she said"), but a mark that opens
            # a word opens a new quote: the one before lost its closing mark,
            # and ends with its first sentence.
            if ch == '"' and text[double] != '"' and last_curly_close > i:
                pass
            elif ch == _DOUBLE_CLOSE or ch == '"' and not _opens_word(text, i, p_start):
                raw.append((double, i, i))
                double = -1
            elif ch in (_DOUBLE_OPEN, '"'):
                raw.append((double, -1, _first_sentence_end(text, double + 1, i)))
                double = i
        # A ” that starts a word opens a quote: a typo common enough in news text.
        elif ch in (_DOUBLE_OPEN, '"') or ch == _DOUBLE_CLOSE and (i == p_start or text[i - 1].isspace()) and text[i + 1:i + 2].isalnum():
            double = i
        # Single marks count outside double quotes only. A ‘ opens unless it
        # ends a word; a straight ' opens only before a letter after a space
        # ('cannot be trusted'). Either must be closed, except a ‘ in the
        # last paragraph (a text cut off mid-quote): ' is an apostrophe far more often.
        elif ch == _SINGLE_OPEN and (i == p_start or not text[i - 1].isalnum()) or (
            ch == "'" and (i == p_start or text[i - 1].isspace() or text[i - 1] in "([—–") and text[i + 1:i + 2].isalpha()
        ):
            closers = _single_closers(text, p_start, p_end) if closers is None else closers
            k = bisect.bisect_right(closers, i)
            if k < len(closers):
                raw.append((i, closers[k], closers[k]))
                i = closers[k] + 1
                continue
            if ch == _SINGLE_OPEN and p_end == len(text.rstrip()):
                raw.append((i, -1, p_end))
                break
        i += 1
    if double >= 0:
        raw.append((double, -1, p_end))
    spans = []
    for open_mark, close_mark, end in raw:
        start = open_mark + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if _words(text[start:end]) >= 2:
            spans.append(Span(start, end, open_mark, close_mark, p_start))
    return spans


def _opens_word(text: str, i: int, p_start: int) -> bool:
    """A mark at ``i`` that starts a word: after a space or bracket (or the paragraph start), before a letter or digit."""
    return (i == p_start or text[i - 1].isspace() or text[i - 1] in "([—–") and text[i + 1:i + 2].isalnum()


def _single_closers(text: str, p_start: int, p_end: int) -> list[int]:
    """Offsets of the single marks (’ or ') of the paragraph that can close a quote: after a non-space, before no letter."""
    return [
        j for j in range(p_start + 1, p_end)
        if text[j] in "’'" and not text[j - 1].isspace() and (j + 1 >= p_end or not text[j + 1].isalnum())
    ]


_SENTENCE_END = re.compile(r"[.!?…]+(?=\s)")


def _first_sentence_end(text: str, start: int, stop: int) -> int:
    found = _SENTENCE_END.search(text, start, stop)
    return found.end() if found else stop


_PARAGRAPH = re.compile(r"[^\r\n]+")


def find_spans(text: str) -> list[Span]:
    """Every quoted span of two or more words, in text order."""
    spans: list[Span] = []
    for para in _PARAGRAPH.finditer(text):
        spans.extend(_paragraph_spans(text, para.start(), para.end()))
    return spans


def _masked(text: str, spans: list[Span]) -> str:
    """The text with quoted words and their marks blanked out (same length)."""
    chars = list(text)
    for span in spans:
        stop = span.close_mark + 1 if span.close_mark >= 0 else span.end
        for k in range(span.open_mark, stop):
            if not chars[k].isspace():
                chars[k] = " "
    # Scare-quoted single words keep their letters but lose their marks.
    return "".join(chars).translate(str.maketrans({c: " " for c in "“”‘\""}))


# ---------------------------------------------------------------- mentions

class _Places:
    """The article's place mentions (in order, never overlapping), asked whether a word lies inside one."""

    def __init__(self, places):
        self.starts = [p.start for p in places]
        self.ends = [p.end for p in places]

    def cover(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end


def _classify(text: str, start: int, end: int, places: _Places) -> Mention | None:
    surface = text[start:end]
    possessive = bool(_POSSESSIVE.match(text, end))
    cues = _cues()
    tokens = [(m.start() + start, m.end() + start, m.group()) for m in re.finditer(r"\S+", surface)]
    while len(tokens) > 1 and tokens[0][2].lower() in cues["not_name"] | {"the"}:
        tokens.pop(0)
    start = tokens[0][0]
    surface = text[start:end]
    if surface.lower() in _org_names() or (len(tokens) == 1 and surface.isupper() and 2 <= len(surface) <= 6):
        return Mention(start, end, "org", surface, possessive)
    # An organisation: the words from the first capitalised non-title word up
    # to an organisation head ("the U.S.-based Carter Center" -> Carter Center).
    if tokens[-1][2].lower() in cues["org_head"]:
        first = 0
        while first < len(tokens) - 1 and (
            tokens[first][2].lower() in cues["not_name"] or tokens[first][2] == "The" or "-" in tokens[first][2] and tokens[first][2][-1].islower()
        ):
            first += 1
        return Mention(tokens[first][0], end, "org", text[tokens[first][0]:end], possessive)

    # A person: the words after the last title, place, acronym or non-name word
    # ("National Electoral Council President Elvis Amoroso" -> Elvis Amoroso).
    def not_part_of_name(tok: tuple[int, int, str]) -> bool:
        word = tok[2]
        low = word.lower().rstrip(".")
        return (
            low in cues["title"] or low in cues["org_head"] or low in cues["not_name"] or word.isupper() or "." in word
            or low.split("-")[-1] in cues["title"] or places.cover(tok[0], tok[1])
        )

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
    content = [t for t in rest if not re.fullmatch(_PARTICLES, t[2])]
    return Mention(rest[0][0], end, "person" if len(content) >= 2 else "single", name, possessive)


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
        m = _BODY.match(masked, place.end)
        if m:
            add(Mention(place.start, m.end(), "org", masked[place.start:m.end()], bool(_POSSESSIVE.match(masked, m.end()))))
        elif place.kind == "organization":
            add(Mention(place.start, place.end, "org", place.surface, bool(_POSSESSIVE.match(masked, place.end))))
    for pattern, kind in ((_ROLE, "role"), (_GENERIC_ORG, "generic_org")):
        for m in pattern.finditer(masked):
            add(Mention(m.start(), m.end(), kind, m.group(), bool(_POSSESSIVE.match(masked, m.end()))))
    for m in _SEQUENCE.finditer(masked):
        mention = _classify(masked, m.start(), m.end(), place_index)
        if mention:
            add(mention)
    for m in _PRONOUN.finditer(masked):
        add(Mention(m.start(), m.end(), "pronoun", m.group(), False))
    mentions.sort()
    return mentions


@lru_cache(maxsize=65536)  # the same few names are folded thousands of times per corpus
def _fold(name: str) -> str:
    return strip_accents(name).lower()


class _Names:
    """Resolves a name mention to the article's fullest spelling of that person."""

    def __init__(self, mentions: list[Mention]):
        full = [m for m in mentions if m.kind == "person"]
        # Each spelling once, in order of first appearance: an article that
        # names the same people a thousand times is not searched a thousand times.
        self.spellings = {m.name: frozenset(_fold(m.name).split()) for m in full}
        self.by_word: dict[str, tuple[list[int], list[str]]] = {}  # word -> (starts, names) of the full names with it
        for m in full:
            for word in self.spellings[m.name]:
                starts, names = self.by_word.setdefault(word, ([], []))
                starts.append(m.start)
                names.append(m.name)
        self.surnames = {}
        for official in officials():
            for alias in (official.name, *official.aliases):
                if " " not in alias:
                    self.surnames[_fold(alias)] = official.name
        self._fullest: dict[str, str] = {}

    def fullest(self, name: str) -> str:
        if name not in self._fullest:
            words = set(_fold(name).split())
            best, best_size = name, len(words)
            for other, other_words in self.spellings.items():
                if words <= other_words and len(other_words) > best_size:
                    best, best_size = other, len(other_words)
            self._fullest[name] = best
        return self._fullest[name]

    def resolve_single(self, mention: Mention, adjacent_to_verb: bool) -> str | None:
        word = _fold(mention.name)
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


# ---------------------------------------------------------------- speakers

class _Resolver:
    """Turns mentions into speaker names, remembering the latest speaker and person."""

    def __init__(self, text: str, masked: str, mentions: list[Mention]):
        self.text = text
        self.masked = masked
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.names = _Names(mentions)
        self.speeches: list[Speech] = []
        self.speech_starts: list[int] = []  # verb offsets, once every speech is found and sorted
        self.subjects: list[tuple[int, str]] = []  # (offset, person) opening a sentence
        # "Democratic Unitary Platform (PUD)": the acronym speaks under the full name.
        self.acronyms: dict[str, str] = {}
        for previous, m in zip(mentions, mentions[1:]):
            if m.kind == "org" and m.name.isupper() and previous.kind == "org" and _DEFINES.fullmatch(masked, previous.end, m.start):
                self.acronyms.setdefault(m.name, previous.name)

    def speeches_in(self, start: int, end: int) -> list[Speech]:
        """The speech events whose verb starts in [start, end), in order."""
        return self.speeches[bisect.bisect_left(self.speech_starts, start):bisect.bisect_left(self.speech_starts, end)]

    def before(self, offset: int) -> list[Mention]:
        return self.mentions[: bisect.bisect_left(self.starts, offset)]

    def latest_person(self, before: int) -> str:
        for m in reversed(self.before(before)):
            name = self.names.fullest(m.name) if m.kind == "person" else self.names.resolve_single(m, False) if m.kind == "single" else None
            if name:
                return name
        return ""

    def latest_speaker(self, before: int) -> str:
        for speech in reversed(self.speeches):
            if speech.verb_start < before and speech.speaker:
                return speech.speaker
        return ""

    def latest_subject(self, before: int) -> str:
        return next((n for o, n in reversed(self.subjects) if o < before), "") or self.latest_person(before)

    def latest_org(self, before: int, head: str) -> str:
        """The organisation a phrase like "the center" or "the group" refers back to."""
        speakers = [s.speaker for s in reversed(self.speeches) if s.verb_start < before and s.kind == "org"]
        named = [m.name for m in reversed(self.before(before)) if m.kind == "org"]
        heads = _SAME_HEAD.get(head, (head,))
        for name in speakers + named:
            if any(h in name.lower() for h in heads):
                return name
        return (speakers + named + [""])[0]

    def fullest_org(self, mention: Mention) -> str:
        """An organisation's first full name: "UN group" after "UN panel of experts" is that panel."""
        name = self.acronyms.get(mention.name, mention.name)
        words = name.split()
        heads = _SAME_HEAD.get(words[-1].lower())
        if len(words) > 1 and heads:
            for m in self.before(mention.start):
                if m.kind == "org" and m.name != name and m.name.split()[0] == words[0] and any(h in m.name.lower() for h in heads):
                    return m.name
        return name

    def resolve(self, mention: Mention, adjacent_to_verb: bool) -> tuple[str, str] | None:
        """(name, kind) of a mention's referent, or None when it names nobody."""
        if mention.kind == "person":
            return self.names.fullest(mention.name), "person"
        if mention.kind == "single":
            name = self.names.resolve_single(mention, adjacent_to_verb)
            return (name, "person") if name else None
        if mention.kind == "org":
            return self.fullest_org(mention), "org"
        if mention.kind == "pronoun" and mention.name.lower() in ("they", "it"):
            # A body or a group of people that spoke last.
            speech = next(
                (s for s in reversed(self.speeches) if s.verb_start < mention.start and (s.kind == "org" or " and " in s.speaker)),
                None,
            )
            return (speech.speaker, speech.kind) if speech else None
        if mention.kind in ("pronoun", "role"):
            # The latest person to speak or to open a sentence as its subject.
            speech = next((s for s in reversed(self.speeches) if s.verb_start < mention.start and s.speaker and s.kind == "person"), None)
            subject = next(((o, n) for o, n in reversed(self.subjects) if o < mention.start), None)
            if speech and (not subject or speech.verb_start > subject[0]):
                return speech.speaker, "person"
            name = subject[1] if subject else self.latest_person(mention.start)
            return (name, "person") if name else None
        if mention.kind == "generic_org":
            name = self.latest_org(mention.start, mention.name.split()[-1].lower())
            return (name, "org") if name else None
        return None

    def in_range(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def subject(self, clause_start: int, verb_start: int) -> tuple[str, str] | None:
        """Who a reporting verb reports: the mention right before it ("he
        promised", "Blinken also said"), else its clause's first mention that
        is neither a possessive nor the object of a preposition."""
        candidates = [m for m in self.in_range(clause_start, verb_start) if not m.possessive]
        if candidates and _ADJACENT.fullmatch(self.masked, candidates[-1].end, verb_start):
            found = self.resolve(candidates[-1], True)
            # "González and Machado thanked": both speak.
            if found and len(candidates) > 1 and candidates[-2].kind in ("person", "single") and _AND.fullmatch(self.masked, candidates[-2].end, candidates[-1].start):
                other = self.resolve(candidates[-2], True)
                if other:
                    found = (f"{other[0]} and {found[0]}", found[1])
            if found:
                return found
        for i, m in enumerate(candidates):
            if _PREPOSITION.search(self.masked, max(clause_start, m.start - 20), m.start):
                continue
            # "HRW Americas director Juanita Goebertus": the person, not the body.
            if i + 1 < len(candidates) and candidates[i + 1].kind == "person" and _ROLE_WORDS.fullmatch(self.masked, m.end, candidates[i + 1].start):
                m = candidates[i + 1]
            # "the president of the CNE, Elvis Amoroso, said": the name in apposition.
            elif m.kind == "role":
                named = next((c for c in candidates[i + 1:] if c.kind == "person" and self.masked[max(0, c.start - 3):c.start].rstrip().endswith(",")), None)
                m = named or m
            found = self.resolve(m, False)
            if found:
                return found
        return None

    def antecedent(self, sentence_start: int, relative: int) -> tuple[str, str] | None:
        """"the Carter Center, which said" / "the ruling that certifies": the noun before the relative pronoun."""
        for m in reversed(self.in_range(max(sentence_start, relative - 60), relative)):
            if not m.possessive and m.kind not in ("pronoun",):
                return self.resolve(m, False)
        return None

    def inverted_subject(self, verb_start: int, verb_end: int, limit: int) -> tuple[str, str] | None:
        """"…,” said Machado": the name right after a verb that follows a quote or comma."""
        if not _INVERSION_BEFORE.search(self.text, max(0, verb_start - 4), verb_start):
            return None
        after = self.in_range(verb_end, limit)
        if after and after[0].kind in ("person", "single", "org") and not self.masked[verb_end:after[0].start].strip():
            return self.resolve(after[0], True)
        return None


def _clause_start(masked: str, sentence_start: int, verb_start: int) -> int:
    start = sentence_start
    for m in _CLAUSE_START.finditer(masked, sentence_start, verb_start):
        start = m.end()
    return start


def _speeches(masked: str, sentences: list[Sentence], resolver: _Resolver) -> None:
    """Every reporting verb of the article with its speaker, in text order."""
    verb_re = _verb_pattern()
    for sentence in sentences:
        opening = next(
            (m for m in resolver.in_range(sentence.start, sentence.end)
             if m.kind in ("person", "single", "org", "pronoun", "role")
             and not _PREPOSITION.search(masked, max(sentence.start, m.start - 20), m.start)),
            None,
        )
        # "The president of Mexico, Claudia Sheinbaum, will …": the name in apposition.
        if opening and opening.kind == "role":
            opening = next((m for m in resolver.in_range(opening.end, sentence.end) if m.kind == "person" and masked[m.start - 2:m.start] == ", "), opening)
        if opening and opening.kind in ("person", "single") and not opening.possessive:
            found = resolver.resolve(opening, False)
            if found:
                resolver.subjects.append((opening.start, found[0]))
        for m in verb_re.finditer(masked, sentence.start, sentence.end):
            if _BE.search(masked, max(sentence.start, m.start() - 12), m.start()):
                continue  # "was declared the winner": passive, not a report
            clause = _clause_start(masked, sentence.start, m.start())
            relative = _RELATIVE.search(masked, sentence.start, m.start())
            found = (
                resolver.inverted_subject(m.start(), m.end(), sentence.end)
                or (resolver.antecedent(sentence.start, relative.start()) if relative else None)
                or resolver.subject(clause, m.start())
                or (resolver.subject(sentence.start, m.start()) if clause > sentence.start else None)
            )
            resolver.speeches.append(Speech(m.start(), m.end(), *(found or ("", ""))))
        for m in _ACCORDING_TO.finditer(masked, sentence.start, sentence.end):
            mentions = resolver.in_range(m.end(), sentence.end)
            if mentions and mentions[0].start == m.end():
                found = resolver.resolve(mentions[0], True)
                if found:
                    resolver.speeches.append(Speech(m.start(), m.end(), *found))
    resolver.speeches.sort()
    resolver.speech_starts = [s.verb_start for s in resolver.speeches]


def _speaker_after(span: Span, resolver: _Resolver, p_end: int, sentences: list[Sentence], starts: list[int]) -> str | None:
    """The speaker of a reporting verb right after the closing mark."""
    if span.close_mark < 0:
        return None
    start = span.close_mark + 1
    masked = resolver.masked
    window = masked[start:min(p_end, start + _AFTER_GAP)]
    gap = re.match(r"[\s,.;:!?—–-]*", window).end()
    for speech in resolver.speeches_in(start + gap, start + len(window)):
        between = masked[start + gap:speech.verb_start]
        if _words(between) > 7 or re.search(r"[.;!?](?:\s|$)", between):
            return None
        # "…standards.” The court claimed that …" starts a new report; "…
        # blackmail.” González explained." closes the quote's own sentence.
        sentence = _sentence(sentences, starts, speech.verb_start)
        if sentence and sentence.start > span.end:
            rest = masked[speech.verb_end:sentence.end]
            if _words(rest) > 6 or re.search(r"\bthat\b", rest):
                return None
        return speech.speaker or None
    return None


def _speaker_country(speaker: str) -> str:
    official = official_for(speaker) if speaker else None
    if official:
        return official.country_code
    for place in find_places(speaker):
        if place.kind == "organization" or place.surface != speaker:
            return place.code
    return ""


def quotes(article_id: str, text: str, *, sentences: list[Sentence]) -> Iterator[tuple]:
    """Yield a ``QUOTES.Row`` per quoted span of two or more words."""
    spans = find_spans(text)
    if not spans:
        return
    masked = _masked(text, spans)
    resolver = _Resolver(text, masked, find_mentions(masked))
    _speeches(masked, sentences, resolver)
    starts = [s.start for s in sentences]
    paragraphs = {p.start(): p.end() for p in _PARAGRAPH.finditer(text)}
    previous: dict[int, str] = {}  # paragraph -> speaker of its latest quote
    left_open = ""  # speaker of a quote left open at the end of its paragraph
    rows = []
    for span in spans:
        first = _sentence(sentences, starts, span.start)
        last = _sentence(sentences, starts, span.end - 1)
        s_start = min(first.start if first else span.start, span.start)
        s_end = max(last.end if last else span.end, span.end)
        speaker = (
            _speaker_before(span, resolver, s_start)
            or _speaker_after(span, resolver, paragraphs[span.paragraph], sentences, starts)
            or _speaker_later(span, resolver, s_end)
            or previous.get(span.paragraph)
            # A paragraph that opens with a mark continues the quote left open above.
            or (left_open if span.open_mark == span.paragraph else "")
            or _speaker_introduced(span, resolver, s_start, sentences, starts)
            or _first_named(resolver, s_start, span.open_mark)
            or resolver.latest_speaker(span.open_mark)
            # An unattributed quote after "Sheinbaum will send …" is hers.
            or resolver.latest_subject(span.open_mark)
        )
        previous[span.paragraph] = speaker
        left_open = speaker if span.close_mark < 0 else ""
        rows.append(schema.QUOTES.Row(
            article_id, text[span.start:span.end], speaker, _speaker_country(speaker),
            span.start, span.end, s_start, s_end,
        ))
    # Words quoted twice (a headline repeating the body) are one quote; its
    # speaker is the person named, if any occurrence names one, over a body
    # ("US government says …" in the headline, "Blinken said" in the body).
    people = {s.speaker for s in resolver.speeches if s.kind == "person"} | {n for _, n in resolver.subjects}
    chosen: dict[str, schema.QUOTES.Row] = {}
    for row in rows:
        key = _fold(row.quote).strip(_PUNCTUATION)
        if key not in chosen or (row.speaker in people and chosen[key].speaker not in people):
            chosen[key] = row
    yield from sorted(chosen.values(), key=lambda r: r.start)


def _sentence(sentences: list[Sentence], starts: list[int], offset: int) -> Sentence | None:
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and sentences[i].start <= offset < sentences[i].end:
        return sentences[i]
    return None


def _speaker_before(span: Span, resolver: _Resolver, s_start: int) -> str:
    """The speaker of the last reporting verb before the quote in its sentence."""
    before = [s for s in resolver.speeches_in(s_start, span.open_mark) if s.speaker]
    return before[-1].speaker if before else ""


def _speaker_later(span: Span, resolver: _Resolver, s_end: int) -> str:
    """ "… are committing “…” against protesters, HRW said Tuesday": a report later in the sentence."""
    later = [s for s in resolver.speeches_in(span.end, s_end) if s.speaker]
    return later[0].speaker if later else ""


def _speaker_introduced(span: Span, resolver: _Resolver, s_start: int, sentences, starts) -> str:
    """ "X issued the following statement:" introduces the quote below it."""
    intro = resolver.masked[:s_start].rstrip()
    prior = _sentence(sentences, starts, len(intro) - 1) if intro.endswith(":") else None
    if not prior:
        return ""
    speeches = [s for s in resolver.speeches_in(prior.start, prior.end) if s.speaker]
    return speeches[-1].speaker if speeches else _first_named(resolver, prior.start, prior.end)


def _first_named(resolver: _Resolver, start: int, end: int) -> str:
    """The first person or organisation named in [start, end) (not a possessive)."""
    for m in resolver.in_range(start, end):
        if not m.possessive and m.kind in ("person", "org"):
            found = resolver.resolve(m, False)
            if found:
                return found[0]
    return ""

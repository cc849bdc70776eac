"""International positions: which country or organisation takes which stance on the result.

Rules, no model. Each sentence is read in three steps:

1. **Cues.** Every stance row of ``lib/lexicons/stance_cues.csv`` is a
   case-insensitive regex ("refused to recognize Maduro", "congratulated",
   "called for the publication of ..."), read with scare quotes blanked; a
   row's group ``cue``, if it has one, is the cue and the rest of its match
   context ("González, whom A and B recognise as the winner"). A ``same`` row
   ("did the same") repeats the stance of the cue before it. A cue about
   another contest (``contests.csv``: "the 2018 election", unless the cue's
   clause names this one: "now rejects the July 28 result"), a ``hypothetical``
   one under a ``condition`` ("would recognise González if ...", a demand when
   the condition is the ``records``) and a cue that a longer negated cue
   contains give nothing of their own; a rejection under a ``hedge``
   ("concerned that the result does not reflect ...") is a demand, and a
   congratulation whose object is a foreign actor ("congratulated Claudia
   Sheinbaum") is none. Sentences without a cue stop here.
2. **Mentions.** Countries and organisations (:func:`lib.lexicon.find_places`)
   and officials (:func:`lib.lexicon.find_officials`, Blinken -> USA) are
   *actors*. Venezuela and its officials, and the ``non_actor`` phrases of the
   cue file (opposition, CNE, NGOs, observers) are *non-actors*: they hold no
   stance, and when one is the subject of a cue the cue is theirs. An
   organisation in an ``observer`` context ("UN panel of experts") and anyone
   after a ``former`` word are non-actors too, and so is an official the
   article titles as a ``legislator`` anywhere ("Florida Senator Marco
   Rubio"). A mention after a locative
   preposition ("in Panama", "fled to Spain") or used as a possessive
   determiner ("the CNE's results") is not a subject; "Spain's Foreign
   Minister" is (a role noun follows), and so is "from" after a statement or
   a body's members ("a statement from Peru", "ministers, from Canada ...").
   A demonym is a state only before a role noun ("the Argentine government";
   "Argentine journalist" is a nationality). A mention after an exception word
   ("except Cuba, Nicaragua and Bolivia", "apart from Hungary"), with the rest
   of its list, is no subject either.
3. **Holders.** A cue belongs to the nearest subject before it in the same
   clause, widened to the list it is coordinated with ("Chile, Argentina, ...
   and Uruguay rejected", "Several countries, including the United States and
   the EU, have refused"; a possessive joins a country to its person:
   "Ecuador's Noboa, Peru's Boluarte and ..."); "these countries" points back to
   the last list; an unnamed group takes the list after a copula or a colon
   ("Among those who congratulated Maduro were A, B and C", "The following
   governments signed ...: A, B and C").
   A foreign actor as the direct subject of an ``act`` of fraud ("the United
   States had tried to steal the election") is the accused, no holder.
   A ``negation`` word between the list and the cue, or just before the list,
   cancels it ("would not attend the inauguration", "ruled out recognizing
   González"); a negated recognition of Maduro is matched by ``rejects_result``
   rows of its own. A passive cue ("congratulated by China, Russia ...")
   belongs to the actors after it (a participle after "be", or an action noun
   before "from": "congratulations from China"); a cue inside a quotation to
   the subject inside it, else to its speaker (after it, before it, "they",
   or "X said:" before it, also across the sentences and paragraphs of a
   quotation block it opens); a statement with no subject to the
   speaker after its comma ("..., Chile's foreign ministry said."); "he"/"she"
   with no subject (or speaking after a quotation) to the first person named in
   the previous sentence (an official, or a country's role: "Argentina's foreign
   minister"), "its foreign ministry" to that sentence's first actor, and
   "they" or "the bloc" to the last list (or single organisation) before.

A ``reversal`` row of the cue file ("now recognises", "no longer", "reversed
its position", "withdrew its recognition", "restored relations") marks the
stance cues after it in its clause as a *change* of position: their rows have
``reversal = 1``, and the dashboard's as-of logic lets such a row reset the
actor's history from its article's date (``app.selection.positions_as_of``).

Per article each actor keeps its strongest stance (``schema.STANCE_RANK``),
first mention first on a tie; a reversal outranks every stance the same
article reports as held before it. For speed, each cue, reversal, non-actor
and signatory row is run only on sentences containing one of its ``needs``
(literals in the CSV, one of which every match contains; all rows' literals
are looked for in one pass per sentence, with the other extractors' ones:
:class:`lib.extract.literals.Literals`), so
most sentences cost that pass alone; patterns are compiled once, on first use.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache, cached_property
from typing import Callable, Iterable, Iterator, NamedTuple

from lib import schema
from lib.extract.literals import Literals, register, rows_in
from lib.lexicon import actor_name, actor_type, find_officials, find_places, needs_of, quote_cues, read_lexicon, word_alternation
from lib.text import Sentence

VENEZUELA = "VEN"
STANCE_KINDS = frozenset(schema.STANCES)
# Cue kind for an ellipsis ("did the same"): it repeats the stance of the cue before it.
SAME = "same"
CUE_KINDS = STANCE_KINDS | {SAME}
NON_ACTOR = frozenset({"non_actor"})
REVERSAL = frozenset({"reversal"})
SIGNATORIES = frozenset({"signatories"})
# How far (characters) before a stance cue a reversal marker still marks it ("now formally recognises").
REVERSAL_REACH = 60
# How far (characters) before a rejection a ``hedge`` ("concerned that ...") still governs it.
HEDGE_REACH = 160

# Words that end a clause for the purpose of finding a cue's subject.
_CLAUSE_BREAK = re.compile(r";|\s[-–—]\s|\b(?:but|while|whereas|although|though|however)\b", re.I)
# A mention right after one of these is a place or an object, not a subject
# ("in Panama", "urged CARICOM to recognise": the one urging holds the stance, not CARICOM;
# "Russia accused the US of interfering and congratulated Maduro": the accused is an object).
# "to" marks a goal or an addressee ("flights to Venezuela", "the US ambassador to the UN said"), unless
# it is "according to" ("According to Peru, the results are not credible").
# ", along with B," and ", together with B," add a co-subject to the list before them
# ("Brazil, along with Colombia, called ..."); a sentence opening "Together with the EU, we ..." does not.
_LOCATIVE = re.compile(
    r"\b(?:in|(?<!according\s)to|from|at|into|(?<!,\salong\s)(?<!,\stogether\s)with|against|toward|towards|between|among|across|inside|outside|throughout|over|on|"
    r"via|visit\w*|fled\s+to|flew\s+to|travel\w*\s+to|arrived\s+in|exile\s+in|asylum\s+in|ties\s+with|"
    r"relations\s+with|talks\s+with|met\s+with|meeting\s+with|stands?\s+with|"
    r"urg\w*|ask\w*|exhort\w*|invit\w*|encourag\w*|call\w*\s+(?:on|upon)|accus\w*|blam\w*|criticis\w*|criticiz\w*|"
    r"prais\w*|warn\w*|told|tells?)\s+(?:the\s+)?$",
    re.I,
)
# A capital after these is its country's government, not a place ("the government in Brasilia rejected ...").
_SEAT = re.compile(r"\b(?:government|administration|authorities|leadership)\s+in\s+$", re.I)
# A mention after one of these, and the rest of the list it opens, is left out of what the sentence says
# ("Most countries, with the exception of Cuba, Nicaragua and Bolivia, refused to recognise the results").
_EXCEPT = re.compile(
    r"\b(?:except(?:\s+for)?|excepting|exception\s+of|apart\s+from|other\s+than|excluding|save\s+for|unlike|besides)\s+(?:the\s+)?$", re.I
)
# After "X's", these nouns make X the speaker ("Brazil's foreign ministry said").
_ROLE_NOUNS = frozenset(
    "government president foreign prime minister ministry administration leader chancellor secretary "
    "spokesperson spokesman spokeswoman ambassador envoy top congress parliament senate delegation "
    "representative officials official diplomat state vice high head deputy cabinet executive "
    "council commission resolution motion".split()
)
_POSSESSIVE = re.compile(r"^['’]s\s+(\w+)")
# A demonym names a state only before one of the role nouns (in its first two words: "the Argentine
# government", "Brazilian President Lula", "the Peruvian foreign ministry"); before anything else it is
# a nationality ("Argentine journalist Jorge Lanata", "the Spanish newspaper El País").
_DEMONYM_ROLES = _ROLE_NOUNS | frozenset(
    "authorities pm counterpart chancellery diplomacy side leadership regime statement communiqué communique declaration "
    "position stance response reaction decision decree note".split()
)
_NEXT_WORDS = re.compile(r"\s+([\w-]+)(?:\s+([\w-]+))?")


# Demonyms coordinated before one role noun ("the Brazilian and Colombian governments", "the Peruvian, Chilean and
# Uruguayan foreign ministries"): each is a state, the role noun after the last one counts for all.
_DEMONYM_CHAIN = re.compile(r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)[A-Z][\w-]+){1,8}")


def _nationality(text: str, end: int) -> bool:
    """A demonym ending at ``end`` is a nationality: no role noun in the two words after it (or after the demonyms
    coordinated with it)."""
    chain = _DEMONYM_CHAIN.match(text, end, end + 200)
    words = _NEXT_WORDS.match(text, chain.end() if chain else end, end + 260)
    return not words or not any(w and (w.lower() in _DEMONYM_ROLES or w.lower().rstrip("s") in _DEMONYM_ROLES) for w in words.groups())


# Separators inside a coordinated list of actors; "Foreign Ministers of A, B and the High
# Representative of C" is one list of signatories, and so is "A joined B in recognising ...";
# "Ecuador's Noboa, Peru's Boluarte and Argentina's Milei" is one list of three (a possessive joins a country to its person);
# "The governments of A and B, together with those of C and D," one list of four; "the Peruvian foreign ministry,
# Chile and Uruguay" one of three (a demonym's organ).
_COORDINATION = re.compile(
    r"(?:[\s,()]|['’]s\b|\b(?:and|or|nor|as\s+well\s+as|along\s+with|together\s+with|join(?:ed|s)?|plus|including|such\s+as|by|from|of|the|those|nation|"
    r"(?:foreign\s+|prime\s+)?ministers?|(?:foreign\s+)?ministry|presidents?|chancellors?|high\s+representative|leaders?|heads?\s+of\s+(?:state|government)|"
    r"governments?(?:\s+in)?)\b)*",
    re.I,
)
# Between the members of a plain list: "Colombia, Spain and the UK".
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?", re.I)
# A list of actors points back ("these countries", "the bloc", "the nine governments",
# "both countries", "the signatories") to the last list, in this sentence or before.
_ANAPHOR = re.compile(
    r"\b(?:(?:these|those|both|all|several|the\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+))\s+"
    r"(?:countries|governments|nations|states|heads\s+of\s+state|leaders|signatories|members)|"
    r"the\s+(?:\d+-(?:nation|member|country)\s+|regional\s+|(?:South|Latin)\s+American\s+|Caribbean\s+)?"
    r"(?:group|bloc|signatories|co-?sponsors|signatory\s+(?:countries|governments|states)))\b",
    re.I,
)
# A sentence opening on an unnamed group that holds its cue names the group after a copula
# ("Among those who congratulated Maduro were A, B and C", "The countries that rejected the results include A and B").
_AMONG = re.compile(
    r"\W*(?:among\s+(?:those|them|the\s+(?:[\w-]+\s+)?(?:countries|governments|nations|states|leaders|presidents))|"
    r"(?:the\s+)?(?:[\w-]+\s+)?(?:countries|governments|nations|states|leaders|presidents)\s+(?:that|which|who))\b",
    re.I,
)
_LISTED_AFTER = re.compile(r"\b(?:were|are|include[sd]?)\s+(?:so\s+far\s+)?(?:the\s+)?", re.I)
# "... , including A, B and C" after a cue whose subject names no one: the actors listed.
_INCLUDING = re.compile(r"\b(?:including|such\s+as|among\s+them|namely|notably)\b", re.I)
# A sentence opening "These include A, B and C" names the holders of the previous sentence's unnamed cue.
_CATAPHOR = re.compile(r"^\W*(?:these|they|those)\s+(?:include|included|are|were)\b|^\W*among\s+them\b", re.I)
# Fewest coordinated actors that make a signatory list ("A, B and C").
MIN_LIST = 3
# A non-actor blocks a cue only when it is the subject of a verb before it: a reporting verb
# (the one list, ``quote_cues.csv``), an auxiliary, or a verb of showing evidence.
_AUXILIARIES_AND_EVIDENCE = "has have had is are was were will would could can did does found published presented showed shows"


@cache
def _subject_verb() -> re.Pattern[str]:
    return _verb_after(quote_cues()["verb"] | set(_AUXILIARIES_AND_EVIDENCE.split()), 3)


@cache
def _reporting_verb() -> re.Pattern[str]:
    """A reporting verb right after a name, past adverbs and auxiliaries ("said", "has also said")."""
    return _verb_after(quote_cues()["verb"], 2)


def _verb_after(verbs: Iterable[str], words: int) -> re.Pattern[str]:
    """One of ``verbs`` after at most ``words`` other words."""
    return re.compile(rf"\W*(?:\S+\s+){{0,{words}}}?(?:" + word_alternation(verbs) + r")\b", re.I)


# "by" after "led", "chaired", "headed", "presided (over)" names the head of the subject, who speaks for it
# ("The Government chaired by Gabriel Boric made a call ..."), not an agent.
_AGENT = re.compile(r"\b(?<!led\s)(?<!chaired\s)(?<!headed\s)(?<!presided\s)(?<!over\s)by\s+(?:the\s+)?$", re.I)
# "from" after a statement names its issuer, not a place ("A statement from Peru's foreign ministry rejected ...").
# So does "from" after the members of a body ("The G7 foreign ministers, from Canada, France ...").
_ISSUER = re.compile(
    r"\b(?:statement|declaration|communiqu\w+|message|letter|note|telegram|readout|ministers?|leaders?|presidents?|"
    r"heads\s+of\s+(?:state|government)|delegations?|representatives?)s?\s*,?\s+(?:issued\s+)?from\s+(?:the\s+)?$",
    re.I,
)
# A cue ending in a participle and followed by "by"/"from" is passive ("congratulated by China");
# so is one ending in an action noun ("congratulations from China", "criticism from the US");
# "by" + gerund is a means ("ensure transparency by making the records public").
_PARTICIPLE_ENDINGS = ("ed", "en")
_NOMINAL_ENDINGS = ("ion", "ions", "ism")
_AGENT_HEAD = re.compile(r"\s+(?:the\s+)?")
_PASSIVE_BY = re.compile(r"^\s*(?:\w+ly\s+|also\s+)?(?:by|from)\b(?!\s+\w+ing\b)", re.I)
# After "be" + participle the agent may follow the verb's complement ("was recognised as president-elect of Venezuela
# by the United States", "was congratulated on his re-election by Russia").
_PASSIVE_BY_AFTER = re.compile(r"^\s*(?:\w+ly\s+)?(?:as|on|of|for)\s+[^,;:.“”\"]{0,80}?\s(?:by|from)\b(?!\s+\w+ing\b)", re.I)
# A cue opening with a participle after a form of "be" is passive too ("was recognised as president-elect by A").
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+|also\s+)?$", re.I)
# A verb coordinated right after a non-actor ("announced his support for González and has recognized him as the
# winner") shares the subject of the verb before it: the non-actor is that verb's object, not this one's subject.
_SHARED_SUBJECT = re.compile(r",?\s+(?:and|but|or)\s+(?:\w+ly\s+|also\s+)?(?:has|have|had|is|are|was|were|will|would|could|can|did|does)\b", re.I)
# What lies between a subject and its own verb: auxiliaries, an adverb, an attempt ("had tried to steal").
_DIRECT_SUBJECT = re.compile(
    r"\s+(?:(?:has|have|had|was|were|is|are|would|will|could|did)\s+)?(?:\w+ly\s+)?"
    r"(?:(?:tried|trying|tries|attempted|attempting|sought|seeking|wanted|wants|plotted|plotting|conspired|helped)\s+to\s+)?",
    re.I,
)
# A role that names a person of the country before it ("Argentina's foreign minister", "the Uruguayan president",
# "US Secretary of State") or after it ("the president of Guatemala"); a ministry or a government is no "he".
_PERSON_ROLE = r"(?:president|prime\s+minister|foreign\s+minister|minister|chancellor|foreign\s+secretary|secretary\s+of\s+state|" \
    r"spokes(?:man|woman|person)|ambassador|envoy|leader|head\s+of\s+state)"
_PERSON_AFTER = re.compile(r"(?:['’]s)?\s+(?:new\s+|leftist\s+|conservative\s+|right-wing\s+|left-wing\s+|top\s+)?" + _PERSON_ROLE + r"\b(?!\s*['’]s)", re.I)
_PERSON_BEFORE = re.compile(_PERSON_ROLE + r"\s+of\s+(?:the\s+)?$", re.I)
# The speaker right after a quotation: "he"/"she", or a surname ('..., Quispe said').
_PRONOUN_SPEAKER = re.compile(r"\W*(?:he|she)\s+(?:\w+ly\s+)?(?:said|says|added|wrote|told|stated|declared|insisted|stressed)\b", re.I)
_NAME_SPEAKER = re.compile(r"\W*([A-Z][\w-]+)\s+(?:\w+ly\s+)?(?:said|says|added|wrote|told|stated|declared|insisted|stressed)\b")
# A congratulation whose direct object is a foreign actor ("congratulated Mexico's president-elect",
# "congratulations to Argentina") congratulates that actor, not Maduro; "congratulations from China" are China's.
_CONGRATULATION = re.compile(r"congratulat", re.I)
_CONGRATULATED = re.compile(r"\s+(?:(?:to|the|its|their|his|her|president|prime\s+minister|leader|people\s+of)\s+)*", re.I)
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she)\b", re.I)
# A speaker after the statement: ", Chile's foreign ministry said", ", said Petro", ", according to Argentina".
_TRAILING_SPEAKER = re.compile(r",\s*(according\s+to\s+|(?:said|says|added|stated|wrote|told\s+\w+)\s+)?(?:the\s+)?", re.I)
# An opening subordinate clause is background, not a statement ("Amid claims the vote was rigged, the US said.").
_SUBORDINATE = re.compile(r"\W*(?:amid|after|despite|following|before|as|since|because|with|over|given|while|if|when|in\s+response\s+to)\b", re.I)
# What may follow that speaker's verb: a short adjunct to the sentence end ("in a statement.", "on Friday."),
# no new statement ("said the country would not attend").
_REPORT_END = re.compile(r"(?![^.]{0,40}?\b(?:that|would|will|was|were|is|are|has|had|could|should|must)\b)[^,;:.“\"]{0,40}[.!]?\s*$", re.I)
# "they" with no actor before it in its clause, or as the speaker right after a quotation ("...," they said),
# points back to the last list of actors of the sentence before.
_THEY = re.compile(r"\bthey\b", re.I)
# A clause opening on the organs of an actor named before ("Its foreign ministry said", "The country's president ...").
_ITS = re.compile(
    r"\W*(?:its|the\s+country['’]s)\s+(?:[\w-]+\s+){0,2}?(?:foreign\s+ministry|government|ministry|foreign\s+minister|president|"
    r"prime\s+minister|leader|chancellery|chancellor|foreign\s+office|administration|spokes(?:man|woman|person))\b",
    re.I,
)
# "It" as the subject right before a cue, past adverbs and auxiliaries ("It also called", "It has since recognised").
_IT = re.compile(r"\W*it\s+(?:(?:also|\w+ly|since|then|later|further|too|has|have|had|was|is|will|would|did|does)\s+)*", re.I)
_THEY_SPEAKER = re.compile(r"\W*they\b", re.I)
# A document as the speaker right after a quotation ('..., the joint statement said').
_DOCUMENT_SPEAKER = re.compile(
    r"\W*(?:the|a|their|its)\s+(?:joint\s+)?(?:statement|document|declaration|communiqu\w+|letter|text|resolution)\s+"
    r"(?:said|says|read|reads|added|stated|states)\b",
    re.I,
)
# Quotation marks; ’ between letters is an apostrophe ("I’m", "Maduro’s"), not a closing quote.
_OPEN_QUOTE = re.compile(r"“|‘(?<!\w.)")  # the look-behind after the mark: the engine jumps from mark to mark
_CLOSE_QUOTE = re.compile(r"”|’(?!\w)")
_STRAIGHT_QUOTE = re.compile('"')
# Fewer words than this between quotation marks is a scare-quoted term, not a quotation.
MIN_QUOTE_WORDS = 4
# How far (characters) before a subject list a negation still governs it ("Neither the US nor ...").
NEGATION_LEAD = 12
# How far (characters) a speaker may follow the end of a quotation.
SPEAKER_WINDOW = 120
# How far (characters) a cue looks back for its subject and forward for its clause end, and how
# far back a list of actors may reach: bounded windows keep the time linear in the sentence length.
CLAUSE_WINDOW = 400
LIST_WINDOW = 1500
# How reliable each route to a holder is: (correct + 1) / (rows + 2) measured on the tune halves of
# dev2a/dev2b and the old gold (list 14/14, clause 49/52, passive 11/11, anaphora 6/6, quote 5/5,
# pronoun no rows yet: an uninformed 0.5). Re-measure when a route changes. Re-measured after issue 11's
# wider grammar (a speaker after a statement counts as quote, "they" as anaphora): list 14/14,
# clause 51/52, passive 15/15, anaphora 6/6, quote 5/5.
CONFIDENCE = {"list": 0.94, "clause": 0.96, "passive": 0.94, "anaphora": 0.88, "quote": 0.86, "pronoun": 0.5}


class Mention(NamedTuple):
    start: int
    end: int
    code: str  # "" for a non-actor
    subject: bool  # can be the subject of a cue (not locative, passive agent or possessive determiner)
    agent: bool  # after "by": the subject of a passive cue ("congratulated by China")
    person: bool = False


class Cue(NamedTuple):
    start: int
    end: int
    stance: str
    reversal: bool = False  # the cue reports a change of position


# The kinds whose rows carry ``needs`` and are run through the scanner: stance cues, reversal markers,
# non-actors, and the words that name signatories (looked for in every sentence without a cue).
SCANNED = CUE_KINDS | REVERSAL | NON_ACTOR | SIGNATORIES


def cue_rows(kinds: frozenset[str]) -> list[dict[str, str]]:
    """The rows of ``stance_cues.csv`` of the given kinds."""
    return [row for row in read_lexicon("stance_cues") if row["kind"] in kinds]


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, regex) of every scanned row, in row order."""
    return tuple((row["kind"], re.compile(row["pattern"], re.I)) for row in cue_rows(SCANNED))


# Every scanned kind's needs are one family: a sentence's literals are looked for in one pass, not one per kind
# (and with the other extractors' literals).
register("positions", lambda: (needs_of(row) for row in cue_rows(SCANNED)))


def _allowed(text: str) -> tuple[int, ...]:
    """The scanned rows one of whose ``needs`` occurs in ``text``."""
    return rows_in("positions", text)


@cache
def _rows_of(kinds: frozenset[str]) -> frozenset[int]:
    """Indexes of the scanned rows of the given kinds (worked out once per set of kinds, not per sentence)."""
    return frozenset(i for i, (kind, _) in enumerate(_patterns()) if kind in kinds)


def _scan(kinds: frozenset[str], text: str, allowed: tuple[int, ...]) -> list[tuple[str, re.Match[str]]]:
    """Matches in ``text`` of the rows of the given kinds among ``allowed`` (:func:`_allowed` of the text), in row order."""
    patterns, rows = _patterns(), _rows_of(kinds)
    return [(patterns[i][0], match) for i in allowed if i in rows for match in patterns[i][1].finditer(text)]


def _names_any(kinds: frozenset[str], text: str, allowed: tuple[int, ...]) -> bool:
    """Whether a row of the given kinds among ``allowed`` matches ``text`` (:func:`_scan` is not empty): the first match
    of the first row that has one answers."""
    patterns, rows = _patterns(), _rows_of(kinds)
    return any(patterns[i][1].search(text) for i in allowed if i in rows)


@cache
def _kind_pattern(kind: str) -> re.Pattern[str]:
    """The rows of one non-stance kind (negation, non_actor, observer, former) as one regex."""
    rows = [row["pattern"] for row in read_lexicon("stance_cues") if row["kind"] == kind]
    return re.compile("|".join(f"(?:{p})" for p in rows) or r"(?!)", re.I)


def _any(kind: str, text: str) -> bool:
    return _kind_pattern(kind).search(text) is not None



def _roles(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(subject, agent) for a mention at text[start:end]."""
    before = text[max(0, start - 30):start]
    if _LOCATIVE.search(before) and not _ISSUER.search(before):
        return False, False
    if _AGENT.search(before):
        return False, True
    possessive = _POSSESSIVE.match(text[end:end + 40])
    return not possessive or possessive.group(1).lower() in _ROLE_NOUNS, False


def _legislators(text: str) -> frozenset[str]:
    """The officials an article titles as members of a legislature (``legislator`` rows: "Florida Senator Marco
    Rubio"): the lexicon may list them in a later office, but in this article they speak for no government."""
    found = set()
    for title in _kind_pattern("legislator").finditer(text):
        named = next(find_officials(text[title.end():title.end() + 60]), None)
        if named and named[0] == 0:
            found.add(named[2].name)
    return frozenset(found)


def _people(text: str, legislators: frozenset[str] = frozenset()) -> list[Mention]:
    """Officials named in one sentence (Venezuelan and former ones, and the article's ``legislators``, as non-actors)."""
    found = []
    for start, end, official in find_officials(text):
        code = "" if official.country_code == VENEZUELA or official.name in legislators else official.country_code
        if _any("former", text[max(0, start - 40):start]) or _any("party", text[max(0, start - 40):start]):
            code = ""  # a former or party official speaks for no state
        found.append(Mention(start, end, code, *_roles(text, start, end), person=True))
    return found


def _mentions(text: str, people: list[Mention], allowed: tuple[int, ...]) -> list[Mention]:
    """Actors and non-actors in one sentence, in order (an official's name hides the places inside it);
    ``people`` are its :func:`_people`, ``allowed`` its :func:`_allowed` rows."""
    found = list(people)
    taken = bytearray(len(text) + 1)  # 1 where a mention already covers the character

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    for m in found:
        take(m.start, m.end)
    former_end = -1  # end of the latest place named after a ``former`` word: the list it opens is of former officials too
    for place in find_places(text):
        if not free(place.start, place.end):
            continue
        code = "" if place.code == VENEZUELA else place.code
        before, after = text[max(0, place.start - 40):place.start], text[place.end:place.end + 40]
        if _any("former", before) or former_end >= 0 and _LIST_SEPARATOR.fullmatch(text, former_end, place.start) and not _POSSESSIVE.match(after):
            code, former_end = "", place.end  # "former presidents of Colombia and Spain" speak for neither
        elif _any("party", before) or (place.kind != "organization" and _any("not_state", after)):
            code = ""  # a country's legislature or party, which is not its government
        if place.kind == "organization" and (_any("observer", after) or _any("observer", before)):
            code = ""
        if place.kind == "demonym" and _nationality(text, place.end):
            code = ""
        subject, agent = _roles(text, place.start, place.end)
        if place.kind == "capital" and _SEAT.search(before):
            subject = True  # "the government in Washington said": the seat names the government, no place
        found.append(Mention(place.start, place.end, code, subject, agent))
        take(place.start, place.end)
    for _, match in _scan(NON_ACTOR, text, allowed):
        if free(*match.span()):
            found.append(Mention(match.start(), match.end(), "", *_roles(text, match.start(), match.end())))
            take(*match.span())
    found.sort()
    excepted_end = -1  # end of the latest mention after an _EXCEPT word: the list it opens is excepted too
    for i, m in enumerate(found):
        if _EXCEPT.search(text, max(0, m.start - 40), m.start) or excepted_end >= 0 and _LIST_SEPARATOR.fullmatch(text, excepted_end, m.start):
            found[i], excepted_end = m._replace(subject=False, agent=False), m.end
        else:
            excepted_end = -1
    return found


# A quotation mark not between letters (not the apostrophe of "Maduro's" or "doesn't"): cues are read
# with these blanked out, so a scare-quoted word does not break one ("refused to 'recognize' the results").
# The mark comes first and the look-behind after it, so the engine jumps from mark to mark.
_QUOTE_MARK = re.compile(r"""['‘’"“”](?:(?<!\w.)|(?!\w))""")


def _cues(text: str, plain: str, allowed: tuple[int, ...]) -> list[Cue]:
    """The cues of a sentence; ``plain`` is its text with quotation marks blanked (:data:`_QUOTE_MARK`,
    same length, so offsets hold), ``allowed`` the :func:`_allowed` rows of ``plain``."""
    found = _scan(CUE_KINDS, plain, allowed)
    if not found:
        return []  # no cue (most sentences): no reversal marker to look for
    markers = [m.span() for _, m in _scan(REVERSAL, plain, allowed)]

    def reverses(start: int, end: int) -> bool:
        """A reversal marker overlaps the cue, or ends shortly before it in the same clause."""
        return any(m_start < end and m_end >= start - REVERSAL_REACH and not _CLAUSE_BREAK.search(text, m_end, start)
                   for m_start, m_end in markers)

    cues = sorted({Cue(*span, stance, reverses(*span)) for kind, m in found
                   if not _other_contest(text, *(span := _cue_span(m))) and (stance := _if_conditional(text, span, kind))})
    # A cue inside a longer one that negates it is that cue's words ("does not acknowledge Maduro's victory"
    # is one rejection, not also a negated recognition that would leave "echoed" nothing to repeat).
    # (Only cues starting within CLAUSE_WINDOW before it are looked at, so the time stays linear.)
    starts = [c.start for c in cues]
    return [c for c in cues if not any(
        o.start < c.start and c.end <= o.end and _negated(text[o.start:c.start])
        for o in cues[bisect_left(starts, c.start - CLAUSE_WINDOW):bisect_left(starts, c.start)])]


def _cue_span(match: re.Match[str]) -> tuple[int, int]:
    """The cue's words: a row's group ``cue`` when it has one (the rest of the match is context the
    cue needs, such as the fronted object in "González, whom A and B recognise as the winner"), else the match."""
    return match.span("cue") if "cue" in match.re.groupindex else match.span()


def _if_conditional(text: str, span: tuple[int, int], kind: str) -> str:
    """The stance a cue gives under a condition: none for a hypothetical one ("would recognise González if
    ..."), demands_transparency when the condition is the records ("would recognise the results only if the
    actas were published"); the cue's own stance when it is not hypothetical. A rejection under a ``hedge``
    ("concerned that the result does not reflect the will of the voters") is a demand: a worry is no verdict."""
    start, end = span
    if kind == "rejects_result" and _kind_pattern("hedge").search(text[max(0, start - HEDGE_REACH):start]):
        return "demands_transparency"
    if kind == SAME or not _kind_pattern("hypothetical").search(text, max(0, start - 40), start):
        return kind
    after = text[end:_clause_end(text, end)]
    condition = _kind_pattern("condition").search(after)
    if not condition:
        return kind
    return "demands_transparency" if _any("records", after[condition.end():]) else ""


def _clause_end(text: str, pos: int) -> int:
    """Where the clause from ``pos`` ends (within CLAUSE_WINDOW characters)."""
    found = _CLAUSE_BREAK.search(text, pos, pos + CLAUSE_WINDOW)
    return found.start() if found else min(len(text), pos + CLAUSE_WINDOW)


@cache
def _contests() -> re.Pattern[str]:
    """Sentence cues of the contests other than 28 July 2024's (``contests.csv``; a survey is no contest of its own here)."""
    rows = [row["pattern"] for row in read_lexicon("contests") if row["scope"] == "sentence" and row["contest"] != "poll"]
    return re.compile("|".join(f"(?:{p})" for p in rows) or r"(?!)", re.I)


def _other_contest(text: str, cue_start: int, cue_end: int) -> bool:
    """The cue is about another contest ("rejected the 2018 election results", "In 2018, the US refused ..."):
    a contest cue between its clause's start and the next comma after it, relative clauses left out
    (both looked for within CLAUSE_WINDOW characters, so the time stays linear), unless the cue and
    what follows it to that comma name this contest ("July 28")."""
    window_start = max(0, cue_end - CLAUSE_WINDOW)
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, window_start, cue_end)), default=window_start)
    after = text[cue_end:cue_end + CLAUSE_WINDOW]
    end = cue_end + min([len(after)] + [m.start() for m in (re.search(",", after), _CLAUSE_BREAK.search(after)) if m])
    if _current().search(text, cue_start, end):
        return False  # "rejected the 2018 vote and now rejects the July 28 result": the cue names this contest
    return _contests().search(_RELATIVE_CLAUSE.sub(",", text[start:end])) is not None


@cache
def _current() -> re.Pattern[str]:
    """The words that name the 28 July 2024 vote (``contests.csv``'s ``current`` rows)."""
    rows = [row["pattern"] for row in read_lexicon("contests") if row["contest"] == "current"]
    return re.compile("|".join(f"(?:{p})" for p in rows) or r"(?!)", re.I)


# A relative clause between the subject and the cue ("The US, which has not ..., refused")
# does not negate the cue.
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*,")


# "instead" (not "instead of") after a comma opens what was done in place of the negated act: a negation
# before it governs nothing after it ("have avoided taking sides, instead calling for the release of ...").
_INSTEAD = re.compile(r",\s*(?:and\s+)?instead\b(?!\s+of\b)", re.I)


def _negated(text: str) -> bool:
    instead = None
    for instead in _INSTEAD.finditer(text):
        pass
    return _any("negation", _RELATIVE_CLAUSE.sub(",", text[instead.end():] if instead else text))


class _Sentence:
    """One sentence with its mentions, clause breaks and quotation marks indexed once, so that
    every cue's look-ups are bisections and bounded windows (time linear in the sentence length)."""

    def __init__(self, text: str, previous_text: str, previous_people: Callable[[], list[Mention]], allowed: tuple[int, ...] | None = None,
                 legislators: frozenset[str] = frozenset()):
        """``previous_people`` gives the persons of ``previous_text``, the sentence before (asked on the first use of
        :attr:`previous`, while this sentence is the one being read); ``allowed`` the :func:`_allowed` rows of
        ``text``, when the caller has them; ``legislators`` the article's :func:`_legislators`. What only cues read
        (the previous sentence, clause breaks, quotation marks) is found on first use: a sentence indexed for its
        signatory words alone needs its mentions only."""
        self.text = text
        self.allowed = _allowed(text) if allowed is None else allowed
        self.people = _people(text, legislators)
        self.mentions = _mentions(text, self.people, self.allowed)
        self.starts = [m.start for m in self.mentions]
        self._previous_people = previous_people
        self.previous_text = previous_text
        self.introduced = previous_text.rstrip().endswith(":")

    @cached_property
    def previous(self) -> Mention | None:
        """ "he"/"she" and a quotation introduced by "X said:" look back one sentence: its first person that can be a subject."""
        return next((m for m in self._previous_people() if m.subject), None)

    @cached_property
    def _breaks(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the clause breaks."""
        breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(self.text)]
        return [start for start, _ in breaks], [end for _, end in breaks]

    @cached_property
    def _quote_marks(self) -> tuple[list[int], list[int], list[int]]:
        """Offsets of the opening and closing curly marks and of the straight ones."""
        return ([m.start() for m in _OPEN_QUOTE.finditer(self.text)], [m.start() for m in _CLOSE_QUOTE.finditer(self.text)],
                [m.start() for m in _STRAIGHT_QUOTE.finditer(self.text)])

    def persons(self) -> list[Mention]:
        """The officials of the sentence and the persons named by a role of a country ("Argentina's foreign
        minister", "the Uruguayan president", "the president of Guatemala"): who "he" or "she" next may be."""
        found = list(self.people)
        for m in self.mentions:
            if m.code and not m.person and actor_type(m.code) == "country" and (
                _PERSON_AFTER.match(self.text, m.end, m.end + 60) or _PERSON_BEFORE.search(self.text, max(0, m.start - 40), m.start)
            ):
                found.append(m._replace(person=True))
        return sorted(found)

    def named_after_previous(self, name: str) -> bool:
        """``name`` is given in the previous sentence right after its first person ("Peru's foreign minister, Ana Quispe,")."""
        if self.previous is None or not self.previous.person:
            return False
        i = self.previous_text.find(name, self.previous.end, self.previous.end + SPEAKER_WINDOW)
        return i >= 0 and "." not in self.previous_text[self.previous.end:i]

    def clause(self, cue: Cue) -> tuple[int, int]:
        break_starts, break_ends = self._breaks
        i = bisect_right(break_ends, cue.start) - 1
        start = break_ends[i] if i >= 0 else 0
        j = bisect_left(break_starts, cue.end)
        end = break_starts[j] if j < len(break_starts) else len(self.text)
        return max(start, cue.start - CLAUSE_WINDOW), min(end, cue.end + CLAUSE_WINDOW)

    def between(self, start: int, end: int) -> range:
        """Indexes of the mentions starting in [start, end)."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def inside_quote(self, pos: int) -> tuple[int, int] | None:
        """(open, close) offsets of the quotation around ``pos``, if any."""
        opens, closes, straight = self._quote_marks
        i, j = bisect_left(opens, pos), bisect_left(closes, pos)
        curly_open = opens[i - 1] if i else -1
        curly_close = closes[j - 1] if j else -1
        if curly_open > curly_close:
            span = curly_open, closes[j] if j < len(closes) else len(self.text)
        elif (k := bisect_left(straight, pos)) % 2:
            span = straight[k - 1], straight[k] if k < len(straight) else len(self.text)
        else:
            return None
        return span if len(self.text[span[0] + 1:span[1]].split()) >= MIN_QUOTE_WORDS else None

    def list_ending_at(self, last: int) -> list[Mention]:
        """The coordinated list whose last item is mentions[last] ("Chile, Argentina ... and Uruguay")."""
        group = [self.mentions[last]]
        for i in range(last - 1, -1, -1):
            m = self.mentions[i]
            if m.start < group[-1].start - LIST_WINDOW or not _COORDINATION.fullmatch(self.text, m.end, group[0].start):
                break
            group.insert(0, m)
        return group

    def subject_before(self, start: int, end: int) -> int | None:
        """Index of the nearest mention in text[start:end] that can be the subject of what follows it."""
        start = max(start, end - CLAUSE_WINDOW)
        for i in reversed(self.between(start, end)):
            m = self.mentions[i]
            if m.end <= end and m.subject and (m.code or _subject_verb().match(self.text, m.end) and not _SHARED_SUBJECT.match(self.text, m.end)):
                return i
        return None

    def reporter_before(self, start: int, end: int) -> int | None:
        """Index of the nearest actor in text[start:end] right before a reporting verb ("Lacalle Pou said")."""
        for i in reversed(self.between(max(start, end - CLAUSE_WINDOW), end)):
            m = self.mentions[i]
            if m.code and m.subject and _reporting_verb().match(self.text, m.end):
                return i
        return None

    def holders_from(self, nearest: int, cue: Cue) -> list[Mention]:
        """The list ending in a subject, unless it is a non-actor or negated ("Neither A nor B has ...")."""
        if not self.mentions[nearest].code:
            return []
        group = self.list_ending_at(nearest)
        text = self.text
        if _negated(text[max(0, group[0].start - NEGATION_LEAD):group[0].start]) or _negated(text[self.mentions[nearest].end:cue.start]):
            return []
        return [m for m in group if m.code and (m.subject or m.agent)]  # "Together with the EU, Italy ...": Italy alone

    def speaker_after(self, cue: Cue, clause_start: int) -> list[Mention] | None:
        """The actors named right after the comma that ends a statement with no subject of its own:
        "..., Chile's foreign ministry said", "..., said Colombian President Petro", "..., according to
        Argentina's foreign minister", or the subject after an opening participle ("Recognising
        González as president-elect, Argentina called ..."). None when there is no such speaker."""
        text = self.text
        comma = text.find(",", cue.end, cue.end + CLAUSE_WINDOW)
        if comma < 0 or _negated(text[clause_start:cue.start]) or _SUBORDINATE.match(text, clause_start):
            return None
        lead = _TRAILING_SPEAKER.match(text, comma)
        i = bisect_left(self.starts, lead.end())
        if i == len(self.mentions) or self.mentions[i].start != lead.end():
            return None
        opening = not text[clause_start:cue.start].strip() and text[cue.start:cue.end].split()[0].lower().endswith("ing")
        verb = _subject_verb().match(text, self.mentions[i].end)
        # "X said" must end the sentence ("..., the G7 said in a statement."), not open another statement.
        if not (lead.group(1) or opening or (verb and _REPORT_END.match(text, verb.end()))):
            return None
        group = [self.mentions[i]]
        while i + 1 < len(self.mentions) and _COORDINATION.fullmatch(text, group[-1].end, self.mentions[i + 1].start):
            i += 1
            group.append(self.mentions[i])
        return [m for m in group if m.code]

    def actors_in(self, start: int, end: int) -> list[Mention]:
        return [self.mentions[i] for i in self.between(start, end) if self.mentions[i].code and self.mentions[i].subject]


class _Holders(NamedTuple):
    actors: list[Mention]
    route: str  # a key of CONFIDENCE
    group: bool = False  # the subject is an unnamed group ("several countries"): a later list may name it
    unnamed: bool = False  # no one is named as its subject ("The resolution urged ..."): a signatory list may hold it


def _holders(s: _Sentence, cue: Cue, last_list: Callable[[], list[Mention]],
             previous_actor: Callable[[], Mention | None] = lambda: None) -> _Holders:
    """Actors a cue belongs to (empty when it belongs to a non-actor or to no one), and the route.

    ``last_list`` is the last list of actors named before this sentence, the antecedent of
    "these countries" or "the bloc" when this sentence names none; ``previous_actor`` the first actor
    subject of the sentence before, the antecedent of "its foreign ministry" or "the country's president".
    """
    text = s.text
    clause_start, clause_end = s.clause(cue)
    if cue.stance == "recognizes_maduro" and _CONGRATULATION.match(text, cue.start):
        following = s.between(cue.end, cue.end + SPEAKER_WINDOW)
        if following and s.mentions[following[0]].code and _CONGRATULATED.fullmatch(text, cue.end, s.mentions[following[0]].start):
            return _Holders([], "clause")  # "Biden congratulated Claudia Sheinbaum": another actor is congratulated, not Maduro
    # Passive: "congratulated by China, Russia ...", "rejected by ..., including by Brazil".
    words = text[cue.start:cue.end].lower().split()
    be_participle = words[0].endswith(_PARTICIPLE_ENDINGS) and _BE_BEFORE.search(text, max(0, cue.start - 30), cue.start)
    nominal = words[-1].endswith(_NOMINAL_ENDINGS) and not be_participle  # "were called into question by" is a verb
    participle = nominal or words[-1].endswith(_PARTICIPLE_ENDINGS) or be_participle
    agent = _PASSIVE_BY.match(text[cue.end:clause_end]) if participle else None
    if be_participle and not agent:
        agent = _PASSIVE_BY_AFTER.match(text[cue.end:clause_end])
    # An action noun takes its holder after "from" ("congratulations from China"); after "by" is the one who is
    # to act ("awaits the publication by the CNE of the data").
    if agent and not (nominal and agent.group().rstrip().lower().endswith("by")):
        # The first actor right after "from" is the agent too, though "from" otherwise marks a place.
        return _Holders([m for m in (s.mentions[i] for i in s.between(cue.end, clause_end))
                         if m.code and (m.subject or m.agent or _AGENT_HEAD.fullmatch(text, cue.end + agent.end(), m.start))], "passive")
    quote = s.inside_quote(cue.start)
    if quote:
        # A subject inside the quotation ("Canada is concerned that ...") speaks; else its speaker.
        inside = s.subject_before(quote[0], cue.start)
        if inside is not None:
            return _Holders(s.holders_from(inside, cue), "quote")
        if _negated(text[max(quote[0] + 1, cue.start - CLAUSE_WINDOW):cue.start]):
            return _Holders([], "quote")
        # The first mention after it that can be a subject ("..., a reporter in Bogotá wrote": not Bogotá).
        after = [s.mentions[i] for i in s.between(quote[1] + 1, quote[1] + SPEAKER_WINDOW + 1)]
        if after:
            speaker = next((m for m in after if m.subject or not m.code), None)
            return _Holders([speaker] if speaker and speaker.code else [], "quote")
        speaker = s.subject_before(0, quote[0])
        if speaker is not None:
            return _Holders(s.holders_from(speaker, cue), "quote")
        if _THEY_SPEAKER.match(text, quote[1] + 1):
            return _Holders(last_list(), "anaphora")
        if s.previous and s.previous.code:
            # '"We will not recognise these results," she said.' after "Peru's foreign minister, Ana Quispe, spoke."
            name = _NAME_SPEAKER.match(text, quote[1] + 1)
            if _PRONOUN_SPEAKER.match(text, quote[1] + 1) or name and s.named_after_previous(name.group(1)):
                return _Holders([s.previous], "pronoun")
        if _DOCUMENT_SPEAKER.match(text, quote[1] + 1):
            # '"We demand a full review ...," the statement said.': its signatories, if listed before, hold it.
            return _Holders([], "quote", unnamed=True)
        return _Holders([s.previous] if s.introduced and s.previous and s.previous.code else [], "quote")
    anaphor = None
    for anaphor in _ANAPHOR.finditer(text, clause_start, cue.start):
        pass
    nearest = s.subject_before(clause_start, cue.start)
    if anaphor and (nearest is None or s.mentions[nearest].start < anaphor.start()):
        if _negated(text[anaphor.end():cue.start]):
            return _Holders([], "anaphora")
        listed = [i for i in s.between(max(0, anaphor.start() - LIST_WINDOW), anaphor.start()) if s.mentions[i].code]
        if listed:
            return _Holders([m for m in s.list_ending_at(listed[-1]) if m.code], "anaphora")
        # "several heads of state expressed support ..., including A, B and C"
        including = _INCLUDING.search(text, cue.end, clause_end)
        if including:
            return _Holders(s.actors_in(including.end(), clause_end), "list")
        earlier = last_list()
        return _Holders(earlier, "anaphora", group=not earlier)
    if nearest is not None:
        accused = s.mentions[nearest]
        if not accused.code and cue.stance == "rejects_result" and _any("accusation", text[cue.start:cue.end]) and _any(
            "authority", text[accused.start:accused.end]
        ):
            # "Lacalle Pou said Maduro had committed fraud": the accused is the subject; the actor reporting it holds the stance.
            reporter = s.reporter_before(clause_start, accused.start)
            if reporter is not None:
                return _Holders(s.holders_from(reporter, cue), "clause")
        if accused.code and cue.stance == "rejects_result" and _kind_pattern("act").match(text[cue.start:cue.end]) and _DIRECT_SUBJECT.fullmatch(
            text, accused.end, cue.start
        ):
            # "Maduro said the United States had tried to steal the election": the actor is the accused, not a holder.
            return _Holders([], "clause")
        return _Holders(s.holders_from(nearest, cue), "clause")
    # "Among those who congratulated Maduro were Cuba, Nicaragua and Honduras": the list after the copula.
    if not clause_start and _AMONG.match(text):
        copula = _LISTED_AFTER.search(text, cue.end, clause_end)
        listed = s.actors_in(copula.end(), clause_end) if copula else []
        if listed and listed[0].start == copula.end():
            return _Holders(listed, "list")
    # "Its foreign ministry said ..." after "Peru went further.": that actor.
    # "It also called for ..." after "Brazil rejected the result.": the pronoun is the verb's own subject (not "It is clear that").
    if (_ITS.match(text, clause_start) or _IT.fullmatch(text, clause_start, cue.start)) and not s.between(clause_start, cue.start) and not _negated(
        text[clause_start:cue.start]
    ):
        actor = previous_actor()
        if actor is not None:
            return _Holders([actor], "anaphora")
    # "They rejected the result" after "Argentina, Chile and Peru met in Lima.": that list.
    if _THEY.search(text, clause_start, cue.start) and not s.between(clause_start, cue.start):
        if not _negated(text[clause_start:cue.start]):
            return _Holders(last_list(), "anaphora")
    # "The results are not credible, Chile's foreign ministry said.": the speaker after the statement.
    trailing = s.speaker_after(cue, clause_start)
    if trailing is not None:
        return _Holders(trailing, "quote")
    # "He said the result was fraudulent": the last official named speaks.
    if s.previous and s.previous.code and _PRONOUN_SUBJECT.search(text, clause_start, cue.start):
        if not _negated(text[clause_start:cue.start]):
            return _Holders([s.previous], "pronoun")
    group = _any("group_noun", text[clause_start:cue.start])
    if group and (colon := text.find(":", cue.end, clause_end)) >= 0:
        # "The following governments signed the statement rejecting the results: A, B and C."
        listed = s.actors_in(colon + 1, clause_end)
        if listed:
            return _Holders(listed, "list")
    return _Holders([], "clause", group=group, unnamed=not any(s.mentions[i].subject for i in s.between(clause_start, cue.start)))


def _signatory_list(s: _Sentence) -> list[Mention]:
    """The longest list of at least MIN_LIST actors in a sentence that names signatories or
    co-sponsors ("Foreign Ministers of A, B and C", "co-sponsored by A, B, C ..."), else []."""
    if not _names_any(SIGNATORIES, s.text, s.allowed):
        return []
    best: list[Mention] = []
    for i in range(len(s.mentions)):
        if s.mentions[i].code and (i + 1 == len(s.mentions) or not _COORDINATION.fullmatch(s.text, s.mentions[i].end, s.mentions[i + 1].start)):
            group = [m for m in s.list_ending_at(i) if m.code and (m.subject or m.agent)]
            if len({m.code for m in group}) > len({m.code for m in best}):
                best = group
    return best if len({m.code for m in best}) >= MIN_LIST else []


def _names_a_list(text: str) -> bool:
    """Whether a sentence names at least MIN_LIST countries or organisations, as places or officials (its mentions'
    codes are among theirs): fewer make no signatory list (:func:`_signatory_list`)."""
    codes = {place.code for place in find_places(text)} | {official.country_code for _, _, official in find_officials(text)}
    return len(codes) >= MIN_LIST


def _last_list(s: _Sentence) -> list[Mention]:
    """The last list of two or more actors as subjects in a sentence, or a single organisation (the antecedent
    of a later "these countries", or of "the bloc" after "The European Union issued a statement")."""
    for i in range(len(s.mentions) - 1, -1, -1):
        if s.mentions[i].code and s.mentions[i].subject:
            listed = s.list_ending_at(i)
            # The list's first item that is no possessive ("Brazil's" in "Brazil's Lula and Mexico's Sheinbaum").
            head = next((m for m in listed if not _POSSESSIVE.match(s.text[m.end:m.end + 40])), listed[0])
            if not (head.subject or head.agent):
                return []  # "expelled diplomats from Argentina, Chile and Peru": a place or object list
            group = [m for m in listed if m.code and m.subject]
            return group if len({m.code for m in group}) >= 2 or actor_type(group[-1].code) == "organization" else []
    return []


def find_positions(article_id: str, text: str, *, sentences: list[Sentence], literals: Literals | None = None) -> Iterator[schema.PositionsRow]:
    """One row per actor with the strongest stance the article supports (most reliable route first on a tie).

    ``literals`` are the sentences' :class:`Literals`, when the caller shares them with other extractors."""
    best: dict[str, schema.PositionsRow] = {}
    literals = Literals(sentences) if literals is None else literals
    legislators = _legislators(text)

    def keep(holder: Mention, cue: Cue, route: str, sentence: Sentence) -> None:
        current = best.get(holder.code)
        confidence = CONFIDENCE[route]
        rank = (cue.reversal, schema.STANCE_RANK[cue.stance])  # a change of position outranks what it replaces
        current_rank = None if current is None else (bool(current.reversal), schema.STANCE_RANK[current.stance])
        if current is None or (rank, confidence) > (current_rank, current.confidence):
            if current is not None and rank == current_rank and cue.stance != current.stance:
                return  # a tie between two stances of equal rank: the first mention stands
            best[holder.code] = schema.POSITIONS.Row(
                article_id, holder.code, actor_name(holder.code), actor_type(holder.code), cue.stance,
                sentence.text[cue.start:cue.end], int(cue.reversal), sentence.text, sentence.start, sentence.end, confidence,
            )

    previous_text = ""
    last_stance: tuple[Cue, Sentence] | None = None  # the last cue that had holders, for "did the same"
    statement: tuple[Cue, Sentence] | None = None  # the previous sentence's last cue, for a signatory list after it
    # The previous sentence's last list, found only when asked for (few cues need it), from the sentence's
    # mentions if they were indexed (previous_sentence), else indexing them then.
    previous_list: list[Mention] | None = None
    previous_sentence: _Sentence | None = None

    def previous_indexed() -> _Sentence | None:
        """The previous sentence indexed: by the loop, else now, once, with the rows its literals allow (the
        article's literals are found once per sentence); None before the first sentence."""
        nonlocal previous_sentence
        if previous_sentence is None and previous_text:
            previous_sentence = _Sentence(previous_text, "", lambda: [], literals.rows("positions", k - 1), legislators)
        return previous_sentence

    def last_list() -> list[Mention]:
        nonlocal previous_list
        if previous_list is None:
            indexed = previous_indexed()
            previous_list = _last_list(indexed) if indexed else []
        return previous_list

    def previous_actor() -> Mention | None:
        indexed = previous_indexed()
        # The first subject that is no person ("its" is not a person's), if it is an actor.
        first = next((m for m in indexed.mentions if m.subject and not m.person), None) if indexed else None
        return first if first is not None and first.code else None
    previous_people: list[Mention] | None = []  # the previous sentence's persons, found only when asked for

    def people_before() -> list[Mention]:
        nonlocal previous_people
        if previous_people is None:
            indexed = previous_indexed()
            previous_people = indexed.persons() if indexed else []
        return previous_people
    pending_group: tuple[Cue, Sentence] | None = None  # an unnamed group's cue, for "These include A, B and C"
    pending_list: list[Mention] = []  # signatories named before their statement's cue
    # A quotation block after "X said:" (a quote over several sentences and paragraphs, a mark opening each
    # paragraph): every sentence in it looks back to the lead-in, not to the sentence before it.
    lead_in: tuple[str, list[Mention]] | None = None  # the lead-in's text and the people who may speak in it
    # Whether the block's quotation is still open after the sentence before; None right after the lead-in, where
    # the block starts only with a quotation mark. A quotation closed and another opened is someone else's.
    left_open: bool | None = None
    for k, sentence in enumerate(sentences):
        in_block = lead_in is not None and (left_open or left_open is None and _OPENS_QUOTE.match(sentence.text) is not None)
        if not in_block:
            lead_in = None
        plain = _QUOTE_MARK.sub(" ", sentence.text)
        text_allowed = literals.rows("positions", k)
        # Without quotation marks the plain text is the text, and so are the rows its literals allow.
        allowed = text_allowed if plain == sentence.text else _allowed(plain)
        cues = _cues(sentence.text, plain, allowed)
        # A sentence with signatory words and no cue is read for a list of signatories, which names MIN_LIST actors:
        # one naming fewer is not indexed.
        listing = not (cues or pending_group) and _names_any(SIGNATORIES, sentence.text, text_allowed)
        if cues or pending_group or listing and _names_a_list(sentence.text):
            # In a quotation block the sentence looks back to the block's lead-in, not to the sentence before it.
            before_text, before_people = (lead_in[0], lambda people=lead_in[1]: people) if lead_in else (previous_text, people_before)
            s = _Sentence(sentence.text, before_text, before_people, text_allowed, legislators)
        else:
            s = None
        if s is not None and pending_group and _CATAPHOR.match(sentence.text):
            cue, source = pending_group
            for holder in s.actors_in(0, len(sentence.text)):
                keep(holder, cue, "list", source)
        pending_group = None
        statement_here = None
        for cue in cues:
            if cue.stance == SAME:
                if last_stance is None:
                    continue
                cue = cue._replace(stance=last_stance[0].stance)
            found = _holders(s, cue, last_list, previous_actor)
            last_stance = (cue, sentence) if found.actors else None
            if found.actors or found.unnamed:
                statement_here = (cue, sentence)
            if found.group and not found.actors:
                pending_group = (cue, sentence)
            for holder in found.actors:
                keep(holder, cue, found.route, sentence)
            if found.actors or found.unnamed:
                # Signatories listed in the sentence before their statement inherit its stance.
                for holder in pending_list:
                    keep(holder, cue, "list", sentence)
                pending_list = []
        if s is not None and not cues:
            signatories = _signatory_list(s)
            if statement is not None:
                # A list of signatories without a cue inherits the stance of the statement before it.
                cue, source = statement
                for holder in signatories:
                    keep(holder, cue, "list", source)
            pending_list = signatories if statement is None else []
        elif cues or listing:
            pending_list = []  # signatories wait for the next statement only; signatory words naming too few actors list none
        statement = statement_here
        if in_block:
            left_open = _left_open(sentence.text, bool(left_open))
        elif sentence.text.rstrip().endswith(":"):
            # "In a statement, he said:": the people it names, else (a pronoun speaks) those of the sentence before.
            named = (s or _Sentence(sentence.text, "", lambda: [], legislators=legislators)).persons()
            lead_in, left_open = (sentence.text, named if any(m.subject for m in named) else people_before()), None
        previous_list, previous_sentence = None, s
        previous_people = None
        previous_text = sentence.text
    yield from best.values()


# A sentence that opens a paragraph of a quotation block; the marks that open, close or toggle a quotation.
_OPENS_QUOTE = re.compile(r"\s*[“\"]")
_QUOTE_MARKS = re.compile(r"[“”\"]")


def _left_open(text: str, was_open: bool) -> bool:
    """Whether a quotation is open at the end of ``text``, given whether one was open at its start."""
    is_open = was_open
    for mark in _QUOTE_MARKS.findall(text):
        is_open = mark == "“" or (mark == '"' and not is_open)
    return is_open

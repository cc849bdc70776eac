"""Figures in context: which contest, which candidate, who claims it, what role a number plays, how sure.

Tables of sentence in, rows out, each with a near miss that must not take
the label; the last test times a hostile input at two sizes.
"""
import time

import pytest

from lib.extract.figures import CONFIDENCE, find_figures
from lib.text import sentences


def rows(text):
    return list(find_figures("t", text, sentences=list(sentences(text))))


def picked(text, *fields):
    return [tuple(getattr(r, f) for f in fields) for r in rows(text)]


# Which contest: figures of other contests are kept as `other` with the contest.
CONTESTS = [
    ("Machado had won the opposition primary with 93% of the vote.", [("other", 93.0, "primary_2023")]),
    ("In the 2018 election Maduro won 67 percent of the vote.", [("other", 67.0, "election_2018")]),
    ("By comparison, in 2013, turnout had been 80 percent.", [("other", 80.0, "election_2013")]),
    ("A poll released Thursday shows that 40 percent would vote for González.", [("other", 40.0, "poll")]),
    ("40% say they would consider leaving the country.", [("other", 40.0, "poll")]),
    ("Only 16 percent of those consulted responded that they would stay.", [("other", 16.0, "poll")]),
    # Near misses: the 28 July results, and polls that close, stay 2024 figures.
    ("The CNE said Maduro won 51.2% of the vote.", [("vote_share_pct", 51.2, "")]),
    ("Turnout was 59% when the polls closed.", [("turnout_pct", 59.0, "")]),
]


@pytest.mark.parametrize("text, expected", CONTESTS)
def test_contest(text, expected):
    assert picked(text, "kind", "value", "contest") == expected


# A contest cue in a clause that opens on "who", "after", "while", "unlike" ... is that clause's alone (and the
# "when" clause right after it); a clause naming this year's vote is this year's.
CLAUSE_CONTESTS = [
    ("Maduro won 51.2% on Sunday, after winning 67.8% in the 2018 election.", [("vote_share_pct", 51.2, ""), ("other", 67.8, "election_2018")]),
    ("Machado, who won the 2023 primary with 93% of the vote, said González won 67%.", [("other", 93.0, "primary_2023"), ("vote_share_pct", 67.0, "")]),
    ("Unlike in 2018, when turnout was 46%, this year's turnout was 59%.", [("other", 46.0, "election_2018"), ("turnout_pct", 59.0, "")]),
    ("The CNE gave Maduro 51.2%, while in the 2018 vote he had claimed 67.8%.", [("vote_share_pct", 51.2, ""), ("other", 67.8, "election_2018")]),
    # Near misses: a cue in a clause that opens otherwise governs the sentence.
    ("A poll by Delphos showed González with 59%, against 13% for Maduro.", [("other", 59.0, "poll"), ("other", 13.0, "poll")]),
    ("In the primary, held in October 2023, Machado won 93% of the vote.", [("other", 93.0, "primary_2023")]),
    ("Maduro won 67.8% of the vote in 2018, when turnout was 46%.", [("other", 67.8, "election_2018"), ("other", 46.0, "election_2018")]),
]


@pytest.mark.parametrize("text, expected", CLAUSE_CONTESTS)
def test_a_contest_cue_in_a_subordinate_clause_is_that_clause_s(text, expected):
    assert picked(text, "kind", "value", "contest") == expected


def test_an_article_dated_2018_is_about_the_2018_vote_and_its_exit_poll_too():
    text = (
        "Protest in Miami on Sunday, May 20, 2018.\n\n"
        "Electoral authorities said Maduro had won 67 percent of the vote.\n\n"
        "An exit poll by Meganalisis estimated that only 17 percent went to the polls."
    )
    assert picked(text, "value", "contest") == [(67.0, "election_2018"), (17.0, "election_2018")]


def test_an_article_dated_2024_keeps_its_figures():
    text = "Caracas, August 2, 2024.\n\nThe CNE said Maduro won 51.2% of the vote."
    assert picked(text, "kind", "contest") == [("vote_share_pct", "")]


# Which candidate: canonical names from candidates.csv, any alias.
CANDIDATES = [
    ("González obtained 6,392,350 votes (67.2%).", [(6392350.0, "Edmundo González"), (67.2, "Edmundo González")]),
    ("The CNE claimed 51% for Mr Maduro, compared with 44% for the opposition candidate, Edmundo González.", [(51.0, "Nicolás Maduro"), (44.0, "Edmundo González")]),
    ("The CNE said Nicolas Maduro won 51.2% of the vote.", [(51.2, "Nicolás Maduro")]),
    ("Gonzalez Urrutia obtained 67% and Maduro 30%.", [(67.0, "Edmundo González"), (30.0, "Nicolás Maduro")]),
    ("The CNE gave 44.2% to Edmundo, the opposition candidate.", [(44.2, "Edmundo González")]),
    ("Maduro had won 67 percent versus the 21 percent garnered by Henri Falcon in 2018.", [(67.0, "Nicolás Maduro"), (21.0, "Henri Falcón")]),
    # "to" a possessive name: that name owns the figure after it, the subject the one before.
    ("González won 7.3 million votes to Maduro's 3.3 million.", [(7300000.0, "Edmundo González"), (3300000.0, "Nicolás Maduro")]),
    ("Maduro got 51.2% to González's 44.2%, the CNE said.", [(51.2, "Nicolás Maduro"), (44.2, "Edmundo González")]),
    ("The CNE gave 51% of the vote to Maduro.", [(51.0, "Nicolás Maduro")]),
    # Near miss: a total has no candidate.
    ("The CNE said 12,335,883 votes were cast.", [(12335883.0, "")]),
]


@pytest.mark.parametrize("text, expected", CANDIDATES)
def test_candidate(text, expected):
    assert picked(text, "value", "candidate") == expected


# Who claims it: the blamed party is not the claimant; NGOs and the MOE are claimants.
CLAIMANTS = [
    ("According to the records of the Penal Forum, 114 teenagers were arrested.", "Foro Penal"),
    ("An exit poll by Meganalisis estimated that only 17 percent voted.", "Meganálisis"),
    ("Electoral authorities said Maduro had won 67 percent of the vote.", "CNE"),
    # A claimant named only after the figure, without a verb, is an object.
    ("Machado won the primary with 93% of the vote, forcing the opposition to pick González.", "article"),
    ("The regime has blamed the opposition for clashes that saw more than 2,400 people arrested.", "article"),
    ("Non-governmental organisations have reported 24 deaths.", "NGOs"),
    ("According to the database prepared by the MOE, 9,515,322 votes were counted.", "MOE"),
    # "according to" the kind of body, then its name (seen: "…, according to the rights group Provea", g12)
    ("At least 24 people have been killed, most of them protesters, according to the rights group Provea.", "Provea"),
    ("More than 1,500 people have been detained, according to the Caracas-based human rights organization Foro Penal.", "Foro Penal"),
    # Near miss: a body noun further off, past a clause, does not make the next name the source.
    ("According to the rights group in the capital that Foro Penal supports, 1,800 people were detained.", "article"),
    ("The government accused Foro Penal of lying about 1,800 detentions.", "article"),
    # Near miss: the same party with a reporting verb is the claimant.
    ("The opposition said more than 2,400 people were arrested.", "opposition"),
]


@pytest.mark.parametrize("text, claimed_by", CLAIMANTS)
def test_claimant(text, claimed_by):
    assert [r.claimed_by for r in rows(text)] == [claimed_by]


# What role a number plays.
ROLES = [
    # A verb right beside the count outranks the noun of minors after it.
    ("Authorities have released 86 teenagers.", [("released", 86.0)]),
    ("Foro Penal said 114 teenagers were arrested.", [("detained", 114.0)]),
    ("Some 86 detained teenagers are released.", [("released", 86.0)]),
    # "between X and Y" is one comparison: the margin cue before it still counts.
    ("The difference in votes between Maduro and González is 704,114.", [("other", 704114.0)]),
    # Missing votes are votes, not disappeared people.
    ("He counted 2,871,377 missing votes.", [("votes", 2871377.0)]),
    # A bare count right after a candidate's name is his vote count; elsewhere it is nothing.
    ("José Brito, 116,420; Javier Bertucci, 64,379.", [("votes", 116420.0), ("votes", 64379.0)]),
    ("Maduro, 61, was sworn in.", []),
    # Shares and counts of what is not yet counted are other, not coverage or shares.
    ("So the 20% not counted triples the difference.", [("other", 20.0)]),
    ("He said 23.77% of the missing votes would not change the result.", [("other", 23.77)]),
    # A margin stated as a difference.
    ("The difference between the two candidates is 700 thousand votes.", [("other", 700000.0)]),
    # Spanish-style compound numbers.
    ("Maduro obtained 5 million 150 thousand votes.", [("votes", 5150000.0)]),
    # A breakdown keeps the total's kind.
    ("Foro Penal said 2,400 were arrested, of whom 100 are minors.", [("detained", 2400.0), ("detained", 100.0)]),
    ("Foro Penal said 86 minors were released. Of the 86 minors, 74 are men and 12 are women.", [("released", 86.0), ("released", 74.0), ("released", 12.0)]),
    # A bare percentage restating an earlier one is not a new share.
    ("The CNE said Maduro won 51.2% of the vote. “Exactly 51.2%, for example.”", [("vote_share_pct", 51.2)]),
    # Near misses: economic figures and an age next to a name are not figures.
    ("Inflation still runs at an annual 50%.", []),
    ("Alfredo Díaz, 56, was found dead in his cell.", []),
]


@pytest.mark.parametrize("text, expected", ROLES)
def test_number_role(text, expected):
    assert picked(text, "kind", "value") == expected


# Shares written as fractions, margins in points, odds, rivals.
WRITTEN_SHARES = [
    ("The court said Maduro won more than two-thirds of votes.", [("vote_share_pct", 66.7, "more than")]),
    ("Nine out of ten votes went to Machado.", [("vote_share_pct", 90.0, "")]),
    ("González won by seven percentage points.", [("other", 7.0, "")]),
    ("The chance of this is one in 100 million.", [("other", 100000000.0, "")]),
    ("She beat her other nine rivals.", [("other", 9.0, "")]),
    # Near misses: a fraction of something other than votes, a ten-point plan.
    ("Three-quarters of GDP vanished.", []),
    ("A third of the country fled.", []),
    ("He unveiled a 10-point plan.", []),
]


@pytest.mark.parametrize("text, expected", WRITTEN_SHARES)
def test_written_shares_margins_and_odds(text, expected):
    assert picked(text, "kind", "value", "qualifier") == expected


def test_a_figure_without_a_source_is_dropped_when_the_article_gives_its_source():
    text = "Some 86 detained teenagers are released.\n\nForo Penal said 86 teenagers were released."
    assert picked(text, "kind", "value", "claimed_by") == [("released", 86.0, "Foro Penal")]


# How sure: the route by which the row's kind was found (the last row of each sentence).
ROUTES = [
    ("Foro Penal said 1,102 people were detained.", "adjacent"),
    ("The US offered a $25m reward.", "adjacent"),
    ("Maduro obtained 51.2% of the vote and González 44.2%.", "coordinated"),
    ("The PUD said the result was 67%.", "bare"),
    ("José Brito, 116,420.", "bare"),
    ("The opposition said 2,400 of its supporters were detained.", "distant"),
]


@pytest.mark.parametrize("text, route", ROUTES)
def test_confidence_follows_the_route(text, route):
    assert rows(text)[-1].confidence == CONFIDENCE[route]


def test_confidence_is_ordered_by_measured_precision():
    assert CONFIDENCE["coordinated"] > CONFIDENCE["adjacent"] > CONFIDENCE["distant"] > CONFIDENCE["bare"]
    assert all(0 <= c <= 1 for c in CONFIDENCE.values())


def _seconds(text: str) -> float:
    split = list(sentences(text))
    started = time.process_time()  # CPU time: other processes on the machine do not count
    list(find_figures("t", text, sentences=split))
    return time.process_time() - started


def test_figures_stay_linear_on_one_long_sentence_of_names_and_numbers():
    # One sentence naming a candidate beside every number: each number used to
    # rescan every name of the sentence, so time grew with the square of its
    # length (ratio about 3.4 at these sizes before the fix, 1.8 after). The
    # ratio of two sizes is tested, never a wall-clock limit.
    make = lambda n: "".join(f"Maduro {i} votes " for i in range(n))
    small, large = make(6000), make(12000)
    _seconds(make(50))  # compile the patterns before timing
    ratio = min(_seconds(large) for _ in range(2)) / min(_seconds(small) for _ in range(2))
    assert ratio < 3, f"doubling the input multiplied the time by {ratio:.1f}"

"""Crackdown figures that are not this crisis's, or not figures: one table per cue family of figure_cues.csv
(ranges, the country's divisions, deportations, rewards, other periods and crises) and per rule of
lib/extract/figures.py (a second count set against a first, a part of a total with a kind of its own).
Each table is sentences in -> (table, kind, value) out, with a near miss."""

import pytest

from lib.extract.figures import find_figures
from lib.text import sentences


def found(text):
    return [(r.__class__.__name__, r.kind, r.value) for r in find_figures("t", text, sentences=list(sentences(text)))]


CRACKDOWN, RESULTS = "CrackdownRow", "ResultsRow"

# Ranges: both ends of a range of ages or durations, and of a range of days, are no figures.
RANGES = [
    ("Teenagers aged 14 to 17 were detained.", []),
    ("The detainees, between 14 and 17 years old, were released.", []),
    ("They are held for two or three days before a hearing.", []),
    # A translated text keeps the original's words: "âgés de 14 à 17 ans" (aged 14 to 17).
    ("Foro Penal said 86 teenagers [âgés de 14 à 17 ans] were set free.", [(CRACKDOWN, "other", 86.0)]),
    ("Foro Penal counted 40 releases between August 29 and 31.", [(CRACKDOWN, "released", 40.0)]),
    ("From 29 to 31 July, 2,000 people were arrested.", [(CRACKDOWN, "detained", 2000.0)]),
    # Near misses: "and" after a count is no range without "between"; a count after a day range is a figure.
    ("Security forces killed 24 and two days later arrested 300.", [(CRACKDOWN, "killed", 24.0), (CRACKDOWN, "detained", 300.0)]),
    ("Protests took place on July 29-30 and 24 people were killed.", [(CRACKDOWN, "killed", 24.0)]),
    ("Provea said 2 people died on July 29 and 23 more in the following days.", [(CRACKDOWN, "killed", 2.0), (CRACKDOWN, "killed", 23.0)]),
]


@pytest.mark.parametrize("text, expected", RANGES)
def test_ranges_are_not_figures(text, expected):
    assert found(text) == expected


# The country's own divisions are geography; the part of them where something happened is a place count.
PLACES = [
    ("The releases took place across 14 of the country's 24 states.", [(CRACKDOWN, "other", 14.0)]),
    ("Arrests were reported in 20 of Venezuela's 335 municipalities.", [(CRACKDOWN, "other", 20.0)]),
    ("Protests were held in all 23 states.", []),
    # Near miss: states that are countries stay countries.
    ("Seven Latin American states rejected the result.", [(RESULTS, "other", 7.0)]),
]


@pytest.mark.parametrize("text, expected", PLACES)
def test_places(text, expected):
    assert found(text) == expected


# Deportations of migrants are migration news, not the repression.
DEPORTATIONS = [
    ("Venezuela released 252 Venezuelans deported to El Salvador's CECOT prison.", []),
    ("The 238 Venezuelans sent by the US were detained in CECOT.", []),
    ("A charter flight returned 190 Venezuelans, who were detained on arrival.", []),
    # Near miss: a release of political prisoners in the same week is a figure.
    ("Foro Penal said 110 political prisoners were released on Sunday.", [(CRACKDOWN, "released", 110.0)]),
]


@pytest.mark.parametrize("text, expected", DEPORTATIONS)
def test_deportations_are_not_crackdown_figures(text, expected):
    assert found(text) == expected


# A reward or bounty is money, even beside a word of arrest.
REWARDS = [
    ("The US offered a reward of up to 25 million for information leading to the arrest of Maduro.", [(RESULTS, "other", 25000000.0)]),
    ("A bounty of 15 million was placed on his capture.", [(RESULTS, "other", 15000000.0)]),
    ("The US sanctioned 16 officials responsible for the detention of protesters.", [(RESULTS, "other", 16.0)]),
    # Near miss: an arrest count with no reward named stays a detention.
    ("Police arrested 15 people who claimed the reward.", [(CRACKDOWN, "detained", 15.0)]),
]


@pytest.mark.parametrize("text, expected", REWARDS)
def test_rewards_are_money(text, expected):
    assert found(text) == expected


# Another period (an earlier protest wave) or another crisis (US strikes on boats): not this crisis's figures.
ELSEWHERE = [
    ("At least 43 people died during the 2014 protests.", []),
    ("The protests of 2017 left more than 120 people dead.", []),
    ("More than 125 people were killed in 2017 and 43 in 2014.", []),
    ("In 2017, more than 125 people died in protests.", []),
    # A sentence opening on another period governs it up to a semicolon.
    ("In the 2017 protests, which left 125 dead, more than 5,000 people were detained.", []),
    ("In 2017, more than 125 people died; since July, 2,000 have been arrested.", [(CRACKDOWN, "detained", 2000.0)]),
    ("US strikes on alleged drug boats have killed at least 83 people.", []),
    ("The US has destroyed 20 vessels, killing 76 people.", []),
    # Near misses: "since 2014" counts up to now, and this crisis's year is this crisis's.
    ("Since 2014, at least 12 political prisoners have died in custody.", [(CRACKDOWN, "political_prisoners", 12.0)]),
    ("More than 2,000 people were arrested in 2024.", [(CRACKDOWN, "detained", 2000.0)]),
    ("The 2024 protests left 24 dead.", [(CRACKDOWN, "killed", 24.0)]),
    ("Foro Penal, founded in 2002, counts 1,800 political prisoners.", [(CRACKDOWN, "political_prisoners", 1800.0)]),
    ("It recalled 2017, when 125 people were killed.", []),
    ("The crackdown is harsher than in 2017, when 125 people were killed, and has left 24 dead.", [(CRACKDOWN, "killed", 24.0)]),
]


@pytest.mark.parametrize("text, expected", ELSEWHERE)
def test_figures_of_another_period_or_crisis(text, expected):
    assert found(text) == expected


# A second count set against the first with "while" or "whereas" counts the same thing.
SET_AGAINST = [
    ("Justicia, Encuentro y Perdón estimates 1,082 political prisoners, while Foro Penal counts 887.",
     [(CRACKDOWN, "political_prisoners", 1082.0), (CRACKDOWN, "political_prisoners", 887.0)]),
    ("Provea counted 24 killed, whereas the government says 19.", [(CRACKDOWN, "killed", 24.0), (CRACKDOWN, "killed", 19.0)]),
    # Near miss: too far from the first count to be set against it.
    ("Foro Penal counts 887 political prisoners, while the government, which rejects every count published by "
     "the human rights groups, cites 300.", [(CRACKDOWN, "political_prisoners", 887.0)]),
]


@pytest.mark.parametrize("text, expected", SET_AGAINST)
def test_a_count_set_against_another(text, expected):
    assert found(text) == expected


# A part of a total keeps the total's kind unless named as a kind of its own.
PARTS = [
    ("Of the 2,400 people arrested, 1,581 are political prisoners.", [(CRACKDOWN, "detained", 2400.0), (CRACKDOWN, "political_prisoners", 1581.0)]),
    ("Foro Penal said 2,400 were arrested, of whom 100 have since been released.", [(CRACKDOWN, "detained", 2400.0), (CRACKDOWN, "released", 100.0)]),
    ("Of the 1,200 people arrested on Monday, police freed 300.", [(CRACKDOWN, "detained", 1200.0), (CRACKDOWN, "released", 300.0)]),
    # Near misses: minors are no kind of their own, and "behind bars" is the total's.
    ("Foro Penal said 2,400 were arrested, of whom 100 are minors.", [(CRACKDOWN, "detained", 2400.0), (CRACKDOWN, "detained", 100.0)]),
    ("Foro Penal said 2,400 were arrested, of whom 300 remain behind bars.", [(CRACKDOWN, "detained", 2400.0), (CRACKDOWN, "detained", 300.0)]),
]


@pytest.mark.parametrize("text, expected", PARTS)
def test_a_part_named_as_its_own_kind(text, expected):
    assert found(text) == expected


# A share of the detainees or victims is a crackdown figure, never a vote share.
SHARES = [
    ("About 90% of the detainees are young men from poor neighbourhoods.", [(CRACKDOWN, "other", 90.0)]),
    ("Foro Penal said 70 percent of those arrested were charged with terrorism.", [(CRACKDOWN, "other", 70.0)]),
    ("Half of the votes went to González, and 10% of the dead were minors.", [(RESULTS, "vote_share_pct", 50.0), (CRACKDOWN, "other", 10.0)]),
    # Near miss: a share of the vote stays a share.
    ("Maduro won 51% of the vote.", [(RESULTS, "vote_share_pct", 51.0)]),
]


@pytest.mark.parametrize("text, expected", SHARES)
def test_shares_of_the_detainees(text, expected):
    assert found(text) == expected


# A dateline's day ("Aug 5", "5 Aug": abbreviations without a dot too) and a distance are no figures;
# months are capitalised, so "may" is the verb.
DATELINES_AND_MEASURES = [
    ("CARACAS, Aug 5 (Reuters) - Venezuelan authorities have detained more than 2,000 people.", [(CRACKDOWN, "detained", 2000.0)]),
    ("CARACAS, 5 Aug (Reuters) - Venezuelan authorities have detained more than 2,000 people.", [(CRACKDOWN, "detained", 2000.0)]),
    ("Prisoners were taken to Tocorón, 140 km from Caracas, where 1,000 detainees are held.", [(CRACKDOWN, "detained", 1000.0)]),
    # Near miss: "may" after a count is the verb, not the month.
    ("As many as 2,000 may have been arrested.", [(CRACKDOWN, "detained", 2000.0)]),
]


@pytest.mark.parametrize("text, expected", DATELINES_AND_MEASURES)
def test_datelines_and_measures(text, expected):
    assert found(text) == expected


# "the detained" and "the arrested" are people released too, when the verb follows.
RELEASED_DETAINED = [
    ("Four of the detained were released on Monday.", [(CRACKDOWN, "released", 4.0)]),
    ("Some 30 arrested were freed after a hearing.", [(CRACKDOWN, "released", 30.0)]),
    ("Authorities said 225 detainees were released.", [(CRACKDOWN, "released", 225.0)]),
    # Near miss: no release follows.
    ("Four of the detained were minors.", [(CRACKDOWN, "detained", 4.0)]),
]


@pytest.mark.parametrize("text, expected", RELEASED_DETAINED)
def test_the_detained_released(text, expected):
    assert found(text) == expected


# A verb right before the next number, far from this one, is the next number's: the crowd is no detention count.
NEXT_NUMBERS_CUE = [
    ("Some 5,000 people marched in Caracas, where police arrested 40.", [(CRACKDOWN, "detained", 40.0)]),
    ("About 3,000 supporters gathered outside the court as judges freed 12.", [(CRACKDOWN, "released", 12.0)]),
    ("Police said 749 people had been arrested and released 86.", [(CRACKDOWN, "detained", 749.0), (CRACKDOWN, "released", 86.0)]),
    # Near misses: a cue right after the first number stays its own, and so does one set off by a comma.
    ("Of 2,000 detained, 1,000 were charged.", [(CRACKDOWN, "detained", 2000.0), (CRACKDOWN, "detained", 1000.0)]),
    ("The UN mission found that 25 people were killed, 23 of them by gunshots.", [(CRACKDOWN, "killed", 25.0), (CRACKDOWN, "killed", 23.0)]),
]


@pytest.mark.parametrize("text, expected", NEXT_NUMBERS_CUE)
def test_a_cue_before_the_next_number_is_its_own(text, expected):
    assert found(text) == expected


# A military deployment is no figure, not even when coordinated with one.
DEPLOYMENTS = [
    ("The US offered a $25 million reward for Maduro's capture and deployed eight warships and 4,500 troops.", [(RESULTS, "other", 25000000.0)]),
    ("Washington sent 10 F-35 fighter jets to Puerto Rico.", []),
    ("Some 4,000 marines are in the Caribbean.", []),
    # Near miss: soldiers killed in the protests are a figure.
    ("Clashes killed 25 civilians and two soldiers.", [(CRACKDOWN, "killed", 25.0), (CRACKDOWN, "killed", 2.0)]),
]


@pytest.mark.parametrize("text, expected", DEPLOYMENTS)
def test_deployments_are_not_figures(text, expected):
    assert found(text) == expected


def claims(text):
    return [(r.kind, r.value, r.claimed_by) for r in find_figures("t", text, sentences=list(sentences(text)))]


# A figure restated in a sentence that names no source is a repeat, not a claim of whoever spoke last.
SILENT_REPEATS = [
    ("Foro Penal said 1,100 people were detained. Maduro said that was a lie. The 1,100 detainees are held in Tocorón.",
     [("detained", 1100.0, "Foro Penal")]),
    ("Provea counted 24 people killed. The government said protesters attacked the police. At least 24 people died.",
     [("killed", 24.0, "Provea")]),
    # Near misses: a second source naming the same figure is its own claim, and a new figure in a silent sentence is kept.
    ("Foro Penal said 24 people were killed. The government said 24 people died.", [("killed", 24.0, "Foro Penal"), ("killed", 24.0, "government")]),
    ("Foro Penal said 1,100 people were detained. Another 300 were released.", [("detained", 1100.0, "Foro Penal"), ("released", 300.0, "Foro Penal")]),
]


@pytest.mark.parametrize("text, expected", SILENT_REPEATS)
def test_a_silent_restatement_is_a_repeat(text, expected):
    assert claims(text) == expected


# A verb of arrest or killing right before the number outranks a results noun after it; an arrest warrant is
# no arrest; a pardon is a release.
VERBS_BEFORE = [
    ("Troops occupied 15 polling stations and arrested 30 witnesses.", [(RESULTS, "other", 15.0), (CRACKDOWN, "detained", 30.0)]),
    ("Gunmen killed two observers.", [(CRACKDOWN, "killed", 2.0)]),
    ("The attorney general issued arrest warrants for 7 opposition leaders.", [(CRACKDOWN, "other", 7.0)]),
    ("Maduro pardoned 110 detainees in the last two weeks.", [(CRACKDOWN, "released", 110.0)]),
    ("Some 110 prisoners were pardoned.", [(CRACKDOWN, "released", 110.0)]),
    # Near misses: observers counting polling stations are results, and an arrest is an arrest.
    ("The observers counted 30,000 polling stations.", [(RESULTS, "other", 30000.0)]),
    ("The arrest of 7 opposition leaders was ordered.", [(CRACKDOWN, "detained", 7.0)]),
]


@pytest.mark.parametrize("text, expected", VERBS_BEFORE)
def test_verbs_before_the_number(text, expected):
    assert found(text) == expected


# A change ("a 30% increase", "rose by 30%") is no figure; what it rose to is.
CHANGES = [
    ("Foro Penal reported a 30% increase in arrests.", []),
    ("Detentions rose by 30% in a week.", []),
    ("Arrests jumped 20% in August.", []),
    # Near misses: the level reached, an adjective "increased", a phrasal verb "pick up".
    ("The number of political prisoners rose to 1,800.", [(CRACKDOWN, "political_prisoners", 1800.0)]),
    ("The US has announced an increased $25m reward.", [(RESULTS, "other", 25000000.0)]),
    ("Brazil offered to pick up six Maduro opponents seeking asylum.", [(CRACKDOWN, "other", 6.0)]),
]


@pytest.mark.parametrize("text, expected", CHANGES)
def test_changes_are_not_figures(text, expected):
    assert found(text) == expected


def contests(text):
    return [(r.kind, r.value, r.contest) for r in find_figures("t", text, sentences=list(sentences(text)))]


# A crackdown figure of an article dated before the 2024 election is that period's, kept as `other` with its
# contest like a result of another contest; a sentence naming the primary or a poll does not make a detention theirs.
PERIOD_OF_THE_ARTICLE = [
    ("Caracas, May 20, 2018.\n\nForo Penal said 250 people were detained.", [("other", 250.0, "election_2018")]),
    ("Caracas, October 23, 2023.\n\nForo Penal counts 280 political prisoners.", [("other", 280.0, "primary_2023")]),
    # Near misses: an article of 2024, and a sentence naming the primary.
    ("Caracas, August 2, 2024.\n\nForo Penal said 2,000 people were detained.", [("detained", 2000.0, "")]),
    ("Machado, who won the primary, said 2,000 people were detained.", [("detained", 2000.0, "")]),
]


@pytest.mark.parametrize("text, expected", PERIOD_OF_THE_ARTICLE)
def test_crackdown_figures_of_an_article_dated_before_the_election(text, expected):
    assert contests(text) == expected


# Media shut down or blocked count as repression (other), and are no detainees when coordinated with them.
MEDIA = [
    ("The government has jailed at least 18 journalists, the SNTP said, and shut down 10 radio stations.",
     [(CRACKDOWN, "detained", 18.0), (CRACKDOWN, "other", 10.0)]),
    ("Conatel blocked 62 news websites.", [(CRACKDOWN, "other", 62.0)]),
    ("Two newspapers were closed.", [(CRACKDOWN, "other", 2.0)]),
    # Near miss: journalists detained are detainees.
    ("Police detained 14 journalists.", [(CRACKDOWN, "detained", 14.0)]),
]


@pytest.mark.parametrize("text, expected", MEDIA)
def test_media_outlets(text, expected):
    assert found(text) == expected


# A verb of its own before the second number opens a new predicate: no coordination with the first figure.
NEW_PREDICATES = [
    ("Police arrested 30 people and seized 20 vehicles.", [(CRACKDOWN, "detained", 30.0)]),
    ("Security forces detained 50 people and raided 300 homes.", [(CRACKDOWN, "detained", 50.0)]),
    ("The attorney general said 749 people were arrested, and prosecutors charged 500.", [(CRACKDOWN, "detained", 749.0)]),
    # Near misses: a reporting or counting verb sets a second count against the first; no verb coordinates.
    ("Provea counted 24 killed, whereas the government reported 19.", [(CRACKDOWN, "killed", 24.0), (CRACKDOWN, "killed", 19.0)]),
    ("Protests led to the deaths of 25 civilians and two soldiers.", [(CRACKDOWN, "killed", 25.0), (CRACKDOWN, "killed", 2.0)]),
]


@pytest.mark.parametrize("text, expected", NEW_PREDICATES)
def test_a_verb_of_its_own_opens_a_new_predicate(text, expected):
    assert found(text) == expected


# Venezuelan rights groups that count the repression are claimants (claimants.csv).
RIGHTS_GROUPS = [
    ("Justicia, Encuentro y Perdón estimates 1,082 political prisoners, while Foro Penal counted 887.",
     [("political_prisoners", 1082.0, "Justicia, Encuentro y Perdón"), ("political_prisoners", 887.0, "Foro Penal")]),
    ("The government has jailed at least 18 journalists, the SNTP said.", [("detained", 18.0, "SNTP")]),
    ("The Venezuelan Observatory of Social Conflict said 25 people were killed.", [("killed", 25.0, "OVCS")]),
    # Near miss: justice named in passing is nobody's claim.
    ("Seeking justice, relatives said 30 people were detained.", [("detained", 30.0, "article")]),
]


@pytest.mark.parametrize("text, expected", RIGHTS_GROUPS)
def test_rights_groups_are_claimants(text, expected):
    assert claims(text) == expected

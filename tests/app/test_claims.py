"""app.selection: results as competing claims, matched against the published figures, and the headline picks."""
import pandas as pd
import pytest

from app import selection
from lib import summaries
from sample_frames import figures

BULLETINS = figures([
    ("a1", "2024-07-30", "vote_share_pct", 51.2, "", "Maduro", "CNE"),
    ("a1", "2024-07-30", "vote_share_pct", 44.2, "", "González", "CNE"),
    ("a2", "2024-09-08", "vote_share_pct", 52.0, "", "Maduro", "CNE"),  # rounded: the second bulletin's 51.95
    ("a3", "2024-08-23", "vote_share_pct", 51.9, "", "Maduro", "CNE"),  # truncated: matches no bulletin
    ("a4", "", "vote_share_pct", 43.18, "", "González", "article"),  # unattributed, but the CNE's second bulletin
    ("a5", "2024-08-12", "vote_share_pct", 70.0, "about", "González", "opposition"),
    ("a6", "", "vote_share_pct", 67.0, "", "González", "opposition"),
    ("a7", "2024-08-24", "tally_coverage_pct", 83.5, "", "tally sheets", "opposition"),
    ("a8", "2024-09-08", "other", 25000000, "", "money", "USA"),  # a bounty: no result
])


@pytest.mark.parametrize("value, qualifier, kind, reference, matches", [
    (52, "", "vote_share_pct", 51.95, True),  # 51.95 to 0 decimals
    (51.2, "", "vote_share_pct", 51.20, True),
    (51.9, "", "vote_share_pct", 51.95, False),  # 51.95 to 1 decimal is 52.0
    (6400000, "", "votes", 6408844, True),  # 6.4 million
    (6408855, "", "votes", 6408844, False),  # a misprint in circulation
    (6480844, "", "votes", 6408844, False),  # another
    (80, "more than", "tally_coverage_pct", 81.7, True),
    (70, "about", "vote_share_pct", 67.1, True),
    (70, "", "vote_share_pct", 67.1, False),
])
def test_a_figure_matches_a_reference_at_its_own_precision(value, qualifier, kind, reference, matches):
    assert summaries.matches_reference(value, qualifier, kind, reference) is matches


def test_decimals_of_percentages_and_counts():
    assert [summaries.decimals(v, k) for v, k in [(51.95, "vote_share_pct"), (80, "tally_coverage_pct"), (6400000, "votes"), (1102, "detained"), (0, "votes")]] == [2, 0, -5, 0, 0]


def test_references_name_the_claim_or_say_none_matches():
    refs = summaries.with_references(BULLETINS)
    said = dict(zip(zip(refs["article_id"], refs["value"]), refs["reference"]))
    assert said[("a1", 51.2)] == "matches the CNE's first bulletin"
    assert said[("a2", 52.0)] == "matches the CNE's second bulletin"
    assert said[("a3", 51.9)] == "differs from every figure the CNE published"
    assert said[("a4", 43.18)] == "matches the CNE's second bulletin"
    assert said[("a6", 67.0)] == "matches the opposition's tally sheets (24,532 actas / 25,073 actas)"
    assert said[("a8", 25000000)] == ""  # not a result: not compared
    other = summaries.with_references(BULLETINS.assign(contest="primary_2023"))
    assert set(other["reference"]) == {""}  # other contests are not compared with 2024's figures


@pytest.mark.parametrize("kind, value, qualifier, subject, claimed_by, claim", [
    # unattributed, matching claims of two claimants (the CNE's 80% counted, the opposition's 81.7% and 83.5%): none
    ("tally_coverage_pct", 80, "more than", "tally sheets", "article", "unattributed"),
    ("tally_coverage_pct", 80, "", "tally sheets", "article", "the CNE's first bulletin"),  # near miss: one claim, the CNE's
    ("vote_share_pct", 30.4, "", "Maduro", "article", "the opposition's tally sheets (24,532 actas)"),
    ("vote_share_pct", 4.6, "", "the rest", "CNE", "the CNE's first bulletin"),  # "the rest of the candidates would have totaled 4.6%"
    # one claimant's two claims: either, said with "or" (it is not both)
    ("vote_share_pct", 51, "about", "Maduro", "CNE", "the CNE's first bulletin or the CNE's second bulletin"),
    ("tally_coverage_pct", 80, "more than", "tally sheets", "opposition", "the opposition's tally sheets (24,532 actas / 25,073 actas)"),
])
def test_a_figure_joins_a_published_claim_only_of_one_claimant(kind, value, qualifier, subject, claimed_by, claim):
    summary = summaries.results_summary(figures([("c1", "2024-08-01", kind, value, qualifier, subject, claimed_by)]))
    assert list(summary["claim"]) == [claim]
    if " or " in claim:  # the card's headline still knows the claims it stands for
        assert selection.claim_parts(claim) == {"the CNE's first bulletin", "the CNE's second bulletin"}


def test_misprints_differ_from_every_published_figure():
    misprints = figures([("m1", "", "votes", 6408855, "", "Maduro", "article"), ("m2", "", "votes", 6480844, "", "Maduro", "article")])
    assert set(summaries.with_references(misprints)["reference"]) == {summaries.NO_MATCH}


def test_only_the_2024_results_are_claims():
    mixed = pd.concat([BULLETINS, figures([("p1", "2024-09-08", "other", 93.0, "", "María Corina Machado", "article")], contest="primary_2023")])
    assert set(summaries.presidential_results(mixed)["article_id"]) == {f"a{i}" for i in range(1, 8)}
    assert list(mixed.loc[summaries.is_other_contest(mixed), "article_id"]) == ["p1"]
    assert list(mixed.loc[summaries.is_non_result(mixed), "article_id"]) == ["a8"]


def test_summary_splits_the_cne_into_its_two_bulletins():
    summary = summaries.results_summary(BULLETINS)
    claims = set(summary["claim"])
    assert {"the CNE's first bulletin", "the CNE's second bulletin", "CNE"} <= claims and "USA" not in claims
    second = summary[(summary["claim"] == "the CNE's second bulletin")].set_index("candidate")
    assert second.loc["Edmundo González", "figure"] == "43.18%" and second.loc["Edmundo González", "claimed_by"] == "unattributed"
    assert second.loc["Edmundo González", "published"] == "undated"
    assert summaries.results_summary(BULLETINS.iloc[0:0]).empty


def test_headline_takes_one_claim_the_most_precise_and_never_a_misprint():
    summary = summaries.results_summary(BULLETINS)
    cne = selection.headline(summary, "CNE")
    # The best share is the second bulletin's 43.18% (two decimals); the card keeps to that claim: Maduro's 52%,
    # not the first bulletin's 51.2% (another claim) nor the unmatched 51.9%.
    assert cne["claim"] == "the CNE's second bulletin"
    assert {c: r["figure"] for c, r in cne["shares"].items()} == {"Edmundo González": "43.18%", "Nicolás Maduro": "52%"}
    assert "the CNE's first bulletin" in cne["others"]
    opposition = selection.headline(summary, "opposition")
    assert opposition["shares"]["Edmundo González"]["figure"] == "67%"  # plain and matching, before the hedged 'about 70%'
    assert opposition["coverage"]["figure"] == "83.5%"
    assert selection.headline(summary, "TSJ")["shares"] == {}


def test_headline_prefers_the_more_precise_even_when_older():
    summary = summaries.results_summary(BULLETINS[BULLETINS["article_id"].isin(["a1", "a2"])])
    assert selection.headline(summary, "CNE")["shares"]["Nicolás Maduro"]["figure"] == "51.2%"


KILLED = figures([
    ("k1", "2024-08-24", "killed", 20, "about", "people killed", "article"),
    ("k2", "", "killed", 24, "", "people killed", "Provea"),
    ("k3", "", "killed", 25, "", "people killed", "government"),
    ("k4", "2024-08-30", "killed", 23, "", "people killed", "government"),
])


def test_crackdown_headline_names_a_source_and_leads_with_the_largest_total():
    latest = selection.latest_figures(selection.with_words(KILLED), "killed")
    top = selection.headline_figure(latest)
    # Named, and the government's largest: a death toll only grows, so its undated 25 is a later count than the 23.
    assert top["claimed_by"] == "government" and top["value"] == 25
    only_unattributed = selection.latest_figures(selection.with_words(KILLED.iloc[:1]), "killed")
    assert selection.headline_figure(only_unattributed)["claimed_by"] == "article"
    assert selection.headline_figure(latest.iloc[0:0]) is None


# One reporter's figures of one kind, in article order: (article_id, published, value, qualifier). Seen on seeds +
# evaluation texts: the government's 14 "members of the opposition ... arrested in connection with the plot" (a
# later article) was the headline "People detained: 14" beside its 2,400; its "two soldiers among the dead" the
# headline "People killed: 2" beside 25 civilians.
@pytest.mark.parametrize("kind, rows, latest", [
    ("detained", [("g1", "2024-08-16", 2000, "more than"), ("g2", "", 2400, ""), ("g3", "2024-09-14", 14, "")], 2400),  # a later part
    ("detained", [("g1", "2024-08-01", 1200, "more than"), ("g2", "2024-08-16", 2229, "")], 2229),  # the count grew
    ("killed", [("g1", "", 25, ""), ("g1", "", 2, ""), ("g2", "2024-08-16", 2, "")], 25),  # soldiers among the dead
    ("detained", [("g1", "2024-08-16", 2400, ""), ("g2", "2024-09-08", 2400, "more than")], 2400),  # a tie: the newest
    # near misses: a count of people held now falls with releases, and releases come in batches: the newest stands
    ("political_prisoners", [("g1", "2024-08-16", 1503, ""), ("g2", "2025-01-10", 887, "")], 887),
    ("released", [("g1", "2024-09-01", 86, ""), ("g2", "2024-09-02", 40, "")], 40),
    # of one article's figures the largest is the total, whatever order the text gives them in
    ("political_prisoners", [("g1", "2024-08-16", 114, ""), ("g1", "2024-08-16", 1503, "")], 1503),
])
def test_the_latest_figure_of_a_running_total_is_its_largest(kind, rows, latest):
    df = figures([(a, p, kind, v, q, "people", "government") for a, p, v, q in rows])
    got = selection.latest_figures(selection.with_words(df), kind)
    assert list(got["value"]) == [latest] and got["n_reports"].iloc[0] == len({a for a, *_ in rows})
    assert selection.headline_figure(got)["value"] == latest
    if kind == "detained" and rows[-1][1] == "2024-09-08":
        assert got["article_id"].iloc[0] == "g2"  # the same total, from the newer article


def test_a_running_total_over_time_never_falls_to_a_part_of_it():
    df = figures([
        ("g1", "2024-08-16", "detained", 2000, "more than", "people", "government"),
        ("g2", "2024-09-08", "detained", 2400, "", "people", "government"),
        ("g3", "2024-09-14", "detained", 14, "", "people", "government"),  # a part: left off the line
        ("g3", "2024-09-14", "detained", 6, "", "people", "article"),
        ("g3", "2024-09-14", "detained", 3, "", "people", "article"),  # the same day's smaller part
    ])
    by_day = selection.figures_by_day(df)
    assert by_day[["claimed_by", "published", "value"]].values.tolist() == [
        ["article", "2024-09-14", 6], ["government", "2024-08-16", 2000], ["government", "2024-09-08", 2400]]
    prisoners = selection.figures_by_day(df.assign(kind="political_prisoners"))  # near miss: a count held now may fall
    assert list(prisoners.loc[prisoners["claimed_by"] == "government", "value"]) == [2000, 2400, 14]


def test_other_crackdown_figures_are_told_apart_by_subject():
    others = figures([("o1", "", "other", 100, "", "minors detained", "Foro Penal"), ("o2", "", "other", 2, "", "prisons", "government")])
    assert set(selection.latest_figures(selection.with_words(others))["kind_label"]) == {"other: minors detained", "other: prisons"}
    over_time = figures([("o1", "2024-08-06", "other", 100, "", "minors detained", "Foro Penal"),
                         ("o2", "2024-09-01", "other", 6, "", "asylum seekers", "Foro Penal")])
    assert list(selection.figures_by_day(over_time)["claimed_by"]) == ["Foro Penal · asylum seekers", "Foro Penal · minors detained"]


def test_published_claims_count_the_articles_reporting_each():
    claims = summaries.published_claims(summaries.with_references(BULLETINS))
    first = claims[(claims["claim"] == "the CNE's first bulletin") & (claims["kind"] == "vote_share_pct")].set_index("candidate")
    assert first.loc["Nicolás Maduro", "n_articles"] == 1 and first.loc["Nicolás Maduro", "figure"] == "51.2%"
    assert set(claims["claim"]) >= {"the CNE's first bulletin", "the CNE's second bulletin", "the opposition's 29 July count"}


def test_a_figure_no_published_figure_can_match_is_compared_without_error():
    # Turnout claimed by the CNE: no published turnout figure of that candidate-less kind in the pool for a
    # named claimant, an empty pool (this raised KeyError on seeds + every evaluation set).
    minor = figures([("t1", "2024-07-30", "turnout_pct", 59.9, "", "turnout", "CNE"),
                     ("t2", "2024-07-30", "votes", 12000, "", "Nicolás Maduro", "CNE")]).assign(candidate=["", "Someone Else"])
    assert list(summaries.with_references(minor)["reference"]) == ["differs from every figure the CNE published"] * 2


def test_a_headline_keeps_the_shares_that_match_its_claim_among_others():
    # González's 67% matches both of the opposition's acta counts; Maduro's 30.4% only the first. The card is
    # the first count's, and González's 67% belongs on it (it was shown as "–").
    counts = figures([
        ("o1", "2024-08-01", "vote_share_pct", 30.4, "", "Maduro", "opposition"),
        ("o2", "2024-08-02", "vote_share_pct", 67.0, "", "González", "opposition"),
    ])
    card = selection.headline(summaries.results_summary(counts), "opposition")
    assert card["claim"] == "the opposition's tally sheets (24,532 actas)"
    assert {c: r["figure"] for c, r in card["shares"].items()} == {"Nicolás Maduro": "30.4%", "Edmundo González": "67%"}
    # The 67% both counts give is on the card, not another claim; the later count alone would be one.
    assert card["others"] == []
    later = figures([("o3", "2024-08-03", "tally_coverage_pct", 83.5, "", "tally sheets", "opposition")])
    card = selection.headline(summaries.results_summary(pd.concat([counts, later], ignore_index=True)), "opposition")
    assert card["others"] == ["the opposition's tally sheets (25,073 actas)"]


def test_a_crackdown_figure_of_another_period_is_no_latest_figure():
    """An article dated before the 2024 election counts arrests of its own time: listed, never the latest figure."""
    now = figures([("n1", "2024-08-10", "detained", 2000, "more than", "people detained", "Foro Penal")])
    then = figures([("t1", "2024-09-01", "other", 300, "", "people detained", "Foro Penal")], contest="election_2018")
    latest = selection.latest_figures(pd.concat([now, then], ignore_index=True))
    assert list(latest["article_id"]) == ["n1"]
    assert selection.latest_figures(then).empty

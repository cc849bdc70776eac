"""The scorer, and the extractor's quality on the gold as a regression floor."""
import pandas as pd
import pytest

from lib import evaluate


def frame(rows, columns):
    return pd.DataFrame(rows, columns=columns)


def test_scores_count_multisets():
    cols = ["article_id", "kind", "value"]
    gold = frame([("a", "killed", 24), ("a", "killed", 24), ("a", "detained", 2400)], cols)
    predicted = frame([("a", "killed", 24.0), ("a", "injured", 200)], cols)
    s = evaluate.score("crackdown", gold, predicted, evaluate._figure_key)
    assert (s.gold, s.predicted, s.true_positives) == (3, 2, 1)
    assert s.precision == 0.5 and s.recall == pytest.approx(1 / 3)
    assert s.f1 == pytest.approx(0.4)


def test_empty_predictions_score_zero_not_error():
    s = evaluate.score("positions", frame([("a", "USA", "rejects_result")], ["article_id", "actor_code", "stance"]),
                       frame([], ["article_id", "actor_code", "stance"]), evaluate._position_key)
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)


def test_quotes_match_ignoring_case_and_edge_punctuation_and_score_speakers():
    cols = ["article_id", "quote", "speaker"]
    gold = frame([("a", "We cannot recognize elections that were not free.", "Gustavo Petro"),
                  ("a", "deeply flawed", "Antony Blinken")], cols)
    predicted = frame([("a", "we cannot recognize elections that were not free", "Petro"),
                       ("a", "Deeply flawed.", "Josep Borrell")], cols)
    s = evaluate.score_quotes(gold, predicted)
    assert s.true_positives == 2 and s.speaker_correct == 1 and s.speaker_accuracy == 0.5


@pytest.mark.parametrize(
    "gold, predicted, same",
    [
        ("Edmundo González Urrutia", "Edmundo Gonzalez", True),
        ("The Carter Center", "Carter Center", True),
        ("María Corina Machado", "Nicolás Maduro", False),
        ("Jennie Lincoln", "", False),
    ],
)
def test_same_speaker(gold, predicted, same):
    assert evaluate.same_speaker(gold, predicted) is same


@pytest.fixture(scope="module")
def gold_scores():
    return evaluate.evaluate(evaluate.load_gold(), evaluate.extract_corpus())


def test_positions_meet_the_quality_floor(gold_scores):
    assert gold_scores["positions"].f1 >= evaluate.TARGETS["positions"]


def test_figures_meet_the_quality_floor(gold_scores):
    assert gold_scores["figures"].f1 >= evaluate.TARGETS["figures"]


def test_quotes_meet_the_quality_floor(gold_scores):
    assert gold_scores["quotes"].f1 >= evaluate.TARGETS["quotes"]
    assert gold_scores["quotes"].speaker_accuracy >= evaluate.SPEAKER_TARGET

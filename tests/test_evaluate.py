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


def test_quote_errors_list_the_matched_quote_with_the_wrong_speaker():
    cols = ["article_id", "quote", "speaker"]
    gold = frame([("a", "deeply flawed", "Antony Blinken"), ("a", "a fraud", "Javier Milei"), ("a", "missed words", "X")], cols)
    predicted = frame([("a", "Deeply flawed.", "Josep Borrell"), ("a", "a fraud", "Milei")], cols)
    listed = [tuple(row) for row in evaluate.errors("quotes", gold, predicted).itertuples(index=False)]
    assert sorted(listed) == [("missed", "a", "missed words", ""),
                              ("wrong speaker", "a", "deeply flawed", "gold 'Antony Blinken', found 'Josep Borrell'")]


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


# --- dev2a / dev2b: the imported gold, its split, and the held-out guard ---

import importlib.util  # noqa: E402
from pathlib import Path  # noqa: E402

from lib.articles import read_corpus  # noqa: E402

from lib.paths import ROOT as REPO  # noqa: E402
SPLIT_SETS = [name for name, s in evaluate.SETS.items() if s.held_out is not None]


@pytest.fixture(scope="module")
def import_gold():
    spec = importlib.util.spec_from_file_location("import_gold", REPO / "tools" / "import_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "text, starts_with, quote, how",
    [
        ('He said "we will not accept this result," and left.', "we will not", "we will not accept this result,", "marked"),
        ("He said “we will not accept this result,” and left.", "we will not", "we will not accept this result,", "marked"),
        ("The ‘complete transparency’ call.", "complete transparency", "complete transparency", "marked"),
        # starts mid-quote: walk back to the opening mark
        ("She said “the count was clean and the count was fair.”", "the count was fair", "the count was clean and the count was fair.", "marked"),
        # an apostrophe inside a curly single-quoted span is not its end
        ("They called it ‘Maduro’s last stand’ today.", "Maduro’s last", "Maduro’s last stand", "marked"),
        # mixed marks, as in the sources: straight open, curly close; « with ”
        ('Gonsalves said, "Well, I called them.” He hoped.', "Well, I", "Well, I called them.", "marked"),
        ("«It is impossible,” Grisanti said.", "It is impossible", "It is impossible,", "marked"),
        # unclosed: runs to the paragraph end, not into the next paragraph
        ("“He is an important partner and\n\nNext paragraph.", "He is an important", "He is an important partner and", "unclosed"),
        # an unmarked block quote after a line ending with ':'
        ("Blinken said:\n\nGiven the evidence, it is clear.\n", "Given the evidence", "Given the evidence, it is clear.", "block"),
        # the occurrence inside marks wins over an earlier bare one
        ("It is clear. The US said “it is clear” today.", "it is clear", "it is clear", "marked"),
    ],
)
def test_quote_span_recovers_the_full_quoted_text(import_gold, text, starts_with, quote, how):
    span = import_gold.quote_span(text, starts_with)
    assert (text[span.start:span.end], span.how) == (quote, how)


@pytest.mark.parametrize(
    "text, starts_with",
    [
        ("No quotation marks here at all.", "quotation marks"),  # not in any quote, not a block quote
        ("Something else entirely.", "missing words"),  # not in the text
    ],
)
def test_quote_span_fails_loudly(import_gold, text, starts_with):
    with pytest.raises(import_gold.UnplacedQuote):
        import_gold.quote_span(text, starts_with)


@pytest.mark.parametrize("name", SPLIT_SETS)
def test_split_is_disjoint_and_covers_every_file(name):
    eval_set = evaluate.SETS[name]
    ids = [p.stem for folder in eval_set.articles for p in sorted(Path(folder).glob("*.txt"))]
    assert len(ids) == 20
    tune = {a for a in ids if evaluate.in_split(a, "tune", eval_set.held_out)}
    held = {a for a in ids if evaluate.in_split(a, "heldout", eval_set.held_out)}
    assert not tune & held and tune | held == set(ids)
    assert held == {a for a in ids if int(a[1:]) % 2 == 1} and len(held) == 10


@pytest.mark.parametrize("name", SPLIT_SETS)
def test_every_converted_gold_row_is_in_its_article_body(name):
    eval_set = evaluate.SETS[name]
    articles, rejected = read_corpus(eval_set.articles)
    assert not rejected
    texts = {a.article_id: a.text for a in articles}
    gold = evaluate.load_gold(eval_set.gold)
    assert sum(len(df) for df in gold.values()) > 0
    checks = {"positions": ["cue"], "results": ["evidence", "mention"], "crackdown": ["evidence", "mention"], "quotes": ["quote"]}
    for table, columns in checks.items():
        for row in gold[table].itertuples(index=False):
            assert row.article_id in texts, f"{name} {table}: no text for {row.article_id}"
            for column in columns:
                assert getattr(row, column) in texts[row.article_id], f"{name} {table} {row.article_id}: {column} not in the body"


@pytest.mark.parametrize(
    "argv",
    [
        ["--set", "dev2a", "--split", "heldout", "--errors", "quotes"],
        ["--set", "dev2b", "--split", "heldout", "--errors", "results"],
        ["--set", "dev2b", "--errors", "positions"],  # --split all would include the held-out half
    ],
)
def test_errors_on_the_held_out_half_are_refused(argv, capsys, monkeypatch):
    monkeypatch.setattr(evaluate, "extract_corpus", lambda *a, **k: pytest.fail("refused before extracting"))
    with pytest.raises(SystemExit) as exit_info:
        evaluate.run(argv)
    assert exit_info.value.code == 2
    assert "--errors" in capsys.readouterr().err


def test_precision_per_confidence_band_counts_each_prediction_once():
    gold = {name: pd.DataFrame(columns=cols) for name, cols in evaluate.GOLD_COLUMNS.items()}
    gold["positions"] = pd.DataFrame([["a", "USA", "rejects_result"], ["a", "BRA", "demands_transparency"]], columns=evaluate.GOLD_COLUMNS["positions"])
    predicted = {name: pd.DataFrame(columns=[*cols, "confidence"]) for name, cols in evaluate.GOLD_COLUMNS.items()}
    predicted["positions"] = pd.DataFrame(
        [["a", "USA", "rejects_result", 0.97], ["a", "USA", "rejects_result", 0.6], ["a", "BRA", "demands_transparency", 0.85],
         ["a", "CHL", "rejects_result", 1.0]],
        columns=[*evaluate.GOLD_COLUMNS["positions"], "confidence"],
    )
    bands = evaluate.band_precision(gold, predicted).set_index("confidence")
    # the duplicate USA row's miss falls on the weaker prediction; 1.0 is in the top band
    assert bands.loc["0.95–1", ["rows", "right"]].tolist() == [2, 1]
    assert bands.loc["0.5–0.8", ["rows", "right"]].tolist() == [1, 0]
    assert bands.loc["0.8–0.9", ["rows", "right"]].tolist() == [1, 1]


def test_scores_are_kept_in_the_data_folder_and_read_back_as_scored(tmp_path, monkeypatch):
    data = (("dev2a tune half", "dev2a", "tune"),)
    key = evaluate.method_key(data)
    scored = evaluate.kept_method_scores(tmp_path, data, key)
    assert [p.name for p in (tmp_path / evaluate.SCORES).iterdir()] == [f"method-{key}.parquet"]

    def no_scoring(*args):
        raise AssertionError("scored again")

    monkeypatch.setattr(evaluate, "method_scores", no_scoring)
    pd.testing.assert_frame_equal(evaluate.kept_method_scores(tmp_path, data, key), scored)
    with pytest.raises(AssertionError, match="scored again"):  # another key (other code or gold): scored again
        evaluate.kept_method_scores(tmp_path, data, "0" * 16)


def test_scores_are_not_kept_where_they_cannot_be_written(tmp_path):
    (tmp_path / evaluate.SCORES).write_text("a file where the folder would go")
    data = (("dev2a tune half", "dev2a", "tune"),)
    assert isinstance(evaluate.kept_method_scores(tmp_path, data, evaluate.method_key(data)), pd.DataFrame)

"""Precision, recall and F1 of the extractor against hand-annotated gold.

    python -m lib.evaluate [--set dev|dev2a|dev2b|invented] [--split all|tune|heldout] [--gold DIR] [--articles DIR ...] [--errors TABLE]
    python -m lib.evaluate --reviewed [--out DIR]

Gold lives in ``evaluation/gold/`` (one CSV per table, written by reading the
articles by hand; see ``evaluation/gold/GUIDELINES.md``) over the seeds and the dev
fixtures: the ``dev`` set, the default. :data:`SETS` declares the other
evaluation sets (``dev2a``, ``dev2b``: independently annotated; ``invented``:
whole invented articles annotated before the extractor saw them; all converted by
``tools/import_gold.py``) and which of their articles are held out
(:func:`is_held_out`: the odd-numbered files). ``--split tune`` scores the
other half; the held-out half is scored only as a whole, never with
``--errors``, and ``--errors`` on such a set needs ``--split tune`` (see
``evaluation/README.md``). Matching rules:

- positions: article, actor and stance;
- figures (results, crackdown, and both pooled): article, kind and value;
- quotes: article and quoted text (case, surrounding whitespace and
  punctuation ignored), plus the share of matched quotes whose speaker is right.

Counts are multisets, so a figure annotated twice must be found twice.

``--reviewed`` scores the extractor on the user's own corpus instead, from
the reviewers' decisions applied to the current build (:func:`reviewed_scores`):
precision from the rows reviewers confirmed, corrected or rejected, recall
from the facts they added, per table and per confidence band.

Both kinds of score take seconds to make and change seldom: the dashboard
reads them through :func:`kept_method_scores` and :func:`kept_reviewed_scores`,
which keep them in the data folder's ``scores/`` (keyed by the extractor's
code, this module and the gold; by the build) so that a fresh server process
reads them instead of scoring again.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

import pandas as pd

from lib import store
from lib.articles import read_corpus
from lib.paths import DEV_ARTICLES, EVALUATION, SEEDS
from lib.extract import extract_article
from lib.schema import FACT_TABLES, TABLES
from lib.text import quote_key

GOLD_DIR = EVALUATION / "gold"
GOLD_CORPUS = (SEEDS, DEV_ARTICLES)
SPLITS = ("all", "tune", "heldout")


def is_held_out(article_id: str) -> bool:
    """The held-out rule, fixed before anyone looked at errors: odd-numbered files (e01, e03, ... f19)."""
    number = re.search(r"(\d+)$", article_id)
    if number is None:
        raise ValueError(f"no file number in article_id {article_id!r}")
    return int(number.group(1)) % 2 == 1


class EvalSet(NamedTuple):
    name: str
    articles: tuple[Path, ...]  # folders of the .txt articles
    gold: Path  # folder of the gold CSVs
    held_out: Callable[[str], bool] | None = None  # article_id -> held out?; None: no split


SETS: dict[str, EvalSet] = {
    "dev": EvalSet("dev", GOLD_CORPUS, GOLD_DIR),
    "dev2a": EvalSet("dev2a", (EVALUATION / "dev2a" / "texts",), EVALUATION / "dev2a" / "gold", is_held_out),
    "dev2b": EvalSet("dev2b", (EVALUATION / "dev2b" / "texts",), EVALUATION / "dev2b" / "gold", is_held_out),
    "invented": EvalSet("invented", (EVALUATION / "invented" / "texts",), EVALUATION / "invented" / "gold", is_held_out),
}
# What the dashboard's Sources & method page shows the extractor scored on, untouched data first: (label, set, split).
METHOD_DATA = (
    ("dev2a held-out half (untouched)", "dev2a", "heldout"),
    ("dev2b held-out half (untouched)", "dev2b", "heldout"),
    ("invented held-out half (untouched; invented articles, not news)", "invented", "heldout"),
    ("dev2a tune half (rules developed on it)", "dev2a", "tune"),
    ("dev2b tune half (rules developed on it)", "dev2b", "tune"),
    ("invented tune half (invented articles; rules developed on it)", "invented", "tune"),
    ("own gold, seeds + dev (tuned on it: an upper bound)", "dev", "all"),
)
TARGETS = {"positions": 0.85, "figures": 0.80, "quotes": 0.90}
SPEAKER_TARGET = 0.85


class Score(NamedTuple):
    table: str
    gold: int
    predicted: int
    true_positives: int
    speaker_correct: int | None = None  # quotes only

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float | None:
        if self.speaker_correct is None:
            return None
        return self.speaker_correct / self.true_positives if self.true_positives else 0.0


def _figure_key(row) -> tuple:
    return (row.article_id, row.kind, round(float(row.value), 4))


def _position_key(row) -> tuple:
    return (row.article_id, row.actor_code, row.stance)


def _quote_key(row) -> tuple:
    return (row.article_id, quote_key(row.quote))


def same_speaker(gold: str, predicted: str) -> bool:
    """Equal up to case/accents and a leading 'the', or one name contains the other's words."""
    g = re.sub(r"^the ", "", quote_key(gold))
    p = re.sub(r"^the ", "", quote_key(predicted))
    if not g or not p:
        return g == p
    g_words, p_words = set(g.split()), set(p.split())
    return g == p or g_words <= p_words or p_words <= g_words


def _match(gold: pd.DataFrame, predicted: pd.DataFrame, key: Callable) -> tuple[Counter, Counter]:
    return Counter(key(r) for r in gold.itertuples(index=False)), Counter(key(r) for r in predicted.itertuples(index=False))


def score(table: str, gold: pd.DataFrame, predicted: pd.DataFrame, key: Callable) -> Score:
    g, p = _match(gold, predicted, key)
    return Score(table, sum(g.values()), sum(p.values()), sum((g & p).values()))


def speaker_pairs(gold: pd.DataFrame, predicted: pd.DataFrame) -> Iterator[tuple[tuple, str, str]]:
    """(quote key, gold speaker, predicted speaker) for every matched quote, in gold order."""
    predicted_speakers: dict[tuple, list[str]] = {}
    for row in predicted.itertuples(index=False):
        predicted_speakers.setdefault(_quote_key(row), []).append(row.speaker)
    for row in gold.itertuples(index=False):
        speakers = predicted_speakers.get(_quote_key(row))
        if speakers:
            yield _quote_key(row), row.speaker, speakers.pop(0)


def score_quotes(gold: pd.DataFrame, predicted: pd.DataFrame) -> Score:
    base = score("quotes", gold, predicted, _quote_key)
    correct = sum(same_speaker(g, p) for _, g, p in speaker_pairs(gold, predicted))
    return base._replace(speaker_correct=correct)


GOLD_COLUMNS = {
    "positions": ["article_id", "actor_code", "stance"],
    "results": ["article_id", "kind", "value"],
    "crackdown": ["article_id", "kind", "value"],
    "quotes": ["article_id", "quote", "speaker"],
}


def load_gold(gold_dir: Path = GOLD_DIR) -> dict[str, pd.DataFrame]:
    """Gold rows per table; a missing file counts as no gold (every prediction then scores as spurious)."""
    gold = {}
    for name, columns in GOLD_COLUMNS.items():
        path = gold_dir / f"{name}.csv"
        gold[name] = pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else pd.DataFrame(columns=columns)
    return gold


def in_split(article_id: str, split: str, held_out: Callable[[str], bool] | None) -> bool:
    """Whether an article belongs to ``split`` (all, tune or heldout) under a set's held-out rule."""
    if split == "all":
        return True
    if held_out is None:
        raise ValueError(f"split {split!r} asked of a set without a held-out rule")
    return held_out(article_id) == (split == "heldout")


def select(tables: dict[str, pd.DataFrame], keep: Callable[[str], bool]) -> dict[str, pd.DataFrame]:
    """Only the rows of the articles ``keep`` accepts, per table."""
    return {name: df[[keep(a) for a in df["article_id"]]] if len(df) else df for name, df in tables.items()}


def extract_corpus(folders=GOLD_CORPUS, keep: Callable[[str], bool] | None = None) -> dict[str, pd.DataFrame]:
    """Run the extractor over the gold corpus (the articles ``keep`` accepts), as typed frames per table."""
    articles, _ = read_corpus(folders)
    rows: dict[str, list] = {name: [] for name in FACT_TABLES}
    for article in articles:
        if keep is not None and not keep(article.article_id):
            continue
        for name, found in extract_article(article.article_id, article.text).items():
            rows[name].extend(found)
    return {name: TABLES[name].frame(found) for name, found in rows.items()}


def evaluate(gold: dict[str, pd.DataFrame], predicted: dict[str, pd.DataFrame]) -> dict[str, Score]:
    """Scores per table, plus ``figures`` for results and crackdown pooled."""
    scores = {
        "positions": score("positions", gold["positions"], predicted["positions"], _position_key),
        "results": score("results", gold["results"], predicted["results"], _figure_key),
        "crackdown": score("crackdown", gold["crackdown"], predicted["crackdown"], _figure_key),
        "quotes": score_quotes(gold["quotes"], predicted["quotes"]),
    }
    r, c = scores["results"], scores["crackdown"]
    scores["figures"] = Score("figures", r.gold + c.gold, r.predicted + c.predicted, r.true_positives + c.true_positives)
    return scores


def scores_frame(scores: dict[str, Score]) -> pd.DataFrame:
    """One row per table: counts, precision, recall, F1, speaker accuracy, target."""
    return pd.DataFrame(
        [
            {
                "table": s.table,
                "gold": s.gold,
                "predicted": s.predicted,
                "matched": s.true_positives,
                "precision": round(s.precision, 3),
                "recall": round(s.recall, 3),
                "f1": round(s.f1, 3),
                "speaker_accuracy": None if s.speaker_accuracy is None else round(s.speaker_accuracy, 3),
                "f1_target": TARGETS.get(s.table),
            }
            for s in scores.values()
        ]
    )


# Confidence bands: the lower edges; each band runs up to the next edge, the last one up to 1 included.
CONFIDENCE_BANDS = (0.0, 0.5, 0.8, 0.9, 0.95)


def band_precision(gold: dict[str, pd.DataFrame], predicted: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Calibration: per table and confidence band, the rows extracted, how many match the gold, and that precision.

    For quotes the share is of matched quotes whose speaker is right, since a
    quote's confidence says how its speaker was found. Gold rows are matched to
    the most confident predictions first, so a duplicate row's miss falls on
    the weaker one.
    """
    keys = {"positions": _position_key, "results": _figure_key, "crackdown": _figure_key, "quotes": _quote_key}
    out = []
    for table, key in keys.items():
        rows = predicted[table]
        if "confidence" not in rows or rows.empty:
            continue
        rows = rows.sort_values("confidence", ascending=False, kind="stable")
        left = Counter(key(r) for r in gold[table].itertuples(index=False))
        speakers: dict[tuple, list[str]] = {}
        for r in gold[table].itertuples(index=False):
            if table == "quotes":
                speakers.setdefault(key(r), []).append(r.speaker)
        right = []
        for r in rows.itertuples(index=False):
            k = key(r)
            hit = left[k] > 0
            left[k] -= hit
            if table == "quotes":
                hit = hit and same_speaker(speakers[k].pop(0), r.speaker)
            right.append(hit)
        labels = [f"{low:g}–{high:g}" for low, high in zip(CONFIDENCE_BANDS, (*CONFIDENCE_BANDS[1:], 1))]
        bands = pd.cut(rows["confidence"], [*CONFIDENCE_BANDS, 1.000001], right=False, labels=labels)
        frame = pd.DataFrame({"band": bands.array, "right": right})
        for band, group in frame.groupby("band", sort=True, observed=True):  # bands in order, empty ones left out
            out.append({"table": table, "confidence": str(band), "rows": len(group), "right": int(group["right"].sum()),
                        "precision": round(group["right"].mean(), 3)})
    return pd.DataFrame(out, columns=["table", "confidence", "rows", "right", "precision"])


def errors(table: str, gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Missed (in gold only) and spurious (predicted only) keys of one table; for quotes also matched ones with the wrong speaker."""
    key = {"positions": _position_key, "quotes": _quote_key}.get(table, _figure_key)
    g, p = _match(gold, predicted, key)
    rows = [("missed", *k) for k in (g - p).elements()] + [("spurious", *k) for k in (p - g).elements()]
    if table == "quotes":
        rows += [("wrong speaker", *k, f"gold {gs!r}, found {ps!r}") for k, gs, ps in speaker_pairs(gold, predicted) if not same_speaker(gs, ps)]
    width = max(map(len, rows), default=0)
    return pd.DataFrame([row + ("",) * (width - len(row)) for row in rows]).sort_values([1, 0]) if rows else pd.DataFrame()


# Confidence bands for the reviewed scores: (lowest, highest (excluded), label).
BANDS = ((0.0, 0.85, "below 0.85"), (0.85, 0.9, "0.85 to 0.90"), (0.9, 1.01, "0.90 and above"))
REVIEWED_TABLES = ("positions", "results", "crackdown", "quotes")


def reviewed_scores(out: Path | None = None) -> pd.DataFrame:
    """:func:`build_reviewed_scores` of the current build of ``out`` (default data/, or $VENEZUELA_DATA)."""
    return build_reviewed_scores(store.current_build(out))


def build_reviewed_scores(folder: Path) -> pd.DataFrame:
    """Precision and recall of the extractor measured from the reviewers' decisions in a build folder (its extracted/ rows and its reviewed ones).

    Per table (and per confidence band, for tables with a confidence): ``precision`` is the share of reviewed
    rows confirmed as extracted, ``fact_precision`` the share confirmed or corrected (the right fact, a field
    wrong), ``recall`` the share of the facts reviewers know of (extracted and kept, or added) that the
    extractor found, on the articles where anything was reviewed. ``reviewed`` says how many rows each figure rests on.
    """
    # Only the columns counted: the whole tables are hundreds of megabytes at 100,000 articles.
    counted = {name: tuple(c for c in ("review_status", "confidence") if c in TABLES[name].column_names) for name in REVIEWED_TABLES}
    if store.load_report(folder).get("corrections", {}).get("rows_applied", 1) == 0:
        # No correction applied: every row is unreviewed, so no row counts (reading the statuses took a second at 100,000 articles).
        extracted = {name: TABLES[name].empty()[list(counted[name])] for name in REVIEWED_TABLES}
        reviewed = {name: TABLES[name].empty()[["review_status"]] for name in REVIEWED_TABLES}
    else:
        checked = not store.validated(folder)  # a build validates its tables as it writes them: not again here (half the time)
        extracted = {name: store.load_table(folder / store.EXTRACTED, name, counted[name], validate=checked) for name in REVIEWED_TABLES}
        reviewed = {name: store.load_table(folder, name, ("review_status",), validate=checked) for name in REVIEWED_TABLES}
    rows = []
    for name in REVIEWED_TABLES:
        df = extracted[name]
        added = int((reviewed[name]["review_status"] == "added").sum())
        groups = [("all", df, added)]
        if "confidence" in df:
            groups += [(label, df[(df["confidence"] >= low) & (df["confidence"] < high)], None) for low, high, label in BANDS]
        for band, part, n_added in groups:
            counts = part["review_status"].value_counts()
            confirmed, corrected, rejected = (int(counts.get(s, 0)) for s in ("confirmed", "corrected", "rejected"))
            judged = confirmed + corrected + rejected
            rows.append({
                "table": name, "band": band, "reviewed": judged, "confirmed": confirmed, "corrected": corrected, "rejected": rejected,
                "added": n_added if n_added is not None else None,
                "precision": round(confirmed / judged, 3) if judged else None,
                "fact_precision": round((confirmed + corrected) / judged, 3) if judged else None,
                # Unknown until extracted rows are reviewed too, and when reviewers know of no fact (every reviewed row rejected, none added).
                "recall": round((confirmed + corrected) / (confirmed + corrected + n_added), 3) if n_added is not None and judged and confirmed + corrected + n_added else None,
            })
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- scores kept between processes

SCORES = "scores"  # data/scores/: method-<key>.parquet (per code and gold), reviewed-<build>.parquet (per build)


def method_scores(data: tuple[tuple[str, str, str], ...]) -> pd.DataFrame | str:
    """Precision/recall/F1 per table on each ``(label, set name, split)`` of ``data``, one frame with a ``data`` column first;
    a message instead when a set's gold is incomplete."""
    frames = []
    for label, name, split in data:
        chosen = SETS[name]
        keep = None if split == "all" else (lambda aid, split=split, rule=chosen.held_out: in_split(aid, split, rule))
        try:
            gold = load_gold(chosen.gold)
        except (OSError, ValueError) as exc:
            return f"The gold annotations of {name} are incomplete ({exc}); scores cannot be computed yet."
        gold = select(gold, keep) if keep else gold
        scores = scores_frame(evaluate(gold, extract_corpus(chosen.articles, keep)))
        frames.append(scores.assign(data=label))
    out = pd.concat(frames, ignore_index=True)
    return out[["data", *[c for c in out.columns if c != "data"]]]


def method_key(data: tuple[tuple[str, str, str], ...]) -> str:
    """What :func:`method_scores` of ``data`` depends on, hashed: the data asked for, the extractor's code and lexicons,
    this module (how rows are matched), and the names, sizes and modification times of each set's gold and articles."""
    digest = hashlib.sha256(repr(data).encode())
    digest.update(store.extractor_fingerprint().encode())
    digest.update(Path(__file__).read_bytes())
    for name in sorted({name for _, name, _ in data}):
        digest.update(store.corpus_fingerprint([SETS[name].gold, *SETS[name].articles]).encode())
    return digest.hexdigest()[:16]


def _kept(path: Path, make: Callable[[], pd.DataFrame | str]) -> pd.DataFrame | str:
    """The frame saved at ``path``, else ``make()`` saved there (a message is not saved) in place of the other files of its kind.

    Written under a temporary name and renamed, so a reader in another process
    sees a whole file or none; a data folder that cannot be written to costs
    the scoring again next time, nothing more.
    """
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError):
        pass
    made = make()
    if isinstance(made, pd.DataFrame):
        kind = path.name.split("-", 1)[0]
        try:
            path.parent.mkdir(exist_ok=True)
            partial = path.with_name(f".{path.name}.{os.getpid()}")
            made.to_parquet(partial, index=False)
            os.replace(partial, path)
            for old in path.parent.glob(f"{kind}-*.parquet"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    return made


def kept_method_scores(out: Path, data: tuple[tuple[str, str, str], ...], key: str) -> pd.DataFrame | str:
    """:func:`method_scores` of ``data``, read from ``out/scores/`` when scored before with the same :func:`method_key` ``key``."""
    return _kept(out / SCORES / f"method-{key}.parquet", lambda: method_scores(data))


def kept_dashboard_scores(out: Path) -> pd.DataFrame | str:
    """What Sources & method shows, kept for the data folder ``out``: :func:`kept_method_scores` of :data:`METHOD_DATA`
    (returned; ``app.cached.method_scores`` reads the same file) and :func:`kept_reviewed_scores` of its current build.

    Builds call it once they have published (``python -m lib.build`` and the
    dashboard's own build step, a reviewer's correction's included), so that the
    scores are made while a build is being waited for anyway, not on the page's
    first visit after it (the code's: a second or more, every evaluation article
    is extracted; the reviewed rows': half a second at 100,000 articles, the
    review statuses of every table read). A build whose code and gold were
    scored before reads the kept file (milliseconds).
    """
    method = kept_method_scores(out, METHOD_DATA, method_key(METHOD_DATA))
    try:
        kept_reviewed_scores(store.current_build(out))
    except (store.DataError, OSError):
        pass  # the build pruned or damaged since it was published: the page, on its visit, scores or says why it cannot
    return method


def kept_reviewed_scores(folder: Path) -> pd.DataFrame:
    """:func:`build_reviewed_scores` of a build folder, read from its data folder's ``scores/`` when scored before.

    A build never changes once published (a review makes a new one), so its name is the key.
    """
    return _kept(folder.parent / SCORES / f"reviewed-{folder.name}.parquet", lambda: build_reviewed_scores(folder))


def parser() -> argparse.ArgumentParser:
    """The command line, also read by the README test."""
    parser = argparse.ArgumentParser(prog="python -m lib.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=list(SETS), default="dev", help="evaluation set (default dev: seeds + evaluation/dev, gold in evaluation/gold)")
    parser.add_argument("--split", choices=SPLITS, default="all", help="score all of the set, its tune half or its held-out half (default all)")
    parser.add_argument("--gold", type=Path, help="folder of gold CSVs (default: the set's, evaluation/gold for dev)")
    parser.add_argument("--articles", type=Path, nargs="+", help="article folders the gold covers (default: the set's)")
    parser.add_argument("--errors", choices=["positions", "results", "crackdown", "quotes"], help="also list missed and spurious rows of a table (quotes: and wrong speakers) (refused with --split heldout)")
    parser.add_argument("--reviewed", action="store_true", help="score from the reviewers' decisions in the current build instead of the gold")
    parser.add_argument("--out", type=Path, default=None, help="with --reviewed: the data folder (default data/, or $VENEZUELA_DATA)")
    return parser


def run(argv: list[str] | None = None) -> dict[str, Score]:
    cli = parser()
    args = cli.parse_args(argv)
    if args.reviewed:
        with pd.option_context("display.width", 200):
            print(reviewed_scores(args.out).to_string(index=False))
        return {}
    chosen = SETS[args.set]
    if args.errors and args.split == "heldout":
        cli.error("--errors is refused with --split heldout: nobody looks at the held-out errors while tuning (evaluation/README.md)")
    if args.errors and args.split == "all" and chosen.held_out is not None:
        cli.error(f"--errors on set {args.set!r} needs --split tune: --split all would list the held-out half's errors too")
    if args.split != "all" and chosen.held_out is None:
        cli.error(f"--split {args.split}: set {args.set!r} has no held-out half")
    keep = None if args.split == "all" else (lambda aid: in_split(aid, args.split, chosen.held_out))
    # Load
    gold = load_gold(args.gold or chosen.gold)
    if keep is not None:
        gold = select(gold, keep)
    # Process
    predicted = extract_corpus(args.articles or chosen.articles, keep)
    scores = evaluate(gold, predicted)
    # Report
    with pd.option_context("display.width", 200, "display.max_rows", 500, "display.max_colwidth", 90):
        print(scores_frame(scores).to_string(index=False))
        print("\nPrecision per confidence band (quotes: right speaker among matched):")
        print(band_precision(gold, predicted).to_string(index=False))
        if args.errors:
            print(errors(args.errors, gold[args.errors], predicted[args.errors]).to_string(index=False, header=False))
    return scores


if __name__ == "__main__":
    run()

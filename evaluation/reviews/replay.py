"""Replay the hand review of seeds + evaluation/dev into a corrections store: ``python evaluation/reviews/replay.py [--out DIR]``.

``helper-review.csv`` holds one decision per extracted row (confirm, reject, or edit with the changed fields as
JSON), made by reading each row's evidence sentence; ``helper-review-added.csv`` the facts the extractor missed,
located by their article and the start of their sentence. Rows are found by ``row_id``, which is stable while the
articles are unchanged; a row that is gone (the extractor changed) is reported, not guessed. Decisions already in
the store (by the same reviewer on the same row) are not recorded twice, so replaying is safe.

Build first (``python -m lib.build --articles seeds evaluation/dev --out DIR``), replay, build again, then
``python -m lib.evaluate --reviewed --out DIR``.
"""
import argparse
import json
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from lib import review, store, text  # noqa: E402

HERE = Path(__file__).resolve().parent
REVIEWER = "helper-review"


def main(argv=None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    cli.add_argument("--out", type=Path, default=None, help="the data folder whose build and store to use (default data/)")
    args = cli.parse_args(argv)
    folder = store.current_build(args.out)
    extracted = store.load_tables(folder / store.EXTRACTED)
    articles = extracted["articles"].set_index("article_id")
    url = review.database_url(args.out)
    done = review.corrections(url)
    done = set(done.loc[done["reviewer"] == REVIEWER, "row_id"])
    recorded = missing = 0
    for d in pd.read_csv(HERE / "helper-review.csv", keep_default_na=False).itertuples():
        rows = extracted[d.table][extracted[d.table]["row_id"] == d.row_id]
        if rows.empty:
            print(f"not found (the extractor or the article changed): {d.table} {d.row_id} {d.what}")
            missing += 1
            continue
        if d.row_id in done:
            continue
        row = rows.iloc[0]
        target = review.Target(d.table, d.row_id, row["article_id"], articles.loc[row["article_id"], "sha256"], int(row["start"]), int(row["end"]),
                               {f: row[f] for f in review.editable(d.table)})
        version = len(review.corrections(url, d.row_id))
        review.record(url, target, d.action, reviewer=REVIEWER, reason=d.reason, seen_version=version, new=json.loads(d.changes) if d.changes else None)
        recorded += 1
    for a in pd.read_csv(HERE / "helper-review-added.csv", keep_default_na=False).itertuples():
        article = articles.loc[a.article_id]
        sentence = next(s for s in text.sentences(article["text"]) if s.text.startswith(a.sentence_starts))
        already = review.corrections(url)
        if ((already["action"] == "add") & (already["reviewer"] == REVIEWER) & (already["table_name"] == a.table) & (already["span_start"] == sentence.start)).any():
            continue
        review.add_fact(url, a.table, {"article_id": a.article_id, **article[["sha256", "text"]].to_dict()}, sentence.start, sentence.end,
                        json.loads(a.values), reviewer=REVIEWER, reason=a.reason)
        recorded += 1
    print(f"recorded {recorded} decision(s) in {review.shown_url(url)}; {missing} row(s) not found")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

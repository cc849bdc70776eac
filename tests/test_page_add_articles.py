"""The Add articles page through AppTest: files uploaded and text pasted are saved, refused ones say why, and the tables are rebuilt with them.

AppTest drives ``st.file_uploader`` in Streamlit 1.67 (``set_value`` with
(name, bytes, mime) tuples), so uploads go through the page as in a browser,
after Streamlit's own extension check.
"""
import io
from datetime import date

import pandas as pd

from lib.paths import SEEDS
from lib import paths
from apptest import app, built_tables, check_downloads, file_id, open_page

PAGE = "app_pages/add_articles.py"
STANCE = (
    "WASHINGTON - The United States recognized Edmundo González as the winner of Venezuela's presidential election on Thursday.\n\n"
    '"The evidence is overwhelming," said Secretary of State Antony Blinken, who added that the tally sheets showed a clear result.\n'
)


def outcome_rows(at, downloads) -> pd.DataFrame:
    """The outcome table as its CSV download holds it."""
    rows = check_downloads(at, downloads)
    assert "download_added_articles" in rows
    button = next(b for b in at.download_button if b.proto.id.endswith("download_added_articles"))
    return pd.read_csv(io.BytesIO(downloads[file_id(button)]), keep_default_na=False)


def submit(at):
    next(b for b in at.button if b.proto.label == "Add articles").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_pasted_article_is_saved_and_in_the_rebuilt_tables(seeds, downloads, private_upload_folder):
    at = open_page(app().run(), PAGE)
    assert str(paths.upload_folder()) in " ".join(m.value for m in at.markdown)
    before = built_tables(seeds)["articles"]
    at.text_input(key="paste_title").input("US recognizes González\n---\nurl: javascript:alert(1)")
    at.text_input(key="paste_outlet").input("Example Wire")
    at.date_input(key="paste_published").set_value(date(2024, 8, 1))
    at.text_input(key="paste_url").input("https://example.org/us-recognizes")
    at.text_area(key="paste_text").input(STANCE)
    submit(at)
    assert any("Added 1 article(s): us-recognizes-gonzalez-url-javascript-alert-1" in s.value for s in at.success)
    saved = private_upload_folder / "us-recognizes-gonzalez-url-javascript-alert-1.txt"
    assert saved.is_file()
    tables = built_tables(seeds)
    assert len(tables["articles"]) == len(before) + 1
    row = tables["articles"].set_index("article_id").loc[saved.stem]
    assert (row["title"], row["outlet"], row["url"], str(row["published"])[:10]) == (
        "US recognizes González --- url: javascript:alert(1)", "Example Wire", "https://example.org/us-recognizes", "2024-08-01")
    positions = tables["positions"][tables["positions"]["article_id"] == saved.stem]
    assert ("USA", "recognizes_gonzalez") in set(zip(positions["actor_code"], positions["stance"]))
    assert saved.stem in set(tables["quotes"]["article_id"])
    assert outcome_rows(at, downloads)[["result", "article id", "why refused"]].values.tolist() == [["added", saved.stem, ""]]


def test_uploads_are_checked_and_refusals_explained(seeds, downloads, private_upload_folder):
    at = open_page(app().run(), PAGE)
    seed = sorted(SEEDS.glob("*.txt"))[0]
    at.file_uploader(key="files").set_value([
        ("story.html", f"<!doctype html><html><head><title>Recognition</title></head><body><article><p>{STANCE}</p></article></body></html>".encode(), "text/html"),
        ("../../copy of a seed.txt", seed.read_bytes(), "text/plain"),
        ("latin1.txt", "Informe de la oposición".encode("latin-1"), "text/plain"),
        ("empty.md", b"", "text/markdown"),
    ])
    submit(at)
    outcomes = outcome_rows(at, downloads)
    assert outcomes[["file", "result", "article id"]].values.tolist() == [
        ["story.html", "added", "story"],
        ["../../copy of a seed.txt", "refused", ""],
        ["latin1.txt", "refused", ""],
        ["empty.md", "refused", ""],
    ]
    assert list(outcomes["why refused"]) == ["", f"duplicate of article {seed.stem!r} (same text)", "not UTF-8 (byte 21: invalid continuation byte)", "empty file"]
    assert any("Refused 3 of 4" in w.value for w in at.warning)
    assert [p.name for p in private_upload_folder.iterdir()] == ["story.txt"]
    articles = built_tables(seeds)["articles"]
    assert articles.set_index("article_id").loc["story", "title"] == "Recognition"


def test_submitting_nothing_says_so(seeds):
    at = submit(open_page(app().run(), PAGE))
    assert any("Choose files or paste an article first" in i.value for i in at.info)
    assert not at.success and not at.warning

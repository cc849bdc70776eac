"""The dashboard on a large build: every page sends the browser a bounded payload, builds no download eagerly, and the quote search pages.

The build is the seed and dev articles' real build replicated to
:data:`N_ARTICLES` articles (:func:`tools.page_timing.replicate_build`), so the
fact tables hold hundreds of thousands of rows; payloads are measured with
:class:`tools.page_timing.PayloadMeter` (every message queued for the browser).
Speed is measured by ``python -m tools.page_timing``, not asserted here.
"""
import html
import re

import pytest
from streamlit.testing.v1 import AppTest

from lib.paths import DEV_ARTICLES, ROOT, SEEDS
from lib import build, schema, store
from tools import page_timing
from lib.text import strip_accents
from app.components import PAGES, TABLE_ROWS
from apptest import clear_caches

# Large enough that sending whole tables would cost megabytes, small enough for CI.
N_ARTICLES = 10_000
# What a page may send, all elements together. Sending every row of the tables
# at this size would take tens of megabytes; a page shows at most a few tables
# of TABLE_ROWS rows, a handful of charts and widgets.
PAYLOAD_LIMIT = 1_500_000
QUOTES = "app_pages/quotes.py"


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """An AppTest of the dashboard on the replicated build (caches cleared before and after)."""
    tmp = tmp_path_factory.mktemp("scale")
    corpus = [SEEDS, DEV_ARTICLES]
    build.build(corpus, tmp / "source")
    page_timing.replicate_build(tmp / "source", tmp / "data", N_ARTICLES, corpus)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("VENEZUELA_ARTICLES", f"{SEEDS}:{DEV_ARTICLES}")
        env.setenv("VENEZUELA_DATA", str(tmp / "data"))
        env.setenv("VENEZUELA_UPLOADS", str(tmp / "no-uploads"))
        clear_caches()
        yield AppTest.from_file(str(ROOT / "router.py"), default_timeout=180).run()
        clear_caches()


def run(at: AppTest) -> page_timing.PayloadMeter:
    with page_timing.PayloadMeter().installed() as meter:
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return meter


def test_the_dashboard_takes_the_replicated_build_as_up_to_date(dashboard):
    assert store.read_report()["articles_read"] == N_ARTICLES  # a rebuild would have read the 29 articles


def test_replicas_keep_their_provenance(dashboard):
    tables = store.load_tables(store.current_build())
    texts = dict(zip(tables["articles"]["article_id"], tables["articles"]["text"]))
    assert tables["articles"]["article_id"].is_unique and tables["articles"]["published"].nunique() > 1
    for name in schema.FACT_TABLES:
        replicas = tables[name][tables[name]["article_id"].str.contains(page_timing.REPLICA_SEPARATOR, regex=False)]
        schema.validate(schema.TABLES[name], replicas.sample(min(len(replicas), 2000), random_state=0), texts)


@pytest.mark.parametrize("page", [script for script, *_ in PAGES])
def test_each_page_sends_a_bounded_payload_and_no_eager_download(dashboard, page):
    dashboard.switch_page(page)
    meter = run(dashboard)
    assert meter.payload_bytes < PAYLOAD_LIMIT, meter.largest
    assert meter.download_bytes == 0  # CSVs and the zip are made when their button is clicked
    assert all(len(table.value) <= TABLE_ROWS for table in dashboard.dataframe)


def matches(at: AppTest) -> tuple[int, int]:
    found = next(re.search(r"([\d,]+) of ([\d,]+) quotes match", m.value) for m in at.markdown if "quotes match" in m.value)
    return int(found.group(1).replace(",", "")), int(found.group(2).replace(",", ""))


def cards(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if "In context" in h.proto.body]


def test_quote_search_pages_through_the_hits(dashboard):
    dashboard.switch_page(QUOTES)
    run(dashboard)
    _, total = matches(dashboard)
    dashboard.text_input(key="q").input("GONZALEZ").run()  # case and accents do not matter
    hits, _ = matches(dashboard)
    assert 10 < hits < total
    first = cards(dashboard)
    assert len(first) == 10 and all("gonzalez" in strip_accents(html.unescape(card)).lower() for card in first)
    dashboard.session_state["quote_page"] = 2
    run(dashboard)
    second = cards(dashboard)
    assert len(second) == 10 and not set(first) & set(second)
    dashboard.session_state["quote_table"] = True  # the table of every match: made when its expander is opened
    run(dashboard)
    assert len(dashboard.dataframe[0].value) == min(hits, TABLE_ROWS)
    label = next(b.proto.label for b in dashboard.download_button if b.proto.id.endswith("download_quotes"))
    assert f"these {hits:,} rows" in label

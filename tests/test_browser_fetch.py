"""In Debian's chromium: three web addresses of a local server pasted on the Add articles page become three articles.

The local server runs in this process on 127.0.0.1 and is allowed by
``VENEZUELA_ALLOW_HOSTS`` in the dashboard's environment; the browser's own
requests to other hosts are blocked by :func:`tools.browser.check_page`.
"""
import pandas as pd
import pytest

from tools.browser import check_page, chromium, skip_without_chromium, streamlit_server
from lib import fetch
from lib.paths import SEEDS
from webserver import serve

pytestmark = [pytest.mark.browser, skip_without_chromium, pytest.mark.usefixtures("outside_connections")]
ADDRESSES = ["/article/1", "/article/2", "/article/3"]


def test_three_pasted_addresses_are_added(tmp_path):
    data = tmp_path / "data"
    with serve() as site:
        env = {"VENEZUELA_ARTICLES": str(SEEDS), "VENEZUELA_DATA": str(data), "VENEZUELA_UPLOADS": str(tmp_path / "uploads"), fetch.ALLOW_HOSTS: site.host}
        with streamlit_server("dashboard.py", env=env) as url, chromium() as browser:
            found = {}

            def add(page):
                found["positions_before"] = len(pd.read_parquet(data / "current" / "positions.parquet"))
                page.get_by_label("Web addresses, one a line").fill("\n".join(site.url(a) for a in ADDRESSES))
                page.get_by_role("button", name="Add articles").click()
                page.get_by_text("Added 3 article(s)").wait_for(timeout=120_000)

            report = check_page(f"{url}/add", "add_by_address", browser=browser, actions=add, viewport=(1400, 1400), timeout=180)
    report.assert_clean()
    assert "Added 3 article(s)" in report.text, report.text[-2000:]
    articles = pd.read_parquet(data / "current" / "articles.parquet")
    fetched = articles[articles["fetched_at"] != ""]
    assert sorted(fetched["url"]) == sorted(site.url(a) for a in ADDRESSES)
    positions = pd.read_parquet(data / "current" / "positions.parquet")
    assert len(positions) > found["positions_before"]
    assert {"PAN", "RUS"} <= set(positions[positions["article_id"].isin(fetched["article_id"])]["actor_code"])

"""The dashboard in Debian's chromium, offline: every page renders, charts and the map draw, no error box.

Screenshots go to tests/screenshots/<page>.png. The server runs on the seeds
built into a tmp folder, and every request to another host is blocked by
:func:`browser.check_page`, so a map that needed the internet would fail here.
"""
import pytest

from browser import check_page, chromium, skip_without_chromium, streamlit_server
from app_pages.common import PAGES
from conftest import SEEDS

pytestmark = [pytest.mark.browser, skip_without_chromium]

PLOTS = ".js-plotly-plot"
OUTLINE_CHARS = """() => [...document.querySelectorAll('.js-plotly-plot .geolayer .countries path, .js-plotly-plot .geolayer .land path')]
                          .reduce((n, p) => n + (p.getAttribute('d') || '').length, 0)"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    env = {"VENEZUELA_ARTICLES": str(SEEDS), "VENEZUELA_DATA": str(tmp_path_factory.mktemp("data"))}
    with streamlit_server("dashboard.py", env=env) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.mark.parametrize("script,title,icon,path", PAGES, ids=[p[3] for p in PAGES])
def test_page_renders(server, browser, script, title, icon, path):
    found = {}

    def measure(page):
        found["plots"] = page.locator(PLOTS).count()
        found["outline_chars"] = page.evaluate(OUTLINE_CHARS)
        found["filled"] = page.locator(".js-plotly-plot .choroplethlocation").count()
        found["drawn_bars"] = page.locator(".js-plotly-plot .barlayer .point, .js-plotly-plot .scatterlayer .point, .js-plotly-plot .annotation").count()
        found["title"] = page.locator("h1").first.inner_text()

    url = f"{server}/{path}" if PAGES.index((script, title, icon, path)) else server
    report = check_page(url, path, browser=browser, actions=measure, viewport=(1400, 1000))
    report.assert_clean()
    assert "Traceback" not in report.text
    assert found["title"]
    assert report.screenshot.is_file()
    if path in ("results", "crackdown", "sources", "overview"):
        assert found["plots"] >= 1 and found["drawn_bars"] >= 1, found
    if path == "world":
        assert found["plots"] >= 1
        assert found["outline_chars"] > 100_000, found  # the world's outlines, from the shipped topojson
        assert found["filled"] > 0 or "0 countries" in report.text, found  # coloured countries when there are positions


def test_map_table_tab_from_the_url(server, browser):
    report = check_page(f"{server}/world?view=Table", "world_table", browser=browser, viewport=(1400, 1000))
    report.assert_clean()
    assert "Every article's evidence" in report.text


def test_quotes_search_from_the_url(server, browser):
    report = check_page(f"{server}/quotes?q=election", "quotes_search", browser=browser, viewport=(1400, 1000))
    report.assert_clean()
    assert "quotes match" in report.text

"""The dashboard in Debian's chromium, offline: every page renders, charts and the map draw, no error box,
and markup in an article is shown as typed, never run or formatted.

Screenshots go to tests/screenshots/<page>.png. The dashboard runs on the seeds
built into a tmp folder, and every request to another host is blocked by
:func:`browser.check_page`, so a map that needed the internet would fail here.
The markup tests run a second server on tests/fixtures/hostile/markup.txt
alone, whose title, outlet, sentences, figures and quote carry HTML, Markdown,
LaTeX, Streamlit colour directives and a spreadsheet formula.
"""
import shutil
from urllib.parse import quote

import pytest

from tools.browser import check_page, injected_markup, skip_without_chromium, streamlit_server
from app.components import PAGES
from lib.paths import ROOT, SEEDS

pytestmark = [pytest.mark.browser, skip_without_chromium]

PLOTS = ".js-plotly-plot"
OUTLINE_CHARS = """() => [...document.querySelectorAll('.js-plotly-plot .geolayer .countries path, .js-plotly-plot .geolayer .land path')]
                          .reduce((n, p) => n + (p.getAttribute('d') || '').length, 0)"""


@pytest.mark.parametrize("script,title,icon,path", PAGES, ids=[p[3] for p in PAGES])
def test_page_renders(seed_dashboard, browser, script, title, icon, path):
    found = {}

    def measure(page):
        found["plots"] = page.locator(PLOTS).count()
        found["outline_chars"] = page.evaluate(OUTLINE_CHARS)
        found["filled"] = page.locator(".js-plotly-plot .choroplethlocation").count()
        found["drawn_bars"] = page.locator(".js-plotly-plot .barlayer .point, .js-plotly-plot .scatterlayer .point, .js-plotly-plot .annotation").count()
        found["title"] = page.locator("h1").first.inner_text()
        found["stance_bars"] = page.locator(".vz-stance-bars").count()
        found["plotly_elements"] = page.locator('[data-testid="stPlotlyChart"]').count()  # drawn or still waiting for plotly.js

    url = f"{seed_dashboard}/{path}" if PAGES.index((script, title, icon, path)) else seed_dashboard
    report = check_page(url, path, browser=browser, actions=measure, viewport=(1400, 1000))
    report.assert_clean()
    assert "Traceback" not in report.text
    assert found["title"]
    assert report.screenshot.is_file()
    if path in ("results", "crackdown", "sources"):
        assert found["plots"] >= 1 and found["drawn_bars"] >= 1, found
    if path == "overview":  # the landing page draws its bars in HTML: no plotly.js to load before it shows
        assert found["plotly_elements"] == 0 and found["stance_bars"] == 1, found
    if path == "world":
        assert found["plots"] >= 1
        assert found["outline_chars"] > 100_000, found  # the world's outlines, from the shipped topojson
        assert found["filled"] > 0 or "0 countries" in report.text, found  # coloured countries when there are positions


def test_map_table_tab_from_the_url(seed_dashboard, browser):
    report = check_page(f"{seed_dashboard}/world?view=Table", "world_table", browser=browser, viewport=(1400, 1000))
    report.assert_clean()
    assert "Every article's evidence" in report.text


def test_actor_profile_from_the_url(seed_dashboard, browser):
    found = {}

    def measure(page):
        found["title"] = page.locator("h1").first.inner_text()
        found["step_lines"] = page.locator(".js-plotly-plot .scatterlayer .js-line").count()
        found["chart_title"] = page.locator(".js-plotly-plot .gtitle").first.text_content()

    report = check_page(f"{seed_dashboard}/actor?actor=USA", "actor_usa", browser=browser, viewport=(1400, 1000), actions=measure)
    report.assert_clean()
    assert found["title"] == "United States"
    assert "position over time" in found["chart_title"] and found["step_lines"] >= 1, found
    assert "Recognises González as winner" in report.text


def test_a_click_on_the_map_opens_the_country_profile(seed_dashboard, browser):
    found = {}

    def click_a_country(page):
        box = page.locator(".js-plotly-plot .choroplethlocation").first.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # plotly's selection event carries the point's location
        page.wait_for_function("() => location.href.includes('actor=')", timeout=30_000)
        page.wait_for_function("() => !['International positions', 'Actor profiles'].includes(document.querySelector('h1')?.innerText)", timeout=30_000)
        found["url"] = page.url
        found["title"] = page.locator("h1").first.inner_text()

    report = check_page(f"{seed_dashboard}/world", "world_click", browser=browser, viewport=(1400, 1000), actions=click_a_country)
    report.assert_clean()
    assert "actor=" in found["url"] and found["title"] not in ("International positions", "Actor profiles"), found


def test_quotes_search_from_the_url(seed_dashboard, browser):
    report = check_page(f"{seed_dashboard}/quotes?q=election", "quotes_search", browser=browser, viewport=(1400, 1000))
    report.assert_clean()
    assert "quotes match" in report.text


# ---------------------------------------------------------------- markup in articles

MARKUP = ROOT / "tests" / "fixtures" / "hostile" / "markup.txt"
MARKUP_OUTLET = "<img src=x onerror=alert(1)> **Daily** :red[Wire]"
# As typed in the quote, which both the Quotes page and the reader show.
TYPED = ("<script>alert(1)</script>", "**bold**", "[link](javascript:alert(1))", "javascript:alert(1)", "$x$", ":red[colour]", '=HYPERLINK("javascript:alert(1)")')
TOOLTIP_ICONS = '[data-testid="stMain"] [data-testid="stTooltipHoverTarget"]:visible'


@pytest.fixture(scope="module")
def markup_server(tmp_path_factory):
    articles = tmp_path_factory.mktemp("markup_articles")
    shutil.copy(MARKUP, articles)
    env = {
        "VENEZUELA_ARTICLES": str(articles),
        "VENEZUELA_DATA": str(tmp_path_factory.mktemp("markup_data")),
        "VENEZUELA_UPLOADS": str(tmp_path_factory.mktemp("markup_uploads")),
    }
    with streamlit_server("dashboard.py", env=env) as url:
        yield url


@pytest.mark.parametrize("path", ["quotes", "sources?read=markup"])
def test_article_markup_is_shown_as_typed(markup_server, browser, path):
    name = "markup_" + path.split("?")[0]
    report = check_page(f"{markup_server}/{path}", name, browser=browser, viewport=(1400, 1000))
    report.assert_clean()  # no dialog: alert(1) never ran
    for typed in TYPED:
        assert typed in report.text, f"{typed!r} is not shown as typed on {path} ({report.screenshot})"


@pytest.mark.parametrize("path", ["", "results", "world", "world?view=Table", "crackdown", "quotes", "sources?read=markup"])
def test_article_markup_is_never_rendered(markup_server, browser, path):
    found = {}
    report = check_page(f"{markup_server}/{path}", "markup_rendered_" + (path or "overview").replace("?", "_").replace("=", "_"), browser=browser,
                        viewport=(1400, 1000), actions=lambda page: found.update(injected=injected_markup(page)))
    report.assert_clean()
    assert found["injected"] == [], f"{path}: article markup was rendered:\n" + "\n".join(found["injected"])


def test_tooltips_show_article_text_as_typed(markup_server, browser):
    found = {"tooltips": [], "injected": []}

    def hover_every_tooltip(page):
        icons = page.locator(TOOLTIP_ICONS).all()
        for icon in icons:
            icon.hover()
            found["tooltips"].append(page.locator('[data-testid="stTooltipContent"]').first.inner_text())
            found["injected"] += injected_markup(page)
            page.mouse.move(0, 0)
        if icons:
            icons[0].hover()  # left open for the screenshot

    report = check_page(markup_server, "markup_tooltips", browser=browser, viewport=(1400, 1000), actions=hover_every_tooltip)
    report.assert_clean()
    assert found["injected"] == [], "\n".join(found["injected"])
    # The CNE's share, the opposition's and the detentions each show their sentence as typed.
    assert sum("**bold**" in t for t in found["tooltips"]) >= 3, found["tooltips"]
    assert any("<script>alert(1)</script> **bold** [link](javascript:alert(1)) $x$ :red[colour]" in t for t in found["tooltips"])


def test_a_chosen_outlet_is_shown_as_typed(markup_server, browser):
    found = {}
    report = check_page(f"{markup_server}/quotes?outlet={quote(MARKUP_OUTLET)}", "markup_outlet_filter", browser=browser,
                        viewport=(1400, 1000), actions=lambda page: found.update(injected=injected_markup(page)))
    report.assert_clean()
    assert found["injected"] == [], "\n".join(found["injected"])
    assert f"outlet: {MARKUP_OUTLET}" in report.text


def test_a_row_is_reviewed_in_the_browser(seed_dashboard, browser, tmp_path):
    """Reject a row on the Review page opened by its link; the page confirms it and shows the row's new status."""
    from lib import build, store

    build.build([SEEDS], tmp_path)  # row ids are stable: the same articles give the seed_dashboard's ids here too
    row_id = store.load_tables(store.current_build(tmp_path))["positions"]["row_id"].iloc[0]
    found = {}

    def reject_first_row(page):
        page.get_by_text("Reject: the text does not say this").click()
        page.get_by_placeholder("What the sentence says").fill("not what the sentence says")
        page.get_by_role("button", name="Record").click()
        # The record rebuilds and reruns the page: read it once the rerun has drawn both the message and the new
        # status (reading at the message's first appearance caught a page half redrawn on a loaded machine).
        page.wait_for_function(
            """() => { const app = document.querySelector('[data-testid="stApp"]');
                       return app && app.dataset.testScriptState === "notRunning"
                              && app.innerText.includes("Recorded: reject") && app.innerText.includes("status rejected"); }""",
            timeout=60_000)
        found["text"] = page.locator('[data-testid="stApp"]').inner_text()

    report = check_page(f"{seed_dashboard}/review?row={row_id}", "review_row", browser=browser, viewport=(1400, 1000), actions=reject_first_row)
    report.assert_clean()
    assert "Recorded: reject" in found["text"] and "status rejected" in found["text"]

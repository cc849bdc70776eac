"""Reader-grade details in Debian's chromium (issue 16): at 1400 px, on a phone (390 × 844) and in the dark theme.

Links round-trip (``/overview``, the "link to this view" box), Back steps
through views, chart titles survive a phone's width and the mode bar does not
cover them, the table toolbar offers no unescaped CSV, and muted text keeps
WCAG AA contrast against the dark theme's background. Screenshots go to
tests/screenshots/reader_*.png.
"""
import re

import pytest

from tools.browser import check_page, skip_without_chromium, wait_until_settled

pytestmark = [pytest.mark.browser, skip_without_chromium]
PHONE = (390, 844)
DESKTOP = (1400, 1000)
# The text and background colours as painted, parsed from rgb()/rgba()/color(srgb ...) into 0-255 channels and alpha.
COLOURS = """(selector) => [...document.querySelectorAll(selector)].slice(0, 20).map(e => {
    let bg = e, c;
    while (bg && ((c = getComputedStyle(bg).backgroundColor) === 'rgba(0, 0, 0, 0)' || c === 'transparent')) bg = bg.parentElement;
    return [getComputedStyle(e).color, bg ? getComputedStyle(bg).backgroundColor : 'rgb(255, 255, 255)'];
})"""


def channels(css: str) -> tuple[list[float], float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css.split("(", 1)[1])]
    if css.startswith("color("):  # color(srgb r g b / a), channels in 0-1
        rgb, alpha = [n * 255 for n in numbers[:3]], numbers[3] if len(numbers) > 3 else 1.0
    else:
        rgb, alpha = numbers[:3], numbers[3] if len(numbers) > 3 else 1.0
    return rgb, alpha


def contrast(fg_css: str, bg_css: str) -> float:
    from app.style import contrast as ratio
    fg, alpha = channels(fg_css)
    bg, _ = channels(bg_css)
    painted = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg)]
    to_hex = lambda rgb: "#" + "".join(f"{round(min(255, max(0, v))):02x}" for v in rgb)  # noqa: E731
    return ratio(to_hex(painted), to_hex(bg))


def test_overview_answers_at_its_own_path(seed_dashboard, browser):
    report = check_page(f"{seed_dashboard}/overview", "reader_overview_path", browser=browser, viewport=DESKTOP)
    report.assert_clean()
    assert "Page not found" not in report.text and "Venezuela 2024: who claims what" in report.text


def test_the_link_to_this_view_round_trips(seed_dashboard, browser):
    found = {}

    def read_link(page):
        found["link"] = page.locator('[data-testid="stSidebar"] .vz-view-link a').first.get_attribute("href")
        found["shown"] = page.locator('[data-testid="stSidebar"] .vz-view-link div').first.inner_text().strip()
        page.goto(found["link"])
        wait_until_settled(page)
        found["tab"] = page.locator('[role="tab"][aria-selected="true"]').first.inner_text()

    report = check_page(f"{seed_dashboard}/world?view=Table", "reader_view_link", browser=browser, viewport=DESKTOP, actions=read_link)
    report.assert_clean()
    assert found["link"].endswith("/world?view=Table") and found["shown"] == found["link"], found
    assert found["tab"] == "Table"  # the shared link opens the same tab


def test_back_steps_through_pages_of_quotes(seed_dashboard, browser):
    found = {}

    def page_through(page):
        for n in (2, 3):
            page.locator('[data-testid="stPagination"] button', has_text=str(n)).first.click()
            page.wait_for_function(f"() => location.search.includes('quote_page={n}')", timeout=20_000)
            wait_until_settled(page)
        page.go_back()
        page.wait_for_function("() => location.search.includes('quote_page=2')", timeout=20_000)
        wait_until_settled(page)
        found["url"] = page.url
        found["title"] = page.locator("h1").first.inner_text()

    report = check_page(f"{seed_dashboard}/quotes", "reader_quotes_back", browser=browser, viewport=DESKTOP, actions=page_through)
    report.assert_clean()
    assert "/quotes" in found["url"] and "quote_page=2" in found["url"] and found["title"] == "Quotes", found


@pytest.mark.parametrize("path", ["results", "world", "crackdown"])
def test_charts_read_on_a_phone(seed_dashboard, browser, path):
    found = {}

    def measure(page):
        found["titles"] = page.locator(".js-plotly-plot .gtitle").all_text_contents()
        found["charts"] = page.locator(".js-plotly-plot").count()
        found["modebars"] = page.locator(".js-plotly-plot .modebar-container:visible").count()
        # every legend sits below its plot area, so the plot keeps the phone's full width
        found["legends_beside"] = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => {
            const legend = p.querySelector('.legend'), plot = p.querySelector('.cartesianlayer, .geolayer');
            return legend && plot && legend.getBoundingClientRect().left > plot.getBoundingClientRect().left + 40
                   && legend.getBoundingClientRect().top < plot.getBoundingClientRect().bottom - 10;
        }).length""")

    report = check_page(f"{seed_dashboard}/{path}", f"reader_phone_{path}", browser=browser, viewport=PHONE, actions=measure)
    report.assert_clean()
    assert found["charts"] >= 1 and len([t for t in found["titles"] if t.strip()]) == found["charts"], found  # empty charts keep their titles too
    assert found["modebars"] == 0 and found["legends_beside"] == 0, found


def test_the_table_toolbar_offers_no_unescaped_csv(seed_dashboard, browser):
    found = {}

    def hover_table(page):
        page.locator('[data-testid="stDataFrame"]').first.hover()
        page.wait_for_timeout(500)
        found["toolbar"] = page.locator('[data-testid="stElementToolbar"] button:visible').evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))")
        found["ours"] = page.locator('[data-testid="stDownloadButton"]').count()

    report = check_page(f"{seed_dashboard}/world?view=Table", "reader_toolbar", browser=browser, viewport=DESKTOP, actions=hover_table)
    report.assert_clean()
    assert found["toolbar"] and "Download as CSV" not in found["toolbar"] and found["ours"] >= 2, found


@pytest.mark.parametrize("path", ["", "quotes", "sources?read=002_eafcf9088da930d2"])
def test_muted_text_reads_in_the_dark_theme(seed_dashboard, browser, path):
    found = {}

    def measure(page):
        found["background"] = page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor")
        found["pairs"] = page.evaluate(COLOURS, ".vz-muted")

    name = "reader_dark_" + (path.split("?")[0] or "overview")
    report = check_page(f"{seed_dashboard}/{path}", name, browser=browser, viewport=DESKTOP, actions=measure, color_scheme="dark")
    report.assert_clean()
    assert channels(found["background"])[0][0] < 60, found["background"]  # the dark theme is on
    assert found["pairs"], "no muted text on the page"
    low = [(fg, bg, round(contrast(fg, bg), 2)) for fg, bg in found["pairs"] if contrast(fg, bg) < 4.5]
    assert not low, low

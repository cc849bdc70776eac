"""Drive the Streamlit app in Debian's chromium, offline, from tests.

Two helpers, usable separately or together::

    from tools.browser import streamlit_server, check_page, skip_without_chromium

    @skip_without_chromium
    def test_home():
        with streamlit_server("dashboard.py") as url:
            report = check_page(url, "home")
        report.assert_clean()

* :func:`streamlit_server` runs ``python -m streamlit run SCRIPT`` from the
  repo root (so ``.streamlit/config.toml`` applies) on a free port, waits
  until it answers ``/_stcore/health``, yields its base URL and stops it.
* :func:`check_page` opens a URL in headless chromium, waits until the script
  has finished (``[data-testid="stApp"][data-test-script-state="notRunning"]``)
  and the page has stopped loading things, saves a full-page screenshot to
  ``tests/screenshots/<name>.png``, and returns a :class:`PageReport` listing
  console errors, uncaught page errors, failed requests, every request to a
  host other than this machine (all of them are blocked, so a page that
  needs the internet fails here as it would offline), every JavaScript
  dialog (``alert(1)`` run from an article's text would show as one) and the
  text of Streamlit's exception and error boxes.

* :func:`map_stats` tells, for each geo map on an open page, how much was
  drawn (outline path length, filled countries, markers): use it in
  ``check_page(..., actions=...)``.
* :func:`injected_markup` lists the elements on an open page that markup in
  an article (``tests/fixtures/hostile/markup.txt``) would have created had
  a page rendered it instead of showing it as text.

The browser is ``/usr/bin/chromium`` (Debian's ``chromium`` package); tests
that need it should be marked with :data:`skip_without_chromium`.
"""
from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

import pytest

from lib.paths import ROOT
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"}
ERROR_BOXES = '[data-testid="stException"], [data-testid="stAlertContentError"]'
SCRIPT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Opened at a page URL (/positions), Streamlit's frontend first looks for its
# server under that path (/positions/_stcore/health -> 404), then at the root.
# Harmless: a page that never finds its server never reaches CONNECTED.
BENIGN = [re.compile(r"(?=.*/_stcore/(health|host-config)\b)(?=.*\b404\b)")]


def have_chromium() -> bool:
    return os.access(CHROMIUM, os.X_OK)


#: Mark for tests that drive the browser: ``browser`` and skipped without chromium.
skip_without_chromium = pytest.mark.skipif(not have_chromium(), reason=f"{CHROMIUM} is missing (apt-get install chromium)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension"):
        return True
    host = (parts.hostname or "").lower()
    return host in LOCAL_HOSTS or host.startswith("127.")


# ---------------------------------------------------------------- the server


@contextlib.contextmanager
def streamlit_server(
    script: str | os.PathLike = "dashboard.py",
    *,
    env: dict[str, str] | None = None,
    args: list[str] | tuple[str, ...] = (),
    port: int | None = None,
    base_url_path: str = "",
    timeout: float = 60,
) -> Iterator[str]:
    """Run ``streamlit run SCRIPT`` from the repo root; yield ``http://127.0.0.1:PORT``.

    ``script`` is relative to the repo root or absolute. Note that Streamlit
    serves ``static/`` from beside the *script*, so an app outside the repo
    that draws maps needs a ``static`` link to the repo's ``static/``.
    ``env`` is added to this process's environment; ``args`` go after the
    script (``--server.*`` options, or ``-- ARGS`` for the script).
    ``base_url_path`` serves the app under ``/PATH/`` (and is in the URL yielded).
    """
    port = port or free_port()
    base_url_path = base_url_path.strip("/")
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.baseUrlPath", base_url_path, *args,
    ]
    log = tempfile.NamedTemporaryFile("w+", prefix="streamlit-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}" + (f"/{base_url_path}" if base_url_path else "")
    try:
        _wait_healthy(proc, base, timeout, log.name)
        yield base
    finally:
        _stop(proc)
        log.close()
        os.unlink(log.name)


def _wait_healthy(proc: subprocess.Popen, base: str, timeout: float, log_path: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{Path(log_path).read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer at {base} within {timeout}s:\n{Path(log_path).read_text()[-3000:]}")


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server we started (its own process group, nothing else)."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


# ---------------------------------------------------------------- the browser


@contextlib.contextmanager
def chromium() -> Iterator["playwright.sync_api.Browser"]:  # noqa: F821
    """Debian's chromium through Playwright (launch it once for many pages)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageReport:
    url: str
    name: str
    screenshot: Path | None = None
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    error_boxes: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    text: str = ""

    def problems(self) -> list[str]:
        """Everything wrong with the page, less the :data:`BENIGN` messages."""
        found = (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed_requests]
            + [f"request to another host (blocked): {m}" for m in self.external_requests]
            + [f"error box: {m}" for m in self.error_boxes]
            + [f"dialog: {m}" for m in self.dialogs]
        )
        return [m for m in found if not any(b.search(m) for b in BENIGN)]

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, f"{self.url} ({self.screenshot}):\n" + "\n".join(problems)


def check_page(
    url: str,
    name: str,
    *,
    browser=None,
    viewport: tuple[int, int] = (1280, 900),
    timeout: float = 60,
    actions: Callable | None = None,
    full_page: bool = True,
    color_scheme: str = "light",
) -> PageReport:
    """Open ``url``, wait for the app to settle, screenshot it, report problems.

    ``color_scheme="dark"`` opens it as a browser set to dark mode (Streamlit
    follows it with its dark theme). ``actions(page)``, if given, runs after the first settle (click, type...);
    the page is then awaited again before the screenshot. ``browser`` is one
    from :func:`chromium`; without it a browser is launched for this call.
    """
    if browser is None:
        with chromium() as b:
            return check_page(url, name, browser=b, viewport=viewport, timeout=timeout, actions=actions, full_page=full_page, color_scheme=color_scheme)

    report = PageReport(url=url, name=name)
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block", color_scheme=color_scheme)

    def route(r):
        if is_local(r.request.url):
            r.continue_()
        else:
            report.external_requests.append(r.request.url)
            r.abort("internetdisconnected")

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and report.console_errors.append(f"{m.text} @ {m.location.get('url', '')}"))
    page.on("pageerror", lambda e: report.page_errors.append(str(e)))
    page.on("dialog", lambda d: (report.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
    page.on("request", lambda r: report.requests.append(r.url))
    page.on("requestfailed", lambda r: is_local(r.url) and report.failed_requests.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and report.failed_requests.append(f"{r.url} (HTTP {r.status})"))
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
        give_up = lambda: bool(report.page_errors or report.external_requests)  # noqa: E731
        wait_until_settled(page, timeout, give_up)
        if actions is not None:
            actions(page)
            wait_until_settled(page, timeout, give_up)
        report.error_boxes = [t.strip() for t in page.locator(ERROR_BOXES).all_inner_texts()]
        report.text = page.locator('[data-testid="stApp"]').inner_text()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        report.screenshot = SCREENSHOTS / f"{name}.png"
        if full_page:  # Streamlit scrolls inside the app, not the document: grow the viewport
            height = page.evaluate(
                "() => Math.max(document.documentElement.scrollHeight,"
                " ...[...document.querySelectorAll('*')].filter(e => e.scrollHeight > e.clientHeight + 1"
                " && /(auto|scroll)/.test(getComputedStyle(e).overflowY)).map(e => e.scrollHeight + e.getBoundingClientRect().top))"
            )
            if height > viewport[1]:
                page.set_viewport_size({"width": viewport[0], "height": min(int(height) + 20, 16_000)})
                page.wait_for_timeout(500)
        page.screenshot(path=str(report.screenshot), full_page=full_page)
    except Exception:  # keep what the page showed when it timed out or broke
        with contextlib.suppress(Exception):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-failed.png"))
        raise
    finally:
        context.close()
    return report


def wait_until_settled(page, timeout: float = 60, give_up: Callable[[], bool] = lambda: False) -> None:
    """Wait until the script run is over, nothing is loading and plotly charts are drawn.

    ``give_up()`` is polled while waiting for late things (requests, map
    outlines); when true (an error was already seen) the wait ends early.
    """
    ms = timeout * 1000
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=ms)
    page.wait_for_selector(SCRIPT_DONE, timeout=ms)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stSkeleton"]')
               && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                    .every(c => c.querySelector('.main-svg'))""",
        timeout=ms,
    )
    # A geo map stays empty until its outlines load; a failed load is reported, not awaited.
    deadline = time.monotonic() + min(timeout, 20)
    while time.monotonic() < deadline and not give_up():
        if page.evaluate(_GEO_READY):
            break
        page.wait_for_timeout(200)
    if not give_up():
        with contextlib.suppress(Exception):  # a websocket never idles; plain requests do
            page.wait_for_load_state("networkidle", timeout=min(ms, 10_000))
    page.wait_for_selector(SCRIPT_DONE, timeout=ms)
    page.wait_for_timeout(300)


_GEO_READY = "() => [...document.querySelectorAll('.js-plotly-plot .geolayer > .geo')].every(g => g.childElementCount > 0)"


def map_stats(page) -> list[dict]:
    """For each plotly geo map on ``page``: how much of it was drawn.

    ``outline_chars`` is the length of the SVG path of the country borders
    (one path for the whole world; 0 when the outlines did not load),
    ``land_chars`` the same for land, ``filled`` the number of countries
    coloured by choropleth traces and ``markers`` the scattergeo points.
    """
    return page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot .geolayer > .geo')].map(g => ({
            outline_chars: (g.querySelector('.layer.countries path')?.getAttribute('d') || '').length,
            land_chars: (g.querySelector('.layer.land path')?.getAttribute('d') || '').length,
            filled: g.querySelectorAll('.choroplethlocation').length,
            markers: g.querySelectorAll('.scattergeo .point').length,
        }))"""
    )


#: Words that markup.txt marks up: **bold**, **Daily**, [link](...), :red[colour], :red[Wire].
MARKED_UP_WORDS = ("bold", "Daily", "link", "colour", "Wire")


def injected_markup(page, words: tuple[str, ...] = MARKED_UP_WORDS) -> list[str]:
    """What article markup created on ``page``: script elements that call alert, images
    with onerror, javascript: links, Markdown emphasis, links or colour around
    ``words``, and LaTeX (the app itself writes none). Empty when every text
    was shown as typed. Tooltips count only while they are open (hover first).
    """
    return page.evaluate(
        r"""(words) => {
            const found = [];
            const add = (what, el) => found.push(`${what}: ${el.outerHTML.slice(0, 300)}`);
            const marked = el => words.includes(el.textContent.trim());
            document.querySelectorAll('script').forEach(s => /alert\(/.test(s.textContent) && add('script', s));
            document.querySelectorAll('img[onerror], img[src="x"]').forEach(e => add('image', e));
            document.querySelectorAll('a[href]').forEach(a => (/^\s*javascript:/i.test(a.getAttribute('href')) || marked(a)) && add('link', a));
            document.querySelectorAll('strong, b, em').forEach(e => marked(e) && add('emphasis', e));
            document.querySelectorAll('.stMarkdownColoredText').forEach(e => marked(e) && add('coloured text', e));
            document.querySelectorAll('.katex').forEach(e => add('LaTeX', e));
            return found;
        }""",
        list(words),
    )

"""Following RSS and Atom feeds: the feeds followed, what each last added, and reading them into the corpus.

The feeds followed are kept in ``feeds.json`` in the data folder, next to the
builds (written whole to a temporary file and renamed, under its own lock,
so the dashboard and a running ``python -m lib.ingest --watch`` never see a
half-written file nor lose each other's changes). Each feed records its
address, when it was last read, the articles that read added (and how many
in all), the error if it failed, and the entry addresses already dealt with
(at most :data:`MAX_SEEN`), so an entry is fetched once, not at every read.

A feed is fetched by :func:`lib.fetch.fetch` like any page and parsed by
feedparser from those bytes (never from an address or a file name, which
feedparser would open itself). At most :data:`MAX_ENTRIES` entries of a read
are fetched. An entry is kept when its title, summary or article text
mentions one of the words asked for (:func:`lib.ingest.mentions`); it is added by
:func:`lib.ingest.add_urls`, so a page already in the corpus by address or text
is not added twice. A feed or page that fails is recorded and the others go on.
"""
from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import signal
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, NamedTuple

import feedparser

from lib import build, evaluate, fetch, ingest, paths

FILE = "feeds.json"
LOCK = ".feeds.lock"
MAX_FEEDS = 100
MAX_ENTRIES = 50  # entries fetched per feed and read: a feed of 10,000 entries is read 50 at a time, newest first as listed
MAX_SEEN = 2000  # entry addresses remembered per feed (oldest forgotten first)
MAX_ADDED = 50  # article ids of the last read kept in the file


class Entry(NamedTuple):
    link: str
    title: str
    summary: str


# ---------------------------------------------------------------- the file


def feeds_file(out: Path | None = None) -> Path:
    return (out or paths.data_folder()) / FILE


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released by the kernel if the holder dies
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def load(out: Path | None = None) -> list[dict]:
    """The feeds followed, in the order they were added ([] when none); ValueError if the file is not ours."""
    path = feeds_file(out)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path} cannot be read: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("feeds"), list):
        raise ValueError(f"{path} is not a list of feeds")
    return [f for f in data["feeds"] if isinstance(f, dict) and isinstance(f.get("url"), str)]


def _write(feeds: list[dict], out: Path) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".feeds-", suffix=".json", dir=out)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump({"feeds": feeds}, file, indent=1, ensure_ascii=False)
        os.replace(temporary, out / FILE)  # atomic: readers see the old file or the new one
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def follow(url: str, out: Path | None = None) -> bool:
    """Follow a feed (an http(s) address); False when it was followed already. ValueError for a bad address or too many feeds."""
    out = out or paths.data_folder()
    url = ingest.http_url(url)
    if not url:
        raise ValueError("no feed address given")
    with _locked(out):
        feeds = load(out)
        if any(ingest.same_page(f["url"]) == ingest.same_page(url) for f in feeds):
            return False
        if len(feeds) >= MAX_FEEDS:
            raise ValueError(f"at most {MAX_FEEDS} feeds can be followed")
        _write([*feeds, {"url": url, "since": now(), "last_read": "", "last_added": [], "total_added": 0, "error": "", "seen": []}], out)
    return True


def unfollow(url: str, out: Path | None = None) -> bool:
    """Stop following a feed; False when it was not followed."""
    out = out or paths.data_folder()
    with _locked(out):
        feeds = load(out)
        kept = [f for f in feeds if ingest.same_page(f["url"]) != ingest.same_page(url)]
        if len(kept) < len(feeds):
            _write(kept, out)
    return len(kept) < len(feeds)


def _record(url: str, out: Path, **changes) -> None:
    """Merge one read's result into the file as it is now (another process may have changed other feeds meanwhile)."""
    with _locked(out):
        feeds = load(out)
        for feed in feeds:
            if feed["url"] == url:
                seen = [*feed.get("seen", []), *(s for s in changes.pop("seen", []) if s not in feed.get("seen", []))]
                feed.update(changes, seen=seen[-MAX_SEEN:], total_added=feed.get("total_added", 0) + len(changes.get("last_added", [])))
        _write(feeds, out)


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- reading


def entries(page: fetch.Fetched) -> list[Entry]:
    """The entries of a fetched feed with an http(s) link; ValueError when it is not a feed."""
    # A file object, never bytes or a string: feedparser opens a string that looks like a URL or a file name itself.
    parsed = feedparser.parse(io.BytesIO(page.data), response_headers={"content-type": page.content_type, "content-location": page.url})
    found = [Entry(item.get("link", ""), item.get("title", ""), item.get("summary", "")) for item in parsed.entries if _web_link(item.get("link", ""))]
    if not found and (parsed.bozo or not parsed.version):  # a flawed feed with entries is read all the same (feedparser is lenient)
        problem = parsed.get("bozo_exception")
        raise ValueError(f"not an RSS or Atom feed ({problem})" if problem else "not an RSS or Atom feed")
    return found


def _web_link(link: str) -> bool:
    """Whether a feed entry's link is an http(s) address (a javascript: or mailto: link is no article)."""
    try:
        return bool(fetch.web_address(link))
    except ValueError:
        return False


def read(url: str, words: list[str], *, out: Path, http) -> tuple[list[ingest.Outcome], str]:
    """Read one feed: fetch its new entries, add those about ``words``, record the result; (outcomes, error)."""
    seen = next((set(f.get("seen", [])) for f in load(out) if f["url"] == url), set())
    try:
        items = entries(fetch.fetch(url, fetch.FEED_TYPES, http=http))
    except ValueError as exc:  # FetchError included
        _record(url, out, last_read=now(), last_added=[], error=str(exc))
        return [], str(exc)
    new = [e for e in items if e.link not in seen][:MAX_ENTRIES]
    about = [e for e in new if ingest.mentions(f"{e.title}\n{e.summary}", words)]
    # Entries whose title or summary says nothing are fetched all the same: the article's text may.
    others = [e for e in new if e not in about]
    outcomes = ingest.add_urls([e.link for e in about], feed=url, http=http, out=out)
    outcomes += ingest.add_urls([e.link for e in others], feed=url, match=words, http=http, out=out)
    # Every entry dealt with is settled, refused ones too: a link that is an image would otherwise be fetched at
    # every read, and MAX_ENTRIES of them would hide the feed's new entries for ever.
    _record(url, out, last_read=now(), last_added=[o.article_id for o in outcomes if o.status == ingest.ADDED][:MAX_ADDED], error="",
            seen=[e.link for e in (*about, *others)])
    return outcomes, ""


def read_all(urls: list[str], words: list[str], out: Path | None = None) -> int:
    """Follow ``urls`` (or, when empty, take every feed followed), read each, rebuild the tables if anything was added; 0 when no feed failed."""
    out = out or paths.data_folder()
    try:
        for url in urls:
            follow(url, out)
        urls = [ingest.http_url(u) for u in urls] or [f["url"] for f in load(out)]
    except ValueError as exc:  # a bad --feed address, or a feeds.json that is not ours: left as it is
        print(f"feeds not read: {exc}", flush=True)
        return 1
    failed = 0
    with fetch.client() as http:
        for url in urls:
            try:
                outcomes, error = read(url, words, out=out, http=http)
            except Exception as exc:  # a bug or a full disk in one feed: recorded, the other feeds are still read
                _record(url, out, last_read=now(), last_added=[], error=f"{type(exc).__name__}: {exc}")
                outcomes, error = [], str(exc)
            failed += bool(error)
            counts = {s: sum(o.status == s for o in outcomes) for s in (ingest.ADDED, ingest.IN_CORPUS, ingest.SKIPPED, ingest.REFUSED)}
            print(f"{url}: " + (f"failed: {error}" if error else ", ".join(f"{n} {s}" for s, n in counts.items())), flush=True)
    try:
        report = build.build(paths.corpus_folders(), out, only_if_stale=True)
    except build.BuildError as exc:
        print(f"build failed, previous tables kept: {exc}", flush=True)
        return 1
    if report:
        print(f"built the tables from {report['articles_read']} articles ({report['articles_extracted']} extracted)", flush=True)
        try:  # Sources & method's scores for the new build, as the build command makes them
            evaluate.kept_dashboard_scores(out)
        except Exception as exc:  # the build is published: a follower watching the feeds goes on
            print(f"scoring the extractor failed (the page will score it): {type(exc).__name__}: {exc}", flush=True)
    return 1 if failed else 0


def main(urls: list[str], words: list[str], watch: float | None) -> int:
    """Read the feeds once, or every ``watch`` minutes until stopped.

    SIGTERM (a service manager stopping it) ends the loop once the read under
    way is over, which every fetch's deadline bounds; Ctrl-C ends it at once
    (a save is a single create-and-write, a build is published atomically).
    """
    if watch is None:
        return read_all(urls, words)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.is_set():
            read_all(urls, words)
            stop.wait(watch * 60)
    except KeyboardInterrupt:
        pass
    print("stopped", flush=True)
    return 0

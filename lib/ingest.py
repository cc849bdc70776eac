"""Adding articles from the dashboard: uploaded files or pasted text in, checked ``.txt`` articles out.

Everything a user sends is untrusted data, checked here on the server whatever
the browser's file filter let through:

* **names**: a name with control or invisible formatting characters is
  refused; only the part after the last ``/`` or ``\\`` counts, its extension
  must be .txt, .md, .html or .htm, and the file saved is named after a slug
  of it (ASCII letters, digits and hyphens, at most :data:`MAX_NAME`
  characters, never a Windows reserved name), so no name can climb out of the
  upload folder or overwrite anything;
* **contents**: UTF-8 only; no NUL or other control bytes; text files at most
  :data:`lib.articles.MAX_BYTES`, HTML pages at most :data:`MAX_UPLOAD_BYTES`
  (the ``server.maxUploadSize`` of ``.streamlit/config.toml``). HTML, told by
  its content (:func:`is_html`: a text file that is a page counts, a .html
  file without a tag does not), is reduced to its article text and metadata
  by trafilatura, offline. Markdown is kept as written: its markup stays in
  the text as characters. Nothing is unpickled or run;
* **metadata**: from the file (its ``---`` header, or the HTML page's own)
  unless given explicitly; values are folded to one line so that no title can
  break the header. A date or URL given explicitly must be readable (any of
  :data:`DATE_FORMATS`, an http(s) address); one read from a file is dropped
  when it is not, as :func:`lib.articles.read_corpus` does;
* **duplicates**: an article whose body text (:func:`lib.articles.body_hash`)
  is already in the corpus, or earlier in the same batch, is refused.

Web addresses (:func:`add_urls`) are fetched by :func:`lib.fetch.fetch`
(http(s) only, public addresses only, bounded in size, time and redirects),
and the page is then checked as an uploaded HTML file is; it records the
address it was read from, when (``fetched``) and the feed that listed it
(``feed``). A page whose address (asked for or finally read) or text is
already in the corpus is reported as *already in the corpus*, unfetched when
the address alone tells. ``python -m lib.ingest --feed URL`` follows feeds
(:mod:`lib.feeds`).

What is saved is exactly what the build will read: the bytes written are
checked with :func:`lib.articles.decode_article` first.
"""
from __future__ import annotations

import argparse
import contextlib
import re
import sys
import unicodedata
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable, Collection, Iterable, NamedTuple
from urllib.parse import urlsplit, urlunsplit

import pandas as pd
import trafilatura

from lib import fetch, paths, store
from lib.articles import EARLIEST_DATE, FRONT_MATTER_KEYS, MAX_BYTES, MAX_FIELD, UPLOAD_KEYS, Article, article_paths, body_hash, decode_article, decode_text, parse_front_matter, plausible_date, read_corpus, timestamp, web_url
from lib.text import fold, strip_accents

UPLOAD_TYPES = ("txt", "md", "html", "htm")
HTML_TYPES = ("html", "htm")
MAX_UPLOAD_MB = 5  # equal to server.maxUploadSize in .streamlit/config.toml (a test holds them together)
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1_000_000  # what the browser checks before sending (the server allows 5 MiB: stricter wins)
MAX_NAME = 80  # characters of a saved file's stem
# A title or outlet has at most lib.articles.MAX_FIELD characters, as in the build; a URL may have MAX_URL.
MAX_URL = 2000
MAX_ADDRESSES = 20  # web addresses fetched per batch: each may take up to lib.fetch.DEADLINE seconds
ADDED, REFUSED, IN_CORPUS, SKIPPED = "added", "refused", "already in the corpus", "skipped"
DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%Y/%m/%d")  # besides ISO 8601
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S)
_TAG = re.compile(r"<[a-z!/?]", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # C0 controls other than tab, newline and form feed


class Submission(NamedTuple):
    """One file from the uploader (``name`` with its extension), or pasted text (``name`` empty) with its metadata."""

    name: str
    data: bytes
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | date | None = None
    page: fetch.Fetched | None = None  # a page fetched from the web address ``name`` (``data`` unused)
    feed: str | None = None  # the feed that listed it


class Draft(NamedTuple):
    """An article ready to save: the stem it asks for, the file's bytes, and the article the build will read from them."""

    stem: str
    content: bytes
    article: Article


class Duplicate(ValueError):
    """The article is in the corpus already: refused for a file, *already in the corpus* for a web address."""

    def __init__(self, article_id: str, how: str):
        super().__init__(f"duplicate of article {article_id!r} ({how})")
        self.article_id = article_id


class Outcome(NamedTuple):
    name: str  # as submitted (a file name, or a web address)
    status: str  # ADDED, REFUSED, IN_CORPUS (a web address already read) or SKIPPED (a feed entry not about the subject)
    article_id: str  # the saved file's stem, when added
    path: str  # where it was saved, when added
    reason: str  # why it was refused


# ---------------------------------------------------------------- names and values


def split_name(name: str) -> tuple[str, str]:
    """(stem, lower-case extension) of the last component of an uploaded file's name; ValueError for hidden characters."""
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        raise ValueError("file name contains control or invisible formatting characters")
    base = re.split(r"[/\\]", unicodedata.normalize("NFKC", name))[-1]
    if base != base.rstrip(". "):  # Windows drops a trailing dot or space: "x.txt " would be saved as another name than it shows
        raise ValueError("file name ends with a dot or a space")
    base = base.strip()
    stem, dot, extension = base.rpartition(".")
    return (stem, extension.lower()) if dot and stem else (base, "")


def slug(text: str) -> str:
    """A safe file stem: ASCII letters and digits joined by single hyphens, never a Windows device name; '' when none is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:MAX_NAME].strip("-")
    return f"{stem}-article" if stem in WINDOWS_RESERVED else stem


def one_line(value: object, limit: int = MAX_FIELD) -> str:
    """A header value: control and invisible characters dropped, every kind of line break and space folded to one space."""
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in str(value) if unicodedata.category(c) != "Cf")
    return " ".join(kept.split())[:limit].strip()


def iso_date(value: str | date | None) -> str:
    """YYYY-MM-DD from a date, ISO 8601 (date or date-time) or a written date such as '30 July 2024'; '' for nothing."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = one_line(value or "")
    if not text:
        return ""
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"publication date {text!r} not understood (use YYYY-MM-DD)")


def publication_date(value: str | date | None) -> str:
    """:func:`iso_date`, refused unless plausible (:func:`lib.articles.plausible_date`): a far-off date would stretch every date axis."""
    iso = iso_date(value)
    if iso and not plausible_date(iso):
        raise ValueError(f"publication date {iso} is not plausible (from {EARLIEST_DATE.year} to a year after today)")
    return iso


def http_url(value: str | None) -> str:
    """An http(s) address on one line, or ''; ValueError for anything else (javascript:, file:, relative paths)."""
    text = one_line(value or "", MAX_URL)
    if text and (not web_url(text) or " " in text):
        raise ValueError(f"URL {text!r} is not an http(s) address")
    return text


def fetch_time(value: str | None) -> str:
    """An ISO 8601 date-time with a time zone, as YYYY-MM-DDTHH:MM:SSZ, or ''; ValueError for anything else."""
    text = one_line(value or "")
    if text and not timestamp(text):
        raise ValueError(f"fetch time {text!r} is not an ISO 8601 date-time with a time zone")
    return timestamp(text)


CLEAN = {"title": one_line, "outlet": one_line, "url": http_url, "published": publication_date, "fetched": fetch_time, "feed": http_url}


def metadata(found: dict[str, str], given: dict[str, object]) -> dict[str, str]:
    """Header values: given ones win and must be valid; those found in the file are dropped when unreadable."""
    meta = {}
    for key in FRONT_MATTER_KEYS:
        if given.get(key) not in (None, ""):
            meta[key] = CLEAN[key](given[key])
        else:
            try:
                meta[key] = CLEAN[key](found.get(key) or "")
            except ValueError:
                meta[key] = ""
    return meta


def front_matter(meta: dict[str, str]) -> str:
    return "---\n" + "".join(f"{key}: {meta[key]}\n" for key in (*FRONT_MATTER_KEYS, *UPLOAD_KEYS) if meta.get(key)) + "---\n\n"


# ---------------------------------------------------------------- contents


def is_html(text: str, extension: str) -> bool:
    """HTML by content: a document start (doctype, <html>, <head>, <body>) whatever the name, or any tag in a .html/.htm file."""
    return bool(_HTML_START.match(text) or extension in HTML_TYPES and _TAG.search(text))


def reduce_html(html: str) -> tuple[str, dict[str, str]]:
    """An HTML page -> its article text (paragraphs separated by blank lines) and its title, outlet, url and date.

    trafilatura works on the string it is given and fetches nothing; the
    page's scripts, navigation, comments and tables are left out.
    """
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False, include_images=False, include_links=False)
    lines = [line.strip() for line in ((doc.text if doc else None) or "").split("\n") if line.strip()]
    if not lines:
        raise ValueError("no article text found in the HTML page")
    meta = {"title": doc.title or "", "outlet": doc.sitename or "", "url": doc.url or "", "published": doc.date or ""}
    if len(lines) > 1 and lines[0] == meta["title"]:
        lines = lines[1:]  # the headline goes in the header, not twice
    return "\n\n".join(lines), meta


def prepare(name: str, data: bytes, *, title=None, outlet=None, url=None, published=None, fetched=None, feed=None, extension="txt", uploaded_by: str = "") -> Draft:
    """One uploaded file (or, when ``name`` is '', pasted text or a fetched page of type ``extension``) -> the article to save; ValueError with the reason to refuse it."""
    stem, extension = split_name(name) if name else ("", extension)
    if extension not in UPLOAD_TYPES:
        shown = f".{extension}" if extension else "no extension"
        raise ValueError(f"not an article file ({shown}): only " + ", ".join(f".{t}" for t in UPLOAD_TYPES) + " are accepted")
    text = decode_text(data, MAX_UPLOAD_BYTES if extension in HTML_TYPES else MAX_BYTES)
    if control := _CONTROL.search(text):
        raise ValueError(f"binary content (control character U+{ord(control.group()):04X} at character {control.start():,})")
    if is_html(text, extension):
        body, found = reduce_html(text)
        if len(body.encode("utf-8")) > MAX_BYTES:
            raise ValueError(f"oversized: the page's article text is {len(body.encode('utf-8')):,} bytes, limit {MAX_BYTES:,}")
    else:
        found, body = parse_front_matter(text)
    meta = metadata(found, {"title": title, "outlet": outlet, "url": url, "published": published, "fetched": fetched, "feed": feed})
    first_line = next((line for line in body.split("\n") if line.strip()), "")
    meta["title"] = meta["title"] or one_line(first_line.lstrip("#"), 120)  # a Markdown heading's marks are not its title
    # Who added it and when, so every view can label (and leave out) uploaded articles: articles.source.
    meta["uploaded_by"], meta["uploaded_at"] = one_line(uploaded_by, MAX_FIELD), datetime.now(timezone.utc).isoformat(timespec="seconds")
    stem = slug(stem) or slug(meta["title"]) or f"article-{body_hash(body)[:12]}"
    content = (front_matter(meta) + body.strip("\n") + "\n").encode("utf-8")
    return Draft(stem, content, decode_article(stem, content))


# ---------------------------------------------------------------- the corpus


class CorpusIndex(NamedTuple):
    ids: set[str]  # article ids in use, lower-cased
    texts: dict[str, str]  # body hash -> article_id
    urls: dict[str, str]  # same_page(url) -> article_id


def same_page(url: str) -> str:
    """What makes two addresses the same page: scheme and host in lower case, no default port, no #fragment."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    port = "" if parts.port in (None, {"http": 80, "https": 443}.get(scheme)) else f":{parts.port}"
    return urlunsplit((scheme, host + port, parts.path or "/", parts.query, ""))


@lru_cache(maxsize=2)
def _build_index(folder: str) -> tuple[dict[str, str], dict[str, str]]:
    """(body hash -> article_id, page -> article_id) of one build (a new build is a new folder, so the cache never goes stale)."""
    articles = pd.read_parquet(Path(folder) / "articles.parquet", columns=["article_id", "url", "text"])
    texts = {body_hash(text): article_id for article_id, text in zip(articles["article_id"], articles["text"])}
    return texts, {same_page(url): article_id for article_id, url in zip(articles["article_id"], articles["url"]) if url}


def corpus_index(folders: list[Path], out: Path) -> CorpusIndex:
    """The ids, texts and addresses already in the corpus: from the current build when it matches the folders, else read from the files."""
    paths, _ = article_paths(folders)
    ids = {path.stem.lower() for path in paths}
    if store.stale_reason(folders, out, load=None) is None:
        texts, urls = _build_index(str(store.current_dir(out).resolve()))
        return CorpusIndex(ids, dict(texts), dict(urls))
    articles, _ = read_corpus(folders)
    return CorpusIndex(ids, {body_hash(a.text): a.article_id for a in articles}, {same_page(a.url): a.article_id for a in articles if a.url})


def save(stem: str, content: bytes, folder: Path, taken: Collection[str] = ()) -> Path:
    """Create ``folder/<stem>.txt`` (``<stem>-2.txt``, -3, ... when that name is taken); never overwrites a file."""
    if not _SLUG.fullmatch(stem) or len(stem) > MAX_NAME:
        raise ValueError(f"unsafe file name {stem!r}")
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    for n in range(1, 1000):
        candidate = stem if n == 1 else f"{stem}-{n}"
        path = folder / f"{candidate}.txt"
        if candidate in taken or path.resolve().parent != root:
            continue
        try:
            with open(path, "xb") as handle:  # "x": fails instead of replacing a file or following a link
                handle.write(content)
            return path
        except FileExistsError:
            continue
        except OSError:
            path.unlink(missing_ok=True)
            raise
    raise ValueError(f"no free file name for {stem!r}")


def mentions(text: str, phrases: Collection[str]) -> bool:
    """Whether ``text`` holds one of ``phrases``, ignoring case and accents ('venezuela' is in 'VENEZUELAN', 'gonzalez' in 'González')."""
    folded = strip_accents(text).casefold()  # lib.text.fold, without its cache: an article's text is folded once
    return any(fold(phrase) in folded for phrase in phrases)


def _draft(sub: Submission, uploaded_by: str = "") -> Draft:
    if sub.page is None:
        return prepare(sub.name, sub.data, title=sub.title, outlet=sub.outlet, url=sub.url, published=sub.published, uploaded_by=uploaded_by)
    page = sub.page  # checked as an uploaded page is; its address, time and feed are its provenance
    return prepare("", page.text().encode("utf-8"), url=page.url, fetched=page.fetched_at, feed=sub.feed, extension="txt" if page.media == "text/plain" else "html")


def add_articles(
    submissions: Iterable[Submission], *, uploads: Path | None = None, folders: list[Path] | None = None, out: Path | None = None,
    match: Collection[str] = (),
    uploaded_by: str = "",
) -> list[Outcome]:
    """Check and save every submission into the upload folder; one outcome per submission, in order.

    Runs under the build lock of ``out``, so no build reads a half-written
    file and two batches cannot both add the same text. ``match``, when
    given, keeps only articles whose title or text :func:`mentions` one of
    its phrases; the others are SKIPPED.
    """
    uploads = uploads or paths.upload_folder()
    folders = folders or paths.corpus_folders()
    out = out or paths.data_folder()
    outcomes = []
    with store.build_lock(out):
        known = corpus_index(folders, out)
        for sub in submissions:
            shown = sub.name or f"pasted text: {one_line(sub.title or '', 80) or 'untitled'}"
            try:
                draft = _draft(sub, uploaded_by)
                digest = body_hash(draft.article.text)
                addresses = {same_page(a) for a in (sub.name, draft.article.url) if a} if sub.page else set()
                if same := next((known.urls[a] for a in addresses if a in known.urls), None):
                    raise Duplicate(same, "same address")
                if digest in known.texts:
                    raise Duplicate(known.texts[digest], "same text")
                if match and not mentions(f"{draft.article.title}\n{draft.article.text}", match):
                    outcomes.append(Outcome(shown, SKIPPED, "", "", "mentions none of: " + ", ".join(match)))
                    continue
                path = save(draft.stem, draft.content, uploads, known.ids)
            except Duplicate as exc:
                outcomes.append(Outcome(shown, IN_CORPUS, exc.article_id, "", str(exc)) if sub.page else Outcome(shown, REFUSED, "", "", str(exc)))
                continue
            except ValueError as exc:
                outcomes.append(Outcome(shown, REFUSED, "", "", str(exc)))
                continue
            except OSError as exc:  # disk full, no permission: this file fails, the batch goes on
                outcomes.append(Outcome(shown, REFUSED, "", "", f"could not save: {exc.strerror or exc}"))
                continue
            known.ids.add(path.stem)
            known.texts[digest] = path.stem
            known.urls.update(dict.fromkeys(addresses, path.stem))
            outcomes.append(Outcome(shown, ADDED, path.stem, str(path), ""))
    return outcomes


def add_urls(
    addresses: Iterable[str], *, feed: str | None = None, match: Collection[str] = (), progress: Callable[[int, int, str], None] | None = None,
    http=None, uploads: Path | None = None, folders: list[Path] | None = None, out: Path | None = None,
) -> list[Outcome]:
    """Fetch each web address (at most :data:`MAX_ADDRESSES`) and add its page as :func:`add_articles` does; one outcome per address, in order.

    An address already in the corpus is not fetched again. Pages are fetched
    before the build lock is taken (a slow site must not hold up a build),
    and checked again under it. ``progress(done, total, address)`` is called
    before each fetch; ``http`` is a :func:`lib.fetch.client` to reuse.
    """
    folders, out = folders or paths.corpus_folders(), out or paths.data_folder()
    addresses = [a.strip() for a in addresses if a.strip()]
    known = corpus_index(folders, out).urls
    outcomes: dict[int, Outcome] = {}
    pages: list[tuple[int, Submission]] = []
    asked: dict[str, str] = {}
    with contextlib.nullcontext(http) if http else fetch.client() as http:
        for i, address in enumerate(addresses):
            if progress:
                progress(i, len(addresses), address)
            try:
                page = same_page(fetch.web_address(address))
                if i >= MAX_ADDRESSES:
                    raise ValueError(f"more than {MAX_ADDRESSES} addresses at once: add the rest in another batch")
                if page in asked:
                    raise ValueError(f"the same address as {asked[page]!r}, earlier in this list")
                asked[page] = address
                if page in known:
                    outcomes[i] = Outcome(address, IN_CORPUS, known[page], "", str(Duplicate(known[page], "same address")))
                    continue
                pages.append((i, Submission(address, b"", page=fetch.fetch(address, http=http), feed=feed)))
            except ValueError as exc:  # FetchError included, and urlsplit's for an address such as http://[::1
                outcomes[i] = Outcome(address, REFUSED, "", "", str(exc))
    if pages:
        added = add_articles([sub for _, sub in pages], uploads=uploads, folders=folders, out=out, match=match)
        outcomes.update((i, outcome) for (i, _), outcome in zip(pages, added))
    if progress:
        progress(len(addresses), len(addresses), "")
    return [outcomes[i] for i in range(len(addresses))]


# ---------------------------------------------------------------- the command line: following feeds


def parser() -> argparse.ArgumentParser:
    """The command line, also read by the README test."""
    cli = argparse.ArgumentParser(prog="python -m lib.ingest", description="Follow RSS or Atom feeds: add their new articles about the election and rebuild the tables.")
    cli.add_argument("--feed", action="append", default=[], metavar="URL", help="a feed to follow and read now (repeat for several; default: every feed followed already)")
    cli.add_argument("--match", default="Venezuela", metavar="WORDS",
                     help="keep entries whose title, summary or text mentions one of these comma-separated words or phrases, ignoring case and accents (default: Venezuela)")
    cli.add_argument("--watch", type=float, default=None, metavar="MINUTES", help="read the feeds again every MINUTES until stopped (SIGTERM or Ctrl-C)")
    return cli


def run(argv: list[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    words = [w.strip() for w in args.match.split(",") if w.strip()]
    if not words:
        cli.error("--match needs at least one word")
    if args.watch is not None and args.watch <= 0:
        cli.error("--watch needs a positive number of minutes")
    from lib import feeds  # lib.feeds builds on this module (it adds what it reads through add_urls)

    return feeds.main(args.feed, words, args.watch)


if __name__ == "__main__":
    sys.exit(run())

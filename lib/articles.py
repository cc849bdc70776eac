"""Reading a corpus folder into articles, and refusing bad files with a reason.

An article is a UTF-8 ``.txt`` file, optionally opening with a front-matter
header::

    ---
    title: ...
    url: ...
    outlet: ...
    published: YYYY-MM-DD
    fetched: YYYY-MM-DDTHH:MM:SSZ   (a page fetched from the web: when)
    feed: https://...               (... and the feed that named it, if any)
    ---

``article_id`` is the file name without its extension. Metadata can also come
from a ``manifest.csv`` beside the articles (how the seeds, which have no
header, get theirs; its values are marked as inferred there).

Bad input never stops a build: an empty, binary, non-UTF-8, oversized or
duplicate file becomes a :class:`Rejection` with its reason and the rest of the
corpus is read as usual. A build looks at its folders once (:func:`scan`: one ``stat`` per
file, before any is read) and passes what it read last time (:class:`KnownFile`):
a regular file whose size and modification time are unchanged, in a folder whose
``manifest.csv`` is unchanged, is taken from there without being opened or hashed. A file is looked at before it is read (:func:`read_file`):
only regular files, at most :data:`MAX_FILE_BYTES`, are opened, and a link only
when it resolves to a file inside one of the corpus folders, so a FIFO, a device,
a 3 GB file or a link to ``/etc/passwd`` is refused without reading it. Metadata
that cannot be right is dropped and noted: a publication date outside
:data:`EARLIEST_DATE` to a year after today, titles and outlets beyond
:data:`MAX_FIELD` characters (cut).
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import os
import re
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Iterable, NamedTuple
from urllib.parse import urlsplit

from lib import paths

MAX_BYTES = 2_000_000  # an article's text as a user sends it: news articles are tens of kB; anything this large is not one
MAX_FIELD = 300  # characters of a title or outlet; longer values are cut
# A corpus file may be a little larger than the text a user sent: the header the dashboard writes in front of
# an upload (title, outlet and date of at most MAX_FIELD characters, a URL of at most 2,000) fits in this margin.
MAX_FILE_BYTES = MAX_BYTES + 8_192
EARLIEST_DATE = date(1990, 1, 1)  # no article about this election was published before; older dates are typos
MANIFEST = "manifest.csv"
# Notes and data kept beside the articles (a SOURCES.md, a list of links): skipped, not refused.
SIDE_FILES = (".md", ".csv", ".json")
SIDE_FILE = "not an article (notes or data beside the articles)"
FRONT_MATTER_KEYS = ("title", "url", "outlet", "published", "fetched", "feed")
UPLOAD_KEYS = ("uploaded_by", "uploaded_at")  # written by the dashboard's Add articles page, read into ``source``
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<header>(?:.*\n)*?)---[ \t]*(?:\n|\Z)")


class Article(NamedTuple):
    article_id: str
    title: str
    outlet: str
    url: str
    published: str  # YYYY-MM-DD or ''
    metadata_source: str  # front_matter, manifest or none
    source: str  # seeds, the corpus folder's name, or upload [by WHO] [at WHEN]
    sha256: str
    n_chars: int
    text: str
    fetched_at: str = ""  # YYYY-MM-DDTHH:MM:SSZ when the page was fetched from ``url``, else ''
    feed: str = ""  # the feed that listed the page, else ''


class Rejection(NamedTuple):
    path: str
    reason: str


class KnownFile(NamedTuple):
    """A corpus file as a build read it: its size and modification time then, and what it gave."""

    path: str
    size: int  # -1 (and mtime_ns -1) for a file looked at without a signature (a link): never taken as unchanged
    mtime_ns: int
    body_sha256: str  # :func:`body_hash` of the article's text ('' for a manifest.csv)
    dropped: str  # what was dropped from its metadata, '' if nothing
    article: Article | None  # None for a manifest.csv


def file_signature(path: Path) -> tuple[int, int] | None:
    """(size, modification time in ns) of a regular file that is not a link, else None (never reused)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None


def parse_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Split an optional ``---`` header from the body; unknown keys are ignored."""
    match = _FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    meta = {}
    for line in match.group("header").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in (*FRONT_MATTER_KEYS, *UPLOAD_KEYS):
            meta[key.strip().lower()] = value.strip()
    return meta, raw[match.end():]


def web_url(value: str) -> str:
    """``value`` if it is a web address; '' for anything else ("javascript:...", "file:...")."""
    parts = urlsplit(value)
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def plausible_date(value: str) -> str:
    """``value`` as YYYY-MM-DD when it is a date from :data:`EARLIEST_DATE` to a year after today; '' otherwise.

    A far-off date ("9999-12-31", "0001-01-01") is a typo or an attack, and one
    such date would stretch every date axis and slider of the dashboard.
    """
    try:
        day = date.fromisoformat(value) if value else None
    except ValueError:
        return ""
    return day.isoformat() if day and EARLIEST_DATE <= day <= date.today() + timedelta(days=366) else ""


def timestamp(value: str) -> str:
    """``value`` as YYYY-MM-DDTHH:MM:SSZ (UTC) when it is an ISO 8601 date-time with a time zone, at a plausible date; '' otherwise."""
    try:
        moment = datetime.fromisoformat(value) if value else None
    except ValueError:
        return ""
    if moment is None or moment.tzinfo is None or not plausible_date(moment.date().isoformat()):
        return ""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def dropped_metadata(meta: dict[str, str]) -> list[str]:
    """What :func:`decode_article` drops or cuts of a header's values, in words (for the build report)."""
    notes = []
    if meta.get("published") and not plausible_date(meta["published"]):
        notes.append(f"publication date {meta['published'][:40]!r} dropped (not a date from {EARLIEST_DATE.year} to a year after today)")
    for key in ("title", "outlet"):
        if len(meta.get(key, "")) > MAX_FIELD:
            notes.append(f"{key} cut from {len(meta[key]):,} to {MAX_FIELD} characters")
    for key in ("url", "feed"):
        if meta.get(key) and not web_url(meta[key]):
            notes.append(f"{key} {meta[key][:60]!r} dropped (not an http(s) address)")
    if meta.get("fetched") and not timestamp(meta["fetched"]):
        notes.append(f"fetched time {meta['fetched'][:40]!r} dropped (not an ISO 8601 date-time with a time zone)")
    return notes


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["article_id"]: row for row in csv.DictReader(fh)}


def decode_text(data: bytes, limit: int = MAX_FILE_BYTES) -> str:
    """Bytes of a text file -> text with Unix newlines; raises ValueError if empty, over ``limit``, binary or not UTF-8."""
    if not data.strip():
        raise ValueError("empty file")
    if len(data) > limit:
        raise ValueError(f"oversized: {len(data):,} bytes, limit {limit:,}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # else refused as binary for its NUL bytes, which says less
        raise ValueError("not UTF-8 (UTF-16 or UTF-32 text, by its byte-order mark)")
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start}: {exc.reason})") from None
    # One newline convention, so offsets mean the same on every platform; a
    # second byte-order mark (two files pasted together) would hide the header.
    return raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def body_hash(text: str) -> str:
    """What makes two articles the same: their body text, whatever their name or header."""
    return hashlib.sha256(text.strip().encode()).hexdigest()


def source_of(folder: Path) -> str:
    """How a corpus folder is labelled in ``articles.source``: seeds, upload (the dashboard's folder) or its name."""
    where = os.path.realpath(folder)  # realpath: never raises on a link loop
    if where == os.path.realpath(paths.SEEDS):
        return "seeds"
    return "upload" if where == os.path.realpath(paths.upload_folder()) else Path(where).name


def upload_source(meta: dict[str, str]) -> str:
    """'upload', with who and when when the header says: what an uploaded article's ``source`` reads."""
    by, at = meta.get("uploaded_by", "")[:MAX_FIELD], meta.get("uploaded_at", "")[:40]
    return "upload" + (f" by {by}" if by else "") + (f" at {at}" if at else "")


def _split(data: bytes) -> tuple[dict[str, str], str]:
    """Header and body text of a file's bytes; ValueError with a reason for bad input."""
    meta, body = parse_front_matter(decode_text(data))
    body = body.lstrip("\n\ufeff")  # a byte-order mark after a lone line break is no text either
    if not body.strip():
        raise ValueError("no article text after the header")
    return meta, body


def with_text(article: Article, path: Path, roots: Iterable[Path]) -> Article:
    """``article`` (read by :func:`read_corpus` with ``texts=False``) with its text, read again from ``path``.

    ValueError when the file cannot be read any more or is no longer the one
    read first (another sha256): the build reads a large corpus twice, once
    to list and check it, once a batch at a time to extract it, so it never
    holds every text at once.
    """
    data = read_file(path, roots)
    if hashlib.sha256(data).hexdigest() != article.sha256:
        raise ValueError("changed while the build read it")
    return article._replace(text=_split(data)[1])


def corpus_roots(folders: Iterable[Path]) -> list[Path]:
    """The corpus folders resolved: a link among the articles is followed only into one of them."""
    roots = []
    for folder in folders:
        try:
            roots.append(Path(folder).resolve(strict=True))
        except (OSError, RuntimeError):
            pass  # rejected by article_paths
    return roots


def decode_article(
    article_id: str, data: bytes, manifest_row: dict[str, str] | None = None, *, dropped: list[str] | None = None, source: str = ""
) -> Article:
    """Bytes of one file -> :class:`Article`; raises ValueError with a reason for bad input.

    ``dropped``, when given, receives what was dropped or cut of the metadata (:func:`dropped_metadata`).
    """
    meta, body = _split(data)
    origin = "front_matter" if meta else "none"
    if not meta and manifest_row:
        meta, origin = manifest_row, "manifest"
    if dropped is not None:
        dropped.extend(dropped_metadata(meta))
    first_line = body.strip().split("\n", 1)[0]
    return Article(
        article_id=article_id,
        title=(meta.get("title") or first_line[:120])[:MAX_FIELD],
        outlet=meta.get("outlet", "")[:MAX_FIELD],
        url=web_url(meta.get("url", "")),
        published=plausible_date(meta.get("published", "")),
        metadata_source=origin,
        source=upload_source(meta) if source == "upload" else source,
        sha256=hashlib.sha256(data).hexdigest(),
        n_chars=len(body),
        text=body,
        fetched_at=timestamp(meta.get("fetched", "")),
        feed=web_url(meta.get("feed", "")),
    )


class Entry(NamedTuple):
    """One entry of a corpus folder as :func:`scan` looked at it (one ``stat`` for a file, two for a link)."""

    name: str
    is_dir: bool  # a folder, or a link to one (never an article)
    signature: tuple[int, int] | None  # :func:`file_signature`: (size, mtime_ns) of a regular file that is not a link
    seen: tuple[int, int] | str  # (size, mtime_ns) of what it is (for a link, its target), or the name of the error looking gave


def scan(folders: Iterable[Path]) -> list[tuple[Path, list[Entry] | OSError]]:
    """Every entry of each folder, sorted by name, or the error listing the folder gave.

    The one look a build takes at its corpus: the fingerprint
    (:func:`lib.store.corpus_fingerprint`), the list of articles and each
    file's signature all come from it, so each file is looked at once, and
    the listing is taken before any file is read.
    """
    scanned = []
    for folder in folders:
        folder = Path(folder)
        try:
            with os.scandir(folder) as found:  # scandir knows directories without a stat per file
                entries = sorted(found, key=lambda e: e.name)
        except OSError as exc:  # missing, not a folder, unreadable, a link loop
            scanned.append((folder, exc))
            continue
        listed = []
        for entry in entries:
            try:
                link = entry.is_symlink()
                info = entry.stat()  # a file's lstat (cached by the entry); a link's target
                is_dir = stat.S_ISDIR(info.st_mode)
                seen = (info.st_size, info.st_mtime_ns)
                signature = seen if not link and stat.S_ISREG(info.st_mode) else None
            except OSError as exc:  # a link loop, a dangling link, no permission: no article, reported when read
                is_dir, seen, signature = False, type(exc).__name__, None
            listed.append(Entry(entry.name, is_dir, signature, seen))
        scanned.append((folder, listed))
    return scanned


def _article_files(scanned: list[tuple[Path, list[Entry] | OSError]]) -> tuple[list[tuple[Path, str, Entry]], list[Rejection]]:
    """(folder, path as text, entry) of each ``.txt`` article of a :func:`scan`, and every other entry or unlistable folder as a rejection."""
    files, skipped = [], []
    for folder, entries in scanned:
        if isinstance(entries, OSError):
            skipped.append(Rejection(str(folder), "not a folder" if isinstance(entries, (FileNotFoundError, NotADirectoryError)) else f"cannot be listed: {entries.strerror or entries}"))
            continue
        prefix = str(folder / "_")[:-1]  # str(folder / name), without a Path per file (100,000 of them cost a second)
        for entry in entries:
            name = entry.name
            if entry.is_dir or name == MANIFEST or name.startswith("."):
                continue
            if name.lower().endswith(".txt"):
                files.append((folder, prefix + name, entry))
            else:
                skipped.append(Rejection(prefix + name, SIDE_FILE if name.lower().endswith(SIDE_FILES) else "not a .txt article"))
    return files, skipped


def article_paths(folders: Iterable[Path]) -> tuple[list[Path], list[Rejection]]:
    """The ``.txt`` entries of the folders (sorted), and every other entry or unlistable folder as a rejection."""
    files, skipped = _article_files(scan(folders))
    return [Path(path) for _, path, _ in files], skipped


def read_file(path: Path, roots: Iterable[Path], limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of one corpus file, looked at before it is read; ValueError with the reason to refuse it.

    Only a regular file is opened (a FIFO would block forever, a device never
    ends); a link only when it resolves inside one of ``roots`` (resolved
    folders); at most ``limit`` + 1 bytes are read, whatever the file claims.
    """
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
            if not any(target.is_relative_to(root) for root in roots):
                raise ValueError("a link to a file outside the corpus folders")
            path = target
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > limit:
            raise ValueError(f"oversized: {info.st_size:,} bytes, limit {limit:,}")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced between the look and the open
                raise ValueError("not a regular file")
            data = handle.read(limit + 1)
    except (OSError, RuntimeError) as exc:  # gone, unreadable, a link loop
        raise ValueError(f"cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > limit:
        raise ValueError(f"oversized: more than {limit:,} bytes")
    return data


def read_corpus(
    folders: Iterable[Path], *, notes: list[Rejection] | None = None,
    known: dict[str, KnownFile] | None = None, files: list[KnownFile] | None = None,
    texts: bool = True, located: dict[str, str] | None = None, scanned: list[tuple[Path, list[Entry] | OSError]] | None = None,
) -> tuple[list[Article], list[Rejection]]:
    """Every readable article in the folders, and every file refused with its reason.

    ``notes``, when given, collects what was dropped or cut from the metadata of
    articles that were read (a far-off date, a megabyte title), one per file.
    ``known`` (by path) are the files a previous read gave: one whose signature
    (:func:`file_signature`) and folder manifest are unchanged is not read again.
    ``files``, when given, collects every article file read and manifest, for the next read's ``known``.
    ``texts=False`` keeps each article's text out of what is returned ('', its
    ``n_chars`` and ``sha256`` as read): :func:`with_text` reads it again from
    the path ``located`` (article_id -> path) collects. ``scanned`` is the
    folders' :func:`scan` when the caller took it already (the build does, for its fingerprint).
    """
    known = known or {}
    folders = [Path(f) for f in folders]
    listed, rejected = _article_files(scan(folders) if scanned is None else scanned)
    roots = corpus_roots(folders)
    manifests = {folder: read_manifest(folder) for folder in folders if folder.is_dir()}
    sources = {folder: source_of(folder) for folder in folders}
    # A folder's articles are reused only if its manifest (their metadata) is as it was.
    same_manifest = set()
    for folder in manifests:
        manifest, signature = folder / MANIFEST, file_signature(folder / MANIFEST)
        previous = known.get(str(manifest))
        if signature == ((previous.size, previous.mtime_ns) if previous else None):
            same_manifest.add(folder)
        if files is not None and signature is not None:
            files.append(KnownFile(str(manifest), *signature, "", "", None))
    articles: list[Article] = []
    seen_ids: dict[str, str] = {}
    seen_hashes: dict[str, str] = {}
    for folder, name, entry in listed:
        article_id = entry.name[:-4]  # the name without ".txt"
        if article_id in seen_ids:
            rejected.append(Rejection(name, f"duplicate article_id {article_id!r} (already read from {seen_ids[article_id]})"))
            continue
        dropped: list[str] = []
        signature = entry.signature
        previous = known.get(name)
        unchanged = previous and previous.article and signature == (previous.size, previous.mtime_ns) and folder in same_manifest
        if unchanged:
            article, digest = previous.article, previous.body_sha256
            dropped = [previous.dropped] if previous.dropped else []
        else:
            try:
                data = read_file(Path(name), roots)
                article = decode_article(article_id, data, manifests.get(folder, {}).get(article_id), dropped=dropped, source=sources[folder])
            except ValueError as exc:
                rejected.append(Rejection(name, str(exc)))
                continue
            digest = body_hash(article.text)
        if digest in seen_hashes:
            rejected.append(Rejection(name, f"duplicate of article {seen_hashes[digest]!r} (same text)"))
            continue
        if notes is not None and dropped:
            notes.append(Rejection(name, "; ".join(dropped)))
        seen_ids[article_id] = name
        seen_hashes[digest] = article_id
        if not texts and article.text:
            article = article._replace(text="")
        if located is not None:
            located[article_id] = name
        articles.append(article)
        if files is not None:  # a file without a signature (a link) too, so the next build still knows its article's rows
            files.append(previous if unchanged else KnownFile(name, *(signature or (-1, -1)), digest, "; ".join(dropped), article))
    return articles, rejected

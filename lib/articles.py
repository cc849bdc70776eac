"""Reading a corpus folder into articles, and refusing bad files with a reason.

An article is a UTF-8 ``.txt`` file, optionally opening with a front-matter
header::

    ---
    title: ...
    url: ...
    outlet: ...
    published: YYYY-MM-DD
    ---

``article_id`` is the file name without its extension. Metadata can also come
from a ``manifest.csv`` beside the articles (how the seeds, which have no
header, get theirs; its values are marked as inferred there).

Bad input never stops a build: an empty, binary, non-UTF-8, oversized or
duplicate file becomes a :class:`Rejection` with its reason and the rest of the
corpus is read as usual.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import os
import re
from datetime import date
from pathlib import Path
from typing import Iterable, NamedTuple
from urllib.parse import urlsplit

MAX_BYTES = 2_000_000  # news articles are tens of kB; anything this large is not one
MANIFEST = "manifest.csv"
FRONT_MATTER_KEYS = ("title", "url", "outlet", "published")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<header>(?:.*\n)*?)---[ \t]*(?:\n|\Z)")


class Article(NamedTuple):
    article_id: str
    title: str
    outlet: str
    url: str
    published: str  # YYYY-MM-DD or ''
    metadata_source: str  # front_matter, manifest or none
    sha256: str
    n_chars: int
    text: str


class Rejection(NamedTuple):
    path: str
    reason: str


def parse_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Split an optional ``---`` header from the body; unknown keys are ignored."""
    match = _FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    meta = {}
    for line in match.group("header").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in FRONT_MATTER_KEYS:
            meta[key.strip().lower()] = value.strip()
    return meta, raw[match.end():]


def web_url(value: str) -> str:
    """``value`` if it is a web address; '' for anything else ("javascript:...", "file:...")."""
    parts = urlsplit(value)
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def _valid_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat() if value else ""
    except ValueError:
        return ""


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["article_id"]: row for row in csv.DictReader(fh)}


def decode_text(data: bytes, limit: int = MAX_BYTES) -> str:
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


def decode_article(article_id: str, data: bytes, manifest_row: dict[str, str] | None = None) -> Article:
    """Bytes of one file -> :class:`Article`; raises ValueError with a reason for bad input."""
    meta, body = parse_front_matter(decode_text(data))
    body = body.lstrip("\n")
    if not body.strip():
        raise ValueError("no article text after the header")
    source = "front_matter" if meta else "none"
    if not meta and manifest_row:
        meta, source = manifest_row, "manifest"
    first_line = body.strip().split("\n", 1)[0]
    return Article(
        article_id=article_id,
        title=meta.get("title") or first_line[:120],
        outlet=meta.get("outlet", ""),
        url=web_url(meta.get("url", "")),
        published=_valid_date(meta.get("published", "")),
        metadata_source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        n_chars=len(body),
        text=body,
    )


def article_paths(folders: Iterable[Path]) -> tuple[list[Path], list[Rejection]]:
    """The ``.txt`` files of the folders (sorted), and any other files as rejections."""
    paths, skipped = [], []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            skipped.append(Rejection(str(folder), "not a folder"))
            continue
        with os.scandir(folder) as entries:  # scandir knows directories without a stat per file
            names = sorted(e.name for e in entries if not e.is_dir() and e.name != MANIFEST and not e.name.startswith("."))
        for name in names:
            if name.lower().endswith(".txt"):
                paths.append(folder / name)
            else:
                skipped.append(Rejection(str(folder / name), "not a .txt article"))
    return paths, skipped


def read_corpus(folders: Iterable[Path]) -> tuple[list[Article], list[Rejection]]:
    """Every readable article in the folders, and every file refused with its reason."""
    folders = [Path(f) for f in folders]
    paths, rejected = article_paths(folders)
    manifests = {folder: read_manifest(folder) for folder in folders if folder.is_dir()}
    articles: list[Article] = []
    seen_ids: dict[str, str] = {}
    seen_hashes: dict[str, str] = {}
    for path in paths:
        article_id = path.stem
        if article_id in seen_ids:
            rejected.append(Rejection(str(path), f"duplicate article_id {article_id!r} (already read from {seen_ids[article_id]})"))
            continue
        try:
            data = path.read_bytes()
            article = decode_article(article_id, data, manifests.get(path.parent, {}).get(article_id))
        except (OSError, ValueError) as exc:
            rejected.append(Rejection(str(path), str(exc)))
            continue
        digest = body_hash(article.text)
        if digest in seen_hashes:
            rejected.append(Rejection(str(path), f"duplicate of article {seen_hashes[digest]!r} (same text)"))
            continue
        seen_ids[article_id] = str(path)
        seen_hashes[digest] = article_id
        articles.append(article)
    return articles, rejected

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
file, before any is read, kept as columns) and passes what it read last time (:func:`list_corpus`'s
``known``, a table): a regular file whose size and modification time are unchanged, in a folder whose
``manifest.csv`` is unchanged, is taken from there without being opened or hashed, the
listing compared with that table in bulk rather than file by file. A file is looked at before it is read (:func:`read_file`):
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
from types import SimpleNamespace
from typing import Iterable, NamedTuple
from urllib.parse import urlsplit

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

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


class Listing(NamedTuple):
    """The entries of one corpus folder as :func:`scan` looked at them, sorted by name, in columns: one look per entry
    (two for a link), no object per entry, as a corpus of 100,000 files needs."""

    names: list[str]
    is_dir: np.ndarray  # bool: a folder, or a link to one (never an article)
    size: np.ndarray  # int64: size of what the entry is (a link: its target's); -1 when looking failed
    mtime_ns: np.ndarray  # int64: its modification time, the same way
    regular: np.ndarray  # bool: a regular file that is not a link, whose (size, mtime_ns) is its signature (:func:`file_signature`)
    errors: dict[str, str]  # name -> the name of the error looking at it gave (a link loop, a dangling link, no permission)


FILE_TYPE = 0o170000  # the bits of st_mode saying what an entry is (what stat.S_IFMT keeps)
NOT_LOOKED_AT = SimpleNamespace(st_mode=0, st_size=-1, st_mtime_ns=-1)  # an entry whose look failed: no kind, no signature


def _looked(names: list[str], fd: int) -> Listing:
    """:class:`Listing` of the entries ``names`` of the folder open as ``fd``."""
    errors: dict[str, str] = {}
    try:
        found = [os.lstat(name, dir_fd=fd) for name in names]
    except OSError:  # an entry gone since the folder was listed, or one that cannot be looked at: one by one
        found = []
        for name in names:
            try:
                found.append(os.lstat(name, dir_fd=fd))
            except OSError as exc:
                errors[name] = type(exc).__name__
                found.append(NOT_LOOKED_AT)
    n = len(found)
    kind = np.fromiter((info.st_mode for info in found), np.int64, n) & FILE_TYPE
    size = np.fromiter((info.st_size for info in found), np.int64, n)
    mtime = np.fromiter((info.st_mtime_ns for info in found), np.int64, n)
    regular, is_dir = kind == stat.S_IFREG, kind == stat.S_IFDIR
    for i in np.flatnonzero(kind == stat.S_IFLNK):  # a link: what it points to (never a signature: a link is read every build)
        try:
            target = os.stat(names[i], dir_fd=fd)
            is_dir[i], size[i], mtime[i] = stat.S_ISDIR(target.st_mode), target.st_size, target.st_mtime_ns
        except OSError as exc:
            errors[names[i]], size[i], mtime[i] = type(exc).__name__, -1, -1
    return Listing(names, is_dir, size, mtime, regular, errors)


def scan(folders: Iterable[Path]) -> list[tuple[Path, Listing | OSError]]:
    """Every entry of each folder (:class:`Listing`), or the error listing the folder gave.

    The one look a build takes at its corpus: the fingerprint
    (:func:`lib.store.corpus_fingerprint`), the list of articles and each
    file's signature all come from it, so each file is looked at once, and
    the listing is taken before any file is read.
    """
    scanned = []
    for folder in folders:
        folder = Path(folder)
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            try:
                scanned.append((folder, _looked(sorted(os.listdir(fd)), fd)))
            finally:
                os.close(fd)
        except OSError as exc:  # missing, not a folder, unreadable, a link loop
            scanned.append((folder, exc))
    return scanned


class Candidates(NamedTuple):
    """The ``.txt`` entries of a :func:`scan`, in corpus order, in columns: each one's path, folder, and what looking gave."""

    paths: list[str]
    folder: np.ndarray  # int: the place of its folder in the scan
    size: np.ndarray
    mtime_ns: np.ndarray
    regular: np.ndarray


def _article_files(scanned: list[tuple[Path, Listing | OSError]]) -> tuple[Candidates, list[Rejection]]:
    """The ``.txt`` articles of a :func:`scan` (:class:`Candidates`), and every other entry or unlistable folder as a rejection."""
    paths, folder_of, taken, skipped = [], [], [], []
    for place, (folder, listing) in enumerate(scanned):
        if isinstance(listing, OSError):
            skipped.append(Rejection(str(folder), "not a folder" if isinstance(listing, (FileNotFoundError, NotADirectoryError)) else f"cannot be listed: {listing.strerror or listing}"))
            continue
        prefix = folder_prefix(folder)  # str(folder / name), without a Path per file (100,000 of them cost a second)
        # What each entry is, told from its name in Arrow, all at once: a Python test per name took a tenth of a second.
        names = pa.array(listing.names, pa.string())
        looked = (~listing.is_dir) & ~pc.or_(pc.equal(names, MANIFEST), pc.starts_with(names, ".")).to_numpy(zero_copy_only=False)
        article = looked & pc.ends_with(pc.utf8_lower(names), ".txt").to_numpy(zero_copy_only=False)
        for i in np.flatnonzero(looked & ~article).tolist():
            name = listing.names[i]
            skipped.append(Rejection(prefix + name, SIDE_FILE if name.lower().endswith(SIDE_FILES) else "not a .txt article"))
        where = np.flatnonzero(article)
        paths += [prefix + listing.names[i] for i in where.tolist()]
        folder_of.append(np.full(len(where), place))
        taken.append((listing, where))

    def column(name: str, dtype) -> np.ndarray:
        return np.concatenate([getattr(listing, name)[where] for listing, where in taken]) if taken else np.zeros(0, dtype=dtype)

    folder = np.concatenate(folder_of) if folder_of else np.zeros(0, dtype=np.int64)
    return Candidates(paths, folder, column("size", np.int64), column("mtime_ns", np.int64), column("regular", bool)), skipped


def article_paths(folders: Iterable[Path]) -> tuple[list[Path], list[Rejection]]:
    """The ``.txt`` entries of the folders (sorted), and every other entry or unlistable folder as a rejection."""
    files, skipped = _article_files(scan(folders))
    return [Path(path) for path in files.paths], skipped


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


# A corpus as listed, one row per article read (its text aside): the file it was read from, its signature then
# (size, mtime_ns: -1 for a link, never taken as unchanged), its body_hash and the metadata dropped, and the article's
# fields but its text. What a build records (lib.store.FILES) and the next one compares its listing with, as columns.
ARTICLE_FIELDS = [f for f in Article._fields if f != "text"]
LISTED_COLUMNS = ["path", "size", "mtime_ns", "body_sha256", "dropped", *ARTICLE_FIELDS]
LISTED_TYPES = pa.schema([(c, pa.int64() if c in ("size", "mtime_ns", "n_chars") else pa.string()) for c in LISTED_COLUMNS])


class Corpus(NamedTuple):
    """What :func:`list_corpus` found: the articles (:data:`LISTED_COLUMNS`, in corpus order), the folders' manifests
    (the same columns, no article: path, size and mtime_ns), the files refused, the metadata dropped, and the texts read."""

    articles: pa.Table
    manifests: pa.Table
    rejected: list[Rejection]
    notes: list[Rejection]  # per article read: what was dropped or cut of its metadata
    texts: dict[str, str]  # article_id -> text, of the articles read this time (all of them without ``known``)


NO_ARTICLE = Article(*([""] * len(Article._fields)))._replace(n_chars=0)  # a manifest's row: no article


def _fields(article: Article) -> tuple:
    return tuple(getattr(article, f) for f in ARTICLE_FIELDS)


def _listed(rows: list[tuple]) -> pa.Table:
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(zip(*rows), LISTED_TYPES)] if rows else LISTED_TYPES.empty_table().columns, schema=LISTED_TYPES)


def _column(table: pa.Table, name: str) -> np.ndarray:
    return table[name].to_numpy()


def folder_prefix(folder: Path | str) -> str:
    """What the paths of a folder's entries start with: ``str(folder / name)`` is this and the name."""
    return str(Path(folder) / "_")[:-1]


def moved(known: pa.Table, before: list[str], now: Iterable[Path]) -> pa.Table:
    """``known`` (a read's :data:`LISTED_COLUMNS`) with the paths under each folder of ``before`` that is not among ``now``
    moved under the folder at its place in ``now``, when that one is new and the two list as many folders: a corpus
    folder moved or copied elsewhere keeps its files' signatures (their size and modification time, which a move
    keeps), so its files are not read and hashed again. A folder still listed keeps its own files whatever its place
    (two folders of one name reordered are not swapped), and so does one whose articles' ``source`` would change with it
    (:func:`source_of`: its name, seeds, the uploads): its rows would keep the old one."""
    now = list(now)
    if len(before) != len(now):
        return known
    olds, news = [folder_prefix(f) for f in before], [folder_prefix(f) for f in now]
    pairs = [(old, new) for old, new, was, is_now in zip(olds, news, before, now)
             if old not in news and new not in olds and source_of(Path(was)) == source_of(Path(is_now))]
    if not pairs:
        return known
    paths = moved_paths = known["path"]
    for old, new in pairs:
        name = pc.utf8_slice_codeunits(paths, len(old))
        under = pc.and_(pc.starts_with(paths, old), pc.invert(pc.match_substring(name, os.sep)))  # its own files, not a folder's within it
        moved_paths = pc.if_else(under, pc.binary_join_element_wise(new, name, ""), moved_paths)
    return known.set_column(known.schema.get_field_index("path"), "path", moved_paths)


def list_corpus(
    folders: Iterable[Path], *, known: pa.Table | None = None, scanned: list[tuple[Path, Listing | OSError]] | None = None, texts: bool = False,
) -> Corpus:
    """Every readable article in the folders, as columns, and every file refused with its reason.

    ``known`` is what a previous read recorded (:data:`LISTED_COLUMNS`, its
    manifests' rows with an empty ``article_id``): a file whose signature is
    the one recorded, in a folder whose ``manifest.csv`` is unchanged, is
    taken from there without being opened or hashed, the corpus compared
    with it in bulk (no object per file). ``texts`` keeps the texts read
    (else each is dropped once hashed: :func:`with_text` reads it again).
    ``scanned`` is the folders' :func:`scan` when the caller took it already
    (the build does, for its fingerprint).
    """
    folders = [Path(f) for f in folders]
    scanned = scan(folders) if scanned is None else scanned
    listed, rejected = _article_files(scanned)
    roots = corpus_roots(folders)
    known = _listed([]) if known is None else known
    manifests, same_manifest = [], []
    for place, (folder, listing) in enumerate(scanned):
        if isinstance(listing, OSError):
            continue
        manifest, signature = folder / MANIFEST, file_signature(folder / MANIFEST)
        before = known.filter(pc.equal(known["path"], str(manifest)))
        if signature == ((before["size"][0].as_py(), before["mtime_ns"][0].as_py()) if len(before) else None):
            same_manifest.append(place)  # a folder's articles are reused only if its manifest (their metadata) is as it was
        if signature is not None:
            manifests.append((str(manifest), *signature, "", "", *_fields(NO_ARTICLE)))
    manifests = _listed(manifests)
    # Compared in bulk: each file's row in ``known`` (by path), and whether its signature and folder manifest are unchanged.
    at = pc.index_in(pa.array(listed.paths, pa.string()), value_set=known["path"]).fill_null(-1).to_numpy(zero_copy_only=False)
    size, mtime, regular, row = listed.size, listed.mtime_ns, listed.regular, np.maximum(at, 0)
    unchanged = (
        (at >= 0) & regular & np.isin(listed.folder, same_manifest)
        & (_column(known, "size")[row] == size) & (_column(known, "mtime_ns")[row] == mtime)
        & pc.not_equal(known["article_id"], "").to_numpy(zero_copy_only=False)[row]
    ) if len(known) else np.zeros(len(at), dtype=bool)
    csv_rows = {folder: read_manifest(folder) for folder in folders if folder.is_dir()}
    sources = {folder: source_of(folder) for folder in folders}
    read, read_at, failed, kept_texts = [], [], {}, {}
    for place in np.flatnonzero(~unchanged).tolist():
        folder, name = scanned[listed.folder[place]][0], listed.paths[place]
        article_id, dropped = name[name.rindex("/") + 1:-4], []  # the file name without ".txt"
        try:
            data = read_file(Path(name), roots)
            article = decode_article(article_id, data, csv_rows.get(folder, {}).get(article_id), dropped=dropped, source=sources[folder])
        except ValueError as exc:
            failed[place] = Rejection(name, str(exc))
            continue
        signature = (int(size[place]), int(mtime[place])) if regular[place] else (-1, -1)
        read.append((name, *signature, body_hash(article.text), "; ".join(dropped), *_fields(article)))
        read_at.append(place)
        if texts:
            kept_texts[place] = article.text
    # The articles in corpus order: those taken from ``known`` and those read now, put back in their places.
    taken = np.flatnonzero(unchanged)
    found = pa.concat_tables([known.select(LISTED_COLUMNS).take(pa.array(at[taken])).cast(LISTED_TYPES), _listed(read)])
    places = np.concatenate([taken, np.array(read_at, dtype=np.int64)])
    order = np.argsort(places, kind="stable")
    found, places = found.take(pa.array(order)), places[order]
    # The first file of an id, and the first of a text, is the article; a later one is refused (in corpus order, as read).
    ids, digests = found["article_id"].to_pylist(), found["body_sha256"].to_pylist()
    keep = np.ones(len(found), dtype=bool)
    if len(set(ids)) < len(ids) or len(set(digests)) < len(digests):
        seen_ids, seen_hashes = {}, {}
        for i, (article_id, digest, name) in enumerate(zip(ids, digests, found["path"].to_pylist())):
            if article_id in seen_ids:
                failed[places[i]], keep[i] = Rejection(name, f"duplicate article_id {article_id!r} (already read from {seen_ids[article_id]})"), False
            elif digest in seen_hashes:
                failed[places[i]], keep[i] = Rejection(name, f"duplicate of article {seen_hashes[digest]!r} (same text)"), False
            else:
                seen_ids[article_id], seen_hashes[digest] = name, article_id
    found, places = found.filter(pa.array(keep)), places[keep]
    rejected += [failed[place] for place in sorted(failed)]
    dropped = found.filter(pc.not_equal(found["dropped"], ""))
    notes = [Rejection(*pair) for pair in zip(dropped["path"].to_pylist(), dropped["dropped"].to_pylist())]
    articles_read = {article_id: kept_texts[place] for article_id, place in zip(found["article_id"].to_pylist(), places.tolist()) if place in kept_texts}
    return Corpus(found, manifests, rejected, notes, articles_read)


def articles_of(table: pa.Table, texts: dict[str, str] | None = None) -> list[Article]:
    """The rows of a :data:`LISTED_COLUMNS` table as :class:`Article` objects, each with its text from ``texts`` ('' when absent)."""
    texts = texts or {}
    return [Article(**row, text=texts.get(row["article_id"], "")) for row in table.select(ARTICLE_FIELDS).to_pylist()]


def read_corpus(folders: Iterable[Path], *, notes: list[Rejection] | None = None) -> tuple[list[Article], list[Rejection]]:
    """Every readable article in the folders, with its text (:func:`list_corpus`), and every file refused with its reason.

    ``notes``, when given, collects what was dropped or cut from the metadata of
    articles that were read (a far-off date, a megabyte title), one per file.
    """
    corpus = list_corpus(folders, texts=True)
    if notes is not None:
        notes.extend(corpus.notes)
    return articles_of(corpus.articles, corpus.texts), corpus.rejected

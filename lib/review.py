"""Reviewers' corrections: stable row identity, a corrections store in a real database, and applying it to a build.

Pure (no Streamlit): the build applies the store (:func:`apply`), the
dashboard's Review page writes to it, ``lib.evaluate --reviewed`` scores the
extractor from it.

**Row identity.** :func:`row_ids` gives every extracted row a ``row_id``
from its article's ``sha256``, the table, its span and the fields that tell
rows on one span apart (:data:`ROW_KEY`), so the id survives any rebuild
while the article file is unchanged, and changes when it is edited.

**The store.** One table, ``corrections``, an append-only audit log in
SQLite (``<data folder>/review.sqlite``, WAL mode) or, with
``VENEZUELA_DATABASE_URL=postgresql+psycopg://…``, a newsroom's shared
PostgreSQL, through SQLAlchemy Core. Each correction records the row (or, for
an added fact, the article span), the fields it changed with old and new
values, the reviewer, the time, the reason, and the article's sha256 it was
made against. A row's state is its corrections folded in version order;
undo is one more correction (back to the state before the last one), so
nothing is ever deleted.

**Concurrency.** A correction states the version of the row it saw; the
store refuses it (:class:`StaleVersion`, carrying the row's history) when
another reviewer got there first. The check is a unique (row_id, version)
constraint, so it holds across processes and on both databases.

**Applying.** :func:`apply` folds every row's corrections into the extracted
tables: rejected rows leave the reviewed tables, corrected ones take their
new values, added ones join them. A correction made against another version
of its article (or whose row the extractor no longer finds) is *orphaned*:
never applied to the wrong text, listed in the build report for re-review.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from lib import lexicon, paths, schema

DATABASE_ENV = "VENEZUELA_DATABASE_URL"
SQLITE_NAME = "review.sqlite"
# Which fields tell apart the rows one table may have on one span (besides an occurrence count for exact twins).
ROW_KEY = {
    "positions": ("actor_code",),
    "results": ("kind", "value", "mention"),
    "crackdown": ("kind", "value", "mention"),
    "quotes": ("quote",),
    "events": ("event",),
}
# What a reviewer may change, where the table has the column (other helpers' columns count when they exist).
EDITABLE = ("stance", "kind", "value", "qualifier", "claimed_by", "claimant", "candidate", "contest", "subject", "speaker", "speaker_country")
ACTIONS = {"confirm": "confirmed", "reject": "rejected", "edit": "corrected", "add": "added", "undo": None}
ADDABLE = ("positions", "results", "crackdown", "quotes")
ADDED_CONFIDENCE = 1.0  # a fact a reviewer read in the text and added

# The corrections table's columns; the table itself is declared with SQLAlchemy when a store is first used (:func:`_sql`).
COLUMNS = ["id", "row_id", "version", "table_name", "article_id", "article_sha256", "span_start", "span_end", "action", "status",
           "changes", "reviewer", "made_at", "reason"]


@cache
def _sql():
    """SQLAlchemy, the store's metadata and its ``corrections`` table, imported and declared on first use.

    A build whose data folder has no store (most builds: the SQLite file is
    made by the first correction) never needs them, and importing SQLAlchemy
    was the largest import of a 10-article rebuild (0.9 s).
    """
    import sqlalchemy as sa

    metadata = sa.MetaData()
    table = sa.Table(
        "corrections", metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("row_id", sa.String(120), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),  # the row's version this correction makes (1 = first)
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("article_id", sa.String(300), nullable=False),
        sa.Column("article_sha256", sa.String(64), nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),  # the row's review_status after this correction
        sa.Column("changes", sa.Text, nullable=False),  # JSON: {field: [old, new]}
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("made_at", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.UniqueConstraint("row_id", "version", name="one_correction_per_version"),
    )
    assert [c.name for c in table.columns] == COLUMNS
    return sa, metadata, table


def __getattr__(name: str):
    """``metadata`` and ``CORRECTIONS`` (the store's SQLAlchemy declarations), made when first asked for (:func:`_sql`)."""
    if name in ("metadata", "CORRECTIONS"):
        return _sql()[1 if name == "metadata" else 2]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class StaleVersion(RuntimeError):
    """Another reviewer corrected the row since this one looked at it: nothing was written."""

    def __init__(self, row_id: str, seen: int, history: pd.DataFrame):
        super().__init__(f"row {row_id} is at version {len(history)}, not {seen}: another reviewer changed it meanwhile")
        self.row_id, self.seen, self.history = row_id, seen, history


# ---------------------------------------------------------------- row identity


def row_ids(table: str, frame: pd.DataFrame, sha256: dict[str, str]) -> pd.Series:
    """The stable ``row_id`` of every row of an extracted ``table`` frame, given article_id -> sha256."""
    if frame.empty:
        return pd.Series([], dtype="string", index=frame.index)
    parts = [frame["article_id"].map(sha256).fillna(""), frame["start"].astype(str), frame["end"].astype(str)]
    parts += [frame[column].astype(str) for column in ROW_KEY[table]]
    keys = parts[0].str.cat(parts[1:], sep="\x1f")
    twin = keys.groupby(keys).cumcount()  # exact twins (one figure written twice in a sentence) stay distinct
    keys = keys.where(twin == 0, keys + "\x1f" + twin.astype(str))
    return pd.Series([f"{table}-{_digest(table, k)}" for k in keys], index=frame.index, dtype="string")


def _digest(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def added_row_id(table: str, sha256: str, start: int, end: int, reviewer: str, made_at: str) -> str:
    """The id of a fact a reviewer adds: its article version, span and who added it when (two adds never collide)."""
    return f"{table}-added-{_digest(table, sha256, start, end, reviewer, made_at)}"


def editable(table: str) -> list[str]:
    """The fields of ``table`` a reviewer may change."""
    return [c for c in EDITABLE if c in schema.TABLES[table].column_names]


# ---------------------------------------------------------------- the store


def database_url(out: Path | None = None) -> str:
    """``$VENEZUELA_DATABASE_URL``, else the SQLite file in the data folder."""
    return os.environ.get(DATABASE_ENV) or f"sqlite:///{(out or paths.data_folder()) / SQLITE_NAME}"


# A SQLite URL whose path has only these characters reads the same to SQLAlchemy (no quoting, no password, no query):
# what database_url makes of an ordinary data folder, understood without importing SQLAlchemy.
_PLAIN_SQLITE = re.compile(r"sqlite:///(?P<path>[\w/. +-]*)", re.ASCII)


def shown_url(url: str) -> str:
    """The URL without its password, for reports and pages."""
    if _PLAIN_SQLITE.fullmatch(url):  # a file's path: nothing to hide, and SQLAlchemy would write it as it is
        return url
    return _sql()[0].engine.make_url(url).render_as_string(hide_password=True)


def _no_store(url: str) -> bool:
    """Whether ``url`` is a SQLite store whose file does not exist yet (made by the first correction, not by a look)."""
    if not url.startswith("sqlite"):
        return False
    plain = _PLAIN_SQLITE.fullmatch(url)
    return not Path(plain["path"] if plain else _sql()[0].engine.make_url(url).database).exists()


_ENGINES: dict = {}
_ENGINES_LOCK = threading.Lock()  # the dashboard's sessions are threads: one engine (and one CREATE TABLE) per URL


def _engine(url: str):
    with _ENGINES_LOCK:
        if url not in _ENGINES:
            _ENGINES[url] = _connect(url)
        return _ENGINES[url]


def _connect(url: str):
    sa, metadata, _ = _sql()
    if url.startswith("sqlite"):
        Path(sa.engine.make_url(url).database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            dbapi_connection.isolation_level = None  # transactions are begun below, not by the driver
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for a reviewer's write
            cursor.execute("PRAGMA synchronous=FULL")  # a committed correction is on disk before commit returns
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(connection):
            # IMMEDIATE: a writer takes the write lock up front, so two reviewers queue instead of one failing mid-way.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        engine = sa.create_engine(url, pool_pre_ping=True)
    try:
        metadata.create_all(engine)
    except (sa.exc.ProgrammingError, sa.exc.IntegrityError):  # another process created the table between check and CREATE
        metadata.create_all(engine)
    return engine


def latest_id(url: str) -> int:
    """The id of the newest correction (0 for none): what the build report records and staleness compares.

    A SQLite store that does not exist yet is not created just to say so.
    """
    if _no_store(url):
        return 0
    sa, _, CORRECTIONS = _sql()
    with _engine(url).connect() as connection:
        return int(connection.execute(sa.select(sa.func.max(CORRECTIONS.c.id))).scalar() or 0)


def corrections(url: str, row_id: str | None = None) -> pd.DataFrame:
    """The audit log (one row's, with ``row_id``), oldest first; ``changes`` decoded."""
    if _no_store(url):
        return pd.DataFrame(columns=COLUMNS)
    sa, _, CORRECTIONS = _sql()
    query = sa.select(CORRECTIONS).order_by(CORRECTIONS.c.id)
    if row_id is not None:
        query = query.where(CORRECTIONS.c.row_id == row_id)
    with _engine(url).connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all(), columns=COLUMNS)
    frame["changes"] = frame["changes"].map(json.loads)
    return frame


class Target(NamedTuple):
    """The row a correction is about, as the reviewer saw it."""

    table: str
    row_id: str
    article_id: str
    sha256: str
    start: int
    end: int
    values: dict  # the row's current values of the editable fields (and, for an add, every field)


def record(
    url: str, target: Target, action: str, *, reviewer: str, reason: str = "", seen_version: int, new: dict | None = None,
) -> dict:
    """Write one correction; returns it. Raises StaleVersion when the row is no longer at ``seen_version``, ValueError for a bad one."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}: one of {', '.join(ACTIONS)}")
    if not reviewer.strip():
        raise ValueError("a correction needs a reviewer's name")
    new = dict(new or {})
    history = corrections(url, target.row_id) if action == "undo" else None
    if action == "undo":
        if history is None or history.empty:
            raise ValueError("nothing to undo")
        state = fold(history.iloc[:-1])
        last = history.iloc[-1]
        changes = {field: [pair[1], state["values"].get(field, pair[0])] for field, pair in last["changes"].items()}
        status = state["status"] or "unreviewed"
    else:
        fields = set(editable(target.table)) if action != "add" else set(new)
        unknown = set(new) - fields
        if unknown:
            raise ValueError(f"{target.table}: {sorted(unknown)} cannot be changed")
        changes = {f: [target.values.get(f), v] for f, v in new.items() if action == "add" or _differs(target.values.get(f), v)}
        if action == "edit" and not changes:
            raise ValueError("the edit changes nothing")
        check_values(target.table, {**target.values, **{f: v for f, (_, v) in changes.items()}})
        status = ACTIONS[action]
        if action == "edit" and target.row_id.startswith(f"{target.table}-added-"):
            status = "added"  # an added fact edited is still one the extractor missed
    made_at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    row = {
        "row_id": target.row_id, "version": seen_version + 1, "table_name": target.table, "article_id": target.article_id,
        "article_sha256": target.sha256, "span_start": int(target.start), "span_end": int(target.end), "action": action,
        "status": status, "changes": json.dumps(_plain(changes), ensure_ascii=False), "reviewer": reviewer.strip(),
        "made_at": made_at, "reason": reason.strip(),
    }
    stale = False
    sa, _, CORRECTIONS = _sql()
    try:
        with _engine(url).begin() as connection:
            current = connection.execute(sa.select(sa.func.count()).where(CORRECTIONS.c.row_id == target.row_id)).scalar()
            stale = current != seen_version
            if not stale:
                row["id"] = connection.execute(CORRECTIONS.insert().values(**row)).inserted_primary_key[0]
    except sa.exc.IntegrityError:  # the unique (row_id, version): another commit raced this one between count and insert
        stale = True
    if stale:
        raise StaleVersion(target.row_id, seen_version, corrections(url, target.row_id))
    return {**row, "changes": changes}


def add_fact(url: str, table: str, article: dict, start: int, end: int, values: dict, *, reviewer: str, reason: str = "") -> dict:
    """Record a fact the extractor missed, on the sentence ``article['text'][start:end]``; returns the correction."""
    if table not in ADDABLE:
        raise ValueError(f"facts cannot be added to {table}")
    values = {k: v for k, v in values.items() if v is not None}
    row = _added_row(table, article["article_id"], article["text"], start, end, values)
    check_values(table, row)
    made_at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    target = Target(table, added_row_id(table, article["sha256"], start, end, reviewer, made_at), article["article_id"], article["sha256"], start, end, {})
    return record(url, target, "add", reviewer=reviewer, reason=reason, seen_version=0, new=values)


def check_values(table: str, values: dict) -> None:
    """ValueError when values break the table's declaration (an unknown stance, a value that is not a number)."""
    columns = {c.name: c for c in schema.TABLES[table].columns}
    for field, value in values.items():
        column = columns.get(field)
        if column is None:
            continue
        if column.enum is not None and value not in column.enum:
            raise ValueError(f"{field}: {value!r} is not one of {', '.join(v or '(empty)' for v in column.enum)}")
        if column.type == "number":
            try:
                float(value)
            except (TypeError, ValueError):
                raise ValueError(f"{field}: {value!r} is not a number") from None
        if column.required and column.type == "string" and not str(value or "").strip():
            raise ValueError(f"{field} may not be empty")


def _differs(old, new) -> bool:
    try:
        return float(old) != float(new)
    except (TypeError, ValueError):
        return str(old) != str(new)


def _plain(value):
    """JSON-ready: NumPy and pandas scalars as Python ones."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return None if value is pd.NA else value


def fold(history: pd.DataFrame) -> dict:
    """A row's state after its corrections, in order: ``status`` (None when there are none), changed ``values``, ``version``."""
    values, status = {}, None
    for changes, state in zip(history["changes"], history["status"]):
        values.update({field: pair[1] for field, pair in changes.items()})
        status = state
    return {"status": status, "values": values, "version": len(history)}


# ---------------------------------------------------------------- applying to a build


class Applied(NamedTuple):
    reviewed: dict[str, pd.DataFrame]  # fact tables as reviewers left them: rejected rows out, corrections in, added rows in
    extracted: dict[str, pd.DataFrame]  # the extractor's rows, each with its review_status
    orphaned: list[dict]  # one per row whose corrections cannot be applied, with the reason
    applied: int  # rows whose corrections were applied


def _added_row(table: str, article_id: str, text: str, start: int, end: int, values: dict) -> dict:
    """The full row of an added fact: the reviewer's values, the evidence from the text, derived names, confidence 1."""
    row = {"article_id": article_id, **values, "start": start, "end": end, "review_status": "added"}
    if table == "quotes":
        quote = str(values.get("quote", ""))
        at = text.find(quote, start, end) if quote else -1
        if at < 0:
            raise ValueError("the quoted words must be part of the chosen sentence")
        row.update(start=at, end=at + len(quote), sentence_start=start, sentence_end=end)
    else:
        row["evidence"] = text[start:end]
    if table == "positions":
        code = str(values.get("actor_code", "")).upper()
        row.update(actor_code=code, actor_name=values.get("actor_name") or lexicon.actor_name(code), actor_type=values.get("actor_type") or lexicon.actor_type(code))
        row.setdefault("cue", "added by a reviewer")
    if table in ("results", "crackdown"):
        row.setdefault("mention", str(values.get("value", "")))
        row.setdefault("claimed_by", "article")
    if "confidence" in schema.TABLES[table].column_names:
        row["confidence"] = ADDED_CONFIDENCE
    return row


def apply(tables: dict[str, pd.DataFrame], history: pd.DataFrame) -> Applied:
    """Fold the corrections into the extracted fact tables of a build (``tables`` holds ``articles`` too)."""
    articles = tables["articles"]
    sha = dict(zip(articles["article_id"], articles["sha256"]))
    texts = dict(zip(articles["article_id"], articles["text"]))
    reviewed = {name: tables[name].copy() for name in schema.FACT_TABLES}
    extracted = {name: tables[name].copy() for name in schema.FACT_TABLES}
    orphaned, applied, added = [], 0, {name: [] for name in schema.FACT_TABLES}
    for row_id, rows in history.groupby("row_id", sort=False):
        first, last = rows.iloc[0], rows.iloc[-1]
        name, state = first["table_name"], fold(rows)
        orphan = dict(row_id=row_id, table=name, article_id=first["article_id"], status=state["status"], corrections=len(rows),
                      last_id=int(last["id"]), reviewer=last["reviewer"], changes=json.dumps(_plain(state["values"]), ensure_ascii=False))
        if sha.get(first["article_id"]) is None:
            orphaned.append({**orphan, "reason": "the article is no longer in the corpus"})
            continue
        if sha[first["article_id"]] != last["article_sha256"]:
            orphaned.append({**orphan, "reason": "the article changed since the correction was made"})
            continue
        if first["action"] == "add":
            if state["status"] != "rejected":
                try:
                    added[name].append({**_added_row(name, first["article_id"], texts[first["article_id"]], int(first["span_start"]), int(first["span_end"]), state["values"]), "row_id": row_id})
                except ValueError as exc:
                    orphaned.append({**orphan, "reason": f"the added fact no longer fits its sentence ({exc})"})
                    continue
            applied += 1
            continue
        at = np.flatnonzero((extracted[name]["row_id"] == row_id).to_numpy(dtype=bool))
        if not len(at):
            orphaned.append({**orphan, "reason": "the extractor no longer finds this row"})
            continue
        applied += 1
        status = state["status"]
        extracted[name].iloc[at[0], extracted[name].columns.get_loc("review_status")] = status
        reviewed[name].iloc[at[0], reviewed[name].columns.get_loc("review_status")] = status
        for field, value in state["values"].items():
            reviewed[name].iloc[at[0], reviewed[name].columns.get_loc(field)] = value
    position = {article_id: i for i, article_id in enumerate(articles["article_id"])}
    for name in schema.FACT_TABLES:
        frame = reviewed[name][reviewed[name]["review_status"] != "rejected"]
        if added[name]:
            new = schema.TABLES[name].frame(added[name])
            if schema.TABLES[name].primary_key:  # an added fact the extractor also found: the extracted row stays
                key = list(schema.TABLES[name].primary_key)
                clash = new.set_index(key).index.isin(frame.set_index(key).index)
                orphaned += [{"row_id": r, "table": name, "article_id": a, "status": "added", "corrections": 1, "last_id": 0, "reviewer": "",
                              "changes": "", "reason": "an extracted row already has this key"} for r, a in zip(new["row_id"][clash], new["article_id"][clash])]
                new = new[~clash]
            frame = pd.concat([frame, new], ignore_index=True)
            # Tables are in corpus order (the build's parts are slices of it): an added row joins its article's rows.
            frame = frame.iloc[np.argsort(frame["article_id"].map(position).to_numpy(), kind="stable")]
        reviewed[name] = schema.validate(schema.TABLES[name], frame, texts)
    return Applied(reviewed, extracted, orphaned, applied)

"""Streamlit helpers shared by the router and the pages (not a page: st.navigation lists the pages).

Everything that draws something reused on several pages lives here: the
build-on-demand step with its progress, the shared sidebar filters (bound to
the URL so they survive page switches and can be shared), CSV downloads that
say how many rows they hold, and text blocks that never interpret article
text as HTML or Markdown.
"""
from __future__ import annotations

import html
import re
from datetime import date
from typing import Callable

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from lib import build, export, paths, store
from app import auth, cached, selection, style
from app.geo import PLOTLY_CONFIG

URL = "query-params"  # every filter widget is bound to the URL under its key
PAGES = [  # (script, title, icon, url path); st.navigation is built from this list
    ("app_pages/overview.py", "Overview", ":material/dashboard:", "overview"),
    ("app_pages/results.py", "Results", ":material/how_to_vote:", "results"),
    ("app_pages/world_map.py", "World positions", ":material/public:", "world"),
    ("app_pages/crackdown.py", "Crackdown", ":material/gavel:", "crackdown"),
    ("app_pages/quotes.py", "Quotes", ":material/format_quote:", "quotes"),
    ("app_pages/sources.py", "Sources & method", ":material/menu_book:", "sources"),
    ("app_pages/add_articles.py", "Add articles", ":material/upload_file:", "add"),
    ("app_pages/review.py", "Review", ":material/fact_check:", "review"),
]
WRITE_PAGES = ("app_pages/add_articles.py", "app_pages/review.py")  # gone from the navigation when the app is read-only


def pages() -> list[tuple[str, str, str, str]]:
    """The pages this app offers: all of :data:`PAGES`, less the write pages when it is read-only."""
    return [page for page in PAGES if auth.write_pages_shown() or page[0] not in WRITE_PAGES]


# ---------------------------------------------------------------- data


def ensure_tables() -> bool:
    """Build the tables when missing, stale or damaged, with progress; True when current tables can be shown.

    Several sessions may ask at once: the build waits for the lock and does
    nothing when another session's build made the tables current meanwhile.
    When building fails the previous build, if any, is shown with a note;
    with none, the page stops after the error.
    """
    reason = cached.stale_reason()
    if reason is None:
        return True
    if "damaged" in reason:
        st.warning(f"{reason[0].upper()}{reason[1:]}. Rebuilding them from the articles.", icon=":material/build:")
    folders, out = paths.corpus_folders(), paths.data_folder()
    with st.status("Building the tables from the articles…", expanded=True) as status:
        bar = st.progress(0.0, text="Reading the articles")

        def progress(done: int, total: int) -> None:
            bar.progress(done / max(total, 1), text=f"Extracted facts from {done:,} of {total:,} articles")

        try:
            report = build.build(folders, out, progress=progress, only_if_stale=True)
        except Exception as exc:  # BuildError, or an extractor/validation bug: never a stack trace
            status.update(label="The tables could not be built", state="error", expanded=True)
            st.error(f"Building the tables failed: {exc}", icon=":material/error:")
            report = False
        finally:
            cached.forget_staleness()
        if report is None:
            status.update(label="The tables are up to date (built by another session meanwhile)", state="complete", expanded=False)
        elif report:
            bar.progress(1.0, text="Done")
            status.update(
                label=f"Built the tables from {report['articles_read']:,} articles in {report['seconds']} s"
                + (f" ({len(report['rejected'])} file(s) rejected, see Sources & method)" if report["rejected"] else ""),
                state="complete", expanded=False,
            )
    if report is not False:
        return True
    try:
        cached.tables()
    except store.DataError:
        st.stop()
    st.info("Showing the previous build instead.")
    return False


# ---------------------------------------------------------------- shared filters


def sidebar_filters() -> None:
    """The filters every page shares; keys double as URL query parameters."""
    options = cached.filter_options()
    bounds, n_undated, n_articles = options["bounds"], options["n_undated"], options["n_articles"]
    with st.sidebar:
        st.subheader("Filters", anchor=False)
        st.multiselect(
            "Stance", style.STANCE_ORDER, format_func=style.stance_label, key="stance", bind=URL,
            placeholder="All stances", help="Positions only: keep actors whose stance (as of the chosen date) is one of these.",
        )
        st.multiselect("Outlet", options["outlets"], key="outlet", bind=URL, placeholder="All outlets")
        if bounds and bounds[0] < bounds[1]:
            current = st.session_state.get("dates")
            if current and (current[0] < bounds[0] or current[1] > bounds[1]):
                st.session_state["dates"] = bounds  # a new build moved the range
            try:
                st.slider("Published between", min_value=bounds[0], max_value=bounds[1], value=bounds, key="dates", bind=URL, format="YYYY-MM-DD")
            except StreamlitAPIException as exc:  # no one widget's input may take every page down with it
                st.caption(f"No date filter: {exc}")
        elif bounds:
            st.caption(f"All dated articles were published on {bounds[0]:%d %b %Y}.")
        st.toggle(
            "Include undated articles", value=True, key="undated", bind=URL,
            help=f"{n_undated:,} of {n_articles:,} articles have no publication date; they match any date range when included.",
        )
        st.caption(f"{n_undated:,} of {n_articles:,} articles are undated.")
        st.toggle(
            "Include uploaded articles", value=True, key="uploads", bind=URL,
            help="Articles added on the Add articles page (their source says 'upload'); switch off to see the corpus without them.",
        )
        st.toggle(
            "Reviewed data", value=True, key="reviewed", bind=URL,
            help="On: the tables as reviewers left them (rejected rows out, corrections in, added facts in). Off: the extractor's rows as extracted.",
        )
        st.caption("Showing **reviewed** data." if cached.reviewed() else "Showing **extracted-only** data (no reviewers' corrections).")


def filters() -> selection.Filters:
    """The current shared filter values."""
    state = st.session_state
    dates = state.get("dates") or (None, None)
    if dates[0] is not None and tuple(dates) == cached.filter_options()["bounds"]:
        dates = (None, None)  # the full range: no date filter
    return selection.Filters(
        stances=tuple(state.get("stance") or ()),
        outlets=tuple(state.get("outlet") or ()),
        date_from=dates[0],
        date_to=dates[1],
        include_undated=bool(state.get("undated", True)),
        include_uploads=bool(state.get("uploads", True)),
    )


def plain(text) -> str:
    """Text from the articles made safe inside Markdown (captions, labels, help): every punctuation mark escaped."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", str(text))


def filter_note(f: selection.Filters) -> str:
    parts = []
    if f.stances:
        parts.append("stance: " + ", ".join(style.stance_label(s) for s in f.stances))
    if f.outlets:
        parts.append("outlet: " + plain(", ".join(f.outlets)))
    if f.date_from:
        parts.append(f"published {f.date_from:%d %b %Y} – {f.date_to:%d %b %Y}")
    if not f.include_undated:
        parts.append("undated articles excluded")
    if not f.include_uploads:
        parts.append("uploaded articles excluded")
    data = "reviewed data" if cached.reviewed() else "extracted-only data"
    return f"Showing {data}. Filters: " + ("; ".join(parts) if parts else "none (all articles)")


# ---------------------------------------------------------------- output


TABLE_ROWS = 500  # rows a table sends to the browser at most; its CSV download has every row
SHOWN_WITH = ("source",)  # shown beside any chosen columns when the rows have it: uploads are labelled everywhere
EXPORTED_WITH = ("source", "row_id", "review_status", "confidence")  # and carried by every CSV: who may cite what, and how sure


def download_csv(df: pd.DataFrame | Callable[[], pd.DataFrame], name: str, n_rows: int | None = None, key: str | None = None) -> None:
    """A CSV download of exactly ``df`` (spreadsheet-safe), labelled with its row count.

    ``df`` may be a callable that returns the frame (then ``n_rows`` says how
    many rows it will have): either way the CSV is only made when the button
    is clicked, not on every run, so 100,000 articles' worth of rows costs
    nothing until someone asks for them.
    """
    make = df if callable(df) else lambda: df
    st.download_button(
        f"Download these {len(df) if n_rows is None else n_rows:,} rows (CSV)", lambda: export.safe_csv(make()), file_name=f"{name}.csv",
        mime="text/csv", key=key or f"download_{name}", icon=":material/download:", on_click="ignore",
    )


def table(
    df: pd.DataFrame, name: str, columns: dict | None = None, *,
    rows: np.ndarray | None = None, prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None, **kwargs,
) -> None:
    """A dataframe of at most TABLE_ROWS rows plus a download of all of them.

    ``columns`` maps column -> header (and picks which to show); ``rows`` are
    the positions of the rows to show (default: all, in order); ``prepare``
    adds what is too costly to hold for every row (e.g. quotes' sentences) to
    the rows actually shown or downloaded.
    """
    rows = np.arange(len(df)) if rows is None else rows

    def shown(positions, extra=SHOWN_WITH) -> pd.DataFrame:
        part = df.iloc[positions]
        part = prepare(part) if prepare else part
        if not columns:
            return part
        chosen = {**columns, **{c: c for c in extra if c in part.columns and c not in columns}}  # named as in the tables
        return part[list(chosen)].rename(columns=chosen)

    st.dataframe(shown(rows[:TABLE_ROWS]), hide_index=True, **kwargs)
    if len(rows) > TABLE_ROWS:
        st.caption(f"Showing the first {TABLE_ROWS:,} of {len(rows):,} rows: narrow them with the filters, or download them all.")
    download_csv(lambda: shown(rows, EXPORTED_WITH), name, n_rows=len(rows))


def chart(fig, key: str | None = None) -> None:
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key)


def source_line(row) -> str:
    """'Title, Outlet, 2024-08-01 (article_id)' for a row with article metadata."""
    bits = [str(row.get("title") or ""), selection.outlet_name(row.get("outlet")), str(row.get("published") or "undated")]
    return " · ".join(b for b in bits if b) + f" ({row.get('article_id')})"


def fmt_date(d: date | None) -> str:
    return f"{d:%d %b %Y}" if d else "–"


def swatch(name: str, stance: str, tooltip: str = "", subtitle: str | None = None) -> None:
    """A coloured stance marker with the actor's name (escaped; tooltip shows the evidence)."""
    st.html(
        f'<div title="{html.escape(tooltip, quote=True)}" style="margin:0.15rem 0;line-height:1.25">'
        f'<span style="display:inline-block;width:0.8rem;height:0.8rem;border-radius:2px;background:{style.STANCE_COLOURS.get(stance, "#ccc")};'
        f'margin-right:0.4rem;vertical-align:middle"></span><b>{html.escape(name)}</b><br>'
        f'<span style="color:#555;font-size:0.85em;margin-left:1.2rem">{html.escape(style.stance_label(stance) if subtitle is None else subtitle)}</span></div>'
    )


def quote_card(row: dict) -> None:
    """One quote: speaker, country, the quoted words, the sentence around them and the article, all escaped."""
    e = html.escape
    speaker = e(row.get("speaker") or "Unknown speaker") + (f' <span style="color:#666">· {e(row["country"])}</span>' if row.get("country") else "")
    st.html(
        '<div style="border:1px solid #e3e3e3;border-radius:0.5rem;padding:0.6rem 0.9rem;margin-bottom:0.2rem">'
        f'<div style="font-weight:600">{speaker}</div>'
        f'<blockquote style="margin:0.3rem 0;padding:0.2rem 0.7rem;border-left:4px solid #0072B2;font-size:1.05em;white-space:pre-wrap">“{e(str(row.get("quote", "")))}”</blockquote>'
        f'<div style="color:#333;font-size:0.9em;white-space:pre-wrap"><span style="color:#888">In context: </span>{e(str(row.get("sentence", "")))}</div>'
        f'<div style="color:#777;font-size:0.8em;margin-top:0.3rem">{e(source_line(row))}</div></div>'
    )


def reader_legend() -> str:
    items = "".join(
        f'<span style="background:{colour};padding:0 0.4rem;margin-right:0.5rem;border-radius:3px">{html.escape(name)}</span>'
        for name, colour in style.TABLE_COLOURS.items()
    )
    return f'<div style="font-size:0.85em;margin-bottom:0.4rem">Highlights: {items}</div>'


def build_report(report: dict) -> None:
    """The last build: when, what was read, rows per table and every rejected file with its reason."""
    st.subheader("Last build", anchor=False)
    cols = st.columns(4)
    cols[0].metric("Facts extracted", f"{sum(v for k, v in report.get('rows', {}).items() if k != 'articles'):,}")
    cols[1].metric("Articles read", report.get("articles_read", 0))
    cols[2].metric("Files rejected", len(report.get("rejected", [])))
    cols[3].metric("Seconds", report.get("seconds", "?"))
    st.caption(f"Built {str(report.get('built_at', '?')).replace('T', ' ')} from " + ", ".join(report.get("articles_folders", [])) + ". Rows: " + ", ".join(f"{k} {v:,}" for k, v in report.get("rows", {}).items()))
    rejected = pd.DataFrame(report.get("rejected", []), columns=["path", "reason"])
    if len(rejected):
        table(rejected, "rejected_files", {"path": "file", "reason": "why it was rejected"})
    else:
        st.caption("No file was rejected.")


def method(scores) -> None:
    st.subheader("Method and measured accuracy", anchor=False)
    st.markdown(
        "A rule-based extractor (word lists and regular expressions, no model) reads each sentence of each article and records "
        "**positions** (an actor and the strongest stance the article supports), **figures** (number, hedge, kind and claimant) "
        "and **quotes** (quoted words and their speaker). Every row keeps its source sentence and character offsets. "
        "Accuracy is measured against hand-annotated gold over the seed and development articles (`python -m lib.evaluate`); "
        "the numbers below are computed from the gold when the code changes, not typed in."
    )
    if isinstance(scores, str):
        st.warning(scores)
        return
    reviewed = cached.reviewed_scores()
    st.markdown("**On this corpus, from the reviewers' decisions** (Review page; `python -m lib.evaluate --reviewed`): precision is the share of "
                "reviewed rows confirmed as extracted (fact precision: confirmed or only a field corrected), recall the share of known facts "
                "(kept or added by a reviewer) the extractor found; *reviewed* is how many rows each figure rests on.")
    table(reviewed, "reviewed_scores")
    st.markdown("**Against the project's hand-annotated gold:**")
    table(scores, "method_scores", {"table": "table", "gold": "gold rows", "predicted": "extracted rows", "matched": "matched",
                                    "precision": "precision", "recall": "recall", "f1": "F1", "speaker_accuracy": "speaker accuracy", "f1_target": "F1 target"})

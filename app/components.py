"""Streamlit helpers shared by the router and the pages (not a page: st.navigation lists the pages).

Everything that draws something reused on several pages lives here: the
build-on-demand step with its progress, the shared sidebar filters (bound to
the URL so they survive page switches and can be shared) and the link to the
current view, the page's style sheet, CSV downloads that say how many rows
they hold (as shown, or every column), charts whose images carry their title,
filters and source, and text blocks that never interpret article text as HTML
or Markdown.
"""
from __future__ import annotations

import html
import re
from datetime import date
from typing import Callable
from urllib.parse import urlencode, urlsplit

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from lib import export, paths, store, summaries
from app import auth, cached, charts, reference, selection, style
from app.geo import plotly_config

URL = "query-params"  # every filter widget is bound to the URL under its key
PAGES = [  # (script, title, icon, url path); st.navigation is built from this list
    ("app_pages/overview.py", "Overview", ":material/dashboard:", "overview"),
    ("app_pages/results.py", "Results", ":material/how_to_vote:", "results"),
    ("app_pages/world_map.py", "World positions", ":material/public:", "world"),
    ("app_pages/actor.py", "Actor profiles", ":material/person_search:", "actor"),
    ("app_pages/crackdown.py", "Crackdown", ":material/gavel:", "crackdown"),
    ("app_pages/quotes.py", "Quotes", ":material/format_quote:", "quotes"),
    ("app_pages/sources.py", "Sources & method", ":material/menu_book:", "sources"),
    ("app_pages/glossary.py", "Glossary", ":material/dictionary:", "glossary"),
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

        # Imported only to build: it imports the extractor, whose patterns take 0.4 s to compile.
        from lib import build

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
            bar.progress(1.0, text="Scoring the extractor against the hand-annotated gold")
            try:  # made while the build is waited for, not on Sources & method's first visit (a correction's rebuild too)
                cached.method_scores()
                cached.reviewed_scores()
            except Exception as exc:  # the tables are built: Sources & method says what is wrong with its scores
                st.warning(f"The tables are built, but scoring the extractor failed: {exc}", icon=":material/warning:")
            bar.progress(1.0, text="Done")
            status.update(
                label=f"Built the tables from {report['articles_read']:,} articles in {report['seconds']} s"
                + (f" ({len(report['rejected'])} file(s) rejected, see Sources & method)" if report["rejected"] else ""),
                state="complete", expanded=False,
            )
    if report is not False:
        return True
    try:
        cached.tables()["articles"]
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


def filter_text(f: selection.Filters, stances: bool = False) -> str:
    """The filters that change this page, in words (plain text: for figures and files).

    The stance filter only narrows positions, so it is named only where a page
    passes ``stances=True``; elsewhere it would list a filter that changes nothing.
    """
    parts = []
    if f.stances and stances:
        parts.append("stance: " + ", ".join(style.stance_label(s) for s in f.stances))
    if f.outlets:
        parts.append("outlet: " + ", ".join(f.outlets))
    if f.date_from:
        parts.append(f"published {f.date_from:%d %b %Y} – {f.date_to:%d %b %Y}")
    if not f.include_undated:
        parts.append("undated articles excluded")
    if not f.include_uploads:
        parts.append("uploaded articles excluded")
    data = "reviewed data" if cached.reviewed() else "extracted-only data"
    return f"Showing {data}. Filters: " + ("; ".join(parts) if parts else "none (all articles)")


def filter_note(f: selection.Filters, stances: bool = False) -> str:
    """:func:`filter_text` safe inside Markdown (an outlet's name is article text)."""
    return plain(filter_text(f, stances))


# ---------------------------------------------------------------- the page around the pages


STYLE = f"""<style>
/* The whole label in filter chips and metrics, wrapped, not "Rejects the announ…" or "30 Jul 2024 …". */
[data-baseweb="tag"] {{ max-width: 100% !important; height: auto !important; }}
[data-baseweb="tag"] span {{ white-space: normal !important; overflow: visible !important; text-overflow: clip !important; max-width: none !important; }}
[data-testid="stMetricValue"] > div {{ white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }}
/* The table toolbar's own CSV export writes cells unescaped (=HYPERLINK(...) would run in a spreadsheet):
   hidden, so every way out of the app is the formula-safe download button under each table. */
[data-testid="stElementToolbar"] button[aria-label="Download as CSV"] {{ display: none !important; }}
/* On a phone plotly's mode bar covers the chart titles: hidden there (downloads stay on wider screens). */
@media (max-width: 640px) {{ .js-plotly-plot .modebar-container {{ display: none !important; }} }}
.vz-muted {{ color: {style.MUTED}; }}
/* router.py's second entry for the Overview, at /overview: reachable by its link, not listed twice. */
[data-testid="stSidebarNav"] li:has(a[href$="/overview"]) {{ display: none; }}
</style>"""
# Streamlit writes a bound widget's value into the URL with history.replaceState, so paging quotes 1 → 2 → 3
# and pressing Back left the app. A change the reader just made (a click or a key in the last two seconds)
# becomes a history entry instead; Streamlit's own popstate handler then reruns the page with the older URL.
HISTORY = """<script>
(() => {
  if (window.vzHistory) return;
  window.vzHistory = true;
  let touched = 0;
  for (const type of ["pointerdown", "keydown", "change"]) window.addEventListener(type, () => { touched = Date.now(); }, true);
  const replace = history.replaceState.bind(history);
  history.replaceState = (state, title, url) => {
    const next = url ? new URL(url, location.href) : null;
    const viewChange = next && next.pathname === location.pathname && next.search !== location.search;
    return viewChange && Date.now() - touched < 2000 ? history.pushState(state, title, url) : replace(state, title, url);
  };
})();
</script>"""


def page_style() -> None:
    """The style sheet and the history fix above, once per run (the script guards against running twice)."""
    st.html(STYLE + HISTORY, unsafe_allow_javascript=True)


def view_url(path: str) -> str:
    """The canonical short URL of this view: the page's own path and the query parameters the widgets wrote (defaults are left out)."""
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    query = urlencode({k: st.query_params.get_all(k) for k in st.query_params}, doseq=True)
    return f"{parts.scheme}://{parts.netloc}/{path}" + (f"?{query}" if query else "")


def view_link(path: str) -> None:
    """'Link to this view' in the sidebar: the link, and its address to select and copy.

    HTML, not ``st.code``: a code box, on every page, made the browser load and run a 1.5 MB syntax highlighter
    before the page was drawn (half a second on a 2-core machine) for its copy button."""
    url = html.escape(view_url(path), quote=True)
    with st.sidebar:
        st.html(f'<div class="vz-view-link" style="font-size:0.85em"><a href="{url}" target="_self">Link to this view</a>'
                '<span class="vz-muted"> (filters, tab, date, page of results)</span>'
                f'<div style="font-family:monospace;word-break:break-all;user-select:all;margin-top:0.25rem">{url}</div></div>')


# ---------------------------------------------------------------- output


TABLE_ROWS = summaries.HEAD_ROWS  # rows a table sends to the browser at most (the build keeps as many of each listing); its CSV download has every row
# Columns a view keeps for the dashboard's own use, never for a reader: search text, row positions.
INTERNAL_COLUMNS = {"haystack", "article_pos", "row"}
SHOWN_WITH = ("source",)  # shown beside any chosen columns when the rows have it: uploads are labelled everywhere
EXPORTED_WITH = ("source", "row_id", "review_status", "confidence")  # and carried by every CSV: who may cite what, and how sure


def rows_label(n: int) -> str:
    return f"{n:,} row" + ("" if n == 1 else "s")


def download_csv(df: pd.DataFrame | Callable[[], pd.DataFrame], name: str, n_rows: int | None = None, key: str | None = None,
                 label: str = "Download these {rows} as shown (CSV)") -> None:
    """A CSV download of exactly ``df`` (spreadsheet-safe, with a BOM for Excel), labelled with its row count.

    ``df`` may be a callable that returns the frame (then ``n_rows`` says how
    many rows it will have): either way the CSV is only made when the button
    is clicked, not on every run, so 100,000 articles' worth of rows costs
    nothing until someone asks for them. A cell given a leading ``'`` is
    named in the file's ``escaped_columns`` column (:mod:`lib.export`).
    """
    make = df if callable(df) else lambda: df
    st.download_button(
        label.format(rows=rows_label(len(df) if n_rows is None else n_rows)), lambda: export.safe_csv(make(), bom=True, note=True), file_name=f"{name}.csv",
        mime="text/csv", key=key or f"download_{name}", icon=":material/download:", on_click="ignore",
        help="Opens in Excel and LibreOffice as UTF-8. Text cells a spreadsheet would run as a formula get a leading ' and are named in the column escaped_columns.",
    )


def full_data(df: pd.DataFrame) -> pd.DataFrame:
    """Every column of ``df`` a reader can use (numbers, hedges, claimants, offsets) plus its article's title, outlet, type, date and URL."""
    out = df.drop(columns=[c for c in df.columns if c in INTERNAL_COLUMNS])
    if "article_id" not in out.columns:
        return out
    articles = cached.tables()["articles"].set_index("article_id")
    for column in ("title", "outlet", "published", "url"):
        if column not in out.columns:
            out[column] = out["article_id"].map(articles[column]).fillna("")
    return out.assign(outlet_type=reference.outlet_types(out["outlet"]))


def table(
    df: pd.DataFrame | cached.Listed, name: str, columns: dict | None = None, *,
    rows: np.ndarray | None = None, prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None, **kwargs,
) -> None:
    """A dataframe of at most TABLE_ROWS rows plus a download of all of them.

    ``columns`` maps column -> header (and picks which to show); ``rows`` are
    the positions of the rows to show (default: all, in order); ``prepare``
    adds what is too costly to hold for every row (e.g. quotes' sentences) to
    the rows actually shown or downloaded. ``df`` may instead be the rows a
    table lists (:class:`app.cached.Listed`, ``rows`` not given), read only as far as shown.
    """
    listed = df if isinstance(df, cached.Listed) else cached.Listed.of(df, rows)
    finish = prepare or (lambda part: part)

    def picked(part: pd.DataFrame, extra=SHOWN_WITH) -> pd.DataFrame:
        if not columns:
            return part
        chosen = {**columns, **{c: c for c in extra if c in part.columns and c not in columns}}  # named as in the tables
        return part[list(chosen)].rename(columns=chosen)

    first = finish(listed.shown(0, TABLE_ROWS))
    on_screen = picked(first)
    if "row_id" in first.columns and auth.write_pages_shown():
        # Every extracted row can be reviewed from where it is read: a link to the Review page opened on it.
        on_screen = on_screen.assign(review=first["row_id"].map(review_href).to_numpy())
        kwargs["column_config"] = {**kwargs.get("column_config", {}), "review": st.column_config.LinkColumn("review", display_text="review")}
    st.dataframe(on_screen, hide_index=True, **kwargs)
    if listed.n_rows > TABLE_ROWS:
        st.caption(f"Showing the first {TABLE_ROWS:,} of {listed.n_rows:,} rows: narrow them with the filters, or download them all.")
    # As in Our World in Data's download tab: the table as shown, or the full data behind the same rows.
    left, right = st.columns(2)
    with left:
        download_csv(lambda: picked(finish(listed.every()), EXPORTED_WITH), name, n_rows=listed.n_rows)
    with right:
        download_csv(lambda: full_data(finish(listed.every())), f"{name}_full", n_rows=listed.n_rows,
                     label="Full data: the same {rows}, every column (CSV)")


@st.cache_resource(show_spinner=False, max_entries=128)
def _figure(name: str, _make: Callable, args: tuple, subtitle: str, source: str):
    # Shared and never modified: st.plotly_chart sends a copy (to_dict). Building a plotly figure validates
    # every property, a tenth of a second a chart: a rerun with the same data and filters builds none.
    # Keyed by the function's name (Streamlit does not hash functions; an underscore argument is not hashed).
    return charts.cited(_make(*args), subtitle, source)


def chart(make: Callable, *args, key: str, as_of: str | None = None, stances: bool = False, **kwargs):
    """A plotly chart that draws offline and whose PNG/SVG says what it shows: ``make(*args)`` (an :mod:`app.charts`
    function and its data), made once per data, filters and build; ``kwargs`` go to ``st.plotly_chart``, whose value is returned.

    The camera button's image is the figure itself, so the figure carries its
    own title, the as-of date, the filters and a source line (made by
    :func:`app.charts.cited`), and the file is named after the chart, not ``plot-image.png``.
    """
    report = cached.report()
    source = (f"Source: news articles ({report.get('articles_read', 0):,}) read by 'Venezuela 2024: who claims what', "
              f"built {str(report.get('built_at', ''))[:10]} · {view_url(st.session_state.get('page_path', ''))}")
    fig = _figure(f"{make.__module__}.{make.__qualname__}", make, args, filter_text(filters(), stances) + (f" · as of {as_of}" if as_of else ""), source)
    config = plotly_config(toImageButtonOptions={"filename": f"venezuela-2024-{key.replace('_', '-')}", "format": "png", "scale": 2},
                           modeBarButtonsToAdd=["toImage"], modeBarButtonsToRemove=["lasso2d", "select2d"])
    return st.plotly_chart(fig, config=config, key=key, **kwargs)


def source_line(row) -> str:
    """'Title · Outlet (wire) · 2024-08-01 (article_id)' for a row with article metadata."""
    outlet = summaries.outlet_name(row.get("outlet"))
    kind = reference.outlet_type(row.get("outlet"))
    bits = [str(row.get("title") or ""), outlet + (f" ({kind})" if kind else ""), str(row.get("published") or "undated")]
    return " · ".join(b for b in bits if b) + f" ({row.get('article_id')})"


def cite_line(row) -> str:
    """'Cite: Outlet, 1 Aug 2024, URL; via <link to the view>' for a quote or a figure."""
    when = row.get("published") or "undated"
    url = row.get("url") or cached.article_url(row.get("article_id"))
    return f"Cite: {summaries.outlet_name(row.get('outlet'))}, {when}" + (f", {url}" if url else "") + f"; via {view_url(st.session_state.get('page_path', ''))}"


def reader_href(article_id: str) -> str:
    """A link that opens the article in the reader of Sources & method (relative: pages are one level deep)."""
    return "sources?" + urlencode({"read": article_id})


def review_href(row_id: str) -> str:
    """A link that opens one extracted row on the Review page (relative, like :func:`reader_href`)."""
    return "review?" + urlencode({"row": row_id})


def fmt_date(d: date | None) -> str:
    return f"{d:%d %b %Y}" if d else "–"


def swatch(name: str, stance: str, tooltip: str = "", subtitle: str | None = None) -> None:
    """A coloured stance marker with the actor's name (escaped; tooltip shows the evidence)."""
    st.html(
        f'<div title="{html.escape(tooltip, quote=True)}" style="margin:0.15rem 0;line-height:1.25">'
        f'<span style="display:inline-block;width:0.8rem;height:0.8rem;border-radius:2px;background:{style.STANCE_COLOURS.get(stance, "#ccc")};'
        f'margin-right:0.4rem;vertical-align:middle"></span><b>{html.escape(name)}</b><br>'
        f'<span class="vz-muted" style="font-size:0.85em;margin-left:1.2rem">{html.escape(style.stance_label(stance) if subtitle is None else subtitle)}</span></div>'
    )


def stance_bars(as_of: pd.DataFrame, stances: tuple[str, ...] = ()) -> None:
    """The Overview's who sides with whom: :func:`stance_bars_html` of the actors ``as_of`` holding ``stances`` (all when empty)."""
    st.html(stance_bars_html(as_of, stances))


def stance_bars_html(as_of: pd.DataFrame, stances: tuple[str, ...] = (), *, shown_names: int = 12) -> str:
    """Countries and organisations per stance as one HTML list: a bar per stance (countries solid, organisations
    hatched, as in :func:`app.charts.stance_count_bars`), its counts in words, and the actors it counts; the stances
    asked for (all when ``stances`` is empty) that no actor holds on one line after them. Observers, NGOs and experts
    are no actors (``stance_cues.csv`` ``non_actor`` rows), so the line says whom it counts: "Demands transparency" held
    by no country or organisation is not "nobody asked for transparency".

    HTML, not a plotly chart: the landing page then needs no plotly.js (4.7 MB the browser loads and runs before a
    first chart draws, about two seconds on a 2-core machine); the chart, with its image download, is on World
    positions. The bars share one scale, the longest being the stance most actors hold."""
    counts = selection.stance_counts(as_of)
    widest = max(1, int(counts.groupby("stance")["actors"].sum().max()))
    rows, unheld = [], []
    for stance in [s for s in style.STANCE_ORDER if not stances or s in stances]:
        by_type = counts[counts["stance"] == stance].set_index("actor_type")["actors"]
        countries, organisations = int(by_type.get("country", 0)), int(by_type.get("organization", 0))
        names = sorted(as_of.loc[as_of["stance"] == stance, "actor_name"], key=str.casefold)  # as a reader looks a name up, not by code
        if not names:
            unheld.append(style.stance_label(stance))
            continue
        colour = style.STANCE_COLOURS.get(stance, "#ccc")
        words = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in ((countries, "country", "countries"), (organisations, "organisation", "organisations")) if n)
        bar = (f'<span style="display:inline-block;height:0.9rem;width:{100 * countries / widest:.1f}%;background:{colour}"></span>'
               f'<span style="display:inline-block;height:0.9rem;width:{100 * organisations / widest:.1f}%;'
               f'background:repeating-linear-gradient(45deg,{colour} 0 3px,transparent 3px 6px);box-shadow:inset 0 0 0 1px {colour}"></span>')
        listed = ", ".join(names[:shown_names]) + (" …" if len(names) > shown_names else "")
        rows.append(
            f'<div data-stance="{stance}" title="{html.escape(", ".join(names), quote=True)}" style="margin:0 0 0.55rem 0;line-height:1.3">'
            f'<b>{html.escape(style.stance_label(stance))}</b> <span class="vz-muted">· {len(names)} ({words})</span>'
            f'<div aria-hidden="true" style="white-space:nowrap;font-size:0;margin:0.15rem 0">{bar}</div>'
            f'<span style="font-size:0.85em">{html.escape(listed)}</span></div>'
        )
    if unheld:
        rows.append(f'<div class="vz-muted" style="font-size:0.85em;margin-bottom:0.4rem">Held by no country or organisation in these articles: {html.escape(" · ".join(unheld))}</div>')
    legend = (f'<div class="vz-muted" style="font-size:0.8em">Bars: <span style="display:inline-block;width:0.8rem;height:0.8rem;background:{style.MUTED};'
              f'vertical-align:middle"></span> countries · <span style="display:inline-block;width:0.8rem;height:0.8rem;vertical-align:middle;'
              f'background:repeating-linear-gradient(45deg,{style.MUTED} 0 2px,transparent 2px 4px);box-shadow:inset 0 0 0 1px {style.MUTED}"></span> organisations</div>')
    return '<div class="vz-stance-bars" style="max-width:48rem">' + "".join(rows) + legend + "</div>"


def quote_card(row: dict) -> None:
    """One quote: speaker, country, the quoted words, the sentence around them and the article, all escaped."""
    e = html.escape
    speaker = e(row.get("speaker") or "Unknown speaker") + (f' <span class="vz-muted">· {e(row["country"])}</span>' if row.get("country") else "")
    st.html(
        f'<div style="border:1px solid {style.BORDER};border-radius:0.5rem;padding:0.6rem 0.9rem;margin-bottom:0.2rem">'
        f'<div style="font-weight:600">{speaker}</div>'
        f'<blockquote style="margin:0.3rem 0;padding:0.2rem 0.7rem;border-left:4px solid #0072B2;font-size:1.05em;white-space:pre-wrap">“{e(str(row.get("quote", "")))}”</blockquote>'
        f'<div style="font-size:0.9em;white-space:pre-wrap"><span class="vz-muted">In context: </span>{e(str(row.get("sentence", "")))}</div>'
        f'<div class="vz-muted" style="font-size:0.8em;margin-top:0.3rem">{e(source_line(row))} · '
        f'<a href="{e(reader_href(str(row.get("article_id", ""))), quote=True)}" target="_self">open in the reader</a>'
        + (f' · <a href="{e(review_href(str(row["row_id"])), quote=True)}" target="_self">review</a>' if row.get("row_id") and auth.write_pages_shown() else "")
        + '</div>'
        f'<div class="vz-muted" style="font-size:0.75em;margin-top:0.15rem;word-break:break-all">{e(cite_line(row))}</div></div>'
    )


def reader_legend() -> str:
    items = "".join(
        f'<span style="background:{colour};color:{style.HIGHLIGHT_TEXT};padding:0 0.4rem;margin-right:0.5rem;border-radius:3px">{html.escape(name)}</span>'
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
    if report.get("skipped"):  # notes and lists beside the articles: not articles, and not failures either
        st.caption("Skipped (not articles): " + plain(", ".join(r["path"].rsplit("/", 1)[-1] for r in report["skipped"])) + ".")


def method(scores) -> None:
    """The Method panel: how facts are extracted, scores on untouched data first, the upper bound, the caveats."""
    st.subheader("Method and measured accuracy", anchor=False)
    st.markdown(
        "A rule-based extractor (word lists and regular expressions, no model) reads each sentence of each article and records "
        "**positions** (an actor and the strongest stance the article supports), **figures** (number, hedge, kind and claimant) "
        "and **quotes** (quoted words and their speaker). Every row keeps its source sentence and character offsets. "
        "The scores below are computed by `python -m lib.evaluate` whenever the code or the gold changes, never typed in."
    )
    if isinstance(scores, str):
        st.warning(scores)
        return
    columns = {"table": "table", "gold": "gold rows", "predicted": "extracted rows", "matched": "matched", "precision": "precision",
               "recall": "recall", "f1": "F1", "speaker_accuracy": "speaker accuracy", "f1_target": "F1 target"}
    untouched = scores["data"].str.contains("untouched")
    st.markdown("**On untouched articles** (the held-out halves of two independently annotated sets of real news, kept out of writing the rules; a few of "
                "their annotation notes and gold rows were seen by mistake, as the README's quality section says): what to expect on new articles. "
                "The invented set's held-out half is untouched too, but its articles were written by the team to test article structure, "
                "so it says less about real news than the two real sets.")
    table(scores[untouched].reset_index(drop=True), "method_scores_heldout", {"data": "data", **columns})
    st.markdown("**On the articles the rules were developed on**: the tune halves, and the project's own gold, which the rules were tuned on. "
                "These are **upper bounds**, not the accuracy to expect.")
    table(scores[~untouched].reset_index(drop=True), "method_scores_tuned", {"data": "data", **columns})
    reviewed = cached.reviewed_scores()
    st.markdown("**On this corpus, from the reviewers' decisions** (Review page; `python -m lib.evaluate --reviewed`): precision is the share of "
                "reviewed rows confirmed as extracted (fact precision: confirmed or only a field corrected), recall the share of known facts "
                "(kept or added by a reviewer) the extractor found; *reviewed* is how many rows each figure rests on.")
    table(reviewed, "reviewed_scores")
    st.markdown(
        "**Caveats.** The held-out halves are small (ten articles each), so a score moves by several points with one article; "
        "a table with no gold rows in a set scores 0 there, which says nothing. Rows are what the articles report, not verified facts. "
        "Positions over time keep each actor's strongest stance of its side; an article that reports a change resets it; "
        "undated articles count at every date. Check the source sentence of any row you rely on."
    )


# ---------------------------------------------------------------- headline cards (Overview and Results)


def figure_note(row) -> str:
    """A headline figure's source for its (?) help: the sentence, the article and its date, the claim it matches."""
    bits = [f"{row['article_id']}, {row['published'] or 'undated'}"]
    if row.get("reference"):
        bits.append(str(row["reference"]))
    if "n_reports" in row and "n_articles" in row:
        bits.append(f"{row['n_articles']} of {row['n_reports']} reporting articles give it")
    return plain(f"“{row['evidence']}” ({'; '.join(bits)})")


# Picking a claimant's headline ranks every figure of the summary: once per summary, not on every rerun.
_headline = st.cache_data(show_spinner=False, max_entries=32)(selection.headline)


def result_cards(summary: pd.DataFrame) -> None:
    """The CNE's and the opposition's headline claims side by side (:func:`selection.headline`)."""
    cards = (("CNE", "Announced by the CNE", ("CNE",)), ("opposition", "The opposition's tally sheets", ("PUD", "actas")))
    for col, (claimant, heading, terms) in zip(st.columns(2, border=True), cards):
        with col:
            st.subheader(heading, anchor=False, help=reference.explain(*terms))  # the terms explained where a reader first meets them
            claim = _headline(summary, claimant)
            if not claim["shares"] and claim["coverage"] is None:
                st.info(f"No result claimed by the {claimant} in the selected articles.")
                continue
            if claim["claim"]:
                st.caption(plain(f"From {claim['claim']}."))
            for cell, name in zip(st.columns(2), selection.CANDIDATES):
                row = claim["shares"].get(name)
                cell.metric(name, row["figure"] if row is not None else "–", help=figure_note(row) if row is not None else "No share for this candidate in this claim.")
            cov = claim["coverage"]
            st.metric("Tally sheets behind it", cov["figure"] if cov is not None else "not reported", help=figure_note(cov) if cov is not None else "No tally-sheet coverage figure in the selected articles.")
            if claim["others"]:
                st.caption(plain("Other claims: " + "; ".join(claim["others"])) + ": see Results.")


def crackdown_card(col, latest: pd.DataFrame, label: str) -> None:
    """One crackdown kind: the figure to lead with (:func:`selection.headline_figure`), the other reporters below."""
    top = selection.headline_figure(latest)
    if top is None:
        col.metric(label, "not reported")
        return
    who = summaries.claimant_label(top["claimed_by"])
    col.metric(f"{label}: {'unattributed' if who == summaries.UNATTRIBUTED_LABEL else 'according to ' + who}", top["figure"], help=figure_note(top))
    others = latest.drop(index=top.name)
    if len(others):
        col.caption("Also reported: " + "; ".join(
            f"{plain(summaries.claimant_label(r.claimed_by))}: {plain(r.figure)} ({r.published or 'undated'})" for r in others.itertuples()))

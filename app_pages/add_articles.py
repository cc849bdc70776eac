"""Add articles: upload .txt/.md/.html files, paste one or give web addresses, save them to the upload folder (checked by lib.ingest), rebuild the tables; follow feeds."""
import pandas as pd
import streamlit as st

from lib import articles, fetch, ingest, paths
from app import auth, cached, components, following

st.title("Add articles", anchor=False)
uploader = auth.gate("add articles")
if uploader is None:
    st.stop()
st.markdown(
    f"Files are checked on the server, saved as `.txt` articles in `{paths.upload_folder()}` (set `VENEZUELA_UPLOADS` to change it) "
    "and the tables are rebuilt with them. Text files (`.txt`, `.md`, kept as written) may be up to "
    f"{articles.MAX_BYTES / 1e6:g} MB, HTML pages (`.html`, `.htm`, reduced to their article text) up to {ingest.MAX_UPLOAD_MB} MB; "
    "everything must be UTF-8. A file whose text is already in the corpus is refused as a duplicate; nothing is ever overwritten. "
    f"Web addresses (at most {ingest.MAX_ADDRESSES} at once) are fetched by this server: public http(s) pages only, "
    f"HTML or plain text, at most {fetch.MAX_BYTES / 1e6:g} MB and {fetch.DEADLINE:g} s each."
)

with st.form("add_articles"):
    files = st.file_uploader(
        # No type= filter: a name the browser would block must reach lib.ingest, which refuses that file alone.
        "Article files (" + ", ".join(f".{t}" for t in ingest.UPLOAD_TYPES) + ")", accept_multiple_files=True, max_upload_size=ingest.MAX_UPLOAD_MB, key="files",
        help="A text file may open with a `---` header (title, url, outlet, published); an HTML page's own title, site name, address and date are kept.",
    )
    st.markdown("**…or paste an article**")
    title = st.text_input("Title", key="paste_title")
    left, right = st.columns(2)
    outlet = left.text_input("Outlet", key="paste_outlet")
    published = right.date_input("Published", value=None, format="YYYY-MM-DD", key="paste_published")
    url = st.text_input("URL", placeholder="https://…", key="paste_url")
    text = st.text_area("Article text", height=200, key="paste_text")
    st.markdown("**…or give web addresses**")
    addresses = st.text_area("Web addresses, one a line", height=100, key="urls", placeholder="https://…")
    submitted = st.form_submit_button("Add articles", icon=":material/upload_file:", type="primary")

if submitted:
    submissions = [ingest.Submission(f.name, f.getvalue()) for f in files or []]
    if any(value.strip() for value in (title, outlet, url, text)):
        submissions.append(ingest.Submission("", text.encode("utf-8"), title, outlet, url, published))
    urls = addresses.splitlines()
    if not submissions and not "".join(urls).strip():
        st.info("Choose files or paste an article first (or give web addresses).")
        st.stop()
    with st.spinner("Checking and saving…"):
        done = ingest.add_articles(submissions, uploaded_by=uploader) if submissions else []
    if "".join(urls).strip():
        bar = st.progress(0.0, text="Fetching the web addresses")
        done += ingest.add_urls(urls, progress=lambda i, n, url: bar.progress(i / n, text=f"Fetching {i + 1} of {n}: {url}" if url else "Fetched"))
    outcomes = pd.DataFrame(done, columns=ingest.Outcome._fields)
    added = outcomes[outcomes["status"] == ingest.ADDED]
    cached.forget_staleness()  # the saved files make the tables stale now, not in 15 s
    if len(added) and components.ensure_tables():
        st.success(f"Added {len(added)} article(s): " + ", ".join(added["article_id"]) + ". They are in every page's tables now.", icon=":material/check_circle:")
    if len(added) < len(outcomes):
        st.warning(f"Refused {len(outcomes) - len(added)} of {len(outcomes)}; the reasons are in the table.", icon=":material/block:")
    components.table(outcomes, "added_articles", {"name": "file", "status": "result", "article_id": "article id", "reason": "why refused", "path": "saved as"})

following.feeds_panel()

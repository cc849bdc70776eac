"""Glossary: the acronyms and Spanish words the articles use, from app/assets/glossary.csv (add a row to extend it), and the kinds of outlets."""
import pandas as pd
import streamlit as st

from app import components, reference

st.title("Glossary", anchor=False)
st.caption(f"Terms the articles use without explaining them. Add a row to `{reference.GLOSSARY.name}` (term, meaning) to extend this list.")
components.table(pd.DataFrame(reference.glossary().items(), columns=["term", "meaning"]), "glossary",
                 column_config={"meaning": st.column_config.TextColumn(width="large")})

st.subheader("Kinds of outlets", anchor=False)
st.caption(f"What kind of outlet an article comes from, where known (`{reference.OUTLETS.name}`: outlet, type, note). "
           "Source lines and the full-data downloads carry it as `outlet_type`.")
components.table(pd.read_csv(reference.OUTLETS, keep_default_na=False), "outlet_types")

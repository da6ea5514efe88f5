"""Upload (editor mode only): seed documents and CSV tables through the loaders' validation.

Calls :func:`loaders.uploads.load_uploads`; a rejected upload shows every
problem in a table (file, entry, field, problem) and nothing is written.
"""

from __future__ import annotations

import streamlit as st

from loaders.uploads import load_uploads
from ui import urlstate
from ui.context import get_store, is_editor, language
from ui.i18n import t, uploader_style

lang = language()
st.title(t("upload.title", lang))
if not is_editor():  # the page is only listed for editors; a direct URL lands here
    st.stop()
st.write(t("upload.intro", lang))
st.html(uploader_style(lang))  # the upload box's own words, which Streamlit writes in English
files = st.file_uploader(
    t("upload.files", lang),
    type=["yaml", "yml", "json", "csv", "graphml", "gexf"],
    accept_multiple_files=True,
    key="upload_files",
)
if st.button(t("upload.button", lang), key="upload_go", type="primary"):
    if not files:
        st.warning(t("upload.none", lang))
    else:
        outcome = load_uploads(get_store(), [(f.name, f.getvalue()) for f in files])
        if outcome.ok and outcome.plan is not None:
            plan = outcome.plan
            st.success(
                t(
                    "upload.ok",
                    lang,
                    sources=len(plan.sources),
                    nodes=len(plan.nodes),
                    ties=len(plan.ties),
                    files=len(plan.files),
                )
            )
        else:
            st.error(t("upload.rejected", lang, count=len(outcome.problems)))
            # st.table: plain HTML, so every problem is readable (and copyable) as text
            st.table(
                [
                    {
                        t("upload.file", lang): p.file,
                        t("upload.entry", lang): p.entry,
                        t("upload.field", lang): p.field,
                        t("upload.message", lang): p.message,
                    }
                    for p in outcome.problems
                ]
            )

urlstate.merge({"lang": lang})

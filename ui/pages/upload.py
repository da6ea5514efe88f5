"""Upload (editor mode only): seed documents and CSV tables through the loaders' validation.

Calls :func:`graph.intake.upload.upload`; a rejected upload shows every
problem in a table (file, entry, field, problem) and nothing is written. A
written one names the stored sources it replaced and the new nodes that
look like stored ones (to merge on the Duplicates page).
"""

from __future__ import annotations

import streamlit as st

from graph.intake.upload import upload
from loaders import source_changes
from ui import urlstate
from ui.context import get_store, is_editor, language, md
from ui.evidence import reason_writer
from ui.i18n import date_text, field_text, listed, location_text, problem_text, t, uploader_style
from ui.tables import static_table

lang = language()


def changed(stored, new) -> str:
    """What an upload changed in a stored source, in the reader's words: old and new title, publisher
    and date; the other fields (document, language, description) by name only."""

    def shown(name: str, value) -> str:
        if value is None:
            return "–"
        return date_text(value.isoformat(), lang) if name == "date" else md(str(value))

    return listed(
        (
            t(
                "upload.change",
                lang,
                field=t(f"upload.source_field.{name}", lang),
                before=shown(name, before),
                after=shown(name, after),
            )
            if name in ("title", "publisher", "date")
            else t("upload.change_other", lang, field=t(f"upload.source_field.{name}", lang))
            for name, before, after in source_changes(stored, new)
        ),
        lang,
    )


st.title(t("upload.title", lang))
if not is_editor():  # the page is only listed for editors; a direct URL lands here
    st.stop()
st.write(t("upload.intro", lang))
st.caption(t("upload.documents_elsewhere", lang, page=t("page.review", lang)))  # the editor's other way in
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
        store = get_store()
        outcome = upload(store, [(f.name, f.getvalue()) for f in files])
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
            for stored, new in outcome.replaced:  # a reused source id rewrites what citing facts show
                st.warning(t("upload.replaced", lang, id=md(new.id), changes=changed(stored, new)))
            reason_text = reason_writer(store, outcome.found, lang)
            for pair in outcome.found:  # new nodes that look like stored ones: the Duplicates page merges them
                st.warning(
                    t(
                        "upload.lookalike",
                        lang,
                        new=md(pair.names[0]),
                        stored=md(pair.names[1]),
                        reasons=md(listed((reason_text(r) for r in pair.reasons), lang)),
                    )
                )
        else:
            st.error(t("upload.rejected", lang, count=len(outcome.problems)))
            # a static table: every problem readable (and copyable) as the text it is
            static_table(
                [
                    {
                        t("upload.file", lang): location_text(p.file, lang),
                        t("upload.entry", lang): location_text(p.entry, lang),
                        t("upload.field", lang): field_text(p.field, lang),
                        t("upload.message", lang): problem_text(p, lang),
                    }
                    for p in outcome.problems
                ]
            )

urlstate.merge({"lang": lang})

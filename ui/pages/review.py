"""Review (editor mode only): upload a document, then accept, edit, merge or reject its proposals.

Calls :func:`graph.intake.review.enqueue_document` and :func:`graph.intake.review.decide`;
each proposal is shown in its sentence with the name highlighted. Nothing
enters the graph before an editor accepts it, and what is accepted cites
the document.
"""

from __future__ import annotations

import streamlit as st

from graph.errors import ValidationFailed
from graph.facts import memo, name_in
from graph.intake.documents import DOCUMENT_SUFFIXES
from graph.intake.review import batches, decide, enqueue_document, highlight, labels_of
from graph.model import NodeType
from ui import pickers, urlstate
from ui.context import get_store, is_editor, language, md, whole_graph
from ui.i18n import (
    APP_EDITOR,
    author,
    datetime_text,
    field_text,
    label,
    language_name,
    location_text,
    problem_text,
    t,
    uploader_style,
)
from ui.i18n import number as number_text
from ui.tables import static_table

lang = language()
urlstate.merge({"lang": lang})  # a reload or a link keeps the reader's language
st.title(t("review.title", lang))
if not is_editor():  # the page is only listed for editors; a direct URL lands here
    st.stop()
store = get_store()
key = store.cache_key()  # once per run: the merge searches of every proposal use it
who = APP_EDITOR
st.write(t("review.intro", lang))

st.html(uploader_style(lang, t("review.limit", lang), several=False))  # Streamlit writes the box's words in English
with st.form("review_upload", clear_on_submit=True):
    upload = st.file_uploader(
        t("review.document", lang), type=sorted(s.lstrip(".") for s in DOCUMENT_SUFFIXES), key="review_file"
    )
    doc_lang = st.selectbox(t("review.language", lang), ["auto", "de", "fr", "en"], key="review_lang",
                            format_func=lambda code: t("review.auto", lang) if code == "auto" else language_name(code, lang),
                            placeholder=t("app.choose", lang))  # fmt: skip
    read = st.form_submit_button(t("review.read", lang), type="primary")
    if read and upload is None:
        st.warning(t("review.no_document", lang))
    elif read and upload is not None:
        batch = enqueue_document(store, upload.name, upload.getvalue(), by=who, language=doc_lang)
        st.session_state["review_batch"] = batch.id
        st.session_state["review_pick"] = batch.id  # the picker below shows the new document
        st.success(t("review.queued", lang, count=len(batch.proposals), name=md(upload.name)))


def _problems(e: ValidationFailed) -> None:
    st.error(t("review.refused", lang, count=len(e.problems)))
    static_table(
        [
            {
                t("upload.entry", lang): location_text(p.entry, lang),
                t("upload.field", lang): field_text(p.field, lang),
                t("upload.message", lang): problem_text(p, lang),
            }
            for p in e.problems
        ]
    )


queue = batches(store)
if not queue:
    st.info(t("review.empty", lang))
    st.stop()
ids = [b.id for b in queue]
default = ids.index(st.session_state["review_batch"]) if st.session_state.get("review_batch") in ids else len(ids) - 1
# the picker names a document and when it came; its counts are written below it, from this run
names = {b.id: f"{b.name} · {datetime_text(b.added_at, lang)}" for b in queue}
chosen = st.selectbox(
    t("review.batch", lang),
    ids,
    index=default,
    format_func=names.__getitem__,
    key="review_pick",
    placeholder=t("app.choose", lang),
)
batch = next(b for b in queue if b.id == chosen)
st.caption(
    t("review.counts", lang, **batch.counts())
    + " · "
    + t("review.sources", lang, sources=md(", ".join(s.title for s in batch.sources)))
)
only_pending = st.toggle(t("review.only_pending", lang), value=True, key="review_pending")

named = {q.id: q.entry.get("name", q.id) for q in batch.proposals if q.kind == "node"}
whole = whole_graph(store)
stored = memo(whole, f"names_{lang}", lambda: {n.id: name_in(n, lang) for n in whole.nodes})
selected: list[str] = []
for number, p in enumerate(batch.proposals, start=1):
    if only_pending and p.decision.status != "pending":
        continue
    with st.container(border=True):
        head, side = st.columns([5, 1])
        kind = label("type", p.type, lang) if p.kind == "node" else label("tie", p.type, lang)
        if p.kind == "node":
            title = str(p.entry.get("name", ""))
        else:
            role = f" ({label('role', p.entry['role'], lang)})" if p.entry.get("role") else ""
            title = f"{named.get(p.entry['source'], p.entry['source'])} → {named.get(p.entry['target'], p.entry['target'])}{role}"
        match = p.entry.get("match", {})
        status = t(f"review.status.{p.decision.status}", lang)
        if match.get("status") != "existing":
            matched = t("review.new", lang)
        elif p.kind == "tie":  # a tie is stored as it is proposed: its id says nothing to a reader
            matched = t("review.stored_tie", lang)
        elif match.get("id") in stored:
            matched = t("review.existing", lang, id=md(stored[match["id"]]))
        else:  # matched a node since merged away or erased: accepting it adds it anew
            matched = t("review.new", lang)
        head.markdown(
            f"**{number}. {md(kind)}{t('punctuation.colon', lang)}{md(title)}** · {md(status)} · {matched} · {t('review.confidence', lang, value=number_text(p.confidence, lang, 2))}"
        )
        for ev in p.evidence[:2]:
            parts = highlight(ev.text, labels_of(batch, p))
            head.markdown("> " + "".join(f"**{md(text)}**" if marked else md(text) for text, marked in parts))
        if p.decision.status == "pending":
            if side.checkbox(t("review.select", lang), key=f"review_sel_{batch.id[:8]}_{number}"):
                selected.append(p.id)
            if p.kind == "node":
                with head.expander(t("review.edit_or_merge", lang)):
                    new_name = st.text_input(
                        t("review.name", lang),
                        value=p.entry.get("name", ""),
                        key=f"review_name_{batch.id[:8]}_{number}",
                    )
                    if st.button(t("review.accept_edited", lang), key=f"review_edit_{batch.id[:8]}_{number}"):
                        try:
                            decide(store, batch.id, [p.id], "accept", by=who, edits={"name": new_name})
                            st.rerun()
                        except ValidationFailed as e:
                            _problems(e)
                    # the stored node it is: searched by name like every picker, of the proposal's type
                    sought = pickers.search_box(
                        t("review.merge_search", lang), key=f"review_find_{batch.id[:8]}_{number}", lang=lang
                    )
                    found = pickers.matches(store, sought, key=key, editor=True, types=[NodeType(p.type)])
                    if sought and not found:
                        pickers.nothing_found(sought, lang)
                    target = pickers.pick_one(
                        t("review.merge_into", lang),
                        found,
                        key=f"review_into_{batch.id[:8]}_{number}",
                        lang=lang,
                        format_func=lambda nid: stored.get(nid, nid),
                    )
                    if st.button(t("review.merge", lang), key=f"review_merge_{batch.id[:8]}_{number}") and target:
                        try:
                            decide(store, batch.id, [p.id], "merge", by=who, into=target)
                            st.rerun()
                        except ValidationFailed as e:
                            _problems(e)
        elif p.decision.by and p.decision.at:
            side.caption(
                t("review.decided", lang, by=md(author(p.decision.by, lang)), at=datetime_text(p.decision.at, lang))
            )

left, right = st.columns(2)
if left.button(
    t("review.accept_selected", lang, count=len(selected)), key="review_accept", type="primary", disabled=not selected
):
    try:
        outcome = decide(store, batch.id, selected, "accept", by=who)
        st.session_state["review_done"] = t("review.written", lang, nodes=outcome.nodes, ties=outcome.ties)
        st.rerun()
    except ValidationFailed as e:
        _problems(e)
if right.button(t("review.reject_selected", lang, count=len(selected)), key="review_reject", disabled=not selected):
    decide(store, batch.id, selected, "reject", by=who)
    st.rerun()
if st.session_state.get("review_done"):
    st.success(st.session_state.pop("review_done"))

"""Duplicates (editor mode only): likely duplicate pairs with their evidence, merged or undone with one click.

Calls :func:`graph.intake.duplicates.find_duplicates`, :func:`graph.intake.merge.merge`
and :func:`graph.intake.merge.undo`: the merge keeps the first node of a pair and
logs the change, so that it can be undone.
"""

from __future__ import annotations

import streamlit as st

from graph.intake.duplicates import find_duplicates
from graph.intake.merge import merge, undo, undone_merges
from ui import urlstate
from ui.context import get_store, is_editor, language, md
from ui.evidence import reason_writer
from ui.i18n import APP_EDITOR, author, datetime_text, label, listed, number, t

lang = language()
urlstate.merge({"lang": lang})  # a reload or a link keeps the reader's language
st.title(t("duplicates.title", lang))
if not is_editor():  # the page is only listed for editors; a direct URL lands here
    st.stop()
store = get_store()
who = APP_EDITOR
st.write(t("duplicates.intro", lang))
if st.session_state.get("duplicates_done"):
    st.success(st.session_state.pop("duplicates_done"))

sub = store.cached_snapshot()
pairs = find_duplicates(sub.nodes, sub.ties)[:30]
reason_text = reason_writer(store, pairs, lang)

if not pairs:
    st.info(t("duplicates.none", lang))
for i, pair in enumerate(pairs):
    with st.container(border=True):
        st.markdown(
            f"**{md(pair.names[0])}** · **{md(pair.names[1])}** · "
            f"{md(label('type', pair.type, lang))} · {t('duplicates.score', lang, value=number(pair.score, lang, 2))}"
        )
        st.caption(md(listed((reason_text(r) for r in pair.reasons), lang)))
        if st.button(
            t("duplicates.merge", lang, other=md(pair.names[1]), keep=md(pair.names[0])), key=f"dup_merge_{i}"
        ):
            merge(store, pair.a, pair.b, by=who)
            st.session_state["duplicates_done"] = t("duplicates.merged", lang, other=pair.names[1], keep=pair.names[0])
            st.rerun()

log = store.changes()
merges = [c for c in log if c.action == "merge"]
if merges:
    st.subheader(t("duplicates.log", lang))
    undone = undone_merges(log)
    for c in reversed(merges[-20:]):
        left, right = st.columns([5, 1])
        state = t("duplicates.undone", lang) if c.id in undone else ""
        before = {n.id: n.name for n in c.before_nodes}
        left.markdown(
            f"{datetime_text(c.at, lang)} · {md(author(c.by, lang))} · {md(before.get(c.other, c.other))} → "
            f"{md(before.get(c.keep, c.keep))} {state}"
        )
        if c.id not in undone and right.button(t("duplicates.undo", lang), key=f"dup_undo_{c.id[:8]}"):
            undo(store, c.id, by=who)
            st.session_state["duplicates_done"] = t("duplicates.undid", lang)
            st.rerun()

"""Suggestions: whom an actor should meet, with reasons, filters and feedback;
and the forum composer.

Collects the inputs and asks the process' one
:class:`graph.suggest.service.SuggestionService` for the ranking and the
forum (it keeps engines and forums per graph version and view, and trains
the learned model in the background on large networks); renders what it
returns. Suggested ties are drawn dashed, apart from recorded ones
(:func:`graph.draw.suggestions.suggestion_html`). Results download as JSON
and CSV, written by the library (:func:`graph.suggest.engine.suggestions_json`
...). Recording a decision is a write: only editors see the buttons, which
call :func:`graph.suggest.feedback.record_feedback`.
"""

from __future__ import annotations

import streamlit as st

from graph.draw.suggestions import suggestion_html, suggestion_view
from graph.facts import memo, name_in, named_in, title_in
from graph.ids import sort_key
from graph.model import ACTOR_TYPES, NodeType, TieType
from graph.privacy import redact, redact_sources
from graph.suggest import heuristic_names
from graph.suggest.engine import SuggestionFilter, suggestions_csv, suggestions_json
from graph.suggest.feedback import record_feedback
from graph.suggest.forum import forum_csv, forum_json
from graph.suggest.service import SuggestionService
from graph.suggest.text import render
from ui import pickers, urlstate
from ui.context import get_settings, get_store, is_editor, language, md, vis_assets, whole_graph
from ui.i18n import label, labels, listed, option, stand_in_words, t
from ui.tables import static_table

SCORERS = ["learned", *heuristic_names()]
#: The filters' "no choice" option.
ANY = ""


@st.cache_resource(show_spinner=False)
def _service(background_actors: int) -> SuggestionService:
    """The suggestion service of this process (shared by all sessions): engines,
    the learned model's background training and composed forums, per graph version."""
    return SuggestionService(background_actors=background_actors)


def _record(actor: str, other: str, kind: str) -> None:
    record_feedback(get_store(), actor, other, kind)
    st.session_state["sg_recorded"] = (other, kind)


lang = language()


def _text(key: str) -> str:
    """A template of :mod:`graph.suggest.text` in the reader's language (the catalogue's ``suggest.<key>``)."""
    return t(f"suggest.{key}", lang)


def _label(group: str, value: str) -> str:
    return label(group, value, lang)


def _rename(name: str) -> str:
    """A node's stored name as the reader reads it (``names.<lang>``)."""
    return translated.get(name, name)


def _by_label(group: str, codes) -> list[str]:
    """``codes`` in the order of their labels in the reader's language (a picker's options)."""
    return sorted(codes, key=lambda code: sort_key(label(group, code, lang)))


def _header(column: str) -> str:
    """A download's column header in the reader's language."""
    return t(f"suggest.csv.{column}", lang)


store = get_store()
editor = is_editor()
service = _service(get_settings().background_actors)
key = store.cache_key()
view = "editor" if editor else "public"  # private persons by name, or as stand-ins
whole = redact(whole_graph(store), show_private=editor, words=stand_in_words())  # read once per graph version
# names of every actor in the reader's language, kept with the graph; only search results go to the browser
names = memo(
    whole, f"actor_names_{lang}", lambda: {n.id: name_in(n, lang) for n in whole.nodes if n.type in ACTOR_TYPES}
)
actors = memo(whole, "actor_nodes", lambda: [n for n in whole.nodes if n.type in ACTOR_TYPES])
topics = sorted((n for n in whole.nodes if n.type is NodeType.TOPIC), key=lambda n: sort_key(name_in(n, lang)))
source_titles = {
    src.id: title_in(src, lang) for src in redact_sources(store.get_sources(), whole_graph(store), show_private=editor)
}
by_id = memo(whole, "nodes_by_id", lambda: {n.id: n for n in whole.nodes})
translated = memo(
    whole,
    f"translated_names_{lang}",
    lambda: {n.name: name_in(n, lang) for n in whole.nodes if name_in(n, lang) != n.name},
)

st.title(t("suggest.title", lang))
st.caption(t("suggest.intro", lang))
if not actors:
    st.info(t("suggest.no_data", lang))
    st.stop()

# The actor in focus travels between the pages (in the session: the page menu keeps no query) and in
# the URL (``focus``, as the explorer writes it): the explorer's actor is the one suggested for, a
# shared link opens on its actor, and the explorer opens on the one chosen here.
arrival = urlstate.arrived()
asked_focus = (arrival or urlstate.current()).get("focus", [""])[0]
moved = urlstate.focus_from_elsewhere("suggest")
if moved in names:
    st.session_state["sg_actor"] = moved
elif asked_focus in names and ("sg_actor" not in st.session_state or arrival):
    st.session_state["sg_actor"] = asked_focus

pairs_tab, forum_tab = st.tabs([t("suggest.tab_pairs", lang), t("suggest.tab_forum", lang)])

# -- who should meet whom ---------------------------------------------------------------
with pairs_tab:
    left, mid, right = st.columns([1, 1, 1])
    text = pickers.search_box(t("suggest.search", lang), key="sg_search", lang=lang, container=left)
    actor_matches = [i for i in pickers.matches(store, text, key=key, editor=editor, types=ACTOR_TYPES) if i in names]
    if text and not actor_matches:
        pickers.nothing_found(text, lang, container=left)
    actor = pickers.pick_one(
        t("suggest.actor", lang),
        actor_matches,
        key="sg_actor",
        lang=lang,
        format_func=lambda i: names.get(i, i),
        container=mid,
        placeholder=t("suggest.actor_placeholder", lang),
        text=text,
    )
    scorer = right.selectbox(
        t("suggest.scorer", lang),
        SCORERS,
        key="sg_scorer",
        format_func=lambda s: t(f"suggest.scorers.{s}", lang),
        placeholder=t("app.choose", lang),
    )
    with st.expander(t("suggest.filters", lang), expanded=False):
        c1, c2, c3, c4 = st.columns(
            [2, 2.6, 1.8, 1.8]
        )  # room for "Seulement transfrontalier" and "Organisationen (Standard)"
        cross = c1.checkbox(t("suggest.cross_border", lang), key="sg_cross")
        kinds = _by_label("kind", {str(getattr(n, "kind", "")) for n in actors if getattr(n, "kind", None)})
        # "" and not None for "no choice": Streamlit keeps a selected None as no selection, and the box
        # then showed its placeholder after any other filter changed
        # organisations are the default: no second option for them
        type_options = [ANY, *[str(x) for x in ACTOR_TYPES if x is not NodeType.ORGANISATION], *kinds]
        actor_type = c2.selectbox(
            t("suggest.type", lang),
            type_options,
            key="sg_type",
            format_func=lambda v: (
                t("suggest.type_default", lang)
                if v == ANY
                else option(label("type", v, lang))
                if v in ACTOR_TYPES
                else option(label("kind", v, lang))
            ),
            placeholder=t("app.choose", lang),
        )
        countries = _by_label("country", {c for n in actors for c in [getattr(n, "country", None)] if c})
        country = c3.selectbox(
            t("suggest.country", lang),
            [ANY, *countries],
            key="sg_country",
            format_func=lambda v: t("suggest.any", lang) if v == ANY else label("country", v, lang),
            placeholder=t("app.choose", lang),
        )
        topic_names = {n.id: name_in(n, lang) for n in topics}
        topic = c4.selectbox(
            t("suggest.topic", lang),
            [ANY, *topic_names],
            key="sg_topic",
            format_func=lambda v: t("suggest.any", lang) if v == ANY else topic_names[v],
            placeholder=t("app.choose", lang),
        )
    k = st.slider(t("suggest.k", lang), 1, 30, 10, key="sg_k")

    if actor is None:
        st.info(t("suggest.pick_first", lang))
    else:
        with st.spinner(t("suggest.training", lang)):
            ranking = service.suggest(
                key,
                view,
                whole,
                actor,
                scorer=scorer,
                k=k,
                filters=SuggestionFilter(
                    cross_border=cross, actor_type=actor_type or None, country=country or None, topic=topic or None
                ),
            )
        found = ranking.suggestions
        if ranking.training:
            st.info(t("suggest.training_background", lang))
        note, params = ranking.note
        # the learned default without enough history ranks by the evidence: say so, not "Learned"
        ranked_by = "evidence" if note == "no_percentage" else ranking.scorer
        st.caption(
            t("suggest.scored_by", lang, scorer=t(f"suggest.scorers.{ranked_by}", lang))
            + f" · {md(render(note, params, _text, _label))}"
        )
        recorded = st.session_state.pop("sg_recorded", None)
        if recorded:
            st.success(
                t(
                    "suggest.recorded",
                    lang,
                    name=md(names.get(recorded[0], recorded[0])),
                    decision=t(f"suggest.decision.{recorded[1]}", lang),
                )
            )
        if not found:
            st.info(t("suggest.none", lang))
        for s in found:
            with st.container(border=True):
                border = f" · {t('suggest.crosses', lang)}" if s.crosses_border else ""
                st.markdown(
                    f"**{s.rank}. {md(names.get(s.other, s.name))}** · {md(label('country', s.country or 'none', lang))}"
                    f" · {md(s.strength(_text))}{border}"
                )
                st.markdown("\n".join(f"- {md(r.render(_text, _label, _rename))}" for r in s.reasons))
                if s.sources:  # documents by their titles, never by their ids
                    titles = listed((source_titles.get(x, x) for x in s.sources), lang)
                    st.caption(t("suggest.sources", lang, sources=md(titles)))
                if editor:
                    b1, b2, b3 = st.columns(3)
                    for col, kind in zip((b1, b2, b3), ("already_in_contact", "not_relevant", "acted_on")):
                        col.button(
                            t(f"suggest.decision.{kind}", lang),
                            key=f"sg_{kind}_{s.other}",
                            on_click=_record,
                            args=(actor, s.other, kind),
                        )
        if found and not editor:
            st.caption(t("suggest.editor_only", lang))
        if found:
            d1, d2 = st.columns(2)
            d1.download_button(
                t("suggest.download_json", lang),
                suggestions_json(found, _text, _label, _rename),
                file_name="suggestions.json",
                mime="application/json",
                key="sg_dl_json",
            )
            d2.download_button(
                t("suggest.download_csv", lang),
                suggestions_csv(found, _text, _label, _rename, _header),
                file_name="suggestions.csv",
                mime="text/csv",
                key="sg_dl_csv",
            )
            drawn = named_in(suggestion_view(whole, actor, found), lang)
            page = suggestion_html(
                drawn,
                found,
                focus=actor,
                type_labels=labels("type", NodeType, lang),
                tie_labels=labels("tie", TieType, lang),
                suggested_label=t("suggest.legend_suggested", lang),
                recorded_label=t("suggest.legend_recorded", lang),
                legend_title=t("suggest.legend", lang),
                assets=vis_assets(),
                reason_text=lambda r: r.render(_text, _label, _rename),
                role_labels=labels("role", {x.role for x in drawn.ties if x.role}, lang),
            )
            st.iframe(page, height=580, alt=t("suggest.title", lang))

# -- forum composer ----------------------------------------------------------------------------
with forum_tab:
    topic_names = {n.id: name_in(n, lang) for n in topics}
    f1, f2 = st.columns([2, 1])
    forum_topic = f1.selectbox(
        t("suggest.forum_topic", lang),
        [ANY, *topic_names],
        key="sg_f_topic",
        format_func=lambda v: t("suggest.any", lang) if v == ANY else topic_names[v],
        placeholder=t("app.choose", lang),
    )
    # a slider: a number field out of its range says so in Streamlit's English
    size = f2.slider(t("suggest.forum_size", lang), min_value=2, max_value=60, value=8, step=1, key="sg_f_size")
    f5, f6 = st.columns([1, 2])
    invite_text = pickers.search_box(t("suggest.invite_search", lang), key="sg_f_search", lang=lang, container=f5)
    invite_found = [
        i for i in pickers.matches(store, invite_text, key=key, editor=editor, types=ACTOR_TYPES) if i in names
    ]
    if invite_text and not invite_found:
        pickers.nothing_found(invite_text, lang, container=f5)
    invited = pickers.pick_many(
        t("suggest.forum_invited", lang),
        invite_found,
        key="sg_f_invited",
        lang=lang,
        format_func=lambda i: names.get(i, i),
        container=f6,
    )
    with st.expander(t("suggest.forum_coverage", lang), expanded=False):
        c1, c2 = st.columns(2)
        all_countries = _by_label("country", {c for n in actors for c in [getattr(n, "country", None)] if c})
        want_countries = c1.multiselect(
            t("suggest.forum_countries_wanted", lang),
            all_countries,
            key="sg_f_countries",
            format_func=lambda v: label("country", v, lang),
            placeholder=t("suggest.forum_all", lang),
        )
        all_kinds = _by_label("kind", {str(getattr(n, "kind", "")) for n in actors if getattr(n, "kind", None)})
        want_sectors = c2.multiselect(
            t("suggest.forum_sectors_wanted", lang),
            all_kinds,
            key="sg_f_sectors",
            format_func=lambda v: option(label("kind", v, lang)),
            placeholder=t("suggest.forum_all", lang),
        )
    with st.spinner(t("suggest.composing", lang)):
        plan = service.forum(
            key, view, whole, forum_topic or None, int(size), tuple(invited), tuple(want_countries), tuple(want_sectors)
        )
    rows = [
        {
            t("suggest.col_name", lang): names.get(i.actor, i.name),
            t("suggest.col_country", lang): label("country", i.country or "none", lang),
            t("suggest.col_sector", lang): label("kind", i.sector, lang) if i.sector else "",
            t("suggest.col_reasons", lang): listed(
                (render(f"forum_reason.{kind}", p, _text, _label, _rename) for kind, p in i.params), lang
            ),
        }
        for i in plan.invitees
    ]
    static_table(rows)  # a static table wraps the reasons (a grid cut them, and long sectors, at its column width)
    covered, sectors_line, pairs_line = plan.summary(_text, _label)
    st.markdown(md(covered))
    st.markdown(md(sectors_line))
    st.caption(md(pairs_line))
    for note in plan.note_texts(_text, _label, _rename):
        st.info(md(note))
    f3, f4 = st.columns(2)
    f3.download_button(
        t("suggest.download_json", lang),
        forum_json(plan, _text, _label, _rename),
        file_name="forum.json",
        mime="application/json",
        key="sg_f_dl_json",
    )
    f4.download_button(
        t("suggest.download_csv", lang),
        forum_csv(plan, _text, _label, _rename, _header),
        file_name="forum.csv",
        mime="text/csv",
        key="sg_f_dl_csv",
    )

urlstate.share_focus("suggest", actor)
urlstate.merge({"lang": lang, **({"focus": actor} if actor else {})})

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

import re

import pandas as pd
import streamlit as st

from graph.draw.suggestions import suggestion_html, suggestion_view
from graph.facts import memo, name_in
from graph.model import ACTOR_TYPES, NodeType, TieType
from graph.privacy import redact
from graph.suggest import heuristic_names
from graph.suggest.engine import SuggestionFilter, suggestions_csv, suggestions_json
from graph.suggest.feedback import record_feedback
from graph.suggest.forum import forum_csv, forum_json
from graph.suggest.service import SuggestionService
from ui import pickers, urlstate
from ui.context import get_settings, get_store, is_editor, language, md, vis_assets, whole_graph
from ui.i18n import label, labels, number, percent, t

SCORERS = ["learned", *heuristic_names()]


@st.cache_resource(show_spinner=False)
def _service(background_actors: int) -> SuggestionService:
    """The suggestion service of this process (shared by all sessions): engines,
    the learned model's background training and composed forums, per graph version."""
    return SuggestionService(background_actors=background_actors)


def _record(actor: str, other: str, kind: str) -> None:
    record_feedback(get_store(), actor, other, kind)
    st.session_state["sg_recorded"] = (other, kind)


def _params(params: dict, lang: str) -> dict:
    """A reason's parameters in words: country codes and sectors as labels, shares as percentages."""
    out = dict(params)
    for name in ("a", "b", "country"):
        if isinstance(out.get(name), str) and len(out[name]) == 2 and out[name].isupper():
            out[name] = label("country", out[name], lang)
    if "sector" in out:
        out["sector"] = label("kind", out["sector"], lang)
    if isinstance(out.get("value"), float):
        share = out["value"]
        out["percent"] = percent(share, lang) if share >= 0.01 else t("suggest.under_one_percent", lang)
    return out


def _reason_text(reason, lang: str) -> str:
    params = _params(reason.params, lang)
    if reason.kind in ("shared_topics", "shared_groups") and reason.evidence:
        # each piece of evidence names one topic or group by its node: its name in the reader's language
        shown = [
            name_in(by_id[e.nodes[0]], lang) if e.nodes and e.nodes[0] in by_id else e.label for e in reason.evidence
        ]
        params["names"] = ", ".join(shown)
    elif reason.kind in ("shared_partners", "new_actor"):
        # the engine names actors by their stored names: the reader's language where there is one
        key = "names" if "names" in params else "name"
        params[key] = ", ".join(translated.get(x, x) for x in str(params[key]).split(", "))
    return t(f"suggest.reason.{reason.kind}", lang, **params)


_TRAINED = re.compile(r"^trained from (history|hidden ties): (.+)$")
_SEGMENT = re.compile(r"^(warm|cold|low) pairs on (\d+) new ties$")


def status_text(status: str, lang: str) -> str:
    """The learned scorer's status line (English text of :mod:`graph.suggest.learned`) in ``lang``;
    a line of another form is shown as it is."""
    if status == "not fitted":
        return t("suggest.status.not_fitted", lang)
    if status.startswith("untrained:"):
        return t("suggest.status.untrained", lang)
    found = _TRAINED.match(status)
    if not found:
        return status
    parts = []
    for part in found.group(2).split(", "):
        seg = _SEGMENT.match(part)
        if not seg:
            return status
        parts.append(t(f"suggest.status.segment_{seg.group(1)}", lang, n=number(int(seg.group(2)), lang)))
    mode = "history" if found.group(1) == "history" else "hidden"
    return t(f"suggest.status.trained_{mode}", lang, parts=", ".join(parts))


lang = language()
store = get_store()
editor = is_editor()
service = _service(get_settings().background_actors)
key = store.cache_key()
view = "editor" if editor else "public"  # private persons by name, or as stand-ins
whole = redact(whole_graph(store), show_private=editor)  # read once per graph version
# names of every actor in the reader's language, kept with the graph; only search results go to the browser
names = memo(
    whole, f"actor_names_{lang}", lambda: {n.id: name_in(n, lang) for n in whole.nodes if n.type in ACTOR_TYPES}
)
actors = memo(whole, "actor_nodes", lambda: [n for n in whole.nodes if n.type in ACTOR_TYPES])
topics = sorted((n for n in whole.nodes if n.type is NodeType.TOPIC), key=lambda n: name_in(n, lang).casefold())
source_titles = {src.id: src.title for src in store.get_sources()}
by_id = memo(whole, "nodes_by_id", lambda: {n.id: n for n in whole.nodes})
translated = {n.name: names[n.id] for n in actors if names.get(n.id, n.name) != n.name}

st.title(t("suggest.title", lang))
st.caption(t("suggest.intro", lang))
if not actors:
    st.info(t("suggest.no_data", lang))
    st.stop()

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
    )
    scorer = right.selectbox(
        t("suggest.scorer", lang), SCORERS, key="sg_scorer", format_func=lambda s: t(f"suggest.scorers.{s}", lang)
    )
    with st.expander(t("suggest.filters", lang), expanded=False):
        c1, c2, c3, c4 = st.columns(4)
        cross = c1.checkbox(t("suggest.cross_border", lang), key="sg_cross")
        kinds = sorted({str(getattr(n, "kind", "")) for n in actors if getattr(n, "kind", None)})
        type_options = [None, *[str(x) for x in ACTOR_TYPES], *kinds]
        actor_type = c2.selectbox(
            t("suggest.type", lang),
            type_options,
            key="sg_type",
            format_func=lambda v: (
                t("suggest.any", lang)
                if v is None
                else label("type", v, lang)
                if v in ACTOR_TYPES
                else label("kind", v, lang)
            ),
        )
        countries = sorted({c for n in actors for c in [getattr(n, "country", None)] if c})
        country = c3.selectbox(
            t("suggest.country", lang),
            [None, *countries],
            key="sg_country",
            format_func=lambda v: t("suggest.any", lang) if v is None else label("country", v, lang),
        )
        topic_names = {n.id: name_in(n, lang) for n in topics}
        topic = c4.selectbox(
            t("suggest.topic", lang),
            [None, *topic_names],
            key="sg_topic",
            format_func=lambda v: t("suggest.any", lang) if v is None else topic_names[v],
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
                filters=SuggestionFilter(cross_border=cross, actor_type=actor_type, country=country, topic=topic),
            )
        found = ranking.suggestions
        if ranking.training:
            st.info(t("suggest.training_background", lang))
        st.caption(
            t("suggest.scored_by", lang, scorer=t(f"suggest.scorers.{ranking.scorer}", lang))
            + (f" · {md(status_text(ranking.status, lang))}" if ranking.status else "")
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
                value = (
                    t("suggest.probability", lang, percent=percent(s.probability, lang))
                    if s.probability is not None
                    else t("suggest.score", lang, score=number(s.score, lang, 3))
                )
                border = f" · {t('suggest.crosses', lang)}" if s.crosses_border else ""
                st.markdown(
                    f"**{s.rank}. {md(names.get(s.other, s.name))}**"
                    f" · {md(label('country', s.country, lang) if s.country else '?')}"
                    f" · {value}{border}"
                )
                st.markdown("\n".join(f"- {md(_reason_text(r, lang))}" for r in s.reasons))
                if s.sources:  # documents by their titles, never by their ids
                    titles = "; ".join(source_titles.get(x, x) for x in s.sources)
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
                suggestions_json(found),
                file_name="suggestions.json",
                mime="application/json",
                key="sg_dl_json",
            )
            d2.download_button(
                t("suggest.download_csv", lang),
                suggestions_csv(found),
                file_name="suggestions.csv",
                mime="text/csv",
                key="sg_dl_csv",
            )
            page = suggestion_html(
                suggestion_view(whole, actor, found),
                found,
                focus=actor,
                type_labels=labels("type", NodeType, lang),
                tie_labels=labels("tie", TieType, lang),
                suggested_label=t("suggest.legend_suggested", lang),
                recorded_label=t("suggest.legend_recorded", lang),
                legend_title=t("suggest.legend", lang),
                assets=vis_assets(),
            )
            st.iframe(page, height=580, alt=t("suggest.title", lang))

# -- forum composer ----------------------------------------------------------------------------
with forum_tab:
    topic_names = {n.id: name_in(n, lang) for n in topics}
    f1, f2 = st.columns([2, 1])
    forum_topic = f1.selectbox(
        t("suggest.forum_topic", lang),
        [None, *topic_names],
        key="sg_f_topic",
        format_func=lambda v: t("suggest.any", lang) if v is None else topic_names[v],
    )
    size = f2.number_input(t("suggest.forum_size", lang), min_value=2, max_value=60, value=8, step=1, key="sg_f_size")
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
    with st.spinner(t("suggest.composing", lang)):
        plan = service.forum(key, view, whole, forum_topic, int(size), tuple(invited))
    rows = [
        {
            t("suggest.col_name", lang): names.get(i.actor, i.name),
            t("suggest.col_country", lang): label("country", i.country, lang) if i.country else "",
            t("suggest.col_sector", lang): label("kind", i.sector, lang) if i.sector else "",
            t("suggest.col_reasons", lang): "; ".join(
                t(f"suggest.forum_reason.{kind}", lang, **_params(p, lang)) for kind, p in i.params
            ),
        }
        for i in plan.invitees
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="sg_f_table")
    st.markdown(
        md(
            t(
                "suggest.forum_countries",
                lang,
                covered=", ".join(label("country", c, lang) for c in plan.countries) or "–",
                missing=", ".join(label("country", c, lang) for c in plan.countries_missing) or "–",
            )
        )
    )
    st.markdown(
        md(
            t(
                "suggest.forum_sectors",
                lang,
                covered=", ".join(label("kind", x, lang) for x in plan.sectors) or "–",
                missing=", ".join(label("kind", x, lang) for x in plan.sectors_missing) or "–",
            )
        )
    )
    st.caption(t("suggest.forum_pairs", lang, new=plan.new_pairs, pairs=plan.pairs))
    f3, f4 = st.columns(2)
    f3.download_button(
        t("suggest.download_json", lang),
        forum_json(plan),
        file_name="forum.json",
        mime="application/json",
        key="sg_f_dl_json",
    )
    f4.download_button(
        t("suggest.download_csv", lang),
        forum_csv(plan),
        file_name="forum.csv",
        mime="text/csv",
        key="sg_f_dl_csv",
    )

urlstate.merge({"lang": lang})

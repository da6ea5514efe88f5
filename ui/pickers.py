"""Pickers that search first: a search box, then at most a few dozen matches to choose from.

A list of every organisation (35,871 in CORDIS) costs the browser seconds
of CPU each time it opens; these pickers send only what the search found
(:func:`graph.explore.find`, the store's indexed search, the one look-up of
names: :mod:`graph.lookup`'s rules), plus what is already chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import streamlit as st

from graph.model import NodeType
from graph.store.base import CacheKey, GraphStore
from ui import cached
from ui.context import md
from ui.i18n import t


def matches(
    store: GraphStore,
    text: str,
    *,
    key: CacheKey,
    editor: bool,
    types: Collection[NodeType] | None = None,
) -> list[str]:
    """Ids of the nodes (of ``types``) that ``text`` finds, best first (none for no text)."""
    text = text.strip()
    if not text:
        return []
    return [n.id for n in cached.find(store, text, key=key, editor=editor) if types is None or n.type in types]


def search_box(label: str, *, key: str, lang: str, placeholder: str | None = None, container=st) -> str:
    """The search box of a picker; says so when nothing is found (the caller checks)."""
    return container.text_input(
        label,
        key=key,
        placeholder=placeholder or t("pickers.search_placeholder", lang),
        help=t("explorer.search_help", lang),
    ).strip()


def take_single_hit(key: str, text: str, found: list[str]) -> None:
    """A search just typed that has exactly one hit chooses it, as pressing Enter on it would. Only
    when the text has changed: a reader who clears the choice keeps it cleared, and a search that
    finds its node only after a write leaves the choice to the reader. Call before the picker ``key``
    is drawn."""
    seen = f"{key}__searched"
    if text != st.session_state.get(seen, "") and text and len(found) == 1:
        st.session_state[key] = found[0]
    st.session_state[seen] = text


def pick_one(
    label: str,
    found: list[str],
    *,
    key: str,
    lang: str,
    format_func: Callable[[str], str],
    container=st,
    placeholder: str | None = None,
    text: str = "",
) -> str | None:
    """A selectbox over the current choice and what the search for ``text`` found (a single hit is
    chosen: :func:`take_single_hit`)."""
    take_single_hit(key, text, found)
    current = st.session_state.get(key)
    options = list(dict.fromkeys(([current] if current else []) + found))
    return container.selectbox(
        label,
        options,
        index=None,
        key=key,
        placeholder=placeholder or t("pickers.pick_placeholder", lang),
        format_func=format_func,
        disabled=not options,
    )


def pick_many(
    label: str,
    found: list[str],
    *,
    key: str,
    lang: str,
    format_func: Callable[[str], str],
    container=st,
) -> list[str]:
    """A multiselect over what is chosen so far and what the search found."""
    chosen = list(st.session_state.get(key) or [])
    options = list(dict.fromkeys(chosen + found))
    return container.multiselect(
        label,
        options,
        key=key,
        format_func=format_func,
        placeholder=t("pickers.many_placeholder", lang),
    )


def nothing_found(text: str, lang: str, container=st) -> None:
    container.caption(t("explorer.no_results", lang, query=md(text)))

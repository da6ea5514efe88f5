"""The URL in step with what a page shows (``st.query_params``): back, forward and links work.

Streamlit writes each change of ``st.query_params`` as a new entry of the
browser's history and reruns the page with the old query when the reader
goes back or forward. So a page reads the query at its start and writes it
at its end:

- :func:`arrived` is the query when the page was opened from a link (a new
  session) or the reader went back or forward (Streamlit marks such a run as
  a history navigation) and it is not what this session last wrote. The
  page then sets its widgets from it. A run whose query is merely stale (the
  reader clicked before the browser had taken the last run's URL) is not an
  arrival: the session's widgets win, and the page writes the URL again.
- :func:`write` sets the query to the page's state (one history entry when
  it changed); :func:`merge` adds to it, keeping what other pages wrote
  (pages that only put the language in the URL), so a view survives a
  visit to another page.

What the query means is the library's (:class:`graph.explore.permalink.ViewParams`);
this module only moves it between the URL and the session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

#: Session key of the query this session last wrote.
SYNCED = "_url_synced"

Query = dict[str, list[str]]


def current() -> Query:
    """The page's query parameters, each as a list of values."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _normal(params: Mapping[str, str | Sequence[str]]) -> Query:
    out: Query = {}
    for key, value in params.items():
        values = [value] if isinstance(value, str) else [str(v) for v in value]
        if values:
            out[key] = values
    return out


def history_navigation() -> bool:
    """Whether this run follows the browser's back or forward button."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and getattr(ctx, "is_history_navigation", False))


def arrived() -> Query | None:
    """The query of a link opened or of back or forward, when it is not what this session last wrote; else ``None``."""
    now = current()
    synced = st.session_state.get(SYNCED)
    if now == synced or (synced is not None and not history_navigation()):
        return None
    return now


def write(params: Mapping[str, str | Sequence[str]]) -> None:
    """Set the query to ``params`` (a new history entry when it changes)."""
    wanted = _normal(params)
    if wanted != current():
        st.query_params.from_dict(wanted)
    st.session_state[SYNCED] = wanted


def merge(params: Mapping[str, str | Sequence[str]]) -> None:
    """Set these parameters, keeping the others in the query."""
    write({**current(), **_normal(params)})


#: The node in focus, shared by the pages (the explorer's focus, the Suggestions page's actor).
#: Streamlit's page menu leaves only the language in the URL, so between pages it travels in the session.
_FOCUS = "shared_focus"


def share_focus(page: str, node_id: str | None) -> None:
    """``node_id`` is in focus on ``page``: another page opens on it (:func:`focus_from_elsewhere`)."""
    if node_id:
        st.session_state[_FOCUS] = node_id
        st.session_state[f"{_FOCUS}_seen_{page}"] = node_id


def focus_from_elsewhere(page: str) -> str | None:
    """The node another page put in focus since ``page`` last looked, once; else ``None``."""
    shared, seen = st.session_state.get(_FOCUS), f"{_FOCUS}_seen_{page}"
    if shared and shared != st.session_state.get(seen):
        st.session_state[seen] = shared
        return shared
    return None

"""App wiring shared by ``app.py`` and the pages: settings, the store, the language.

- :func:`get_settings` builds the one :class:`~pontes.settings.Settings` per
  process (``st.cache_resource``: frozen, safe to share).
- :func:`get_store` opens the store once per settings (``st.cache_resource``,
  closed again when the cache entry is released). An empty *embedded* store
  is filled with the seed network first, so ``streamlit run app.py`` shows
  something on a fresh checkout. Nothing connects or loads at import time.
- :func:`whole_graph` is the store's whole graph, read once per graph version.
- :func:`language` is the language picked in the sidebar.
- :func:`static_url` is where the app serves a file of its ``static/`` folder
  (``None`` when it does not); :func:`vis_assets` is where the drawings load
  vis-network from (else it is inlined).

Errors are not handled here: they propagate to the one handler in ``app.py``.
"""

from __future__ import annotations

import functools
import gc
import importlib
import re
import threading
import weakref
from concurrent.futures import Future, ThreadPoolExecutor

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from graph import explore
from graph.draw.page import ASSET_FILES
from graph.errors import ConfigError, NotFound, PontesError, StoreUnavailable, ValidationFailed
from graph.facts import activity_spans, memo, ties_by_node
from graph.store.base import CacheKey, GraphStore, Subgraph
from graph.store.gc_pause import GC_PAUSE
from pontes.settings import REPO_ROOT, Settings, load_settings
from ui.frontpage import LARGE_GRAPH
from ui.guard import Throttle
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, field_text, location_text, problem_text, t

LANG_KEY = "lang"
EDITOR_KEY = "editor"
THROTTLE_KEY = "editor_throttle"
#: The app's static folder next to app.py, served at /app/static/ when
#: server.enableStaticServing is on (.streamlit/config.toml): vis-network's files
#: (graph.draw.page.ASSET_FILES) in pyvis/, ECharts in echarts/ (ui/picture.py).
STATIC = REPO_ROOT / "static"
STATIC_ASSETS = STATIC / "pyvis"


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    """The settings, read from the environment once."""
    return load_settings()


def _close(store: GraphStore) -> None:
    store.close()


@st.cache_resource(show_spinner=False, on_release=_close)
def _open_store(settings: Settings) -> GraphStore:
    from pontes.stores import open_store

    store = open_store(settings)  # schema ensured
    try:
        if settings.backend == "embedded" and settings.seeds.exists() and store.counts().total_nodes == 0:
            from loaders import load_paths  # and networkx under it (0.2 s): only to seed an empty store

            load_paths(store, [settings.seeds], batch_size=settings.batch_size)
    except BaseException:
        store.close()
        raise
    return store


def get_store() -> GraphStore:
    """The store for the current settings (opened, and seeded if empty, on first use)."""
    settings = get_settings()
    with st.spinner(t("status.opening", language())):
        return _open_store(settings)


@functools.cache
def _static_scripts_run() -> bool:
    """Whether Streamlit's static file serving sends JavaScript and CSS as such.

    Older Streamlit releases (with an extension allow-list in
    ``streamlit.web.server.app_static_file_handler``; 1.67 has no such
    module) sent every static file but images as ``text/plain`` with
    ``nosniff``, which browsers refuse to run.
    """
    try:
        handler = importlib.import_module("streamlit.web.server.app_static_file_handler")
    except ImportError:  # gone with the allow-list
        return True
    allowed = getattr(handler, "SAFE_APP_STATIC_FILE_EXTENSIONS", None)
    return allowed is None or {".js", ".css"} <= set(allowed)


def static_url(path: str) -> str | None:
    """The URL path at which the app serves ``static/<path>`` (under ``server.baseUrlPath``), or ``None``.

    ``None`` when the app does not serve its static folder as scripts (e.g.
    ``streamlit run`` from another folder, without the config file) or the
    file is not there.
    """
    if not st.get_option("server.enableStaticServing") or not _static_scripts_run():
        return None
    if not (STATIC / path).exists():
        return None
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/{path}" if base else f"/app/static/{path}"


def vis_assets() -> str | None:
    """The URL path the drawings load vis-network from, or ``None`` to inline it.

    A path (``/app/static/pyvis/``, :func:`static_url`) when the app serves
    its static folder and the files are there: each drawing then ships only
    its graph, not vis-network's 0.7 MB again. ``None`` otherwise: the pages
    are self-contained, slower but complete.
    """
    if not all((STATIC_ASSETS / name).is_file() for name in ASSET_FILES):
        return None
    return static_url("pyvis/")


#: The library's pause of the garbage collector (graph/store/gc_pause.py), shared by
#: the stores' whole-graph reads: one pause per process.
_GC_PAUSE = GC_PAUSE
#: The whole graphs :func:`whole_graph` has returned (id -> graph, while it lives).
_SEEN: weakref.WeakValueDictionary[int, Subgraph] = weakref.WeakValueDictionary()
#: The cache key each whole graph of :data:`_SEEN` was read at.
_READ_AT: dict[int, CacheKey] = {}
#: From this many nodes on, a whole graph just read is frozen out of the
#: collector's reach (:func:`gc.freeze`); smaller graphs cost it nothing.
FREEZE_NODES = LARGE_GRAPH


def whole_graph(store: GraphStore) -> Subgraph:
    """The whole graph (:meth:`GraphStore.cached_snapshot`: read once per graph version).

    The first read of a large graph builds millions of objects (CORDIS:
    67,316 nodes and 144,719 ties as models, about a million objects the
    collector tracks). Python's garbage collector is paused meanwhile, and
    runs once, in full, after a read (:data:`graph.store.gc_pause.GC_PAUSE`,
    which the stores' reads use too): otherwise it walks the growing graph
    again and again during the read, and then once per generation as the
    graph ages: about half the read's time at CORDIS size (docs/scale.md).

    A graph of :data:`FREEZE_NODES` or more is then frozen (:func:`gc.freeze`),
    with its facets and derived facts (:func:`graph.explore.facets`: 200,000
    objects at CORDIS size, which the explorer computes on every page
    anyway): the collector no longer walks them. Otherwise every full collection, which
    any page run may trigger, walks the whole graph again (0.5 s at CORDIS
    size, more on a busy machine). Frozen objects are still freed when no
    longer used (reference counting); the next read unfreezes everything
    first, so cycles among them are collected then.
    """
    with _GC_PAUSE as pause:
        key = store.cache_key()
        whole = store.cached_snapshot()
        if _SEEN.get(id(whole)) is not whole:  # read just now, not from the store's cache
            _SEEN[id(whole)] = whole
            _READ_AT[id(whole)] = key
            weakref.finalize(whole, _READ_AT.pop, id(whole), None)
            # The one collection after the last pause (the store's read asks
            # for it too) walks the graph this one replaces as well; then freeze.
            gc.unfreeze()
            large = len(whole.nodes) >= FREEZE_NODES
            if large:
                # Computed once per graph (views.facets keeps them with it): the
                # explorer's facets and derived facts, frozen with the graph.
                explore.facets(whole)
                ties_by_node(whole)  # the years and places of a view's nodes are read from these
                memo(whole, "nodes_by_id", lambda: {n.id: n for n in whole.nodes})
                activity_spans(whole)  # once here, not a few thousand ties again for every new view
            pause.collect_after(freeze=large)
    return whole


#: Background reads of the whole graph (:func:`read_in_background`): cache token -> (version, future).
_BACKGROUND: dict[str, tuple[int, Future]] = {}
#: ... and the event that starts a read at once, when a page waits for it.
_URGENT: dict[str, threading.Event] = {}
#: Seconds a background read waits before it starts, unless a page needs the graph: the browser is
#: drawing the first page meanwhile, on the same cores.
BACKGROUND_DELAY = 3.0
_BACKGROUND_LOCK = threading.Lock()
_READER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pontes-whole-graph")


def read_in_background(store: GraphStore, key: CacheKey) -> None:
    """Start reading the whole graph of ``key``'s version in a thread (once), for the next page run.

    A page that could be shown without the whole graph (the explorer's
    first page from :mod:`ui.frontpage`) calls this last, so the read does
    not slow the run that the reader is waiting for; the read starts
    :data:`BACKGROUND_DELAY` seconds later (while the browser draws that
    page), or at once when a page waits for it (:func:`wait_for_whole_graph`).
    """
    with _BACKGROUND_LOCK:
        known = _BACKGROUND.get(key.store)
        if known is None or known[0] != key.version:
            urgent = _URGENT[key.store] = threading.Event()

            def read() -> Subgraph:
                urgent.wait(BACKGROUND_DELAY)
                return whole_graph(store)

            _BACKGROUND[key.store] = (key.version, _READER.submit(read))


def whole_graph_if_read(store: GraphStore, key: CacheKey) -> Subgraph | None:
    """The whole graph when this process has it for ``key``'s version (a background read
    finished, or an earlier page read it); ``None`` otherwise. Never reads."""
    with _BACKGROUND_LOCK:
        known = _BACKGROUND.get(key.store)
    if known is not None and known[0] == key.version and known[1].done() and known[1].exception() is None:
        return known[1].result()
    for whole in list(_SEEN.values()):
        if _READ_AT.get(id(whole)) == key:
            return whole
    return None


def wait_for_whole_graph(store: GraphStore, key: CacheKey) -> Subgraph:
    """The whole graph: from a background read of ``key``'s version if one runs, else :func:`whole_graph`."""
    with _BACKGROUND_LOCK:
        known = _BACKGROUND.get(key.store)
        urgent = _URGENT.get(key.store)
    if known is not None and known[0] == key.version:
        if urgent is not None:
            urgent.set()  # the reader is waiting: no more delay
        try:
            return known[1].result()
        except PontesError:
            pass  # read again here: the error reaches the page
    return whole_graph(store)


def language() -> str:
    """The UI language: the sidebar choice, else the configured default."""
    lang = st.session_state.get(LANG_KEY)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _keep_choices() -> None:
    """Keep every choice selected across a language switch (the language picker's ``on_change``).

    Streamlit sends a radio's or a select box's choice to the browser as its
    *label*, and the browser sends that label back: after a switch the old
    language's label ("Land") matches none of the new ones ("Pays"), so the
    radio showed nothing selected and the choice fell back to its default.
    Setting each choice again from Python (its value, "country", read with
    the old labels) makes Streamlit send it with the new labels. Only text
    values and lists of them are choices; buttons, uploads (which may not be
    set) and numbers (which have no label) are left alone.
    """
    state = st.session_state
    for key in list(state.keys()):
        if key == LANG_KEY or str(key).startswith("_"):
            continue
        value = state[key]
        if isinstance(value, str) or (
            isinstance(value, list | tuple) and value and all(isinstance(v, str) for v in value)
        ):
            state[key] = value


def language_switch(default: str) -> str:
    """The language picker in the sidebar; returns the chosen language."""
    if st.session_state.get(LANG_KEY) not in LANGUAGES:
        st.session_state[LANG_KEY] = default if default in LANGUAGES else DEFAULT_LANGUAGE
    return st.sidebar.selectbox(
        t("language.label", language()),
        LANGUAGES,
        key=LANG_KEY,
        format_func=lambda code: t(f"language.{code}", code),
        on_change=_keep_choices,
        placeholder=t("app.choose", language()),
    )


def is_editor() -> bool:
    """True once this session has unlocked editor mode."""
    return bool(st.session_state.get(EDITOR_KEY))


def editor_switch(settings: Settings, lang: str) -> bool:
    """The editor-mode box in the sidebar; returns whether this session is an editor.

    Without a configured editor password the app is read-only and says so.
    The password is compared by :meth:`Settings.editor_password_matches`.
    """
    with st.sidebar.expander(t("editor.title", lang), expanded=False):
        if settings.editor_password is None:
            st.caption(t("editor.disabled", lang))
            st.session_state[EDITOR_KEY] = False
        elif is_editor():
            st.caption(t("editor.active", lang))
            if st.button(t("editor.lock", lang), key="editor_lock"):
                st.session_state[EDITOR_KEY] = False
                st.rerun()
        else:
            throttle = st.session_state.setdefault(THROTTLE_KEY, Throttle())
            with st.form("editor_form", border=False):  # a form: Enter in the field unlocks too
                attempt = st.text_input(t("editor.password", lang), type="password", key="editor_password")
                submitted = st.form_submit_button(t("editor.unlock", lang), key="editor_unlock")
            if submitted:
                wait = throttle.wait()
                if wait > 0:
                    st.error(t("editor.wait", lang, seconds=f"{wait:.0f}" if wait >= 1 else "1"))
                elif settings.editor_password_matches(attempt):
                    throttle.succeeded()
                    st.session_state[EDITOR_KEY] = True
                    st.rerun()
                else:
                    delay = throttle.failed(session=_session_id())
                    st.error(t("editor.wrong", lang, seconds=f"{delay:.0f}"))
    return is_editor()


def _session_id() -> str:
    """A short, non-secret label of this browser session for the log."""
    ctx = get_script_run_ctx()
    return ctx.session_id[:8] if ctx is not None else "-"


def pages(lang: str, editor: bool = False) -> list[st.Page]:
    extra = (
        [
            st.Page("ui/pages/upload.py", title=t("page.upload", lang), icon=":material/upload:", url_path="upload"),
            st.Page(
                "ui/pages/review.py", title=t("page.review", lang), icon=":material/fact_check:", url_path="review"
            ),
            st.Page(
                "ui/pages/duplicates.py",
                title=t("page.duplicates", lang),
                icon=":material/join:",
                url_path="duplicates",
            ),
        ]
        if editor
        else []
    )
    return extra + [
        st.Page(
            "ui/pages/explorer.py",
            title=t("page.explorer", lang),
            icon=":material/hub:",
            url_path="explorer",
            default=True,
        ),
        st.Page("ui/pages/metrics.py", title=t("page.metrics", lang), icon=":material/monitoring:", url_path="metrics"),
        st.Page("ui/pages/suggest.py", title=t("page.suggest", lang), icon=":material/handshake:", url_path="suggest"),
        st.Page("ui/pages/about.py", title=t("page.about", lang), icon=":material/info:", url_path="about"),
    ]


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def md(text: object) -> str:
    """``text`` with Markdown (and Streamlit directive) characters escaped, so
    data is shown as typed inside ``st.markdown``, headers and messages."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def error_text(error: PontesError, lang: str) -> str:
    """The user message for a library error (Markdown, data escaped)."""
    kind = (
        "unavailable"
        if isinstance(error, StoreUnavailable)
        else "config"
        if isinstance(error, ConfigError)
        else "not_found"
        if isinstance(error, NotFound)
        else "validation"
        if isinstance(error, ValidationFailed)
        else "other"
    )
    if isinstance(error, NotFound):  # what was looked for, not the library's English sentence around it
        detail = md(error.node_id)
    elif isinstance(error, ValidationFailed):  # each problem located, and said in the reader's language
        colon = t("punctuation.colon", lang)
        detail = "  \n".join(
            md(
                f"{location_text(p.file, lang)}{colon}{location_text(p.entry, lang)}{colon}{field_text(p.field, lang)}{colon}{problem_text(p, lang)}"
            )
            for p in error.problems
        )
    else:
        detail = "  \n".join(md(line) for line in str(error).splitlines())
    return t(f"error.{kind}", lang, detail=detail)

"""App wiring shared by ``app.py`` and the pages: settings, the store, the language.

- :func:`get_settings` builds the one :class:`~pontes.settings.Settings` per
  process (``st.cache_resource``: frozen, safe to share).
- :func:`get_store` opens the store once per settings (``st.cache_resource``,
  closed again when the cache entry is released). An empty *embedded* store
  is filled with the seed network first, so ``streamlit run app.py`` shows
  something on a fresh checkout. Nothing connects or loads at import time.
- :func:`language` is the language picked in the sidebar.

Errors are not handled here: they propagate to the one handler in ``app.py``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from graph.errors import ConfigError, NotFound, PontesError, StoreUnavailable, ValidationFailed
from graph.store.base import GraphStore
from pontes.settings import Settings, load_settings
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

LANG_KEY = "lang"
EDITOR_KEY = "editor"


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    """The settings, read from the environment once."""
    return load_settings()


def _close(store: GraphStore) -> None:
    store.close()


@st.cache_resource(show_spinner=False, on_release=_close)
def _open_store(settings: Settings) -> GraphStore:
    from loaders import load_paths
    from pontes.stores import open_store

    store = open_store(settings)  # schema ensured
    try:
        if settings.backend == "embedded" and settings.seeds.exists() and store.counts().total_nodes == 0:
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


def language() -> str:
    """The UI language: the sidebar choice, else the configured default."""
    lang = st.session_state.get(LANG_KEY)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def language_switch(default: str) -> str:
    """The language picker in the sidebar; returns the chosen language."""
    if st.session_state.get(LANG_KEY) not in LANGUAGES:
        st.session_state[LANG_KEY] = default if default in LANGUAGES else DEFAULT_LANGUAGE
    return st.sidebar.selectbox(
        t("language.label", language()),
        LANGUAGES,
        key=LANG_KEY,
        format_func=lambda code: t(f"language.{code}", code),
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
            attempt = st.text_input(t("editor.password", lang), type="password", key="editor_password")
            if st.button(t("editor.unlock", lang), key="editor_unlock"):
                if settings.editor_password_matches(attempt):
                    st.session_state[EDITOR_KEY] = True
                    st.rerun()
                st.error(t("editor.wrong", lang))
    return is_editor()


def pages(lang: str, editor: bool = False) -> list[st.Page]:
    extra = (
        [st.Page("ui/pages/upload.py", title=t("page.upload", lang), icon=":material/upload:", url_path="upload")]
        if editor
        else []
    )
    return extra + [
        st.Page("ui/pages/explorer.py", title=t("page.explorer", lang), icon=":material/hub:",
                url_path="explorer", default=True),
        st.Page("ui/pages/metrics.py", title=t("page.metrics", lang), icon=":material/monitoring:", url_path="metrics"),
        st.Page("ui/pages/suggest.py", title=t("page.suggest", lang), icon=":material/handshake:", url_path="suggest"),
        st.Page("ui/pages/about.py", title=t("page.about", lang), icon=":material/info:", url_path="about"),
    ]


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def md(text: object) -> str:
    """``text`` with Markdown (and Streamlit directive) characters escaped, so
    data is shown as typed inside ``st.markdown``, headers and messages."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def display_uri(uri: str | None) -> str:
    """``uri`` without any user name or password in it."""
    if not uri:
        return ""
    parts = urlsplit(uri)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


def error_text(error: PontesError, lang: str) -> str:
    """The user message for a library error (Markdown, data escaped)."""
    kind = (
        "unavailable" if isinstance(error, StoreUnavailable)
        else "config" if isinstance(error, ConfigError)
        else "not_found" if isinstance(error, NotFound)
        else "validation" if isinstance(error, ValidationFailed)
        else "other"
    )
    detail = "  \n".join(md(line) for line in str(error).splitlines())
    return t(f"error.{kind}", lang, detail=detail)

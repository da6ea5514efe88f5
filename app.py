"""Pontes explorer: ``streamlit run app.py`` (or ``pontes app``).

A thin shell. Settings come from the environment (see
:mod:`pontes.settings`); the pages live in ``ui/pages/``. Errors the library
raises on purpose (:class:`graph.errors.PontesError`) become a message here,
and only here.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from graph.errors import PontesError
from ui import context, health, urlstate
from ui.i18n import LANGUAGES, t, widget_style

st.set_page_config(
    page_title="Pontes", page_icon=str(Path(__file__).parent / "static" / "pontes-icon.png"), layout="wide"
)  # a local file: no icon font from another host


def main() -> None:
    arrived = urlstate.arrived()  # a link, back or forward: its language first
    if arrived and arrived.get("lang", [""])[0] in LANGUAGES:
        st.session_state[context.LANG_KEY] = arrived["lang"][0]
    lang = context.language()
    try:
        settings = context.get_settings()
        lang = context.language_switch(settings.language)
        st.sidebar.caption(t("app.tagline", lang))
        st.html(widget_style(lang))  # Streamlit's own "No results" in the reader's language
        editor = context.editor_switch(settings, lang)
        page = st.navigation(context.pages(lang, editor))
        page.run()
    except PontesError as e:
        st.error(context.error_text(e, lang))
        health.retry_if_unavailable(e, lang)


main()

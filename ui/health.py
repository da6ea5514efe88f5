"""Recovery from a database outage without restarting the app.

When a page fails because the database cannot be reached, ``app.py`` shows the
message and calls :func:`retry_if_unavailable`. That adds a small fragment
that asks the store every :data:`RETRY_SECONDS` seconds whether it answers
again (quickly, without the driver's retries) and reruns the whole app as
soon as it does, so the data comes back without anyone reloading the page.
"""

from __future__ import annotations

import streamlit as st

from graph.errors import PontesError, StoreUnavailable
from ui import context
from ui.i18n import t

#: Seconds between two checks while the database is unavailable.
RETRY_SECONDS = 5


def store_answers() -> bool:
    """Whether the configured store can be reached now (opened on first use).

    Neo4j is asked with ``verify_connectivity`` (fails fast); other stores
    with :meth:`~graph.store.base.GraphStore.version`. Any other error counts
    as an answer: the app's rerun then shows it.
    """
    try:
        store = context.get_store()
        ping = getattr(store, "verify_connectivity", store.version)
        ping()
    except StoreUnavailable:
        return False
    except PontesError:
        return True
    return True


@st.fragment(run_every=RETRY_SECONDS)
def _retry(lang: str) -> None:
    if store_answers():
        st.rerun(scope="app")
    st.caption(t("status.retrying", lang, seconds=RETRY_SECONDS))


def retry_if_unavailable(error: PontesError, lang: str) -> None:
    """After ``error`` was shown: if it says the database is unavailable,
    keep checking and rerun the app once it answers again."""
    if isinstance(error, StoreUnavailable):
        _retry(lang)

"""Pontes graph library: domain model, stores, views, analysis and export.

Nothing in this package reads the environment or imports Streamlit; the
edges (``pontes.cli``, ``app.py``) build a :class:`pontes.settings.Settings`
and pass what is needed down.
"""

__version__ = "0.1.0"

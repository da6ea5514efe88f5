"""Drawings: a subgraph, an analysed network or suggestions as an interactive HTML page.

- :mod:`~graph.draw.page`: the vis-network pages (through pyvis, loaded when
  a page is drawn): colours, shapes, labels, tooltips, the legend, the
  offline page template and :func:`render_html`
- :mod:`~graph.draw.picture`: the explorer's picture for Streamlit's ECharts,
  and as a standalone vis-network page; :mod:`~graph.draw.image`: as SVG and
  PNG; :mod:`~graph.draw.map`: its map (Vega-Lite, offline outlines)
- :mod:`~graph.draw.metrics`: an analysed network with communities and brokers
- :mod:`~graph.draw.suggestions`: an actor's network with suggested ties drawn apart

Display strings come from the caller: this package knows no language.
"""

from graph.draw.metrics import brokers, metrics_html
from graph.draw.page import ASSET_FILES, LegendEntry, asset_text, remote_references, render_html
from graph.draw.suggestions import SUGGESTED, suggestion_html

__all__ = [
    "ASSET_FILES",
    "SUGGESTED",
    "LegendEntry",
    "asset_text",
    "brokers",
    "metrics_html",
    "remote_references",
    "render_html",
    "suggestion_html",
]

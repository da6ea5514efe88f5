"""Drawings: a subgraph, an analysed network or suggestions as an interactive HTML page.

- :mod:`~graph.draw.page`: the one drawing module (vis-network through pyvis):
  colours, shapes, labels, tooltips, the legend, the offline page template
  and :func:`render_html`, the explorer's drawing
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

"""Drawings: a subgraph, an analysed network or suggestions as an interactive HTML page.

- :mod:`~graph.draw.page`: the vis-network pages (through pyvis, loaded when
  a page is drawn): colours, shapes, labels, tooltips, the legend, the
  offline page template and :func:`render_html`
- :mod:`~graph.draw.picture`: the explorer's picture for Streamlit's ECharts,
  and as a standalone vis-network page; :mod:`~graph.draw.image`: as SVG and
  PNG; :mod:`~graph.draw.map`: its map (Vega-Lite, offline outlines)
- :mod:`~graph.draw.shown`: a view as the explorer shows it (the view, its
  picture, what the cap left out), for the app and the first page it keeps
- :mod:`~graph.draw.metrics`: an analysed network with communities and brokers
- :mod:`~graph.draw.suggestions`: an actor's network with suggested ties drawn apart

Display strings come from the caller: this package knows no language.
"""

from importlib import import_module

#: Where each name of the package lives; modules load on first use (the explorer's picture
#: needs neither pandas nor the analysis that the metrics drawing imports).
_WHERE = {
    "brokers": "metrics",
    "metrics_html": "metrics",
    "ASSET_FILES": "page",
    "LegendEntry": "page",
    "asset_text": "page",
    "remote_references": "page",
    "render_html": "page",
    "SUGGESTED": "suggestions",
    "suggestion_html": "suggestions",
}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(f"graph.draw.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'graph.draw' has no attribute {name!r}")


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

"""What a click on a picture means: the node it points at.

:func:`node_clicked` reads the explorer's own picture component
(:mod:`ui.picture`), which names the node clicked (its trigger value
``node``); :func:`clicked_node` reads the built-in ``st.echarts_chart``.

Streamlit reports a chart's selection in session state as
``{"selection": {"selected": [{"data_type": "node", "data_indices": [i], ...}], ...}}``;
the index is a position in the series' data, which the explorer fills in the
order of its picture's nodes (:func:`graph.draw.picture.echarts_spec`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence


def clicked_node(state: Mapping | None, ids: Sequence[str], *, allowed: Callable[[str], bool] = bool) -> str | None:
    """The id of the first selected node of ``state`` that ``allowed`` accepts (``None``: none)."""
    selection = (state or {}).get("selection") or {}
    for group in selection.get("selected", []) or []:
        if group.get("data_type") != "node":
            continue
        for i in group.get("data_indices", []) or []:
            if isinstance(i, int) and 0 <= i < len(ids) and allowed(ids[i]):
                return ids[i]
    return None


def node_clicked(result: Mapping | None, *, allowed: Callable[[str], bool] = bool) -> str | None:
    """The node a click on the picture component names (its result's ``node``), if ``allowed`` accepts it."""
    node = (result or {}).get("node")
    return node if isinstance(node, str) and allowed(node) else None

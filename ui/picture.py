"""The explorer's picture: an ECharts chart in a small component of Pontes' own, so a click focuses at once.

Streamlit's built-in ``st.echarts_chart`` reports a click on a node 150 ms
after it happens (its selection debounce, skipped only inside a form), and
mounts a new chart for every view. The component here (Streamlit's
components v2: inline in the page, no frame; the script is
``ui/components/picture.js``) draws the same ECharts option
(:func:`graph.draw.picture.echarts_spec`), keeps one chart across reruns,
and reports a click on a node at once as the trigger value ``node``. A
large picture is drawn on a canvas, a small one as SVG
(:func:`graph.draw.picture.echarts_renderer`).

ECharts 6.1.0 (Apache License 2.0) is loaded once from the app's static
folder (``static/echarts/``, at ``/app/static/echarts/``; see its
NOTICE.md). Where the app does not serve that folder (``streamlit run``
from another folder, without the config file) the built-in chart draws the
same option and a click focuses after its debounce, and the map is drawn
by Streamlit's Vega (:func:`graph.draw.map.map_spec`): :func:`use_component`
decides.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from graph.draw.picture import echarts_renderer
from pontes.settings import REPO_ROOT
from ui.context import static_url
from ui.events import clicked_node, node_clicked

#: ECharts as the app serves it (copied from the npm package echarts 6.1.0, static/echarts/NOTICE.md).
ECHARTS_FILE = REPO_ROOT / "static" / "echarts" / "echarts.min.js"
#: The component's script.
SCRIPT = Path(__file__).resolve().parent / "components" / "picture.js"

_component = st.components.v2.component("pontes_picture", js=SCRIPT.read_text(encoding="utf-8"), isolate_styles=False)


def use_component() -> bool:
    """Whether the app serves ECharts from its static folder (else the built-in chart draws)."""
    return ECHARTS_FILE.is_file() and static_url("echarts/echarts.min.js") is not None


def show_picture(
    option: dict,
    *,
    ids: list[str],
    maps: dict[str, dict] | None = None,
    key: str,
    height: int,
    alt: str,
    failed: str,
    on_click: Callable[[str], None],
    allowed: Callable[[str], bool],
) -> None:
    """Draw ``option``; ``on_click(node)`` runs before the rerun a click on a node (or a map's
    place) that ``allowed`` accepts starts.

    ``ids`` are the nodes of the option's series, in order (for the built-in
    chart's selection); ``maps`` the GeoJSON outlines a map's option names
    (only with the component: the built-in chart cannot register them).
    ``failed`` is shown in place of the picture if the browser cannot load ECharts.
    """
    url = static_url("echarts/echarts.min.js") if ECHARTS_FILE.is_file() else None
    if url is None and maps:
        raise ValueError("a map needs the picture component (the app does not serve ECharts)")
    if url is not None:

        def picked() -> None:
            node = node_clicked(st.session_state.get(key), allowed=allowed)
            if node is not None:
                on_click(node)

        _component(
            data={
                "lib": url,
                "option": option,
                "renderer": echarts_renderer(option),
                "maps": maps or {},
                "height": height,
                "alt": alt,
                "failed": failed,
            },
            key=key,
            height=height,
            on_node_change=picked,
        )
        return
    chart = f"{key}_{abs(hash(tuple(ids))) % 10**12}"  # the built-in chart: a new one for each view

    def selected() -> None:
        node = clicked_node(st.session_state.get(chart), ids, allowed=allowed)
        if node is not None:
            on_click(node)

    st.echarts_chart(
        option, key=chart, on_select=selected, height=height, theme=None, renderer=echarts_renderer(option), alt=alt
    )

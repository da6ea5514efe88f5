"""Drawing suggestions: the actor's network with suggested ties drawn apart.

Recorded ties are drawn as in the explorer (:func:`graph.draw.page.build_network`);
suggested ties are added as thick dashed orange lines whose tooltip gives
the reasons, and the legend says which is which.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from graph.draw.page import LegendEntry, build_network, display_label, finish_page
from graph.facts import facts_only
from graph.store.base import Subgraph

#: Colour of suggested ties.
SUGGESTED = "#e8590c"


def suggestion_view(whole: Subgraph, actor: str, suggestions: Sequence) -> Subgraph:
    """What the drawing of ``suggestions`` for ``actor`` shows: the actor's
    recorded ties in ``whole`` (facts only, :func:`graph.facts.facts_only`),
    the nodes at their other ends and the suggested actors (``other`` of
    each suggestion), with the ties among the recorded neighbourhood."""
    facts = facts_only(whole)
    near = {actor}
    for tie in facts.ties:
        if tie.source == actor:
            near.add(tie.target)
        elif tie.target == actor:
            near.add(tie.source)
    shown = near | {s.other for s in suggestions}
    return Subgraph(
        nodes=sorted((n for n in facts.nodes if n.id in shown), key=lambda n: n.id),
        ties=sorted((t for t in facts.ties if t.source in near and t.target in near), key=lambda t: t.id),
    )


def suggestion_html(
    sub: Subgraph,
    suggestions: Sequence,
    *,
    focus: str,
    type_labels: Mapping[str, str] | None = None,
    tie_labels: Mapping[str, str] | None = None,
    suggested_label: str = "suggested",
    recorded_label: str = "recorded",
    legend_title: str | None = None,
    height: int = 560,
    assets: str | None = None,
    reason_text: Callable[[Any], str] | None = None,
    role_labels: Mapping[str, str] | None = None,
) -> str:
    """The self-contained HTML page drawing ``sub`` (recorded ties) and the
    ``suggestions`` (objects with ``actor``, ``other`` and ``reasons``)
    from ``focus`` as dashed ties. The nodes of suggested actors must be in ``sub``.
    ``assets``: where the page loads vis-network from (see
    :func:`graph.draw.page.render_html`); ``None`` inlines it. ``reason_text``
    writes a reason in the reader's language (default: its English text);
    ``role_labels`` names the recorded ties' roles."""
    write = reason_text or (lambda r: r.text)
    net, legend = build_network(
        sub,
        focus=focus,
        type_labels=type_labels,
        tie_labels=tie_labels,
        height=height,
        tie_names=False,
        role_labels=role_labels,
    )
    for s in suggestions:
        if s.actor in net.node_map and s.other in net.node_map:
            tip = "<br>".join(html.escape(write(r)) for r in s.reasons)
            net.add_edge(
                s.actor,
                s.other,
                title=f"<b>{html.escape(suggested_label)}</b><br>{tip}",
                color=SUGGESTED,
                dashes=True,
                width=3,
                arrows="",
            )
    legend = [LegendEntry(e.key, display_label(type_labels, e.key), e.colour, e.shape) for e in legend]
    legend += [
        LegendEntry("recorded", f"— {recorded_label}", "#999999", "line"),
        LegendEntry("suggested", f"- - {suggested_label}", SUGGESTED, "line"),
    ]
    return finish_page(net, legend, legend_title, assets=assets)


__all__ = ["SUGGESTED", "suggestion_html", "suggestion_view"]

"""The detail panel: one node, its names, properties, ties and sources.

Rendering only; the data comes from :func:`graph.explore.node_detail`. Data
goes into tables (shown as plain text) or through :func:`ui.context.md`.
"""

from __future__ import annotations

import streamlit as st

from graph.explore import NodeDetail
from graph.model import Source
from ui.context import md
from ui.i18n import label, t

#: Fields whose values are enum members with a translation group.
_VALUE_GROUPS = {"kind": "kind", "country": "country", "attendance_qualifier": "qualifier"}
#: At most this many ties are listed unless the reader asks for all: a hub's
#: table (CORDIS: 1,371 ties) would otherwise be built and sent again on
#: every rerun of its page (0.15-1.3 s of a depth step, docs/scale.md).
TIES_SHOWN = 200


def source_rows(sources: list[Source], lang: str) -> list[dict[str, str]]:
    return [
        {
            t("column.title", lang): s.title,
            t("column.publisher", lang): s.publisher,
            t("column.date", lang): s.date.isoformat() if s.date else "",
            t("column.language", lang): label("language", s.language, lang) if s.language else "",
            t("column.url", lang): s.url or s.document or "",
            t("column.about_source", lang): s.description or "",
        }
        for s in sources
    ]


def show_detail(detail: NodeDetail, lang: str) -> None:
    node = detail.node
    st.divider()
    st.header(md(node.name))
    st.caption(f"{t('detail.type', lang)}: {label('type', node.type, lang)}")
    if node.description:
        st.markdown(md(node.description))

    left, right = st.columns(2)
    with left:
        props = detail.properties
        props.pop("description", None)
        if props:
            st.subheader(t("detail.properties", lang))
            st.dataframe(
                [
                    {
                        t("column.property", lang): label("field", key, lang),
                        t("column.value", lang): label(_VALUE_GROUPS[key], value, lang)
                        if key in _VALUE_GROUPS
                        else str(value),
                    }
                    for key, value in props.items()
                ],
                hide_index=True,
                key="detail_properties",
            )
    with right:
        if node.aliases:
            st.subheader(t("detail.aliases", lang))
            st.markdown(md(", ".join(node.aliases)))
        if node.names:
            st.subheader(t("detail.names", lang))
            st.dataframe(
                [
                    {t("column.language", lang): label("language", code, lang), t("detail.names", lang): name}
                    for code, name in node.names.items()
                ],
                hide_index=True,
                key="detail_names",
            )

    st.subheader(t("detail.ties", lang))
    ties = detail.ties
    if len(ties) > TIES_SHOWN:
        left, right = st.columns([3, 1])
        show_all = right.toggle(t("detail.show_all_ties", lang), key=f"detail_all_{node.id}")
        if not show_all:
            ties = ties[:TIES_SHOWN]
        left.caption(t("detail.ties_shown", lang, shown=len(ties), total=len(detail.ties)))
    if ties:
        st.dataframe(
            [
                {
                    t("column.tie", lang): label("tie", d.tie.type, lang),
                    t("column.direction", lang): t(f"direction.{'out' if d.outgoing else 'in'}", lang),
                    t("column.other", lang): d.other.name
                    if d.other
                    else (d.tie.target if d.outgoing else d.tie.source),
                    t("column.type", lang): label("type", d.other.type, lang) if d.other else "",
                    t("column.role", lang): label("role", d.tie.role, lang) if d.tie.role else "",
                    t("column.start", lang): d.tie.start or "",
                    t("column.end", lang): d.tie.end or "",
                    t("column.basis", lang): t(f"basis.{'inferred' if d.tie.inferred else 'stated'}", lang),
                    t("column.sources", lang): "; ".join(
                        f"{s.title} ({s.publisher}{', ' + s.date.isoformat() if s.date else ''})" for s in d.sources
                    ),
                }
                for d in ties
            ],
            hide_index=True,
            key="detail_ties",
        )
    else:
        st.caption(t("detail.no_ties", lang))

    st.subheader(t("detail.sources", lang))
    if detail.sources:
        st.dataframe(source_rows(detail.sources, lang), hide_index=True, key="detail_sources")
    else:
        st.caption(t("detail.no_sources", lang))

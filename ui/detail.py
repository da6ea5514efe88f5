"""The detail panel: one node, its names, properties, ties and sources.

Rendering only; the data comes from :func:`graph.explore.node_detail`. Data
goes into tables (shown as plain text) or through :func:`ui.context.md`.
Names are shown in the reader's language (``names.<lang>``), with the
stored name beside them; codes become words (:func:`ui.i18n.label`), dates
and numbers are written the language's way (Babel).
"""

from __future__ import annotations

import streamlit as st

from graph.explore import NodeDetail
from graph.facts import description_in, name_in, title_in
from graph.model import Source
from ui.context import md
from ui.i18n import date_text, label, language_name, listed, number, t
from ui.tables import table

#: Fields whose values are enum members with a translation group.
_VALUE_GROUPS = {"kind": "kind", "country": "country", "attendance_qualifier": "qualifier"}
#: Fields holding dates as precise as the source gives them.
_DATES = {"founded", "dissolved", "start", "end", "signed"}
#: At most this many ties are listed unless the reader asks for all: a hub's
#: table (CORDIS: 1,371 ties) would otherwise be built and sent again on
#: every rerun of its page (0.15-1.3 s of a depth step, docs/scale.md).
TIES_SHOWN = 200


def source_rows(sources: list[Source], lang: str) -> list[dict[str, str]]:
    """A source as a document: title, publisher, date, language, what it is, and its link when it has one
    (no link column when none has).

    The file a source was read from (``document``) is a curator's note, not
    a title or a link: it is not shown.
    """
    linked = any(s.url for s in sources)
    return [
        {
            t("column.title", lang): title_in(s, lang),
            t("column.publisher", lang): s.publisher or t("detail.publisher_not_named", lang),
            t("column.date", lang): date_text(s.date, lang) if s.date else "",
            t("column.language", lang): language_name(s.language, lang) if s.language else "",
            t("column.about_source", lang): description_in(s, lang) or "",
            **({t("column.url", lang): s.url or ""} if linked else {}),
        }
        for s in sources
    ]


def source_text(source: Source, lang: str) -> str:
    """A source in one line: its title, with its publisher and date where known ("Title (IHK Trier, 1 Dec 2016)")."""
    known = [x for x in (source.publisher, date_text(source.date, lang) if source.date else None) if x]
    title = title_in(source, lang)
    return f"{title} ({', '.join(known)})" if known else title


def show_sources(sources: list[Source], lang: str, *, key: str) -> None:
    """The sources as a table whose link column opens the document (static when none has a link)."""
    if not any(s.url for s in sources):
        table(source_rows(sources, lang), key=key)
        return
    st.dataframe(
        source_rows(sources, lang),
        hide_index=True,
        key=key,
        column_config={
            t("column.url", lang): st.column_config.LinkColumn(t("column.url", lang)),
            t("column.about_source", lang): st.column_config.TextColumn(t("column.about_source", lang), width="large"),
        },
    )


def _value(key: str, value: object, lang: str) -> str:
    if key in _VALUE_GROUPS:
        return label(_VALUE_GROUPS[key], value, lang)
    if key in _DATES:
        return date_text(str(value), lang)
    if key in ("lat", "lon") and isinstance(value, int | float):
        return number(value, lang, 4)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, lang)
    return str(value)


def show_detail(detail: NodeDetail, lang: str) -> None:
    node = detail.node
    shown_name = name_in(node, lang)
    st.divider()
    st.header(md(shown_name))
    colon = t("punctuation.colon", lang)  # " : " in French
    caption = f"{t('detail.type', lang)}{colon}{label('type', node.type, lang)}"
    if shown_name != node.name:
        caption += f" · {t('detail.stored_name', lang)}{colon}{md(node.name)}"
    st.caption(caption)
    described = description_in(node, lang)
    if described:
        st.markdown(md(described))

    left, right = st.columns(2)
    with left:
        props = detail.properties
        props.pop("description", None)
        attendance = props.get("attendance")
        if isinstance(attendance, int) and "attendance_qualifier" in props:  # "more than 150", as the source says
            qualifier = label("qualifier", props.pop("attendance_qualifier"), lang)
            props["attendance"] = f"{qualifier} {number(attendance, lang)}"
        if props:
            st.subheader(t("detail.properties", lang))
            table(
                [
                    {
                        t("column.property", lang): label("field", key, lang),
                        t("column.value", lang): _value(key, value, lang),
                    }
                    for key, value in props.items()
                ],
                key="detail_properties",
            )
    with right:
        if node.aliases:
            st.subheader(t("detail.aliases", lang))
            st.markdown(md(", ".join(node.aliases)))
        others = {code: name for code, name in node.names.items() if name != shown_name}  # not the header again
        if others:
            st.subheader(t("detail.names", lang))
            table(
                [
                    {t("column.language", lang): language_name(code, lang), t("column.name", lang): name}
                    for code, name in others.items()
                ],
                key="detail_names",
            )

    st.subheader(t("detail.ties", lang))
    ties = detail.ties
    if len(ties) > TIES_SHOWN:
        left, right = st.columns([3, 1])
        show_all = right.toggle(t("detail.show_all_ties", lang), key=f"detail_all_{node.id}")
        if not show_all:
            ties = ties[:TIES_SHOWN]
        left.caption(t("detail.ties_shown", lang, shown=number(len(ties), lang), total=number(len(detail.ties), lang)))
    described_ties = any(d.tie.description or d.tie.descriptions for d in ties)  # else no column of blanks
    if ties:
        table(
            [
                {
                    t("column.tie", lang): label("tie", d.tie.type, lang),
                    t("column.direction", lang): t(f"direction.{'out' if d.outgoing else 'in'}", lang),
                    t("column.other", lang): name_in(d.other, lang)
                    if d.other
                    else (d.tie.target if d.outgoing else d.tie.source),
                    t("column.type", lang): label("type", d.other.type, lang) if d.other else "",
                    t("column.role", lang): label("role", d.tie.role, lang) if d.tie.role else "",
                    t("column.start", lang): date_text(d.tie.start, lang),
                    t("column.end", lang): date_text(d.tie.end, lang),
                    t("column.basis", lang): t(f"basis.{'inferred' if d.tie.inferred else 'stated'}", lang),
                    **({t("column.about_tie", lang): description_in(d.tie, lang) or ""} if described_ties else {}),
                    t("column.sources", lang): listed((source_text(s, lang) for s in d.sources), lang),
                }
                for d in ties
            ],
            key="detail_ties",
        )
    else:
        st.caption(t("detail.no_ties", lang))

    st.subheader(t("detail.sources", lang))
    if detail.sources:
        show_sources(detail.sources, lang, key="detail_sources")
    else:
        st.caption(t("detail.no_sources", lang))

"""Explorer: the network as a labelled picture or on a map; search, click to focus, filters, time, sharing.

Collects the sidebar's inputs, asks :func:`graph.explore.explore` for the
view (at most :data:`graph.explore.DEFAULT_LIMIT` nodes; the page says what
the cap left out) and :func:`graph.explore.picture.compose` for its picture,
and shows it as an ECharts graph (:func:`graph.draw.picture.echarts_spec`,
drawn by :mod:`ui.picture`; a click on a node focuses it) or
on a map (:mod:`graph.explore.mapview`, :mod:`graph.draw.map`; drawn by the
same chart, a click on a place focuses it). The view
lives in the URL (:class:`graph.explore.permalink.ViewParams`,
:mod:`ui.urlstate`): back and forward work and a link reproduces it.
Downloads are made when clicked, by the library (PNG, SVG, a standalone
HTML page, CSV, GEXF). Views, pictures, search results and details are kept
per graph version and inputs (:mod:`ui.cached`).
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse

import streamlit as st

from graph import explore as explorer
from graph.draw.image import picture_png, picture_svg
from graph.draw.picture import picture_html
from graph.explore.permalink import MAX_DEPTH, ViewParams
from graph.facts import memo, name_in
from graph.ids import sort_key
from graph.model import NodeType
from graph.privacy import STAND_IN_PREFIX, is_private
from ui import cached, frontpage, pickers, urlstate
from ui.context import (
    FREEZE_NODES,
    get_settings,
    get_store,
    is_editor,
    language,
    md,
    read_in_background,
    wait_for_whole_graph,
    whole_graph_if_read,
)
from ui.detail import show_detail
from ui.i18n import label, number, picture_texts, t
from ui.picture import show_picture, use_component
from ui.tables import table
from ui.timeline import is_playing, keys, time_control

lang = language()
settings = get_settings()
store = get_store()
editor = is_editor()
key = store.cache_key()  # before the graph: an entry is never older than its key
asked = ViewParams.from_query(urlstate.current())
arrival = urlstate.arrived()
fresh = arrival is not None
#: The view this session last showed here. Streamlit forgets a page's widgets when the reader opens
#: another page, and its navigation leaves only the language in the URL: coming back through the
#: menu (not back or forward, not a link that names a view) shows that view again.
LAST_VIEW = "explorer_last_view"
if (
    asked == ViewParams()
    and "focus" not in st.session_state
    and not urlstate.history_navigation()
    and isinstance(st.session_state.get(LAST_VIEW), ViewParams)
):
    asked, fresh = st.session_state[LAST_VIEW], True
#: An actor chosen on another page (the Suggestions page's) since the explorer last showed a view: in focus.
moved = urlstate.focus_from_elsewhere("explorer")
if moved and arrival is None:  # a link, back or forward names its own view
    asked, fresh = (st.session_state.get(LAST_VIEW) or asked).model_copy(update={"focus": moved}), True

# -- the whole graph (read once per graph version), or, for a new process's first page of a
# large graph, that page from disk while the graph is read in the background (ui/frontpage.py)
whole = whole_graph_if_read(store, key)
front = None
if whole is None and not editor and asked == ViewParams() and "focus" not in st.session_state:
    counts = store.counts()
    if counts.total_nodes >= FREEZE_NODES:
        front = frontpage.load(settings, key, counts, lang)
if front is None and whole is None:
    whole = wait_for_whole_graph(store, key)
if whole is not None:
    graph = whole
    available = explorer.facets(graph)
    by_id = memo(graph, "nodes_by_id", lambda: {n.id: n for n in graph.nodes})
    place_names, topic_names = frontpage.facet_names(graph, available, lang)
else:
    assert front is not None
    available, by_id = front.facets, {}
    place_names = {pid: front.names[pid] for pid, _ in available.places}
    topic_names = {tid: front.names[tid] for tid, _ in available.topics}
TIME = keys("f")


def focusable(node_id: str | None) -> bool:
    node = by_id.get(node_id) if node_id else None
    return node is not None and (editor or not is_private(node))


def clickable(node_id: str) -> bool:
    """What a click may focus: any node drawn but a private person's role stand-in."""
    return not node_id.startswith(STAND_IN_PREFIX)


# -- from the URL (a link, back, forward; or widgets cleared by a visit to another page) --------------
span = available.years


def restore(widget: str, value: object) -> None:
    if fresh or widget not in st.session_state:
        st.session_state[widget] = value


restore("focus", asked.focus if focusable(asked.focus) else None)
restore("depth", asked.depth)
restore("color_by", asked.color)
restore("view", asked.view)
restore("f_types", [x for x in asked.types if x in available.types])
restore("f_countries", [c for c in asked.countries if c in available.countries])
restore("f_places", [p for p in asked.places if p in place_names])
restore("f_topics", [x for x in asked.topics if x in topic_names])
if span:
    restore(TIME["mode"], asked.time)
    restore(TIME["year"], asked.year if asked.year is not None else span[1])
    restore(TIME["years"], asked.years or span)


def _unfocus() -> None:
    st.session_state["focus"] = None


#: Set by a click on the picture, which reruns only the view: the view then reruns the whole page.
CLICKED = "explorer_clicked"


def _focus_on(node: str) -> None:
    """A click on the picture: focus on the node clicked (any node but a role stand-in)."""
    st.session_state["focus"] = node
    st.session_state[CLICKED] = True


def tables(shown_picture):
    from graph.formats import picture_tables  # with networkx: when a download is made

    return picture_tables(
        shown_picture,
        header=lambda column: t(f"explorer.csv.{column}", lang),
        yes_no=(t("suggest.yes", lang), t("suggest.no", lang)),  # the one yes and no of the catalogue
    )


def gexf(shown_picture) -> bytes:
    from graph.formats import picture_gexf

    return picture_gexf(shown_picture)


def node_label(node_id: str) -> str:
    node = by_id.get(node_id) or found_nodes.get(node_id)
    if node is None:
        return node_id
    return f"{name_in(node, lang)} · {label('type', node.type, lang)}"


st.title(t("explorer.title", lang))

# -- sidebar: search, focus, depth, colours, filters, time -----------------------------------------
with st.sidebar:
    query = st.text_input(
        t("explorer.search", lang),
        key="search",
        placeholder=t("explorer.search_placeholder", lang),
        help=t("explorer.search_help", lang),
    ).strip()
    found_nodes = {n.id: n for n in cached.find(store, query, key=key, editor=editor)} if query else {}
    matches = list(found_nodes)
    if query and not matches:
        st.caption(t("explorer.no_results", lang, query=md(query)))
    pickers.take_single_hit("focus", query, matches)
    current = st.session_state.get("focus")
    options: list[str] = list(dict.fromkeys(([current] if current and focusable(current) else []) + matches))
    if current not in options:
        st.session_state["focus"] = None
    focus = st.selectbox(
        t("explorer.pick", lang),
        options,
        index=None,
        key="focus",
        placeholder=t("explorer.pick_placeholder", lang),
        format_func=node_label,
        disabled=not options,
        help=t("explorer.pick_help", lang),
    )
    if focus:
        st.button(t("explorer.unfocus", lang), key="unfocus", on_click=_unfocus, icon=":material/zoom_out_map:")
    depth = st.slider(t("explorer.depth", lang), 1, MAX_DEPTH, key="depth", disabled=focus is None)
    color_by = st.radio(
        t("explorer.color_by", lang),
        ["type", "country"],
        key="color_by",
        horizontal=True,
        format_func=lambda v: t(f"explorer.color_{v}", lang),
    )

    st.subheader(t("explorer.filters", lang))
    choose = t("explorer.choose", lang)
    types = st.multiselect(
        t("explorer.types", lang),
        available.types,
        key="f_types",
        placeholder=choose,
        format_func=lambda v: label("type", v, lang),
        help=t("explorer.types_help", lang),
    )
    countries = st.multiselect(
        t("explorer.countries", lang),
        available.countries,
        key="f_countries",
        placeholder=choose,
        format_func=lambda v: label("country", v, lang),
    )
    places = st.multiselect(
        t("explorer.places", lang),
        sorted(place_names, key=lambda p: sort_key(place_names[p])),
        key="f_places",
        placeholder=choose,
        format_func=place_names.__getitem__,
    )
    topics = st.multiselect(
        t("explorer.topics", lang),
        sorted(topic_names, key=lambda x: sort_key(topic_names[x])),
        key="f_topics",
        placeholder=choose,
        format_func=topic_names.__getitem__,
    )


@st.fragment
def view_part(
    focus: str | None,
    depth: int,
    color_by: str,
    types: tuple[NodeType, ...],
    countries: tuple[str, ...],
    places: tuple[str, ...],
    topics: tuple[str, ...],
) -> None:
    """The view: its heading, the switch to the map, the year control, the picture or the map, sharing; the URL.

    A fragment: the year control and the switch between picture and map
    rerun only this part, not the sidebar and the detail panel, which the
    browser would otherwise draw again on every step. The sidebar's values
    come in as arguments; a click on the picture that moves the focus reruns
    the whole page (the sidebar and the details follow it).
    """
    if st.session_state.pop(CLICKED, False):  # a click on the picture: the sidebar and details follow
        st.rerun(scope="app")  # once: the flag is gone in the page's run
    whole = graph_read if graph_read is not None else whole_graph_if_read(store, key)
    head = st.container()  # the heading and the counts, once the year is known
    # the switch to the map and the years, above the picture they change (in sight at every size;
    # side by side, a narrow window cut the switch)
    view = st.segmented_control(
        t("explorer.view", lang),
        ["graph", "map"],
        key="view",
        format_func=lambda v: t(f"explorer.view_{v}", lang),
        label_visibility="collapsed",
        required=True,
    )
    when = time_control(span, prefix="f", lang=lang)
    picture_box = st.container()
    params = ViewParams(
        focus=focus,
        depth=depth,
        color="country" if color_by == "country" else "type",
        view="map" if view == "map" else "graph",
        types=types,
        countries=countries,
        places=places,
        topics=topics,
        year=when.year,
        years=when.years,
    )
    flt = params.graph_filter()

    if front is not None and params == ViewParams():
        shown = front.shown
    else:
        if whole is None:  # the reader changed the view before the background read finished
            whole = wait_for_whole_graph(store, key)
        shown = cached.shown(
            store, whole, flt, key=key, focus=focus, depth=depth, color_by=color_by, lang=lang, editor=editor
        )
        if params == ViewParams() and not editor and len(whole.nodes) >= FREEZE_NODES:
            frontpage.save(
                settings,
                key,
                store.counts(),
                lang,
                frontpage.FrontPage(available, {**place_names, **topic_names}, shown),
            )
    picture = shown.picture.as_of(when.year)
    view_id = hashlib.sha1(repr((cached.filter_key(flt), focus, depth, color_by, editor)).encode()).hexdigest()[:12]

    with head:
        heading = (
            t("explorer.ego", lang, name=md(node_label(focus).rsplit(" · ", 1)[0]), depth=depth)
            if focus
            else t("explorer.whole", lang)
        )
        if when.year is not None:
            heading += " · " + t("explorer.as_of", lang, year=when.year)
        elif when.years is not None:
            heading += " · " + t("explorer.between", lang, start=when.years[0], end=when.years[1])
        st.subheader(heading)
        plain_heading = re.sub(r"\\(.)", r"\1", heading)  # without the Markdown escapes, for the picture's name
        st.caption(
            t("explorer.shown", lang, nodes=number(len(picture.nodes), lang), ties=number(len(picture.ties), lang))
        )
        if shown.capped:
            kind = "capped_whole" if not focus else "capped_ego" if shown.exact else "capped_ego_more"
            st.info(
                t(
                    f"explorer.{kind}",
                    lang,
                    shown=number(shown.nodes, lang),
                    total=number(shown.total_nodes, lang),
                    left=number(shown.left_out, lang),
                )
            )
        if shown.shared:
            st.caption(t("explorer.shared_note", lang))

    with picture_box:
        if whole is not None and not whole.nodes:
            st.info(t("explorer.no_data", lang))
        elif not picture.nodes:
            st.info(t("explorer.empty", lang))
        elif view == "map":
            whole = whole if whole is not None else wait_for_whole_graph(store, key)
            component = use_component()
            drawing, unplaced, places_drawn, arcs = cached.map_of(
                shown, whole, key=key, view=view_id, lang=lang, year=when.year, echarts=component
            )
            if not places_drawn:  # nothing to place: say so, instead of an empty map
                st.info(t("map.none_placed", lang, count=number(len(unplaced), lang)))
            elif component:
                option, outlines = drawing
                show_picture(
                    option,
                    ids=[],
                    maps=outlines,
                    key="picture",  # the picture's chart draws the map: switching between them keeps it
                    height=cached.DRAWING_HEIGHT,
                    alt=t("map.drawn", lang, view=plain_heading, places=places_drawn, arcs=arcs),
                    failed=t("explorer.picture_failed", lang),
                    on_click=_focus_on,
                    allowed=clickable,
                )
                st.caption(t("map.click_hint", lang))
            else:
                st.vega_lite_chart(drawing, key="map", height=cached.DRAWING_HEIGHT)
            if places_drawn:
                st.caption(t("map.note", lang))
            if unplaced:
                with st.expander(t("map.unplaced", lang, count=number(len(unplaced), lang))):
                    table(unplaced, key="map_unplaced")
        else:
            show_picture(
                cached.graph_spec(shown, key=key, view=view_id, lang=lang, year=when.year),
                ids=[n.id for n in picture.nodes],
                key="picture",
                height=cached.DRAWING_HEIGHT,
                alt=t("explorer.drawn", lang, view=plain_heading, nodes=len(picture.nodes), ties=len(picture.ties)),
                failed=t("explorer.picture_failed", lang),
                on_click=_focus_on,
                allowed=clickable,
            )
            st.caption(t("explorer.click_hint", lang))
            if any(not clickable(n.id) for n in picture.nodes):
                st.caption(t("explorer.stand_ins_note", lang))

    if picture.nodes:
        share(picture, params, stem_of(focus, when.year))

    # to the URL: the view as it is now (not while the years play: one entry per view, not per year)
    st.session_state[LAST_VIEW] = params
    urlstate.share_focus("explorer", focus)
    if not is_playing("f"):
        urlstate.write({**params.to_query(), "lang": lang})


def stem_of(focus: str | None, year: int | None) -> str:
    """The downloads' file name without its suffix: ``pontes-<focus or network>[-<year>]``."""
    return "pontes-" + (focus.split(":", 1)[-1] if focus else "network") + (f"-{year}" if year else "")


def share(picture, params: ViewParams, stem: str) -> None:
    """Share and print: the view as PNG, SVG, a page that opens offline, CSV and GEXF (each made when
    clicked), and its link."""
    texts = picture_texts(picture, lang)
    with st.expander(t("explorer.share", lang), icon=":material/share:"):
        downloads = [  # (label, made when clicked, file name, type)
            ("download_png", lambda: picture_png(picture, texts), f"{stem}.png", "image/png"),
            ("download_svg", lambda: picture_svg(picture, texts), f"{stem}.svg", "image/svg+xml"),
            ("download_html", lambda: picture_html(picture, texts), f"{stem}.html", "text/html"),
            ("download_nodes", lambda: tables(picture)[0], f"{stem}-nodes.csv", "text/csv"),
            ("download_ties", lambda: tables(picture)[1], f"{stem}-ties.csv", "text/csv"),
            ("download_gexf", lambda: gexf(picture), f"{stem}.gexf", "application/xml"),
        ]
        for i, (name, make, file_name, mime) in enumerate(downloads):
            if i % 3 == 0:
                row = st.columns(3)
            row[i % 3].download_button(
                t(f"explorer.{name}", lang),
                make,
                file_name=file_name,
                mime=mime,
                key="dl_" + name.removeprefix("download_"),
                on_click="ignore",
            )
        link = "?" + urllib.parse.urlencode({**params.to_query(), "lang": lang}, doseq=True)
        st.caption(t("explorer.permalink", lang))
        # a link, not st.code: its syntax highlighter cost the browser about 0.3 s on every first page
        st.markdown(f"[{md((st.context.url or '') + link)}]({(st.context.url or '') + link})")


graph_read = whole
view_part(focus, depth, color_by, tuple(types), tuple(countries), tuple(places), tuple(topics))

# -- details of the chosen actor ---------------------------------------------------------------------
if focus:
    show_detail(cached.detail(store, focus, key=key, editor=editor), lang)
if whole is None:  # shown from disk: read the graph now, for the reader's next step
    read_in_background(store, key)

"""The time control shared by the explorer and the Metrics page: all years, one year, or a range.

A radio chooses the mode; "as of a year" shows a year slider with buttons to
step back and forward one year and to play the years one after another
(a fragment that reruns the app every :data:`PLAY_SECONDS` seconds and
stops at the last year); "between years" a range slider. Widgets keep their
values in ``st.session_state`` under ``<prefix>_time``, ``<prefix>_year``
and ``<prefix>_years``; callers may set them before the control is drawn
(from a permalink). What a year means is the caller's (the explorer shows
the network as of that year, :meth:`graph.explore.picture.Picture.as_of`;
the Metrics page analyses that year's window).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from ui.i18n import t

#: Seconds between two years while playing.
PLAY_SECONDS = 1.5
MODES = ("all", "asof", "range")

Mode = Literal["all", "asof", "range"]


@dataclass(frozen=True)
class TimeChoice:
    """What the control selects: ``year`` in mode ``asof``; ``years`` in mode ``range``
    (``None`` when the range is the whole span)."""

    mode: Mode = "all"
    year: int | None = None
    years: tuple[int, int] | None = None


def keys(prefix: str) -> dict[str, str]:
    """The session keys of the control with ``prefix``."""
    return {
        "mode": f"{prefix}_time",
        "year": f"{prefix}_year",
        "years": f"{prefix}_years",
        "playing": f"{prefix}_playing",
        "tick": f"{prefix}_tick",
        "next": f"{prefix}_next_year",
    }


def is_playing(prefix: str) -> bool:
    return bool(st.session_state.get(keys(prefix)["playing"]))


def _step(prefix: str, by: int, lo: int, hi: int) -> None:
    k = keys(prefix)
    st.session_state[k["year"]] = min(max(int(st.session_state.get(k["year"], hi)) + by, lo), hi)


def _toggle(prefix: str, lo: int, hi: int) -> None:
    k = keys(prefix)
    playing = not st.session_state.get(k["playing"])
    st.session_state[k["playing"]] = playing
    st.session_state[k["tick"]] = time.monotonic()
    if playing and int(st.session_state.get(k["year"], hi)) >= hi:
        st.session_state[k["year"]] = lo  # play from the start again


@st.fragment(run_every=PLAY_SECONDS)
def _player(prefix: str, lo: int, hi: int) -> None:
    """While playing: one year further every :data:`PLAY_SECONDS` seconds (then the whole page
    reruns); at the last year, stop. A run of the page in between does not step.

    The next year waits under its own key until the control is drawn again
    (:func:`time_control` takes it before its slider): the player runs after
    the slider, which may not be set once drawn, and a run of the page that
    the reader starts (a click on the map, a filter) draws the player too."""
    k = keys(prefix)
    if not st.session_state.get(k["playing"]):
        return
    if time.monotonic() - st.session_state.get(k["tick"], 0.0) < PLAY_SECONDS * 0.8:
        return
    year = int(st.session_state.get(k["year"], lo))
    if year >= hi:
        st.session_state[k["playing"]] = False
    else:
        st.session_state[k["next"]] = year + 1
        st.session_state[k["tick"]] = time.monotonic()
    st.rerun(scope="app")


def time_control(span: tuple[int, int] | None, *, prefix: str, lang: str, narrow: bool = False) -> TimeChoice:
    """The control for the years ``span`` (none when nothing is dated); returns the choice. ``narrow``
    (a sidebar): the play button below back and forward, at full width, where three buttons in one
    row cut its word ("Abspi…")."""
    if span is None or span[0] >= span[1]:
        return TimeChoice()
    lo, hi = span
    k = keys(prefix)
    if st.session_state.get(k["mode"]) not in MODES:
        st.session_state[k["mode"]] = "all"
    year = st.session_state.pop(k["next"], None) or st.session_state.get(k["year"])  # the player's step
    st.session_state[k["year"]] = min(max(int(year), lo), hi) if isinstance(year, int) else hi
    chosen = st.session_state.get(k["years"])
    if not (isinstance(chosen, (tuple, list)) and len(chosen) == 2 and lo <= chosen[0] <= chosen[1] <= hi):
        st.session_state[k["years"]] = (lo, hi)
    mode = st.radio(
        t("time.label", lang),
        MODES,
        key=k["mode"],
        horizontal=True,
        format_func=lambda m: t(f"time.{m}", lang),
    )
    if mode == "asof":
        year = st.slider(t("time.year", lang), lo, hi, key=k["year"], help=t("time.asof_help", lang))
        if narrow:
            back, forward = st.columns(2)
            play = st.container()
        else:
            back, play, forward = st.columns(3)
        back.button(
            f"◀ {year - 1}" if year > lo else "◀",
            key=f"{prefix}_back",
            on_click=_step,
            args=(prefix, -1, lo, hi),
            disabled=year <= lo,
            help=t("time.back", lang),
            width="stretch",
        )
        forward.button(
            f"{year + 1} ▶" if year < hi else "▶",
            key=f"{prefix}_forward",
            on_click=_step,
            args=(prefix, 1, lo, hi),
            disabled=year >= hi,
            help=t("time.forward", lang),
            width="stretch",
        )
        playing = is_playing(prefix)
        play.button(
            t("time.pause" if playing else "time.play", lang),
            key=f"{prefix}_play",
            on_click=_toggle,
            args=(prefix, lo, hi),
            help=t("time.play_help", lang),
            icon=":material/pause:" if playing else ":material/play_arrow:",
            width="stretch",
        )
        if playing:
            _player(prefix, lo, hi)
        return TimeChoice("asof", int(year), None)
    if st.session_state.get(k["playing"]):
        st.session_state[k["playing"]] = False
    if mode == "range":
        years: tuple[int, int] = st.slider(  # type: ignore[assignment]  # a range: the state holds a pair
            t("time.years", lang), lo, hi, key=k["years"], help=t("time.range_help", lang)
        )
        chosen_years = (int(years[0]), int(years[1]))
        return TimeChoice("range", None, None if chosen_years == (lo, hi) else chosen_years)
    return TimeChoice()

"""Static tables: rows shown as they are, as one block of HTML.

Streamlit's ``st.table`` renders every cell as Markdown: a name such as
``**Stadt** Trier`` is shown bold, ``[Info](https://…)`` in a source title or
an uploaded file's entry becomes a link, and every cell is parsed again on
each run of the page (a 30-row tie table is 270 Markdown elements). Pontes
shows stored and uploaded text literally, so its small tables are written
here once, escaped, and shown with ``st.html``.
Larger ones stay interactive grids (``st.dataframe``), which show text as
text too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from numbers import Number

import streamlit as st

#: Looks like ``st.table``: small type, a line under each row, in the page's
#: own colours (light or dark: borders are a share of the text colour).
STYLE = (
    "<style>"
    "div.pontes-table-frame{overflow-x:auto;margin-bottom:1rem}"
    "table.pontes-table{border-collapse:collapse;width:100%;font-size:0.875rem}"
    "table.pontes-table th,table.pontes-table td{padding:0.25rem 0.375rem;vertical-align:top;"
    "border-bottom:1px solid color-mix(in srgb,currentColor 12%,transparent);line-height:1.5}"
    "table.pontes-table th{font-weight:600;text-align:left;"
    "color:color-mix(in srgb,currentColor 70%,transparent)}"
    "table.pontes-table .num{text-align:right;font-variant-numeric:tabular-nums}"
    # the first column (the name) stays in view when a wide table scrolls sideways; the page's own
    # background under it (the app follows the system's light or dark theme: it has no menu to pick one)
    "table.pontes-table th:first-child,table.pontes-table td:first-child{position:sticky;left:0;z-index:1;"
    "background:#ffffff}"
    "@media (prefers-color-scheme:dark){table.pontes-table th:first-child,"
    "table.pontes-table td:first-child{background:#0e1117}}"
    "</style>"
)


#: A number as the pages write it (Babel: "1.234,5", "0,75", "−3", "12 %").
_WRITTEN_NUMBER = re.compile(r"^[-−+]?\d[\d.,\u00a0\u202f ]*(?:\s?%)?$")


def _is_number(value: object) -> bool:
    if isinstance(value, str):
        return _WRITTEN_NUMBER.match(value) is not None
    return isinstance(value, Number) and not isinstance(value, bool)


def _cell(tag: str, value: object, numeric: bool) -> str:
    text = "" if value is None else html.escape(str(value)).replace("\n", "<br>")
    scope = ' scope="col"' if tag == "th" else ""
    return f'<{tag}{scope} class="num">{text}</{tag}>' if numeric else f"<{tag}{scope}>{text}</{tag}>"


def table_html(rows: Sequence[Mapping[str, object]]) -> str:
    """``rows`` (column name to value; the first row's columns, in order) as an escaped HTML table;
    a column whose every filled cell is a number is right-aligned."""
    if not rows:
        return ""
    columns = list(rows[0])
    numeric = {
        c: any(row.get(c) not in (None, "") for row in rows)
        and all(_is_number(row.get(c)) for row in rows if row.get(c) not in (None, ""))
        for c in columns
    }
    head = "".join(_cell("th", c, numeric[c]) for c in columns)
    body = "".join("<tr>" + "".join(_cell("td", row.get(c), numeric[c]) for c in columns) + "</tr>" for row in rows)
    return (
        f'{STYLE}<div class="pontes-table-frame"><table class="pontes-table">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


#: Tables of up to this many rows are static HTML (:func:`table`): a click that opens a detail panel
#: costs the browser a third less than with interactive grids (docs/explorer.md), and no grid means
#: no pandas either (0.3 s to import on a process's first grid).
SMALL_TABLE = 30


def static_table(rows: Sequence[Mapping[str, object]]) -> None:
    """Show ``rows`` as a static table whose cells read exactly as stored (nothing as Markdown)."""
    if rows:
        st.html(table_html(rows))


def table(rows: list[dict], *, key: str) -> None:
    """``rows`` as a static table when small (:data:`SMALL_TABLE`), else as an interactive grid
    (sortable, scrollable; ``key`` names it)."""
    if len(rows) <= SMALL_TABLE:
        static_table(rows)
    else:
        st.dataframe(rows, hide_index=True, key=key)

"""Lists in one table cell: Pontes' CSV files, GraphML and GEXF attributes.

Aliases and sources are lists; a CSV cell (or a GraphML attribute) holds
one string, so the values are joined with ``|``. A value may itself hold a
``|`` ("Forum | Netzwerk") or a backslash: :func:`join_cell` writes them as
``\\|`` and ``\\\\``, and :func:`split_cell` reads them back, so a list
survives a round trip exactly. A backslash before any other character is
kept as it is, so files written by hand or by earlier versions read as
before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Between the values of a list in one cell.
SEPARATOR = "|"
_ESCAPE = "\\"


def join_cell(values: Iterable[object]) -> str:
    """``values`` as one cell: joined with ``|``, each ``|`` and backslash in a value escaped."""
    return SEPARATOR.join(
        str(v).replace(_ESCAPE, _ESCAPE + _ESCAPE).replace(SEPARATOR, _ESCAPE + SEPARATOR) for v in values
    )


def split_cell(text: str) -> list[str]:
    """The values of a cell :func:`join_cell` wrote (or a person typed): split at unescaped ``|``,
    each value stripped of surrounding spaces, empty values left out."""
    values: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == _ESCAPE and i + 1 < len(text) and text[i + 1] in (SEPARATOR, _ESCAPE):
            current.append(text[i + 1])
            i += 2
            continue
        if char == SEPARATOR:
            values.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    values.append("".join(current))
    return [v.strip() for v in values if v.strip()]


# -- cells a spreadsheet would run (CSV injection) ---------------------------------------------------------

#: A cell a spreadsheet reads as a formula: it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
#: carriage return (OWASP, "CSV Injection"), after any number of quotes, which :func:`inert_cell`
#: adds and :func:`cell_as_written` takes away.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def inert_cell(value: object) -> object:
    """``value`` as a CSV cell no spreadsheet runs: text that would start a formula gets a
    leading ``'`` (which spreadsheets read as "this is text" and do not show); a plain
    number such as ``-3.5`` stays as it is, and so does anything that is no text.
    :func:`cell_as_written` undoes it, so a name survives the round trip through a file."""
    if isinstance(value, str) and _FORMULA.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def cell_as_written(text: str) -> str:
    """The text :func:`inert_cell` was given for the cell ``text``."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text) else text

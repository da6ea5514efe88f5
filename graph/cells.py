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

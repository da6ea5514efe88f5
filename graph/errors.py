"""The small exception hierarchy of Pontes.

Every error the library raises on purpose is a :class:`PontesError`. Shells
(the CLI and the app) turn them into user messages in exactly one place each.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from typing import Any


class PontesError(Exception):
    """Base class of all errors Pontes raises on purpose."""


def _printable(text: str) -> str:
    """``text`` with control characters shown as escapes: user data in a
    message must not move the cursor, ring the bell or break the line."""
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)


#: What a value of a pattern-checked field (:mod:`graph.model`) must look like, in words: a reader
#: does not have to read the regular expression.
PATTERN_WORDS = {
    r"^[A-Z]{2}$": "a two-letter country code in capitals (ISO 3166-1, such as DE, FR, LU)",
    r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$": "a date: YYYY, YYYY-MM or YYYY-MM-DD",
    r"^[a-z0-9][a-z0-9._-]{0,80}$": "an id of lower-case letters, digits, '.', '_' and '-' (at most 81)",
    r"^[a-z][a-z0-9-]{0,40}:[a-z0-9][a-z0-9._-]{0,160}$": "a node id such as org:stadt-trier",
}

#: pydantic's errors for a day of the calendar (a source's ``date``: "2016-13-01", "1 Dec").
_CALENDAR_DATE_ERRORS = frozenset(
    {
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
        "date_type",
        "date_past",
        "date_future",
    }
)


#: The error type of a text that shows nothing (:func:`graph.model.clean_text`), and its code.
NO_VISIBLE_CHARACTER = "no_visible_character"


def _blank(error: Mapping[str, Any]) -> bool:
    """Whether ``error`` says a text is empty: spaces only (stripped, then too short) or nothing visible."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    return kind == NO_VISIBLE_CHARACTER or (kind == "string_too_short" and ctx.get("min_length") == 1)


def _tags(error: Mapping[str, Any]) -> list[str]:
    """The values a discriminated union's tag may take (``type: Organisation | Person ...``), from
    pydantic's ``<NodeType.ORGANISATION: 'Organisation'>, ...``."""
    return re.findall(r"'([^']*)'>", str((error.get("ctx") or {}).get("expected_tags", "")))


def plain_message(error: Mapping[str, Any]) -> str:
    """The message of one pydantic validation error (an item of ``ValidationError.errors()``) in
    plain words: a pattern as what it stands for, a validator's message without pydantic's
    "Value error, " prefix, and "unknown field" / "required" for fields too many or missing."""
    kind, message = error.get("type", ""), str(error.get("msg", ""))
    ctx = error.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return f"should be {PATTERN_WORDS.get(pattern, f'of the form {pattern}')}"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return "unknown field (not part of this kind of entry)"
    if kind in ("missing", "union_tag_not_found"):  # the latter: no ``type`` to tell the kind of entry
        return "required, but missing"
    if kind == "union_tag_invalid":
        return "should be one of " + ", ".join(f"'{v}'" for v in _tags(error))
    if _blank(error):
        return "shows nothing: only spaces or invisible characters"
    if kind in _CALENDAR_DATE_ERRORS:
        return f"should be a day of the calendar, YYYY-MM-DD ({message[0].lower() + message[1:]})"
    return message


#: Codes of :func:`problem_words` for the patterns of :data:`PATTERN_WORDS`.
_PATTERN_CODES = dict(zip(PATTERN_WORDS, ("country_code", "date", "source_id", "node_id"), strict=True))


def problem_words(error: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The code and values of one pydantic validation error, for a message in the reader's language:
    ``("country_code", {})``, ``("one_of", {"values": ["city", "town"]})``, ``("at_most",
    {"limit": 90})`` ...; ``("", {})`` when only its English message says it (a validator's own)."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        return _PATTERN_CODES.get(str(ctx.get("pattern", "")), ""), {}
    if kind in ("extra_forbidden", "missing", "union_tag_not_found"):
        return {"extra_forbidden": "unknown_field"}.get(kind, "missing"), {}
    if kind == "union_tag_invalid":
        return "one_of", {"values": _tags(error)}
    if _blank(error):
        return NO_VISIBLE_CHARACTER, {}
    if kind in _CALENDAR_DATE_ERRORS:
        return "calendar_date", {}
    if kind in ("enum", "literal_error"):
        return "one_of", {"values": re.findall(r"'([^']*)'", str(ctx.get("expected", "")))}
    if kind in ("less_than_equal", "less_than", "greater_than_equal", "greater_than"):
        limit = next(iter(v for k, v in ctx.items() if k in ("le", "lt", "ge", "gt")), "")
        return ("at_most" if kind.startswith("less") else "at_least"), {"limit": limit}
    if kind == "string_too_long":
        return "at_most_characters", {"limit": ctx.get("max_length", "")}
    if kind == "too_short" and ctx.get("min_length") == 1:  # a list that must name something (sources)
        return "empty_list", {}
    if kind in _KIND_CODES:
        return _KIND_CODES[kind], {}
    return "", {}


#: Codes of :func:`problem_words` for pydantic's errors of a value of the wrong kind.
_KIND_CODES = {
    "string_type": "text",
    "finite_number": "finite_number",
    "int_parsing": "whole_number",
    "int_type": "whole_number",
    "int_from_float": "whole_number",
    "float_parsing": "number",
    "float_type": "number",
    "bool_parsing": "yes_no",
    "bool_type": "yes_no",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
}


@dataclass(frozen=True)
class Problem:
    """One validation problem, located as precisely as the input allows.

    ``file`` is the path as given, ``entry`` names the entry (``nodes[3]
    (org-irt)``, ``row 7``), ``field`` the field inside it (dotted for nested
    fields), ``message`` says what is wrong.
    """

    file: str
    entry: str
    field: str
    message: str
    #: What is wrong as a code and its values, for shells that say it in the reader's language
    #: (:func:`problem_words`); empty when only the English ``message`` says it.
    code: str = ""
    params: Mapping[str, Any] = dataclass_field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return _printable(f"{self.file}: {self.entry}: {self.field}: {self.message}")

    @classmethod
    def of(cls, file: str, entry: str, field: str, error: Mapping[str, Any]) -> Problem:
        """The problem of one pydantic validation error at ``file``/``entry``/``field``: its plain
        English message (:func:`plain_message`) and its code and values (:func:`problem_words`)."""
        code, params = problem_words(error)
        if str(error.get("type", "")).startswith("union_tag_"):  # what is wrong is the tag, not the entry
            tag = str((error.get("ctx") or {}).get("discriminator", "")).strip("'") or "type"
            field = tag if field in ("", "(entry)") else f"{field}.{tag}"
        return cls(file, entry, field, plain_message(error), code, params)


def input_file_problem(path: str | os.PathLike[str]) -> Problem | None:
    """Why ``path`` cannot be read as an input file, or None when it can: it is missing, a folder,
    or no regular file: a device such as /dev/zero or a named pipe would be read forever (or wait
    forever for a writer). Every reader of a user's file asks this first."""
    where = str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return Problem(where, "(file)", "(path)", "no such file or folder")
    except OSError as e:
        return Problem(where, "(file)", "(path)", f"cannot be read: {e.strerror or e}")
    if stat.S_ISDIR(mode):
        return Problem(where, "(file)", "(path)", "is a folder; give a file")
    if not stat.S_ISREG(mode):
        return Problem(where, "(file)", "(path)", "not a regular file (a device, pipe or socket); give a file")
    return None


@dataclass
class ValidationFailed(PontesError):
    """Input did not validate; nothing was written. ``problems`` lists all."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        head = f"{len(self.problems)} problem(s) in the input; nothing was written"
        return "\n".join([head, *("  " + str(p) for p in self.problems)])


class StoreError(PontesError):
    """The store could not carry out an operation."""


class StoreUnavailable(StoreError):
    """The database cannot be reached (server down, wrong address, bad credentials)."""


class EmptyStore(StoreError):
    """A command that reads the graph found the store empty (nothing loaded yet)."""


class NotFound(PontesError):
    """A requested node (or, with ``what``, another stored thing: a batch of the
    review queue, a merge) does not exist."""

    def __init__(self, node_id: str, what: str = "node", *, named: bool = False):
        # ``named``: ``node_id`` is what a user typed (a name or an id), not an id
        if named and not node_id.strip():
            message = f"no {what} given: the text is empty"
        elif named and ":" not in node_id:
            message = f"no {what} named {node_id!r}"
        else:
            message = f"no {what} with id {node_id!r}"
        super().__init__(message)
        self.node_id = node_id
        self.what = what


class UnknownName(PontesError, KeyError):
    """A name that is none of the known ones of its kind (a scorer ...): ``what`` is the kind,
    ``name`` what was given, ``known`` the names there are. Also a :class:`KeyError`, the
    lookup it is."""

    def __init__(self, what: str, name: str, known: list[str]):
        super().__init__(f"unknown {what} {name!r}; known: {', '.join(known)}")
        self.what = what
        self.name = name
        self.known = known

    def __str__(self) -> str:  # the message, not KeyError's quoted repr of it
        return str(self.args[0])


class Ambiguous(PontesError):
    """What a user typed names more than one node (:mod:`graph.lookup`).

    ``text`` is what was typed; ``candidates`` the ``(id, name)`` of every
    node it may mean, by name. The message lists them: give the id instead.
    """

    def __init__(self, text: str, candidates: list[tuple[str, str]]):
        listed = "; ".join(f"{node_id} ({name})" for node_id, name in candidates)
        super().__init__(f"{text!r} could mean {len(candidates)} nodes: {listed}; give the id")
        self.text = text
        self.candidates = candidates


class ConfigError(PontesError):
    """Settings are inconsistent or incomplete."""


class AnalysisError(PontesError):
    """An analysis cannot run as asked: a bad parameter, an unreadable graph
    file, a grouping attribute that no node has. ``parameter`` names the
    option or input at fault (``"group_attr"``, ``"input"``, ``"window"`` ...)."""

    def __init__(self, message: str, *, parameter: str | None = None):
        super().__init__(message)
        self.parameter = parameter

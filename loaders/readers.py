"""Readers: turn files into raw documents, and raw documents into models.

Each reader reports problems (with file, entry and field) instead of raising
on the first one, so a user sees every mistake of a load at once.

Formats
-------
Seed documents (``.yaml``, ``.yml``, ``.json``)
    One :class:`graph.model.SeedDocument`: ``pontes: 1`` and lists
    ``sources``, ``nodes``, ``ties``. YAML aliases are refused (they are the
    vehicle of "billion laughs" documents and seeds never need them).
Drafts of ``pontes extract`` (the same suffixes)
    A seed document whose entries carry ``evidence``, ``confidence``,
    ``match`` and ``review`` (:mod:`graph.draft`). Accepted entries
    load like seed entries, rejected ones are left out, and an entry not yet
    reviewed is a problem: nothing enters the graph unreviewed.
CSV tables (``.csv``, UTF-8, comma-separated, header row)
    The header decides what a table holds: ``source`` and ``target`` columns
    make a tie table, ``type`` and ``name`` a node table, ``id`` and
    ``title`` a source table. List cells (``aliases``, ``sources``) separate items with
    ``|``; other-language names and descriptions go in ``names.de``,
    ``descriptions.fr`` ... columns;
    empty cells are absent values.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from graph.cells import cell_as_written, split_cell
from graph.draft import ProposalMeta, is_draft, split_proposal
from graph.errors import Problem, ValidationFailed, input_file_problem
from graph.ids import node_id
from graph.model import Node, NodeType, SeedDocument, Source, Tie, language_column, visible
from loaders.interchange import (
    GRAPH_SUFFIXES,
    is_node_link,
    is_popolo,
    read_graph_file,
    read_node_link,
    read_popolo,
    read_tool_table,
    run_deferred,
    tool_table,
)

SEED_SUFFIXES = {".yaml", ".yml", ".json"}
TABLE_SUFFIXES = {".csv"}
SUFFIXES = SEED_SUFFIXES | TABLE_SUFFIXES | GRAPH_SUFFIXES

_NODE = TypeAdapter(Node)


@dataclass
class Parsed:
    """Models read from files, with where each came from and the problems found."""

    sources: list[tuple[Source, str, str]] = field(default_factory=list)  # (model, file, entry)
    nodes: list[tuple[Node, str, str]] = field(default_factory=list)
    ties: list[tuple[Tie, str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Ids of node entries that failed validation: ties pointing at them are
    #: not reported again as pointing at an unknown node.
    failed_node_ids: set[str] = field(default_factory=set)
    #: Kumu and Gephi tables: node ids by folded label (and ``id:<Gephi id>``).
    tool_labels: dict[str, str] = field(default_factory=dict)
    #: Work that needs every file of the load first (edges of Kumu and Gephi tables).
    deferred: list[Callable[[Parsed], None]] = field(default_factory=list)
    #: Accepted draft entries that match a stored node: (file, entry) -> the stored node's id.
    matched: dict[tuple[str, str], str] = field(default_factory=dict)

    def node_failed(self, raw: Any) -> None:
        if not isinstance(raw, dict):
            return
        if isinstance(raw.get("id"), str):
            self.failed_node_ids.add(raw["id"])
        elif isinstance(raw.get("type"), str) and isinstance(raw.get("name"), str) and raw["type"] in set(NodeType):
            qualifier = raw.get("start") or raw.get("signed")
            self.failed_node_ids.add(
                node_id(raw["type"], raw["name"], qualifier if isinstance(qualifier, str) else None)
            )


class _NoAliasLoader(yaml.SafeLoader):
    """A safe YAML loader for Pontes files.

    - Aliases (``*ref``) are refused: they are the vehicle of "billion laughs"
      documents, and seeds never need them.
    - A mapping with the same key twice is an error (PyYAML keeps the last
      value silently).
    - Dates stay text (``2015-11-19`` as written): the models read them, so
      an impossible day is a located error, not a crash in the YAML parser,
      and YAML and JSON files mean the same.
    """

    def compose_node(self, parent, index):  # PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases are not allowed in Pontes files", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # PyYAML hook
        seen: dict[object, object] = {}
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hashable = key in seen
            except TypeError:
                hashable = False
            if hashable:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"the key {key!r} appears twice", key_node.start_mark
                )
            try:
                seen[key] = True
            except TypeError:
                pass
        return super().construct_mapping(node, deep=deep)


# Dates stay strings: drop the implicit timestamp resolver from this loader's copy of the table.
_NoAliasLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _DuplicateKey(ValueError):
    """A JSON object with the same key twice."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def _syntax_message(e: Exception) -> str:
    """One line saying what is wrong and where (line and column, counted from 1)."""
    if isinstance(e, yaml.MarkedYAMLError) and e.problem:
        mark = e.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        return f"{e.problem}{where}"
    return " ".join(str(e).split())


def parse_document(path: Path, text: str) -> Any:
    """The YAML or JSON document in ``text`` (by ``path``'s suffix), with the
    rules of :class:`_NoAliasLoader` (no aliases, no repeated keys, dates as text)."""
    if path.suffix.lower() == ".json":
        return json.loads(text, object_pairs_hook=_unique_keys)
    return yaml.load(text, Loader=_NoAliasLoader)  # a safe loader subclass


def expand_paths(paths: list[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Files to read: files as given, folders expanded to their readable files (sorted, not recursive)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES))
        elif p.is_file():
            if p.suffix.lower() not in SUFFIXES:
                problems.append(
                    Problem(
                        str(p),
                        "(file)",
                        "(format)",
                        f"unknown file type {p.suffix!r}; expected one of {sorted(SUFFIXES)}",
                    )
                )
            else:
                files.append(p)
        else:  # missing, or a device or pipe that would be read forever
            problems.append(input_file_problem(p) or Problem(str(p), "(file)", "(path)", "no such file or folder"))
    return files, problems


def _entry_label(kind: str, index: int, raw: Any) -> str:
    label = f"{kind}[{index}]"
    if isinstance(raw, dict):
        hint = raw.get("id") or raw.get("name")
        if hint is None and kind == "ties":
            hint = f"{raw.get('source')} -{raw.get('type')}-> {raw.get('target')}"
        # the name as one line, and only when it shows something ("nodes[1] ()" said nothing)
        shown = " ".join(str(hint).split())[:160] if hint is not None else ""
        if visible(shown):
            label += f" ({shown})"
    return label


def _field_of(loc: tuple) -> str:
    parts = [str(p) for p in loc if str(p) not in set(NodeType)]
    return ".".join(parts) or "(entry)"


def _problems_from(exc: ValidationError, file: str, entry: str, *, skip: int = 0) -> list[Problem]:
    return [Problem.of(file, entry, _field_of(err["loc"][skip:]), err) for err in exc.errors()]


def read_seed_document(path: Path, out: Parsed) -> None:
    """Parse one YAML/JSON seed document into ``out``, entry by entry."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        out.problems.append(Problem(file, "(file)", "(encoding)", f"not valid UTF-8 at byte {e.start}"))
        return
    try:
        raw = parse_document(path, text)
    except (yaml.YAMLError, json.JSONDecodeError, _DuplicateKey) as e:
        out.problems.append(Problem(file, "(file)", "(syntax)", _syntax_message(e)))
        return
    except RecursionError:
        out.problems.append(Problem(file, "(file)", "(syntax)", "nested too deeply to be a Pontes document"))
        return
    if not isinstance(raw, dict):
        out.problems.append(
            Problem(file, "(document)", "(document)", "expected a mapping with keys pontes, sources, nodes, ties")
        )
        return
    if is_node_link(raw):
        read_node_link(raw, path, out)
        return
    if is_popolo(raw):
        read_popolo(raw, path, out)
        return
    # The envelope first (version, unknown keys, list types) ...
    envelope = {k: (v if k == "pontes" else []) for k, v in raw.items()}
    try:
        SeedDocument.model_validate(envelope)
    except ValidationError as e:
        out.problems.extend(_problems_from(e, file, "(document)"))
    # ... then every entry on its own, so all problems are reported.
    draft = is_draft(raw)
    for kind, model in (("sources", Source), ("nodes", None), ("ties", Tie)):
        entries = raw.get(kind) or []
        if not isinstance(entries, list):
            out.problems.append(Problem(file, "(document)", kind, "must be a list"))
            continue
        for i, item in enumerate(entries):
            entry = _entry_label(kind, i, item)
            if draft and kind != "sources" and isinstance(item, dict):
                item = _reviewed(item, file, entry, out, node=kind == "nodes")
                if item is None:
                    continue
            try:
                parsed = _NODE.validate_python(item) if model is None else model.model_validate(item)
            except ValidationError as e:
                out.problems.extend(_problems_from(e, file, entry))
                if kind == "nodes":
                    out.node_failed(item)
                continue
            except RecursionError:
                out.problems.append(Problem(file, entry, "(entry)", "nested too deeply"))
                continue
            getattr(out, kind).append((parsed, file, entry))


def read_draft(path: Path) -> dict[str, Any]:
    """A draft of ``pontes extract`` (JSON or YAML) for the review queue, checked
    the way a load checks a seed document: its sources, its entries as seed
    entries and their proposal keys. Review states in the file are kept for the
    caller to ignore. Raises :class:`~graph.errors.ValidationFailed` with every
    problem (file, entry, field); a file that is not a draft says what to give.
    """
    file = str(path)
    problems: list[Problem] = []

    def fail(entry: str, field: str, message: str) -> ValidationFailed:
        return ValidationFailed([*problems, Problem(file, entry, field, message)])

    unreadable = input_file_problem(path)
    if unreadable is not None:
        raise ValidationFailed([unreadable])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise fail("(file)", "(encoding)", f"not valid UTF-8 at byte {e.start}") from e
    except OSError as e:
        raise fail("(file)", "(path)", e.strerror or "cannot read") from e
    try:
        raw = parse_document(path, text)
    except (yaml.YAMLError, json.JSONDecodeError, _DuplicateKey) as e:
        raise fail("(file)", "(syntax)", _syntax_message(e)) from e
    except RecursionError as e:
        raise fail("(file)", "(syntax)", "nested too deeply to be a draft") from e
    if not isinstance(raw, dict) or not is_draft(raw):
        raise fail(
            "(document)",
            "(document)",
            "not a draft of pontes extract (entries with evidence); give a document (text, PDF, HTML) "
            "or the draft pontes extract wrote",
        )
    envelope = {k: (v if k == "pontes" else []) for k, v in raw.items()}
    try:
        SeedDocument.model_validate(envelope)
    except ValidationError as e:
        problems.extend(_problems_from(e, file, "(document)"))
    for kind in ("sources", "nodes", "ties"):
        entries = raw.get(kind) or []
        if not isinstance(entries, list):
            problems.append(Problem(file, "(document)", kind, "must be a list"))
            continue
        for i, item in enumerate(entries):
            entry = _entry_label(kind, i, item)
            if not isinstance(item, dict):
                problems.append(Problem(file, entry, "(entry)", "must be a mapping"))
                continue
            seed, meta = split_proposal(item) if kind != "sources" else (item, None)
            try:
                if meta is not None:
                    ProposalMeta.model_validate(meta)
                if kind == "sources":
                    Source.model_validate(seed)
                elif kind == "nodes":
                    _NODE.validate_python(seed)
                else:
                    Tie.model_validate(seed)
            except ValidationError as e:
                problems.extend(_problems_from(e, file, entry))
            except RecursionError:
                problems.append(Problem(file, entry, "(entry)", "nested too deeply"))
    if problems:
        raise ValidationFailed(problems)
    return raw


def _reviewed(item: dict[str, Any], file: str, entry: str, out: Parsed, *, node: bool) -> dict[str, Any] | None:
    """A draft entry as the seed entry to load, or None: rejected, not yet
    reviewed (a problem: nothing enters the graph unreviewed) or with bad proposal keys.
    A node entry that matches a stored node is noted in ``out.matched``."""
    seed, meta = split_proposal(item)
    try:
        proposal = ProposalMeta.model_validate(meta)
    except ValidationError as e:
        out.problems.extend(_problems_from(e, file, entry))
        return None
    if proposal.review == "rejected":
        return None
    if proposal.review == "pending":
        out.problems.append(
            Problem(
                file,
                entry,
                "review",
                "not reviewed yet: accept or reject it (pontes review, or review: accepted|rejected)",
            )
        )
        return None
    if node and proposal.match.status == "existing" and proposal.match.id:
        out.matched[(file, entry)] = proposal.match.id
    return seed


def _cells(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as model input: empty cells dropped, lists split, names.* and descriptions.* nested."""
    data: dict[str, Any] = {}
    for key, value in row.items():
        if key is None:
            raise ValueError("row has more cells than the header")
        if value is None or value.strip() == "":
            continue
        value = cell_as_written(value.strip())  # a cell our exports kept from running as a formula
        if key in ("aliases", "sources"):
            data[key] = split_cell(value)
        elif in_language := language_column(key):
            data.setdefault(in_language[0], {})[in_language[1]] = value
        elif key in ("lat", "lon"):
            try:
                data[key] = float(value)
            except ValueError:
                data[key] = value  # let the model report it
        elif key == "attendance":
            # ASCII digits only: "²".isdigit() holds, int("²") fails; anything else goes to the model, which reports it
            data[key] = int(value) if value.isascii() and value.isdigit() else value
        else:
            data[key] = value
    return data


def read_table(path: Path, out: Parsed) -> None:
    """Parse one CSV table (nodes, ties or sources, by its header) into ``out``."""
    file = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        out.problems.append(Problem(file, "(file)", "(encoding)", f"not valid UTF-8 at byte {e.start}"))
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = set(reader.fieldnames or [])
    model: type[Tie] | type[Source] | None
    if {"source", "target"} <= header:
        kind, model = "ties", Tie
    elif {"name", "type"} <= header:
        kind, model = "nodes", None
    elif {"id", "title"} <= header:  # a publisher is optional, as in a seed document
        kind, model = "sources", Source
    elif tool_table(list(header)):
        read_tool_table(tool_table(list(header)) or "", list(enumerate(reader, start=2)), path, out)
        return
    else:
        out.problems.append(
            Problem(
                file,
                "(header)",
                "(columns)",
                "cannot tell the table's kind: a tie table needs source and target "
                "columns, a node table type and name, a source table id and title, "
                "Kumu tables Label or From and To, Gephi tables Id and Label or Source and Target "
                f"(found {sorted(header) or 'no columns'}; is the delimiter a comma?)",
            )
        )
        return
    rows: Iterator[dict[str, str]] = iter(reader)
    line_no = 1
    while True:
        line_no += 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as e:  # a cell longer than the csv module's limit, a NUL byte ...
            out.problems.append(Problem(file, f"row {line_no}", "(row)", f"unreadable: {e}"))
            return
        entry = f"row {line_no}"
        label = row.get("id") or row.get("name")
        if label:
            entry += f" ({label[:80]})"
        try:
            data = _cells(row)
            parsed = _NODE.validate_python(data) if model is None else model.model_validate(data)
        except ValidationError as e:
            out.problems.extend(_problems_from(e, file, entry))
            if kind == "nodes":
                out.node_failed(row)
            continue
        except ValueError as e:
            out.problems.append(Problem(file, entry, "(row)", str(e)))
            continue
        getattr(out, kind).append((parsed, file, entry))


def read_files(files: list[Path]) -> Parsed:
    """Parse every file; problems are collected, not raised."""
    out = Parsed()
    for path in files:
        try:
            if path.suffix.lower() in TABLE_SUFFIXES:
                read_table(path, out)
            elif path.suffix.lower() in GRAPH_SUFFIXES:
                read_graph_file(path, out)
            else:
                read_seed_document(path, out)
        except OSError as e:
            out.problems.append(Problem(str(path), "(file)", "(read)", f"cannot be read: {e.strerror or e}"))
    run_deferred(out)
    return out

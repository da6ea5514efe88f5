"""Validate a whole load, then write it in batches.

:func:`read_paths` parses every file and cross-checks the lot (duplicate ids
with different content, ties whose ends or sources are unknown, endpoint types
that a tie type does not allow). Any problem raises
:class:`graph.errors.ValidationFailed` listing them all, and nothing is
written. :func:`write_plan` then upserts sources, nodes and ties in batches
(nodes before the ties that need them).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from graph.draft import merged_node
from graph.errors import Problem, ValidationFailed
from graph.model import TIE_ENDPOINTS, Node, NodeType, Source, Tie
from graph.store.base import GraphStore
from loaders.readers import Parsed, expand_paths, read_files

#: A model read from a file (source, node or tie).
_M = TypeVar("_M", Source, Node, Tie)


@dataclass
class LoadPlan:
    """Everything a load will write, validated and de-duplicated."""

    files: list[Path] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    #: Nodes left out because they were erased (GDPR), with their ties.
    skipped_erased: int = 0
    #: Nodes left out because their id was merged into another (their ties now use that one).
    redirected: int = 0

    @property
    def size(self) -> int:
        return len(self.sources) + len(self.nodes) + len(self.ties)


def _dedupe(items: Iterable[tuple[_M, str, str]], kind: str, problems: list[Problem]) -> dict[str, tuple[_M, str, str]]:
    """Keep one of each id; the same id with different content is a problem."""
    kept: dict[str, tuple[_M, str, str]] = {}
    for model, file, entry in items:
        first = kept.get(model.id)
        if first is None:
            kept[model.id] = (model, file, entry)
        elif first[0] != model:
            problems.append(
                Problem(
                    file,
                    entry,
                    "id",
                    f"{kind[:-1]} id {model.id!r} is also defined differently at {first[1]}: {first[2]}",
                )
            )
    return kept


def read_paths(
    paths: Sequence[str | Path],
    *,
    known_nodes: Callable[[set[str]], dict[str, NodeType]] | None = None,
    known_sources: Callable[[set[str]], set[str]] | None = None,
    erased: Callable[[set[str]], set[str]] | None = None,
    redirects: Mapping[str, str] | None = None,
    stored_nodes: Callable[[set[str]], dict[str, Node]] | None = None,
) -> LoadPlan:
    """Parse and validate every file under ``paths``; raise if anything is wrong.

    ``known_nodes`` / ``known_sources`` resolve references that the files
    themselves do not define (typically: look them up in the target store).
    ``erased(ids)`` names the ids among ``ids`` that were erased on request
    (:meth:`GraphStore.erased`): they and their ties are left out, not
    reported as problems. ``stored_nodes(ids)`` returns the stored nodes
    among ``ids``: an accepted draft entry that matches one is joined to it
    (:func:`join_matched`) instead of replacing it.

    Raises
    ------
    ValidationFailed
        With every problem found, each naming file, entry and field.
    """
    files, problems = expand_paths(list(paths))
    parsed = read_files(files)
    problems += parsed.problems
    if parsed.matched and stored_nodes is not None:
        redirects = {**(redirects or {}), **join_matched(parsed, stored_nodes, problems)}
    plan = check_plan(
        parsed.sources,
        parsed.nodes,
        parsed.ties,
        problems=problems,
        known_nodes=known_nodes,
        known_sources=known_sources,
        erased=erased,
        failed_node_ids=parsed.failed_node_ids,
        redirects=redirects,
    )
    plan.files = files
    return plan


def join_matched(
    parsed: Parsed, stored_nodes: Callable[[set[str]], dict[str, Node]], problems: list[Problem]
) -> dict[str, str]:
    """Join every accepted draft entry that matches a stored node to that node,
    as the review queue does (:func:`graph.draft.merged_node`): the stored
    node keeps its record and takes the entry's names as aliases, its sources
    and the values it lacks. A draft repeats no more of a stored private
    person than the document states, so loading it must not replace the
    record. An entry whose node is no longer stored is loaded as it is.

    Rewrites ``parsed.nodes`` in place; returns the entries' own ids that now
    stand for a stored node (the draft's ties may use them), for the redirects.
    """
    stored = stored_nodes(set(parsed.matched.values()))
    moved: dict[str, str] = {}
    for i, (node, file, entry) in enumerate(parsed.nodes):
        target = stored.get(parsed.matched.get((file, entry), ""))
        if target is None:
            continue
        if target.type is not node.type:
            problems.append(Problem(file, entry, "match", f"a {node.type} cannot be joined to a {target.type}"))
            continue
        parsed.nodes[i] = (merged_node(target, node), file, entry)
        if node.id != target.id:
            moved[node.id] = target.id
    return moved


def check_plan(
    sources: Iterable[tuple[Source, str, str]],
    nodes: Iterable[tuple[Node, str, str]],
    ties: Iterable[tuple[Tie, str, str]],
    *,
    problems: list[Problem] | None = None,
    known_nodes: Callable[[set[str]], dict[str, NodeType]] | None = None,
    known_sources: Callable[[set[str]], set[str]] | None = None,
    erased: Callable[[set[str]], set[str]] | None = None,
    failed_node_ids: Collection[str] = frozenset(),
    redirects: Mapping[str, str] | None = None,
) -> LoadPlan:
    """Cross-check models read by any reader and return the plan to write.

    Every loader ends here (seed files through :func:`read_paths`,
    participation tables through :func:`loaders.tables.read_participation_plan`):
    each item is ``(model, file, entry)``. Duplicate ids with different content,
    unknown sources, ties whose ends are unknown or of a type the tie does not
    allow are problems; ``problems`` already found by the reader are reported
    with them. Raises :class:`ValidationFailed` if there are any.
    """
    problems = list(problems or [])
    by_source = _dedupe(sources, "sources", problems)
    by_node = _dedupe(nodes, "nodes", problems)
    by_tie = _dedupe(ties, "ties", problems)
    redirected = 0
    if redirects:
        # ids merged into another node (pontes merge): the node kept stands for them
        redirected = sum(nid in redirects for nid in by_node)
        by_node = {nid: v for nid, v in by_node.items() if nid not in redirects}
        by_tie = _redirect_ties(by_tie, redirects)
    gone = erased(set(by_node)) if erased is not None else set()
    if gone:
        by_node = {nid: v for nid, v in by_node.items() if nid not in gone}
        by_tie = {tid: v for tid, v in by_tie.items() if v[0].source not in gone and v[0].target not in gone}

    node_types: dict[str, NodeType] = {nid: m.type for nid, (m, _, _) in by_node.items()}
    wanted_nodes = {end for t, _, _ in by_tie.values() for end in (t.source, t.target)} - node_types.keys()
    if wanted_nodes and known_nodes is not None:
        node_types.update(known_nodes(wanted_nodes))
    source_ids = set(by_source)
    cited = {s for m, _, _ in [*by_node.values(), *by_tie.values()] for s in m.sources} - source_ids
    if cited and known_sources is not None:
        source_ids |= known_sources(cited)

    for model, file, entry in [*by_node.values(), *by_tie.values()]:
        for i, ref in enumerate(model.sources):
            if ref not in source_ids:
                problems.append(Problem(file, entry, f"sources.{i}", f"unknown source {ref!r}"))
    for tie, file, entry in by_tie.values():
        allowed_src, allowed_tgt = TIE_ENDPOINTS[tie.type]
        for end, allowed in (("source", allowed_src), ("target", allowed_tgt)):
            ref = getattr(tie, end)
            if ref not in node_types:
                if ref not in failed_node_ids:  # already reported where it is defined
                    problems.append(Problem(file, entry, end, f"unknown node {ref!r}"))
            elif node_types[ref] not in allowed:
                problems.append(
                    Problem(
                        file,
                        entry,
                        end,
                        f"{tie.type} cannot have a {node_types[ref]} as {end} (allowed: {', '.join(sorted(allowed))})",
                    )
                )
    if problems:
        raise ValidationFailed(problems)
    return LoadPlan(
        sources=[m for m, _, _ in by_source.values()],
        nodes=[m for m, _, _ in by_node.values()],
        ties=[m for m, _, _ in by_tie.values()],
        skipped_erased=len(gone),
        redirected=redirected,
    )


def _redirect_ties(
    by_tie: dict[str, tuple[Tie, str, str]], redirects: Mapping[str, str]
) -> dict[str, tuple[Tie, str, str]]:
    out: dict[str, tuple[Tie, str, str]] = {}
    for tie, file, entry in by_tie.values():
        source, target = redirects.get(tie.source, tie.source), redirects.get(tie.target, tie.target)
        if (source, target) != (tie.source, tie.target):
            if source == target:
                continue
            data = tie.model_dump(mode="json", exclude_none=True)
            data.pop("id")
            tie = Tie.model_validate({**data, "source": source, "target": target})
        out.setdefault(tie.id, (tie, file, entry))
    return out


def store_resolvers(store: GraphStore):
    """Reference resolvers backed by ``store`` (for loads that extend stored data)."""

    def stored(ids: set[str]) -> dict[str, Node]:
        return {n.id: n for n in store.get_nodes(ids)}

    def nodes(ids: set[str]) -> dict[str, NodeType]:
        return {i: n.type for i, n in stored(ids).items()}

    def sources(ids: set[str]) -> set[str]:
        return {s.id for s in store.get_sources(ids)}

    return {
        "known_nodes": nodes,
        "known_sources": sources,
        "erased": store.erased,
        "redirects": store.redirects(),
        "stored_nodes": stored,
    }


def replaced_sources(store: GraphStore, sources: Sequence[Source]) -> list[tuple[Source, Source]]:
    """The sources of a load whose ids the store holds with other details, as (stored, new).

    A load replaces a stored source of the same id (its title, publisher,
    date, link ...); the loader says so, naming what changes, so that a
    reused id does not silently rewrite what every fact citing it shows.
    """
    stored = {s.id: s for s in store.get_sources([s.id for s in sources])} if sources else {}
    return [(stored[s.id], s) for s in sources if s.id in stored and stored[s.id] != s]


def source_changes(stored: Source, new: Source) -> list[tuple[str, object, object]]:
    """What a load changes in a stored source: (field, stored value, new value) for each field that differs."""
    return [
        (name, getattr(stored, name), getattr(new, name))
        for name in type(new).model_fields
        if getattr(stored, name) != getattr(new, name)
    ]


def write_plan(
    store: GraphStore,
    plan: LoadPlan,
    *,
    atomic: bool = True,
    batch_size: int = 2000,
    on_progress: Callable[[int], None] | None = None,
) -> None:
    """Upsert ``plan`` into ``store``, sources, then nodes, then ties.

    ``atomic`` (the default) writes everything in one transaction (the store
    still sends it in batches): readers see the graph before or after the
    load, never half of it, and an interrupted load leaves nothing behind.
    ``atomic=False`` commits every ``batch_size`` rows on their own, for loads
    too big for one transaction: an interrupted load leaves whole batches,
    and running it again completes it. Either way it is idempotent, since ids
    are content-derived. ``on_progress(n)`` is told of every ``n`` rows written.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if atomic:
        store.upsert(sources=plan.sources, nodes=plan.nodes, ties=plan.ties, on_progress=on_progress)
        return
    if plan.sources:
        store.upsert(sources=plan.sources, on_progress=on_progress)
    for i in range(0, len(plan.nodes), batch_size):
        store.upsert(nodes=plan.nodes[i : i + batch_size], on_progress=on_progress)
    for i in range(0, len(plan.ties), batch_size):
        store.upsert(ties=plan.ties[i : i + batch_size], on_progress=on_progress)


def load_paths(
    store: GraphStore,
    paths: Sequence[str | Path],
    *,
    atomic: bool = True,
    batch_size: int = 2000,
    on_progress: Callable[[int], None] | None = None,
) -> LoadPlan:
    """Validate everything under ``paths`` (references may point into ``store``), then write it.

    Raises :class:`ValidationFailed` before writing anything if any entry is
    invalid. See :func:`write_plan` for ``atomic``.
    """
    plan = read_paths(paths, **store_resolvers(store))
    write_plan(store, plan, atomic=atomic, batch_size=batch_size, on_progress=on_progress)
    return plan

"""Growing the graph from documents: extract (and review, duplicates, merge)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from graph.cells import split_cell
from graph.errors import ValidationFailed
from pontes.commands.common import FiniteFloat, reading_store
from ui.i18n import counted


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The draft to write: DRAFT.json or DRAFT.yaml.",
)
@click.option(
    "--lang",
    type=click.Choice(["auto", "de", "fr", "en"]),
    default="auto",
    show_default=True,
    help="The documents' language (auto: told from each text).",
)
def extract_cmd(files: tuple[Path, ...], out: Path, lang: str) -> None:
    """Read documents (plain text, PDF, HTML) and write a draft of what they state.

    The draft is in the seed format (pontes: 1, sources, nodes, ties); each
    proposed node and tie carries its evidence (offsets into the document's
    text and the sentence), a confidence and whether it matches a stored node.
    Review it (pontes review, or set review: accepted|rejected on each entry),
    then pontes load it. Nothing is written to the store.
    """
    from graph.intake import extract_documents, read_document_file, write_draft  # the extractor loads on use

    documents = [read_document_file(f) for f in files]
    with reading_store(allow_empty=True) as store:
        snapshot = store.cached_snapshot()
        draft = extract_documents(documents, snapshot.nodes, language=lang, stored_ties=(t.id for t in snapshot.ties))
    path = write_draft(draft, out)
    matched = sum(n["match"]["status"] == "existing" for n in draft["nodes"])
    click.echo(
        f"wrote {path}: {counted(len(draft['nodes']), 'node|nodes')} ({matched} already stored) and "
        f"{counted(len(draft['ties']), 'tie|ties')} proposed from {counted(len(documents), 'document|documents')}; "
        "review them before loading"
    )


@click.command("duplicates")
@click.option(
    "--type", "types", multiple=True, type=click.Choice(["Organisation", "Person", "Event", "Agreement", "Place"])
)
@click.option("--threshold", type=FiniteFloat(0.5, 1.0), default=0.88, show_default=True, help="Least name similarity.")
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True, help="Pairs to list, best first.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--include-private", is_flag=True, help="Name private persons (default: only their roles).")
def duplicates_cmd(types: tuple[str, ...], threshold: float, limit: int, fmt: str, include_private: bool) -> None:
    """List likely duplicate pairs of nodes with the evidence for each.

    Evidence: the same name, alias or other-language name (case, accents and
    Unicode form ignored), the same name inflected or reordered, similar names
    (rapidfuzz), the same place and country. Merge a pair with pontes merge KEEP OTHER.
    """
    import json

    from graph.intake.duplicates import find_duplicates
    from graph.model import NodeType
    from graph.privacy import redact

    with reading_store() as store:
        sub = redact(store.cached_snapshot(), show_private=include_private)
        pairs = find_duplicates(sub.nodes, sub.ties, types=[NodeType(t) for t in types] or None, threshold=threshold)
    pairs = pairs[:limit]
    if fmt == "json":
        rows = [
            {
                "a": p.a,
                "b": p.b,
                "names": list(p.names),
                "type": str(p.type),
                "score": p.score,
                "reasons": p.reason_texts,
            }
            for p in pairs
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not pairs:
        click.echo("No likely duplicates.")
    for p in pairs:
        click.echo(f"{p.score:.2f}  {p.a} ({p.names[0]})  ~  {p.b} ({p.names[1]})")
        for reason in p.reason_texts:
            click.echo(f"      {reason}")


@click.command("merge")
@click.argument("keep", required=False)
@click.argument("other", required=False)
@click.option("--by", default=None, help="Who merges (default: the user name of this session).")
@click.option("--undo", "undo_id", default=None, metavar="CHANGE", help="Undo the merge CHANGE (see --list).")
@click.option("--list", "list_changes", is_flag=True, help="List the merges and their undoing.")
@click.option("--include-private", is_flag=True, help="Name private persons (default: only as a person).")
def merge_cmd(
    keep: str | None, other: str | None, by: str | None, undo_id: str | None, list_changes: bool, include_private: bool
) -> None:
    """Merge node OTHER into node KEEP (ids, names or aliases).

    KEEP takes OTHER's names as aliases, its sources and its ties; OTHER's id
    becomes an alias that later loads resolve to. The merge is logged and can
    be undone (--undo CHANGE).
    """
    import getpass

    from graph.intake.merge import merge, undo, undone_merges
    from graph.lookup import resolve

    who = by or getpass.getuser()
    with reading_store() as store:
        if list_changes:
            log = store.changes()
            undone = undone_merges(log)
            for c in log:
                state = f"undone by {undone[c.id]}" if c.id in undone else ""
                ends = _merge_ends(c, include_private)
                click.echo(
                    f"{c.id}  {c.at:%Y-%m-%d %H:%M}  {c.by}  {c.action} {ends[0]} -> {ends[1]}  {state}".rstrip()
                )
            if not log:
                click.echo("No merges yet.")
            return
        if undo_id:
            change = undo(store, undo_id, by=who)
            other_id, keep_id = _merge_ends(change, include_private)
            click.echo(f"Undid {undo_id}: {other_id} and {keep_id} are two nodes again (change {change.id}).")
            return
        if not (keep and other):
            raise click.UsageError("give KEEP and OTHER, or --undo CHANGE, or --list")
        kept, merged = resolve(store, keep, show_private=True), resolve(store, other, show_private=True)
        change = merge(store, kept.id, merged.id, by=who)
    other_id, keep_id = _merge_ends(change, include_private)
    click.echo(
        f"Merged {other_id} into {keep_id}: {counted(len(change.after_ties), 'tie|ties')} moved or joined; "
        f"{other_id} now names {keep_id}. Undo: pontes merge --undo {change.id}"
    )


def _merge_ends(change, include_private: bool) -> tuple[str, str]:
    """The ids a merge joined (other, keep) as a listing shows them: a private person's id is
    their name, so it reads ``person:‹private›`` unless ``include_private``."""
    from graph.privacy import is_private

    if include_private:
        return change.other, change.keep
    private = {n.id for n in [*change.before_nodes, *change.after_nodes] if is_private(n)}
    other, keep = ("person:‹private›" if i in private else i for i in (change.other, change.keep))
    return other, keep


# -- pontes review -------------------------------------------------------------------------------------------
@click.group("review")
def review_cmd() -> None:
    """The review queue: accept, edit, merge or reject a document's proposals.

    \b
      pontes review add DRAFT.json           queue a draft of pontes extract
      pontes review list                     the queued documents
      pontes review show BATCH               proposals, each in its sentence
      pontes review accept BATCH 1 3 | --all [--min-confidence 0.8]
      pontes review reject BATCH 2 | --all
      pontes review edit BATCH 4 --set name="Stadt Trier" --set role=chair
      pontes review merge BATCH 5 org:stadt-trier

    Accepted proposals go through the normal validation and cite the
    document; who decided what, and when, is kept with the queue.
    """


def _who(by: str | None) -> str:
    import getpass

    return by or getpass.getuser()


_BY = click.option("--by", default=None, help="Who decides (default: the user name of this session).")


@review_cmd.command("add")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--lang",
    type=click.Choice(["auto", "de", "fr", "en"]),
    default="auto",
    show_default=True,
    help="A document's language.",
)
@_BY
def review_add(file: Path, lang: str, by: str | None) -> None:
    """Queue the proposals of FILE: a document (text, PDF, HTML), read and
    matched against the stored graph, or a draft of pontes extract (JSON or YAML)."""
    from graph.intake import DOCUMENT_SUFFIXES, read_document_file
    from graph.intake.review import enqueue, enqueue_read
    from loaders.readers import read_draft

    with reading_store(allow_empty=True) as store:
        if file.suffix.lower() in DOCUMENT_SUFFIXES:
            batch = enqueue_read(store, read_document_file(file), by=_who(by), language=lang)
        else:
            batch = enqueue(store, read_draft(file), name=file.name, by=_who(by))
    click.echo(
        f"Queued {counted(len(batch.proposals), 'proposal|proposals')} from {file.name} as batch {batch.id[:8]}."
    )


@review_cmd.command("list")
def review_list() -> None:
    """The queued documents and how many of their proposals are decided."""
    from graph.intake.review import batches

    with reading_store(allow_empty=True) as store:
        found = batches(store)
    if not found:
        click.echo("The review queue is empty.")
    for b in found:
        c = b.counts()
        click.echo(
            f"{b.id[:8]}  {b.name}  added {b.added_at:%Y-%m-%d %H:%M} by {b.added_by}: {c['pending']} pending, "
            f"{c['accepted']} accepted, {c['merged']} merged, {c['rejected']} rejected"
        )


@review_cmd.command("show")
@click.argument("batch_id")
@click.option("--pending", is_flag=True, help="Only proposals not decided yet.")
@click.option("--include-private", is_flag=True, help="Name private persons (default: only as a person).")
def review_show(batch_id: str, pending: bool, include_private: bool) -> None:
    """The proposals of a batch, numbered, each with its sentence (the mention in [brackets])."""
    from graph.intake.review import get_batch, highlight, labels_of

    with reading_store(allow_empty=True) as store:
        batch = get_batch(store, batch_id)
    private = {} if include_private else _private_proposals(batch)
    hidden = [name for names in private.values() for name in names if name]
    click.echo(f"{batch.name} ({batch.id[:8]}), sources: {', '.join(s.id for s in batch.sources)}")
    for number, p in enumerate(batch.proposals, start=1):
        if pending and p.decision.status != "pending":
            continue
        label = p.label
        for pid, names in private.items():
            label = label.replace(names[0], "‹person›").replace(pid, "person:‹private›")
        match = p.entry.get("match", {})
        matched = ", new"
        if match.get("status") == "existing":  # a private person's stored id is their name
            matched = f", matches {'person:‹private›' if {p.id, match['id']} & private.keys() else match['id']}"
        decided = (
            f" [{p.decision.status} by {p.decision.by} {p.decision.at:%Y-%m-%d %H:%M}]"
            if p.decision.by and p.decision.at
            else ""
        )
        click.echo(f"{number:>3}. {label} (confidence {p.confidence:.2f}{matched}){decided}")
        for ev in p.evidence[:2]:
            parts = highlight(ev.text, labels_of(batch, p))
            sentence = "".join(f"[{text}]" if marked else text for text, marked in parts)
            for name in hidden:
                sentence = sentence.replace(name, "‹person›")
            click.echo(f"       {sentence}")


def _private_proposals(batch) -> dict[str, list[str]]:
    """The node id and the names (name first, then aliases) of each private person a batch proposes."""
    return {
        p.id: [p.entry.get("name", ""), *p.entry.get("aliases", [])]
        for p in batch.proposals
        if p.kind == "node" and p.entry.get("visibility") == "private"
    }


@contextmanager
def _naming_no_private_person(batch) -> Iterator[None]:
    """Problems of deciding on ``batch`` with its private persons as ``‹person›`` and their ids
    (their names) as ``person:‹private›``: a problem's entry is the proposal's label."""
    try:
        yield
    except ValidationFailed as e:
        private = _private_proposals(batch)

        def hide(text: str) -> str:
            for pid, names in private.items():
                text = text.replace(pid, "person:‹private›")
                for name in sorted(filter(None, names), key=len, reverse=True):
                    text = text.replace(name, "‹person›")
            return text

        raise ValidationFailed(
            [
                dataclasses.replace(
                    p,
                    entry=hide(p.entry),
                    message=hide(p.message),
                    params={k: hide(v) if isinstance(v, str) else v for k, v in p.params.items()},
                )
                for p in e.problems
            ]
        ) from None


def _numbers(
    batch, items: tuple[str, ...], every: bool, min_confidence: float | None, *, accept: bool = True
) -> list[str]:
    pending = [p for p in batch.proposals if p.decision.status == "pending"]
    if every and not accept:
        return [p.id for p in pending]
    if every:
        chosen = {p.id for p in pending if min_confidence is None or p.confidence >= min_confidence}
        # a tie goes with its nodes: not if one of them is rejected or left out
        nodes = {p.id: p for p in batch.proposals if p.kind == "node"}
        for p in pending:
            ends = [nodes.get(p.entry.get(end, "")) for end in ("source", "target")] if p.kind == "tie" else []
            if any(
                e is not None
                and e.decision.status == "rejected"
                or (e is not None and e.decision.status == "pending" and e.id not in chosen)
                for e in ends
            ):
                chosen.discard(p.id)
        return [p.id for p in pending if p.id in chosen]
    out = []
    for item in items:
        if item.isascii() and item.isdigit() and 1 <= int(item) <= len(batch.proposals):
            out.append(batch.proposals[int(item) - 1].id)
        else:
            out.append(item)
    return out


def _report(outcome) -> None:
    c = outcome.batch.counts()
    click.echo(
        f"Wrote {counted(outcome.nodes, 'node|nodes')} and {counted(outcome.ties, 'tie|ties')}. Batch {outcome.batch.id[:8]}: {c['pending']} pending, "
        f"{c['accepted']} accepted, {c['merged']} merged, {c['rejected']} rejected."
    )


@review_cmd.command("accept")
@click.argument("batch_id")
@click.argument("items", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Every pending proposal (nodes before ties).")
@click.option("--min-confidence", type=FiniteFloat(0, 1), default=None, help="With --all: only those this sure.")
@_BY
def review_accept(
    batch_id: str, items: tuple[str, ...], every: bool, min_confidence: float | None, by: str | None
) -> None:
    """Accept proposals (numbers of pontes review show, or ids): validated, then written citing the document."""
    from graph.intake.review import decide, get_batch

    with reading_store(allow_empty=True) as store:
        batch = get_batch(store, batch_id)
        with _naming_no_private_person(batch):
            _report(decide(store, batch.id, _numbers(batch, items, every, min_confidence), "accept", by=_who(by)))


@review_cmd.command("reject")
@click.argument("batch_id")
@click.argument("items", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Every pending proposal.")
@_BY
def review_reject(batch_id: str, items: tuple[str, ...], every: bool, by: str | None) -> None:
    """Reject proposals: nothing is written, the decision is kept."""
    from graph.intake.review import decide, get_batch

    with reading_store(allow_empty=True) as store:
        batch = get_batch(store, batch_id)
        with _naming_no_private_person(batch):
            _report(decide(store, batch.id, _numbers(batch, items, every, None, accept=False), "reject", by=_who(by)))


@review_cmd.command("edit")
@click.argument("batch_id")
@click.argument("item")
@click.option("--set", "sets", multiple=True, metavar="FIELD=VALUE", required=True, help="A field to change (repeat).")
@_BY
def review_edit(batch_id: str, item: str, sets: tuple[str, ...], by: str | None) -> None:
    """Change fields of a proposal (name, kind, role, start ...) and accept it."""
    from graph.intake.review import decide, get_batch

    edits = {}
    for pair in sets:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter("expected FIELD=VALUE", param_hint="--set")
        if not value.strip():  # an empty value would be ignored, and the proposal accepted as it was
            raise click.BadParameter(f"{key.strip()}= has no value; leave out a field to keep it", param_hint="--set")
        edits[key.strip()] = split_cell(value) if key.strip() in ("aliases", "sources") else value.strip()
    with reading_store(allow_empty=True) as store:
        batch = get_batch(store, batch_id)
        with _naming_no_private_person(batch):
            _report(decide(store, batch.id, _numbers(batch, (item,), False, None), "accept", by=_who(by), edits=edits))


@review_cmd.command("merge")
@click.argument("batch_id")
@click.argument("item")
@click.argument("node")
@_BY
def review_merge(batch_id: str, item: str, node: str, by: str | None) -> None:
    """The proposal ITEM is the stored NODE (id, name or alias): NODE cites the document and takes its name as an alias."""
    from graph.intake.review import decide, get_batch
    from graph.lookup import resolve

    with reading_store(allow_empty=True) as store:
        batch = get_batch(store, batch_id)
        target = resolve(store, node, show_private=True)
        with _naming_no_private_person(batch):
            _report(
                decide(store, batch.id, _numbers(batch, (item,), False, None), "merge", by=_who(by), into=target.id)
            )

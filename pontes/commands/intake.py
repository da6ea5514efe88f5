"""Growing the graph from documents: extract (and review, duplicates, merge)."""

from __future__ import annotations

from pathlib import Path

import click

from pontes.commands.common import reading_store


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
        f"wrote {path}: {len(draft['nodes'])} nodes ({matched} already stored) and {len(draft['ties'])} ties "
        f"proposed from {len(documents)} document(s); review them before loading"
    )


@click.command("duplicates")
@click.option(
    "--type", "types", multiple=True, type=click.Choice(["Organisation", "Person", "Event", "Agreement", "Place"])
)
@click.option(
    "--threshold", type=click.FloatRange(0.5, 1.0), default=0.88, show_default=True, help="Least name similarity."
)
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

    from graph.duplicates import find_duplicates
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
                "reasons": list(p.reasons),
            }
            for p in pairs
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not pairs:
        click.echo("No likely duplicates.")
    for p in pairs:
        click.echo(f"{p.score:.2f}  {p.a} ({p.names[0]})  ~  {p.b} ({p.names[1]})")
        for reason in p.reasons:
            click.echo(f"      {reason}")


@click.command("merge")
@click.argument("keep", required=False)
@click.argument("other", required=False)
@click.option("--by", default=None, help="Who merges (default: the user name of this session).")
@click.option("--undo", "undo_id", default=None, metavar="CHANGE", help="Undo the merge CHANGE (see --list).")
@click.option("--list", "list_changes", is_flag=True, help="List the merges and their undoing.")
def merge_cmd(keep: str | None, other: str | None, by: str | None, undo_id: str | None, list_changes: bool) -> None:
    """Merge node OTHER into node KEEP (ids, names or aliases).

    KEEP takes OTHER's names as aliases, its sources and its ties; OTHER's id
    becomes an alias that later loads resolve to. The merge is logged and can
    be undone (--undo CHANGE).
    """
    import getpass

    from graph.lookup import resolve
    from graph.merge import merge, undo, undone_merges

    who = by or getpass.getuser()
    with reading_store() as store:
        if list_changes:
            log = store.changes()
            undone = undone_merges(log)
            for c in log:
                state = f"undone by {undone[c.id]}" if c.id in undone else ""
                click.echo(f"{c.id}  {c.at:%Y-%m-%d %H:%M}  {c.by}  {c.action} {c.other} -> {c.keep}  {state}".rstrip())
            if not log:
                click.echo("No merges yet.")
            return
        if undo_id:
            change = undo(store, undo_id, by=who)
            click.echo(f"Undid {undo_id}: {change.other} and {change.keep} are two nodes again (change {change.id}).")
            return
        if not (keep and other):
            raise click.UsageError("give KEEP and OTHER, or --undo CHANGE, or --list")
        kept, merged = resolve(store, keep, show_private=True), resolve(store, other, show_private=True)
        change = merge(store, kept.id, merged.id, by=who)
    click.echo(
        f"Merged {merged.id} into {kept.id}: {len(change.after_ties)} ties moved or joined; "
        f"{merged.id} now names {kept.id}. Undo: pontes merge --undo {change.id}"
    )

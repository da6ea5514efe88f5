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

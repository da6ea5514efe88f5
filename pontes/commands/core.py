"""Core commands: load, validate, export, stats, schema, app."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from pydantic import ValidationError as PydanticValidationError
from tqdm import tqdm

from graph.errors import PontesError, Problem, ValidationFailed
from graph.formats import ExportFormat, export
from graph.intake.duplicates import stored_lookalikes
from graph.model import Source
from graph.output import write_text
from graph.privacy import redact_all
from graph.schema import seed_schema
from loaders import read_paths, replaced_sources, source_changes, store_resolvers, write_plan
from loaders.readers import SUFFIXES, expand_paths
from loaders.tables import default_source, read_participation_plan
from pontes.appserver import run_app, streamlit_command
from pontes.commands.common import participation_columns, participation_options, reading_store
from pontes.settings import REPO_ROOT, load_settings
from pontes.stores import describe_store, open_store
from ui.i18n import LANGUAGES, counted, stand_in_words


@click.command("load")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--replace",
    is_flag=True,
    help="Replace the whole graph by these files, in one transaction: the store holds the old graph or the new one.",
)
@click.option("--batched", is_flag=True, help="Commit every --batch-size rows instead of one transaction (huge loads).")
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=None,
    help="Rows per write statement and, with --batched, per transaction (default: PONTES_BATCH_SIZE).",
)
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when on a terminal).")
@click.option(
    "--participations",
    "table",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="A participation table (CSV/TSV, may be gzipped): one row per actor taking part in an event.",
)
@participation_options(required=False)
@click.option("--name", "name_col", default=None, help="A column with actor names (default: column and code).")
@click.option(
    "--source-id", default=None, help="Id of the source the table's facts cite (default: from the file name)."
)
@click.option("--source-title", default=None, help="Title of that source.")
@click.option("--publisher", default=None, help="Publisher of that source.")
def load_cmd(
    paths: tuple[Path, ...],
    replace: bool,
    batched: bool,
    batch_size: int | None,
    progress: bool | None,
    table: Path | None,
    actor: str | None,
    event: str | None,
    time_col: str | None,
    attrs: tuple[str, ...],
    event_attrs: tuple[str, ...],
    events_path: Path | None,
    lead: str | None,
    name_col: str | None,
    source_id: str | None,
    source_title: str | None,
    publisher: str | None,
) -> None:
    """Validate seed files (YAML/JSON) and CSV tables under PATHS, or a
    participation table (--participations), then write them.

    Any invalid entry stops the load before anything is written; the error
    names the file, the entry and the field. The write is one transaction
    unless --batched. Loading the same data again changes nothing. With
    --replace the files become the whole graph, in one transaction (the
    audit log and its tombstones stay).

    A participation table becomes one organisation per actor, one event per
    event and a PARTICIPATED_IN tie per row (role organiser where --lead
    says the participation leads); --event-attr values become topics their
    events address. For example the CORDIS Horizon 2020 table:

    \b
      pontes load --participations h2020.csv.gz --actor pic --event rcn \\
        --time start_year --attr country --attr type \\
        --events programme_parts.csv.gz --event-attr programme_part --lead role=coordinator \\
        --source-title "CORDIS Horizon 2020 participations" --publisher "European Commission"
    """
    if table is None and not paths:
        raise click.UsageError("give PATHS to load, or --participations FILE")
    if table is not None and paths:
        raise click.UsageError("load PATHS and a participation table in two runs")
    columns = None
    if table is not None:
        columns = participation_columns(
            actor=actor,
            event=event,
            time_col=time_col,
            attrs=attrs,
            event_attrs=event_attrs,
            events_path=events_path,
            lead=lead,
        )
    _refuse_empty_folders(paths)
    if replace and batched:
        raise click.UsageError(
            "--replace writes the new graph in one transaction (the old graph or the new one, never a mix); "
            "leave out --batched"
        )
    # --batch-size also sizes the store's write statements (PONTES_BATCH_SIZE otherwise)
    settings = load_settings(**({"batch_size": batch_size} if batch_size else {}))
    click.echo(f"Store: {describe_store(settings)}", err=True)
    with open_store(settings) as store:
        if table is not None and columns is not None:
            source = _table_source(table, source_id, source_title, publisher)
            resolvers = store_resolvers(store)
            plan = read_participation_plan(
                table,
                **columns,
                name=name_col,
                source=source,
                known_sources=resolvers["known_sources"],
                erased=resolvers["erased"],
            )
            plan.files = [table]
        elif replace:
            # the new graph stands on its own: nothing may point into the graph it replaces
            plan = read_paths(paths, erased=store.erased)
            if not plan.nodes:  # a wrong folder or file must not empty the store
                raise click.UsageError(
                    "--replace with files that hold no nodes would empty the store; nothing was written"
                )
        else:
            plan = None
        bar = tqdm(
            total=plan.size if plan else 0,
            unit="row",
            disable=not (sys.stderr.isatty() if progress is None else progress),
        )
        with bar:

            def tick(n: int) -> None:
                bar.update(n)

            size = batch_size or settings.batch_size
            lookalikes, replaced = [], []
            if replace and plan is not None:
                store.replace_graph(sources=plan.sources, nodes=plan.nodes, ties=plan.ties, on_progress=tick)
            else:
                if plan is None:
                    plan = read_paths(paths, **store_resolvers(store))
                    lookalikes = stored_lookalikes(store, plan.nodes)  # before the new nodes are stored
                    replaced = replaced_sources(store, plan.sources)
                write_plan(store, plan, atomic=not batched, batch_size=size, on_progress=tick)
        counts = store.counts()
        _keep_first_page(settings, store, counts.total_nodes)
    click.echo(
        f"Loaded {counted(len(plan.sources), 'source|sources')}, {counted(len(plan.nodes), 'node|nodes')}, "
        f"{counted(len(plan.ties), 'tie|ties')} from {counted(len(plan.files), 'file|files')}. Store now holds "
        f"{counted(counts.total_nodes, 'node|nodes')} and {counted(counts.total_ties, 'tie|ties')}."
    )
    if plan.skipped_erased:
        click.echo(
            f"Left out {counted(plan.skipped_erased, 'erased person|erased persons')} and their ties "
            "(see pontes person audit)."
        )
    if plan.redirected:
        click.echo(
            f"{counted(plan.redirected, 'node|nodes')} named by an id merged into another "
            f"{'was' if plan.redirected == 1 else 'were'} read as the node kept."
        )
    for stored, new in replaced:
        changes = "; ".join(
            f"{name} {before!r} -> {after!r}" if name in ("title", "publisher", "date") else f"{name} changed"
            for name, before, after in source_changes(stored, new)
        )
        click.echo(
            f"Warning: source {new.id} was stored with other details; this load replaced them: {changes}", err=True
        )
    for pair in lookalikes:
        click.echo(
            f"Warning: new node {pair.a} ({pair.names[0]}) looks like stored {pair.b} ({pair.names[1]}): "
            f"{'; '.join(pair.reason_texts)}. Merge them with: pontes merge {pair.b} {pair.a}",
            err=True,
        )


def _keep_first_page(settings, store, nodes: int) -> None:
    """After a load of a large graph, the explorer's first page of the new version in every language
    (:func:`ui.frontpage.prepare`), so that the next app process draws it without reading the graph
    first. The load stands whatever happens here: a failure only leaves that work to the app."""
    from ui import frontpage  # with the explorer's drawing code: only after a load

    if nodes < frontpage.LARGE_GRAPH:
        return
    started = time.perf_counter()
    try:
        made = frontpage.prepare(settings, store, LANGUAGES, words=stand_in_words())
    except (PontesError, OSError) as e:
        click.echo(f"Warning: the explorer's first page was not kept ({e}); the app makes it when it starts.", err=True)
        return
    if made:
        click.echo(
            f"Kept the explorer's first page ({', '.join(made)}) for the app's next start "
            f"in {time.perf_counter() - started:.1f} s.",
            err=True,
        )


def _refuse_empty_folders(paths: tuple[Path, ...]) -> None:
    """A folder given to load or validate that holds no file Pontes reads is a mistake (a wrong
    folder), not a load of nothing: a located problem. (The app's seed folder may be empty.)"""
    empty = [p for p in paths if p.is_dir() and not expand_paths([p])[0]]
    if empty:
        raise ValidationFailed(
            [
                Problem(str(p), "(files)", "(path)", f"holds no file to read; expected one of {sorted(SUFFIXES)}")
                for p in empty
            ]
        )


def _table_source(table: Path, source_id: str | None, title: str | None, publisher: str | None) -> Source:
    default = default_source(table)
    try:
        return Source(
            id=source_id or default.id, title=title or default.title, publisher=publisher or default.publisher
        )
    except PydanticValidationError as e:
        problems = [Problem.of(str(table), "source", ".".join(map(str, err["loc"])), err) for err in e.errors()]
        raise ValidationFailed(problems) from e


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate_cmd(paths: tuple[Path, ...]) -> None:
    """Check files under PATHS without writing anything."""
    _refuse_empty_folders(paths)
    plan = read_paths(paths)
    click.echo(
        f"OK: {counted(len(plan.sources), 'source|sources')}, {counted(len(plan.nodes), 'node|nodes')}, "
        f"{counted(len(plan.ties), 'tie|ties')} in {counted(len(plan.files), 'file|files')}."
    )


@click.command("export")
@click.option("--format", "fmt", type=click.Choice([f.value for f in ExportFormat]), required=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output file (a folder for csv).")
@click.option("--include-private", is_flag=True, help="Name private persons (default: only their roles).")
def export_cmd(fmt: str, out: Path, include_private: bool) -> None:
    """Export the whole graph as node-link JSON, GraphML, GEXF or CSV tables.

    Private persons appear only through their roles unless --include-private.
    """
    with reading_store() as store:
        sub, sources = redact_all(
            store.snapshot(), store.get_sources(), show_private=include_private, words=stand_in_words()
        )
        files = export(sub, sources, fmt, out)
    for f in files:
        click.echo(f"wrote {f}")


@click.command("stats")
def stats_cmd() -> None:
    """Print node and tie counts per type."""
    with reading_store() as store:
        counts = store.counts()
    click.echo(
        json.dumps(
            {
                "nodes": {str(k): v for k, v in sorted(counts.nodes.items())},
                "ties": {str(k): v for k, v in sorted(counts.ties.items())},
                "sources": counts.sources,
            },
            indent=2,
        )
    )


@click.command("schema")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write to a file instead of stdout.")
def schema_cmd(out: Path | None) -> None:
    """Print the JSON Schema of the seed document format."""
    text = json.dumps(seed_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        click.echo(text, nl=False)
    else:
        write_text(out, text)
        click.echo(f"wrote {out}")


@click.command("app", context_settings={"ignore_unknown_options": True})
@click.argument("streamlit_args", nargs=-1, type=click.UNPROCESSED)
def app_cmd(streamlit_args: tuple[str, ...]) -> None:
    """Open the explorer (streamlit run app.py [ARGS]).

    It listens on PONTES_ADDRESS:PONTES_PORT (default localhost:8501; set
    PONTES_ADDRESS=0.0.0.0 to serve other machines), sends no usage
    statistics and shows no developer menu. As soon as it answers, the app
    runs once on its own (imports, store, graph), so that the first page
    opened only draws. Streamlit options given as ARGS (e.g. --server.port
    8600) come last and win.
    """
    settings = load_settings()
    click.echo(f"Store: {describe_store(settings)}", err=True)
    cmd = streamlit_command(REPO_ROOT, address=settings.address, port=settings.port, extra=streamlit_args)
    click.get_current_context().exit(run_app(cmd, port=settings.port))

"""Core commands: load, validate, export, stats, schema, app."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
from tqdm import tqdm

from graph.export import ExportFormat, export
from graph.privacy import redact
from graph.schema import seed_schema
from loaders import load_paths, read_paths
from pontes.settings import REPO_ROOT, load_settings
from pontes.stores import open_store


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Empty the store before loading.")
@click.option("--batched", is_flag=True, help="Commit every --batch-size rows instead of one transaction (huge loads).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None, help="Rows per batch.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when on a terminal).")
def load_cmd(paths: tuple[Path, ...], replace: bool, batched: bool, batch_size: int | None, progress: bool | None) -> None:
    """Validate seed files (YAML/JSON) and CSV tables under PATHS, then write them.

    Any invalid entry stops the load before anything is written; the error
    names the file, the entry and the field. The write is one transaction
    unless --batched.
    """
    settings = load_settings()
    with open_store(settings) as store:
        if replace:
            # Validate before clearing, so a bad file never empties the store.
            read_paths(paths)
            store.clear()
        bar = tqdm(total=0, unit="row", disable=not (sys.stderr.isatty() if progress is None else progress))
        with bar:
            def tick(n: int) -> None:
                bar.update(n)

            plan = load_paths(
                store, paths, atomic=not batched, batch_size=batch_size or settings.batch_size, on_progress=tick
            )
        counts = store.counts()
    click.echo(
        f"Loaded {len(plan.sources)} sources, {len(plan.nodes)} nodes, {len(plan.ties)} ties "
        f"from {len(plan.files)} files. Store now holds {counts.total_nodes} nodes and {counts.total_ties} ties."
    )
    if plan.skipped_erased:
        click.echo(f"Left out {plan.skipped_erased} erased person(s) and their ties (see pontes person audit).")


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate_cmd(paths: tuple[Path, ...]) -> None:
    """Check files under PATHS without writing anything."""
    plan = read_paths(paths)
    click.echo(f"OK: {len(plan.sources)} sources, {len(plan.nodes)} nodes, {len(plan.ties)} ties in {len(plan.files)} files.")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice([f.value for f in ExportFormat]), required=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Output file (a folder for csv).")
@click.option("--include-private", is_flag=True, help="Name private persons (default: only their roles).")
def export_cmd(fmt: str, out: Path, include_private: bool) -> None:
    """Export the whole graph as node-link JSON, GraphML, GEXF or CSV tables.

    Private persons appear only through their roles unless --include-private.
    """
    with open_store(load_settings()) as store:
        sub = redact(store.snapshot(), show_private=include_private)
        files = export(sub, store.get_sources(), fmt, out)
    for f in files:
        click.echo(f"wrote {f}")


@click.command("stats")
def stats_cmd() -> None:
    """Print node and tie counts per type."""
    with open_store(load_settings()) as store:
        counts = store.counts()
    click.echo(json.dumps(
        {"nodes": {str(k): v for k, v in sorted(counts.nodes.items())},
         "ties": {str(k): v for k, v in sorted(counts.ties.items())},
         "sources": counts.sources},
        indent=2,
    ))


@click.command("schema")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write to a file instead of stdout.")
def schema_cmd(out: Path | None) -> None:
    """Print the JSON Schema of the seed document format."""
    text = json.dumps(seed_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")


@click.command("app", context_settings={"ignore_unknown_options": True})
@click.argument("streamlit_args", nargs=-1, type=click.UNPROCESSED)
def app_cmd(streamlit_args: tuple[str, ...]) -> None:
    """Open the explorer in the browser (streamlit run app.py [ARGS])."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"), *streamlit_args]
    raise SystemExit(subprocess.call(cmd))

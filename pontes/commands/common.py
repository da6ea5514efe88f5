"""What the commands share: opening the store they read, and the options of participation tables."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from graph.errors import EmptyStore
from graph.store.base import GraphStore
from pontes.settings import Settings, load_settings
from pontes.stores import describe_store, open_store


@contextmanager
def reading_store(settings: Settings | None = None, *, allow_empty: bool = False) -> Iterator[GraphStore]:
    """The store a command reads, opened and named once on stderr.

    An empty store is an error (:class:`EmptyStore`, "load data first"),
    not an answer of zeros, unless ``allow_empty``.
    """
    settings = settings or load_settings()
    where = describe_store(settings)
    click.echo(f"Store: {where}", err=True)
    with open_store(settings) as store:
        if not allow_empty and store.counts().total_nodes == 0:
            raise EmptyStore(f"{where} holds no graph yet; load one first, e.g. `pontes load seeds/`")
        yield store


# -- numbers of options ---------------------------------------------------------------------------


class FiniteFloat(click.FloatRange):
    """A :class:`click.FloatRange` that also refuses ``nan`` and ``inf``: Python reads them as floats,
    and ``nan`` passes every bound (each comparison with it is false), so ``--threshold nan`` would
    otherwise slip through as a number."""

    name = "finite float range"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


#: A seed of the random steps: numpy takes 0 to 2**32 - 1.
SEED = click.IntRange(0, 2**32 - 1)
#: A year, as dates run in Pontes (0001 to 9999).
YEAR = click.IntRange(1, 9999)


# -- participation tables (pontes load --participations, pontes evaluate) ----------------------------


def participation_options(*, required: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options naming a participation table's columns, declared once for every command that reads one."""
    options = [
        click.option("--actor", required=required, default=None, help="Its actor column (e.g. pic)."),
        click.option("--event", required=required, default=None, help="Its event column (e.g. rcn)."),
        click.option("--time", "time_col", required=required, default=None, help="Its time column: a year or a date."),
        click.option("--attr", "attrs", multiple=True, help="An actor attribute column (repeat; e.g. --attr country)."),
        click.option(
            "--event-attr",
            "event_attrs",
            multiple=True,
            help="An event attribute column, e.g. a project's programme (repeat).",
        ),
        click.option(
            "--events",
            "events_path",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="A table of events with the --event column and the --event-attr columns.",
        ),
        click.option(
            "--lead",
            default=None,
            metavar="COLUMN=VALUE",
            help="Participations whose COLUMN is VALUE lead their event (e.g. role=coordinator).",
        ),
    ]

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        return functools.reduce(lambda f, option: option(f), reversed(options), command)

    return decorate


def participation_columns(
    *,
    actor: str | None,
    event: str | None,
    time_col: str | None,
    attrs: tuple[str, ...],
    event_attrs: tuple[str, ...],
    events_path: Path | None,
    lead: str | None,
) -> dict[str, Any]:
    """The checked options of :func:`participation_options` as keyword arguments
    of :func:`loaders.participations.read_participations`."""
    if not (actor and event and time_col):
        raise click.UsageError("a participation table needs --actor, --event and --time")
    if lead is not None and ("=" not in lead or not lead.split("=", 1)[0].strip()):
        raise click.BadParameter("expected COLUMN=VALUE, e.g. role=coordinator", param_hint="--lead")
    if events_path is not None and not event_attrs:
        raise click.UsageError("--events needs at least one --event-attr")
    column, _, value = (lead or "").partition("=")
    return {
        "actor": actor,
        "event": event,
        "time": time_col,
        "attributes": attrs,
        "event_attributes": event_attrs,
        "events": events_path,
        "lead": (column.strip(), value.strip()) if lead else None,
    }

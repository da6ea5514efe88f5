"""Suggestion commands: suggest, forum, feedback.

Thin shells over :mod:`graph.suggest`: actors and topics are resolved by
:mod:`graph.lookup`, results written by their own serialisation
(:meth:`~graph.suggest.engine.Suggestion.to_dict`,
:meth:`~graph.suggest.forum.ForumPlan.to_dict` ...). Private persons appear
only as their role stand-ins unless ``--include-private``. Errors the
library raises on purpose reach the user through :func:`pontes.cli.main`.
"""

from __future__ import annotations

import datetime as dt
import json

import click

from graph.facts import title_in
from graph.lookup import resolve_actor, resolve_topic
from graph.privacy import redact, redact_sources
from pontes.commands.common import reading_store
from ui.i18n import counted, t

_INCLUDE_PRIVATE = click.option(
    "--include-private", is_flag=True, help="Name private persons (default: only their roles)."
)


def _english(group: str, value: str) -> str:
    """Codes (countries, sectors) as the catalogue's English labels: no raw code in any output."""
    from ui.i18n import label

    return label(group, value, "en")


def _titled(source: str, titles: dict[str, str]) -> str:
    """A source by its title, with its id for finding it in the files (its id alone without a title)."""
    title = titles.get(source)
    return f"“{title}” ({source})" if title and title != source else source


# -- suggest --------------------------------------------------------------------------
@click.command("suggest")
@click.argument("actor")
@click.option("-k", "--top", "k", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--scorer", default="learned", show_default=True, help="Scoring strategy (see 'pontes evaluate').")
@click.option("--cross-border", is_flag=True, help="Only actors in another country.")
@click.option(
    "--type",
    "actor_type",
    default=None,
    help="Only this type or kind of actor (default: organisations; Person for persons; ngo ...).",
)
@click.option("--country", default=None, help="Only actors in this country (ISO code).")
@click.option("--topic", default=None, help="Only actors working on this topic (id or name).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@_INCLUDE_PRIVATE
def suggest_cmd(actor, k, scorer, cross_border, actor_type, country, topic, fmt, include_private) -> None:
    """Suggest whom ACTOR (id or name) should meet, with reasons and sources."""
    from graph.suggest.engine import SuggestionEngine, SuggestionFilter, suggestions_csv, suggestions_json
    from graph.suggest.text import render

    with reading_store() as store:
        actor_node = resolve_actor(store, actor, show_private=include_private)
        actor_id = actor_node.id
        topic_id = resolve_topic(store, topic).id if topic else None
        snapshot = store.snapshot()
        whole = redact(snapshot, show_private=include_private)
        titles = {
            src.id: title_in(src, "en")
            for src in redact_sources(store.get_sources(), snapshot, show_private=include_private)
        }
    engine = SuggestionEngine.from_subgraph(whole, scorer=scorer)
    found = engine.suggest(
        actor_id,
        k=k,
        filters=SuggestionFilter(cross_border=cross_border, actor_type=actor_type, country=country, topic=topic_id),
    )
    if fmt == "json":
        click.echo(suggestions_json(found, label=_english))
        return
    if fmt == "csv":
        click.echo(suggestions_csv(found, label=_english), nl=False)
        return
    note, params = engine.confidence_note()
    # the learned default without enough history ranks by the evidence: say so, as the app does
    ranked_by = t(f"suggest.scorers.{'evidence' if note == 'no_percentage' else engine.scorer.name}", "en")
    click.echo(f"Suggestions for {actor_node.name} ({actor_id}), ranked by: {ranked_by}")
    click.echo(render(note, params, label=_english))
    if not found:
        click.echo("  none (no candidates pass the filters)")
    for s in found:
        border = " [cross-border]" if s.crosses_border else ""
        where = _english("country", s.country) if s.country else "?"
        click.echo(f"{s.rank:3d}. {s.name} ({s.other}, {where}) {s.strength()}{border}")
        for r in s.reasons:
            click.echo(f"       - {r.render(label=_english)}")
        if s.sources:
            click.echo(f"       sources: {'; '.join(_titled(x, titles) for x in s.sources)}")


# -- forum --------------------------------------------------------------------------------
@click.command("forum")
@click.option("--topic", default=None, help="Topic (id or name); omit for a general forum or one around --invite.")
@click.option("--size", "k", type=click.IntRange(1, 500), default=12, show_default=True, help="Number of invitees.")
@click.option("--invite", "invited", multiple=True, help="Actor already invited (id or name; repeatable).")
@click.option(
    "--country",
    "countries",
    multiple=True,
    help="A country the forum should cover (ISO code; repeatable; default: every country of the network).",
)
@click.option(
    "--sector",
    "sectors",
    multiple=True,
    help="A sector the forum should cover (organisation kind; repeatable; default: every sector of the network).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@_INCLUDE_PRIVATE
def forum_cmd(topic, k, invited, countries, sectors, fmt, include_private) -> None:
    """Propose an invitation list for a forum on a topic (or around invited actors),
    with the reasons for each invitee and the countries and sectors still missing."""
    from graph.suggest.collab import collab_from_subgraph
    from graph.suggest.forum import compose_forum, forum_csv, forum_json

    with reading_store() as store:
        ids = [resolve_actor(store, a, show_private=include_private).id for a in invited]
        topic_id = resolve_topic(store, topic).id if topic else None
        whole = redact(store.snapshot(), show_private=include_private)
    plan = compose_forum(
        collab_from_subgraph(whole),
        topic_id,
        k,
        invited=ids,
        countries=list(countries) or None,
        sectors=list(sectors) or None,
    )
    if fmt == "json":
        click.echo(forum_json(plan, label=_english))
        return
    if fmt == "csv":
        click.echo(forum_csv(plan, label=_english), nl=False)
        return
    click.echo(f"Forum on {plan.topic or 'any topic'}: {counted(len(plan.invitees), 'invitee|invitees')}")
    for n, i in enumerate(plan.invitees, start=1):
        where = _english("country", i.country) if i.country else "?"
        sector = _english("kind", i.sector) if i.sector else "?"
        click.echo(f"{n:3d}. {i.name} ({i.actor}, {where}, {sector})")
        for r in i.reason_texts(label=_english):
            click.echo(f"       - {r}")
    for line in plan.summary(label=_english):
        click.echo(line)
    for note in plan.note_texts(label=_english):
        click.echo(f"Note: {note}")


# -- feedback ---------------------------------------------------------------------------------
_DISMISS = {"already-in-contact": "already_in_contact", "not-relevant": "not_relevant"}


@click.command("feedback")
@click.argument("actors", nargs=-1)
@click.option("--dismiss", type=click.Choice(sorted(_DISMISS)), default=None, help="Dismiss the suggested pair.")
@click.option("--acted-on", is_flag=True, help="Mark the suggested pair as acted on.")
@click.option("--note", default=None, help="A short note (no contact data).")
@click.option(
    "--date", "on", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Day of the decision (default: today)."
)
@click.option("--list", "list_", is_flag=True, help="List all recorded feedback instead.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
@_INCLUDE_PRIVATE
def feedback_cmd(actors, dismiss, acted_on, note, on, list_, fmt, include_private) -> None:
    """Record a planner's decision on a suggested pair: ACTOR_A ACTOR_B and
    --dismiss REASON or --acted-on. Dismissed pairs are never suggested again;
    decisions are ties of type FEEDBACK, kept in exports. --list shows them."""
    from graph.formats import csv_text
    from graph.suggest.feedback import FeedbackEntry, feedback_entries, record_feedback

    if list_:
        with reading_store(allow_empty=True) as store:
            whole = redact(store.snapshot(), show_private=include_private)
        names = {n.id: n.name for n in whole.nodes}
        rows = [e.to_row(names) for e in feedback_entries(whole.ties)]
        if fmt == "json":
            click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        elif fmt == "csv":
            click.echo(csv_text(FeedbackEntry.CSV_COLUMNS, rows), nl=False)
        else:
            for r in rows:
                click.echo(
                    f"{r['date']}  {r['decision']:<18} {r['name_a']} – {r['name_b']}"
                    + (f"  ({r['note']})" if r["note"] else "")
                )
            if not rows:
                click.echo("no feedback recorded")
        return
    if len(actors) != 2:
        raise click.UsageError("give two actors (or --list)")
    if bool(dismiss) == bool(acted_on):
        raise click.UsageError("give exactly one of --dismiss REASON and --acted-on")
    kind = "acted_on" if acted_on else _DISMISS[dismiss]
    with reading_store() as store:
        a, b = (resolve_actor(store, x, show_private=include_private).id for x in actors)
        tie = record_feedback(store, a, b, kind, on=on.date() if on else dt.date.today(), note=note)
    click.echo(f"recorded {kind} for {tie.source} – {tie.target} on {tie.start}")


COMMANDS = (suggest_cmd, forum_cmd, feedback_cmd)

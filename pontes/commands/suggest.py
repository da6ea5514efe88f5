"""Suggestion commands: evaluate, suggest, forum, feedback.

Thin shells over :mod:`graph.suggest`; errors the library raises on purpose
reach the user through :func:`pontes.cli.main`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

import click

from graph.errors import NotFound, Problem, ValidationFailed


def _open_store():
    from pontes.settings import load_settings
    from pontes.stores import open_store

    return open_store(load_settings())


def _resolve_actor(store, text: str) -> str:
    """An actor id, given its id or its exact name (or an unambiguous search)."""
    from graph.model import ACTOR_TYPES

    if store.get_node(text) is not None:
        return text
    found = store.search(text, types=ACTOR_TYPES, limit=5)
    exact = [n for n in found if n.name.casefold() == text.casefold()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0].id
    if found:
        names = "; ".join(f"{n.id} ({n.name})" for n in found)
        raise ValidationFailed([Problem("(command line)", text, "actor", f"ambiguous, could be: {names}")])
    raise NotFound(text)


# -- evaluate -----------------------------------------------------------------------
@click.command("evaluate")
@click.option(
    "--participations",
    "path",
    type=click.Path(path_type=Path),
    required=True,
    help="Participation table (CSV, plain or gzip).",
)
@click.option("--actor", required=True, help="Actor column.")
@click.option("--event", required=True, help="Event column.")
@click.option("--time", "time_col", required=True, help="Time column (year or date).")
@click.option("--attr", "attrs", multiple=True, help="Actor attribute column (repeatable), e.g. country, type.")
@click.option(
    "--country-attr", default=None, help="Which attribute is the country (default: an --attr named 'country')."
)
@click.option(
    "--event-attr",
    "event_attrs",
    multiple=True,
    help="Event attribute column (repeatable), e.g. a project's programme; from --events if given.",
)
@click.option(
    "--events",
    "events_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Table of events (CSV, plain or gzip) with the --event column and the --event-attr columns.",
)
@click.option(
    "--lead",
    default=None,
    metavar="COLUMN=VALUE",
    help="Participations whose COLUMN is VALUE lead their event, e.g. role=coordinator.",
)
@click.option("--amount", default=None, help="Numeric column per participation, e.g. contribution.")
@click.option("--cut", type=float, required=True, help="Cut year: history is before it, new ties from it on.")
@click.option("--scorer", "scorers", multiple=True, help="Scorer to evaluate (repeatable; default: all).")
@click.option("--negatives", type=click.IntRange(1), default=100_000, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--rank-actors",
    type=click.IntRange(0),
    default=200,
    show_default=True,
    help="Actors sampled for the per-actor ranking (MRR, Hits@10).",
)
@click.option(
    "--low-degree",
    type=click.IntRange(0),
    default=5,
    show_default=True,
    help="A pair is low-degree when an actor has at most this many partners.",
)
@click.option(
    "--pairs",
    "pairs_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Score exactly these pairs instead (CSV, first two columns are actor ids).",
)
@click.option(
    "--scores-out", type=click.Path(path_type=Path), default=None, help="Where --pairs writes its scores (CSV)."
)
@click.option(
    "--json", "json_out", type=click.Path(path_type=Path), default=None, help="Also write the figures as JSON."
)
def evaluate_cmd(
    path,
    actor,
    event,
    time_col,
    attrs,
    country_attr,
    event_attrs,
    events_path,
    lead,
    amount,
    cut,
    scorers,
    negatives,
    seed,
    rank_actors,
    low_degree,
    pairs_path,
    scores_out,
    json_out,
) -> None:
    """Evaluate the scorers on a participation table, split in time at --cut.

    Uses only events before the cut to score the new ties among known actors
    that form from the cut on, against random untied pairs; prints Hits@K,
    AUC and AP per scorer, the AUC on low-degree and on cold (no earlier
    tie) pairs, and the per-actor MRR and Hits@10. The protocol is in
    docs/suggestions.md. With --pairs and --scores-out it scores exactly the
    given pairs instead, with data before the cut only.

    --event-attr, --events, --lead and --amount add what the table says
    about the events (their field) and the participations (who led, how
    much) to the learned default's features; see docs/suggestions.md.
    """
    from graph.suggest import get_scorer, heuristic_names
    from graph.suggest.evaluate import describe, evaluate, format_results, score_pairs, temporal_split
    from loaders.participations import read_participations

    if lead is not None and ("=" not in lead or not lead.split("=", 1)[0].strip()):
        raise click.BadParameter("expected COLUMN=VALUE, e.g. role=coordinator", param_hint="--lead")
    if events_path is not None and not event_attrs:
        raise click.UsageError("--events needs at least one --event-attr")
    table = read_participations(
        path,
        actor=actor,
        event=event,
        time=time_col,
        attributes=attrs,
        event_attributes=event_attrs,
        events=events_path,
        lead=tuple(x.strip() for x in lead.split("=", 1)) if lead else None,
        amount=amount,
    )
    country = country_attr or ("country" if "country" in attrs else None)
    names = list(scorers) or [*heuristic_names(), "learned"]
    try:
        chosen = [get_scorer(n, seed=seed) if n == "learned" else get_scorer(n) for n in names]
    except KeyError as e:
        raise click.BadParameter(str(e.args[0]), param_hint="--scorer") from e

    if pairs_path is not None:
        if scores_out is None:
            raise click.UsageError("--pairs needs --scores-out")
        pairs = _read_pairs(pairs_path)
        scores = score_pairs(table, cut, pairs, chosen, country_attribute=country)
        with scores_out.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["actor_a", "actor_b", *scores])
            for i, (a, b) in enumerate(pairs):
                w.writerow([a, b, *(repr(float(scores[n][i])) for n in scores)])
        click.echo(f"wrote {len(pairs)} scored pairs to {scores_out}")
        return

    click.echo(f"{table.path}: {len(table)} participations ({table.skipped} rows without a time left out); cut {cut:g}")
    split = temporal_split(
        table, cut, negatives=negatives, seed=seed, rank_actors=rank_actors, country_attribute=country
    )
    sizes = describe(split, low_degree=low_degree)
    click.echo(", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sizes.items()))
    results = evaluate(
        split,
        chosen,
        low_degree=low_degree,
        on_progress=lambda r: click.echo(f"  {r.scorer}: done in {r.seconds:.0f} s", err=True),
    )
    click.echo(format_results(results))
    for r in results:
        if r.status:
            click.echo(f"{r.scorer}: {r.status}")
    if json_out is not None:
        payload = {
            "participations": str(path),
            "columns": table.columns,
            "cut": cut,
            "seed": seed,
            "sizes": sizes,
            "results": [
                {
                    "scorer": r.scorer,
                    "hits": {str(k): v for k, v in r.hits.items()},
                    "auc": r.auc,
                    "ap": r.ap,
                    "auc_low_degree": r.low_auc,
                    "auc_cold": r.cold_auc,
                    "ap_cold": r.cold_ap,
                    "mrr": r.mrr,
                    "hits10_actor": r.hits10,
                    "seconds": r.seconds,
                    "status": r.status,
                }
                for r in results
            ],
        }
        json_out.write_text(json.dumps(payload, indent=2), encoding="utf-8")
        click.echo(f"wrote {json_out}")


def _read_pairs(path: Path) -> list[tuple[str, str]]:
    from loaders.participations import _open_text

    try:
        with _open_text(path) as fh:
            sample = fh.readline()
            fh.seek(0)
            delimiter = max([",", ";", "\t", "|"], key=sample.count)
            rows = list(csv.reader(fh, delimiter=delimiter))
    except FileNotFoundError as e:
        raise ValidationFailed([Problem(str(path), "(file)", "(path)", "no such file")]) from e
    problems = []
    pairs = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            problems.append(Problem(str(path), f"row {line}", "(pair)", "needs two actor ids"))
            continue
        pairs.append((row[0].strip(), row[1].strip()))
    if problems:
        raise ValidationFailed(problems)
    return pairs


# -- suggest --------------------------------------------------------------------------
def _engine(store, scorer: str):
    from graph.suggest.engine import SuggestionEngine

    return SuggestionEngine.from_subgraph(store.snapshot(), scorer=scorer)


@click.command("suggest")
@click.argument("actor")
@click.option("-k", "--top", "k", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--scorer", default="learned", show_default=True, help="Scoring strategy (see 'pontes evaluate').")
@click.option("--cross-border", is_flag=True, help="Only actors in another country.")
@click.option(
    "--type", "actor_type", default=None, help="Only this type or kind of actor (Organisation, Person, ngo ...)."
)
@click.option("--country", default=None, help="Only actors in this country (ISO code).")
@click.option("--topic", default=None, help="Only actors working on this topic (id or name).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
def suggest_cmd(actor, k, scorer, cross_border, actor_type, country, topic, fmt) -> None:
    """Suggest whom ACTOR (id or name) should meet, with reasons and sources."""
    from graph.suggest.engine import SuggestionFilter

    with _open_store() as store:
        actor_id = _resolve_actor(store, actor)
        engine = _engine(store, scorer)
        found = engine.suggest(
            actor_id,
            k=k,
            filters=SuggestionFilter(cross_border=cross_border, actor_type=actor_type, country=country, topic=topic),
        )
    if fmt == "json":
        click.echo(json.dumps([_suggestion_dict(s) for s in found], indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(
            [
                "rank",
                "actor",
                "other",
                "name",
                "score",
                "probability",
                "crosses_border",
                "country",
                "reasons",
                "sources",
            ]
        )
        for s in found:
            w.writerow(
                [
                    s.rank,
                    s.actor,
                    s.other,
                    s.name,
                    f"{s.score:.6g}",
                    "" if s.probability is None else f"{s.probability:.4f}",
                    s.crosses_border,
                    s.country,
                    " | ".join(r.text for r in s.reasons),
                    " ".join(s.sources),
                ]
            )
        return
    click.echo(
        f"Suggestions for {actor_id} ({engine.scorer.name}; {getattr(engine.scorer, 'status', '') or 'heuristic'})"
    )
    if not found:
        click.echo("  none (no candidates pass the filters)")
    for s in found:
        score = f"{s.probability:.1%}" if s.probability is not None else f"{s.score:.4g}"
        border = " [cross-border]" if s.crosses_border else ""
        click.echo(f"{s.rank:3d}. {s.name} ({s.other}, {s.country or '?'}) {score}{border}")
        for r in s.reasons:
            click.echo(f"       - {r.text}")
        if s.sources:
            click.echo(f"       sources: {', '.join(s.sources)}")


def _suggestion_dict(s) -> dict:
    return {
        "rank": s.rank,
        "actor": s.actor,
        "other": s.other,
        "name": s.name,
        "score": s.score,
        "probability": s.probability,
        "steps": s.steps,
        "crosses_border": s.crosses_border,
        "country": s.country,
        "type": s.type,
        "kind": s.kind,
        "reasons": [
            {
                "kind": r.kind,
                "text": r.text,
                "params": r.params,
                "sources": list(r.sources),
                "evidence": [
                    {"label": e.label, "nodes": list(e.nodes), "sources": list(e.sources)} for e in r.evidence
                ],
            }
            for r in s.reasons
        ],
        "sources": list(s.sources),
    }


# -- forum --------------------------------------------------------------------------------
@click.command("forum")
@click.option("--topic", default=None, help="Topic (id or name); omit for a general forum.")
@click.option("--size", "k", type=click.IntRange(1, 500), default=12, show_default=True, help="Number of invitees.")
@click.option("--invite", "invited", multiple=True, help="Actor already invited (id or name; repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def forum_cmd(topic, k, invited, fmt) -> None:
    """Propose an invitation list for a forum on a topic, with a reason for each invitee."""
    from graph.suggest.collab import collab_from_subgraph
    from graph.suggest.forum import compose_forum

    with _open_store() as store:
        ids = [_resolve_actor(store, a) for a in invited]
        cg = collab_from_subgraph(store.snapshot())
    plan = compose_forum(cg, topic, k, invited=ids)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "topic": plan.topic,
                    "countries": plan.countries,
                    "countries_missing": plan.countries_missing,
                    "sectors": plan.sectors,
                    "sectors_missing": plan.sectors_missing,
                    "new_pairs": plan.new_pairs,
                    "pairs": plan.pairs,
                    "notes": plan.notes,
                    "invitees": [
                        {
                            "actor": i.actor,
                            "name": i.name,
                            "country": i.country,
                            "sector": i.sector,
                            "invited": i.invited,
                            "gain": i.gain,
                            "reasons": list(i.reasons),
                        }
                        for i in plan.invitees
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    click.echo(f"Forum on {topic or 'any topic'}: {len(plan.invitees)} invitees")
    for n, i in enumerate(plan.invitees, start=1):
        click.echo(f"{n:3d}. {i.name} ({i.actor}, {i.country or '?'}, {i.sector or '?'})")
        for r in i.reasons:
            click.echo(f"       - {r}")
    click.echo(f"Countries: {', '.join(plan.countries) or '-'}; missing: {', '.join(plan.countries_missing) or 'none'}")
    click.echo(f"Sectors: {', '.join(plan.sectors) or '-'}; missing: {', '.join(plan.sectors_missing) or 'none'}")
    click.echo(f"{plan.new_pairs} of {plan.pairs} pairs of invitees have not met yet")
    for note in plan.notes:
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
def feedback_cmd(actors, dismiss, acted_on, note, on, list_, fmt) -> None:
    """Record a planner's decision on a suggested pair: ACTOR_A ACTOR_B and
    --dismiss REASON or --acted-on. Dismissed pairs are never suggested again;
    decisions are ties of type FEEDBACK, kept in exports. --list shows them."""
    from graph.model import TieType
    from graph.suggest.feedback import feedback_entries, record_feedback

    if list_:
        with _open_store() as store:
            ties = [t for t in store.snapshot().ties if t.type is TieType.FEEDBACK]
            names = {n.id: n.name for n in store.get_nodes({x for t in ties for x in (t.source, t.target)})}
        entries = feedback_entries(ties)
        rows = [
            {
                "date": e.on,
                "actor_a": e.a,
                "name_a": names.get(e.a, ""),
                "actor_b": e.b,
                "name_b": names.get(e.b, ""),
                "decision": e.kind.value,
                "note": e.note or "",
            }
            for e in entries
        ]
        if fmt == "json":
            click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        elif fmt == "csv":
            w = csv.DictWriter(
                sys.stdout, fieldnames=["date", "actor_a", "name_a", "actor_b", "name_b", "decision", "note"]
            )
            w.writeheader()
            w.writerows(rows)
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
    with _open_store() as store:
        a, b = (_resolve_actor(store, x) for x in actors)
        tie = record_feedback(store, a, b, kind, on=on.date() if on else dt.date.today(), note=note)
    click.echo(f"recorded {kind} for {tie.source} – {tie.target} on {tie.start}")


COMMANDS = (evaluate_cmd, suggest_cmd, forum_cmd, feedback_cmd)

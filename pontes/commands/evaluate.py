"""``pontes evaluate``: the temporal evaluation of every scorer on a participation table."""

from __future__ import annotations

from pathlib import Path

import click

from pontes.commands.common import SEED, FiniteFloat, participation_columns, participation_options
from ui.i18n import counted


@click.command("evaluate")
@click.option(
    "--participations",
    "path",
    type=click.Path(path_type=Path),
    required=True,
    help="Participation table (CSV, plain or gzip).",
)
@participation_options(required=True)
@click.option(
    "--country-attr", default=None, help="Which attribute is the country (default: an --attr named 'country')."
)
@click.option("--amount", default=None, help="Numeric column per participation, e.g. contribution.")
@click.option(
    "--cut", type=FiniteFloat(1, 9999), required=True, help="Cut year: history is before it, new ties from it on."
)
@click.option("--scorer", "scorers", multiple=True, help="Scorer to evaluate (repeatable; default: all).")
@click.option("--negatives", type=click.IntRange(1), default=100_000, show_default=True)
@click.option("--seed", type=SEED, default=0, show_default=True)
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
    "--calibration",
    "calibrate",
    is_flag=True,
    help="Also measure how well the claimed one-year probabilities match (expected calibration error, bins).",
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
    event_attrs,
    events_path,
    lead,
    country_attr,
    amount,
    cut,
    scorers,
    negatives,
    seed,
    rank_actors,
    low_degree,
    pairs_path,
    scores_out,
    calibrate,
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
    --calibration measures, for scorers that claim probabilities, how well
    they match the ties formed within a year of the cut.
    """
    from graph.formats import csv_text
    from graph.output import json_text, write_text
    from graph.suggest import get_scorer, heuristic_names
    from graph.suggest.calibration import calibration, format_calibration
    from graph.suggest.evaluate import (
        describe,
        evaluate,
        format_results,
        score_pairs,
        temporal_split,
    )
    from loaders.participations import read_pairs, read_participations

    columns = participation_columns(
        actor=actor,
        event=event,
        time_col=time_col,
        attrs=attrs,
        event_attrs=event_attrs,
        events_path=events_path,
        lead=lead,
    )
    if pairs_path is not None and scores_out is None:
        raise click.UsageError("--pairs needs --scores-out")
    table = read_participations(path, **columns, amount=amount)
    country = country_attr or ("country" if "country" in attrs else None)
    names = list(scorers) or [*heuristic_names(), "learned"]
    try:
        chosen = [get_scorer(n, seed=seed) if n == "learned" else get_scorer(n) for n in names]
    except KeyError as e:
        raise click.BadParameter(str(e.args[0]), param_hint="--scorer") from e

    if pairs_path is not None:
        pairs = read_pairs(pairs_path)
        scores = score_pairs(table, cut, pairs, chosen, country_attribute=country)
        rows = [
            {"actor_a": a, "actor_b": b, **{n: repr(float(scores[n][i])) for n in scores}}
            for i, (a, b) in enumerate(pairs)
        ]
        write_text(scores_out, csv_text(["actor_a", "actor_b", *scores], rows))
        click.echo(f"wrote {counted(len(pairs), 'scored pair|scored pairs')} to {scores_out}")
        return

    click.echo(
        f"{table.path}: {counted(len(table), 'participation|participations')} "
        f"({counted(table.skipped, 'row|rows')} without a time left out); cut {cut:g}"
    )
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
    calibrated = []
    if calibrate:
        for scorer in chosen:
            if getattr(scorer, "calibrated", False):
                calibrated.append(calibration(split, scorer, seed=seed))
                click.echo(format_calibration(calibrated[-1]))
            else:
                click.echo(f"{scorer.name}: no calibration (it claims no probabilities)")
    if json_out is not None:
        payload = {
            "participations": str(path),
            "columns": table.columns,
            "cut": cut,
            "seed": seed,
            "sizes": sizes,
            "results": [r.to_dict() for r in results],
            "calibration": [c.to_dict() for c in calibrated],
        }
        write_text(json_out, json_text(payload, indent=2))
        click.echo(f"wrote {json_out}")

"""``pontes metrics``: the metric suite with citable exports."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from pydantic import ValidationError
from tqdm import tqdm

from graph.analysis.export import GRAPH_FORMATS
from graph.analysis.pipeline import ViewSpec, analyse_file, analyse_snapshot, write_analysis
from graph.analysis.suite import MetricParams
from graph.errors import AnalysisError
from graph.privacy import redact_all
from pontes.commands.common import SEED, YEAR, FiniteFloat, reading_store
from pontes.settings import load_settings
from ui.i18n import counted, stand_in_words


@click.command("metrics")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder for the exports.")
@click.option(
    "--input",
    "input_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Analyse this graph file (GraphML, GEXF or node-link JSON) instead of the store.",
)
@click.option(
    "--group-attr",
    default="country",
    show_default=True,
    help="Node attribute whose values are the groups (borders): country, city, sector, type, or any attribute of the file.",
)
@click.option(
    "--weight-attr", default="weight", show_default=True, help="Edge attribute of tie strength (graph files)."
)
@click.option(
    "--view",
    type=click.Choice(["collaboration", "events", "agreements", "full"]),
    default="collaboration",
    show_default=True,
    help="Store only: actor-actor ties from shared events/agreements, or the full typed graph.",
)
@click.option(
    "--weighting",
    type=click.Choice(["count", "newman"]),
    default="count",
    show_default=True,
    help="Projection weights: shared items, or Newman's 1/(n-1) per shared item.",
)
@click.option(
    "--half-life",
    type=FiniteFloat(min=0, min_open=True),
    default=None,
    help="Recency decay of shared items, in years.",
)
@click.option(
    "--cooperation/--no-cooperation",
    default=False,
    show_default=True,
    help="Add stated COOPERATES_WITH ties to the projection.",
)
@click.option("--as-of", "as_of", type=YEAR, default=None, help="The network as of this year (same as --to).")
@click.option("--from", "start", type=YEAR, default=None, help="First year of the time window.")
@click.option("--to", "end", type=YEAR, default=None, help="Last year of the time window.")
@click.option("--seed", type=SEED, default=42, show_default=True, help="Seed of every random step.")
@click.option("--pivots", type=click.IntRange(min=2), default=None, help="Pivots for sampled betweenness/closeness.")
@click.option(
    "--epsilon",
    type=FiniteFloat(0, 1, min_open=True, max_open=True),
    default=0.1,
    show_default=True,
    help="Error bound of sampled betweenness (sets the pivots).",
)
@click.option(
    "--delta",
    type=FiniteFloat(0, 1, min_open=True, max_open=True),
    default=0.1,
    show_default=True,
    help="Probability that the error bound fails.",
)
@click.option(
    "--exact-max-nodes",
    type=click.IntRange(min=2),
    default=5000,
    show_default=True,
    help="Exact betweenness/closeness up to this many nodes.",
)
@click.option(
    "--communities", "community_method", type=click.Choice(["leiden", "louvain"]), default="leiden", show_default=True
)
@click.option("--resolution", type=FiniteFloat(min=0, min_open=True), default=1.0, show_default=True)
@click.option("--unweighted", is_flag=True, help="Ignore tie weights (except in weighted_degree).")
@click.option("--no-diameter", is_flag=True, help="Skip the diameter of the largest component.")
@click.option(
    "--graph-format",
    "graph_formats",
    type=click.Choice(GRAPH_FORMATS),
    multiple=True,
    help="Also write the network with the metrics as node attributes (repeatable).",
)
@click.option("--progress/--no-progress", default=None, help="Show progress (default: when on a terminal).")
@click.option("--include-private", is_flag=True, help="Name private persons (default: role stand-ins only).")
def metrics_cmd(
    out: Path,
    input_path: Path | None,
    group_attr: str,
    weight_attr: str,
    view: str,
    weighting: str,
    half_life: float | None,
    cooperation: bool,
    as_of: int | None,
    start: int | None,
    end: int | None,
    seed: int,
    pivots: int | None,
    epsilon: float,
    delta: float,
    exact_max_nodes: int,
    community_method: str,
    resolution: float,
    unweighted: bool,
    no_diameter: bool,
    graph_formats: tuple[str, ...],
    progress: bool | None,
    include_private: bool,
) -> None:
    """Compute node metrics, communities and cross-border metrics; write
    node_metrics.csv/.parquet, summary.json and more to OUT, with provenance.

    Without --input the stored graph is analysed (load the seed network
    first with `pontes load seeds`).
    """
    if as_of is not None:
        if end is not None and end != as_of:
            raise AnalysisError("--as-of and --to disagree", parameter="window")
        end = as_of
    params = MetricParams.model_validate(
        dict(
            group_attr=group_attr,
            seed=seed,
            weighted=not unweighted,
            exact_max_nodes=exact_max_nodes,
            pivots=pivots,
            epsilon=epsilon,
            delta=delta,
            community_method=community_method,
            resolution=resolution,
            diameter=not no_diameter,
        )
    )
    show = sys.stderr.isatty() if progress is None else progress
    with tqdm(total=1, disable=not show, unit="step", file=sys.stderr) as bar:

        def tick(step: str, done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.set_description(step)
            bar.refresh()

        if input_path is not None:
            analysis = analyse_file(input_path, params, weight_attr=weight_attr or None, on_progress=tick)
        else:
            try:
                spec = ViewSpec.model_validate(
                    dict(
                        view=view,
                        weighting=weighting,
                        half_life=half_life,
                        cooperation=cooperation,
                        start=start,
                        end=end,
                    )
                )
            except ValidationError as e:
                reasons = "; ".join(str(err.get("ctx", {}).get("error", err["msg"])) for err in e.errors())
                raise AnalysisError(reasons, parameter="window") from e
            settings = load_settings()
            with reading_store(settings) as store:
                sub, sources = redact_all(
                    store.snapshot(), store.get_sources(), show_private=include_private, words=stand_in_words()
                )
            analysis = analyse_snapshot(
                sub, sources, spec, params, on_progress=tick, input={"kind": "store", "backend": settings.backend}
            )
    files = write_analysis(analysis, out, graph_formats=graph_formats)
    s = analysis.result.summary
    click.echo(
        f"{counted(s['nodes'], 'node|nodes')}, {counted(s['ties'], 'tie|ties')}, "
        f"{counted(s['components'], 'component|components')}; "
        f"{counted(s.get('cross_border_ties', 0), 'cross-border tie|cross-border ties')} "
        f"(E-I {s.get('ei_index', float('nan')):.3f}); "
        f"{counted(s['communities'], 'community|communities')} (modularity {s['modularity']:.3f})."
    )
    if analysis.result.parameters["pivots_used"]:
        p = analysis.result.parameters
        click.echo(
            f"Betweenness and closeness sampled from {counted(p['pivots_used'], 'pivot|pivots')} "
            f"(error bound {p['betweenness_error_bound']:.3f} at confidence {1 - p['delta']:.0%})."
        )
    for f in files:
        click.echo(f"wrote {f}")

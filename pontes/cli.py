"""The ``pontes`` command line: a thin shell over :mod:`graph` and :mod:`loaders`.

Errors the library raises on purpose (:class:`graph.errors.PontesError`)
become a message and exit code 2 in exactly one place, :func:`main`.
"""

from __future__ import annotations

import sys

import click
from pydantic import ValidationError

from graph.errors import PontesError, Problem, ValidationFailed
from pontes.commands.core import app_cmd, export_cmd, load_cmd, schema_cmd, stats_cmd, validate_cmd
from pontes.commands.evaluate import evaluate_cmd
from pontes.commands.intake import duplicates_cmd, extract_cmd, merge_cmd, review_cmd
from pontes.commands.metrics import metrics_cmd
from pontes.commands.person import person_cmd
from pontes.commands.server import server_cmd
from pontes.commands.suggest import COMMANDS as suggest_commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pontes")
def cli() -> None:
    """Pontes: map and grow cross-border cooperation networks.

    Uses Neo4j when NEO4J_URI is set, else the embedded store (PONTES_DB_PATH,
    default pontes.sqlite in the user's data folder, e.g. ~/.local/share/pontes).
    """


for command in (load_cmd, validate_cmd, export_cmd, stats_cmd, schema_cmd, app_cmd):
    cli.add_command(command)
for command in (extract_cmd, review_cmd, duplicates_cmd, merge_cmd):
    cli.add_command(command)
cli.add_command(metrics_cmd)
cli.add_command(evaluate_cmd)
cli.add_command(person_cmd)
cli.add_command(server_cmd)
for command in suggest_commands:
    cli.add_command(command)


def given_values_refused(e: ValidationError) -> ValidationFailed:
    """A model's refusal of values typed on the command line, located like any input's problems:
    ``(command line): <what was made>: <field>: <what is wrong>``."""
    return ValidationFailed(
        [
            Problem.of("(command line)", e.title, ".".join(str(part) for part in err["loc"]) or "(entry)", err)
            for err in e.errors()
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, turning Pontes errors into messages."""
    try:
        code = cli.main(args=argv, prog_name="pontes", standalone_mode=False)
    except PontesError as e:
        click.echo(f"Error: {e}", err=True)
        return 2
    except ValidationError as e:  # a value given on the command line that a model refuses (a --note ...)
        click.echo(f"Error: {given_values_refused(e)}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as e:
        e.show()
        return e.exit_code
    return code if isinstance(code, int) else 0  # a command's ctx.exit(code), e.g. server status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

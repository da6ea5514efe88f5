"""``pontes server``: a local Neo4j Community server, assembled from Maven Central.

Thin shell over :mod:`pontes.neo4j_server`. The server's home is
:attr:`pontes.settings.Settings.server_home` (``neo4j/`` in the user's data
folder unless ``PONTES_NEO4J_HOME`` or ``--home`` say otherwise), so the
command reports the same server wherever it is run.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from pontes import neo4j_server as ns
from pontes.commands.common import FiniteFloat
from pontes.settings import load_settings

_HOME = click.option(
    "--home",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Server home (default: PONTES_NEO4J_HOME, else neo4j/ in the data folder).",
)


def _home(home: Path | None) -> ns.Home:
    return ns.Home((home or load_settings().server_home).resolve())


@click.group("server")
def server_cmd() -> None:
    """A local Neo4j server for Pontes (no Docker, no download site):
    fetch, start, stop, status, env.

    \b
      pontes server start
      eval "$(pontes server env)"      # NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD
      pontes load seeds/ && pontes app
      pontes server stop
    """


@server_cmd.command("fetch")
@_HOME
def fetch_cmd(home: Path | None) -> None:
    """Copy the server's jars and its Graph Data Science plugin from Maven Central (mvn) into HOME; skipped when done."""
    h = _home(home)
    click.echo(f"{ns.fetch(h.lib, ns.POM)} jars in {h.lib}")
    click.echo(f"{ns.fetch_plugins(h.plugins, ns.PLUGINS_POM)} plugin jars (Graph Data Science) in {h.plugins}")


@server_cmd.command("start")
@_HOME
@click.option("--java", default="java", show_default=True, help="Java 17 or 21 executable.")
@click.option(
    "--timeout", type=FiniteFloat(min=0), default=180.0, show_default=True, help="Seconds to wait for the server."
)
def start_cmd(home: Path | None, java: str, timeout: float) -> None:
    """Start the server on 127.0.0.1 with a generated password (fetching the jars first if needed)."""
    h = _home(home)
    ns.fetch(h.lib, ns.POM)
    ns.fetch_plugins(h.plugins, ns.PLUGINS_POM)
    t0 = time.monotonic()
    creds = ns.start(h, java=java, timeout=timeout)
    click.echo(
        f"Neo4j {ns.NEO4J_VERSION} ready at {creds.uri} (pid {ns.running_pid(h)}, {time.monotonic() - t0:.1f} s)"
    )
    click.echo(f'credentials in {h.credentials_file}; eval "$(pontes server env)" to use them')


@server_cmd.command("stop")
@_HOME
@click.option(
    "--timeout", type=FiniteFloat(min=0), default=60.0, show_default=True, help="Seconds before the server is killed."
)
def stop_cmd(home: Path | None, timeout: float) -> None:
    """Stop the server (gracefully; killed after --timeout seconds)."""
    click.echo("stopped" if ns.stop(_home(home), timeout=timeout) else "not running")


@server_cmd.command("status")
@_HOME
def status_cmd(home: Path | None) -> None:
    """Whether the server of HOME runs, and where (exit code 3 when it does not)."""
    st = ns.status(_home(home))
    click.echo(f"running (pid {st.pid}) at {st.uri}; home {st.home}" if st.running else f"not running; home {st.home}")
    if not st.running:
        click.get_current_context().exit(3)


@server_cmd.command("env")
@_HOME
def env_cmd(home: Path | None) -> None:
    """Print export lines for NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD (for eval)."""
    h = _home(home)
    creds = ns.Credentials.load(h.credentials_file)
    if creds is None:
        raise ns.ServerError(f"no credentials in {h.credentials_file}: run `pontes server start` first")
    click.echo(creds.export_lines(), nl=False)

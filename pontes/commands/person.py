"""``pontes person``: data-subject requests (access report, erasure, audit log)."""

from __future__ import annotations

import json

import click

from graph.gdpr import erase_person, person_report
from pontes.commands.common import reading_store
from ui.i18n import counted


@click.group("person")
def person_cmd() -> None:
    """Access and erasure requests for persons (GDPR Art. 15 and 17)."""


@person_cmd.command("report")
@click.argument("name")
def report_cmd(name: str) -> None:
    """Print, as JSON, everything stored about the person NAME (name, alias or id)."""
    with reading_store() as store:
        report = person_report(store, name)
    click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))


@person_cmd.command("erase")
@click.argument("name")
@click.option("--reason", required=True, help="Reference of the request, e.g. a ticket number (no names).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase_cmd(name: str, reason: str, yes: bool) -> None:
    """Remove the person NAME and all their ties; record the erasure in the audit log."""
    if not yes:
        click.confirm(f"Erase {name!r} and all their ties for good?", abort=True)
    with reading_store() as store:
        record = erase_person(store, name, reason=reason)
    click.echo(f"Erased 1 person and {counted(record.ties_removed, 'tie|ties')}; audit record {record.id}.")


@person_cmd.command("audit")
def audit_cmd() -> None:
    """Print the audit log (erasures) as JSON lines; it holds no personal data."""
    with reading_store(allow_empty=True) as store:
        for record in store.audit_log():
            click.echo(record.model_dump_json())

"""`flask reminders send-due`: one sweep in the foreground (what beat runs every minute)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

reminders_cli = AppGroup("reminders", help="Deadline reminders.")


@reminders_cli.command("send-due")
def send_due():
    """Send every due reminder now; prints how many were sent, retried and failed."""
    from employer_portal.reminders.sweep import run_sweep

    try:
        totals = run_sweep()
    except Exception as exc:  # noqa: BLE001 - one line, non-zero exit
        raise click.ClickException(f"reminder sweep failed: {exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    line = f"sent {totals['sent']}, retried {totals['retried']}, failed {totals['failed']}"
    if totals["possible_duplicates"]:
        line += f" (possible duplicates after lapsed leases: {totals['possible_duplicates']})"
    click.echo(line)

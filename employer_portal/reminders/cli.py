"""`flask reminders send-due [--until DATETIME]`: one sweep in the foreground (what beat runs every minute).

`--until` sends what is planned up to that moment instead of now, so an operator can
catch up after an outage (or a test can send a given day's reminders). It prints one
line, `sent N, retried N, failed N`.
"""
from __future__ import annotations

import datetime as dt

import click
from flask.cli import AppGroup

reminders_cli = AppGroup("reminders", help="Deadline reminders.")


def parse_moment(value: str) -> dt.datetime:
    """An ISO 8601 moment, UTC unless it names an offset; a date alone means the end of that day (UTC)."""
    text = value.strip()
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, dt.time.max, tzinfo=dt.timezone.utc)
        moment = dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date-time; write e.g. 2027-01-30T13:00Z or 2027-01-30") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


@reminders_cli.command("send-due")
@click.option("--until", "until", metavar="DATETIME", default=None,
              help="Send what is planned up to this moment (ISO 8601, UTC unless an offset is given; "
                   "a date alone means the end of that day). Default: now.")
def send_due(until: str | None):
    """Send every reminder planned up to now (or --until); prints how many were sent, retried and failed."""
    from employer_portal.reminders.sweep import run_sweep

    moment = parse_moment(until) if until else None
    try:
        totals = run_sweep(until=moment)
    except Exception as exc:  # noqa: BLE001 - one line, non-zero exit
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        raise click.ClickException(f"reminder sweep failed: {exc.__class__.__name__}: {first_line}")
    from employer_portal.reminders.outbox import mail_outage

    line = f"sent {totals['sent']}, retried {totals['retried']}, failed {totals['failed']}"
    if totals["possible_duplicates"]:
        line += (f" (possible duplicates: {totals['possible_duplicates']} re-sent after an attempt that "
                 "did not finish)")
    click.echo(line)
    outage = mail_outage()
    if outage:
        # An admin alert, not a failure: the reminders wait and go out once the server answers.
        click.echo(f"ALERT: reminder mail is paused: the mail server has been unreachable past the retry "
                   f"schedule; {outage['waiting']} reminder(s) wait (last error: {outage['last_error']}). "
                   "Check MAIL_SERVER; they are retried every hour.", err=True)

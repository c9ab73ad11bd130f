"""The `flask --app employer_portal …` commands of API.md.

A command that fails prints a one-line reason on standard error and exits non-zero.
"""
from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from employer_portal import accounts
from employer_portal.extensions import db
from employer_portal.seed import DEMO_ADMIN, DEMO_EMPLOYER, DEMO_HR, DEMO_VIEWER, seed_demo_data  # noqa: F401  (tests sign in with them)

employers_cli = AppGroup("employers", help="Employers (tenants).")
users_cli = AppGroup("users", help="Users of an employer.")
tokens_cli = AppGroup("tokens", help="API tokens.")



def _fail(exc: Exception):
    db.session.rollback()
    raise click.ClickException(str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__)


@employers_cli.command("create")
@click.option("--name", required=True, help="The employer's legal or trade name.")
@click.option("--province", default=None, help="Two-letter province of the head office, e.g. ON.")
def create_employer(name: str, province: str | None):
    """Create an employer; prints its id on the last line."""
    try:
        employer = accounts.create_employer(name, province)
        db.session.commit()
    except accounts.AccountError as exc:
        _fail(exc)
    click.echo(f"created employer '{employer.name}'")
    click.echo(employer.id)


@users_cli.command("create")
@click.option("--employer", "employer_name", required=True, help="The employer's name.")
@click.option("--email", required=True)
@click.option("--role", required=True, help="admin, hr or viewer.")
@click.option("--name", "full_name", default=None, help="Full name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user(employer_name: str, email: str, role: str, full_name: str | None, password_stdin: bool):
    """Create a user; the password is read from standard input (--password-stdin)."""
    if not password_stdin:
        raise click.ClickException("give the password on standard input with --password-stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise click.ClickException("no password on standard input")
    try:
        employer = accounts.employer_by_name(employer_name)
        user = accounts.create_user(employer, email, role, password, full_name=full_name)
        db.session.commit()
    except accounts.AccountError as exc:
        _fail(exc)
    click.echo(f"created {user.role} {user.email} for '{employer.name}'")
    click.echo(user.id)


@tokens_cli.command("create")
@click.option("--email", required=True, help="The user the token acts for.")
@click.option("--name", "label", default=None, help="A label, e.g. 'HRIS sync'.")
def create_token(email: str, label: str | None):
    """Create an API token and print it, alone, on the last line (only its hash is stored)."""
    from sqlalchemy import select

    from employer_portal.models import User

    try:
        address = accounts.normalise_email(email)
        user = db.session.scalar(select(User).where(User.email == address))
        if user is None:
            raise accounts.AccountError(f"no user with email {address}")
        _token, secret = accounts.create_token(user, label)
        db.session.commit()
    except accounts.AccountError as exc:
        _fail(exc)
    click.echo(f"token for {user.email}; store it now, it is not shown again:", err=True)
    click.echo(secret)


@click.command("seed-demo")
@with_appcontext
def seed_demo():
    """The demo employer, users and hires that `make run` uses (safe to run again)."""
    try:
        created = seed_demo_data()
        db.session.commit()
    except Exception as exc:  # noqa: BLE001 - one line, non-zero exit
        _fail(exc)
    click.echo("demo data created" if created else "demo data already present")
    click.echo(f"sign in as {DEMO_ADMIN[0]} / {DEMO_ADMIN[1]}")


# Feature command groups live with their feature; each is listed here once.
COMMANDS = [employers_cli, users_cli, tokens_cli, seed_demo]
EXTRA_COMMAND_MODULES: list[str] = [
    "employer_portal.refdata.cli:refdata_cli",
    "employer_portal.reminders.cli:reminders_cli",
    "employer_portal.checklists.cli:checklists_cli",
    "employer_portal.inspection.cli:hires_cli",
]


def register_cli(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)
    for dotted in EXTRA_COMMAND_MODULES:
        module_name, attr = dotted.split(":")
        app.cli.add_command(getattr(__import__(module_name, fromlist=[attr]), attr))

"""`flask refdata …`: import a Job Bank wages file, load the bundled sets, show what is in force."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from employer_portal.extensions import db

refdata_cli = AppGroup("refdata", help="Reference data: Job Bank wages, occupations list, partners, CUSMA, NOC.")


@refdata_cli.command("import-wages")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--by", "imported_by", default=None, help="Who imports it (recorded with the version).")
def import_wages_command(path: str, imported_by: str | None):
    """Import an ESDC Job Bank wages CSV (official 22-column layout, any year) as a new version in force."""
    from employer_portal.refdata.importer import DuplicateWagesFile, import_wages
    from employer_portal.refdata.jobbank import WagesFileError

    try:
        result = import_wages(path, imported_by=imported_by or "flask refdata import-wages")
    except WagesFileError as exc:
        raise click.ClickException(f"{path}: {exc}; nothing imported") from None
    except DuplicateWagesFile as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{path}: {exc.strerror or exc}") from None
    click.echo(f"imported {result.row_count} wage rows as {result.version} (now in force)")


@refdata_cli.command("load-bundled")
def load_bundled_command():
    """Record the bundled sets as versions, and the bundled 2025 wages when no wages version exists (safe to rerun)."""
    from employer_portal.refdata.importer import load_bundled_sets

    created = load_bundled_sets()
    for line in created:
        click.echo(f"loaded {line}")
    if not created:
        click.echo("bundled reference data already loaded")


def seed_bundled_refdata(_employer, _users) -> None:
    """seed-demo hook: the bundled sets and wages, in seed-demo's own transaction."""
    from employer_portal.refdata.importer import load_bundled_sets

    load_bundled_sets(commit=False)


@refdata_cli.command("status")
def status_command():
    """Print every reference set in force: version, source and date."""
    from employer_portal.models.refdata import RefdataVersion
    from employer_portal.refdata.importer import bundled_sets

    in_force = {v.set_name: v for v in db.session.scalars(
        select(RefdataVersion).where(RefdataVersion.in_force.is_(True)).order_by(RefdataVersion.set_name))}
    for bundled in bundled_sets():
        if bundled.set_name not in in_force:
            click.echo(f"{bundled.set_name}: {bundled.version} (bundled, not recorded yet: run `flask refdata load-bundled`)"
                       f"  published {bundled.published or 'n/a'}  source: {bundled.source}")
    for name, v in in_force.items():
        click.echo(f"{name}: {v.version}  published {v.published or 'n/a'}  rows {v.row_count}  "
                   f"imported {v.imported_at:%Y-%m-%d %H:%M} by {v.imported_by or 'n/a'}  source: {v.source}")

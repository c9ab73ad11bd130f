"""`flask refdata …`: import a Job Bank wages file, load the bundled sets, choose and show what is in force."""
from __future__ import annotations

import datetime as dt

import click
from flask.cli import AppGroup
from sqlalchemy import select

from employer_portal.extensions import db

refdata_cli = AppGroup("refdata", help="Reference data: Job Bank wages, occupations list, partners, CUSMA, NOC.")


@refdata_cli.command("import-wages")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--partial", is_flag=True,
              help="Merge the file's rows over the version in force (for a file covering only some occupations or places).")
@click.option("--by", "imported_by", default=None, help="Who imports it (recorded with the version and in the audit trail).")
def import_wages_command(path: str, partial: bool, imported_by: str | None):
    """Import an ESDC Job Bank wages CSV (official 22-column layout, any year) as a new version in force.

    A file covering fewer occupations or places than the version in force is refused unless --partial.
    """
    from employer_portal.refdata.importer import CoverageWouldShrink, DuplicateWagesFile, import_wages
    from employer_portal.refdata.jobbank import WagesFileError

    try:
        result = import_wages(path, imported_by=imported_by or "flask refdata import-wages", partial=partial)
    except WagesFileError as exc:
        raise click.ClickException(f"{path}: {exc}; nothing imported") from None
    except CoverageWouldShrink as exc:
        raise click.ClickException(
            f"{path} {exc}: use --partial to merge it over the version in force; nothing imported") from None
    except DuplicateWagesFile as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{path}: {exc.strerror or exc}") from None
    if partial:
        click.echo(f"merged {result.row_count - result.merged_rows} wage rows over {result.replaced} "
                   f"({result.merged_rows} of its rows kept) as {result.version} (now in force)")
    else:
        click.echo(f"imported {result.row_count} wage rows as {result.version} (now in force)")


@refdata_cli.command("activate")
@click.argument("version")
@click.option("--set", "set_name", default=None, help="The set, when several sets have a version of that name.")
@click.option("--by", "actor", default=None, help="Who does it (recorded in the audit trail).")
def activate_command(version: str, set_name: str | None, actor: str | None):
    """Put an earlier version (its name or id, see `refdata versions`) back in force; the others of its set leave force."""
    from employer_portal.refdata.importer import VersionNotFound, activate_version

    try:
        activation = activate_version(version, set_name=set_name, actor=actor or "flask refdata activate")
    except VersionNotFound as exc:
        raise click.ClickException(str(exc)) from None
    if not activation.changed:
        click.echo(f"{activation.set_name}: {activation.new_version} is already in force; nothing changed")
    else:
        click.echo(f"{activation.set_name}: {activation.new_version} in force (was {activation.old_version or 'none'})")


@refdata_cli.command("versions")
@click.argument("set_name", required=False)
def versions_command(set_name: str | None):
    """List every recorded version (id, name, rows, date; * = in force): the names `activate` takes."""
    from employer_portal.models.refdata import RefdataVersion

    query = select(RefdataVersion).order_by(RefdataVersion.set_name, RefdataVersion.id)
    if set_name:
        query = query.where(RefdataVersion.set_name == set_name)
    for v in db.session.scalars(query):
        click.echo(f"{'*' if v.in_force else ' '} {v.set_name}: {v.version}  id {v.id}  rows {v.row_count}  "
                   f"published {v.published or 'n/a'}  imported {v.imported_at:%Y-%m-%d %H:%M} by {v.imported_by or 'n/a'}")


@refdata_cli.command("load-bundled")
@click.option("--by", "actor", default=None, help="Who does it (recorded in the audit trail).")
def load_bundled_command(actor: str | None):
    """Record the bundled sets as versions, and the bundled 2025 wages unless newer or fuller wages are in force (safe to rerun)."""
    from employer_portal.refdata.importer import load_bundled_sets

    created = load_bundled_sets(actor=actor or "flask refdata load-bundled")
    for line in created:
        click.echo(f"loaded {line}")
    if not created:
        click.echo("bundled reference data already loaded")


def seed_bundled_refdata(_employer, _users) -> None:
    """seed-demo hook: the bundled sets and wages, in seed-demo's own transaction."""
    from employer_portal.refdata.importer import load_bundled_sets

    load_bundled_sets(commit=False, actor="flask seed-demo")


@refdata_cli.command("status")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, hidden=True,
              help="The date the fall-release warning is judged on (tests).")
def status_command(today: dt.datetime | None):
    """Print every reference set in force: version, coverage, source and date; warn when the wages are out of date."""
    from employer_portal.models.refdata import WAGES_SET, RefdataVersion
    from employer_portal.refdata.currency import wages_release_warning
    from employer_portal.refdata.importer import Coverage, bundled_sets, bundled_wage_rows, wages_coverage

    in_force = {v.set_name: v for v in db.session.scalars(
        select(RefdataVersion).where(RefdataVersion.in_force.is_(True)).order_by(RefdataVersion.set_name))}
    for bundled in bundled_sets():
        if bundled.set_name not in in_force:
            covers = (Coverage.of(bundled_wage_rows()).describe() if bundled.set_name == WAGES_SET
                      else f"{bundled.row_count} records")
            click.echo(f"{bundled.set_name}: {bundled.version} (bundled, not recorded yet: run `flask refdata load-bundled`)"
                       f"  published {bundled.published or 'n/a'}  covers {covers}  source: {bundled.source}")
    for name, v in in_force.items():
        covers = wages_coverage(v.id).describe() if name == WAGES_SET else f"{v.row_count} records"
        click.echo(f"{name}: {v.version}  published {v.published or 'n/a'}  covers {covers}  "
                   f"imported {v.imported_at:%Y-%m-%d %H:%M} by {v.imported_by or 'n/a'}  source: {v.source}")
    wages = in_force.get(WAGES_SET)
    if wages is not None:
        version, published = wages.version, wages.published
    else:
        bundled_wages = next(b for b in bundled_sets() if b.set_name == WAGES_SET)
        version, published = bundled_wages.version, bundled_wages.published
    warning = wages_release_warning(version, published, today.date() if today else dt.date.today())
    if warning:
        click.echo(f"warning: {warning}")

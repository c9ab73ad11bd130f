"""`flask --app employer_portal hires export-pack HIRE_ID` (or `--employer NAME --from DATE --to DATE`):
build an inspection pack in the foreground, write the plain ZIP and print its path."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from employer_portal import accounts
from employer_portal.checklists.storage import storage_from_config
from employer_portal.extensions import db
from employer_portal.inspection import service
from employer_portal.models import Hire
from employer_portal.models.inspection_pack import InspectionPack

hires_cli = AppGroup("hires", help="Hires: inspection packs.")


@hires_cli.command("export-pack")
@click.argument("hire_id", type=int, required=False)
@click.option("--employer", "employer_name", default=None, help="Every hire of this employer in --from..--to.")
@click.option("--from", "start", default=None, help="First day of the range (YYYY-MM-DD), with --employer.")
@click.option("--to", "end", default=None, help="Last day of the range (YYYY-MM-DD), with --employer.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the ZIP (default: the current folder, named after the pack).")
def export_pack(hire_id: int | None, employer_name: str | None, start: str | None, end: str | None,
                output: Path | None):
    """Build an inspection pack now (no worker needed), write the ZIP and print its path.

    The ZIP holds the worker's documents in clear: it is written readable by you only (0600).
    """
    try:
        if hire_id is not None and employer_name is None:
            hire = db.session.get(Hire, hire_id)
            if hire is None:
                raise click.ClickException(f"no hire with id {hire_id}")
            decision = service.request_pack(hire, reuse=False)
        elif hire_id is None and employer_name and start and end:
            employer = accounts.employer_by_name(employer_name)
            decision = service.request_range_pack(employer.id, start, end, reuse=False)
        else:
            raise click.ClickException("give a HIRE_ID, or --employer NAME with --from and --to")
        pack_id = decision.pack.id
        db.session.commit()
    except (service.PackError, accounts.AccountError) as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    storage = storage_from_config(current_app.config)
    key_setting = current_app.config["DATA_ENCRYPTION_KEY"]
    outcome = service.run_pack(pack_id, storage=storage, key_setting=key_setting)
    pack = db.session.get(InspectionPack, pack_id)
    db.session.refresh(pack)
    if outcome != "ready" or pack.status != "ready":
        raise click.ClickException(f"pack {pack_id} failed: {pack.error or outcome}")
    destination = (output or Path.cwd() / service.download_name(pack)).resolve()
    service.export_to(pack, destination, storage=storage, key_setting=key_setting)
    click.echo(f"pack {pack.id}: {pack.file_count} file(s), {pack.size_bytes} bytes, sha256 {pack.sha256}", err=True)
    click.echo(str(destination))

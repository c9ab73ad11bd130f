"""`flask --app employer_portal checklists build HIRE_ID`: build a hire's checklist PDF in the foreground."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from employer_portal.checklists import builds
from employer_portal.checklists.errors import ChecklistError
from employer_portal.checklists.storage import storage_from_config
from employer_portal.extensions import db
from employer_portal.models import ChecklistBuild, Hire

checklists_cli = AppGroup("checklists", help="Document checklists and their PDFs.")


@checklists_cli.command("build")
@click.argument("hire_id", type=int)
def build(hire_id: int):
    """Build the hire's checklist PDF now (no worker needed) and print the file's path."""
    hire = db.session.get(Hire, hire_id)
    if hire is None:
        raise click.ClickException(f"no hire with id {hire_id}")
    storage = storage_from_config(current_app.config)
    try:
        decision = builds.request_build(hire, storage=storage)
        build_id = decision.build.id
        db.session.commit()
        if not decision.reused:
            # Render here; a worker already holding this build keeps it (its lease decides).
            outcome = builds.run_build(build_id, storage=storage, lease_seconds=builds.DEFAULT_LEASE_SECONDS)
            if outcome == "skipped":
                raise click.ClickException(f"build {build_id} is being built by a worker; try again shortly")
    except ChecklistError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    row = db.session.get(ChecklistBuild, build_id)
    db.session.refresh(row)
    if row.status != "ready":
        raise click.ClickException(f"build {build_id} failed: {row.failure_reason}")
    click.echo(f"build {row.id}: {row.pages or '?'} page(s), {row.size} bytes", err=True)
    click.echo(storage.path_for(row.file_key))

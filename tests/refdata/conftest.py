"""Fixtures for the reference-data tests: a database whose wages version in force is restored after each test,
and Job Bank wages files in the official 22-column layout (helpers in wages_files.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from sqlalchemy import select
from wages_files import in_force_wages, rows_of, write_official_csv

from employer_portal.models.refdata import WAGES_SET, RefdataVersion
from employer_portal.refdata import store
from employer_portal.refdata.jobbank import WageFigure


@pytest.fixture
def wages_db(db):
    """The bundled sets loaded; after the test, the versions it created are deleted and the wages in force restored."""
    from employer_portal.refdata.importer import activate_version, delete_version, load_bundled_sets

    load_bundled_sets()
    before = set(db.session.scalars(select(RefdataVersion.id)))
    in_force_before = in_force_wages(db).id
    yield db
    db.session.rollback()
    for version_id in set(db.session.scalars(select(RefdataVersion.id))) - before:
        delete_version(version_id, actor="test teardown")
    if in_force_wages(db).id != in_force_before:
        activate_version(str(in_force_before), set_name=WAGES_SET, actor="test teardown")
    store.invalidate()


@pytest.fixture
def in_force_file(wages_db, tmp_path) -> Callable[..., Path]:
    """in_force_file(change=None, name=...) -> the rows in force written as an official file, each passed through change."""

    def write(change: Callable[[WageFigure], WageFigure | None] | None = None, name: str = "wages.csv") -> Path:
        rows = rows_of(wages_db, in_force_wages(wages_db).id)
        if change is not None:
            rows = [r for r in map(change, rows) if r is not None]
        return write_official_csv(tmp_path / name, rows)

    return write


@pytest.fixture
def two_row_file(wages_db, tmp_path) -> Path:
    """An official-layout file with only two rows, at higher medians: 21232 in Ottawa (ER3510), 21231 in Ontario."""
    rows = {(r.noc, r.area): r for r in rows_of(wages_db, in_force_wages(wages_db).id)}
    chosen = [rows[("21232", "ER3510")]._replace(median=60.0), rows[("21231", "ON")]._replace(median=70.0)]
    return write_official_csv(tmp_path / "two-rows.csv", chosen)

"""Importing the official Job Bank wages file into the database as a new version in force."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from employer_portal.models.refdata import WAGES_SET, RefdataVersion, RefdataWageFigure
from employer_portal.refdata import store
from employer_portal.refdata.importer import DuplicateWagesFile, delete_version, import_wages, load_bundled_sets
from employer_portal.refdata.jobbank import WagesFileError
from employer_portal.refdata.store import current_refdata

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "jobbank_wages_2025_tech_sample.csv"


@pytest.fixture
def wages_db(db):
    """The bundled sets loaded; every version a test creates is deleted after it, so the bundled 2025 wages stay in force."""
    load_bundled_sets()
    before = set(db.session.scalars(select(RefdataVersion.id)))
    yield db
    db.session.rollback()
    for version_id in set(db.session.scalars(select(RefdataVersion.id))) - before:
        delete_version(version_id)
    store.invalidate()


def counts(db):
    return (db.session.scalar(select(func.count()).select_from(RefdataVersion)),
            db.session.scalar(select(func.count()).select_from(RefdataWageFigure)))


def in_force_wages(db) -> RefdataVersion:
    return db.session.scalar(select(RefdataVersion).where(RefdataVersion.set_name == WAGES_SET,
                                                          RefdataVersion.in_force.is_(True)))


def altered_sample(tmp_path, line_number: int, change) -> Path:
    """The sample with physical line `line_number` (1 = header) replaced by change(line)."""
    lines = SAMPLE.read_bytes().decode("utf-8-sig").splitlines()
    lines[line_number - 1] = change(lines[line_number - 1])
    path = tmp_path / "wages.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def test_importing_the_sample_makes_a_new_version_in_force(wages_db):
    result = import_wages(SAMPLE, imported_by="test")
    version = in_force_wages(wages_db)
    assert version.id == result.version_id
    assert version.version.startswith("jobbank-2025-11-19")
    assert (version.row_count, result.row_count) == (355, 355)
    assert version.sha256 and version.published.isoformat() == "2025-11-19"


def test_lookups_from_the_imported_version_give_the_2025_figures(wages_db):
    result = import_wages(SAMPLE)
    refdata = current_refdata()
    ottawa = refdata.prevailing_wage_for("21232", "ON", "ER3510")
    ontario = refdata.prevailing_wage_for("21232", "ON")
    assert (ottawa.hourly, ottawa.level, ottawa.data_version) == (50.26, "economic_region", result.version)
    assert (ontario.hourly, ontario.level) == (48.08, "province")


def test_importing_the_same_file_again_is_refused_as_a_duplicate(wages_db):
    first = import_wages(SAMPLE)
    before = counts(wages_db)
    with pytest.raises(DuplicateWagesFile) as refused:
        import_wages(SAMPLE)
    assert refused.value.version == first.version
    assert counts(wages_db) == before


@pytest.mark.parametrize(("line", "change", "reason"), [
    (120, lambda l: l + ",extra", "line 120: expected 22 columns, found 23"),
    (175, lambda l: l.replace(",50.26,", ",abc,"), "line 175: non-numeric median wage 'abc'"),
    (1, lambda l: l.replace("NOC_CNP", "CODE"), "line 1: bad header"),
])
def test_a_malformed_file_changes_nothing_and_names_the_line(wages_db, tmp_path, line, change, reason):
    bad = altered_sample(tmp_path, line, change)
    before = counts(wages_db)
    in_force_before = in_force_wages(wages_db).id
    with pytest.raises(WagesFileError) as refused:
        import_wages(bad)
    assert str(refused.value).startswith(reason)
    assert counts(wages_db) == before
    assert in_force_wages(wages_db).id == in_force_before


def test_the_store_reloads_after_an_import(wages_db, tmp_path):
    assert current_refdata().prevailing_wage_for("21232", "ON", "ER3510").hourly == 50.26
    raised = altered_sample(tmp_path, 175, lambda l: l.replace(",50.26,", ",51.00,"))
    import_wages(raised)
    assert current_refdata().prevailing_wage_for("21232", "ON", "ER3510").hourly == 51.00


def test_deleting_an_import_puts_the_bundled_wages_back_in_force(wages_db):
    bundled = in_force_wages(wages_db).id
    result = import_wages(SAMPLE)
    delete_version(result.version_id)
    assert in_force_wages(wages_db).id == bundled
    assert current_refdata().wages.version == "jobbank-2025-11-19"


def test_the_import_sends_wages_imported_after_commit(wages_db):
    from employer_portal.signals import wages_imported

    received = []

    def listener(version_id, actor_label=None):
        received.append((version_id, actor_label, in_force_wages(wages_db).id))

    wages_imported.connect(listener)
    try:
        result = import_wages(SAMPLE, imported_by="hr@example.com")
    finally:
        wages_imported.disconnect(listener)
    assert received == [(result.version_id, "hr@example.com", result.version_id)]

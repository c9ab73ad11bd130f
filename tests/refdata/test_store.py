"""The reference data in force, in memory: built from the database, cached, reloaded when a version lands."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from employer_portal.refdata import store
from employer_portal.refdata.importer import load_bundled_sets
from employer_portal.refdata.reference import load_bundled
from employer_portal.refdata.store import current_refdata, current_sets


def test_without_an_app_context_the_bundled_data_is_used():
    assert current_refdata() is load_bundled() or current_refdata().wages.version == load_bundled().wages.version


def test_the_bundled_2025_wages_are_in_force_from_the_database(db):
    load_bundled_sets()
    store.invalidate()
    refdata = current_refdata()
    assert refdata.wages.version == "jobbank-2025-11-19"
    assert refdata.prevailing_wage_for("22222", "ON").hourly == 37.98
    assert current_sets()["jobbank-wages"].version_id is not None


def test_every_set_in_force_has_a_version_and_a_source(db):
    load_bundled_sets()
    store.invalidate()
    sets = current_sets()
    for name in ("jobbank-wages", "noc-2021", "gts-occupations-list", "gts-referral-partners", "cusma-professions",
                 "lmia-exemption-codes"):
        assert sets[name].version and sets[name].source, name
    assert sets["noc-2021"].row_count == 516


def test_repeated_calls_do_not_query_the_database(db, app):
    load_bundled_sets()
    store.invalidate()
    current_refdata()
    statements = []

    def count(*_args, **_kwargs):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        for _ in range(100):
            current_refdata()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) <= 1


def test_the_same_object_is_shared_until_a_version_changes(db):
    load_bundled_sets()
    store.invalidate()
    assert current_refdata() is current_refdata()


def test_wages_warning_names_the_fall_release_the_wages_in_force_predate(db):
    """GTS-REQ: "Job Bank wages are updated every year in the fall." (review F-35; shown by status and the app)"""
    import datetime as dt

    from employer_portal.refdata.store import wages_warning

    load_bundled_sets()
    store.invalidate()
    assert "older than the fall-2026 release" in wages_warning(dt.date(2026, 12, 1))
    assert wages_warning(dt.date(2026, 11, 30)) is None


def test_another_process_sees_an_activated_version_within_the_recheck_interval(db, app, monkeypatch):
    """The store compares the ids in force every REFDATA_RECHECK_SECONDS: no restart after `refdata activate`."""
    from sqlalchemy import select, update

    from employer_portal.models.refdata import WAGES_SET, RefdataVersion

    load_bundled_sets()
    store.invalidate()
    monkeypatch.setitem(app.config, "REFDATA_RECHECK_SECONDS", 0)
    current = current_sets()[WAGES_SET].version_id
    # What another process's `activate` leaves in the database: the flag moved, this process not told.
    other = RefdataVersion(set_name=WAGES_SET, version="jobbank-test-other-process", source="test", row_count=0)
    db.session.add(other)
    db.session.flush()
    db.session.execute(update(RefdataVersion).where(RefdataVersion.set_name == WAGES_SET).values(in_force=False))
    other.in_force = True
    db.session.commit()
    try:
        assert current_sets()[WAGES_SET].version_id == other.id
    finally:
        db.session.execute(update(RefdataVersion).where(RefdataVersion.set_name == WAGES_SET)
                           .values(in_force=RefdataVersion.id == current))
        db.session.delete(db.session.scalar(select(RefdataVersion).where(RefdataVersion.id == other.id)))
        db.session.commit()
        store.invalidate()

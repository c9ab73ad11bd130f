"""A two-row wages file cannot switch the wage check off: refused, merged with --partial, undone with activate;
every change of the version in force is in the reference-data audit trail (issue item 4, review F-35)."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select
from wages_files import in_force_wages, rows_of

from employer_portal.compliance import evaluate
from employer_portal.models.refdata import WAGES_SET, RefdataAuditEvent, RefdataVersion, RefdataWageFigure
from employer_portal.refdata import importer
from employer_portal.refdata.importer import (CoverageWouldShrink, activate_version, import_wages, load_bundled_sets,
                                              wages_coverage)
from employer_portal.refdata.store import current_refdata, current_sets
from employer_portal.schemas.hire import HirePayload

TODAY = dt.date(2026, 12, 2)


def gts_b_hire(noc: str, province: str, region: str | None, hourly: float) -> HirePayload:
    return HirePayload.model_validate({
        "program": "gts_b",
        "worker": {"given_name": "Ana", "family_name": "Silva", "citizenships": ["US"],
                   "highest_education": "master", "years_experience": 6},
        "position": {"title": "Software developer", "noc_code": noc, "province": province, "economic_region": region,
                     "wage": {"amount": hourly, "period": "hour"}, "hours_per_week": 40,
                     "start_date": "2027-03-01", "end_date": "2030-02-28"}})


HIRES = [gts_b_hire("21232", "ON", "ER3510", 55), gts_b_hire("21231", "ON", None, 30),
         gts_b_hire("21231", "BC", "ER5910", 40), gts_b_hire("21234", "QC", None, 45)]


def answers() -> list[tuple]:
    """What the checks answer for a few hires: eligibility, findings and the median used."""
    refdata = current_refdata()
    reports = [evaluate(hire, refdata, today=TODAY) for hire in HIRES]
    return [(r.eligible, sorted((f.code, f.severity) for f in r.findings),
             r.prevailing_wage and (r.prevailing_wage.hourly, r.prevailing_wage.area)) for r in reports]


def wage_rows(db) -> int:
    return db.session.scalar(select(func.count()).select_from(RefdataWageFigure))


def audit_since(db, last_id: int) -> list[RefdataAuditEvent]:
    return db.session.scalars(select(RefdataAuditEvent).where(RefdataAuditEvent.id > last_id)
                              .order_by(RefdataAuditEvent.id)).all()


def last_audit_id(db) -> int:
    return db.session.scalar(select(func.coalesce(func.max(RefdataAuditEvent.id), 0)))


def test_a_refused_two_row_import_leaves_the_version_in_force_and_the_checks_unchanged(wages_db, two_row_file):
    """GTS-REQ: the prevailing wage is Job Bank's median for the NOC where the job is; two rows cannot replace them all."""
    in_force, rows, before = in_force_wages(wages_db).id, wage_rows(wages_db), answers()
    audit_start = last_audit_id(wages_db)
    with pytest.raises(CoverageWouldShrink) as refused:
        import_wages(two_row_file)
    assert refused.value.file_coverage.occupations == 2 and refused.value.file_coverage.places == 2
    assert in_force_wages(wages_db).id == in_force
    assert wage_rows(wages_db) == rows
    assert answers() == before
    assert audit_since(wages_db, audit_start) == []


def test_a_partial_import_keeps_every_other_row(wages_db, two_row_file):
    """Issue item 4: --partial merges the file's rows over the version in force, row for row."""
    old = in_force_wages(wages_db)
    old_rows = {(r.noc, r.area): r for r in rows_of(wages_db, old.id)}
    result = import_wages(two_row_file, partial=True, imported_by="test")
    new_rows = {(r.noc, r.area): r for r in rows_of(wages_db, result.version_id)}
    assert new_rows.keys() == old_rows.keys()
    assert new_rows.pop(("21232", "ER3510")).median == 60.0
    assert new_rows.pop(("21231", "ON")).median == 70.0
    assert all(new_rows[key] == old_rows[key] for key in new_rows)
    assert wages_coverage(result.version_id) == wages_coverage(old.id)


def test_a_partial_import_changes_only_the_checks_of_its_rows(wages_db, two_row_file):
    """The merged version is what the checks use at once: Ottawa 21232 at the file's $60, the rest as before."""
    before = answers()
    import_wages(two_row_file, partial=True)
    after = answers()
    assert after[0][2] == (60.0, "ER3510") and not after[0][0]
    assert after[2:] == before[2:]


def test_activate_restores_the_previous_version_and_its_checks(wages_db, two_row_file):
    """Issue item 4: `refdata activate` puts the earlier version back; the store picks it up at once."""
    earlier, before = in_force_wages(wages_db), answers()
    import_wages(two_row_file, partial=True)
    activation = activate_version(earlier.version, actor="test")
    assert activation.changed and activation.new_version == earlier.version
    assert in_force_wages(wages_db).id == earlier.id
    assert current_sets()[WAGES_SET].version_id == earlier.id
    assert answers() == before


def test_the_merged_version_keeps_the_older_publication_date(wages_db, two_row_file):
    """GTS-REQ, fall updates: a merge is only as current as its oldest rows, so the fall warning stays."""
    in_force = in_force_wages(wages_db)
    result = import_wages(two_row_file, partial=True)
    merged = wages_db.session.get(RefdataVersion, result.version_id)
    assert merged.published == in_force.published


def test_import_partial_and_activate_are_in_the_audit_trail(wages_db, two_row_file, in_force_file):
    """Issue item 4: who, when, and which version was in force before and after, for every admin action."""
    start, earlier = last_audit_id(wages_db), in_force_wages(wages_db).version
    full = import_wages(in_force_file(), imported_by="ana@example.com")
    merged = import_wages(two_row_file, partial=True, imported_by="ana@example.com")
    activate_version(earlier, actor="flask refdata activate")
    events = [(e.action, e.actor_label, e.old_version, e.new_version) for e in audit_since(wages_db, start)]
    assert events == [
        ("import-wages", "ana@example.com", earlier, full.version),
        ("import-wages-partial", "ana@example.com", full.version, merged.version),
        ("activate", "flask refdata activate", merged.version, earlier),
    ]
    assert all(e.at is not None and e.set_name == WAGES_SET for e in audit_since(wages_db, start))


def test_activating_the_version_in_force_changes_nothing(wages_db):
    """Activating what is already in force is a no-op (no audit entry)."""
    start, in_force = last_audit_id(wages_db), in_force_wages(wages_db)
    assert not activate_version(in_force.version).changed
    assert audit_since(wages_db, start) == []


def fuller_bundle(monkeypatch, db, extra_rows, *, published=None):
    """Pretend the bundled wages file is the rows in force plus `extra_rows`, same version name."""
    real = importer.bundled_sets()
    bundled = next(b for b in real if b.set_name == WAGES_SET)
    rows = rows_of(db, in_force_wages(db).id) + list(extra_rows)
    fake = dataclasses.replace(bundled, sha256=f"test-{len(rows)}-{published}", row_count=len(rows),
                               published=published or bundled.published)
    monkeypatch.setattr(importer, "bundled_sets", lambda: tuple(fake if b.set_name == WAGES_SET else b for b in real))
    monkeypatch.setattr(importer, "bundled_wage_rows", lambda: rows)
    return fake


def test_load_bundled_records_a_fuller_copy_of_the_same_release_under_a_new_name(wages_db, monkeypatch):
    """Issue item 4: a database holding a smaller bundled jobbank-2025-11-19 gets the fuller one, suffixed, in force."""
    start, smaller = last_audit_id(wages_db), in_force_wages(wages_db)
    extra = rows_of(wages_db, smaller.id)[0]._replace(noc="21399")
    fuller_bundle(monkeypatch, wages_db, [extra])
    created = load_bundled_sets(actor="test")
    fuller = in_force_wages(wages_db)
    assert created == [f"jobbank-wages {fuller.version}"]
    assert fuller.version.startswith("jobbank-2025-11-19-r") and fuller.row_count == smaller.row_count + 1
    assert [(e.action, e.old_version, e.new_version) for e in audit_since(wages_db, start)] == [
        ("load-bundled", smaller.version, fuller.version)]
    assert load_bundled_sets() == []


def test_load_bundled_keeps_a_newer_release_in_force(wages_db, monkeypatch):
    """A bundled copy of an older release never replaces the wages in force, however many rows it has."""
    in_force = in_force_wages(wages_db)
    extra = rows_of(wages_db, in_force.id)[0]._replace(noc="21399")
    fuller_bundle(monkeypatch, wages_db, [extra], published=in_force.published - dt.timedelta(days=365))
    assert load_bundled_sets() == []
    assert in_force_wages(wages_db).id == in_force.id


def test_load_bundled_keeps_an_import_that_covers_as_much(wages_db, monkeypatch):
    """A bundled copy with no more rows than the version in force is not recorded."""
    in_force = in_force_wages(wages_db)
    fuller_bundle(monkeypatch, wages_db, [])
    assert load_bundled_sets() == []
    assert in_force_wages(wages_db).id == in_force.id

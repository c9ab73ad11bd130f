"""Importing the official Job Bank wages file into the database as a new version in force."""
from __future__ import annotations

import pytest
from wages_files import SAMPLE, in_force_wages
from sqlalchemy import func, select

from employer_portal.models.refdata import RefdataVersion, RefdataWageFigure
from employer_portal.refdata.importer import DuplicateWagesFile, delete_version, import_wages
from employer_portal.refdata.jobbank import WagesFileError
from employer_portal.refdata.store import current_refdata


def counts(db):
    return (db.session.scalar(select(func.count()).select_from(RefdataVersion)),
            db.session.scalar(select(func.count()).select_from(RefdataWageFigure)))


def altered_sample(tmp_path, line_number: int, change):
    """The sample with physical line `line_number` (1 = header) replaced by change(line)."""
    lines = SAMPLE.read_bytes().decode("utf-8-sig").splitlines()
    lines[line_number - 1] = change(lines[line_number - 1])
    path = tmp_path / "wages.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def test_importing_a_file_covering_as_much_makes_a_new_version_in_force(wages_db, in_force_file):
    """ESDC Job Bank Wages open data: each yearly file replaces the previous one as the wages in force."""
    rows_before = in_force_wages(wages_db).row_count
    result = import_wages(in_force_file(), imported_by="test")
    version = in_force_wages(wages_db)
    assert version.id == result.version_id
    assert version.version.startswith("jobbank-2025-11-19")
    assert (version.row_count, result.row_count) == (rows_before, rows_before)
    assert version.sha256 and version.published.isoformat() == "2025-11-19"


def test_lookups_from_the_imported_sample_give_the_2025_figures(wages_db):
    """JB-2025 raw rows: 21232 Ottawa (ER3510) median $50.26, Ontario $48.08."""
    result = import_wages(SAMPLE, partial=True)
    refdata = current_refdata()
    ottawa = refdata.prevailing_wage_for("21232", "ON", "ER3510")
    ontario = refdata.prevailing_wage_for("21232", "ON")
    assert (ottawa.hourly, ottawa.level, ottawa.data_version) == (50.26, "economic_region", result.version)
    assert (ontario.hourly, ontario.level) == (48.08, "province")


def test_importing_the_same_file_again_is_refused_as_a_duplicate(wages_db, in_force_file):
    """The same file (same SHA-256) is one version: a second import changes nothing."""
    path = in_force_file()
    first = import_wages(path)
    before = counts(wages_db)
    with pytest.raises(DuplicateWagesFile) as refused:
        import_wages(path)
    assert refused.value.version == first.version
    assert counts(wages_db) == before


@pytest.mark.parametrize(("line", "change", "reason"), [
    (120, lambda l: l + ",extra", "line 120: expected 22 columns, found 23"),
    (175, lambda l: l.replace(",50.26,", ",abc,"), "line 175: non-numeric median wage 'abc'"),
    (1, lambda l: l.replace("NOC_CNP", "CODE"), "line 1: bad header"),
])
def test_a_malformed_file_changes_nothing_and_names_the_line(wages_db, tmp_path, line, change, reason):
    """ESDC Job Bank Wages open data, 22-column layout: a line that does not fit it is refused by number."""
    bad = altered_sample(tmp_path, line, change)
    before = counts(wages_db)
    in_force_before = in_force_wages(wages_db).id
    with pytest.raises(WagesFileError) as refused:
        import_wages(bad, partial=True)
    assert str(refused.value).startswith(reason)
    assert counts(wages_db) == before
    assert in_force_wages(wages_db).id == in_force_before


def test_the_store_reloads_after_an_import(wages_db, tmp_path):
    """A new version in force is what the next check uses, without a restart."""
    assert current_refdata().prevailing_wage_for("21232", "ON", "ER3510").hourly == 50.26
    raised = altered_sample(tmp_path, 175, lambda l: l.replace(",50.26,", ",51.00,"))
    import_wages(raised, partial=True)
    assert current_refdata().prevailing_wage_for("21232", "ON", "ER3510").hourly == 51.00


def test_deleting_an_import_puts_the_bundled_wages_back_in_force(wages_db, in_force_file):
    """A wrong import can be removed; the version in force before it comes back."""
    bundled = in_force_wages(wages_db)
    result = import_wages(in_force_file())
    delete_version(result.version_id)
    assert in_force_wages(wages_db).id == bundled.id
    assert current_refdata().wages.version == bundled.version


def test_the_import_sends_wages_imported_after_commit(wages_db):
    """Wage-drift alerts re-check hires once the new wages are committed and in force."""
    from employer_portal.signals import wages_imported

    received = []

    def listener(version_id, actor_label=None):
        received.append((version_id, actor_label, in_force_wages(wages_db).id))

    wages_imported.connect(listener)
    try:
        result = import_wages(SAMPLE, imported_by="hr@example.com", partial=True)
    finally:
        wages_imported.disconnect(listener)
    assert received == [(result.version_id, "hr@example.com", result.version_id)]

"""Write reference-data versions to the database: Job Bank wages files and the bundled sets.

- `import_wages(path, imported_by=)` streams an official Job Bank wages CSV through
  the pure parser into a new `jobbank-wages` version, in ONE transaction (COPY on
  PostgreSQL, batched executemany elsewhere); a malformed file raises
  `WagesFileError` ("line N: reason") and leaves the database as it was; the same
  file twice raises `DuplicateWagesFile`. The new version is in force once committed,
  then `signals.wages_imported` is sent.
- `load_bundled_sets()` records the sets shipped in refdata/data (NOC, occupations
  list, referral partners, CUSMA professions, LMIA codes, program rules, economic
  regions and their place table, NOC job-title synonyms) as versions,
  and the bundled 2025 wages unless a newer or fuller wages version is in force. Idempotent.
- `import_wages(path, partial=True)` merges the file's rows over the version in force
  (a file covering fewer occupations or places than it is refused otherwise).
- `activate_version("jobbank-2025-11-19")` puts an earlier version back in force.
- `delete_version(version_id)` removes a version (e.g. a wrong import); if it was in
  force, the newest remaining version of its set comes back in force.
Each of these is recorded in `refdata_audit_events` (who, when, old -> new in force).
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from sqlalchemy import Integer, delete, distinct, exists, func, insert, literal, select, update
from sqlalchemy.orm import aliased

from employer_portal.extensions import db
from employer_portal.models.refdata import (WAGE_FIGURE_COLUMNS, WAGES_SET, RefdataAuditEvent, RefdataVersion,
                                            RefdataWageFigure)
from employer_portal.refdata import store
from employer_portal.refdata.jobbank import WageFigure, WagesFileError, read_wages
# Re-exported: the CLI and tests use the bundled sets from here.
from employer_portal.refdata.bundled import (BUNDLED_LIST_FILES, BUNDLED_WAGES_FILE, NOC_SET,  # noqa: F401
                                             BundledSet, date_or_none, bundled_sets, bundled_wage_rows)

_BATCH = 5000


class DuplicateWagesFile(Exception):
    """This exact file (same SHA-256) is already a wages version."""

    def __init__(self, version: str):
        super().__init__(f"this file was already imported as {version}; nothing changed")
        self.version = version


@dataclass(frozen=True)
class Coverage:
    """What a wages version covers: occupations (NOCs), places (CA, provinces, economic regions), rows, published figures.

    Places count every row, published or suppressed: a suppressed cell still says
    "Job Bank publishes no figure here", which an absent row does not (F-08).
    """

    occupations: int
    places: int
    rows: int
    published_figures: int

    @classmethod
    def of(cls, rows: Iterable[WageFigure]) -> "Coverage":
        rows = list(rows)
        return cls(len({r.noc for r in rows}), len({r.area for r in rows}), len(rows),
                   sum(r.median is not None for r in rows))

    def is_smaller_than(self, other: "Coverage") -> bool:
        """Fewer occupations or fewer places than `other`: replacing `other` with it would lose wage checks."""
        return self.occupations < other.occupations or self.places < other.places

    def describe(self) -> str:
        return (f"{self.occupations} occupations, {self.places} places, {self.rows} rows "
                f"({self.published_figures} published figures)")


class CoverageWouldShrink(Exception):
    """The file covers fewer occupations or places than the wages version in force; nothing was imported."""

    def __init__(self, file_coverage: Coverage, in_force_version: str, in_force_coverage: Coverage):
        super().__init__(
            f"covers {_counted(file_coverage.occupations, 'occupation')} and {_counted(file_coverage.places, 'place')}; "
            f"the version in force "
            f"({in_force_version}) covers {in_force_coverage.occupations} and {in_force_coverage.places}")
        self.file_coverage = file_coverage
        self.in_force_version = in_force_version
        self.in_force_coverage = in_force_coverage


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


class VersionNotFound(LookupError):
    """No recorded version matches what was asked for (or several sets have it)."""


@dataclass(frozen=True)
class ImportResult:
    version_id: int
    version: str
    row_count: int
    replaced: str | None = None  # the version in force before
    merged_rows: int = 0  # rows kept from the version in force (partial import)


@dataclass(frozen=True)
class Activation:
    set_name: str
    old_version: str | None
    new_version: str
    changed: bool


# --- wages import -------------------------------------------------------------------------

def file_sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def import_wages(path: str | os.PathLike, *, imported_by: str | None = None, partial: bool = False) -> ImportResult:
    """Import an official Job Bank wages CSV as the new wages version in force; commits.

    A file that covers fewer occupations or places than the version in force raises
    CoverageWouldShrink (nothing written): two rows must not switch the wage check off
    everywhere else. With partial=True its rows are merged over the version in force
    instead (same NOC and place: the file's row wins), as a new version named "-merged".
    Raises WagesFileError, DuplicateWagesFile, CoverageWouldShrink (nothing written) or OSError.
    """
    from employer_portal import signals
    actor = imported_by or "flask refdata import-wages"
    sha = file_sha256(path)
    existing = db.session.scalar(select(RefdataVersion.version).where(
        RefdataVersion.set_name == WAGES_SET, RefdataVersion.sha256 == sha))
    if existing is not None:
        raise DuplicateWagesFile(existing)
    try:
        base = wages_in_force() or _record_bundled_wages(actor)
        # A placeholder name until the rows have told us the file's revision date.
        version = RefdataVersion(set_name=WAGES_SET, version=f"importing-{sha[:16]}", sha256=sha,
                                 source=f"ESDC Job Bank Wages open data, file {Path(path).name}",
                                 imported_by=imported_by, row_count=0, in_force=False)
        db.session.add(version)
        db.session.flush()
        revisions: set[str] = set()
        count = write_wage_figures(version.id, _noting_revisions(read_wages(path), revisions))
        revision = max(revisions) if revisions else ""
        published = date_or_none(revision)
        name = f"jobbank-{revision}" if revision else f"jobbank-{sha[:12]}"
        merged = 0
        if base is not None and not partial:
            covered, base_covered = wages_coverage(version.id), wages_coverage(base.id)
            if covered.is_smaller_than(base_covered):
                raise CoverageWouldShrink(covered, base.version, base_covered)
        if base is not None and partial:
            merged = _merge_rows_of(base.id, into=version.id)
            name += "-merged"
            version.source = (f"{count} rows of ESDC Job Bank Wages open data, file {Path(path).name}, "
                              f"merged over {base.version} ({merged} of its rows kept)")
            # Most rows may still be the older release: keep the older date, so the fall warning stays honest.
            published = min((d for d in (published, base.published) if d), default=None)
        version.version = _unique_version(name)
        version.published = published
        version.row_count = count + merged
        replaced = base.version if base is not None else None
        _put_in_force(version)
        record_audit("import-wages-partial" if partial else "import-wages", WAGES_SET, replaced, version.version,
                     actor, f"file {Path(path).name}: {count} rows" + (f", {merged} kept from {replaced}" if partial else ""))
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    result = ImportResult(version.id, version.version, count + merged, replaced, merged)
    store.invalidate()
    signals.wages_imported.send(result.version_id, actor_label=imported_by)
    return result


def _noting_revisions(rows: Iterable[WageFigure], revisions: set[str]) -> Iterator[WageFigure]:
    for row in rows:
        if row.revision_date not in revisions:
            revisions.add(row.revision_date)
        yield row


def wages_in_force() -> RefdataVersion | None:
    return db.session.scalar(select(RefdataVersion).where(RefdataVersion.set_name == WAGES_SET,
                                                          RefdataVersion.in_force.is_(True)).limit(1))


def wages_coverage(version_id: int) -> Coverage:
    """What a recorded wages version covers (one aggregate query)."""
    f = RefdataWageFigure
    row = db.session.execute(select(func.count(distinct(f.noc)), func.count(distinct(f.area)), func.count(),
                                    func.count(f.median)).where(f.version_id == version_id)).one()
    return Coverage(*row)


def _merge_rows_of(base_id: int, *, into: int) -> int:
    """Copy the rows of version `base_id` whose (NOC, area) the new version `into` lacks; returns how many."""
    old, new = aliased(RefdataWageFigure), aliased(RefdataWageFigure)
    missing = select(literal(into, Integer), *(getattr(old, c) for c in WAGE_FIGURE_COLUMNS)).where(
        old.version_id == base_id,
        ~exists().where(new.version_id == into, new.noc == old.noc, new.area == old.area))
    before = wages_coverage(into).rows
    db.session.execute(insert(RefdataWageFigure).from_select(["version_id", *WAGE_FIGURE_COLUMNS], missing))
    return wages_coverage(into).rows - before  # rowcount is not reliable for INSERT … SELECT across drivers


def write_wage_figures(version_id: int, rows: Iterable[WageFigure]) -> int:
    """Insert the rows for `version_id` in the session's transaction; returns how many."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        return _copy_postgresql(connection, version_id, rows)
    count = 0
    batch: list[dict] = []
    statement = insert(RefdataWageFigure)
    for row in rows:
        record = dict(zip(WAGE_FIGURE_COLUMNS, row))
        record["version_id"] = version_id
        batch.append(record)
        if len(batch) >= _BATCH:
            connection.execute(statement, batch)
            count += len(batch)
            batch = []
    if batch:
        connection.execute(statement, batch)
        count += len(batch)
    return count


def _copy_postgresql(connection, version_id: int, rows: Iterable[WageFigure]) -> int:
    # COPY through the session's own psycopg connection: same transaction, ~10x executemany.
    raw = connection.connection.driver_connection
    columns = ", ".join(("version_id", *WAGE_FIGURE_COLUMNS))
    count = 0
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY refdata_wage_figures ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((version_id, *row))
                count += 1
    return count


def _unique_version(base: str) -> str:
    taken = set(db.session.scalars(select(RefdataVersion.version).where(
        RefdataVersion.set_name == WAGES_SET, RefdataVersion.version.startswith(base))))
    if base not in taken:
        return base
    n = 2
    while f"{base}-r{n}" in taken:
        n += 1
    return f"{base}-r{n}"


def _put_in_force(version: RefdataVersion) -> None:
    db.session.execute(update(RefdataVersion).where(
        RefdataVersion.set_name == version.set_name, RefdataVersion.id != version.id).values(in_force=False))
    version.in_force = True


def _in_force_of(set_name: str) -> RefdataVersion | None:
    return db.session.scalar(select(RefdataVersion).where(RefdataVersion.set_name == set_name,
                                                          RefdataVersion.in_force.is_(True)).limit(1))


def record_audit(action: str, set_name: str, old_version: str | None, new_version: str | None, actor: str,
                 detail: str = "") -> RefdataAuditEvent:
    """Add one entry to the reference-data audit trail, in the caller's transaction."""
    event = RefdataAuditEvent(action=action, set_name=set_name, old_version=old_version, new_version=new_version,
                              actor_label=actor, detail=detail)
    db.session.add(event)
    return event


# --- choosing the version in force --------------------------------------------------------

def find_version(reference: str, set_name: str | None = None) -> RefdataVersion:
    """The recorded version named `reference` (or with that id), in `set_name` when given; raises VersionNotFound."""
    reference = (reference or "").strip()
    query = select(RefdataVersion).where(RefdataVersion.version == reference)
    if set_name:
        query = query.where(RefdataVersion.set_name == set_name)
    found = db.session.scalars(query).all()
    if not found and reference.isdigit():
        by_id = db.session.get(RefdataVersion, int(reference))
        found = [by_id] if by_id is not None and (not set_name or by_id.set_name == set_name) else []
    if not found:
        raise VersionNotFound(f"no reference-data version '{reference}'" + (f" in {set_name}" if set_name else "")
                              + " (`flask refdata versions` lists them)")
    if len(found) > 1:
        raise VersionNotFound(f"'{reference}' is a version of {', '.join(v.set_name for v in found)}: name the set with --set")
    return found[0]


def activate_version(reference: str, *, set_name: str | None = None, actor: str = "flask refdata activate") -> Activation:
    """Put a recorded version back in force (the other versions of its set leave force); commits.

    The in-memory store of this process reloads at once, other processes within
    REFDATA_RECHECK_SECONDS (they compare the ids in force). Raises VersionNotFound.
    """
    from employer_portal import signals
    try:
        target = find_version(reference, set_name)
        old = _in_force_of(target.set_name)
        if old is not None and old.id == target.id:
            db.session.rollback()
            return Activation(target.set_name, old.version, target.version, changed=False)
        _put_in_force(target)
        record_audit("activate", target.set_name, old.version if old else None, target.version, actor)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    activation = Activation(target.set_name, old.version if old else None, target.version, changed=True)
    store.invalidate()
    if target.set_name == WAGES_SET:
        signals.wages_imported.send(target.id, actor_label=actor)
    return activation


def delete_version(version_id: int, *, actor: str = "system") -> None:
    """Delete a version and its rows; if it was in force, the newest remaining one of its set comes back. Commits."""
    version = db.session.get(RefdataVersion, version_id)
    if version is None:
        return
    set_name, name, was_in_force = version.set_name, version.version, version.in_force
    db.session.execute(delete(RefdataWageFigure).where(RefdataWageFigure.version_id == version_id))
    db.session.delete(version)
    db.session.flush()
    in_force = _in_force_of(set_name)
    if in_force is None:
        in_force = db.session.scalar(select(RefdataVersion).where(RefdataVersion.set_name == set_name)
                                     .order_by(RefdataVersion.id.desc()).limit(1))
        if in_force is not None:
            _put_in_force(in_force)
    record_audit("delete", set_name, name if was_in_force else (in_force.version if in_force else None),
                 in_force.version if in_force else None, actor, f"deleted {name}")
    db.session.commit()
    store.invalidate()


# --- bundled sets -------------------------------------------------------------------------

def _bundled_wages_wanted(bundled: BundledSet) -> bool:
    """Record the bundled wages? Yes when no wages version is in force, or when the one in force is an
    older release, or the same release covering less (e.g. an earlier, smaller bundled copy of
    jobbank-2025-11-19). Never over a newer or fuller import, and never twice the same file."""
    if db.session.scalar(select(RefdataVersion.id).where(RefdataVersion.set_name == WAGES_SET,
                                                         RefdataVersion.sha256 == bundled.sha256).limit(1)):
        return False
    in_force = wages_in_force()
    if in_force is None:
        return True
    if in_force.published and bundled.published and in_force.published != bundled.published:
        return in_force.published < bundled.published
    covered, bundled_covers = wages_coverage(in_force.id), Coverage.of(bundled_wage_rows())
    return covered.is_smaller_than(bundled_covers) or covered.rows < bundled_covers.rows


def _record_bundled(bundled: BundledSet, imported_by: str | None, actor: str) -> RefdataVersion:
    """Record one bundled set as a version in force (wages: with its rows), in the caller's transaction."""
    old = _in_force_of(bundled.set_name)
    name = _unique_version(bundled.version) if bundled.set_name == WAGES_SET else bundled.version
    version = RefdataVersion(set_name=bundled.set_name, version=name, source=bundled.source,
                             published=bundled.published, imported_by=imported_by,
                             row_count=bundled.row_count, sha256=bundled.sha256, in_force=False)
    db.session.add(version)
    db.session.flush()
    if bundled.set_name == WAGES_SET:
        version.row_count = write_wage_figures(version.id, bundled_wage_rows())
    _put_in_force(version)
    record_audit("load-bundled", bundled.set_name, old.version if old else None, version.version, actor,
                 f"{version.row_count} rows from the bundled {bundled.set_name} file")
    return version


def _record_bundled_wages(actor: str) -> RefdataVersion:
    """The bundled wages as a recorded version: what the checks use while the database has none."""
    bundled = next(b for b in bundled_sets() if b.set_name == WAGES_SET)
    return _record_bundled(bundled, "bundled", actor)


def load_bundled_sets(*, imported_by: str | None = "bundled", commit: bool = True,
                      actor: str = "flask refdata load-bundled") -> list[str]:
    """Record the bundled sets as versions (in force), and the bundled wages when `_bundled_wages_wanted`.

    A fuller bundled wages file with the version name already taken (same release, more
    rows) is recorded as "<version>-r2" and put in force, rather than keeping the smaller copy.
    Returns "set version" for each version created; [] when everything was already there.
    Commits unless commit=False (then the caller's transaction carries it, e.g. seed-demo).
    """
    from employer_portal import signals
    created: list[str] = []
    wages_id = None
    try:
        for bundled in bundled_sets():
            if bundled.set_name == WAGES_SET:
                if not _bundled_wages_wanted(bundled):
                    continue
            elif db.session.scalar(select(RefdataVersion.id).where(
                    RefdataVersion.set_name == bundled.set_name, RefdataVersion.version == bundled.version)):
                continue
            version = _record_bundled(bundled, imported_by, actor)
            if bundled.set_name == WAGES_SET:
                wages_id = version.id
            created.append(f"{bundled.set_name} {version.version}")
        if commit:
            db.session.commit()
    except BaseException:
        if commit:
            db.session.rollback()
        raise
    if created:
        store.invalidate()
    if commit and wages_id is not None:
        signals.wages_imported.send(wages_id, actor_label=actor)
    return created

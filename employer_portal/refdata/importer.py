"""Write reference-data versions to the database: Job Bank wages files and the bundled sets.

- `import_wages(path, imported_by=)` streams an official Job Bank wages CSV through
  the pure parser into a new `jobbank-wages` version, in ONE transaction (COPY on
  PostgreSQL, batched executemany elsewhere); a malformed file raises
  `WagesFileError` ("line N: reason") and leaves the database as it was; the same
  file twice raises `DuplicateWagesFile`. The new version is in force once committed,
  then `signals.wages_imported` is sent.
- `load_bundled_sets()` records the sets shipped in refdata/data (NOC, occupations
  list, referral partners, CUSMA professions, LMIA codes, program rules) as versions,
  and the bundled 2025 wages as the first wages version when there is none. Idempotent.
- `delete_version(version_id)` removes a version (e.g. a wrong import) and puts the
  newest remaining version of its set back in force.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from sqlalchemy import delete, insert, select, update

from employer_portal.extensions import db
from employer_portal.models.refdata import WAGE_FIGURE_COLUMNS, WAGES_SET, RefdataVersion, RefdataWageFigure
from employer_portal.refdata.jobbank import WageFigure, WagesFileError, read_wages
from employer_portal.refdata.reference import DATA_DIR, load_bundled, wage_rows_from_json

BUNDLED_WAGES_FILE = "jobbank_wages_2025.json"
# Bundled sets recorded as versions: set name -> (file, key of its records; None = one record).
BUNDLED_LIST_FILES = {
    "gts-occupations-list": ("gts_occupations_list.json", "occupations"),
    "gts-referral-partners": ("gts_referral_partners.json", "partners"),
    "cusma-professions": ("cusma_professions.json", "professions"),
    "lmia-exemption-codes": ("lmia_exemption_codes.json", "routes"),
    "program-rules": ("program_rules.json", None),
}
NOC_SET = "noc-2021"
_BATCH = 5000


class DuplicateWagesFile(Exception):
    """This exact file (same SHA-256) is already a wages version."""

    def __init__(self, version: str):
        super().__init__(f"this file was already imported as {version}; nothing changed")
        self.version = version


@dataclass(frozen=True)
class ImportResult:
    version_id: int
    version: str
    row_count: int


@dataclass(frozen=True)
class BundledSet:
    """A reference set shipped with the project, described from its file."""

    set_name: str
    version: str
    source: str
    published: dt.date | None
    row_count: int
    sha256: str


# --- wages import -------------------------------------------------------------------------

def file_sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def import_wages(path: str | os.PathLike, *, imported_by: str | None = None) -> ImportResult:
    """Import an official Job Bank wages CSV as the new wages version in force; commits.

    Raises WagesFileError (nothing written), DuplicateWagesFile (nothing written) or OSError.
    """
    from employer_portal import signals
    from employer_portal.refdata import store

    sha = file_sha256(path)
    existing = db.session.scalar(select(RefdataVersion.version).where(
        RefdataVersion.set_name == WAGES_SET, RefdataVersion.sha256 == sha))
    if existing is not None:
        raise DuplicateWagesFile(existing)
    try:
        # A placeholder name until the rows have told us the file's revision date.
        version = RefdataVersion(set_name=WAGES_SET, version=f"importing-{sha[:16]}", sha256=sha,
                                 source=f"ESDC Job Bank Wages open data, file {Path(path).name}",
                                 imported_by=imported_by, row_count=0, in_force=False)
        db.session.add(version)
        db.session.flush()
        revisions: set[str] = set()
        count = write_wage_figures(version.id, _noting_revisions(read_wages(path), revisions))
        revision = max(revisions) if revisions else ""
        version.version = _unique_version(f"jobbank-{revision}" if revision else f"jobbank-{sha[:12]}")
        version.published = _date_or_none(revision)
        version.row_count = count
        _put_in_force(version)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    result = ImportResult(version.id, version.version, count)
    store.invalidate()
    signals.wages_imported.send(result.version_id, actor_label=imported_by)
    return result


def _noting_revisions(rows: Iterable[WageFigure], revisions: set[str]) -> Iterator[WageFigure]:
    for row in rows:
        if row.revision_date not in revisions:
            revisions.add(row.revision_date)
        yield row


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


def delete_version(version_id: int) -> None:
    """Delete a version and its rows; the newest remaining version of the set comes back in force. Commits."""
    from employer_portal.refdata import store

    version = db.session.get(RefdataVersion, version_id)
    if version is None:
        return
    set_name = version.set_name
    db.session.execute(delete(RefdataWageFigure).where(RefdataWageFigure.version_id == version_id))
    db.session.delete(version)
    db.session.flush()
    newest = db.session.scalar(select(RefdataVersion).where(RefdataVersion.set_name == set_name)
                               .order_by(RefdataVersion.id.desc()).limit(1))
    if newest is not None:
        _put_in_force(newest)
    db.session.commit()
    store.invalidate()


# --- bundled sets -------------------------------------------------------------------------

def _date_or_none(text: str | None) -> dt.date | None:
    """'2025-11-19' or '2025-04' (first of the month) as a date; None otherwise."""
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", (text or "").strip())
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError:
        return None


def _describe(set_name: str, path: Path, records_key: str | None) -> BundledSet:
    raw = path.read_bytes()
    data = json.loads(raw)
    records = data.get(records_key) if records_key else None
    published = next((d for d in (_date_or_none(data.get(k)) for k in ("published", "as_of", "retrieved")) if d), None)
    # A set without one source (program rules) cites one per block: list them.
    source = data.get("source") or "; ".join(dict.fromkeys(
        b["source"] for b in data.values() if isinstance(b, dict) and b.get("source")))
    return BundledSet(set_name=set_name, version=data["version"], source=source, published=published,
                      row_count=len(records) if records is not None else 1, sha256=hashlib.sha256(raw).hexdigest())


@functools.lru_cache(maxsize=1)
def bundled_sets() -> tuple[BundledSet, ...]:
    """Every bundled set in the versions the in-memory loader uses (the full NOC file when present); read once."""
    sets = [_describe(name, DATA_DIR / file, key) for name, (file, key) in BUNDLED_LIST_FILES.items()]
    noc_version = load_bundled().noc_set.version
    for candidate in sorted(DATA_DIR.glob("noc_2021*.json")):
        described = _describe(NOC_SET, candidate, "unit_groups")
        if described.version == noc_version:
            sets.append(described)
            break
    sets.append(_describe(WAGES_SET, DATA_DIR / BUNDLED_WAGES_FILE, "rows"))
    return tuple(sets)


def load_bundled_sets(*, imported_by: str | None = "bundled", commit: bool = True) -> list[str]:
    """Record the bundled sets as versions (in force), and the bundled wages when no wages version exists.

    Returns "set version" for each version created; [] when everything was already there.
    Commits unless commit=False (then the caller's transaction carries it, e.g. seed-demo).
    """
    from employer_portal.refdata import store

    created: list[str] = []
    try:
        for bundled in bundled_sets():
            if bundled.set_name == WAGES_SET:
                if db.session.scalar(select(RefdataVersion.id).where(RefdataVersion.set_name == WAGES_SET).limit(1)):
                    continue  # imported wages are newer than the bundled subset
            elif db.session.scalar(select(RefdataVersion.id).where(
                    RefdataVersion.set_name == bundled.set_name, RefdataVersion.version == bundled.version)):
                continue
            version = RefdataVersion(set_name=bundled.set_name, version=bundled.version, source=bundled.source,
                                     published=bundled.published, imported_by=imported_by,
                                     row_count=bundled.row_count, sha256=bundled.sha256, in_force=False)
            db.session.add(version)
            db.session.flush()
            if bundled.set_name == WAGES_SET:
                rows = wage_rows_from_json(json.loads((DATA_DIR / BUNDLED_WAGES_FILE).read_text(encoding="utf-8")))
                version.row_count = write_wage_figures(version.id, rows)
            _put_in_force(version)
            created.append(f"{bundled.set_name} {bundled.version}")
        if commit:
            db.session.commit()
    except BaseException:
        if commit:
            db.session.rollback()
        raise
    if created:
        store.invalidate()
    return created

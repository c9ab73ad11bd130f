"""The inspection pack's database side: job rows, what goes into a pack, the sealed ZIP on disk.

- `request_pack(hire, actor=)` / `request_range_pack(employer_id, start, end, actor=)` → `PackRequest`:
  a queued or building pack of the same scope is reused (asking twice builds once); else a new
  `queued` row. The caller commits, then enqueues.
- `run_pack(pack_id, storage=, key_setting=)`: claim under a short lease (one conditional UPDATE,
  as the checklist builds do) that a heartbeat renews while the pack is written, write the ZIP
  sealed to disk chunk by chunk, mark ready/failed (or release it at the soft time limit). Commits.
- `sweep_stale_packs()`: packs whose message was lost or whose worker died.
- `pack_chunks(pack, storage, key_setting)`: the ready ZIP, unsealed, in chunks (downloads, CLI).

A pack of one hire holds: report/compliance-report.json and .pdf (the report frozen at
submission), checklist/checklist.pdf (a ready build is reused, else built), documents/<item>/<id>.<ext>
(every accepted document, decrypted), deadlines/deadlines.json and .csv (done/overdue/due/upcoming),
audit/audit-trail.csv, and manifest.json listing each file's path, size and sha256. A range pack
puts each hire under hires/<id>/ and lists them all in one manifest.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import DBAPIError

from employer_portal import accounts
from employer_portal.checklists import builds as checklist_builds
from employer_portal.checklists.digest import document_for
from employer_portal.checklists.errors import ChecklistError
from employer_portal.extensions import db
from employer_portal.jobs import lease
from employer_portal.jobs.lease import LeaseKeeper
from employer_portal.jobs.settle import settle_claim
from employer_portal.inspection.pack import (
    PackFile,
    bytes_chunks,
    file_chunks,
    member_path,
    write_pack,
)
from employer_portal.inspection.sealed import SealingWriter, unseal_chunks
from employer_portal.models import ChecklistBuild, Employer, Hire
from employer_portal.models.base import utcnow
from employer_portal.models.inspection_pack import InspectionPack
from employer_portal.schemas.hire import SUBMITTED_STATUSES
from employer_portal.timestamps import utc_iso

# A claim is a short lease (JOB_LEASE_SECONDS) renewed by a heartbeat while the pack is written:
# a 20-minute pack keeps it, a dead worker's pack is swept back within a minute.
DEFAULT_LEASE_SECONDS = lease.DEFAULT_LEASE_SECONDS
DEFAULT_QUEUED_GRACE_SECONDS = 30
MAX_ATTEMPTS = 3
ENTITY_PACK = "inspection_pack"
log = logging.getLogger(__name__)
WORKER_LABEL = "inspection pack worker"
PACK_FORMAT = "employer-portal inspection pack 1"
# Hires a range pack may hold: every hire past the draft stage.
RANGE_STATUSES = SUBMITTED_STATUSES
MAX_RANGE_DAYS = 366 * 10
_EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
_CSV_SPOOL = 1 << 20  # CSVs larger than 1 MiB spill to a temporary file


class PackError(Exception):
    """A request the pack cannot honour; `status` is the HTTP status it maps to."""

    def __init__(self, message: str, status: int = 409, field: str | None = None):
        super().__init__(message)
        self.status, self.field = status, field


class BuildReleased(Exception):
    """The checklist render inside a pack was stopped and released (time limit, database)."""


@dataclass(frozen=True)
class PackRequest:
    pack: InspectionPack
    enqueue: bool


def seal_context(pack: InspectionPack) -> str:
    return f"inspection_packs:{pack.employer_id}:{pack.id}"


def storage_key(pack: InspectionPack) -> str:
    """Built from internal ids only."""
    return f"inspection-packs/{pack.employer_id}/{pack.id}.zip.sealed"


def download_name(pack: InspectionPack) -> str:
    """The attachment's file name: ours, ASCII, from ids and dates only."""
    if pack.hire_id is not None:
        return f"inspection-pack-hire-{pack.hire_id}-{pack.id}.zip"
    return f"inspection-pack-{pack.range_start.isoformat()}-to-{pack.range_end.isoformat()}-{pack.id}.zip"


# --- requests -------------------------------------------------------------------------

def latest_pack(hire: Hire) -> InspectionPack | None:
    return db.session.scalar(
        select(InspectionPack).where(InspectionPack.employer_id == hire.employer_id, InspectionPack.hire_id == hire.id)
        .order_by(InspectionPack.created_at.desc(), InspectionPack.id.desc()).limit(1))


def latest_ready_pack(hire: Hire) -> InspectionPack | None:
    return db.session.scalar(
        select(InspectionPack).where(InspectionPack.employer_id == hire.employer_id, InspectionPack.hire_id == hire.id,
                                     InspectionPack.status == "ready")
        .order_by(InspectionPack.finished_at.desc(), InspectionPack.id.desc()).limit(1))


def _unfinished(employer_id: int, **scope) -> InspectionPack | None:
    conditions = [InspectionPack.employer_id == employer_id, InspectionPack.status.in_(("queued", "building"))]
    conditions += [getattr(InspectionPack, name) == value if value is not None
                   else getattr(InspectionPack, name).is_(None) for name, value in scope.items()]
    return db.session.scalar(select(InspectionPack).where(*conditions).order_by(InspectionPack.id.desc()).limit(1))


def _new_pack(employer_id: int, actor, **scope) -> InspectionPack:
    now = utcnow()
    pack = InspectionPack(employer_id=employer_id, status="queued", attempts=0, enqueued_at=now,
                          requested_by_id=actor.id if actor is not None else None, **scope)
    db.session.add(pack)
    db.session.flush()
    accounts.record(employer_id, ENTITY_PACK, pack.id, "requested", actor=actor,
                    actor_label=None if actor else "command line",
                    changes={name: [None, value.isoformat() if isinstance(value, dt.date) else value]
                             for name, value in scope.items() if value is not None})
    return pack


def request_pack(hire: Hire, *, actor=None, reuse: bool = True) -> PackRequest:
    """The hire's pack being built (unless `reuse` is false), or a new queued one. Flushes; the caller
    commits, then enqueues (or, on the command line, builds it there and then)."""
    if hire.status == "draft":
        raise PackError("a draft has nothing to inspect yet; submit the hire first", 409)
    db.session.execute(select(Hire.id).where(Hire.id == hire.id).with_for_update())
    running = _unfinished(hire.employer_id, hire_id=hire.id) if reuse else None
    if running is not None:
        return PackRequest(running, enqueue=False)
    return PackRequest(_new_pack(hire.employer_id, actor, hire_id=hire.id), enqueue=True)


def parse_range(start, end) -> tuple[dt.date, dt.date]:
    """`from` and `to` as dates (ISO text), `from` ≤ `to`, at most ten years apart; PackError(422) otherwise."""
    parsed = {}
    for field, value in (("from", start), ("to", end)):
        if isinstance(value, dt.date):
            parsed[field] = value
            continue
        try:
            parsed[field] = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed[field] = None
        if parsed[field] is None:
            raise PackError(f"'{field}' must be a date like 2026-01-31", 422, field)
    if parsed["from"] > parsed["to"]:
        raise PackError("'from' must not be after 'to'", 422, "to")
    if (parsed["to"] - parsed["from"]).days > MAX_RANGE_DAYS:
        raise PackError("the range covers at most ten years", 422, "to")
    return parsed["from"], parsed["to"]


def _employment(hire: Hire) -> tuple[dt.date | None, dt.date | None]:
    """The hire's employment period as known: first day of work (else the planned start) to the end
    of employment (else the position's end date; None while open-ended)."""
    dates = hire.dates or {}
    position = (hire.payload or {}).get("position") or {}

    def day(value):
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None

    start = day(dates.get("first_day_of_work")) or hire.start_date or day(position.get("start_date"))
    end = day(dates.get("employment_ended_on")) or day(position.get("end_date"))
    return start, end


def hires_in_range(employer_id: int, start: dt.date, end: dt.date) -> list[Hire]:
    """The employer's hires (past the draft stage) whose employment overlaps `start`..`end`."""
    candidates = db.session.scalars(
        select(Hire).where(Hire.employer_id == employer_id, Hire.status.in_(RANGE_STATUSES)).order_by(Hire.id))
    found = []
    for hire in candidates:
        first, last = _employment(hire)
        if first is not None and first <= end and (last is None or last >= start):
            found.append(hire)
    return found


def request_range_pack(employer_id: int, start, end, *, actor=None, reuse: bool = True) -> PackRequest:
    """A pack of every hire of the employer employed at some point between `start` and `end`."""
    start, end = parse_range(start, end)
    running = _unfinished(employer_id, hire_id=None, range_start=start, range_end=end) if reuse else None
    if running is not None:
        return PackRequest(running, enqueue=False)
    return PackRequest(_new_pack(employer_id, actor, hire_id=None, range_start=start, range_end=end), enqueue=True)


# --- claiming -------------------------------------------------------------------------

def claim_pack(pack_id: int, *, lease_seconds: float | None = None, claimant: str | None = None,
               now: dt.datetime | None = None) -> InspectionPack | None:
    """Take pack `pack_id`: from `queued`, or from `building` whose lease ran out or whose claimant
    died. One conditional UPDATE, so two workers never both win. Commits; None when not ours."""
    now = now or utcnow()
    claimant = claimant or lease.claim_token()
    lease_seconds = lease_seconds or lease.lease_seconds()
    row = db.session.get(InspectionPack, pack_id)
    if row is None or row.status in ("ready", "failed"):
        db.session.rollback()
        return None
    takeable = or_(InspectionPack.status == "queued",
                   and_(InspectionPack.status == "building", InspectionPack.lease_expires_at < now))
    if row.status == "building" and lease.claimant_is_dead(row.claimed_by):
        takeable = or_(takeable, and_(InspectionPack.status == "building",
                                      InspectionPack.claimed_by == row.claimed_by))
    if row.attempts >= MAX_ATTEMPTS:
        db.session.execute(
            update(InspectionPack).where(InspectionPack.id == pack_id, takeable)
            .values(status="failed", finished_at=now, lease_expires_at=None,
                    error=f"the build was interrupted {row.attempts} times (time or memory limit, or the worker "
                          "died); request it again"))
        db.session.commit()
        return None
    result = db.session.execute(
        update(InspectionPack).where(InspectionPack.id == pack_id, takeable)
        .values(status="building", claimed_by=claimant, attempts=InspectionPack.attempts + 1,
                lease_expires_at=now + dt.timedelta(seconds=lease_seconds))
        .execution_options(synchronize_session=False))
    db.session.commit()
    if result.rowcount != 1:
        return None
    db.session.refresh(row)
    return row


def sweep_stale_packs(*, queued_grace: float = DEFAULT_QUEUED_GRACE_SECONDS, now: dt.datetime | None = None,
                      limit: int = 100) -> list[int]:
    """Packs to send to the workers again (message lost, or lease lapsed: the heartbeat stopped).
    One conditional UPDATE that re-checks staleness, as `checklists.builds.sweep_stale_builds` does, so
    two sweepers never both re-send a pack nor touch one just claimed. Commits; the caller enqueues."""
    now = now or utcnow()
    stale = or_(
        and_(InspectionPack.status == "queued", InspectionPack.enqueued_at < now - dt.timedelta(seconds=queued_grace)),
        and_(InspectionPack.status == "building", InspectionPack.lease_expires_at < now),
    )
    candidates = select(InspectionPack.id).where(stale).order_by(InspectionPack.id).limit(limit)
    swept = db.session.scalars(
        update(InspectionPack).where(InspectionPack.id.in_(candidates.scalar_subquery()), stale)
        .values(status="queued", enqueued_at=now, lease_expires_at=None, claimed_by=None)
        .returning(InspectionPack.id).execution_options(synchronize_session=False)).all()
    db.session.commit()
    return sorted(swept)


# --- what goes into a pack ------------------------------------------------------------

def _csv_cell(value) -> str:
    """A CSV cell a spreadsheet will not run: text starting with = + - @ (or a tab/CR) gets a leading '."""
    text = "" if value is None else (json.dumps(value, ensure_ascii=False, default=str)
                                     if isinstance(value, (dict, list)) else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_source(header: list[str], rows_of) -> callable:
    """A chunk source that writes the CSV to a spooled temporary file first (memory stays bounded)."""

    def chunks() -> Iterator[bytes]:
        with tempfile.SpooledTemporaryFile(max_size=_CSV_SPOOL, mode="w+b") as spool:
            text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
            writer = csv.writer(text)
            writer.writerow(header)
            for row in rows_of():
                writer.writerow([_csv_cell(v) for v in row])
            text.flush()
            spool.seek(0)
            yield from file_chunks(lambda: _Unclosing(spool))()
            text.detach()

    return chunks


class _Unclosing:
    """Lets `file_chunks` read a file it must not close."""

    def __init__(self, handle):
        self.handle = handle

    def read(self, size=-1):
        return self.handle.read(size)

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        return False


def _json_bytes(value) -> bytes:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str).encode()


def _report_files(hire: Hire, employer: Employer, prefix: str, now: dt.datetime) -> list[PackFile]:
    from employer_portal.checklists.document import ROUTE_LABELS
    from employer_portal.inspection.report_pdf import ReportHire, render_report_pdf

    frozen = hire.frozen_report is not None
    report = hire.frozen_report if frozen else hire.report
    summary = {"hire_id": hire.id, "frozen": frozen,
               "frozen_at": hire.submitted_at.isoformat() if frozen and hire.submitted_at else None,
               "report": report}
    pdf = render_report_pdf(employer_name=employer.name,
                            hire=ReportHire(hire.id, hire.worker_name, hire.job_title, hire.noc_code, hire.status),
                            route_label=ROUTE_LABELS.get(hire.program or "", "Route not chosen yet"), report=report,
                            frozen=frozen, submitted_at=hire.submitted_at, generated_at=now)
    return [PackFile(f"{prefix}report/compliance-report.json", bytes_chunks(_json_bytes(summary))),
            PackFile(f"{prefix}report/compliance-report.pdf", bytes_chunks(pdf), compress=False)]


def checklist_pdf(hire: Hire, storage) -> bytes | None:
    """The hire's checklist PDF as it is now: a ready build with the same inputs, else built here
    (and stored, so the hire page can serve it too). None when the hire has no route yet."""
    from employer_portal.checklists.pdf import render_pdf

    try:
        decision = checklist_builds.request_build(hire, storage=storage)
    except ChecklistError:
        db.session.rollback()
        return None
    build_id = decision.build.id
    db.session.commit()
    if not decision.reused and decision.enqueue:
        if checklist_builds.run_build(build_id, storage=storage) == "released":
            # The pack's soft time limit (or the database) stopped the render: the pack stops too.
            raise BuildReleased()
    build = db.session.get(ChecklistBuild, build_id)
    db.session.refresh(build)
    if build.status == "ready" and build.file_key and storage.exists(build.file_key):
        with storage.open(build.file_key) as handle:
            return handle.read()
    # Another worker holds that build: print our own copy rather than wait.
    return render_pdf(document_for(db.session.get(Hire, hire.id)))


def _document_files(hire: Hire, prefix: str, storage) -> list[PackFile]:
    from employer_portal.inspection import documents

    found = []
    for document in documents.accepted_documents(hire):
        extension = _EXTENSIONS.get(document.content_type, "bin")
        found.append(PackFile(
            member_path(*f"{prefix}documents".split("/"), document.item_key, f"{document.id}.{extension}"),
            documents.plain_chunks(document, storage), compress=False,
            about={"document_id": document.id, "item_key": document.item_key,
                   "original_name": document.original_name, "content_type": document.content_type,
                   "accepted_at": document.reviewed_at.isoformat() if document.reviewed_at else None,
                   "retain_until": document.retain_until.isoformat() if document.retain_until else None}))
    return found


DEADLINE_COLUMNS = ["key", "title", "due_date", "state", "done_at", "done_by", "done_note", "kind", "rule_id",
                    "estimated", "source"]


def _deadline_rows(hire: Hire, today: dt.date) -> list[dict]:
    from employer_portal.deadlines.status import deadline_status
    from employer_portal.models import User
    from employer_portal.models.deadline import Deadline

    rows = db.session.scalars(select(Deadline).where(Deadline.employer_id == hire.employer_id,
                                                     Deadline.hire_id == hire.id, Deadline.active.is_(True))
                              .order_by(Deadline.due_date, Deadline.id))
    found = []
    for row in rows:
        done_by = db.session.get(User, row.done_by_id) if row.done_by_id else None
        found.append({"key": row.key, "title": row.title, "due_date": row.due_date.isoformat(),
                      "state": deadline_status(row.due_date, row.done_at, today),
                      "done_at": row.done_at.isoformat() if row.done_at else None,
                      "done_by": done_by.email if done_by else None, "done_note": row.done_note,
                      "kind": row.kind, "rule_id": row.rule_id, "estimated": row.estimated, "source": row.source})
    return found


def _deadline_files(hire: Hire, prefix: str, today: dt.date) -> list[PackFile]:
    rows = _deadline_rows(hire, today)
    body = {"hire_id": hire.id, "as_of": today.isoformat(), "deadlines": rows}
    return [PackFile(f"{prefix}deadlines/deadlines.json", bytes_chunks(_json_bytes(body))),
            PackFile(f"{prefix}deadlines/deadlines.csv",
                     _csv_source(DEADLINE_COLUMNS, lambda: ([r[c] for c in DEADLINE_COLUMNS] for r in rows)))]


AUDIT_COLUMNS = ["at", "actor", "entity", "entity_id", "action", "changes"]


def _audit_rows(hire: Hire):
    """Every audit event about the hire and the records that belong to it, oldest first, streamed."""
    from employer_portal.models import AuditEvent
    from employer_portal.models.checklist import ChecklistBuild, ChecklistItem

    from employer_portal.inspection import documents

    related = {
        "hire": [hire.id],
        "checklist_item": select(ChecklistItem.id).where(ChecklistItem.hire_id == hire.id),
        "checklist_build": select(ChecklistBuild.id).where(ChecklistBuild.hire_id == hire.id),
        ENTITY_PACK: select(InspectionPack.id).where(InspectionPack.hire_id == hire.id),
    }
    document_ids = documents.document_ids_query(hire)
    if document_ids is not None:
        related["document"] = document_ids
    query = (select(AuditEvent).where(AuditEvent.employer_id == hire.employer_id,
                                      or_(*[and_(AuditEvent.entity == entity, AuditEvent.entity_id.in_(ids))
                                            for entity, ids in related.items()]))
             .order_by(AuditEvent.at, AuditEvent.id).execution_options(yield_per=500))
    for event in db.session.scalars(query):
        yield [event.at.isoformat(), event.actor_label, event.entity, event.entity_id, event.action, event.changes]


def hire_files(hire: Hire, *, prefix: str, storage, now: dt.datetime) -> Iterator[PackFile]:
    """The files of one hire's part of a pack, produced one group at a time."""
    employer = db.session.get(Employer, hire.employer_id)
    hire_id = hire.id
    yield from _report_files(hire, employer, prefix, now)
    pdf = checklist_pdf(hire, storage)
    hire = db.session.get(Hire, hire_id)  # checklist_pdf commits; reload
    if pdf is not None:
        yield PackFile(f"{prefix}checklist/checklist.pdf", bytes_chunks(pdf), compress=False)
    yield from _document_files(hire, prefix, storage)
    yield from _deadline_files(hire, prefix, now.date())
    from employer_portal.self_audit.service import pack_files as self_audit_files

    yield from self_audit_files(hire, prefix=prefix, now=now)  # the employer's yearly self-audit (issue 14)
    yield PackFile(f"{prefix}audit/audit-trail.csv", _csv_source(AUDIT_COLUMNS, lambda: _audit_rows(hire)))


# --- building ---------------------------------------------------------------------------

def _pack_files(pack: InspectionPack, storage, now: dt.datetime) -> tuple[Iterator[PackFile], dict]:
    employer = db.session.get(Employer, pack.employer_id)
    about = {"format": PACK_FORMAT, "pack_id": pack.id, "employer": employer.name,
             "generated_at": now.isoformat(), "sha256_of": "each file as stored in this ZIP"}
    if pack.hire_id is not None:
        hire = db.session.get(Hire, pack.hire_id)
        about.update(hire_ids=[hire.id], hire_status=hire.status, legal_hold=bool(hire.legal_hold))
        return hire_files(hire, prefix="", storage=storage, now=now), about
    hires = hires_in_range(pack.employer_id, pack.range_start, pack.range_end)
    about.update(range={"from": pack.range_start.isoformat(), "to": pack.range_end.isoformat()},
                 hire_ids=[h.id for h in hires],
                 hires_included="every hire past the draft stage whose employment (first day of work, else the "
                                "planned start, to its end, else open) overlaps the range")
    hire_ids = [h.id for h in hires]

    def files():
        for hire_id in hire_ids:
            yield from hire_files(db.session.get(Hire, hire_id), prefix=f"hires/{hire_id}/", storage=storage, now=now)

    return files(), about


def _failure_reason(exc: BaseException) -> str:
    # The class and a fixed text only: an exception's message may quote what a user typed.
    name = exc.__class__.__name__
    if name in ("SoftTimeLimitExceeded", "BuildReleased"):
        return f"the pack took longer than the time limit {MAX_ATTEMPTS} times and was stopped"
    if name == "SealError":
        return "a stored document could not be decrypted (damaged file or unknown key)"
    return f"the pack could not be built ({name})"


def write_sealed_pack(pack: InspectionPack, *, storage, key_setting: str, now: dt.datetime | None = None):
    """Build the pack's ZIP straight into a sealed file under the storage (atomic rename at the end).
    Returns (storage key, `WrittenPack`)."""
    now = now or utcnow()
    key = storage_key(pack)
    context = seal_context(pack)
    files, about = _pack_files(pack, storage, now)
    target = storage.path_for(key)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            sealing = SealingWriter(handle, key_setting, context)
            written = write_pack(files, sealing, about=about)
            sealing.close()
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return key, written


def run_pack(pack_id: int, *, storage, key_setting: str, lease_seconds: float | None = None,
             heartbeat: float | None = None, claimant: str | None = None, pause: float = 0.0) -> str:
    """Claim, build, store and finish pack `pack_id`. Idempotent: a finished pack, or one a live
    worker holds, is left alone. Returns `ready`, `failed`, `released` (stopped by the soft time
    limit before its last attempt, or by a lost database connection: back to `queued`, the caller
    sends it again at once) or `skipped`. A `LeaseKeeper` renews the short lease while the pack is
    written, so a large pack keeps it and a dead worker's lapses within one lease. Commits.
    `pause` (seconds, tests only) slows the build down so tests can kill a worker mid-build."""
    lease_seconds = lease_seconds or lease.lease_seconds()
    claimant = claimant or lease.claim_token()
    pack = claim_pack(pack_id, lease_seconds=lease_seconds, claimant=claimant)
    if pack is None:
        return "skipped"
    employer_id, attempts = pack.employer_id, pack.attempts
    values: dict = {}
    keeper = LeaseKeeper(InspectionPack.__tablename__, [pack_id], claimant, lease_seconds=lease_seconds,
                         heartbeat=heartbeat, status="building", heartbeat_column="heartbeat_at")
    with keeper:
        try:
            if pause:
                time.sleep(pause)
            key, written = write_sealed_pack(pack, storage=storage, key_setting=key_setting)
            values = {"storage_key": key, "size_bytes": written.size, "sha256": written.sha256,
                      "file_count": len(written.manifest["files"]) + 1, "error": None}
            outcome = "ready"
        except DBAPIError as exc:  # the database, not the pack: try again at once
            db.session.rollback()
            log.warning("inspection pack %s: database error while building (%s); released for a retry",
                        pack_id, exc.__class__.__name__)
            outcome = "released"
        except Exception as exc:  # noqa: BLE001 - recorded on the row; the worker goes on
            db.session.rollback()
            if (lease.is_time_limit(exc) or isinstance(exc, BuildReleased)) and attempts < MAX_ATTEMPTS:
                outcome = "released"
            else:
                outcome, values = "failed", {"error": _failure_reason(exc)}
    if keeper.lost_ids:  # a sweep or another worker took it over: theirs to finish
        return "skipped"
    return _settle(pack_id, employer_id, claimant, outcome, values)


def _settle(pack_id: int, employer_id: int, claimant: str, outcome: str, values: dict) -> str:
    """Finish the pack (ready/failed) or put it back in the queue (released), only while the claim is ours."""
    def audit(outcome: str) -> None:
        accounts.record(employer_id, ENTITY_PACK, pack_id, outcome, actor_label=WORKER_LABEL,
                        changes={"status": ["building", outcome],
                                 **({"sha256": [None, values["sha256"]]} if outcome == "ready" else {})})

    return settle_claim(InspectionPack, pack_id, claimant, outcome, values, audit)


# --- reading a pack ---------------------------------------------------------------------

def pack_json(pack: InspectionPack | None) -> dict | None:
    if pack is None:
        return None
    body = {"id": pack.id, "status": pack.status, "hire_id": pack.hire_id,
            "requested_at": utc_iso(pack.created_at)}
    if pack.hire_id is None:
        body["from"] = pack.range_start.isoformat()
        body["to"] = pack.range_end.isoformat()
    if pack.status == "failed":
        body["error"] = pack.error
    if pack.status == "ready":
        body.update(size=pack.size_bytes, sha256=pack.sha256, files=pack.file_count,
                    finished_at=utc_iso(pack.finished_at))
    return body


def pack_chunks(pack: InspectionPack, *, storage, key_setting: str) -> Iterator[bytes]:
    """The ready pack's ZIP, unsealed chunk by chunk (PackError 409 when not ready or gone)."""
    if pack.status != "ready" or not pack.storage_key or not storage.exists(pack.storage_key):
        raise PackError("the inspection pack is not ready; request one and wait for it", 409)
    context = seal_context(pack)
    handle = storage.open(pack.storage_key)

    def chunks():
        with handle:
            yield from unseal_chunks(handle, key_setting, context)

    return chunks()


def export_to(pack: InspectionPack, destination: Path, *, storage, key_setting: str) -> Path:
    """Write the ready pack's plain ZIP to `destination` (the command line's copy for the officer)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=destination.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            for block in pack_chunks(pack, storage=storage, key_setting=key_setting):
                out.write(block)
        os.chmod(tmp, 0o600)  # it holds passport scans
        os.replace(tmp, destination)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return destination

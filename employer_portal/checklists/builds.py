"""Checklist PDF builds: request, claim, render, settle, and the fair queue in between.

The build row is the truth; a Celery message only says "look at build N", so a redelivered
message does no harm. A row goes `queued` → `building` (claimed under a short lease that a
heartbeat keeps alive while it renders) → `ready` | `failed`. A `queued` row has either been
sent to the workers (`enqueued_at` set) or is waiting in the database for its employer's turn
(`enqueued_at` NULL).

The queue is fair in two ways:
- One queued build per hire. A request with new input while a build of the hire is still
  queued takes that row over (its input hash changes, its place in the queue stays), so only
  the newest input is rendered, once. A build already rendering finishes; it is stored under
  the hash of what it printed and so is served only while that is still the hire's input.
- A cap per employer (`CHECKLIST_QUEUE_CAP_PER_EMPLOYER`, default 2): at most that many of an
  employer's builds are sent or building at once; the rest wait in the database and
  `release_waiting_builds` sends the oldest as soon as one of that employer's builds finishes
  (the task does so at once; the sweep catches any it missed, so none is lost). The broker is
  first in, first out, so another employer's build waits behind at most `cap` of one employer's:
  with the cap equal to the workers' concurrency (2 in docker-compose and `make run`), one
  build's time, while one employer alone still keeps every worker busy. A failing build
  settles like any other and frees its employer's place; it never holds up anyone else.

- `request_build(hire, actor=)` → `BuildRequest`: the ready build with the same hash, the
  queued/building one with the same hash, the hire's queued one taken over, or a new row.
- `run_build(build_id, storage=)`: claim, render, store, settle (or release at the soft time limit).
- `release_waiting_builds(employer_id=)`: waiting builds an employer now has room for.
- `sweep_stale_builds()`: builds whose message was lost or whose worker died.
- `current_pdf(hire, storage)`: the stored PDF matching the hire as it is now.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, text, update
from sqlalchemy.exc import DBAPIError

from employer_portal import accounts
from employer_portal.checklists.digest import current_hash, document_for, remember
from employer_portal.checklists.document import input_hash
from employer_portal.checklists.errors import ChecklistError
from employer_portal.checklists.items import WORKER_LABEL, payload_of, sync_items
from employer_portal.extensions import db
from employer_portal.jobs import lease
from employer_portal.jobs.lease import LeaseKeeper
from employer_portal.jobs.settle import settle_claim
from employer_portal.models import Hire
from employer_portal.models.base import utcnow
from employer_portal.models.checklist import ChecklistBuild

# A claim is a short lease (JOB_LEASE_SECONDS, 30 s) that the rendering worker renews every
# JOB_HEARTBEAT_SECONDS: a slow render keeps it, a dead worker's build is swept back within a minute.
DEFAULT_LEASE_SECONDS = lease.DEFAULT_LEASE_SECONDS
# A sent `queued` build nobody claimed after this long lost its message (a flushed broker): send it
# again. A re-sent message for a build already taken is skipped by the claim, so this may be short.
DEFAULT_QUEUED_GRACE_SECONDS = 30
# A build interrupted this many times (soft or hard time limit, memory cap, a dying worker) fails
# for good instead of looping through redeliveries.
MAX_ATTEMPTS = 3
# Builds of one employer sent or building at once (see the module docstring for why 2).
DEFAULT_QUEUE_CAP = 2
# First key of the PostgreSQL advisory lock that serialises one employer's queue decisions.
_QUEUE_LOCK_SPACE = 0x43424C44  # "CBLD"

log = logging.getLogger(__name__)

ENTITY_BUILD = "checklist_build"

# Sent to the workers and not finished: what counts against the employer's cap.
_IN_FLIGHT = or_(ChecklistBuild.status == "building",
                 and_(ChecklistBuild.status == "queued", ChecklistBuild.enqueued_at.is_not(None)))
# Waiting in the database for a place under the cap.
_WAITING = and_(ChecklistBuild.status == "queued", ChecklistBuild.enqueued_at.is_(None))


def queue_cap() -> int:
    """CHECKLIST_QUEUE_CAP_PER_EMPLOYER (at least 1)."""
    return max(1, int(lease.setting("CHECKLIST_QUEUE_CAP_PER_EMPLOYER", DEFAULT_QUEUE_CAP)))


# --- reading builds -----------------------------------------------------------------

def latest_build(hire: Hire) -> ChecklistBuild | None:
    return db.session.scalar(
        select(ChecklistBuild).where(ChecklistBuild.employer_id == hire.employer_id, ChecklistBuild.hire_id == hire.id)
        .order_by(ChecklistBuild.requested_at.desc(), ChecklistBuild.id.desc()).limit(1)
    )


def build_with_hash(hire: Hire, digest: str, statuses) -> ChecklistBuild | None:
    return db.session.scalar(
        select(ChecklistBuild).where(ChecklistBuild.employer_id == hire.employer_id,
                                     ChecklistBuild.hire_id == hire.id, ChecklistBuild.input_hash == digest,
                                     ChecklistBuild.status.in_(statuses))
        .order_by(ChecklistBuild.id.desc()).limit(1)
    )


def _queued_build(hire: Hire) -> ChecklistBuild | None:
    """The hire's build that is queued and not started, whatever its input."""
    return db.session.scalar(
        select(ChecklistBuild).where(ChecklistBuild.employer_id == hire.employer_id,
                                     ChecklistBuild.hire_id == hire.id, ChecklistBuild.status == "queued")
        .order_by(ChecklistBuild.id.desc()).limit(1)
    )


# --- requesting a build ---------------------------------------------------------------

@dataclass(frozen=True)
class BuildRequest:
    """What `request_build` decided: `reused` is a ready PDF with the same hash (nothing to do);
    `enqueue` is true for a row the caller must send to the workers after committing (false for
    a build already queued, and for one waiting for its employer's turn)."""

    build: ChecklistBuild
    reused: bool
    enqueue: bool


def _lock_queue(employer_id: int) -> None:
    """Serialise one employer's queue decisions until the transaction ends (PostgreSQL; SQLite
    writes one at a time anyway, where at worst the cap is passed by one)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:space, :employer)"),
                           {"space": _QUEUE_LOCK_SPACE, "employer": employer_id})


def _queue_counts(employer_id: int) -> tuple[int, int]:
    """(sent or building, waiting) builds of the employer."""
    in_flight, waiting = db.session.execute(
        select(func.count().filter(_IN_FLIGHT), func.count().filter(_WAITING))
        .where(ChecklistBuild.employer_id == employer_id, ChecklistBuild.status.in_(("queued", "building")))
    ).one()
    return in_flight, waiting


def request_build(hire: Hire, *, actor=None, storage=None) -> BuildRequest:
    """A build of the hire's checklist as it is now: the ready one with the same hash, the queued
    or running one with the same hash, the hire's queued build taken over with the new input, or
    a new `queued` row (sent at once when the employer is under its cap, else waiting). Flushes;
    the caller commits and, when `enqueue`, sends the build id to the workers after the commit."""
    # Serialise concurrent requests for one hire so the same inputs get one row (no-op on SQLite).
    db.session.execute(select(Hire.id).where(Hire.id == hire.id).with_for_update())
    if not payload_of(hire).program:
        raise ChecklistError("choose the hire's route before building its checklist", 409)
    sync_items(hire, actor=actor)
    digest = current_hash(hire)
    ready = build_with_hash(hire, digest, ("ready",))
    if ready is not None and (storage is None or (ready.file_key and storage.exists(ready.file_key))):
        return BuildRequest(ready, reused=True, enqueue=False)
    running = build_with_hash(hire, digest, ("queued", "building"))
    if running is not None:
        return BuildRequest(running, reused=False, enqueue=False)
    actor_id = actor.id if actor is not None else None
    queued = _queued_build(hire)
    if queued is not None:
        # Not started yet: it renders the newest input instead, in its place in the queue. The
        # UPDATE re-checks `queued`: a worker that claimed it meanwhile renders the hire as it is.
        earlier = queued.input_hash
        taken = db.session.execute(
            update(ChecklistBuild).where(ChecklistBuild.id == queued.id, ChecklistBuild.status == "queued")
            .values(input_hash=digest, requested_by_id=actor_id).execution_options(synchronize_session=False))
        if taken.rowcount == 1:
            db.session.refresh(queued)
            accounts.record(hire.employer_id, ENTITY_BUILD, queued.id, "superseded", actor=actor,
                            actor_label=None if actor else "command line",
                            changes={"input_hash": [earlier, digest]})
            return BuildRequest(queued, reused=False, enqueue=False)
    _lock_queue(hire.employer_id)
    in_flight, waiting = _queue_counts(hire.employer_id)
    send_now = waiting == 0 and in_flight < queue_cap()  # first come, first sent within an employer
    now = utcnow()
    build = ChecklistBuild(employer_id=hire.employer_id, hire_id=hire.id, status="queued", input_hash=digest,
                           requested_by_id=actor_id, requested_at=now, enqueued_at=now if send_now else None,
                           attempts=0, renders=0)
    db.session.add(build)
    db.session.flush()
    accounts.record(hire.employer_id, ENTITY_BUILD, build.id, "requested", actor=actor,
                    actor_label=None if actor else "command line", changes={"hire_id": [None, hire.id]})
    return BuildRequest(build, reused=False, enqueue=send_now)


def release_waiting_builds(*, employer_id: int | None = None, now: dt.datetime | None = None) -> list[int]:
    """Waiting builds that now have a place under their employer's cap (of one employer, or of
    every employer with builds waiting), oldest request first; marked sent. Commits; the caller
    sends them to the workers. Idle, this is one indexed query."""
    now = now or utcnow()
    cap = queue_cap()
    if employer_id is None:
        employers = list(db.session.scalars(select(ChecklistBuild.employer_id).where(_WAITING).distinct()))
    else:
        employers = [employer_id]
    released: list[int] = []
    for employer in employers:
        _lock_queue(employer)
        room = cap - _queue_counts(employer)[0]
        if room <= 0:
            continue
        oldest = (select(ChecklistBuild.id).where(ChecklistBuild.employer_id == employer, _WAITING)
                  .order_by(ChecklistBuild.requested_at, ChecklistBuild.id).limit(room))
        released += db.session.scalars(
            update(ChecklistBuild).where(ChecklistBuild.id.in_(oldest.scalar_subquery()), _WAITING)
            .values(enqueued_at=now).returning(ChecklistBuild.id).execution_options(synchronize_session=False)
        ).all()
    db.session.commit()
    return sorted(released)


def release_after(build_id: int) -> list[int]:
    """After build `build_id` finished: its employer's waiting builds that now have a place."""
    employer_id = db.session.scalar(select(ChecklistBuild.employer_id).where(ChecklistBuild.id == build_id))
    if employer_id is None:
        db.session.rollback()
        return []
    return release_waiting_builds(employer_id=employer_id)


# --- claiming and rendering -------------------------------------------------------------

def claim_build(build_id: int, *, lease_seconds: float | None = None, claimant: str | None = None,
                now: dt.datetime | None = None) -> ChecklistBuild | None:
    """Take build `build_id` for rendering: one conditional UPDATE (row-level, so two workers
    never both win) from `queued`, or from `building` whose lease expired or whose claimant
    died. Returns the claimed row, or None when another worker has it or it is finished.
    Commits (the claim must be visible before the slow part starts)."""
    now = now or utcnow()
    claimant = claimant or lease.claim_token()
    lease_seconds = lease_seconds or lease.lease_seconds()
    row = db.session.get(ChecklistBuild, build_id)
    if row is None or row.status in ("ready", "failed"):
        db.session.rollback()
        return None
    takeable = or_(ChecklistBuild.status == "queued",
                   and_(ChecklistBuild.status == "building", ChecklistBuild.lease_expires_at < now))
    if row.status == "building" and lease.claimant_is_dead(row.claimed_by):
        takeable = or_(takeable, and_(ChecklistBuild.status == "building",
                                      ChecklistBuild.claimed_by == row.claimed_by))
    if row.attempts >= MAX_ATTEMPTS:
        db.session.execute(
            update(ChecklistBuild).where(ChecklistBuild.id == build_id, takeable)
            .values(status="failed", finished_at=now, lease_expires_at=None,
                    failure_reason=f"the build was interrupted {row.attempts} times (time or memory limit, "
                                   "or the worker died); request it again")
        )
        db.session.commit()
        return None
    result = db.session.execute(
        update(ChecklistBuild).where(ChecklistBuild.id == build_id, takeable)
        .values(status="building", claimed_by=claimant, started_at=now, attempts=ChecklistBuild.attempts + 1,
                lease_expires_at=now + dt.timedelta(seconds=lease_seconds))
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if result.rowcount != 1:
        return None
    db.session.refresh(row)
    return row


def _failure_reason(exc: BaseException) -> str:
    # The class and a fixed explanation only: an exception's text may quote what a user typed.
    name = exc.__class__.__name__
    if lease.is_time_limit(exc):
        return f"the PDF took longer than the render time limit {MAX_ATTEMPTS} times and was stopped"
    if name == "FatalURLFetchingError":
        return "the PDF asked for a resource the renderer does not load"
    return f"the PDF could not be rendered ({name})"


def storage_key(employer_id: int, hire_id: int, digest: str) -> str:
    """Where a hire's PDF of inputs `digest` is stored: internal ids and the hash only, never user text."""
    return f"checklists/{employer_id}/{hire_id}/{digest}.pdf"


def run_build(build_id: int, *, storage, lease_seconds: float | None = None, heartbeat: float | None = None,
              claimant: str | None = None, pause: float = 0.0) -> str:
    """Claim, render, store and finish build `build_id`. Idempotent: a build that is finished
    or held by a live worker is left alone. Commits. Returns
    - `ready` or `failed` (with its reason);
    - `released`: stopped by the soft time limit (before its last attempt) or by a lost database
      connection, and put straight back to `queued`: the caller sends it to the workers again;
    - `skipped`: not ours (finished, held by a live worker, or taken over meanwhile).

    The claim is a short lease (JOB_LEASE_SECONDS) that a `LeaseKeeper` renews every heartbeat
    while the PDF renders: a slow build keeps it, a dead worker's lapses within one lease. No
    database transaction is open during the render. `pause` (seconds, tests only) slows the
    render down so tests can kill a worker mid-build.
    """
    from weasyprint.urls import FatalURLFetchingError

    from employer_portal.checklists import pdf

    lease_seconds = lease_seconds or lease.lease_seconds()
    claimant = claimant or lease.claim_token()
    build = claim_build(build_id, lease_seconds=lease_seconds, claimant=claimant)
    if build is None:
        return "skipped"
    employer_id, hire_id, attempts = build.employer_id, build.hire_id, build.attempts
    values: dict = {}
    keeper = LeaseKeeper(ChecklistBuild.__tablename__, [build_id], claimant, lease_seconds=lease_seconds,
                         heartbeat=heartbeat, status="building", heartbeat_column="heartbeat_at")
    with keeper:
        try:
            doc = document_for(db.session.get(Hire, hire_id))
            db.session.commit()  # the read (and any item sync) ends here: nothing held across the render
            if pause:
                time.sleep(pause)
            rendered = pdf.render(doc)
            digest = input_hash(doc)  # what was actually printed, should the hire have changed since
            key = storage_key(employer_id, hire_id, digest)
            storage.put(key, rendered.data)
            values = {"input_hash": digest, "file_key": key, "size": len(rendered.data), "pages": rendered.pages,
                      "renders": ChecklistBuild.renders + 1, "failure_reason": None}
            outcome = "ready"
        except DBAPIError as exc:  # the database, not the PDF: try again at once
            db.session.rollback()
            log.warning("checklist build %s: database error while building (%s); released for a retry",
                        build_id, exc.__class__.__name__)
            outcome = "released"
        except (Exception, FatalURLFetchingError) as exc:  # FatalURLFetchingError is a BaseException
            db.session.rollback()
            if lease.is_time_limit(exc) and attempts < MAX_ATTEMPTS:
                outcome = "released"
            else:
                outcome, values = "failed", {"failure_reason": _failure_reason(exc)}
    if keeper.lost_ids:  # a sweep or another worker took it over: theirs to finish
        return "skipped"
    return _settle(build_id, employer_id, claimant, outcome, values)


def _settle(build_id: int, employer_id: int, claimant: str, outcome: str, values: dict) -> str:
    """Finish the build (ready/failed) or put it back in the queue (released), only while the claim is ours."""
    def audit(outcome: str) -> None:
        accounts.record(employer_id, ENTITY_BUILD, build_id, outcome, actor_label=WORKER_LABEL,
                        changes={"status": ["building", outcome]})

    return settle_claim(ChecklistBuild, build_id, claimant, outcome, values, audit)


def sweep_stale_builds(*, queued_grace: float = DEFAULT_QUEUED_GRACE_SECONDS, now: dt.datetime | None = None,
                       limit: int = 500) -> list[int]:
    """Builds to send to the workers again: sent, `queued` and not claimed for `queued_grace`
    seconds (message lost), or `building` past their lease (worker died: its heartbeat stopped).
    Builds waiting for their employer's turn were never sent and are left to
    `release_waiting_builds`. The rows are put back to `queued` and stamped in one conditional
    UPDATE that re-checks staleness, so two sweepers at once re-send each build once and never
    touch a build a worker has just claimed. Returns their ids (an indexed query and nothing else
    when there are none). Commits; the caller enqueues."""
    now = now or utcnow()
    stale = or_(
        and_(ChecklistBuild.status == "queued", ChecklistBuild.enqueued_at < now - dt.timedelta(seconds=queued_grace)),
        and_(ChecklistBuild.status == "building", ChecklistBuild.lease_expires_at < now),
    )
    candidates = select(ChecklistBuild.id).where(stale).order_by(ChecklistBuild.id).limit(limit)
    swept = db.session.scalars(
        update(ChecklistBuild).where(ChecklistBuild.id.in_(candidates.scalar_subquery()), stale)
        .values(status="queued", enqueued_at=now, lease_expires_at=None, claimed_by=None)
        .returning(ChecklistBuild.id).execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    return sorted(swept)


# --- the stored PDF -------------------------------------------------------------------

# (hire id, input hash) -> storage key of its ready PDF. A ready build never changes.
_READY_MEMO: dict[tuple, str] = {}


def current_pdf(hire: Hire, storage) -> tuple[str, bytes]:
    """The storage key and bytes of the ready PDF matching the hire as it is now;
    ChecklistError(409) when not built or out of date."""
    digest = current_hash(hire)
    file_key = _READY_MEMO.get((hire.id, digest))
    if file_key is None or not storage.exists(file_key):
        ready = build_with_hash(hire, digest, ("ready",))
        if ready is None or not ready.file_key or not storage.exists(ready.file_key):
            if latest_build(hire) is None:
                raise ChecklistError("the checklist PDF has not been built yet; request a build first")
            raise ChecklistError("the checklist PDF is out of date or still building; request a build")
        file_key = ready.file_key
        remember(_READY_MEMO, (hire.id, digest), file_key)
    with storage.open(file_key) as handle:
        return file_key, handle.read()

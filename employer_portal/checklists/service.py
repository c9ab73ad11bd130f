"""The checklist's database side: stored items and their statuses, and the PDF build rows.

Views, the API, the CLI and the Celery tasks call these functions; the pure parts
(`builder`, `document`, `pdf`) do the thinking. Nothing here commits except where
a docstring says so: callers own the transaction (the tasks and the CLI commit).

- `sync_items(hire)`: fit the stored items to the hire's facts (add, retire, revive;
  statuses kept). Connected to `signals.hire_saved`.
- `set_item_status(hire, key, status, reason=, actor=)`: one status change, audited.
- `document_for(hire)` / `input_hash`: what the PDF would print now, and its hash.
- `request_build(hire, actor=)` → `BuildRequest`: reuse a ready or running build with
  the same hash, else a new `queued` row (the caller commits, then enqueues).
- `run_build(build_id, storage=)`: claim under a short lease kept alive by a heartbeat while
  it renders, store, mark ready/failed (or release it to the queue at the soft time limit).
- `sweep_stale_builds()`: ids of builds whose message was lost or whose worker died.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import socket
import time
from dataclasses import dataclass

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import DBAPIError

from employer_portal import accounts, signals
from employer_portal.checklists.builder import ChecklistItem as WantedItem
from employer_portal.checklists.builder import build_checklist, reconcile
from employer_portal.checklists.catalogue import load_catalogue
from employer_portal.checklists.document import (
    ROUTE_LABELS,
    ChecklistDocument,
    DeadlineLine,
    DocumentItem,
    hire_summary,
    input_hash,
)
from employer_portal.extensions import db
from employer_portal.jobs import lease
from employer_portal.jobs.lease import LeaseKeeper
from employer_portal.jobs.settle import settle_claim
from employer_portal.models import Employer, Hire
from employer_portal.models.base import utcnow
from employer_portal.models.checklist import ITEM_STATUSES, ChecklistBuild, ChecklistItem
from employer_portal.schemas.dates import HireDates
from employer_portal.schemas.hire import HirePayload

# A claim is a short lease (JOB_LEASE_SECONDS, 30 s) that the rendering worker renews every
# JOB_HEARTBEAT_SECONDS: a slow render keeps it, a dead worker's build is swept back within a minute.
DEFAULT_LEASE_SECONDS = lease.DEFAULT_LEASE_SECONDS
# A `queued` build nobody claimed after this long lost its message (a flushed broker): send it
# again. A re-sent message for a build already taken is skipped by the claim, so this may be short.
DEFAULT_QUEUED_GRACE_SECONDS = 30
# A build interrupted this many times (soft or hard time limit, memory cap, a dying worker) fails
# for good instead of looping through redeliveries.
MAX_ATTEMPTS = 3

log = logging.getLogger(__name__)

ENTITY_ITEM = "checklist_item"
ENTITY_BUILD = "checklist_build"
WORKER_LABEL = "checklist worker"


class ChecklistError(Exception):
    """A request the checklist cannot honour; `status` is the HTTP status it maps to."""

    def __init__(self, message: str, status: int = 409, field: str | None = None):
        super().__init__(message)
        self.status, self.field = status, field


def setting(config, name: str, default: int) -> int:
    """An integer setting from the app config, else the environment, else `default`."""
    value = config.get(name) if config is not None else None
    if value in (None, ""):
        value = os.environ.get(name)
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


# --- inputs -------------------------------------------------------------------------

def reference_data():
    """The reference data in force (the database's when the refdata store exists)."""
    try:
        from employer_portal.refdata.store import current_refdata
    except ImportError:
        current_refdata = None
    if current_refdata is not None:
        return current_refdata()
    from employer_portal.refdata.reference import load_bundled

    return load_bundled()


def payload_of(hire: Hire) -> HirePayload:
    payload = HirePayload.model_validate(hire.payload or {})
    if hire.program and payload.program != hire.program:
        payload = payload.model_copy(update={"program": hire.program})
    return payload


def cusma_profession_row(payload: HirePayload, refdata) -> dict | None:
    """The chosen CUSMA profession's credential rules in the columns `builder.credential_kind` reads."""
    if payload.program != "cusma" or not payload.cusma or not payload.cusma.profession:
        return None
    found = refdata.cusma_profession(payload.cusma.profession)
    if found is None:
        return None
    return {
        "key": found.key,
        "profession": found.profession,
        "min_education_core_text": found.requirement,
        "accepts_baccalaureate_or_licenciatura": found.degree_accepted,
        "alt_post_secondary_diploma_or_certificate_plus_years": found.diploma_plus_years,
        "alt_state_provincial_licence": found.licence_accepted,
        "alt_experience_only_years": found.experience_only_years,
        "other_credentials": found.other_credentials,
    }


def wanted_items(hire: Hire, refdata=None) -> list[WantedItem]:
    """The items the hire needs now (none until it has a route)."""
    payload = payload_of(hire)
    if not payload.program:
        return []
    refdata = refdata or reference_data()
    return build_checklist(payload, cusma_profession=cusma_profession_row(payload, refdata))


def stored_items(hire: Hire) -> list[ChecklistItem]:
    """Every stored item of the hire, retired ones included, in checklist order."""
    return list(db.session.scalars(
        select(ChecklistItem).where(ChecklistItem.employer_id == hire.employer_id, ChecklistItem.hire_id == hire.id)
        .order_by(ChecklistItem.retired, ChecklistItem.position, ChecklistItem.id)
    ))


def _copy_text(row: ChecklistItem, item: WantedItem, position: int) -> None:
    row.title, row.provider, row.why, row.rule = item.title, item.provider, item.why, item.rule
    row.source, row.due, row.section, row.position = item.source, item.due, item.section, position


# --- items --------------------------------------------------------------------------

def sync_items(hire: Hire, *, actor=None, refdata=None):
    """Fit the stored items to the hire's facts: add new ones (`missing`), retire those that no
    longer apply, revive retired ones that apply again; recorded statuses are never changed.
    Flushes; returns the `builder.Reconciliation`."""
    wanted = wanted_items(hire, refdata)
    rows = {row.key: row for row in stored_items(hire)}
    plan = reconcile({k: r.status for k, r in rows.items()}, wanted,
                     retired=[k for k, r in rows.items() if r.retired])
    positions = {item.key: n for n, item in enumerate(wanted)}
    for item in plan.add:
        row = ChecklistItem(employer_id=hire.employer_id, hire_id=hire.id, key=item.key, status="missing",
                            retired=False)
        _copy_text(row, item, positions[item.key])
        db.session.add(row)
    for item in wanted:  # catalogue wording and order may have changed: refresh the text
        if item.key in rows:
            _copy_text(rows[item.key], item, positions[item.key])
    for key in plan.revive:
        rows[key].retired = False
    for key in plan.retire:
        rows[key].retired = True
    if plan.add or plan.revive or plan.retire:
        _touch(hire)
        accounts.record(hire.employer_id, "hire", hire.id, "checklist_synced", actor=actor,
                        actor_label=None if actor else WORKER_LABEL,
                        changes={"added": [None, [i.key for i in plan.add]],
                                 "revived": [None, sorted(plan.revive)], "retired": [None, list(plan.retire)]})
    db.session.flush()
    return plan


def _on_hire_saved(hire, actor=None, changes=None, **_extra):
    """hire_saved receiver: keep the checklist in step with the hire's facts."""
    sync_items(hire, actor=actor)


signals.hire_saved.connect(_on_hire_saved, weak=False)


def current_items(hire: Hire) -> list[ChecklistItem]:
    """The hire's live (not retired) items, in checklist order; syncs first if they are out of step."""
    rows = [r for r in stored_items(hire) if not r.retired]
    wanted = [i.key for i in wanted_items(hire)]
    if [r.key for r in rows] != wanted:
        sync_items(hire)
        rows = [r for r in stored_items(hire) if not r.retired]
    return rows


def set_item_status(hire: Hire, key: str, status: str, *, reason: str | None = None, actor=None) -> ChecklistItem:
    """Record one item's status (a reason is required for `waived`); audited. Flushes."""
    if status not in ITEM_STATUSES:
        raise ChecklistError(f"status must be one of {', '.join(ITEM_STATUSES)}", 422, "status")
    reason = (reason or "").strip() or None
    if status == "waived" and not reason:
        raise ChecklistError("a waived item needs a reason", 422, "reason")
    if reason and len(reason) > 1000:
        raise ChecklistError("the reason has at most 1000 characters", 422, "reason")
    if status != "waived":
        reason = None
    row = next((r for r in current_items(hire) if r.key == key), None)
    if row is None:
        raise ChecklistError("this hire's checklist has no such item", 404, "key")
    changes = {}
    if row.status != status:
        changes["status"] = [row.status, status]
    if row.waiver_reason != reason:
        changes["waiver_reason"] = [row.waiver_reason, reason]
    if changes:
        row.status, row.waiver_reason = status, reason
        row.updated_by_id = actor.id if actor is not None else None
        row.updated_at = utcnow()
        _touch(hire)
        accounts.record(hire.employer_id, ENTITY_ITEM, row.id, "status_changed", actor=actor,
                        changes={"key": [key, key], **changes})
        db.session.flush()
    return row


# --- the document ---------------------------------------------------------------------

def report_of(hire: Hire, payload: HirePayload, refdata) -> dict | None:
    """The hire's compliance report (kept fresh by the hires service; computed if absent)."""
    if hire.report:
        return hire.report
    if not payload.program:
        return None
    from employer_portal.compliance import evaluate

    return evaluate(payload, refdata).to_dict()


def _lmia_text(report: dict | None) -> str | None:
    lmia = (report or {}).get("lmia") or {}
    if lmia.get("required"):
        return "LMIA required"
    return lmia.get("exemption_code")


def deadline_lines(hire: Hire, payload: HirePayload, today: dt.date) -> list[DeadlineLine]:
    """The deadlines known so far, from the pure calculator (none when it cannot tell yet)."""
    if not payload.program:
        return []
    try:
        from employer_portal.deadlines import deadlines_for

        dates = HireDates.model_validate(hire.dates or {})
        found = deadlines_for(payload.program, hire.status, payload, dates, today=today)
    except (ImportError, ValueError):
        return []
    return [DeadlineLine(d.title, d.due_date) for d in found]


def document_for(hire: Hire, *, now: dt.datetime | None = None, refdata=None) -> ChecklistDocument:
    """Everything the hire's checklist PDF prints, as of now."""
    from employer_portal.pathways_hire.pdf import pathways_section_for  # optional section (issue 11)

    now = now or utcnow()
    refdata = refdata or reference_data()
    payload = payload_of(hire)
    report = report_of(hire, payload, refdata)
    noc = refdata.noc(payload.position.noc_code) if payload.position.noc_code else None
    employer = db.session.get(Employer, hire.employer_id)
    items = [
        DocumentItem(WantedItem(r.key, r.title, r.provider, r.why, r.rule, r.source, r.due, r.section),
                     r.status, r.waiver_reason)
        for r in current_items(hire)
    ]
    versions = {"checklist_catalogue": load_catalogue().version}
    if report and report.get("versions"):
        versions["rules"] = str(report["versions"].get("rules"))
        versions["reference_data"] = str(report["versions"].get("reference_data"))
    return ChecklistDocument(
        employer_name=employer.name,
        hire=hire_summary(payload, noc_title=noc.title if noc else None),
        route_label=ROUTE_LABELS.get(payload.program or "", "Route not chosen yet"),
        lmia_code=_lmia_text(report),
        findings=list((report or {}).get("findings") or []),
        items=items,
        deadlines=deadline_lines(hire, payload, now.date()),
        versions=versions,
        generated_at=now,
        pathways=pathways_section_for(hire, now.date()),
    )


# (hire, its last change, reference data, catalogue, day) -> input hash. Assembling the document
# costs several queries and the deadline calculator; a download only needs to know whether
# anything that goes into the PDF moved. Item changes touch the hire (see _touch), so the
# hire's `updated_at` covers them.
_HASH_MEMO: dict[tuple, str] = {}
# (hire id, input hash) -> storage key of its ready PDF. A ready build never changes.
_READY_MEMO: dict[tuple, str] = {}
_MEMO_SIZE = 4096


def _remember(memo: dict, key, value) -> None:
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = value


def _touch(hire: Hire) -> None:
    """Mark the hire changed: its checklist (and so its PDF's inputs) moved."""
    hire.updated_at = utcnow()


def current_hash(hire: Hire) -> str:
    """The input hash of the hire's checklist PDF as it would print now."""
    refdata = reference_data()
    key = (hire.id, hire.updated_at, tuple(refdata.versions.values()), load_catalogue().version, utcnow().date())
    digest = _HASH_MEMO.get(key)
    if digest is None:
        digest = input_hash(document_for(hire, refdata=refdata))
        _remember(_HASH_MEMO, key, digest)
    return digest


# --- builds -------------------------------------------------------------------------

def latest_build(hire: Hire) -> ChecklistBuild | None:
    return db.session.scalar(
        select(ChecklistBuild).where(ChecklistBuild.employer_id == hire.employer_id, ChecklistBuild.hire_id == hire.id)
        .order_by(ChecklistBuild.requested_at.desc(), ChecklistBuild.id.desc()).limit(1)
    )


def _build_with_hash(hire: Hire, digest: str, statuses) -> ChecklistBuild | None:
    return db.session.scalar(
        select(ChecklistBuild).where(ChecklistBuild.employer_id == hire.employer_id,
                                     ChecklistBuild.hire_id == hire.id, ChecklistBuild.input_hash == digest,
                                     ChecklistBuild.status.in_(statuses))
        .order_by(ChecklistBuild.id.desc()).limit(1)
    )


@dataclass(frozen=True)
class BuildRequest:
    """What `request_build` decided: `reused` is a ready PDF with the same hash (nothing to do);
    `enqueue` is true for a new row the caller must send to the workers after committing."""

    build: ChecklistBuild
    reused: bool
    enqueue: bool


def request_build(hire: Hire, *, actor=None, storage=None) -> BuildRequest:
    """A build of the hire's checklist as it is now: the ready one with the same hash, the queued
    or running one with the same hash, or a new `queued` row. Flushes; the caller commits and,
    when `enqueue`, sends the build id to the workers (after the commit, so they can see it)."""
    # Serialise concurrent requests for one hire so the same inputs get one row (no-op on SQLite).
    db.session.execute(select(Hire.id).where(Hire.id == hire.id).with_for_update())
    if not payload_of(hire).program:
        raise ChecklistError("choose the hire's route before building its checklist", 409)
    sync_items(hire, actor=actor)
    digest = current_hash(hire)
    ready = _build_with_hash(hire, digest, ("ready",))
    if ready is not None and (storage is None or (ready.file_key and storage.exists(ready.file_key))):
        return BuildRequest(ready, reused=True, enqueue=False)
    running = _build_with_hash(hire, digest, ("queued", "building"))
    if running is not None:
        return BuildRequest(running, reused=False, enqueue=False)
    build = ChecklistBuild(employer_id=hire.employer_id, hire_id=hire.id, status="queued", input_hash=digest,
                           requested_by_id=actor.id if actor is not None else None, requested_at=utcnow(),
                           enqueued_at=utcnow(), attempts=0, renders=0)
    db.session.add(build)
    db.session.flush()
    accounts.record(hire.employer_id, ENTITY_BUILD, build.id, "requested", actor=actor,
                    actor_label=None if actor else "command line", changes={"hire_id": [None, hire.id]})
    return BuildRequest(build, reused=False, enqueue=True)


def claimant_name() -> str:
    """This process, as recorded on the builds it claims: host:pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_token() -> str:
    """A claim's own name: host:pid#nonce. The nonce makes each claim distinct, so a heartbeat or a
    finish from an earlier claim of the same process can never pass for the current one."""
    return f"{claimant_name()}#{secrets.token_hex(4)}"


def _claimant_is_dead(claimed_by: str | None) -> bool:
    """True when the claimant ran on this host and its process is gone (a SIGKILLed pool child:
    Celery redelivers the message at once, and there is no need to wait for the lease)."""
    host, _, pid = (claimed_by or "").partition("#")[0].rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def claim_build(build_id: int, *, lease_seconds: float | None = None, claimant: str | None = None,
                now: dt.datetime | None = None) -> ChecklistBuild | None:
    """Take build `build_id` for rendering: one conditional UPDATE (row-level, so two workers
    never both win) from `queued`, or from `building` whose lease expired or whose claimant
    died. Returns the claimed row, or None when another worker has it or it is finished.
    Commits (the claim must be visible before the slow part starts)."""
    now = now or utcnow()
    claimant = claimant or claim_token()
    lease_seconds = lease_seconds or lease.lease_seconds()
    row = db.session.get(ChecklistBuild, build_id)
    if row is None or row.status in ("ready", "failed"):
        db.session.rollback()
        return None
    takeable = or_(ChecklistBuild.status == "queued",
                   and_(ChecklistBuild.status == "building", ChecklistBuild.lease_expires_at < now))
    if row.status == "building" and _claimant_is_dead(row.claimed_by):
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


def is_time_limit(exc: BaseException) -> bool:
    """Celery's soft time limit (by name: the domain does not import Celery)."""
    return exc.__class__.__name__ == "SoftTimeLimitExceeded"


def _failure_reason(exc: BaseException) -> str:
    # The class and a fixed explanation only: an exception's text may quote what a user typed.
    name = exc.__class__.__name__
    if is_time_limit(exc):
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

    from employer_portal.checklists.pdf import render_pdf

    lease_seconds = lease_seconds or lease.lease_seconds()
    claimant = claimant or claim_token()
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
            pdf = render_pdf(doc)
            digest = input_hash(doc)  # what was actually printed, should the hire have changed since
            key = storage_key(employer_id, hire_id, digest)
            storage.put(key, pdf)
            values = {"input_hash": digest, "file_key": key, "size": len(pdf), "pages": _page_count(pdf),
                      "renders": ChecklistBuild.renders + 1, "failure_reason": None}
            outcome = "ready"
        except DBAPIError as exc:  # the database, not the PDF: try again at once
            db.session.rollback()
            log.warning("checklist build %s: database error while building (%s); released for a retry",
                        build_id, exc.__class__.__name__)
            outcome = "released"
        except (Exception, FatalURLFetchingError) as exc:  # FatalURLFetchingError is a BaseException
            db.session.rollback()
            if is_time_limit(exc) and attempts < MAX_ATTEMPTS:
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


def _page_count(pdf: bytes) -> int | None:
    """Pages of the PDF, when pypdf is installed (it is in the dev extra); else None."""
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return None
    try:
        return len(PdfReader(io.BytesIO(pdf)).pages)
    except Exception:  # noqa: BLE001 - a count is a nicety, never a reason to fail a build
        return None


def sweep_stale_builds(*, queued_grace: float = DEFAULT_QUEUED_GRACE_SECONDS, now: dt.datetime | None = None,
                       limit: int = 500) -> list[int]:
    """Builds to send to the workers again: `queued` and not claimed for `queued_grace` seconds
    (message lost), or `building` past their lease (worker died: its heartbeat stopped). Their rows
    are put back to `queued` and stamped in one conditional UPDATE that re-checks staleness, so two
    sweepers at once re-send each build once and never touch a build a worker has just claimed.
    Returns their ids (an indexed query and nothing else when there are none). Commits; the caller
    enqueues."""
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


# --- reading a build ------------------------------------------------------------------

def build_json(build: ChecklistBuild | None, *, up_to_date: bool | None = None) -> dict | None:
    if build is None:
        return None
    body = {"id": build.id, "status": build.status}
    if build.status == "failed":
        body["failure_reason"] = build.failure_reason
    if build.status == "ready":
        body.update(pages=build.pages, size=build.size,
                    finished_at=build.finished_at.isoformat() if build.finished_at else None)
    if up_to_date is not None:
        body["up_to_date"] = up_to_date
    return body


def pdf_state(hire: Hire) -> dict:
    """The PDF's status for the API and the page: the latest build, and whether a ready PDF
    matches the hire as it is now (`downloadable`)."""
    digest = current_hash(hire)
    build = latest_build(hire)
    ready = _build_with_hash(hire, digest, ("ready",))
    return {
        "status": build.status if build else None,
        "job": build_json(build, up_to_date=build.input_hash == digest if build else None),
        "downloadable": ready is not None,
    }


def current_pdf(hire: Hire, storage) -> tuple[str, bytes]:
    """The storage key and bytes of the ready PDF matching the hire as it is now;
    ChecklistError(409) when not built or out of date."""
    digest = current_hash(hire)
    file_key = _READY_MEMO.get((hire.id, digest))
    if file_key is None or not storage.exists(file_key):
        ready = _build_with_hash(hire, digest, ("ready",))
        if ready is None or not ready.file_key or not storage.exists(ready.file_key):
            if latest_build(hire) is None:
                raise ChecklistError("the checklist PDF has not been built yet; request a build first")
            raise ChecklistError("the checklist PDF is out of date or still building; request a build")
        file_key = ready.file_key
        _remember(_READY_MEMO, (hire.id, digest), file_key)
    with storage.open(file_key) as handle:
        return file_key, handle.read()

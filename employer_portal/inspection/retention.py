"""How long a hire's documents are kept, who may delete one, and the purge after the date.

The law: the employer keeps every document that shows it met the conditions "during a period
of six years beginning on the first day of the period of employment for which the work permit
is issued" (IRPR R209.2(1)(b), R209.3(1)(c)), and each permit starts its own six years. The
deadlines give that date (`record_retention`, one per permit); this module only reads it:

- `keep_until(status, retention_dates)` (pure): None while the hire is (or may become) employed,
  because a renewal moves the date later, so nothing has an end yet; once the hire is ended,
  withdrawn or refused, the latest retention date; None (keep) when the deadlines give none.
- `apply_retention(hire)`: set `Document.retain_until` on the hire's documents. Runs on its own
  before every flush that accepts a document, changes a hire's status, its permits or its
  record-retention deadlines (see `_before_flush`), so nobody has to remember to call it.
- `delete_document(document, actor, reason)`: before the date only an admin, with a reason;
  never under a legal hold; audited. `purge_expired(today)`: the beat job's work.
- `set_legal_hold(hire, on, reason, actor)`: an admin's audited switch.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Iterable

from flask import has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from employer_portal import accounts
from employer_portal.deadlines.calculator import STOPPED_STATUSES
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.checklist import ChecklistBuild
from employer_portal.models.document import Document
from employer_portal.models.inspection_pack import InspectionPack
from employer_portal.models.base import utcnow

log = logging.getLogger(__name__)

RETENTION_KIND = "record_retention"
ENTITY_DOCUMENT = "document"
PURGE_LABEL = "retention job"
# Statuses of a document whose content is gone; nothing more to keep, delete or purge.
GONE_STATUSES = ("purged", "deleted")
MAX_REASON = 1000
PURGE_BATCH = 200


class RetentionError(Exception):
    """A deletion or hold change the rules refuse; `status` is the HTTP status it maps to."""

    def __init__(self, message: str, status: int = 409, field: str | None = None):
        super().__init__(message)
        self.status, self.field = status, field


# --- the date ---------------------------------------------------------------------------

def keep_until(hire_status: str, retention_dates: Iterable[dt.date]) -> dt.date | None:
    """The last day the hire's documents must be kept, or None for "no end yet"."""
    if hire_status not in STOPPED_STATUSES:
        return None  # employed, or may still be: a renewal would start six more years
    dates = list(retention_dates)
    return max(dates) if dates else None


def retention_dates(hire: Hire, today: dt.date | None = None) -> list[dt.date]:
    """The due dates of the hire's record-retention deadlines (one per permit), as the deadlines give them."""
    from employer_portal.deadlines.service import calculated_deadlines

    today = today or utcnow().date()
    return [d.due_date for d in calculated_deadlines(hire, today) if d.kind.startswith(RETENTION_KIND)]


def retention_date_for(hire: Hire, today: dt.date | None = None) -> dt.date | None:
    return keep_until(hire.status, retention_dates(hire, today))


def apply_retention(hire: Hire, *, today: dt.date | None = None) -> dt.date | None:
    """Set `retain_until` on every kept document of the hire; returns the date (None: keep)."""
    session = db.session
    with session.no_autoflush:
        until = retention_date_for(hire, today)
        rows = list(session.scalars(select(Document).where(Document.employer_id == hire.employer_id,
                                                           Document.hire_id == hire.id,
                                                           Document.status.notin_(GONE_STATUSES))))
        # Documents added in this flush are not in the database yet.
        rows += [obj for obj in session.new if isinstance(obj, Document) and obj.hire_id == hire.id
                 and obj.status not in GONE_STATUSES]
        for row in rows:
            if row.retain_until != until:
                row.retain_until = until
    return until


def _changed(session: Session, obj, *names: str) -> bool:
    from sqlalchemy import inspect

    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names if name in state.attrs)


def _hires_to_refresh(session: Session) -> set[int]:
    from employer_portal.models.deadline import Deadline
    from employer_portal.models.permit import PermitPeriod

    hire_ids: set[int] = set()
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Document):
            if obj in session.new or _changed(session, obj, "status", "hire_id"):
                if obj.hire_id is not None and obj.status not in GONE_STATUSES:
                    hire_ids.add(obj.hire_id)
        elif isinstance(obj, Hire):
            if obj.id is not None and _changed(session, obj, "status", "dates"):
                hire_ids.add(obj.id)
        elif isinstance(obj, Deadline):
            if (obj.kind or "").startswith(RETENTION_KIND) and (
                    obj in session.new or _changed(session, obj, "due_date", "active")):
                hire_ids.add(obj.hire_id)
        elif isinstance(obj, PermitPeriod):
            hire_ids.add(obj.hire_id)
    return hire_ids


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _flush_context, _instances) -> None:
    """Keep `retain_until` in step with acceptance, the hire's status and its retention deadlines."""
    # Other libraries' sessions (Celery's SQLAlchemy broker, scripts) flush outside any app context too.
    if not has_app_context() or not db.session.registry.has() or session is not db.session.registry():
        return  # a session of its own (a script, a migration): the app's hooks do not apply
    hire_ids = _hires_to_refresh(session)
    for hire_id in sorted(hire_ids):
        hire = session.get(Hire, hire_id)
        if hire is not None:
            try:
                apply_retention(hire)
            except Exception:  # noqa: BLE001 - the purge re-checks; a save must not fail over this
                log.exception("hire %s: could not refresh the documents' retention date", hire_id)


# --- deletion -------------------------------------------------------------------------

def _clean_reason(reason) -> str | None:
    if reason is not None and not isinstance(reason, str):
        raise RetentionError("the reason must be text", 422, "reason")
    reason = (reason or "").strip() or None
    if reason and len(reason) > MAX_REASON:
        raise RetentionError(f"the reason has at most {MAX_REASON} characters", 422, "reason")
    return reason


def deletion_refusal(document, hire: Hire, actor, reason: str | None, today: dt.date) -> RetentionError | None:
    """Why `actor` may not delete `document` now (None: they may)."""
    if document.status in GONE_STATUSES:
        return RetentionError("this document was already deleted or purged", 409)
    if hire.legal_hold:
        return RetentionError("the hire is under a legal hold: none of its documents may be deleted until an "
                              "admin lifts the hold", 409)
    if not getattr(actor, "can_edit", False):
        return RetentionError("viewers cannot delete documents", 403)
    until = document.retain_until
    if until is None or today <= until:
        kept = f"until {until.isoformat()}" if until else "with no end date yet (the hire is not ended)"
        if not getattr(actor, "is_admin", False):
            return RetentionError(f"this document must be kept {kept}; only an admin may delete it before then, "
                                  "with a reason", 403)
        if not reason:
            return RetentionError(f"this document must be kept {kept}; give the reason for deleting it now",
                                  422, "reason")
    return None


def _release_file(document) -> None:
    """Delete the stored file unless another kept document has the same content (same key)."""
    key = document.storage_key
    if not key:
        return
    Document = type(document)
    shared = db.session.scalar(select(Document.id).where(Document.storage_key == key, Document.id != document.id,
                                                         Document.status.notin_(GONE_STATUSES)).limit(1))
    if shared is None:
        from flask import current_app

        from employer_portal.checklists.storage import storage_from_config

        storage_from_config(current_app.config).delete(key)


def release_files_of_draft(hire) -> None:
    """Delete the stored files of a draft being deleted: its documents, checklist PDFs and inspection packs.
    Nothing was filed for it, so no retention duty applies (IRPR R209.2/R209.3 count from a permit's
    employment), and a passport scan must not outlive its hire."""
    from flask import current_app

    from employer_portal.checklists.storage import storage_from_config

    keys = set(db.session.scalars(select(Document.storage_key).where(Document.hire_id == hire.id,
                                                                      Document.storage_key.is_not(None))))
    storage = storage_from_config(current_app.config)
    for key in sorted(keys):
        shared = db.session.scalar(select(Document.id).where(Document.storage_key == key, Document.hire_id != hire.id,
                                                             Document.status.notin_(GONE_STATUSES)).limit(1))
        if shared is None:
            storage.delete(key)
    # Checklist PDFs and inspection packs are the hire's own (their keys name the hire or the pack).
    own = db.session.scalars(select(ChecklistBuild.file_key).where(ChecklistBuild.hire_id == hire.id,
                                                                   ChecklistBuild.file_key.is_not(None))).all()
    own += db.session.scalars(select(InspectionPack.storage_key).where(InspectionPack.hire_id == hire.id,
                                                                       InspectionPack.storage_key.is_not(None))).all()
    for key in sorted(set(own)):
        storage.delete(key)


def _erase(document, *, status: str, actor, reason: str, now: dt.datetime) -> None:
    _release_file(document)
    document.storage_key = None
    document.original_name = ""
    document.reject_reason = None
    document.status = status
    document.deleted_at = now
    document.deleted_by_id = actor.id if actor is not None else None
    document.delete_reason = reason


def delete_document(document, *, actor, reason=None, today: dt.date | None = None) -> None:
    """Delete the document's file and content (row kept, status `deleted`), if the rules allow. Audited; flushes."""
    reason = _clean_reason(reason)
    today = today or utcnow().date()
    hire = db.session.get(Hire, document.hire_id)
    # Lock the hire so a legal hold set at the same moment is seen.
    db.session.execute(select(Hire.id).where(Hire.id == hire.id).with_for_update())
    db.session.refresh(hire, ["legal_hold"])
    refusal = deletion_refusal(document, hire, actor, reason, today)
    if refusal is not None:
        raise refusal
    until = document.retain_until
    early = until is None or today <= until
    old_status = document.status
    _erase(document, status="deleted", actor=actor, reason=reason or "retention period over", now=utcnow())
    accounts.record(document.employer_id, ENTITY_DOCUMENT, document.id, "deleted", actor=actor,
                    changes={"hire_id": [document.hire_id, document.hire_id], "status": [old_status, "deleted"],
                             "reason": [None, reason], "retain_until": [until.isoformat() if until else None, None],
                             "before_retention_date": [None, early]})
    db.session.flush()


def purge_expired(*, today: dt.date | None = None, limit: int = PURGE_BATCH) -> list[int]:
    """Purge documents whose retention date has passed (file deleted, row emptied, status `purged`),
    except under a legal hold; the date is re-read from the deadlines first, so a renewal recorded
    since is honoured. Audited per document. Commits; returns the purged ids."""
    today = today or utcnow().date()
    candidates = list(db.session.scalars(
        select(Document).join(Hire, Hire.id == Document.hire_id)
        .where(Document.retain_until.is_not(None), Document.retain_until < today,
               Document.status.notin_(GONE_STATUSES), Hire.legal_hold.is_(False))
        .order_by(Document.retain_until, Document.id).limit(limit)
    ))
    purged: list[int] = []
    for document in candidates:
        hire = db.session.get(Hire, document.hire_id)
        until = retention_date_for(hire, today)
        if until is None or until >= today:
            document.retain_until = until  # the hire was renewed or reopened since: keep
            continue
        old_status = document.status
        _erase(document, status="purged", actor=None, reason=f"retention period ended on {until.isoformat()}",
               now=utcnow())
        document.retain_until = until
        accounts.record(document.employer_id, ENTITY_DOCUMENT, document.id, "purged", actor_label=PURGE_LABEL,
                        changes={"hire_id": [document.hire_id, document.hire_id], "status": [old_status, "purged"],
                                 "retain_until": [until.isoformat(), until.isoformat()]})
        purged.append(document.id)
        db.session.flush()
    db.session.commit()
    return purged


# --- legal hold -------------------------------------------------------------------------

def set_legal_hold(hire: Hire, *, on, reason, actor) -> bool:
    """Switch the hire's legal hold (admins only, a reason each way). Audited; flushes; returns the new state."""
    if not isinstance(on, bool):
        raise RetentionError("'on' must be true or false", 422, "on")
    reason = _clean_reason(reason)
    if not getattr(actor, "is_admin", False):
        raise RetentionError("only an admin may place or lift a legal hold", 403)
    if not reason:
        raise RetentionError("give the reason for placing or lifting the legal hold", 422, "reason")
    old = bool(hire.legal_hold)
    if old != on:
        hire.legal_hold = on
        accounts.record(hire.employer_id, "hire", hire.id, "legal_hold_placed" if on else "legal_hold_lifted",
                        actor=actor, changes={"legal_hold": [old, on], "reason": [None, reason]})
        db.session.flush()
    return on

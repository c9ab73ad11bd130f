"""A hire's stored checklist items: fitted to the hire's facts, and their recorded statuses.

- `sync_items(hire)`: fit the stored items to the hire's facts (add, retire, revive; statuses
  kept). Runs on the write paths only: every `signals.hire_saved` (`connect()`, called by
  `create_app`), a build request, a status change.
- `current_items(hire)`: the live items, in checklist order, as the hire needs them now. Reads
  only: when the stored items are out of step (reference data or the catalogue changed, a hire
  changed without its signal), the fitted items are computed in memory, never written, so no
  GET request writes.
- `set_item_status(hire, key, status, reason=, actor=)`: one status change, audited.

The pure part is `builder` (what the hire needs, and the reconciliation plan). Nothing here
commits: callers own the transaction.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select

from employer_portal import accounts, signals
from employer_portal.checklists.builder import ITEM_STATUSES, build_checklist, reconcile
from employer_portal.checklists.builder import ChecklistItem as WantedItem
from employer_portal.checklists.errors import ChecklistError
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.base import utcnow
from employer_portal.models.checklist import ChecklistItem
from employer_portal.schemas.hire import HirePayload, stored_hire_payload

ENTITY_ITEM = "checklist_item"
# Who an audit entry names when no user made the change (a job, a signal from a job).
WORKER_LABEL = "checklist worker"


def reference_data():
    """The reference data in force."""
    from employer_portal.refdata.store import current_refdata

    return current_refdata()


def payload_of(hire: Hire) -> HirePayload:
    """The stored hire as the checklist reads it (`stored_hire_payload`, the one conversion). The encrypted
    identifiers (passport number, date of birth) are not put back: no item depends on them, so they stay
    out of the PDF and its input hash."""
    return stored_hire_payload(hire.payload, hire.program)


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


def touch(hire: Hire) -> None:
    """Mark the hire changed: its checklist (and so its PDF's inputs) moved. The PDF's input-hash
    memo (`digest.current_hash`) keys on the hire's `updated_at`, so this is what invalidates it."""
    hire.updated_at = utcnow()


def _copy_text(row: ChecklistItem, item: WantedItem, position: int) -> None:
    row.title, row.provider, row.why, row.rule = item.title, item.provider, item.why, item.rule
    row.source, row.due, row.section, row.position = item.source, item.due, item.section, position


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
        touch(hire)
        accounts.record(hire.employer_id, "hire", hire.id, "checklist_synced", actor=actor,
                        actor_label=None if actor else WORKER_LABEL,
                        changes={"added": [None, [i.key for i in plan.add]],
                                 "revived": [None, sorted(plan.revive)], "retired": [None, list(plan.retire)]})
    db.session.flush()
    return plan


def _on_hire_saved(hire, actor=None, changes=None, **_extra):
    """hire_saved receiver: keep the checklist in step with the hire's facts."""
    sync_items(hire, actor=actor)


def connect() -> None:
    """Listen to `hire_saved` (idempotent: blinker keeps one connection per receiver)."""
    signals.hire_saved.connect(_on_hire_saved, weak=False)


@dataclass(frozen=True)
class FittedItem(WantedItem):
    """An item as `sync_items` would store it, shown before it is: the wanted item's text with the
    status recorded for its key, if any (a retired row's comes back, as a revive keeps it)."""

    status: str = "missing"
    waiver_reason: str | None = None
    updated_at: dt.datetime | None = None
    updated_by_id: int | None = None
    id: int | None = None


_TEXT = tuple(f.name for f in fields(WantedItem))  # what the catalogue writes on an item


def _text(item) -> tuple:
    return tuple(getattr(item, name) for name in _TEXT)


def current_items(hire: Hire) -> list[ChecklistItem | FittedItem]:
    """The hire's live (not retired) items, in checklist order, as the hire needs them now. Writes
    nothing: the stored rows when they are in step with the hire's facts, else the fitted items
    (`FittedItem`) that the next write path (`sync_items`) will store."""
    stored = stored_items(hire)
    rows = [r for r in stored if not r.retired]
    wanted = wanted_items(hire)
    if [_text(r) for r in rows] == [_text(i) for i in wanted]:
        return rows
    by_key = {r.key: r for r in stored}
    fitted = []
    for item in wanted:
        row = by_key.get(item.key)
        recorded = {} if row is None else {"status": row.status, "waiver_reason": row.waiver_reason,
                                           "updated_at": row.updated_at, "updated_by_id": row.updated_by_id,
                                           "id": row.id}
        fitted.append(FittedItem(*_text(item), **recorded))
    return fitted


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
    sync_items(hire, actor=actor)  # a write path: the item changed is a stored row, in step with the hire
    row = next((r for r in stored_items(hire) if r.key == key and not r.retired), None)
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
        touch(hire)
        accounts.record(hire.employer_id, ENTITY_ITEM, row.id, "status_changed", actor=actor,
                        changes={"key": [key, key], **changes})
        db.session.flush()
    return row

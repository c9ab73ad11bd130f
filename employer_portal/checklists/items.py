"""A hire's stored checklist items: fitted to the hire's facts, and their recorded statuses.

- `sync_items(hire)`: fit the stored items to the hire's facts (add, retire, revive; statuses
  kept). `connect()` (called by `create_app`) runs it on every `signals.hire_saved`.
- `current_items(hire)`: the live items, in checklist order.
- `set_item_status(hire, key, status, reason=, actor=)`: one status change, audited.

The pure part is `builder` (what the hire needs, and the reconciliation plan). Nothing here
commits: callers own the transaction.
"""
from __future__ import annotations

from sqlalchemy import select

from employer_portal import accounts, signals
from employer_portal.checklists.builder import ChecklistItem as WantedItem
from employer_portal.checklists.builder import build_checklist, reconcile
from employer_portal.checklists.errors import ChecklistError
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.base import utcnow
from employer_portal.models.checklist import ITEM_STATUSES, ChecklistItem
from employer_portal.schemas.hire import HirePayload

ENTITY_ITEM = "checklist_item"
# Who an audit entry names when no user made the change (a job, a signal from a job).
WORKER_LABEL = "checklist worker"


def reference_data():
    """The reference data in force."""
    from employer_portal.refdata.store import current_refdata

    return current_refdata()


def payload_of(hire: Hire) -> HirePayload:
    """The stored hire as the checklist reads it (no personal identifiers needed), with its route."""
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
        touch(hire)
        accounts.record(hire.employer_id, ENTITY_ITEM, row.id, "status_changed", actor=actor,
                        changes={"key": [key, key], **changes})
        db.session.flush()
    return row

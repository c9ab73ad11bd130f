"""Hires from draft to decision: create, edit, delete, check, submit and move through statuses.

In: plain dicts (the hire payload of API.md, possibly partial), the acting user and
the `Hire` rows the caller loaded through tenancy. Out: `Hire` rows (added to the
session, flushed, not committed: the caller owns the transaction) or an error:
`InvalidHire` (field errors, a 422), `Conflict` (a 409, with the report when a
blocker stopped a submission). No Flask request objects here.

Every change writes one `AuditEvent` (entity "hire", old → new per dotted field;
passport number and date of birth only as "(changed)") and sends
`signals.hire_saved`. `Hire.report` is refreshed on every save.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select

from employer_portal import signals
from employer_portal.accounts import record
from employer_portal.compliance import RULES_VERSION, evaluate
from employer_portal.compliance.gts_timing import QuotaYear, category_a_quota_year
from employer_portal.compliance.report import reference_data_label
from employer_portal.extensions import db
from employer_portal.models import AuditEvent, Hire
from employer_portal.models.base import utcnow
from employer_portal.models.hire import HIRE_STATUSES, STATUS_TRANSITIONS
from employer_portal.refdata.store import current_refdata
from employer_portal.schemas.errors import error_map
from employer_portal.schemas.hire import HirePayload, stored_hire_payload

# Kept out of the `payload` JSON: they live in encrypted columns and never reach logs or the audit trail.
SECRET_FIELDS = ("passport_number", "date_of_birth")
SECRET_PATHS = tuple(f"worker.{name}" for name in SECRET_FIELDS)
BLOCKS = ("worker", "position", "filing", "gts", "ict", "cusma")
HIDDEN = "(changed)"


class HireError(Exception):
    """A request about a hire that cannot be done; the message says why in one line."""


class InvalidHire(HireError):
    """The payload does not validate: `errors` maps dotted paths to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("the hire payload is not valid")
        self.errors = errors


class StaleHire(HireError):
    """The hire changed since the page or client read it (its version moved on); `changed` names what changed."""

    def __init__(self, expected: int, current: int, changed: list[str]):
        super().__init__(f"this hire was changed by someone else since you opened it (version {expected}, now "
                         f"{current}); changed: {', '.join(changed) or 'unknown'}")
        self.expected, self.current, self.changed = expected, current, changed


class Conflict(HireError):
    """The hire's status does not allow this; `report` is set when blockers stopped a submission."""

    def __init__(self, message: str, report: dict | None = None):
        super().__init__(message)
        self.report = report


# --- reference data -------------------------------------------------------------------

def reference_data():
    """The reference data in force (held in memory by the store, reloaded when a new version lands)."""
    return current_refdata()


# --- payloads ------------------------------------------------------------------------

def validate_payload(data: Any) -> HirePayload:
    """A `HirePayload` from a (partial) dict, or `InvalidHire` naming every bad field."""
    if not isinstance(data, dict):
        raise InvalidHire({"body": ["expected a JSON object"]})
    try:
        return HirePayload.model_validate(data)
    except ValidationError as exc:
        raise InvalidHire(error_map(exc)) from None


def _payload_dict(payload: HirePayload) -> dict:
    # Sparse: drafts keep only what HR typed (empty blocks dropped); CUSMA's boolean defaults stay when the block exists.
    return _prune(payload.model_dump(mode="json"))


def _prune(data: dict) -> dict:
    # Items of a list stay whole: an employment period's "end": null means "still employed there".
    pruned = {}
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict):
            value = _prune(value)
            if not value:
                continue
        pruned[key] = value
    return pruned


def full_payload(hire: Hire) -> dict:
    """The hire payload as stored, with the decrypted passport number and date of birth put back."""
    data = _deep_copy(hire.payload or {})
    worker = data.setdefault("worker", {})
    if hire.passport_number:
        worker["passport_number"] = hire.passport_number
    if hire.date_of_birth:
        worker["date_of_birth"] = hire.date_of_birth
    return data


def hire_payload(hire: Hire) -> HirePayload:
    """The stored hire as a validated `HirePayload` (for the engine, the checklist and the deadlines)."""
    return stored_hire_payload(full_payload(hire), hire.program)


def _deep_copy(value):
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


def deep_merge(base: dict, changes: dict) -> dict:
    """PATCH semantics: nested objects merge key by key; anything else (lists, scalars, null) replaces."""
    merged = _deep_copy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = _deep_copy(value)
    return merged


def _apply(hire: Hire, payload: HirePayload) -> None:
    data = _payload_dict(payload)
    worker = data.get("worker", {})
    hire.passport_number = worker.pop("passport_number", None)
    hire.date_of_birth = worker.pop("date_of_birth", None)
    if not worker:
        data.pop("worker", None)
    hire.payload = data
    hire.program = payload.program
    given, family = payload.worker.given_name, payload.worker.family_name
    hire.worker_name = " ".join(p for p in (given, family) if p) or None
    hire.job_title = payload.position.title
    hire.noc_code = payload.position.noc_code
    hire.province = payload.position.province
    hire.start_date = payload.position.start_date


def _flatten(data: dict, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in (data or {}).items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def payload_changes(old: dict, new: dict) -> dict[str, list]:
    """{dotted path: [old, new]} for every field that differs; secret fields only as "(changed)"."""
    before, after = _flatten(old), _flatten(new)
    changes: dict[str, list] = {}
    for path in sorted(before.keys() | after.keys()):
        old_value, new_value = before.get(path), after.get(path)
        if old_value == new_value:
            continue
        if path in SECRET_PATHS:
            changes[path] = [HIDDEN if old_value is not None else None, HIDDEN if new_value is not None else None]
        else:
            changes[path] = [old_value, new_value]
    return changes


# --- reports --------------------------------------------------------------------------

def category_a_year(hire: Hire, today: dt.date | None = None) -> QuotaYear:
    """The calendar year whose Category A approvals count for this hire: the year of ESDC's decision on it.

    ESDC counts positions "approved by the TFWP per calendar year" (API.md Amendments 2026-12, review F-04): the
    hire's approved_on, else its LMIA application date + the 10-business-day standard, else today; not its start.
    """
    filing = (hire.payload or {}).get("filing") or {}
    filed = filing.get("lmia_application_date")
    timing = reference_data().rules.gts_timing
    return category_a_quota_year(
        approved_on=hire.approved_on,
        lmia_application_date=dt.date.fromisoformat(filed) if filed and timing is not None else None,
        province=hire.province, business_days=timing.lmia_business_days if timing is not None else 0,
        today=today or dt.date.today())


def category_a_positions(hire: Hire, today: dt.date | None = None) -> int:
    """The employer's Category A hires approved in the calendar year of ESDC's decision on this hire
    (category_a_year), itself excluded; the report's GTS_A_POSITION_OF_YEAR names that year."""
    year = category_a_year(hire, today).year
    query = select(func.count(Hire.id)).where(
        Hire.employer_id == hire.employer_id,
        Hire.program == "gts_a",
        Hire.approved_on >= dt.date(year, 1, 1),
        Hire.approved_on <= dt.date(year, 12, 31),
    )
    if hire.id is not None:
        query = query.where(Hire.id != hire.id)
    return db.session.scalar(query) or 0


def compute_report(hire: Hire) -> dict:
    """The report JSON of API.md for the hire's program, counting the employer's Category A quota.

    A hire with no program yet gets a report with one HIRE_INCOMPLETE blocker on `program`.
    """
    refdata = reference_data()
    payload = hire_payload(hire)
    if not payload.program:
        return {
            "program": None,
            "eligible": False,
            "complete": False,
            "lmia": None,
            "findings": [{
                "code": "HIRE_INCOMPLETE", "severity": "blocker", "field": "program",
                "message": "Choose the route (GTS Category A or B, ICT or CUSMA): the check needs it.",
                "source": "API.md hire payload: fields a check needs for this program",
            }],
            "prevailing_wage": None,
            # The same `versions` as every report: reference_data a string (API.md), the sets beside it.
            "versions": {"rules": RULES_VERSION, "reference_data": reference_data_label(refdata.versions),
                         "reference_data_sets": dict(refdata.versions)},
        }
    count = category_a_positions(hire) if payload.program == "gts_a" else None
    return evaluate(payload, refdata, category_a_positions_this_year=count).to_dict()


def refresh_report(hire: Hire) -> dict:
    hire.report = compute_report(hire)
    return hire.report


# The audit actions written by _saved: each is one version step.
VERSIONED_ACTIONS = ("created", "updated", "submitted", "status_changed", "status_date_corrected")


def _saved(hire: Hire, actor, action: str, changes: dict) -> None:
    # The one place a hire's version moves on: every saved change is one step (issue 10: no silent overwrite).
    hire.version = (hire.version or 0) + 1
    db.session.flush()
    record(hire.employer_id, "hire", hire.id, action, actor=actor, changes=changes)
    signals.hire_saved.send(hire, actor=actor, changes=changes)


# --- versions -------------------------------------------------------------------------

def check_version(hire: Hire, expected: int | str | None) -> None:
    """`StaleHire` when `expected` (the version the page or client read) is older than the hire's; None = no check."""
    if expected is None or expected == "":
        return
    try:
        expected = int(expected)
    except (TypeError, ValueError):
        raise InvalidHire({"version": ["reload the page: the form's version is not readable"]}) from None
    current = hire.version or 0
    if expected == current:
        return
    raise StaleHire(expected, current, changed_since(hire, expected))


def changed_since(hire: Hire, version: int) -> list[str]:
    """The fields changed by the saves after `version` (from the audit trail; secret ones by name only)."""
    events = [e for e in audit_trail(hire) if e.action in VERSIONED_ACTIONS]
    changed: list[str] = []
    for event in events[max(version, 0):]:
        for path in (event.changes or {}):
            if path not in changed:
                changed.append(path)
    return changed


# --- commands -------------------------------------------------------------------------

def create_draft(employer_id: int, data: dict, actor) -> Hire:
    """A new draft from a (partial) payload; `actor` becomes its HR owner."""
    payload = validate_payload(data)
    hire = Hire(employer_id=employer_id, status="draft", hr_owner_id=getattr(actor, "id", None))
    _apply(hire, payload)
    db.session.add(hire)
    db.session.flush()
    refresh_report(hire)
    changes = payload_changes({}, _payload_dict(payload))
    changes["status"] = [None, "draft"]
    _saved(hire, actor, "created", changes)
    return hire


def update_draft(hire: Hire, data: dict, actor) -> Hire:
    """Deep-merge `data` into a draft's payload and re-check it. Not a draft: `Conflict`."""
    if hire.status != "draft":
        raise Conflict(f"only drafts can be edited; this hire is {hire.status}")
    if not isinstance(data, dict):
        raise InvalidHire({"body": ["expected a JSON object"]})
    before = full_payload(hire)
    payload = validate_payload(deep_merge(before, data))
    _apply(hire, payload)
    changes = payload_changes(before, full_payload(hire))
    refresh_report(hire)
    if changes:
        _saved(hire, actor, "updated", changes)
    return hire


def replace_draft(hire: Hire, data: dict, actor) -> Hire:
    """Replace a draft's whole payload (the form sends every field). Not a draft: `Conflict`."""
    if hire.status != "draft":
        raise Conflict(f"only drafts can be edited; this hire is {hire.status}")
    before = full_payload(hire)
    payload = validate_payload(data)
    _apply(hire, payload)
    changes = payload_changes(before, full_payload(hire))
    refresh_report(hire)
    if changes:
        _saved(hire, actor, "updated", changes)
    return hire


def delete_draft(hire: Hire, actor) -> None:
    """Delete a draft (its audit events stay). Not a draft: `Conflict`."""
    if hire.status != "draft":
        raise Conflict(f"only drafts can be deleted; this hire is {hire.status}")
    record(hire.employer_id, "hire", hire.id, "deleted", actor=actor, changes={"status": ["draft", None]})
    from employer_portal.inspection.retention import release_files_of_draft  # documents go with their draft

    release_files_of_draft(hire)
    db.session.delete(hire)
    db.session.flush()


def submit(hire: Hire, actor) -> Hire:
    """Move a draft without blockers to `submitted` and freeze its report with the versions used.

    A blocker: `Conflict` carrying the report. Not a draft: `Conflict`.
    """
    if hire.status != "draft":
        raise Conflict(f"only drafts can be submitted; this hire is {hire.status}")
    report = refresh_report(hire)
    if not report["eligible"]:
        raise Conflict("the hire still has blockers; fix them before submitting", report=report)
    hire.status = "submitted"
    hire.submitted_at = utcnow()
    hire.frozen_report = _deep_copy(report)
    # The offer's terms as submitted: what an inspection checks later changes against (issue 14).
    from employer_portal.conditions.terms import terms_of_payload

    hire.baseline = terms_of_payload(hire.payload)
    _saved(hire, actor, "submitted", {"status": ["draft", "submitted"]})
    return hire


def change_status(hire: Hire, new_status: str, actor, *, on: dt.date | None = None) -> Hire:
    """Move a submitted hire along STATUS_TRANSITIONS (`approved` records `approved_on`, default today).

    Use `submit` for draft → submitted. Unknown status: `InvalidHire`; not allowed from here: `Conflict`.
    """
    if new_status not in HIRE_STATUSES:
        raise InvalidHire({"status": [f"unknown status; use one of {', '.join(HIRE_STATUSES)}"]})
    if hire.status == "draft" and new_status == "submitted":
        return submit(hire, actor)
    if new_status not in STATUS_TRANSITIONS.get(hire.status, ()):
        allowed = ", ".join(STATUS_TRANSITIONS.get(hire.status, ())) or "none"
        raise Conflict(f"a {hire.status} hire cannot become {new_status} (allowed: {allowed})")
    changes: dict[str, list] = {"status": [hire.status, new_status]}
    hire.status = new_status
    if on is not None and on > dt.date.today():
        raise InvalidHire({"approved_on": ["The date cannot be in the future: record it once it has happened."]})
    if new_status == "approved":
        approved_on = on or dt.date.today()
        changes["approved_on"] = [hire.approved_on.isoformat() if hire.approved_on else None, approved_on.isoformat()]
        hire.approved_on = approved_on
    _saved(hire, actor, "status_changed", changes)
    return hire


def correct_approval_date(hire: Hire, on: dt.date, actor) -> Hire:
    """An admin's correction of the recorded approval date (audited old → new). No date yet or a future one: errors."""
    if hire.approved_on is None:
        raise Conflict("this hire has no approval date to correct")
    if on > dt.date.today():
        raise InvalidHire({"approved_on": ["The date cannot be in the future: record it once it has happened."]})
    if on == hire.approved_on:
        return hire
    changes = {"approved_on": [hire.approved_on.isoformat(), on.isoformat()]}
    hire.approved_on = on
    _saved(hire, actor, "status_date_corrected", changes)
    return hire


# --- reading --------------------------------------------------------------------------

def audit_trail(hire: Hire) -> list[AuditEvent]:
    """The hire's audit events, oldest first."""
    return list(db.session.scalars(
        select(AuditEvent).where(AuditEvent.employer_id == hire.employer_id, AuditEvent.entity == "hire",
                                 AuditEvent.entity_id == hire.id).order_by(AuditEvent.at, AuditEvent.id)
    ))


def mask_passport(number: str | None) -> str | None:
    """All but the last 3 characters hidden: "•••••123"."""
    if not number:
        return number
    return "•" * max(len(number) - 3, 0) + number[-3:]

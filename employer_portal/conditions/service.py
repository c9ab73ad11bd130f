"""Conditions of a hire, database side: changes of terms, the filed records, and the Conditions view.

In: `Hire` rows loaded through tenancy, plain dicts (API bodies or form data), the acting user.
Out: the changed rows (flushed, not committed: the caller owns the transaction), or `InvalidTerms`
(field errors, a 422) / `TermsConflict` (the hire's status does not allow it, a 409).

Every change of terms is classified (`terms.classify_change`) against the baseline frozen at submission,
kept on the hire (`Hire.terms_changes`) and written to the audit trail (entity "hire", action
"terms_change", the fields old → new plus the decision). Only an allowed change becomes the hire's
current terms (and its payload, so checks and deadlines follow); any other stays a recorded decision.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from employer_portal import signals
from employer_portal.accounts import record
from employer_portal.deadlines.violations import load_amp_schedule
from employer_portal.extensions import db
from employer_portal.hires import service as hires
from employer_portal.models import Employer, Hire
from employer_portal.models.base import utcnow
from employer_portal.schemas.dates import OFFER_NUMBER_PATTERN
from employer_portal.schemas.hire import PROVINCES

from . import consistency, terms

FILING_SOURCES = ("offer", "lmia", "permit_application")
# Schedule 2 conditions of other streams (live-in caregivers, seasonal agricultural workers): not a tech hire's.
OTHER_STREAM_ITEMS = frozenset({3, 10, 16, 24})
# Where an allowed change lands in the hire payload (benefits have no payload field: they live in the terms).
PAYLOAD_PATHS = {
    "job_title": ("position", "title"), "duties": ("position", "duties"), "noc_code": ("position", "noc_code"),
    "wage_amount": ("position", "wage", "amount"), "wage_period": ("position", "wage", "period"),
    "hours_per_week": ("position", "hours_per_week"), "province": ("position", "province"),
    "city": ("position", "city"), "start_date": ("position", "start_date"), "end_date": ("position", "end_date"),
}
NUMBER_MAX_LENGTH = 40
TEXT_MAX = {"job_title": 200, "city": 200, "employer_name": 200, "duties": 4000}


class ConditionsError(Exception):
    """A request about a hire's conditions that cannot be done."""


class InvalidTerms(ConditionsError):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("some fields are not valid")
        self.errors = errors


class TermsConflict(ConditionsError):
    """The hire's status does not allow this."""


# --- parsing ----------------------------------------------------------------------------

def _parse_field(name: str, value: Any) -> Any:
    """One terms / filing field as stored (JSON-friendly), or ValueError saying what is expected."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if name in ("wage_amount", "hours_per_week"):
        if isinstance(value, bool):
            raise ValueError("a number")
        try:
            number = float(str(value).replace(",", "").replace("$", "").strip())
        except ValueError:
            raise ValueError("a number, e.g. 95000") from None
        if number <= 0 or (name == "hours_per_week" and number > 80):
            raise ValueError("between 1 and 80" if name == "hours_per_week" else "more than 0")
        return int(number) if number.is_integer() else number
    if name == "wage_period":
        if value not in ("year", "hour"):
            raise ValueError("'year' or 'hour'")
        return value
    if name == "province":
        code = str(value).strip().upper()
        if code not in PROVINCES:
            raise ValueError(f"one of {' '.join(PROVINCES)}")
        return code
    if name == "noc_code":
        code = str(value).strip()
        if not re.fullmatch(r"\d{5}", code):
            raise ValueError("a 5-digit NOC 2021 code, e.g. 21231")
        return code
    if name in ("start_date", "end_date"):
        try:
            return dt.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise ValueError("an ISO 8601 date, e.g. 2027-05-01") from None
    if name == "benefits":
        items = value.splitlines() if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError("a list of benefits (one per line in the form)")
        cleaned = [" ".join(i.split()) for i in items if i.strip()]
        if len(cleaned) > 30 or any(len(i) > 200 for i in cleaned):
            raise ValueError("at most 30 benefits of 200 characters each")
        return cleaned or None
    if name == "number":
        text = str(value).strip()
        if len(text) > NUMBER_MAX_LENGTH:
            raise ValueError(f"at most {NUMBER_MAX_LENGTH} characters")
        return text
    text = " ".join(str(value).split()) if name != "duties" else str(value).strip()
    if len(text) > TEXT_MAX.get(name, 200):
        raise ValueError(f"at most {TEXT_MAX.get(name, 200)} characters")
    return text


def parse_terms_changes(data: Any) -> dict[str, Any]:
    """The changed terms fields of a request body; `InvalidTerms` for unknown or bad fields."""
    if not isinstance(data, dict):
        raise InvalidTerms({"body": ["expected a JSON object"]})
    errors: dict[str, list[str]] = {}
    changes: dict[str, Any] = {}
    for name, value in data.items():
        if name in ("note", "effective_on"):
            continue
        if name not in terms.TERMS_FIELDS:
            errors[name] = [f"unknown field; use {', '.join(terms.TERMS_FIELDS)}"]
            continue
        try:
            changes[name] = _parse_field(name, value)
        except ValueError as exc:
            errors[name] = [str(exc)]
    if errors:
        raise InvalidTerms(errors)
    return changes


def _parse_filing(data: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(data, dict):
        raise InvalidTerms({"body": ["expected a JSON object"]})
    errors: dict[str, list[str]] = {}
    records: dict[str, dict[str, Any]] = {}
    for source, fields in data.items():
        if source not in FILING_SOURCES:
            errors[source] = [f"unknown record; use {', '.join(FILING_SOURCES)}"]
            continue
        if fields is None:
            records[source] = {}
            continue
        if not isinstance(fields, dict):
            errors[source] = ["expected an object of fields"]
            continue
        parsed: dict[str, Any] = {}
        for name, value in fields.items():
            if name not in (*consistency.FILING_FIELDS, "number"):
                errors[f"{source}.{name}"] = [f"unknown field; use number, {', '.join(consistency.FILING_FIELDS)}"]
                continue
            try:
                parsed_value = _parse_field(name, value)
                if name == "number" and source == "offer" and parsed_value is not None:
                    parsed_value = parsed_value.upper()
                    if not OFFER_NUMBER_PATTERN.fullmatch(parsed_value):
                        raise ValueError("an Employer Portal offer number is A followed by 7 digits, e.g. A1234567")
            except ValueError as exc:
                errors[f"{source}.{name}"] = [str(exc)]
                continue
            if parsed_value is not None:
                parsed[name] = parsed_value
        records[source] = parsed
    if errors:
        raise InvalidTerms(errors)
    return records


# --- reading ----------------------------------------------------------------------------

def employer_of(hire: Hire) -> Employer:
    return db.session.get(Employer, hire.employer_id)


def baseline_of(hire: Hire) -> dict[str, Any]:
    """The terms frozen at submission; a hire submitted before baselines were kept falls back to its payload."""
    return dict(hire.baseline) if hire.baseline is not None else terms.terms_of_payload(hire.payload)


def current_terms(hire: Hire) -> dict[str, Any]:
    """The baseline with every allowed change of terms laid over it, in order."""
    current = baseline_of(hire)
    for entry in hire.terms_changes or []:
        if entry.get("applied"):
            current.update({name: change[1] for name, change in entry["changes"].items()})
    return current


def applicable_conditions(program: str | None, business_size: str | None) -> list[dict[str, Any]]:
    """IRPR Schedule 2 conditions of this hire's regime (R209.2 for IMP, R209.3 for LMIA), each with its
    violation type and the penalty range for the employer's size."""
    schedule = load_amp_schedule()
    kind = terms.regime(program)
    wanted = "TFWP" if kind == "lmia" else "IMP"
    rows = []
    for item, condition in sorted(schedule.conditions.items()):
        if item in OTHER_STREAM_ITEMS:
            continue
        if not (condition.applies_to.startswith("both") or condition.applies_to.startswith(wanted)):
            continue
        violation = schedule.violation_for_size([item], business_size)
        rows.append({"schedule2_item": item, "provision": "R" + terms.provision_for(condition.provision, program),
                     "condition": condition.condition, "type": condition.type,
                     "violation": violation.as_json(), "source": schedule.source})
    return rows


def filing_records(hire: Hire) -> dict[str, dict[str, Any]]:
    """The offer, LMIA and permit application as recorded (offer and LMIA with their number)."""
    return {source: dict((hire.filing_records or {}).get(source) or {}) for source in FILING_SOURCES}


def consistency_findings(hire: Hire, employer: Employer | None = None) -> list[dict[str, Any]]:
    employer = employer or employer_of(hire)
    records: dict[str, dict[str, Any]] = dict(filing_records(hire))
    records["hire"] = consistency.record_of(current_terms(hire), employer.name,
                                            (hire.dates or {}).get("employer_portal_offer_number"))
    return consistency.consistency_findings(hire.program, records, employer.business_size)


def conditions_of(hire: Hire) -> dict[str, Any]:
    """The Conditions resource of API.md (project-designed): baseline, current terms, changes of terms with
    their decisions, filing records and their consistency findings, and the conditions that apply."""
    employer = employer_of(hire)
    size = employer.business_size
    return {
        "hire_id": hire.id,
        "status": hire.status,
        "program": hire.program,
        "regime": terms.regime(hire.program),
        "employer": {"business_size": size, "employee_count": employer.employee_count,
                     "annual_gross_revenue_cad": employer.annual_gross_revenue_cad},
        "baseline": baseline_of(hire) if hire.status in terms.TERMS_STATUSES or hire.baseline else None,
        "baseline_frozen": hire.baseline is not None,
        "current_terms": current_terms(hire),
        "terms_changes": list(hire.terms_changes or []),
        "filing_records": filing_records(hire),
        "consistency_findings": consistency_findings(hire, employer),
        "conditions": applicable_conditions(hire.program, size),
    }


# --- commands ---------------------------------------------------------------------------

def record_terms_change(hire: Hire, data: Any, actor) -> dict[str, Any]:
    """Classify and record a change of terms on a hire past submission; apply it only when allowed.

    Returns the recorded entry. Draft, refused, withdrawn or ended: `TermsConflict`. Bad fields or nothing
    changed: `InvalidTerms`.
    """
    if hire.status not in terms.TERMS_STATUSES:
        raise TermsConflict(f"changes of terms are recorded on submitted, filed, approved or active hires; this hire "
                            f"is {hire.status}" + (" (edit the draft instead)" if hire.status == "draft" else ""))
    changes = parse_terms_changes(data)
    note = data.get("note")
    effective_on = data.get("effective_on")
    errors: dict[str, list[str]] = {}
    if note is not None and (not isinstance(note, str) or len(note) > 1000):
        errors["note"] = ["text of at most 1000 characters"]
    if effective_on not in (None, ""):
        try:
            effective_on = dt.date.fromisoformat(str(effective_on)).isoformat()
        except ValueError:
            errors["effective_on"] = ["an ISO 8601 date, e.g. 2027-05-01"]
    else:
        effective_on = None
    if errors:
        raise InvalidTerms(errors)
    employer = employer_of(hire)
    current = current_terms(hire)
    proposed = terms.merged_terms(current, changes)
    decision = terms.classify_change(hire.program, baseline_of(hire), current, proposed, employer.business_size)
    if not decision.decisions:
        raise InvalidTerms({"body": ["nothing changes: every field given equals the current terms"]})
    entries = list(hire.terms_changes or [])
    entry = {
        "id": len(entries) + 1,
        "at": utcnow().isoformat(),
        "by": getattr(actor, "email", None),
        "effective_on": effective_on,
        "note": (note or "").strip() or None,
        "changes": decision.changes,
        "decision": decision.as_json(),
        "business_size": employer.business_size,
        "applied": decision.allowed,
    }
    hire.terms_changes = [*entries, entry]
    audit = {name: list(change) for name, change in decision.changes.items()}
    audit["decision"] = [None, decision.outcome]
    audit["applied"] = [None, decision.allowed]
    if decision.allowed:
        _apply_to_payload(hire, decision.changes)
    db.session.flush()
    record(hire.employer_id, "hire", hire.id, "terms_change", actor=actor, changes=audit)
    if decision.allowed:
        signals.hire_saved.send(hire, actor=actor, changes=audit)
    return entry


def _apply_to_payload(hire: Hire, changes: dict[str, list]) -> None:
    """Put allowed new terms into the hire payload (validated like any hire), so checks and deadlines follow."""
    patch: dict[str, Any] = {}
    for name, (_old, new) in changes.items():
        path = PAYLOAD_PATHS.get(name)
        if path is None:
            continue
        node = patch
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = new
    if not patch:
        return
    try:
        payload = hires.validate_payload(hires.deep_merge(hires.full_payload(hire), patch))
    except hires.InvalidHire as exc:
        raise InvalidTerms(exc.errors) from None
    hires._apply(hire, payload)  # the one place that copies a payload onto the row's columns
    hires.refresh_report(hire)


def record_filing(hire: Hire, data: Any, actor) -> dict[str, dict[str, Any]]:
    """Record (replace) the Employer Portal offer, the LMIA and/or the permit application as filed.

    A record given as {} or null is cleared. Refused, withdrawn or ended hires: `TermsConflict`.
    """
    if hire.status in ("refused", "withdrawn", "ended"):
        raise TermsConflict(f"this hire is {hire.status}; its filing can no longer change")
    records = _parse_filing(data)
    before = filing_records(hire)
    after = dict(before)
    after.update(records)
    audit = hires.payload_changes({k: v for k, v in before.items() if v}, {k: v for k, v in after.items() if v})
    hire.filing_records = {source: fields for source, fields in after.items() if fields}
    db.session.flush()
    if audit:
        record(hire.employer_id, "hire", hire.id, "filing_records", actor=actor, changes=audit)
    return filing_records(hire)


def set_employer_size(employer: Employer, employee_count: int | None, annual_gross_revenue_cad: int | None,
                      actor) -> dict[str, list]:
    """Save the employer's size facts (R209.93); audited on the employer. Returns the changes."""
    changes = {}
    for name, value in (("employee_count", employee_count), ("annual_gross_revenue_cad", annual_gross_revenue_cad)):
        if getattr(employer, name) != value:
            changes[name] = [getattr(employer, name), value]
            setattr(employer, name, value)
    if changes:
        db.session.flush()
        record(employer.id, "employer", employer.id, "size_changed", actor=actor, changes=changes)
    return changes

"""OpenAPI entries of the Conditions endpoints (api/conditions.py); merged by api/openapi_spec.py.

The response schemas are closed: each lists every field service.conditions_of and record_terms_change write.
"""
from __future__ import annotations

from employer_portal.compliance.report import SEVERITIES
from employer_portal.deadlines.violations import BUSINESS_SIZES
from employer_portal.models.hire import HIRE_STATUSES
from employer_portal.openapi_parts import DAY, MOMENT, closed, nullable, ref
from employer_portal.schemas.hire import PROGRAMS

from .consistency import FILING_FIELDS, SOURCE_LABELS
from .service import FILING_SOURCES
from .terms import OUTCOME_LABELS, TERMS_FIELDS

_TERMS_PROPS = {
    "job_title": {"type": "string", "maxLength": 200}, "duties": {"type": "string", "maxLength": 4000},
    "noc_code": {"type": "string", "pattern": "^[0-9]{5}$"}, "wage_amount": {"type": "number", "exclusiveMinimum": 0},
    "wage_period": {"type": "string", "enum": ["year", "hour"]},
    "hours_per_week": {"type": "number", "exclusiveMinimum": 0, "maximum": 80},
    "province": {"type": "string", "minLength": 2, "maxLength": 2}, "city": {"type": "string", "maxLength": 200},
    "start_date": {"type": "string", "format": "date"}, "end_date": {"type": "string", "format": "date"},
    "benefits": {"type": "array", "items": {"type": "string", "maxLength": 200}, "maxItems": 30},
}


def conditions_paths(hire_id: dict, problem, json, errors: dict) -> dict:
    conditions = conditions_schema()
    record = _filing_record()
    change = {"type": "object", "additionalProperties": False, "minProperties": 1,
              "properties": {**_TERMS_PROPS, "note": {"type": "string", "maxLength": 1000},
                             "effective_on": {"type": "string", "format": "date"}},
              "description": "Only the changed terms fields; each is judged against the offer's baseline"}
    filing = {"type": "object", "additionalProperties": False,
              "properties": {s: {"anyOf": [record, {"type": "null"}]} for s in FILING_SOURCES}}
    not_found = {"404": problem("No such resource for this employer")}
    edit = {"403": problem("The token's user is a viewer"), "409": problem("Not allowed in the hire's status")}

    def op(summary, responses, body=None):
        operation = {"summary": summary, "tags": ["conditions"], "responses": {**responses, **errors}}
        if body is not None:
            operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
        return operation

    return {
        "/hires/{hire_id}/conditions": {"parameters": [hire_id], "get": op(
            "The hire's conditions: the offer's baseline, current terms, changes of terms with their decision, "
            "filing records and their consistency findings, and the IRPR Schedule 2 conditions with this "
            "employer's penalty range", {"200": json(conditions, "The conditions"), **not_found})},
        "/hires/{hire_id}/terms-changes": {"parameters": [hire_id], "post": op(
            "Record a change of terms on a submitted, filed, approved or active hire: classified (allowed, new "
            "offer / LMIA, new permit, violation risk) and audited; only an allowed change becomes the current terms",
            {"201": json(closed({"terms_change": _terms_change(), "conditions": conditions}),
                         "The classified change and the conditions"), **not_found, **edit}, change)},
        "/hires/{hire_id}/filing-records": {"parameters": [hire_id], "put": op(
            "Record the Employer Portal offer (ICT, CUSMA), the LMIA (GTS) and/or what the permit application "
            "says; each given record is replaced ({} or null clears it)",
            {"200": json(conditions, "The conditions with the consistency findings"), **not_found, **edit}, filing)},
    }


def business_size_schema() -> dict:
    return nullable({"type": "string", "enum": list(BUSINESS_SIZES)})


def _terms() -> dict:
    """The flat terms of terms.terms_of_payload: every field, null where the offer does not say. Types only: the
    baseline comes from the hire payload, whose bounds are not a change's (duties of up to 5000 characters)."""
    kept = ("type", "format", "enum", "items")
    return closed({name: nullable({key: value for key, value in _TERMS_PROPS[name].items() if key in kept})
                   for name in TERMS_FIELDS})


def _filing_record() -> dict:
    """An offer, LMIA or permit application as recorded (request and response): only the fields given."""
    return closed({"number": {"type": "string", "maxLength": 40,
                              "description": "offer number (e.g. A1234567) or LMIA number"},
                   **{name: _TERMS_PROPS.get(name, {"type": "string", "maxLength": 200}) for name in FILING_FIELDS}},
                  required=[])


def _terms_change() -> dict:
    """One entry of Hire.terms_changes (service.record_terms_change) with its decision (terms.TermsDecision)."""
    outcome = {"type": "string", "enum": list(OUTCOME_LABELS)}
    field_decision = closed({
        "field": {"type": "string", "enum": list(TERMS_FIELDS)}, "label": {"type": "string"},
        "old": {"description": "the current terms' value"}, "new": {"description": "the proposed value"},
        "baseline": {"description": "the offer's value"}, "outcome": outcome, "outcome_label": {"type": "string"},
        "message": {"type": "string"}, "schedule2_item": nullable({"type": "integer"}),
        "provision": nullable({"type": "string"}), "source": {"type": "string"},
        "violation": {**nullable(ref("Violation")), "description": "null where the field cites no condition"}})
    decision = closed({"outcome": {**outcome, "description": "the most serious of the fields'"},
                       "outcome_label": {"type": "string"}, "fields": {"type": "array", "items": field_decision}})
    return closed({
        "id": {"type": "integer"}, "at": MOMENT, "by": {**nullable({"type": "string"}), "description": "email"},
        "effective_on": nullable(DAY), "note": nullable({"type": "string"}),
        "changes": {"type": "object", "propertyNames": {"enum": list(TERMS_FIELDS)},
                    "additionalProperties": {"type": "array", "items": {}, "minItems": 2, "maxItems": 2,
                                             "description": "[old, new]"}},
        "decision": decision, "business_size": business_size_schema(),
        "applied": {"type": "boolean", "description": "true: allowed, so it became the current terms"}})


def _consistency_finding() -> dict:
    """A TERMS_MISMATCH of consistency.compare_records: the report's finding shape plus both sources and values."""
    return closed({
        "code": {"type": "string", "enum": ["TERMS_MISMATCH"]},
        "severity": {"type": "string", "enum": list(SEVERITIES)},
        "field": {"type": "string", "enum": ["number", *FILING_FIELDS]},
        "sources": {"type": "array", "items": {"type": "string", "enum": list(SOURCE_LABELS)},
                    "minItems": 2, "maxItems": 2},
        "values": closed({source: {} for source in SOURCE_LABELS}, required=[], minProperties=2, maxProperties=2,
                         description="each of the two sources' value"),
        "message": {"type": "string"}, "source": {"type": "string"}})


def conditions_schema() -> dict:
    """The Conditions resource (service.conditions_of)."""
    terms = _terms()
    condition = closed({
        "schedule2_item": {"type": "integer"}, "provision": {"type": "string"}, "condition": {"type": "string"},
        "type": {"type": "string", "enum": ["A", "B", "C"]}, "violation": ref("Violation"),
        "source": {"type": "string"}})
    return closed({
        "hire_id": {"type": "integer"}, "status": {"type": "string", "enum": list(HIRE_STATUSES)},
        "program": nullable({"type": "string", "enum": list(PROGRAMS)}),
        "regime": {"type": "string", "enum": ["imp", "lmia"]},
        "employer": closed({
            "business_size": {**business_size_schema(),
                              "description": "IRPR R209.93; null while employees and revenue cannot tell"},
            "employee_count": nullable({"type": "integer"}),
            "annual_gross_revenue_cad": nullable({"type": "integer"})}),
        "baseline": {**nullable(terms), "description": "the offer's terms frozen at submission; null on a draft"},
        "baseline_frozen": {"type": "boolean"}, "current_terms": terms,
        "terms_changes": {"type": "array", "items": _terms_change()},
        "filing_records": closed({source: {**_filing_record(), "description": "{} while not recorded"}
                                  for source in FILING_SOURCES}),
        "consistency_findings": {"type": "array", "items": _consistency_finding()},
        "conditions": {"type": "array", "items": condition}})

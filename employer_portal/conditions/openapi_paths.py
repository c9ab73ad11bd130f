"""OpenAPI entries of the Conditions endpoints (api/conditions.py); merged by api/openapi_spec.py."""
from __future__ import annotations

from .consistency import FILING_FIELDS
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
    terms = {"type": "object", "properties": {name: {"anyOf": [_TERMS_PROPS[name], {"type": "null"}]}
                                              for name in TERMS_FIELDS}}
    change = {"type": "object", "additionalProperties": False, "minProperties": 1,
              "properties": {**_TERMS_PROPS, "note": {"type": "string", "maxLength": 1000},
                             "effective_on": {"type": "string", "format": "date"}},
              "description": "Only the changed terms fields; each is judged against the offer's baseline"}
    decision = {"type": "object", "properties": {
        "outcome": {"type": "string", "enum": list(OUTCOME_LABELS)}, "outcome_label": {"type": "string"},
        "fields": {"type": "array", "items": {"type": "object", "properties": {
            "field": {"type": "string"}, "old": {}, "new": {}, "baseline": {},
            "outcome": {"type": "string", "enum": list(OUTCOME_LABELS)}, "message": {"type": "string"},
            "schedule2_item": {"type": ["integer", "null"]}, "provision": {"type": ["string", "null"]},
            "source": {"type": "string"}, "violation": {"type": ["object", "null"]}}}}}}
    entry = {"type": "object", "properties": {
        "id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"}, "by": {"type": ["string", "null"]},
        "effective_on": {"type": ["string", "null"], "format": "date"}, "note": {"type": ["string", "null"]},
        "changes": {"type": "object", "additionalProperties": {"type": "array", "items": {}, "minItems": 2,
                                                               "maxItems": 2, "description": "[old, new]"}},
        "decision": decision, "business_size": {"type": ["string", "null"], "enum": ["small", "large", None]},
        "applied": {"type": "boolean", "description": "true: allowed, so it became the current terms"}}}
    record = {"type": "object", "additionalProperties": False, "properties": {
        "number": {"type": "string", "maxLength": 40, "description": "offer number (e.g. A1234567) or LMIA number"},
        **{name: _TERMS_PROPS.get(name, {"type": "string", "maxLength": 200}) for name in FILING_FIELDS}}}
    finding = {"type": "object", "properties": {
        "code": {"type": "string", "enum": ["TERMS_MISMATCH"]}, "severity": {"type": "string"},
        "field": {"type": "string"}, "sources": {"type": "array", "items": {"type": "string"}},
        "values": {"type": "object"}, "message": {"type": "string"}, "source": {"type": "string"}}}
    conditions = {"type": "object", "properties": {
        "hire_id": {"type": "integer"}, "status": {"type": "string"}, "program": {"type": ["string", "null"]},
        "regime": {"type": "string", "enum": ["imp", "lmia"]},
        "employer": {"type": "object", "properties": {
            "business_size": {"type": ["string", "null"], "enum": ["small", "large", None],
                              "description": "IRPR R209.93; null while employees and revenue cannot tell"},
            "employee_count": {"type": ["integer", "null"]}, "annual_gross_revenue_cad": {"type": ["integer", "null"]}}},
        "baseline": {"anyOf": [terms, {"type": "null"}], "description": "the offer's terms frozen at submission"},
        "baseline_frozen": {"type": "boolean"}, "current_terms": terms,
        "terms_changes": {"type": "array", "items": entry},
        "filing_records": {"type": "object", "properties": {s: record for s in ("offer", "lmia",
                                                                                  "permit_application")}},
        "consistency_findings": {"type": "array", "items": finding},
        "conditions": {"type": "array", "items": {"type": "object", "properties": {
            "schedule2_item": {"type": "integer"}, "provision": {"type": "string"}, "condition": {"type": "string"},
            "type": {"type": "string", "enum": ["A", "B", "C"]}, "violation": {"type": "object"},
            "source": {"type": "string"}}}}}}
    filing = {"type": "object", "additionalProperties": False,
              "properties": {s: {"anyOf": [record, {"type": "null"}]} for s in ("offer", "lmia", "permit_application")}}
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
            {"201": json({"type": "object", "properties": {"terms_change": entry, "conditions": conditions}},
                         "The classified change and the conditions"), **not_found, **edit}, change)},
        "/hires/{hire_id}/filing-records": {"parameters": [hire_id], "put": op(
            "Record the Employer Portal offer (ICT, CUSMA), the LMIA (GTS) and/or what the permit application "
            "says; each given record is replaced ({} or null clears it)",
            {"200": json(conditions, "The conditions with the consistency findings"), **not_found, **edit}, filing)},
    }

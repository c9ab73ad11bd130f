"""OpenAPI descriptions of the LMBP tracker, the self-audit and the employer compliance summary (merged by
api/openapi_spec.py; its helpers are passed in so both stay one format). No Flask here.

The response schemas are closed: every field benefits_plan.service.plan_view, self_audit.service.audit_view and
compliance_summary write.
"""
from __future__ import annotations

from employer_portal.benefits_plan.service import GTS_PROGRAMS, ActivityIn, PlanIn
from employer_portal.benefits_plan.status import COMMITMENT_STATUSES
from employer_portal.conditions.openapi_paths import business_size_schema
from employer_portal.models.benefits_plan import LMBP_BENEFITS, SELF_AUDIT_ANSWERS
from employer_portal.models.deadline import OUTBOX_STATUSES
from employer_portal.models.document import DOCUMENT_STATUSES
from employer_portal.openapi_parts import DAY, MOMENT, closed, nullable, ref
from employer_portal.self_audit.conditions import QUESTIONS
from employer_portal.self_audit.service import AT_RISK_KINDS


def _inline(model) -> dict:
    from employer_portal.pathways_hire.openapi_paths import _inline as inline

    schema = model.model_json_schema()
    return inline(schema, schema.get("$defs", {}))


def _op(summary: str, responses: dict, errors: dict, body: dict | None = None, params: list | None = None,
        tag: str = "compliance") -> dict:
    operation = {"summary": summary, "tags": [tag], "responses": {**responses, **errors}}
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if params:
        operation["parameters"] = params
    return operation


def benefits_plan_paths(hire_id_param: dict, problem, json_response, errors: dict) -> dict:
    forbidden = {"403": problem("The token's user is a viewer")}
    not_found = {"404": problem("No such hire for this employer")}
    not_gts = {"409": problem("The hire is not a Global Talent Stream hire (or, for signed_on, still a draft)")}
    plan = plan_schema()
    created = {"201": json_response(plan, "The plan after the change"), **not_found, **forbidden, **not_gts}
    hire = {"parameters": [hire_id_param]}
    return {
        "/hires/{hire_id}/benefits-plan": {
            **hire,
            "get": _op("The GTS hire's Labour Market Benefits Plan: commitments with status, reviews, findings",
                       {"200": json_response(plan, "The plan"), **not_found, **not_gts}, errors, tag="benefits-plan"),
            "post": _op("Record the date the plan was signed (its reviews and reminders follow) and add commitments",
                        created, errors, body=_inline(PlanIn), tag="benefits-plan")},
        "/hires/{hire_id}/benefits-plan/activities": {
            **hire,
            "post": _op("Record an activity against a commitment (evidence: an accepted document of the hire)",
                        created, errors, body=_inline(ActivityIn), tag="benefits-plan")},
        "/hires/{hire_id}/benefits-plan/report.pdf": {
            **hire,
            "get": _op("The one-page progress report for ESDC's review",
                       {"200": {"description": "The PDF", "content": {"application/pdf": {
                           "schema": {"type": "string", "format": "binary"}}}}, **not_found, **not_gts},
                       errors, tag="benefits-plan")},
        **_employer_paths(problem, json_response, errors),
    }


def _employer_paths(problem, json_response, errors: dict) -> dict:
    summary, audit = compliance_schema(), self_audit_schema()
    answers = {"type": "object", "required": ["year", "answers"], "additionalProperties": False, "properties": {
        "year": {"type": "integer", "minimum": 2000, "maximum": 2100},
        "answers": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["item", "answer"], "additionalProperties": False, "properties": {
                "item": {"type": "integer", "enum": sorted(QUESTIONS)},
                "answer": {"type": "string", "enum": list(SELF_AUDIT_ANSWERS)},
                "note": {"type": "string", "maxLength": 2000},
                "document_id": {"type": ["integer", "null"], "description": "an accepted document of the employer"}}}}}}
    year = {"name": "year", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 2000,
                                                                           "maximum": 2100},
            "description": "the year (this year by default)"}
    return {
        "/employer/compliance": {"get": _op(
            "What is at risk: missed or at-risk LMBP commitments, overdue deadlines, changes to the terms, "
            "self-audit items unanswered or answered no; each with a link",
            {"200": json_response(summary, "The summary")}, errors)},
        "/employer/self-audit": {
            "get": _op("The yearly self-audit of the IRPR Schedule 2 conditions, with what a violation costs",
                       {"200": json_response(audit, "The checklist and answers")}, errors, params=[year]),
            "post": _op("Answer conditions for a year (yes, no or na, with a note or an accepted document)",
                        {"200": json_response(audit, "The checklist and answers"),
                         "403": problem("The token's user is a viewer")}, errors, body=answers)},
    }


def plan_schema() -> dict:
    """The plan of benefits_plan.service.plan_view."""
    document = closed({"id": {"type": "integer"}, "original_name": {"type": "string"},
                       "item_key": {"type": "string"}, "status": {"type": "string", "enum": list(DOCUMENT_STATUSES)}})
    activity = closed({"id": {"type": "integer"}, "occurred_on": DAY, "progress": {"type": "number"},
                       "description": {"type": "string"},
                       "document": {**nullable(document), "description": "the evidence, if any"}})
    commitment = closed({
        "id": {"type": "integer"}, "benefit": {"type": "string", "enum": list(LMBP_BENEFITS)},
        "benefit_label": {"type": "string"}, "mandatory": {"type": "boolean"}, "description": {"type": "string"},
        "target": {"type": "number"}, "unit": {"type": "string"}, "start_date": nullable(DAY), "due_date": DAY,
        "achieved": {"type": "number", "description": "the activities' progress up to as_of"},
        "percent": {"type": "integer", "minimum": 0, "maximum": 100},
        "status": {"type": "string", "enum": list(COMMITMENT_STATUSES),
                   "description": "missed: its due date (or a review on or after it) passed short of the target"},
        "status_label": {"type": "string"}, "reason": {"type": "string"},
        "activities": {"type": "array", "items": activity}})
    reminder = closed({"lead_days": {"type": "integer"}, "send_on": DAY,
                       "status": {"type": "string", "enum": [s for s in OUTBOX_STATUSES if s != "cancelled"],
                                  "description": "cancelled reminders are left out"},
                       "recipient": {"type": "string"}})
    review = closed({"key": {"type": "string", "description": "lmbp_review:N"}, "title": {"type": "string"},
                     "due_date": DAY, "deadline_id": {"type": "integer"},
                     "passed": {"type": "boolean", "description": "its due date is before as_of"},
                     "done": {"type": "boolean"}, "reminders": {"type": "array", "items": reminder}})
    return closed({
        "hire_id": {"type": "integer"}, "program": {"type": "string", "enum": list(GTS_PROGRAMS)}, "as_of": DAY,
        "signed_on": {**nullable(DAY), "description": "the hire's recorded dates.lmbp_signed_on"},
        "reviews": {"type": "array", "items": review,
                    "description": "the deadlines lmbp_review:N (about a year after signing, then yearly) with "
                                   "their reminders"},
        "commitments": {"type": "array", "items": commitment},
        "plan_findings": {"type": "array", "items": {"type": "string"},
                          "description": "what the plan lacks (mandatory benefit, 2 complementary)"},
        "source": {"type": "string"}})


def compliance_schema() -> dict:
    """The summary of self_audit.service.compliance_summary."""
    entry = closed({
        "kind": {"type": "string", "enum": list(AT_RISK_KINDS)},
        "severity": {"type": "string", "enum": ["high", "medium", "low"]}, "title": {"type": "string"},
        "detail": {"type": "string"}, "hire_id": nullable({"type": "integer"}),
        "worker_name": {**nullable({"type": "string"}), "description": "on the entries of a hire"},
        "items": {"type": "array", "items": {"type": "integer"},
                  "description": "self_audit_unanswered: the Schedule 2 items not answered yet"},
        "href": {"type": "string", "description": "the page that shows it"},
        "api_href": {"type": "string", "description": "the API resource that shows it"}},
        required=["kind", "severity", "title", "detail", "hire_id", "href", "api_href"])
    return closed({
        "as_of": DAY, "business_size": business_size_schema(),
        "counts": {"type": "object", "propertyNames": {"enum": list(AT_RISK_KINDS)},
                   "additionalProperties": {"type": "integer"}, "description": "kind -> entries at risk"},
        "at_risk": {"type": "array", "items": entry},
        "self_audit": closed({"year": {"type": "integer"}, "answered": {"type": "integer"},
                              "total": {"type": "integer", "description": "the conditions that apply"},
                              "href": {"type": "string"}, "api_href": {"type": "string"}})})


def self_audit_schema() -> dict:
    """The checklist and answers of self_audit.service.audit_view."""
    items = {"type": "array", "items": {"type": "integer", "enum": sorted(QUESTIONS)}}
    item = closed({
        "item": {"type": "integer", "enum": sorted(QUESTIONS), "description": "IRPR Schedule 2 item"},
        "provision": {"type": "string"}, "condition": {"type": "string"}, "question": {"type": "string"},
        "violation_type": {"type": "string", "enum": ["A", "B", "C"]},
        "applies_to": {"type": "string", "description": "the schedule's wording: both, TFWP … or IMP …"},
        "applies": {"type": "boolean"},
        "violation": {**ref("Violation"), "description": "penalty range and ban for the employer's size"},
        "answer": nullable({"type": "string", "enum": list(SELF_AUDIT_ANSWERS)}), "note": {"type": "string"},
        "document": nullable(closed({"id": {"type": "integer"}, "original_name": {"type": "string"},
                                     "hire_id": {"type": "integer"}})),
        "answered_by": {**nullable({"type": "string"}), "description": "email"},
        "answered_at": nullable(MOMENT)})
    return closed({
        "year": {"type": "integer"}, "business_size": business_size_schema(),
        "business_size_known": {"type": "boolean"}, "items": {"type": "array", "items": item},
        "total": {"type": "integer", "description": "the conditions that apply"}, "answered": {"type": "integer"},
        "unanswered": {**items, "description": "the items that apply and have no answer"},
        "not_complied": {**items, "description": "the items answered no"}, "source": {"type": "string"}})

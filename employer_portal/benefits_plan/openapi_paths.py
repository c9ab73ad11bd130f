"""OpenAPI descriptions of the LMBP tracker, the self-audit and the employer compliance summary (merged by
api/openapi_spec.py; its helpers are passed in so both stay one format). No Flask here."""
from __future__ import annotations

from employer_portal.benefits_plan.service import ActivityIn, PlanIn
from employer_portal.models.benefits_plan import SELF_AUDIT_ANSWERS
from employer_portal.self_audit.conditions import QUESTIONS


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
    commitment = {"type": "object", "properties": {
        "id": {"type": "integer"}, "benefit": {"type": "string"}, "benefit_label": {"type": "string"},
        "mandatory": {"type": "boolean"}, "description": {"type": "string"}, "target": {"type": "number"},
        "unit": {"type": "string"}, "start_date": {"type": ["string", "null"], "format": "date"},
        "due_date": {"type": "string", "format": "date"}, "achieved": {"type": "number"},
        "percent": {"type": "integer"},
        "status": {"type": "string", "enum": ["met", "on_track", "at_risk", "missed"],
                   "description": "missed: its due date (or a review on or after it) passed short of the target"},
        "status_label": {"type": "string"}, "reason": {"type": "string"},
        "activities": {"type": "array", "items": {"type": "object"}}}}
    plan = {"type": "object", "required": ["hire_id", "signed_on", "reviews", "commitments", "plan_findings"],
            "properties": {
                "hire_id": {"type": "integer"}, "program": {"type": "string"},
                "as_of": {"type": "string", "format": "date"},
                "signed_on": {"type": ["string", "null"], "format": "date",
                              "description": "the hire's recorded dates.lmbp_signed_on"},
                "reviews": {"type": "array", "description": "the deadlines lmbp_review:N (about a year after "
                                                            "signing, then yearly) with their reminders",
                            "items": {"type": "object"}},
                "commitments": {"type": "array", "items": commitment},
                "plan_findings": {"type": "array", "items": {"type": "string"},
                                  "description": "what the plan lacks (mandatory benefit, 2 complementary)"},
                "source": {"type": "string"}}}
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
    entry = {"type": "object", "properties": {
        "kind": {"type": "string", "enum": ["lmbp_commitment_missed", "lmbp_commitment_at_risk", "deadline_overdue",
                                            "terms_change", "self_audit_unanswered", "self_audit_no"]},
        "severity": {"type": "string", "enum": ["high", "medium", "low"]}, "title": {"type": "string"},
        "detail": {"type": "string"}, "hire_id": {"type": ["integer", "null"]},
        "items": {"type": "array", "items": {"type": "integer"},
                  "description": "self_audit_unanswered: the Schedule 2 items not answered yet"},
        "href": {"type": "string", "description": "the page that shows it"},
        "api_href": {"type": "string", "description": "the API resource that shows it"}}}
    summary = {"type": "object", "required": ["as_of", "at_risk", "counts", "self_audit"], "properties": {
        "as_of": {"type": "string", "format": "date"}, "business_size": {"type": ["string", "null"]},
        "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
        "at_risk": {"type": "array", "items": entry}, "self_audit": {"type": "object"}}}
    item = {"type": "object", "properties": {
        "item": {"type": "integer", "description": "IRPR Schedule 2 item"}, "provision": {"type": "string"},
        "condition": {"type": "string"}, "question": {"type": "string"},
        "violation_type": {"type": "string", "enum": ["A", "B", "C"]}, "applies": {"type": "boolean"},
        "violation": {"type": "object", "description": "penalty range and ban for the employer's size"},
        "answer": {"type": ["string", "null"], "enum": [*SELF_AUDIT_ANSWERS, None]}, "note": {"type": "string"},
        "document": {"type": ["object", "null"]}}}
    audit = {"type": "object", "required": ["year", "items"], "properties": {
        "year": {"type": "integer"}, "business_size": {"type": ["string", "null"]},
        "items": {"type": "array", "items": item}, "total": {"type": "integer"}, "answered": {"type": "integer"},
        "unanswered": {"type": "array", "items": {"type": "integer"}},
        "not_complied": {"type": "array", "items": {"type": "integer"}}}}
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

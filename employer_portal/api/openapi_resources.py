"""The resources the API answers with, field by field (merged into the document by api/openapi_spec.py).

Each schema lists every field its representation writes (api/hires.py hire_json, api/checklists.py,
reminders/views_data.py, api/accounts.py …) and closes the object (`additionalProperties: false`),
so a field added to a representation without its description fails the contract tests and
schemathesis' response-schema check. Moments are `format: date-time` with a UTC offset
(employer_portal.timestamps.utc_iso); days are `format: date`. Pure: no Flask.
"""
from __future__ import annotations

from employer_portal.compliance.report import SEVERITIES
from employer_portal.deadlines.status import DEADLINE_STATUSES
from employer_portal.models.checklist import BUILD_STATUSES, ITEM_STATUSES
from employer_portal.models.hire import HIRE_STATUSES
from employer_portal.openapi_parts import DAY, MOMENT, closed, nullable, ref
from employer_portal.schemas.hire import PROGRAMS


def _report_schemas() -> dict:
    return {
        "Finding": closed({
            "code": ref("FindingCode"), "severity": {"type": "string", "enum": list(SEVERITIES)},
            "field": {"type": "string"}, "message": {"type": "string"}, "source": {"type": "string"}}),
        "Lmia": closed({"required": {"type": "boolean"},
                        "exemption_code": nullable({"type": "string", "enum": ["C61", "C62", "C63", "T36"]})}),
        "Report": closed({
            "program": {**nullable({"type": "string", "enum": list(PROGRAMS)}),
                        "description": "null only in the report of a stored draft with no route yet"},
            "eligible": {"type": "boolean", "description": "true exactly when no finding is a blocker"},
            "complete": {"type": "boolean",
                         "description": "false while a field the route needs is missing (HIRE_INCOMPLETE "
                                        "findings): the route needs information, it is not refused"},
            "lmia": {**nullable(ref("Lmia")), "description": "null only while the draft has no route"},
            "findings": {"type": "array", "items": ref("Finding")},
            "prevailing_wage": nullable(ref("PrevailingWage")),
            "versions": closed({
                "rules": {"type": "string"},
                "reference_data": {"type": "string", "description": "every reference-data set version used, "
                                                                    "e.g. \"noc-2021-v1.0; …; jobbank-2025-11-19\""},
                "reference_data_sets": {"type": "object", "additionalProperties": {"type": "string"},
                                        "description": "set name -> version"}},
                required=["rules", "reference_data"]),
        }, description="The compliance report of API.md (with Amendments 2026-12's `complete`)."),
    }


def _hire_schemas() -> dict:
    return {
        "HrOwner": closed({"id": {"type": "integer"}, "email": {"type": "string"},
                           "name": nullable({"type": "string"})}),
        "Hire": closed({
            "id": {"type": "integer"},
            "status": {"type": "string", "enum": list(HIRE_STATUSES)},
            "program": nullable({"type": "string", "enum": list(PROGRAMS)}),
            "hr_owner": nullable(ref("HrOwner")),
            "created_at": MOMENT, "updated_at": MOMENT, "submitted_at": nullable(MOMENT),
            "approved_on": nullable(DAY),
            "version": {"type": "integer", "minimum": 0,
                        "description": "moves on with every saved change; the ETag is made from it"},
            "hire": {**ref("HirePayload"),
                     "description": "the payload as stored (filing, ICT periods and stays, CUSMA credential …); "
                                    "in lists the passport number is masked to its last 3 characters"},
            "report": {**nullable(ref("Report")), "description": "the latest report (for a draft with no route yet "
                                                                 "program and lmia are null, complete is false)"},
            "frozen_report": {**nullable(ref("Report")), "description": "the report frozen at submission"},
        }),
        "HireList": closed({"items": {"type": "array", "items": ref("Hire")}, "page": {"type": "integer"},
                            "per_page": {"type": "integer"}, "total": {"type": "integer"}}),
    }


def _checklist_schemas() -> dict:
    build_status = {"type": "string", "enum": list(BUILD_STATUSES)}
    return {
        "ChecklistItem": closed({
            "key": {"type": "string"}, "title": {"type": "string"}, "section": {"type": "string"},
            "provider": {"type": "string", "description": "who provides the document (employer, worker …)"},
            "why": {"type": "string"}, "rule": {"type": "string"}, "source": {"type": "string"},
            "due": nullable({"type": "string"}), "status": {"type": "string", "enum": list(ITEM_STATUSES)},
            "waiver_reason": nullable({"type": "string"}), "updated_at": nullable(MOMENT),
            "updated_by": nullable({"type": "integer", "description": "the user id"})}),
        "ChecklistBuild": closed({
            "id": {"type": "integer"}, "status": build_status,
            "failure_reason": {**nullable({"type": "string"}), "description": "when failed"},
            "pages": {**nullable({"type": "integer"}), "description": "when ready"},
            "size": {**nullable({"type": "integer"}), "description": "bytes of the PDF, when ready"},
            "finished_at": {**nullable(MOMENT), "description": "when ready"},
            "up_to_date": {"type": "boolean", "description": "built from the hire as it is now"}},
            required=["id", "status", "up_to_date"]),
        "ChecklistPdf": closed({
            "status": {**nullable(build_status), "description": "the latest build's; null before any build"},
            "job": nullable(ref("ChecklistBuild")),
            "downloadable": {"type": "boolean", "description": "a ready PDF matches the hire as it is now"},
            "url": {**nullable({"type": "string"}), "description": "GET it for the PDF, when downloadable"}}),
        "Checklist": closed({"hire_id": {"type": "integer"}, "items": {"type": "array", "items": ref("ChecklistItem")},
                             "pdf": ref("ChecklistPdf")}),
        "ChecklistJob": closed({"job": closed({"id": {"type": "integer"}, "status": build_status})}),
    }


def _deadline_schemas() -> dict:
    return {
        "Reminder": closed({
            "id": {"type": "integer"}, "purpose": {"type": "string"}, "lead_days": {"type": "integer"},
            "recipient": {"type": "string"}, "send_on": DAY,
            "status": {"type": "string", "enum": ["pending", "sending", "sent", "failed"],
                       "description": "cancelled reminders are left out"},
            "attempts": {"type": "integer"},
            "next_attempt_at": {**nullable(MOMENT), "description": "while pending"},
            "sent_at": nullable(MOMENT), "message_id": nullable({"type": "string"}),
            "last_error": {**nullable({"type": "string"}), "description": "why the last try failed"}}),
        "Violation": closed({
            "type": {"type": "string", "enum": ["A", "B", "C"]},
            "schedule2_items": {"type": "array", "items": {"type": "integer"}},
            "conditions": {"type": "array", "items": {"type": "string"}},
            "penalty_min": {"type": "integer"}, "penalty_max": {"type": "integer"},
            "ban_min": {"type": "string"}, "ban_max": {"type": "string"}, "text": {"type": "string"},
            "source": {"type": "string"}, "business_size": nullable({"type": "string", "enum": ["small", "large"]}),
            "range_text": {"type": "string"}},
            description="IRPR Schedule 2: the type and penalty range of missing the duty"),
        "Deadline": closed({
            "id": {"type": "integer"}, "hire_id": {"type": "integer"}, "key": {"type": "string"},
            "kind": {"type": "string"}, "title": {"type": "string"},
            "due_date": {**DAY, "description": "same as due_on (kept)"},
            "due_on": {**DAY, "description": "the last day to act"},
            "status": {"type": "string", "enum": list(DEADLINE_STATUSES),
                       "description": "done: marked done; overdue: not done and due_on has passed; due: not done "
                                      "and due within 7 days; upcoming: due later (as of the server's today)"},
            "done_at": nullable(MOMENT),
            "done_by": {**nullable({"type": "string"}), "description": "email of the user who marked it done"},
            "done_note": nullable({"type": "string"}), "rule_id": {"type": "string"}, "why": {"type": "string"},
            "source": {"type": "string"}, "counts_business_days": {"type": "boolean"},
            "province": nullable({"type": "string"}), "estimated": {"type": "boolean"}, "active": {"type": "boolean"},
            "origin": {"type": "string"}, "reminders": {"type": "array", "items": ref("Reminder")},
            "violation": {**nullable(ref("Violation")), "description": "null where missing it is not an AMP "
                                                                       "violation"}}),
        "Deadlines": closed({"hire_id": {"type": "integer", "description": "only on a hire's deadlines"},
                             "deadlines": {"type": "array", "items": ref("Deadline")}}, required=["deadlines"]),
    }


def _account_schemas() -> dict:
    return {
        "User": closed({"id": {"type": "integer"}, "email": {"type": "string"},
                        "full_name": nullable({"type": "string"}),
                        "role": {"type": "string", "enum": ["admin", "hr", "viewer"]}, "active": {"type": "boolean"},
                        "created_at": MOMENT}),
        "UserList": closed({"items": {"type": "array", "items": ref("User")}}),
        "Token": closed({"id": {"type": "integer"}, "name": {"type": "string"},
                         "prefix": {"type": "string", "description": "tells tokens apart; the secret is never "
                                                                     "returned"},
                         "user_id": {"type": "integer"}, "created_at": MOMENT, "last_used_at": nullable(MOMENT),
                         "revoked_at": nullable(MOMENT)}),
        "TokenList": closed({"items": {"type": "array", "items": ref("Token")}}),
    }


def resource_schemas() -> dict:
    """The closed schemas of the API's resources, by component name."""
    return {**_report_schemas(), **_hire_schemas(), **_checklist_schemas(), **_deadline_schemas(),
            **_account_schemas()}

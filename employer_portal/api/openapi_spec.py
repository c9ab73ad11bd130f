"""The OpenAPI 3.1 description of /api/v1, built from API.md and the shared pydantic schema.

`build_openapi() -> dict` (cached): the hire payload schemas come from
`HirePayload.model_json_schema()`, so the document cannot drift from what the API
validates; the report, finding, problem and reference schemas are written here from
API.md. Pure: no Flask.
"""
from __future__ import annotations

import copy
import functools

from employer_portal.compliance.report import SEVERITIES
from employer_portal.schemas.dates import HireDates
from employer_portal.schemas.hire import PROGRAMS, PROVINCES, HirePayload
from employer_portal.models.hire import HIRE_STATUSES

API_VERSION = "1.0.0"
_REF = "#/components/schemas/{model}"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _problem(description: str) -> dict:
    return {"description": description, "content": {"application/problem+json": {"schema": _ref("Problem")}}}


_ERRORS = {
    "401": _problem("No token, or a token that is not valid"),
    "422": _problem("Invalid input: every bad field named with its dotted path"),
}
_NOT_FOUND = {"404": _problem("No such resource for this employer")}
_EDIT = {"403": _problem("The token's user is a viewer"), "409": _problem("Not allowed in the hire's status")}


def _hand_written_schemas() -> dict:
    string_or_null = _nullable({"type": "string"})
    return {
        "Problem": {
            "type": "object", "required": ["type", "title", "status"],
            "properties": {
                "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                "detail": {"type": "string"},
                "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                           "description": "dotted field path -> messages, e.g. position.wage.amount"},
                "report": _ref("Report"),
            },
        },
        "Finding": {
            "type": "object", "required": ["code", "severity", "field", "message", "source"],
            "properties": {
                "code": {"type": "string", "examples": ["ICT_EMPLOYMENT_TOO_SHORT"]},
                "severity": {"type": "string", "enum": list(SEVERITIES)},
                "field": {"type": "string"}, "message": {"type": "string"}, "source": {"type": "string"},
            },
        },
        "Lmia": {
            "type": "object", "required": ["required", "exemption_code"],
            "properties": {"required": {"type": "boolean"},
                           "exemption_code": _nullable({"type": "string", "enum": ["C61", "C62", "C63", "T36"]})},
        },
        "PrevailingWage": {
            "type": "object", "required": ["hourly", "level", "area", "noc_code", "reference_period", "data_version"],
            "properties": {
                "hourly": {"type": "number"},
                "level": {"type": "string", "enum": ["economic_region", "province", "national"]},
                "area": {"type": "string"}, "noc_code": {"type": "string"},
                "reference_period": {"type": "string"}, "data_version": {"type": "string"},
            },
        },
        "Report": {
            "type": "object", "required": ["program", "eligible", "lmia", "findings", "prevailing_wage", "versions"],
            "properties": {
                "program": {"type": "string", "enum": list(PROGRAMS)},
                "eligible": {"type": "boolean", "description": "true exactly when no finding is a blocker"},
                "lmia": _ref("Lmia"),
                "findings": {"type": "array", "items": _ref("Finding")},
                "prevailing_wage": _nullable(_ref("PrevailingWage")),
                "versions": {"type": "object", "required": ["rules", "reference_data"],
                             "properties": {"rules": {"type": "string"}, "reference_data": {}}},
            },
        },
        "RouteFinder": {
            "type": "object", "required": ["routes"],
            "properties": {"routes": {"type": "array", "items": _ref("Report"), "minItems": 4, "maxItems": 4,
                                      "description": "eligible routes first, then by fewest blockers"}},
        },
        "Hire": {
            "type": "object", "required": ["id", "status"],
            "properties": {
                "id": {"type": "integer"}, "status": {"type": "string", "enum": list(HIRE_STATUSES)},
                "program": _nullable({"type": "string", "enum": list(PROGRAMS)}),
            },
            "additionalProperties": True,
        },
        "HireList": {
            "type": "object", "required": ["items", "page", "per_page", "total"],
            "properties": {"items": {"type": "array", "items": _ref("Hire")}, "page": {"type": "integer"},
                           "per_page": {"type": "integer"}, "total": {"type": "integer"}},
        },
        "StatusChange": {
            "type": "object", "required": ["status"],
            "properties": {"status": {"type": "string", "enum": list(HIRE_STATUSES)},
                           "approved_on": {"type": "string", "format": "date"}},
        },
        "ChecklistJob": {
            "type": "object", "required": ["job"],
            "properties": {"job": {"type": "object", "required": ["id", "status"],
                                   "properties": {"id": {}, "status": {"type": "string"}}}},
        },
        "ChecklistItemChange": {
            "type": "object", "required": ["status"],
            "properties": {"status": {"type": "string", "enum": ["missing", "received", "waived", "not_applicable"]},
                           "reason": {"type": ["string", "null"], "maxLength": 1000,
                                      "description": "required when status is waived"}},
        },
        "ChecklistItem": {"type": "object", "additionalProperties": True,
                          "properties": {"key": {"type": "string"}, "title": {"type": "string"},
                                         "status": {"type": "string"}, "provider": {"type": "string"}}},
        "HireDatesRecorded": {"type": "object", "additionalProperties": True,
                              "properties": {"hire_id": {"type": "integer"}, "dates": _ref("HireDates"),
                                             "deadlines": {"type": "array", "items": {"type": "object"}}}},
        "User": {"type": "object", "properties": {
            "id": {"type": "integer"}, "email": {"type": "string"}, "full_name": {"type": ["string", "null"]},
            "role": {"type": "string", "enum": ["admin", "hr", "viewer"]}, "active": {"type": "boolean"},
            "created_at": {"type": "string", "format": "date-time"}}},
        "Token": {"type": "object", "description": "an API token's metadata; the secret is never returned",
                  "properties": {
                      "id": {"type": "integer"}, "name": {"type": "string"}, "prefix": {"type": "string"},
                      "user_id": {"type": "integer"}, "created_at": {"type": "string", "format": "date-time"},
                      "last_used_at": {"type": ["string", "null"], "format": "date-time"},
                      "revoked_at": {"type": ["string", "null"], "format": "date-time"}}},
        "Checklist": {
            "type": "object",
            "properties": {"items": {"type": "array", "items": {"type": "object"}},
                           "status": {"type": "string", "enum": ["queued", "building", "ready", "failed"]}},
            "additionalProperties": True,
        },
        "Deadlines": {"type": "object", "additionalProperties": True,
                      "description": "deadlines with their reminders"},
        "Health": {
            "type": "object", "required": ["status", "database", "broker"],
            "properties": {"status": {"type": "string"}, "database": {"type": "string"}, "broker": {"type": "string"}},
        },
        "SetVersion": {
            "type": "object", "required": ["set", "version", "source"],
            "properties": {"set": {"type": "string"}, "version": string_or_null, "source": string_or_null,
                           "published": _nullable({"type": "string", "format": "date"})},
        },
        "Occupations": {"allOf": [_ref("SetVersion"), {"type": "object", "required": ["occupations"], "properties": {
            "list_version": {"type": "string"},
            "occupations": {"type": "array", "items": {"type": "object", "properties": {
                "noc_code": {"type": "string"}, "title": {"type": "string"}, "subset_only": {"type": "boolean"},
                "subset_condition": string_or_null, "hourly_floor": _nullable({"type": "number"}),
                "annual_floor_illustrative": _nullable({"type": "number"})}}}}}]},
        "ReferralPartners": {"allOf": [_ref("SetVersion"), {"type": "object", "required": ["partners"], "properties": {
            "partners": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "region": {"type": "string"},
                "provinces": {"type": "array", "items": {"type": "string"}}}}}}}]},
        "CusmaProfessions": {"allOf": [_ref("SetVersion"), {"type": "object", "required": ["professions"], "properties": {
            "professions": {"type": "array", "items": {"type": "object", "properties": {
                "key": {"type": "string"}, "profession": {"type": "string"}, "requirement": {"type": "string"},
                "licence_accepted": {"type": "boolean"}}}}}}]},
        "Wages": {"allOf": [_ref("SetVersion"), {"type": "object", "required": ["figures", "prevailing_wage"], "properties": {
            "noc_code": {"type": "string"}, "province": string_or_null, "economic_region": string_or_null,
            "figures": {"type": "array", "items": {"type": "object", "properties": {
                "level": {"type": "string"}, "area": {"type": "string"}, "area_name": {"type": "string"},
                "low": _nullable({"type": "number"}), "median": _nullable({"type": "number"}),
                "high": _nullable({"type": "number"}), "annual": {"type": "boolean"},
                "reference_period": {"type": "string"}}}},
            "prevailing_wage": _nullable(_ref("PrevailingWage"))}}]},
        "NocSearch": {"allOf": [_ref("SetVersion"), {"type": "object", "required": ["results"], "properties": {
            "query": {"type": "string"},
            "results": {"type": "array", "items": {"type": "object", "properties": {
                "code": {"type": "string"}, "title": {"type": "string"}, "teer": {"type": "integer"},
                "example": string_or_null}}}}}]},
    }


def _hire_id() -> dict:
    return {"name": "hire_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}


def _query(name: str, schema: dict, description: str = "", required: bool = False) -> dict:
    return {"name": name, "in": "query", "required": required, "schema": schema, "description": description}


def _op(summary: str, responses: dict, *, tag: str, body: dict | None = None, params: list | None = None,
        public: bool = False) -> dict:
    operation = {"summary": summary, "tags": [tag], "responses": {**responses, **({} if public else _ERRORS)}}
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if params:
        operation["parameters"] = params
    if public:
        operation["security"] = []
    return operation


def _paths() -> dict:
    hire = {"parameters": [_hire_id()]}
    return {
        "/health": {"get": _op("Database and broker health (no token)", {
            "200": _json(_ref("Health"), "Healthy"), "503": _json(_ref("Health"), "Degraded")}, tag="health", public=True)},
        "/openapi.json": {"get": _op("This document (no token)", {"200": _json({"type": "object"}, "OpenAPI 3.1")},
                                     tag="health", public=True)},
        "/checks": {"post": _op(
            "Check a hire without storing it; without `program`, compare the four routes (route finder)",
            {"200": _json({"oneOf": [_ref("Report"), _ref("RouteFinder")]}, "The report, or the routes")},
            tag="checks", body=_ref("HirePayload"))},
        "/hires": {
            "post": _op("Create a draft (partial payloads allowed)", {
                "201": _json(_ref("Hire"), "Created; Location names it"), "403": _EDIT["403"]},
                tag="hires", body=_ref("HirePayload")),
            "get": _op("The employer's hires, newest first", {"200": _json(_ref("HireList"), "A page of hires")},
                       tag="hires", params=[
                           _query("status", {"type": "string", "enum": list(HIRE_STATUSES)}),
                           _query("program", {"type": "string", "enum": list(PROGRAMS)}),
                           _query("page", {"type": "integer", "minimum": 1}),
                           _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100})]),
        },
        "/hires/{hire_id}": {
            **hire,
            "get": _op("One hire", {"200": _json(_ref("Hire"), "The hire"), **_NOT_FOUND}, tag="hires"),
            "patch": _op("Update a draft", {"200": _json(_ref("Hire"), "Updated"), **_NOT_FOUND, **_EDIT},
                         tag="hires", body=_ref("HirePayload")),
            "delete": _op("Delete a draft", {"204": {"description": "Deleted"}, **_NOT_FOUND, **_EDIT}, tag="hires"),
        },
        "/hires/{hire_id}/report": {**hire, "get": _op(
            "The latest compliance report of the hire", {"200": _json(_ref("Report"), "The report"), **_NOT_FOUND},
            tag="hires")},
        "/hires/{hire_id}/submit": {**hire, "post": _op(
            "Submit a draft with no blocker (409 with the report otherwise)",
            {"200": _json(_ref("Hire"), "Submitted"), **_NOT_FOUND, **_EDIT}, tag="hires")},
        "/hires/{hire_id}/status": {**hire, "post": _op(
            "Change the status of a submitted hire", {"200": _json(_ref("Hire"), "Changed"), **_NOT_FOUND, **_EDIT},
            tag="hires", body=_ref("StatusChange"))},
        "/hires/{hire_id}/checklist": {
            **hire,
            "post": _op("Queue the checklist build", {"202": _json(_ref("ChecklistJob"), "Queued"), **_NOT_FOUND,
                                                       "403": _EDIT["403"]}, tag="checklists"),
            "get": _op("The checklist items and the PDF's status", {"200": _json(_ref("Checklist"), "The checklist"),
                                                                    **_NOT_FOUND}, tag="checklists"),
        },
        "/hires/{hire_id}/checklist/items/{key}": {
            **hire,
            "patch": _op("Record one checklist item's status (a waiver needs a reason)",
                         {"200": _json(_ref("ChecklistItem"), "The item"), **_NOT_FOUND, **_EDIT},
                         tag="checklists", body=_ref("ChecklistItemChange"),
                         params=[{"name": "key", "in": "path", "required": True,
                                  "schema": {"type": "string", "maxLength": 100}}]),
        },
        "/hires/{hire_id}/dates": {**hire, "put": _op(
            "Record the dates known after submission (LMIA, offer number, permit, first day …); deadlines follow",
            {"200": _json(_ref("HireDatesRecorded"), "The dates and the hire's deadlines"), **_NOT_FOUND, **_EDIT},
            tag="deadlines", body=_ref("HireDates"))},
        "/users": {"get": _op("The employer's users", {"200": _json(
            {"type": "object", "properties": {"items": {"type": "array", "items": _ref("User")}}}, "Users")},
            tag="accounts")},
        "/users/{user_id}": {
            "parameters": [{"name": "user_id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}],
            "get": _op("One user of the employer", {"200": _json(_ref("User"), "The user"), **_NOT_FOUND},
                       tag="accounts")},
        "/tokens": {"get": _op("Your API tokens (all of the employer's for admins)", {"200": _json(
            {"type": "object", "properties": {"items": {"type": "array", "items": _ref("Token")}}}, "Tokens")},
            tag="accounts")},
        "/tokens/{token_id}": {
            "parameters": [{"name": "token_id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}],
            "get": _op("One API token (metadata only)", {"200": _json(_ref("Token"), "The token"), **_NOT_FOUND},
                       tag="accounts"),
            "delete": _op("Revoke an API token", {"204": {"description": "Revoked"}, **_NOT_FOUND}, tag="accounts")},
        "/hires/{hire_id}/checklist.pdf": {**hire, "get": _op("The checklist PDF when ready", {
            "200": {"description": "The PDF", "content": {"application/pdf": {"schema": {"type": "string",
                                                                                        "format": "binary"}}}},
            **_NOT_FOUND, "409": _problem("Not built yet or out of date")}, tag="checklists")},
        "/hires/{hire_id}/deadlines": {**hire, "get": _op(
            "The hire's deadlines with their reminders", {"200": _json(_ref("Deadlines"), "Deadlines"), **_NOT_FOUND},
            tag="deadlines")},
        "/deadlines": {"get": _op("The employer's deadlines before a date", {"200": _json(_ref("Deadlines"), "Deadlines")},
                                  tag="deadlines", params=[_query("before", {"type": "string", "format": "date"})])},
        "/reference/occupations": {"get": _op("The Global Talent Occupations List in force",
                                              {"200": _json(_ref("Occupations"), "The list")}, tag="reference")},
        "/reference/referral-partners": {"get": _op("The designated GTS referral partners in force",
                                                    {"200": _json(_ref("ReferralPartners"), "The partners")},
                                                    tag="reference")},
        "/reference/cusma-professions": {"get": _op("The 63 CUSMA professions and their keys",
                                                    {"200": _json(_ref("CusmaProfessions"), "The professions")},
                                                    tag="reference")},
        "/reference/wages": {"get": _op(
            "Job Bank figures in force for a NOC where the job is, and the prevailing wage chosen",
            {"200": _json(_ref("Wages"), "Figures and prevailing wage")}, tag="reference", params=[
                _query("noc", {"type": "string"}, "NOC 2021 code, 5 digits", required=True),
                _query("province", {"type": "string", "enum": list(PROVINCES)}),
                _query("economic_region", {"type": "string"}, "Job Bank ER code, e.g. ER3510")])},
        "/reference/noc": {"get": _op(
            "NOC picker: unit groups matching a job title", {"200": _json(_ref("NocSearch"), "Matches, best first")},
            tag="reference", params=[_query("q", {"type": "string"}, "job title words or code digits"),
                                     _query("limit", {"type": "integer", "minimum": 1, "maximum": 50})])},
    }


@functools.lru_cache(maxsize=1)
def _document() -> dict:
    payload_schema = HirePayload.model_json_schema(ref_template=_REF)
    schemas = payload_schema.pop("$defs", {})
    schemas["HirePayload"] = payload_schema
    dates_schema = HireDates.model_json_schema(ref_template=_REF)
    schemas.update(dates_schema.pop("$defs", {}))
    schemas["HireDates"] = dates_schema
    schemas.update(_hand_written_schemas())
    return {
        "openapi": "3.1.0",
        "info": {"title": "Employer Portal API", "version": API_VERSION,
                 "description": "Compliance checks, hires and their work for Canadian tech hiring "
                                "(GTS Category A/B, ICT, CUSMA Professionals). Errors are application/problem+json."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "paths": _paths(),
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                               "description": "a token from `flask tokens create` or the settings page"}},
        },
    }


def build_openapi() -> dict:
    """The OpenAPI 3.1 document of /api/v1 (a fresh copy; the cached one stays intact)."""
    return copy.deepcopy(_document())

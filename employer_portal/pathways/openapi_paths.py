"""OpenAPI description of POST /pathways (merged by api/openapi_spec.py). No Flask here."""
from __future__ import annotations

import json

from employer_portal.schemas.pathways import PathwaysRequest

_REF = "#/components/schemas/{model}"

_LABELLED = {"status": {"type": "string", "enum": ["OFFICIAL-COPY", "SECONDARY", "UNCONFIRMED", "DERIVED"]},
             "label": {"type": "string", "enum": ["rule", "guidance", "verify on the official page"]},
             "source": {"type": "string", "description": "a source id of `sources`"}}


def pathways_schemas() -> dict:
    """PathwaysRequest (from the pydantic model) and its parts, plus the Pathways outlook."""
    request = PathwaysRequest.model_json_schema(ref_template=_REF)
    schemas = request.pop("$defs", {})
    schemas["PathwaysRequest"] = request
    schemas = _prefixed(schemas)
    nullable_int = {"type": ["integer", "null"]}
    schemas["Pathways"] = {
        "type": "object", "required": ["as_of", "crs", "fsw", "cec", "provincial", "timeline", "sources"],
        "description": "The permanent-residence outlook. Facts below OFFICIAL-COPY are labelled 'verify on the "
                       "official page'; dates the project derives are labelled 'guidance'. Nothing promises an "
                       "invitation or a nomination.",
        "properties": {
            "as_of": {"type": "string", "format": "date"},
            "crs": {"type": "object", "required": ["total", "core", "spouse", "transferability", "additional",
                                                   "rules_version"],
                    "properties": {"total": nullable_int, "core": nullable_int, "spouse": nullable_int,
                                   "transferability": nullable_int, "additional": nullable_int,
                                   "rules_version": {"type": ["string", "null"],
                                                     "description": "the CRS grid used, e.g. crs-2025-03-25"},
                                   "breakdown": {"type": ["object", "null"]},
                                   "notes": {"type": "array", "items": {"type": "string"}},
                                   "missing": {"type": "array", "items": {"type": "string"}}}},
            "fsw": {"type": "object", "required": ["points", "eligible", "missing"],
                    "properties": {"points": {"type": "integer"}, "eligible": {"type": "boolean"},
                                   "missing": {"type": "array", "items": {"type": "string"}},
                                   "to_confirm": {"type": "array", "items": {"type": "string"}}}},
            "cec": {"type": "object", "required": ["eligible_from", "language_clb_needed"],
                    "properties": {"eligible_from": {"type": ["string", "null"], "format": "date",
                                                     "description": "the day 1,560 hours (30 a week counted at "
                                                                    "most) of TEER 0-3 work under this hire are "
                                                                    "reached"},
                                   "language_clb_needed": nullable_int,
                                   "invitation": {"type": ["object", "null"],
                                                  "description": "what recent CEC cut-offs suggest: likely, "
                                                                 "possible or unlikely (never a promise)"}}},
            "provincial": {"type": "array", "items": {"type": "object", "required": [
                "key", "name", "status", "status_as_of", "source", "fit"], "properties": {
                "key": {"type": "string"}, "name": {"type": "string"},
                "status": {"type": "string", "enum": ["open", "paused", "closed", "replaced", "not_researched"]},
                "status_as_of": {"type": "string", "format": "date"},
                "fit": {"type": "string", "enum": ["could_fit", "could_fit_verify", "may_not_fit_verify",
                                                   "not_yet", "does_not_fit", "closed", "verify"]},
                "reasons": {"type": "array", "items": {"type": "string"}},
                "employer_must_provide": {"type": "array", "items": {"type": "object"}},
                "verify": {"type": "boolean"}, **_LABELLED}}},
            "timeline": {"type": "array", "items": {"type": "object", "required": ["key", "date", "title", "kind"],
                                                    "properties": {
                "key": {"type": "string"}, "date": {"type": ["string", "null"], "format": "date"},
                "title": {"type": "string"}, "detail": {"type": "string"},
                "kind": {"type": "string", "enum": ["guidance", "rule"]},
                "before_permit_expiry": {"type": ["boolean", "null"]}, **_LABELLED}}},
            "sources": {"type": "array", "items": {"type": "object", "required": ["id", "title", "status"],
                                                   "properties": {
                "id": {"type": "string"}, "title": {"type": "string"}, "url": {"type": ["string", "null"]},
                "status": {"type": "string"}, "page_date": {"type": ["string", "null"]}}}},
        },
    }
    return schemas


def _prefixed(schemas: dict) -> dict:
    """Part names as 'Pathways<Name>' (Job, Permit, Spouse ... would be ambiguous among the API's schemas)."""
    names = [name for name in schemas if not name.startswith("Pathways")]
    text = json.dumps(schemas)
    for name in names:
        text = text.replace(f'"#/components/schemas/{name}"', f'"#/components/schemas/Pathways{name}"')
    renamed = json.loads(text)
    return {(name if name.startswith("Pathways") else f"Pathways{name}"): schema for name, schema in renamed.items()}


def pathways_paths(problem, json_response, errors: dict) -> dict:
    """The path; the helpers of openapi_spec are passed in so both stay one format."""
    return {"/pathways": {"post": {
        "summary": "Permanent-residence outlook for one worker (profile + job + permit in, outlook out; not stored)",
        "tags": ["pathways"],
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": _REF.format(model="PathwaysRequest")}}}},
        "responses": {"200": json_response({"$ref": _REF.format(model="Pathways")}, "The outlook"), **errors},
    }}}

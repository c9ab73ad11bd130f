"""OpenAPI descriptions of the hire's pathways endpoints (merged by api/openapi_spec.py). No Flask here."""
from __future__ import annotations

from employer_portal.openapi_parts import closed, nullable
from employer_portal.pathways.openapi_paths import outlook_properties


def _inline(schema, defs: dict):
    """The schema with every local `#/$defs/X` reference replaced by X itself (the models are not recursive)."""
    if isinstance(schema, dict):
        ref = schema.get("$ref", "")
        if ref.startswith("#/$defs/"):
            return _inline(defs[ref.split("/")[-1]], defs)
        return {k: _inline(v, defs) for k, v in schema.items() if k != "$defs"}
    if isinstance(schema, list):
        return [_inline(v, defs) for v in schema]
    return schema


def candidate_schema() -> dict:
    # The `candidate` of POST /pathways (schemas.pathways.Candidate, registered as PathwaysCandidate), by reference: inlined copies of its parts would be the same models twice
    # (generated clients refuse the duplicate names).
    return {"$ref": "#/components/schemas/PathwaysCandidate", "description": (
        "The candidate profile (the `candidate` of POST /pathways). `age` is used only when the hire has no date "
        "of birth; the hire's own (encrypted) date of birth gives the age otherwise. Stored encrypted; the audit "
        "trail names the fields changed, never their values.")}


def hire_outlook_schema() -> dict:
    """The outlook of a stored hire (service.hire_outlook): POST /pathways' answer plus the hire's own fields."""
    return closed({
        "hire_id": {"type": "integer"}, **outlook_properties(),
        "profile": {**nullable({"$ref": "#/components/schemas/PathwaysCandidate"}),
                    "description": "the stored profile (only the fields entered); null until entered"},
        "missing": {"type": "array", "items": {"type": "string"},
                    "description": "dotted paths of what a full outlook still lacks"},
        "basis": {"type": "array", "items": {"type": "string"},
                  "description": "stand-ins used, e.g. the planned start date before the first day of work is "
                                 "recorded"}},
        description="The outlook of POST /pathways for the stored hire, with `profile`, `missing` and `basis`. "
                    "Timeline items are guidance; each also becomes a deadline `pathway:<key>` with reminders.")


def pathways_setting_schema() -> dict:
    """GET/PUT /settings/pathways, both ways (the PUT refuses any other field)."""
    return closed({"checklist_pdf_section": {"type": "boolean", "description": "checklist PDFs carry the Pathways "
                                                                             "section (default true)"}})


def hire_pathways_paths(hire_id_param: dict, problem, json_response, errors: dict) -> dict:
    """The paths; the helpers of openapi_spec are passed in so both stay one format."""
    outlook = hire_outlook_schema()
    saved = closed({"hire_id": {"type": "integer"},
                    "profile": {"$ref": "#/components/schemas/PathwaysCandidate",
                                "description": "the profile as stored (only the fields entered)"},
                    "outlook": outlook})
    setting = pathways_setting_schema()
    not_found = {"404": problem("No such resource for this employer")}
    viewer = {"403": problem("The token's user is a viewer")}
    return {
        "/hires/{hire_id}/pathways": {"parameters": [hire_id_param], "get": {
            "summary": "The hire's permanent-residence outlook (CRS, FSW, CEC date, provincial options, timeline)",
            "tags": ["pathways"],
            "parameters": [{"name": "as_of", "in": "query", "required": False,
                            "schema": {"type": "string", "format": "date"}, "description": "default today"}],
            "responses": {"200": json_response(outlook, "The outlook"), **not_found, **errors}}},
        "/hires/{hire_id}/pathways/profile": {"parameters": [hire_id_param], "put": {
            "summary": "Replace the hire's candidate profile (editors; audited); the outlook and its guidance "
                       "deadlines follow",
            "tags": ["pathways"],
            "requestBody": {"required": True, "content": {"application/json": {"schema": candidate_schema()}}},
            "responses": {"200": json_response(saved, "The profile and the new outlook"), **not_found, **viewer,
                          **errors}}},
        "/settings/pathways": {
            "get": {"summary": "Whether checklist PDFs carry the Pathways section", "tags": ["settings"],
                    "responses": {"200": json_response(setting, "The setting"), **errors}},
            "put": {"summary": "Turn the checklist PDFs' Pathways section on or off (admins)", "tags": ["settings"],
                    "requestBody": {"required": True, "content": {"application/json": {"schema": setting}}},
                    "responses": {"200": json_response(setting, "The setting"),
                                  "403": problem("Not an admin"), **errors}}},
    }

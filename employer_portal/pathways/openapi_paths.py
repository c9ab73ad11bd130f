"""OpenAPI description of POST /pathways (merged by api/openapi_spec.py). No Flask here.

The outlook is described field by field as `employer_portal.pathways.outlook` and its parts (crs.py, fsw.py,
cec.py, provincial.py, timeline.py) write it, every object closed. The hire's outlook
(pathways_hire/openapi_paths.py) is the same answer with a few more fields: both use `outlook_properties()`.
"""
from __future__ import annotations

import json

from employer_portal.openapi_parts import closed, nullable, ref
from employer_portal.pathways.rules import (
    DERIVED,
    GUIDANCE,
    OFFICIAL,
    SECONDARY,
    SET_FILES,
    UNCONFIRMED,
    label,
)
from employer_portal.schemas.hire import PROVINCES
from employer_portal.schemas.pathways import PathwaysRequest

_REF = "#/components/schemas/{model}"

FACT_STATUSES = [OFFICIAL, SECONDARY, UNCONFIRMED, DERIVED]
# The statuses of provincial.json (with its not_researched row) and the fits of provincial._fit: no list in code.
PROVINCIAL_STATUSES = ["open", "paused", "closed", "replaced", "not_researched"]
FITS = ["could_fit", "could_fit_verify", "may_not_fit_verify", "not_yet", "does_not_fit", "closed", "verify"]

_INT, _NULLABLE_INT = {"type": "integer"}, {"type": ["integer", "null"]}
_TEXT, _NULLABLE_TEXT, _BOOL = {"type": "string"}, {"type": ["string", "null"]}, {"type": "boolean"}
_DAY, _NULLABLE_DAY = {"type": "string", "format": "date"}, {"type": ["string", "null"], "format": "date"}
_TEXTS = {"type": "array", "items": _TEXT}
_STATUS = {"type": "string", "enum": FACT_STATUSES}
_LABEL = {"type": "string", "enum": list(dict.fromkeys(label(status) for status in FACT_STATUSES))}
_SOURCE = {"type": "string", "description": "a source id of `sources`"}
_LABELLED = {"status": _STATUS, "label": _LABEL, "source": _SOURCE}


def _list(items: dict, description: str | None = None) -> dict:
    return {"type": "array", "items": items, **({"description": description} if description else {})}


def outlook_properties() -> dict:
    """The fields of `outlook(request)`, all always present (the hire's outlook adds its own)."""
    return {
        "as_of": _DAY,
        "crs": ref("PathwaysCrs"),
        "fsw": ref("PathwaysFsw"),
        "cec": ref("PathwaysCec"),
        "provincial": _list(ref("PathwaysProvincialOption"), "the options of the job's province (none without "
                                                                 "job.province)"),
        "timeline": _list(ref("PathwaysTimelineItem"), "by date, undated items last"),
        "timeline_notes": _TEXTS,
        "rules_versions": ref("PathwaysRulesVersions"),
        "language_tables": ref("PathwaysLanguageTables"),
        "disclaimer": _TEXT,
        "sources": _list(ref("PathwaysSource"), "every source the answer cites"),
    }


def _crs_schemas() -> dict:
    group = closed({"with_language": _INT, "with_canadian_experience": _INT, "subtotal": _INT})
    breakdown = closed({
        "core": closed({"age": _INT, "education": _INT, "first_language": _INT, "second_language": _INT,
                         "canadian_experience": _INT}),
        "spouse": closed({"education": _INT, "first_language": _INT, "canadian_experience": _INT}),
        "transferability": closed({"education": ref("PathwaysCrsTransferabilityGroup"),
                                    "foreign_experience": ref("PathwaysCrsTransferabilityGroup"),
                                    "certificate_of_qualification": _INT, "total": _INT}),
        "additional": closed({"sibling_in_canada": _INT, "french": _INT, "canadian_education": _INT,
                               "provincial_nomination": _INT, "arranged_employment": _INT, "total": _INT}),
    })
    crs = closed({
        "total": _NULLABLE_INT, "core": _NULLABLE_INT, "spouse": _NULLABLE_INT, "transferability": _NULLABLE_INT,
        "additional": _NULLABLE_INT,
        "rules_version": {**_NULLABLE_TEXT, "description": "the CRS grid used, e.g. crs-2025-03-25"},
        "effective_from": _DAY,
        "status": nullable(_STATUS),
        "label": _LABEL,
        "source": {**_NULLABLE_TEXT, "description": "a source id of `sources`"},
        "scored_as": {"type": "string", "enum": ["with accompanying spouse", "single"]},
        "breakdown": nullable(breakdown),
        "language_converted_from_test": _BOOL,
        "notes": _TEXTS,
        "missing": _list(_TEXT, "dotted paths of what the score needs"),
    }, required=["total", "core", "spouse", "transferability", "additional", "rules_version", "status", "source",
                 "breakdown", "notes", "missing"],
        description="The CRS score; the numbers, `breakdown` and the grid are null while `missing` names what the "
                    "score needs (effective_from, label, scored_as and language_converted_from_test come only "
                    "with a score).")
    return {"PathwaysCrs": crs, "PathwaysCrsTransferabilityGroup": group}


def _fsw_schema() -> dict:
    return closed({
        "points": _INT, "pass_mark": _INT, "eligible": _BOOL,
        "missing": _list(_TEXT, "what keeps the worker from being eligible now, in plain words"),
        "to_confirm": _list(_TEXT, "what the inputs cannot show"),
        "breakdown": closed({"language": _INT, "second_language": _INT, "education": _INT, "experience": _INT,
                              "age": _INT, "arranged_employment": _INT, "adaptability": _INT}),
        "adaptability": closed({"spouse_language": _INT, "canadian_study": _INT, "canadian_work": _INT,
                                 "spouse_canadian_work": _INT, "arranged_employment": _INT,
                                 "relative_in_canada": _INT}),
        "arranged_employment": closed({
            "qualifies": {"type": ["boolean", "null"], "description": "null while the job's details are missing"},
            "reason": _TEXT, "from": _NULLABLE_DAY}, description="whether the job is arranged employment (IRPR R82)"),
        "proof_of_funds": _TEXT, "rules_version": _TEXT, **_LABELLED})


def _cec_schemas() -> dict:
    cec = closed({
        "eligible_from": {**_NULLABLE_DAY, "description": "the day 1,560 hours (30 a week counted at most) of "
                                                          "TEER 0-3 work under this hire are reached"},
        "language_clb_needed": _NULLABLE_INT, "language_clb_status": _STATUS, "language_clb_label": _LABEL,
        "language_met": {"type": ["boolean", "null"]},
        "hours_per_week_counted": {"type": ["number", "null"]},
        "teer": _NULLABLE_INT,
        "invitation": {**nullable(ref("PathwaysCecInvitation")),
                       "description": "what recent CEC cut-offs suggest (never a promise); null until a CEC date"},
        "notes": _TEXTS, "rules_version": _TEXT, **_LABELLED})
    invitation = closed({
        "outlook": {**nullable({"type": "string", "enum": ["likely", "possible", "unlikely"]}),
                    "description": "null when there is no CRS score to compare"},
        "modelled_crs": _NULLABLE_INT, "text": _TEXT, "recent_lowest": _INT, "recent_highest": _INT,
        "recent_rounds": _list(ref("PathwaysCecRound"), "newest first"),
        "cutoffs": _list(closed({"from": _DAY, "to": _DAY, "rounds": _NULLABLE_INT, "lowest": _INT,
                                  "highest": _INT})),
        "latest_round": ref("PathwaysCecRound"), "data_as_of": _DAY, "stale": _BOOL, **_LABELLED})
    round_ = closed({"number": _INT, "date": _DAY, "invitations": _INT, "cutoff": _INT, "status": _STATUS,
                      "note": _TEXT}, required=["number", "date", "invitations", "cutoff"],
                     description="an Express Entry round; status and note only where the round's copy differs")
    return {"PathwaysCec": cec, "PathwaysCecInvitation": invitation, "PathwaysCecRound": round_}


def _provincial_schema() -> dict:
    duty = closed({"text": _TEXT, **_LABELLED, "verify": _BOOL})
    return closed({
        "key": _TEXT, "province": {"type": "string", "enum": list(PROVINCES)}, "name": _TEXT,
        "status": {"type": "string", "enum": PROVINCIAL_STATUSES},
        "status_as_of": _DAY, "status_source": _SOURCE, "source": _SOURCE,
        "fact_status": _STATUS, "label": _LABEL, "verify": _BOOL, "summary": _TEXT,
        "express_entry_option": {"type": ["boolean", "null"]},
        "employer_must_provide": _list(duty),
        "fit": {"type": "string", "enum": FITS}, "reasons": _TEXTS})


def _outlook_schemas() -> dict:
    timeline_item = closed({
        "key": _TEXT, "date": _NULLABLE_DAY, "title": _TEXT, "detail": _TEXT,
        "kind": {"type": "string", "enum": [GUIDANCE, label(OFFICIAL)]}, **_LABELLED,
        "before_permit_expiry": {"type": ["boolean", "null"]}})
    source = closed({"id": _TEXT, "title": _TEXT, "url": _NULLABLE_TEXT, "status": _STATUS,
                      "page_date": _NULLABLE_DAY})
    versions = closed({name: _TEXT for name in SET_FILES if name != "sources"},
                       description="the version of each bundled rule set used")
    language_tables = closed({**_LABELLED, "used": {**_BOOL, "description": "a raw test score was converted"}})
    return {
        **_crs_schemas(), "PathwaysFsw": _fsw_schema(), **_cec_schemas(),
        "PathwaysProvincialOption": _provincial_schema(), "PathwaysTimelineItem": timeline_item,
        "PathwaysSource": source, "PathwaysRulesVersions": versions, "PathwaysLanguageTables": language_tables,
        "Pathways": closed(outlook_properties(), description=(
            "The permanent-residence outlook. Facts below OFFICIAL-COPY are labelled 'verify on the official "
            "page'; dates the project derives are labelled 'guidance'. Nothing promises an invitation or a "
            "nomination.")),
    }


def pathways_schemas() -> dict:
    """PathwaysRequest (from the pydantic model) and its parts, plus the Pathways outlook and its parts."""
    request = PathwaysRequest.model_json_schema(ref_template=_REF)
    schemas = request.pop("$defs", {})
    schemas["PathwaysRequest"] = request
    schemas = _prefixed(schemas)
    schemas.update(_outlook_schemas())
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

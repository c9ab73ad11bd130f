"""The OpenAPI 3.1 description of /api/v1, built from API.md and the shared pydantic schema.

`build_openapi() -> dict` (cached): the hire payload schemas come from
`HirePayload.model_json_schema()`, so the document cannot drift from what the API
validates; the report, finding, problem and reference schemas are written here from
API.md. Pure: no Flask.
"""
from __future__ import annotations

import copy
import functools

from employer_portal.compliance.registry import RULES
from employer_portal.config import PRODUCT_NAME
from employer_portal.compliance.report import INCOMPLETE_CODE
from employer_portal.schemas.dates import HireDates, PermitRenewal
from employer_portal.schemas.hire import PROGRAMS, PROVINCES, HirePayload
from employer_portal.models.hire import HIRE_STATUSES
from employer_portal.pathways.openapi_paths import pathways_paths, pathways_schemas
from employer_portal.pathways_hire.openapi_paths import hire_pathways_paths
from employer_portal.benefits_plan.openapi_paths import benefits_plan_paths
from employer_portal.conditions.openapi_paths import conditions_paths
from employer_portal.api.openapi_contract import add_links, complete_operations, name_operations, unauthorized
from employer_portal.api.openapi_resources import resource_schemas
from employer_portal.openapi_parts import DAY, MOMENT, closed
from employer_portal.openapi_parts import nullable as _nullable
from employer_portal.openapi_parts import ref as _ref
from employer_portal.models.document import DOCUMENT_STATUSES, SCAN_STATUSES
from employer_portal.models.inspection_pack import PACK_STATUSES
from employer_portal.refdata.regions import VERIFY

API_VERSION = "1.0.0"
_REF = "#/components/schemas/{model}"


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _problem(description: str) -> dict:
    return {"description": description, "content": {"application/problem+json": {"schema": _ref("Problem")}}}


_ERRORS = {
    "401": unauthorized(),
    "422": _problem("Invalid input: every bad field named with its dotted path"),
}
_NOT_FOUND = {"404": _problem("No such resource for this employer")}
_EDIT = {"403": _problem("The token's user is a viewer"), "409": _problem("Not allowed in the hire's status")}
# Optimistic concurrency on a hire (issue 10): GET sends an ETag from its version; a write with If-Match naming an
# older one is 412 (the problem's `changed` lists the fields changed since); no If-Match = allowed, as before.
_STALE = {"412": _problem("If-Match names an older version of the hire: GET it again (`changed` lists what changed)")}
_IF_MATCH = [{"name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
              "description": "the ETag of GET /hires/{hire_id}; a stale one is refused with 412"}]


# The finding codes of API.md (its table and Amendments 2026-12): severity and "when", as the contract words them.
# The codes the rules register are read from compliance.RULES at build time, so project codes are listed too.
API_MD_FINDING_CODES = {
    "NOC_UNKNOWN": ("blocker", "the NOC code is not a NOC 2021 unit group"),
    "WAGE_BELOW_PREVAILING": ("blocker for gts_a, gts_b and ICT specialized_knowledge (warning for GTS in Quebec); "
                              "warning for ICT startup and executive_manager and for cusma",
                              "the hourly wage is below the prevailing wage for the NOC where the job is"),
    "WAGE_DATA_UNAVAILABLE": ("warning", "no Job Bank figure at any level, so the wage cannot be checked"),
    "WAGE_REGION_NOT_CHECKED": ("warning", "no economic region was given or derived, and a region of the province has "
                                           "a higher median than the province: names the highest"),
    "WAGE_DATA_NOT_LOADED": ("warning", "the wages set in force has no row for this NOC and place (Job Bank may "
                                        "publish one): import the full file"),
    "WAGE_REVIEW_AT_START": ("info", "GTS: the wage must still meet the prevailing wage when employment starts "
                                     "(Job Bank is updated every fall)"),
    "GTS_A_REFERRAL_MISSING": ("blocker", "Category A without a referral partner"),
    "GTS_A_PARTNER_NOT_DESIGNATED": ("blocker", "the named partner is not on the designated list in force (official "
                                                "printed names and the agencies' legal names match; MIFI is a "
                                                "ministry, not a partner)"),
    "GTS_A_PARTNER_QUEBEC_UNVERIFIED": ("warning", "a Quebec job referred by a partner that is not on the federal list: "
                                                   "confirm it on MIFI's list of Quebec partners"),
    "GTS_A_WAGE_BELOW_FLOOR": ("blocker",
                               "below $38.46/h at 40 h/week or more ($80,000 a year below 40 h) for the first two "
                               "Category A positions of the calendar year of the ESDC decision; $72.11/h ($150,000) "
                               "for the third and later"),
    "GTS_A_TALENT_NOT_SHOWN": ("warning", "neither an advanced degree (master, doctorate) nor 5 years of experience"),
    "GTS_A_OCCUPATION_ON_LIST": ("warning", "the occupation is on the Global Talent Occupations List, so ESDC will "
                                            "process it as Category B"),
    "GTS_B_OCCUPATION_NOT_LISTED": ("blocker", "the NOC is not on the Global Talent Occupations List"),
    "GTS_B_SUBSET_ONLY": ("warning", "the NOC is listed only for a subset of its jobs (21210, 51120, 52120): confirm "
                                     "the job is in it"),
    "GTS_B_WAGE_BELOW_FLOOR": ("blocker (warning in Quebec)", "below the list's own hourly floor for that occupation"),
    "GTS_DURATION_OVER_3_YEARS": ("warning", "a GTS job of more than 3 years needs an exceptional rationale"),
    "QUEBEC_WAGE_RULES": ("warning", "a GTS job in Quebec: floors and wages per MIFI"),
    "ICT_RELATIONSHIP_NOT_QUALIFYING": ("blocker", "the foreign employer is not parent, subsidiary, branch or affiliate"),
    "ICT_EMPLOYMENT_TOO_SHORT": ("blocker", "under 12 months of continuous full-time employment in the 3 years before "
                                            "the work-permit application"),
    "ICT_DURATION_OVER_INITIAL_MAX": ("warning", "the job runs longer than the first permit allows (1 year startup, "
                                                 "3 years otherwise); renewals need a new Employer Portal offer and fee"),
    "ICT_TOTAL_STAY_OVER_CAP": ("blocker", "prior ICT time in Canada plus this job exceeds 7 years (executive_manager) "
                                           "or 5 years (specialized_knowledge)"),
    "ICT_SPECIALIZED_EXPERIENCE_SHORT": ("warning", "specialized knowledge with under 24 months at the enterprise"),
    "ICT_CAPACITY_TEER_MISMATCH": ("blocker", "executive_manager (C62) in an occupation that is not TEER 0 or 1"),
    "ICT_LOW_TEER_SCRUTINY": ("warning", "specialized_knowledge (C63) in a TEER 3, 4 or 5 occupation, or start-up "
                                         "(C61) outside TEER 0-2: reviewed in greater detail"),
    "ICT_CATEGORY_CAP_REACHED": ("blocker", "a category's cap (executive_manager 7 years, specialized_knowledge 5 "
                                            "years; 7 years in all ICT categories together) is reached and the worker "
                                            "has not since worked 12 months full time abroad"),
    "CUSMA_CITIZENSHIP_INELIGIBLE": ("blocker", "not a citizen of the United States or Mexico"),
    "CUSMA_PROFESSION_NOT_LISTED": ("blocker", "the profession is not one of the 63 in CUSMA Appendix 2"),
    "CUSMA_EDUCATION_INSUFFICIENT": ("blocker", "the worker lacks the profession's minimum education or alternative "
                                                "credential (licence- or Licenciatura-only professions, a diploma or "
                                                "certificate after under 2 years of study, a Scientific "
                                                "Technician/Technologist without a supported profession)"),
    "CUSMA_DURATION_OVER_3_YEARS": ("warning", "the permit is granted for up to 3 years at a time; extensions are "
                                               "unlimited"),
    "CUSMA_SELF_EMPLOYMENT": ("blocker", "the worker controls the Canadian employer"),
    "CUSMA_TEER_TOO_LOW": ("blocker", "the NOC is TEER 4 or 5 (CUSMA professionals work in TEER 0-3)"),
    "CUSMA_PROFESSION_NOC_MISMATCH": ("warning", "the NOC does not fit the chosen profession"),
    "LMIA_REQUIRED": ("info", "GTS: an LMIA with its $1,000 fee and a Labour Market Benefits Plan"),
    "EMPLOYER_PORTAL_OFFER_REQUIRED": ("info", "ICT and CUSMA: an offer in the IRCC Employer Portal and the $230 "
                                               "compliance fee before the worker applies"),
    "PROVINCIAL_EMPLOYER_REGISTRATION": ("info", "GTS in BC, MB, SK or NS: the provincial employer registration goes "
                                                 "with the LMIA application"),
    "QUEBEC_JOINT_PROCESS": ("info", "a GTS (LMIA) job in Quebec: MIFI takes part (joint submission; Quebec's own "
                                     "wage rules); ICT and CUSMA work in Quebec needs no CAQ and no MIFI step"),
    INCOMPLETE_CODE: ("blocker", "a field the route needs is missing (one finding per field); the report's "
                                 "`complete` is false while there is one"),
}


def finding_codes() -> list[dict]:
    """Every finding code: API.md's, then the project's (from the rule registry), with severity, when and source."""
    rules = {rule.code: rule for rule in RULES}
    codes = list(API_MD_FINDING_CODES) + [code for code in rules if code not in API_MD_FINDING_CODES]
    described = []
    for code in codes:
        rule = rules.get(code)
        severity, when = API_MD_FINDING_CODES.get(code, (None, None))
        if severity is None:
            severity = rule.severity if isinstance(rule.severity, str) else "depends on the program"
            when = "project code: see the finding's message"
        entry = {"code": code, "severity": severity, "when": when}
        if rule is not None:
            entry.update(source=rule.source, programs=sorted(rule.programs))
        described.append(entry)
    return described


def _finding_code_schema() -> dict:
    # An open string, not a union of constants: the project may add codes, and generated clients read a union of
    # constants as "the first one or an error". Every code is listed, with severity, when and source, below.
    codes = finding_codes()
    listed = "; ".join(f"{c['code']} ({c['severity']})" for c in codes)
    return {
        "type": "string", "pattern": "^[A-Z][A-Z0-9_]*$",
        "description": "A stable finding code: each keeps its meaning for good; the project may add codes. "
                       f"Known codes: {listed}. `x-finding-codes` gives each one's severity, when and source.",
        "examples": [c["code"] for c in codes],
        "x-finding-codes": codes,
    }


def _hand_written_schemas() -> dict:
    string_or_null = _nullable({"type": "string"})
    wage_level = {"type": "string", "enum": ["economic_region", "province", "national"]}
    # What every reference answer starts with (api/reference.py _set): the set in force, or nulls before any import.
    set_version = {"set": {"type": "string"}, "version": string_or_null, "source": string_or_null,
                   "published": _nullable({"type": "string", "format": "date"})}
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
        "FindingCode": _finding_code_schema(),
        "EconomicRegionUsed": closed({
            "code": {"type": "string", "examples": ["ER3510"]}, "name": {"type": "string"},
            "from": {"type": "string", "enum": ["given", "city"],
                     "description": "given in position.economic_region, or derived from the city"}},
            description="the Job Bank economic region of the job and how it was found"),
        "PrevailingWage": closed({
            "hourly": {"type": "number"}, "level": wage_level, "area": {"type": "string"},
            "noc_code": {"type": "string"}, "reference_period": {"type": "string"}, "data_version": {"type": "string"},
            # Nullable as API.md Amendments 2026-12 words it, though the server leaves the field out rather than null.
            "economic_region": {**_nullable(_ref("EconomicRegionUsed")),
                                "description": "present only when the job's economic region is known"}},
            required=["hourly", "level", "area", "noc_code", "reference_period", "data_version"]),
        "RouteFinder": closed({
            "routes": {"type": "array", "items": _ref("Report"), "minItems": 4, "maxItems": 4,
                       "description": "eligible routes first; among them LMIA-exempt (ict, cusma) before "
                                      "LMIA-required (gts_a, gts_b); then fewest blockers; ties keep gts_a, gts_b, "
                                      "ict, cusma"}}),
        "StatusChange": {
            "type": "object", "required": ["status"],
            "properties": {"status": {"type": "string", "enum": list(HIRE_STATUSES)},
                           "approved_on": {"type": "string", "format": "date"}},
        },
        "ChecklistItemChange": {
            "type": "object", "required": ["status"],
            "properties": {"status": {"type": "string", "enum": ["missing", "received", "waived", "not_applicable"]},
                           "reason": {"type": ["string", "null"], "maxLength": 1000,
                                      "description": "required when status is waived"}},
        },
        "PermitPeriod": closed({
            "sequence": {"type": "integer", "description": "1 = the first permit, then each renewal"},
            "id": {"type": ["integer", "null"], "description": "null for the first permit"},
            "recorded_in": {"type": "string", "enum": ["dates", "renewal"],
                            "description": "the first permit is the hire's dates (PUT /dates)"},
            "issued_on": {"type": ["string", "null"], "format": "date",
                          "description": "null only on a first permit whose expiry alone is recorded"},
            "expires_on": {"type": ["string", "null"], "format": "date",
                           "description": "null only on a first permit whose issue date alone is recorded"},
            "employment_start_on": {"type": ["string", "null"], "format": "date",
                                    "description": "first day of work under this permit (a renewal without one: "
                                                   "its issue date)"},
            "employment_start_recorded": {"type": "boolean", "description": "renewals only: the first day of work "
                                                                            "was given, not taken from the issue "
                                                                            "date"}},
            required=["sequence", "id", "recorded_in", "issued_on", "expires_on", "employment_start_on"]),
        "PermitPeriods": closed({"hire_id": {"type": "integer"},
                                 "permits": {"type": "array", "items": _ref("PermitPeriod")}}),
        "PermitRecorded": closed({"hire_id": {"type": "integer"}, "permit": _ref("PermitPeriod"),
                                  "permits": {"type": "array", "items": _ref("PermitPeriod")}}),
        "HireDatesRecorded": closed({"hire_id": {"type": "integer"}, "dates": _ref("HireDates"),
                                     "deadlines": {"type": "array", "items": _ref("Deadline")}}),
        "DeadlineDone": {"type": "object", "additionalProperties": True,
                         "properties": {"note": {"type": ["string", "null"], "maxLength": 2000,
                                                 "description": "optional note or document reference"}}},
        "Health": closed({"status": {"type": "string"}, "database": {"type": "string"},
                          "broker": {"type": "string"}}),
        "SetVersion": closed(set_version),
        "Occupations": closed({**set_version, "list_version": {"type": "string"},
                               "occupations": {"type": "array", "items": closed({
                                   "noc_code": {"type": "string"}, "title": {"type": "string"},
                                   "subset_only": {"type": "boolean"}, "subset_condition": string_or_null,
                                   "hourly_floor": _nullable({"type": "number"}),
                                   "annual_floor_illustrative": _nullable({"type": "number"})})}}),
        "ReferralPartners": closed({
            **set_version,
            "partners": {"type": "array", "items": closed({
                "name": {"type": "string"}, "region": {"type": "string"},
                "provinces": {"type": "array", "items": {"type": "string"}},
                "aliases": {"type": "array", "items": {"type": "string"},
                            "description": "short names and legal names also accepted as this partner"}})},
            "quebec_partner_list": _nullable(closed({
                "printed_as": {"type": "string"}, "kept_by": {"type": "string", "examples": ["MIFI"]},
                "status": {"type": "string"}, "ministry_names": {"type": "array", "items": {"type": "string"}},
                "source": {"type": "string"}},
                description="ESDC's Quebec entry: Quebec's designated partners are on MIFI's own list (not "
                            "bundled: verify on the official page); MIFI itself is not a partner"))}),
        "CusmaProfessions": closed({
            **set_version,
            "professions": {"type": "array", "items": closed({
                "key": {"type": "string"}, "profession": {"type": "string"}, "requirement": {"type": "string"},
                "licence_accepted": {"type": "boolean"},
                "degree_kinds_accepted": {"type": "array",
                                          "items": {"type": "string", "enum": ["degree", "licenciatura"]},
                                          "description": "degrees that count; [\"licenciatura\"] where Appendix 2 "
                                                         "names only a Licenciatura Degree; [] when no degree counts"},
                "destination_licence_required": {"type": "boolean",
                                                 "description": "the licence of the province of work is needed"},
                "noc_groups": _nullable(closed({
                    "prefixes": {"type": "array", "items": {"type": "string"}}, "status": string_or_null},
                    description="NOC 2021 unit-group prefixes usually used for the profession; status "
                                "\"derived, verify\"")),
                "supported_disciplines": _nullable({"type": "object", "additionalProperties": {
                    "type": "array", "items": {"type": "string"}}}),
                "theory_min_years_of_study": _nullable({"type": "number"})})}}),
        "Wages": closed({
            **set_version, "noc_code": {"type": "string"}, "province": string_or_null,
            "economic_region": string_or_null,
            "figures": {"type": "array", "items": closed({
                "level": wage_level, "area": {"type": "string"}, "area_name": {"type": "string"},
                "low": _nullable({"type": "number"}), "median": _nullable({"type": "number"}),
                "high": _nullable({"type": "number"}), "annual": {"type": "boolean"},
                "reference_period": {"type": "string"}})},
            "prevailing_wage": _nullable(_ref("PrevailingWage")),
            "warning": _nullable({"type": "string", "description": "set when the wages in force are older than "
                                  "ESDC's latest fall Job Bank release (import the new file before January 1); "
                                  "null when current"})}),
        "EconomicRegions": closed({
            "province": {"type": "string", "enum": list(PROVINCES)},
            "regions": {"type": "array", "items": closed({"code": {"type": "string", "examples": ["ER3510"]},
                                                          "name": {"type": "string"}})},
            "derived": _nullable(closed({
                "code": {"type": "string"}, "name": {"type": "string"},
                "status": {"type": "string", "enum": [VERIFY],
                           "description": "present when the place's region is not confirmed from an official page: "
                                          "verify on the official page"}}, required=["code", "name"])),
            "version": string_or_null, "source": string_or_null}),
        "NocSearch": closed({
            **set_version, "query": {"type": "string"},
            "results": {"type": "array", "items": closed({
                "code": {"type": "string"}, "title": {"type": "string"}, "teer": {"type": "integer"},
                "example": string_or_null, "matched": string_or_null,
                "match": {"type": "string", "enum": ["synonym", "example", "title", "code"]},
                "source": string_or_null, "status": string_or_null, "note": string_or_null})}}),
    }


def _hire_id() -> dict:
    return {"name": "hire_id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}


def _deadline_id() -> dict:
    return {"name": "deadline_id", "in": "path", "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}


def _optional_body(operation: dict) -> dict:
    operation["requestBody"]["required"] = False
    return operation


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


def _reminder_settings_paths() -> dict:
    """When the employer's reminders go out (issue 9 item 4): settings, preview."""
    settings = closed({
        "time_zone": _nullable({"type": "string", "description": "chosen IANA zone; null = province's"}),
        "time_zone_in_effect": {"type": "string", "description": "the zone reminders follow"},
        "send_hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "lead_days": {"type": "array", "items": {"type": "integer"}},
        "digest": {"type": "boolean", "description": "the caller's daily-digest choice"}})
    change = {"type": "object", "additionalProperties": False, "properties": {
        "time_zone": _nullable({"type": "string", "description": "a Canadian IANA zone; null = the province's"}),
        "send_hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "digest": {"type": "boolean"}}}
    item = closed({
        "at": {"type": "string", "format": "date-time", "description": "local time in time_zone, with its offset"},
        "time_zone": {"type": "string"}, "recipient": {"type": "string"}, "in_digest": {"type": "boolean"},
        "lead_days": {"type": "integer"}, "deadline_id": {"type": "integer"}, "deadline_title": {"type": "string"},
        "due_on": DAY, "hire_id": {"type": "integer"}})
    admin = {"403": _problem("Changing the time zone or hour, or the preview, needs an admin")}
    return {
        "/settings/reminders": {
            "get": _op("When reminders go out (time zone, send hour) and your digest choice",
                       {"200": _json(settings, "The settings")}, tag="settings"),
            "patch": _op("Change the time zone or send hour (admins; pending reminders are re-planned) or your "
                         "own daily digest", {"200": _json(settings, "The settings"), **admin}, tag="settings",
                         body=change)},
        "/settings/reminders/preview": {"get": _op(
            "The next 20 reminders: when (local time), to whom, which deadline (admins)",
            {"200": _json(closed({"items": {"type": "array", "items": item}}), "The next reminders"), **admin},
            tag="settings")},
    }


def _inspection_paths() -> dict:
    """Inspection packs, legal holds and document deletion (issue 12 items 4 and 5)."""
    integer_id = {"type": "integer", "minimum": 1, "maximum": 2147483647}
    pack_status = {"type": "string", "enum": list(PACK_STATUSES)}
    # inspection.service.pack_json
    pack = closed({
        "id": {"type": "integer"}, "status": pack_status,
        "hire_id": {**_nullable({"type": "integer"}), "description": "null for a pack of a date range"},
        "requested_at": MOMENT,
        "from": {**DAY, "description": "a range pack's"}, "to": {**DAY, "description": "a range pack's"},
        "error": {"type": "string", "description": "when failed"},
        "size": {"type": "integer", "description": "bytes of the ZIP, when ready"},
        "sha256": {"type": "string", "description": "of the ZIP, when ready"},
        "files": {"type": "integer", "description": "when ready"},
        "finished_at": {**MOMENT, "description": "when ready"}}, required=["id", "status", "hire_id", "requested_at"])
    queued = closed({"job": closed({"id": {"type": "integer"}, "status": pack_status})})
    status = closed({
        "hire_id": {"type": "integer"}, "legal_hold": {"type": "boolean"},
        "job": {**_nullable(pack), "description": "the latest pack"},
        "ready": {**_nullable(pack), "description": "the latest ready pack"},
        "download_url": {**_nullable({"type": "string"}), "description": "GET it for the ready pack's ZIP"}})
    range_status = closed({"job": pack, "download_url": {"type": "string", "description": "when ready"}},
                          required=["job"])
    zip_or_status = {"description": "The status (JSON), or with ?download=1 the ZIP, whose manifest.json lists "
                                    "each file's path and sha256",
                     "content": {"application/json": {"schema": status},
                                 "application/zip": {"schema": {"type": "string", "format": "binary"}}}}
    download = _query("download", {"type": "string", "enum": ["1"]}, "1: the ready ZIP instead of the status")
    hold = {"type": "object", "required": ["on", "reason"], "properties": {
        "on": {"type": "boolean"}, "reason": {"type": "string", "minLength": 1, "maxLength": 1000}}}
    reason = {"type": "object", "properties": {"reason": {"type": "string", "maxLength": 1000}}}
    not_ready = {"409": _problem("No pack is ready yet")}
    return {
        "/hires/{hire_id}/inspection-pack": {
            "parameters": [_hire_id()],
            "post": _op("Build the hire's inspection pack (a job; one already queued is reused)",
                        {"202": _json(queued, "Queued"), **_NOT_FOUND, **_EDIT}, tag="inspection"),
            "get": _op("The latest pack's status, or its ZIP with ?download=1 (viewers may download)",
                       {"200": zip_or_status, **_NOT_FOUND, **not_ready}, tag="inspection", params=[download])},
        "/inspection-packs": {"post": _op(
            "Build one pack of every hire of the employer employed between from and to",
            {"202": _json(queued, "Queued"), "403": _EDIT["403"]}, tag="inspection",
            body={"type": "object", "required": ["from", "to"], "properties": {
                "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"}}})},
        "/inspection-packs/{pack_id}": {
            "parameters": [{"name": "pack_id", "in": "path", "required": True, "schema": integer_id}],
            "get": _op("A pack's status, or its ZIP with ?download=1",
                       {"200": {**zip_or_status, "content": {**zip_or_status["content"],
                                                             "application/json": {"schema": range_status}}},
                        **_NOT_FOUND, **not_ready}, tag="inspection", params=[download])},
        "/hires/{hire_id}/legal-hold": {"parameters": [_hire_id()], "post": _op(
            "Place or lift a legal hold (admins, with a reason; audited): no document of the hire may be deleted "
            "or purged while it holds",
            {"200": _json(closed({"hire_id": {"type": "integer"}, "legal_hold": {"type": "boolean"}}), "The hold"),
             **_NOT_FOUND, "403": _problem("Not an admin")}, tag="inspection", body=hold)},
        "/documents/{document_id}": {
            "parameters": [{"name": "document_id", "in": "path", "required": True, "schema": integer_id}],
            "delete": _optional_body(_op(
                "Delete a document's file and content (audited). Before its retention date (6 years from the first "
                "day of work under each permit, IRPR R209.2(1)(b), R209.3(1)(c)) only an admin, with a reason; "
                "never under a legal hold",
                {"204": {"description": "Deleted"}, **_NOT_FOUND, "403": _problem("Before the date and not an admin"),
                 "409": _problem("Under a legal hold, or already deleted or purged")}, tag="inspection",
                body=reason))},
    }


def _document_paths() -> dict:
    """Worker upload links and HR's review of the documents (issue 12 items 1 to 3)."""
    integer_id = {"type": "integer", "minimum": 1, "maximum": 2147483647}
    link = closed({
        "id": {"type": "integer"}, "hire_id": {"type": "integer"},
        "url": {"type": "string", "description": "the worker's page (no login); shown only here. Its upload "
                                                 "endpoint is POST {url}/items/{item_key} with a multipart field "
                                                 "`file` -> 201 {document: {id, status}}, 422 problem (reason), "
                                                 "413 too large"},
        "expires_at": MOMENT, "revoked_at": _nullable(MOMENT)})
    # documents.service.document_json
    document = closed({
        "id": {"type": "integer"}, "hire_id": {"type": "integer"}, "item_key": {"type": "string"},
        "status": {"type": "string", "enum": list(DOCUMENT_STATUSES)},
        "reject_reason": _nullable({"type": "string"}), "content_type": {"type": "string"},
        "size_bytes": {"type": "integer"}, "sha256": {"type": "string"}, "original_name": {"type": "string"},
        "scan_status": {"type": "string", "enum": list(SCAN_STATUSES)},
        "uploaded_by": {"anyOf": [{"type": "string", "enum": ["worker"]}, {"type": "integer"}, {"type": "null"}],
                        "description": "\"worker\" for a file sent through an upload link, else the user id (null "
                                       "once that user is deleted)"},
        "uploaded_at": MOMENT,
        "reviewed_by": {**_nullable({"type": "integer"}), "description": "the user id"},
        "reviewed_at": _nullable(MOMENT), "retain_until": _nullable(DAY)})
    doc_id = {"name": "document_id", "in": "path", "required": True, "schema": integer_id}
    review = {"409": _problem("The document is not in a state this review step applies to")}
    return {
        "/hires/{hire_id}/upload-links": {"parameters": [_hire_id()], "post": _optional_body(_op(
            "Make the worker's upload link (14 days unless expires_in_days, 1-90)",
            {"201": _json(link, "The link, with its url (shown once)"), **_NOT_FOUND, "403": _EDIT["403"]},
            tag="documents", body={"type": "object", "properties": {
                "expires_in_days": {"type": "integer", "minimum": 1, "maximum": 90}}}))},
        "/upload-links/{link_id}": {
            "parameters": [{"name": "link_id", "in": "path", "required": True, "schema": integer_id}],
            "delete": _op("Withdraw an upload link (it stops opening at once)",
                          {"204": {"description": "Revoked"}, **_NOT_FOUND, "403": _EDIT["403"]}, tag="documents")},
        "/hires/{hire_id}/documents": {"parameters": [_hire_id()], "get": _op(
            "The hire's documents and their review state",
            {"200": _json(closed({"hire_id": {"type": "integer"}, "documents": {"type": "array", "items": document}}),
                          "The documents"), **_NOT_FOUND}, tag="documents")},
        "/documents/{document_id}/accept": {"parameters": [doc_id], "post": _op(
            "Accept a document: its checklist item becomes received (who and when recorded)",
            {"200": _json(document, "Accepted"), **_NOT_FOUND, "403": _EDIT["403"], **review}, tag="documents")},
        "/documents/{document_id}/reject": {"parameters": [doc_id], "post": _op(
            "Reject a document with a reason the worker sees",
            {"200": _json(document, "Rejected"), **_NOT_FOUND, "403": _EDIT["403"], **review}, tag="documents",
            body={"type": "object", "required": ["reason"], "properties": {
                "reason": {"type": "string", "minLength": 1, "maxLength": 1000}}})},
        "/documents/{document_id}/file": {"parameters": [doc_id], "get": _op(
            "The file, as an attachment under a name the portal makes (nosniff)",
            {"200": {"description": "The file", "content": {ctype: {"schema": {"type": "string", "format": "binary"}}
                                                            for ctype in ("application/pdf", "image/jpeg",
                                                                          "image/png")}},
             **_NOT_FOUND, "410": _problem("The file is no longer kept")}, tag="documents")},
    }


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
            "patch": _op("Update a draft", {"200": _json(_ref("Hire"), "Updated"), **_NOT_FOUND, **_EDIT, **_STALE},
                         tag="hires", body=_ref("HirePayload"), params=_IF_MATCH),
            "delete": _op("Delete a draft", {"204": {"description": "Deleted"}, **_NOT_FOUND, **_EDIT, **_STALE},
                          tag="hires", params=_IF_MATCH),
        },
        "/hires/{hire_id}/report": {**hire, "get": _op(
            "The latest compliance report of the hire", {"200": _json(_ref("Report"), "The report"), **_NOT_FOUND},
            tag="hires")},
        "/hires/{hire_id}/submit": {**hire, "post": _op(
            "Submit a draft with no blocker (409 with the report otherwise)",
            {"200": _json(_ref("Hire"), "Submitted"), **_NOT_FOUND, **_EDIT, **_STALE}, tag="hires", params=_IF_MATCH)},
        "/hires/{hire_id}/status": {**hire, "post": _op(
            "Change the status of a submitted hire",
            {"200": _json(_ref("Hire"), "Changed"), **_NOT_FOUND, **_EDIT, **_STALE},
            tag="hires", body=_ref("StatusChange"), params=_IF_MATCH)},
        "/hires/{hire_id}/checklist": {
            **hire,
            "post": _op("Queue the checklist build (a ready PDF of the hire as it is now is answered at once)", {
                "200": _json(_ref("ChecklistJob"), "A ready PDF matches the hire as it is now: nothing to build"),
                "202": _json(_ref("ChecklistJob"), "Queued (or a build of the same inputs already under way)"),
                **_NOT_FOUND, "403": _EDIT["403"],
                "409": _problem("The hire cannot have a checklist yet (e.g. a draft without a route)"),
                "422": _problem("The hire lacks a field the checklist needs (named in errors)")}, tag="checklists"),
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
        "/hires/{hire_id}/permits": {
            **hire,
            "get": _op("The hire's work-permit periods: the first (its dates), then each renewal",
                       {"200": _json(_ref("PermitPeriods"), "The permit periods"), **_NOT_FOUND}, tag="deadlines"),
            "post": _op("Record a permit renewal or extension (issued after and expiring after the previous "
                        "permit); deadlines follow each permit",
                        {"201": _json(_ref("PermitRecorded"), "The new period and all periods"), **_NOT_FOUND,
                         **_EDIT}, tag="deadlines", body=_ref("PermitRenewal"))},
        "/users": {"get": _op("The employer's users", {"200": _json(_ref("UserList"), "Users")},
            tag="accounts")},
        "/users/{user_id}": {
            "parameters": [{"name": "user_id", "in": "path", "required": True,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}],
            "get": _op("One user of the employer", {"200": _json(_ref("User"), "The user"), **_NOT_FOUND},
                       tag="accounts")},
        "/tokens": {"get": _op("Your API tokens (all of the employer's for admins)", {"200": _json(
            _ref("TokenList"), "Tokens")},
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
        "/deadlines": {"get": _op("The employer's active deadlines, optionally before a date or in one status",
                                  {"200": _json(_ref("Deadlines"), "Deadlines")}, tag="deadlines", params=[
                                      _query("before", {"type": "string", "format": "date"}),
                                      _query("status", {"type": "string",
                                                        "enum": ["upcoming", "due", "overdue", "done"]})])},
        "/deadlines/{deadline_id}/done": {"parameters": [_deadline_id()], "post": _optional_body(_op(
            "Mark a deadline done (who and when recorded, optional note); its pending reminders are cancelled",
            {"200": _json(_ref("Deadline"), "The deadline, now done"), **_NOT_FOUND, "403": _EDIT["403"]},
            tag="deadlines", body=_ref("DeadlineDone")))},
        "/deadlines/{deadline_id}/reopen": {"parameters": [_deadline_id()], "post": _op(
            "Reopen a deadline marked done; its reminders still ahead are planned again",
            {"200": _json(_ref("Deadline"), "The deadline, open again"), **_NOT_FOUND, "403": _EDIT["403"]},
            tag="deadlines")},
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
        "/reference/economic-regions": {"get": _op(
            "The Job Bank economic regions of a province, and the one derived from a city",
            {"200": _json(_ref("EconomicRegions"), "The regions, and the derived one (null when the city is not "
                                                   "in the place table)")},
            tag="reference", params=[
                _query("province", {"type": "string", "enum": list(PROVINCES)}, "two-letter province", required=True),
                _query("city", {"type": "string", "maxLength": 200}, "the job's city, to derive its region")])},
        **_reminder_settings_paths(),
        **_inspection_paths(),
        **_document_paths(),
        **pathways_paths(_problem, _json, _ERRORS),
        **hire_pathways_paths(_hire_id(), _problem, _json, _ERRORS),
        **benefits_plan_paths(_hire_id(), _problem, _json, _ERRORS),
        **conditions_paths(_hire_id(), _problem, _json, _ERRORS),
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
    schemas["Position"]["properties"]["economic_region"]["description"] = (
        "Job Bank economic region, with or without ER (ER3510 or 3510; returned as ER3510); when absent it is "
        "derived from position.city and position.province")
    schemas["Position"]["properties"]["economic_region"]["examples"] = ["ER3510", "3510"]
    dates_schema = HireDates.model_json_schema(ref_template=_REF)
    schemas.update(dates_schema.pop("$defs", {}))
    schemas["HireDates"] = dates_schema
    schemas["PermitRenewal"] = PermitRenewal.model_json_schema(ref_template=_REF)
    schemas.update(_hand_written_schemas())
    schemas.update(resource_schemas())
    schemas.update(pathways_schemas())
    return {
        "openapi": "3.1.0",
        "info": {"title": f"{PRODUCT_NAME} API", "version": API_VERSION,
                 "description": "Compliance checks, hires and their work for Canadian tech hiring "
                                "(GTS Category A/B, ICT, CUSMA Professionals). Errors are application/problem+json."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}],
        "paths": _contract_paths(),
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                               "description": "a token from `flask tokens create` or the settings page"}},
        },
    }


def _contract_paths() -> dict:
    paths = _paths()
    complete_operations(paths)
    add_links(paths)
    return paths


def build_openapi(operation_ids: dict[tuple[str, str], str] | None = None) -> dict:
    """The OpenAPI 3.1 document of /api/v1 (a fresh copy; the cached one stays intact).

    `operation_ids`: (method, path) -> the name of the view serving it (api/openapi.py reads them from the
    app's URL map), so each operationId is the view's own name.
    """
    document = copy.deepcopy(_document())
    if operation_ids:
        name_operations(document["paths"], operation_ids)
    return document

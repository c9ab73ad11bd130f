"""The timeline against the permit: documents ready, pool entry, latest useful invitation, extension dates, BOWP.

Official constraints (apply before the permit expires: R183(5); BOWP conditions: S6) carry their source;
the lead times are the project's planning rules (DERIVED) and every such item is labelled "guidance".
"""
from __future__ import annotations

import datetime as dt

from employer_portal.pathways.occupation import add_months
from employer_portal.pathways.rules import DERIVED, PathwayRules, label
from employer_portal.schemas.pathways import PathwaysRequest


def _item(key: str, day: dt.date | None, title: str, detail: str, status: str, source: str,
          expires: dt.date | None) -> dict:
    return {
        "key": key,
        "date": day.isoformat() if day else None,
        "title": title,
        "detail": detail,
        "kind": "guidance" if status == DERIVED else "rule",
        "status": status,
        "label": label(status),
        "source": source,
        "before_permit_expiry": (day < expires) if day and expires else None,
    }


def timeline(request: PathwaysRequest, cec_from: dt.date | None, rules: PathwayRules) -> tuple[list[dict], list[str]]:
    """(items sorted by date, notes). `cec_from`: the CEC date of this hire, if any."""
    data = rules.timeline
    official, plan = data["rules"], data["planning"]
    expires = request.permit.expires
    candidate, job = request.candidate, request.job
    program = request.permit.program or "unknown"
    items: list[dict] = []
    notes: list[str] = []

    def guidance(key, day, title, detail):
        items.append(_item(key, day, title, detail, DERIVED, plan["source"], expires))

    if job.start_date is not None:
        guidance("reference_letter", add_months(job.start_date, plan["reference_letter_months_after_start"]),
                 "Prepare the employment reference letter",
                 "Letterhead, signatory, job title, duties matching the NOC lead statement and main duties, dates, "
                 "hours a week, salary and benefits (S2; content per S32, verify on the official page).")
    if cec_from is not None:
        ready = add_months(cec_from, -plan["documents_ready_months_before_pool"])
        guidance("language_test_ready", ready, "Language test results ready",
                 f"Results must be less than {official['language_test_valid_years']['value']} years old when the "
                 f"permanent-residence application is made (IRPR R75(2)(d)).")
        if candidate.language_test_date and add_months(
                candidate.language_test_date, 12 * official["language_test_valid_years"]["value"]) <= cec_from:
            notes.append(f"The language test of {candidate.language_test_date.isoformat()} will be more than "
                         f"2 years old by {cec_from.isoformat()}: plan a new test.")
        if candidate.canadian_education_years == 0:
            guidance("eca_ready", ready, "Educational Credential Assessment (ECA) ready",
                     f"An ECA of the foreign credential, less than {official['eca_valid_years']['value']} years old, "
                     f"scores education points (CRS) and is an FSW minimum.")
        guidance("enter_pool", cec_from, "The worker can enter the Express Entry pool (Canadian Experience Class)",
                 "1,560 hours of TEER 0-3 work in Canada under this hire (S2). The profile stays in the pool up to "
                 "12 months (verify on the official page).")
    if expires is not None:
        lead = official["ita_to_eapr_days"]["value"] + plan["pr_document_lead_days"]
        guidance("latest_useful_invitation", expires - dt.timedelta(days=lead),
                 "Latest useful Express Entry invitation before the permit expires",
                 f"After an invitation the worker has {official['ita_to_eapr_days']['value']} days to submit the "
                 f"application (S14); police certificates and medicals take about {plan['pr_document_lead_days']} "
                 f"days. The application and a bridging open work permit should be filed before the permit expires.")
        months = plan["extension_months_before_expiry"].get(program, plan["extension_months_before_expiry"]["unknown"])
        guidance("start_permit_extension", add_months(expires, -months),
                 "Latest sensible date to start the work-permit extension",
                 f"Start {months} months before expiry ({plan['extension_note'].get(program, '')}) so that the "
                 f"extension is filed in time and maintained status, not hope, carries the worker.")
        items.append(_item("apply_for_extension_before", expires - dt.timedelta(days=1),
                           "Last day to apply for the extension and keep maintained status",
                           official["maintained_status"]["text"], official["maintained_status"]["status"],
                           official["maintained_status"]["source"], expires))
        items.append(_item("permit_expires", expires, "Work permit expires",
                           "The current permit's expiry date.", "OFFICIAL-COPY", "S5", None))
        if cec_from is not None and cec_from >= add_months(expires, -months):
            notes.append(f"The worker reaches the CEC hours on {cec_from.isoformat()}, after the date to start the "
                         f"permit extension: extend the permit first so that maintained status carries the worker.")
    if request.permit.cap_date is not None:
        guidance("ict_cap", request.permit.cap_date, "Intra-company transfer cap reached",
                 "The worker cannot renew an ICT permit past this date: a permanent-residence application (and a "
                 "bridging open work permit) must be in place before it.")
    bowp = official["bowp"]
    items.append(_item("bridging_open_work_permit", None, "Bridging open work permit (after applying for PR)",
                       f"{bowp['text']} Valid {bowp['validity_months']} months.", bowp["status"], bowp["source"],
                       expires))
    items.sort(key=lambda item: (item["date"] is None, item["date"] or ""))
    return items, notes

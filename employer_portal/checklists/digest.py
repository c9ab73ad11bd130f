"""What a hire's checklist PDF prints, as of now, and the hash of it.

- `document_for(hire)`: the `ChecklistDocument` (plain data) the PDF would print now.
- `current_hash(hire)`: its input hash (`document.input_hash`), memoised per hire change, so
  a download can tell cheaply whether a stored PDF still matches.
"""
from __future__ import annotations

import datetime as dt

from employer_portal.checklists.builder import ChecklistItem as WantedItem
from employer_portal.checklists.catalogue import load_catalogue
from employer_portal.checklists.document import (
    ChecklistDocument,
    DeadlineLine,
    DocumentItem,
    hire_summary,
    input_hash,
    route_label,
)
from employer_portal.checklists.items import current_items, payload_of, reference_data
from employer_portal.extensions import db
from employer_portal.models import Employer, Hire
from employer_portal.models.base import utcnow
from employer_portal.schemas.dates import HireDates
from employer_portal.schemas.hire import HirePayload


def report_of(hire: Hire, payload: HirePayload, refdata) -> dict | None:
    """The hire's compliance report (kept fresh by the hires service; computed if absent)."""
    if hire.report:
        return hire.report
    if not payload.program:
        return None
    from employer_portal.compliance import evaluate

    return evaluate(payload, refdata).to_dict()


def _lmia_text(report: dict | None) -> str | None:
    lmia = (report or {}).get("lmia") or {}
    if lmia.get("required"):
        return "LMIA required"
    return lmia.get("exemption_code")


def deadline_lines(hire: Hire, payload: HirePayload, today: dt.date) -> list[DeadlineLine]:
    """The deadlines known so far, from the pure calculator (none when it cannot tell yet)."""
    from employer_portal.deadlines import deadlines_for

    if not payload.program:
        return []
    try:
        dates = HireDates.model_validate(hire.dates or {})
        found = deadlines_for(payload.program, hire.status, payload, dates, today=today)
    except ValueError:  # stored dates that no longer validate, or a calculator that cannot tell yet
        return []
    return [DeadlineLine(d.title, d.due_date) for d in found]


def document_for(hire: Hire, *, now: dt.datetime | None = None, refdata=None) -> ChecklistDocument:
    """Everything the hire's checklist PDF prints, as of now."""
    from employer_portal.pathways_hire.pdf import pathways_section_for

    now = now or utcnow()
    refdata = refdata or reference_data()
    payload = payload_of(hire)
    report = report_of(hire, payload, refdata)
    noc = refdata.noc(payload.position.noc_code) if payload.position.noc_code else None
    employer = db.session.get(Employer, hire.employer_id)
    items = [
        DocumentItem(WantedItem(r.key, r.title, r.provider, r.why, r.rule, r.source, r.due, r.section),
                     r.status, r.waiver_reason)
        for r in current_items(hire)
    ]
    versions = {"checklist_catalogue": load_catalogue().version}
    if report and report.get("versions"):
        versions["rules"] = str(report["versions"].get("rules"))
        versions["reference_data"] = str(report["versions"].get("reference_data"))
    return ChecklistDocument(
        employer_name=employer.name,
        hire=hire_summary(payload, noc_title=noc.title if noc else None),
        route_label=route_label(payload.program),
        lmia_code=_lmia_text(report),
        findings=list((report or {}).get("findings") or []),
        items=items,
        deadlines=deadline_lines(hire, payload, now.date()),
        versions=versions,
        generated_at=now,
        pathways=pathways_section_for(hire, now.date()),
    )


# (hire, its last change, reference data, catalogue, day) -> input hash. Assembling the document
# costs several queries and the deadline calculator; a download only needs to know whether
# anything that goes into the PDF moved. Item changes touch the hire (items.touch), so the
# hire's `updated_at` covers them.
_HASH_MEMO: dict[tuple, str] = {}
_MEMO_SIZE = 4096


def remember(memo: dict, key, value) -> None:
    """Put `key` in a bounded per-process memo (cleared whole when full: cheap, and rare)."""
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = value


def current_hash(hire: Hire) -> str:
    """The input hash of the hire's checklist PDF as it would print now."""
    refdata = reference_data()
    key = (hire.id, hire.updated_at, tuple(refdata.versions.values()), load_catalogue().version, utcnow().date())
    digest = _HASH_MEMO.get(key)
    if digest is None:
        digest = input_hash(document_for(hire, refdata=refdata))
        remember(_HASH_MEMO, key, digest)
    return digest

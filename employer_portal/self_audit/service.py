"""The database side of the yearly self-audit and of the employer-wide compliance summary. Nothing here commits.

- `audit_view(employer, year)`: the checklist with this employer's answers and, for each condition, what a
  violation costs for its size (penalty range and ban).
- `save_answers(employer, year, answers, actor)`: upsert HR's answers (yes / no / n.a., note, accepted
  document as evidence), each change audited.
- `pack_files(hire, prefix)`: `self_audit/self_audit.json` and `.csv` of the hire's employer, for the years
  of the hire's employment, and a GTS hire's `benefits_plan/benefits_plan.json`, added to its inspection pack.
- `compliance_summary(employer, today)`: what is at risk, each with a link.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from employer_portal import accounts
from employer_portal.extensions import db
from employer_portal.models import Employer, Hire
from employer_portal.models.benefits_plan import SELF_AUDIT_ANSWERS, SelfAuditAnswer
from employer_portal.self_audit.conditions import QUESTIONS, audit_conditions
from employer_portal.timestamps import utc_iso

ANSWER_LABELS = {"yes": "Yes", "no": "No", "na": "Not applicable"}
FIRST_YEAR = 2000
SOURCE = "IRPR SOR/2002-227, Schedule 2 (conditions, violation types, penalties and bans); R209.93 (business size)"
CSV_COLUMNS = ["year", "schedule2_item", "provision", "condition", "question", "violation_type", "applies",
               "answer", "note", "document_id", "document_name", "answered_by", "answered_at"]


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    item: Literal[tuple(QUESTIONS)]  # type: ignore[valid-type]
    answer: Literal[SELF_AUDIT_ANSWERS]  # type: ignore[valid-type]
    note: str = Field(default="", max_length=2000)
    document_id: int | None = Field(default=None, gt=0, lt=2**31)


class AnswersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: int = Field(ge=FIRST_YEAR, le=2100)
    answers: list[AnswerIn] = Field(min_length=1, max_length=len(QUESTIONS))


class AuditError(Exception):
    def __init__(self, message: str, field: str = "body"):
        super().__init__(message)
        self.field = field


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def employer_programs(employer_id: int) -> set[str]:
    return set(db.session.scalars(select(Hire.program).where(
        Hire.employer_id == employer_id, Hire.status != "draft", Hire.program.is_not(None)).distinct()))


def answers_of(employer_id: int, year: int) -> dict[int, SelfAuditAnswer]:
    rows = db.session.scalars(SelfAuditAnswer.for_employer(employer_id).where(SelfAuditAnswer.year == year))
    return {row.schedule2_item: row for row in rows}


def audit_view(employer: Employer, year: int) -> dict:
    size = getattr(employer, "business_size", None)
    answers = answers_of(employer.id, year)
    items = []
    for condition in audit_conditions(employer_programs(employer.id), size):
        row = answers.get(condition.item)
        document = row.document if row is not None else None
        items.append({
            "item": condition.item, "provision": f"IRPR {condition.provision}", "condition": condition.condition,
            "question": condition.question, "violation_type": condition.type, "applies_to": condition.applies_to,
            "applies": condition.applies, "violation": condition.violation.as_json(),
            "answer": row.answer if row else None, "note": row.note if row else "",
            "document": ({"id": document.id, "original_name": document.original_name, "hire_id": document.hire_id}
                         if document is not None else None),
            "answered_by": (row.answered_by.email if row and row.answered_by else None),
            "answered_at": utc_iso(row.updated_at) if row else None,
        })
    wanted = [i for i in items if i["applies"]]
    return {"year": year, "business_size": size,
            "business_size_known": size is not None,
            "items": items, "total": len(wanted), "answered": sum(1 for i in wanted if i["answer"]),
            "unanswered": [i["item"] for i in wanted if not i["answer"]],
            "not_complied": [i["item"] for i in items if i["answer"] == "no"], "source": SOURCE}


def save_answers(employer: Employer, data: dict, actor) -> dict:
    """Upsert the answers of `data` ({year, answers: [...]}); raises ValidationError or AuditError."""
    parsed = AnswersIn.model_validate(data)
    existing = answers_of(employer.id, parsed.year)
    from employer_portal.models.document import Document

    answered: set = set()
    for answer in parsed.answers:
        if answer.item in answered:  # one row per item and year: a second answer would be a duplicate row
            raise AuditError(f"Item {answer.item} is answered twice; send each item once.", f"item {answer.item}")
        answered.add(answer.item)
        if answer.document_id is not None:
            document = db.session.scalar(Document.for_employer(employer.id).where(Document.id == answer.document_id))
            if document is None or document.status != "accepted":
                raise AuditError("Evidence must be an accepted document of this employer.", f"item {answer.item}")
        row = existing.get(answer.item)
        new = {"answer": answer.answer, "note": answer.note, "document_id": answer.document_id}
        if row is None:
            row = SelfAuditAnswer(employer_id=employer.id, year=parsed.year, schedule2_item=answer.item)
            db.session.add(row)
            old = {"answer": None, "note": None, "document_id": None}
        else:
            old = {"answer": row.answer, "note": row.note, "document_id": row.document_id}
        changes = {k: [old[k], v] for k, v in new.items() if old[k] != v}
        if not changes:
            continue
        row.answer, row.note, row.document_id = answer.answer, answer.note, answer.document_id
        row.answered_by_id = actor.id if actor else None
        db.session.flush()
        accounts.record(employer.id, "self_audit_answer", row.id, "answered", actor=actor,
                        changes={"year": [None, parsed.year], "schedule2_item": [None, answer.item], **changes})
    db.session.flush()
    db.session.expire_all()
    return audit_view(employer, parsed.year)


def _employment_years(hire: Hire, this_year: int) -> range:
    dates, position = hire.dates or {}, (hire.payload or {}).get("position") or {}
    start = dates.get("first_day_of_work") or position.get("start_date")
    end = dates.get("end_of_employment") or position.get("end_date")
    first = int(start[:4]) if start else this_year
    last = min(int(end[:4]), this_year) if end else this_year
    return range(min(first, last), last + 1)


def pack_files(hire: Hire, *, prefix: str, now: dt.datetime) -> list:
    """The employer's self-audit for each year of the hire's employment (to this year), as JSON and CSV."""
    from employer_portal.inspection.pack import PackFile, bytes_chunks

    employer = db.session.get(Employer, hire.employer_id)
    years = [audit_view(employer, year) for year in _employment_years(hire, now.year)]
    body = {"employer": employer.name, "hire_id": hire.id, "generated_at": now.isoformat(),
            "about": "The employer's yearly self-audit of the IRPR Schedule 2 conditions, answered by HR with "
                     "evidence; each condition with what a violation costs for the employer's size.",
            "years": years}
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(CSV_COLUMNS)
    for view in years:
        for i in view["items"]:
            cells = [view["year"], i["item"], i["provision"], i["condition"], i["question"], i["violation_type"],
                     "yes" if i["applies"] else "no", i["answer"] or "", i["note"],
                     (i["document"] or {}).get("id", ""), (i["document"] or {}).get("original_name", ""),
                     i["answered_by"] or "", i["answered_at"] or ""]
            writer.writerow([_csv_cell(c) for c in cells])
    files = [PackFile(f"{prefix}self_audit/self_audit.json",
                      bytes_chunks(json.dumps(body, indent=2, ensure_ascii=False, default=str).encode())),
             PackFile(f"{prefix}self_audit/self_audit.csv", bytes_chunks(text.getvalue().encode()))]
    from employer_portal.benefits_plan import service as benefits_plan

    # A GTS hire's LMBP commitments are conditions an inspection checks too (R209.3(1)(b)): the plan as of today.
    if benefits_plan.is_gts(hire) and benefits_plan.commitments_of(hire):
        plan = benefits_plan.plan_view(hire, on=now.date())
        files.append(PackFile(f"{prefix}benefits_plan/benefits_plan.json",
                              bytes_chunks(json.dumps(plan, indent=2, ensure_ascii=False, default=str).encode())))
    return files


def _csv_cell(value) -> str:
    """A CSV cell a spreadsheet will not run (as the pack's other CSVs)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# --- the employer-wide summary ------------------------------------------------------------

def _terms_changes(employer_id: int) -> list[dict]:
    """Changes to the terms of live hires that the Conditions section recorded but did not apply: each needs a new
    offer, LMIA or permit first, or is a violation risk (IRPR R209.2 / R209.3; `Hire.terms_changes`)."""
    hires = db.session.scalars(select(Hire).where(Hire.employer_id == employer_id,
                                                  Hire.status.in_(("submitted", "filed", "approved", "active")))
                               .order_by(Hire.id)).all()
    found = []
    for hire in hires:
        for entry in getattr(hire, "terms_changes", None) or []:
            if entry.get("applied"):
                continue
            decision = entry.get("decision") or {}
            fields = ", ".join(f.get("label") or f.get("field", "") for f in decision.get("fields", []))
            found.append({"severity": "high" if decision.get("outcome") == "violation_risk" else "medium",
                          "title": f"Change of terms: {decision.get('outcome_label', 'not applied')}",
                          "detail": f"{fields} (recorded {str(entry.get('at', ''))[:10]}).", "hire_id": hire.id,
                          "worker_name": hire.worker_name, "href": f"/hires/{hire.id}#conditions",
                          "api_href": f"/api/v1/hires/{hire.id}/conditions"})
    return found


# Each entry's `kind` in the compliance summary below (the OpenAPI document's enum reads it from here).
AT_RISK_KINDS = ("lmbp_commitment_missed", "lmbp_commitment_at_risk", "deadline_overdue", "terms_change",
                 "self_audit_unanswered", "self_audit_no")


def compliance_summary(employer: Employer, *, on: dt.date | None = None) -> dict:
    """What is at risk for the employer today, each with a page link (`href`) and an API link (`api_href`)."""
    from employer_portal.benefits_plan.service import at_risk_commitments
    from employer_portal.reminders.views_data import overdue as overdue_deadlines

    on = on or today()
    at_risk = []
    for hire, c in at_risk_commitments(employer.id, on=on):
        at_risk.append({"kind": f"lmbp_commitment_{c['status']}",
                        "severity": "high" if c["status"] == "missed" else "medium",
                        "title": f"LMBP commitment {c['status_label'].lower()}: {c['benefit_label']}",
                        "detail": c["reason"], "hire_id": hire.id, "worker_name": hire.worker_name,
                        "href": f"/hires/{hire.id}#benefits-plan",
                        "api_href": f"/api/v1/hires/{hire.id}/benefits-plan"})
    for deadline, hire in overdue_deadlines(employer.id, on):
        at_risk.append({"kind": "deadline_overdue", "severity": "high", "title": f"Overdue: {deadline.title}",
                        "detail": f"Due {deadline.due_date.isoformat()}.", "hire_id": hire.id,
                        "worker_name": hire.worker_name, "href": f"/hires/{hire.id}#deadline-{deadline.id}",
                        "api_href": f"/api/v1/hires/{hire.id}/deadlines"})
    for change in _terms_changes(employer.id):
        at_risk.append({"kind": "terms_change", **change})
    audit = audit_view(employer, on.year)
    by_item = {i["item"]: i for i in audit["items"]}
    if audit["unanswered"]:
        # One entry for the lot: the page lists each condition; the first unanswered one is the link.
        first = audit["unanswered"][0]
        at_risk.append({"kind": "self_audit_unanswered", "severity": "low",
                        "title": f"Self-audit {on.year}: {len(audit['unanswered'])} of {audit['total']} conditions "
                                 "not answered yet",
                        "detail": "First: " + by_item[first]["question"], "items": audit["unanswered"],
                        "hire_id": None, "href": f"/compliance#item-{first}",
                        "api_href": "/api/v1/employer/self-audit"})
    for item in audit["not_complied"]:
        at_risk.append({"kind": "self_audit_no", "severity": "high",
                        "title": f"Self-audit {on.year}: answered no", "detail": by_item[item]["question"],
                        "hire_id": None, "href": f"/compliance#item-{item}", "api_href": "/api/v1/employer/self-audit"})
    counts: dict[str, int] = {}
    for entry in at_risk:
        counts[entry["kind"]] = counts.get(entry["kind"], 0) + 1
    return {"as_of": on.isoformat(), "business_size": audit["business_size"], "counts": counts, "at_risk": at_risk,
            "self_audit": {"year": on.year, "answered": audit["answered"], "total": audit["total"],
                           "href": "/compliance#self-audit", "api_href": "/api/v1/employer/self-audit"}}

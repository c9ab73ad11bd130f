"""The database side of the LMBP tracker. Views and the API call these; nothing here commits.

- `plan_view(hire, on=)`: commitments with their activities and status, the review deadlines with their
  reminders, and what the plan lacks (plain data, ISO dates).
- `save_plan(hire, data, actor)`: the signing date (kept as the hire's recorded `lmbp_signed_on`, which
  the deadline calculator turns into the `lmbp_review:N` reviews and their reminders) and new commitments.
- `add_activity(hire, data, actor)`: an activity against a commitment, with an accepted document as evidence.
- `report_pdf(hire, on=)`: the one-page progress report for ESDC's review.
Each change is audited.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select

from employer_portal import accounts
from employer_portal.benefits_plan.status import (BENEFIT_LABELS, CommitmentStatus, commitment_status,
                                                  plan_findings)
from employer_portal.extensions import db
from employer_portal.models import Employer, Hire
from employer_portal.models.benefits_plan import LMBP_BENEFITS, LmbpActivity, LmbpCommitment
from employer_portal.models.deadline import Deadline

GTS_PROGRAMS = ("gts_a", "gts_b")
REVIEW_KIND = "lmbp_review"
SOURCE = ("ESDC, Program requirements for the Global Talent Stream (Labour Market Benefits Plan; progress reviews "
          "about a year after signing, then yearly); IRPR R209.3(1)(b), Schedule 2 items 11–14")


class PlanError(Exception):
    def __init__(self, message: str, status: int = 422, field: str = "body"):
        super().__init__(message)
        self.status, self.field = status, field


class CommitmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    benefit: Literal[LMBP_BENEFITS]  # type: ignore[valid-type]
    mandatory: bool = False
    description: str = Field(min_length=1, max_length=2000)
    target: float = Field(gt=0, le=1e9)
    unit: str = Field(default="", max_length=60)
    start_date: dt.date | None = None
    due_date: dt.date

    @model_validator(mode="after")
    def _dates_in_order(self):
        if self.start_date and self.start_date > self.due_date:
            raise ValueError("start_date must not be after due_date")
        return self


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    signed_on: dt.date | None = None
    commitments: list[CommitmentIn] = Field(default_factory=list, max_length=50)


class ActivityIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    commitment_id: int = Field(gt=0, lt=2**31)
    occurred_on: dt.date
    progress: float = Field(ge=0, le=1e9)
    description: str = Field(min_length=1, max_length=2000)
    document_id: int | None = Field(default=None, gt=0, lt=2**31)


def is_gts(hire: Hire) -> bool:
    return hire.program in GTS_PROGRAMS


def require_gts(hire: Hire) -> None:
    if not is_gts(hire):
        raise PlanError("A Labour Market Benefits Plan belongs to Global Talent Stream hires only.", 409, "program")


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def commitments_of(hire: Hire) -> list[LmbpCommitment]:
    return list(db.session.scalars(
        LmbpCommitment.for_employer(hire.employer_id).where(LmbpCommitment.hire_id == hire.id)
        .order_by(LmbpCommitment.mandatory.desc(), LmbpCommitment.due_date, LmbpCommitment.id)))


def review_deadlines(hire: Hire) -> list[Deadline]:
    """The plan's progress reviews: the calculator's `lmbp_review:N` deadlines of the hire."""
    return list(db.session.scalars(
        Deadline.for_employer(hire.employer_id).where(Deadline.hire_id == hire.id, Deadline.kind == REVIEW_KIND,
                                                      Deadline.active.is_(True)).order_by(Deadline.due_date)))


def signed_on(hire: Hire) -> dt.date | None:
    value = (hire.dates or {}).get("lmbp_signed_on")
    return dt.date.fromisoformat(value) if value else None


def status_of(commitment: LmbpCommitment, reviews: list[dt.date], on: dt.date) -> CommitmentStatus:
    achieved = sum(a.progress for a in commitment.activities if a.occurred_on <= on)
    return commitment_status(target=commitment.target, achieved=achieved, start_date=commitment.start_date,
                             due_date=commitment.due_date, reviews=reviews, on=on)


def _activity_json(activity: LmbpActivity) -> dict:
    document = activity.document
    return {"id": activity.id, "occurred_on": activity.occurred_on.isoformat(), "progress": activity.progress,
            "description": activity.description,
            "document": ({"id": document.id, "original_name": document.original_name, "item_key": document.item_key,
                          "status": document.status} if document is not None else None)}


def _reminder_json(reminder) -> dict:
    return {"lead_days": reminder.lead_days, "send_on": reminder.send_on.isoformat(), "status": reminder.status,
            "recipient": reminder.recipient}


def plan_view(hire: Hire, *, on: dt.date | None = None) -> dict:
    """Everything the hire page, the API and the report show about the plan, as of `on` (today)."""
    on = on or today()
    reviews = review_deadlines(hire)
    review_dates = [r.due_date for r in reviews]
    commitments = []
    for commitment in commitments_of(hire):
        status = status_of(commitment, review_dates, on)
        commitments.append({
            "id": commitment.id, "benefit": commitment.benefit, "benefit_label": BENEFIT_LABELS[commitment.benefit],
            "mandatory": commitment.mandatory, "description": commitment.description, "target": commitment.target,
            "unit": commitment.unit, "start_date": commitment.start_date.isoformat() if commitment.start_date else None,
            "due_date": commitment.due_date.isoformat(), "achieved": status.achieved, "percent": status.percent,
            "status": status.status, "status_label": status.label, "reason": status.reason,
            "activities": [_activity_json(a) for a in commitment.activities],
        })
    signed = signed_on(hire)
    return {
        "hire_id": hire.id, "program": hire.program, "as_of": on.isoformat(),
        "signed_on": signed.isoformat() if signed else None,
        "reviews": [{"key": r.key, "title": r.title, "due_date": r.due_date.isoformat(), "deadline_id": r.id,
                     "passed": r.due_date < on, "done": r.done_at is not None,
                     "reminders": [_reminder_json(m) for m in r.reminders if m.status != "cancelled"]}
                    for r in reviews],
        "commitments": commitments,
        "plan_findings": plan_findings(hire.program, [(c["benefit"], c["mandatory"]) for c in commitments]),
        "source": SOURCE,
    }


def save_plan(hire: Hire, data: dict, actor) -> list[LmbpCommitment]:
    """Record the signing date (when given) and add the new commitments. Raises ValidationError or PlanError."""
    require_gts(hire)
    plan = PlanIn.model_validate(data)
    if plan.signed_on is not None and plan.signed_on != signed_on(hire):
        if hire.status == "draft":
            raise PlanError("Record the signing date once the hire is submitted.", 409, "signed_on")
        from employer_portal.deadlines.service import record_dates

        # One place for the date: the hire's recorded dates, which the deadline calculator reads.
        record_dates(hire, {**(hire.dates or {}), "lmbp_signed_on": plan.signed_on.isoformat()}, actor)
    created = []
    for item in plan.commitments:
        row = LmbpCommitment(employer_id=hire.employer_id, hire_id=hire.id, created_by_id=actor.id if actor else None,
                             **item.model_dump())
        db.session.add(row)
        db.session.flush()
        accounts.record(hire.employer_id, "lmbp_commitment", row.id, "created", actor=actor,
                        changes={"hire_id": [None, hire.id], **{k: [None, v] for k, v in
                                                                 item.model_dump(mode="json").items()}})
        created.append(row)
    return created


def add_activity(hire: Hire, data: dict, actor) -> LmbpActivity:
    """Record an activity against one of the hire's commitments. Raises ValidationError or PlanError."""
    require_gts(hire)
    activity = ActivityIn.model_validate(data)
    commitment = db.session.scalar(LmbpCommitment.for_employer(hire.employer_id).where(
        LmbpCommitment.hire_id == hire.id, LmbpCommitment.id == activity.commitment_id))
    if commitment is None:
        raise PlanError("This hire's plan has no such commitment.", 422, "commitment_id")
    if activity.document_id is not None:
        from employer_portal.models.document import Document

        document = db.session.scalar(Document.for_employer(hire.employer_id).where(
            Document.hire_id == hire.id, Document.id == activity.document_id))
        if document is None or document.status != "accepted":
            raise PlanError("Evidence must be an accepted document of this hire.", 422, "document_id")
    row = LmbpActivity(employer_id=hire.employer_id, hire_id=hire.id, recorded_by_id=actor.id if actor else None,
                       **activity.model_dump())
    db.session.add(row)
    db.session.flush()
    accounts.record(hire.employer_id, "lmbp_activity", row.id, "recorded", actor=actor,
                    changes={k: [None, v] for k, v in activity.model_dump(mode="json").items()})
    db.session.refresh(commitment)
    return row


def evidence_documents(hire: Hire) -> list:
    """The hire's accepted documents HR can cite as evidence."""
    from employer_portal.models.document import Document

    return list(db.session.scalars(Document.for_employer(hire.employer_id).where(
        Document.hire_id == hire.id, Document.status == "accepted").order_by(Document.id)))


def report_pdf(hire: Hire, *, on: dt.date | None = None) -> bytes:
    from employer_portal.benefits_plan.report import render_report_pdf

    employer = db.session.get(Employer, hire.employer_id)
    return render_report_pdf(employer_name=employer.name, hire=hire, plan=plan_view(hire, on=on),
                             generated_at=dt.datetime.now(dt.timezone.utc))


def at_risk_commitments(employer_id: int, *, on: dt.date | None = None) -> list[tuple[Hire, dict]]:
    """(hire, commitment view) for every missed or at-risk commitment of the employer's GTS hires."""
    on = on or today()
    hire_ids = db.session.scalars(select(LmbpCommitment.hire_id).where(
        LmbpCommitment.employer_id == employer_id).distinct()).all()
    found = []
    for hire_id in sorted(hire_ids):
        hire = db.session.get(Hire, hire_id)
        for commitment in plan_view(hire, on=on)["commitments"]:
            if commitment["status"] in ("missed", "at_risk"):
                found.append((hire, commitment))
    return found

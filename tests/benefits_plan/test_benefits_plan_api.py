"""The LMBP tracker over the API: commitments, activities with evidence, the progress reviews as deadlines with
reminders, the status per commitment and the one-page progress report (issue 14, item 3)."""
from __future__ import annotations

import datetime as dt
import io

import pytest

UTC = dt.timezone.utc
PLAN = {
    "signed_on": "2026-01-15",
    "commitments": [
        {"benefit": "skills_training", "mandatory": True, "description": "Data engineering course for staff",
         "target": 100, "unit": "training hours", "start_date": "2026-01-15", "due_date": "2027-01-15"},
        {"benefit": "job_creation", "description": "Hire Canadian junior engineers", "target": 2, "unit": "hires",
         "start_date": "2026-01-15", "due_date": "2027-12-31"},
    ],
}


@pytest.fixture
def plan_hire(time_machine, hr_user, hr_api, gts_hire, accepted_document):
    """An approved GTS B hire whose plan (signed 2026-01-15) has two commitments and one activity, on 2026-12-01."""
    time_machine.move_to(dt.datetime(2026, 12, 1, 14, 0, tzinfo=UTC), tick=False)
    hire_id = gts_hire(hr_user)
    response = hr_api.post(f"/api/v1/hires/{hire_id}/benefits-plan", json=PLAN)
    assert response.status_code == 201, response.get_json()
    plan = response.get_json()
    skills = next(c for c in plan["commitments"] if c["benefit"] == "skills_training")
    document_id = accepted_document(hire_id)
    response = hr_api.post(f"/api/v1/hires/{hire_id}/benefits-plan/activities",
                           json={"commitment_id": skills["id"], "occurred_on": "2026-06-10", "progress": 40,
                                 "description": "Spring cohort, 40 hours", "document_id": document_id})
    assert response.status_code == 201, response.get_json()
    return hire_id


def _by_benefit(plan: dict) -> dict:
    return {c["benefit"]: c for c in plan["commitments"]}


def test_the_first_review_is_a_deadline_a_year_after_signing_with_its_reminder_planned(app, plan_hire, hr_user,
                                                                                       hr_api):
    """ESDC GTS program requirements: 'The first progress review will take place about 1 year after the LMBP is
    signed'; the review is a deadline whose reminders wait in the outbox."""
    from employer_portal.extensions import db
    from employer_portal.models.deadline import Deadline, ReminderOutbox

    plan = hr_api.get(f"/api/v1/hires/{plan_hire}/benefits-plan").get_json()
    first = plan["reviews"][0]
    assert (first["key"], first["due_date"]) == ("lmbp_review:1", "2027-01-15")
    assert plan["reviews"][1]["due_date"] == "2028-01-15"
    with app.app_context():
        deadline = db.session.scalar(db.select(Deadline).where(Deadline.hire_id == plan_hire,
                                                               Deadline.key == "lmbp_review:1"))
        rows = db.session.scalars(db.select(ReminderOutbox).where(ReminderOutbox.deadline_id == deadline.id)).all()
    planned = {(r.lead_days, r.send_on.isoformat(), r.recipient, r.status) for r in rows}
    assert (1, "2027-01-14", hr_user.email, "pending") in planned
    assert any(m["send_on"] == "2027-01-14" and m["status"] == "pending" for m in first["reminders"])


def test_before_the_review_the_commitments_are_at_risk_or_on_track_not_missed(plan_hire, hr_api):
    """Before its due date a commitment is not missed; 40 of 100 hours six weeks before the review is at risk."""
    plan = _by_benefit(hr_api.get(f"/api/v1/hires/{plan_hire}/benefits-plan").get_json())
    assert plan["skills_training"]["status"] == "at_risk"
    assert plan["skills_training"]["activities"][0]["document"]["original_name"] == "training-invoice.pdf"
    assert plan["job_creation"]["status"] in ("on_track", "at_risk")


def test_a_commitment_missed_at_its_review_date_shows_the_miss(time_machine, plan_hire, hr_api):
    """IRPR R209.3(1)(b) (Schedule 2 items 11–14, Type B): a commitment that was a factor in the LMIA is a
    condition; at the review of 2027-01-15 the skills target (40 of 100 hours) is missed."""
    time_machine.move_to(dt.datetime(2027, 1, 20, 14, 0, tzinfo=UTC), tick=False)
    plan = hr_api.get(f"/api/v1/hires/{plan_hire}/benefits-plan").get_json()
    commitments = _by_benefit(plan)
    assert commitments["skills_training"]["status"] == "missed"
    assert "progress review of 2027-01-15" in commitments["skills_training"]["reason"]
    assert commitments["job_creation"]["status"] == "at_risk"  # nothing done by a passed review
    assert plan["reviews"][0]["passed"] is True


def test_the_progress_report_is_a_one_page_pdf_showing_the_miss(time_machine, plan_hire, hr_api):
    """Issue 14: 'a one-page progress report (PDF) for the review', read back with pypdf."""
    from pypdf import PdfReader

    time_machine.move_to(dt.datetime(2027, 1, 20, 14, 0, tzinfo=UTC), tick=False)
    response = hr_api.get(f"/api/v1/hires/{plan_hire}/benefits-plan/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.get_data()))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Labour Market Benefits Plan" in text and "Missed" in text
    assert "2027-01-15" in text and "Spring cohort" in text


def test_the_missed_commitment_is_at_risk_on_the_employer_compliance_summary(time_machine, plan_hire, hr_api):
    """Issue 14 item 5: the employer-wide page lists what is at risk, each with a link."""
    time_machine.move_to(dt.datetime(2027, 1, 20, 14, 0, tzinfo=UTC), tick=False)
    summary = hr_api.get("/api/v1/employer/compliance").get_json()
    missed = [e for e in summary["at_risk"] if e["kind"] == "lmbp_commitment_missed"]
    assert len(missed) == 1 and missed[0]["href"] == f"/hires/{plan_hire}#benefits-plan"
    assert summary["counts"]["self_audit_unanswered"] >= 1


def test_evidence_must_be_an_accepted_document_of_the_hire(plan_hire, hr_api, accepted_document):
    """A document still waiting for review is not evidence yet."""
    plan = hr_api.get(f"/api/v1/hires/{plan_hire}/benefits-plan").get_json()
    pending = accepted_document(plan_hire, name="draft.pdf", status="pending_review")
    response = hr_api.post(f"/api/v1/hires/{plan_hire}/benefits-plan/activities",
                           json={"commitment_id": plan["commitments"][0]["id"], "occurred_on": "2026-07-01",
                                 "progress": 5, "description": "x", "document_id": pending})
    assert response.status_code == 422 and "document_id" in response.get_json()["errors"]


def test_a_commitment_without_a_target_is_refused(plan_hire, hr_api):
    """RULES.md 1.6: 'Each activity needs a measurable quantitative target and start/end dates.'"""
    response = hr_api.post(f"/api/v1/hires/{plan_hire}/benefits-plan",
                           json={"commitments": [{"benefit": "knowledge_transfer", "description": "Mentoring",
                                                  "target": 0, "due_date": "2027-06-30"}]})
    assert response.status_code == 422 and "commitments.0.target" in response.get_json()["errors"]


def test_a_hire_outside_gts_has_no_benefits_plan(hr_user, hr_api, gts_hire):
    """RULES.md 1.6: the LMBP is a Global Talent Stream requirement; an ICT hire has none (409)."""
    hire_id = gts_hire(hr_user, program="ict")
    assert hr_api.get(f"/api/v1/hires/{hire_id}/benefits-plan").status_code == 409
    assert hr_api.post(f"/api/v1/hires/{hire_id}/benefits-plan", json=PLAN).status_code == 409


def test_changes_are_in_the_audit_trail(app, plan_hire):
    """Each commitment and activity is recorded in the audit trail with who did it."""
    from employer_portal.extensions import db
    from employer_portal.models import AuditEvent

    with app.app_context():
        actions = {(e.entity, e.action) for e in db.session.scalars(db.select(AuditEvent))}
    assert {("lmbp_commitment", "created"), ("lmbp_activity", "recorded"), ("hire", "dates_recorded")} <= actions


@pytest.mark.parametrize("method, path", [
    ("get", "/api/v1/hires/{id}/benefits-plan"), ("post", "/api/v1/hires/{id}/benefits-plan"),
    ("post", "/api/v1/hires/{id}/benefits-plan/activities"), ("get", "/api/v1/hires/{id}/benefits-plan/report.pdf"),
])
def test_another_employers_plan_is_404(make, api_for, plan_hire, method, path):
    """Tenancy: another employer's hire is not found, never forbidden."""
    other = api_for(make.user(make.employer("Other Co"), role="admin"))
    call = getattr(other, method)
    response = call(path.format(id=plan_hire), json=PLAN) if method == "post" else call(path.format(id=plan_hire))
    assert response.status_code == 404


@pytest.mark.parametrize("path, body", [
    ("/api/v1/hires/{id}/benefits-plan", PLAN),
    ("/api/v1/hires/{id}/benefits-plan/activities",
     {"commitment_id": 1, "occurred_on": "2026-07-01", "progress": 1, "description": "x"}),
    ("/api/v1/employer/self-audit", {"year": 2026, "answers": [{"item": 9, "answer": "yes"}]}),
])
def test_a_viewer_cannot_write(make, api_for, hr_user, plan_hire, path, body):
    """Roles: viewers read, HR and admins change (403 for a viewer's write)."""
    viewer = api_for(make.user(hr_user.employer_id, role="viewer"))
    assert viewer.post(path.format(id=plan_hire), json=body).status_code == 403
    assert viewer.get(f"/api/v1/hires/{plan_hire}/benefits-plan").status_code == 200


def test_the_plan_goes_into_the_hires_inspection_pack(app, plan_hire, hr_api):
    """IRPR R209.3(1)(b): LMBP commitments that were a factor in the LMIA are conditions an inspection checks."""
    import json
    import zipfile

    from employer_portal.checklists.storage import storage_from_config
    from employer_portal.inspection import service

    response = hr_api.post(f"/api/v1/hires/{plan_hire}/inspection-pack")
    with app.app_context():
        assert service.run_pack(response.get_json()["job"]["id"], storage=storage_from_config(app.config),
                                key_setting=app.config["DATA_ENCRYPTION_KEY"]) == "ready"
    download = hr_api.get(f"/api/v1/hires/{plan_hire}/inspection-pack?download=1")
    archive = zipfile.ZipFile(io.BytesIO(download.get_data()))
    plan = json.loads(archive.read("benefits_plan/benefits_plan.json"))
    assert {c["benefit"] for c in plan["commitments"]} == {"skills_training", "job_creation"}

"""The yearly compliance self-audit: HR answers each IRPR Schedule 2 condition with evidence, sees what a
violation costs for the employer's size, and the answers go into the inspection pack (issue 14, item 4)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest

UTC = dt.timezone.utc


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2027, 2, 1, 14, 0, tzinfo=UTC), tick=False)


def test_each_condition_shows_its_violation_type_penalty_and_ban(hr_api):
    """IRPR Schedule 2, item 9 (R209.3(1)(a)(iv)): wages and working conditions as offered is a Type B
    condition; Type B runs from $750 (small business) to $100,000 and a ban of up to permanent."""
    audit = hr_api.get("/api/v1/employer/self-audit?year=2027").get_json()
    wages = next(i for i in audit["items"] if i["item"] == 9)
    assert wages["violation_type"] == "B" and wages["answer"] is None
    assert wages["violation"]["penalty_min"] == 750 and wages["violation"]["penalty_max"] == 100000
    assert wages["violation"]["ban_max"] == "permanent"
    assert {1, 2, 4, 17, 25} <= {i["item"] for i in audit["items"]}


def test_a_small_business_sees_the_small_business_column_only(app, hr_user, hr_api):
    """IRPR R209.93: a small business (fewer than 100 employees or under $5M revenue) has its own penalty column;
    Type A at 2 points is $500 for it against $750 for a large business."""
    from employer_portal.extensions import db
    from employer_portal.models import Employer

    with app.app_context():
        db.session.get(Employer, hr_user.employer_id).employee_count = 40
        db.session.commit()
    audit = hr_api.get("/api/v1/employer/self-audit?year=2027").get_json()
    records = next(i for i in audit["items"] if i["item"] == 2)["violation"]
    assert audit["business_size"] == "small"
    assert records["penalty_min"] == 500 and "for a small business" in records["range_text"]


def test_a_change_of_terms_not_applied_is_at_risk_on_the_compliance_summary(hr_user, hr_api, gts_hire):
    """IRPR R209.3(1)(a)(iv): a wage cut on a running GTS hire is a violation risk; the compliance page lists it."""
    hire_id = gts_hire(hr_user, status="active")
    response = hr_api.post(f"/api/v1/hires/{hire_id}/terms-changes", json={"wage_amount": 100000})
    assert response.status_code == 201, response.get_json()
    summary = hr_api.get("/api/v1/employer/compliance").get_json()
    change = next(e for e in summary["at_risk"] if e["kind"] == "terms_change")
    assert change["severity"] == "high" and change["href"] == f"/hires/{hire_id}#conditions"


def test_lmia_conditions_do_not_concern_an_employer_of_ict_workers_only(hr_user, hr_api, gts_hire):
    """IRPR Schedule 2: items 11–14 and 29 apply to LMIA (TFWP) workers; item 1 to LMIA-exempt (IMP) workers."""
    gts_hire(hr_user, program="ict")
    items = {i["item"]: i for i in hr_api.get("/api/v1/employer/self-audit?year=2027").get_json()["items"]}
    assert items[11]["applies"] is False and items[29]["applies"] is False
    assert items[1]["applies"] is True and items[9]["applies"] is True


def test_answers_are_saved_per_year_and_audited(app, hr_api):
    """HR answers yes, no or n.a. with an evidence note; the answer is kept for that year and audited."""
    from employer_portal.extensions import db
    from employer_portal.models import AuditEvent

    body = {"year": 2027, "answers": [{"item": 17, "answer": "yes", "note": "Anti-harassment policy v3, signed"},
                                      {"item": 25, "answer": "no", "note": "Sent on day 3"}]}
    audit = hr_api.post("/api/v1/employer/self-audit", json=body).get_json()
    items = {i["item"]: i for i in audit["items"]}
    assert items[17]["answer"] == "yes" and items[17]["note"].startswith("Anti-harassment")
    assert audit["not_complied"] == [25]
    assert hr_api.get("/api/v1/employer/self-audit?year=2026").get_json()["answered"] == 0
    summary = hr_api.get("/api/v1/employer/compliance").get_json()
    assert any(e["kind"] == "self_audit_no" and e["href"] == "/compliance#item-25" for e in summary["at_risk"])
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent)
                                 .where(AuditEvent.entity == "self_audit_answer")) == 2


def test_an_unknown_answer_is_refused(hr_api):
    """Answers are yes, no or na only."""
    response = hr_api.post("/api/v1/employer/self-audit",
                           json={"year": 2027, "answers": [{"item": 9, "answer": "maybe"}]})
    assert response.status_code == 422 and "answers.0.answer" in response.get_json()["errors"]


def test_another_employers_document_is_not_evidence(make, hr_api, gts_hire, accepted_document):
    """Tenancy: evidence is an accepted document of this employer."""
    other = make.user(make.employer("Other Co"), role="admin")
    document = accepted_document(gts_hire(other))
    response = hr_api.post("/api/v1/employer/self-audit",
                           json={"year": 2027, "answers": [{"item": 2, "answer": "yes", "document_id": document}]})
    assert response.status_code == 422


def test_self_audit_answers_land_in_the_inspection_pack(app, hr_user, hr_api, gts_hire, accepted_document):
    """Issue 14 item 4: 'the answers and their evidence go into the inspection pack' (self_audit.json and .csv)."""
    from employer_portal.checklists.storage import storage_from_config
    from employer_portal.inspection import service

    hire_id = gts_hire(hr_user)
    document = accepted_document(hire_id, name="abuse-policy.pdf")
    hr_api.post("/api/v1/employer/self-audit", json={"year": 2027, "answers": [
        {"item": 17, "answer": "yes", "note": "Policy posted in the office", "document_id": document}]})
    response = hr_api.post(f"/api/v1/hires/{hire_id}/inspection-pack")
    assert response.status_code == 202, response.get_json()
    with app.app_context():
        assert service.run_pack(response.get_json()["job"]["id"], storage=storage_from_config(app.config),
                                key_setting=app.config["DATA_ENCRYPTION_KEY"]) == "ready"
    archive = zipfile.ZipFile(io.BytesIO(hr_api.get(f"/api/v1/hires/{hire_id}/inspection-pack?download=1").get_data()))
    body = json.loads(archive.read("self_audit/self_audit.json"))
    assert [y["year"] for y in body["years"]] == [2026, 2027]  # employment from 2026-03-02, to this year
    answered = next(i for i in body["years"][1]["items"] if i["item"] == 17)
    assert answered["answer"] == "yes" and answered["document"]["original_name"] == "abuse-policy.pdf"
    rows = list(csv.DictReader(io.StringIO(archive.read("self_audit/self_audit.csv").decode())))
    row = next(r for r in rows if r["year"] == "2027" and r["schedule2_item"] == "17")
    assert (row["answer"], row["note"], row["document_id"]) == ("yes", "Policy posted in the office", str(document))

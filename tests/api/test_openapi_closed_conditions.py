"""The closed response schemas of the Conditions, LMBP, self-audit and compliance endpoints match what the server
writes (issue 13 item 7), with data that fills every optional part: a frozen baseline, changes of terms with and
without a condition at stake, filing records that disagree, a plan with commitments, activities and reviews, an
answered self-audit and a hire at risk. Closed objects make any field the document forgets fail."""
from __future__ import annotations

import copy
import datetime as dt

import jsonschema_rs
import pytest

from tests.conditions.conditions_samples import GTS_B as CONDITIONS_GTS_B

UTC = dt.UTC
# The Conditions tests' GTS B hire (no blocker, so it can be submitted), starting a month after this file's clock.
GTS_B = {**CONDITIONS_GTS_B, "position": {**CONDITIONS_GTS_B["position"], "start_date": "2026-03-02"}}
LMIA = {"number": "9876543", "noc_code": "21231", "job_title": "Senior software engineer",
        "employer_name": "Maple Analytics", "wage_amount": 135000, "wage_period": "year", "hours_per_week": 40,
        "province": "ON", "city": "Toronto", "start_date": "2026-03-02", "end_date": "2029-02-28"}
PLAN = {"signed_on": "2026-03-16", "commitments": [
    {"benefit": "skills_training", "mandatory": True, "description": "Data engineering course for staff",
     "target": 100, "unit": "training hours", "start_date": "2026-03-16", "due_date": "2027-03-16"},
    {"benefit": "job_creation", "description": "Hire a Canadian junior engineer", "target": 1, "unit": "hires",
     "due_date": "2026-11-30"}]}


@pytest.fixture(autouse=True)
def winter_2026(time_machine):
    time_machine.move_to(dt.datetime(2026, 2, 2, 14, 0, tzinfo=UTC), tick=False)


@pytest.fixture
def hr(make):
    return make.user(make.employer("Maple Analytics"), role="hr")


@pytest.fixture
def hr_api(api_for, hr, refdata_loaded):
    return api_for(hr)


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").get_json()


@pytest.fixture
def approved_hire(hr_api):
    """The id of a GTS B hire submitted (its offer frozen as the baseline), filed and approved."""
    hire_id = _call(hr_api.post("/api/v1/hires", json=copy.deepcopy(GTS_B)), 201)["id"]
    _call(hr_api.post(f"/api/v1/hires/{hire_id}/submit"), 200)
    for status in ("filed", "approved"):
        assert hr_api.post(f"/api/v1/hires/{hire_id}/status", json={"status": status}).status_code == 200
    return hire_id


@pytest.fixture
def accepted_document(app):
    """accepted_document(hire_id) -> the id of an accepted document of the hire, stored as an upload is."""

    def create(hire_id: int) -> int:
        from employer_portal.extensions import db
        from employer_portal.inspection.documents import store_for_hire
        from employer_portal.models import Hire

        with app.app_context():
            row = store_for_hire(db.session.get(Hire, hire_id), b"%PDF-1.4\n" + b"invoice " * 50,
                                 item_key="lmbp_evidence", content_type="application/pdf",
                                 original_name="training-invoice.pdf", status="accepted")
            db.session.commit()
            return row.id

    return create


@pytest.fixture
def small_business(app, hr):
    """The employer has 40 employees: a small business (IRPR R209.93), so penalties name one column."""
    from employer_portal.extensions import db
    from employer_portal.models import Employer

    with app.app_context():
        db.session.get(Employer, hr.employer_id).employee_count = 40
        db.session.commit()


@pytest.fixture
def plan_hire(time_machine, hr_api, approved_hire, accepted_document):
    """On 2026-12-01: the approved hire's plan (signed 2026-03-16, so its reviews are deadlines with reminders),
    a job-creation commitment missed on 2026-11-30, a skills commitment with one activity and its evidence."""
    time_machine.move_to(dt.datetime(2026, 12, 1, 14, 0, tzinfo=UTC), tick=False)
    plan = hr_api.post(f"/api/v1/hires/{approved_hire}/benefits-plan", json=PLAN).get_json()
    skills = next(c for c in plan["commitments"] if c["benefit"] == "skills_training")
    response = hr_api.post(f"/api/v1/hires/{approved_hire}/benefits-plan/activities", json={
        "commitment_id": skills["id"], "occurred_on": "2026-06-10", "progress": 40,
        "description": "Spring cohort, 40 hours", "document_id": accepted_document(approved_hire)})
    assert response.status_code == 201, response.get_json()
    return approved_hire


def _validate(document: dict, method: str, path: str, status: int, body) -> None:
    """`body` matches the document's JSON schema of that response (formats checked: a day is not a moment)."""
    schema = document["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"]
    validator = jsonschema_rs.validator_for({**schema, "components": document["components"]}, validate_formats=True)
    validator.validate(body)


def _call(response, status: int):
    assert response.status_code == status, response.get_json()
    return response.get_json()


# --- conditions ---------------------------------------------------------------------------------------------

def test_the_conditions_of_a_draft_without_a_baseline_match_the_conditions_schema(document, hr_api):
    hire_id = hr_api.post("/api/v1/hires", json={"program": "gts_b"}).get_json()["id"]
    body = _call(hr_api.get(f"/api/v1/hires/{hire_id}/conditions"), 200)
    assert body["baseline"] is None and body["employer"]["business_size"] is None
    _validate(document, "get", "/hires/{hire_id}/conditions", 200, body)


def test_the_conditions_of_an_approved_hire_with_changes_and_filings_match_the_conditions_schema(
        document, hr_api, approved_hire, small_business):
    hr_api.post(f"/api/v1/hires/{approved_hire}/terms-changes", json={"wage_amount": 145000, "benefits": ["Dental plan"]})
    hr_api.post(f"/api/v1/hires/{approved_hire}/terms-changes", json={"end_date": "2030-02-28"})
    hr_api.put(f"/api/v1/hires/{approved_hire}/filing-records",
               json={"lmia": {**LMIA, "noc_code": "21211"}, "permit_application": LMIA})
    body = _call(hr_api.get(f"/api/v1/hires/{approved_hire}/conditions"), 200)
    assert body["baseline_frozen"] and len(body["terms_changes"]) == 2 and body["consistency_findings"]
    assert body["employer"]["business_size"] == "small" and body["current_terms"]["benefits"] == ["Dental plan"]
    _validate(document, "get", "/hires/{hire_id}/conditions", 200, body)


def test_an_offer_with_duties_longer_than_a_change_may_give_matches_the_conditions_schema(document, hr_api):
    """The hire payload takes duties of up to 5000 characters; a change of terms up to 4000."""
    payload = copy.deepcopy(GTS_B)
    payload["position"]["duties"] = "Design and build the payments platform. " * 110
    hire_id = _call(hr_api.post("/api/v1/hires", json=payload), 201)["id"]
    _call(hr_api.post(f"/api/v1/hires/{hire_id}/submit"), 200)
    body = _call(hr_api.get(f"/api/v1/hires/{hire_id}/conditions"), 200)
    assert len(body["baseline"]["duties"]) > 4000
    _validate(document, "get", "/hires/{hire_id}/conditions", 200, body)


def test_a_change_of_terms_that_breaks_a_condition_matches_the_terms_change_schema(
        document, hr_api, approved_hire, small_business):
    """A wage cut: a violation risk of IRPR Schedule 2 item 9, with its penalty range (a Violation)."""
    body = _call(hr_api.post(f"/api/v1/hires/{approved_hire}/terms-changes", json={
        "wage_amount": 120000, "note": "budget cut", "effective_on": "2027-01-01"}), 201)
    wage = body["terms_change"]["decision"]["fields"][0]
    assert wage["outcome"] == "violation_risk" and wage["violation"]["penalty_min"] == 750
    assert body["terms_change"]["effective_on"] == "2027-01-01" and body["terms_change"]["applied"] is False
    _validate(document, "post", "/hires/{hire_id}/terms-changes", 201, body)


def test_a_change_of_terms_that_cites_no_condition_matches_the_terms_change_schema(document, hr_api,
                                                                                    approved_hire):
    """A longer stay needs a new permit: no Schedule 2 item, provision or violation (all null)."""
    body = _call(hr_api.post(f"/api/v1/hires/{approved_hire}/terms-changes", json={"end_date": "2030-02-28"}), 201)
    end = body["terms_change"]["decision"]["fields"][0]
    assert end["outcome"] == "new_permit" and end["violation"] is None and body["terms_change"]["note"] is None
    _validate(document, "post", "/hires/{hire_id}/terms-changes", 201, body)


def test_filing_records_that_disagree_with_the_hire_match_the_conditions_schema(document, hr_api, approved_hire):
    """The LMIA differs from the hire (NOC), and the permit application from the LMIA (wage): two findings."""
    body = _call(hr_api.put(f"/api/v1/hires/{approved_hire}/filing-records", json={
        "lmia": {**LMIA, "noc_code": "21211"},
        "permit_application": {**LMIA, "noc_code": "21211", "wage_amount": 125000}}), 200)
    assert [(f["sources"], f["field"]) for f in body["consistency_findings"]] == [
        (["hire", "lmia"], "noc_code"), (["lmia", "permit_application"], "wage_amount")]
    assert body["filing_records"]["offer"] == {}
    _validate(document, "put", "/hires/{hire_id}/filing-records", 200, body)


# --- the benefits plan --------------------------------------------------------------------------------------

def test_a_plan_not_signed_yet_matches_the_plan_schema(document, hr_api, approved_hire):
    body = _call(hr_api.get(f"/api/v1/hires/{approved_hire}/benefits-plan"), 200)
    assert body["signed_on"] is None and body["commitments"] == [] and body["reviews"] == []
    _validate(document, "get", "/hires/{hire_id}/benefits-plan", 200, body)


def test_recording_a_plan_answers_with_the_plan_schema(document, time_machine, hr_api, approved_hire):
    time_machine.move_to(dt.datetime(2026, 12, 1, 14, 0, tzinfo=UTC), tick=False)
    body = _call(hr_api.post(f"/api/v1/hires/{approved_hire}/benefits-plan", json=PLAN), 201)
    assert body["signed_on"] == "2026-03-16" and len(body["commitments"]) == 2
    assert any(c["start_date"] is None for c in body["commitments"])
    _validate(document, "post", "/hires/{hire_id}/benefits-plan", 201, body)


def test_recording_an_activity_without_evidence_answers_with_the_plan_schema(document, hr_api, plan_hire):
    plan = hr_api.get(f"/api/v1/hires/{plan_hire}/benefits-plan").get_json()
    skills = next(c for c in plan["commitments"] if c["benefit"] == "skills_training")
    body = _call(hr_api.post(f"/api/v1/hires/{plan_hire}/benefits-plan/activities", json={
        "commitment_id": skills["id"], "occurred_on": "2026-09-01", "progress": 12.5,
        "description": "Autumn workshop"}), 201)
    activities = next(c for c in body["commitments"] if c["id"] == skills["id"])["activities"]
    assert [a["document"] is None for a in activities] == [False, True]
    _validate(document, "post", "/hires/{hire_id}/benefits-plan/activities", 201, body)


def test_a_plan_with_commitments_activities_and_reviews_matches_the_plan_schema(document, hr_api, plan_hire):
    body = _call(hr_api.get(f"/api/v1/hires/{plan_hire}/benefits-plan"), 200)
    assert body["reviews"] and body["reviews"][0]["reminders"]
    assert {c["status"] for c in body["commitments"]} >= {"missed"}
    assert any(a["document"] for c in body["commitments"] for a in c["activities"])
    _validate(document, "get", "/hires/{hire_id}/benefits-plan", 200, body)


# --- the employer: compliance summary and self-audit --------------------------------------------------------

def test_the_compliance_summary_with_a_hire_at_risk_matches_its_schema(document, hr_api, plan_hire, small_business):
    hr_api.post(f"/api/v1/hires/{plan_hire}/terms-changes", json={"wage_amount": 120000})
    hr_api.post("/api/v1/employer/self-audit", json={"year": 2026, "answers": [{"item": 25, "answer": "no"}]})
    body = _call(hr_api.get("/api/v1/employer/compliance"), 200)
    kinds = {entry["kind"] for entry in body["at_risk"]}
    assert {"lmbp_commitment_missed", "terms_change", "self_audit_unanswered", "self_audit_no"} <= kinds
    assert body["business_size"] == "small"
    _validate(document, "get", "/employer/compliance", 200, body)


def test_a_self_audit_not_answered_yet_matches_its_schema(document, hr_api):
    body = _call(hr_api.get("/api/v1/employer/self-audit?year=2025"), 200)
    assert body["answered"] == 0 and all(i["answer"] is None and i["document"] is None for i in body["items"])
    _validate(document, "get", "/employer/self-audit", 200, body)


def test_an_answered_self_audit_matches_its_schema(document, hr_api, approved_hire, accepted_document,
                                                   small_business):
    body = _call(hr_api.post("/api/v1/employer/self-audit", json={"year": 2026, "answers": [
        {"item": 17, "answer": "yes", "note": "Policy posted", "document_id": accepted_document(approved_hire)},
        {"item": 25, "answer": "no", "note": "Sent on day 3"}, {"item": 26, "answer": "na"}]}), 200)
    items = {i["item"]: i for i in body["items"]}
    assert items[17]["document"] and items[17]["answered_by"] and items[17]["answered_at"]
    assert body["not_complied"] == [25] and body["business_size_known"] is True
    _validate(document, "post", "/employer/self-audit", 200, body)

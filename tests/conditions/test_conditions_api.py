"""The Conditions API: the baseline, changes of terms on running hires, the filing check, and who may do what."""
from __future__ import annotations

import pytest

from conditions_samples import GTS_B, set_size

pytestmark = pytest.mark.usefixtures("app")


def _audit(app, hire_id: int, action: str) -> list[dict]:
    from sqlalchemy import select

    from employer_portal.extensions import db
    from employer_portal.models import AuditEvent

    with app.app_context():
        return [e.changes for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "hire", AuditEvent.entity_id == hire_id,
                                     AuditEvent.action == action).order_by(AuditEvent.id))]


def test_submission_freezes_the_offer_as_the_baseline(api, hire_in):
    """Issue 14 item 1: on submission the offer's terms are frozen as the baseline an inspection checks."""
    hire_id = hire_in("submitted")
    body = api.get(f"/api/v1/hires/{hire_id}/conditions").get_json()
    assert body["baseline_frozen"] is True
    assert body["baseline"]["wage_amount"] == 135000 and body["baseline"]["noc_code"] == "21231"
    assert body["current_terms"] == body["baseline"]


def test_a_wage_lowered_on_an_active_gts_hire_is_a_violation_risk_with_the_small_business_penalty(
        app, api, hr, hire_in):
    """IRPR R209.3(1)(a)(iv) and Schedule 2 item 9 (Type B): $750–$100,000 per violation for a small business."""
    set_size(app, hr.employer_id, 40)
    hire_id = hire_in("active")
    response = api.post(f"/api/v1/hires/{hire_id}/terms-changes",
                        json={"wage_amount": 120000, "note": "budget cut"})
    assert response.status_code == 201
    entry = response.get_json()["terms_change"]
    assert entry["decision"]["outcome"] == "violation_risk" and entry["applied"] is False
    wage = entry["decision"]["fields"][0]
    assert wage["provision"] == "R209.3(1)(a)(iv)"
    assert (wage["violation"]["penalty_min"], wage["violation"]["penalty_max"]) == (750, 100000)
    assert "for a small business" in wage["message"]
    body = api.get(f"/api/v1/hires/{hire_id}/conditions").get_json()
    assert body["current_terms"]["wage_amount"] == 135000  # not applied
    assert _audit(app, hire_id, "terms_change")[-1]["decision"] == [None, "violation_risk"]


def test_a_raise_is_allowed_recorded_in_the_audit_trail_and_becomes_the_current_terms(app, api, hire_in):
    """IRPR R209.3(1)(a)(iv): "not less favourable than" the offer; the decision goes into the audit trail."""
    hire_id = hire_in("active")
    entry = api.post(f"/api/v1/hires/{hire_id}/terms-changes", json={"wage_amount": 145000}).get_json()["terms_change"]
    assert entry["decision"]["outcome"] == "allowed" and entry["applied"] is True
    body = api.get(f"/api/v1/hires/{hire_id}/conditions").get_json()
    assert body["current_terms"]["wage_amount"] == 145000 and body["baseline"]["wage_amount"] == 135000
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["hire"]["position"]["wage"]["amount"] == 145000
    assert _audit(app, hire_id, "terms_change") == [
        {"wage_amount": [135000, 145000], "decision": [None, "allowed"], "applied": [None, True]}]


def test_a_large_employer_sees_the_large_business_column(app, api, hr, hire_in):
    """IRPR Schedule 2, Table 3: Type B from $1,000 (2 points) for a large business (R209.93)."""
    set_size(app, hr.employer_id, 250, 40_000_000)
    hire_id = hire_in("approved")
    body = api.get(f"/api/v1/hires/{hire_id}/conditions").get_json()
    assert body["employer"]["business_size"] == "large"
    same_terms = next(c for c in body["conditions"] if c["schedule2_item"] == 9)
    assert same_terms["provision"] == "R209.3(1)(a)(iv)" and same_terms["violation"]["penalty_min"] == 1000


def test_a_gts_hire_lists_the_lmia_conditions_not_the_imp_ones(api, hire_in):
    """IRPR Schedule 2, Table 1: item 1 is R209.2 (IMP) only; item 29 (health insurance) is R209.3 (LMIA) only."""
    items = {c["schedule2_item"] for c in api.get(f"/api/v1/hires/{hire_in()}/conditions").get_json()["conditions"]}
    assert 29 in items and 4 in items and 1 not in items and 3 not in items  # 3: live-in caregivers only


def test_a_draft_records_no_change_of_terms(api):
    """API.md: a draft is edited with PATCH; a change of terms exists only after submission."""
    hire_id = api.post("/api/v1/hires", json=GTS_B).get_json()["id"]
    assert api.post(f"/api/v1/hires/{hire_id}/terms-changes", json={"wage_amount": 1}).status_code == 409


def test_bad_or_unknown_fields_are_422(api, hire_in):
    """Every bad field is named (problem+json errors)."""
    hire_id = hire_in("filed")
    response = api.post(f"/api/v1/hires/{hire_id}/terms-changes", json={"wage_amount": "lots", "colour": "red"})
    assert response.status_code == 422 and set(response.get_json()["errors"]) == {"wage_amount", "colour"}
    nothing = api.post(f"/api/v1/hires/{hire_id}/terms-changes", json={"wage_amount": 135000})
    assert nothing.status_code == 422


def test_a_different_noc_or_wage_in_the_permit_application_is_a_finding_before_filing(api, hire_in):
    """IRPR R209.3(1)(c)(i): the information given must be accurate; officers compare the LMIA and the permit."""
    hire_id = hire_in("submitted")
    lmia = {"number": "9876543", "noc_code": "21231", "wage_amount": 135000, "wage_period": "year",
            "employer_name": "Small Co", "job_title": "Senior software engineer"}
    response = api.put(f"/api/v1/hires/{hire_id}/filing-records", json={
        "lmia": lmia, "permit_application": {**lmia, "noc_code": "21211", "wage_amount": 125000}})
    assert response.status_code == 200
    findings = response.get_json()["consistency_findings"]
    assert [(f["code"], f["field"], f["values"]) for f in findings] == [
        ("TERMS_MISMATCH", "noc_code", {"lmia": "21231", "permit_application": "21211"}),
        ("TERMS_MISMATCH", "wage_amount", {"lmia": 135000, "permit_application": 125000})]
    again = api.get(f"/api/v1/hires/{hire_id}/conditions").get_json()
    assert again["filing_records"]["lmia"]["number"] == "9876543" and len(again["consistency_findings"]) == 2


ROUTES = [("get", "/api/v1/hires/{id}/conditions", None),
          ("post", "/api/v1/hires/{id}/terms-changes", {"wage_amount": 150000}),
          ("put", "/api/v1/hires/{id}/filing-records", {"permit_application": {"noc_code": "21211"}})]


@pytest.mark.parametrize("method, path, body", ROUTES)
def test_another_employers_hire_is_404(make, api_for, hire_in, method, path, body):
    """Tenancy: another employer's hire does not exist for this token."""
    hire_id = hire_in("active")
    stranger = api_for(make.user(make.employer("Other Co"), role="admin"))
    call = getattr(stranger, method)
    response = call(path.format(id=hire_id), json=body) if body else call(path.format(id=hire_id))
    assert response.status_code == 404


@pytest.mark.parametrize("method, path, body", ROUTES[1:])
def test_a_viewer_reads_but_cannot_record(make, api_for, hr, hire_in, method, path, body):
    """Roles: a viewer's token reads the conditions and is refused every change (403)."""
    hire_id = hire_in("active")
    viewer = api_for(make.user(hr.employer_id, role="viewer"))
    assert viewer.get(f"/api/v1/hires/{hire_id}/conditions").status_code == 200
    assert getattr(viewer, method)(path.format(id=hire_id), json=body).status_code == 403


def test_the_offer_number_recorded_with_the_dates_must_be_the_offers(api, hire_in):
    """IRPR R209.2(1)(b)(i): the offer number given (hire dates) and the Employer Portal offer must agree."""
    from conditions_samples import ICT

    hire_id = hire_in("submitted", ICT)
    assert api.put(f"/api/v1/hires/{hire_id}/dates",
                   json={"employer_portal_offer_number": "A1234567"}).status_code == 200
    body = api.put(f"/api/v1/hires/{hire_id}/filing-records",
                   json={"offer": {"number": "a7654321", "noc_code": "21231"}}).get_json()
    assert [(f["field"], f["values"]) for f in body["consistency_findings"]] == [
        ("number", {"hire": "A1234567", "offer": "A7654321"})]
    assert next(c for c in body["conditions"] if c["schedule2_item"] == 9)["provision"] == "R209.2(1)(a)(iii)"
    bad = api.put(f"/api/v1/hires/{hire_id}/filing-records", json={"offer": {"number": "12345"}})
    assert bad.status_code == 422 and "offer.number" in bad.get_json()["errors"]

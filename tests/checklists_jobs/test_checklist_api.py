"""The checklist API without a worker: items, statuses, audit, tenancy, roles, 409 before a build."""
from __future__ import annotations

from sqlalchemy import select

from checklist_job_payloads import ict_payload


def items_of(api, hire_id):
    response = api.get(f"/api/v1/hires/{hire_id}/checklist")
    assert response.status_code == 200, response.get_data(as_text=True)
    return {item["key"]: item for item in response.get_json()["items"]}


def test_new_hire_gets_its_routes_items_all_missing(employer_team, new_hire):
    items = items_of(employer_team["api"], new_hire())
    assert "ict.specialized_knowledge_evidence" in items or any("specialized" in k for k in items)
    assert {item["status"] for item in items.values()} == {"missing"}


def test_item_marked_received_is_recorded_with_who_and_audited(app, employer_team, new_hire):
    hire_id = new_hire()
    api = employer_team["api"]
    key = next(iter(items_of(api, hire_id)))
    response = api.patch(f"/api/v1/hires/{hire_id}/checklist/items/{key}", json={"status": "received"})
    assert response.status_code == 200
    assert response.get_json()["status"] == "received"
    assert response.get_json()["updated_by"] == employer_team["admin"].id
    from employer_portal.extensions import db
    from employer_portal.models import AuditEvent

    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity == "checklist_item")).all()
        assert [(e.action, e.changes["status"]) for e in events] == [("status_changed", ["missing", "received"])]
        assert events[0].actor_user_id == employer_team["admin"].id


def test_waiving_an_item_needs_a_reason(employer_team, new_hire):
    hire_id = new_hire()
    api = employer_team["api"]
    key = next(iter(items_of(api, hire_id)))
    response = api.patch(f"/api/v1/hires/{hire_id}/checklist/items/{key}", json={"status": "waived"})
    assert response.status_code == 422
    assert "reason" in response.get_json()["errors"]
    response = api.patch(f"/api/v1/hires/{hire_id}/checklist/items/{key}",
                         json={"status": "waived", "reason": "Provided with the 2026 application"})
    assert response.get_json()["waiver_reason"] == "Provided with the 2026 application"


def test_unknown_item_status_is_422_naming_the_field(employer_team, new_hire):
    hire_id = new_hire()
    key = next(iter(items_of(employer_team["api"], hire_id)))
    response = employer_team["api"].patch(f"/api/v1/hires/{hire_id}/checklist/items/{key}", json={"status": "lost"})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["status"]


def test_changing_the_hires_facts_keeps_recorded_statuses(employer_team, new_hire):
    hire_id = new_hire()
    api = employer_team["api"]
    before = items_of(api, hire_id)
    kept_key = "all.employment_agreement" if "all.employment_agreement" in before else next(iter(before))
    api.patch(f"/api/v1/hires/{hire_id}/checklist/items/{kept_key}", json={"status": "received"})
    # Specialized knowledge → startup: the C63 evidence goes, the C61 business plan comes.
    response = api.patch(f"/api/v1/hires/{hire_id}", json={"ict": {"category": "startup"},
                                                            "position": {"end_date": "2028-02-28"}})
    assert response.status_code == 200, response.get_data(as_text=True)
    after = items_of(api, hire_id)
    assert after[kept_key]["status"] == "received"
    assert set(after) != set(before)
    assert any(key.startswith("ict.startup") for key in after)


def test_item_that_applies_again_comes_back_with_its_status(employer_team, new_hire):
    hire_id = new_hire()
    api = employer_team["api"]
    c63_only = sorted(set(items_of(api, hire_id)) - set())
    specialized = [k for k in c63_only if "specialized" in k]
    assert specialized, c63_only
    api.patch(f"/api/v1/hires/{hire_id}/checklist/items/{specialized[0]}", json={"status": "received"})
    api.patch(f"/api/v1/hires/{hire_id}", json={"ict": {"category": "executive_manager"}})
    assert specialized[0] not in items_of(api, hire_id)
    api.patch(f"/api/v1/hires/{hire_id}", json={"ict": {"category": "specialized_knowledge"}})
    assert items_of(api, hire_id)[specialized[0]]["status"] == "received"


def test_pdf_before_any_build_is_409(employer_team, new_hire):
    response = employer_team["api"].get(f"/api/v1/hires/{new_hire()}/checklist.pdf")
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"


def test_another_employers_user_gets_404_for_checklist_pdf_build_and_items(make, api_for, employer_team, new_hire):
    hire_id = new_hire()
    key = next(iter(items_of(employer_team["api"], hire_id)))
    outsider = api_for(make.user(make.employer(), role="admin"))
    assert outsider.get(f"/api/v1/hires/{hire_id}/checklist").status_code == 404
    assert outsider.get(f"/api/v1/hires/{hire_id}/checklist.pdf").status_code == 404
    assert outsider.post(f"/api/v1/hires/{hire_id}/checklist").status_code == 404
    assert outsider.patch(f"/api/v1/hires/{hire_id}/checklist/items/{key}",
                          json={"status": "received"}).status_code == 404


def test_viewer_reads_the_checklist_but_cannot_change_items_or_build(employer_team, new_hire):
    hire_id = new_hire()
    viewer = employer_team["viewer_api"]
    key = next(iter(items_of(viewer, hire_id)))
    assert viewer.patch(f"/api/v1/hires/{hire_id}/checklist/items/{key}", json={"status": "received"}).status_code == 403
    assert viewer.post(f"/api/v1/hires/{hire_id}/checklist").status_code == 403
    assert items_of(viewer, hire_id)[key]["status"] == "missing"


def test_hire_without_a_route_cannot_be_built(employer_team, new_hire):
    payload = ict_payload()
    payload.pop("program")
    payload.pop("ict")
    hire_id = new_hire(payload)
    assert items_of(employer_team["api"], hire_id) == {}
    assert employer_team["api"].post(f"/api/v1/hires/{hire_id}/checklist").status_code == 409

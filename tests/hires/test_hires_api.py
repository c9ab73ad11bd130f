"""The hires API of API.md: drafts, list, read, update, delete, report, submit and statuses."""
from __future__ import annotations

import pytest


def test_create_draft_returns_201_with_location_and_report(api, gts_b):
    response = api.post("/api/v1/hires", json=gts_b)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/hires/{body['id']}")
    assert body["status"] == "draft"
    assert body["program"] == "gts_b"
    assert body["hire"]["position"]["noc_code"] == "21231"
    assert body["report"]["eligible"] is True
    assert body["report"]["prevailing_wage"]["area"] == "ON"
    assert body["frozen_report"] is None


def test_partial_draft_is_accepted(api):
    response = api.post("/api/v1/hires", json={"worker": {"given_name": "Ana"}})
    assert response.status_code == 201
    body = response.get_json()
    assert body["program"] is None
    assert body["report"]["eligible"] is False
    assert body["report"]["findings"][0]["field"] == "program"


def test_invalid_values_are_422_naming_each_field(api, gts_b):
    gts_b["position"]["wage"]["amount"] = -5
    gts_b["position"]["province"] = "ZZ"
    gts_b["worker"]["citizenships"] = ["XX"]
    response = api.post("/api/v1/hires", json=gts_b)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]
    assert "position.wage.amount" in errors
    assert "position.province" in errors
    assert "worker.citizenships.0" in errors


@pytest.mark.parametrize("body", [[1, 2], "text", None])
def test_non_object_body_is_422(api, body):
    response = api.post("/api/v1/hires", json=body)
    assert response.status_code == 422


def test_list_is_newest_first_with_pagination(api, gts_b):
    ids = [api.post("/api/v1/hires", json=gts_b).get_json()["id"] for _ in range(3)]
    page1 = api.get("/api/v1/hires?per_page=2").get_json()
    assert page1["total"] == 3 and page1["page"] == 1 and page1["per_page"] == 2
    assert [h["id"] for h in page1["items"]] == [ids[2], ids[1]]
    page2 = api.get("/api/v1/hires?per_page=2&page=2").get_json()
    assert [h["id"] for h in page2["items"]] == [ids[0]]


def test_list_filters_by_status_and_program(api, gts_b, gts_a):
    b = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    a = api.post("/api/v1/hires", json=gts_a).get_json()["id"]
    api.post(f"/api/v1/hires/{b}/submit")
    assert [h["id"] for h in api.get("/api/v1/hires?program=gts_a").get_json()["items"]] == [a]
    assert [h["id"] for h in api.get("/api/v1/hires?status=submitted").get_json()["items"]] == [b]
    assert api.get("/api/v1/hires?status=draft&program=gts_b").get_json()["total"] == 0


@pytest.mark.parametrize("query, field", [
    ("status=pending", "status"), ("program=h1b", "program"), ("page=0", "page"), ("page=x", "page"),
    ("per_page=101", "per_page"), ("per_page=-1", "per_page"),
])
def test_bad_list_parameters_are_422(api, query, field):
    response = api.get(f"/api/v1/hires?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_list_masks_the_passport_number(api, gts_b):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    listed = api.get("/api/v1/hires").get_json()["items"][0]["hire"]["worker"]["passport_number"]
    assert listed.endswith("567") and "YB1234" not in listed
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["hire"]["worker"]["passport_number"] == "YB1234567"


def test_patch_merges_blocks_and_rechecks(api, gts_b):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    response = api.patch(f"/api/v1/hires/{hire_id}", json={"position": {"wage": {"amount": 60000}}})
    assert response.status_code == 200
    body = response.get_json()
    assert body["hire"]["position"]["wage"] == {"amount": 60000, "period": "year"}
    assert body["hire"]["position"]["noc_code"] == "21231"
    assert body["hire"]["worker"]["passport_number"] == "YB1234567"
    assert "WAGE_BELOW_PREVAILING" in [f["code"] for f in body["report"]["findings"]]
    assert body["report"]["eligible"] is False


def test_patch_invalid_value_is_422_and_changes_nothing(api, gts_b):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    response = api.patch(f"/api/v1/hires/{hire_id}", json={"position": {"hours_per_week": 120}})
    assert response.status_code == 422
    assert "position.hours_per_week" in response.get_json()["errors"]
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["hire"]["position"]["hours_per_week"] == 40


def test_delete_draft(api, gts_b):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    assert api.delete(f"/api/v1/hires/{hire_id}").status_code == 204
    assert api.get(f"/api/v1/hires/{hire_id}").status_code == 404


def test_submitted_hire_cannot_be_edited_or_deleted(api, gts_b):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    assert api.post(f"/api/v1/hires/{hire_id}/submit").status_code == 200
    patch = api.patch(f"/api/v1/hires/{hire_id}", json={"position": {"title": "x"}})
    assert patch.status_code == 409
    assert api.delete(f"/api/v1/hires/{hire_id}").status_code == 409


def test_report_endpoint_returns_latest_report(api, gts_b):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    report = api.get(f"/api/v1/hires/{hire_id}/report").get_json()
    assert report["program"] == "gts_b"
    assert set(report) >= {"program", "eligible", "lmia", "findings", "prevailing_wage", "versions"}


def test_submit_refused_with_409_and_report_while_a_blocker_remains(api, gts_b):
    gts_b["position"]["wage"]["amount"] = 60000
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    response = api.post(f"/api/v1/hires/{hire_id}/submit")
    assert response.status_code == 409
    report = response.get_json()["report"]
    assert report["eligible"] is False
    assert "WAGE_BELOW_PREVAILING" in [f["code"] for f in report["findings"]]
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["status"] == "draft"


def test_submit_freezes_the_report_with_versions(api, gts_b):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    body = api.post(f"/api/v1/hires/{hire_id}/submit").get_json()
    assert body["status"] == "submitted"
    assert body["submitted_at"]
    frozen = body["frozen_report"]
    assert frozen["eligible"] is True
    assert frozen["versions"]["rules"]
    assert "jobbank" in str(frozen["versions"]["reference_data"])


def test_submit_twice_is_409(api, gts_b):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.post(f"/api/v1/hires/{hire_id}/submit")
    assert api.post(f"/api/v1/hires/{hire_id}/submit").status_code == 409


def test_status_moves_along_the_allowed_transitions(api, gts_b):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.post(f"/api/v1/hires/{hire_id}/submit")
    for status in ("filed", "approved", "active", "ended"):
        response = api.post(f"/api/v1/hires/{hire_id}/status", json={"status": status, "approved_on": "2026-11-16"}
                            if status == "approved" else {"status": status})
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["status"] == status
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["approved_on"] == "2026-11-16"


@pytest.mark.parametrize("path", [["approved"], ["filed", "active"], ["withdrawn", "filed"]])
def test_status_change_not_allowed_is_409(api, gts_b, path):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.post(f"/api/v1/hires/{hire_id}/submit")
    *allowed, refused = path
    for status in allowed:
        assert api.post(f"/api/v1/hires/{hire_id}/status", json={"status": status}).status_code == 200
    assert api.post(f"/api/v1/hires/{hire_id}/status", json={"status": refused}).status_code == 409


def test_draft_cannot_skip_to_filed(api, gts_b):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    assert api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "filed"}).status_code == 409


@pytest.mark.parametrize("body, field", [({"status": "pending"}, "status"), ({}, "status"),
                                         ({"status": "approved", "approved_on": "soon"}, "approved_on")])
def test_bad_status_body_is_422(api, gts_b, body, field):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    response = api.post(f"/api/v1/hires/{hire_id}/status", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


# --- the optional fields of API.md Amendments 2026-12 ----------------------------------------------

ICT_WITH_PERIODS = {
    "program": "ict",
    "worker": {"given_name": "Jonas", "family_name": "Berg", "citizenships": ["DE"], "highest_education": "master",
               "years_experience": 9},
    "position": {"title": "Engineering manager", "noc_code": "20012", "province": "ON", "economic_region": "3510",
                 "city": "Ottawa", "wage": {"amount": 160000, "period": "year"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2029-02-28"},
    "filing": {"permit_application_date": "2027-01-15", "permit_application_from": "outside_canada"},
    "ict": {"foreign_employer": "Berg GmbH", "relationship": "parent", "category": "executive_manager",
            "continuous_full_time_months": 30,
            "employment_periods": [{"start": "2020-01-01", "end": "2022-06-30", "full_time": True},
                                   {"start": "2023-01-01", "end": None, "full_time": True}],
            "prior_stays": [{"category": "specialized_knowledge", "months": 12}],
            "months_abroad_since_last_stay": 20},
}

CUSMA_WITH_CREDENTIAL = {
    "program": "cusma",
    "worker": {"given_name": "Lucía", "family_name": "Ortega", "citizenships": ["MX"], "highest_education": "diploma",
               "field_of_study": "Engineering technology", "years_experience": 4},
    "position": {"title": "Engineering technologist", "noc_code": "22301", "province": "QC",
                 "wage": {"amount": 38, "period": "hour"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2028-02-28"},
    "filing": {"lmia_application_date": "2026-12-01", "permit_application_date": "2027-01-15",
               "permit_application_from": "inside_canada"},
    "cusma": {"profession": "scientific_technician_technologist", "licensed": False,
              "worker_controls_employer": False,
              "credential": {"kind": "post_secondary_diploma", "years_of_study": 2, "country": "mx"},
              "supported_profession": "engineer", "licence_province": "QC"},
}


def _copy(data):
    import copy

    return copy.deepcopy(data)


def test_new_ict_fields_are_stored_and_returned(api):
    """API.md Amendments 2026-12: filing, ict.employment_periods, ict.prior_stays, ict.months_abroad_since_last_stay."""
    response = api.post("/api/v1/hires", json=_copy(ICT_WITH_PERIODS))
    assert response.status_code == 201, response.get_json()
    hire_id = response.get_json()["id"]
    stored = api.get(f"/api/v1/hires/{hire_id}").get_json()["hire"]
    assert stored["filing"] == {"permit_application_date": "2027-01-15", "permit_application_from": "outside_canada"}
    # A current period ("end": null) keeps its null end inside the list.
    assert stored["ict"]["employment_periods"] == ICT_WITH_PERIODS["ict"]["employment_periods"]
    assert stored["ict"]["prior_stays"] == [{"category": "specialized_knowledge", "months": 12}]
    assert stored["ict"]["months_abroad_since_last_stay"] == 20


def test_an_economic_region_without_er_is_stored_with_it(api):
    """API.md Amendments 2026-12: economic_region accepts "ER3510" or "3510"."""
    body = api.post("/api/v1/hires", json=_copy(ICT_WITH_PERIODS)).get_json()
    assert body["hire"]["position"]["economic_region"] == "ER3510"


def test_the_employment_periods_stand_in_for_the_month_count(api):
    """API.md Amendments 2026-12: with ict.employment_periods, continuous_full_time_months is optional."""
    body = _copy(ICT_WITH_PERIODS)
    del body["ict"]["continuous_full_time_months"]
    response = api.post("/api/v1/hires", json=body)
    assert response.status_code == 201, response.get_json()
    report = response.get_json()["report"]
    assert report["complete"] is True
    assert not [f for f in report["findings"] if f["code"] == "HIRE_INCOMPLETE"]


def test_new_cusma_fields_are_stored_and_returned(api):
    """API.md Amendments 2026-12: cusma.credential, cusma.supported_profession; project field cusma.licence_province."""
    response = api.post("/api/v1/hires", json=_copy(CUSMA_WITH_CREDENTIAL))
    assert response.status_code == 201, response.get_json()
    cusma = response.get_json()["hire"]["cusma"]
    assert cusma["credential"] == {"kind": "post_secondary_diploma", "years_of_study": 2, "country": "MX"}
    assert cusma["supported_profession"] == "engineer"
    assert cusma["licence_province"] == "QC"
    assert response.get_json()["hire"]["filing"]["lmia_application_date"] == "2026-12-01"


def test_a_stored_hire_report_says_whether_it_is_complete(api, gts_b):
    """API.md Amendments 2026-12: each report adds "complete"; a hire with no route yet is not complete."""
    complete = api.post("/api/v1/hires", json=gts_b).get_json()
    assert complete["report"]["complete"] is True
    assert api.get(f"/api/v1/hires/{complete['id']}/report").get_json()["complete"] is True
    partial = api.post("/api/v1/hires", json={"worker": {"given_name": "Ana"}}).get_json()
    assert partial["report"]["complete"] is False
    gts_b["program"] = "gts_a"
    gts_b["worker"].pop("highest_education")
    lacking = api.post("/api/v1/hires", json=gts_b).get_json()["report"]
    assert lacking["complete"] is False and lacking["eligible"] is False


@pytest.mark.parametrize(("change", "path"), [
    (lambda h: h["ict"]["employment_periods"][1].update(start="2023-13-01"), "ict.employment_periods.1.start"),
    (lambda h: h["ict"]["employment_periods"][0].update(end="2019-01-01"), "ict.employment_periods.0.end"),
    (lambda h: h["ict"]["prior_stays"][0].update(category="visitor"), "ict.prior_stays.0.category"),
    (lambda h: h["ict"].update(months_abroad_since_last_stay=-1), "ict.months_abroad_since_last_stay"),
    (lambda h: h["filing"].update(permit_application_from="at_the_border"), "filing.permit_application_from"),
    (lambda h: h["position"].update(economic_region="Ottawa"), "position.economic_region"),
])
def test_a_bad_new_field_is_a_422_naming_its_path(api, change, path):
    """API.md: invalid input is 422 with every bad field named (dotted paths)."""
    body = _copy(ICT_WITH_PERIODS)
    change(body)
    response = api.post("/api/v1/hires", json=body)
    assert response.status_code == 422
    assert path in response.get_json()["errors"]


def test_patch_replaces_a_list_rather_than_merging_it(api):
    """API.md PATCH: objects merge key by key; a list (employment periods, prior stays) is replaced whole."""
    hire_id = api.post("/api/v1/hires", json=_copy(ICT_WITH_PERIODS)).get_json()["id"]
    one_period = [{"start": "2024-01-01", "end": None, "full_time": True}]
    body = api.patch(f"/api/v1/hires/{hire_id}", json={"ict": {"employment_periods": one_period}}).get_json()
    assert [p["start"] for p in body["hire"]["ict"]["employment_periods"]] == ["2024-01-01"]
    assert body["hire"]["ict"]["prior_stays"] == [{"category": "specialized_knowledge", "months": 12}]
    assert body["hire"]["ict"]["category"] == "executive_manager"


def test_patch_merges_the_filing_block(api):
    """API.md PATCH: nested objects merge key by key."""
    hire_id = api.post("/api/v1/hires", json=_copy(ICT_WITH_PERIODS)).get_json()["id"]
    body = api.patch(f"/api/v1/hires/{hire_id}", json={"filing": {"lmia_application_date": "2026-12-10"}}).get_json()
    assert body["hire"]["filing"] == {"lmia_application_date": "2026-12-10", "permit_application_date": "2027-01-15",
                                      "permit_application_from": "outside_canada"}


def test_the_audit_trail_records_a_replaced_list_old_to_new(api, db):
    """Every change is audited old → new; a list field is one change with its whole old and new value."""
    from sqlalchemy import select

    from employer_portal.models import AuditEvent

    hire_id = api.post("/api/v1/hires", json=_copy(ICT_WITH_PERIODS)).get_json()["id"]
    api.patch(f"/api/v1/hires/{hire_id}", json={"ict": {"prior_stays": [{"category": "executive_manager", "months": 6}]}})
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.entity == "hire", AuditEvent.entity_id == hire_id,
                                                        AuditEvent.action == "updated")).one()
    assert event.changes == {"ict.prior_stays": [[{"category": "specialized_knowledge", "months": 12}],
                                                 [{"category": "executive_manager", "months": 6}]]}

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
        response = api.post(f"/api/v1/hires/{hire_id}/status", json={"status": status, "approved_on": "2027-01-15"}
                            if status == "approved" else {"status": status})
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["status"] == status
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["approved_on"] == "2027-01-15"


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

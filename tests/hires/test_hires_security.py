"""Hires are the employer's own: tenant isolation on every endpoint and page, viewers read only,
personal data encrypted at rest and never in logs."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

API_ROUTES = [
    ("get", "/api/v1/hires/{id}", None),
    ("patch", "/api/v1/hires/{id}", {"position": {"title": "x"}}),
    ("delete", "/api/v1/hires/{id}", None),
    ("get", "/api/v1/hires/{id}/report", None),
    ("post", "/api/v1/hires/{id}/submit", None),
    ("post", "/api/v1/hires/{id}/status", {"status": "filed"}),
    ("get", "/api/v1/hires/{id}/permits", None),
    ("post", "/api/v1/hires/{id}/permits",
     {"issued_on": "2030-01-01", "expires_on": "2033-01-01", "employment_start_on": "2030-01-02"}),
    ("get", "/api/v1/hires/{id}/pathways", None),
    ("put", "/api/v1/hires/{id}/pathways/profile", {"education": "master"}),
    ("get", "/api/v1/hires/{id}/conditions", None),
    ("post", "/api/v1/hires/{id}/terms-changes", {"wage_amount": 150000}),
    ("put", "/api/v1/hires/{id}/filing-records", {"permit_application": {"noc_code": "21211"}}),
    ("get", "/api/v1/hires/{id}/benefits-plan", None),
    ("post", "/api/v1/hires/{id}/benefits-plan", {"signed_on": "2026-01-15"}),
    ("post", "/api/v1/hires/{id}/benefits-plan/activities",
     {"commitment_id": 1, "occurred_on": "2026-06-01", "progress": 1, "description": "x"}),
    ("get", "/api/v1/hires/{id}/benefits-plan/report.pdf", None),
]
PAGE_ROUTES = [
    ("get", "/hires/{id}"), ("get", "/hires/{id}/edit"), ("post", "/hires/{id}/edit"), ("post", "/hires/{id}/submit"),
    ("post", "/hires/{id}/status"), ("post", "/hires/{id}/delete"), ("post", "/hires/{id}/pathways/profile"),
    ("get", "/hires/{id}/submit"), ("get", "/hires/{id}/delete"), ("get", "/hires/{id}/status"),
    ("post", "/hires/{id}/approved-on"),
    ("post", "/hires/{id}/conditions/terms-changes"), ("post", "/hires/{id}/conditions/filing-records"),
    ("post", "/hires/{id}/benefits-plan/signed"), ("post", "/hires/{id}/benefits-plan/commitments"),
    ("post", "/hires/{id}/benefits-plan/activities"), ("get", "/hires/{id}/benefits-plan/report.pdf"),
]


@pytest.fixture
def other_hire(make, api_for, gts_b):
    owner = make.user(make.employer("Other Co"), role="admin")
    return api_for(owner).post("/api/v1/hires", json=gts_b).get_json()["id"]


def test_every_hire_route_of_this_feature_is_tried(app):
    from employer_portal.api import hire_pathways as pathways_api
    from employer_portal.api import conditions as conditions_api
    from employer_portal.api import hires as hires_api
    from employer_portal.api import benefits_plan as benefits_plan_api

    api_views = {f"api.{name}" for module in (hires_api, pathways_api, conditions_api, benefits_plan_api)
                 for name in dir(module)}
    rules = {r.rule for r in app.url_map.iter_rules()
             if ("hire_id" in r.rule) and (r.endpoint.startswith(("hires.", "pathways_hire.", "conditions.",
                                                                "benefits_plan."))
                                          or r.endpoint in api_views)}
    tried = {p.replace("{id}", "<hire_id>") for _, p, _ in API_ROUTES} | {p.replace("{id}", "<int:hire_id>")
                                                                           for _, p in PAGE_ROUTES}
    assert rules == tried


@pytest.mark.parametrize("method, path, body", API_ROUTES)
def test_another_employers_hire_is_404_on_every_api_endpoint(api, other_hire, method, path, body):
    call = getattr(api, method)
    response = call(path.format(id=other_hire), json=body) if body is not None else call(path.format(id=other_hire))
    assert response.status_code == 404


def test_another_employers_hires_are_not_listed(api, other_hire):
    assert api.get("/api/v1/hires").get_json()["total"] == 0


@pytest.mark.parametrize("method, path", PAGE_ROUTES)
def test_another_employers_hire_is_404_on_every_page(client, login, hr, csrf_of, other_hire, method, path):
    login(client, hr)
    csrf = csrf_of(client.get("/hires/").get_data(as_text=True))
    url = path.format(id=other_hire)
    response = client.get(url) if method == "get" else client.post(url, data={"csrf_token": csrf, "status": "filed"})
    assert response.status_code == 404



@pytest.mark.parametrize("method, path, body", [
    ("post", "/api/v1/hires", {"worker": {"given_name": "V"}}),
    ("patch", "/api/v1/hires/{id}", {"position": {"title": "x"}}),
    ("delete", "/api/v1/hires/{id}", None),
    ("post", "/api/v1/hires/{id}/submit", None),
    ("post", "/api/v1/hires/{id}/status", {"status": "filed"}),
])
def test_viewer_token_cannot_change_hires(make, api, api_for, hr, gts_b, method, path, body):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    viewer = api_for(make.user(hr.employer_id, role="viewer"))
    call = getattr(viewer, method)
    url = path.format(id=hire_id)
    response = call(url, json=body) if body is not None else call(url)
    assert response.status_code == 403
    assert viewer.get(f"/api/v1/hires/{hire_id}").status_code == 200


def test_passport_number_and_birth_date_are_ciphertext_in_the_row(api, gts_b, db):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    row = db.session.execute(text("SELECT passport_number, date_of_birth, payload::text FROM hires WHERE id = :id"),
                             {"id": hire_id}).one()
    assert row.passport_number.startswith("v1:") and "YB1234567" not in row.passport_number
    assert row.date_of_birth.startswith("v1:") and "1990-04-12" not in row.date_of_birth
    assert "YB1234567" not in row[2] and "1990-04-12" not in row[2]


def test_audit_trail_never_holds_passport_or_birth_date(api, gts_b, db):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.patch(f"/api/v1/hires/{hire_id}", json={"worker": {"passport_number": "ZZ7654321"}})
    rows = db.session.execute(text("SELECT changes::text FROM audit_events WHERE entity = 'hire'")).scalars().all()
    joined = " ".join(rows)
    assert "YB1234567" not in joined and "ZZ7654321" not in joined and "1990-04-12" not in joined
    assert "worker.passport_number" in joined and "(changed)" in joined


def test_personal_data_never_reaches_the_logs(api, gts_b, caplog):
    caplog.set_level(logging.DEBUG)
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.patch(f"/api/v1/hires/{hire_id}", json={"worker": {"passport_number": "ZZ7654321", "date_of_birth": "bad"}})
    api.patch(f"/api/v1/hires/{hire_id}", json={"worker": {"passport_number": "QQ1112223"}})
    api.get(f"/api/v1/hires/{hire_id}")
    api.post(f"/api/v1/hires/{hire_id}/submit")
    for secret in ("YB1234567", "ZZ7654321", "QQ1112223", "1990-04-12"):
        assert secret not in caplog.text

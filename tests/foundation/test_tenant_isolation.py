"""A second employer's user gets 404 for the first employer's users and tokens, in the UI and the API."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from employer_portal.models import ApiToken, User

PACKAGE = Path(__file__).resolve().parents[2] / "employer_portal"


@pytest.fixture
def two_employers(make):
    first, second = make.employer("First Co"), make.employer("Second Co")
    victim = make.user(first, role="hr")
    return {"victim": victim, "victim_token_secret": make.token(victim),
            "intruder": make.user(second, role="admin")}


def _victim_token_id(in_db, user_id):
    return in_db(lambda db: db.session.scalar(select(ApiToken.id).where(ApiToken.user_id == user_id)))


def test_other_employers_user_page_is_404(client, login, two_employers):
    login(client, two_employers["intruder"])
    assert client.get(f"/settings/users/{two_employers['victim'].id}").status_code == 404


def test_other_employers_user_changes_are_404_and_change_nothing(client, login, csrf_of, two_employers, in_db):
    victim = two_employers["victim"]
    login(client, two_employers["intruder"])
    token = csrf_of(client.get("/settings/").get_data(as_text=True))
    assert client.post(f"/settings/users/{victim.id}/active", data={"active": "0", "csrf_token": token}).status_code == 404
    assert client.post(f"/settings/users/{victim.id}/role", data={"role": "admin", "csrf_token": token}).status_code == 404
    row = in_db(lambda db: (lambda u: (u.active, u.role))(db.session.get(User, victim.id)))
    assert row == (True, "hr")


def test_other_employers_token_revoke_is_404(client, login, csrf_of, two_employers, in_db, app):
    login(client, two_employers["intruder"])
    token_id = _victim_token_id(in_db, two_employers["victim"].id)
    csrf = csrf_of(client.get("/settings/").get_data(as_text=True))
    assert client.post(f"/settings/tokens/{token_id}/revoke", data={"csrf_token": csrf}).status_code == 404
    still = app.test_client().get("/api/v1/users",
                                  headers={"Authorization": f"Bearer {two_employers['victim_token_secret']}"})
    assert still.status_code == 200


def test_api_other_employers_user_is_404(api_for, two_employers):
    api = api_for(two_employers["intruder"])
    response = api.get(f"/api/v1/users/{two_employers['victim'].id}")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
    listed = {u["id"] for u in api.get("/api/v1/users").get_json()["items"]}
    assert two_employers["victim"].id not in listed


def test_api_other_employers_token_is_404_for_read_and_delete(api_for, two_employers, in_db, app):
    api = api_for(two_employers["intruder"])
    token_id = _victim_token_id(in_db, two_employers["victim"].id)
    assert api.get(f"/api/v1/tokens/{token_id}").status_code == 404
    assert api.delete(f"/api/v1/tokens/{token_id}").status_code == 404
    assert token_id not in {t["id"] for t in api.get("/api/v1/tokens").get_json()["items"]}
    still = app.test_client().get("/api/v1/users",
                                  headers={"Authorization": f"Bearer {two_employers['victim_token_secret']}"})
    assert still.status_code == 200


def test_same_employer_user_is_visible(api_for, make):
    employer = make.employer()
    admin, hr = make.user(employer, role="admin"), make.user(employer, role="hr")
    body = api_for(admin).get(f"/api/v1/users/{hr.id}").get_json()
    assert body["email"] == hr.email and body["role"] == "hr"


def test_views_read_tenant_models_only_through_tenancy():
    """No view or API module selects a tenant-owned model directly (they use tenancy.scoped)."""
    tenant_models = ("User", "ApiToken", "AuditEvent", "Hire")
    offenders = []
    for folder in ("auth", "settings", "api"):
        for path in (PACKAGE / folder).glob("*.py"):
            offenders += [f"{path.name}: {m}" for m in
                          re.findall(r"select\((?:%s)\b[^)]*\)" % "|".join(tenant_models), path.read_text())]
    offenders += [f"dashboard.py: {m}" for m in
                  re.findall(r"select\((?:%s)\b" % "|".join(tenant_models), (PACKAGE / "dashboard.py").read_text())]
    assert offenders == []

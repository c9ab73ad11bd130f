"""API tokens: shown once, stored as a hash, last-used time, revocable; 401 problem+json."""
from __future__ import annotations

import re

from sqlalchemy import func, select, text

from employer_portal.models import ApiToken


def _create_in_settings(client, csrf_of, name="HRIS sync"):
    token = csrf_of(client.get("/settings/").get_data(as_text=True))
    response = client.post("/settings/tokens", data={"name": name, "csrf_token": token}, follow_redirects=True)
    match = re.search(r'id="new-token">(ept_[^<]+)<', response.get_data(as_text=True))
    return response, match.group(1) if match else None


def test_token_created_in_settings_is_shown_once_and_works(client, make, login, csrf_of, app):
    login(client, make.user())
    response, secret = _create_in_settings(client, csrf_of)
    assert response.status_code == 200 and secret
    assert secret not in client.get("/settings/").get_data(as_text=True)  # a reload shows it no more
    api = app.test_client().get("/api/v1/users", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200


def test_only_a_hash_of_the_token_is_stored(client, make, login, csrf_of, in_db):
    login(client, make.user())
    _response, secret = _create_in_settings(client, csrf_of)

    def dump(db):
        rows = db.session.execute(text("SELECT * FROM api_tokens")).all()
        return " ".join(str(value) for row in rows for value in row)
    stored = in_db(dump)
    assert secret not in stored and secret[10:30] not in stored


def test_last_used_time_is_recorded(app, make, in_db):
    user = make.user()
    secret = make.token(user)
    assert in_db(lambda db: db.session.scalar(select(ApiToken.last_used_at))) is None
    app.test_client().get("/api/v1/users", headers={"Authorization": f"Bearer {secret}"})
    assert in_db(lambda db: db.session.scalar(select(ApiToken.last_used_at))) is not None


def test_missing_or_bad_token_is_401_problem_json(client):
    for headers in ({}, {"Authorization": "Bearer ept_not-a-real-token"}, {"Authorization": "Basic abc"}):
        response = client.get("/api/v1/users", headers=headers)
        assert response.status_code == 401
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["status"] == 401


def test_revoked_token_gets_401(client, make, login, csrf_of, app, in_db):
    user = make.user()
    login(client, user)
    _response, secret = _create_in_settings(client, csrf_of)
    token_id = in_db(lambda db: db.session.scalar(select(ApiToken.id)))
    page_token = csrf_of(client.get("/settings/").get_data(as_text=True))
    assert client.post(f"/settings/tokens/{token_id}/revoke", data={"csrf_token": page_token}).status_code == 302
    api = app.test_client().get("/api/v1/users", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 401


def test_token_revoked_through_the_api_stops_working(make, api_for):
    api = api_for(make.user(role="viewer"))
    token_id = api.get("/api/v1/tokens").get_json()["items"][0]["id"]
    assert api.delete(f"/api/v1/tokens/{token_id}").status_code == 204
    assert api.get("/api/v1/tokens").status_code == 401


def test_deactivated_users_tokens_stop_working(make, api_for, in_db):
    from employer_portal import accounts
    from employer_portal.models import User

    user = make.user()
    api = api_for(user)
    assert api.get("/api/v1/users").status_code == 200

    def deactivate(db):
        accounts.set_user_active(db.session.get(User, user.id), False)
        db.session.commit()
    in_db(deactivate)
    assert api.get("/api/v1/users").status_code == 401


def test_empty_token_label_is_422_and_creates_nothing(client, make, login, csrf_of, in_db):
    login(client, make.user())
    response, secret = _create_in_settings(client, csrf_of, name="")
    assert response.status_code == 422 and secret is None
    assert "Give the token a label." in response.get_data(as_text=True)
    assert in_db(lambda db: db.session.scalar(select(ApiToken.id))) is None


def test_token_label_with_markup_is_422(client, make, login, csrf_of, in_db):
    login(client, make.user())
    response, _secret = _create_in_settings(client, csrf_of, name="<script>")
    assert response.status_code == 422
    assert in_db(lambda db: db.session.scalar(select(ApiToken.id))) is None


def test_user_sees_own_tokens_and_admin_sees_all(make, api_for):
    employer = make.employer()
    admin, hr = make.user(employer, role="admin"), make.user(employer, role="hr")
    admin_api, hr_api = api_for(admin), api_for(hr)
    hr_tokens = hr_api.get("/api/v1/tokens").get_json()["items"]
    assert {t["user_id"] for t in hr_tokens} == {hr.id}
    assert len(admin_api.get("/api/v1/tokens").get_json()["items"]) == 2
    admin_token = [t for t in admin_api.get("/api/v1/tokens").get_json()["items"] if t["user_id"] == admin.id][0]
    assert hr_api.get(f"/api/v1/tokens/{admin_token['id']}").status_code == 404
    assert "token_hash" not in hr_tokens[0] and "secret" not in hr_tokens[0]


def test_creating_a_token_redirects_so_a_reload_cannot_create_another(client, make, login, csrf_of, in_db):
    login(client, make.user())
    token = csrf_of(client.get("/settings/").get_data(as_text=True))
    response = client.post("/settings/tokens", data={"name": "Once", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/settings/")
    assert "ept_" not in response.get_data(as_text=True)
    assert in_db(lambda db: db.session.scalar(select(func.count(ApiToken.id)))) == 1

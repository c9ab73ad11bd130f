"""Bad form input: a clear message next to the field, 422, nothing changed."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from employer_portal.models import User

GOOD = "a-long-unusual-passphrase-9"


def _users(in_db):
    return in_db(lambda db: db.session.scalar(select(func.count()).select_from(User)))


@pytest.mark.parametrize("data, field, message", [
    ({"email": "", "role": "hr", "password": GOOD}, "email", "Enter an email address."),
    ({"email": "not-an-address", "role": "hr", "password": GOOD}, "email", "invalid email address"),
    ({"email": "new@example.com", "role": "hr", "password": "short"}, "password", "at least 12 characters"),
    ({"email": "new@example.com", "role": "hr", "password": "passwordpassword"}, "password", "too common"),
    ({"email": "new@example.com", "role": "owner", "password": GOOD}, "role", "Not a valid choice"),
    ({"email": "new@example.com", "role": "hr", "password": ""}, "password", "Set an initial password."),
])
def test_bad_new_user_is_422_with_the_reason_by_the_field(client, make, login, csrf_of, in_db, data, field, message):
    login(client, make.user(role="admin"))
    before = _users(in_db)
    token = csrf_of(client.get("/settings/users").get_data(as_text=True))
    response = client.post("/settings/users", data={**data, "csrf_token": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    error = html.split(f'id="{field}-error">')[1].split("</p>")[0]
    assert message in error
    assert _users(in_db) == before


def test_duplicate_email_is_422_and_creates_nothing(client, make, login, csrf_of, in_db):
    admin = make.user(role="admin")
    login(client, admin)
    before = _users(in_db)
    token = csrf_of(client.get("/settings/users").get_data(as_text=True))
    response = client.post("/settings/users", data={"email": admin.email.upper(), "role": "hr", "password": GOOD,
                                                    "csrf_token": token})
    assert response.status_code == 422
    assert "already exists" in response.get_data(as_text=True).split('id="email-error">')[1]
    assert _users(in_db) == before


def test_admin_adds_a_user_who_can_sign_in(app, client, make, login, csrf_of):
    admin = make.user(role="admin")
    login(client, admin)
    token = csrf_of(client.get("/settings/users").get_data(as_text=True))
    response = client.post("/settings/users", data={"email": "new.hire@example.com", "role": "viewer",
                                                    "password": GOOD, "csrf_token": token})
    assert response.status_code == 302
    login(app.test_client(), SimpleNamespace(email="new.hire@example.com", password=GOOD))


def test_dashboard_shows_an_honest_empty_state(client, make, login):
    login(client, make.user())
    html = client.get("/dashboard").get_data(as_text=True)
    assert "No hires yet." in html and "No deadlines in the next 30 days." in html

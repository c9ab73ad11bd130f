"""Sign-in: argon2id hashing and rehash, CSRF, rate limits, roles, revocable sessions."""
from __future__ import annotations

import re

from argon2 import PasswordHasher
from sqlalchemy import func, select

from employer_portal.models import ApiToken, User, UserSession

COOKIE = "portal_session"


def _csrf(client, csrf_of, path="/login"):
    return csrf_of(client.get(path).get_data(as_text=True))


def _attempt(client, csrf_of, email, password, **kw):
    token = _csrf(client, csrf_of)
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token}, **kw)


def _replay(app, cookie_value):
    """A new browser that only has the old session cookie."""
    fresh = app.test_client()
    fresh.set_cookie(COOKIE, cookie_value)
    return fresh.get("/dashboard")


def test_passwords_are_argon2id_at_or_above_the_owasp_minimum(in_db, make):
    user = make.user()
    stored = in_db(lambda db: db.session.get(User, user.id).password_hash)
    params = dict(re.findall(r"([mtp])=(\d+)", stored))
    assert stored.startswith("$argon2id$")
    assert int(params["m"]) >= 19 * 1024 and int(params["t"]) >= 2 and int(params["p"]) >= 1


def _set_hash(in_db, user_id, value):
    def change(db):
        db.session.get(User, user_id).password_hash = value
        db.session.commit()
    in_db(change)


def _hash_of(in_db, user_id):
    return in_db(lambda db: db.session.get(User, user_id).password_hash)


def _count(in_db, model):
    return in_db(lambda db: db.session.scalar(select(func.count()).select_from(model)))


def _user_id(in_db, email):
    return in_db(lambda db: db.session.scalar(select(User.id).where(User.email == email)))


def test_weaker_hash_is_rehashed_at_sign_in(client, make, login, in_db):
    user = make.user()
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(user.password)
    _set_hash(in_db, user.id, weak)
    login(client, user)
    stored = _hash_of(in_db, user.id)
    assert stored != weak
    assert "m=8192" not in stored and PasswordHasher().verify(stored, user.password)


def test_wrong_password_is_refused_without_saying_which_part(client, make, csrf_of):
    user = make.user()
    response = _attempt(client, csrf_of, user.email, "not-the-password-at-all")
    assert response.status_code == 401
    assert "Email or password is not right." in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


def test_deactivated_user_cannot_sign_in(client, make, csrf_of, in_db):
    user = make.user()

    def deactivate(db):
        db.session.get(User, user.id).active = False
        db.session.commit()
    in_db(deactivate)
    assert _attempt(client, csrf_of, user.email, user.password).status_code == 401


def test_login_form_without_fields_is_422_with_messages(client, csrf_of):
    response = client.post("/login", data={"email": "", "password": "", "csrf_token": _csrf(client, csrf_of)})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Enter your email address." in html and "Enter your password." in html


# --- CSRF -----------------------------------------------------------------------------------

def test_login_post_without_csrf_token_is_refused(client, make):
    user = make.user()
    response = client.post("/login", data={"email": user.email, "password": user.password})
    assert response.status_code == 400
    assert client.get("/dashboard").status_code == 302


def test_token_create_without_csrf_token_is_refused(client, make, login, in_db):
    user = make.user()
    login(client, user)
    assert client.post("/settings/tokens", data={"name": "sneaky"}).status_code == 400
    assert _count(in_db, ApiToken) == 0


def test_user_create_without_csrf_token_is_refused(client, make, login, in_db):
    admin = make.user(role="admin")
    login(client, admin)
    response = client.post("/settings/users", data={"email": "new@example.com", "role": "admin",
                                                    "password": "a-long-unusual-passphrase-9"})
    assert response.status_code == 400
    assert _user_id(in_db, "new@example.com") is None


def test_logout_without_csrf_token_is_refused(client, make, login):
    login(client, make.user())
    assert client.post("/logout").status_code == 400
    assert client.get("/dashboard").status_code == 200


# --- rate limits ------------------------------------------------------------------------------

def test_eleventh_failed_login_from_one_address_in_a_minute_is_refused(client, make, csrf_of):
    user = make.user()
    for i in range(10):
        assert _attempt(client, csrf_of, f"nobody{i}@example.com", "wrong-password-xyz").status_code == 401
    # Even the right password is refused now: the address is out of attempts.
    assert _attempt(client, csrf_of, user.email, user.password).status_code == 429


def test_eleventh_failed_login_for_one_account_in_a_minute_is_refused(client, make, csrf_of):
    user = make.user()
    for i in range(10):
        response = _attempt(client, csrf_of, user.email, "wrong-password-xyz",
                            environ_overrides={"REMOTE_ADDR": f"198.51.100.{i + 1}"})
        assert response.status_code == 401
    response = _attempt(client, csrf_of, user.email, user.password,
                        environ_overrides={"REMOTE_ADDR": "203.0.113.50"})
    assert response.status_code == 429


def test_successful_logins_do_not_use_up_the_limit(app, make, login):
    user = make.user()
    for _ in range(12):
        c = app.test_client()
        login(c, user)


def test_forwarded_for_is_ignored_without_trusted_proxies(client, make, csrf_of):
    make.user()
    for i in range(10):
        _attempt(client, csrf_of, f"nobody{i}@example.com", "wrong-password-xyz",
                 headers={"X-Forwarded-For": f"192.0.2.{i + 1}"})
    response = _attempt(client, csrf_of, "other@example.com", "wrong-password-xyz",
                        headers={"X-Forwarded-For": "192.0.2.200"})
    assert response.status_code == 429


def test_forwarded_for_is_the_client_address_behind_a_trusted_proxy(other_app, make, csrf_of):
    proxied = other_app(config={"TRUSTED_PROXIES": 1})
    client = proxied.test_client()
    for i in range(10):
        _attempt(client, csrf_of, f"nobody{i}@example.com", "wrong-password-xyz",
                 headers={"X-Forwarded-For": "192.0.2.1"})
    blocked = _attempt(client, csrf_of, "other@example.com", "wrong-password-xyz",
                       headers={"X-Forwarded-For": "192.0.2.1"})
    other_client = _attempt(client, csrf_of, "other@example.com", "wrong-password-xyz",
                            headers={"X-Forwarded-For": "192.0.2.2"})
    assert blocked.status_code == 429
    assert other_client.status_code == 401


# --- roles ------------------------------------------------------------------------------------

def test_users_page_is_for_admins(app, make, login):
    employer = make.employer()
    admin = make.user(employer, role="admin")
    assert login(app.test_client(), admin).get("/settings/users").status_code == 200
    for role in ("hr", "viewer"):
        member = make.user(employer, role=role)
        assert login(app.test_client(), member).get("/settings/users").status_code == 403


def test_hr_cannot_create_users(client, make, login, csrf_of, in_db):
    hr = make.user(role="hr")
    login(client, hr)
    response = client.post("/settings/users", data={"email": "x@example.com", "role": "admin",
                                                    "password": "a-long-unusual-passphrase-9",
                                                    "csrf_token": _csrf(client, csrf_of, "/settings/")})
    assert response.status_code == 403
    assert _user_id(in_db, "x@example.com") is None


# --- server-side sessions ----------------------------------------------------------------------

def test_logout_makes_the_old_session_cookie_useless(app, client, make, login, csrf_of):
    login(client, make.user())
    old = client.get_cookie(COOKIE).value
    client.post("/logout", data={"csrf_token": _csrf(client, csrf_of, "/dashboard")})
    response = _replay(app, old)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_deactivating_a_user_makes_their_session_cookie_useless(app, make, login, csrf_of):
    employer = make.employer()
    admin, hr = make.user(employer, role="admin"), make.user(employer, role="hr")
    hr_client = login(app.test_client(), hr)
    old = hr_client.get_cookie(COOKIE).value
    assert _replay(app, old).status_code == 200
    admin_client = login(app.test_client(), admin)
    token = _csrf(admin_client, csrf_of, f"/settings/users/{hr.id}")
    admin_client.post(f"/settings/users/{hr.id}/active", data={"active": "0", "csrf_token": token})
    assert _replay(app, old).status_code == 302
    assert hr_client.get("/dashboard").status_code == 302


def test_changing_the_password_makes_old_session_cookies_useless(app, make, login, csrf_of, in_db):
    user = make.user()
    elsewhere = login(app.test_client(), user)
    old = elsewhere.get_cookie(COOKIE).value
    here = login(app.test_client(), user)
    response = here.post("/account/password", data={
        "current_password": user.password, "new_password": "another-long-passphrase-77",
        "csrf_token": _csrf(here, csrf_of, "/account/password")})
    assert response.status_code == 302
    assert _replay(app, old).status_code == 302
    assert here.get("/dashboard").status_code == 200  # this browser got a new session
    assert _count(in_db, UserSession) == 1


def test_weak_new_password_is_422_and_keeps_the_old_one(client, make, login, csrf_of, in_db):
    user = make.user()
    login(client, user)
    before = _hash_of(in_db, user.id)
    response = client.post("/account/password", data={
        "current_password": user.password, "new_password": "short",
        "csrf_token": _csrf(client, csrf_of, "/account/password")})
    assert response.status_code == 422
    assert "at least 12 characters" in response.get_data(as_text=True)
    assert _hash_of(in_db, user.id) == before

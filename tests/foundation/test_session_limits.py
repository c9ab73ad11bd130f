"""Session limits (ASVS 5.0 7.3.1, 7.3.2) and the sign-in redirect (3.7.2), mapped in docs/security.md."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from sqlalchemy import update

from employer_portal.models import UserSession


def _age_sessions(in_db, user_id: int, **columns) -> None:
    def run(db):
        db.session.execute(update(UserSession).where(UserSession.user_id == user_id).values(**columns))
        db.session.commit()

    in_db(run)


def test_a_session_idle_past_the_idle_limit_is_signed_out(app, client, make, login, in_db):
    user = make.user()
    login(client, user)
    assert client.get("/dashboard").status_code == 200
    idle = dt.timedelta(minutes=app.config["SESSION_IDLE_MINUTES"], seconds=1)
    _age_sessions(in_db, user.id, last_seen_at=dt.datetime.now(dt.timezone.utc) - idle)
    response = client.get("/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_session_past_its_absolute_lifetime_is_signed_out_though_in_use(client, make, login, in_db):
    user = make.user()
    login(client, user)
    now = dt.datetime.now(dt.timezone.utc)
    _age_sessions(in_db, user.id, last_seen_at=now, expires_at=now - dt.timedelta(seconds=1))
    response = client.get("/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_sign_in_never_redirects_to_another_site(client, make, csrf_of):
    user = make.user()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        token = csrf_of(client.get("/login").get_data(as_text=True))
        response = client.post(f"/login?next={target}", data={"email": user.email, "password": user.password,
                                                               "csrf_token": token})
        assert response.status_code == 302
        location = response.headers["Location"]
        assert urlsplit(location).netloc in ("", "localhost") and not location.startswith("//"), target
        client.post("/logout", data={"csrf_token": csrf_of(client.get("/dashboard").get_data(as_text=True))})

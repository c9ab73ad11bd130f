"""API token sign-in on its fast path (auth/api_tokens.py): a process remembers the tokens it has just read, and a
revoke or a deactivation committed anywhere still refuses the very next request (the change notices of migration
0018, this process's own commits, and a one-second recheck as the backstop); a stateless check opens no transaction;
a dropped lookup connection is reopened; SQLite too."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import select as io_select
import time

import psycopg
import pytest
from sqlalchemy import event, select, text, update

from employer_portal.auth import api_tokens
from employer_portal.models import ApiToken, User

ROOT = Path(__file__).resolve().parents[2]


def _in_app(app, fn):
    """fn(db) in an app context of its own: never the one the test client's requests use."""
    from employer_portal.extensions import db

    with app.app_context():
        return fn(db)


def _revoke_all(db):
    from employer_portal import accounts

    for token in db.session.scalars(select(ApiToken)).all():
        accounts.revoke_token(token)
    db.session.commit()


def test_a_token_revoked_elsewhere_is_refused_on_the_very_next_check(app, api, hire):
    assert api.post("/api/v1/checks", json=hire).status_code == 200  # the lookup connection is open and warm
    _in_app(app, _revoke_all)  # as the settings page or the CLI of another process would
    refused = api.post("/api/v1/checks", json=hire)
    assert refused.status_code == 401
    assert refused.mimetype == "application/problem+json"


def test_a_token_revoked_through_the_api_is_refused_on_the_very_next_check(api, hire):
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    token_id = api.get("/api/v1/tokens").get_json()["items"][0]["id"]
    assert api.delete(f"/api/v1/tokens/{token_id}").status_code == 204
    assert api.post("/api/v1/checks", json=hire).status_code == 401


def test_a_deactivated_users_token_is_refused_on_the_very_next_check(app, make, api_for, refdata_loaded, hire):
    from employer_portal import accounts

    user = make.user(role="hr")
    api = api_for(user)
    assert api.post("/api/v1/checks", json=hire).status_code == 200

    def deactivate(db):
        accounts.set_user_active(db.session.get(User, user.id), False)
        db.session.commit()
    _in_app(app, deactivate)
    assert api.post("/api/v1/checks", json=hire).status_code == 401


def test_a_role_changed_elsewhere_applies_to_the_very_next_request(app, make, api_for, refdata_loaded):
    from employer_portal import accounts

    user = make.user(role="hr")
    api = api_for(user)
    assert api.post("/api/v1/hires", json={"program": "ict"}).status_code == 201

    def make_viewer(db):
        accounts.set_user_role(db.session.get(User, user.id), "viewer")
        db.session.commit()
    _in_app(app, make_viewer)
    assert api.post("/api/v1/hires", json={"program": "ict"}).status_code == 403


def test_a_check_opens_no_database_transaction(app, api, hire, monkeypatch):
    monkeypatch.setitem(app.config, "REFDATA_RECHECK_SECONDS", 3600)  # no reference-data recheck in between
    assert api.post("/api/v1/checks", json=hire).status_code == 200  # records the token's last use (a write)
    begun = []
    engine = _in_app(app, lambda db: db.engine)

    def listener(connection):
        begun.append(connection)
    event.listen(engine, "begin", listener)
    try:
        assert api.post("/api/v1/checks", json=hire).status_code == 200
    finally:
        event.remove(engine, "begin", listener)
    assert begun == []


def test_the_last_use_is_written_once_a_minute_not_on_every_request(app, api, hire):
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    first = _in_app(app, lambda db: db.session.scalar(select(ApiToken.last_used_at)))
    assert first is not None
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    assert _in_app(app, lambda db: db.session.scalar(select(ApiToken.last_used_at))) == first

    def age_it(db):
        db.session.execute(update(ApiToken).values(last_used_at=first - dt.timedelta(minutes=5)))
        db.session.commit()
    _in_app(app, age_it)
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    assert _in_app(app, lambda db: db.session.scalar(select(ApiToken.last_used_at))) >= first


def test_a_dropped_lookup_connection_is_reopened(app, api, hire):
    assert api.post("/api/v1/checks", json=hire).status_code == 200

    def end_lookup_connections(db):
        ended = db.session.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%api_tokens t JOIN%'"
        )).all()
        db.session.commit()
        return len(ended)
    assert _in_app(app, end_lookup_connections) >= 1
    assert api.post("/api/v1/checks", json=hire).status_code == 200


SQLITE_SCRIPT = r"""
import json, sys
from flask_migrate import upgrade
from employer_portal import accounts, create_app
from employer_portal.extensions import db
from employer_portal.models import ApiToken

app = create_app({"TESTING": True})
with app.app_context():
    upgrade()
    employer = accounts.create_employer("Maple", "ON")
    user = accounts.create_user(employer, "hr@maple.example", "hr", "a long unusual passphrase 2026")
    _token, secret = accounts.create_token(user, "sqlite")
    db.session.commit()
client = app.test_client()
auth = {"Authorization": f"Bearer {secret}"}
GTS_B_HIRE = json.loads(sys.argv[1])
answers = {"before": client.post("/api/v1/checks", json=GTS_B_HIRE, headers=auth).status_code}
with app.app_context():
    answers["last_used"] = db.session.scalar(db.select(ApiToken.last_used_at)) is not None
    accounts.revoke_token(db.session.scalar(db.select(ApiToken)))
    db.session.commit()
answers["after"] = client.post("/api/v1/checks", json=GTS_B_HIRE, headers=auth).status_code
print(json.dumps(answers))
"""


@pytest.mark.embedded
def test_token_sign_in_and_revocation_work_on_sqlite(tmp_path, test_env, hire):
    env = {**os.environ, **test_env, "DATABASE_URL": f"sqlite:///{tmp_path}/portal.sqlite",
           "PORTAL_INSTANCE_PATH": str(tmp_path / "instance")}
    env.pop("CELERY_BROKER_URL")
    run = subprocess.run([sys.executable, "-c", SQLITE_SCRIPT, json.dumps(hire)], check=False, cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-3000:]
    assert json.loads(run.stdout.strip().splitlines()[-1]) == {"before": 200, "last_used": True, "after": 401}


def test_the_api_never_reads_or_writes_the_browser_session(client, make, login, api, hire):
    login(client, make.user(role="hr"))  # the test client now carries a signed-in session cookie
    without_token = client.post("/api/v1/checks", json=hire)
    assert without_token.status_code == 401
    with_token = client.post("/api/v1/checks", json=hire, headers={"Authorization": f"Bearer {api.token}"})
    assert with_token.status_code == 200
    assert "Set-Cookie" not in with_token.headers and "Set-Cookie" not in without_token.headers


def test_a_refused_token_gets_401_and_nothing_of_the_check_even_with_a_bad_body(api, hire):
    """The check computes while the token is read; a refused token still answers 401 only (not the 422)."""
    bad_token = {"Authorization": "Bearer ept_not-a-real-token"}
    refused = api.client.post("/api/v1/checks", json=hire, headers=bad_token)
    assert refused.status_code == 401 and "findings" not in refused.get_json()
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    for body in ({"program": "gts_b"}, {"position": {"start_date": "9999-01-01"}}, [1, 2]):
        assert api.client.post("/api/v1/checks", json=body, headers=bad_token).status_code == 401
    assert api.post("/api/v1/checks", json={"program": "gts_b"}).status_code == 422  # a live token: the 422


def test_a_revoked_token_with_a_bad_body_is_refused_before_its_body_is_judged(app, api, hire):
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    _in_app(app, _revoke_all)
    assert api.post("/api/v1/checks", json={"program": "gts_b"}).status_code == 401


# --- the memory of tokens just read, and what makes it forget ---------------------------------------------------------

def _lookup_connection(app):
    """This process's token connection (the one that LISTENs for change notices)."""
    return _in_app(app, lambda db: api_tokens._reader(db.engine)._connection)


def _outside_the_app(test_env, sql: str, *, notices: bool = True) -> None:
    """Run `sql` on a connection of its own, as another process (psql, another web server) would: none of this
    process's engine events see it. notices=False commits it with triggers off, as if the notice were lost."""
    with psycopg.connect(test_env["DATABASE_URL"], autocommit=True) as connection:
        if not notices:
            connection.execute("SET session_replication_role = replica")  # triggers do not fire
        connection.execute(sql)


def _wait_for_a_notice(connection, timeout: float = 5.0) -> None:
    """Until a notice has reached the token connection's socket (PostgreSQL delivers it just after the commit)."""
    readable, _, _ = io_select.select([connection.pgconn.socket], [], [], timeout)
    assert readable, "no change notice reached the token connection"


def test_a_token_revoked_by_another_process_is_refused_once_its_notice_arrives(app, api, hire, test_env):
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    assert api.post("/api/v1/checks", json=hire).status_code == 200  # now answered from memory
    _outside_the_app(test_env, "UPDATE api_tokens SET revoked_at = now()")
    _wait_for_a_notice(_lookup_connection(app))
    assert api.post("/api/v1/checks", json=hire).status_code == 401


def test_a_user_deactivated_by_another_process_is_refused_once_its_notice_arrives(app, api, hire, test_env):
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    _outside_the_app(test_env, "UPDATE users SET active = false")
    _wait_for_a_notice(_lookup_connection(app))
    assert api.post("/api/v1/checks", json=hire).status_code == 401


def test_a_token_deleted_with_its_employer_by_another_process_is_refused_once_its_notice_arrives(app, api, hire,
                                                                                               test_env):
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    _outside_the_app(test_env, "DELETE FROM employers")  # reaches users and api_tokens through the cascade
    _wait_for_a_notice(_lookup_connection(app))
    assert api.post("/api/v1/checks", json=hire).status_code == 401


def test_a_remembered_token_is_read_again_after_the_recheck_interval_even_if_its_notice_is_lost(
        app, api, hire, test_env, monkeypatch):
    monkeypatch.setattr(api_tokens, "RECHECK_AFTER_SECONDS", 0.3)
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    _outside_the_app(test_env, "UPDATE api_tokens SET revoked_at = now()", notices=False)
    # No notice comes: the identity read 0.3 s ago may still answer (what the notice exists for)...
    time.sleep(0.35)
    # ...but never after the recheck interval.
    assert api.post("/api/v1/checks", json=hire).status_code == 401


def test_a_lost_notice_is_what_lets_a_remembered_token_answer_within_the_recheck_interval(
        app, api, hire, test_env, monkeypatch):
    """The memory is real (no round trip on a repeat): with the notice suppressed and a long interval, the revoked
    token still answers; the notice tests above therefore show the notice, not a fresh read, refusing it."""
    monkeypatch.setattr(api_tokens, "RECHECK_AFTER_SECONDS", 60)
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    _outside_the_app(test_env, "UPDATE api_tokens SET revoked_at = now()", notices=False)
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    _in_app(app, lambda db: api_tokens.forget_identities(db.engine))
    assert api.post("/api/v1/checks", json=hire).status_code == 401


def test_a_revoke_committed_by_this_process_is_forgotten_without_waiting_for_its_notice(app, api, hire, monkeypatch):
    monkeypatch.setattr(api_tokens, "RECHECK_AFTER_SECONDS", 60)
    assert api.post("/api/v1/checks", json=hire).status_code == 200

    def revoke_without_a_notice(db):
        db.session.execute(text("SET LOCAL session_replication_role = replica"))  # no trigger, so no notice
        _revoke_all(db)
    _in_app(app, revoke_without_a_notice)
    assert api.post("/api/v1/checks", json=hire).status_code == 401


def _notices_after(test_env, sql: str) -> list[str]:
    with psycopg.connect(test_env["DATABASE_URL"], autocommit=True) as listener:
        listener.execute(f"LISTEN {api_tokens.CHANGES_CHANNEL}")
        _outside_the_app(test_env, sql)
        return sorted({notice.payload for notice in listener.notifies(timeout=0.5)})


@pytest.mark.parametrize("sql, table", [
    ("UPDATE api_tokens SET revoked_at = now()", "api_tokens"),
    ("DELETE FROM api_tokens", "api_tokens"),
    ("UPDATE users SET active = false", "users"),
    ("DELETE FROM employers", "users"),  # through the cascade (api_tokens too)
])
def test_a_change_that_can_end_a_token_sends_a_notice(api, test_env, sql, table):
    assert table in _notices_after(test_env, sql)


def test_recording_a_tokens_last_use_sends_no_notice(api, test_env):
    assert _notices_after(test_env, "UPDATE api_tokens SET last_used_at = now()") == []

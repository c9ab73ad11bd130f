"""Issue 13 item 5: logs without personal data, nothing learnt about other employers, ids never reused,
a deleted draft's files gone."""
from __future__ import annotations

import logging
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select, text

ROOT = Path(__file__).resolve().parents[2]


def _feed_token(app, user) -> str:
    from employer_portal.extensions import db
    from employer_portal.models import User
    from employer_portal.reminders import calendar

    with app.app_context():
        token = calendar.rotate_token(db.session.get(User, user.id))
        db.session.commit()
    return token


def _everything_logged(records) -> str:
    return "\n".join(f"{record.getMessage()} {record.args!r}" for record in records)


def test_sql_logging_at_debug_never_shows_the_values_bound_into_a_query(app, caplog):
    from employer_portal.extensions import db
    from employer_portal.models import User

    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
    try:
        with app.app_context():
            db.session.remove()  # a new connection reads the logger's level
            db.session.scalar(select(User.id).where(User.email == "canary.person@example.com"))
            db.session.execute(text("SELECT :passport AS p"), {"passport": "ZX9081726"})
            db.session.rollback()
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    logged = _everything_logged(caplog.records)
    assert "SELECT users.id" in logged  # SQL is logged, only without its parameters
    assert "canary.person@example.com" not in logged
    assert "ZX9081726" not in logged


def test_the_embedded_broker_engine_hides_parameters_too(other_app, tmp_path):
    other_app(env={"CELERY_BROKER_URL": f"sqla+sqlite:///{tmp_path}/broker.sqlite"})
    from tasks.celery_app import celery

    with celery.connection_for_write() as connection:
        engine = connection.default_channel._engine_from_config()  # the engine kombu's SQLAlchemy transport builds
    assert engine.hide_parameters is True


def test_a_request_for_the_calendar_feed_puts_its_secret_in_no_log_record(app, make, live_server, caplog):
    caplog.set_level(logging.DEBUG)
    token = _feed_token(app, make.user(role="hr"))
    with urllib.request.urlopen(f"{live_server}/calendar/{token}.ics") as response:
        assert response.status == 200
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{live_server}/calendar/{token}x.ics")  # an unknown one is logged too: a 404
    logged = _everything_logged(caplog.records)
    assert "/calendar/[redacted].ics" in logged  # the request is logged, without the secret
    assert token not in logged


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_access_log_of_a_feed_request_does_not_hold_its_secret(app, make, tmp_path, poll):
    """Production's access log (compose runs gunicorn with --access-logfile): the path, the raw URI and
    the environ atoms all come out redacted."""
    token = _feed_token(app, make.user(role="hr"))
    access_log = tmp_path / "access.log"
    port = _free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen([gunicorn, "-w", "1", "-b", f"127.0.0.1:{port}", "--access-logfile", str(access_log),
                               "--access-logformat", '%(h)s "%(r)s" %(s)s %(U)s %({raw_uri}e)s',
                               "employer_portal:create_app()"], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        def feed_served():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/calendar/{token}.ics", timeout=5) as response:
                    return response.status == 200
            except OSError:
                return False

        poll(feed_served, timeout=60, message="gunicorn serving the feed")
        poll(lambda: "/calendar/" in access_log.read_text(), message="the access log line")
    finally:
        server.terminate()
        server.wait(timeout=30)
    logged = access_log.read_text()
    assert '"GET /calendar/[redacted].ics HTTP/1.1" 200 /calendar/[redacted].ics /calendar/[redacted].ics' in logged
    assert token not in logged


# --- an admin learns nothing about accounts of other employers ---------------------------------

def test_adding_a_user_with_another_employers_address_gets_a_neutral_answer(client, make, login, csrf_of):
    from employer_portal.accounts import ADDRESS_NOT_USABLE

    elsewhere = make.user(role="viewer", email="someone@rival.example")
    admin = make.user(role="admin")
    login(client, admin)
    token = csrf_of(client.get("/settings/users").get_data(as_text=True))
    response = client.post("/settings/users", data={"email": elsewhere.email, "role": "hr",
                                                    "password": "a-long-unusual-passphrase-9", "csrf_token": token})
    assert response.status_code == 422
    answer = response.get_data(as_text=True).split('id="email-error">')[1].split("<")[0]
    assert ADDRESS_NOT_USABLE in answer
    assert "exists" not in answer and "another employer" not in answer


def test_a_weak_password_with_another_employers_address_gets_the_same_answer_as_with_a_fresh_one(app, make):
    """The password is judged first, so a probe with a throwaway password learns nothing about the address."""
    from employer_portal import accounts
    from employer_portal.extensions import db
    from employer_portal.models import Employer

    make.user(email="taken@rival.example")
    employer_id = make.employer()
    answers = []
    with app.app_context():
        employer = db.session.get(Employer, employer_id)
        for address in ("taken@rival.example", "fresh@nowhere.example"):
            with pytest.raises(accounts.AccountError) as refused:
                accounts.create_user(employer, address, "hr", "short")
            answers.append((refused.value.field, str(refused.value)))
        db.session.rollback()
    assert answers[0] == answers[1]
    assert answers[0][0] == "password"


def test_another_employers_user_is_404_on_the_pages_and_the_api(client, make, login, api_for):
    other = make.user(role="admin")
    admin = make.user(role="admin")
    login(client, admin)
    for path in (f"/settings/users/{other.id}", f"/settings/users/{other.id}/deactivate"):
        assert client.get(path).status_code == 404, path
    assert api_for(admin).get(f"/api/v1/users/{other.id}").status_code == 404


# --- on SQLite, ids are never reused --------------------------------------------------------------

def test_on_sqlite_a_new_hire_after_deleting_the_highest_gets_a_new_id(other_app, tmp_path):
    from flask_migrate import upgrade

    from employer_portal import accounts
    from employer_portal.extensions import db
    from employer_portal.hires import service

    application = other_app(env={"DATABASE_URL": f"sqlite:///{tmp_path}/portal.sqlite",
                                 "FILE_STORAGE_DIR": str(tmp_path / "files")})
    with application.app_context():
        upgrade()
        employer = accounts.create_employer("Sqlite Co", "ON")
        db.session.flush()
        first = service.create_draft(employer.id, {}, None)
        second = service.create_draft(employer.id, {}, None)
        db.session.commit()
        deleted_id = second.id
        service.delete_draft(second, None)
        db.session.commit()
        again = service.create_draft(employer.id, {}, None)
        db.session.commit()
        assert first.id < deleted_id < again.id


def _row_counts(db) -> dict[str, int]:
    names = db.session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
    return {name: db.session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar() for name in list(names)}


def test_the_sqlite_migration_keeps_every_row_and_makes_tables_autoincrement(other_app, tmp_path):
    from flask_migrate import upgrade

    from employer_portal import accounts
    from employer_portal.extensions import db

    application = other_app(env={"DATABASE_URL": f"sqlite:///{tmp_path}/portal.sqlite"})
    with application.app_context():
        upgrade(revision="0015_hire_version")
        employer = accounts.create_employer("Before Co", "ON")
        db.session.flush()
        accounts.create_user(employer, "before@example.com", "hr", "a-long-unusual-passphrase-9")
        db.session.commit()
        before = _row_counts(db)
        upgrade(revision="0016_sqlite_autoincrement")
        sql = dict(db.session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all())
        assert "AUTOINCREMENT" in sql["hires"] and "AUTOINCREMENT" in sql["users"]
        # every row is still there: rebuilding a parent table did not cascade into its children
        assert _row_counts(db) == before and before["users"] == 1 and before["audit_events"] >= 1
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1  # enforcing again afterwards
        db.session.rollback()


# --- a deleted draft's files are removed ------------------------------------------------------------

def test_deleting_a_draft_removes_its_stored_checklist_pdfs(app, make, api_for):
    from employer_portal.checklists.storage import storage_from_config
    from employer_portal.extensions import db
    from employer_portal.models.checklist import ChecklistBuild

    hr = make.user(role="hr")
    api = api_for(hr)
    hire_id = api.post("/api/v1/hires", json={"worker": {"given_name": "Ana"}}).get_json()["id"]
    key = f"checklists/{hr.employer_id}/{hire_id}/{'a' * 64}.pdf"
    with app.app_context():
        storage = storage_from_config(app.config)
        storage.put(key, b"%PDF-1.7 a checklist")
        db.session.add(ChecklistBuild(employer_id=hr.employer_id, hire_id=hire_id, status="ready", input_hash="a" * 64,
                                      file_key=key, pages=1, size=20))
        db.session.commit()
    assert api.delete(f"/api/v1/hires/{hire_id}").status_code == 204
    with app.app_context():
        assert not storage.exists(key)

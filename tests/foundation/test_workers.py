"""Background work really runs in a separate Celery worker process and writes to the database."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from employer_portal.models import User, UserSession
from employer_portal.models.base import utcnow

ROOT = Path(__file__).resolve().parents[2]


def _expired_session_count(in_db):
    return in_db(lambda db: db.session.scalar(select(func.count()).select_from(UserSession)))


@pytest.mark.worker
def test_redis_worker_runs_a_task_that_writes_to_the_database(make, in_db, start_worker, purge_queue, poll):
    user = make.user()

    def add_expired(db):
        past = utcnow() - dt.timedelta(hours=1)
        db.session.add(UserSession(user_id=user.id, token_hash="x" * 64, created_at=past, last_seen_at=past,
                                   expires_at=past))
        db.session.commit()
    in_db(add_expired)
    purge_queue()
    worker = start_worker("foundation")
    from tasks.maintenance import purge_expired_sessions

    purge_expired_sessions.delay()
    poll(lambda: _expired_session_count(in_db) == 0, timeout=30, message="the worker to purge the session")
    assert "purge_expired_sessions" in worker.log()
    assert in_db(lambda db: db.session.get(User, user.id)) is not None


@pytest.mark.worker
@pytest.mark.embedded
def test_embedded_default_runs_tasks_through_a_worker_on_sqlite(tmp_path, start_worker, poll):
    """`make run`'s mode: SQLite database, Celery's SQLAlchemy broker on SQLite, a real worker."""
    database = tmp_path / "portal.sqlite"
    env = {"DATABASE_URL": f"sqlite:///{database}", "CELERY_BROKER_URL": f"sqla+sqlite:///{tmp_path}/broker.sqlite",
           "CELERY_TASK_DEFAULT_QUEUE": "celery", "PORTAL_INSTANCE_PATH": str(tmp_path / "instance"),
           "RATELIMIT_STORAGE_URI": "memory://"}
    full_env = {**os.environ, **env}
    migrated = subprocess.run([sys.executable, "-m", "flask", "--app", "employer_portal", "db", "upgrade"],
                              cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120)
    assert migrated.returncode == 0, migrated.stderr[-2000:]
    now, past = "2026-01-01 12:00:00", "2026-01-01 00:00:00"
    with sqlite3.connect(database) as conn:
        conn.execute("INSERT INTO employers (id, name, reminder_lead_days, reminder_recipients, created_at, updated_at)"
                     " VALUES (1, 'Embedded Co', '[]', '[]', ?, ?)", (now, now))
        conn.execute("INSERT INTO users (id, employer_id, email, role, password_hash, active, created_at, updated_at)"
                     " VALUES (1, 1, 'e@example.com', 'hr', 'x', 1, ?, ?)", (now, now))
        conn.execute("INSERT INTO user_sessions (user_id, token_hash, created_at, last_seen_at, expires_at)"
                     " VALUES (1, ?, ?, ?, ?)", ("y" * 64, past, past, past))
    enqueue = subprocess.run([sys.executable, "-c", "import tasks.worker; from tasks.maintenance import "
                              "purge_expired_sessions as t; t.delay()"], cwd=ROOT, env=full_env,
                             capture_output=True, text=True, timeout=60)
    assert enqueue.returncode == 0, enqueue.stderr[-2000:]
    start_worker("embedded", env=env)

    def sessions_left():
        with sqlite3.connect(database) as conn:
            return conn.execute("SELECT count(*) FROM user_sessions").fetchone()[0]
    poll(lambda: sessions_left() == 0, timeout=40, message="the embedded worker to purge the session")

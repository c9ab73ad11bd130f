"""Shared set-up for the checklist benchmarks: a temporary PostgreSQL database, migrated, with
an employer, an admin token and hires; dropped at the end. Not a benchmark itself."""
from __future__ import annotations

import base64
import contextlib
import copy
import os
import secrets
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_ADMIN_URL = os.environ.get("PORTAL_TEST_DATABASE_URL", "postgresql://127.0.0.1:5432/test")
REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

HIRE = {
    "program": "ict",
    "worker": {"given_name": "Ana", "family_name": "Silva", "citizenships": ["BR"], "highest_education": "master",
               "years_experience": 8},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "duties": "Design distributed systems.",
                 "province": "BC", "city": "Vancouver", "wage": {"amount": 150000, "period": "year"},
                 "hours_per_week": 40, "start_date": "2027-03-01", "end_date": "2029-02-28"},
    "ict": {"foreign_employer": "Acme GmbH", "relationship": "parent", "category": "specialized_knowledge",
            "continuous_full_time_months": 30, "prior_ict_months_in_canada": 0},
}


def hire_payload(n: int) -> dict:
    """A typical ICT hire; `n` makes each one different (name and wage)."""
    payload = copy.deepcopy(HIRE)
    payload["worker"]["given_name"] = f"Worker{n}"
    payload["position"]["wage"]["amount"] = 150000 + n
    return payload


@contextlib.contextmanager
def temporary_portal():
    """Yields (env, app, api_token) on a fresh database; sets the environment workers inherit."""
    import psycopg

    name = f"ep_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(PG_ADMIN_URL)
    instance = Path(tempfile.mkdtemp(prefix="ep-bench-"))
    env = {
        "DATABASE_URL": urlunsplit((parts.scheme, parts.netloc, "/" + name, "", "")),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_DEFAULT_QUEUE": f"ep-bench-{name}",
        "RATELIMIT_STORAGE_URI": "memory://",
        "PORTAL_INSTANCE_PATH": str(instance),
        "SECRET_KEY": secrets.token_urlsafe(32),
        "DATA_ENCRYPTION_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "FILE_STORAGE_DIR": str(instance / "files"),
        "PORTAL_ENV": "test",
    }
    os.environ.update(env)
    try:
        from flask_migrate import upgrade

        from employer_portal import accounts, create_app
        from employer_portal.extensions import db

        app = create_app({"TESTING": True})
        with app.app_context():
            upgrade()
            employer = accounts.create_employer("Benchmark Tech Inc.", "BC")
            user = accounts.create_user(employer, "bench@example.com", "admin", "correct-horse-staple-42")
            _token, secret = accounts.create_token(user, "bench")
            db.session.commit()
        yield env, app, secret
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

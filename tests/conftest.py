"""Shared fixtures: a real PostgreSQL database and Redis for the run, the app, users, API
clients, a live server, a Playwright browser and real Celery worker processes.

Each test run gets its own PostgreSQL database (so parallel runs never meet), upgraded
with the real migrations; after each test that used the database, every table except
the reference data is truncated. Set PORTAL_REQUIRE_SERVICES=1 (CI does) to fail
rather than skip when PostgreSQL or Redis cannot be reached.
"""
from __future__ import annotations

import base64
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("PORTAL_TEST_DATABASE_URL", "postgresql://127.0.0.1:5432/test")
REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
REQUIRE_SERVICES = os.environ.get("PORTAL_REQUIRE_SERVICES", "") in ("1", "true", "yes")
CHROMIUM = os.environ.get("PORTAL_TEST_CHROMIUM", "/usr/bin/chromium")
# Tables that hold reference data survive between tests (loaded once per run).
KEPT_TABLE_PREFIXES = ("refdata_", "alembic_version")

RUN_ID = uuid.uuid4().hex[:10]


def _service_missing(what: str, exc: Exception):
    message = f"{what} is not reachable ({exc.__class__.__name__}: {exc}); start it with ../shared/services.sh"
    if REQUIRE_SERVICES:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh PostgreSQL database for this test run; dropped at the end."""
    import psycopg

    name = f"ep_test_{RUN_ID}"
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        _service_missing("PostgreSQL", exc)
    url = _with_database(PG_ADMIN_URL, name)
    yield url
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.OperationalError:
        pass


@pytest.fixture(scope="session")
def redis_url():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        _service_missing("Redis", exc)
    return REDIS_URL


@pytest.fixture(scope="session")
def test_env(postgres_url, redis_url, tmp_path_factory):
    """The environment the app and its worker subprocesses share for this run."""
    instance = tmp_path_factory.mktemp("instance")
    env = {
        "DATABASE_URL": postgres_url,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_DEFAULT_QUEUE": f"ep-test-{RUN_ID}",
        "RATELIMIT_STORAGE_URI": redis_url,
        "RATELIMIT_KEY_PREFIX": f"ep-test-{RUN_ID}",
        "PORTAL_INSTANCE_PATH": str(instance),
        "SECRET_KEY": secrets.token_urlsafe(32),
        "DATA_ENCRYPTION_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "MAIL_OUTBOX_DIR": str(instance / "outbox"),
        "FILE_STORAGE_DIR": str(instance / "files"),
        "PORTAL_BASE_URL": "http://127.0.0.1:5000",
        "PORTAL_ENV": "test",
    }
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def app(test_env):
    """The app on this run's PostgreSQL database, migrated with the real migrations."""
    from flask_migrate import upgrade

    from employer_portal import create_app

    # The limiter's storage keys get a prefix of their own too: limiter.reset() between tests deletes its prefix's
    # keys, and must never clear another test run's (or a live app's) counters on the same Redis.
    application = create_app({"TESTING": True, "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": f"LIMITS-ep-test-{RUN_ID}"}})
    with application.app_context():
        upgrade()
    yield application
    from employer_portal.extensions import db

    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _clean_database(request):
    """After a test that used the app, empty every table but the reference data."""
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    from sqlalchemy import inspect, text

    from employer_portal.extensions import db, limiter

    with application.app_context():
        db.session.remove()
        tables = [t for t in inspect(db.engine).get_table_names() if not t.startswith(KEPT_TABLE_PREFIXES)]
        if tables:
            with db.engine.begin() as conn:
                conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        try:
            limiter.reset()
        except Exception:  # noqa: BLE001 - storage without reset support
            pass


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def db(app_ctx):
    from employer_portal.extensions import db as _db

    yield _db
    _db.session.rollback()


# --- factories -----------------------------------------------------------------------

PASSWORD = "correct-horse-staple-42"


class Factory:
    """Small builders for employers, users and tokens (committed, so other processes see them)."""

    def __init__(self, app):
        self.app = app
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n

    def employer(self, name: str | None = None, province: str = "ON"):
        from employer_portal import accounts
        from employer_portal.extensions import db

        with self.app.app_context():
            employer = accounts.create_employer(name or f"Employer {self._next()}", province)
            db.session.commit()
            return employer.id

    def user(self, employer_id: int | None = None, role: str = "admin", email: str | None = None,
             password: str = PASSWORD):
        from employer_portal import accounts
        from employer_portal.extensions import db
        from employer_portal.models import Employer

        with self.app.app_context():
            employer_id = employer_id or self.employer()
            employer = db.session.get(Employer, employer_id)
            user = accounts.create_user(employer, email or f"user{self._next()}@example.com", role, password)
            db.session.commit()
            return UserRef(user.id, user.email, employer_id, role, password)

    def token(self, user: "UserRef") -> str:
        from employer_portal import accounts
        from employer_portal.extensions import db
        from employer_portal.models import User

        with self.app.app_context():
            _token, secret = accounts.create_token(db.session.get(User, user.id), "test")
            db.session.commit()
            return secret


class UserRef:
    def __init__(self, id, email, employer_id, role, password):
        self.id, self.email, self.employer_id, self.role, self.password = id, email, employer_id, role, password


@pytest.fixture
def make(app):
    return Factory(app)


@pytest.fixture
def client(app):
    return app.test_client()


class ApiClient:
    """A test client that sends a bearer token and JSON."""

    def __init__(self, client, token):
        self.client, self.token = client, token

    def _headers(self, extra=None):
        headers = {"Authorization": f"Bearer {self.token}"}
        headers.update(extra or {})
        return headers

    def get(self, path, **kw):
        return self.client.get(path, headers=self._headers(kw.pop("headers", None)), **kw)

    def delete(self, path, **kw):
        return self.client.delete(path, headers=self._headers(kw.pop("headers", None)), **kw)

    def post(self, path, json=None, **kw):
        return self.client.post(path, json=json, headers=self._headers(kw.pop("headers", None)), **kw)

    def patch(self, path, json=None, **kw):
        return self.client.patch(path, json=json, headers=self._headers(kw.pop("headers", None)), **kw)

    def put(self, path, json=None, **kw):
        return self.client.put(path, json=json, headers=self._headers(kw.pop("headers", None)), **kw)


@pytest.fixture
def api_for(app, make):
    """api_for(user) -> ApiClient acting with a fresh token of that user."""

    def build(user: UserRef) -> ApiClient:
        return ApiClient(app.test_client(), make.token(user))

    return build


def csrf_token_from(html: str) -> str:
    import re

    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no CSRF token in the page"
    return match.group(1)


@pytest.fixture
def login(app):
    """login(client, user) signs the test client in through the real form."""

    def do(client, user: UserRef):
        page = client.get("/login")
        response = client.post("/login", data={"email": user.email, "password": user.password,
                                               "csrf_token": csrf_token_from(page.get_data(as_text=True))})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return do


@pytest.fixture
def csrf_of():
    return csrf_token_from


@pytest.fixture
def run_pack(app):
    """run_pack(pack_id) -> outcome: runs an inspection pack job in this process (as a worker would)."""

    def run(pack_id: int) -> str:
        from employer_portal.checklists.storage import storage_from_config
        from employer_portal.inspection import service

        with app.app_context():
            return service.run_pack(pack_id, storage=storage_from_config(app.config),
                                    key_setting=app.config["DATA_ENCRYPTION_KEY"])

    return run


# --- a live server and a browser -----------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(app):
    """The app served over HTTP on a free local port, in a thread."""
    from werkzeug.serving import make_server

    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if REQUIRE_SERVICES:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


# --- real Celery worker processes ----------------------------------------------------------

class WorkerProcess:
    """A `celery worker` subprocess on this run's queue, started and killed by tests."""

    def __init__(self, env: dict, name: str, concurrency: int = 1, extra_args: tuple = ()):
        self.env, self.name, self.concurrency, self.extra_args = env, name, concurrency, extra_args
        self.proc: subprocess.Popen | None = None
        self.log_path = Path(tempfile.mkstemp(prefix=f"celery-{name}-", suffix=".log")[1])

    def start(self, timeout: float = 30.0) -> "WorkerProcess":
        cmd = [sys.executable, "-m", "celery", "-A", "tasks.worker", "worker", "-l", "info",
               "-Q", self.env["CELERY_TASK_DEFAULT_QUEUE"], "-c", str(self.concurrency), "--pool", "prefork",
               "-n", f"{self.name}-{RUN_ID}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat",
               *self.extra_args]
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **self.env}, stdout=log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log_path.read_text(errors="replace"):
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"celery worker did not start:\n{self.log_path.read_text(errors='replace')[-3000:]}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def pool_child_pids(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def kill(self) -> None:
        """SIGKILL the whole worker: main process and pool children, no warm shutdown."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def start_worker(test_env, app):
    """start_worker(name='w1', concurrency=1) -> a running WorkerProcess; all stopped at the end."""
    started: list[WorkerProcess] = []

    def start(name: str = "w", concurrency: int = 1, extra_args: tuple = (), env: dict | None = None):
        worker = WorkerProcess({**test_env, **(env or {})}, name, concurrency, extra_args).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def purge_queue(test_env, app):
    """Empty this run's Celery queue (messages left by an earlier test)."""

    def purge():
        app.extensions["celery"].control.purge()

    return purge


def wait_for(condition, timeout: float = 20.0, interval: float = 0.1, message: str = "condition"):
    """Poll `condition()` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")


@pytest.fixture
def poll():
    return wait_for


@pytest.fixture(scope="session")
def shared_tmp(tmp_path_factory):
    path = tmp_path_factory.mktemp("shared")
    yield path
    shutil.rmtree(path, ignore_errors=True)

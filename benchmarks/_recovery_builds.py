"""PDF and inspection-pack recovery times after faults, with the shipped settings (lease 30 s,
heartbeat 5 s, beat sweeping every 15 s, queued grace 30 s). Not a benchmark by itself:
benchmarks/recovery_matrix.py (or recovery_builds.py) calls `pdf_recovery()`.

Each scenario runs real processes: Celery workers and a real `celery beat` on a temporary
PostgreSQL database and Redis (the embedded scenario: SQLite and Celery's SQLAlchemy broker).
Recovery time = from the fault to the moment every build is `ready`. A rescuing worker is
already running when a worker is killed (as with a second worker or a restart policy), so the
time is the lease and the sweep, not a worker's start-up. Extra renders = renders started beyond
one per build (`attempts` - 1): a build running when its worker died may be rendered once more.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _checklist_env import ROOT, hire_payload, temporary_portal  # noqa: E402

SCENARIOS = ("whole-worker SIGKILL", "pool-child SIGKILL", "Redis queue flushed", "PostgreSQL connections killed",
             "inspection pack, whole-worker SIGKILL", "embedded (SQLite), whole-worker SIGKILL")
SETTINGS = ("JOB_LEASE_SECONDS", "JOB_HEARTBEAT_SECONDS", "JOB_SWEEP_SECONDS", "CHECKLIST_QUEUED_GRACE_SECONDS",
            "INSPECTION_PACK_QUEUED_GRACE_SECONDS")
TIMEOUT = 180


class Process:
    """A celery worker or beat subprocess in its own process group."""

    def __init__(self, env: dict, args: list[str], ready: str | None):
        self.log = Path(tempfile.mkstemp(prefix="recovery-", suffix=".log")[1])
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen([sys.executable, "-m", "celery", "-A", "tasks.worker", *args], cwd=ROOT,
                                         env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while ready and ready not in self.log.read_text(errors="replace"):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError(self.log.read_text(errors="replace")[-3000:])
            time.sleep(0.1)

    def children(self) -> list[int]:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True)
        return [int(p) for p in out.stdout.split()]

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def _worker(env: dict, concurrency: int = 2, **extra) -> Process:
    return Process({**os.environ, **env, **extra},
                   ["worker", "-l", "info", "-Q", env["CELERY_TASK_DEFAULT_QUEUE"], "-c", str(concurrency),
                    "--pool", "prefork", "-n", f"recovery-{uuid.uuid4().hex[:6]}@%h", "--without-gossip",
                    "--without-mingle", "--without-heartbeat"], ready=" ready.")


def _beat(env: dict) -> Process:
    schedule = Path(env["PORTAL_INSTANCE_PATH"]) / f"celerybeat-schedule-{uuid.uuid4().hex[:6]}"
    return Process({**os.environ, **env}, ["beat", "-l", "info", "-s", str(schedule)], ready=None)


def _wait(condition, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the builds did not recover")
        time.sleep(0.2)


class _Portal:
    """The PostgreSQL + Redis portal of one run: API requests and row reads."""

    def __init__(self, env, app, secret):
        self.env, self.app, self.n = env, app, 0
        self.client, self.headers = app.test_client(), {"Authorization": f"Bearer {secret}"}

    def hire(self, status: str | None = None) -> int:
        self.n += 1
        response = self.client.post("/api/v1/hires", json=hire_payload(self.n), headers=self.headers)
        assert response.status_code == 201, response.get_data(as_text=True)
        hire_id = response.get_json()["id"]
        if status:
            from sqlalchemy import update

            from employer_portal.extensions import db
            from employer_portal.models import Hire

            with self.app.app_context():
                db.session.execute(update(Hire).where(Hire.id == hire_id).values(status=status))
                db.session.commit()
                db.session.remove()
        return hire_id

    def builds(self, count: int) -> list[int]:
        ids = []
        for _ in range(count):
            response = self.client.post(f"/api/v1/hires/{self.hire()}/checklist", headers=self.headers)
            assert response.status_code == 202, response.get_data(as_text=True)
            ids.append(response.get_json()["job"]["id"])
        return ids

    def pack(self) -> int:
        response = self.client.post(f"/api/v1/hires/{self.hire('submitted')}/inspection-pack", headers=self.headers)
        assert response.status_code == 202, response.get_data(as_text=True)
        return response.get_json()["job"]["id"]

    def rows(self, model, ids) -> list[tuple[str, int]]:
        from sqlalchemy import select

        from employer_portal.extensions import db

        with self.app.app_context():
            found = db.session.execute(select(model.status, model.attempts).where(model.id.in_(ids))).all()
            db.session.remove()
            return [tuple(r) for r in found]

    def all(self, model, ids, status: str) -> bool:
        return {s for s, _ in self.rows(model, ids)} == {status}

    def result(self, model, ids, started: float) -> dict:
        _wait(lambda: self.all(model, ids, "ready"))
        recovery = time.monotonic() - started
        rows = self.rows(model, ids)
        return {"recovery": recovery, "ready": sum(s == "ready" for s, _ in rows), "jobs": len(ids),
                "extra_renders": sum(a - 1 for _, a in rows)}


def _whole_worker(portal: _Portal, count: int, pack: bool = False) -> dict:
    from employer_portal.models import ChecklistBuild, InspectionPack

    model = InspectionPack if pack else ChecklistBuild
    doomed = _worker(portal.env, concurrency=count, CHECKLIST_TEST_RENDER_DELAY="120",
                     INSPECTION_PACK_TEST_BUILD_DELAY="120")
    rescuer = None
    try:
        ids = [portal.pack()] if pack else portal.builds(count)
        _wait(lambda: portal.all(model, ids, "building"), 60)
        rescuer = _worker(portal.env)
        doomed.kill()
        return portal.result(model, ids, time.monotonic())
    finally:
        doomed.kill()
        if rescuer:
            rescuer.kill()


def _pool_child(portal: _Portal, count: int) -> dict:
    from employer_portal.models import ChecklistBuild

    worker = _worker(portal.env, concurrency=count, CHECKLIST_TEST_RENDER_DELAY="3")
    try:
        ids = portal.builds(count)
        _wait(lambda: portal.all(ChecklistBuild, ids, "building"), 60)
        for pid in worker.children():
            os.kill(pid, signal.SIGKILL)
        return portal.result(ChecklistBuild, ids, time.monotonic())
    finally:
        worker.kill()


def _redis_flushed(portal: _Portal, count: int) -> dict:
    import redis

    from employer_portal.models import ChecklistBuild

    ids = portal.builds(count)  # queued in Redis, no worker running
    redis.Redis.from_url(portal.env["CELERY_BROKER_URL"]).delete(portal.env["CELERY_TASK_DEFAULT_QUEUE"])
    flushed_at = time.monotonic()
    worker = _worker(portal.env)
    try:
        return portal.result(ChecklistBuild, ids, flushed_at)
    finally:
        worker.kill()


def _postgres_killed(portal: _Portal, count: int) -> dict:
    import psycopg

    from employer_portal.models import ChecklistBuild

    worker = _worker(portal.env, concurrency=count, CHECKLIST_TEST_RENDER_DELAY="6")
    try:
        ids = portal.builds(count)
        _wait(lambda: portal.all(ChecklistBuild, ids, "building"), 60)
        killed_at = time.monotonic()
        for _ in range(3):
            with psycopg.connect(portal.env["DATABASE_URL"], autocommit=True) as conn:
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                             "datname = current_database() AND pid <> pg_backend_pid()")
            time.sleep(1.0)
        return portal.result(ChecklistBuild, ids, killed_at)
    finally:
        worker.kill()


_EMBEDDED_REQUEST = """
import json, sys
from employer_portal import accounts, create_app
from employer_portal.extensions import db
app = create_app()
with app.app_context():
    employer = accounts.create_employer("Embedded Co", "BC")
    user = accounts.create_user(employer, "e@example.com", "admin", "correct-horse-staple-42")
    _token, secret = accounts.create_token(user, "recovery")
    db.session.commit()
client, headers = app.test_client(), {"Authorization": f"Bearer {secret}"}
ids = []
for n, payload in enumerate(json.loads(sys.argv[1])):
    hire = client.post("/api/v1/hires", json=payload, headers=headers)
    assert hire.status_code == 201, hire.get_data(as_text=True)
    job = client.post(f"/api/v1/hires/{hire.get_json()['id']}/checklist", headers=headers)
    assert job.status_code == 202, job.get_data(as_text=True)
    ids.append(job.get_json()["job"]["id"])
print(json.dumps(ids))
"""


def _embedded(count: int) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="ep-recovery-"))
    env = {"DATABASE_URL": f"sqlite:///{tmp}/portal.sqlite", "CELERY_BROKER_URL": f"sqla+sqlite:///{tmp}/broker.sqlite",
           "CELERY_TASK_DEFAULT_QUEUE": "celery", "PORTAL_INSTANCE_PATH": str(tmp / "instance"),
           "FILE_STORAGE_DIR": str(tmp / "files"), "RATELIMIT_STORAGE_URI": "memory://", "PORTAL_ENV": "test"}
    full = {**os.environ, **env}
    subprocess.run([sys.executable, "-m", "flask", "--app", "employer_portal", "db", "upgrade"], cwd=ROOT, env=full,
                   check=True, capture_output=True, timeout=180)
    out = subprocess.run([sys.executable, "-c", _EMBEDDED_REQUEST, json.dumps([hire_payload(n) for n in range(count)])],
                         cwd=ROOT, env=full, check=True, capture_output=True, text=True, timeout=180)
    ids = json.loads(out.stdout.strip().splitlines()[-1])

    def rows():
        with contextlib.closing(sqlite3.connect(tmp / "portal.sqlite", timeout=10)) as conn:
            marks = ",".join("?" * len(ids))
            return conn.execute(f"SELECT status, attempts FROM checklist_builds WHERE id IN ({marks})", ids).fetchall()

    beat = _beat(env)
    doomed = _worker(env, concurrency=count, CHECKLIST_TEST_RENDER_DELAY="120")
    rescuer = None
    try:
        _wait(lambda: {s for s, _ in rows()} == {"building"}, 60)
        rescuer = _worker(env)
        doomed.kill()
        killed_at = time.monotonic()
        _wait(lambda: {s for s, _ in rows()} == {"ready"})
        found = rows()
        return {"recovery": time.monotonic() - killed_at, "ready": sum(s == "ready" for s, _ in found),
                "jobs": len(ids), "extra_renders": sum(a - 1 for _, a in found)}
    finally:
        for process in (doomed, rescuer, beat):
            if process:
                process.kill()


def pdf_recovery(scenarios=SCENARIOS, *, builds: int = 3, out=print) -> dict[str, dict]:
    """Run each scenario with the shipped settings and print one line per scenario; returns
    {scenario: {recovery (s), ready, jobs, extra_renders}}."""
    for name in SETTINGS:
        os.environ.pop(name, None)  # the defaults, as shipped
    results: dict[str, dict] = {}

    def line(name: str, found: dict) -> None:
        results[name] = found
        out(f"PDF  {name:<42} recovery {found['recovery']:6.1f} s   ready {found['ready']}/{found['jobs']}   "
            f"extra renders {found['extra_renders']}")

    on_postgres = [s for s in scenarios if not s.startswith("embedded")]
    if on_postgres:
        with temporary_portal() as (env, app, secret):
            env = {**env, "PORTAL_ENV": "test"}
            portal = _Portal(env, app, secret)
            beat = _beat(env)
            try:
                runs = {"whole-worker SIGKILL": lambda: _whole_worker(portal, builds),
                        "pool-child SIGKILL": lambda: _pool_child(portal, builds),
                        "Redis queue flushed": lambda: _redis_flushed(portal, builds),
                        "PostgreSQL connections killed": lambda: _postgres_killed(portal, builds),
                        "inspection pack, whole-worker SIGKILL": lambda: _whole_worker(portal, 1, pack=True)}
                for name in on_postgres:
                    line(name, runs[name]())
            finally:
                beat.kill()
    if any(s.startswith("embedded") for s in scenarios):
        line("embedded (SQLite), whole-worker SIGKILL", _embedded(builds))
    return results

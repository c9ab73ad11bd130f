"""Checklist PDF builds through faults (issue 15 items 1, 4, 5): a real Celery worker on PostgreSQL
and Redis, a sweeper standing in for beat, and one run on the embedded default (SQLite, Celery's
SQLAlchemy broker, a real beat).

A build holds a short lease renewed by a heartbeat while it renders. Each fault test asserts that
every build ends `ready`, that a build running when the fault hit was rendered at most once more
(`attempts` counts renders started; `renders` those stored) and prints the recovery time it
measured (reported, not asserted). The PostgreSQL + Redis tests use a scaled-down lease (4 s,
heartbeat 1 s, sweep every second) to keep the suite short; the embedded test and
benchmarks/_recovery_builds.py use the defaults (30 s, 5 s, 15 s).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.worker

ROOT = Path(__file__).resolve().parents[2]
# The scaled-down lease of these tests (production: 30 s lease, 5 s heartbeat, sweep every 15 s).
FAST_LEASE = {"JOB_LEASE_SECONDS": "4", "JOB_HEARTBEAT_SECONDS": "1"}
QUEUED_GRACE = 4


def build_rows(app, ids):
    from sqlalchemy import select

    from employer_portal.extensions import db
    from employer_portal.models import ChecklistBuild

    with app.app_context():
        rows = db.session.scalars(select(ChecklistBuild).where(ChecklistBuild.id.in_(ids))
                                  .order_by(ChecklistBuild.id)).all()
        for row in rows:
            db.session.expunge(row)
        db.session.remove()
        return rows


def statuses(app, ids) -> set[str]:
    return {row.status for row in build_rows(app, ids)}


def request_builds(employer_team, new_hire, count: int) -> list[int]:
    ids = []
    for n in range(count):
        hire_id = new_hire()
        response = employer_team["api"].post(f"/api/v1/hires/{hire_id}/checklist")
        assert response.status_code == 202, response.get_data(as_text=True)
        ids.append(response.get_json()["job"]["id"])
    return ids


def report(capsys, fault: str, seconds: float, job: str = "checklist PDF") -> None:
    with capsys.disabled():
        print(f"\n[recovery] {job}, {fault}: {seconds:.1f} s")


@contextlib.contextmanager
def sweeping(app, monkeypatch, *, every: float = 1.0, copies: int = 1, grace: int = QUEUED_GRACE):
    """`copies` beat-like threads running the real sweep tasks (builds and packs) every `every` s;
    yields the list of how many builds each sweep re-sent."""
    from tasks.checklists import sweep_checklist_builds
    from tasks.inspection import sweep_inspection_packs

    monkeypatch.setitem(app.config, "CHECKLIST_QUEUED_GRACE_SECONDS", grace)
    monkeypatch.setitem(app.config, "INSPECTION_PACK_QUEUED_GRACE_SECONDS", grace)
    stop, resent, errors = threading.Event(), [], []

    def loop():
        while not stop.is_set():
            try:
                resent.append(sweep_checklist_builds())
                sweep_inspection_packs()
            except Exception as exc:  # noqa: BLE001 - a killed connection: the next sweep goes on
                errors.append(exc)
            stop.wait(every)

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(copies)]
    for thread in threads:
        thread.start()
    try:
        yield resent
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)


def all_ready(app, ids, poll, *, timeout: float, message: str) -> float:
    started = time.monotonic()
    poll(lambda: statuses(app, ids) == {"ready"}, timeout=timeout, interval=0.2, message=message)
    return time.monotonic() - started


def assert_rendered_at_most_once_more(app, ids, interrupted: bool = True):
    for row in build_rows(app, ids):
        assert row.status == "ready"
        assert row.renders == 1, (row.id, row.renders)
        assert row.attempts <= (2 if interrupted else 1), (row.id, row.attempts)


def test_whole_worker_sigkilled_mid_build_every_build_is_ready_after_its_lease_lapses(
        app, start_worker, purge_queue, poll, employer_team, new_hire, monkeypatch, capsys):
    """Item 4: the dead worker's heartbeat stops, its short lease lapses, the sweep re-queues the
    builds and another worker renders each one once more."""
    purge_queue()
    doomed = start_worker("doomed", concurrency=2, env={**FAST_LEASE, "CHECKLIST_TEST_RENDER_DELAY": "60"})
    ids = request_builds(employer_team, new_hire, 2)
    poll(lambda: statuses(app, ids) == {"building"}, timeout=30, message="both builds to be claimed")
    start_worker("rescuer", env=FAST_LEASE)
    with sweeping(app, monkeypatch):
        doomed.kill()
        recovery = all_ready(app, ids, poll, timeout=45, message="the builds to be ready after the kill")
    report(capsys, "whole-worker SIGKILL", recovery)
    assert_rendered_at_most_once_more(app, ids)
    assert {row.attempts for row in build_rows(app, ids)} == {2}


def test_pool_child_sigkilled_mid_build_every_build_is_ready_rendered_once_more(
        app, start_worker, purge_queue, poll, employer_team, new_hire, monkeypatch, capsys):
    """Item 4: Celery redelivers the message of a killed pool child; the new child sees the claimant
    is gone and takes the build over without waiting for the lease."""
    purge_queue()
    worker = start_worker("w1", concurrency=2, env={**FAST_LEASE, "CHECKLIST_TEST_RENDER_DELAY": "4"})
    ids = request_builds(employer_team, new_hire, 2)
    poll(lambda: statuses(app, ids) == {"building"}, timeout=30, message="both builds to be claimed")
    with sweeping(app, monkeypatch):
        for pid in worker.pool_child_pids():
            os.kill(pid, signal.SIGKILL)
        recovery = all_ready(app, ids, poll, timeout=45, message="the builds to be ready after the kill")
    report(capsys, "pool-child SIGKILL", recovery)
    assert_rendered_at_most_once_more(app, ids)


def test_redis_queue_flushed_every_queued_build_is_sent_again_and_rendered_once(
        app, start_worker, purge_queue, poll, employer_team, new_hire, test_env, redis_url, monkeypatch, capsys):
    """Item 4: builds whose messages were wiped from Redis wait `queued`; the sweep re-sends them
    after the queued grace, and each is rendered once."""
    import redis

    purge_queue()
    ids = request_builds(employer_team, new_hire, 3)  # queued in Redis, no worker yet
    redis.Redis.from_url(redis_url).delete(test_env["CELERY_TASK_DEFAULT_QUEUE"])
    flushed_at = time.monotonic()
    start_worker("after-flush", concurrency=2, env=FAST_LEASE)
    with sweeping(app, monkeypatch):
        all_ready(app, ids, poll, timeout=45, message="the builds to be ready after the flush")
    report(capsys, "Redis queue flushed", time.monotonic() - flushed_at)
    assert_rendered_at_most_once_more(app, ids, interrupted=False)


def test_postgres_connections_killed_mid_build_every_build_is_ready(
        app, start_worker, purge_queue, poll, employer_team, new_hire, test_env, monkeypatch, capsys):
    """Item 4: no transaction is held across the render, the heartbeat retries on a fresh
    connection, the finish retries once: killed connections cost no build and no extra render."""
    import psycopg

    purge_queue()
    start_worker("w1", concurrency=2, env={**FAST_LEASE, "CHECKLIST_TEST_RENDER_DELAY": "5"})
    ids = request_builds(employer_team, new_hire, 2)
    poll(lambda: statuses(app, ids) == {"building"}, timeout=30, message="both builds to be claimed")
    killed = 0
    with sweeping(app, monkeypatch):
        killed_at = time.monotonic()
        for _ in range(3):  # every connection of this database but ours, three times a second apart
            with psycopg.connect(test_env["DATABASE_URL"], autocommit=True) as conn:
                killed += len(conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                           "datname = current_database() AND pid <> pg_backend_pid()").fetchall())
            time.sleep(1.0)
        all_ready(app, ids, poll, timeout=45, message="the builds to be ready after the connections died")
    report(capsys, f"PostgreSQL connections killed ({killed})", time.monotonic() - killed_at)
    assert killed > 0
    assert_rendered_at_most_once_more(app, ids)


def test_a_build_slower_than_its_lease_keeps_it_and_is_rendered_once(
        app, start_worker, purge_queue, poll, employer_team, new_hire, monkeypatch, capsys):
    """Item 1: a living build renews its 2-second lease every half second for 8 seconds; an idle
    second worker and a sweeper every half second never take it."""
    lease = {"JOB_LEASE_SECONDS": "2", "JOB_HEARTBEAT_SECONDS": "0.5"}
    purge_queue()
    start_worker("slow", env={**lease, "CHECKLIST_TEST_RENDER_DELAY": "8"})
    ids = request_builds(employer_team, new_hire, 1)
    poll(lambda: statuses(app, ids) == {"building"}, timeout=30, message="the build to be claimed")
    start_worker("idle", env=lease)
    started = time.monotonic()
    with sweeping(app, monkeypatch, every=0.5, grace=60) as resent:
        all_ready(app, ids, poll, timeout=45, message="the slow build to be ready")
    report(capsys, "no fault, build 4x longer than its lease (build time)", time.monotonic() - started)
    assert sum(resent) == 0
    [row] = build_rows(app, ids)
    assert row.attempts == 1 and row.renders == 1
    assert row.finished_at - row.started_at > dt.timedelta(seconds=6)


def test_two_sweepers_at_once_re_send_a_dead_workers_build_once(
        app, start_worker, purge_queue, poll, employer_team, new_hire, monkeypatch, capsys):
    """Item 4: two beats sweeping every 0.2 s re-send each lapsed build exactly once (the UPDATE
    re-checks the lease), so it is rendered once more, by one worker."""
    purge_queue()
    doomed = start_worker("doomed", concurrency=2, env={**FAST_LEASE, "CHECKLIST_TEST_RENDER_DELAY": "60"})
    ids = request_builds(employer_team, new_hire, 2)
    poll(lambda: statuses(app, ids) == {"building"}, timeout=30, message="both builds to be claimed")
    start_worker("rescuer", concurrency=2, env=FAST_LEASE)
    with sweeping(app, monkeypatch, every=0.2, copies=2, grace=60) as resent:
        doomed.kill()
        recovery = all_ready(app, ids, poll, timeout=45, message="the builds to be ready after the kill")
    report(capsys, "whole-worker SIGKILL, two sweepers", recovery)
    assert sum(resent) == len(ids)
    assert_rendered_at_most_once_more(app, ids)


def test_whole_worker_sigkilled_mid_inspection_pack_the_pack_is_ready_built_once_more(
        app, start_worker, purge_queue, poll, employer_team, new_hire, monkeypatch, capsys):
    """Item 4, every other job with a lease: an inspection pack whose worker dies is swept back
    after its short lease and built once more by another worker."""
    from sqlalchemy import update

    from employer_portal.extensions import db
    from employer_portal.models import Hire, InspectionPack

    purge_queue()
    hire_id = new_hire()
    with app.app_context():  # past the draft stage: a pack needs something to inspect
        db.session.execute(update(Hire).where(Hire.id == hire_id).values(status="submitted"))
        db.session.commit()
        db.session.remove()
    doomed = start_worker("doomed", env={**FAST_LEASE, "INSPECTION_PACK_TEST_BUILD_DELAY": "60"})
    response = employer_team["api"].post(f"/api/v1/hires/{hire_id}/inspection-pack")
    assert response.status_code == 202, response.get_data(as_text=True)
    pack_id = response.get_json()["job"]["id"]

    def pack():
        with app.app_context():
            row = db.session.get(InspectionPack, pack_id)
            db.session.expunge(row)
            db.session.remove()
            return row

    poll(lambda: pack().status == "building", timeout=30, message="the pack to be claimed")
    start_worker("rescuer", env=FAST_LEASE)
    with sweeping(app, monkeypatch):
        doomed.kill()
        killed_at = time.monotonic()
        poll(lambda: pack().status == "ready", timeout=45, interval=0.2, message="the pack to be ready")
    report(capsys, "whole-worker SIGKILL", time.monotonic() - killed_at, job="inspection pack")
    assert pack().attempts == 2


# --- in process: the soft time limit and the sweep's re-check ---------------------------------

def _queued_build(app, employer_team, new_hire) -> int:
    return request_builds(employer_team, new_hire, 1)[0]


def test_soft_time_limit_releases_the_build_at_once_then_fails_it_with_its_reason(
        app, purge_queue, employer_team, new_hire, monkeypatch):
    """Item 3 for PDFs: the soft time limit puts the build straight back to `queued` (no lease to
    wait out); after the last attempt it fails, saying why."""
    from celery.exceptions import SoftTimeLimitExceeded

    from employer_portal.checklists import builds, pdf
    from employer_portal.checklists.storage import storage_from_config

    purge_queue()
    build_id = _queued_build(app, employer_team, new_hire)

    def too_slow(_doc):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(pdf, "render", too_slow)
    with app.app_context():
        storage = storage_from_config(app.config)
        outcomes = [builds.run_build(build_id, storage=storage) for _ in range(builds.MAX_ATTEMPTS)]
    assert outcomes == ["released"] * (builds.MAX_ATTEMPTS - 1) + ["failed"]
    [row] = build_rows(app, [build_id])
    assert row.attempts == builds.MAX_ATTEMPTS and row.lease_expires_at is None
    assert "time limit" in row.failure_reason


def test_a_released_build_waits_on_no_lease(app, purge_queue, employer_team, new_hire, monkeypatch):
    """Item 3: after the soft time limit the row is `queued` with no claim and no lease, so the
    message the task sends at once is taken straight away."""
    from celery.exceptions import SoftTimeLimitExceeded

    from employer_portal.checklists import builds, pdf
    from employer_portal.checklists.storage import storage_from_config

    purge_queue()
    build_id = _queued_build(app, employer_team, new_hire)
    monkeypatch.setattr(pdf, "render", lambda _doc: (_ for _ in ()).throw(SoftTimeLimitExceeded()))
    with app.app_context():
        assert builds.run_build(build_id, storage=storage_from_config(app.config)) == "released"
    [row] = build_rows(app, [build_id])
    assert (row.status, row.claimed_by, row.lease_expires_at) == ("queued", None, None)
    monkeypatch.undo()
    with app.app_context():
        assert builds.run_build(build_id, storage=storage_from_config(app.config)) == "ready"


def test_soft_time_limit_releases_an_inspection_pack_then_fails_it_with_its_reason(
        app, purge_queue, employer_team, new_hire, monkeypatch):
    """Item 3 for packs: at the soft time limit the pack goes back to `queued` with no lease; after
    the last attempt it fails, saying why."""
    from celery.exceptions import SoftTimeLimitExceeded
    from sqlalchemy import update

    from employer_portal.checklists.storage import storage_from_config
    from employer_portal.extensions import db
    from employer_portal.inspection import service
    from employer_portal.models import Hire, InspectionPack

    purge_queue()
    hire_id = new_hire()
    with app.app_context():
        db.session.execute(update(Hire).where(Hire.id == hire_id).values(status="submitted"))
        db.session.commit()
        db.session.remove()
    pack_id = employer_team["api"].post(f"/api/v1/hires/{hire_id}/inspection-pack").get_json()["job"]["id"]

    def too_slow(*_args, **_kwargs):
        raise SoftTimeLimitExceeded()

    def run():
        return service.run_pack(pack_id, storage=storage_from_config(app.config),
                                key_setting=app.config["DATA_ENCRYPTION_KEY"])

    monkeypatch.setattr(service, "write_sealed_pack", too_slow)
    with app.app_context():
        assert run() == "released"
        row = db.session.get(InspectionPack, pack_id)
        assert (row.status, row.claimed_by, row.lease_expires_at) == ("queued", None, None)
        db.session.rollback()
        assert [run() for _ in range(service.MAX_ATTEMPTS - 1)] == ["released"] * (service.MAX_ATTEMPTS - 2) + ["failed"]
        row = db.session.get(InspectionPack, pack_id)
        assert row.status == "failed" and "time limit" in row.error
        db.session.remove()


def test_two_sweeps_of_one_lapsed_build_re_send_it_once_and_never_touch_a_fresh_claim(
        app, purge_queue, employer_team, new_hire):
    """Item 4: the sweep's UPDATE re-checks the lease, so a second sweeper re-sends nothing and a
    build claimed in between keeps its claim."""
    from employer_portal.checklists import builds
    from employer_portal.extensions import db

    purge_queue()
    build_id = _queued_build(app, employer_team, new_hire)
    with app.app_context():
        assert builds.claim_build(build_id, lease_seconds=1, claimant="gone-host:1#a") is not None
        later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=5)
        assert builds.sweep_stale_builds(now=later) == [build_id]
        assert builds.sweep_stale_builds(now=later) == []
        assert builds.claim_build(build_id, claimant="live-host:2#b") is not None
        assert builds.sweep_stale_builds(now=later) == []
        db.session.remove()
    [row] = build_rows(app, [build_id])
    assert (row.status, row.claimed_by) == ("building", "live-host:2#b")


# --- the embedded default: SQLite, Celery's SQLAlchemy broker, a real beat ----------------------

def _embedded_env(tmp_path: Path) -> dict:
    return {"DATABASE_URL": f"sqlite:///{tmp_path}/portal.sqlite",
            "CELERY_BROKER_URL": f"sqla+sqlite:///{tmp_path}/broker.sqlite",
            "CELERY_TASK_DEFAULT_QUEUE": "celery", "PORTAL_INSTANCE_PATH": str(tmp_path / "instance"),
            "FILE_STORAGE_DIR": str(tmp_path / "files"), "RATELIMIT_STORAGE_URI": "memory://"}


_EMBEDDED_REQUEST = """
import json, os, sys
from employer_portal import accounts, create_app
from employer_portal.extensions import db
app = create_app()
with app.app_context():
    employer = accounts.create_employer("Embedded Co", "BC")
    user = accounts.create_user(employer, "e@example.com", "admin", "correct-horse-staple-42")
    _token, secret = accounts.create_token(user, "faults")
    db.session.commit()
client = app.test_client()
headers = {"Authorization": f"Bearer {secret}"}
hire = client.post("/api/v1/hires", json=json.loads(sys.argv[1]), headers=headers)
assert hire.status_code == 201, hire.get_data(as_text=True)
job = client.post(f"/api/v1/hires/{hire.get_json()['id']}/checklist", headers=headers)
assert job.status_code == 202, job.get_data(as_text=True)
print(job.get_json()["job"]["id"])
"""


@pytest.mark.embedded
def test_embedded_default_whole_worker_sigkilled_mid_build_is_ready_within_a_minute(
        tmp_path, start_worker, poll, capsys):
    """Issue 15, what it must show: on `make run`'s default, with the default lease (30 s), heartbeat
    (5 s) and sweep (every 15 s), a build whose worker is SIGKILLed is ready within 60 s."""
    from checklist_job_payloads import ict_payload

    env = _embedded_env(tmp_path)
    for name in ("JOB_LEASE_SECONDS", "JOB_HEARTBEAT_SECONDS", "JOB_SWEEP_SECONDS"):
        assert name not in os.environ  # the defaults, as shipped
    full_env = {**os.environ, **env}
    migrated = subprocess.run([sys.executable, "-m", "flask", "--app", "employer_portal", "db", "upgrade"],
                              cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120)
    assert migrated.returncode == 0, migrated.stderr[-2000:]
    requested = subprocess.run([sys.executable, "-c", _EMBEDDED_REQUEST, json.dumps(ict_payload())], cwd=ROOT,
                               env=full_env, capture_output=True, text=True, timeout=120)
    assert requested.returncode == 0, requested.stderr[-2000:]
    build_id = int(requested.stdout.split()[-1])

    def row():
        with contextlib.closing(sqlite3.connect(tmp_path / "portal.sqlite", timeout=10)) as conn:
            return conn.execute("SELECT status, attempts, renders FROM checklist_builds WHERE id = ?",
                                (build_id,)).fetchone()

    beat = subprocess.Popen([sys.executable, "-m", "celery", "-A", "tasks.worker", "beat", "-l", "info",
                             "-s", str(tmp_path / "celerybeat-schedule")], cwd=ROOT, env=full_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        doomed = start_worker("embedded-doomed", env={**env, "CHECKLIST_TEST_RENDER_DELAY": "120"})
        poll(lambda: row()[0] == "building", timeout=60, message="the embedded worker to claim the build")
        doomed.kill()
        killed_at = time.monotonic()
        start_worker("embedded-rescuer", env=env)
        poll(lambda: row()[0] == "ready", timeout=75, interval=0.5, message="the build to be ready after the kill")
        recovery = time.monotonic() - killed_at
    finally:
        os.killpg(beat.pid, signal.SIGKILL)
        beat.wait(timeout=10)
    report(capsys, "embedded default (SQLite), whole-worker SIGKILL, default lease and sweep", recovery)
    status, attempts, renders = row()
    assert (status, attempts, renders) == ("ready", 2, 1)
    assert recovery < 60, recovery

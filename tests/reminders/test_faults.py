"""Issue 15: reminders recover within a minute, and every possible duplicate is counted (and only those).

The first tests run the pieces in this process (an aiosmtpd server, the real outbox SQL on
PostgreSQL). The fault matrix below runs real Celery worker processes on Redis and
PostgreSQL with short leases (JOB_LEASE_SECONDS=3, heartbeat 0.5 s, batches of 10) while a
sweeper thread plays beat (every 0.5 s): whole-worker SIGKILL, pool-child SIGKILL, the
Redis queue flushed, SMTP down longer than a lease, PostgreSQL connections killed, two
beats. Each asserts that no reminder is lost and that, row by row, the copies the SMTP
server received minus one equal the row's counted possible duplicates; each prints the
recovery time (not asserted). `benchmarks/recovery_matrix.py` runs the same matrix with
20 pool-child kills (FAULT_POOL_CHILD_RUNS) and collects the times (FAULT_REPORT).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

UTC = dt.timezone.utc
ROOT = Path(__file__).resolve().parents[2]
# Short leases keep the suite fast; the benchmark runs the same matrix with the shipped 30 s / 5 s / 15 s.
LEASE_SECONDS = float(os.environ.get("FAULT_LEASE_SECONDS") or 3)
HEARTBEAT_SECONDS = float(os.environ.get("FAULT_HEARTBEAT_SECONDS") or 0.5)
SWEEP_SECONDS = float(os.environ.get("FAULT_SWEEP_SECONDS") or 0.5)
FAULT_SETTINGS = {
    "JOB_LEASE_SECONDS": str(LEASE_SECONDS), "JOB_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS),
    "REMINDER_BATCH_SIZE": "10",
    "REMINDER_RETRY_BASE_SECONDS": "1", "REMINDER_RETRY_CAP_SECONDS": "2", "REMINDER_MAX_ATTEMPTS": "3",
}
POOL_CHILD_RUNS = int(os.environ.get("FAULT_POOL_CHILD_RUNS") or 3)
RANDOM_KILLS = os.environ.get("FAULT_RANDOM_KILLS", "") == "1"


def _report(fault: str, recovery: float, **extra) -> None:
    """Print the recovery time; the benchmark collects it from FAULT_REPORT."""
    print(f"\nrecovery {fault}: {recovery:.1f} s {extra or ''}")
    path = os.environ.get("FAULT_REPORT")
    if path:
        with open(path, "a") as fh:
            fh.write(json.dumps({"fault": fault, "recovery_s": round(recovery, 2), **extra}) + "\n")


# --- an SMTP sink that can stop at a chosen message ----------------------------------------

class FaultHandler:
    """Records accepted messages; can hold the conversation at the n-th MAIL FROM or after the n-th accept."""

    def __init__(self):
        self.messages: list = []
        self.lock = threading.Lock()
        self.mail_count = 0
        self.mail_pause = 0.0       # every MAIL FROM waits this long (a slow server)
        self.accept_pause = 0.0     # every accepted message waits this long before its 250
        self.hold_mail_at: int | None = None    # hold at this MAIL FROM (before any attempt starts)
        self.hold_accept_at: int | None = None  # hold after recording this message (its 250 not yet sent)
        self.hold_seconds = 3.0
        self.held = threading.Event()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.lock:
            self.mail_count += 1
            number = self.mail_count
        if number == self.hold_mail_at:
            self.held.set()
            await asyncio.sleep(self.hold_seconds)
        elif self.mail_pause:
            await asyncio.sleep(self.mail_pause)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
            number = len(self.messages)
        if number == self.hold_accept_at:
            self.held.set()
            await asyncio.sleep(self.hold_seconds)
        elif self.accept_pause:
            await asyncio.sleep(self.accept_pause)
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for m in self.messages]


class FaultSmtp:
    def __init__(self):
        self.handler = FaultHandler()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.controller: Controller | None = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def sink(app):
    server = FaultSmtp()
    server.start()
    saved = {k: app.config.get(k) for k in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_TLS=False)
    yield server
    app.config.update(saved)
    server.stop()


@pytest.fixture
def short_leases(app, monkeypatch):
    """This process claims with the same short lease and small batches as the workers."""
    for key, value in FAULT_SETTINGS.items():
        monkeypatch.setenv(key, value)
        monkeypatch.setitem(app.config, key, float(value) if "SECONDS" in key else int(value))
    yield


def _due_now(make, build, recipients: int) -> int:
    """A new employer's hire whose `recipients` + 1 reminders are due a minute ago; their count."""
    from employer_portal.extensions import db
    from employer_portal.models.deadline import ReminderOutbox

    user = make.user(role="hr")
    hire_id = build.hire(user)
    today = dt.datetime.now(UTC).date()
    build.deadline(hire_id, today, lead_days=(0,), recipients=tuple(f"r{i}@example.com" for i in range(recipients)),
                   today=today)
    with build.app.app_context():
        rows = db.session.query(ReminderOutbox).filter(ReminderOutbox.employer_id == user.employer_id)
        count = rows.count()
        rows.update({ReminderOutbox.next_attempt_at: dt.datetime.now(UTC) - dt.timedelta(minutes=1)})
        db.session.commit()
    return count


class Sweeper(threading.Thread):
    """Plays beat: one sweep every `interval` s, dispatching batches to the workers."""

    def __init__(self, app, interval: float = SWEEP_SECONDS, send_options: dict | None = None):
        super().__init__(daemon=True)
        self.app, self.interval, self.send_options = app, interval, send_options or {}
        self.halt = threading.Event()
        self.errors: list[str] = []
        self.totals: Counter = Counter()

    def run(self):
        from employer_portal.reminders.sweep import run_sweep
        from tasks.reminders import send

        while not self.halt.wait(self.interval):
            try:
                with self.app.app_context():
                    self.totals.update(run_sweep(
                        dispatch=lambda ids, token: send.apply_async((ids, token), **self.send_options)))
            except Exception as exc:  # noqa: BLE001 - e.g. its own connection killed: next pass
                self.errors.append(repr(exc))

    def stop(self):
        self.halt.set()
        self.join(timeout=30)


@pytest.fixture
def sweeper(app, short_leases):
    started = []

    def start(interval: float = SWEEP_SECONDS, **send_options) -> Sweeper:
        thread = Sweeper(app, interval, send_options)
        thread.start()
        started.append(thread)
        return thread

    yield start
    for thread in started:
        thread.stop()


def _worker_env(sink) -> dict:
    return {**FAULT_SETTINGS, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(sink.port)}


def _all_sent(build) -> bool:
    rows = build.outbox()
    return bool(rows) and all(r.status == "sent" for r in rows)


def _wait_all_sent(build, poll, since: float, timeout: float = 90) -> float:
    poll(lambda: _all_sent(build), timeout=timeout, interval=0.2, message="every reminder to be sent")
    return time.monotonic() - since


def _assert_none_lost_and_every_copy_counted(build, sink) -> int:
    """0 lost; per row, copies received - 1 == possible_duplicates counted. Returns the extra copies."""
    time.sleep(0.3)  # a copy still on the wire would show up now
    rows = build.outbox()
    copies = Counter(sink.handler.message_ids())
    assert {r.status for r in rows} == {"sent"}
    lost = [r.id for r in rows if copies[r.message_id] == 0]
    assert lost == []
    wrong = [(r.id, copies[r.message_id] - 1, r.possible_duplicates) for r in rows
             if copies[r.message_id] - 1 != r.possible_duplicates]
    assert wrong == [], "(row, extra copies, counted)"
    assert sum(copies.values()) - len(rows) == sum(r.possible_duplicates for r in rows)
    return sum(copies.values()) - len(rows)


# --- in this process ------------------------------------------------------------------

def test_an_attempt_on_a_row_whose_attempt_started_and_never_finished_is_a_counted_possible_duplicate(app, make,
                                                                                                      build):
    """Issue 15 item 2: a later attempt on a started, unfinished attempt is counted and keeps the Message-ID."""
    from employer_portal.reminders import outbox

    _due_now(make, build, recipients=1)
    now = dt.datetime.now(UTC)
    with app.app_context():
        first, second = outbox.claim_due(now, 10, "dead", 30)
        assert outbox.begin_attempt(first, "dead", now, "<a@x>")["possible_duplicate"] is False
        # the dead sender never reached `second`; both leases lapse and a sweep takes them over
        taken = outbox.reclaim_expired(now + dt.timedelta(seconds=31), 10, "alive", 30)
        assert taken == [(first, True), (second, False)]
        again = outbox.begin_attempt(first, "alive", now + dt.timedelta(seconds=32), "<other@x>")
        fresh = outbox.begin_attempt(second, "alive", now + dt.timedelta(seconds=32), "<b@x>")
        assert outbox.begin_attempt(first, "dead", now, "<a@x>") is None  # the dead claim may not send
    assert (again["possible_duplicate"], again["possible_duplicates"], again["message_id"]) == (True, 1, "<a@x>")
    assert fresh["possible_duplicate"] is False
    assert [(r.reclaims, r.possible_duplicates) for r in build.outbox()] == [(1, 1), (0, 0)]


def test_repeating_an_attempt_start_after_a_dropped_connection_does_not_count_it_twice(app, make, build):
    """The same start (same moment) written twice — its commit's answer was lost — is one attempt."""
    from employer_portal.reminders import outbox

    _due_now(make, build, recipients=0)
    now = dt.datetime.now(UTC)
    with app.app_context():
        [row_id] = outbox.claim_due(now, 10, "me", 30)
        outbox.begin_attempt(row_id, "me", now, "<a@x>")
        assert outbox.begin_attempt(row_id, "me", now, "<a@x>")["possible_duplicate"] is False
    assert build.outbox()[0].possible_duplicates == 0


def test_a_redelivered_batch_counts_only_the_message_that_was_in_flight(app, make, build, sink):
    """Issue 15 item 2: a redelivered task (same claim) re-sends the started row, counted, and not the others twice."""
    from employer_portal.reminders import outbox
    from employer_portal.reminders.sending import send_claimed

    total = _due_now(make, build, recipients=3)
    now = dt.datetime.now(UTC)
    with app.app_context():
        ids = outbox.claim_due(now, 10, "batch-1", 30)
        # The first delivery sent the first row and had started the second when its process was killed.
        outbox.begin_attempt(ids[0], "batch-1", now, "<first@x>")
        outbox.mark_sent(ids[0], "batch-1", "<first@x>", now)
        outbox.begin_attempt(ids[1], "batch-1", now, "<second@x>")
        counts = send_claimed(ids, "batch-1")  # Celery redelivers the same message
    assert (counts["sent"], counts["skipped"], counts["possible_duplicates"]) == (total - 1, 1, 1)
    rows = build.outbox()
    assert [r.possible_duplicates for r in rows] == [0, 1] + [0] * (total - 2)
    assert rows[1].message_id == "<second@x>" and "<second@x>" in sink.handler.message_ids()


def test_a_row_taken_over_before_its_message_is_handed_over_is_not_sent(app, make, build, sink, monkeypatch):
    """Issue 15 item 2: 'Nothing else is ever sent twice' — a row no longer ours at DATA time is not sent."""
    from employer_portal.reminders import outbox
    from employer_portal.reminders.sending import send_claimed

    total = _due_now(make, build, recipients=2)
    real_begin = outbox.begin_attempt

    def taken_over_first(row_id, token, started_at, message_id):
        if row_id == ids[0]:
            return None  # another sweep took it over between our claim and DATA
        return real_begin(row_id, token, started_at, message_id)

    monkeypatch.setattr(outbox, "begin_attempt", taken_over_first)
    with app.app_context():
        ids = outbox.claim_due(dt.datetime.now(UTC), 10, "me", 30)
        counts = send_claimed(ids, "me")
    assert (counts["sent"], counts["skipped"]) == (total - 1, 1)
    assert len(sink.handler.messages) == total - 1  # the envelope was reset, the rest of the batch went on


def test_the_soft_time_limit_releases_the_rows_not_yet_sent_at_once(app, make, build, sink, monkeypatch):
    """Issue 15 item 3: 'at the soft time limit no row waits on a lease'."""
    from billiard.exceptions import SoftTimeLimitExceeded

    from employer_portal.reminders import mailer, outbox
    from employer_portal.reminders.sending import send_claimed

    total = _due_now(make, build, recipients=5)
    real_send, calls = mailer.SmtpMailer.send, []

    def send_then_time_out(self, message, before_data=None):
        calls.append(1)
        if len(calls) == 3:
            raise SoftTimeLimitExceeded()
        return real_send(self, message, before_data)

    monkeypatch.setattr(mailer.SmtpMailer, "send", send_then_time_out)
    with app.app_context():
        ids = outbox.claim_due(dt.datetime.now(UTC), 10, "me", 30)
        counts = send_claimed(ids, "me")
    rows = build.outbox()
    assert (counts["sent"], counts["released"]) == (2, total - 2)
    assert Counter(r.status for r in rows) == {"sent": 2, "pending": total - 2}
    assert all(r.lease_expires_at is None and r.claimed_by is None for r in rows if r.status == "pending")
    assert all(r.attempts == 0 and r.possible_duplicates == 0 for r in rows if r.status == "pending")


def test_an_smtp_outage_past_the_retry_schedule_pauses_the_queue_and_alerts_instead_of_failing(
        app, make, build, sink, short_leases, monkeypatch):
    """Issue 15 item 3: 'an SMTP outage longer than the retry schedule pauses the queue and alerts an admin'."""
    import time_machine

    from employer_portal.reminders.outbox import mail_outage
    from employer_portal.reminders.sweep import run_sweep

    total = _due_now(make, build, recipients=1)
    sink.stop()
    start = dt.datetime.now(UTC)
    for step in range(6):  # past the 3-try schedule
        with time_machine.travel(start + dt.timedelta(seconds=10 * step), tick=False), app.app_context():
            run_sweep()
    rows = build.outbox()
    assert {r.status for r in rows} == {"pending"}
    assert all(r.last_error.startswith("paused: mail server unreachable") for r in rows)
    with app.app_context():
        assert mail_outage()["waiting"] == total
    result = app.test_cli_runner().invoke(args=["reminders", "send-due"])
    assert "ALERT: reminder mail is paused" in result.output  # stdout and stderr together
    sink.start()
    with time_machine.travel(start + dt.timedelta(minutes=5), tick=False), app.app_context():
        assert run_sweep()["sent"] == total
        assert mail_outage() is None


def test_an_idle_sweep_is_one_read(app, short_leases):
    """Issue 15 item 1: the sweep runs often and 'costs nothing when there is nothing to reclaim'."""
    from sqlalchemy import event

    from employer_portal.extensions import db
    from employer_portal.reminders.sweep import run_sweep

    statements = []
    with app.app_context():
        engine = db.engine
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert run_sweep() == Counter()
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) == 1 and statements[0].lstrip().upper().startswith("SELECT")


# --- the fault matrix: real workers, Redis, PostgreSQL, aiosmtpd ------------------------

def test_a_batch_slower_than_its_lease_keeps_its_lease_and_is_sent_once(make, build, sink, sweeper, start_worker,
                                                                         purge_queue, poll):
    """Issue 15: 'A job that runs longer than the lease … keeps its lease and is not run twice.'"""
    purge_queue()
    total = _due_now(make, build, recipients=9)  # one batch of 10
    sink.handler.mail_pause = LEASE_SECONDS / 5  # the batch takes twice the lease
    start_worker("slow", env=_worker_env(sink))
    began = time.monotonic()
    sweeper()
    took = _wait_all_sent(build, poll, began)
    assert _assert_none_lost_and_every_copy_counted(build, sink) == 0
    assert sum(r.reclaims for r in build.outbox()) == 0 and len(sink.handler.messages) == total
    _report("slow batch (2 leases long)", took)


def test_whole_worker_sigkill_mid_batch_recovers_within_a_minute_with_every_copy_counted(
        make, build, sink, sweeper, start_worker, purge_queue, poll):
    """Issue 15: whole-worker SIGKILL: 'every reminder … done within 60 s of the kill'."""
    purge_queue()
    _due_now(make, build, recipients=29)
    victim = start_worker("victim", env=_worker_env(sink))
    sink.handler.hold_accept_at = 4  # the 4th message is accepted, its 250 never reaches the sender
    sweeper()
    assert sink.handler.held.wait(30)
    victim.kill()
    killed = time.monotonic()
    start_worker("survivor", env=_worker_env(sink))
    recovery = _wait_all_sent(build, poll, killed)
    extra = _assert_none_lost_and_every_copy_counted(build, sink)
    assert extra == 1  # the message in flight, counted
    assert recovery < 60
    _report("whole-worker SIGKILL", recovery, extra_copies=extra)


def test_pool_child_sigkill_mid_batch_every_extra_copy_is_counted(make, build, sink, sweeper, start_worker,
                                                                  purge_queue, poll):
    """Issue 15: pool-child SIGKILL: 'copies received minus reminders equals the counted possible duplicates'."""
    purge_queue()
    worker = start_worker("pool", env=_worker_env(sink))
    sweeper()
    rng = random.Random(15)
    results = []
    for run in range(POOL_CHILD_RUNS):
        _due_now(make, build, recipients=11)
        handler = sink.handler
        handler.held.clear()
        if RANDOM_KILLS:
            # The benchmark: a slowish server and a kill at a random moment of the batch.
            handler.mail_pause = handler.accept_pause = 0.03
            before = handler.mail_count
            poll(lambda: handler.mail_count > before, timeout=30, message="the batch to start")
            time.sleep(rng.uniform(0, 0.6))
            handler.held.set()
        elif run % 2 == 0:  # accepted, 250 not yet read: a real duplicate after redelivery
            handler.hold_accept_at = len(handler.messages) + rng.randint(1, 8)
        else:  # held before MAIL FROM: no attempt started, nothing to count
            handler.hold_mail_at = handler.mail_count + rng.randint(1, 8)
        assert handler.held.wait(30)
        children = poll(worker.pool_child_pids, timeout=10, message="a pool child")
        os.kill(children[0], signal.SIGKILL)
        killed = time.monotonic()
        handler.hold_accept_at = handler.hold_mail_at = None
        recovery = _wait_all_sent(build, poll, killed)
        extra = _assert_none_lost_and_every_copy_counted(build, sink)
        results.append(extra)
        _report("pool-child SIGKILL", recovery, run=run + 1, extra_copies_so_far=extra)
    if not RANDOM_KILLS:
        assert results[0] == 1 and results[-1] >= 1  # the duplicate path was exercised, and counted


def test_redis_queue_flushed_recovers_within_a_minute(make, build, sink, app, test_env, redis_url, start_worker,
                                                      purge_queue, poll, short_leases):
    """Issue 15: 'a Redis flush: every reminder … done within 60 s'."""
    import redis

    from employer_portal.reminders.sweep import run_sweep
    from tasks.reminders import send

    purge_queue()
    _due_now(make, build, recipients=19)
    with app.app_context():
        run_sweep(dispatch=lambda ids, token: send.delay(ids, token))  # claimed and queued, no worker yet
    redis.Redis.from_url(redis_url).delete(test_env["CELERY_TASK_DEFAULT_QUEUE"])
    flushed = time.monotonic()
    start_worker("after-flush", env=_worker_env(sink))
    thread = Sweeper(app)
    thread.start()
    try:
        recovery = _wait_all_sent(build, poll, flushed)
    finally:
        thread.stop()
    assert _assert_none_lost_and_every_copy_counted(build, sink) == 0
    assert recovery < 60
    _report("Redis queue flushed", recovery)


def test_smtp_down_longer_than_a_lease_pauses_then_sends_everything(make, build, sink, sweeper, start_worker,
                                                                     purge_queue, poll, app):
    """Issue 15: SMTP down longer than a lease (and than the retry schedule): rows wait, none fails, all arrive."""
    from employer_portal.reminders.outbox import mail_outage

    purge_queue()
    _due_now(make, build, recipients=19)
    start_worker("outage", env=_worker_env(sink))
    sink.handler.mail_pause = 0.1
    sink.handler.hold_mail_at = 5  # stop the server while the 5th message waits for MAIL FROM's answer
    sweeper()
    assert sink.handler.held.wait(30)
    sink.stop()
    paused = None
    deadline = time.monotonic() + 4 * LEASE_SECONDS
    while time.monotonic() < deadline:
        with app.app_context():
            paused = paused or mail_outage()
        assert "failed" not in {r.status for r in build.outbox()}
        time.sleep(0.3)
    sink.handler.hold_mail_at = None
    sink.handler.mail_pause = 0
    sink.start()
    back = time.monotonic()
    recovery = _wait_all_sent(build, poll, back)
    assert paused is not None and paused["waiting"] > 0  # the admin was told while it lasted
    assert _assert_none_lost_and_every_copy_counted(build, sink) == 0
    _report(f"SMTP down {4 * LEASE_SECONDS:.0f} s (4 leases)", recovery, paused_rows=paused["waiting"])


def test_postgresql_connections_killed_mid_batch_recover_within_a_minute(make, build, sink, sweeper, start_worker,
                                                                         purge_queue, poll, postgres_url):
    """Issue 15: 'PostgreSQL connections killed mid-batch: recovered within 60 s, possible duplicates counted'."""
    import psycopg

    purge_queue()
    _due_now(make, build, recipients=19)
    start_worker("pg-kill", env=_worker_env(sink))
    sink.handler.hold_accept_at = 3
    sink.handler.hold_seconds = 1.0
    sweeper()
    assert sink.handler.held.wait(30)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        killed_backends = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'").fetchone()[0]
    killed = time.monotonic()
    recovery = _wait_all_sent(build, poll, killed)
    extra = _assert_none_lost_and_every_copy_counted(build, sink)
    assert recovery < 60
    _report("PostgreSQL connections killed", recovery, backends=killed_backends, extra_copies=extra)


def test_two_beats_at_once_send_each_reminder_once(make, build, sink, start_worker, purge_queue, poll, test_env,
                                                   short_leases, tmp_path):
    """Issue 15: two beats (each running the sweep every second) and two workers: no copy twice, none lost."""
    purge_queue()
    _due_now(make, build, recipients=39)
    env = {**os.environ, **test_env, **_worker_env(sink), "JOB_SWEEP_SECONDS": "1"}
    start_worker("beats-a", env=_worker_env(sink))
    start_worker("beats-b", env=_worker_env(sink))
    began = time.monotonic()
    beats = [subprocess.Popen([sys.executable, "-m", "celery", "-A", "tasks.worker", "beat", "-l", "warning",
                               "-s", str(tmp_path / f"beat-{i}")], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True) for i in range(2)]
    try:
        took = _wait_all_sent(build, poll, began)
    finally:
        for beat in beats:
            os.killpg(beat.pid, signal.SIGTERM)
            beat.wait(timeout=15)
    assert _assert_none_lost_and_every_copy_counted(build, sink) == 0
    _report("two beats", took)


def test_a_batch_stopped_by_the_soft_time_limit_leaves_no_row_waiting_on_a_lease(make, build, sink, sweeper,
                                                                                 start_worker, purge_queue, poll):
    """Issue 15: 'at the soft time limit no row waits on a lease' — unsent rows go back at once, none reclaimed."""
    purge_queue()
    total = _due_now(make, build, recipients=9)  # one batch of 10 needing ≈ 5 s
    sink.handler.mail_pause = 0.5
    start_worker("time-limit", env={**_worker_env(sink), "REMINDER_SEND_SOFT_TIME_LIMIT": "2",
                                     "REMINDER_SEND_TIME_LIMIT": "20"})
    began = time.monotonic()
    # The sender of a task puts its time limits in the message (in production: the worker's own sweep task).
    thread = sweeper(soft_time_limit=2, time_limit=20)
    took = _wait_all_sent(build, poll, began)
    assert _assert_none_lost_and_every_copy_counted(build, sink) == 0
    assert thread.totals["reclaimed"] == 0  # released by the batch itself, never left to lapse
    assert thread.totals["claimed"] > total  # the released rows were claimed again by the next sweep
    _report("soft time limit (2 s) on a 5 s batch", took)


def test_the_dashboard_tells_an_admin_that_reminder_mail_is_paused(app, make, build, client, login, sink,
                                                                   short_leases):
    """Issue 15 item 3: an outage past the retry schedule 'alerts an admin instead of failing reminders for good'."""
    import time_machine

    from employer_portal.reminders.sweep import run_sweep

    admin = make.user(role="admin")
    _due_now(make, build, recipients=1)
    from employer_portal.extensions import db
    from employer_portal.models.deadline import ReminderOutbox

    with app.app_context():  # the reminders are the admin's employer's
        db.session.query(ReminderOutbox).update({ReminderOutbox.employer_id: admin.employer_id})
        db.session.commit()
    sink.stop()
    start = dt.datetime.now(UTC)
    for step in range(6):
        with time_machine.travel(start + dt.timedelta(seconds=10 * step), tick=False), app.app_context():
            run_sweep()
    login(client, admin)
    html = client.get("/dashboard").get_data(as_text=True)
    assert "Reminder emails are paused" in html and "2 of your reminders wait" in html
    hr = make.user(employer_id=admin.employer_id, role="hr")
    other = app.test_client()
    login(other, hr)
    assert "Reminder emails are paused" not in other.get("/dashboard").get_data(as_text=True)

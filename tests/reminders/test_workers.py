"""Crashes and lost messages: SIGKILLed sender, wiped broker queue, two beat-like processes at once."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import time_machine

UTC = dt.timezone.utc
ROOT = Path(__file__).resolve().parents[2]


def _due_now(make, build, recipients: int):
    """A hire whose 0-day reminders are due now, for `recipients` + 1 addresses (real time: workers do not travel)."""
    user = make.user(role="hr")
    hire_id = build.hire(user)
    today = dt.datetime.now(UTC).date()
    build.deadline(hire_id, today, lead_days=(0,), recipients=tuple(f"r{i}@example.com" for i in range(recipients)),
                   today=today)
    from employer_portal.extensions import db
    from employer_portal.models.deadline import ReminderOutbox

    with build.app.app_context():  # due a minute ago, whatever the hour
        db.session.query(ReminderOutbox).update(
            {ReminderOutbox.next_attempt_at: dt.datetime.now(UTC) - dt.timedelta(minutes=1)})
        db.session.commit()
    return len(build.outbox())


def _worker_env(smtp):
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port)}


def test_worker_killed_mid_batch_every_reminder_arrives_once_after_the_lease(app, make, build, smtp, sweep,
                                                                            start_worker, purge_queue, poll):
    from tasks.reminders import send

    purge_queue()
    total = _due_now(make, build, recipients=7)
    smtp.handler.mail_delay = 0.4  # test-only slowness, before MAIL FROM is answered
    worker = start_worker("sender", env=_worker_env(smtp))
    sweep(dispatch=lambda ids, token: send.delay(ids, token))
    poll(lambda: len(smtp.messages) >= 2 and smtp.handler.mail_from_count > len(smtp.messages),
         timeout=30, message="the worker to be mid-batch")
    worker.kill()
    delivered_before = len(smtp.messages)
    assert 0 < delivered_before < total
    smtp.handler.mail_delay = 0
    with time_machine.travel(dt.datetime.now(UTC) + dt.timedelta(minutes=6), tick=True):
        totals = sweep()
    ids = smtp.handler.message_ids()
    assert len(ids) == total and len(set(ids)) == total
    # Killed while the server dawdled before MAIL FROM: no attempt had started, so none is counted (issue 15).
    assert totals["possible_duplicates"] == len(ids) - total == 0
    assert {r.status for r in build.outbox()} == {"sent"}


def test_broker_queue_wiped_between_scheduling_and_sending_loses_nothing(app, make, build, smtp, sweep, test_env,
                                                                         redis_url, start_worker, purge_queue, poll):
    import redis

    from tasks.reminders import send

    purge_queue()
    total = _due_now(make, build, recipients=3)
    sweep(dispatch=lambda ids, token: send.delay(ids, token))  # claimed and queued, no worker yet
    redis.Redis.from_url(redis_url).delete(test_env["CELERY_TASK_DEFAULT_QUEUE"])
    start_worker("after-wipe", env=_worker_env(smtp))
    with time_machine.travel(dt.datetime.now(UTC) + dt.timedelta(minutes=6), tick=True):
        sweep(dispatch=lambda ids, token: send.delay(ids, token))
    poll(lambda: len(smtp.messages) >= total, timeout=30, message="every reminder to arrive")
    ids = smtp.handler.message_ids()
    assert len(ids) == total and len(set(ids)) == total


def test_two_beat_like_processes_sweeping_at_once_send_each_reminder_once(app, make, build, smtp, test_env):
    total = _due_now(make, build, recipients=39)
    env = {**os.environ, **test_env, **_worker_env(smtp), "REMINDER_BATCH_SIZE": "5"}
    command = [sys.executable, "-m", "flask", "--app", "employer_portal", "reminders", "send-due"]
    procs = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    sent = sum(int(out.strip().splitlines()[-1].split()[1].rstrip(",")) for out, _err in outputs)
    ids = smtp.handler.message_ids()
    assert sent == total == 40 and len(ids) == total and len(set(ids)) == total

"""Sending throughput from one process to a local aiosmtpd server over one SMTP connection.

Renders each reminder from the Jinja templates (text + HTML) and sends it, as
`send_claimed` does per row, without the database marks. Target: >= 100 emails/s.

    .venv/bin/python benchmarks/reminder_send.py [--count 1000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class Sink:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    os.environ.setdefault("PORTAL_INSTANCE_PATH", f"/tmp/ep-bench-instance-{os.getpid()}")
    os.environ.setdefault("DATABASE_URL", f"sqlite:////tmp/ep-bench-{os.getpid()}.sqlite")
    from employer_portal import create_app
    from employer_portal.models import Hire
    from employer_portal.models.deadline import Deadline, ReminderOutbox
    from employer_portal.reminders.emails import build_message
    from employer_portal.reminders.mailer import SmtpMailer

    app = create_app({"TESTING": True, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port})
    hire = Hire(id=1, employer_id=1, worker_name="Ana Silva", job_title="Data Engineer", status="active")
    deadline = Deadline(id=7, hire_id=1, employer_id=1, key="k", kind="work_permit_renewal",
                        title="Renew the work permit", due_date=dt.date(2027, 3, 1), rule_id="D01",
                        why="A worker may not keep working on an expired permit.", source="IRPR s. 186(u)",
                        counts_business_days=False, estimated=False)
    now = dt.datetime.now(dt.timezone.utc)
    with app.test_request_context():
        start = time.perf_counter()
        with SmtpMailer("127.0.0.1", port) as mailer:
            for n in range(args.count):
                row = ReminderOutbox(id=n, deadline_id=7, purpose="reminder", lead_days=30,
                                     recipient=f"r{n}@example.com", context={})
                mailer.send(build_message(row, deadline, hire, now=now))
        elapsed = time.perf_counter() - start
    controller.stop()
    print(f"sent {sink.count} emails in {elapsed:.2f} s over one connection: {sink.count / elapsed:.0f} emails/s "
          f"(target >= 100/s)")


if __name__ == "__main__":
    main()

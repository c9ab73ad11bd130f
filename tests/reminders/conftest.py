"""Fixtures for the reminder tests: a real aiosmtpd server and small builders for hires and deadlines."""
from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import socket
import threading

import pytest
from aiosmtpd.controller import Controller

UTC = dt.timezone.utc


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RecordingHandler:
    """Records accepted messages; can answer 451 N times, 550 always, or dawdle before MAIL FROM."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.temporary_failures = 0
        self.reject = False
        self.mail_delay = 0.0
        self.mail_from_count = 0
        self.lock = threading.Lock()

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        with self.lock:
            self.mail_from_count += 1
        if self.mail_delay:
            await asyncio.sleep(self.mail_delay)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.temporary_failures > 0:
                self.temporary_failures -= 1
                return "451 4.3.0 Mailbox busy, try again later"
            if self.reject:
                return "550 5.1.1 No such user here"
            self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for m in self.messages]


class SmtpServer:
    def __init__(self):
        self.handler = RecordingHandler()
        self.port = _free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.running = False

    @property
    def messages(self):
        return self.handler.messages

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        self.running = True

    def stop(self):
        if self.running:
            self.controller.stop()
            self.running = False


@pytest.fixture
def smtp(app):
    """A local aiosmtpd server the app sends to for this test (MAIL_SERVER/MAIL_PORT pointed at it)."""
    server = SmtpServer()
    server.start()
    saved = {k: app.config.get(k) for k in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_TLS=False)
    yield server
    app.config.update(saved)
    server.stop()


class Builder:
    """Hires, deadlines and outbox rows written straight to the database, committed."""

    def __init__(self, app, make):
        self.app, self.make = app, make

    def hire(self, user, *, status="approved", program="gts_a", worker="Ana Silva", title="Senior Data Engineer",
             province="ON", noc="21211", wage=None, dates=None, payload=None) -> int:
        from employer_portal.extensions import db
        from employer_portal.models import Hire

        body = payload or {
            "program": program,
            "worker": {"given_name": worker.split()[0], "family_name": worker.split()[-1]},
            "position": {"title": title, "noc_code": noc, "province": province, "hours_per_week": 40,
                         "wage": wage or {"period": "year", "amount": 150000},
                         "start_date": "2027-01-04"},
        }
        with self.app.app_context():
            hire = Hire(employer_id=user.employer_id, hr_owner_id=user.id, status=status, program=program,
                        worker_name=worker, job_title=title, noc_code=noc, province=province,
                        payload=body, dates=dates or {})
            db.session.add(hire)
            db.session.commit()
            return hire.id

    def deadline(self, hire_id, due: dt.date, *, title="Renew the work permit", key="work_permit_renewal",
                 lead_days=(30, 7), recipients=(), today: dt.date) -> int:
        """A deadline with its reminders planned as the service plans them."""
        from employer_portal.deadlines.service import plan_reminders
        from employer_portal.extensions import db
        from employer_portal.models import Employer, Hire
        from employer_portal.models.deadline import Deadline

        with self.app.app_context():
            hire = db.session.get(Hire, hire_id)
            employer = db.session.get(Employer, hire.employer_id)
            employer.reminder_lead_days = list(lead_days)
            employer.reminder_recipients = list(recipients)
            row = Deadline(employer_id=hire.employer_id, hire_id=hire.id, key=key, kind=key, title=title,
                           due_date=due, rule_id="D01", why="A worker may not keep working on an expired permit.",
                           source="IRPR s. 186(u); IRCC", counts_business_days=False, province="ON",
                           estimated=False, active=True, origin="calculator")
            db.session.add(row)
            db.session.flush()
            plan_reminders(hire, today=today)
            db.session.commit()
            return row.id

    def outbox(self, **filters):
        from sqlalchemy import select

        from employer_portal.extensions import db
        from employer_portal.models.deadline import ReminderOutbox

        with self.app.app_context():
            query = select(ReminderOutbox).order_by(ReminderOutbox.id)
            for name, value in filters.items():
                query = query.where(getattr(ReminderOutbox, name) == value)
            rows = db.session.scalars(query).all()
            db.session.expunge_all()
            return rows


@pytest.fixture
def build(app, make):
    return Builder(app, make)


@pytest.fixture
def sweep(app):
    """sweep() runs one inline sweep (what `flask reminders send-due` does) in a fresh app context."""
    from employer_portal.reminders.sweep import run_sweep

    def run(**kw):
        with app.app_context():
            return run_sweep(**kw)

    return run

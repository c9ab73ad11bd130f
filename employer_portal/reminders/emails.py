"""The email of one outbox row: multipart text + HTML from `templates/email/`.

In: the row, its deadline and hire, the app's settings. Out: an `EmailMessage` whose
Message-ID is derived from the row's unique key, so a re-send carries the same id.
"""
from __future__ import annotations

import hashlib
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from flask import current_app, render_template

from employer_portal.models import Hire
from employer_portal.models.deadline import Deadline, ReminderOutbox


def mail_domain(sender: str) -> str:
    address = parseaddr(sender)[1]
    return address.rpartition("@")[2] or "employer-portal.local"


def message_id_for(row: ReminderOutbox, domain: str) -> str:
    """`<reminder-{deadline}-{lead}-{sha1(recipient)[:12]}@domain>`; wage alerts say `wage-drift`."""
    digest = hashlib.sha1(row.recipient.lower().encode()).hexdigest()[:12]
    prefix = "reminder" if row.purpose == "reminder" else row.purpose.replace("_", "-")
    return f"<{prefix}-{row.deadline_id}-{row.lead_days}-{digest}@{domain}>"


def subject_for(row: ReminderOutbox, deadline: Deadline, hire: Hire) -> str:
    who = hire.worker_name or f"hire #{hire.id}"
    if row.purpose == "wage_drift":
        return f"Wage below the new prevailing wage: {who} — raise it by {deadline.due_date.isoformat()}"
    return f"Reminder: {deadline.title} due {deadline.due_date.isoformat()} — {who}"


def build_message(row: ReminderOutbox, deadline: Deadline, hire: Hire, *, now) -> EmailMessage:
    config = current_app.config
    sender = config["MAIL_DEFAULT_SENDER"]
    context = {
        "row": row, "deadline": deadline, "hire": hire, "ctx": row.context or {},
        "hire_url": f"{config['PORTAL_BASE_URL']}/hires/{hire.id}",
        "days_left": (deadline.due_date - now.date()).days,
    }
    template = "reminder" if row.purpose == "reminder" else row.purpose
    message = EmailMessage()
    message["Subject"] = subject_for(row, deadline, hire)
    message["From"] = sender
    message["To"] = row.recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id_for(row, mail_domain(sender))
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_template(f"email/{template}.txt", **context))
    message.add_alternative(render_template(f"email/{template}.html", **context), subtype="html")
    return message

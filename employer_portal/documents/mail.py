"""The upload-link email to the worker, sent through the same mailer as reminders (SMTP, or the
outbox folder in the embedded default). User text in headers goes through the reminders' guards."""
from __future__ import annotations

import email.utils
import secrets
from email.message import EmailMessage

from flask import current_app, render_template

from employer_portal.models import Employer, Hire
from employer_portal.models.base import utcnow
from employer_portal.reminders.emails import MESSAGE_POLICY, UnsafeHeaderError, header_text, mail_domain, recipient_address
from employer_portal.reminders.mailer import MailError, mailer_from_config


class LinkNotSent(Exception):
    """The email could not be sent; the message says why, in plain words for HR."""


def worker_email(hire: Hire) -> str | None:
    from employer_portal.checklists.items import payload_of

    return payload_of(hire).worker.email or None


def build_message(hire: Hire, employer: Employer, recipient: str, url: str, expires_at, items) -> EmailMessage:
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    message = EmailMessage(policy=MESSAGE_POLICY)
    message["Subject"] = f"{header_text(employer.name, 'the employer name')}: please send your documents"
    message["From"] = sender
    message["To"] = recipient_address(recipient)
    message["Date"] = email.utils.format_datetime(utcnow())
    message["Message-ID"] = f"<upload-link-{hire.id}-{secrets.token_hex(8)}@{mail_domain(sender)}>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_template("documents/email_upload_link.txt", hire=hire, employer=employer, url=url,
                                        expires_at=expires_at, items=items))
    message.as_bytes()
    return message


def send_link(hire: Hire, url: str, expires_at, items) -> str:
    """Email the link to the worker's address on the hire; returns the address. LinkNotSent otherwise."""
    from employer_portal.extensions import db

    recipient = worker_email(hire)
    if not recipient:
        raise LinkNotSent("the hire has no worker email address: add it to the hire, or copy the link below")
    employer = db.session.get(Employer, hire.employer_id)
    try:
        message = build_message(hire, employer, recipient, url, expires_at, items)
        with mailer_from_config(current_app.config) as mailer:
            mailer.send(message)
    except UnsafeHeaderError as exc:
        raise LinkNotSent(str(exc)) from None
    except MailError as exc:
        raise LinkNotSent(f"the mail server did not take the message ({exc.reason[:200]})") from None
    return recipient

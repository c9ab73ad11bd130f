"""The email of one outbox row: multipart text + HTML from `templates/email/`.

In: the row, its deadline and hire, the app's settings. Out: an `EmailMessage` whose
Message-ID is derived from the row's unique key, so a re-send carries the same id.

Header values come from user text (a worker's name, a recipient address), so each one
goes through `header_text` / `Address`: a line break anywhere (CR, LF, U+2028 …) makes
the message unbuildable (`UnsafeHeaderError`, the row fails with the reason) instead of
letting the text start a new header; other control characters become spaces. The
message's policy refuses linefeeds in any header as a second guard.

Links point at `PORTAL_BASE_URL`, never at the port of the process that builds the mail.
"""
from __future__ import annotations

import email.policy
import hashlib
import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from flask import current_app, render_template

from employer_portal.models import Hire
from employer_portal.models.deadline import Deadline, ReminderOutbox

# EmailMessage's default policy already refuses CR/LF in a header value; raise on any defect too.
MESSAGE_POLICY = email.policy.default.clone(raise_on_defect=True)

# Every character Python's str.splitlines() breaks on: each could end a header line somewhere.
_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Other C0/C1 controls, zero-width and bidirectional marks: shown as a space.
_OTHER_CONTROLS = re.compile(
    "[\x00-\x09\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


class UnsafeHeaderError(ValueError):
    """User text would break a header; the message says which text and how to fix it."""


def header_text(value: str, what: str) -> str:
    """`value` fit for one header line: refused if it holds a line break, other controls become spaces."""
    found = _LINE_BREAKS.search(value)
    if found:
        raise UnsafeHeaderError(f"not sent: {what} contains a line break (U+{ord(found.group()):04X}), which "
                                f"an email header cannot carry; correct it on the hire")
    return " ".join(_OTHER_CONTROLS.sub(" ", value).split())


def recipient_address(recipient: str) -> Address:
    """The `To` address, parsed (refused if it is not one plain address)."""
    text = header_text(recipient, "the recipient address")
    try:
        return Address(addr_spec=text)
    except (ValueError, IndexError) as exc:
        raise UnsafeHeaderError(
            f"not sent: the recipient address {text[:100]!r} is not one valid email address") from exc


def mail_domain(sender: str) -> str:
    address = parseaddr(sender)[1]
    return address.rpartition("@")[2] or "employer-portal.local"


def message_id_for(row: ReminderOutbox, domain: str) -> str:
    """`<reminder-{deadline}-{lead}-{sha1(recipient)[:12]}@domain>`; wage alerts say `wage-drift`."""
    digest = hashlib.sha1(row.recipient.lower().encode()).hexdigest()[:12]
    prefix = "reminder" if row.purpose == "reminder" else row.purpose.replace("_", "-")
    return f"<{prefix}-{row.deadline_id}-{row.lead_days}-{digest}@{domain}>"


def subject_for(row: ReminderOutbox, deadline: Deadline, hire: Hire) -> str:
    who = header_text(hire.worker_name, "the hire's worker name") if hire.worker_name else f"hire #{hire.id}"
    title = header_text(deadline.title, "the deadline's title")
    if row.purpose == "wage_drift":
        return f"Wage below the new prevailing wage: {who} — raise it by {deadline.due_date.isoformat()}"
    return f"Reminder: {title} due {deadline.due_date.isoformat()} — {who}"


def links_for(hire: Hire, deadline: Deadline) -> dict[str, str]:
    """Every link a reminder carries, on the web address (`PORTAL_BASE_URL`)."""
    base = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    return {
        "hire_url": f"{base}/hires/{hire.id}",
        "deadline_url": f"{base}/hires/{hire.id}#deadline-{deadline.id}",
        "dashboard_url": f"{base}/dashboard#attention-heading",
        "settings_url": f"{base}/settings/#reminders-heading",
    }


def build_message(row: ReminderOutbox, deadline: Deadline, hire: Hire, *, now) -> EmailMessage:
    """The message, or `UnsafeHeaderError`/`ValueError` when user text cannot go into its headers."""
    config = current_app.config
    sender = config["MAIL_DEFAULT_SENDER"]
    context = {
        "row": row, "deadline": deadline, "hire": hire, "ctx": row.context or {},
        **links_for(hire, deadline),
        "days_left": (deadline.due_date - now.date()).days,
    }
    template = "reminder" if row.purpose == "reminder" else row.purpose
    message = EmailMessage(policy=MESSAGE_POLICY)
    message["Subject"] = subject_for(row, deadline, hire)
    message["From"] = sender
    message["To"] = recipient_address(row.recipient)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id_for(row, mail_domain(sender))
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_template(f"email/{template}.txt", **context))
    message.add_alternative(render_template(f"email/{template}.html", **context), subtype="html")
    message.as_bytes()  # written once here, so a message that cannot be serialised fails as unbuildable
    return message

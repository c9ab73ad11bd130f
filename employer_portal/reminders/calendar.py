"""The per-user iCal feed: every deadline of the user's employer, behind a secret URL.

The URL's token is 256 random bits; only its SHA-256 is stored (`User.calendar_token_hash`),
so rotating it revokes the old URL and a database leak reveals no feed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from icalendar import Calendar, Event
from sqlalchemy import select

from employer_portal.extensions import db
from employer_portal.models import Hire, User
from employer_portal.models.deadline import Deadline


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rotate_token(user: User) -> str:
    """A new feed token for `user` (the old URL stops working); returns the token, shown once."""
    token = secrets.token_urlsafe(32)
    user.calendar_token_hash = token_hash(token)
    return token


def revoke_token(user: User) -> None:
    user.calendar_token_hash = None


def user_for_token(token: str) -> User | None:
    """The active user whose feed this is, or None (unknown, revoked or a deactivated user)."""
    if not token or len(token) > 100:
        return None
    user = db.session.scalar(select(User).where(User.calendar_token_hash == token_hash(token)))
    return user if user is not None and user.active else None


def feed_for(user: User, base_url: str, domain: str) -> bytes:
    """The VCALENDAR of every active deadline of the user's employer."""
    cal = Calendar()
    cal.add("prodid", "-//employer-portal//deadlines//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Hiring deadlines")
    rows = db.session.execute(
        select(Deadline, Hire.worker_name, Hire.job_title).join(Hire, Hire.id == Deadline.hire_id)
        .where(Deadline.employer_id == user.employer_id, Deadline.active.is_(True))
        .order_by(Deadline.due_date, Deadline.id)
    ).all()
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for deadline, worker_name, job_title in rows:
        event = Event()
        event.add("uid", f"deadline-{deadline.id}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_date)
        event.add("dtend", deadline.due_date + dt.timedelta(days=1))
        who = worker_name or f"hire #{deadline.hire_id}"
        event.add("summary", f"{deadline.title} — {who}")
        event.add("description", f"{who}{', ' + job_title if job_title else ''}\n{deadline.why}\n"
                                 f"Rule {deadline.rule_id}; source: {deadline.source}")
        event.add("url", f"{base_url}/hires/{deadline.hire_id}")
        cal.add_component(event)
    return cal.to_ical()

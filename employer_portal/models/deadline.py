"""A hire's deadlines (synced from the calculator) and the reminder outbox that announces them.

The outbox row is the truth for a reminder: the Celery message only says "send rows
N, M"; a sweep finds rows whose message or worker was lost. UNIQUE (deadline, purpose,
lead time, recipient) makes each reminder exist once, so it is sent at most once.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from employer_portal.extensions import db
from employer_portal.models.base import TenantOwned, Timestamps

OUTBOX_STATUSES = ("pending", "sending", "sent", "failed", "cancelled")
# Where a deadline comes from: the calculator (re-synced on every save) or a wage-drift alert.
DEADLINE_ORIGINS = ("calculator", "wage_drift")


class Deadline(TenantOwned, Timestamps, db.Model):
    """One dated duty of one hire; `key` is the calculator's stable key within the hire."""

    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    hire_id: Mapped[int] = mapped_column(ForeignKey("hires.id", ondelete="CASCADE"), nullable=False)
    key: Mapped[str] = mapped_column(String(80), nullable=False)
    kind: Mapped[str] = mapped_column(String(60), nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    due_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    rule_id: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    why: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source: Mapped[str] = mapped_column(Text, nullable=False, default="")
    counts_business_days: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    province: Mapped[str | None] = mapped_column(String(2))
    estimated: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    origin: Mapped[str] = mapped_column(String(20), nullable=False, default="calculator")
    # Marked done by HR (who, when, an optional note or document reference); all None while open.
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    done_note: Mapped[str | None] = mapped_column(Text)

    hire = relationship("Hire")
    done_by = relationship("User")
    reminders: Mapped[list["ReminderOutbox"]] = relationship(
        back_populates="deadline", order_by="ReminderOutbox.due_at", passive_deletes=True
    )

    __table_args__ = (
        UniqueConstraint("hire_id", "key"),
        Index("ix_deadlines_employer_active_due", "employer_id", "active", "due_date"),
    )


class ReminderOutbox(TenantOwned, Timestamps, db.Model):
    """One email to one recipient about one deadline, from `pending` to `sent` (or `failed`/`cancelled`).

    `next_attempt_at` is when the sweep may claim the row (the due time, later a
    backoff); `lease_expires_at`/`claimed_by` mark a claim in flight. `reclaims`
    counts claims taken over after a lease ran out: each is a possible duplicate,
    because SMTP cannot tell us whether the dead sender's message was accepted.
    """

    __tablename__ = "reminder_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id", ondelete="CASCADE"), nullable=False)
    purpose: Mapped[str] = mapped_column(String(20), nullable=False, default="reminder")
    lead_days: Mapped[int] = mapped_column(Integer, nullable=False)
    recipient: Mapped[str] = mapped_column(String(254), nullable=False)
    send_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    due_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="pending")
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    reclaims: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # Set (committed) just before the message goes to SMTP, cleared when the attempt ends: a later
    # attempt that finds it set may send a second copy, and counts it in `possible_duplicates`.
    attempt_started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    possible_duplicates: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    message_id: Mapped[str | None] = mapped_column(String(200))
    last_error: Mapped[str | None] = mapped_column(Text)
    # What the email needs beyond the deadline (wage drift: old and new prevailing wage).
    context: Mapped[dict] = mapped_column(db.JSON, nullable=False, default=dict)

    deadline: Mapped[Deadline] = relationship(back_populates="reminders")

    __table_args__ = (
        UniqueConstraint("deadline_id", "purpose", "lead_days", "recipient", name="uq_reminder_outbox_key"),
        # The sweep reads only live rows: an index over pending rows alone stays small
        # however much sent history piles up (QUALITY.md 1.4).
        Index("ix_reminder_outbox_pending_due", "next_attempt_at",
              postgresql_where=text("status = 'pending'"), sqlite_where=text("status = 'pending'")),
        Index("ix_reminder_outbox_sending_lease", "lease_expires_at",
              postgresql_where=text("status = 'sending'"), sqlite_where=text("status = 'sending'")),
        # No separate index on deadline_id: the unique key above leads with it, and every extra
        # index is one more write per row on each claim.
    )

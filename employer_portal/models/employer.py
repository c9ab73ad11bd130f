"""Employers (the tenants), their users, login sessions and API tokens."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from flask_login import UserMixin
from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from employer_portal.extensions import db
from employer_portal.models.base import TenantOwned, Timestamps, utcnow

ROLES = ("admin", "hr", "viewer")


def token_digest(token: str) -> str:
    # Tokens are 256-bit random values, so a fast hash is enough to store them safely.
    return hashlib.sha256(token.encode()).hexdigest()


class Employer(Timestamps, db.Model):
    __tablename__ = "employers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    province: Mapped[str | None] = mapped_column(String(2))
    # Reminder settings (issue 5 reads them): lead times in days, extra recipients.
    reminder_lead_days: Mapped[list] = mapped_column(db.JSON, default=lambda: [90, 60, 30, 14, 7, 1], nullable=False)
    reminder_recipients: Mapped[list] = mapped_column(db.JSON, default=list, nullable=False)
    # When reminders go out: this hour on the employer's wall clock. No zone chosen = its province's
    # (deadlines.schedule.PROVINCE_TIME_ZONES; `reminder_time_zone` resolves it).
    time_zone: Mapped[str | None] = mapped_column(String(64))
    reminder_send_hour: Mapped[int] = mapped_column(Integer, default=9, server_default="9", nullable=False)
    # Its size under R209.93 (affiliates included): picks the penalty column of IRPR Schedule 2 (issue 14).
    employee_count: Mapped[int | None] = mapped_column(Integer)
    annual_gross_revenue_cad: Mapped[int | None] = mapped_column(BigInteger)

    users: Mapped[list["User"]] = relationship(back_populates="employer")

    @property
    def reminder_time_zone(self) -> str:
        """The zone reminders follow: the one chosen, else the province's."""
        from employer_portal.deadlines.schedule import employer_time_zone

        return employer_time_zone(self.time_zone, self.province)

    @property
    def business_size(self) -> str | None:
        """"small" or "large" (R209.93), None while its employees and revenue cannot tell."""
        from employer_portal.deadlines.violations import business_size

        return business_size(self.employee_count, self.annual_gross_revenue_cad)


class User(UserMixin, TenantOwned, Timestamps, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False)
    full_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10), nullable=False, default="hr")
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    # Secret for the personal calendar feed URL (issue 5); rotating it revokes the old URL.
    calendar_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # One email a day listing the user's due reminders instead of one email per reminder.
    reminder_digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), nullable=False)

    employer: Mapped[Employer] = relationship(back_populates="users")

    # Set by the session loader: Flask-Login stores this session's token, not the user id,
    # so that revoking the session row makes the cookie useless.
    session_token = None

    def get_id(self) -> str:
        return self.session_token or ""

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def can_edit(self) -> bool:
        return self.role in ("admin", "hr")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class UserSession(db.Model):
    """One signed-in browser. Deleting the row signs it out everywhere at once."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)

    user: Mapped[User] = relationship()

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


class ApiToken(TenantOwned, db.Model):
    """A bearer token for the JSON API; only its hash is stored."""

    __tablename__ = "api_tokens"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    prefix: Mapped[str] = mapped_column(String(12), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()

    @staticmethod
    def new_secret() -> str:
        return "ept_" + secrets.token_urlsafe(32)


class AuditEvent(TenantOwned, db.Model):
    """Who did what, when, to which record: old → new for every changed field.

    Append-only by convention: the application never updates or deletes rows.
    Encrypted fields are recorded as changed, never with their values.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    actor_label: Mapped[str | None] = mapped_column(String(254))
    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(60), nullable=False)
    changes: Mapped[dict] = mapped_column(db.JSON, default=dict, nullable=False)

    actor: Mapped[User | None] = relationship()

    __table_args__ = (db.Index("ix_audit_events_entity", "employer_id", "entity", "entity_id", "at"),)

"""A hire's document checklist (one row per item, statuses kept for good) and its PDF builds.

`ChecklistItem` rows are fitted to the hire by `checklists.items.sync_items`:
items that stop applying are retired, never deleted, so a recorded status and its
audit trail survive a change of the hire's facts.

`ChecklistBuild` is the job row of one PDF build (the database is the source of
truth; the Celery message only says "look at build N"): `queued` → `building`
(claimed under a lease) → `ready` | `failed`.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from employer_portal.checklists.builder import ITEM_STATUSES  # noqa: F401  (defined once, with the checklist)
from employer_portal.extensions import db
from employer_portal.models.base import TenantOwned, utcnow

BUILD_STATUSES = ("queued", "building", "ready", "failed")


class ChecklistItem(TenantOwned, db.Model):
    """One document one hire needs, as the catalogue described it when it was fitted."""

    __tablename__ = "checklist_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    hire_id: Mapped[int] = mapped_column(ForeignKey("hires.id", ondelete="CASCADE"), nullable=False)
    key: Mapped[str] = mapped_column(String(80), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # checklist order
    title: Mapped[str] = mapped_column(String(400), nullable=False)
    provider: Mapped[str] = mapped_column(String(20), nullable=False)
    why: Mapped[str] = mapped_column(Text, nullable=False, default="")
    rule: Mapped[str] = mapped_column(Text, nullable=False, default="")
    source: Mapped[str] = mapped_column(Text, nullable=False, default="")
    due: Mapped[str | None] = mapped_column(Text)
    section: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="missing")
    waiver_reason: Mapped[str | None] = mapped_column(Text)
    retired: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Bumped on every real change (status, text, retired), so a download can tell cheaply
    # whether the stored PDF still matches (see checklists.digest.current_hash).
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow,
                                                    nullable=False)

    __table_args__ = (UniqueConstraint("hire_id", "key", name="uq_checklist_items_hire_key"),)


class ChecklistBuild(TenantOwned, db.Model):
    """One checklist PDF build of one hire.

    `input_hash` is the sha256 of everything printed (checklists.document.input_hash);
    a ready build with the hire's current hash is served instead of rendering again.
    `lease_expires_at` bounds how long a claimed build may stay `building` before the
    sweep hands it to another worker; `claimed_by` names the claiming process
    (host:pid). `renders` counts actual WeasyPrint renders (tests assert "rendered once").
    """

    __tablename__ = "checklist_builds"

    id: Mapped[int] = mapped_column(primary_key=True)
    hire_id: Mapped[int] = mapped_column(ForeignKey("hires.id", ondelete="CASCADE"), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="queued")
    failure_reason: Mapped[str | None] = mapped_column(Text)
    input_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    file_key: Mapped[str | None] = mapped_column(String(300))
    pages: Mapped[int | None] = mapped_column(Integer)
    size: Mapped[int | None] = mapped_column(Integer)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    enqueued_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    renders: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    __table_args__ = (
        Index("ix_checklist_builds_hire_requested", "hire_id", "requested_at"),
        Index("ix_checklist_builds_hire_hash", "hire_id", "input_hash"),
        # The sweep looks only at unfinished builds; a partial index keeps it small on PostgreSQL.
        Index("ix_checklist_builds_unfinished", "status", "lease_expires_at",
              postgresql_where=db.text("status IN ('queued', 'building')"),
              sqlite_where=db.text("status IN ('queued', 'building')")),
    )

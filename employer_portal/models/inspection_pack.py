"""An inspection pack: one ZIP of everything an IRCC or ESDC officer may ask for, built by a job.

The row is the job (the database is the truth; the Celery message only says "look at pack N"):
`queued` → `building` (claimed under a lease) → `ready` | `failed`. One hire (`hire_id`), or every
hire of the employer whose employment overlaps `range_start`..`range_end` (`hire_id` None).
The ZIP is kept sealed (encrypted) under FILE_STORAGE_DIR at `storage_key`: it holds passport scans.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from employer_portal.extensions import db
from employer_portal.models.base import TenantOwned, Timestamps

PACK_STATUSES = ("queued", "building", "ready", "failed")


class InspectionPack(TenantOwned, Timestamps, db.Model):
    """One inspection pack build (see the module docstring)."""

    __tablename__ = "inspection_packs"

    id: Mapped[int] = mapped_column(primary_key=True)
    hire_id: Mapped[int | None] = mapped_column(ForeignKey("hires.id", ondelete="CASCADE"))
    range_start: Mapped[dt.date | None] = mapped_column(Date)
    range_end: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="queued")
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    enqueued_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    storage_key: Mapped[str | None] = mapped_column(String(200))
    size_bytes: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    # sha256 of the ZIP as downloaded (plain, not the sealed file on disk).
    sha256: Mapped[str | None] = mapped_column(String(64))
    file_count: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_inspection_packs_employer_hire", "employer_id", "hire_id", "created_at"),
    )

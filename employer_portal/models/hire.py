"""A hire: one foreign worker, one position, one route, from draft to the end of employment."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from employer_portal.crypto import EncryptedString
from employer_portal.extensions import db
from employer_portal.models.base import TenantOwned, Timestamps
from employer_portal.models.employer import User
from employer_portal.schemas.hire import HIRE_STATUSES  # noqa: F401  (kept with the hire's other facts)

# Which status may follow which (API.md): draft → submitted → filed → approved | refused | withdrawn;
# approved → active → ended.
STATUS_TRANSITIONS = {
    "draft": ("submitted",),
    "submitted": ("filed", "withdrawn"),
    "filed": ("approved", "refused", "withdrawn"),
    "approved": ("active", "withdrawn"),
    "active": ("ended",),
    "refused": (),
    "withdrawn": (),
    "ended": (),
}


class Hire(TenantOwned, Timestamps, db.Model):
    """The hire payload (API.md) as HR entered it, with its status and reports.

    `payload` holds the validated (possibly partial) hire payload without the
    encrypted fields; passport number and date of birth live encrypted in their
    own columns. `program`, `status` and a few position fields are copied out
    for filtering and listing.
    """

    __tablename__ = "hires"

    id: Mapped[int] = mapped_column(primary_key=True)
    hr_owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")
    program: Mapped[str | None] = mapped_column(String(10))
    worker_name: Mapped[str | None] = mapped_column(String(400))
    job_title: Mapped[str | None] = mapped_column(String(200))
    noc_code: Mapped[str | None] = mapped_column(String(10))
    province: Mapped[str | None] = mapped_column(String(2))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    payload: Mapped[dict] = mapped_column(db.JSON, nullable=False, default=dict)
    passport_number: Mapped[str | None] = mapped_column(EncryptedString("hires.passport_number"))
    date_of_birth: Mapped[str | None] = mapped_column(EncryptedString("hires.date_of_birth"))
    # Dates recorded after submission (LMIA, permit, first day…), validated by schemas.dates.
    dates: Mapped[dict] = mapped_column(db.JSON, nullable=False, default=dict)
    report: Mapped[dict | None] = mapped_column(db.JSON)
    frozen_report: Mapped[dict | None] = mapped_column(db.JSON)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    approved_on: Mapped[dt.date | None] = mapped_column(Date)
    # Set by an admin (audited) while litigation or an inspection is pending: no document of the
    # hire may be deleted or purged, whatever its retention date (inspection.retention).
    legal_hold: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    # Issue 14 (employer_portal/conditions): the offer's terms frozen at submission (what an inspection checks),
    # each later change of terms with its decision, and the offer / LMIA / permit application as filed.
    baseline: Mapped[dict | None] = mapped_column(db.JSON)
    terms_changes: Mapped[list | None] = mapped_column(db.JSON)
    filing_records: Mapped[dict | None] = mapped_column(db.JSON)

    # Bumped on every saved change (hires.service._saved): a save from a page or an API client holding an older
    # version is refused (issue 10: no silent overwrite); the API's ETag is made from it.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")

    hr_owner: Mapped[User | None] = relationship()

    __table_args__ = (
        Index("ix_hires_employer_status_created", "employer_id", "status", "created_at"),
        Index("ix_hires_employer_created", "employer_id", "created_at"),
        # Category A quota: approved Category A hires per employer and year.
        Index("ix_hires_employer_program_approved", "employer_id", "program", "approved_on"),
    )

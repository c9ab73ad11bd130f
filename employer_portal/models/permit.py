"""A hire's work-permit renewals and extensions (the second permit period onwards).

One source of truth per period: the first permit is the hire's recorded dates
(`Hire.dates`: work_permit_issued_on, work_permit_expires_on, first_day_of_work);
this table holds each later permit, numbered from 2 in the order issued.
Deadlines derive from every period (record keeping and rights information per
permit, IRPR R209.2(1), R209.3(1); the renewal duties before each expiry).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from employer_portal.extensions import db
from employer_portal.models.base import TenantOwned, Timestamps

# The first permit lives in the hire's dates; rows start at this sequence number.
FIRST_RENEWAL_SEQUENCE = 2


class PermitPeriod(TenantOwned, Timestamps, db.Model):
    """One renewal or extension of a hire's work permit: issued, expires, employment start under it."""

    __tablename__ = "permit_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    hire_id: Mapped[int] = mapped_column(ForeignKey("hires.id", ondelete="CASCADE"), nullable=False)
    sequence: Mapped[int] = mapped_column(Integer, nullable=False)
    issued_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    expires_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    # None: employment under this permit starts on its issue date.
    employment_start_on: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("hire_id", "sequence", name="uq_permit_periods_hire_sequence"),
        Index("ix_permit_periods_employer_hire", "employer_id", "hire_id"),
    )

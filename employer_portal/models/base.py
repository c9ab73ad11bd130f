"""Shared column helpers and the tenant-scoping mixin every employer-owned model uses."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, select
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Timestamps:
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, nullable=False
    )


class TenantOwned:
    """A row that belongs to one employer. Read it only through `for_employer`."""

    @declared_attr
    def employer_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("employers.id", ondelete="CASCADE"), nullable=False, index=True)

    @classmethod
    def for_employer(cls, employer_id: int):
        """A SELECT of this model limited to one employer's rows."""
        return select(cls).where(cls.employer_id == employer_id)

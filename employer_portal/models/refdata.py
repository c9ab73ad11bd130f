"""Reference data in the database: one row per version of each set, and the Job Bank figures of each wages version.

Each import or bundled load is a new `RefdataVersion`; one version of each set is in
force (`in_force`): the newest, unless an admin put an earlier one back
(`flask refdata activate`). Every such change is a `RefdataAuditEvent`. Tables are
named `refdata_*`: they hold no employer data and survive between tests.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from employer_portal.extensions import db
from employer_portal.models.base import utcnow

# The sets the portal versions; the first is the only one imported from files at run time.
WAGES_SET = "jobbank-wages"


class RefdataVersion(db.Model):
    """One version of one reference set (e.g. `jobbank-wages` `jobbank-2025-11-19`), with where it came from."""

    __tablename__ = "refdata_versions"
    __table_args__ = (
        UniqueConstraint("set_name", "version"),
        Index("ix_refdata_versions_set_in_force", "set_name", "in_force"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    set_name: Mapped[str] = mapped_column(String(60), nullable=False)
    version: Mapped[str] = mapped_column(String(80), nullable=False)
    source: Mapped[str] = mapped_column(Text, nullable=False, default="")
    published: Mapped[dt.date | None] = mapped_column(Date)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    imported_by: Mapped[str | None] = mapped_column(String(254))
    row_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    in_force: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    sha256: Mapped[str | None] = mapped_column(String(64))


class RefdataWageFigure(db.Model):
    """One Job Bank row of a wages version: a NOC's low/median/high in one area (None = suppressed)."""

    __tablename__ = "refdata_wage_figures"
    __table_args__ = (Index("ix_refdata_wage_figures_version_noc", "version_id", "noc"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("refdata_versions.id", ondelete="CASCADE"), nullable=False)
    noc: Mapped[str] = mapped_column(String(5), nullable=False)
    level: Mapped[str] = mapped_column(String(20), nullable=False)
    area: Mapped[str] = mapped_column(String(10), nullable=False)
    area_name: Mapped[str] = mapped_column(Text, nullable=False, default="")
    province: Mapped[str | None] = mapped_column(String(2))
    low: Mapped[float | None] = mapped_column(Float)
    median: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    annual: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    reference_period: Mapped[str] = mapped_column(Text, nullable=False, default="")
    data_source: Mapped[str] = mapped_column(Text, nullable=False, default="")
    revision_date: Mapped[str] = mapped_column(String(20), nullable=False, default="")

# Column order shared by the importer (COPY / executemany) and the store's loader.
WAGE_FIGURE_COLUMNS = ("noc", "level", "area", "area_name", "province", "low", "median", "high", "annual",
                       "reference_period", "data_source", "revision_date")


class RefdataAuditEvent(db.Model):
    """Who changed which reference-data version is in force, when: old -> new (append-only).

    Reference data belongs to no employer, so these admin actions (import, partial
    import, activate, load-bundled, delete) have this trail of their own rather than
    the employer-owned `audit_events`. Versions are named, not linked: a deleted
    version keeps its history.
    """

    __tablename__ = "refdata_audit_events"
    __table_args__ = (Index("ix_refdata_audit_events_set_at", "set_name", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=utcnow)
    actor_label: Mapped[str] = mapped_column(String(254), nullable=False)
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    set_name: Mapped[str] = mapped_column(String(60), nullable=False)
    old_version: Mapped[str | None] = mapped_column(String(80))
    new_version: Mapped[str | None] = mapped_column(String(80))
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="")

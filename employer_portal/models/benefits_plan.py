"""A GTS hire's Labour Market Benefits Plan (commitments and the activities recorded against them) and the
employer's yearly compliance self-audit answers. Review dates are deadlines (`lmbp_review:N`), not rows here."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from employer_portal.extensions import db
from employer_portal.models.base import TenantOwned, Timestamps

# The LMBP benefit menu (ESDC GTS program requirements; RULES.md 1.6).
LMBP_BENEFITS = ("job_creation", "skills_training", "diversity_inclusion", "knowledge_transfer",
                 "company_performance", "best_practices")
SELF_AUDIT_ANSWERS = ("yes", "no", "na")


class LmbpCommitment(TenantOwned, Timestamps, db.Model):
    """One activity of the plan: a measurable target to reach by `due_date`."""

    __tablename__ = "lmbp_commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    hire_id: Mapped[int] = mapped_column(ForeignKey("hires.id", ondelete="CASCADE"), nullable=False)
    benefit: Mapped[str] = mapped_column(String(40), nullable=False)
    mandatory: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    target: Mapped[float] = mapped_column(Float, nullable=False)
    unit: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    activities: Mapped[list["LmbpActivity"]] = relationship(
        back_populates="commitment", order_by="LmbpActivity.occurred_on", passive_deletes=True)


class LmbpActivity(TenantOwned, Timestamps, db.Model):
    """Something done towards a commitment (`progress` in the commitment's unit), with its evidence."""

    __tablename__ = "lmbp_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    hire_id: Mapped[int] = mapped_column(ForeignKey("hires.id", ondelete="CASCADE"), nullable=False)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("lmbp_commitments.id", ondelete="CASCADE"), nullable=False)
    occurred_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    progress: Mapped[float] = mapped_column(Float, nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    commitment: Mapped[LmbpCommitment] = relationship(back_populates="activities")
    document = relationship("Document")


class SelfAuditAnswer(TenantOwned, Timestamps, db.Model):
    """HR's answer for one Schedule 2 condition in one year: yes, no or n.a., with a note or a document."""

    __tablename__ = "self_audit_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    schedule2_item: Mapped[int] = mapped_column(Integer, nullable=False)
    answer: Mapped[str] = mapped_column(String(10), nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    document = relationship("Document")
    answered_by = relationship("User")

    __table_args__ = (UniqueConstraint("employer_id", "year", "schedule2_item",
                                       name="uq_self_audit_answers_employer_id"),)

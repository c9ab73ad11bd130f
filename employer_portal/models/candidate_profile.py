"""A hire's candidate profile for the permanent-residence outlook (issue 11), and the employer's
choice to print the outlook in checklist PDFs.

The profile is personal data (marital status, education, language results, experience, the
spouse's too): it is kept as one JSON document (the `schemas.pathways.Candidate` fields) in a
single AES-GCM encrypted column, so no part of it is readable at rest and it needs no column per
field. The date of birth is not copied: it stays in the hire's own encrypted `date_of_birth`, and
the profile's `age` is used only for a hire without one.
"""
from __future__ import annotations

import json

from sqlalchemy import Boolean, ForeignKey, String, true
from sqlalchemy.orm import Mapped, mapped_column

from employer_portal.crypto import EncryptedString
from employer_portal.extensions import db
from employer_portal.models.base import TenantOwned, Timestamps

PROFILE_SOURCES = ("hr", "worker")


class CandidateProfile(TenantOwned, Timestamps, db.Model):
    """One hire's profile (at most one): `candidate` is the decrypted JSON of the fields HR entered."""

    __tablename__ = "candidate_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    hire_id: Mapped[int] = mapped_column(ForeignKey("hires.id", ondelete="CASCADE"), nullable=False, unique=True)
    data: Mapped[str] = mapped_column(EncryptedString("candidate_profiles.data", length=12000), nullable=False)
    entered_by: Mapped[str] = mapped_column(String(10), nullable=False, default="hr")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def candidate(self) -> dict:
        return json.loads(self.data) if self.data else {}

    @candidate.setter
    def candidate(self, value: dict) -> None:
        self.data = json.dumps(value, sort_keys=True, separators=(",", ":"))


class PathwaySettings(TenantOwned, Timestamps, db.Model):
    """Per employer: whether checklist PDFs carry the Pathways section (no row = the default, on)."""

    __tablename__ = "pathway_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    checklist_pdf_section: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True,
                                                        server_default=true())

    __table_args__ = (db.UniqueConstraint("employer_id", name="uq_pathway_settings_employer_id"),)

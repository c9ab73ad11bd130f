"""Worker documents: the upload link a worker uses without an account, and each file sent in.

`UploadLink` gives one hire's worker a page to upload the items they provide. Only the sha256
of its token is stored (the token itself is shown once, in the link); a link ends at
`expires_at` or when revoked.

`Document` is one file for one checklist item: `pending_review` → `accepted` | `rejected`
(HR's reason is shown to the worker) | `replaced` (a newer file took its place). The bytes
are sealed with the data key under FILE_STORAGE_DIR at `storage_key` (named by content hash,
never by the uploaded name, which is kept only as a label).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from employer_portal.extensions import db
from employer_portal.models.base import TenantOwned, Timestamps, utcnow

DOCUMENT_STATUSES = ("pending_review", "accepted", "rejected", "replaced")
SCAN_STATUSES = ("not_scanned", "clean")  # an infected file is refused and never stored


class UploadLink(TenantOwned, Timestamps, db.Model):
    """A worker's no-login upload page for one hire (token stored hashed)."""

    __tablename__ = "upload_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    hire_id: Mapped[int] = mapped_column(ForeignKey("hires.id", ondelete="CASCADE"), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    def is_usable(self, now: dt.datetime | None = None) -> bool:
        now = now or utcnow()
        expires = self.expires_at if self.expires_at.tzinfo else self.expires_at.replace(tzinfo=dt.timezone.utc)
        return self.revoked_at is None and now < expires


class Document(TenantOwned, Timestamps, db.Model):
    """One uploaded file for one checklist item of one hire (see the module docstring)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    hire_id: Mapped[int] = mapped_column(ForeignKey("hires.id", ondelete="CASCADE"), nullable=False)
    item_key: Mapped[str] = mapped_column(String(80), nullable=False)
    upload_link_id: Mapped[int | None] = mapped_column(ForeignKey("upload_links.id", ondelete="SET NULL"))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    original_name: Mapped[str] = mapped_column(String(255), nullable=False, default="")  # a label only
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size_bytes: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)  # of the plain file
    storage_key: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="pending_review")
    reject_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    scan_status: Mapped[str] = mapped_column(String(20), nullable=False, default="not_scanned")
    retain_until: Mapped[dt.date | None] = mapped_column(Date)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    delete_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_documents_employer_hire_item", "employer_id", "hire_id", "item_key"),
        Index("ix_documents_retain_until", "retain_until"),
    )

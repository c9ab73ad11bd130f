"""The database side of worker documents. Views and the API call these; nothing here commits.

- `create_link(hire, actor, days=)` → (link, token): the token is returned once; only its sha256 is kept.
- `link_for_token(token)` → the link, or LinkRefused (unknown 404, expired or revoked 410).
- `worker_items(hire)`: the hire's current checklist items the worker provides.
- `store_upload(hire, item_key, data, name, link=/actor=)`: every check, then the sealed file and
  its row (`pending_review`); FileRefused and nothing stored when any check fails.
- `accept` / `reject` / `replace`: HR's review, each audited; accepting marks the item received.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import secrets

from flask import current_app
from sqlalchemy import func, select

from employer_portal import accounts
from employer_portal.checklists import items as checklist_items
from employer_portal.checklists.errors import ChecklistError
from employer_portal.checklists.storage import storage_from_config
from employer_portal.documents.files import MB, FileRefused, check_file, label_of
from employer_portal.documents.scanning import ScannerUnavailable, scan
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.base import utcnow
from employer_portal.models.document import Document, UploadLink
from employer_portal.timestamps import utc_iso

ENTITY_DOCUMENT = "document"
ENTITY_LINK = "upload_link"
WORKER_LABEL = "worker (upload link)"
TOKEN_BYTES = 32  # 256 bits
MAX_LINK_DAYS = 90
MAX_REASON = 1000
GONE = ("deleted", "purged")


class LinkRefused(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class ReviewError(Exception):
    def __init__(self, message: str, status: int = 409, field: str | None = None):
        super().__init__(message)
        self.status, self.field = status, field


def _int_setting(name: str, default: int) -> int:
    return int(current_app.config.get(name) or default)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(token: str) -> str:
    return f"{current_app.config['PORTAL_BASE_URL'].rstrip('/')}/upload/{token}"


# --- links ------------------------------------------------------------------------------

def create_link(hire: Hire, actor, days: int | None = None) -> tuple[UploadLink, str]:
    """A new link for the hire's worker; returns it and its token (shown once). Flushes."""
    if days is None:
        days = _int_setting("UPLOAD_LINK_DAYS", 14)
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_LINK_DAYS:
        raise ReviewError(f"expires_in_days must be a whole number from 1 to {MAX_LINK_DAYS}", 422,
                          "expires_in_days")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = UploadLink(employer_id=hire.employer_id, hire_id=hire.id, token_hash=token_hash(token),
                      created_by_id=actor.id if actor else None, expires_at=utcnow() + dt.timedelta(days=days))
    db.session.add(link)
    db.session.flush()
    accounts.record(hire.employer_id, ENTITY_LINK, link.id, "created", actor=actor,
                    changes={"hire_id": [None, hire.id], "expires_at": [None, link.expires_at.isoformat()]})
    return link, token


def revoke_link(link: UploadLink, actor) -> None:
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        accounts.record(link.employer_id, ENTITY_LINK, link.id, "revoked", actor=actor,
                        changes={"hire_id": [link.hire_id, link.hire_id]})
        db.session.flush()


def link_for_token(token: str) -> UploadLink:
    """The usable link of `token`; LinkRefused otherwise (the message is for the worker)."""
    if not token or len(token) > 200:
        raise LinkRefused("This upload link is not valid. Please use the link from your email.", 404)
    link = db.session.scalar(select(UploadLink).where(UploadLink.token_hash == token_hash(token)))
    if link is None:
        raise LinkRefused("This upload link is not valid. Please use the link from your email.", 404)
    if link.revoked_at is not None:
        raise LinkRefused("This upload link was withdrawn by the employer. Please ask them for a new one.", 410)
    if not link.is_usable():
        raise LinkRefused("This upload link has expired. Please ask the employer for a new one.", 410)
    return link


def links_of(hire: Hire) -> list[UploadLink]:
    return list(db.session.scalars(
        select(UploadLink).where(UploadLink.employer_id == hire.employer_id, UploadLink.hire_id == hire.id)
        .order_by(UploadLink.created_at.desc(), UploadLink.id.desc())))


# --- items and documents ---------------------------------------------------------------

def worker_items(hire: Hire):
    return [row for row in checklist_items.current_items(hire) if row.provider == "worker"]


def documents_of(hire: Hire, *, include_gone: bool = False) -> list[Document]:
    query = select(Document).where(Document.employer_id == hire.employer_id, Document.hire_id == hire.id)
    if not include_gone:
        query = query.where(Document.status.notin_(GONE))
    return list(db.session.scalars(query.order_by(Document.item_key, Document.created_at, Document.id)))


def storage_key_for(employer_id: int, digest: str) -> str:
    """From the employer id and the content hash only: the uploaded name never becomes a path."""
    return f"documents/{employer_id}/{digest}"


def seal_context(key: str) -> str:
    return f"documents:{key}"


def _hire_bytes(hire: Hire) -> int:
    return int(db.session.scalar(
        select(func.coalesce(func.sum(Document.size_bytes), 0)).where(
            Document.employer_id == hire.employer_id, Document.hire_id == hire.id,
            Document.status.notin_(GONE), Document.storage_key.is_not(None))) or 0)


def max_file_bytes() -> int:
    return _int_setting("UPLOAD_MAX_FILE_MB", 10) * MB


def store_upload(hire: Hire, item_key: str, data: bytes, original_name: str | None, *, link: UploadLink | None = None,
                 actor=None, replaces: Document | None = None, worker_only: bool = False) -> Document:
    """Check the file, scan it, seal and store it, and add its `pending_review` row (audited).
    FileRefused with a plain reason, and nothing stored, when a check fails. Flushes."""
    items = worker_items(hire) if worker_only else checklist_items.current_items(hire)
    if item_key not in {row.key for row in items}:
        raise FileRefused("This link has no such document to send.", 404, "unknown_item")
    checked = check_file(data, max_bytes=max_file_bytes())
    hire_cap = _int_setting("UPLOAD_MAX_HIRE_MB", 200) * MB
    if _hire_bytes(hire) + len(data) > hire_cap:
        raise FileRefused(f"This hire's documents already take nearly {hire_cap // MB} MB, the most we keep for "
                          "one person. Please ask the employer before sending more.", 413, "hire_cap")
    try:
        result = scan(data, current_app.config)
    except ScannerUnavailable:
        raise FileRefused("The virus check is not available right now, so the file was not kept. "
                          "Please try again in a few minutes.", 503, "scanner_unavailable") from None
    if result.status == "infected":
        raise FileRefused("The virus check found a threat in this file, so it was not kept. "
                          "Please send a clean copy.", 422, "infected")
    digest = hashlib.sha256(data).hexdigest()
    key = storage_key_for(hire.employer_id, digest)
    _put_sealed(key, data)
    document = Document(employer_id=hire.employer_id, hire_id=hire.id, item_key=item_key,
                        upload_link_id=link.id if link else None, uploaded_by_id=actor.id if actor else None,
                        original_name=label_of(original_name), content_type=checked.content_type,
                        size_bytes=len(data), sha256=digest, storage_key=key, status="pending_review",
                        scan_status=result.status)
    db.session.add(document)
    db.session.flush()
    changes = {"item_key": [None, item_key], "status": [None, "pending_review"], "sha256": [None, digest],
               "size_bytes": [None, len(data)], "content_type": [None, checked.content_type],
               "scan": [None, result.status]}
    if replaces is not None:
        changes["replaces"] = [None, replaces.id]
    accounts.record(hire.employer_id, ENTITY_DOCUMENT, document.id, "uploaded", actor=actor,
                    actor_label=None if actor else WORKER_LABEL, changes=changes)
    if replaces is not None:
        _mark_replaced(replaces, document, actor)
    if link is not None:
        link.last_used_at = utcnow()
    db.session.flush()
    return document


def _put_sealed(key: str, data: bytes) -> None:
    from employer_portal.inspection.sealed import SealingWriter

    sealed = io.BytesIO()
    writer = SealingWriter(sealed, current_app.config["DATA_ENCRYPTION_KEY"], seal_context(key))
    writer.write(data)
    writer.close()
    storage_from_config(current_app.config).put(key, sealed.getvalue())


def plain_bytes(document: Document) -> bytes:
    from employer_portal.inspection.sealed import unseal_chunks

    key = document.storage_key
    if not key:
        raise ReviewError("this document's file is no longer kept", 410)
    with storage_from_config(current_app.config).open(key) as handle:
        return b"".join(unseal_chunks(handle, current_app.config["DATA_ENCRYPTION_KEY"], seal_context(key)))


def download_name(document: Document) -> str:
    """A name we make (ASCII, no user text): document-<id>-<item>.<ext>."""
    from employer_portal.documents.files import KINDS

    extension = next((ext for ctype, ext in KINDS.values() if ctype == document.content_type), "bin")
    item = "".join(ch if ch.isalnum() else "-" for ch in document.item_key)[:60]
    return f"document-{document.id}-{item}.{extension}"


# --- review -----------------------------------------------------------------------------

def replaceable_for_worker(hire: Hire, item_key: str, document_id) -> Document | None:
    """The worker's own earlier file of this item that a new upload replaces (pending or rejected)."""
    try:
        document_id = int(document_id)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(select(Document).where(
        Document.id == document_id, Document.employer_id == hire.employer_id, Document.hire_id == hire.id,
        Document.item_key == item_key, Document.status.in_(("pending_review", "rejected"))))


def _mark_replaced(old: Document, new: Document, actor) -> None:
    before = old.status
    old.status = "replaced"
    accounts.record(old.employer_id, ENTITY_DOCUMENT, old.id, "replaced", actor=actor,
                    actor_label=None if actor else WORKER_LABEL,
                    changes={"status": [before, "replaced"], "replaced_by": [None, new.id]})
    if before == "accepted":
        _unreceive_if_none_left(old, actor)


def accept(document: Document, actor) -> Document:
    if document.status != "pending_review":
        raise ReviewError(f"only a document waiting for review can be accepted (this one is {document.status})")
    hire = db.session.get(Hire, document.hire_id)
    document.status, document.reject_reason = "accepted", None
    document.reviewed_by_id, document.reviewed_at = actor.id, utcnow()
    accounts.record(document.employer_id, ENTITY_DOCUMENT, document.id, "accepted", actor=actor,
                    changes={"status": ["pending_review", "accepted"], "item_key": [document.item_key, document.item_key]})
    try:
        checklist_items.set_item_status(hire, document.item_key, "received", actor=actor)
    except ChecklistError:
        pass  # the item no longer applies to the hire: the document is still accepted and kept
    db.session.flush()
    return document


def reject(document: Document, reason, actor) -> Document:
    if reason is not None and not isinstance(reason, str):
        raise ReviewError("the reason must be text", 422, "reason")
    reason = " ".join((reason or "").split())
    if not reason:
        raise ReviewError("say why the document is rejected: the worker sees the reason", 422, "reason")
    if len(reason) > MAX_REASON:
        raise ReviewError(f"the reason has at most {MAX_REASON} characters", 422, "reason")
    if document.status not in ("pending_review", "accepted"):
        raise ReviewError(f"only a document waiting for review or accepted can be rejected (this one is "
                          f"{document.status})")
    before = document.status
    document.status, document.reject_reason = "rejected", reason
    document.reviewed_by_id, document.reviewed_at = actor.id, utcnow()
    accounts.record(document.employer_id, ENTITY_DOCUMENT, document.id, "rejected", actor=actor,
                    changes={"status": [before, "rejected"], "reject_reason": [None, reason]})
    if before == "accepted":
        _unreceive_if_none_left(document, actor)
    db.session.flush()
    return document


def _unreceive_if_none_left(document: Document, actor) -> None:
    """The item goes back to missing when its last accepted document is rejected or replaced."""
    db.session.flush()
    other = db.session.scalar(select(Document.id).where(
        Document.employer_id == document.employer_id, Document.hire_id == document.hire_id,
        Document.item_key == document.item_key, Document.status == "accepted").limit(1))
    if other is None:
        hire = db.session.get(Hire, document.hire_id)
        row = next((r for r in checklist_items.current_items(hire) if r.key == document.item_key), None)
        if row is not None and row.status == "received":
            checklist_items.set_item_status(hire, document.item_key, "missing", actor=actor)


def document_json(document: Document) -> dict:
    return {
        "id": document.id, "hire_id": document.hire_id, "item_key": document.item_key,
        "status": document.status, "reject_reason": document.reject_reason,
        "content_type": document.content_type, "size_bytes": document.size_bytes, "sha256": document.sha256,
        "original_name": document.original_name, "scan_status": document.scan_status,
        "uploaded_by": "worker" if document.upload_link_id else document.uploaded_by_id,
        "uploaded_at": utc_iso(document.created_at),
        "reviewed_by": document.reviewed_by_id,
        "reviewed_at": utc_iso(document.reviewed_at),
        "retain_until": document.retain_until.isoformat() if document.retain_until else None,
    }

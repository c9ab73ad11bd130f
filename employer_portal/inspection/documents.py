"""What the pack and the retention rules need from the worker documents (helper DOCS's module).

One adapter, so the pack never depends on how a document is stored: the accepted documents of a
hire, a document's plain bytes in chunks (decrypted), and the ids for the audit trail.
"""
from __future__ import annotations

from typing import Callable, Iterator

from sqlalchemy import select

from employer_portal.extensions import db
from employer_portal.models.document import Document


def accepted_documents(hire) -> list:
    return list(db.session.scalars(
        select(Document).where(Document.employer_id == hire.employer_id, Document.hire_id == hire.id,
                               Document.status == "accepted")
        .order_by(Document.item_key, Document.id)))


def document_ids_query(hire):
    return select(Document.id).where(Document.employer_id == hire.employer_id, Document.hire_id == hire.id)


def plain_chunks(document, storage) -> Callable[[], Iterator[bytes]]:
    """The document's decrypted bytes, chunk by chunk (read when the pack writes it, never whole)."""
    from flask import current_app

    from employer_portal.documents.service import seal_context
    from employer_portal.inspection.sealed import unseal_chunks

    key_setting = current_app.config["DATA_ENCRYPTION_KEY"]
    key = document.storage_key

    def chunks():
        with storage.open(key) as handle:
            yield from unseal_chunks(handle, key_setting, seal_context(key))

    return chunks


def _storage():
    from flask import current_app

    from employer_portal.checklists.storage import storage_from_config

    return storage_from_config(current_app.config)


def file_exists(key: str) -> bool:
    return _storage().exists(key)


def store_for_hire(hire, data: bytes, *, item_key: str, content_type: str, original_name: str, status: str):
    """Tests and benchmarks: a document stored exactly as an upload is (the documents' own sealing and
    content-hash key), without the upload checks, in the given review status. Flushes."""
    import hashlib

    from employer_portal.documents.service import _put_sealed, storage_key_for

    digest = hashlib.sha256(data).hexdigest()
    key = storage_key_for(hire.employer_id, digest)
    _put_sealed(key, data)
    document = Document(employer_id=hire.employer_id, hire_id=hire.id, item_key=item_key,
                        original_name=original_name, content_type=content_type, size_bytes=len(data),
                        sha256=digest, storage_key=key, status=status)
    db.session.add(document)
    db.session.flush()
    return document

"""/api/v1: a hire's worker upload links and documents (list, review, download).

The worker's own upload endpoint (`POST {url}/items/{item_key}`) is on the link's page, outside
/api/v1: it takes the link, never a token (employer_portal/documents/views.py).
"""
from __future__ import annotations

from flask import g, jsonify, request

from employer_portal.api.blueprint import bp, json_body, require_editor
from employer_portal.documents import service
from employer_portal.documents.views import file_response
from employer_portal.extensions import db
from employer_portal.models import Hire, UploadLink
from employer_portal.models.document import Document
from employer_portal.problems import Problem
from employer_portal.tenancy import get_scoped_or_404
from employer_portal.timestamps import utc_iso


def link_json(link: UploadLink, url: str | None = None) -> dict:
    body = {"id": link.id, "hire_id": link.hire_id, "expires_at": utc_iso(link.expires_at),
            "revoked_at": utc_iso(link.revoked_at)}
    if url is not None:
        body["url"] = url
    return body


@bp.post("/hires/<hire_id>/upload-links")
def create_upload_link(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    days = None
    if request.get_data():
        days = json_body().get("expires_in_days")
    link, token = service.create_link(hire, g.api_user, days)
    body = link_json(link, service.link_url(token))
    db.session.commit()
    response = jsonify(body)
    response.status_code = 201
    return response


@bp.delete("/upload-links/<link_id>")
def revoke_upload_link(link_id):
    link = get_scoped_or_404(UploadLink, link_id)
    require_editor()
    service.revoke_link(link, g.api_user)
    db.session.commit()
    return "", 204


@bp.get("/hires/<hire_id>/documents")
def hire_documents(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    return jsonify({"hire_id": hire.id, "documents": [service.document_json(d) for d in service.documents_of(hire)]})


@bp.post("/documents/<document_id>/accept")
def accept_document(document_id):
    document = get_scoped_or_404(Document, document_id)
    require_editor()
    service.accept(document, g.api_user)
    body = service.document_json(document)
    db.session.commit()
    return jsonify(body)


@bp.post("/documents/<document_id>/reject")
def reject_document(document_id):
    document = get_scoped_or_404(Document, document_id)
    require_editor()
    service.reject(document, json_body().get("reason"), g.api_user)
    body = service.document_json(document)
    db.session.commit()
    return jsonify(body)


@bp.get("/documents/<document_id>/file")
def document_file(document_id):
    document = get_scoped_or_404(Document, document_id)
    if document.status in service.GONE or not document.storage_key:
        raise Problem(410, "Gone", "This document's file is no longer kept.")
    return file_response(document)

"""Pages of blueprint `documents`: the worker's upload page (no login, by link) and the hire page's
Documents section (links, review, HR uploads, downloads).

The worker's page is reached only through its link: the token in the address is the credential
(≥256 bits, stored hashed), so its forms need no CSRF token (a third party cannot know the address),
and it is rate limited per client address. It is never cached and never sends the address on
as a referrer.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from employer_portal.auth.roles import editor_required
from employer_portal.documents import service
from employer_portal.documents.files import MB, FileRefused, too_large
from employer_portal.documents.mail import LinkNotSent, send_link
from employer_portal.documents.scanning import scanner_configured
from employer_portal.extensions import csrf, db, limiter
from employer_portal.models import Hire, UploadLink
from employer_portal.models.document import Document
from employer_portal.problems import problem_response
from employer_portal.tenancy import get_scoped_or_404

bp = Blueprint("documents", __name__, static_folder="static", static_url_path="/documents/static")

STATUS_LABELS = {"pending_review": "Waiting for review", "accepted": "Accepted", "rejected": "Not accepted",
                 "replaced": "Replaced by a newer file", "deleted": "Deleted", "purged": "Purged"}
MULTIPART_SLACK = 1 * MB  # the form's own bytes around the file


def _upload_limit() -> str:
    return current_app.config.get("UPLOAD_RATE_LIMIT") or "30 per minute"


def _actor():
    return current_user._get_current_object()


def _no_leak(response):
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _read_upload() -> tuple[bytes, str | None]:
    """The multipart field `file`: its bytes (at most the cap + 1, so a larger one is caught)
    and its name as sent. FileRefused when missing or too large."""
    cap = service.max_file_bytes()
    if request.content_length is not None and request.content_length > cap + MULTIPART_SLACK:
        raise too_large(cap)
    request.max_content_length = cap + MULTIPART_SLACK
    try:
        upload = request.files.get("file")
    except RequestEntityTooLarge:
        raise too_large(cap) from None
    if upload is None:
        raise FileRefused("Choose a file to send (form field 'file').", 422, "missing")
    data = upload.stream.read(cap + 1)
    if len(data) > cap:
        raise too_large(cap)
    return data, upload.filename


# --- the worker's page --------------------------------------------------------------------

def _worker_context(link: UploadLink, **extra) -> dict:
    hire = db.session.get(Hire, link.hire_id)
    items = service.worker_items(hire)
    documents = service.documents_of(hire)
    by_item: dict[str, list[Document]] = {}
    for document in documents:
        if document.upload_link_id is not None or document.status in ("accepted", "rejected"):
            by_item.setdefault(document.item_key, []).append(document)
    from employer_portal.models import Employer

    return {"link": link, "hire": hire, "employer": db.session.get(Employer, hire.employer_id), "items": items,
            "by_item": by_item, "labels": STATUS_LABELS, "max_mb": current_app.config.get("UPLOAD_MAX_FILE_MB", 10),
            "token": request.view_args["token"], **extra}


@bp.get("/upload/<token>")
@limiter.limit(_upload_limit)
def worker_page(token: str):
    try:
        link = service.link_for_token(token)
    except service.LinkRefused as exc:
        return _no_leak(Response(render_template("documents/worker_closed.html", message=str(exc)), exc.status))
    context = _worker_context(link, uploaded=request.args.get("uploaded"))
    return _no_leak(Response(render_template("documents/worker.html", **context)))


@bp.post("/upload/<token>/items/<item_key>")
@limiter.limit(_upload_limit)
def worker_upload(token: str, item_key: str):
    """201 {"document": {...}} or a problem+json; the page's own form (respond=page) gets the page back."""
    as_page = request.args.get("respond") == "page"
    try:
        link = service.link_for_token(token)
    except service.LinkRefused as exc:
        if as_page:
            return _no_leak(Response(render_template("documents/worker_closed.html", message=str(exc)), exc.status))
        return _no_leak(problem_response(exc.status, "Link not usable", str(exc)))
    hire = db.session.get(Hire, link.hire_id)
    try:
        data, name = _read_upload()
        replaces = service.replaceable_for_worker(hire, item_key, request.form.get("replaces"))
        document = service.store_upload(hire, item_key, data, name, link=link, replaces=replaces, worker_only=True)
    except FileRefused as exc:
        db.session.rollback()
        if as_page:
            link = service.link_for_token(token)
            context = _worker_context(link, error=exc.reason, error_item=item_key)
            return _no_leak(Response(render_template("documents/worker.html", **context), exc.status))
        return _no_leak(problem_response(exc.status, "File refused", exc.reason, code=exc.code))
    body = {"document": {"id": document.id, "status": document.status}}
    db.session.commit()
    if as_page:
        return _no_leak(redirect(url_for("documents.worker_page", token=token, uploaded=item_key) + f"#item-{item_key}",
                                 303))
    response = jsonify(body)
    response.status_code = 201
    return _no_leak(response)


csrf.exempt(worker_upload)


# --- the hire page's Documents section ------------------------------------------------------

@bp.app_template_global("documents_panel")
def documents_panel(hire: Hire) -> dict:
    items = service.checklist_items.current_items(hire)
    documents = service.documents_of(hire)
    by_item: dict[str, list[Document]] = {}
    for document in documents:
        by_item.setdefault(document.item_key, []).append(document)
    return {
        "items": items, "by_item": by_item, "links": service.links_of(hire), "labels": STATUS_LABELS,
        "can_edit": bool(current_user.is_authenticated and current_user.can_edit),
        "scanner": scanner_configured(current_app.config), "worker_count": sum(1 for i in items if i.provider == "worker"),
    }


def _back(hire: Hire):
    return redirect(url_for("hires.detail", hire_id=hire.id) + "#documents")


@bp.post("/hires/<int:hire_id>/documents/links")
@editor_required
def create_link(hire_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    link, token = service.create_link(hire, _actor())
    url = service.link_url(token)
    items = service.worker_items(hire)
    db.session.commit()
    try:
        sent_to = send_link(hire, url, link.expires_at, items)
        error = None
    except LinkNotSent as exc:
        sent_to, error = None, str(exc)
    service.accounts.record(hire.employer_id, service.ENTITY_LINK, link.id, "emailed" if sent_to else "not_emailed",
                            actor=_actor(), changes={"sent": [None, bool(sent_to)]})
    db.session.commit()
    response = Response(render_template("documents/link_created.html", hire=hire, link=link, url=url,
                                        sent_to=sent_to, error=error))
    return _no_leak(response)


@bp.post("/hires/<int:hire_id>/documents/links/<int:link_id>/revoke")
@editor_required
def revoke_link(hire_id: int, link_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    link = get_scoped_or_404(UploadLink, link_id)
    if link.hire_id != hire.id:
        abort(404)
    service.revoke_link(link, _actor())
    db.session.commit()
    flash("The upload link was withdrawn: it no longer opens.", "success:documents")
    return _back(hire)


def _document_of(hire: Hire, document_id: int) -> Document:
    document = get_scoped_or_404(Document, document_id)
    if document.hire_id != hire.id:
        abort(404)
    return document


@bp.post("/hires/<int:hire_id>/documents/items/<item_key>")
@editor_required
def hr_upload(hire_id: int, item_key: str):
    """HR sends a file themselves (an employer's item, or one the worker gave them otherwise)."""
    hire = get_scoped_or_404(Hire, hire_id)
    try:
        data, name = _read_upload()
        replaces = None
        if request.form.get("replaces"):
            replaces = _document_of(hire, request.form["replaces"])
            if replaces.item_key != item_key or replaces.status not in ("pending_review", "rejected", "accepted"):
                raise FileRefused("That document cannot be replaced from here.", 409, "not_replaceable")
        service.store_upload(hire, item_key, data, name, actor=_actor(), replaces=replaces)
    except FileRefused as exc:
        db.session.rollback()
        flash(f"Not kept: {exc.reason}", "error:documents")
        return _back(hire)
    db.session.commit()
    flash("The file was kept and waits for review.", "success:documents")
    return _back(hire)


@bp.post("/hires/<int:hire_id>/documents/<int:document_id>/accept")
@editor_required
def accept(hire_id: int, document_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    document = _document_of(hire, document_id)
    try:
        service.accept(document, _actor())
    except service.ReviewError as exc:
        db.session.rollback()
        flash(f"Not accepted: {exc}", "error:documents")
        return _back(hire)
    db.session.commit()
    flash("Accepted: the checklist item is marked received.", "success:documents")
    return _back(hire)


@bp.post("/hires/<int:hire_id>/documents/<int:document_id>/reject")
@editor_required
def reject(hire_id: int, document_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    document = _document_of(hire, document_id)
    try:
        service.reject(document, request.form.get("reason"), _actor())
    except service.ReviewError as exc:
        db.session.rollback()
        flash(f"Not rejected: {exc}", "error:documents")
        return _back(hire)
    db.session.commit()
    flash("Rejected: the worker sees the reason on their upload page.", "success:documents")
    return _back(hire)


@bp.get("/hires/<int:hire_id>/documents/<int:document_id>/file")
@login_required
def download(hire_id: int, document_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    return file_response(_document_of(hire, document_id))


def file_response(document: Document) -> Response:
    """The plain file as an attachment under a name we make, never sniffed, never cached."""
    try:
        data = service.plain_bytes(document)
    except service.ReviewError:
        abort(410)
    response = Response(data, mimetype=document.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{service.download_name(document)}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

"""Pages of blueprint `inspection`: the hire page's "Inspection and retention" panel and its forms.

The panel (`templates/inspection/_hire_panel.html`, data from the `inspection_panel(hire)` template
global) shows the latest pack and its download, the retention date and the legal hold. Viewers
read and download; requesting a pack needs admin or hr; the legal hold and deleting a document
before its retention date need an admin (403 otherwise).
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_login import current_user, login_required

from employer_portal.auth.roles import admin_required, editor_required
from employer_portal.extensions import db
from employer_portal.inspection import retention, service
from employer_portal.models import Hire
from employer_portal.models.document import Document
from employer_portal.tenancy import get_scoped_or_404

bp = Blueprint("inspection", __name__, url_prefix="/hires")


def _back_to(hire_id: int):
    return redirect(url_for("hires.detail", hire_id=hire_id) + "#inspection")


@bp.app_template_global("inspection_panel")
def inspection_panel(hire: Hire) -> dict:
    """What the panel shows: the latest pack and the ready one, the retention date, the hold."""
    latest = service.latest_pack(hire)
    ready = service.latest_ready_pack(hire)
    try:
        keep_until = retention.retention_date_for(hire)
    except Exception:  # noqa: BLE001 - a panel never breaks the hire page
        keep_until = None
    return {
        "latest": service.pack_json(latest),
        "ready": service.pack_json(ready),
        "keep_until": keep_until,
        "stopped": hire.status in retention.STOPPED_STATUSES,
        "legal_hold": bool(hire.legal_hold),
        "can_request": bool(current_user.is_authenticated and current_user.can_edit and hire.status != "draft"),
        "is_admin": bool(current_user.is_authenticated and current_user.is_admin),
    }


@bp.post("/<int:hire_id>/inspection-pack")
@editor_required
def request_pack(hire_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    try:
        decision = service.request_pack(hire, actor=current_user._get_current_object())
    except service.PackError as exc:
        db.session.rollback()
        flash(str(exc), "error:inspection")
        return _back_to(hire.id)
    pack_id = decision.pack.id
    db.session.commit()
    if decision.enqueue:
        from tasks.inspection import enqueue_pack

        enqueue_pack(pack_id)
    flash("The inspection pack is being built; reload the page in a minute to download it.", "success:inspection")
    return _back_to(hire.id)


@bp.get("/<int:hire_id>/inspection-pack.zip")
@login_required
def download_pack(hire_id: int):
    from employer_portal.api.inspection import zip_response
    from employer_portal.problems import Problem

    hire = get_scoped_or_404(Hire, hire_id)
    ready = service.latest_ready_pack(hire)
    if ready is None:
        flash("No inspection pack is ready yet; request one first.", "error:inspection")
        return _back_to(hire.id)
    try:
        return zip_response(ready, current_user._get_current_object())
    except Problem as problem:
        flash(problem.detail, "error:inspection")
        return _back_to(hire.id)


@bp.post("/<int:hire_id>/legal-hold")
@admin_required
def legal_hold(hire_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    on = request.form.get("on") == "1"
    try:
        retention.set_legal_hold(hire, on=on, reason=request.form.get("reason"),
                                 actor=current_user._get_current_object())
    except retention.RetentionError as exc:
        db.session.rollback()
        flash(f"Not changed: {exc}", "error:inspection")
        return _back_to(hire.id)
    db.session.commit()
    flash("Legal hold placed: no document of this hire can be deleted." if on else "Legal hold lifted.", "success:inspection")
    return _back_to(hire.id)


@bp.post("/<int:hire_id>/documents/<int:document_id>/delete")
@editor_required
def delete_document(hire_id: int, document_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    document = get_scoped_or_404(Document, document_id)
    if document.hire_id != hire.id:
        abort(404)
    try:
        retention.delete_document(document, actor=current_user._get_current_object(),
                                  reason=request.form.get("reason"))
    except retention.RetentionError as exc:
        db.session.rollback()
        if exc.status == 403:
            abort(403)
        flash(f"Not deleted: {exc}", "error:inspection")
        return _back_to(hire.id)
    db.session.commit()
    flash("Document deleted (recorded in the audit trail).", "success:inspection")
    return _back_to(hire.id)

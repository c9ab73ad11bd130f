"""Pages of blueprint `checklists`: the hire page's checklist panel, its forms, the build
button, a small JSON status for the page's polling, and the download.

The panel is `templates/checklists/_hire_panel.html`; the hire page only includes it, and
the `checklist_panel(hire)` template global gives it its data. Viewers read and download;
changing an item or requesting a build needs admin or hr (403 otherwise).
"""
from __future__ import annotations


from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from employer_portal.auth.roles import editor_required
from employer_portal.checklists import builds, items
from employer_portal.checklists.builder import ITEM_STATUSES
from employer_portal.checklists.errors import ChecklistError
from employer_portal.checklists.representation import pdf_state
from employer_portal.checklists.storage import storage_from_config
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.tenancy import get_scoped_or_404

bp = Blueprint("checklists", __name__, url_prefix="/hires")

STATUS_LABELS = {"missing": "Missing", "received": "Received", "waived": "Waived", "not_applicable": "Not applicable"}
PROVIDER_LABELS = {"employer": "Employer", "worker": "Worker", "referral_partner": "Referral partner"}


def _back_to(hire: Hire):
    """The hire page, at its checklist."""
    return redirect(url_for("hires.detail", hire_id=hire.id) + "#checklist")


@bp.app_template_global("checklist_panel")
def checklist_panel(hire: Hire) -> dict:
    """What the panel shows: items by section, the PDF's state, and whether the user may edit."""
    rows = items.current_items(hire)
    sections: dict[str, list] = {}
    for row in rows:
        sections.setdefault(row.section, []).append(row)
    state = pdf_state(hire)  # reads only: items out of step are fitted in memory (items.current_items)
    return {
        "hire": hire,
        "sections": list(sections.items()),
        "count": len(rows),
        "received": sum(1 for r in rows if r.status == "received"),
        "pdf": state,
        "can_edit": bool(current_user.is_authenticated and current_user.can_edit),
        "statuses": ITEM_STATUSES,
        "status_labels": STATUS_LABELS,
        "provider_labels": PROVIDER_LABELS,
    }


@bp.get("/<int:hire_id>/checklist")
@login_required
def page(hire_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    return render_template("checklists/page.html", hire=hire)


@bp.post("/<int:hire_id>/checklist/items/<key>")
@editor_required
def update_item(hire_id: int, key: str):
    hire = get_scoped_or_404(Hire, hire_id)
    status = request.form.get("status", "")
    try:
        items.set_item_status(hire, key, status, reason=request.form.get("reason"),
                                actor=current_user._get_current_object())
    except ChecklistError as exc:
        db.session.rollback()
        if exc.status == 404:
            abort(404)
        flash(f"Not saved: {exc}", "error:checklist")
        return _back_to(hire)
    db.session.commit()
    flash("Checklist updated.", "success:checklist")
    return _back_to(hire)


@bp.post("/<int:hire_id>/checklist/build")
@editor_required
def build(hire_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    try:
        decision = builds.request_build(hire, actor=current_user._get_current_object(),
                                         storage=storage_from_config(current_app.config))
    except ChecklistError as exc:
        db.session.rollback()
        flash(str(exc), "error:checklist")
        return _back_to(hire)
    build_id = decision.build.id
    db.session.commit()
    if decision.enqueue:
        from tasks.checklists import enqueue_build

        enqueue_build(build_id)
    flash("The checklist PDF is ready." if decision.reused else "The checklist PDF is being built.", "success:checklist")
    return _back_to(hire)


@bp.get("/<int:hire_id>/checklist/status.json")
@login_required
def status(hire_id: int):
    """For the page's polling: the PDF's state and, when ready, where to download it."""
    hire = get_scoped_or_404(Hire, hire_id)
    state = pdf_state(hire)
    body = {**state, "download_url": url_for("checklists.download", hire_id=hire.id) if state["downloadable"] else None}
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<int:hire_id>/checklist.pdf")
@login_required
def download(hire_id: int):
    from employer_portal.api.checklists import pdf_response

    hire = get_scoped_or_404(Hire, hire_id)
    try:
        return pdf_response(hire)
    except ChecklistError as exc:
        db.session.rollback()
        flash(str(exc), "error:checklist")
        return _back_to(hire)

"""Pages of blueprint `benefits_plan`: the "Benefits plan" section of a GTS hire's page (signing date,
commitments, activities with evidence, review dates with reminders, the progress report PDF)."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, request, url_for
from flask_login import current_user, login_required
from pydantic import ValidationError

from employer_portal.auth.roles import editor_required
from employer_portal.benefits_plan import service
from employer_portal.benefits_plan.status import BENEFIT_LABELS
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.schemas.errors import error_map
from employer_portal.tenancy import get_scoped_or_404

bp = Blueprint("benefits_plan", __name__)


def _back(hire: Hire):
    return redirect(url_for("hires.detail", hire_id=hire.id) + "#benefits-plan")


@bp.app_template_global("benefits_plan_panel")
def benefits_plan_panel(hire: Hire) -> dict | None:
    """What the hire page's Benefits plan section shows; None for a hire outside GTS."""
    if not service.is_gts(hire):
        return None
    return {"plan": service.plan_view(hire), "benefits": BENEFIT_LABELS, "can_edit": current_user.can_edit,
            "documents": service.evidence_documents(hire)}


def _flash_errors(exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        messages = [f"{field}: {'; '.join(found)}" for field, found in error_map(exc).items()]
        flash("Not saved: " + " · ".join(messages), "error:benefits-plan")
    else:
        flash(f"Not saved: {exc}", "error:benefits-plan")


def _save(hire_id: int, change, data: dict, done: str):
    hire = get_scoped_or_404(Hire, hire_id)
    try:
        change(hire, data, current_user._get_current_object())
    except (ValidationError, service.PlanError) as exc:
        db.session.rollback()
        _flash_errors(exc)
        return _back(hire)
    db.session.commit()
    flash(done, "success:benefits-plan")
    return _back(hire)


def _blank_to_none(form: dict, *names: str) -> dict:
    return {k: (None if k in names and v == "" else v) for k, v in form.items()}


@bp.post("/hires/<int:hire_id>/benefits-plan/signed")
@editor_required
def signed(hire_id):
    return _save(hire_id, service.save_plan, {"signed_on": request.form.get("signed_on") or None},
                 "Signing date recorded: the progress reviews and their reminders follow it.")


@bp.post("/hires/<int:hire_id>/benefits-plan/commitments")
@editor_required
def add_commitment(hire_id):
    form = {k: request.form.get(k, "").strip() for k in ("benefit", "description", "target", "unit", "start_date",
                                                          "due_date")}
    form = _blank_to_none(form, "start_date", "due_date", "target")
    form["mandatory"] = request.form.get("mandatory") == "yes"
    return _save(hire_id, service.save_plan, {"commitments": [form]}, "Commitment added.")


@bp.post("/hires/<int:hire_id>/benefits-plan/activities")
@editor_required
def add_activity(hire_id):
    form = {k: request.form.get(k, "").strip() for k in ("commitment_id", "occurred_on", "progress", "description",
                                                          "document_id")}
    form = _blank_to_none(form, "document_id", "occurred_on", "progress", "commitment_id")
    return _save(hire_id, service.add_activity, form, "Activity recorded.")


@bp.get("/hires/<int:hire_id>/benefits-plan/report.pdf")
@login_required
def report(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    if not service.is_gts(hire):
        return _back(hire)
    response = Response(service.report_pdf(hire), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="lmbp-progress-hire-{hire.id}.pdf"'
    return response

"""The hire page's Pathways section (profile form and outlook) and the employer's PDF setting.

The form posts to `/hires/<id>/pathways/profile`; a profile that does not validate re-renders the
hire page (422) with each error next to its field and every typed value kept. Viewers see the
outlook read only (403 on a post).
"""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, request, url_for
from flask_login import current_user

from employer_portal.auth.roles import admin_required, editor_required
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.pathways_hire import forms, service
from employer_portal.tenancy import get_scoped_or_404

bp = Blueprint("pathways_hire", __name__)


@bp.app_template_global("pathways_panel")
def pathways_panel(hire: Hire) -> dict:
    """What the Pathways section shows: the outlook, the form's values and errors."""
    pending = g.get("pathways_form")
    profile = service.profile_of(hire)
    try:
        outlook = service.hire_outlook(hire)
        outlook_error = None
    except Exception:  # noqa: BLE001 - the hire page must still open; the section says what failed
        import logging

        logging.getLogger(__name__).exception("hire %s: pathways outlook failed", hire.id)
        outlook, outlook_error = None, "The outlook could not be computed for this hire."
    values = pending["values"] if pending else forms.values_from_candidate(profile.candidate if profile else None)
    errors, general = (pending["errors"], pending["general"]) if pending else ({}, [])
    sources = {str(src.get("id")): src for src in (outlook or {}).get("sources") or [] if isinstance(src, dict)}
    return {"outlook": outlook, "outlook_error": outlook_error, "sources": sources, "profile": profile, "values": values,
            "errors": errors, "general_errors": general, "sections": forms.SECTIONS,
            "has_birth_date": bool(hire.date_of_birth),
            "can_edit": bool(current_user.is_authenticated and current_user.can_edit),
            "is_admin": bool(current_user.is_authenticated and current_user.is_admin),
            "pdf_section": service.pdf_section_enabled(hire.employer_id)}


@bp.post("/hires/<int:hire_id>/pathways/profile")
@editor_required
def save_profile(hire_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    try:
        service.save_profile(hire, forms.candidate_from_form(request.form), current_user._get_current_object())
    except service.InvalidProfile as exc:
        db.session.rollback()
        errors, general = forms.split_errors(exc.errors)
        g.pathways_form = {"values": forms.values_from_form(request.form), "errors": errors, "general": general}
        from employer_portal.hires.views import detail

        return detail(hire_id), 422
    db.session.commit()
    flash("Pathways profile saved. The outlook and its guidance deadlines are updated.", "success:pathways")
    return redirect(url_for("hires.detail", hire_id=hire.id) + "#pathways")


@bp.post("/settings/pathways")
@admin_required
def pdf_setting():
    enabled = request.form.get("checklist_pdf_section") == "on"
    service.set_pdf_section(current_user.employer_id, enabled, current_user._get_current_object())
    db.session.commit()
    back = request.form.get("back_to_hire")
    flash("Checklist PDFs now " + ("include" if enabled else "leave out") + " the Pathways section.",
          "success:pathways" if back and back.isdigit() else "success")
    if back and back.isdigit():
        return redirect(url_for("hires.detail", hire_id=int(back)) + "#pathways")
    return redirect(url_for("dashboard.index") if "dashboard.index" in _endpoints() else "/")


def _endpoints() -> set:
    from flask import current_app

    return set(current_app.view_functions)

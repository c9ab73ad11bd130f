"""Pages of blueprint `compliance`: the employer-wide compliance page (/compliance): what is at risk, each a
link, and this year's self-audit (admins and HR answer; viewers read)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from pydantic import ValidationError

from employer_portal.auth.roles import editor_required
from employer_portal.extensions import db
from employer_portal.models import Employer
from employer_portal.models.document import Document
from employer_portal.schemas.errors import error_map
from employer_portal.self_audit import service
from employer_portal.self_audit.conditions import QUESTIONS

bp = Blueprint("compliance", __name__)


@bp.app_context_processor
def _nav():
    # The main menu's extra entries (base.html reads `nav_extra`).
    return {"nav_extra": [("compliance.index", "Compliance")]}


def _employer() -> Employer:
    return db.session.get(Employer, current_user.employer_id)


def _year() -> int:
    try:
        year = int(request.values.get("year") or service.today().year)
    except ValueError:
        year = service.today().year
    return year if service.FIRST_YEAR <= year <= 2100 else service.today().year


@bp.get("/compliance")
@login_required
def index():
    employer = _employer()
    year = _year()
    documents = db.session.scalars(Document.for_employer(employer.id).where(Document.status == "accepted")
                                   .order_by(Document.id)).all()
    return render_template("compliance/index.html", summary=service.compliance_summary(employer),
                           audit=service.audit_view(employer, year), year=year, documents=documents,
                           labels=service.ANSWER_LABELS)


@bp.post("/compliance/self-audit")
@editor_required
def answer():
    year = _year()
    answers = []
    for item in QUESTIONS:
        value = request.form.get(f"answer-{item}", "")
        if not value:
            continue
        document = request.form.get(f"document-{item}", "")
        answers.append({"item": item, "answer": value, "note": request.form.get(f"note-{item}", ""),
                        "document_id": int(document) if document.isdigit() else None})
    if not answers:
        flash("Nothing to save: answer at least one condition.", "error")
        return redirect(url_for("compliance.index", year=year) + "#self-audit")
    try:
        service.save_answers(_employer(), {"year": year, "answers": answers}, current_user._get_current_object())
    except (ValidationError, service.AuditError) as exc:
        db.session.rollback()
        detail = "; ".join(f"{k}: {', '.join(v)}" for k, v in error_map(exc).items()) \
            if isinstance(exc, ValidationError) else str(exc)
        flash(f"Not saved: {detail}", "error")
        return redirect(url_for("compliance.index", year=year) + "#self-audit")
    db.session.commit()
    flash(f"Self-audit {year} saved.", "success")
    return redirect(url_for("compliance.index", year=year) + "#self-audit")

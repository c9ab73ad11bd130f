"""Pages of blueprint `conditions`: the hire page's Conditions section (data and forms) and the employer's
size on the settings page. The forms post here and come back to the page they were on."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_login import current_user

from employer_portal.auth.roles import admin_required, editor_required
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.tenancy import get_scoped_or_404

from . import consistency, service, terms

bp = Blueprint("conditions", __name__)

SIZE_LABELS = {"small": "a small business", "large": "a large business"}


def _actor():
    return current_user._get_current_object()


def _form_value(name: str):
    value = request.form.get(name)
    return value if value is not None and value.strip() else None


@bp.app_template_global("conditions_panel")
def conditions_panel(hire: Hire) -> dict | None:
    """What the Conditions section shows; None for a hire not yet submitted or no longer running."""
    if hire.status not in terms.TERMS_STATUSES:
        return None
    data = service.conditions_of(hire)
    data.update(labels=terms.TERMS_LABELS, outcome_labels=terms.OUTCOME_LABELS, fields=terms.TERMS_FIELDS,
                filing_fields=consistency.FILING_FIELDS, filing_labels=consistency.FIELD_LABELS,
                source_labels=consistency.SOURCE_LABELS, reference=consistency.reference_source(hire.program),
                size_label=SIZE_LABELS.get(data["employer"]["business_size"], "not set (both penalty columns shown)"),
                can_edit=current_user.can_edit)
    return data


@bp.post("/hires/<int:hire_id>/conditions/terms-changes")
@editor_required
def terms_change(hire_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    current = service.current_terms(hire)
    data: dict = {}
    for name in terms.TERMS_FIELDS:
        value = _form_value(name)
        if value is None:
            continue  # a field left empty keeps its current value
        if name == "benefits":
            value = [line for line in value.splitlines() if line.strip()]
        data[name] = value
    data["note"] = _form_value("note")
    data["effective_on"] = _form_value("effective_on")
    try:
        changes = service.parse_terms_changes({k: v for k, v in data.items()})
        # Unchanged fields (the form shows the current terms) are not part of the change.
        unchanged = [name for name, value in changes.items() if value == current.get(name)]
        for name in unchanged:
            data.pop(name, None)
        entry = service.record_terms_change(hire, data, _actor())
    except service.ConditionsError as exc:
        db.session.rollback()
        detail = "; ".join(f"{k}: {', '.join(v)}" for k, v in getattr(exc, "errors", {}).items()) or str(exc)
        flash(f"Change of terms not recorded: {detail}.", "error:conditions")
        return redirect(url_for("hires.detail", hire_id=hire.id) + "#conditions")
    db.session.commit()
    outcome = entry["decision"]["outcome"]
    flash(f"Change of terms recorded: {terms.OUTCOME_LABELS[outcome]}."
          + (" The current terms are updated." if entry["applied"] else " The current terms stay as they were."),
          "success:conditions" if entry["applied"] else "error:conditions")
    return redirect(url_for("hires.detail", hire_id=hire.id) + "#conditions")


@bp.post("/hires/<int:hire_id>/conditions/filing-records")
@editor_required
def filing_records(hire_id: int):
    hire = get_scoped_or_404(Hire, hire_id)
    data = {}
    for source in service.FILING_SOURCES:
        fields = {name: _form_value(f"{source}-{name}") for name in ("number", *consistency.FILING_FIELDS)}
        if f"{source}-number" in request.form or any(f"{source}-{n}" in request.form
                                                      for n in consistency.FILING_FIELDS):
            data[source] = {k: v for k, v in fields.items() if v is not None}
    try:
        service.record_filing(hire, data, _actor())
    except service.ConditionsError as exc:
        db.session.rollback()
        detail = "; ".join(f"{k}: {', '.join(v)}" for k, v in getattr(exc, "errors", {}).items()) or str(exc)
        flash(f"Filing records not saved: {detail}.", "error:conditions")
        return redirect(url_for("hires.detail", hire_id=hire.id) + "#conditions")
    db.session.commit()
    found = len(service.consistency_findings(hire))
    flash("Filing records saved: " + (f"{found} mismatch(es) to fix before filing." if found
                                      else "no mismatch found."), "error:conditions" if found else "success:conditions")
    return redirect(url_for("hires.detail", hire_id=hire.id) + "#conditions")


@bp.post("/settings/employer-size")
@admin_required
def employer_size():
    values = {}
    errors = []
    for name, label in (("employee_count", "Employees"), ("annual_gross_revenue_cad", "Annual gross revenue")):
        raw = (request.form.get(name) or "").replace(",", "").replace("$", "").strip()
        if not raw:
            values[name] = None
            continue
        if not raw.isdigit() or int(raw) > 10**13:
            errors.append(f"{label}: a whole number of 0 or more")
            continue
        values[name] = int(raw)
    if errors:
        flash("Employer size not saved: " + "; ".join(errors) + ".", "error")
        return redirect(url_for("settings.index") + "#employer-size-heading")
    employer = current_user.employer
    service.set_employer_size(employer, values["employee_count"], values["annual_gross_revenue_cad"], _actor())
    db.session.commit()
    size = employer.business_size
    flash("Employer size saved: " + (f"{SIZE_LABELS[size]} under R209.93; penalty ranges use its column."
                                     if size else "not enough to tell small from large; both penalty columns show."),
          "success")
    return redirect(url_for("settings.index") + "#employer-size-heading")

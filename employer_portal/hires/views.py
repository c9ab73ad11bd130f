"""Pages of blueprint `hires`: list, the draft form with its findings, detail with the audit trail, route finder.

Thin views: the service does the work, `forms` maps dotted input names to the payload,
tenancy scopes every read. Viewers see everything read-only (403 on any change).
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from employer_portal.auth.roles import editor_required
from employer_portal.compliance import find_routes
from employer_portal.extensions import db
from employer_portal.hires import bulk_import, forms, listing, page_summary, service
from employer_portal.models import Hire
from employer_portal.models.hire import HIRE_STATUSES, STATUS_TRANSITIONS
from employer_portal.tenancy import current_employer_id, get_scoped_or_404, scoped

bp = Blueprint("hires", __name__, url_prefix="/hires")
PER_PAGE = 20



def _actor():
    return current_user._get_current_object()


def _form_context(values: dict, **extra):
    # The economic-region options and the number of rows depend on what the form shows.
    return {"sections": forms.SECTIONS, "fields": forms.form_fields(values), "programs": forms.PROGRAMS,
            "program_labels": forms.PROGRAM_LABELS, "program_blocks": forms.PROGRAM_BLOCKS,
            "row_groups": forms.ROW_GROUPS, "row_counts": forms.row_counts(values), "values": values,
            "today": dt.date.today().isoformat(), **extra}


def _int_arg(name: str, default: int) -> int:
    try:
        return max(int(request.args.get(name, default)), 1)
    except ValueError:
        return default


@bp.get("/")
@login_required
def index():
    """The hires list: search, filters, sort and pages from the URL (listing.ListQuery); CSV of the same rows."""
    query = listing.ListQuery.from_args(request.args)
    stmt = listing.select_rows(current_employer_id(), query, dt.date.today())
    export = request.args.get("export")
    if export in ("csv", "excel"):
        rows = listing.export_rows(db.session.execute(stmt).all(), forms.PROGRAM_LABELS)
        body = listing.csv_text(rows, excel=export == "excel")
        name = f"hires-{dt.date.today().isoformat()}{'-excel' if export == 'excel' else ''}.csv"
        return Response(body.encode("utf-8"), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    total = db.session.scalar(listing.count_of(stmt))
    pages = max((total + query.per_page - 1) // query.per_page, 1)
    if query.page > pages:
        query = dataclasses.replace(query, page=pages)
    rows = db.session.execute(stmt.limit(query.per_page).offset((query.page - 1) * query.per_page)).all()
    return render_template("hires/index.html", rows=rows, total=total, pages=pages, query=query,
                           statuses=HIRE_STATUSES, programs=forms.PROGRAMS, program_labels=forms.PROGRAM_LABELS,
                           sort_labels=listing.SORT_LABELS, per_page_choices=listing.PER_PAGE_CHOICES,
                           check_label=listing.check_label, today=dt.date.today())


@bp.route("/new", methods=["GET", "POST"])
@editor_required
def new():
    if request.method == "GET":
        return render_template("hires/form.html", hire=None, errors={}, general_errors=[], report=None,
                               **_form_context(forms.values_from_payload({"program": request.args.get("program", "")})))
    values = forms.values_from_form(request.form)
    try:
        hire = service.create_draft(current_user.employer_id, forms.payload_from_form(request.form), _actor())
    except service.InvalidHire as exc:
        db.session.rollback()
        errors, general = forms.field_errors(exc.errors)
        return render_template("hires/form.html", hire=None, errors=errors, general_errors=general,
                               report=None, **_form_context(values)), 422
    db.session.commit()
    flash("Draft saved. Its findings are beside the form.", "success")
    return redirect(url_for("hires.edit", hire_id=hire.id))


@bp.route("/<int:hire_id>/edit", methods=["GET", "POST"])
@login_required
def edit(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    if not current_user.can_edit:
        abort(403)
    if hire.status != "draft":
        flash(f"This hire is {hire.status}: only drafts can be edited.", "info")
        return redirect(url_for("hires.detail", hire_id=hire.id))
    if request.method == "GET":
        return render_template("hires/form.html", hire=hire, errors={}, general_errors=[], report=hire.report,
                               **_form_context(forms.values_from_payload(service.full_payload(hire))))
    values = forms.values_from_form(request.form)
    try:
        # "Save mine anyway" on a refused stale save sends the version it was refused against.
        service.check_version(hire, request.form.get("overwrite_version") or request.form.get("version"))
        service.replace_draft(hire, forms.payload_from_form(request.form), _actor())
    except service.StaleHire as exc:
        db.session.rollback()
        return render_template("hires/form.html", hire=hire, errors={}, general_errors=[], report=hire.report,
                               stale=exc, form_version=exc.expected, **_form_context(values)), 409
    except service.HireError as exc:
        db.session.rollback()
        errors, general = forms.field_errors(getattr(exc, "errors", {}))
        if not errors and not general:
            general = [str(exc)]
        return render_template("hires/form.html", hire=hire, errors=errors, general_errors=general,
                               report=hire.report, **_form_context(values)), 422
    db.session.commit()
    flash("Draft saved.", "success")
    return redirect(url_for("hires.edit", hire_id=hire.id))


@bp.get("/<int:hire_id>")
@login_required
def detail(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    payload = service.full_payload(hire)
    report = hire.frozen_report or hire.report
    return render_template(
        "hires/detail.html", hire=hire, payload=payload, values=forms.values_from_payload(payload),
        report=report, trail=service.audit_trail(hire),
        verdict=page_summary.verdict(report), next_deadline=page_summary.next_deadline(hire.employer_id, hire.id),
        page_sections=page_summary.SECTIONS, flashes_in_sections=True,
        next_statuses=STATUS_TRANSITIONS.get(hire.status, ()) if hire.status != "draft" else (),
        program_labels=forms.PROGRAM_LABELS, sections=forms.SECTIONS, fields=forms.FIELDS,
        row_groups=forms.ROW_GROUPS,
        today=dt.date.today().isoformat(),
    )


# Actions that lose work or cannot be undone ask first, without JavaScript: the hire page links to a
# GET page saying what will happen, whose button makes the POST (issue 10: no one-click loss).
CONFIRMATIONS = {
    "submit": ("Submit this hire?", "Submitting freezes the report with the rules and data versions used; "
               "the draft can no longer be edited.", "Yes, submit", "btn--primary"),
    "delete": ("Delete this draft?", "The draft and its documents are removed; this cannot be undone. "
               "The audit trail keeps a record that it existed.", "Yes, delete the draft", "btn--danger"),
    "refused": ("Record that the application was refused?", "A refused hire cannot move to another status.",
                "Yes, mark refused", "btn--danger"),
    "withdrawn": ("Record that the application was withdrawn?", "A withdrawn hire cannot move to another status.",
                  "Yes, mark withdrawn", "btn--danger"),
}


def _confirm_page(hire: Hire, confirmation: tuple, action_url: str, fields: dict):
    title, what, button, style = confirmation
    subject = ", ".join(p for p in (hire.worker_name or "Unnamed worker", hire.job_title) if p)
    return render_template("confirm.html", title=title, subject=subject, what=what, button=button, style=style,
                           action_url=action_url, fields=fields, back_url=url_for("hires.detail", hire_id=hire.id))


@bp.get("/<int:hire_id>/submit")
@editor_required
def confirm_submit(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    return _confirm_page(hire, CONFIRMATIONS["submit"], url_for("hires.submit", hire_id=hire.id), {})


@bp.get("/<int:hire_id>/delete")
@editor_required
def confirm_delete(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    return _confirm_page(hire, CONFIRMATIONS["delete"], url_for("hires.delete", hire_id=hire.id), {})


@bp.get("/<int:hire_id>/status")
@editor_required
def confirm_status(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    status = request.args.get("status", "")
    if status not in CONFIRMATIONS:
        return redirect(url_for("hires.detail", hire_id=hire.id))
    return _confirm_page(hire, CONFIRMATIONS[status], url_for("hires.change_status", hire_id=hire.id),
                         {"status": status})


@bp.post("/<int:hire_id>/submit")
@editor_required
def submit(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    try:
        service.submit(hire, _actor())
    except service.Conflict as exc:
        db.session.rollback()
        flash(f"Not submitted: {exc}.", "error")
        return redirect(url_for("hires.detail", hire_id=hire.id))
    db.session.commit()
    flash("Submitted. The report is frozen with the rules and data versions used.", "success")
    return redirect(url_for("hires.detail", hire_id=hire.id))


@bp.post("/<int:hire_id>/status")
@editor_required
def change_status(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    approved_on = None
    if request.form.get("approved_on"):
        try:
            approved_on = dt.date.fromisoformat(request.form["approved_on"])
        except ValueError:
            flash("The approval date must be a date such as 2027-05-01.", "error")
            return redirect(url_for("hires.detail", hire_id=hire.id))
    try:
        service.change_status(hire, request.form.get("status", ""), _actor(), on=approved_on)
    except service.HireError as exc:
        db.session.rollback()
        reasons = [m for messages in getattr(exc, "errors", {}).values() for m in messages]
        flash(f"Status not changed: {' '.join(reasons) if reasons else exc}.", "error")
        return redirect(url_for("hires.detail", hire_id=hire.id))
    db.session.commit()
    flash(f"Status is now {hire.status}.", "success")
    return redirect(url_for("hires.detail", hire_id=hire.id))


@bp.post("/<int:hire_id>/approved-on")
@login_required
def correct_approved_on(hire_id):
    """An admin corrects a recorded approval date (audited in the hire's trail)."""
    hire = get_scoped_or_404(Hire, hire_id)  # another employer's hire is 404 for everyone, as on every page
    if not current_user.is_admin:
        abort(403)
    try:
        on = dt.date.fromisoformat((request.form.get("approved_on") or "").strip())
        service.correct_approval_date(hire, on, _actor())
    except ValueError:
        flash("Approval date not corrected: enter a date such as 2026-11-16 (year-month-day).", "error")
        return redirect(url_for("hires.detail", hire_id=hire.id))
    except service.HireError as exc:
        db.session.rollback()
        reasons = [m for messages in getattr(exc, "errors", {}).values() for m in messages]
        flash(f"Approval date not corrected: {' '.join(reasons) if reasons else exc}.", "error")
        return redirect(url_for("hires.detail", hire_id=hire.id))
    db.session.commit()
    flash(f"Approval date corrected to {hire.approved_on.isoformat()}; the change is in the audit trail.", "success")
    return redirect(url_for("hires.detail", hire_id=hire.id))


@bp.post("/<int:hire_id>/delete")
@editor_required
def delete(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    try:
        service.delete_draft(hire, _actor())
    except service.Conflict as exc:
        db.session.rollback()
        flash(f"Not deleted: {exc}.", "error")
        return redirect(url_for("hires.detail", hire_id=hire.id))
    db.session.commit()
    flash("Draft deleted.", "success")
    return redirect(url_for("hires.index"))


@bp.route("/route-finder", methods=["GET", "POST"])
@login_required
def route_finder():
    """The four routes side by side for the same person and job; stores nothing. Never asks for passport or birth date."""
    values, errors, general, routes = forms.values_from_payload({}), {}, [], None
    if request.method == "POST":
        values = _without_secrets(forms.values_from_form(request.form))
        try:
            payload = service.validate_payload(_route_finder_payload(request.form))
        except service.InvalidHire as exc:
            errors, general = forms.field_errors(exc.errors)
        else:
            routes = [r.to_dict() for r in find_routes(payload, service.reference_data())]
    status = 422 if errors or general else 200
    return render_template("hires/route_finder.html", errors=errors, general_errors=general, routes=routes,
                           draft_values=_draft_values(values) if routes else [],
                           **_form_context(values, sections=_route_finder_sections())), status


@bp.post("/route-finder/draft")
@editor_required
def draft_from_route():
    """'Start a draft with this route': a draft of the chosen route with everything the route finder was given."""
    program = request.form.get("program", "")
    if program not in forms.PROGRAMS:
        abort(400)
    data = dict(_route_finder_payload(request.form), program=program)
    try:
        hire = service.create_draft(current_user.employer_id, data, _actor())
    except service.InvalidHire as exc:
        db.session.rollback()
        errors, general = forms.field_errors(exc.errors)
        values = _without_secrets(forms.values_from_form(request.form))
        return render_template("hires/route_finder.html", errors=errors, general_errors=general, routes=None,
                               draft_values=[], **_form_context(values, sections=_route_finder_sections())), 422
    db.session.commit()
    flash(f"Draft started for {forms.PROGRAM_LABELS[program]} with what the route finder was given. "
          "Add the passport number and date of birth here when you have them.", "success")
    return redirect(url_for("hires.edit", hire_id=hire.id))


def _route_finder_payload(form) -> dict:
    # The route finder never takes the passport number or birth date, even if a client posts them.
    data = forms.payload_from_form(form, with_program=False)
    worker = data.get("worker") or {}
    for name in service.SECRET_FIELDS:
        worker.pop(name, None)
    if "worker" in data and not worker:
        data.pop("worker")
    return data


def _without_secrets(values: dict) -> dict:
    return {k: ("" if k in service.SECRET_PATHS else v) for k, v in values.items()}


def _route_finder_sections() -> dict:
    return {section: [f for f in fields if f[0] not in service.SECRET_PATHS]
            for section, fields in forms.SECTIONS.items()}


def _draft_values(values: dict) -> list[tuple[str, str]]:
    """(name, value) of every filled input, carried as hidden fields to "Start a draft with this route"."""
    return [(name, value) for name, value in values.items()
            if value and name != "program" and name not in service.SECRET_PATHS]


# --- bulk import of drafts (issue 10 item 5) -------------------------------------------------------

@bp.get("/import")
@editor_required
def import_upload():
    """Upload a CSV of drafts; the next page previews every row with its errors."""
    return render_template("hires/import.html", error=None, columns=bulk_import.COLUMNS,
                           max_rows=bulk_import.MAX_ROWS)


@bp.post("/import")
@editor_required
def import_preview():
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise bulk_import.ImportFileError("Choose a CSV file to import.")
        text = bulk_import.decode(upload.stream.read(bulk_import.MAX_BYTES + 1))
        preview = bulk_import.preview(text)
    except bulk_import.ImportFileError as exc:
        return render_template("hires/import.html", error=str(exc), columns=bulk_import.COLUMNS,
                               max_rows=bulk_import.MAX_ROWS), 422
    return render_template("hires/import_preview.html", preview=preview, error=None)


@bp.post("/import/confirm")
@editor_required
def import_confirm():
    """Import the valid rows in one transaction; rows with errors only when HR ticked "skip them"."""
    text = request.form.get("csv", "")
    try:
        preview = bulk_import.preview(text)
    except bulk_import.ImportFileError as exc:
        return render_template("hires/import.html", error=str(exc), columns=bulk_import.COLUMNS,
                               max_rows=bulk_import.MAX_ROWS), 422
    if request.form.get("digest") != preview.digest:
        abort(400)
    if preview.invalid_rows and not request.form.get("skip_invalid"):
        return render_template("hires/import_preview.html", preview=preview,
                               error="Some rows have errors: fix the file and upload it again, or tick "
                                     "\"Import the other rows and skip these\"."), 422
    if not preview.valid_rows:
        return render_template("hires/import_preview.html", preview=preview, error="No row can be imported."), 422
    if bulk_import.already_imported(current_user.employer_id, preview.digest):
        flash("This file was already imported; nothing was imported again.", "info")
        return redirect(url_for("hires.index", status="draft"))
    try:
        hires = bulk_import.import_rows(current_user.employer_id, preview, _actor())
        db.session.commit()
    except service.HireError as exc:
        db.session.rollback()
        return render_template("hires/import_preview.html", preview=preview, error=f"Not imported: {exc}."), 422
    skipped = len(preview.invalid_rows)
    flash(f"{len(hires)} draft(s) imported" + (f"; {skipped} row(s) with errors skipped." if skipped else "."),
          "success")
    return redirect(url_for("hires.index", status="draft"))

"""/api/v1/hires/{id}/checklist: the items, their statuses, the PDF build and its download."""
from __future__ import annotations

from flask import Response, current_app, g, jsonify, url_for

from employer_portal.api.blueprint import bp, json_body, require_editor
from employer_portal.checklists import builds, items
from employer_portal.checklists.representation import pdf_state
from employer_portal.checklists.storage import storage_from_config
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.problems import Problem
from employer_portal.tenancy import get_scoped_or_404
from employer_portal.timestamps import utc_iso


def item_json(row) -> dict:
    return {
        "key": row.key, "title": row.title, "section": row.section, "provider": row.provider,
        "why": row.why, "rule": row.rule, "source": row.source, "due": row.due,
        "status": row.status, "waiver_reason": row.waiver_reason,
        "updated_at": utc_iso(row.updated_at),
        "updated_by": row.updated_by_id,
    }


def checklist_json(hire: Hire) -> dict:
    state = pdf_state(hire)
    return {
        "hire_id": hire.id,
        "items": [item_json(row) for row in items.current_items(hire)],
        "pdf": {**state, "url": url_for("api.checklist_pdf", hire_id=hire.id) if state["downloadable"] else None},
    }


@bp.get("/hires/<hire_id>/checklist")
def checklist(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    return jsonify(checklist_json(hire))  # items are stored on the write path (hire_saved), never on a GET


@bp.post("/hires/<hire_id>/checklist")
def request_checklist_build(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    storage = storage_from_config(current_app.config)
    decision = builds.request_build(hire, actor=g.api_user, storage=storage)  # ChecklistError: api.domain_errors
    build_id = decision.build.id
    body = {"job": {"id": build_id, "status": decision.build.status}}
    db.session.commit()
    if decision.enqueue:
        from tasks.checklists import enqueue_build

        enqueue_build(build_id)
    response = jsonify(body)
    # A ready PDF with the same inputs is answered at once; anything else is accepted work.
    response.status_code = 200 if decision.reused else 202
    response.headers["Location"] = url_for("api.checklist", hire_id=hire.id)
    return response


@bp.patch("/hires/<hire_id>/checklist/items/<key>")
def update_checklist_item(hire_id, key):
    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    data = json_body()
    status, reason = data.get("status"), data.get("reason")
    errors = {}
    if not isinstance(status, str):
        errors["status"] = ["required: missing, received, waived or not_applicable"]
    if reason is not None and not isinstance(reason, str):
        errors["reason"] = ["must be text"]
    if errors:
        raise Problem(422, "Unprocessable Content", "The item change is not valid.", errors=errors)
    row = items.set_item_status(hire, key, status, reason=reason, actor=g.api_user)
    body = item_json(row)
    db.session.commit()
    return jsonify(body)


@bp.get("/hires/<hire_id>/checklist.pdf")
def checklist_pdf(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    return pdf_response(hire)


def pdf_response(hire: Hire) -> Response:
    """The hire's current checklist PDF as an attachment; ChecklistError(409) when there is none (the API
    answers it as a problem, the page as a message)."""
    hire_id = hire.id
    _build, data = builds.current_pdf(hire, storage_from_config(current_app.config))
    response = Response(data, mimetype="application/pdf")
    # The name is ours (RFC 6266, ASCII only): nothing the user typed goes into the header.
    response.headers["Content-Disposition"] = f'attachment; filename="checklist-{hire_id}.pdf"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response

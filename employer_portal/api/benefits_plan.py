"""A GTS hire's Labour Market Benefits Plan over the API (issue 14, item 3).

`GET /hires/{id}/benefits-plan`: commitments with activities and status (met, on_track, at_risk, missed),
the progress reviews (deadlines `lmbp_review:N`) with their reminders, and what the plan lacks.
`POST /hires/{id}/benefits-plan`: `{"signed_on"?, "commitments": [...]}` records the signing date and adds
commitments; `POST /hires/{id}/benefits-plan/activities` records an activity; `GET …/report.pdf` the one-page
progress report. Another employer's hire is 404, a viewer's write 403, a hire outside GTS 409.
"""
from __future__ import annotations

from flask import Response, g, jsonify

from employer_portal.api.blueprint import bp, json_body, require_editor
from employer_portal.benefits_plan import service
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.tenancy import get_scoped_or_404


def _write(hire_id, change):
    require_editor()
    hire = get_scoped_or_404(Hire, hire_id)
    data = json_body()
    change(hire, data, g.api_user)
    db.session.commit()
    return jsonify(service.plan_view(hire)), 201


@bp.get("/hires/<hire_id>/benefits-plan")
def benefits_plan_get(hire_id):
    """The plan: commitments with status and activities, progress reviews with reminders, plan findings."""
    hire = get_scoped_or_404(Hire, hire_id)
    service.require_gts(hire)
    return jsonify(service.plan_view(hire))


@bp.post("/hires/<hire_id>/benefits-plan")
def benefits_plan_post(hire_id):
    """Record the date the plan was signed (its reviews follow) and add commitments."""
    return _write(hire_id, service.save_plan)


@bp.post("/hires/<hire_id>/benefits-plan/activities")
def benefits_plan_activity_post(hire_id):
    """Record an activity against a commitment, with an accepted document of the hire as evidence."""
    return _write(hire_id, service.add_activity)


@bp.get("/hires/<hire_id>/benefits-plan/report.pdf")
def benefits_plan_report(hire_id):
    """The one-page progress report for ESDC's review (PDF)."""
    hire = get_scoped_or_404(Hire, hire_id)
    service.require_gts(hire)
    response = Response(service.report_pdf(hire), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="lmbp-progress-hire-{hire.id}.pdf"'
    return response

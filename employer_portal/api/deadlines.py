"""Deadlines, their reminders and a hire's recorded dates over the API (API.md "Hires and their work").

Each deadline keeps the fields of `deadline_json` and adds `violation`: the IRPR
Schedule 2 type and penalty range of the duty (null where missing it is not an AMP
violation). The same words are a template global for the hire page's panel.
An editor marks a deadline done (`POST /deadlines/{id}/done`, optional note) or reopens it;
a viewer gets 403, another employer's deadline 404.
"""
from __future__ import annotations

import datetime as dt

from flask import g, jsonify, request

from employer_portal.api.blueprint import bp, json_body, require_editor
from employer_portal.deadlines.completion import mark_done, reopen
from employer_portal.deadlines.service import record_dates
from employer_portal.deadlines.status import DEADLINE_STATUSES, deadline_status
from employer_portal.deadlines.violations import violation_for_rule
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.problems import Problem
from employer_portal.reminders.views_data import deadline_json, deadlines_query, hire_deadlines, open_deadline
from employer_portal.tenancy import get_scoped_or_404


def _deadline_json(d) -> dict:
    violation = violation_for_rule(d.rule_id)
    return {**deadline_json(d), "violation": violation.as_json() if violation else None}


@bp.app_template_global("deadline_violation")
def deadline_violation(rule_id: str | None):
    """The Schedule 2 violation of a deadline's rule, for the hire page (None when there is none)."""
    return violation_for_rule(rule_id)


@bp.app_template_global("deadline_status_of")
def deadline_status_of(deadline) -> str:
    """upcoming, due, overdue or done as of today, for the hire page."""
    return deadline_status(deadline.due_date, deadline.done_at, dt.date.today())


@bp.get("/hires/<hire_id>/deadlines")
def hire_deadlines_list(hire_id):
    """The hire's active deadlines with their reminders (sent, failed with the server's reason, pending)."""
    hire = get_scoped_or_404(Hire, hire_id)
    return jsonify({"hire_id": hire.id, "deadlines": [_deadline_json(d) for d in hire_deadlines(hire.employer_id, hire.id)]})


@bp.get("/deadlines")
def deadlines_list():
    """Every active deadline of the employer; `?before=DATE` for those due before that date, `?status=overdue`
    (or upcoming, due, done) for those in that state today."""
    query = deadlines_query(g.api_user.employer_id)
    status = request.args.get("status")
    if status is not None and status not in DEADLINE_STATUSES:
        raise Problem(422, "Unprocessable Content", "status must be one of " + ", ".join(DEADLINE_STATUSES) + ".",
                      errors={"status": [f"expected one of {', '.join(DEADLINE_STATUSES)}"]})
    before = request.args.get("before")
    if before is not None:
        try:
            day = dt.date.fromisoformat(before)
        except ValueError:
            raise Problem(422, "Unprocessable Content", "before must be an ISO date.",
                          errors={"before": ["expected a date such as 2027-03-01"]}) from None
        from employer_portal.models.deadline import Deadline

        query = query.where(Deadline.due_date < day)
    found = [_deadline_json(d) for d in db.session.scalars(query)]
    if status is not None:
        found = [d for d in found if d["status"] == status]
    return jsonify({"deadlines": found})


def _own_deadline_or_404(deadline_id):
    deadline = open_deadline(g.api_user.employer_id, deadline_id)
    if deadline is None:
        raise Problem(404, "Not Found", "No such deadline.")
    return deadline


@bp.post("/deadlines/<deadline_id>/done")
def deadline_done(deadline_id):
    """Mark a deadline done (body `{"note": "…"}` optional); its pending reminders are cancelled."""
    require_editor()
    deadline = _own_deadline_or_404(deadline_id)
    data = request.get_json(silent=True) if request.content_length else {}
    if data is None or not isinstance(data, dict):
        data = json_body()
    note = data.get("note")
    if note is not None and not isinstance(note, str):
        raise Problem(422, "Unprocessable Content", "note must be text.", errors={"note": ["expected a string"]})
    mark_done(deadline, g.api_user, note)
    db.session.commit()
    return jsonify(_deadline_json(deadline))


@bp.post("/deadlines/<deadline_id>/reopen")
def deadline_reopen(deadline_id):
    """Open a done deadline again; its reminders still ahead are planned again."""
    require_editor()
    deadline = _own_deadline_or_404(deadline_id)
    reopen(deadline, g.api_user)
    db.session.commit()
    return jsonify(_deadline_json(deadline))


@bp.put("/hires/<hire_id>/dates")
def hire_dates_put(hire_id):
    """Record the hire's dates after submission (replaces them); 422 names every bad field, 409 for a draft."""
    require_editor()
    hire = get_scoped_or_404(Hire, hire_id)
    data = json_body()
    record_dates(hire, data, g.api_user)
    db.session.commit()
    return jsonify({"hire_id": hire.id, "dates": hire.dates,
                    "deadlines": [_deadline_json(d) for d in hire_deadlines(hire.employer_id, hire.id)]})

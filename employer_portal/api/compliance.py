"""The employer-wide compliance summary and the yearly self-audit over the API (issue 14, items 4 and 5).

`GET /employer/compliance`: what is at risk (missed or at-risk LMBP commitments, overdue deadlines, changes
to the terms, self-audit items unanswered or answered no), each with `href` (page) and `api_href`.
`GET /employer/self-audit?year=`: the checklist with answers and the cost of a violation for the employer's
size; `POST /employer/self-audit` `{year, answers: [{item, answer, note?, document_id?}]}` (editors).
"""
from __future__ import annotations

from flask import g, jsonify, request

from employer_portal.api.blueprint import bp, json_body, require_editor
from employer_portal.extensions import db
from employer_portal.models import Employer
from employer_portal.problems import Problem
from employer_portal.self_audit import service


def _employer() -> Employer:
    return db.session.get(Employer, g.api_user.employer_id)


@bp.get("/employer/compliance")
def employer_compliance():
    """What is at risk for the employer today, each with a link."""
    return jsonify(service.compliance_summary(_employer()))


@bp.get("/employer/self-audit")
def self_audit_get():
    """The self-audit of `?year=` (this year by default)."""
    raw = request.args.get("year")
    try:
        year = int(raw) if raw is not None else service.today().year
    except ValueError:
        year = -1
    if not service.FIRST_YEAR <= year <= 2100:
        raise Problem(422, "Unprocessable Content", "year must be a year such as 2027.",
                      errors={"year": ["expected a year from 2000 to 2100"]})
    return jsonify(service.audit_view(_employer(), year))


@bp.post("/employer/self-audit")
def self_audit_post():
    """Record answers for a year (each yes, no or na, with a note or an accepted document)."""
    require_editor()
    data = json_body()
    view = service.save_answers(_employer(), data, g.api_user)
    db.session.commit()
    return jsonify(view)

"""/api/v1/hires/{id}/conditions, terms-changes and filing-records (issue 14; project-designed).

- `GET /hires/{id}/conditions`: the offer's baseline, the current terms, each change of terms with its
  decision, the offer / LMIA / permit application as recorded with their consistency findings, and the
  IRPR Schedule 2 conditions of the hire with this employer's penalty range.
- `POST /hires/{id}/terms-changes` with the changed terms fields (and optional `note`, `effective_on`):
  201 with the classified entry; only an allowed change becomes the current terms. 409 unless the hire is
  submitted, filed, approved or active.
- `PUT /hires/{id}/filing-records` with `offer`, `lmia` and/or `permit_application` objects (`number` and
  the compared fields): each given record is replaced (`{}` or null clears it).
"""
from __future__ import annotations

from flask import g, jsonify, url_for

from employer_portal.api.blueprint import bp, json_body, require_editor
from employer_portal.conditions import service
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.tenancy import get_scoped_or_404


@bp.get("/hires/<hire_id>/conditions")
def hire_conditions(hire_id):
    return jsonify(service.conditions_of(get_scoped_or_404(Hire, hire_id)))


@bp.post("/hires/<hire_id>/terms-changes")
def hire_terms_change(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    entry = service.record_terms_change(hire, json_body(), g.api_user)
    db.session.commit()
    response = jsonify({"terms_change": entry, "conditions": service.conditions_of(hire)})
    response.status_code = 201
    response.headers["Location"] = url_for("api.hire_conditions", hire_id=hire.id)
    return response


@bp.put("/hires/<hire_id>/filing-records")
def hire_filing_records(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    service.record_filing(hire, json_body(), g.api_user)
    db.session.commit()
    return jsonify(service.conditions_of(hire))

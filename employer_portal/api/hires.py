"""/api/v1/hires: drafts, their reports, submission and later statuses (API.md "Hires and their work").

Project-designed: `POST /hires/{id}/status` with `{"status": "filed"}` (and, for
`approved`, an optional `"approved_on": "2027-05-01"`) moves a submitted hire along
draft → submitted → filed → approved | refused | withdrawn; approved → active → ended.
A move that the current status does not allow is `409`.
"""
from __future__ import annotations

import datetime as dt

from flask import g, jsonify, request, url_for
from sqlalchemy import func, select

from employer_portal.api.blueprint import bp, json_body, require_editor
from employer_portal.extensions import db
from employer_portal.hires import service
from employer_portal.models import Hire
from employer_portal.models.hire import HIRE_STATUSES
from employer_portal.problems import Problem
from employer_portal.schemas.hire import PROGRAMS
from employer_portal.tenancy import get_scoped_or_404, scoped
from employer_portal.timestamps import utc_iso

MAX_PER_PAGE = 100


def _iso(value):
    return utc_iso(value)


def hire_json(hire: Hire, *, masked: bool = False) -> dict:
    """The hire resource: status, owner, timestamps, the payload and its reports.

    The payload includes the worker's passport number and date of birth (the employer's
    own data, shown to its users); lists mask the passport number to its last 3 characters.
    """
    payload = service.full_payload(hire)
    if masked and payload.get("worker", {}).get("passport_number"):
        payload["worker"]["passport_number"] = service.mask_passport(payload["worker"]["passport_number"])
    owner = hire.hr_owner
    return {
        "id": hire.id,
        "status": hire.status,
        "program": hire.program,
        "hr_owner": {"id": owner.id, "email": owner.email, "name": owner.full_name} if owner else None,
        "created_at": _iso(hire.created_at),
        "updated_at": _iso(hire.updated_at),
        "submitted_at": _iso(hire.submitted_at),
        "approved_on": _iso(hire.approved_on),
        "version": hire.version or 0,
        "hire": payload,
        "report": hire.report,
        "frozen_report": hire.frozen_report,
    }


def etag_of(hire: Hire) -> str:
    """The hire's entity tag: its id and version (moves on with every saved change)."""
    return f'"hire-{hire.id}-v{hire.version or 0}"'


def _with_etag(response, hire: Hire):
    response.headers["ETag"] = etag_of(hire)
    return response


def require_current(hire: Hire) -> None:
    """A write with `If-Match` must name the hire's current ETag (or `*`): else 412 with what changed.

    No `If-Match`: allowed, as before (API.md); clients that send it get no silent overwrite.
    """
    header = request.headers.get("If-Match")
    if not header:
        return
    tags = [t.strip() for t in header.split(",")]
    # A weak tag (W/"…") names the same version here: the tag has no byte-level meaning.
    if "*" in tags or etag_of(hire) in [t.removeprefix("W/") for t in tags]:
        return
    match = next((t for t in tags if t.removeprefix("W/").startswith(f'"hire-{hire.id}-v')), None)
    changed: list[str] = []
    if match is not None:
        try:
            changed = service.changed_since(hire, int(match.removeprefix("W/").strip('"').rsplit("-v", 1)[1]))
        except ValueError:
            changed = []
    raise Problem(412, "Precondition Failed",
                  "The hire changed since you read it: GET it again, then repeat the change on the new version.",
                  current_etag=etag_of(hire), changed=changed)


def _positive_int(name: str, default: int, maximum: int | None, errors: dict) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        errors[name] = ["must be a whole number"]
        return default
    if value < 1 or (maximum is not None and value > maximum):
        errors[name] = [f"must be between 1 and {maximum}" if maximum else "must be 1 or more"]
    return value


@bp.post("/hires")
def create_hire():
    require_editor()
    hire = service.create_draft(g.api_user.employer_id, json_body(), g.api_user)
    db.session.commit()
    response = _with_etag(jsonify(hire_json(hire)), hire)
    response.status_code = 201
    response.headers["Location"] = url_for("api.get_hire", hire_id=hire.id)
    return response


@bp.get("/hires")
def list_hires():
    errors: dict[str, list[str]] = {}
    status = request.args.get("status") or None
    program = request.args.get("program") or None
    if status is not None and status not in HIRE_STATUSES:
        errors["status"] = [f"unknown status; use one of {', '.join(HIRE_STATUSES)}"]
    if program is not None and program not in PROGRAMS:
        errors["program"] = [f"unknown program; use one of {', '.join(PROGRAMS)}"]
    page = _positive_int("page", 1, 1_000_000, errors)
    per_page = _positive_int("per_page", 20, MAX_PER_PAGE, errors)
    if errors:
        raise Problem(422, "Unprocessable Content", "Some query parameters are not valid.", errors=errors)
    query = scoped(Hire)
    if status:
        query = query.where(Hire.status == status)
    if program:
        query = query.where(Hire.program == program)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    hires = db.session.scalars(
        query.order_by(Hire.created_at.desc(), Hire.id.desc()).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return jsonify({"items": [hire_json(h, masked=True) for h in hires], "page": page, "per_page": per_page,
                    "total": total})


@bp.get("/hires/<hire_id>")
def get_hire(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    return _with_etag(jsonify(hire_json(hire)), hire)


@bp.patch("/hires/<hire_id>")
def update_hire(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    require_current(hire)
    service.update_draft(hire, json_body(), g.api_user)
    db.session.commit()
    return _with_etag(jsonify(hire_json(hire)), hire)


@bp.delete("/hires/<hire_id>")
def delete_hire(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    require_current(hire)
    service.delete_draft(hire, g.api_user)
    db.session.commit()
    return "", 204


@bp.get("/hires/<hire_id>/report")
def hire_report(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    # A row stored without its report is answered with one computed now; a GET writes nothing.
    return jsonify(hire.report if hire.report is not None else service.compute_report(hire))


@bp.post("/hires/<hire_id>/submit")
def submit_hire(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    require_current(hire)
    service.submit(hire, g.api_user)
    db.session.commit()
    return _with_etag(jsonify(hire_json(hire)), hire)


@bp.post("/hires/<hire_id>/status")
def change_hire_status(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    require_current(hire)
    body = json_body()
    errors: dict[str, list[str]] = {}
    status = body.get("status")
    if not isinstance(status, str) or status not in HIRE_STATUSES:
        errors["status"] = [f"required; one of {', '.join(HIRE_STATUSES)}"]
    approved_on = body.get("approved_on")
    if approved_on is not None:
        try:
            approved_on = dt.date.fromisoformat(approved_on) if isinstance(approved_on, str) else None
            if approved_on is None:
                raise ValueError
        except ValueError:
            errors["approved_on"] = ["an ISO 8601 date, e.g. 2027-05-01"]
    if errors:
        raise Problem(422, "Unprocessable Content", "Some fields are not valid.", errors=errors)
    service.change_status(hire, status, g.api_user, on=approved_on)
    db.session.commit()
    return _with_etag(jsonify(hire_json(hire)), hire)


# --- work-permit periods (the first permit is the hire's dates; renewals are recorded here) -----

def _permit_json(period: dict) -> dict:
    return {name: _iso(value) if hasattr(value, "isoformat") else value for name, value in period.items()}


@bp.get("/hires/<hire_id>/permits")
def hire_permits_list(hire_id):
    """The hire's permit periods, first to latest (the first from its dates, then each renewal)."""
    from employer_portal.deadlines.permits import permit_periods

    hire = get_scoped_or_404(Hire, hire_id)
    return jsonify({"hire_id": hire.id, "permits": [_permit_json(p) for p in permit_periods(hire)]})


@bp.post("/hires/<hire_id>/permits")
def hire_permits_create(hire_id):
    """Record a renewal or extension: 201 with the new period; 422 names each bad field; 409 for a draft."""
    from employer_portal.deadlines.permits import permit_periods, record_renewal

    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    data = json_body()
    row = record_renewal(hire, data, g.api_user)
    db.session.commit()
    periods = [_permit_json(p) for p in permit_periods(hire)]
    response = jsonify({"hire_id": hire.id, "permit": next(p for p in periods if p["id"] == row.id),
                        "permits": periods})
    response.status_code = 201
    response.headers["Location"] = url_for("api.hire_permits_list", hire_id=hire.id)
    return response


@bp.app_template_global("permit_periods_of")
def permit_periods_of(hire: Hire) -> list[dict]:
    """The hire's permit periods for the hire page (first from its dates, then each renewal)."""
    from employer_portal.deadlines.permits import permit_periods

    return permit_periods(hire)

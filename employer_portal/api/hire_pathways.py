"""A stored hire's permanent-residence outlook and its candidate profile (issue 11 item 5).

`GET /hires/{id}/pathways` gives the outlook of the stored hire (its profile, its job, its permit
expiry from the recorded dates; `?as_of=YYYY-MM-DD` to see it on another day). `PUT
/hires/{id}/pathways/profile` replaces the profile (the `Candidate` fields of `POST /pathways`;
editors only, audited without values). `GET`/`PUT /settings/pathways` says whether checklist PDFs
carry the Pathways section (admins change it).
"""
from __future__ import annotations

import datetime as dt

from flask import g, jsonify, request

from employer_portal.api.blueprint import bp, json_body, require_editor
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.pathways_hire import service
from employer_portal.problems import Problem
from employer_portal.tenancy import get_scoped_or_404


def _as_of() -> dt.date | None:
    raw = request.args.get("as_of")
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise Problem(422, "Unprocessable Content", "as_of must be a date such as 2027-05-01.",
                      errors={"as_of": ["expected a date YYYY-MM-DD"]}) from None


@bp.get("/hires/<hire_id>/pathways")
def hire_pathways(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    return jsonify(service.hire_outlook(hire, as_of=_as_of()))


@bp.put("/hires/<hire_id>/pathways/profile")
def hire_pathways_profile(hire_id):
    hire = get_scoped_or_404(Hire, hire_id)
    require_editor()
    data = json_body()
    profile = service.save_profile(hire, data, g.api_user)
    body = {"hire_id": hire.id, "profile": profile.candidate, "outlook": service.hire_outlook(hire)}
    db.session.commit()
    return jsonify(body)


@bp.get("/settings/pathways")
def pathways_settings():
    return jsonify({"checklist_pdf_section": service.pdf_section_enabled(g.api_user.employer_id)})


@bp.put("/settings/pathways")
def pathways_settings_change():
    if not g.api_user.is_admin:
        raise Problem(403, "Forbidden", "Only an admin can change whether checklist PDFs show the Pathways section.")
    data = json_body()
    value = data.get("checklist_pdf_section")
    if not isinstance(value, bool) or set(data) - {"checklist_pdf_section"}:
        raise Problem(422, "Unprocessable Content", "Send {\"checklist_pdf_section\": true or false}.",
                      errors={"checklist_pdf_section": ["expected true or false"]})
    enabled = service.set_pdf_section(g.api_user.employer_id, value, g.api_user)
    db.session.commit()
    return jsonify({"checklist_pdf_section": enabled})

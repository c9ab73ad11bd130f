"""The employer's reminder schedule on the API: when reminders go out, the next ones planned, and the
caller's daily-digest choice.

`GET /settings/reminders` for everyone; `PATCH` changes `time_zone`/`send_hour` (admins) and `digest`
(the caller's own). `GET /settings/reminders/preview` (admins) lists the next 20 reminders.
"""
from __future__ import annotations

from flask import g, jsonify

from employer_portal.api.blueprint import bp, json_body
from employer_portal.extensions import db
from employer_portal.models import Employer
from employer_portal.problems import Problem
from employer_portal.reminders.settings_input import parse_send_hour, parse_time_zone
from employer_portal.settings import reminders as reminder_settings

_FIELDS = ("time_zone", "send_hour", "digest")


def _settings_json(employer: Employer) -> dict:
    return {"time_zone": employer.time_zone, "time_zone_in_effect": employer.reminder_time_zone,
            "send_hour": employer.reminder_send_hour, "lead_days": list(employer.reminder_lead_days or []),
            "digest": bool(g.api_user.reminder_digest)}


def _require_admin(what: str) -> None:
    if not g.api_user.is_admin:
        raise Problem(403, "Forbidden", f"Only an admin can {what}.")


@bp.get("/settings/reminders")
def get_reminder_settings():
    return jsonify(_settings_json(db.session.get(Employer, g.api_user.employer_id)))


@bp.patch("/settings/reminders")
def patch_reminder_settings():
    data = json_body()
    errors = {key: ["unknown field"] for key in data if key not in _FIELDS}
    if "time_zone" in data or "send_hour" in data:
        _require_admin("change when reminders go out")
    employer = db.session.get(Employer, g.api_user.employer_id)
    time_zone, send_hour = employer.time_zone, employer.reminder_send_hour
    if "time_zone" in data:
        value = data["time_zone"]
        try:
            if value is not None and not isinstance(value, str):
                raise ValueError("expected a time zone name or null (the province's default)")
            time_zone = parse_time_zone(value)
        except ValueError as exc:
            errors["time_zone"] = [str(exc)]
    if "send_hour" in data:
        value = data["send_hour"]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 23:
            errors["send_hour"] = ["expected a whole hour from 0 to 23"]
        else:
            send_hour = parse_send_hour(value)
    if "digest" in data and not isinstance(data["digest"], bool):
        errors["digest"] = ["expected true or false"]
    if errors:
        raise Problem(422, "Unprocessable Content", "Some reminder settings are invalid.", errors=errors)
    reminder_settings.save_schedule(employer, time_zone, send_hour, g.api_user)
    if "digest" in data:
        reminder_settings.set_digest(g.api_user, data["digest"])
    db.session.commit()
    return jsonify(_settings_json(employer))


@bp.get("/settings/reminders/preview")
def reminder_preview():
    _require_admin("preview the employer's reminders")
    employer = db.session.get(Employer, g.api_user.employer_id)
    items = [{"at": item.local_at.isoformat(), "time_zone": employer.reminder_time_zone,
              "recipient": item.recipient, "in_digest": item.in_digest, "lead_days": item.lead_days,
              "deadline_id": item.deadline.id, "deadline_title": item.deadline.title,
              "due_on": item.deadline.due_date.isoformat(), "hire_id": item.deadline.hire_id}
             for item in reminder_settings.next_reminders(employer)]
    return jsonify({"items": items})

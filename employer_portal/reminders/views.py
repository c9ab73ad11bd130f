"""Pages of the reminders feature: the calendar feed, reminder settings, the hire's dates form,
and the template helpers the dashboard and hire panels use."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from pydantic import ValidationError

import employer_portal.deadlines.service as deadline_service
from employer_portal import accounts
from employer_portal.extensions import db
from employer_portal.models import Employer, Hire
from employer_portal.reminders import calendar
from employer_portal.reminders.emails import mail_domain
from employer_portal.reminders.settings_input import parse_lead_days, parse_recipients
from employer_portal.reminders.views_data import hire_deadlines, upcoming
from employer_portal.schemas.dates import HireDates
from employer_portal.schemas.errors import error_map
from employer_portal.schemas.messages import plain_validation_error
from employer_portal.tenancy import get_scoped_or_404

bp = Blueprint("reminders", __name__)


@bp.app_context_processor
def _helpers():
    def upcoming_deadlines(days: int = 30):
        if not current_user.is_authenticated:
            return []
        cache = g.setdefault("_upcoming_deadlines", {})
        if days not in cache:
            cache[days] = upcoming(current_user.employer_id, dt.date.today(), days)
        return cache[days]

    def deadlines_of(hire):
        return hire_deadlines(hire.employer_id, hire.id)

    def reminder_mail_paused():
        """Admins' alert: reminders wait because the mail server stayed unreachable (issue 15)."""
        if not current_user.is_authenticated or not current_user.is_admin:
            return None
        from employer_portal.reminders.outbox import mail_outage

        return mail_outage(current_user.employer_id)

    return {"upcoming_deadlines": upcoming_deadlines, "deadlines_of": deadlines_of,
            "reminder_mail_paused": reminder_mail_paused,
            "hire_date_fields": list(HireDates.model_fields),
            # A `set` inside an included template does not reach the dashboard, so the flag
            # is lazy here: it queries only when a template asks (the dashboard does).
            "upcoming_deadlines_shown": _LazyFlag(lambda: bool(upcoming_deadlines(30)))}


class _LazyFlag:
    def __init__(self, compute):
        self._compute = compute

    def __bool__(self) -> bool:
        return self._compute()


def _csrf_ok() -> None:
    # Flask-WTF's CSRFProtect already checked the token of every POST; nothing more to do here.
    return None


# --- calendar feed -------------------------------------------------------------------

@bp.get("/calendar/<token>.ics")
def calendar_feed(token: str):
    """The user's iCal feed; an unknown or revoked token is a 404."""
    user = calendar.user_for_token(token)
    if user is None:
        abort(404)
    body = calendar.feed_for(user, current_app.config["PORTAL_BASE_URL"],
                             mail_domain(current_app.config["MAIL_DEFAULT_SENDER"]))
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/settings/calendar/rotate")
@login_required
def calendar_rotate():
    user = current_user._get_current_object()
    token = calendar.rotate_token(user)
    accounts.record(user.employer_id, "user", user.id, "calendar_token_rotated", actor=user)
    db.session.commit()
    url = f"{current_app.config['PORTAL_BASE_URL']}{url_for('reminders.calendar_feed', token=token)}"
    return render_template("reminders/calendar_url.html", calendar_url=url)


@bp.post("/settings/calendar/revoke")
@login_required
def calendar_revoke():
    user = current_user._get_current_object()
    calendar.revoke_token(user)
    accounts.record(user.employer_id, "user", user.id, "calendar_token_revoked", actor=user)
    db.session.commit()
    flash("Your calendar URL is revoked.", "success")
    return redirect(url_for("settings.index"))


# --- reminder settings (admins) ------------------------------------------------------

@bp.post("/settings/reminders")
@login_required
def reminder_settings():
    if not current_user.is_admin:
        abort(403)
    employer = db.session.get(Employer, current_user.employer_id)
    errors = {}
    try:
        leads = parse_lead_days(request.form.get("lead_days", ""))
    except ValueError as exc:
        errors["lead_days"] = str(exc)
    try:
        recipients = parse_recipients(request.form.get("recipients", ""))
    except ValueError as exc:
        errors["recipients"] = str(exc)
    if errors:
        for message in errors.values():
            flash(message, "error")
        return redirect(url_for("settings.index")), 303
    changes = {}
    if leads != employer.reminder_lead_days:
        changes["reminder_lead_days"] = [employer.reminder_lead_days, leads]
    if recipients != employer.reminder_recipients:
        changes["reminder_recipients"] = [employer.reminder_recipients, recipients]
    employer.reminder_lead_days, employer.reminder_recipients = leads, recipients
    if changes:
        accounts.record(employer.id, "employer", employer.id, "reminder_settings_changed",
                        actor=current_user._get_current_object(), changes=changes)
        deadline_service.sync_all_for_employer(employer.id)
    db.session.commit()
    flash("Reminder settings saved.", "success")
    return redirect(url_for("settings.index"))


# --- the hire's dates (form on the hire page) ---------------------------------------

DATES_FORM_KEY = "dates_form"


@bp.app_template_global("dates_form_state")
def dates_form_state(hire: Hire) -> dict:
    """{"values", "errors"} of a refused dates form of this hire (read once), else the recorded dates, no errors."""
    state = session.get(DATES_FORM_KEY)
    if state and state.get("hire_id") == hire.id:
        session.pop(DATES_FORM_KEY, None)
        return {"values": state.get("values") or {}, "errors": state.get("errors") or {}}
    return {"values": dict(hire.dates or {}), "errors": {}}


@bp.post("/hires/<int:hire_id>/dates")
@login_required
def hire_dates(hire_id: int):
    if not current_user.can_edit:
        abort(403)
    hire = get_scoped_or_404(Hire, hire_id)
    data = {name: value.strip() for name in HireDates.model_fields
            if (value := request.form.get(name, "")) and value.strip()}
    try:
        deadline_service.record_dates(hire, data, current_user._get_current_object())
    except ValidationError as exc:
        db.session.rollback()
        # The hire page shows the form again with what was typed and each message beside its field (issue 10).
        session[DATES_FORM_KEY] = {"hire_id": hire.id, "errors": plain_validation_error(exc),
                                   "values": {name: request.form.get(name, "") for name in HireDates.model_fields}}
        flash("The dates were not saved: see the messages beside the fields.", "error:dates-form")
        return redirect(_hire_url(hire.id) + "#dates-form"), 303
    except deadline_service.DatesNotAllowed as exc:
        db.session.rollback()
        flash(str(exc), "error:dates-form")
        return redirect(_hire_url(hire.id) + "#dates-form"), 303
    db.session.commit()
    flash("Dates saved; deadlines and reminders updated.", "success:dates-form")
    return redirect(_hire_url(hire.id) + "#dates-form")


@bp.post("/hires/<int:hire_id>/permits")
@login_required
def hire_permit_renewal(hire_id: int):
    """The dates form's "Record a renewal": a new permit period (issued, expires, employment start)."""
    from employer_portal.deadlines.permits import PermitsNotAllowed, record_renewal

    if not current_user.can_edit:
        abort(403)
    hire = get_scoped_or_404(Hire, hire_id)
    data = {name: value.strip() for name in ("issued_on", "expires_on", "employment_start_on")
            if (value := request.form.get(name, "")) and value.strip()}
    try:
        row = record_renewal(hire, data, current_user._get_current_object())
    except ValidationError as exc:
        db.session.rollback()
        for path, messages in error_map(exc).items():
            flash(f"Renewal {path.replace('_', ' ')}: {' '.join(messages)}", "error:permits")
        return redirect(_hire_url(hire.id) + "#permits"), 303
    except PermitsNotAllowed as exc:
        db.session.rollback()
        flash(str(exc), "error:permits")
        return redirect(_hire_url(hire.id) + "#permits"), 303
    db.session.commit()
    flash(f"Renewal recorded (permit {row.sequence}); deadlines and reminders updated.", "success:permits")
    return redirect(_hire_url(hire.id) + "#permits")


def _hire_url(hire_id: int) -> str:
    if "hires.detail" in current_app.view_functions:
        return url_for("hires.detail", hire_id=hire_id)
    return url_for("dashboard.index")

"""Settings: API tokens and the daily-digest choice for everyone; users and the reminder schedule
(time zone, send hour, preview, test reminder) for admins. Everything scoped to the employer."""
from __future__ import annotations


from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from employer_portal import accounts
from employer_portal.auth.roles import admin_required
from employer_portal.extensions import db
from employer_portal.models import ApiToken, User
from employer_portal.reminders.settings_input import parse_send_hour, parse_time_zone
from employer_portal.settings import reminders as reminder_settings
from employer_portal.settings.forms import DigestForm, EmptyForm, ReminderScheduleForm, RoleForm, TokenForm, UserForm
from employer_portal.tenancy import get_scoped_or_404, scoped

bp = Blueprint("settings", __name__, url_prefix="/settings")



def _my_tokens():
    return db.session.scalars(
        scoped(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.created_at.desc())
    ).all()


NEW_TOKEN_KEY = "new_api_token"


def _schedule_form(employer, formdata=None) -> ReminderScheduleForm:
    if formdata is None:
        form = ReminderScheduleForm(formdata=None, time_zone=employer.time_zone or "",
                                    send_hour=str(employer.reminder_send_hour))
    else:
        form = ReminderScheduleForm()
    form.time_zone.choices = reminder_settings.zone_choices(employer.province)
    return form


def _page(status: int = 200, **context):
    """The settings page; each form defaults to the stored values unless the caller passes a filled one."""
    employer = current_user.employer
    context.setdefault("form", TokenForm())
    context.setdefault("schedule_form", _schedule_form(employer))
    context.setdefault("digest_form", DigestForm(formdata=None, digest=bool(current_user.reminder_digest)))
    preview = reminder_settings.next_reminders(employer) if current_user.is_admin else []
    html = render_template("settings/index.html", tokens=_my_tokens(), action_form=EmptyForm(),
                           preview=preview, mail_configured=reminder_settings.mail_configured(), **context)
    return html, status


@bp.get("/")
@login_required
def index():
    new_secret = session.pop(NEW_TOKEN_KEY, None)
    return _page(new_secret=new_secret)


@bp.post("/tokens")
@login_required
def create_token():
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(422, form=form)
    try:
        _token, secret = accounts.create_token(current_user._get_current_object(), form.name.data)
    except accounts.AccountError as exc:
        db.session.rollback()
        form.name.errors.append(str(exc))
        return _page(422, form=form)
    db.session.commit()
    # Post/redirect/get, so a reload cannot create a second token. The secret rides in the
    # signed session for exactly one page view, then only its hash exists anywhere.
    session[NEW_TOKEN_KEY] = secret
    return redirect(url_for("settings.index"))


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    token = get_scoped_or_404(ApiToken, token_id)
    if token.user_id != current_user.id and not current_user.is_admin:
        abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    accounts.revoke_token(token, actor=current_user._get_current_object())
    db.session.commit()
    flash(f"Token “{token.name}” is revoked.", "success")
    return redirect(url_for("settings.index"))


# --- reminder schedule (admins) and daily digest (everyone) ---------------------------------

@bp.post("/reminders/schedule")
@admin_required
def reminder_schedule():
    employer = current_user.employer
    form = _schedule_form(employer, formdata=request.form)
    values = {}
    if form.validate_on_submit():  # the CSRF token; the values are checked below, each next to its field
        for name, parse in (("time_zone", parse_time_zone), ("send_hour", parse_send_hour)):
            try:
                values[name] = parse(getattr(form, name).data)
            except ValueError as exc:
                getattr(form, name).errors = [*getattr(form, name).errors, str(exc)]
    if len(values) < 2:
        return _page(422, schedule_form=form)
    changes = reminder_settings.save_schedule(employer, values["time_zone"], values["send_hour"],
                                              current_user._get_current_object())
    db.session.commit()
    zone = employer.reminder_time_zone
    flash(f"Reminders now go out at {values['send_hour']:02d}:00, {zone} time."
          + (" Pending reminders were re-planned." if changes else ""), "success")
    return redirect(url_for("settings.index") + "#reminders-heading")


@bp.post("/reminders/test")
@admin_required
def reminder_test():
    if not EmptyForm().validate_on_submit():
        abort(400)
    user = current_user._get_current_object()
    try:
        sentence = reminder_settings.send_test_reminder(user)
    except reminder_settings.TestReminderRefused as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(sentence, "success" if reminder_settings.mail_configured() else "info")
    # Post/redirect/get: reloading the page that follows cannot send a second test reminder.
    return redirect(url_for("settings.index") + "#reminder-preview-heading")


@bp.post("/reminders/digest")
@login_required
def reminder_digest():
    form = DigestForm()
    if not form.validate_on_submit():
        abort(400)
    if reminder_settings.set_digest(current_user._get_current_object(), bool(form.digest.data)):
        db.session.commit()
    flash("You get one email a day listing your reminders." if form.digest.data
          else "You get one email per reminder.", "success")
    return redirect(url_for("settings.index") + "#digest-heading")


# --- users (admins) --------------------------------------------------------------------

def _users():
    return db.session.scalars(scoped(User).order_by(User.email)).all()


@bp.get("/users")
@admin_required
def users():
    return render_template("settings/users.html", users=_users(), form=UserForm(), action_form=EmptyForm(),
                           role_form=RoleForm())


@bp.post("/users")
@admin_required
def create_user():
    form = UserForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(current_user.employer, form.email.data, form.role.data, form.password.data,
                                        full_name=form.full_name.data, actor=current_user._get_current_object())
        except accounts.AccountError as exc:
            db.session.rollback()
            getattr(form, exc.field or "email").errors.append(str(exc))
        else:
            db.session.commit()
            flash(f"{user.email} can now sign in.", "success")
            return redirect(url_for("settings.users"))
    return render_template("settings/users.html", users=_users(), form=form, action_form=EmptyForm(),
                           role_form=RoleForm()), 422


@bp.get("/users/<int:user_id>")
@admin_required
def user_detail(user_id: int):
    user = get_scoped_or_404(User, user_id)
    tokens = db.session.scalars(scoped(ApiToken).where(ApiToken.user_id == user.id)).all()
    return render_template("settings/user.html", user=user, tokens=tokens, action_form=EmptyForm(),
                           role_form=RoleForm(role=user.role))


@bp.get("/users/<int:user_id>/deactivate")
@admin_required
def confirm_deactivate(user_id: int):
    """Deactivating asks first, on a page of its own (works without JavaScript; issue 10)."""
    user = get_scoped_or_404(User, user_id)
    return render_template("confirm.html", title="Deactivate this user?", subject=user.email,
                           what="They can no longer sign in and their API tokens stop working. You can reactivate them later.",
                           button="Yes, deactivate", style="btn--danger",
                           action_url=url_for("settings.set_active", user_id=user.id), fields={"active": "0"},
                           back_url=url_for("settings.user_detail", user_id=user.id))


@bp.post("/users/<int:user_id>/active")
@admin_required
def set_active(user_id: int):
    user = get_scoped_or_404(User, user_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    active = request.form.get("active") == "1"
    if user.id == current_user.id and not active:
        flash("You cannot deactivate yourself.", "error")
        return redirect(url_for("settings.user_detail", user_id=user.id))
    accounts.set_user_active(user, active, actor=current_user._get_current_object())
    db.session.commit()
    flash(f"{user.email} is {'active' if active else 'deactivated'}.", "success")
    return redirect(url_for("settings.user_detail", user_id=user.id))


@bp.post("/users/<int:user_id>/role")
@admin_required
def set_role(user_id: int):
    user = get_scoped_or_404(User, user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        flash("Choose a role.", "error")
        return redirect(url_for("settings.user_detail", user_id=user.id))
    if user.id == current_user.id and form.role.data != "admin":
        flash("You cannot remove your own admin role.", "error")
        return redirect(url_for("settings.user_detail", user_id=user.id))
    accounts.set_user_role(user, form.role.data, actor=current_user._get_current_object())
    db.session.commit()
    flash(f"{user.email} is now {form.role.data}.", "success")
    return redirect(url_for("settings.user_detail", user_id=user.id))

"""Settings: API tokens for everyone, users for admins. Everything scoped to the employer."""
from __future__ import annotations


from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from employer_portal import accounts
from employer_portal.auth.roles import admin_required
from employer_portal.extensions import db
from employer_portal.models import ApiToken, User
from employer_portal.settings.forms import EmptyForm, RoleForm, TokenForm, UserForm
from employer_portal.tenancy import get_scoped_or_404, scoped

bp = Blueprint("settings", __name__, url_prefix="/settings")



def _my_tokens():
    return db.session.scalars(
        scoped(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.created_at.desc())
    ).all()


NEW_TOKEN_KEY = "new_api_token"


@bp.get("/")
@login_required
def index():
    new_secret = session.pop(NEW_TOKEN_KEY, None)
    return render_template("settings/index.html", tokens=_my_tokens(), form=TokenForm(), action_form=EmptyForm(),
                           new_secret=new_secret)


@bp.post("/tokens")
@login_required
def create_token():
    form = TokenForm()
    if not form.validate_on_submit():
        return render_template("settings/index.html", tokens=_my_tokens(), form=form, action_form=EmptyForm()), 422
    try:
        _token, secret = accounts.create_token(current_user._get_current_object(), form.name.data)
    except accounts.AccountError as exc:
        db.session.rollback()
        form.name.errors.append(str(exc))
        return render_template("settings/index.html", tokens=_my_tokens(), form=form, action_form=EmptyForm()), 422
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

"""Sign in and out. Each sign-in is a server-side session row that logout deletes."""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from employer_portal import accounts
from employer_portal.auth.forms import ChangePasswordForm, LoginForm
from employer_portal.auth.passwords import context_words
from employer_portal.extensions import db, limiter

bp = Blueprint("auth", __name__)
log = logging.getLogger("employer_portal.auth")


def _account_key() -> str:
    # The same normalised address that sign-in looks up, so look-alike spellings share one bucket.
    return "login-account:" + accounts.sign_in_key(request.form.get("email") or "")


def _login_failed(_response) -> bool:
    return bool(g.get("login_failed"))


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_login_failed)
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key, deduct_when=_login_failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            g.login_failed = True
            log.info("sign-in failed from %s", request.remote_addr)
            form.password.errors.append("Email or password is not right.")
            db.session.rollback()
            return render_template("auth/login.html", form=form), 401
        session.clear()  # a fresh session at sign-in (no fixation)
        accounts.start_session(user)
        db.session.commit()
        login_user(user)
        log.info("user %s signed in", user.id)
        return redirect(_safe_next(request.args.get("next")) or url_for("dashboard.index"))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    accounts.end_session(current_user.session_token)
    db.session.commit()
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not accounts.verify_password(user.password_hash, form.current_password.data):
            form.current_password.errors.append("The current password is not right.")
        else:
            try:
                revoked = accounts.change_password(user, form.new_password.data, actor=user,
                                                   revoke_tokens=form.revoke_tokens.data)
            except accounts.AccountError as exc:
                form.new_password.errors.append(str(exc))
            else:
                # Every other session is gone; this browser signs in again with a new one.
                accounts.start_session(user)
                db.session.commit()
                login_user(user)
                tokens = f" {revoked} API token{'' if revoked == 1 else 's'} revoked." if revoked else ""
                flash(f"Your password is changed. Other sessions were signed out.{tokens}", "success")
                return redirect(url_for("settings.index"))
        db.session.rollback()
        return render_template("auth/password.html", form=form), 422
    return render_template("auth/password.html", form=form), 422 if request.method == "POST" else 200


@bp.app_template_global()
def password_context_words(email: str = "") -> str:
    """The words the strength meter flags (the server refuses them): product, employer and e-mail words."""
    employer = current_user.employer if current_user.is_authenticated else None
    return " ".join(sorted(context_words(email, employer.name if employer else "")))


def _safe_next(target: str | None) -> str | None:
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target

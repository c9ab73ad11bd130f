"""The signed-in home page: hires by status and what is due soon."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import func

from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.hire import HIRE_STATUSES
from employer_portal.tenancy import scoped

bp = Blueprint("dashboard", __name__)


@bp.get("/")
def home():
    return redirect(url_for("dashboard.index" if current_user.is_authenticated else "auth.login"))


@bp.get("/dashboard")
@login_required
def index():
    by_status_query = scoped(Hire).with_only_columns(Hire.status, func.count()).group_by(Hire.status)
    counts = dict(db.session.execute(by_status_query).all())
    by_status = [(status, counts.get(status, 0)) for status in HIRE_STATUSES]
    return render_template("dashboard/index.html", by_status=by_status, total=sum(counts.values()))

"""The signed-in home page: hires by status and what is due soon."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.hire import HIRE_STATUSES

bp = Blueprint("dashboard", __name__)


@bp.get("/")
def home():
    return redirect(url_for("dashboard.index" if current_user.is_authenticated else "auth.login"))


@bp.get("/dashboard")
@login_required
def index():
    counts = dict(
        db.session.execute(
            select(Hire.status, func.count()).where(Hire.employer_id == current_user.employer_id).group_by(Hire.status)
        ).all()
    )
    by_status = [(status, counts.get(status, 0)) for status in HIRE_STATUSES]
    return render_template("dashboard/index.html", by_status=by_status, total=sum(counts.values()))

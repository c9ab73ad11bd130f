"""The signed-in home page: what needs attention first, then hires by status.

"Needs attention", in this order, each row a link: deadlines overdue (not done, due date
passed), deadlines of the next 30 days (not done), drafts with blockers, wage alerts
(wage-drift deadlines not done, and for admins the fall Job Bank wages import of review
F-35). Marking a deadline done (here or on the hire page) removes it from the list.
The done/reopen forms post here and work without JavaScript.
"""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func

from employer_portal.deadlines.completion import NoteTooLong, mark_done, reopen
from employer_portal.deadlines.status import deadline_status, fall_wages_import
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.hire import HIRE_STATUSES
from employer_portal.reminders.views_data import open_deadline, open_wage_alerts, overdue, upcoming
from employer_portal.tenancy import scoped

bp = Blueprint("dashboard", __name__)

NEXT_DAYS = 30


@bp.get("/")
def home():
    return redirect(url_for("dashboard.index" if current_user.is_authenticated else "auth.login"))


@bp.get("/dashboard")
@login_required
def index():
    by_status_query = scoped(Hire).with_only_columns(Hire.status, func.count()).group_by(Hire.status)
    counts = dict(db.session.execute(by_status_query).all())
    by_status = [(status, counts.get(status, 0)) for status in HIRE_STATUSES]
    return render_template("dashboard/index.html", by_status=by_status, total=sum(counts.values()),
                           attention=needs_attention(current_user, dt.date.today()))


def needs_attention(user, today: dt.date) -> dict:
    """The dashboard's sections for `user`'s employer as of `today` (tests pass the day)."""
    employer_id = user.employer_id
    late = overdue(employer_id, today)
    soon = upcoming(employer_id, today, NEXT_DAYS)
    shown = {d.id for d, _ in late} | {d.id for d, _ in soon}
    wage_alerts = [(d, h, deadline_status(d.due_date, d.done_at, today))
                   for d, h in open_wage_alerts(employer_id) if d.id not in shown]
    return {
        "overdue": late,
        "next_days": [(d, h, deadline_status(d.due_date, d.done_at, today)) for d, h in soon],
        "drafts": drafts_with_blockers(employer_id),
        "wage_alerts": wage_alerts,
        "wages_import": _wages_import(today) if user.is_admin else None,
        "days": NEXT_DAYS,
    }


def drafts_with_blockers(employer_id: int, limit: int = 50) -> list[tuple[Hire, int, bool]]:
    """(draft, blocker count, incomplete?) for drafts whose last report is not eligible, newest first."""
    drafts = db.session.scalars(Hire.for_employer(employer_id).where(Hire.status == "draft")
                                .order_by(Hire.updated_at.desc(), Hire.id.desc()).limit(limit))
    found = []
    for hire in drafts:
        report = hire.report or {}
        if not report or report.get("eligible"):
            continue
        blockers = sum(1 for f in report.get("findings") or [] if f.get("severity") == "blocker")
        found.append((hire, blockers, report.get("complete", True) is False))
    return found


def _wages_import(today: dt.date):
    from employer_portal.models.refdata import WAGES_SET
    from employer_portal.refdata.store import current_sets

    wages = current_sets().get(WAGES_SET)
    return fall_wages_import(wages.published if wages else None, today)


# --- marking a deadline done or reopening it (hire page and dashboard forms) -------------

def _back(deadline) -> str:
    # Only two known places to return to: never a URL taken from the form.
    if request.form.get("back") == "hire" and "hires.detail" in _endpoints():
        return url_for("hires.detail", hire_id=deadline.hire_id) + "#deadlines"
    return url_for("dashboard.index")


def _kind(kind: str) -> str:
    # Back on the hire page the message shows inside its Deadlines section (hires/page_summary.py).
    return f"{kind}:deadlines" if request.form.get("back") == "hire" else kind


def _endpoints():
    from flask import current_app

    return current_app.view_functions


def _editable_deadline(deadline_id: int):
    if not current_user.can_edit:
        abort(403)
    deadline = open_deadline(current_user.employer_id, deadline_id)
    if deadline is None:
        abort(404)
    return deadline


@bp.post("/deadlines/<int:deadline_id>/done")
@login_required
def deadline_done(deadline_id: int):
    deadline = _editable_deadline(deadline_id)
    try:
        mark_done(deadline, current_user._get_current_object(), request.form.get("note"))
    except NoteTooLong as exc:
        db.session.rollback()
        flash(str(exc), _kind("error"))
        return redirect(_back(deadline)), 303
    db.session.commit()
    flash(f"Marked done: {deadline.title}.", _kind("success"))
    return redirect(_back(deadline), 303)


@bp.post("/deadlines/<int:deadline_id>/reopen")
@login_required
def deadline_reopen(deadline_id: int):
    deadline = _editable_deadline(deadline_id)
    reopen(deadline, current_user._get_current_object())
    db.session.commit()
    flash(f"Reopened: {deadline.title}; its reminders still ahead are planned again.", _kind("success"))
    return redirect(_back(deadline), 303)

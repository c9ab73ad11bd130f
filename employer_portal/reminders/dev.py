"""Development page: the mail written to the local outbox folder (embedded default). Only when DEV_PAGES."""
from __future__ import annotations

import email
import email.policy
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template
from flask_login import current_user, login_required

bp = Blueprint("dev", __name__, url_prefix="/dev")


@bp.before_request
def _only_in_development():
    if not current_app.config.get("DEV_PAGES"):
        abort(404)


def _outbox() -> Path:
    return Path(current_app.config["MAIL_OUTBOX_DIR"])


def _addresses_of_my_employer() -> set[str]:
    from sqlalchemy import select

    from employer_portal.extensions import db
    from employer_portal.models import Employer, User

    employer = db.session.get(Employer, current_user.employer_id)
    users = db.session.scalars(select(User.email).where(User.employer_id == employer.id)).all()
    return {e.lower() for e in users} | {e.lower() for e in employer.reminder_recipients or []}


def _read(path: Path):
    with path.open("rb") as fh:
        return email.message_from_binary_file(fh, policy=email.policy.default)


@bp.get("/outbox")
@login_required
def outbox():
    folder = _outbox()
    files = sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True)[:200] if folder.exists() else []
    messages = []
    mine = _addresses_of_my_employer()
    for path in files:
        msg = _read(path)
        if str(msg["To"] or "").lower() not in mine:
            continue  # another employer's mail: not even on a development page
        messages.append({"name": path.name, "subject": msg["Subject"], "to": msg["To"], "date": msg["Date"]})
    return render_template("dev/outbox.html", messages=messages, folder=str(folder))


@bp.get("/outbox/<name>")
@login_required
def outbox_message(name: str):
    path = _outbox() / name
    if "/" in name or not name.endswith(".eml") or not path.is_file():
        abort(404)
    msg = _read(path)
    if str(msg["To"] or "").lower() not in _addresses_of_my_employer():
        abort(404)
    body = msg.get_body(preferencelist=("plain",))
    return render_template("dev/message.html", name=name, msg=msg, text=body.get_content() if body else "")

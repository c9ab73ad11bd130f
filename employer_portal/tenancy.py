"""The one way views and API calls read employer data: scoped to the signed-in user's employer.

Every model with an `employer_id` is read through `scoped()` or `get_scoped_or_404()`;
a record of another employer is simply not found (404, never 403, so ids leak nothing).
"""
from __future__ import annotations

from flask import abort, g
from flask_login import current_user

from employer_portal.extensions import db

MAX_ID = 2**31 - 1  # ids are 32-bit integers; a larger one cannot exist (and must not reach SQL)


def current_actor():
    """The user acting now: the API token's user, or the signed-in browser user."""
    user = g.get("api_user")
    if user is not None:
        return user
    if current_user and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def current_employer_id() -> int:
    actor = current_actor()
    if actor is None:
        abort(401)
    return actor.employer_id


def scoped(model):
    """SELECT of `model` limited to the current employer."""
    return model.for_employer(current_employer_id())


def get_scoped_or_404(model, object_id):
    try:
        object_id = int(object_id)
    except (TypeError, ValueError):
        abort(404)
    if not (0 < object_id <= MAX_ID):
        abort(404)
    obj = db.session.scalar(scoped(model).where(model.id == object_id))
    if obj is None:
        abort(404)
    return obj

"""The one way views and API calls read employer data: scoped to the signed-in user's employer.

Every model with an `employer_id` is read through `scoped()` or `get_scoped_or_404()`;
a record of another employer is simply not found (404, never 403, so ids leak nothing).
"""
from __future__ import annotations

from flask import abort, g, has_app_context
from flask_login import current_user
from sqlalchemy import event, text

from employer_portal.extensions import db
from employer_portal.row_security import EMPLOYER_SETTING, TENANT_ROLE

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


# --- row-level security: the employer set per transaction (PostgreSQL) -----------------------
#
# A request that knows its actor (a signed-in user, an API token) calls `enter_tenant`; from then
# on each of its transactions starts by switching to the tenant role with the employer set (both
# SET LOCAL, so they end with the transaction and never outlive it on a pooled connection). The
# policies of migrations/versions/0017 then hide other employers' rows from any query, scoped or
# not. Jobs, the CLI and the sign-in lookup never enter a tenant and see every row. See
# employer_portal/row_security.py.

_TENANT_KEY = "tenant_employer_id"
_APPLIED_KEY = "tenant_applied"  # session.info: (root transaction, employer id) last set on the database
_ENTER_SQL = text(
    f"SELECT set_config('{EMPLOYER_SETTING}', :employer_id, true), set_config('role', '{TENANT_ROLE}', true)"
)


def enter_tenant(employer_id: int) -> None:
    """Hold the rest of this request's database work to `employer_id`'s rows (PostgreSQL row-level security)."""
    employer_id = int(employer_id)
    setattr(g, _TENANT_KEY, employer_id)
    if not db.session.registry.has():
        return  # no session yet (nor a transaction): after_begin applies the employer to its first one
    session = db.session()
    if session.in_transaction() and session.get_bind().dialect.name == "postgresql":
        # The actor was found inside a transaction (the sign-in lookup): hold that one too.
        connection = session.connection()  # fires after_begin, which applies it, if no connection was open yet
        if session.info.get(_APPLIED_KEY) != (session.get_transaction(), employer_id):
            _apply(session, connection, employer_id)


def tenant_employer_id() -> int | None:
    """The employer this request's transactions are held to, or None (every row visible)."""
    return g.get(_TENANT_KEY) if has_app_context() else None


def _apply(session, connection, employer_id: int) -> None:
    connection.execute(_ENTER_SQL, {"employer_id": str(employer_id)})
    session.info[_APPLIED_KEY] = (session.get_transaction(), employer_id)


def _after_begin(session, _transaction, connection) -> None:
    employer_id = tenant_employer_id()
    if employer_id is not None and connection.dialect.name == "postgresql":
        _apply(session, connection, employer_id)


def _leave_tenant(_exc=None) -> None:
    """End of request: forget the employer and end its transaction (what Flask-SQLAlchemy does anyway when the
    request's app context goes), so nothing run after the request in a shared app context (tests) is still held."""
    if g.pop(_TENANT_KEY, None) is None or not db.session.registry.has():
        return  # no employer, or no session was ever opened (a stateless API check): nothing to end
    session = db.session()
    if session.info.pop(_APPLIED_KEY, None) is not None and session.in_transaction():
        session.rollback()


def init_tenancy(app) -> None:
    """Apply the request's employer at the start of every transaction, and let it go when the request ends."""
    if not event.contains(db.session, "after_begin", _after_begin):
        event.listen(db.session, "after_begin", _after_begin)
    app.teardown_request(_leave_tenant)

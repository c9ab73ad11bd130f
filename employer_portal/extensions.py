"""Flask extensions, created unbound and bound in create_app()."""
from functools import partial, wraps

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, Table, event
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names so Alembic migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


@event.listens_for(Table, "after_parent_attach")
def _never_reuse_ids_on_sqlite(table: Table, parent) -> None:
    """Every table of the portal is AUTOINCREMENT on SQLite: a deleted row's id is never handed out again,
    as on PostgreSQL, so an old link, audit event or e-mail naming hire 7 never reaches a new hire 7."""
    if parent is Base.metadata:
        table.dialect_kwargs["sqlite_autoincrement"] = True


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()


class PortalLimiter(Limiter):
    """Flask-Limiter without its per-request check on the JSON API, which has no rate limits (create_app exempts
    it): working out that no limit applies cost each API request as much as the rest of the framework."""

    def _check_request_limit(self, callable_name=None, in_middleware=True):
        if in_middleware and request.blueprint == "api":
            return None
        return super()._check_request_limit(callable_name, in_middleware)

    def init_app(self, app) -> None:
        super().init_app(app)
        # Its after-request (rate-limit headers) and teardown hooks skip the API too: no limit applied, nothing to do.
        app.after_request_funcs[None] = [_pages_only(f, response_hook=True) if _is_limiter_hook(f) else f
                                         for f in app.after_request_funcs.get(None, [])]
        app.teardown_request_funcs[None] = [_pages_only(f) if _is_limiter_hook(f) else f
                                            for f in app.teardown_request_funcs.get(None, [])]


def _is_limiter_hook(hook) -> bool:
    owner = getattr(hook, "__self__", None) or (hook.args[0] if isinstance(hook, partial) and hook.args else None)
    return isinstance(owner, Limiter)


def _pages_only(hook, response_hook: bool = False):
    @wraps(hook if not isinstance(hook, partial) else hook.func)
    def run_unless_api(arg=None):
        if request.blueprint == "api":
            return arg if response_hook else None
        return hook(arg)
    return run_unless_api


limiter = PortalLimiter(key_func=get_remote_address, default_limits=[])

"""employer-portal: employer compliance workflow for Canadian tech hiring."""
from __future__ import annotations

import logging

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from employer_portal.config import PROJECT_ROOT, load_settings

# Feature blueprints, in the order their pages appear in the navigation.
BLUEPRINTS = [
    "employer_portal.auth.views:bp",
    "employer_portal.dashboard:bp",
    "employer_portal.settings.views:bp",
    "employer_portal.hires.views:bp",
    "employer_portal.checklists.views:bp",
    "employer_portal.inspection.views:bp",
    "employer_portal.documents.views:bp",
    "employer_portal.conditions.views:bp",
    "employer_portal.pathways_hire.views:bp",
    "employer_portal.benefits_plan.views:bp",
    "employer_portal.self_audit.views:bp",
    "employer_portal.api:bp",
    "employer_portal.reference_views:bp",
    "employer_portal.reminders.views:bp",
    "employer_portal.reminders.dev:bp",
    "employer_portal.glossary.views:bp",
]


def create_app(config: dict | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, CLI, error handlers."""
    from dotenv import load_dotenv

    load_dotenv(PROJECT_ROOT / ".env", override=False)
    settings = load_settings(overrides=config)
    app = Flask(
        __name__,
        instance_path=settings["INSTANCE_PATH"],
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder="static",
    )
    app.config.update(settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)

    from employer_portal import log_scrub

    log_scrub.install(app.logger)  # the calendar feed's secret never reaches a log

    if app.config["TRUSTED_PROXIES"]:
        # Behind the compose proxy: take the client address and scheme from X-Forwarded-*.
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    from employer_portal import crypto
    from employer_portal.extensions import csrf, db, limiter, login_manager, migrate

    crypto.configure(app.config["DATA_ENCRYPTION_KEY"])
    db.init_app(app)
    from employer_portal.tenancy import init_tenancy

    init_tenancy(app)  # PostgreSQL row-level security: each transaction of a signed-in request sees one employer
    from employer_portal.auth.api_tokens import watch_local_token_changes

    with app.app_context():
        watch_local_token_changes(db.engine)  # this process's commits that end a token forget it at once
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    import employer_portal.models  # noqa: F401  (registers every table)

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        _tune_sqlite(app)

    from employer_portal.web import init_web

    init_web(app)
    for dotted in BLUEPRINTS:
        module_name, attr = dotted.split(":")
        blueprint = getattr(__import__(module_name, fromlist=[attr]), attr)
        app.register_blueprint(blueprint)
    from employer_portal.api import bp as api_bp

    csrf.exempt(api_bp)  # the API takes bearer tokens only, never the session cookie
    limiter.exempt(api_bp)  # only sign-in is rate limited; skip the limiter's per-request work on the API

    from employer_portal.problems import register_problem_handlers

    register_problem_handlers(app)

    from employer_portal.cli import register_cli

    register_cli(app)

    from tasks.celery_app import init_celery

    init_celery(app)
    _connect_signals()
    _settle_long_lived_objects()
    return app


def _connect_signals() -> None:
    """Features react to each other's domain events (signals.py) once an app is built, never as a side
    effect of importing a module. Each connect is idempotent (blinker keeps one connection per receiver)."""
    from employer_portal.checklists import items as checklist_items
    from employer_portal.deadlines import service as deadlines
    from employer_portal.pathways_hire import service as pathways_hire
    from tasks import reminders as reminder_tasks

    checklist_items.connect()  # hire_saved: the checklist items follow the hire's facts
    deadlines.connect()  # hire_saved: deadlines recompute and re-plan reminders
    pathways_hire.connect()  # the guidance deadlines join the deadlines service
    reminder_tasks.connect()  # wages_imported: queue the wage-drift re-check


def _settle_long_lived_objects() -> None:
    """Load the bundled reference data now and move everything built so far out of the
    garbage collector's reach: a full collection over it would stall a request for
    milliseconds, and these objects live as long as the process."""
    import gc

    from employer_portal.refdata.reference import load_bundled

    load_bundled()
    gc.collect()
    gc.freeze()


def _tune_sqlite(app: Flask) -> None:
    """Embedded default: web, worker and beat share one SQLite file, so use WAL and wait on locks."""
    from sqlalchemy import event

    from employer_portal.extensions import db

    with app.app_context():
        @event.listens_for(db.engine, "connect")
        def _pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

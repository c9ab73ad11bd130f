"""Fixtures for the foundation tests: a second app built with other settings."""
from __future__ import annotations

import os

import pytest


@pytest.fixture
def other_app(app, monkeypatch):
    """other_app(env={...}, config={...}) -> an app built with these environment variables.

    create_app() configures module-level objects (the Celery app, the limiter's storage),
    so the session's app is bound again afterwards.
    """
    built = []

    def build(env: dict | None = None, config: dict | None = None):
        from employer_portal import create_app

        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        application = create_app({"TESTING": True, **(config or {})})
        built.append(application)
        return application

    yield build
    from employer_portal.extensions import db, limiter
    from tasks.celery_app import init_celery

    for application in built:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()
    monkeypatch.undo()
    assert os.environ.get("CELERY_BROKER_URL") == app.config["CELERY_BROKER_URL"]
    limiter.init_app(app)
    init_celery(app)


@pytest.fixture
def in_db(app):
    """in_db(fn) -> fn(db) run in its own app context.

    Tests that also send requests use this instead of the `db` fixture: a pushed app
    context would be shared with the test client's requests (same `g`, same session).
    """

    def run(fn):
        from employer_portal.extensions import db

        with app.app_context():
            return fn(db)

    return run

"""GET /api/v1/health: the database and the broker, checked for real."""
from __future__ import annotations

from flask import jsonify
from sqlalchemy import text

from employer_portal.api.blueprint import bp, public
from employer_portal.extensions import db


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "down" here
        db.session.rollback()
        return False


def _broker_ok() -> bool:
    from tasks.celery_app import celery

    try:
        with celery.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            # A real round trip: declare (or find) the default queue.
            conn.default_channel.queue_declare(celery.conf.task_default_queue, passive=False, durable=True,
                                               auto_delete=False)
        return True
    except Exception:  # noqa: BLE001
        return False


@bp.get("/health")
@public
def health():
    database = "ok" if _database_ok() else "unavailable"
    broker = "ok" if _broker_ok() else "unavailable"
    healthy = database == "ok" and broker == "ok"
    body = {"status": "ok" if healthy else "degraded", "database": database, "broker": broker}
    return jsonify(body), 200 if healthy else 503

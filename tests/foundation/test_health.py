"""GET /api/v1/health checks the database and the broker for real."""
from __future__ import annotations


def test_health_is_ok_with_database_and_broker_up(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_health_is_503_when_the_broker_is_unreachable(other_app):
    broken = other_app(env={"CELERY_BROKER_URL": "redis://127.0.0.1:1/0"})
    response = broken.test_client().get("/api/v1/health")
    assert response.status_code == 503
    assert response.get_json() == {"status": "degraded", "database": "ok", "broker": "unavailable"}


def test_health_is_503_when_the_database_is_unreachable(other_app):
    broken = other_app(env={"DATABASE_URL": "postgresql://127.0.0.1:1/nothing"})
    response = broken.test_client().get("/api/v1/health")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"

"""docker-compose.yml and the Dockerfile, checked without Docker (it does not run here)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def settings_read():
    source = (ROOT / "employer_portal" / "config.py").read_text()
    return set(re.findall(r'env\.get\("([A-Z_]+)"', source))


def _command(service) -> list[str]:
    command = service.get("command", [])
    return command.split() if isinstance(command, str) else command


def test_every_service_has_a_healthcheck(compose):
    missing = [name for name, service in compose["services"].items() if not service.get("healthcheck", {}).get("test")]
    assert missing == []


def test_the_expected_services_are_there(compose):
    assert {"postgres", "redis", "migrate", "web", "worker", "beat", "mailpit", "proxy"} <= set(compose["services"])


def test_commands_name_real_entry_points(compose):
    for name, service in compose["services"].items():
        command = _command(service)
        if not command or service.get("image", "").startswith(("postgres", "redis", "axllent", "caddy")):
            continue
        program = command[0]
        if program == "gunicorn":
            module, _, call = command[-1].partition(":")
            assert call == "create_app()", name
            assert callable(getattr(importlib.import_module(module), "create_app")), name
        elif program == "celery":
            target = command[command.index("-A") + 1]
            assert target == "tasks.worker" and (ROOT / "tasks" / "worker.py").exists(), name
            assert command[command.index("-A") + 2] in ("worker", "beat"), name
        elif program == "flask":
            assert command[command.index("--app") + 1] == "employer_portal", name
        else:
            pytest.fail(f"{name}: unknown program {program}")


def test_app_services_set_only_variables_the_app_reads(compose, settings_read):
    for name in ("migrate", "web", "worker", "beat"):
        environment = compose["services"][name]["environment"]
        unknown = set(environment) - settings_read
        assert unknown == set(), f"{name} sets variables the app never reads: {unknown}"
        assert environment["PORTAL_ENV"] == "production"
        for required in ("DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "DATA_ENCRYPTION_KEY",
                         "RATELIMIT_STORAGE_URI", "MAIL_SERVER", "PORTAL_BASE_URL", "FILE_STORAGE_DIR"):
            assert required in environment, f"{name} lacks {required}"
        assert environment["RATELIMIT_STORAGE_URI"].startswith("redis://")


def test_web_runs_two_sync_gunicorn_workers_behind_one_trusted_proxy(compose):
    web = compose["services"]["web"]
    command = _command(web)
    assert command[command.index("--workers") + 1] == "2"
    assert command[command.index("--worker-class") + 1] == "sync"
    assert web["environment"]["TRUSTED_PROXIES"] == "1"
    assert "web:8000" in _command(compose["services"]["proxy"])


def test_redis_keeps_queued_jobs(compose):
    command = " ".join(_command(compose["services"]["redis"]))
    assert "--appendonly yes" in command
    assert "--appendfsync everysec" in command
    assert "--maxmemory-policy noeviction" in command


def test_migrations_run_before_web_worker_and_beat(compose):
    assert _command(compose["services"]["migrate"])[-2:] == ["db", "upgrade"]
    for name in ("web", "worker", "beat"):
        assert compose["services"][name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_files_live_on_a_named_volume(compose):
    assert "files" in compose["volumes"]
    assert any(v.startswith("files:") for v in compose["services"]["worker"]["volumes"])


def test_dockerfile_installs_weasyprint_libraries_and_fonts():
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("libharfbuzz-subset0", "libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core"):
        assert package in dockerfile
    for folder in ("employer_portal", "tasks", "templates", "migrations"):
        assert f"COPY {folder}" in dockerfile


def test_production_refuses_to_start_without_secrets():
    from employer_portal.config import ConfigurationError, load_settings

    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        load_settings(env={"PORTAL_ENV": "production", "DATABASE_URL": "postgresql://x/y",
                           "CELERY_BROKER_URL": "redis://x", "DATA_ENCRYPTION_KEY": "k"})

"""Issue 13 item 9: settings are read in config.py only. Every other module takes them from the app's config,
so one place says what a setting is, what it defaults to and how it is parsed."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS_THE_ENVIRONMENT = {"environ", "getenv", "environb", "getenvb"}


def _environment_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Attribute) and node.attr in READS_THE_ENVIRONMENT:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        elif isinstance(node, ast.ImportFrom) and node.module == "os" and any(
                alias.name in READS_THE_ENVIRONMENT for alias in node.names):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_module_but_config_reads_the_environment():
    config = ROOT / "employer_portal" / "config.py"
    paths = [p for folder in ("employer_portal", "tasks") for p in sorted((ROOT / folder).rglob("*.py")) if p != config]
    assert paths, "no modules found"
    assert [hit for path in paths for hit in _environment_reads(path)] == []


def test_a_job_setting_outside_an_app_is_its_default_not_the_environment(monkeypatch):
    from employer_portal.jobs import lease

    monkeypatch.setenv("JOB_LEASE_SECONDS", "7")
    monkeypatch.setenv("JOB_HEARTBEAT_SECONDS", "1")
    assert (lease.lease_seconds(), lease.heartbeat_seconds()) == (
        lease.DEFAULT_LEASE_SECONDS, lease.DEFAULT_HEARTBEAT_SECONDS)

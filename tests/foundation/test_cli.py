"""The command line of API.md: results on the last line, one-line errors, non-zero exits, nothing changed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from employer_portal.models import ApiToken, Employer, User

ROOT = Path(__file__).resolve().parents[2]
GOOD = "a-long-unusual-passphrase-9"


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def run(*args, input=None):
        return runner.invoke(args=list(args), input=input)

    return run


@pytest.fixture
def counts(in_db):
    def take():
        return in_db(lambda db: tuple(db.session.scalar(select(func.count()).select_from(m))
                                      for m in (Employer, User, ApiToken)))
    return take


def _one_line_error(result, *expected):
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for text in expected:
        assert text in lines[0]


def test_employers_create_prints_the_id_last(cli, in_db):
    result = cli("employers", "create", "--name", "Maple Data Ltd.", "--province", "bc")
    assert result.exit_code == 0
    employer_id = int(result.stdout.splitlines()[-1])
    assert in_db(lambda db: db.session.get(Employer, employer_id).province) == "BC"


@pytest.mark.parametrize("args, reason", [
    (("--name", "Maple Data Ltd.", "--province", "ZZ"), "unknown province"),
    (("--name", "   "), "needs a name"),
    (("--name", "Existing Co"), "already exists"),
])
def test_employers_create_refuses_bad_values(cli, make, counts, args, reason):
    make.employer("Existing Co")
    before = counts()
    _one_line_error(cli("employers", "create", *args), reason)
    assert counts() == before


def test_users_create_reads_the_password_from_stdin(cli, make, app, login):
    make.employer("Acme")
    result = cli("users", "create", "--employer", "acme", "--email", "Pat@Example.com", "--role", "hr",
                 "--password-stdin", input=GOOD + "\n")
    assert result.exit_code == 0, result.stderr
    from types import SimpleNamespace
    login(app.test_client(), SimpleNamespace(email="pat@example.com", password=GOOD))


@pytest.mark.parametrize("args, stdin, reason", [
    (("--employer", "Nobody Inc", "--email", "a@example.com", "--role", "hr", "--password-stdin"), GOOD, "no employer"),
    (("--employer", "Acme", "--email", "taken@example.com", "--role", "hr", "--password-stdin"), GOOD, "already exists"),
    (("--employer", "Acme", "--email", "a@example.com", "--role", "hr", "--password-stdin"), "short", "weak password"),
    (("--employer", "Acme", "--email", "a@example.com", "--role", "owner", "--password-stdin"), GOOD, "unknown role"),
    (("--employer", "Acme", "--email", "not-an-email", "--role", "hr", "--password-stdin"), GOOD, "invalid email"),
    (("--employer", "Acme", "--email", "a@example.com", "--role", "hr", "--password-stdin"), "", "no password"),
    (("--employer", "Acme", "--email", "a@example.com", "--role", "hr"), GOOD, "--password-stdin"),
])
def test_users_create_refuses_bad_values(cli, make, counts, args, stdin, reason):
    make.user(make.employer("Acme"), email="taken@example.com")
    before = counts()
    _one_line_error(cli("users", "create", *args, input=stdin + "\n" if stdin else ""), reason)
    assert counts() == before


def test_tokens_create_prints_the_token_alone_last_and_stores_a_hash(cli, make, app, in_db):
    user = make.user()
    result = cli("tokens", "create", "--email", user.email, "--name", "HRIS sync")
    assert result.exit_code == 0
    secret = result.stdout.splitlines()[-1]
    assert secret.startswith("ept_") and " " not in secret
    assert in_db(lambda db: db.session.scalar(select(ApiToken.token_hash))) != secret
    assert app.test_client().get("/api/v1/users", headers={"Authorization": f"Bearer {secret}"}).status_code == 200


@pytest.mark.parametrize("args, reason", [
    (("--email", "ghost@example.com"), "no user"),
    (("--email", "not-an-email"), "invalid email"),
    (("--email", "EXISTING", "--name", "<bad>"), "token label"),
])
def test_tokens_create_refuses_bad_values(cli, make, counts, args, reason):
    user = make.user()
    args = tuple(user.email if a == "EXISTING" else a for a in args)
    before = counts()
    _one_line_error(cli("tokens", "create", *args), reason)
    assert counts() == before


def test_seed_demo_is_safe_to_run_twice(cli, counts):
    assert cli("seed-demo").exit_code == 0
    after_first = counts()
    second = cli("seed-demo")
    assert second.exit_code == 0 and "already present" in second.stdout
    assert counts() == after_first


def test_real_flask_command_fails_with_one_line_and_a_nonzero_exit(app, test_env, counts):
    before = counts()
    env = {**os.environ, **test_env}
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "employer_portal", "employers", "create",
                             "--name", "Prairie Soft", "--province", "XX"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["Error: unknown province 'XX' (use one of "
                                                  + result.stderr.split("(use one of ")[1].strip()]
    assert counts() == before
    ok = subprocess.run([sys.executable, "-m", "flask", "--app", "employer_portal", "employers", "create",
                         "--name", "Prairie Soft", "--province", "SK"], cwd=ROOT, env=env,
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and ok.stdout.splitlines()[-1].isdigit()


def test_db_upgrade_runs_on_a_fresh_sqlite_database(tmp_path, test_env):
    env = {**os.environ, **test_env, "DATABASE_URL": f"sqlite:///{tmp_path}/fresh.sqlite"}
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "employer_portal", "db", "upgrade"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    import sqlite3
    tables = {r[0] for r in sqlite3.connect(tmp_path / "fresh.sqlite").execute("SELECT name FROM sqlite_master")}
    assert {"employers", "users", "api_tokens", "user_sessions", "audit_events"} <= tables

"""The same safeguards through a real `flask` process on the embedded default (SQLite), from a fresh database."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from wages_files import write_official_csv

from employer_portal.refdata.importer import Coverage, bundled_wage_rows

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def flask_cli(tmp_path, test_env):
    env = {**os.environ, **test_env, "DATABASE_URL": f"sqlite:///{tmp_path}/portal.sqlite",
           "PORTAL_INSTANCE_PATH": str(tmp_path / "instance")}
    env.pop("CELERY_BROKER_URL")  # the embedded broker in the instance folder, not the test run's Redis

    def run(*args):
        return subprocess.run([sys.executable, "-m", "flask", "--app", "employer_portal", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    assert run("db", "upgrade").returncode == 0
    return run


@pytest.mark.embedded
def test_on_sqlite_a_two_row_file_is_refused_merged_with_partial_and_undone_with_activate(flask_cli, tmp_path):
    """Issue item 4 on the embedded default: refused (bundled coverage counts), --partial, activate, status, audit."""
    bundled = bundled_wage_rows()
    covers = Coverage.of(bundled)
    by_key = {(r.noc, r.area): r for r in bundled}
    two_rows = write_official_csv(tmp_path / "two-rows.csv", [by_key[("21232", "ER3510")]._replace(median=60.0),
                                                               by_key[("21231", "ON")]._replace(median=70.0)])

    refused = flask_cli("refdata", "import-wages", str(two_rows))
    assert refused.returncode != 0
    assert [line for line in refused.stderr.splitlines() if line.strip()] == [
        f"Error: {two_rows} covers 2 occupations and 2 places; the version in force (jobbank-2025-11-19) covers "
        f"{covers.occupations} and {covers.places}: use --partial to merge it over the version in force; "
        "nothing imported"]

    merged = flask_cli("refdata", "import-wages", "--partial", "--by", "ana@example.com", str(two_rows))
    assert merged.returncode == 0, merged.stderr
    assert (f"merged 2 wage rows over jobbank-2025-11-19 ({covers.rows - 2} of its rows kept) as "
            "jobbank-2025-11-19-merged (now in force)") in merged.stdout

    restored = flask_cli("refdata", "activate", "jobbank-2025-11-19", "--by", "ana@example.com")
    assert restored.returncode == 0, restored.stderr
    assert "jobbank-wages: jobbank-2025-11-19 in force (was jobbank-2025-11-19-merged)" in restored.stdout

    status = flask_cli("refdata", "status", "--today", "2026-12-01").stdout
    assert f"jobbank-wages: jobbank-2025-11-19  published 2025-11-19  covers {covers.describe()}" in status
    assert "older than the fall-2026 release" in status

    with sqlite3.connect(tmp_path / "portal.sqlite") as connection:
        audit = connection.execute("SELECT action, actor_label, old_version, new_version FROM refdata_audit_events "
                                   "WHERE set_name = 'jobbank-wages' ORDER BY id").fetchall()
        rows = dict(connection.execute("SELECT v.version, count(f.id) FROM refdata_versions v JOIN "
                                       "refdata_wage_figures f ON f.version_id = v.id GROUP BY v.version").fetchall())
    assert audit == [
        ("load-bundled", "ana@example.com", None, "jobbank-2025-11-19"),
        ("import-wages-partial", "ana@example.com", "jobbank-2025-11-19", "jobbank-2025-11-19-merged"),
        ("activate", "ana@example.com", "jobbank-2025-11-19-merged", "jobbank-2025-11-19"),
    ]
    assert rows == {"jobbank-2025-11-19": covers.rows, "jobbank-2025-11-19-merged": covers.rows}

"""`flask refdata import-wages | load-bundled | status` as a user runs them."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from employer_portal.models.refdata import RefdataVersion
from employer_portal.refdata import store
from employer_portal.refdata.importer import delete_version, load_bundled_sets

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "jobbank_wages_2025_tech_sample.csv"


@pytest.fixture
def cli(app, db):
    load_bundled_sets()
    before = set(db.session.scalars(select(RefdataVersion.id)))
    yield app.test_cli_runner(mix_stderr=False) if _mixes() else app.test_cli_runner()
    db.session.rollback()
    for version_id in set(db.session.scalars(select(RefdataVersion.id))) - before:
        delete_version(version_id)
    store.invalidate()


def _mixes() -> bool:
    import inspect

    from click.testing import CliRunner

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


def test_import_wages_prints_the_new_version_and_row_count(cli):
    result = cli.invoke(args=["refdata", "import-wages", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "imported 355 wage rows as jobbank-2025-11-19" in result.output


def test_import_wages_refuses_a_malformed_file_with_the_line(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    lines = SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2] + ",extra"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli.invoke(args=["refdata", "import-wages", str(bad)])
    assert result.exit_code != 0
    assert "line 3: expected 22 columns, found 23" in result.stderr


def test_status_lists_every_set_in_force(cli):
    result = cli.invoke(args=["refdata", "status"])
    assert result.exit_code == 0
    for line_start in ("jobbank-wages: jobbank-2025-11-19", "noc-2021: noc-2021-v1.0", "gts-occupations-list:",
                       "gts-referral-partners:", "cusma-professions:", "lmia-exemption-codes:"):
        assert any(line.startswith(line_start) for line in result.output.splitlines()), line_start


def test_load_bundled_is_idempotent(cli):
    result = cli.invoke(args=["refdata", "load-bundled"])
    assert result.exit_code == 0
    assert "already loaded" in result.output

"""`flask refdata import-wages | activate | versions | load-bundled | status` as a user runs them."""
from __future__ import annotations

import pytest
from wages_files import SAMPLE, in_force_wages


@pytest.fixture
def cli(app, wages_db):
    return app.test_cli_runner(mix_stderr=False) if _mixes() else app.test_cli_runner()


def _mixes() -> bool:
    import inspect

    from click.testing import CliRunner

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


def _one_line_error(result) -> str:
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_import_wages_prints_the_new_version_and_row_count(cli, in_force_file, wages_db):
    """API.md, command line: `refdata import-wages PATH` imports the file as a new reference-data version."""
    rows = in_force_wages(wages_db).row_count
    result = cli.invoke(args=["refdata", "import-wages", str(in_force_file())])
    assert result.exit_code == 0, result.output
    assert f"imported {rows} wage rows as jobbank-2025-11-19" in result.output


def test_import_wages_refuses_a_malformed_file_with_the_line(cli, tmp_path):
    """API.md: a command that fails prints a one-line reason on standard error and exits non-zero."""
    bad = tmp_path / "bad.csv"
    lines = SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2] + ",extra"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "line 3: expected 22 columns, found 23" in _one_line_error(
        cli.invoke(args=["refdata", "import-wages", str(bad)]))


def test_import_wages_refuses_a_two_row_file_saying_what_would_be_lost(cli, two_row_file, wages_db):
    """Issue item 4: one import must not shrink the wages in force; the refusal names both coverages."""
    in_force = in_force_wages(wages_db)
    line = _one_line_error(cli.invoke(args=["refdata", "import-wages", str(two_row_file)]))
    assert f"covers 2 occupations and 2 places; the version in force ({in_force.version}) covers " in line
    assert "use --partial to merge it over the version in force" in line
    wages_db.session.rollback()
    assert in_force_wages(wages_db).id == in_force.id


def test_import_wages_partial_merges_the_rows_over_the_version_in_force(cli, two_row_file, wages_db):
    """Issue item 4: --partial keeps every row in force the file does not replace."""
    in_force = in_force_wages(wages_db)
    result = cli.invoke(args=["refdata", "import-wages", "--partial", str(two_row_file)])
    assert result.exit_code == 0, result.output
    assert (f"merged 2 wage rows over {in_force.version} ({in_force.row_count - 2} of its rows kept) "
            f"as jobbank-2025-11-19-merged") in result.output
    wages_db.session.rollback()
    merged = in_force_wages(wages_db)
    assert merged.version.startswith("jobbank-2025-11-19-merged") and merged.row_count == in_force.row_count
    assert "merged over " + in_force.version in merged.source


def test_activate_puts_the_earlier_version_back_in_force(cli, two_row_file, wages_db):
    """Issue item 4: `refdata activate VERSION` restores an earlier version; the others of its set leave force."""
    earlier = in_force_wages(wages_db)
    cli.invoke(args=["refdata", "import-wages", "--partial", str(two_row_file)])
    result = cli.invoke(args=["refdata", "activate", earlier.version])
    assert result.exit_code == 0, result.output
    assert f"jobbank-wages: {earlier.version} in force (was jobbank-2025-11-19-merged" in result.output
    wages_db.session.rollback()
    assert in_force_wages(wages_db).id == earlier.id


def test_activate_takes_the_version_id_too(cli, two_row_file, wages_db):
    """`refdata versions` prints each id; `activate` accepts it."""
    earlier = in_force_wages(wages_db)
    cli.invoke(args=["refdata", "import-wages", "--partial", str(two_row_file)])
    assert f"id {earlier.id}" in cli.invoke(args=["refdata", "versions", "jobbank-wages"]).output
    assert cli.invoke(args=["refdata", "activate", str(earlier.id)]).exit_code == 0
    wages_db.session.rollback()
    assert in_force_wages(wages_db).id == earlier.id


def test_activate_refuses_an_unknown_version(cli):
    """API.md: a failing command prints one line and exits non-zero."""
    assert "no reference-data version 'jobbank-1999-01-01'" in _one_line_error(
        cli.invoke(args=["refdata", "activate", "jobbank-1999-01-01"]))


def test_status_lists_every_set_in_force(cli):
    """API.md: `refdata status` prints the versions in force (wages, occupations list, partners, CUSMA, NOC)."""
    result = cli.invoke(args=["refdata", "status"])
    assert result.exit_code == 0
    for line_start in ("jobbank-wages: jobbank-2025-11-19", "noc-2021: noc-2021-v1.0", "gts-occupations-list:",
                       "gts-referral-partners:", "cusma-professions:", "lmia-exemption-codes:"):
        assert any(line.startswith(line_start) for line in result.output.splitlines()), line_start


def test_status_shows_the_wages_coverage_source_and_date(cli, wages_db):
    """Issue item 4: status shows occupations, places, rows and published figures, with source and as-of date."""
    from employer_portal.refdata.importer import wages_coverage

    in_force = in_force_wages(wages_db)
    covers = wages_coverage(in_force.id)
    line = next(l for l in cli.invoke(args=["refdata", "status"]).output.splitlines() if l.startswith("jobbank-wages:"))
    assert (f"covers {covers.occupations} occupations, {covers.places} places, {covers.rows} rows "
            f"({covers.published_figures} published figures)") in line
    assert "published 2025-11-19" in line and "source: ESDC Job Bank Wages open data" in line


def test_status_warns_from_december_when_the_wages_predate_the_fall_release(cli):
    """GTS-REQ: "Job Bank wages are updated every year in the fall." (review F-35)"""
    result = cli.invoke(args=["refdata", "status", "--today", "2026-12-01"])
    assert result.exit_code == 0
    assert ("warning: the Job Bank wages in force (jobbank-2025-11-19, published 2025-11-19) are older than the "
            "fall-2026 release: check open.canada.ca's Job Bank Wages dataset and import the new file before "
            "January 1, 2027") in result.output


def test_status_does_not_warn_while_the_2025_release_is_the_latest(cli):
    """GTS-REQ: the fall-2026 release is not expected before December 2026."""
    assert "warning" not in cli.invoke(args=["refdata", "status", "--today", "2026-11-30"]).output


def test_load_bundled_is_idempotent(cli):
    """`refdata load-bundled` is safe to rerun."""
    result = cli.invoke(args=["refdata", "load-bundled"])
    assert result.exit_code == 0
    assert "already loaded" in result.output


def test_status_lists_the_place_table_and_the_job_titles_table_with_source_and_date(cli):
    """Every set a finding can depend on is a recorded version with its source and as-of date (traceability)."""
    lines = cli.invoke(args=["refdata", "status"]).output.splitlines()
    regions = next(line for line in lines if line.startswith("economic-regions: statcan-er-2021-1"))
    titles = next(line for line in lines if line.startswith("noc-title-synonyms: noc-title-synonyms-2026-12-02"))
    assert "published 2021-01-01" in regions and "source: Statistics Canada" in regions
    assert "published 2026-12-02" in titles and "source: Project table" in titles

"""`flask checklists build HIRE_ID`: builds in the foreground and prints the file's path."""
from __future__ import annotations

from pathlib import Path


def test_cli_builds_the_pdf_and_prints_its_path(app, new_hire):
    hire_id = new_hire()
    result = app.test_cli_runner().invoke(args=["checklists", "build", str(hire_id)])
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip().splitlines()[-1])
    assert path.read_bytes().startswith(b"%PDF")


def test_cli_reuses_a_ready_pdf_for_the_same_inputs(app, new_hire):
    hire_id = new_hire()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["checklists", "build", str(hire_id)])
    second = runner.invoke(args=["checklists", "build", str(hire_id)])
    assert second.exit_code == 0
    assert first.stdout.splitlines()[-1] == second.stdout.splitlines()[-1]
    from sqlalchemy import func, select

    from employer_portal.extensions import db
    from employer_portal.models import ChecklistBuild

    with app.app_context():
        assert db.session.scalar(select(func.sum(ChecklistBuild.renders))) == 1


def test_cli_unknown_hire_is_a_one_line_error_and_non_zero_exit(app):
    result = app.test_cli_runner().invoke(args=["checklists", "build", "999999"])
    assert result.exit_code != 0
    assert "no hire with id 999999" in result.output
    assert len(result.output.strip().splitlines()) == 1

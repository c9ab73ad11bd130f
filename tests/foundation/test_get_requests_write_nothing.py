"""Issue 13 item 9: no GET request writes. Every GET route of the app, on the pages (signed in) and the API
(a token), is requested for a hire stored without its report and with its checklist out of step (its PDF
built, then its stored items gone, as for a hire the catalogue or the reference data moved under), and the
database must be the same afterwards: the same rows in every table."""
from __future__ import annotations

from sqlalchemy import text

# Routes whose arguments this test cannot fill with a real value: static files, dev pages, secret links
# (the upload link and the calendar feed have tests of their own).
SKIPPED_ARGUMENTS = {"filename", "name", "token", "document_id", "pack_id"}


# Sign-in bookkeeping a request does by design: a session's last activity (idle timeout, ASVS 7.3) and a
# token's last use. Their row counts still must not change.
TOUCHED_BY_DESIGN = {"user_sessions", "api_tokens"}


def _database_state(app) -> dict[str, str]:
    """Per table: the row count and a digest of every row (PostgreSQL), so an UPDATE shows as well as an INSERT."""
    from employer_portal.extensions import db

    with app.app_context():
        state = {}
        for name in sorted(db.metadata.tables):
            count = db.session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar()
            digest = "" if name in TOUCHED_BY_DESIGN else db.session.execute(text(
                f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{name}\" t")).scalar()
            state[name] = f"{count} rows {digest}"
        db.session.rollback()
    return state


def _hire_without_its_report(app, api) -> int:
    """A draft made through the API with its checklist PDF built, then stored without its report (as an
    older row may be): a GET must answer with the report computed, never store it."""
    from employer_portal.extensions import db

    hire_id = api.post("/api/v1/hires", json={"program": "gts_b", "worker": {"given_name": "Ana"}}).get_json()["id"]
    built = app.test_cli_runner().invoke(args=["checklists", "build", str(hire_id)])
    assert built.exit_code == 0, built.output
    with app.app_context():
        db.session.execute(text("UPDATE hires SET report = NULL WHERE id = :id"), {"id": hire_id})
        db.session.commit()
    return hire_id


def _checklist_out_of_step(app, hire_id: int) -> None:
    """The hire's stored checklist items gone, as if its facts had moved without the hire_saved signal: a GET
    must show the items fitted in memory, never store them. The per-process memos of input hashes and
    ready PDFs are forgotten, as in a freshly started process, so each GET works the checklist out."""
    from employer_portal.checklists import builds, digest
    from employer_portal.extensions import db

    with app.app_context():
        db.session.execute(text("DELETE FROM checklist_items WHERE hire_id = :id"), {"id": hire_id})
        db.session.commit()
    builds._READY_MEMO.clear()
    digest._HASH_MEMO.clear()


def _get_paths(app, values: dict) -> list[str]:
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.arguments & SKIPPED_ARGUMENTS or rule.endpoint.startswith("reminders_dev"):
            continue
        if rule.rule in ("/logout",):
            continue
        paths.append(rule.build({name: values[name] for name in rule.arguments})[1] if rule.arguments else rule.rule)
    return sorted(set(paths))


def test_no_get_request_changes_the_database(app, make, login, api_for):
    admin = make.user(role="admin")
    client = login(app.test_client(), admin)
    api = api_for(admin)
    hire_id = _hire_without_its_report(app, api)
    values = {"hire_id": hire_id, "user_id": admin.id, "token_id": 1}
    paths = _get_paths(app, values)
    assert f"/hires/{hire_id}" in paths and f"/api/v1/hires/{hire_id}/report" in paths

    changed, statuses = {}, {}
    for path in paths:
        _checklist_out_of_step(app, hire_id)
        before = _database_state(app)
        statuses[path] = (api.get(path) if path.startswith("/api/") else client.get(path)).status_code
        after = _database_state(app)
        if after != before:
            changed[f"{path} ({statuses[path]})"] = sorted(k for k in before if before[k] != after[k])
    assert changed == {}, "GET requests that wrote (tables changed)"
    # The checklist was read for real: the PDF built before still matches the items fitted in memory.
    assert statuses[f"/api/v1/hires/{hire_id}/checklist.pdf"] == 200
    assert statuses[f"/hires/{hire_id}/checklist.pdf"] == 200

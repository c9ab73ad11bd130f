"""A hire whose stored checklist is out of step with its facts (changed without the hire_saved signal, or
under a new catalogue or reference data): reads show the items it needs now, fitted in memory, and store
nothing; the next write path (a status change, a build request) stores them, statuses kept."""
from __future__ import annotations

from sqlalchemy import text

from checklist_job_payloads import ict_payload


def _stored_keys(app, hire_id: int) -> dict[str, bool]:
    from employer_portal.extensions import db

    with app.app_context():
        rows = db.session.execute(text("SELECT key, retired FROM checklist_items WHERE hire_id = :id"),
                                  {"id": hire_id}).all()
        db.session.rollback()
    return dict(rows)


def _category_changed_behind_the_signal(app, hire_id: int, category: str) -> None:
    from employer_portal.extensions import db

    with app.app_context():
        db.session.execute(text("UPDATE hires SET payload = jsonb_set(payload::jsonb, '{ict,category}', "
                                "to_jsonb(CAST(:category AS text)))::json WHERE id = :id"),
                           {"category": category, "id": hire_id})
        db.session.commit()


def _items(api, hire_id: int) -> dict[str, dict]:
    response = api.get(f"/api/v1/hires/{hire_id}/checklist")
    assert response.status_code == 200, response.get_data(as_text=True)
    return {item["key"]: item for item in response.get_json()["items"]}


def test_a_read_shows_the_items_fitted_to_the_hire_and_stores_nothing(app, employer_team, new_hire):
    hire_id = new_hire(ict_payload())
    api = employer_team["api"]
    kept = "ict.qualifying_relationship"  # every ICT category needs it
    assert api.patch(f"/api/v1/hires/{hire_id}/checklist/items/{kept}", json={"status": "received"}).status_code == 200
    stored = _stored_keys(app, hire_id)
    _category_changed_behind_the_signal(app, hire_id, "startup")

    shown = _items(api, hire_id)
    assert any(key.startswith("ict.startup") for key in shown)
    assert not any("specialized" in key for key in shown)
    assert shown[kept]["status"] == "received"
    assert _stored_keys(app, hire_id) == stored


def test_a_status_change_stores_the_fitted_items_with_their_statuses(app, employer_team, new_hire):
    hire_id = new_hire(ict_payload())
    api = employer_team["api"]
    _category_changed_behind_the_signal(app, hire_id, "startup")
    startup = next(key for key in _items(api, hire_id) if key.startswith("ict.startup"))

    response = api.patch(f"/api/v1/hires/{hire_id}/checklist/items/{startup}", json={"status": "received"})
    assert response.status_code == 200, response.get_data(as_text=True)
    stored = _stored_keys(app, hire_id)
    assert stored[startup] is False
    assert all(retired for key, retired in stored.items() if "specialized" in key)
    assert _items(api, hire_id)[startup]["status"] == "received"

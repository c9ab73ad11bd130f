"""The checklist panel on the hire page: controls for editors, read-only for viewers, no inline script."""
from __future__ import annotations

import re


def panel_html(client, hire_id):
    response = client.get(f"/hires/{hire_id}/checklist")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_editor_sees_status_controls_and_a_build_button(client, login, employer_team, new_hire):
    hire_id = new_hire()
    html = panel_html(login(client, employer_team["admin"]), hire_id)
    assert "Build PDF" in html
    assert 'name="status"' in html
    assert "js/checklist.js" in html
    assert not re.search(r"<script>|style=", html)


def test_hire_page_includes_the_panel(client, login, employer_team, new_hire):
    hire_id = new_hire()
    html = login(client, employer_team["admin"]).get(f"/hires/{hire_id}").get_data(as_text=True)
    assert 'id="checklist"' in html and "Document checklist" in html


def test_viewer_sees_the_items_read_only(client, login, employer_team, new_hire):
    hire_id = new_hire()
    html = panel_html(login(client, employer_team["viewer"]), hire_id)
    assert "Document checklist" in html
    assert "Build PDF" not in html and 'name="status"' not in html


def test_viewer_cannot_post_item_changes_or_builds(client, login, csrf_of, employer_team, new_hire):
    hire_id = new_hire()
    client = login(client, employer_team["viewer"])
    token = csrf_of(client.get("/dashboard").get_data(as_text=True))
    assert client.post(f"/hires/{hire_id}/checklist/build", data={"csrf_token": token}).status_code == 403
    assert client.post(f"/hires/{hire_id}/checklist/items/all.employment_agreement",
                       data={"csrf_token": token, "status": "received"}).status_code == 403


def test_editor_marks_an_item_received_through_the_form(client, login, csrf_of, employer_team, new_hire):
    hire_id = new_hire()
    client = login(client, employer_team["admin"])
    html = panel_html(client, hire_id)
    key = re.search(r'/checklist/items/([\w.]+)"', html).group(1)
    response = client.post(f"/hires/{hire_id}/checklist/items/{key}",
                           data={"csrf_token": csrf_of(html), "status": "received"})
    assert response.status_code == 302
    items = employer_team["api"].get(f"/api/v1/hires/{hire_id}/checklist").get_json()["items"]
    assert {i["key"]: i["status"] for i in items}[key] == "received"


def test_status_json_says_nothing_built_yet(client, login, employer_team, new_hire):
    hire_id = new_hire()
    body = login(client, employer_team["viewer"]).get(f"/hires/{hire_id}/checklist/status.json").get_json()
    assert body["status"] is None and body["downloadable"] is False and body["download_url"] is None


def test_another_employers_user_gets_404_on_the_checklist_pages(client, login, make, employer_team, new_hire):
    hire_id = new_hire()
    client = login(client, make.user(make.employer(), role="admin"))
    for path in ("/checklist", "/checklist/status.json", "/checklist.pdf"):
        assert client.get(f"/hires/{hire_id}{path}").status_code == 404

"""The hire page's inspection panel: the retention date, the pack's download, the admin's legal hold."""
from __future__ import annotations


def test_the_hire_page_shows_the_retention_date_and_the_pack_button(client, login, team, make_hire):
    """IRPR R209.3(1)(c): an ended hire's page says until when its documents are kept."""
    hire_id = make_hire(team["employer_id"], status="ended")
    login(client, team["hr"])
    html = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert "Keep this hire's documents until <strong>2025-03-01</strong>" in html
    assert "Build inspection pack" in html
    assert "Place legal hold" not in html  # admins only


def test_an_admin_places_a_legal_hold_from_the_hire_page(app, client, login, csrf_of, team, make_hire):
    """The hold is switched on the hire page by an admin, with a reason, and recorded in the audit trail."""
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    hire_id = make_hire(team["employer_id"], status="ended")
    login(client, team["admin"])
    page = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    response = client.post(f"/hires/{hire_id}/legal-hold",
                           data={"csrf_token": csrf_of(page), "on": "1", "reason": "ESDC inspection"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Hire, hire_id).legal_hold is True
    assert "Legal hold" in client.get(f"/hires/{hire_id}").get_data(as_text=True)


def test_hr_deleting_early_from_the_page_is_forbidden_and_an_admin_s_needs_a_reason(
        app, client, login, csrf_of, team, make_hire, add_document):
    """IRPR R209.3(1)(c): before the retention date the page refuses HR (403) and an admin without a reason."""
    from employer_portal.extensions import db
    from employer_portal.models import Document

    hire_id = make_hire(team["employer_id"], status="active")
    document_id = add_document(hire_id, b"%PDF-1.4 offer")
    login(client, team["hr"])
    token = csrf_of(client.get(f"/hires/{hire_id}").get_data(as_text=True))
    url = f"/hires/{hire_id}/documents/{document_id}/delete"
    assert client.post(url, data={"csrf_token": token, "reason": "x"}).status_code == 403
    admin = app.test_client()
    login(admin, team["admin"])
    token = csrf_of(admin.get(f"/hires/{hire_id}").get_data(as_text=True))
    assert admin.post(url, data={"csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.get(Document, document_id).status == "accepted"
    assert admin.post(url, data={"csrf_token": token, "reason": "wrong hire"}).status_code == 302
    with app.app_context():
        assert db.session.get(Document, document_id).status == "deleted"

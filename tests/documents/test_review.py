"""HR review: accept (the item becomes received, with who and when), reject with a reason the worker
sees, replace; HR uploads; every step audited; files served only to the employer (issue 12, item 3)."""
from __future__ import annotations

from worker_document_samples import EMPLOYER_ITEM, PDF, WORKER_ITEM


def _uploaded(new_link, upload, hire_id, data=PDF, name="scan.pdf", item=WORKER_ITEM) -> int:
    link = new_link(hire_id)
    response = upload(link["path"], item, data, name)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["document"]["id"]


def _item(api, hire_id, key):
    items = api.get(f"/api/v1/hires/{hire_id}/checklist").get_json()["items"]
    return next(i for i in items if i["key"] == key)


def test_accepting_marks_the_checklist_item_received_with_who_and_when(team, hire_id, new_link, upload):
    """Issue 12: 'Accept (the item becomes received, with who and when)'."""
    api = team["api"]
    document_id = _uploaded(new_link, upload, hire_id)
    assert _item(api, hire_id, WORKER_ITEM)["status"] == "missing"
    response = api.post(f"/api/v1/documents/{document_id}/accept")
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["status"] == "accepted" and body["reviewed_by"] == team["hr"].id and body["reviewed_at"]
    item = _item(api, hire_id, WORKER_ITEM)
    assert item["status"] == "received" and item["updated_by"] == team["hr"].id and item["updated_at"]


def test_a_rejection_needs_a_reason_and_the_worker_sees_it(team, hire_id, new_link, upload, client):
    """Issue 12: 'reject with a reason the worker sees'."""
    link = new_link(hire_id)
    document_id = upload(link["path"], WORKER_ITEM, PDF, "blurry.pdf").get_json()["document"]["id"]
    assert team["api"].post(f"/api/v1/documents/{document_id}/reject", json={"reason": " "}).status_code == 422
    response = team["api"].post(f"/api/v1/documents/{document_id}/reject",
                                json={"reason": "The scan is cut off: please include all four corners."})
    assert response.status_code == 200 and response.get_json()["status"] == "rejected"
    html = client.get(link["path"]).get_data(as_text=True)
    assert "The scan is cut off: please include all four corners." in html
    assert "Send replacement" in html


def test_the_worker_replaces_a_rejected_file(team, hire_id, new_link, upload, document_rows, jpeg):
    """Issue 12: 'replace': the new file waits for review, the rejected one is marked replaced."""
    link = new_link(hire_id)
    first = upload(link["path"], WORKER_ITEM, PDF).get_json()["document"]["id"]
    team["api"].post(f"/api/v1/documents/{first}/reject", json={"reason": "Wrong page"})
    response = upload(link["path"], WORKER_ITEM, jpeg, "photo.jpg", replaces=str(first))
    assert response.status_code == 201
    rows = {row.id: row for row in document_rows()}
    assert rows[first].status == "replaced" and rows[first].reject_reason == "Wrong page"
    second = rows[response.get_json()["document"]["id"]]
    assert (second.status, second.content_type) == ("pending_review", "image/jpeg")


def test_rejecting_the_only_accepted_file_puts_the_item_back_to_missing(team, hire_id, new_link, upload):
    """Accepted by mistake: rejecting it undoes 'received' when no other accepted file remains."""
    api = team["api"]
    document_id = _uploaded(new_link, upload, hire_id)
    api.post(f"/api/v1/documents/{document_id}/accept")
    api.post(f"/api/v1/documents/{document_id}/reject", json={"reason": "Expired document"})
    assert _item(api, hire_id, WORKER_ITEM)["status"] == "missing"


def test_a_viewer_cannot_accept_or_reject(team, hire_id, new_link, upload):
    """Viewers read; only HR and admins change (403)."""
    document_id = _uploaded(new_link, upload, hire_id)
    assert team["viewer_api"].post(f"/api/v1/documents/{document_id}/accept").status_code == 403
    assert team["viewer_api"].post(f"/api/v1/documents/{document_id}/reject", json={"reason": "x"}).status_code == 403
    assert team["viewer_api"].get(f"/api/v1/hires/{hire_id}/documents").status_code == 200


def test_another_employers_document_is_not_found(make, api_for, hire_id, new_link, upload):
    """Tenant isolation: another employer's document is a 404 everywhere (served only to the employer's users)."""
    document_id = _uploaded(new_link, upload, hire_id)
    stranger = api_for(make.user(make.employer(), role="admin"))
    assert stranger.get(f"/api/v1/documents/{document_id}/file").status_code == 404
    assert stranger.post(f"/api/v1/documents/{document_id}/accept").status_code == 404
    assert stranger.post(f"/api/v1/documents/{document_id}/reject", json={"reason": "x"}).status_code == 404
    assert stranger.get(f"/api/v1/hires/{hire_id}/documents").status_code == 404


def test_another_employers_document_is_not_found_on_the_pages(make, hire_id, new_link, upload, client, login):
    """Tenant isolation on the hire page routes too."""
    document_id = _uploaded(new_link, upload, hire_id)
    login(client, make.user(make.employer(), role="admin"))
    assert client.get(f"/hires/{hire_id}/documents/{document_id}/file").status_code == 404


def test_the_file_is_served_as_an_attachment_with_nosniff_and_our_name(team, hire_id, new_link, upload):
    """Issue 12: served as attachments with nosniff; the name is made by the portal."""
    document_id = _uploaded(new_link, upload, hire_id, name='"><script>.pdf')
    response = team["viewer_api"].get(f"/api/v1/documents/{document_id}/file")
    assert response.status_code == 200 and response.data == PDF
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="document-{document_id}-ict-continuous-employment.pdf"')


def test_every_step_is_in_the_audit_trail(app, team, hire_id, new_link, upload, jpeg):
    """Issue 12: 'every step in the audit trail' (link made and revoked, upload, reject, replace, accept)."""
    from sqlalchemy import select

    from employer_portal.extensions import db
    from employer_portal.models import AuditEvent

    link = new_link(hire_id)
    first = upload(link["path"], WORKER_ITEM, PDF).get_json()["document"]["id"]
    team["api"].post(f"/api/v1/documents/{first}/reject", json={"reason": "Blurry"})
    second = upload(link["path"], WORKER_ITEM, jpeg, "p.jpg", replaces=str(first)).get_json()["document"]["id"]
    team["api"].post(f"/api/v1/documents/{second}/accept")
    team["api"].delete(f"/api/v1/upload-links/{link['id']}")
    with app.app_context():
        events = [(e.entity, e.entity_id, e.action, e.actor_label) for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity.in_(("document", "upload_link"))).order_by(AuditEvent.id))]
    hr = team["hr"].email
    assert events == [
        ("upload_link", link["id"], "created", hr),
        ("document", first, "uploaded", "worker (upload link)"),
        ("document", first, "rejected", hr),
        ("document", second, "uploaded", "worker (upload link)"),
        ("document", first, "replaced", "worker (upload link)"),
        ("document", second, "accepted", hr),
        ("upload_link", link["id"], "revoked", hr),
    ]


def test_hr_uploads_an_employer_item_from_the_hire_page(team, hire_id, client, login, csrf_of, document_rows):
    """Issue 12: 'HR can also upload documents themselves (the employer's own items)'."""
    import io

    login(client, team["hr"])
    html = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    response = client.post(f"/hires/{hire_id}/documents/items/{EMPLOYER_ITEM}",
                           data={"csrf_token": csrf_of(html), "file": (io.BytesIO(PDF), "letter.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    [row] = document_rows()
    assert (row.item_key, row.uploaded_by_id, row.upload_link_id) == (EMPLOYER_ITEM, team["hr"].id, None)


def test_the_page_says_no_scan_ran_when_no_scanner_is_configured(team, hire_id, new_link, upload, client, login):
    """Issue 12: 'the default says in the UI that no scan ran'."""
    _uploaded(new_link, upload, hire_id)
    login(client, team["hr"])
    html = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert "No virus scan runs on uploads" in html and "no virus scan ran" in html


def test_hr_replaces_an_accepted_file_and_the_item_waits_again(team, hire_id, new_link, upload, client, login,
                                                               csrf_of, document_rows, jpeg):
    """Issue 12: 'replace': HR swaps an accepted file for a new one; the old is kept as replaced, and the
    item is no longer received until the new one is accepted."""
    import io

    first = _uploaded(new_link, upload, hire_id)
    team["api"].post(f"/api/v1/documents/{first}/accept")
    login(client, team["hr"])
    html = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert f'<option value="{first}">' in html
    response = client.post(f"/hires/{hire_id}/documents/items/{WORKER_ITEM}",
                           data={"csrf_token": csrf_of(html), "file": (io.BytesIO(jpeg), "new.jpg"),
                                 "replaces": str(first)}, content_type="multipart/form-data")
    assert response.status_code == 302
    statuses = {row.id: row.status for row in document_rows()}
    assert statuses[first] == "replaced" and sorted(statuses.values()) == ["pending_review", "replaced"]
    assert _item(team["api"], hire_id, WORKER_ITEM)["status"] == "missing"

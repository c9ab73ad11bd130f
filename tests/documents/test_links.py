"""The worker's upload link: single-hire, unguessable, stored hashed, expiring, revocable, rate limited
(issue 12, item 1)."""
from __future__ import annotations

import datetime as dt
import hashlib
import re

from worker_document_samples import EMPLOYER_ITEM, OTHER_WORKER_ITEM, PDF, WORKER_ITEM  # noqa: F401


def _link_row(app, link_id):
    from employer_portal.extensions import db
    from employer_portal.models.document import UploadLink

    with app.app_context():
        row = db.session.get(UploadLink, link_id)
        db.session.expunge(row)
        return row


def test_a_link_has_a_256_bit_token_stored_only_as_its_sha256(app, hire_id, new_link):
    """Issue 12: links are unguessable (≥128 bits) and stored hashed."""
    link = new_link(hire_id)
    token = link["path"].rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes, urlsafe base64
    row = _link_row(app, link["id"])
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(row.__dict__)


def test_a_link_expires_in_14_days_by_default_or_as_asked(hire_id, new_link):
    """Issue 12: expires (14 days by default, configurable)."""
    now = dt.datetime.now(dt.timezone.utc)
    default = dt.datetime.fromisoformat(new_link(hire_id)["expires_at"])
    assert abs((default - now) - dt.timedelta(days=14)) < dt.timedelta(minutes=1)
    three = dt.datetime.fromisoformat(new_link(hire_id, expires_in_days=3)["expires_at"])
    assert abs((three - now) - dt.timedelta(days=3)) < dt.timedelta(minutes=1)


def test_the_default_lifetime_is_a_setting(app, monkeypatch, hire_id, new_link):
    """Issue 12: UPLOAD_LINK_DAYS configures the default."""
    monkeypatch.setitem(app.config, "UPLOAD_LINK_DAYS", 2)
    expires = dt.datetime.fromisoformat(new_link(hire_id)["expires_at"])
    assert expires - dt.datetime.now(dt.timezone.utc) < dt.timedelta(days=2, minutes=1)


def test_a_bad_lifetime_is_refused(team, hire_id):
    response = team["api"].post(f"/api/v1/hires/{hire_id}/upload-links", json={"expires_in_days": 0})
    assert response.status_code == 422 and "expires_in_days" in response.get_json()["errors"]


def test_the_worker_page_lists_only_the_items_the_worker_provides(hire_id, new_link, client):
    """Issue 12: the link lists the checklist items the worker provides (catalogue provider "worker")."""
    page = client.get(new_link(hire_id)["path"])
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'data-item="{WORKER_ITEM}"' in html and f'data-item="{OTHER_WORKER_ITEM}"' in html
    assert f'data-item="{EMPLOYER_ITEM}"' not in html
    assert page.headers["Cache-Control"] == "no-store" and page.headers["Referrer-Policy"] == "no-referrer"
    assert 'name="viewport"' in html


def test_an_expired_link_is_refused_and_nothing_stored(app, hire_id, new_link, upload, client, document_rows):
    """Issue 12: 'Refused with a plain message and nothing stored: … an expired … link'."""
    from employer_portal.extensions import db
    from employer_portal.models.document import UploadLink

    link = new_link(hire_id)
    with app.app_context():
        row = db.session.get(UploadLink, link["id"])
        row.expires_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)
        db.session.commit()
    response = upload(link["path"], WORKER_ITEM, PDF)
    assert response.status_code == 410 and "expired" in response.get_json()["detail"]
    page = client.get(link["path"])
    assert page.status_code == 410 and "expired" in page.get_data(as_text=True)
    assert document_rows() == []


def test_a_revoked_link_is_refused_and_nothing_stored(team, hire_id, new_link, upload, client, document_rows):
    """Issue 12: 'Refused with a plain message and nothing stored: … a revoked link'."""
    link = new_link(hire_id)
    assert team["api"].delete(f"/api/v1/upload-links/{link['id']}").status_code == 204
    response = upload(link["path"], WORKER_ITEM, PDF)
    assert response.status_code == 410 and "withdrawn" in response.get_json()["detail"]
    assert client.get(link["path"]).status_code == 410
    assert document_rows() == []


def test_an_unknown_token_is_not_found(client, upload):
    assert client.get("/upload/" + "A" * 43).status_code == 404
    assert upload("/upload/" + "A" * 43, WORKER_ITEM, PDF).status_code == 404


def test_a_viewer_cannot_make_or_revoke_links(team, hire_id, new_link):
    """Viewers read; only HR and admins change (API.md roles)."""
    assert team["viewer_api"].post(f"/api/v1/hires/{hire_id}/upload-links").status_code == 403
    link = new_link(hire_id)
    assert team["viewer_api"].delete(f"/api/v1/upload-links/{link['id']}").status_code == 403


def test_another_employers_link_cannot_be_made_or_revoked(make, api_for, hire_id, new_link):
    """Tenant isolation: another employer's hire and link are simply not found."""
    stranger = api_for(make.user(make.employer(), role="hr"))
    assert stranger.post(f"/api/v1/hires/{hire_id}/upload-links").status_code == 404
    link = new_link(hire_id)
    assert stranger.delete(f"/api/v1/upload-links/{link['id']}").status_code == 404


def test_the_worker_page_is_rate_limited(app, monkeypatch, hire_id, new_link, client):
    """Issue 12: links are rate-limited (UPLOAD_RATE_LIMIT per client address)."""
    monkeypatch.setitem(app.config, "UPLOAD_RATE_LIMIT", "3 per minute")
    path = new_link(hire_id)["path"]
    statuses = [client.get(path).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_hr_emails_the_link_from_the_hire_page(app, team, hire_id, client, login, csrf_of):
    """Issue 12: HR sends the link from the hire page by email to the worker (through the mailer)."""
    from pathlib import Path

    login(client, team["hr"])
    page = client.get(f"/hires/{hire_id}")
    assert page.status_code == 200 and 'id="documents"' in page.get_data(as_text=True)
    outbox = Path(app.config["MAIL_OUTBOX_DIR"])
    before = set(outbox.glob("upload-link-*.eml")) if outbox.exists() else set()
    response = client.post(f"/hires/{hire_id}/documents/links", data={"csrf_token": csrf_of(page.get_data(as_text=True))})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "emailed to ana@example.com" in html
    url = re.search(r'data-upload-url value="([^"]+)"|value="([^"]+)" data-upload-url', html)
    url = next(g for g in url.groups() if g)
    [mail] = set(outbox.glob("upload-link-*.eml")) - before
    text = mail.read_text()
    assert "To: ana@example.com" in text and url in text.replace("=\n", "")

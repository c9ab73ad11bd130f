"""In a real browser: the demo admin signs in, creates an API token in settings and sees it once."""
from __future__ import annotations

import urllib.request

import pytest

from employer_portal.cli import DEMO_ADMIN

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(app):
    from employer_portal.extensions import db
    from employer_portal.seed import seed_demo_data

    with app.app_context():
        seed_demo_data()
        db.session.commit()


def _api_status(base: str, path: str, token: str) -> int:
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_demo_admin_creates_a_token_sees_it_once_and_it_works(demo, page, live_server):
    page.goto(f"{live_server}/login")
    page.get_by_label("Email").fill(DEMO_ADMIN[0])
    page.get_by_label("Password").fill(DEMO_ADMIN[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/dashboard")
    assert page.get_by_role("heading", name="Dashboard").is_visible()

    page.goto(f"{live_server}/settings/")
    page.get_by_label("Label").fill("HRIS sync")
    page.get_by_role("button", name="Create token").click()
    secret = page.locator("#new-token").inner_text().strip()
    assert secret.startswith("ept_")
    assert page.get_by_role("cell", name="HRIS sync").is_visible()

    page.reload()  # a reload neither shows the secret again nor creates a second token
    assert page.locator("#new-token").count() == 0
    assert page.get_by_role("cell", name="HRIS sync").count() == 1
    assert secret not in page.content()

    assert _api_status(live_server, "/api/v1/users", secret) == 200
    assert _api_status(live_server, "/api/v1/users", secret[:-2] + "xx") == 401

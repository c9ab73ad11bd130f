"""The password forms in a real browser (issue 13 item 2): the strength meter reacts as the user types, under the
page's CSP (no inline script), and the change-password form revokes the user's API tokens unless unticked."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, user):
    page.goto(f"{live_server}/login")
    page.fill('[name="email"]', user.email)
    page.fill('[name="password"]', user.password)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url(re.compile(r".*/dashboard.*|.*/$"))


def _csp_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    return errors


def test_the_meter_rates_the_new_password_as_it_is_typed(page, live_server, make):
    """ASVS 5.0 6.2.7/6.2.8 (guidance while choosing): a meter on the form; the server's policy decides."""
    user = make.user(email="patterson@widgetworks.example")
    errors = _csp_errors(page)
    _sign_in(page, live_server, user)
    page.goto(f"{live_server}/account/password")
    box = page.locator("#new-password-meter")
    field = page.locator('[name="new_password"]')
    expect(box).to_be_visible()
    field.fill("short")
    expect(box.locator("[data-meter-text]")).to_contain_text("Too short")
    field.fill("patterson-rides-bikes")
    expect(box.locator("[data-meter-text]")).to_contain_text("patterson")
    expect(box).to_have_attribute("data-strength", "0")
    field.fill("Quiet-Lantern-Harbour-2931!")
    expect(box).to_have_attribute("data-strength", re.compile("[34]"))
    assert box.locator("meter").evaluate("m => m.value") >= 3
    assert errors == []


def test_the_meter_on_the_users_page_flags_the_new_users_email(page, live_server, make):
    """ASVS 5.0 6.2.11: the new user's e-mail local part is a context word on the users page too."""
    admin = make.user(role="admin")
    _sign_in(page, live_server, admin)
    page.goto(f"{live_server}/settings/users")
    page.fill('[name="email"]', "rosalind@example.com")
    page.fill('[name="password"]', "rosalind-plays-chess")
    expect(page.locator("#new-password-meter [data-meter-text]")).to_contain_text("rosalind")


def test_changing_the_password_revokes_the_api_tokens_by_default(page, live_server, make, app):
    """ASVS 5.0 7.4.3: the revoke box is ticked when the page opens; submitting as is revokes every token."""
    from employer_portal.extensions import db
    from employer_portal.models import ApiToken

    user = make.user()
    make.token(user), make.token(user)
    _sign_in(page, live_server, user)
    page.goto(f"{live_server}/account/password")
    expect(page.locator('[name="revoke_tokens"]')).to_be_checked()
    page.fill('[name="current_password"]', user.password)
    page.fill('[name="new_password"]', "Quiet-Lantern-Harbour-2931!")
    with page.expect_navigation(wait_until="load"):
        page.locator('form button[type="submit"]').last.click()
    expect(page.locator(".flash")).to_contain_text("2 API tokens revoked")
    with app.app_context():
        live = db.session.scalar(select(func.count()).select_from(ApiToken).where(
            ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    assert live == 0

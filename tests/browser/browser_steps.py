"""Steps the browser tests share (a module of its own: `conftest` imports clash across test folders)."""
from __future__ import annotations

import re


def sign_in(page, live_server, user) -> None:
    """Sign `user` in through the login form and wait for the dashboard."""
    page.goto(f"{live_server}/login")
    page.fill('[name="email"]', user.email)
    page.fill('[name="password"]', user.password)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url(re.compile(r".*/dashboard.*|.*/$"))

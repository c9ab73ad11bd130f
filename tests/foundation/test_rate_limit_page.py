"""Issue 10 item 7: the rate-limit answer. A person gets a page in the site's layout saying in plain words when to
try again; a JSON client gets problem+json; both carry Retry-After from the limiter's reset time."""
from __future__ import annotations

import re


def _use_up_sign_in_attempts(client, csrf_of) -> str:
    """Ten failed sign-ins from one address (LOGIN_RATE_LIMIT is 10 a minute); returns a CSRF token for the next."""
    token = csrf_of(client.get("/login").get_data(as_text=True))
    for i in range(10):
        response = client.post("/login", data={"email": f"nobody{i}@example.com", "password": "wrong-password-xyz",
                                               "csrf_token": token})
        assert response.status_code == 401
    return token


def test_rate_limited_sign_in_shows_a_page_in_the_site_layout_saying_when_to_try_again(client, make, csrf_of):
    token = _use_up_sign_in_attempts(client, csrf_of)
    response = client.post("/login", data={"email": "other@example.com", "password": "wrong", "csrf_token": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert response.mimetype == "text/html"
    assert 'class="topbar"' in html and 'href="/static/css/portal.css"' in html  # base.html's layout
    wait = int(response.headers["Retry-After"])
    assert 1 <= wait <= 60
    said = re.search(r"Please wait <strong>([^<]+)</strong>, then try again", html)
    assert said, html
    assert said.group(1) in (f"{wait} seconds", f"{wait + 1} seconds", f"{wait - 1} seconds", "about a minute")


def test_rate_limited_json_client_gets_problem_json_with_retry_after(client, make, csrf_of):
    token = _use_up_sign_in_attempts(client, csrf_of)
    response = client.post("/login", data={"email": "other@example.com", "password": "wrong", "csrf_token": token},
                           headers={"Accept": "application/json"})
    assert response.status_code == 429
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 429 and body["title"] == "Too Many Requests"
    assert "Try again in" in body["detail"]
    assert 1 <= int(response.headers["Retry-After"]) <= 60


def test_wait_is_said_in_words():
    from employer_portal.problems import wait_in_words

    assert [wait_in_words(s) for s in (1, 45, 55, 90, 600, 3600, 7200)] == [
        "1 second", "45 seconds", "about a minute", "about 2 minutes", "about 10 minutes", "about an hour",
        "about 2 hours"]

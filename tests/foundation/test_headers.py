"""Security headers and the session cookie (QUALITY.md §3.4.4)."""
from __future__ import annotations


def test_pages_send_a_strict_csp_and_the_basic_headers(client):
    headers = client.get("/login").headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_hsts_is_sent_over_https_only(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    hsts = client.get("/login", base_url="https://localhost").headers["Strict-Transport-Security"]
    assert "includeSubDomains" in hsts
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000


def test_api_responses_are_not_cached(client):
    assert client.get("/api/v1/health").headers["Cache-Control"] == "no-store"


def test_session_cookie_is_host_prefixed_secure_httponly_lax_over_https(other_app, make, csrf_of):
    secure = other_app(env={"PORTAL_BASE_URL": "https://portal.example"})
    user = make.user()
    client = secure.test_client()
    base = "https://localhost"
    page = client.get("/login", base_url=base)
    response = client.post("/login", base_url=base, headers={"Referer": f"{base}/login"},
                           data={"email": user.email, "password": user.password,
                                 "csrf_token": csrf_of(page.get_data(as_text=True))})
    assert response.status_code == 302
    cookie = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("__Host-session=")][0]
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"secure", "httponly", "path"} <= attributes and "domain" not in attributes
    assert "SameSite=Lax" in cookie
    assert client.get("/dashboard", base_url=base).status_code == 200

"""What every HTML page shares: sign-in loading, security headers, template helpers."""
from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user

from employer_portal.extensions import login_manager

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

SECURITY_HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
_SECURITY_HEADERS_LOWER = tuple((name, value, name.lower()) for name, value in SECURITY_HEADERS)


class PageSessionInterface(SecureCookieSessionInterface):
    """The signed session cookie, for pages only: the API takes bearer tokens, never the cookie, so an API
    request gets an empty session that cannot be written, without verifying a cookie signature."""

    def open_session(self, app, request):
        if request.path.startswith("/api/"):
            return self.null_session_class()
        return super().open_session(app, request)


def init_web(app: Flask) -> None:
    app.session_interface = PageSessionInterface()
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def _load(session_token: str):
        from employer_portal.accounts import user_for_session
        from employer_portal.tenancy import enter_tenant

        user = user_for_session(session_token)
        if user is not None:
            enter_tenant(user.employer_id)  # the rest of the request sees this employer's rows only
        return user

    @app.after_request
    def _security_headers(response):
        headers = response.headers
        # Each unless the view set its own; one pass over the few headers there are (setdefault scans per name).
        present = {name.lower() for name, _value in headers.items()}
        missing = [(name, value) for name, value, lower in _SECURITY_HEADERS_LOWER if lower not in present]
        if missing:
            headers.extend(missing)
        req = request._get_current_object()  # one context lookup for both reads below
        if req.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        # API responses set their own Cache-Control; only pages ask who is signed in (a session lookup).
        if not req.path.startswith(("/static/", "/api/")) and current_user and current_user.is_authenticated:
            headers.setdefault("Cache-Control", "no-store")
        return response

    @app.get("/favicon.ico")
    def favicon():
        # Browsers and bookmark tools ask for /favicon.ico whatever the page links; answer with the SVG.
        from flask import redirect, url_for

        return redirect(url_for("static", filename="favicon.svg"), code=301)

    @app.context_processor
    def _template_globals():
        return {"dev_pages": app.config.get("DEV_PAGES", False), "url_endpoints": app.view_functions}

    # Words for people (issue 10 item 4): the product's name, and statuses, field labels, audit sentences and
    # finding sources each from their one table.
    from employer_portal.config import PRODUCT_NAME
    from employer_portal.hires import audit_words, forms, sources

    app.jinja_env.globals.update(product_name=PRODUCT_NAME, field_label=forms.field_label,
                                 option_label=forms.option_label, audit_sentences=audit_words.describe_changes,
                                 source_links=sources.source_links)
    app.jinja_env.filters["status_label"] = lambda status: forms.STATUS_LABELS.get(status, status)

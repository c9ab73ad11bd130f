"""One error format for the API: application/problem+json, made by one set of handlers."""
from __future__ import annotations

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException


class Problem(Exception):
    """Raise to answer with a problem+json body (status, title, detail, field errors)."""

    def __init__(self, status: int, title: str, detail: str = "", errors: dict | None = None, **extra):
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.errors, self.extra = status, title, detail, errors, extra


BEARER_CHALLENGE = 'Bearer realm="employer-portal"'

# A hostile or broken body can name thousands of bad fields; the answer stays small.
MAX_ERROR_FIELDS = 50
MAX_MESSAGES_PER_FIELD = 5


def capped_errors(errors: dict) -> tuple[dict, int]:
    """At most MAX_ERROR_FIELDS fields with at most MAX_MESSAGES_PER_FIELD messages each, and how many were cut."""
    capped, cut = {}, 0
    for index, (field, messages) in enumerate(errors.items()):
        count = len(messages) if isinstance(messages, list) else 1
        if index >= MAX_ERROR_FIELDS:
            cut += count
            continue
        capped[field] = messages[:MAX_MESSAGES_PER_FIELD] if isinstance(messages, list) else messages
        cut += count - min(count, MAX_MESSAGES_PER_FIELD)
    return capped, cut


def problem_response(status: int, title: str, detail: str = "", errors: dict | None = None, **extra):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail or title}
    if errors is not None:
        body["errors"], cut = capped_errors(errors)
        if cut:
            body["detail"] = f"{body['detail']} Only the first errors are listed: {cut} more were cut."
            body["errors_cut"] = cut
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def wants_problem() -> bool:
    return request.path.startswith("/api/")


def register_problem_handlers(app: Flask) -> None:
    @app.errorhandler(Problem)
    def _problem(exc: Problem):
        response = problem_response(exc.status, exc.title, exc.detail, exc.errors, **exc.extra)
        if exc.status == 401:  # RFC 6750: the challenge names the scheme (the OpenAPI document declares it)
            response.headers["WWW-Authenticate"] = BEARER_CHALLENGE
        return response

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if exc.code == 429:
            return _too_many_requests(exc)
        if wants_problem():
            response = problem_response(exc.code or 500, exc.name, exc.description or exc.name)
            if exc.code == 401:
                response.headers["WWW-Authenticate"] = BEARER_CHALLENGE
            if exc.code == 405 and exc.valid_methods:
                response.headers["Allow"] = ", ".join(exc.valid_methods)
            return response
        if exc.code in (403, 404):
            from flask import render_template
            return render_template(f"errors/{exc.code}.html"), exc.code
        return exc

    def _too_many_requests(exc: HTTPException):
        # The limiter adds Retry-After (and the X-RateLimit headers) to whichever response this is.
        wait = retry_after_seconds()
        if wants_problem() or _prefers_json():
            detail = f"Too many requests. Try again in {wait_in_words(wait)}."
            return problem_response(429, "Too Many Requests", detail)
        from flask import render_template
        return render_template("errors/429.html", wait=wait_in_words(wait)), 429

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        # Log the type and where, not the request body: it may hold personal data.
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        if wants_problem():
            return problem_response(500, "Internal Server Error", "Something went wrong on our side.")
        from flask import render_template
        return render_template("errors/500.html"), 500


def _prefers_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json", "application/problem+json"])
    return best in ("application/json", "application/problem+json")


def retry_after_seconds() -> int:
    """Seconds until the limit that refused this request lets requests through again (at least 1)."""
    import time

    from employer_portal.extensions import limiter

    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, int(current.reset_at - time.time()))


def wait_in_words(seconds: int) -> str:
    """'45 seconds', 'about a minute', 'about 3 minutes', 'about an hour'."""
    if seconds < 50:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = round(seconds / 60)
    if minutes <= 1:
        return "about a minute"
    if minutes < 60:
        return f"about {minutes} minutes"
    hours = round(minutes / 60)
    return "about an hour" if hours <= 1 else f"about {hours} hours"

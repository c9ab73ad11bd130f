"""One error format for the API: application/problem+json, made by one set of handlers."""
from __future__ import annotations

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException


class Problem(Exception):
    """Raise to answer with a problem+json body (status, title, detail, field errors)."""

    def __init__(self, status: int, title: str, detail: str = "", errors: dict | None = None, **extra):
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.errors, self.extra = status, title, detail, errors, extra


def problem_response(status: int, title: str, detail: str = "", errors: dict | None = None, **extra):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail or title}
    if errors is not None:
        body["errors"] = errors
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
        return problem_response(exc.status, exc.title, exc.detail, exc.errors, **exc.extra)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if wants_problem():
            response = problem_response(exc.code or 500, exc.name, exc.description or exc.name)
            if exc.code == 401:
                response.headers["WWW-Authenticate"] = 'Bearer realm="employer-portal"'
            if exc.code == 405 and exc.valid_methods:
                response.headers["Allow"] = ", ".join(exc.valid_methods)
            return response
        if exc.code in (403, 404):
            from flask import render_template
            return render_template(f"errors/{exc.code}.html"), exc.code
        return exc

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        # Log the type and where, not the request body: it may hold personal data.
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        if wants_problem():
            return problem_response(500, "Internal Server Error", "Something went wrong on our side.")
        from flask import render_template
        return render_template("errors/500.html"), 500

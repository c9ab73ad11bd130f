"""The JSON API (/api/v1): bearer tokens, problem+json errors, tenant-scoped resources.

The blueprint object and the helpers the view modules share are in `api/blueprint.py` (a view module imports
them from there, never from this package: no import cycle). Here: the request hooks, and the imports at the
bottom that register each feature's endpoints.
"""
from __future__ import annotations

from flask import current_app, g, request

from employer_portal.api.blueprint import bp  # noqa: F401  (create_app registers it from here)
from employer_portal.auth.api_tokens import token_identity
from employer_portal.extensions import db
from employer_portal.models import User
from employer_portal.problems import Problem
from employer_portal.schemas.bounds import MAX_JSON_DEPTH, body_problems
from employer_portal.tenancy import enter_tenant

SEND_A_TOKEN = "Send a valid API token as 'Authorization: Bearer <token>'."


@bp.before_request
def _bounded_body():
    """A body above MAX_JSON_BODY_KIB is a 413 before it is read; multipart uploads keep their own caps (documents/)."""
    if request.mimetype == "multipart/form-data":
        return None
    limit = current_app.config.get("MAX_JSON_BODY_KIB", 256) * 1024
    if request.content_length is not None and request.content_length > limit:
        raise Problem(413, "Content Too Large", f"A request body may hold at most {limit // 1024} KiB.")
    if request.content_length is None:
        # Sent without a length (chunked): read at most one byte past the limit to tell; views reuse the read.
        request.max_content_length = limit + 1
        if len(request.get_data(cache=True)) > limit:
            raise Problem(413, "Content Too Large", f"A request body may hold at most {limit // 1024} KiB.")
    return None


@bp.before_request
def _authenticate():
    view = current_app.view_functions.get(request.endpoint)
    if view is not None and getattr(view, "api_public", False):
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer":
        raise Problem(401, "Unauthorized", SEND_A_TOKEN)
    identity = token_identity(db.engine, secret.strip())
    if identity is None:
        raise Problem(401, "Unauthorized", SEND_A_TOKEN)
    g.api_identity = identity
    enter_tenant(identity.employer_id)  # the rest of the request sees this employer's rows only
    if view is not None and getattr(view, "api_token_only", False):
        return None  # a stateless computation (POST /checks): its user is never loaded
    g.api_user = db.session.get(User, identity.user_id)
    if g.api_user is None:  # deleted since the token was read
        raise Problem(401, "Unauthorized", SEND_A_TOKEN)
    return None


@bp.before_request
def _checked_json():
    """Parse a JSON body once, here, and refuse what no endpoint can hold (422 naming each field).

    Views read the same parsed body through `request.get_json`, which caches it.
    """
    if request.mimetype == "multipart/form-data" or not request.is_json:
        return None
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # thousands of nested brackets: Python's parser gives up before our depth check
        raise Problem(422, "Unprocessable Content", "The body is nested too deeply.",
                      errors={"body": [f"nested more than {MAX_JSON_DEPTH} levels deep"]}) from None
    errors = body_problems(data) if data is not None else {}
    if errors:
        raise Problem(422, "Unprocessable Content", "Some fields are invalid.", errors=errors)
    return None


@bp.after_request
def _no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response


from employer_portal.api import health  # noqa: E402,F401
from employer_portal.api import accounts  # noqa: E402,F401
from employer_portal.api import hires  # noqa: E402,F401
from employer_portal.api import checks, openapi, reference  # noqa: E402,F401
from employer_portal.api import checklists  # noqa: E402,F401
from employer_portal.api import deadlines  # noqa: E402,F401
from employer_portal.api import reminder_settings  # noqa: E402,F401
from employer_portal.api import inspection  # noqa: E402,F401
from employer_portal.api import documents  # noqa: E402,F401
from employer_portal.api import pathways  # noqa: E402,F401
from employer_portal.api import hire_pathways  # noqa: E402,F401
from employer_portal.api import conditions  # noqa: E402,F401
from employer_portal.api import benefits_plan, compliance  # noqa: E402,F401
from employer_portal.api import domain_errors  # noqa: E402,F401  (domain errors -> problem+json, in one place)

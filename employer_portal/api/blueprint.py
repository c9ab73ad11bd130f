"""The API blueprint object (/api/v1) and what its view modules share: the endpoint markers and the helpers.

Every view module imports `bp` from here, never from the package: `api/__init__.py` registers the blueprint's
request hooks and imports the view modules, so a view module importing the package would be an import cycle.
"""
from __future__ import annotations

from flask import Blueprint, g, request

from employer_portal.problems import Problem

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def public(view):
    """Mark an endpoint that needs no token (health, OpenAPI)."""
    view.api_public = True
    return view


def token_only(view):
    """Mark an endpoint that needs a valid token but never its user, and reads and writes nothing (a stateless
    computation). The token is checked on every request as usual (one read); the user is not loaded."""
    view.api_token_only = True
    return view


def require_editor():
    """Refuse changes from a viewer's token (403: the resource is theirs to read)."""
    if not g.api_user.can_edit:
        raise Problem(403, "Forbidden", "This token's user has the viewer role and cannot change data.")


def json_body() -> dict:
    """The request's JSON object, or a 422 problem saying what is wrong with it."""
    data = request.get_json(silent=True)
    if data is None:
        raise Problem(422, "Unprocessable Content", "The body must be a JSON object.",
                      errors={"body": ["expected a JSON object with Content-Type: application/json"]})
    if not isinstance(data, dict):
        raise Problem(422, "Unprocessable Content", "The body must be a JSON object.",
                      errors={"body": ["expected a JSON object"]})
    return data

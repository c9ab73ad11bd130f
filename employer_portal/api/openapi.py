"""GET /api/v1/openapi.json: the OpenAPI 3.1 description of the whole API (no token needed)."""
from __future__ import annotations

from flask import jsonify

from employer_portal.api import bp, public
from employer_portal.api.openapi_spec import build_openapi


@bp.get("/openapi.json")
@public
def openapi_document():
    response = jsonify(build_openapi())
    response.headers["Cache-Control"] = "public, max-age=300"
    return response

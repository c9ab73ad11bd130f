"""GET /api/v1/openapi.json: the OpenAPI 3.1 description of the whole API (no token needed)."""
from __future__ import annotations

import re

from flask import current_app, jsonify

from employer_portal.api.blueprint import bp, public
from employer_portal.api.openapi_spec import build_openapi

_PREFIX = bp.url_prefix


def operation_ids(url_map) -> dict[tuple[str, str], str]:
    """(method, OpenAPI path) -> the view's name, for every /api/v1 route: each operationId is its view's name."""
    found = {}
    for rule in url_map.iter_rules():
        if not rule.rule.startswith(_PREFIX + "/") or not rule.endpoint.startswith(bp.name + "."):
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule[len(_PREFIX):])
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found[(method.lower(), path)] = rule.endpoint.removeprefix(bp.name + ".")
    return found


@bp.get("/openapi.json")
@public
def openapi_document():
    response = jsonify(build_openapi(operation_ids(current_app.url_map)))
    response.headers["Cache-Control"] = "public, max-age=300"
    return response

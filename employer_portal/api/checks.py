"""POST /api/v1/checks: the stateless compliance check, and the route finder when `program` is left out.

In: a hire payload (API.md). Out: 200 with the report, or {"routes": [4 reports]};
422 problem+json naming every bad or missing field. Nothing is stored.
"""
from __future__ import annotations

import orjson
from flask import Response, request
from pydantic import ValidationError

from employer_portal.api.blueprint import bp, token_only
from employer_portal.compliance import evaluate, find_routes
from employer_portal.problems import Problem
from employer_portal.refdata.store import current_refdata
from employer_portal.schemas.errors import error_map
from employer_portal.schemas.hire import HirePayload, missing_fields

MISSING = "required for a complete check"


def json_object() -> dict:
    """The body as a JSON object, or a 422 saying what is wrong with it (never a 500, even for absurd nesting)."""
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        data = None
    if not isinstance(data, dict):
        raise Problem(422, "Unprocessable Content", "The body must be a JSON object.",
                      errors={"body": ["expected a JSON object with Content-Type: application/json"]})
    return data


def validated_payload(data: dict) -> HirePayload:
    """The hire payload, or a 422 naming every bad field with its dotted path."""
    try:
        return HirePayload.model_validate(data)
    except ValidationError as exc:
        raise Problem(422, "Unprocessable Content", "Some fields are invalid.", errors=error_map(exc)) from None
    except RecursionError:
        raise Problem(422, "Unprocessable Content", "The body is nested too deeply.",
                      errors={"body": ["nested too deeply"]}) from None


@bp.post("/checks")
@token_only  # stateless: nothing of the token's user or employer is read
def check_hire():
    payload = validated_payload(json_object())
    missing = missing_fields(payload, payload.program)
    if missing:
        raise Problem(422, "Unprocessable Content", "A check needs these fields.",
                      errors={path: [MISSING] for path in missing})
    refdata = current_refdata()
    if payload.program:
        return json_response(evaluate(payload, refdata, missing=missing).to_dict())
    return json_response({"routes": [report.to_dict() for report in find_routes(payload, refdata)]})


def json_response(body: dict) -> Response:
    # orjson writes a report (plain str/number/bool/None, lists and dicts) ~10x faster than `jsonify`: on the
    # API's busiest endpoint that is a tenth of the request's time. Same JSON, same Content-Type.
    return Response(orjson.dumps(body), mimetype="application/json")

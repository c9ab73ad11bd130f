"""POST /api/v1/pathways: the stateless permanent-residence outlook (issue 11).

In: {as_of, candidate, job, permit} (schemas/pathways.py). Out: 200 with the outlook
(employer_portal.pathways.outlook); 422 problem+json naming every bad or missing field
with its dotted path. Nothing is stored; the token is checked like /checks.
"""
from __future__ import annotations

from flask import jsonify
from pydantic import ValidationError

from employer_portal.api.blueprint import bp
from employer_portal.api.checks import MISSING, json_object
from employer_portal.pathways import outlook
from employer_portal.problems import Problem
from employer_portal.schemas.errors import error_map
from employer_portal.schemas.pathways import PathwaysRequest, missing_fields


def validated_request(data: dict) -> PathwaysRequest:
    try:
        return PathwaysRequest.model_validate(data)
    except ValidationError as exc:
        raise Problem(422, "Unprocessable Content", "Some fields are invalid.", errors=error_map(exc)) from None
    except RecursionError:
        raise Problem(422, "Unprocessable Content", "The body is nested too deeply.",
                      errors={"body": ["nested too deeply"]}) from None


@bp.post("/pathways")
def pathways_outlook():
    request = validated_request(json_object())
    missing = missing_fields(request)
    if missing:
        raise Problem(422, "Unprocessable Content", "An outlook needs these fields.",
                      errors={path: [MISSING] for path in missing})
    return jsonify(outlook(request))

"""The pieces every OpenAPI description of the portal is built from: `$ref`, nullable, closed objects, days and moments.

Outside the `api` package on purpose: the modules that describe a feature's endpoints (pathways/, conditions/ …
openapi_paths.py) are imported by employer_portal.api, so they could only reach helpers inside it through
imports deferred into each function. Pure: no Flask.
"""
from __future__ import annotations

MOMENT = {"type": "string", "format": "date-time", "description": "ISO 8601 with its UTC offset, e.g. "
                                                                   "2027-03-01T09:30:00+00:00"}
DAY = {"type": "string", "format": "date"}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def closed(properties: dict, required: list[str] | None = None, **extra) -> dict:
    """An object with exactly these fields (all present unless `required` names fewer)."""
    return {"type": "object", "required": list(properties) if required is None else required,
            "properties": properties, "additionalProperties": False, **extra}

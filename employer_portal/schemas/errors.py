"""Turn a pydantic ValidationError into the API's `errors` map of dotted paths."""
from __future__ import annotations

from pydantic import ValidationError


def error_map(exc: ValidationError, prefix: str = "") -> dict[str, list[str]]:
    """{"position.wage.amount": ["Input should be greater than 0"], ...}"""
    errors: dict[str, list[str]] = {}
    for err in exc.errors(include_url=False):
        parts = [str(p) for p in err["loc"]]
        message = err["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        path = ".".join(([prefix] if prefix else []) + parts) or "body"
        errors.setdefault(path, []).append(message)
    return errors

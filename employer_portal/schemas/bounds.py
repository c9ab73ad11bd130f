"""Limits every JSON body of the API meets before any schema reads it (issue 13, "Bounded requests").

`body_problems(data)` walks the parsed body once, without recursion, and names each value that is
refused by its dotted path (the paths `schemas.errors.error_map` uses): nesting deeper than
MAX_JSON_DEPTH, control characters in a string or a field name, a date outside the years any record
of the portal can hold, a number no field can store. The schemas then check each field's own range.
"""
from __future__ import annotations

import math
import re

from employer_portal.schemas.dates import LATEST_YEAR
from employer_portal.schemas.text import _CONTROL, _CONTROL_BUT_BREAKS, control_character_problem

MAX_JSON_DEPTH = 32
# Birth dates reach back to 1900 (schemas/hire.py); the file dates of a hire narrow this to
# EARLIEST_YEAR..LATEST_YEAR in the schemas. Beyond these years date sums overflow (year 9999).
EARLIEST_YEAR_ANYWHERE = 1900
LARGEST_INTEGER = 2**63 - 1  # the widest integer column

_DATE_LIKE = re.compile(r"(\d{4})-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def _join(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def _printable(key: str) -> str:
    return key.encode("unicode_escape", "backslashreplace").decode("ascii")


def _value_problem(value) -> str | None:
    if isinstance(value, str):
        problem = control_character_problem(value, allow_breaks=True)
        if problem:
            return problem
        date_like = _DATE_LIKE.fullmatch(value)
        if date_like and not EARLIEST_YEAR_ANYWHERE <= int(date_like.group(1)) <= LATEST_YEAR:
            return f"the year must be between {EARLIEST_YEAR_ANYWHERE} and {LATEST_YEAR}"
    elif isinstance(value, float) and not math.isfinite(value):
        return "expected a finite number"
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST_INTEGER:
        return "the number is too large"
    return None


def body_problems(data) -> dict[str, list[str]]:
    """{dotted path: [why]} for every refused value of a parsed JSON body; {} when it is within bounds."""
    if _within_bounds(data, 1):
        return {}  # the common case, without building a path for every value
    return _all_problems(data)


def _all_problems(data) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    stack = [(data, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > MAX_JSON_DEPTH:
                errors.setdefault(path or "body", []).append(f"nested more than {MAX_JSON_DEPTH} levels deep")
                continue
            items = list(value.items() if isinstance(value, dict) else enumerate(value))
            for key, item in reversed(items):  # last in, first out: fields come out in the order sent
                if isinstance(key, str) and control_character_problem(key):
                    errors.setdefault(_join(path, _printable(key)), []).append(
                        "the field name " + control_character_problem(key))
                    continue
                stack.append((item, _join(path, key), depth + 1))
            continue
        problem = _value_problem(value)
        if problem:
            errors.setdefault(path or "body", []).append(problem)
    return errors


def _within_bounds(value, depth: int) -> bool:
    """True only when `body_problems` would find nothing: a quick first pass over the body (every API request
    makes it) that builds no paths. False at the first doubt; the full walk then names each problem."""
    kind = type(value)
    if kind is str:
        return _CONTROL_BUT_BREAKS.search(value) is None and (
            not value[:1].isdigit() or _value_problem(value) is None)
    if kind is dict:
        if depth > MAX_JSON_DEPTH:
            return False
        depth += 1
        for key, item in value.items():
            if type(key) is not str or _CONTROL.search(key) is not None or not _within_bounds(item, depth):
                return False
        return True
    if kind is list:
        if depth > MAX_JSON_DEPTH:
            return False
        depth += 1
        return all(_within_bounds(item, depth) for item in value)
    if kind is int:
        return -LARGEST_INTEGER <= value <= LARGEST_INTEGER
    if kind is float:
        return math.isfinite(value)
    return value is None or kind is bool

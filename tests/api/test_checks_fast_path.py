"""Issue 13 item 8 (POST /checks at half a bare Flask endpoint): the shortcuts taken for speed change no answer.

- schemas/bounds.body_problems makes a quick pass that builds no paths before its full walk: it must never call
  a body fine that the full walk refuses.
- The limiter's after-request and teardown hooks skip API requests (the API has no limits); pages keep them.
"""
from __future__ import annotations

import copy
import json

import pytest
from flask_limiter import Limiter

from employer_portal.schemas import bounds
from employer_portal.schemas.bounds import MAX_JSON_DEPTH, body_problems

BODY = {"program": "gts_b", "worker": {"citizenships": ["BR"], "highest_education": "master", "years_experience": 6},
        "position": {"noc_code": "21232", "province": "ON", "title": "Line 1\nline 2\ttab",
                     "wage": {"amount": 55.5, "period": "hour"}, "hours_per_week": 40,
                     "start_date": "2027-03-01", "end_date": "2029-02-28", "flag": True, "none": None}}


def _nested(depth: int):
    value: object = "deep"
    for _ in range(depth):
        value = {"x": value}
    return value


def _with(path: tuple, value) -> dict:
    body = copy.deepcopy(BODY)
    target = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return body


REFUSED = {
    "NUL in a value": _with(("position", "title"), "Dev\u0000"),
    "C1 control in a value": _with(("worker", "citizenships"), ["BR", "\u0085x"]),
    "lone surrogate": _with(("position", "noc_code"), "\ud800"),
    "control character in a field name": _with(("position", "ti\u0007tle"), "x"),
    "line break in a field name": _with(("worker", "a\nb"), 1),
    "year 9999": _with(("position", "end_date"), "9999-12-31"),
    "year 1899 in a list": _with(("worker", "citizenships"), ["1899-01-01"]),
    "date-time in year 9999": _with(("filing",), {"at": "9999-01-01T00:00:00Z"}),
    "NaN": _with(("position", "hours_per_week"), float("nan")),
    "infinity": _with(("position", "wage", "amount"), float("-inf")),
    "integer too large": _with(("worker", "years_experience"), 2**63),
    "negative integer too large": _with(("worker", "years_experience"), -(2**63)),
    "nested too deeply": _with(("gts",), _nested(MAX_JSON_DEPTH)),
    "list nested too deeply": json.loads("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)),
}


def test_a_body_within_bounds_has_no_problems():
    assert body_problems(BODY) == {}
    assert body_problems(_with(("gts",), _nested(MAX_JSON_DEPTH - 2))) == {}
    assert body_problems(_with(("worker", "years_experience"), 2**63 - 1)) == {}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_the_quick_pass_never_calls_a_refused_body_fine(name):
    body = REFUSED[name]
    expected = bounds._all_problems(body)  # the full walk, which names each problem by its path
    assert expected, f"the sample '{name}' should be refused"
    assert body_problems(body) == expected


def _limiter_context_reads(monkeypatch) -> list[int]:
    reads = [0]
    real = Limiter.context

    def counted(self):
        reads[0] += 1
        return real.fget(self)

    monkeypatch.setattr(Limiter, "context", property(counted))
    return reads


def test_an_api_check_runs_none_of_the_limiters_hooks_but_a_page_does(api, hire, client, monkeypatch):
    reads = _limiter_context_reads(monkeypatch)
    assert api.post("/api/v1/checks", json=hire).status_code == 200
    assert reads[0] == 0
    assert client.get("/login").status_code == 200
    assert reads[0] > 0  # a page still goes through the limiter (sign-in is rate limited)

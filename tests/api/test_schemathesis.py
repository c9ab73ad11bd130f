"""Schemathesis against the app (WSGI) from its own OpenAPI document: generated requests never get a 5xx.

Bounded: at most 30 examples per operation, no Hypothesis deadline, no example database;
the checks, reference and hire endpoints are exercised with a valid HR token.
(schemathesis' lazy pytest loader does not work with this pytest, so each operation is
a parametrized test driving `operation.as_strategy()` with Hypothesis directly.)
"""
from __future__ import annotations

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from employer_portal.api.openapi_spec import build_openapi

# Issue 13.4 adds the other JSON bodies a client types by hand: pathways, settings, a hire's dates.
OPERATIONS = re.compile(r"^/(checks|reference/.*|hires|hires/\{hire_id\}(/report|/submit|/status|/dates)?"
                        r"|pathways|settings/(reminders|pathways))$")
EXAMPLES_PER_OPERATION = 30

TARGETS = [(method.upper(), path) for path, operations in build_openapi()["paths"].items() if OPERATIONS.match(path)
           for method in operations if method != "parameters"]


@pytest.fixture
def api_schema(app, refdata_loaded):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.mark.parametrize(("method", "path"), TARGETS, ids=[f"{m} {p}" for m, p in TARGETS])
def test_no_generated_request_gets_a_server_error(api_schema, make, method, path):
    token = make.token(make.user(role="hr"))
    operation = api_schema[path][method]

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}")

    run()


def test_a_hire_id_beyond_32_bits_is_a_404(make, api_for):
    response = api_for(make.user(role="hr")).get("/api/v1/hires/39601650413557352")
    assert response.status_code == 404

"""Schemathesis against POST /pathways from the OpenAPI document: generated requests never get a 5xx (bounded)."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

EXAMPLES = 60


@pytest.fixture
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def test_no_generated_pathways_request_gets_a_server_error(api_schema, make):
    token = make.token(make.user(role="hr"))
    operation = api_schema["/pathways"]["POST"]

    @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        assert response.status_code < 500, f"{response.status_code} {case.body!r} {response.text[:300]}"

    run()

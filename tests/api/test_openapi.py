"""GET /api/v1/openapi.json: an OpenAPI 3.1 document of every endpoint and schema of API.md."""
from __future__ import annotations

import re

import pytest

API_MD_OPERATIONS = [
    ("get", "/health"), ("post", "/checks"), ("post", "/hires"), ("get", "/hires"), ("get", "/hires/{hire_id}"),
    ("patch", "/hires/{hire_id}"), ("delete", "/hires/{hire_id}"), ("get", "/hires/{hire_id}/report"),
    ("post", "/hires/{hire_id}/submit"), ("post", "/hires/{hire_id}/status"), ("post", "/hires/{hire_id}/checklist"),
    ("get", "/hires/{hire_id}/checklist"), ("get", "/hires/{hire_id}/checklist.pdf"),
    ("get", "/hires/{hire_id}/deadlines"), ("get", "/deadlines"), ("get", "/reference/occupations"),
    ("get", "/reference/referral-partners"), ("get", "/reference/cusma-professions"), ("get", "/reference/wages"),
    ("get", "/openapi.json"),
]


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def test_the_document_is_public_and_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "/api/v1"}]
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


@pytest.mark.parametrize(("method", "path"), API_MD_OPERATIONS)
def test_every_endpoint_of_api_md_is_described(document, method, path):
    operation = document["paths"][path][method]
    assert operation["summary"] and operation["responses"]


def test_every_reference_resolves(document):
    text = repr(document)
    for name in set(re.findall(r"#/components/schemas/([A-Za-z0-9_]+)", text)):
        assert name in document["components"]["schemas"], name


def test_the_hire_payload_schema_comes_from_the_pydantic_models(document):
    schemas = document["components"]["schemas"]
    assert {"HirePayload", "Worker", "Position", "Wage", "GtsDetails", "IctDetails", "CusmaDetails"} <= set(schemas)
    assert "$defs" not in schemas["HirePayload"]


def test_the_report_schema_has_the_fields_of_api_md(document):
    report = document["components"]["schemas"]["Report"]
    assert set(report["required"]) == {"program", "eligible", "lmia", "findings", "prevailing_wage", "versions"}
    assert document["components"]["schemas"]["Finding"]["properties"]["severity"]["enum"] == ["blocker", "warning", "info"]


def test_the_document_validates_as_openapi(document):
    # Against the OpenAPI 3.1 meta-schema schemathesis ships (jsonschema_rs, Draft 2020-12).
    import schemathesis

    schema = schemathesis.openapi.from_dict(document)
    schema.validate()
    assert len(list(schema.get_all_operations())) >= len(API_MD_OPERATIONS)


def test_every_path_operation_exists_in_the_app(app, document):
    rules = {(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", r.rule), m.lower())
             for r in app.url_map.iter_rules() for m in r.methods if r.rule.startswith("/api/v1/")}
    missing = [(m, p) for p, ops in document["paths"].items() for m in ops if m != "parameters"
               and ("/api/v1" + p, m) not in rules]
    # Endpoints colleagues have not landed yet are documented from API.md; the ones of this issue exist.
    assert not [x for x in missing if x[1].startswith(("/checks", "/reference", "/openapi", "/health"))]


def test_every_api_route_is_described(app, client):
    """New endpoints cannot be added without their OpenAPI description (read from the URL map)."""
    import re

    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule[len("/api/v1"):])
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if method.lower() not in paths.get(path, {}):
                missing.append(f"{method} {path}")
    assert not missing, missing

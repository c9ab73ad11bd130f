"""The OpenAPI document is exact (issue 13 item 7): names, status codes, headers and timestamps as served."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("get", "put", "post", "patch", "delete")


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").get_json()


def _operations(document):
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def test_every_operation_is_named_after_the_view_that_serves_it(app, document):
    from employer_portal.api.openapi import operation_ids

    views = operation_ids(app.url_map)
    named = {(method, path): operation.get("operationId") for method, path, operation in _operations(document)}
    assert named == views
    assert len(set(named.values())) == len(named)


def test_every_401_declares_the_www_authenticate_header(document):
    secured = [(method, path, operation) for method, path, operation in _operations(document)
               if operation.get("security") != []]
    assert len(secured) > 50
    for method, path, operation in secured:
        assert "WWW-Authenticate" in operation["responses"]["401"].get("headers", {}), (method, path)


def test_the_checklist_build_declares_its_200_202_and_409(document):
    responses = document["paths"]["/hires/{hire_id}/checklist"]["post"]["responses"]
    assert {"200", "202", "409"} <= set(responses)
    assert responses["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ChecklistJob"}


def test_every_operation_with_a_body_declares_413_and_422_and_every_id_404(document):
    for method, path, operation in _operations(document):
        if "requestBody" in operation:
            assert {"413", "422"} <= set(operation["responses"]), (method, path)
        if "{" in path:
            assert "404" in operation["responses"], (method, path)


@pytest.mark.parametrize("name", ["Hire", "Report", "Checklist", "ChecklistPdf", "ChecklistBuild", "ChecklistItem",
                                  "Deadline", "Reminder", "User", "Token"])
def test_each_resource_is_described_field_by_field_and_closed(document, name):
    schema = document["components"]["schemas"][name]
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) <= set(schema["properties"])


def _open_objects(schema, components, where: str, seen: frozenset = frozenset()) -> list[str]:
    """Where `schema` lets an object carry fields it does not name (additionalProperties not false)."""
    if not isinstance(schema, dict):
        return []
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return [] if name in seen else _open_objects(components[name], components, name, seen | {name})
    found = []
    for key in ("anyOf", "oneOf", "allOf"):
        for part in schema.get(key, []):
            found += _open_objects(part, components, where, seen)
    if schema.get("type") == "object" or "properties" in schema:
        extra = schema.get("additionalProperties", True)
        if extra is True:
            found.append(where or "(the answer)")
        elif isinstance(extra, dict):  # a map with free keys: its values must be described
            found += _open_objects(extra, components, f"{where}.*", seen)
        for field, part in schema.get("properties", {}).items():
            found += _open_objects(part, components, f"{where}.{field}", seen)
    if "items" in schema:
        found += _open_objects(schema["items"], components, f"{where}[]", seen)
    return found


def test_every_json_answer_is_described_field_by_field(document):
    """Issue 13 item 7: every 2xx JSON answer (but this document itself) is closed, nested objects included, so a
    field added to a representation without its description fails schemathesis' response-schema check."""
    components = document["components"]["schemas"]
    open_answers = {}
    for method, path, operation in _operations(document):
        if path == "/openapi.json":
            continue
        for status, response in operation["responses"].items():
            for media_type, content in response.get("content", {}).items():
                if status.startswith("2") and media_type == "application/json":
                    spots = _open_objects(content["schema"], components, "")
                    if spots:
                        open_answers[f"{method.upper()} {path} {status}"] = sorted(set(spots))
    assert open_answers == {}


@pytest.mark.parametrize(("name", "fields"), [
    ("Hire", ["created_at", "updated_at", "submitted_at"]), ("User", ["created_at"]),
    ("Token", ["created_at", "last_used_at", "revoked_at"]), ("Deadline", ["done_at"]),
    ("Reminder", ["next_attempt_at", "sent_at"]), ("ChecklistBuild", ["finished_at"]),
    ("ChecklistItem", ["updated_at"]),
])
def test_timestamps_are_declared_as_date_time(document, name, fields):
    properties = document["components"]["schemas"][name]["properties"]
    for field in fields:
        text = json.dumps(properties[field])
        assert '"format": "date-time"' in text, (name, field)


def test_the_report_of_a_draft_with_no_route_matches_the_report_schema(api, document):
    """A program-less draft's report: program and lmia null, reference_data the same string as every report."""
    import jsonschema_rs

    hire_id = api.post("/api/v1/hires", json={"worker": {"given_name": "Ana"}}).get_json()["id"]
    report = api.get(f"/api/v1/hires/{hire_id}/report").get_json()
    assert report["program"] is None and report["lmia"] is None
    assert isinstance(report["versions"]["reference_data"], str)
    schema = {**document["components"]["schemas"]["Report"], "components": document["components"]}
    jsonschema_rs.validator_for(schema).validate(report)


SQLITE_SCRIPT = r"""
import json
from flask_migrate import upgrade
from employer_portal import accounts, create_app
from employer_portal.extensions import db

app = create_app({"TESTING": True})
with app.app_context():
    upgrade()
    employer = accounts.create_employer("Maple", "ON")
    user = accounts.create_user(employer, "hr@maple.example", "hr", "a long unusual passphrase 2026")
    _token, secret = accounts.create_token(user, "sqlite")
    db.session.commit()
client = app.test_client()
auth = {"Authorization": f"Bearer {secret}"}
hire = client.post("/api/v1/hires", json={"program": "ict"}, headers=auth).get_json()
checklist = client.get(f"/api/v1/hires/{hire['id']}/checklist", headers=auth).get_json()
print(json.dumps({"hire": hire, "users": client.get("/api/v1/users", headers=auth).get_json(),
                  "tokens": client.get("/api/v1/tokens", headers=auth).get_json(), "checklist": checklist}))
"""


@pytest.mark.embedded
def test_timestamps_carry_a_utc_offset_on_sqlite(tmp_path, test_env):
    """SQLite gives naive datetimes back; the API still writes each moment with its offset."""
    env = {**os.environ, **test_env, "DATABASE_URL": f"sqlite:///{tmp_path}/portal.sqlite",
           "PORTAL_INSTANCE_PATH": str(tmp_path / "instance")}
    env.pop("CELERY_BROKER_URL")
    run = subprocess.run([sys.executable, "-c", SQLITE_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=180)
    assert run.returncode == 0, run.stderr[-3000:]
    answers = json.loads(run.stdout.strip().splitlines()[-1])
    moments = [answers["hire"]["created_at"], answers["hire"]["updated_at"], answers["users"]["items"][0]["created_at"],
               answers["tokens"]["items"][0]["created_at"], answers["tokens"]["items"][0]["last_used_at"],
               *[item["updated_at"] for item in answers["checklist"]["items"]]]
    assert len(moments) > 5
    for moment in moments:
        assert moment.endswith("+00:00"), moment

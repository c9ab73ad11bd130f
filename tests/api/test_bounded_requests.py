"""Issue 13, item 4 "Bounded requests": every JSON endpoint answers an oversized, absurd or hostile body
with a 413 or a 422 naming the field, never a 500.

One place checks the body (the API blueprint's before_request hooks, employer_portal/api/__init__.py,
with schemas/bounds.py); the pydantic schemas refuse control characters and implausible dates themselves
(schemas/text.py, schemas/dates.PlausibleDate) for the forms that use them.
"""
from __future__ import annotations

import json
import re

import pytest
from flask import Flask

from employer_portal.api import bp as api_bp
from employer_portal.problems import MAX_ERROR_FIELDS, MAX_MESSAGES_PER_FIELD, capped_errors

NUL = "\u0000"


def _api_write_routes() -> list[tuple[str, str]]:
    """(method, path) of every POST/PUT/PATCH route of the API blueprint, from a bare app (no settings needed)."""
    probe = Flask("probe")
    probe.register_blueprint(api_bp)
    return sorted((method, rule.rule) for rule in probe.url_map.iter_rules()
                  for method in rule.methods & {"POST", "PUT", "PATCH"})


WRITE_ROUTES = _api_write_routes()


def _problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    return response.get_json()


def test_a_300_kib_json_body_is_a_413_problem(api, hire):
    """Issue 13.4: a JSON body above MAX_JSON_BODY_KIB (256 KiB by default) is a 413 problem+json before parsing."""
    hire["position"]["duties"] = "x" * (300 * 1024)
    body = _problem(api.post("/api/v1/checks", json=hire), 413)
    assert body["status"] == 413 and "256 KiB" in body["detail"]


def test_a_body_sent_without_a_length_is_cut_off_at_the_limit(api):
    """Issue 13.4: a chunked body (no Content-Length) above the limit is a 413 problem+json too, not read whole."""
    import io

    text = json.dumps({"position": {"duties": "x" * (300 * 1024)}}).encode()
    response = api.post("/api/v1/checks", input_stream=io.BytesIO(text),
                        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
                        environ_overrides={"wsgi.input_terminated": True})  # as gunicorn marks a chunked body
    _problem(response, 413)


def test_a_small_body_sent_without_a_length_is_still_checked(api, hire):
    """Issue 13.4: under the limit, a chunked body is read once and the view answers as usual."""
    import io

    response = api.post("/api/v1/checks", input_stream=io.BytesIO(json.dumps(hire).encode()),
                        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
                        environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 200 and response.get_json()["program"] == "gts_b"


def test_the_json_body_limit_is_a_setting(app, api, monkeypatch):
    """Issue 13.4: the limit is configurable (MAX_JSON_BODY_KIB in config.py)."""
    monkeypatch.setitem(app.config, "MAX_JSON_BODY_KIB", 1)
    _problem(api.post("/api/v1/checks", json={"position": {"duties": "x" * 2048}}), 413)


def test_the_body_limit_is_read_from_the_environment():
    """Issue 13.4: settings are read in config.py; 256 KiB unless MAX_JSON_BODY_KIB says otherwise."""
    import inspect

    from employer_portal import config

    assert 'int(env.get("MAX_JSON_BODY_KIB") or 256)' in inspect.getsource(config.load_settings)


def test_a_thousand_bad_fields_give_a_capped_error_list(api, hire):
    """Issue 13.4: error lists are capped, with a note that more were cut."""
    hire.update({f"unknown_{n}": n for n in range(1000)})
    body = _problem(api.post("/api/v1/checks", json=hire), 422)
    assert len(body["errors"]) == MAX_ERROR_FIELDS
    assert body["errors_cut"] == 1000 - MAX_ERROR_FIELDS
    assert "more were cut" in body["detail"]


def test_each_field_keeps_at_most_five_messages():
    """Issue 13.4: at most 5 messages per field; the ones cut are counted."""
    capped, cut = capped_errors({"a": [str(n) for n in range(8)], "b": ["one"]})
    assert capped == {"a": ["0", "1", "2", "3", "4"], "b": ["one"]} and MAX_MESSAGES_PER_FIELD == 5
    assert cut == 3


def test_json_nested_ten_thousand_deep_is_a_422_not_a_recursion_error(api):
    """Issue 13.4: deeply nested JSON is a 422, never a 500 (RecursionError)."""
    text = '{"worker": ' + "[" * 10_000 + "]" * 10_000 + "}"
    body = _problem(api.post("/api/v1/checks", data=text, headers={"Content-Type": "application/json"}), 422)
    assert body["errors"]


def test_json_nested_deeper_than_32_levels_names_where(api):
    """Issue 13.4: nesting deeper than 32 levels is a 422 naming the field."""
    value: list = []
    for _ in range(40):
        value = [value]
    body = _problem(api.post("/api/v1/checks", json={"worker": value}), 422)
    (path,) = body["errors"]
    assert path.startswith("worker.0.0") and "32 levels" in body["errors"][path][0]


def test_a_year_9999_date_is_a_422_naming_the_field(api, hire):
    """Issue 13.4: dates near year 9999 (outside schemas/dates.py's plausible years) are a 422 with the field."""
    hire["position"]["start_date"] = "9999-12-31"
    body = _problem(api.post("/api/v1/checks", json=hire), 422)
    assert "position.start_date" in body["errors"]


def test_the_hire_schema_refuses_an_implausible_year_itself():
    """Issue 13.4: the schema's date type (PlausibleDate) refuses 9999 for the forms too."""
    from pydantic import ValidationError

    from employer_portal.schemas.errors import error_map
    from employer_portal.schemas.hire import HirePayload

    with pytest.raises(ValidationError) as caught:
        HirePayload.model_validate({"filing": {"permit_application_date": "9999-12-31"}})
    assert "filing.permit_application_date" in error_map(caught.value)


def test_the_hire_schema_refuses_a_nul_in_a_name_but_keeps_line_breaks_in_duties():
    """Issue 13.4: control characters are refused, except tab and line breaks in long text."""
    from pydantic import ValidationError

    from employer_portal.schemas.errors import error_map
    from employer_portal.schemas.hire import HirePayload

    with pytest.raises(ValidationError) as caught:
        HirePayload.model_validate({"worker": {"given_name": f"A{NUL}na"}, "position": {"title": "Dev\nops"}})
    assert set(error_map(caught.value)) == {"worker.given_name", "position.title"}
    payload = HirePayload.model_validate({"position": {"duties": "Build\tthings\r\nand test them"}})
    assert payload.position.duties.startswith("Build\tthings")


@pytest.mark.parametrize(("method", "path", "body", "field"), [
    ("post", "/api/v1/checks", {"worker": {"given_name": f"An{NUL}a"}}, "worker.given_name"),
    ("post", "/api/v1/hires", {"worker": {"family_name": f"Silva{NUL}"}}, "worker.family_name"),
    ("post", "/api/v1/pathways", {"job": {"noc_code": f"21231{NUL}"}}, "job.noc_code"),
    ("patch", "/api/v1/settings/reminders", {"time_zone": f"America/Toronto{NUL}"}, "time_zone"),
], ids=["checks", "hires", "pathways", "settings-reminders"])
def test_a_nul_in_a_text_field_is_a_422_naming_the_field(make, api_for, refdata_loaded, method, path, body, field):
    """Issue 13.4: NUL and other control characters are a 422 with the field, on every JSON endpoint.

    (The pathways request holds no person's name; its NOC code stands in for a text field.)
    """
    client = api_for(make.user(role="admin"))
    problem = _problem(getattr(client, method)(path, json=body), 422)
    assert field in problem["errors"] and "U+0000" in problem["errors"][field][0]


def test_the_write_routes_listed_are_those_of_the_real_app(app):
    """The parametrised sweep below covers every API write route the app serves."""
    served = sorted((method, rule.rule) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")
                    for method in rule.methods & {"POST", "PUT", "PATCH"})
    assert served == WRITE_ROUTES and len(WRITE_ROUTES) > 10


@pytest.mark.parametrize(("method", "rule"), WRITE_ROUTES, ids=[f"{m} {r}" for m, r in WRITE_ROUTES])
def test_a_nul_laden_body_never_gets_a_server_error(make, api_for, refdata_loaded, method, rule):
    """Issue 13.4: never a 500 — a NUL-laden body to every POST/PUT/PATCH route is a 4xx (422 from the hook)."""
    client = api_for(make.user(role="admin"))
    path = re.sub(r"<[^>]+>", "1", rule)
    body = {"name": NUL, f"k{NUL}": 1, "worker": {"given_name": f"A{NUL}"}, "items": [f"x{NUL}y"], "n": NUL * 50}
    response = getattr(client, method.lower())(path, data=json.dumps(body),
                                               headers={"Content-Type": "application/json"})
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    assert response.status_code == 422  # the hook refuses the body before any view reads it

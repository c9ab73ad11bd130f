"""POST /api/v1/pathways: stateless, token like /checks, 422 problem JSON naming dotted fields (issue 11 item 5)."""
from __future__ import annotations

from pathways_samples import payload


def test_the_outlook_comes_back_with_the_issue_shape(make, api_for):
    """ISSUE11 API shape: crs {total, core, spouse, transferability, additional, rules_version}, fsw {points,
    eligible, missing}, cec {eligible_from, language_clb_needed}, provincial, timeline, sources."""
    api = api_for(make.user(role="hr"))
    response = api.post("/api/v1/pathways", json=payload())
    assert response.status_code == 200
    body = response.get_json()
    assert {"total", "core", "spouse", "transferability", "additional", "rules_version"} <= set(body["crs"])
    assert {"points", "eligible", "missing"} <= set(body["fsw"])
    assert body["cec"]["eligible_from"] == "2028-02-28" and body["cec"]["language_clb_needed"] == 7
    assert body["provincial"] and body["timeline"] and body["sources"]
    assert body["crs"]["total"] == 429


def test_a_viewer_may_ask_too(make, api_for):
    """Nothing is stored: any valid token may ask."""
    assert api_for(make.user(role="viewer")).post("/api/v1/pathways", json=payload()).status_code == 200


def test_no_token_is_a_401(client):
    response = client.post("/api/v1/pathways", json=payload())
    assert response.status_code == 401


def test_bad_fields_are_named_with_dotted_paths(make, api_for):
    """API.md: 422 problem+json naming every bad field with its dotted path."""
    api = api_for(make.user(role="hr"))
    body = payload(candidate={"first_language_clb": {"listening": 13, "reading": 9, "writing": 9, "speaking": 9},
                              "marital_status": "divorced"},
                   job={"noc_code": "2123"})
    response = api.post("/api/v1/pathways", json=body)
    assert response.status_code == 422
    assert response.headers["Content-Type"].startswith("application/problem+json")
    errors = response.get_json()["errors"]
    assert {"candidate.first_language_clb.listening", "candidate.marital_status", "job.noc_code"} <= set(errors)


def test_missing_fields_are_named(make, api_for):
    """A full outlook needs the permit expiry, the job's NOC and the candidate's age and language."""
    api = api_for(make.user(role="hr"))
    body = payload(permit={"expires": None}, candidate={"age": None, "first_language_clb": None})
    response = api.post("/api/v1/pathways", json=body)
    assert response.status_code == 422
    assert {"permit.expires", "candidate.age", "candidate.first_language_clb"} <= set(response.get_json()["errors"])


def test_a_body_that_is_not_an_object_is_a_422(make, api_for):
    api = api_for(make.user(role="hr"))
    response = api.post("/api/v1/pathways", json=[1, 2])
    assert response.status_code == 422
    assert "body" in response.get_json()["errors"]


def test_the_operation_is_in_the_openapi_document(client):
    """Issue 11 item 5: documented in the OpenAPI."""
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/pathways"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/PathwaysRequest")
    assert {"PathwaysRequest", "Pathways", "PathwaysCandidate"} <= set(document["components"]["schemas"])


def test_an_implausible_year_is_named(make, api_for):
    """Dates outside 1990-2100 are typing mistakes (as for the hire dates), named with their path."""
    api = api_for(make.user(role="hr"))
    response = api.post("/api/v1/pathways", json=payload(permit={"expires": "9999-12-31"}))
    assert response.status_code == 422
    assert "permit.expires" in response.get_json()["errors"]


def test_a_date_before_the_bundled_rules_is_a_422_naming_as_of(make, api_for):
    """Never a 500: the FSW grid is bundled from 2013, the CEC rules from 2008; an earlier as_of is refused by name."""
    api = api_for(make.user(role="hr"))
    response = api.post("/api/v1/pathways", json=payload(as_of="2010-06-01"))
    assert response.status_code == 422
    assert response.headers["Content-Type"].startswith("application/problem+json")
    assert "2010-06-01" in response.get_json()["errors"]["as_of"][0]

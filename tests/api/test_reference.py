"""GET /api/v1/reference/*: the reference data in force, each with its version and source."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize(("path", "key", "count"), [
    ("/api/v1/reference/occupations", "occupations", 22),
    ("/api/v1/reference/referral-partners", "partners", 55),  # 55 partners; Quebec's own list is MIFI's
    ("/api/v1/reference/cusma-professions", "professions", 63),
])
def test_each_list_comes_with_its_version_and_source(api, path, key, count):
    body = api.get(path).get_json()
    assert body["version"] and body["source"]
    assert len(body[key]) == count


def test_reference_data_needs_a_token(client, refdata_loaded):
    assert client.get("/api/v1/reference/occupations").status_code == 401


def test_cusma_professions_list_their_keys(api):
    keys = {p["key"] for p in api.get("/api/v1/reference/cusma-professions").get_json()["professions"]}
    assert "computer_systems_analyst" in keys


def test_wages_in_ottawa_resolve_to_the_economic_region(api):
    body = api.get("/api/v1/reference/wages?noc=21232&province=ON&economic_region=ER3510").get_json()
    assert body["version"] == "jobbank-2025-11-19"
    assert [(f["level"], f["median"]) for f in body["figures"]] == [
        ("economic_region", 50.26), ("province", 48.08), ("national", body["figures"][2]["median"])]
    assert (body["prevailing_wage"]["hourly"], body["prevailing_wage"]["level"]) == (50.26, "economic_region")


def test_wages_in_ontario_resolve_to_the_province(api):
    body = api.get("/api/v1/reference/wages?noc=21232&province=ON").get_json()
    assert (body["prevailing_wage"]["hourly"], body["prevailing_wage"]["area"]) == (48.08, "ON")


def test_wages_without_any_figure_resolve_to_null(api):
    body = api.get("/api/v1/reference/wages?noc=99999&province=ON").get_json()
    assert body["figures"] == [] and body["prevailing_wage"] is None


@pytest.mark.parametrize(("query", "field"), [
    ("noc=abc&province=ON", "noc"), ("province=ON", "noc"), ("noc=21232&province=ZZ", "province"),
    ("noc=21232&economic_region=3510", "economic_region"),
])
def test_a_malformed_wages_query_is_a_422(api, query, field):
    response = api.get(f"/api/v1/reference/wages?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_the_noc_picker_finds_software_developers(api):
    body = api.get("/api/v1/reference/noc?q=software").get_json()
    assert body["version"] == "noc-2021-v1.0"
    assert "21232" in [r["code"] for r in body["results"]]


def test_the_noc_picker_has_a_session_twin_for_the_hire_form(client, make, login, refdata_loaded):
    login(client, make.user(role="viewer"))
    body = client.get("/reference/noc-search?q=software%20dev").get_json()
    assert body["results"][0]["code"] == "21232"


def test_the_session_noc_picker_needs_a_sign_in(client, refdata_loaded):
    assert client.get("/reference/noc-search?q=software").status_code in (302, 401)

"""GET /api/v1/reference/*: the reference data in force, each with its version and source."""
from __future__ import annotations

import datetime as dt

import pytest
import time_machine


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


def test_referral_partners_list_their_aliases(api):
    """GTS-REQ partner list: partners are matched by their official and short names (e.g. BDC)."""
    partners = {p["name"]: p for p in api.get("/api/v1/reference/referral-partners").get_json()["partners"]}
    assert "BDC" in partners["Business Development Bank of Canada"]["aliases"]


def test_referral_partners_point_to_mifis_quebec_list_to_verify(api):
    """GTS-REQ: Quebec: "Quebec's MIFI (French only) (Quebec's designated referral partners)" (not bundled)."""
    quebec = api.get("/api/v1/reference/referral-partners").get_json()["quebec_partner_list"]
    assert quebec["kept_by"] == "MIFI" and "MIFI" in quebec["ministry_names"]
    assert quebec["printed_as"].startswith("Quebec's MIFI")
    assert quebec["status"].endswith("verify on the official page")
    assert "requirements.html" in quebec["source"]


def _professions(api) -> dict:
    return {p["key"]: p for p in api.get("/api/v1/reference/cusma-professions").get_json()["professions"]}


def test_cusma_psychologist_accepts_a_licenciatura_only(api):
    """CUSMA Appendix 2: Psychologist "State/provincial license; or Licenciatura Degree"."""
    professions = _professions(api)
    assert professions["psychologist"]["degree_kinds_accepted"] == ["licenciatura"]
    assert professions["engineer"]["degree_kinds_accepted"] == ["degree", "licenciatura"]


def test_cusma_registered_nurse_needs_the_destination_province_licence(api):
    """IRCC CUSMA Professionals, Registered Nurse: a provincial licence of the province of destination is needed."""
    professions = _professions(api)
    assert professions["registered_nurse"]["destination_licence_required"] is True
    assert professions["engineer"]["destination_licence_required"] is False


def test_cusma_noc_groups_are_marked_derived_verify(api):
    """The profession -> NOC groups table is the project's reading, not IRCC's: it says "derived, verify"."""
    professions = _professions(api)
    assert professions["registered_nurse"]["noc_groups"] == {"prefixes": ["3130"], "status": "derived, verify"}
    assert any(p["noc_groups"] is None for p in professions.values())  # not mapped: no group to check against


def test_cusma_scientific_technician_lists_its_disciplines_and_years_of_study(api):
    """CUSMA Appendix 2: a Scientific Technician/Technologist supports a professional in a listed discipline."""
    technician = _professions(api)["scientific_technician_technologist"]
    assert technician["supported_disciplines"]["engineering"] == ["engineer"]
    assert technician["theory_min_years_of_study"] == 2


def test_wages_in_ottawa_resolve_to_the_economic_region(api):
    body = api.get("/api/v1/reference/wages?noc=21232&province=ON&economic_region=ER3510").get_json()
    assert body["version"] == "jobbank-2025-11-19"
    assert [(f["level"], f["median"]) for f in body["figures"]] == [
        ("economic_region", 50.26), ("province", 48.08), ("national", body["figures"][2]["median"])]
    assert (body["prevailing_wage"]["hourly"], body["prevailing_wage"]["level"]) == (50.26, "economic_region")


def test_wages_answer_no_warning_while_the_2025_release_is_the_latest(api):
    """GTS-REQ: "Job Bank wages are updated every year in the fall."; the fall-2026 file is expected by December."""
    with time_machine.travel(dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.timezone.utc), tick=False):
        body = api.get("/api/v1/reference/wages?noc=21232&province=ON").get_json()
    assert body["version"] == "jobbank-2025-11-19" and body["warning"] is None


@pytest.mark.parametrize(("today", "fall"), [(dt.datetime(2026, 12, 2, 12, 0), 2026), (dt.datetime(2027, 12, 2, 12, 0), 2027)])
def test_wages_warn_once_the_fall_release_is_due_and_not_imported(api, today, fall):
    """Review F-35 / GTS-REQ: wages older than the latest fall release must be replaced before January 1."""
    with time_machine.travel(today.replace(tzinfo=dt.timezone.utc), tick=False):
        body = api.get("/api/v1/reference/wages?noc=21232&province=ON").get_json()
    assert body["warning"] == (
        f"the Job Bank wages in force (jobbank-2025-11-19, published 2025-11-19) are older than the fall-{fall} "
        f"release: check open.canada.ca's Job Bank Wages dataset and import the new file before January 1, {fall + 1}")


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


@pytest.mark.parametrize(("path", "schema", "key"), [
    ("/api/v1/reference/referral-partners", "ReferralPartners", "partners"),
    ("/api/v1/reference/cusma-professions", "CusmaProfessions", "professions"),
    ("/api/v1/reference/wages?noc=21232&province=ON", "Wages", "figures"),
])
def test_every_field_answered_is_in_the_openapi_schema(api, client, path, schema, key):
    """The OpenAPI document describes every field these endpoints answer, the added ones included."""
    properties = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"][schema]["properties"]
    body = api.get(path).get_json()
    assert set(body) <= set(properties)
    assert set(body[key][0]) <= set(properties[key]["items"]["properties"])

"""GET /api/v1/reference/economic-regions (and its session twin): the hire form's region pick-list."""
from __future__ import annotations

import pytest


def test_ontario_lists_its_eleven_economic_regions_and_derives_ottawa(api):
    """Job Bank Wages 2025: Ontario's ERs are ER3510 Ottawa … ER3595 Northwest (StatCan ER 2021)."""
    body = api.get("/api/v1/reference/economic-regions?province=ON&city=Ottawa").get_json()
    assert body["province"] == "ON"
    assert [r["code"] for r in body["regions"]] == ["ER3510", "ER3515", "ER3520", "ER3530", "ER3540", "ER3550",
                                                     "ER3560", "ER3570", "ER3580", "ER3590", "ER3595"]
    assert body["derived"] == {"code": "ER3510", "name": "Ottawa"}
    assert body["version"] and "Statistics Canada" in body["source"]


def test_a_city_outside_the_place_table_derives_nothing(api):
    """The place table covers the 2021 CMAs and CAs and common municipalities; other places are left to HR."""
    body = api.get("/api/v1/reference/economic-regions?province=ON&city=Nowhereville").get_json()
    assert body["derived"] is None and len(body["regions"]) == 11


def test_without_a_city_only_the_regions_are_listed(api):
    """Job Bank: Prince Edward Island is one economic region, ER1110."""
    body = api.get("/api/v1/reference/economic-regions?province=PE").get_json()
    assert body["regions"] == [{"code": "ER1110", "name": "Prince Edward Island"}] and body["derived"] is None


@pytest.mark.parametrize("query", ["", "province=ZZ", "province=&city=Ottawa"])
def test_a_bad_province_is_a_422_problem(api, query):
    """API.md: invalid input is 422 problem JSON naming the field."""
    response = api.get(f"/api/v1/reference/economic-regions?{query}")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert "province" in response.get_json()["errors"]


def test_the_region_pick_list_needs_a_token(client, refdata_loaded):
    """API.md: no token is a 401."""
    assert client.get("/api/v1/reference/economic-regions?province=ON").status_code == 401


def test_the_region_pick_list_has_a_session_twin_for_the_hire_form(client, make, login, refdata_loaded):
    """Statistics Canada ER 2021: Gatineau lies in ER2460 Outaouais."""
    login(client, make.user(role="viewer"))
    body = client.get("/reference/economic-regions?province=QC&city=Gatineau").get_json()
    assert body["derived"] == {"code": "ER2460", "name": "Outaouais"}


def test_the_session_region_pick_list_needs_a_sign_in(client, refdata_loaded):
    """The portal's own pages need a sign-in."""
    assert client.get("/reference/economic-regions?province=ON").status_code in (302, 401)

"""The pathways answers match their closed schemas in the served document, field by field.

POST /pathways, GET /hires/{id}/pathways, PUT /hires/{id}/pathways/profile and GET/PUT /settings/pathways,
with data that fills the optional parts (a spouse, French test scores, a provincial nomination, an ICT cap)
and with the shapes that turn parts null (no CRS grid yet, no CEC date, no profile).
"""
from __future__ import annotations

import copy

import jsonschema_rs
import pytest

from employer_portal.schemas.hire import PROVINCES

AS_OF = "2027-03-01"
CLB9 = {"listening": 9, "reading": 9, "writing": 9, "speaking": 9}
# Married with an accompanying spouse, English by IELTS and French by TEF (raw scores, converted), a provincial
# nomination, a sibling, a certificate, an ECA and an old language test: every part of the CRS and the FSW filled.
FULL_CANDIDATE = {
    "age": 34, "marital_status": "married_accompanying", "education": "master", "canadian_education_years": 1,
    "first_language": "english",
    "first_language_test": {"test": "ielts_general", "listening": 8, "reading": 7.5, "writing": 7, "speaking": 7,
                            "taken_on": "2026-09-01"},
    "second_language_test": {"test": "tef_canada", "listening": 520, "reading": 480, "writing": 450,
                             "speaking": 460, "taken_on": "2026-10-01"},
    "canadian_experience_years": 1, "foreign_experience_years": 4, "certificate_of_qualification": True,
    "sibling_in_canada": True, "provincial_nomination": True,
    "spouse": {"education": "bachelor", "canadian_experience_years": 1,
               "first_language_test": {"test": "celpip_general", "listening": 8, "reading": 8, "writing": 7,
                                       "speaking": 8}},
    "eca_date": "2026-06-01", "language_test_date": "2024-01-10",
}
FULL_REQUEST = {
    "as_of": AS_OF,
    "candidate": FULL_CANDIDATE,
    "job": {"noc_code": "21231", "province": "BC", "start_date": "2027-03-01", "hours_per_week": 40},
    "permit": {"expires": "2029-02-28", "program": "ict", "cap_date": "2030-03-01"},
}


def request_with(**changes) -> dict:
    """FULL_REQUEST with some fields of its parts changed (request_with(job={"province": "QC"})), or as_of."""
    body = copy.deepcopy(FULL_REQUEST)
    for part, values in changes.items():
        body[part] = {**body[part], **values} if isinstance(values, dict) else values
    return body


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").get_json()


def assert_matches(document, path: str, method: str, body) -> None:
    """`body` validates against the 200 JSON schema the document gives for (method, path)."""
    schema = document["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema_rs.validator_for({**schema, "components": document["components"]}).validate(body)


def outlook_of(api, body: dict) -> dict:
    response = api.post("/api/v1/pathways", json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


# --- POST /pathways -------------------------------------------------------------------------------

def test_a_full_profile_outlook_matches_the_pathways_schema(api, document):
    """Spouse factors, French converted from TEF, nomination, ICT cap and an old language test all scored."""
    body = outlook_of(api, FULL_REQUEST)
    crs = body["crs"]
    assert crs["scored_as"] == "with accompanying spouse" and crs["breakdown"]["spouse"]["first_language"] > 0
    assert crs["breakdown"]["additional"]["french"] > 0 and crs["breakdown"]["additional"]["provincial_nomination"]
    assert crs["language_converted_from_test"] is True
    assert body["cec"]["invitation"]["recent_rounds"] and body["timeline_notes"]
    assert any(item["key"] == "ict_cap" for item in body["timeline"])
    assert_matches(document, "/pathways", "post", body)


@pytest.mark.parametrize("province", PROVINCES)
def test_the_provincial_options_of_every_province_match_the_schema(api, document, province):
    """Open, closed and not-researched rows, Quebec's French streams, employer duties with their labels."""
    body = outlook_of(api, request_with(job={"province": province}))
    assert body["provincial"]
    assert_matches(document, "/pathways", "post", body)


def test_a_job_without_a_cec_date_matches_the_schema(api, document):
    """TEER 5 work: no CEC date, no CLB needed, no invitation; no arranged employment for the FSW."""
    body = outlook_of(api, request_with(job={"noc_code": "65200"}))
    assert body["cec"]["eligible_from"] is None and body["cec"]["invitation"] is None
    assert body["fsw"]["arranged_employment"]["qualifies"] is False
    assert_matches(document, "/pathways", "post", body)


def test_a_part_time_job_that_never_reaches_the_hours_matches_the_schema(api, document):
    """8.5 hours a week: the hours counted keep their fraction (a number), the CEC date stays null."""
    body = outlook_of(api, request_with(job={"hours_per_week": 8.5}))
    assert body["cec"]["hours_per_week_counted"] == 8.5 and body["cec"]["eligible_from"] is None
    assert_matches(document, "/pathways", "post", body)


def test_a_day_before_any_crs_grid_gives_an_unscored_crs_that_matches_the_schema(api, document):
    """2019: no CRS grid in force, so the score, its breakdown, grid and status are null; so is the CEC outlook."""
    body = outlook_of(api, request_with(as_of="2019-06-01", job={"start_date": "2019-06-01"},
                                        permit={"expires": "2021-06-01", "program": "gts_a", "cap_date": None}))
    assert body["crs"]["total"] is None and body["crs"]["breakdown"] is None
    assert body["crs"]["rules_version"] is None and body["crs"]["status"] is None
    assert body["cec"]["invitation"]["outlook"] is None and body["cec"]["invitation"]["modelled_crs"] is None
    assert_matches(document, "/pathways", "post", body)


def test_a_single_candidate_with_clb_levels_matches_the_schema(api, document):
    """Levels given directly (nothing converted), no spouse, no second language, no permit program."""
    candidate = {"age": 29, "education": "bachelor", "first_language_clb": CLB9, "foreign_experience_years": 3}
    body = outlook_of(api, {**request_with(permit={"program": None, "cap_date": None}), "candidate": candidate})
    assert body["crs"]["scored_as"] == "single" and body["crs"]["language_converted_from_test"] is False
    assert_matches(document, "/pathways", "post", body)


def test_the_outlook_schema_refuses_a_field_it_does_not_list(api, document):
    """The parts are closed: a field the server added without its description would fail the checks above."""
    body = outlook_of(api, FULL_REQUEST)
    body["provincial"][0]["employer_must_provide"].append({"text": "x", "status": "SECONDARY", "source": "S8",
                                                           "label": "verify on the official page",
                                                           "verify": True, "extra": 1})
    with pytest.raises(jsonschema_rs.ValidationError):
        assert_matches(document, "/pathways", "post", body)


# --- the hire's outlook and profile ---------------------------------------------------------------

@pytest.fixture
def hire_id(api, hire):
    response = api.post("/api/v1/hires", json=hire)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def test_the_outlook_of_a_hire_without_a_profile_matches_the_schema(api, document, hire_id):
    """No profile yet: profile null, the CRS unscored with what it needs, the stand-ins named in basis."""
    body = api.get(f"/api/v1/hires/{hire_id}/pathways?as_of=2027-06-01").get_json()
    assert body["profile"] is None and body["crs"]["total"] is None and body["missing"] and body["basis"]
    assert_matches(document, "/hires/{hire_id}/pathways", "get", body)


def test_saving_a_full_profile_answers_with_the_profile_and_an_outlook_that_match_the_schema(
        api, document, hire_id):
    """Spouse, French test scores and a provincial nomination, stored and scored."""
    response = api.put(f"/api/v1/hires/{hire_id}/pathways/profile", json=FULL_CANDIDATE)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["profile"]["spouse"]["education"] == "bachelor" and body["profile"]["provincial_nomination"]
    assert body["outlook"]["profile"] == body["profile"]
    assert_matches(document, "/hires/{hire_id}/pathways/profile", "put", body)


def test_the_outlook_of_a_hire_with_a_full_profile_matches_the_schema(api, document, hire_id):
    api.put(f"/api/v1/hires/{hire_id}/pathways/profile", json=FULL_CANDIDATE)
    body = api.get(f"/api/v1/hires/{hire_id}/pathways?as_of=2027-06-01").get_json()
    assert body["profile"]["second_language_test"]["test"] == "tef_canada" and body["crs"]["total"] is not None
    assert_matches(document, "/hires/{hire_id}/pathways", "get", body)


# --- the PDF setting ------------------------------------------------------------------------------

def test_the_pathways_setting_matches_its_schema_before_and_after_a_change(api_for, make, document):
    admin = api_for(make.user(role="admin"))
    before = admin.get("/api/v1/settings/pathways").get_json()
    changed = admin.put("/api/v1/settings/pathways", json={"checklist_pdf_section": False})
    after = admin.get("/api/v1/settings/pathways").get_json()
    assert before == {"checklist_pdf_section": True} and changed.status_code == 200
    assert after == {"checklist_pdf_section": False}
    assert_matches(document, "/settings/pathways", "get", before)
    assert_matches(document, "/settings/pathways", "put", changed.get_json())
    assert_matches(document, "/settings/pathways", "get", after)

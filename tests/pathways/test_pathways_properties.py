"""Any valid request gives an outlook within the grid's maxima (IRCC CRS criteria: core 460/500, spouse 40,
transferability 100, additional 600, total 1,200; FSW out of 100)."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from employer_portal.pathways import outlook
from employer_portal.schemas.pathways import EDUCATION_LEVELS, MARITAL_STATUSES, PathwaysRequest
from employer_portal.schemas.hire import PROVINCES

levels = st.fixed_dictionaries({a: st.integers(0, 12) for a in ("listening", "reading", "writing", "speaking")})
days = st.dates(dt.date(2015, 1, 1), dt.date(2040, 12, 31))
requests = st.fixed_dictionaries({
    "as_of": st.dates(dt.date(2020, 10, 27), dt.date(2040, 12, 31)),  # the earliest bundled CRS grid
    "candidate": st.fixed_dictionaries({
        "age": st.integers(0, 120), "marital_status": st.sampled_from(MARITAL_STATUSES),
        "education": st.sampled_from(EDUCATION_LEVELS), "canadian_education_years": st.integers(0, 10),
        "first_language": st.sampled_from(("english", "french")), "first_language_clb": levels,
        "second_language_clb": st.none() | levels, "canadian_experience_years": st.integers(0, 60),
        "foreign_experience_years": st.integers(0, 60), "certificate_of_qualification": st.booleans(),
        "sibling_in_canada": st.booleans(), "provincial_nomination": st.booleans(),
        "spouse": st.none() | st.fixed_dictionaries({
            "education": st.sampled_from(EDUCATION_LEVELS), "first_language_clb": levels,
            "canadian_experience_years": st.integers(0, 60)}),
        "eca_date": st.none() | days, "language_test_date": st.none() | days,
    }),
    "job": st.fixed_dictionaries({"noc_code": st.from_regex(r"\A[0-9]{5}\Z"), "province": st.sampled_from(PROVINCES),
                                  "start_date": days, "hours_per_week": st.floats(0.5, 80)}),
    "permit": st.fixed_dictionaries({"expires": days, "program": st.sampled_from(("gts_a", "gts_b", "ict", "cusma")),
                                     "cap_date": st.none() | days}),
})


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=requests)
def test_every_score_stays_within_the_grid_maxima(data):
    result = outlook(PathwaysRequest.model_validate(data))
    crs = result["crs"]
    with_spouse = data["candidate"]["marital_status"] == "married_accompanying"
    assert 0 <= crs["core"] <= (460 if with_spouse else 500)
    assert 0 <= crs["spouse"] <= 40
    assert 0 <= crs["transferability"] <= 100
    assert 0 <= crs["additional"] <= 600
    assert crs["total"] <= 1200
    assert 0 <= result["fsw"]["points"] <= 100
    assert all(row["status_as_of"] and row["source"] for row in result["provincial"])

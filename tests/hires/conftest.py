"""Payload builders for the hire tests: small, complete hires on the real 2025 figures."""
from __future__ import annotations

import copy

import pytest

# 21231 software engineers in Toronto: Ontario's prevailing wage applies; 135,000 a year is well above it.
GTS_B = {
    "program": "gts_b",
    "worker": {"given_name": "Ana", "family_name": "Silva", "email": "ana@example.com", "citizenships": ["BR"],
               "highest_education": "master", "years_experience": 6,
               "passport_number": "YB1234567", "date_of_birth": "1990-04-12"},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "province": "ON",
                 "wage": {"amount": 135000, "period": "year"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2029-02-28"},
    "gts": {"referral_partner": None},
}

GTS_A = {
    "program": "gts_a",
    "worker": {"given_name": "Lee", "family_name": "Park", "citizenships": ["KR"], "highest_education": "doctorate",
               "years_experience": 10},
    # 21211 data scientists, 120,000 a year: above the first Category A floor ($38.46/h and $80,000), below the third ($72.11/h and $150,000).
    "position": {"title": "Research scientist", "noc_code": "21211", "province": "ON",
                 "wage": {"amount": 120000, "period": "year"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2029-02-28"},
    "gts": {"referral_partner": "Communitech", "referral_date": "2026-11-02"},
}


@pytest.fixture
def gts_b():
    return copy.deepcopy(GTS_B)


@pytest.fixture
def gts_a():
    return copy.deepcopy(GTS_A)


@pytest.fixture
def hr(make):
    return make.user(make.employer(), role="hr")


@pytest.fixture
def api(api_for, hr):
    return api_for(hr)

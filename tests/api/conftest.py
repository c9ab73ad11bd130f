"""Fixtures for the API tests: an HR user's token client, with the bundled reference data in the database."""
from __future__ import annotations

import copy

import pytest


@pytest.fixture
def refdata_loaded(app):
    from employer_portal.refdata import store
    from employer_portal.refdata.importer import load_bundled_sets

    with app.app_context():
        load_bundled_sets()
    store.invalidate()


@pytest.fixture
def api(make, api_for, refdata_loaded):
    return api_for(make.user(role="hr"))


GTS_B_HIRE = {
    "program": "gts_b",
    "worker": {"given_name": "Ana", "family_name": "Silva", "citizenships": ["BR"],
               "highest_education": "master", "years_experience": 6},
    "position": {"title": "Software developer", "noc_code": "21232", "province": "ON", "economic_region": "ER3510",
                 "wage": {"amount": 55, "period": "hour"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2029-02-28"},
}


@pytest.fixture
def hire():
    """A complete, eligible GTS Category B hire (21232 in Ottawa at $55/h), fresh for each test."""
    return copy.deepcopy(GTS_B_HIRE)

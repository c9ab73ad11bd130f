"""Small factories for hire payloads; no database."""
from __future__ import annotations

import copy

import pytest

from employer_portal.compliance import evaluate
from employer_portal.refdata import load_bundled
from employer_portal.schemas.hire import HirePayload

# A complete hire that passes every route's blockers when given the matching block.
BASE = {
    "worker": {"given_name": "Ana", "family_name": "Silva", "citizenships": ["US"],
               "highest_education": "master", "years_experience": 6},
    "position": {"title": "Software developer", "noc_code": "21232", "province": "ON", "economic_region": "ER3510",
                 "wage": {"amount": 55, "period": "hour"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2030-02-28"},
    "gts": {"referral_partner": "Communitech", "category_a_positions_this_year": 0},
    "ict": {"foreign_employer": "Parent GmbH", "relationship": "parent", "category": "executive_manager",
            "continuous_full_time_months": 30, "prior_ict_months_in_canada": 0},
    "cusma": {"profession": "computer_systems_analyst", "licensed": False, "worker_controls_employer": False},
}


def _merge(target: dict, changes: dict) -> dict:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value
    return target


def make_hire(program: str | None = None, **changes) -> HirePayload:
    """The base hire with nested `changes` merged in (a None value sets the field to None)."""
    data = _merge(copy.deepcopy(BASE), changes)
    if program:
        data["program"] = program
    return HirePayload.model_validate(data)


@pytest.fixture(scope="session")
def refdata():
    return load_bundled()


@pytest.fixture
def check(refdata):
    """check(program, **changes) -> Report for the base hire with those changes."""

    def run(program, category_a_positions_this_year=None, **changes):
        return evaluate(make_hire(program, **changes), refdata, category_a_positions_this_year=category_a_positions_this_year)

    return run


@pytest.fixture(name="make_hire")
def make_hire_fixture():
    """The make_hire factory, for tests that evaluate with their own reference data."""
    return make_hire

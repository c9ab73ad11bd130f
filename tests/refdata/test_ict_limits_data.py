"""ICT stay limits and the CUSMA ICT routes to consider, as bundled data (lmia_exemption_codes.json)."""
from __future__ import annotations

import pytest

from employer_portal.refdata import load_bundled


@pytest.fixture(scope="module")
def refdata():
    return load_bundled()


def test_ict_caps_by_category_and_over_all_categories(refdata):
    """IRCC ICT instructions, Duration: C62 'total period of stay may not exceed 7 years', C63 '5 years'; 'The total
    period of stay as an ICT is strictly limited to 7 years.'"""
    limits = refdata.ict_stay_limits
    assert limits.category_cap("executive_manager") == 84 and limits.category_cap("specialized_knowledge") == 60
    assert limits.category_cap("startup") is None and limits.all_categories_cap_months == 84


def test_a_year_abroad_restarts_ict_time_and_recapture_needs_30_days(refdata):
    """IRCC ICT instructions, Breaks in Canadian service ('at least 12 months') and Recaptured time ('less than 30
    consecutive days' is not considered)."""
    limits = refdata.ict_stay_limits
    assert (limits.months_abroad_to_restart, limits.recapture_min_days) == (12, 30)
    assert "intra-company-transferees.html" in limits.source


def test_cusma_t37_and_t38_are_routes_to_consider_not_codes_the_checker_gives(refdata):
    """IRCC CUSMA ICT instructions: 'T37 ... Executive or senior managers', 'T38 ... Specialized knowledge workers'; the
    route finder's four programs and their codes (C61, C62, C63, T36) are unchanged."""
    by_code = {route.code: route for route in refdata.alternative_routes}
    assert set(by_code) == {"T37", "T38"}
    assert by_code["T38"].citizenships == {"US", "MX"} and by_code["T38"].total_cap_months == 60
    assert "specialized_knowledge" in by_code["T38"].for_ict_categories
    assert all("cusma/intra-company-transferees.html" in route.source for route in by_code.values())
    assert {route.code for route in refdata.exemption_routes.values()} == {"C61", "C62", "C63", "T36"}

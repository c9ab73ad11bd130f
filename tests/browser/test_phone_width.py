"""Issue 10 item 7: no page scrolls sideways on a 390 px phone, even with a long official URL in a finding's source
or a wide table (the hires list, the settings' reminder preview)."""
from __future__ import annotations

import copy

import pytest

from browser_steps import sign_in

GTS_B = {
    "program": "gts_b",
    "worker": {"given_name": "Ana", "family_name": "Silva", "citizenships": ["BR"], "highest_education": "master",
               "years_experience": 6},
    "position": {"title": "Software developer", "noc_code": "21232", "province": "ON", "city": "Ottawa",
                 "wage": {"amount": 45, "period": "hour"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2029-02-28"},
}


@pytest.mark.parametrize("path", ["/dashboard", "/hires/", "/hires/{id}", "/hires/{id}/edit", "/settings/",
                                  "/compliance"])
def test_no_page_scrolls_sideways_at_390_px(page, live_server, make, api_for, path):
    admin = make.user(make.employer("Phone Co"), role="admin")
    hire_id = api_for(admin).post("/api/v1/hires", json=copy.deepcopy(GTS_B)).get_json()["id"]
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, admin)
    page.goto(live_server + path.format(id=hire_id))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

"""The Pathways section in a real browser (issue 11 item 5): HR fills the worker's profile on the hire
page, a bad value is shown beside its field with what was typed kept, and once saved the outlook shows
the CRS total, the CEC date and the timeline, unconfirmed facts marked "verify on the official page"."""
from __future__ import annotations

import copy
import re

from playwright.sync_api import expect

GTS_HIRE = {
    "program": "gts_b",
    "worker": {"given_name": "Ana", "family_name": "Silva", "email": "ana@example.com", "citizenships": ["BR"],
               "highest_education": "master", "years_experience": 6, "date_of_birth": "1996-04-12"},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "province": "ON",
                 "wage": {"amount": 135000, "period": "year"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2029-02-28"},
    "gts": {"referral_partner": None},
}


def _sign_in(page, live_server, user):
    page.goto(f"{live_server}/login")
    page.fill('[name="email"]', user.email)
    page.fill('[name="password"]', user.password)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url(re.compile(r".*/dashboard.*|.*/$"))


def test_hr_fills_the_profile_and_sees_the_crs_total(page, live_server, make, api_for):
    hr = make.user(make.employer("Pathways Co"), role="hr")
    api = api_for(hr)
    hire_id = api.post("/api/v1/hires", json=copy.deepcopy(GTS_HIRE)).get_json()["id"]
    assert api.post(f"/api/v1/hires/{hire_id}/submit").status_code == 200
    assert api.put(f"/api/v1/hires/{hire_id}/dates", json={
        "work_permit_issued_on": "2027-02-15", "work_permit_expires_on": "2029-02-28"}).status_code == 200

    _sign_in(page, live_server, hr)
    page.goto(f"{live_server}/hires/{hire_id}#pathways")
    section = page.locator("#pathways")
    expect(section.get_by_role("heading", name="Pathways to permanent residence")).to_be_visible()
    expect(section.locator("[data-crs-total]")).to_have_count(0)  # no profile yet
    section.locator("summary", has_text="Enter the profile").click()

    section.get_by_label("Marital status").select_option("single")
    section.get_by_label("Highest education").select_option("master")
    for ability, level in (("listening", "15"), ("reading", "9"), ("writing", "9"), ("speaking", "9")):
        section.get_by_label(f"First language CLB/NCLC: {ability}", exact=True).fill(level)
    section.get_by_label("Years of skilled work abroad").fill("3")
    with page.expect_navigation(wait_until="load"):
        section.locator("[data-save-profile]").click()

    # CLB 15 does not exist: the error sits beside the field, every typed value is still there.
    listening = page.locator("#pw-first-language-clb-listening")
    expect(listening).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#pw-first-language-clb-listening-error")).to_be_visible()
    expect(listening).to_have_value("15")
    expect(page.locator("#pw-foreign-experience-years")).to_have_value("3")
    expect(page.locator("#pw-education")).to_have_value("master")

    listening.fill("9")
    with page.expect_navigation(wait_until="load"):
        page.locator("[data-save-profile]").click()

    total = page.locator("#pathways [data-crs-total]")
    expect(total).to_be_visible()
    expected = api.get(f"/api/v1/hires/{hire_id}/pathways").get_json()["crs"]["total"]
    expect(total).to_have_text(str(expected))
    expect(page.locator("#pathways [data-cec-date]")).to_have_text("2028-02-28")
    expect(page.locator('#pathways [data-timeline-key="enter_pool"]')).to_contain_text("guidance")
    expect(page.locator("#pathways [data-provincial] [data-verify]").first).to_contain_text(
        "verify on the official page")
    # The timeline became deadlines with reminders, shown in the hire's deadlines section.
    page.get_by_role("tab", name="Deadlines").click()
    expect(page.get_by_text("Pathways (guidance): The worker can enter the Express Entry pool")).to_be_visible()

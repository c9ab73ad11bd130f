"""The Conditions section in a real browser (issue 14, 'What it must show'): on an active GTS hire of a small
employer, HR records a wage cut (flagged as a violation risk citing R209.3(1)(a)(iv) with the small-business
penalty range, not applied), then a raise (allowed, applied, in the audit trail); on a submitted hire, a different
NOC and wage in the permit application than in the LMIA are shown as mismatches before filing."""
from __future__ import annotations

import copy
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

GTS_B = {
    "program": "gts_b",
    "worker": {"given_name": "Ana", "family_name": "Silva", "citizenships": ["BR"], "highest_education": "master",
               "years_experience": 6},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "province": "ON", "city": "Toronto",
                 "duties": "Design and build the payments platform.", "wage": {"amount": 135000, "period": "year"},
                 "hours_per_week": 40, "start_date": "2027-03-01", "end_date": "2029-02-28"},
}


def _sign_in(page, live_server, user):
    page.goto(f"{live_server}/login")
    page.fill('[name="email"]', user.email)
    page.fill('[name="password"]', user.password)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url(re.compile(r".*/dashboard.*|.*/$"))


def _hire(api, *steps) -> int:
    hire_id = api.post("/api/v1/hires", json=copy.deepcopy(GTS_B)).get_json()["id"]
    assert api.post(f"/api/v1/hires/{hire_id}/submit").status_code == 200
    for step in steps:
        assert api.post(f"/api/v1/hires/{hire_id}/status", json={"status": step}).status_code == 200
    return hire_id


def _submit(page, button) -> None:
    with page.expect_navigation(wait_until="load"):
        button.click()


def test_conditions_section_flags_a_wage_cut_records_a_raise_and_shows_filing_mismatches(
        page, live_server, make, api_for):
    admin = make.user(make.employer("Conditions Browser Co"), role="admin")
    api = api_for(admin)
    _sign_in(page, live_server, admin)

    # The employer's size (R209.93): 40 employees is a small business.
    page.goto(f"{live_server}/settings/")
    page.fill('[name="employee_count"]', "40")
    _submit(page, page.get_by_role("button", name="Save size"))
    expect(page.locator("[data-employer-size] [data-size]")).to_have_text("small business")

    active = _hire(api, "filed", "approved", "active")
    page.goto(f"{live_server}/hires/{active}#conditions")
    section = page.locator("section[data-conditions]")
    expect(section.get_by_role("heading", name="Conditions", exact=True)).to_be_visible()
    expect(section.locator("[data-business-size]")).to_have_text("a small business")

    section.locator("summary", has_text="Record a change of terms").click()
    form = section.locator("form[data-terms-form]")
    form.locator('[name="wage_amount"]').fill("120000")
    form.locator('[name="note"]').fill("budget cut")
    _submit(page, form.get_by_role("button", name="Check and record the change"))
    cut = section.locator('[data-terms-change="1"]')
    expect(cut).to_have_attribute("data-outcome", "violation_risk")
    expect(cut).to_contain_text("R209.3(1)(a)(iv)")
    expect(cut).to_contain_text("$750–$100,000 per violation for a small business")
    expect(section.locator('[data-term="wage_amount"] [data-current]')).to_have_text("135000")

    section.locator("summary", has_text="Record a change of terms").click()
    form.locator('[name="wage_amount"]').fill("145000")
    _submit(page, form.get_by_role("button", name="Check and record the change"))
    expect(section.locator('[data-terms-change="2"]')).to_have_attribute("data-outcome", "allowed")
    expect(section.locator('[data-term="wage_amount"] [data-current]')).to_have_text("145000")
    expect(page.locator("table.audit")).to_contain_text("Change to the terms")

    submitted = _hire(api)
    page.goto(f"{live_server}/hires/{submitted}#conditions")
    section = page.locator("section[data-conditions]")
    section.locator("summary", has_text="permit application").click()
    filing = section.locator("form[data-filing-form]")
    filing.locator('[name="lmia-number"]').fill("1234567")
    filing.locator('[name="lmia-noc_code"]').fill("21231")
    filing.locator('[name="lmia-wage_amount"]').fill("135000")
    filing.locator('[name="permit_application-noc_code"]').fill("21211")
    filing.locator('[name="permit_application-wage_amount"]').fill("125000")
    _submit(page, filing.get_by_role("button", name="Save and compare"))
    findings = section.locator("[data-consistency-findings]")
    expect(findings.locator('[data-code="TERMS_MISMATCH"][data-field="noc_code"]')).to_contain_text("21211")
    expect(findings.locator('[data-code="TERMS_MISMATCH"][data-field="wage_amount"]')).to_contain_text("125000")

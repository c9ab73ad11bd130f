"""The hire flow in a real browser: sign in, draft through the form, see a blocker, fix it, submit."""
from __future__ import annotations

import re

from playwright.sync_api import expect


def _fill(page, values: dict) -> None:
    for name, value in values.items():
        locator = page.locator(f'[name="{name}"]')
        if locator.evaluate("el => el.tagName") == "SELECT":
            locator.select_option(value)
        else:
            locator.fill(value)


def _click_and_load(page, locator) -> None:
    # Every save is a full page load (the form works without JS): wait for it, not for a guess.
    with page.expect_navigation(wait_until="load"):
        locator.click()


def _sign_in(page, live_server, user):
    page.goto(f"{live_server}/login")
    page.fill('[name="email"]', user.email)
    page.fill('[name="password"]', user.password)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url(re.compile(r".*/dashboard.*|.*/$"))


def test_draft_blocker_fix_and_submit(page, live_server, make):
    hr = make.user(make.employer("Browser Co"), role="hr")
    _sign_in(page, live_server, hr)

    page.goto(f"{live_server}/hires/new")
    page.select_option('[name="program"]', "gts_b")
    # Only the GTS block is shown for a GTS route (hire_form.js).
    expect(page.locator('[data-route-block="ict"]')).to_be_hidden()
    expect(page.locator('[data-route-block="gts"]')).to_be_visible()
    _fill(page, {
        "worker.given_name": "Ana", "worker.family_name": "Silva", "worker.citizenships": "BR",
        "worker.highest_education": "master", "worker.years_experience": "6",
        "position.title": "Senior software engineer", "position.noc_code": "21231", "position.province": "ON",
        "position.wage.amount": "60000", "position.wage.period": "year", "position.hours_per_week": "40",
        "position.start_date": "2027-03-01", "position.end_date": "2029-02-28",
    })
    _click_and_load(page, page.get_by_role("button", name="Save draft"))

    findings = page.locator("aside.findings")
    expect(findings.locator('[data-code="WAGE_BELOW_PREVAILING"].finding--blocker')).to_be_visible()
    expect(findings).to_contain_text("56.73")

    page.fill('[name="position.wage.amount"]', "135000")
    _click_and_load(page, page.get_by_role("button", name="Save draft"))
    expect(findings.locator('[data-code="WAGE_BELOW_PREVAILING"]')).to_have_count(0)
    expect(findings).to_contain_text("No blocker")

    _click_and_load(page, page.get_by_role("link", name="Review and submit"))
    _click_and_load(page, page.get_by_role("link", name="Submit"))  # asks first (issue 10)
    _click_and_load(page, page.get_by_role("button", name="Yes, submit"))
    expect(page.locator("[data-hire-status]")).to_have_text("Submitted")
    expect(page.locator(".findings")).to_contain_text("Report frozen at submission")


def test_noc_picker_fills_the_code_from_a_job_title(page, live_server, make):
    hr = make.user(make.employer("Picker Co"), role="hr")
    _sign_in(page, live_server, hr)

    page.goto(f"{live_server}/hires/new")
    page.locator('[name="position.title"]').press_sequentially("software engineer", delay=20)
    suggestion = page.locator('#noc-suggestions [data-noc-code="21231"]')
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(page.locator('[name="position.noc_code"]')).to_have_value("21231")

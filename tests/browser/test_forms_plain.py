"""Forms that speak plainly and lose nothing, in a real browser (issue 10 items 2 and 3)."""
from __future__ import annotations

import re

from playwright.sync_api import expect

FORM = {
    "worker.given_name": "Ana", "worker.family_name": "Silva", "worker.citizenships": "BR",
    "position.title": "Senior software engineer", "position.noc_code": "21231", "position.province": "ON",
    "position.wage.period": "year", "position.hours_per_week": "40",
    "position.start_date": "2027-03-01", "position.end_date": "2029-02-28",
}


def _fill(page, values: dict) -> None:
    for name, value in values.items():
        locator = page.locator(f'[name="{name}"]')
        if locator.evaluate("el => el.tagName") == "SELECT":
            locator.select_option(value)
        else:
            locator.fill(value)


def _click_and_load(page, locator) -> None:
    with page.expect_navigation(wait_until="load"):
        locator.click()


def _sign_in(page, live_server, user):
    page.goto(f"{live_server}/login")
    page.fill('[name="email"]', user.email)
    page.fill('[name="password"]', user.password)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url(re.compile(r".*/dashboard.*|.*/$"))


def _new_draft(page, live_server, wage: str) -> str:
    page.goto(f"{live_server}/hires/new")
    page.select_option('[name="program"]', "gts_b")
    _fill(page, FORM)
    page.fill('[name="position.wage.amount"]', wage)
    _click_and_load(page, page.get_by_role("button", name="Save draft"))
    return page.url


def test_a_wage_typed_with_a_comma_is_accepted(page, live_server, make):
    """Issue 10: '`120,000` accepted'."""
    _sign_in(page, live_server, make.user(make.employer("Comma Co"), role="hr"))
    edit_url = _new_draft(page, live_server, "120,000")
    assert edit_url.endswith("/edit")
    expect(page.locator('[name="position.wage.amount"]')).to_have_value("120000")


def test_a_bad_wage_gets_plain_words_beside_the_field_and_keeps_the_typed_values(page, live_server, make):
    """Issue 10: 'keeps what was typed after an error and shows the message next to the field'."""
    _sign_in(page, live_server, make.user(make.employer("Words Co"), role="hr"))
    _new_draft(page, live_server, "about 120k")
    expect(page.locator("#position-wage-amount-error")).to_contain_text("Enter the wage as a number, e.g. 120000 or 120,000")
    expect(page.locator('[name="position.wage.amount"]')).to_have_value("about 120k")
    expect(page.locator('[name="worker.given_name"]')).to_have_value("Ana")


def test_a_stale_save_is_refused_with_the_typed_values_kept(page, browser, live_server, make):
    """Issue 10: 'a stale save refused with the typed values kept' and a way to reload."""
    employer = make.employer("Stale Co")
    me, colleague = make.user(employer, role="hr"), make.user(employer, role="hr")
    _sign_in(page, live_server, me)
    edit_url = _new_draft(page, live_server, "135000")

    other_context = browser.new_context()
    other = other_context.new_page()
    try:
        _sign_in(other, live_server, colleague)
        other.goto(edit_url)
        other.fill('[name="position.hours_per_week"]', "37.5")
        _click_and_load(other, other.get_by_role("button", name="Save draft"))
    finally:
        other_context.close()

    page.fill('[name="position.title"]', "Staff engineer")
    _click_and_load(page, page.get_by_role("button", name="Save draft"))
    refused = page.locator("[data-stale-save]")
    expect(refused).to_contain_text("someone else changed this draft")
    expect(refused).to_contain_text("Hours per week")
    expect(page.locator('[name="position.title"]')).to_have_value("Staff engineer")
    expect(refused.get_by_role("link", name="reload and discard mine")).to_have_attribute("href", re.compile(r"/edit$"))

    _click_and_load(page, refused.get_by_role("button", name="Save my values over their changes"))
    expect(page.locator('[name="position.title"]')).to_have_value("Staff engineer")
    expect(page.locator("[data-stale-save]")).to_have_count(0)


def test_delete_asks_first(page, live_server, make):
    """Issue 10: 'delete asks first', on a page that works without JavaScript."""
    _sign_in(page, live_server, make.user(make.employer("Careful Co"), role="hr"))
    edit_url = _new_draft(page, live_server, "135000")
    page.goto(edit_url.removesuffix("/edit"))
    _click_and_load(page, page.get_by_role("link", name="Delete draft"))
    expect(page.get_by_role("heading", name="Delete this draft?")).to_be_visible()
    _click_and_load(page, page.get_by_role("link", name="No, go back"))
    expect(page.locator("[data-hire-status]")).to_have_text("Draft")
    _click_and_load(page, page.get_by_role("link", name="Delete draft"))
    _click_and_load(page, page.get_by_role("button", name="Yes, delete the draft"))
    expect(page.get_by_text("Draft deleted.")).to_be_visible()

"""Words for people, in a real browser (issue 10 item 4): findings lead with their message and link official pages,
the audit trail speaks in sentences, terms link to the glossary, and the product is not called "Employer Portal"."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from browser_steps import sign_in

DRAFT = {
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


def _save(page) -> None:
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Save draft").click()


def _draft_with_a_wage_raise(page, live_server) -> str:
    """A GTS B draft saved at $62,000 a year, then raised to $135,000: the hire page's address."""
    page.goto(f"{live_server}/hires/new")
    page.select_option('[name="program"]', "gts_b")
    _fill(page, {**DRAFT, "position.wage.amount": "62,000"})
    _save(page)
    page.fill('[name="position.wage.amount"]', "135,000")
    _save(page)
    hire_url = re.sub(r"/edit$", "", page.url)
    page.goto(hire_url)
    return hire_url


def test_a_finding_leads_with_its_message_and_links_its_official_source(page, live_server, make):
    sign_in(page, live_server, make.user(make.employer("Plain Words Co"), role="hr"))
    _draft_with_a_wage_raise(page, live_server)
    finding = page.locator('#findings .finding[data-code="LMIA_REQUIRED"]')
    expect(finding.locator(".finding__message")).to_contain_text("Labour Market Benefits Plan")
    source = finding.locator("a[data-source-link]").first
    expect(source).to_have_attribute("href", re.compile(r"^https://([a-z-]+\.)*(canada\.ca|gc\.ca|justice\.gc\.ca)/"))
    # The code and field are there, but only as small secondary text after the message and the source.
    expect(finding.locator(".finding__code small.code")).to_contain_text("LMIA_REQUIRED")
    order = finding.evaluate("el => [...el.children].map(c => c.className)")
    assert order.index("finding__message") < order.index("finding__code")


def test_the_audit_trail_says_what_changed_in_a_sentence(page, live_server, make):
    sign_in(page, live_server, make.user(make.employer("Audit Words Co"), role="hr"))
    _draft_with_a_wage_raise(page, live_server)
    page.get_by_role("tab", name="History").click()
    expect(page.locator("#audit-heading")).to_be_visible()
    expect(page.locator("table.audit")).to_contain_text("Wage changed from $62,000 a year to $135,000 a year")


def test_a_term_on_the_hire_page_links_to_its_glossary_entry(page, live_server, make):
    sign_in(page, live_server, make.user(make.employer("Glossary Co"), role="hr"))
    _draft_with_a_wage_raise(page, live_server)
    link = page.locator('#findings a[href*="/glossary#"]', has_text="LMIA").first
    href = link.get_attribute("href")
    page.goto(href if href.startswith("http") else f"{live_server}{href}")
    entry = page.locator(f'#{href.rsplit("#", 1)[1]}')
    expect(entry).to_be_visible()
    expect(entry).to_contain_text("Labour Market Impact Assessment")
    expect(entry.locator('a[href^="https://"]').first).to_be_visible()


def test_the_product_is_hirecheck_not_irccs_employer_portal(page, live_server, make):
    sign_in(page, live_server, make.user(make.employer("Name Co"), role="hr"))
    _draft_with_a_wage_raise(page, live_server)
    assert "HireCheck" in page.title()
    expect(page.locator("header")).to_contain_text("HireCheck")
    expect(page.locator("header")).not_to_contain_text("Employer Portal")

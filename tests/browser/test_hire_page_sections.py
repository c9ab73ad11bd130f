"""Issue 10 item 1 in a real browser: the hire page's sections are tabs (role tablist/tab/tabpanel, arrow keys),
the URL fragment picks the tab, an action's result shows beside what was clicked without the page jumping away,
no section of the demo hire is longer than about two screens, and a 390 px phone never scrolls sideways."""
from __future__ import annotations

import copy
import re

import pytest
from playwright.sync_api import expect

from browser_steps import sign_in
from employer_portal.hires.demo import DEMO_HIRES
from employer_portal.hires.page_summary import SECTIONS

LAPTOP = {"width": 1366, "height": 768}
# "About two screens" at 1366x768: two viewport heights and a little (a section's own margins).
TWO_SCREENS = 2 * LAPTOP["height"] + 64


@pytest.fixture
def hr(make):
    return make.user(make.employer("Tabs Co"), role="hr")


@pytest.fixture
def demo_hire(api_for, hr) -> int:
    """seed-demo's Ana Silva (GTS Category B), submitted, filed and approved: every section has content."""
    api = api_for(hr)
    hire_id = api.post("/api/v1/hires", json=copy.deepcopy(DEMO_HIRES[0])).get_json()["id"]
    assert api.post(f"/api/v1/hires/{hire_id}/submit").status_code == 200
    for step in ("filed", "approved"):
        assert api.post(f"/api/v1/hires/{hire_id}/status", json={"status": step}).status_code == 200
    return hire_id


def _open(page, live_server, hr, hire_id, fragment=""):
    page.set_viewport_size(LAPTOP)
    sign_in(page, live_server, hr)
    page.goto(f"{live_server}/hires/{hire_id}{fragment}")
    page.wait_for_load_state("load")


def _only_visible(page, key):
    for other, _label in SECTIONS:
        section = page.locator(f"section.hire-section#{other}")
        if other == key:
            expect(section).to_be_visible()
        elif section.count():
            expect(section).to_be_hidden()
    expect(page.get_by_role("tab", name=dict(SECTIONS)[key])).to_have_attribute("aria-selected", "true")


def test_the_page_opens_on_findings_and_a_tab_click_shows_only_its_section(page, live_server, hr, demo_hire):
    _open(page, live_server, hr, demo_hire)
    expect(page.get_by_role("tablist")).to_have_count(1)
    expect(page.get_by_role("tab")).to_have_count(len(SECTIONS))
    _only_visible(page, "findings")
    expect(page.get_by_role("tabpanel")).to_have_count(1)  # hidden panels leave the accessibility tree
    page.get_by_role("tab", name="Deadlines").click()
    _only_visible(page, "deadlines")
    expect(page.get_by_role("tabpanel", name="Deadlines")).to_contain_text("Deadlines and reminders")
    assert page.url.endswith("#deadlines")


def test_arrow_keys_home_and_end_move_between_tabs(page, live_server, hr, demo_hire):
    _open(page, live_server, hr, demo_hire)
    findings = page.get_by_role("tab", name="Findings")
    findings.focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Checklist")).to_be_focused()
    _only_visible(page, "checklist")
    page.keyboard.press("End")
    expect(page.get_by_role("tab", name="History")).to_be_focused()
    _only_visible(page, "history")
    page.keyboard.press("Home")
    page.keyboard.press("ArrowLeft")  # wraps round to the last tab
    expect(page.get_by_role("tab", name="History")).to_be_focused()
    expect(findings).to_have_attribute("tabindex", "-1")  # one tab stop for the whole tab bar


@pytest.mark.parametrize("fragment, key", [("#documents", "documents"), ("#history", "history"),
                                           ("#conditions", "after-approval"), ("#inspection", "documents")])
def test_the_url_fragment_selects_the_tab_that_holds_it(page, live_server, hr, demo_hire, fragment, key):
    _open(page, live_server, hr, demo_hire, fragment)
    _only_visible(page, key)
    expect(page.locator(fragment)).to_be_in_viewport()


def test_marking_a_deadline_done_lands_on_deadlines_with_the_message_beside_it(page, live_server, hr, demo_hire):
    _open(page, live_server, hr, demo_hire, "#deadlines")
    first = page.locator("#deadlines .deadline-list__item").first
    title = first.locator("strong").first.inner_text()
    first.get_by_label("Note or document reference (optional)").fill("Sent by email")
    with page.expect_navigation(wait_until="load"):
        first.get_by_role("button", name="Mark done").click()
    assert page.url.endswith("#deadlines")
    _only_visible(page, "deadlines")
    message = page.locator('#deadlines [data-section-flash="deadlines"]')
    expect(message).to_have_text(f"Marked done: {title}.")
    expect(message).to_be_in_viewport()
    expect(page.locator(".flashes")).to_have_count(0)  # not at the top of the page, out of sight
    top = page.evaluate("document.getElementById('deadlines').getBoundingClientRect().top")
    assert 0 <= top < LAPTOP["height"] / 2, f"the Deadlines section starts {top} px down the window"


def test_each_section_of_the_demo_hire_fits_in_about_two_screens(page, live_server, hr, demo_hire):
    _open(page, live_server, hr, demo_hire)
    heights = {}
    for key, label in SECTIONS:
        page.get_by_role("tab", name=label).click()
        heights[key] = page.evaluate(f"document.getElementById('{key}').getBoundingClientRect().height")
    assert all(height > 0 for height in heights.values()), heights
    assert max(heights.values()) <= TWO_SCREENS, heights


def test_no_section_scrolls_sideways_on_a_390_px_phone(browser, live_server, hr, demo_hire):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, live_server, hr)
        page.goto(f"{live_server}/hires/{demo_hire}")
        for key, label in SECTIONS:
            page.get_by_role("tab", name=label).click()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{key}: the page is {width} px wide"
    finally:
        context.close()


def test_without_javascript_every_section_shows_under_plain_links(browser, live_server, hr, demo_hire):
    context = browser.new_context(java_script_enabled=False, viewport=LAPTOP)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, live_server, hr)
        page.goto(f"{live_server}/hires/{demo_hire}")
        expect(page.get_by_role("tab")).to_have_count(0)
        for key, label in SECTIONS:
            heading = page.locator(f"#{key} > h2.hire-section__title")
            expect(heading).to_be_visible()
            expect(heading).to_have_text(label)
        page.get_by_role("link", name="History", exact=True).click()
        assert re.search(r"#history$", page.url)
        expect(page.locator("#history")).to_be_in_viewport()
    finally:
        context.close()

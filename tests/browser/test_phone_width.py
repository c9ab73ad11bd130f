"""Issue 10 item 7: no page scrolls sideways on a 390 px phone. Every page of the web interface (page_list.PAGES,
guarded against new routes by test_every_html_get_route_has_a_visit) is opened with seed-demo's data, signed in
as the role that uses it."""
from __future__ import annotations

import pytest

from page_list import PAGES, html_get_endpoints, open_visit, seed_demo_site

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(app):
    return seed_demo_site(app)


def test_every_html_get_route_has_a_visit(app):
    visited = {v.endpoint for v in PAGES}
    missing = sorted(html_get_endpoints(app) - visited)
    assert not missing, f"HTML GET routes with no entry in tests/browser/page_list.py PAGES: {missing}"


@pytest.mark.parametrize("visit", PAGES, ids=[v.name for v in PAGES])
def test_no_page_scrolls_sideways_at_390_px(app, browser, live_server, demo, visit):
    if visit.endpoint and visit.endpoint not in app.view_functions:
        pytest.skip(f"{visit.endpoint} is not in this app yet")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        open_visit(page, live_server, visit, demo)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table'))
            .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))""")
        assert width[0] <= width[1] == PHONE["width"], f"{visit.name}: {width[0]} px wide; past the edge: {wide}"
    finally:
        context.close()

"""Issue 10 item 7: WCAG 2.1 A/AA on every page, checked by axe-core (the axe.min.js that the PyPI package
axe-playwright-python ships) with zero serious or critical violations. Pages come from page_list.PAGES, which
test_phone_width guards against new routes."""
from __future__ import annotations

import pytest

from page_list import PAGES, open_visit, seed_demo_site

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


@pytest.fixture
def demo(app):
    return seed_demo_site(app)


def serious_violations(page, axe_script: str) -> list[str]:
    """axe-core's serious and critical violations of WCAG 2.1 A/AA on the open page, one line each."""
    page.evaluate(axe_script)  # through the DevTools protocol: the page's CSP does not apply
    results = page.evaluate("opts => axe.run(document, opts)",
                            {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
                                                                    else str(n["target"]) for n in v["nodes"][:4])
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("visit", PAGES, ids=[v.name for v in PAGES])
def test_page_has_no_serious_accessibility_violations(app, browser, live_server, demo, axe_script, visit, width):
    if visit.endpoint and visit.endpoint not in app.view_functions:
        pytest.skip(f"{visit.endpoint} is not in this app yet")
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        open_visit(page, live_server, visit, demo)
        found = serious_violations(page, axe_script)
        assert not found, f"{visit.name}:\n" + "\n".join(found)
    finally:
        context.close()


def test_the_check_reports_text_too_faint_to_read(page, live_server, axe_script):
    # Guards the check itself: were axe not running (or its tags wrong), every page above would pass unchecked.
    page.goto(f"{live_server}/login")
    page.evaluate("""() => { const p = document.createElement('p'); p.textContent = 'Faint words';
                             p.style.color = '#c8c8c8'; p.style.background = '#ffffff';
                             document.querySelector('main').append(p); }""")
    assert any(line.startswith("color-contrast (serious)") for line in serious_violations(page, axe_script))

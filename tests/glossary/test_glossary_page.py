"""The glossary (issue 10 item 4): every term has an anchor and an official source; pages link terms to it."""
from __future__ import annotations

import re

from glossary_samples import ICT_TEER_3

# The terms the issue names, by anchor (C61-C63 and T36 come from the exemption codes in force).
REQUIRED = {"teer", "noc", "lmia", "lmbp", "er", "c61", "c62", "c63", "t36", "gts-category-a", "gts-category-b",
            "maintained-status", "caq", "prevailing-wage", "job-bank", "referral-partner", "employer-portal",
            "crs", "cec", "fsw", "pnp"}
ENTRY = re.compile(r'<div class="glossary__entry" id="([^"]+)"[^>]*>(.*?)</div>', re.S)


def _entries(client) -> dict[str, str]:
    response = client.get("/glossary")
    assert response.status_code == 200
    return dict(ENTRY.findall(response.get_data(as_text=True)))


def test_every_term_has_an_anchor_and_an_official_source_link(client, login, make):
    login(client, make.user(role="hr"))
    entries = _entries(client)
    assert REQUIRED <= entries.keys(), f"missing: {sorted(REQUIRED - entries.keys())}"
    for anchor, body in entries.items():
        assert re.search(r'<a href="https://[^"]+\.(gc\.ca|canada\.ca)/[^"]*"[^>]*data-source>', body), anchor
        assert "<dfn>" in body, anchor


def test_the_ict_codes_give_the_limits_of_the_exemption_codes_in_force(client, login, make):
    login(client, make.user(role="hr"))
    entries = _entries(client)
    assert "executive or manager" in entries["c62"] and "at most 7 years" in entries["c62"]
    assert "specialized knowledge" in entries["c63"] and "at most 5 years" in entries["c63"]
    assert "first permit up to 1 year" in entries["c61"]
    assert "CUSMA" in entries["t36"] and "R204(a)" in entries["t36"]


def test_the_glossary_is_open_without_signing_in(client):
    assert "employer-portal" in _entries(client)


def test_a_finding_that_says_teer_links_to_the_glossary_entry(client, login, make, api_for):
    user = make.user(role="hr")
    hire_id = api_for(user).post("/api/v1/hires", json=ICT_TEER_3).get_json()["id"]
    login(client, user)
    page = client.get(f"/hires/{hire_id}/edit").get_data(as_text=True)
    finding = page[page.index('data-code="ICT_LOW_TEER_SCRUTINY"'):]
    message = finding[:finding.index("</p>")]
    assert re.search(r'<a class="glossary-link" href="/glossary#teer"[^>]*>TEER</a>', message)


def test_the_hire_form_links_its_terms_in_a_new_tab(client, login, make):
    """A label's term opens the glossary in a new tab, so what was typed in the form stays."""
    login(client, make.user(role="hr"))
    page = client.get("/hires/new").get_data(as_text=True)
    label = page[page.index('<label class="field__label" for="position-noc_code">'):]
    label = label[:label.index("</label>")]
    assert re.search(r'<a class="glossary-link" href="/glossary#noc" target="_blank" rel="noopener"[^>]*>NOC</a>', label)


def test_terms_are_linked_after_the_text_is_escaped(app):
    from employer_portal.glossary.views import glossary_terms

    with app.test_request_context():
        html = str(glossary_terms('<script>alert("TEER")</script> LMIA and LMIA'))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count('href="/glossary#lmia"') == 1  # the first mention only
    assert 'href="/glossary#teer"' in html

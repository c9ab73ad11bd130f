"""Route finder to draft (issue 10 item 6): each route can start a draft with everything entered, never asking for
passport or birth date; a route lacking input says "needs information"."""
from __future__ import annotations

import re

from test_hires_pages import GOOD_FORM

FINDER_FORM = {k: v for k, v in GOOD_FORM.items() if k not in ("program", "worker.passport_number")}


def _compare(client, csrf_of, **changes):
    csrf = csrf_of(client.get("/hires/route-finder").get_data(as_text=True))
    return csrf, client.post("/hires/route-finder", data={"csrf_token": csrf, **FINDER_FORM, **changes})


def test_route_finder_does_not_ask_for_passport_or_birth_date(client, login, hr):
    """Issue 10 item 6: the route finder 'does not ask for passport or birth date'."""
    login(client, hr)
    page = client.get("/hires/route-finder").get_data(as_text=True)
    assert 'name="worker.passport_number"' not in page and 'name="worker.date_of_birth"' not in page


def test_each_route_has_a_start_a_draft_button(client, login, hr, csrf_of):
    """Issue 10 item 6: 'Each route in the route finder can start a draft.'"""
    login(client, hr)
    _csrf, response = _compare(client, csrf_of)
    page = response.get_data(as_text=True)
    for program in ("gts_a", "gts_b", "ict", "cusma"):
        assert f'form="draft-from-route" name="program" value="{program}"' in page
    assert 'action="/hires/route-finder/draft"' in page and 'type="hidden" name="position.title"' in page


def test_start_a_draft_keeps_everything_entered(client, login, hr, csrf_of, api_for):
    """The draft holds every value typed into the route finder, on the chosen route."""
    login(client, hr)
    csrf, response = _compare(client, csrf_of)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', response.get_data(as_text=True)))
    hidden.update({"csrf_token": csrf, "program": "gts_b"})
    created = client.post("/hires/route-finder/draft", data=hidden)
    assert created.status_code == 302 and created.headers["Location"].endswith("/edit")
    hire = api_for(hr).get("/api/v1/hires").get_json()["items"][0]["hire"]
    assert hire["program"] == "gts_b"
    assert hire["worker"]["given_name"] == "Ana" and hire["worker"]["citizenships"] == ["BR", "PT"]
    assert hire["position"]["noc_code"] == "21231" and hire["position"]["wage"]["amount"] == 135000
    assert "passport_number" not in hire["worker"]


def test_start_a_draft_ignores_a_posted_passport_number(client, login, hr, csrf_of, api_for):
    """The route finder never stores a passport number or birth date, even when a client posts them."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/route-finder").get_data(as_text=True))
    client.post("/hires/route-finder/draft", data={"csrf_token": csrf, "program": "ict", **FINDER_FORM,
                                                   "worker.passport_number": "YB1234567",
                                                   "worker.date_of_birth": "1990-04-12"})
    hire = api_for(hr).get("/api/v1/hires").get_json()["items"][0]
    assert "passport_number" not in hire["hire"]["worker"] and "date_of_birth" not in hire["hire"]["worker"]


def test_start_a_draft_needs_csrf_and_an_editor(client, app, login, make, hr, csrf_of):
    """POST with a CSRF token only; viewers cannot create drafts."""
    login(client, hr)
    assert client.post("/hires/route-finder/draft", data={"program": "gts_b", **FINDER_FORM}).status_code in (400, 403)
    client = app.test_client()
    login(client, make.user(hr.employer_id, role="viewer"))
    csrf = csrf_of(client.get("/hires/route-finder").get_data(as_text=True))
    assert client.post("/hires/route-finder/draft",
                       data={"csrf_token": csrf, "program": "gts_b", **FINDER_FORM}).status_code == 403


def test_a_route_lacking_input_says_needs_information(client, login, hr, csrf_of):
    """API.md Amendments 2026-12: a route missing a field it needs is 'needs information', not 'not eligible'."""
    login(client, hr)
    _csrf, response = _compare(client, csrf_of)  # no ICT or CUSMA details given
    page = response.get_data(as_text=True)
    ict = page[page.index('data-route="ict"'):page.index("</article>", page.index('data-route="ict"'))]
    assert 'data-complete="false"' in ict and "Needs information" in ict and "Not eligible" not in ict

"""The hire page's Pathways section: the profile form (errors beside their fields, typed values kept),
the outlook, viewers read only."""
from __future__ import annotations

import re

from pathways_hire_samples import PROFILE


def _form(csrf: str, **fields) -> dict:
    return {"csrf_token": csrf, **fields}


def test_the_hire_page_has_a_pathways_section_with_the_profile_form(client, login, hr, submitted_hire):
    """ISSUE11 item 5: 'a "Pathways" section on the hire page'."""
    login(client, hr)
    html = client.get(f"/hires/{submitted_hire}").get_data(as_text=True)
    assert 'id="pathways"' in html and "Pathways to permanent residence" in html
    assert 'name="first_language_clb.listening"' in html and "data-save-profile" in html
    # The hire has a date of birth: no age field to contradict it.
    assert 'name="age"' not in html


def test_saving_the_profile_from_the_page_stores_it(client, login, hr, csrf_of, api, submitted_hire):
    login(client, hr)
    csrf = csrf_of(client.get(f"/hires/{submitted_hire}").get_data(as_text=True))
    response = client.post(f"/hires/{submitted_hire}/pathways/profile", data=_form(
        csrf, marital_status="single", education="bachelor", first_language="english",
        **{f"first_language_clb.{a}": "8" for a in ("listening", "reading", "writing", "speaking")},
        foreign_experience_years="2", sibling_in_canada="on"))
    assert response.status_code == 302 and response.headers["Location"].endswith("#pathways")
    profile = api.get(f"/api/v1/hires/{submitted_hire}/pathways").get_json()["profile"]
    assert profile["education"] == "bachelor" and profile["sibling_in_canada"] is True
    assert profile["first_language_clb"] == {"listening": 8, "reading": 8, "writing": 8, "speaking": 8}


def test_a_bad_value_is_shown_beside_its_field_and_typed_values_are_kept(client, login, hr, csrf_of, submitted_hire):
    """Errors next to the field, typed values kept (STYLE.md forms)."""
    login(client, hr)
    csrf = csrf_of(client.get(f"/hires/{submitted_hire}").get_data(as_text=True))
    response = client.post(f"/hires/{submitted_hire}/pathways/profile", data=_form(
        csrf, education="master", foreign_experience_years="3",
        **{"first_language_clb.listening": "15", "first_language_clb.reading": "9",
           "first_language_clb.writing": "9", "first_language_clb.speaking": "9"}))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    field = re.search(r'id="pw-first-language-clb-listening"[^>]*>', html).group(0)
    assert 'value="15"' in field and 'aria-invalid="true"' in field
    assert 'id="pw-first-language-clb-listening-error"' in html
    assert re.search(r'id="pw-foreign-experience-years"[^>]*value="3"', html)
    assert re.search(r'<option value="master" selected', html)


def test_a_viewer_sees_the_outlook_but_no_form_and_cannot_post(make, client, login, hr, csrf_of, api, submitted_hire):
    """Viewers read only."""
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=PROFILE)
    viewer = make.user(hr.employer_id, role="viewer")
    login(client, viewer)
    html = client.get(f"/hires/{submitted_hire}").get_data(as_text=True)
    assert 'id="pathways"' in html and "data-save-profile" not in html
    csrf = csrf_of(html)
    response = client.post(f"/hires/{submitted_hire}/pathways/profile", data=_form(csrf, education="master"))
    assert response.status_code == 403


def test_another_employers_hire_page_post_is_404(make, client, login, csrf_of, submitted_hire):
    stranger = make.user(make.employer("Other Co"), role="admin")
    login(client, stranger)
    csrf = csrf_of(client.get("/hires/").get_data(as_text=True))
    response = client.post(f"/hires/{submitted_hire}/pathways/profile", data=_form(csrf, education="master"))
    assert response.status_code == 404


def test_every_unconfirmed_fact_on_the_page_says_verify(client, login, hr, api, submitted_hire):
    """ISSUE11: 'nothing marked unconfirmed is presented as a rule'."""
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=PROFILE)
    login(client, hr)
    html = client.get(f"/hires/{submitted_hire}").get_data(as_text=True)
    section = html[html.index('id="pathways"'):]
    for row in re.findall(r"<tr>.*?</tr>", section[section.find("data-provincial"):], flags=re.S)[1:]:
        if re.search(r"UNCONFIRMED|SECONDARY", row):
            assert "verify on the official page" in row

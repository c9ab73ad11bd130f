"""Forms that speak plainly (issue 10 item 2): amounts as people type them, messages for HR, nothing typed lost."""
from __future__ import annotations

import pytest

from employer_portal.schemas.messages import parse_amount, plain

GOOD_FORM = {
    "program": "gts_b", "worker.given_name": "Ana", "worker.family_name": "Silva", "worker.citizenships": "BR",
    "worker.highest_education": "master", "worker.years_experience": "6",
    "position.title": "Senior software engineer", "position.noc_code": "21231", "position.province": "ON",
    "position.wage.amount": "135000", "position.wage.period": "year", "position.hours_per_week": "40",
    "position.start_date": "2027-03-01", "position.end_date": "2029-02-28",
}


@pytest.mark.parametrize("typed, read", [("120,000", "120000"), ("$120,000", "120000"), ("120 000", "120000"),
                                         ("120\u00a0000", "120000"), ("57.50", "57.50"), ("$57.50", "57.50"),
                                         ("135000", "135000"), ("CAD 120,000.00", "120000.00")])
def test_wages_are_read_as_people_write_them(typed, read):
    """Issue 10: 'Wages accept 120,000, $120,000, 120 000 and 57.50'."""
    assert parse_amount(typed) == read


@pytest.mark.parametrize("typed", ["lots", "1,20", "12,0000", "120.000.00", "", "-5"])
def test_text_that_is_not_an_amount_is_left_for_validation(typed):
    """Issue 10: an unreadable amount is named by the validation message, never guessed."""
    assert parse_amount(typed) is None


def test_an_unreadable_wage_gets_a_message_written_for_hr():
    """Issue 10: 'Messages are written for HR ("Enter the wage as a number, e.g. 120000 or 120,000")'."""
    message = plain("position.wage.amount", "Input should be a valid number, unable to parse string as a number")
    assert message.startswith("Enter the wage as a number, e.g. 120000 or 120,000")
    assert "Input should be" not in plain("position.hours_per_week", "Input should be a valid number")
    assert plain("worker.highest_education", "Input should be 'bachelor' or 'master'") == \
        "Choose one of the options in the list."
    assert plain("position.start_date", "Input should be a valid date or datetime, invalid character") == \
        "Enter a date such as 2027-03-01 (year-month-day)."


def test_our_own_plain_messages_pass_through():
    """Issue 10: messages of the project's own validators already speak to HR; only the first letter changes."""
    assert plain("position.wage.amount", "a wage above 1,000,000 a year is not plausible") == \
        "A wage above 1,000,000 a year is not plausible"


@pytest.mark.parametrize("typed", ["120,000", "$120,000", "120 000"])
def test_the_hire_form_accepts_a_wage_with_separators(client, login, hr, csrf_of, api_for, typed):
    """Issue 10: '`120,000` accepted' on the hire form."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    response = client.post("/hires/new", data={"csrf_token": csrf, **dict(GOOD_FORM, **{"position.wage.amount": typed})})
    assert response.status_code == 302
    assert api_for(hr).get("/api/v1/hires").get_json()["items"][0]["hire"]["position"]["wage"]["amount"] == 120000


def test_an_hourly_wage_with_cents_is_accepted(client, login, hr, csrf_of, api_for):
    """Issue 10: wages accept '57.50'."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    form = dict(GOOD_FORM, **{"position.wage.amount": "$57.50", "position.wage.period": "hour"})
    assert client.post("/hires/new", data={"csrf_token": csrf, **form}).status_code == 302
    assert api_for(hr).get("/api/v1/hires").get_json()["items"][0]["hire"]["position"]["wage"]["amount"] == 57.5


def test_a_bad_wage_is_named_in_plain_words_beside_the_field_with_the_typed_values_kept(client, login, hr, csrf_of):
    """Issue 10: 'keeps what was typed after an error and shows the message next to the field'."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    response = client.post("/hires/new", data={"csrf_token": csrf, **dict(GOOD_FORM, **{
        "position.wage.amount": "about 120k", "position.hours_per_week": "forty"})})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="about 120k"' in page and 'value="forty"' in page and 'value="Ana"' in page
    assert "Enter the wage as a number, e.g. 120000 or 120,000" in page
    assert "Enter the hours per week as a number" in page
    assert "Input should be" not in page


def test_the_api_keeps_numbers(api, gts_b):
    """API.md: the wage amount is a JSON number; numbers still work as before."""
    gts_b["position"]["wage"]["amount"] = 120000.5
    assert api.post("/api/v1/hires", json=gts_b).get_json()["hire"]["position"]["wage"]["amount"] == 120000.5


def test_duties_keep_their_line_breaks_on_the_hire_page(client, login, hr, csrf_of):
    """Issue 10: 'Line breaks in long text survive on the page' (white-space: pre-line)."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    duties = "Design the billing service\nReview code\nMentor two engineers"
    edit_url = client.post("/hires/new", data={"csrf_token": csrf, **dict(GOOD_FORM, **{
        "position.duties": duties})}).headers["Location"]
    detail = client.get(edit_url.replace("/edit", "")).get_data(as_text=True)
    assert f'<dd class="pre-line">{duties}</dd>' in detail


def test_duties_keep_their_line_breaks_in_the_checklist_pdf():
    """Issue 10: 'Line breaks in long text survive … in the PDF': the checklist stylesheet keeps them."""
    from pathlib import Path

    css = (Path(__file__).parents[2] / "templates/checklists/pdf/checklist.css").read_text()
    rule = next(line for line in css.splitlines() if line.startswith(".duties {"))
    assert "white-space: pre-line" in rule


def test_the_dates_form_keeps_what_was_typed_and_names_the_field(client, login, hr, csrf_of, api_for, gts_b):
    """Issue 10: the dates form lost input on an error; now the values and a plain message stay beside the field."""
    api = api_for(hr)
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.post(f"/api/v1/hires/{hire_id}/submit")
    login(client, hr)
    csrf = csrf_of(client.get(f"/hires/{hire_id}").get_data(as_text=True))
    response = client.post(f"/hires/{hire_id}/dates", data={"csrf_token": csrf, "lmia_issued_on": "next tuesday"},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert 'value="next tuesday"' in page
    assert 'id="dates-lmia_issued_on-error"' in page
    assert "Enter a date such as 2027-03-01 (year-month-day)." in page

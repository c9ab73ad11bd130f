"""POST/GET /api/v1/hires/{id}/permits: a hire's permits over time, and the deadlines each one brings
(issue 9 item 1; REVIEW-2026-12 F-11, F-18, F-27, F-28, F-32; IRPR R201(1)(a), R186(u))."""
from __future__ import annotations

import datetime as dt

import pytest

UTC = dt.timezone.utc

CUSMA_FIRST = {"work_permit_applied_on": "2027-01-10", "work_permit_issued_on": "2027-02-01",
               "work_permit_expires_on": "2030-02-28", "first_day_of_work": "2027-03-01"}
CUSMA_RENEWAL = {"issued_on": "2030-02-01", "expires_on": "2033-01-31"}
ICT_FIRST = {"work_permit_applied_on": "2027-01-05", "work_permit_issued_on": "2027-02-15",
             "work_permit_expires_on": "2030-02-28", "first_day_of_work": "2027-03-01"}
ICT_EXTENSION = {"issued_on": "2030-01-20", "expires_on": "2032-02-28", "employment_start_on": "2030-03-01"}


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2027, 2, 1, 14, 0, tzinfo=UTC), tick=False)


@pytest.fixture
def active_hire(app):
    """active_hire(user, program, status="active") -> id of a hire starting 2027-03-01 in Ontario."""
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    blocks = {"cusma": {"cusma": {"profession": "computer_systems_analyst"}},
              "ict": {"ict": {"category": "specialized_knowledge"}}}

    def create(user, program: str, status: str = "active") -> int:
        payload = {"program": program, "worker": {"given_name": "Ana", "family_name": "Silva"},
                   "position": {"title": "Systems analyst", "noc_code": "21222", "province": "ON",
                                "hours_per_week": 40, "wage": {"period": "hour", "amount": 60},
                                "start_date": "2027-03-01"}, **blocks[program]}
        with app.app_context():
            hire = Hire(employer_id=user.employer_id, hr_owner_id=user.id, status=status, program=program,
                        worker_name="Ana Silva", job_title="Systems analyst", noc_code="21222", province="ON",
                        payload=payload, dates={})
            db.session.add(hire)
            db.session.commit()
            return hire.id

    return create


@pytest.fixture
def renewed(make, api_for, active_hire):
    """renewed(program, first, renewal) -> (api, hire_id, {key: deadline}) after the first permit and one renewal."""

    def run(program, first, renewal):
        user = make.user(role="hr")
        api = api_for(user)
        hire_id = active_hire(user, program)
        response = api.client.put(f"/api/v1/hires/{hire_id}/dates", json=first, headers=api._headers())
        assert response.status_code == 200, response.get_json()
        response = api.post(f"/api/v1/hires/{hire_id}/permits", json=renewal)
        assert response.status_code == 201, response.get_json()
        deadlines = api.get(f"/api/v1/hires/{hire_id}/deadlines").get_json()["deadlines"]
        return api, hire_id, {d["key"]: d for d in deadlines}

    return run


# --- recording and listing -----------------------------------------------------------------

def test_a_renewal_is_recorded_as_the_second_permit_and_listed_after_the_first(renewed):
    """The first permit is the hire's dates; each renewal follows it in order."""
    api, hire_id, _ = renewed("cusma", CUSMA_FIRST, CUSMA_RENEWAL)
    body = api.get(f"/api/v1/hires/{hire_id}/permits").get_json()
    assert [(p["sequence"], p["recorded_in"], p["issued_on"], p["expires_on"], p["employment_start_on"])
            for p in body["permits"]] == [
        (1, "dates", "2027-02-01", "2030-02-28", "2027-03-01"),
        (2, "renewal", "2030-02-01", "2033-01-31", "2030-02-01")]


def test_the_created_response_names_the_new_permit_and_where_to_list_them(make, api_for, active_hire):
    """A POST that creates answers 201 with the resource and its location."""
    user = make.user(role="hr")
    api = api_for(user)
    hire_id = active_hire(user, "ict")
    api.client.put(f"/api/v1/hires/{hire_id}/dates", json=ICT_FIRST, headers=api._headers())
    response = api.post(f"/api/v1/hires/{hire_id}/permits", json=ICT_EXTENSION)
    assert response.status_code == 201
    assert response.get_json()["permit"]["sequence"] == 2
    assert response.get_json()["permit"]["employment_start_on"] == "2030-03-01"
    assert response.headers["Location"].endswith(f"/api/v1/hires/{hire_id}/permits")


def test_recording_a_renewal_is_in_the_audit_trail(app, renewed):
    """Every change to a hire is audited: who recorded which permit dates."""
    from sqlalchemy import select

    from employer_portal.extensions import db
    from employer_portal.models import AuditEvent

    _, hire_id, _ = renewed("cusma", CUSMA_FIRST, CUSMA_RENEWAL)
    with app.app_context():
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.entity_id == hire_id,
                                                            AuditEvent.action == "permit_renewal_recorded")).one()
        assert event.changes == {"permits.2.issued_on": [None, "2030-02-01"],
                                 "permits.2.expires_on": [None, "2033-01-31"]}
        assert event.actor_user_id is not None


# --- CUSMA renewed once: the deadlines in the API ---------------------------------------------

def test_cusma_renewed_records_are_kept_six_years_from_the_renewed_permit(renewed):
    """IRPR R209.2(1)(b): six years 'beginning on the first day of the period of employment for which the work
    permit is issued'; shown as keep-all-records, never a discard date while active (F-27)."""
    _, _, deadlines = renewed("cusma", CUSMA_FIRST, CUSMA_RENEWAL)
    assert deadlines["record_retention"]["due_on"] == "2036-02-01"
    assert deadlines["record_retention"]["title"].startswith("Keep all compliance records")
    assert deadlines["inspection_exposure_end"]["due_on"] == "2036-02-01"


def test_cusma_renewed_rights_information_is_due_under_each_permit(renewed):
    """IRPR R209.2(1)(a.1): on or before the first day of work during the period for which the permit is issued."""
    _, _, deadlines = renewed("cusma", CUSMA_FIRST, CUSMA_RENEWAL)
    assert deadlines["rights_information"]["due_on"] == "2027-03-01"
    assert deadlines["rights_information:2"]["due_on"] == "2030-02-01"


def test_cusma_renewed_term_offer_and_renewal_follow_the_renewed_permits_expiry(renewed):
    """IRCC CUSMA Professionals: the permit runs for the offer's duration (up to 3 years) or to the passport expiry;
    IRPR R303.1(2): new offer and fee before the renewal application; R201(1)(a): apply before expiry."""
    _, _, deadlines = renewed("cusma", CUSMA_FIRST, CUSMA_RENEWAL)
    assert deadlines["cusma_term_end:2"]["due_on"] == "2033-01-31"
    assert deadlines["imp_extension_offer:2"]["due_on"] == "2033-01-01"
    assert deadlines["work_permit_renewal:2"]["due_on"] == "2033-01-31"
    assert deadlines["permit_renewal_start:2"]["due_on"] == "2032-12-02"
    # The first permit's renewal duties were met by the renewal: they are gone, not overdue.
    assert not {"cusma_term_end:1", "imp_extension_offer", "work_permit_renewal"} & set(deadlines)


# --- ICT extended once ----------------------------------------------------------------------------

def test_ict_extended_offer_is_due_thirty_days_before_the_extension_expires(renewed):
    """IRCC IMP general processing: 'the offer of employment cannot be reused to support other applications for
    work permit or extensions'; IRPR R303.1(2): the fee is paid before the renewal application (F-18)."""
    _, _, deadlines = renewed("ict", ICT_FIRST, ICT_EXTENSION)
    assert deadlines["imp_extension_offer:2"]["due_on"] == "2032-01-29"
    assert deadlines["work_permit_renewal:2"]["due_on"] == "2032-02-28"
    assert deadlines["permit_renewal_start:2"]["due_on"] == "2031-12-30"


def test_ict_extended_rights_and_records_count_from_the_recorded_start_under_the_extension(renewed):
    """IRPR R209.3(1)(a.1), R209.3(1)(c): rights information and six-year record keeping per permit period."""
    _, _, deadlines = renewed("ict", ICT_FIRST, ICT_EXTENSION)
    assert deadlines["rights_information:2"]["due_on"] == "2030-03-01"
    assert deadlines["record_retention"]["due_on"] == "2036-03-01"


def test_ict_extended_cap_still_counts_from_the_first_day(renewed):
    """IRCC ICT R205(a): a specialized-knowledge transferee may stay at most 5 years in all."""
    _, _, deadlines = renewed("ict", ICT_FIRST, ICT_EXTENSION)
    assert deadlines["ict_cap"]["due_on"] == "2032-03-01"


def test_a_renewal_keeps_the_first_permits_deadline_rows_so_reminders_are_not_duplicated(make, api_for, active_hire):
    """Reminders hang off a deadline row: the rights information of the first permit keeps its row and key."""
    user = make.user(role="hr")
    api = api_for(user)
    hire_id = active_hire(user, "cusma")
    api.client.put(f"/api/v1/hires/{hire_id}/dates", json=CUSMA_FIRST, headers=api._headers())
    before = {d["key"]: d["id"] for d in api.get(f"/api/v1/hires/{hire_id}/deadlines").get_json()["deadlines"]}
    api.post(f"/api/v1/hires/{hire_id}/permits", json=CUSMA_RENEWAL)
    after = {d["key"]: d["id"] for d in api.get(f"/api/v1/hires/{hire_id}/deadlines").get_json()["deadlines"]}
    assert after["rights_information"] == before["rights_information"]
    assert after["record_retention"] == before["record_retention"]


# --- refusals ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, field", [
    ({"issued_on": "2030-02-01", "expires_on": "2030-01-01"}, "expires_on"),
    ({"issued_on": "2026-12-01", "expires_on": "2033-01-31"}, "issued_on"),
    ({"issued_on": "2030-02-01", "expires_on": "2030-02-27"}, "expires_on"),
    ({"issued_on": "2030-02-01", "expires_on": "2033-01-31", "employment_start_on": "2030-01-15"},
     "employment_start_on"),
    ({"expires_on": "2033-01-31"}, "issued_on"),
    ({"issued_on": "not a date", "expires_on": "2033-01-31"}, "issued_on"),
    ({"issued_on": "2030-02-01", "expires_on": "2033-01-31", "offer": "A1234567"}, "offer"),
])
def test_bad_renewal_dates_are_422_naming_the_field(make, api_for, active_hire, body, field):
    """Expiry before issue, a renewal issued before (or expiring before) the previous permit, work before issue."""
    user = make.user(role="hr")
    api = api_for(user)
    hire_id = active_hire(user, "cusma")
    api.client.put(f"/api/v1/hires/{hire_id}/dates", json=CUSMA_FIRST, headers=api._headers())
    response = api.post(f"/api/v1/hires/{hire_id}/permits", json=body)
    assert response.status_code == 422, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]


def test_a_renewal_before_the_first_permit_is_recorded_is_422(make, api_for, active_hire):
    """The first permit is the hire's dates: record them first."""
    user = make.user(role="hr")
    api = api_for(user)
    hire_id = active_hire(user, "cusma")
    response = api.post(f"/api/v1/hires/{hire_id}/permits", json=CUSMA_RENEWAL)
    assert response.status_code == 422
    assert "first work permit" in response.get_json()["errors"]["issued_on"][0]


def test_the_first_permit_cannot_be_moved_after_its_renewal(renewed):
    """PUT /dates keeps the first permit before the renewals recorded after it."""
    api, hire_id, _ = renewed("cusma", CUSMA_FIRST, CUSMA_RENEWAL)
    response = api.client.put(f"/api/v1/hires/{hire_id}/dates", headers=api._headers(),
                              json={**CUSMA_FIRST, "work_permit_issued_on": "2030-03-01",
                                    "work_permit_expires_on": "2033-06-30"})
    assert response.status_code == 422
    assert {"work_permit_issued_on", "work_permit_expires_on"} <= set(response.get_json()["errors"])


def test_a_second_renewal_must_follow_the_first_renewal(renewed):
    """Each renewal is issued after the one it renews."""
    api, hire_id, _ = renewed("cusma", CUSMA_FIRST, CUSMA_RENEWAL)
    response = api.post(f"/api/v1/hires/{hire_id}/permits",
                        json={"issued_on": "2029-01-01", "expires_on": "2036-01-31"})
    assert response.status_code == 422
    assert "2030-02-01" in response.get_json()["errors"]["issued_on"][0]
    ok = api.post(f"/api/v1/hires/{hire_id}/permits", json={"issued_on": "2033-01-10", "expires_on": "2036-01-31"})
    assert ok.status_code == 201
    assert ok.get_json()["permit"]["sequence"] == 3


def test_a_draft_has_no_permits_to_record(make, api_for, active_hire):
    """Permits are recorded after submission, like the hire's dates (409)."""
    user = make.user(role="hr")
    api = api_for(user)
    hire_id = active_hire(user, "cusma", status="draft")
    assert api.post(f"/api/v1/hires/{hire_id}/permits", json=CUSMA_RENEWAL).status_code == 409


# --- tenancy and roles --------------------------------------------------------------------------

def test_another_employers_hire_is_404_for_reading_and_recording(make, api_for, renewed):
    """A hire of another employer does not exist for this token."""
    _, hire_id, _ = renewed("cusma", CUSMA_FIRST, CUSMA_RENEWAL)
    stranger = api_for(make.user(role="admin"))
    assert stranger.get(f"/api/v1/hires/{hire_id}/permits").status_code == 404
    response = stranger.post(f"/api/v1/hires/{hire_id}/permits", json={"issued_on": "2033-01-10",
                                                                      "expires_on": "2036-01-31"})
    assert response.status_code == 404


def test_a_viewer_reads_permits_but_cannot_record_one(make, api_for, active_hire):
    """A viewer's token may read the employer's data, not change it (403)."""
    hr = make.user(role="hr")
    hire_id = active_hire(hr, "cusma")
    api = api_for(hr)
    api.client.put(f"/api/v1/hires/{hire_id}/dates", json=CUSMA_FIRST, headers=api._headers())
    viewer = api_for(make.user(employer_id=hr.employer_id, role="viewer"))
    assert viewer.get(f"/api/v1/hires/{hire_id}/permits").status_code == 200
    assert viewer.post(f"/api/v1/hires/{hire_id}/permits", json=CUSMA_RENEWAL).status_code == 403


# --- the dates form on the hire page ------------------------------------------------------------------

def test_the_dates_form_records_a_renewal_and_lists_the_permits(make, login, client, api_for, active_hire, csrf_of):
    """The hire page's "Record a renewal" form (issued, expires, employment start) adds the next permit."""
    user = make.user(role="hr")
    hire_id = active_hire(user, "cusma")
    api = api_for(user)
    api.client.put(f"/api/v1/hires/{hire_id}/dates", json=CUSMA_FIRST, headers=api._headers())
    page = login(client, user).get(f"/hires/{hire_id}").get_data(as_text=True)
    assert "Record a renewal" in page
    response = client.post(f"/hires/{hire_id}/permits", data={
        "csrf_token": csrf_of(page), "issued_on": "2030-02-01", "expires_on": "2033-01-31",
        "employment_start_on": ""}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Renewal recorded (permit 2)" in html
    assert "2033-01-31" in html and "Renewal 1" in html
    assert [p["sequence"] for p in api.get(f"/api/v1/hires/{hire_id}/permits").get_json()["permits"]] == [1, 2]


def test_the_dates_form_says_which_renewal_date_is_wrong(make, login, client, api_for, active_hire, csrf_of):
    """A renewal expiring before it is issued is refused with the field named, nothing recorded."""
    user = make.user(role="hr")
    hire_id = active_hire(user, "cusma")
    api = api_for(user)
    api.client.put(f"/api/v1/hires/{hire_id}/dates", json=CUSMA_FIRST, headers=api._headers())
    page = login(client, user).get(f"/hires/{hire_id}").get_data(as_text=True)
    html = client.post(f"/hires/{hire_id}/permits", data={
        "csrf_token": csrf_of(page), "issued_on": "2030-02-01", "expires_on": "2030-01-01"},
        follow_redirects=True).get_data(as_text=True)
    assert "Renewal expires on: the permit expiry must be after its issue date" in html
    assert len(api.get(f"/api/v1/hires/{hire_id}/permits").get_json()["permits"]) == 1

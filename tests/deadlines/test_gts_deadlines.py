"""GTS (an LMIA stream): LMIA expiry and name changes, day-1 duties, wage and LMBP reviews."""
import datetime as dt

import pytest

D = dt.date


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.timezone.utc), tick=False)


def test_printed_lmia_expiry_is_the_deadline(deadlines, make_payload, one):
    found = deadlines("gts_b", "approved", make_payload("gts_b"),
                      lmia_issued_on="2026-01-10", lmia_expires_on="2026-07-03")
    expiry = one(found, "lmia_expiry")
    assert (expiry.due_date, expiry.derived_from, expiry.estimated) == (D(2026, 7, 3), "lmia_expires_on", False)


def test_lmia_expiry_defaults_to_six_months_after_issue_flagged_as_derived(deadlines, make_payload, one):
    found = deadlines("gts_b", "approved", make_payload("gts_b"), lmia_issued_on="2026-01-10")
    expiry = one(found, "lmia_expiry")
    assert (expiry.due_date, expiry.derived_from, expiry.estimated) == (D(2026, 7, 10), "lmia_issued_on", True)
    assert "printed on the LMIA governs" in expiry.why


def test_lmia_issued_before_the_six_month_rule_gets_no_guessed_expiry(deadlines, make_payload, by_kind):
    found = deadlines("gts_b", "approved", make_payload("gts_b"), lmia_issued_on="2024-03-01")
    assert by_kind(found, "lmia_expiry") == []


def test_name_change_limit_is_fifteen_business_days_before_expiry_over_canada_day(deadlines, make_payload, one):
    found = deadlines("gts_a", "approved", make_payload("gts_a", province="ON"),
                      lmia_issued_on="2026-01-10", lmia_expires_on="2026-07-10")
    limit = one(found, "lmia_name_change_limit")
    assert limit.due_date == D(2026, 6, 18)
    assert limit.counts_business_days and limit.province == "ON"


def test_name_change_limit_over_christmas_and_boxing_day_in_ontario(deadlines, make_payload, one):
    found = deadlines("gts_b", "approved", make_payload("gts_b", province="ON"),
                      lmia_issued_on="2025-07-09", lmia_expires_on="2026-01-09")
    # Back from Friday 9 January: New Year's Day, Boxing Day and Christmas are skipped.
    assert one(found, "lmia_name_change_limit").due_date == D(2025, 12, 16)


def test_name_change_limit_in_quebec_counts_boxing_day_as_a_business_day(deadlines, make_payload, one):
    found = deadlines("gts_b", "approved", make_payload("gts_b", province="QC"),
                      lmia_issued_on="2025-07-09", lmia_expires_on="2026-01-09")
    assert one(found, "lmia_name_change_limit").due_date == D(2025, 12, 17)


def test_name_change_limit_skips_family_day_in_ontario_but_not_in_quebec(deadlines, make_payload, one):
    dates = {"lmia_issued_on": "2025-09-06", "lmia_expires_on": "2026-03-06"}
    ontario = deadlines("gts_b", "approved", make_payload("gts_b", province="ON"), **dates)
    quebec = deadlines("gts_b", "approved", make_payload("gts_b", province="QC"), **dates)
    assert one(ontario, "lmia_name_change_limit").due_date == D(2026, 2, 12)
    assert one(quebec, "lmia_name_change_limit").due_date == D(2026, 2, 13)


def test_lmia_deadlines_stop_once_a_work_permit_was_issued(deadlines, make_payload, by_kind):
    found = deadlines("gts_b", "approved", make_payload("gts_b"), lmia_issued_on="2026-01-10",
                      work_permit_issued_on="2026-02-20", work_permit_expires_on="2028-02-20")
    assert by_kind(found, "lmia_expiry") == [] and by_kind(found, "lmia_name_change_limit") == []


def test_work_permit_renewal_is_due_on_the_permit_expiry(deadlines, make_payload, one):
    found = deadlines("gts_b", "active", make_payload("gts_b"),
                      work_permit_issued_on="2026-02-20", work_permit_expires_on="2028-02-20")
    renewal = one(found, "work_permit_renewal")
    assert (renewal.due_date, renewal.key, renewal.rule_id) == (D(2028, 2, 20), "work_permit_renewal", "work_permit_renewal")
    assert "R201(1)(a)" in renewal.source


def test_day_one_duties_are_due_on_the_recorded_first_day_of_work(deadlines, make_payload, one):
    found = deadlines("gts_b", "active", make_payload("gts_b", start="2026-03-02"), first_day_of_work="2026-03-09")
    for kind in ("employment_agreement", "rights_information", "health_insurance"):
        duty = one(found, kind)
        assert (duty.due_date, duty.derived_from, duty.estimated) == (D(2026, 3, 9), "first_day_of_work", False)


def test_day_one_duties_use_the_planned_start_date_flagged_as_estimated(deadlines, make_payload, one):
    found = deadlines("gts_b", "submitted", make_payload("gts_b", start="2026-03-02"))
    insurance = one(found, "health_insurance")
    assert (insurance.due_date, insurance.derived_from, insurance.estimated) == (D(2026, 3, 2), "position.start_date", True)


def test_wage_review_falls_on_each_january_first_of_employment(deadlines, make_payload, by_kind):
    found = deadlines("gts_b", "active", make_payload("gts_b", start="2026-03-02"),
                      first_day_of_work="2026-03-02", end_of_employment="2029-03-01")
    reviews = by_kind(found, "prevailing_wage_review")
    assert [r.due_date for r in reviews] == [D(2027, 1, 1), D(2028, 1, 1), D(2029, 1, 1)]
    assert [r.key for r in reviews] == [f"prevailing_wage_review:{y}" for y in (2027, 2028, 2029)]
    assert "January 1, 2027" in reviews[0].title


def test_wage_review_stops_at_the_permit_expiry_when_no_end_is_recorded(deadlines, make_payload, by_kind):
    found = deadlines("gts_b", "active", make_payload("gts_b", start="2026-03-02", end="2030-03-01"),
                      first_day_of_work="2026-03-02", work_permit_issued_on="2026-02-20",
                      work_permit_expires_on="2027-12-31")
    assert [r.due_date for r in by_kind(found, "prevailing_wage_review")] == [D(2027, 1, 1)]


def test_wage_review_never_runs_past_the_horizon(deadlines, make_payload, by_kind):
    found = deadlines("gts_b", "active", make_payload("gts_b", start="2026-03-02"), first_day_of_work="2026-03-02")
    reviews = by_kind(found, "prevailing_wage_review")
    # Frozen today is 2026-01-15; the default horizon is 7 years.
    assert reviews[-1].due_date == D(2033, 1, 1)


def test_first_lmbp_review_is_one_year_after_signing_then_yearly(deadlines, make_payload, by_kind):
    found = deadlines("gts_a", "active", make_payload("gts_a", start="2026-03-02"),
                      lmbp_signed_on="2025-12-10", first_day_of_work="2026-03-02",
                      work_permit_issued_on="2026-02-20", work_permit_expires_on="2029-02-20")
    reviews = by_kind(found, "lmbp_review")
    assert [r.due_date for r in reviews] == [D(2026, 12, 10), D(2027, 12, 10), D(2028, 12, 10)]
    assert [r.key for r in reviews] == ["lmbp_review:1", "lmbp_review:2", "lmbp_review:3"]
    assert all(r.derived_from == "lmbp_signed_on" for r in reviews)


def test_lmbp_review_signed_on_29_february_comes_back_to_29_february(deadlines, make_payload, by_kind):
    found = deadlines("gts_a", "active", make_payload("gts_a", start="2024-03-04"),
                      lmbp_signed_on="2024-02-29", first_day_of_work="2024-03-04", end_of_employment="2028-06-30")
    dues = [r.due_date for r in by_kind(found, "lmbp_review")]
    assert dues == [D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 29)]


def test_gts_has_no_employer_portal_offer_nor_ict_or_cusma_limits(deadlines, make_payload):
    found = deadlines("gts_b", "active", make_payload("gts_b"), first_day_of_work="2026-03-02")
    kinds = {d.kind for d in found}
    assert not kinds & {"employer_portal_offer", "ict_cap", "cusma_term_end"}


def test_a_corrected_date_keeps_the_deadline_key(deadlines, make_payload, one):
    before = one(deadlines("gts_b", "approved", make_payload("gts_b"), lmia_issued_on="2026-01-10",
                           lmia_expires_on="2026-07-10"), "lmia_expiry")
    after = one(deadlines("gts_b", "approved", make_payload("gts_b"), lmia_issued_on="2026-01-10",
                          lmia_expires_on="2026-07-03"), "lmia_expiry")
    assert before.key == after.key and before.due_date != after.due_date


def test_lmia_deadlines_stop_once_the_worker_applied_for_the_permit(deadlines, make_payload, by_kind):
    """LMIA-6M: 'The LMIA expiry date is the date by which the TFW must have applied for a work permit.'"""
    found = deadlines("gts_b", "approved", make_payload("gts_b"), lmia_issued_on="2026-01-10",
                      work_permit_applied_on="2026-01-14")
    assert by_kind(found, "lmia_expiry") == [] and by_kind(found, "lmia_name_change_limit") == []


def test_a_planned_application_date_does_not_end_the_lmia_deadlines(deadlines, make_payload, by_kind):
    """LMIA-6M: the expiry matters until the worker has applied; a plan is not an application."""
    payload = make_payload("gts_b", filing={"permit_application_date": "2026-02-01"})
    found = deadlines("gts_b", "approved", payload, lmia_issued_on="2026-01-10")
    assert len(by_kind(found, "lmia_expiry")) == 1 and len(by_kind(found, "lmia_name_change_limit")) == 1


def test_prevailing_wage_is_rechecked_on_the_first_day_of_work(deadlines, make_payload, one):
    """GTS-REQ: 'employers are required to reassess and apply the prevailing wage at the beginning of a TFW's
    period of employment'."""
    found = deadlines("gts_a", "active", make_payload("gts_a", start="2026-03-02"), first_day_of_work="2026-03-09")
    check = one(found, "prevailing_wage_at_start")
    assert (check.due_date, check.derived_from) == (D(2026, 3, 9), "first_day_of_work")
    assert check.violation.type == "B"


def test_contract_is_signed_by_both_before_the_planned_permit_application(deadlines, make_payload, one):
    """GTS-OV, Positive LMIA: the work-permit application includes 'the employment contract signed by both the
    employer and the worker'."""
    payload = make_payload("gts_b", filing={"permit_application_date": "2026-02-16"})
    signed = one(deadlines("gts_b", "approved", payload, lmia_issued_on="2026-01-10"), "employment_contract_signed")
    assert (signed.due_date, signed.derived_from) == (D(2026, 2, 15), "filing.permit_application_date")


def test_contract_signature_without_an_application_date_is_due_before_the_lmia_expires(deadlines, make_payload, one):
    """LMIA-6M: the worker must apply before the LMIA expires, and the signed contract goes with that application."""
    found = deadlines("gts_b", "approved", make_payload("gts_b"), lmia_issued_on="2026-01-10",
                      lmia_expires_on="2026-07-03")
    signed = one(found, "employment_contract_signed")
    assert (signed.due_date, signed.derived_from, signed.estimated) == (D(2026, 7, 2), "lmia_expires_on", True)


def test_contract_copy_is_still_given_on_or_before_the_first_day(deadlines, make_payload, one):
    """GTS-REQ: 'providing a completed and signed employment agreement … on or before their first day of work'."""
    found = deadlines("gts_b", "active", make_payload("gts_b"), first_day_of_work="2026-03-09")
    copy = one(found, "employment_agreement")
    assert copy.due_date == D(2026, 3, 9) and "copy" in copy.title


def test_contract_signature_is_moot_once_the_worker_applied(deadlines, make_payload, by_kind):
    """GTS-OV: the signed contract is part of the application; once applied, there is nothing left to sign for it."""
    found = deadlines("gts_b", "approved", make_payload("gts_b"), lmia_issued_on="2026-01-10",
                      work_permit_applied_on="2026-01-20")
    assert by_kind(found, "employment_contract_signed") == []


def test_extending_a_gts_worker_needs_a_new_lmia_sixty_days_before_the_permit_expires(deadlines, make_payload, one):
    """LMIA-REV, Passport expiry effect: renewal 'without obtaining a new LMIA' only where 'a shorter duration was
    provided due to passport expiry only'."""
    found = deadlines("gts_b", "active", make_payload("gts_b"), first_day_of_work="2026-03-09",
                      work_permit_issued_on="2026-02-20", work_permit_expires_on="2028-02-20")
    renewal_lmia = one(found, "gts_extension_lmia")
    assert renewal_lmia.due_date == D(2027, 12, 22)
    assert "LMIA" in renewal_lmia.title and "passport" in renewal_lmia.why

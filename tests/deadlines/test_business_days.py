import datetime as dt

from employer_portal.deadlines.business_days import (
    add_business_days,
    business_days_between,
    is_business_day,
    subtract_business_days,
)

D = dt.date


def test_weekends_are_not_business_days():
    assert not is_business_day(D(2026, 3, 7), "ON")  # Saturday
    assert not is_business_day(D(2026, 3, 8), "ON")  # Sunday
    assert is_business_day(D(2026, 3, 9), "ON")


def test_canada_day_is_not_a_business_day_anywhere():
    assert not is_business_day(D(2026, 7, 1), "ON")
    assert not is_business_day(D(2026, 7, 1), "QC")
    assert not is_business_day(D(2026, 7, 1), None)


def test_family_day_is_a_holiday_in_ontario_but_not_in_quebec():
    assert not is_business_day(D(2026, 2, 16), "ON")
    assert is_business_day(D(2026, 2, 16), "QC")


def test_saint_jean_baptiste_is_a_holiday_in_quebec_only():
    assert not is_business_day(D(2026, 6, 24), "QC")
    assert is_business_day(D(2026, 6, 24), "ON")


def test_boxing_day_is_a_holiday_in_ontario_but_not_in_quebec():
    assert not is_business_day(D(2025, 12, 26), "ON")
    assert is_business_day(D(2025, 12, 26), "QC")


def test_adding_one_business_day_to_a_friday_gives_the_monday():
    assert add_business_days(D(2026, 3, 6), 1, "ON") == D(2026, 3, 9)


def test_adding_business_days_skips_good_friday_and_the_weekend():
    # Thursday 2 April 2026 + 1 business day: Good Friday, then the weekend.
    assert add_business_days(D(2026, 4, 2), 1, "ON") == D(2026, 4, 6)


def test_adding_zero_business_days_keeps_the_date():
    assert add_business_days(D(2026, 3, 7), 0, "ON") == D(2026, 3, 7)


def test_fifteen_business_days_before_a_date_after_canada_day_reach_one_day_further():
    # Friday 10 July 2026 back 15 weekdays is 19 June; Canada Day pushes it to 18 June.
    assert subtract_business_days(D(2026, 7, 10), 15, "ON") == D(2026, 6, 18)


def test_quebec_counts_saint_jean_baptiste_and_canada_day_both():
    assert subtract_business_days(D(2026, 7, 10), 15, "QC") == D(2026, 6, 17)


def test_business_days_between_counts_the_end_not_the_start():
    assert business_days_between(D(2026, 3, 6), D(2026, 3, 9), "ON") == 1
    assert business_days_between(D(2026, 6, 18), D(2026, 7, 10), "ON") == 15

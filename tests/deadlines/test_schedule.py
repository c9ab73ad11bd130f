"""When reminders go out: calendar days, or business days where the rule counts them."""
import datetime as dt

import pytest

from employer_portal.deadlines import DEFAULT_LEAD_DAYS, Deadline, ReminderPlan, reminder_dates

D = dt.date


def deadline(due, counts_business_days=False, province="ON", key="work_permit_renewal"):
    return Deadline(key=key, kind=key.split(":")[0], title="t", due_date=due, rule_id=key, why="w",
                    source="s", counts_business_days=counts_business_days, province=province,
                    derived_from="work_permit_expires_on")


def test_default_lead_times_are_90_60_30_14_7_1():
    assert DEFAULT_LEAD_DAYS == (90, 60, 30, 14, 7, 1)


def test_calendar_lead_times_count_back_calendar_days():
    plans = reminder_dates(deadline(D(2028, 3, 1)), DEFAULT_LEAD_DAYS)
    assert [(p.lead_days, p.send_on) for p in plans] == [
        (90, D(2027, 12, 2)), (60, D(2028, 1, 1)), (30, D(2028, 1, 31)),
        (14, D(2028, 2, 16)), (7, D(2028, 2, 23)), (1, D(2028, 2, 29)),
    ]


def test_business_day_lead_times_skip_weekends_and_canada_day():
    name_change = deadline(D(2026, 7, 6), counts_business_days=True, key="lmia_name_change_limit")
    plans = reminder_dates(name_change, [1, 7])
    # 1 business day before Monday 6 July is Friday 3 July; 7 back crosses Canada Day.
    assert plans == [
        ReminderPlan("lmia_name_change_limit", 7, D(2026, 6, 24)),
        ReminderPlan("lmia_name_change_limit", 1, D(2026, 7, 3)),
    ]


def test_business_day_lead_times_follow_the_deadline_province():
    in_quebec = deadline(D(2026, 7, 6), counts_business_days=True, province="QC", key="lmia_name_change_limit")
    # Quebec also skips Saint-Jean-Baptiste (Wednesday 24 June).
    assert reminder_dates(in_quebec, [7])[0].send_on == D(2026, 6, 23)


def test_repeated_lead_times_give_one_plan_each():
    plans = reminder_dates(deadline(D(2028, 3, 1)), [7, 7, 1])
    assert [p.lead_days for p in plans] == [7, 1]


def test_past_send_dates_are_kept_for_the_caller_to_filter():
    plans = reminder_dates(deadline(D(2020, 3, 1)), [1])
    assert plans[0].send_on == D(2020, 2, 29)


def test_negative_lead_time_is_refused():
    with pytest.raises(ValueError):
        reminder_dates(deadline(D(2028, 3, 1)), [-1])

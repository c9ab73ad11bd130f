"""Issue 13 item 9: the wage-drift alerts and the compliance check read a wage and compare it with the
prevailing wage the same way (one function each), so a hire the check calls "below" is below for the alerts."""
from __future__ import annotations

from employer_portal.compliance.facts import HireFacts
from employer_portal.refdata.reference import load_bundled
from employer_portal.refdata.wages import PrevailingWage, below_prevailing
from employer_portal.reminders.wage_drift import hourly_wage
from employer_portal.schemas.hire import HirePayload

PREVAILING = PrevailingWage(hourly=50.0, level="province", area="ON", noc_code="21231", reference_period="2025",
                            data_version="test")


def _position(amount: float, period: str) -> dict:
    return {"position": {"noc_code": "21231", "province": "ON", "hours_per_week": 40,
                         "wage": {"amount": amount, "period": period}}}


def test_a_yearly_wage_a_dollar_under_the_prevailing_wage_is_below_for_both():
    payload = _position(103_999, "year")  # 49.9995 an hour over 2,080 hours: rounding to cents would hide it
    facts = HireFacts(HirePayload.model_validate({"program": "gts_b", **payload}), load_bundled(), "gts_b",
                      frozenset(), 0)
    check_hourly = facts.hourly_wage
    assert hourly_wage(payload) == check_hourly
    assert below_prevailing(hourly_wage(payload), PREVAILING)


def test_the_same_wage_as_the_prevailing_wage_is_not_below():
    assert not below_prevailing(hourly_wage(_position(104_000, "year")), PREVAILING)
    assert not below_prevailing(hourly_wage(_position(50, "hour")), PREVAILING)

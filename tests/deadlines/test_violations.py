"""IRPR Schedule 2 next to each compliance deadline: the violation type and what missing it can cost (F-33)."""
import datetime as dt

import pytest

from employer_portal.deadlines.rules import load_deadline_rules
from employer_portal.deadlines.violations import load_amp_schedule, violation_for_rule


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.timezone.utc), tick=False)


def test_the_amp_schedule_is_irpr_schedule_2_current_to_2026_03_17():
    """IRPR SOR/2002-227, Schedule 2 (current to 2026-03-17): the bundled set names its source and date."""
    schedule = load_amp_schedule()
    assert schedule.source == "IRPR Schedule 2, current to 2026-03-17"
    assert len(schedule.conditions) == 30


def test_record_retention_is_a_type_a_violation_costing_500_to_100000_and_a_ban():
    """IRPR Schedule 2, item 2 (R209.2(1)(b)(ii), R209.3(1)(c)(ii)): retaining documents for 6 years is Type A;
    Table 2: $500 (2 points, small business) up to $100,000 (15+ points), bans from 1 year to permanent."""
    violation = violation_for_rule("record_retention")
    assert (violation.type, violation.penalty_min, violation.penalty_max) == ("A", 500, 100000)
    assert (violation.ban_min, violation.ban_max) == ("1 year", "permanent")
    assert violation.text == ("Missing it can cost $500–$100,000 per violation and a ban from 1 year to permanent "
                              "(IRPR Schedule 2, Type A).")


def test_rights_information_is_a_type_b_violation():
    """IRPR Schedule 2, items 25 and 26 (R209.2(1)(a.1), R209.3(1)(a.1)): Type B, from $750."""
    violation = violation_for_rule("rights_information")
    assert (violation.type, violation.schedule2_items, violation.penalty_min) == ("B", (25, 26), 750)


def test_private_health_insurance_is_a_type_c_violation():
    """IRPR Schedule 2, item 29 (R209.3(1)(a)(xiii)): Type C, from $1,000."""
    violation = violation_for_rule("health_insurance")
    assert (violation.type, violation.penalty_min, violation.ban_min) == ("C", 1000, "1 year")


def test_a_wage_drift_deadline_carries_the_wage_review_violation():
    """IRPR Schedule 2, item 9 (R209.3(1)(a)(iv)): wages not less favourable than the offer are Type B."""
    assert violation_for_rule("WAGE_DRIFT") == violation_for_rule("prevailing_wage_review")
    assert violation_for_rule("WAGE_DRIFT").type == "B"


def test_the_employer_portal_offer_has_no_penalty_but_a_refused_permit():
    """IRPR R200(3)(f.1): a missing offer or fee refuses the permit; it is not a Schedule 2 condition."""
    assert violation_for_rule("employer_portal_offer") is None


def test_every_rule_names_schedule_2_items_of_a_single_type():
    """IRPR Schedule 2, Table 1: each condition has one type; a rule's items must agree."""
    schedule = load_amp_schedule()
    for rule in load_deadline_rules().rules:
        if rule.violation_items:
            assert schedule.violation(rule.violation_items).type in {"A", "B", "C"}, rule.id


def test_calculated_deadlines_carry_their_violation(deadlines, make_payload, one):
    """REVIEW-2026-12 F-33: show the violation type and penalty range next to each compliance deadline."""
    found = deadlines("gts_b", "active", make_payload("gts_b"), first_day_of_work="2026-03-09",
                      work_permit_issued_on="2026-03-01", work_permit_expires_on="2028-03-01")
    assert one(found, "record_retention").violation.type == "A"
    assert one(found, "rights_information").violation.type == "B"
    assert one(found, "work_permit_renewal").violation is None

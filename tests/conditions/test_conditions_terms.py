"""Changes of terms after submission, judged against the offer's baseline (pure classifier)."""
from __future__ import annotations

from employer_portal.conditions.terms import (ALLOWED, NEW_LMIA, NEW_OFFER, NEW_PERMIT, VIOLATION_RISK,
                                              classify_change)
from employer_portal.deadlines.violations import business_size, load_amp_schedule

OFFER = {"job_title": "Senior software engineer", "duties": "Build the payments platform.", "noc_code": "21231",
         "wage_amount": 135000, "wage_period": "year", "hours_per_week": 40, "province": "ON", "city": "Toronto",
         "start_date": "2027-03-01", "end_date": "2029-02-28", "benefits": ["Dental plan"]}


def change(program="gts_b", size="small", current=None, **new):
    current = current or OFFER
    return classify_change(program, OFFER, current, {**current, **new}, size)


def test_a_wage_cut_on_a_gts_hire_is_a_violation_risk_citing_r209_3_and_the_small_business_range():
    """IRPR R209.3(1)(a)(iv): wages "substantially the same as — but not less favourable than" the LMIA's;
    Schedule 2 item 9 is Type B: $750 (2 points) to $100,000 (15+ points) for a small business."""
    decision = change(wage_amount=120000)
    assert decision.outcome == VIOLATION_RISK
    wage = decision.decisions[0]
    assert (wage.field, wage.provision, wage.schedule2_item) == ("wage_amount", "R209.3(1)(a)(iv)", 9)
    assert wage.violation["type"] == "B"
    assert (wage.violation["penalty_min"], wage.violation["penalty_max"]) == (750, 100000)
    assert "$750–$100,000 per violation for a small business" in wage.message


def test_a_wage_cut_for_a_large_business_shows_the_large_business_column():
    """IRPR Schedule 2, Table 3: Type B starts at $1,000 for a large business (2 points)."""
    wage = change(size="large", wage_amount=120000).decisions[0]
    assert (wage.violation["penalty_min"], wage.violation["business_size"]) == (1000, "large")


def test_a_raise_is_allowed_as_is():
    """IRPR R209.3(1)(a)(iv): "not less favourable than" the offer: a higher wage keeps the condition."""
    decision = change(wage_amount=145000)
    assert decision.allowed and decision.decisions[0].outcome == ALLOWED


def test_a_raise_that_stays_under_the_offer_is_still_a_violation_risk():
    """IRPR R209.3(1)(a)(iv) compares with the offer (the baseline), not with the last wage paid."""
    current = {**OFFER, "wage_amount": 110000}
    assert change(current=current, wage_amount=120000).outcome == VIOLATION_RISK


def test_an_hourly_wage_is_compared_per_year_with_an_annual_offer():
    """IRPR R209.2(1)(a)(iii): the wage, whatever its period, must not be less favourable ($60 × 40 × 52 < $135,000)."""
    assert change(program="ict", wage_amount=60, wage_period="hour").outcome == VIOLATION_RISK
    assert change(program="ict", wage_amount=70, wage_period="hour").outcome == ALLOWED


def test_a_wage_cut_on_an_ict_hire_cites_r209_2():
    """IRPR R209.2(1)(a)(iii): the IMP condition (ICT, CUSMA) on the Employer Portal offer's wages."""
    wage = change(program="ict", wage_amount=100000).decisions[0]
    assert wage.provision == "R209.2(1)(a)(iii)" and "Employer Portal offer" in wage.message


def test_another_occupation_is_a_violation_risk():
    """IRPR R209.3(1)(a)(iv): employment "in the same occupation as that set out in" the LMIA."""
    noc = change(noc_code="21211").decisions[0]
    assert noc.outcome == VIOLATION_RISK and "new LMIA" in noc.message


def test_other_duties_and_another_place_are_violation_risks():
    """IRPR R209.3(1)(a)(iv): working conditions substantially the same as the LMIA's (duties, place of work)."""
    assert change(duties="Run the sales team.").outcome == VIOLATION_RISK
    assert change(city="Vancouver", province="BC").outcome == VIOLATION_RISK


def test_other_hours_need_a_new_offer_for_an_imp_hire_and_a_new_lmia_for_gts():
    """IRPR R209.2(1)(a)(iii) / R209.3(1)(a)(iv): working conditions substantially the same as the offer's."""
    assert change(program="cusma", hours_per_week=30).outcome == NEW_OFFER
    assert change(program="gts_a", hours_per_week=30).outcome == NEW_LMIA


def test_a_later_end_date_needs_a_new_permit():
    """Review F-11: extending a GTS worker needs a new LMIA and a new permit."""
    end = change(end_date="2030-02-28").decisions[0]
    assert end.outcome == NEW_PERMIT and "new LMIA" in end.message


def test_dropping_an_offered_benefit_is_a_violation_risk_and_adding_one_is_allowed():
    """IRPR R209.3(1)(a)(iv): working conditions "not less favourable than" the offer's."""
    assert change(benefits=[]).outcome == VIOLATION_RISK
    assert change(benefits=["Dental plan", "Transit pass"]).outcome == ALLOWED


def test_the_most_serious_outcome_wins():
    """One change of terms is judged by its most serious field (a raise does not excuse another NOC)."""
    assert change(wage_amount=150000, noc_code="21211").outcome == VIOLATION_RISK


def test_a_small_business_has_fewer_than_100_employees_or_less_than_5_million_revenue():
    """IRPR R209.93 (as summarised in Schedule 2 data): small = <100 employees or <$5M annual gross revenue."""
    assert business_size(99, None) == "small"
    assert business_size(500, 4_999_999) == "small"
    assert business_size(100, 5_000_000) == "large"
    assert business_size(100, None) is None


def test_without_a_size_both_penalty_columns_are_shown():
    """IRPR Schedule 2, Table 3: Type B runs from $750 (small, 2 points) to $100,000 (15+ points)."""
    violation = load_amp_schedule().violation_for_size([9], None)
    assert (violation.penalty_min, violation.penalty_max, violation.business_size) == (750, 100000, None)

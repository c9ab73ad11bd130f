"""Where an LMBP commitment stands: met, on track, at risk or missed (pure status rules)."""
from __future__ import annotations

import datetime as dt

from employer_portal.benefits_plan.status import commitment_status, plan_findings

D = dt.date


def test_a_commitment_short_of_its_target_after_its_review_date_is_missed():
    """ESDC GTS program requirements: 'progress reviews … about 1 year after the LMBP is signed'; IRPR
    R209.3(1)(b): a commitment that was a factor in the LMIA is a condition to keep."""
    status = commitment_status(target=100, achieved=40, start_date=D(2026, 1, 15), due_date=D(2027, 1, 15),
                               reviews=[D(2027, 1, 15), D(2028, 1, 15)], on=D(2027, 1, 20))
    assert status.status == "missed"
    assert "progress review of 2027-01-15" in status.reason and "40 of 100" in status.reason


def test_a_commitment_whose_target_is_reached_is_met_even_after_its_due_date():
    """RULES.md 1.6: each activity has a measurable quantitative target; reaching it keeps the commitment."""
    status = commitment_status(target=2, achieved=2, start_date=None, due_date=D(2027, 1, 15), reviews=[],
                               on=D(2027, 6, 1))
    assert status.status == "met" and status.percent == 100


def test_nothing_done_by_a_passed_review_puts_a_later_commitment_at_risk():
    """ESDC GTS program requirements: an unreasonable effort at a review means GTS refusals for 2 years."""
    status = commitment_status(target=2, achieved=0, start_date=None, due_date=D(2027, 12, 31),
                               reviews=[D(2027, 1, 15)], on=D(2027, 1, 20))
    assert status.status == "at_risk"


def test_an_unmet_commitment_due_within_60_days_is_at_risk():
    """A commitment close to its due date and short of its target needs HR's attention before the review."""
    status = commitment_status(target=10, achieved=8, start_date=None, due_date=D(2027, 3, 1), reviews=[],
                               on=D(2027, 2, 1))
    assert status.status == "at_risk"


def test_a_commitment_well_behind_its_straight_line_pace_is_at_risk():
    """Half the time gone and a tenth of the target done: behind pace by more than a quarter of the target."""
    status = commitment_status(target=100, achieved=10, start_date=D(2026, 1, 1), due_date=D(2028, 1, 1),
                               reviews=[], on=D(2027, 1, 1))
    assert status.status == "at_risk"


def test_a_commitment_on_pace_and_far_from_due_is_on_track():
    """Progress matching the time elapsed, due later than 60 days: on track."""
    status = commitment_status(target=100, achieved=50, start_date=D(2026, 1, 1), due_date=D(2028, 1, 1),
                               reviews=[], on=D(2027, 1, 1))
    assert status.status == "on_track"


def test_a_category_b_plan_needs_skills_training_and_two_complementary_benefits():
    """RULES.md 1.6 (ESDC): 'Category B → increased investment in skills and training'; 'Plus at least
    2 complementary benefits … which cannot duplicate the mandatory benefit.'"""
    findings = plan_findings("gts_b", [("job_creation", True), ("skills_training", False)])
    assert any("mandatory benefit for this category is missing" in f for f in findings)
    assert any("cannot duplicate" in f for f in findings)
    assert any("at least 2 complementary" in f for f in findings)
    assert plan_findings("gts_b", [("skills_training", True), ("knowledge_transfer", False),
                                   ("diversity_inclusion", False)]) == []

"""The rule data file: every rule sourced and dated, every kind the product promises present."""
import datetime as dt
import re

import pytest

from employer_portal.deadlines.rules import Offset, Repeat, add_months, load_deadline_rules

PROMISED_KINDS = {
    "work_permit_renewal", "lmia_expiry", "lmia_name_change_limit", "employer_portal_offer",
    "employment_agreement", "rights_information", "health_insurance", "prevailing_wage_review",
    "lmbp_review", "ict_cap", "cusma_term_end", "record_retention", "inspection_exposure_end",
    "prevailing_wage_at_start", "employment_contract_signed", "gts_extension_lmia", "imp_extension_offer",
}


def test_every_promised_deadline_kind_has_a_rule():
    assert {rule.kind for rule in load_deadline_rules().rules} >= PROMISED_KINDS


def test_every_rule_cites_a_source_with_a_date():
    for rule in load_deadline_rules().rules:
        assert rule.source and rule.why, rule.id
        assert re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", rule.source_date), rule.id


def test_rule_ids_are_unique():
    ids = [rule.id for rule in load_deadline_rules().rules]
    assert len(ids) == len(set(ids))


def test_only_the_name_change_limit_counts_business_days():
    counting = {rule.kind for rule in load_deadline_rules().rules if rule.counts_business_days}
    assert counting == {"lmia_name_change_limit"}


def test_month_arithmetic_clamps_to_the_end_of_the_month():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 8, 31), -6) == dt.date(2026, 2, 28)


def test_a_repeat_that_never_moves_forward_is_refused():
    with pytest.raises(ValueError):
        Repeat(until="employment_end", every=Offset())


def test_every_anchor_fallback_is_one_the_calculator_knows():
    """REVIEW-2026-12 F-10, F-29: a duty due before the application falls back on the LMIA expiry or a planned date."""
    fallbacks = {rule.anchor_fallback for rule in load_deadline_rules().rules}
    assert fallbacks <= {None, "lmia_expires_on", "planned_permit_application"}


def test_the_planned_application_lead_is_sixty_days_or_the_start_date_at_a_port_of_entry():
    """IMP-GEN (2026): 'most foreign nationals in Canada are no longer eligible to apply for a work permit at a port
    of entry' (exceptions: US citizens, T36)."""
    plan = load_deadline_rules().planned_application
    assert (plan.lead_days, plan.port_of_entry_lead_days) == (60, 0)
    assert plan.lead_for("ict", ["BR"], None) == (60, False)
    assert plan.lead_for("cusma", ["MX"], "outside_canada") == (0, True)

"""The rule data file: every rule sourced and dated, every kind the product promises present."""
import datetime as dt
import re

import pytest

from employer_portal.deadlines.rules import Offset, Repeat, add_months, load_deadline_rules

PROMISED_KINDS = {
    "work_permit_renewal", "lmia_expiry", "lmia_name_change_limit", "employer_portal_offer",
    "employment_agreement", "rights_information", "health_insurance", "prevailing_wage_review",
    "lmbp_review", "ict_cap", "cusma_term_end", "record_retention", "inspection_exposure_end",
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

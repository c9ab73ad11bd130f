"""Changing a hire's facts adds or retires items without losing recorded statuses."""
from __future__ import annotations

import pytest
from checklist_factories import make_hire

from employer_portal.checklists import build_checklist, reconcile


def ict(category):
    return make_hire("ict", ict={"relationship": "parent", "category": category, "continuous_full_time_months": 30})


def recorded_for(items, **statuses):
    existing = {item.key: "missing" for item in items}
    existing.update(statuses)
    return existing


def test_changing_facts_keeps_the_statuses_already_recorded():
    before = build_checklist(ict("startup"))
    existing = recorded_for(before, **{"ict.company_letter": "received", "ict.qualifying_relationship": "waived",
                                       "all.rights_information": "not_applicable"})
    result = reconcile(existing, build_checklist(ict("specialized_knowledge")))
    assert result.keep["ict.company_letter"] == "received"
    assert result.keep["ict.qualifying_relationship"] == "waived"
    assert result.statuses["all.rights_information"] == "not_applicable"


def test_items_that_no_longer_apply_are_retired_not_deleted():
    existing = recorded_for(build_checklist(ict("startup")), **{"ict.startup_business_plan": "received"})
    result = reconcile(existing, build_checklist(ict("specialized_knowledge")))
    # The premises proof applies to every ICT (review F-19), so it stays; the C61-only items retire.
    assert set(result.retire) == {"ict.startup_business_plan", "ict.startup_hr_plan", "ict.startup_financials",
                                  "ict.mnc_two_countries"}
    assert "ict.startup_business_plan" not in result.statuses


def test_items_that_now_apply_are_added_as_missing():
    existing = recorded_for(build_checklist(ict("startup")))
    result = reconcile(existing, build_checklist(ict("specialized_knowledge")))
    assert [item.key for item in result.add] == ["ict.specialized_knowledge_evidence"]
    assert result.statuses["ict.specialized_knowledge_evidence"] == "missing"


def test_a_retired_item_that_applies_again_comes_back_with_its_status():
    existing = recorded_for(build_checklist(ict("startup")), **{"ict.startup_business_plan": "received"})
    result = reconcile(existing, build_checklist(ict("startup")), retired=["ict.startup_business_plan"])
    assert result.revive == {"ict.startup_business_plan": "received"}
    assert not result.add and not result.retire


def test_an_already_retired_item_is_not_retired_twice():
    items = build_checklist(ict("specialized_knowledge"))
    existing = recorded_for(items, **{"ict.startup_business_plan": "received"})
    result = reconcile(existing, items, retired=["ict.startup_business_plan"])
    assert result.retire == []


def test_unchanged_facts_change_nothing():
    items = build_checklist(make_hire("gts_a"))
    result = reconcile(recorded_for(items, **{"gts.referral_form": "received"}), items)
    assert not result.add and not result.retire and not result.revive
    assert list(result.statuses) == [item.key for item in items]


def test_switching_route_keeps_the_common_items_statuses():
    existing = recorded_for(build_checklist(make_hire("gts_b")), **{"all.employment_agreement": "received"})
    result = reconcile(existing, build_checklist(ict("executive_manager")))
    assert result.keep["all.employment_agreement"] == "received"
    assert "gts.lmia_fee_receipt" in result.retire


def test_an_unknown_recorded_status_is_refused():
    with pytest.raises(ValueError):
        reconcile({"gts.referral_form": "lost"}, build_checklist(make_hire("gts_a")))

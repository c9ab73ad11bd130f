"""The timeline against the permit (research 8: official constraints and DERIVED planning rules)."""
from __future__ import annotations

from employer_portal.pathways import outlook


def items(request):
    return {item["key"]: item for item in outlook(request)["timeline"]}


def test_a_gts_hire_from_2027_03_01_has_its_cec_date_and_a_timeline_before_expiry(build):
    """Issue 11: a GTS hire starting 2027-03-01 at 40 hours shows the CEC date a year later and a timeline that ends
    before its permit expiry."""
    result = outlook(build(job={"start_date": "2027-03-01", "hours_per_week": 40}, permit={"expires": "2030-03-01"}))
    assert result["cec"]["eligible_from"] == "2028-02-28"
    dated = [item for item in result["timeline"] if item["date"] and item["key"] != "permit_expires"]
    assert dated and all(item["before_permit_expiry"] for item in dated)
    assert max(item["date"] for item in dated) < "2030-03-01"
    assert result["timeline_notes"] == []


def test_derived_dates_are_labelled_guidance(build):
    """Research 8.2: planning rules are DERIVED; label them as guidance."""
    timeline = items(build())
    for key in ("language_test_ready", "eca_ready", "enter_pool", "latest_useful_invitation",
                "start_permit_extension", "reference_letter"):
        assert timeline[key]["kind"] == "guidance" and timeline[key]["label"] == "guidance", key


def test_the_extension_deadline_is_the_rule_on_maintained_status(build):
    """IRPR R183(5): apply before the permit expires to keep status; R186(u) keeps the right to work."""
    item = items(build())["apply_for_extension_before"]
    assert item["date"] == "2030-02-28" and item["kind"] == "rule" and item["source"] == "S5"


def test_a_gts_extension_starts_four_months_before_expiry(build):
    """Research 8.2.3-4 (guidance): a GTS renewal needs a new LMIA first."""
    assert items(build())["start_permit_extension"]["date"] == "2029-11-01"
    assert items(build(permit={"program": "cusma"}))["start_permit_extension"]["date"] == "2029-12-01"


def test_the_bowp_item_has_no_four_month_condition(build):
    """IRCC BOWP instruction (modified 2025-07-30): no 'permit expires within 4 months' condition."""
    item = items(build())["bridging_open_work_permit"]
    assert "no 'permit expires within 4 months' condition" in item["detail"]
    assert item["source"] == "S6"


def test_a_short_permit_says_to_extend_first(build):
    """Research 8.2.3: if the CEC date falls after the time to start the extension, extend first."""
    result = outlook(build(permit={"expires": "2028-04-01"}))
    assert any("extend the permit first" in note for note in result["timeline_notes"])


def test_the_ict_cap_is_on_the_timeline(build):
    """Research 8.2.4: for ICT compute the cap date; a PR route must be filed before it."""
    item = items(build(permit={"program": "ict", "cap_date": "2032-03-01"}))["ict_cap"]
    assert item["date"] == "2032-03-01" and item["kind"] == "guidance"


def test_an_old_language_test_is_flagged(build):
    """IRPR R75(2)(d): results less than 2 years old at application."""
    result = outlook(build(candidate={"language_test_date": "2025-12-01"}))
    assert any("more than 2 years old" in note for note in result["timeline_notes"])

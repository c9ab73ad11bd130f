"""Rules every route shares: NOC, prevailing wage (Job Bank 2025), incomplete drafts, and the info steps."""
from __future__ import annotations

import pytest

from employer_portal.compliance import BLOCKER, INFO, WARNING, evaluate
from employer_portal.refdata.jobbank import WageFigure
from employer_portal.refdata.noc import NocSet, NocUnitGroup
from employer_portal.schemas.hire import HirePayload


# --- NOC ----------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["2123", "212310", "21631", "29999"])
def test_code_that_cannot_be_a_noc_2021_unit_group_is_unknown(check, code):
    report = check("gts_b", position={"noc_code": code})
    assert report.finding("NOC_UNKNOWN").severity == BLOCKER
    assert "WAGE_DATA_UNAVAILABLE" not in report.codes()


def test_plausible_code_absent_from_a_complete_noc_set_is_unknown(refdata, make_hire):
    groups = [NocUnitGroup(f"{i:05d}", f"Group {i}", 1) for i in range(10000, 10516)]
    complete = refdata.with_noc_set(NocSet.build(groups, version="test", source="test"))
    assert complete.noc_set.complete
    report = evaluate(make_hire("gts_b", position={"noc_code": "21232"}), complete)
    assert "NOC_UNKNOWN" in report.codes() and "NOC_NOT_VERIFIED" not in report.codes()


def test_plausible_code_absent_from_a_partial_noc_set_is_not_verified(refdata, make_hire):
    partial = refdata.with_noc_set(NocSet.build([NocUnitGroup("21231", "Software engineers", 1)], version="p", source="p"))
    assert not partial.noc_set.complete
    report = evaluate(make_hire("gts_b", position={"noc_code": "21232"}), partial)
    assert report.finding("NOC_NOT_VERIFIED").severity == INFO
    assert "NOC_UNKNOWN" not in report.codes()
    assert report.eligible and report.prevailing_wage.hourly == 50.26


def test_known_noc_has_no_noc_finding(check):
    codes = check("gts_b").codes()
    assert "NOC_UNKNOWN" not in codes and "NOC_NOT_VERIFIED" not in codes


# --- prevailing wage ----------------------------------------------------------------------

def test_wage_below_ottawa_regional_median_is_blocked_for_gts(check):
    # 21232 in Ottawa (ER3510) is $50.26/h, while Ontario is $48.08/h.
    report = check("gts_b", position={"wage": {"amount": 49, "period": "hour"}})
    finding = report.finding("WAGE_BELOW_PREVAILING")
    assert finding.severity == BLOCKER
    assert finding.message == ("$49.00/h is below the prevailing wage of $50.26/h for NOC 21232 in Ottawa (ER3510), "
                               "Job Bank 2025.")
    assert report.prevailing_wage.to_dict() == {
        "hourly": 50.26, "level": "economic_region", "area": "ER3510", "noc_code": "21232",
        "reference_period": "2023-2024", "data_version": "jobbank-2025-11-19",
        "economic_region": {"code": "ER3510", "name": "Ottawa", "from": "given"}}


def test_same_wage_in_ontario_without_a_region_is_not_a_clean_pass(check):
    """ESDC GTS requirements: the prevailing wage is the regional median; the province only where the region is 'N/A'."""
    report = check("gts_b", position={"economic_region": None, "wage": {"amount": 49, "period": "hour"}})
    assert "WAGE_BELOW_PREVAILING" not in report.codes()
    assert report.prevailing_wage.level == "province" and report.prevailing_wage.hourly == 48.08
    assert report.finding("WAGE_REGION_NOT_CHECKED").severity == WARNING


def test_wage_at_the_prevailing_wage_passes(check):
    assert "WAGE_BELOW_PREVAILING" not in check("gts_b", position={"wage": {"amount": 50.26, "period": "hour"}}).codes()


def test_annual_wage_is_compared_per_hour(check):
    # $104,540.80 / (40 x 52) = $50.26/h exactly; a dollar less is below.
    assert "WAGE_BELOW_PREVAILING" not in check("gts_b", position={"wage": {"amount": 104_540.80, "period": "year"}}).codes()
    assert "WAGE_BELOW_PREVAILING" in check("gts_b", position={"wage": {"amount": 104_539.80, "period": "year"}}).codes()


def test_suppressed_region_falls_back_to_the_province(check):
    # 21232 in Northwest Ontario (ER3595) is suppressed in the 2025 file.
    report = check("gts_b", position={"economic_region": "ER3595", "wage": {"amount": 48, "period": "hour"}})
    assert report.prevailing_wage.area == "ON"
    assert "$48.08/h for NOC 21232 in Ontario" in report.finding("WAGE_BELOW_PREVAILING").message


@pytest.mark.parametrize("program,category,severity", [
    ("gts_a", None, BLOCKER), ("gts_b", None, BLOCKER),
    ("ict", "specialized_knowledge", BLOCKER), ("ict", "startup", WARNING), ("ict", "executive_manager", WARNING),
    ("cusma", None, WARNING),
])
def test_wage_below_prevailing_severity_depends_on_program(check, program, category, severity):
    changes = {"position": {"wage": {"amount": 45, "period": "hour"}}}
    if category:
        changes["ict"] = {"category": category}
    report = check(program, **changes)
    assert report.finding("WAGE_BELOW_PREVAILING").severity == severity


def test_no_job_bank_figure_at_any_level_is_warned(refdata, make_hire):
    """Job Bank wages open data: a row with no median is a figure Job Bank does not publish."""
    suppressed = [WageFigure("21300", level, area, name, province, None, None, None, False, "", "not published", "2025-11-19")
                  for level, area, name, province in (("national", "CA", "Canada", None), ("province", "ON", "Ontario", "ON"),
                                                      ("economic_region", "ER3510", "Ottawa", "ON"))]
    report = evaluate(make_hire("gts_b", position={"noc_code": "21300"}), refdata.with_wages(suppressed, "test"))
    assert report.finding("WAGE_DATA_UNAVAILABLE").severity == WARNING
    assert "WAGE_DATA_NOT_LOADED" not in report.codes()
    assert report.prevailing_wage is None and report.to_dict()["prevailing_wage"] is None


def test_gts_civil_engineers_are_in_the_bundled_2025_wages(check):
    """Job Bank 2025: NOC_21300,ON,ER3510,Ottawa,…,47.69 (the GTS-listed engineering NOCs are published)."""
    report = check("gts_b", position={"noc_code": "21300", "wage": {"amount": 47, "period": "hour"}})
    assert report.prevailing_wage.hourly == 47.69 and "WAGE_DATA_UNAVAILABLE" not in report.codes()


def test_job_bank_figure_found_means_no_unavailable_warning(check):
    assert "WAGE_DATA_UNAVAILABLE" not in check("gts_b").codes()


# --- incomplete drafts -------------------------------------------------------------------

def test_each_missing_field_is_a_hire_incomplete_blocker(refdata, make_hire):
    draft = make_hire("ict", position={"wage": None, "hours_per_week": None}, ict=None)
    report = evaluate(draft, refdata)
    incomplete = {f.field for f in report.findings if f.code == "HIRE_INCOMPLETE"}
    assert incomplete == {"position.wage.amount", "position.wage.period", "position.hours_per_week",
                          "ict.relationship", "ict.category", "ict.continuous_full_time_months"}
    assert all(f.severity == BLOCKER for f in report.findings if f.code == "HIRE_INCOMPLETE")
    assert report.lmia.exemption_code is None


def test_empty_draft_is_evaluated_without_crashing_for_every_program(refdata):
    for program in ("gts_a", "gts_b", "ict", "cusma"):
        report = evaluate(HirePayload(), refdata, program=program)
        assert not report.eligible
        assert report.to_dict()["program"] == program


def test_evaluate_without_any_program_is_refused(refdata, make_hire):
    with pytest.raises(ValueError):
        evaluate(make_hire(None), refdata)


# --- info steps ------------------------------------------------------------------------------

def test_gts_needs_an_lmia_with_its_fee(check):
    finding = check("gts_b").finding("LMIA_REQUIRED")
    assert finding.severity == INFO and "$1,000" in finding.message


def test_ict_and_cusma_need_an_employer_portal_offer_and_fee(check):
    for program in ("ict", "cusma"):
        finding = check(program).finding("EMPLOYER_PORTAL_OFFER_REQUIRED")
        assert finding.severity == INFO and "$230" in finding.message
    assert "EMPLOYER_PORTAL_OFFER_REQUIRED" not in check("gts_b").codes()
    assert "LMIA_REQUIRED" not in check("ict").codes()


@pytest.mark.parametrize("province", ["BC", "MB", "SK", "NS"])
def test_gts_in_registration_provinces_needs_provincial_registration(check, province):
    report = check("gts_b", position={"province": province, "economic_region": None})
    assert report.finding("PROVINCIAL_EMPLOYER_REGISTRATION").severity == INFO


def test_gts_in_ontario_and_ict_in_bc_need_no_provincial_registration(check):
    assert "PROVINCIAL_EMPLOYER_REGISTRATION" not in check("gts_b").codes()
    assert "PROVINCIAL_EMPLOYER_REGISTRATION" not in check("ict", position={"province": "BC", "economic_region": None}).codes()


def test_gts_job_in_quebec_has_the_joint_process(check):
    """ESDC GTS overview, Positions located in Quebec: the positive LMIA letter and the CAQ issued by the MIFI."""
    report = check("gts_b", position={"province": "QC", "economic_region": "ER2440"})
    assert report.finding("QUEBEC_JOINT_PROCESS").severity == INFO
    assert "CAQ" in report.finding("QUEBEC_JOINT_PROCESS").message
    assert "QUEBEC_JOINT_PROCESS" not in check("gts_b").codes()


@pytest.mark.parametrize("program", ["ict", "cusma"])
def test_lmia_exempt_job_in_quebec_has_no_joint_process(check, program):
    """DRN law (third-party): no CAQ for LMIA-exempt work such as intra-company transferees; verify with MIFI."""
    report = check(program, position={"province": "QC", "economic_region": "ER2440"})
    assert "QUEBEC_JOINT_PROCESS" not in report.codes()
    finding = report.finding("QUEBEC_LMIA_EXEMPT_WORK")
    assert finding.severity == INFO and "verify on the official page" in finding.message

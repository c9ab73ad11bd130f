"""LMIA codes, the report's JSON shape, the registry against API.md, and the route finder."""
from __future__ import annotations

import pytest

from employer_portal.compliance import RULES, RULES_VERSION, evaluate, find_routes, rule_for
from employer_portal.compliance.facts import HireFacts


# API.md's finding codes and severities, as Amendments 2026-12 corrected them.
API_CODES = {
    "NOC_UNKNOWN": "blocker", "WAGE_DATA_UNAVAILABLE": "warning",
    "GTS_A_REFERRAL_MISSING": "blocker", "GTS_A_PARTNER_NOT_DESIGNATED": "blocker",
    "GTS_A_TALENT_NOT_SHOWN": "warning", "GTS_A_OCCUPATION_ON_LIST": "warning", "GTS_B_OCCUPATION_NOT_LISTED": "blocker",
    "GTS_B_SUBSET_ONLY": "warning", "GTS_DURATION_OVER_3_YEARS": "warning",
    "ICT_RELATIONSHIP_NOT_QUALIFYING": "blocker", "ICT_EMPLOYMENT_TOO_SHORT": "blocker",
    "ICT_DURATION_OVER_INITIAL_MAX": "warning", "ICT_TOTAL_STAY_OVER_CAP": "blocker",
    "ICT_SPECIALIZED_EXPERIENCE_SHORT": "warning", "CUSMA_CITIZENSHIP_INELIGIBLE": "blocker",
    "CUSMA_PROFESSION_NOT_LISTED": "blocker", "CUSMA_EDUCATION_INSUFFICIENT": "blocker",
    "CUSMA_DURATION_OVER_3_YEARS": "warning", "GTS_A_WAGE_BELOW_FLOOR": "blocker", "CUSMA_SELF_EMPLOYMENT": "blocker", "LMIA_REQUIRED": "info",
    "EMPLOYER_PORTAL_OFFER_REQUIRED": "info", "PROVINCIAL_EMPLOYER_REGISTRATION": "info", "QUEBEC_JOINT_PROCESS": "info",
    # New finding codes of the amendment.
    "WAGE_REGION_NOT_CHECKED": "warning", "WAGE_DATA_NOT_LOADED": "warning", "QUEBEC_WAGE_RULES": "warning",
    "GTS_A_PARTNER_QUEBEC_UNVERIFIED": "warning", "ICT_CAPACITY_TEER_MISMATCH": "blocker",
    "ICT_LOW_TEER_SCRUTINY": "warning", "ICT_CATEGORY_CAP_REACHED": "blocker", "CUSMA_TEER_TOO_LOW": "blocker",
    "CUSMA_PROFESSION_NOC_MISMATCH": "warning", "WAGE_REVIEW_AT_START": "info",
}
# Severities that depend on the program, the ICT category or the province (Quebec), decided by the rule itself.
DEPENDS = ("WAGE_BELOW_PREVAILING", "GTS_B_WAGE_BELOW_FLOOR")


def test_every_api_code_has_one_rule_with_its_severity_and_a_source():
    """API.md finding codes and Amendments 2026-12 ('Changed answers', 'New finding codes')."""
    registered = {r.code: r for r in RULES}
    for code, severity in API_CODES.items():
        assert registered[code].severity == severity, code
        assert registered[code].source, code
    for code in DEPENDS:
        assert callable(registered[code].severity) and registered[code].source, code
    assert len(registered) == len(RULES)


# --- LMIA ---------------------------------------------------------------------------------

@pytest.mark.parametrize("category,code", [("startup", "C61"), ("executive_manager", "C62"), ("specialized_knowledge", "C63")])
def test_ict_gives_its_exemption_code(check, category, code):
    lmia = check("ict", ict={"category": category}).to_dict()["lmia"]
    assert lmia == {"required": False, "exemption_code": code}


def test_cusma_gives_t36(check):
    assert check("cusma").to_dict()["lmia"] == {"required": False, "exemption_code": "T36"}


@pytest.mark.parametrize("program", ["gts_a", "gts_b"])
def test_gts_requires_an_lmia_without_exemption_code(check, program):
    assert check(program).to_dict()["lmia"] == {"required": True, "exemption_code": None}


def test_old_codes_c12_and_t23_are_never_given(refdata, make_hire):
    for program in ("gts_a", "gts_b", "ict", "cusma"):
        for category in ("startup", "executive_manager", "specialized_knowledge"):
            report = evaluate(make_hire(program, ict={"category": category}), refdata)
            assert report.lmia.exemption_code not in ("C12", "T23")


# --- the report ------------------------------------------------------------------------------

def test_report_json_has_exactly_the_api_shape(check):
    data = check("ict", ict={"continuous_full_time_months": 6}).to_dict()
    assert set(data) == {"program", "eligible", "complete", "lmia", "findings", "prevailing_wage", "versions"}
    assert {"rules", "reference_data"} <= set(data["versions"])
    assert data["program"] == "ict" and data["eligible"] is False
    assert set(data["findings"][0]) == {"code", "severity", "field", "message", "source"}
    assert data["versions"]["rules"] == RULES_VERSION
    assert isinstance(data["versions"]["reference_data"], str)
    assert "jobbank-2025-11-19" in data["versions"]["reference_data"]
    assert data["versions"]["reference_data_sets"]["wages"] == "jobbank-2025-11-19"
    assert data["versions"]["reference_data_sets"]["occupations_list"]


def test_eligible_exactly_when_no_blocker(check):
    warned = check("ict", ict={"category": "specialized_knowledge", "continuous_full_time_months": 20})
    assert warned.eligible and warned.findings
    blocked = check("ict", ict={"relationship": "none"})
    assert not blocked.eligible and blocked.to_dict()["eligible"] is False


def test_blockers_come_before_warnings_and_info(check):
    report = check("gts_a", gts={"referral_partner": None}, worker={"highest_education": "bachelor", "years_experience": 1})
    order = {"blocker": 0, "warning": 1, "info": 2}
    severities = [order[f.severity] for f in report.findings]
    assert severities == sorted(severities) and severities[0] == 0 and severities[-1] == 2


def test_report_uses_the_wage_version_given(refdata, make_hire):
    from employer_portal.refdata.jobbank import WageFigure

    row = WageFigure("21232", "province", "ON", "Ontario", "ON", None, 60.0, None, False, "2024-2025", "LFS", "2026-11-18")
    newer = refdata.with_wages([row], "jobbank-2026-11-18")
    # Only Ontario's row is in this set: with no region, the province's figure is the one that applies.
    report = evaluate(make_hire("gts_b", position={"economic_region": None, "wage": {"amount": 55, "period": "hour"}}), newer)
    assert report.prevailing_wage.hourly == 60.0 and report.prevailing_wage.data_version == "jobbank-2026-11-18"
    assert report.finding("WAGE_BELOW_PREVAILING").message.endswith("Job Bank 2026.")
    assert report.to_dict()["versions"]["reference_data_sets"]["wages"] == "jobbank-2026-11-18"


# --- route finder ----------------------------------------------------------------------------

def test_route_finder_gives_all_four_programs_eligible_first_then_fewest_blockers(refdata, make_hire):
    """API.md route finder: 'eligible routes first, then by fewest blockers.'"""
    # A Brazilian developer in Ottawa: GTS B passes; GTS A lacks a referral; ICT lacks 12 months; CUSMA fails twice.
    hire = make_hire(None, worker={"citizenships": ["BR"]}, gts={"referral_partner": None},
                     ict={"continuous_full_time_months": 6}, cusma={"worker_controls_employer": True})
    routes = find_routes(hire, refdata)
    assert sorted(r.program for r in routes) == ["cusma", "gts_a", "gts_b", "ict"]
    assert routes[0].program == "gts_b" and routes[0].eligible
    blockers = [len(r.blockers) for r in routes[1:]]
    assert blockers == sorted(blockers)
    assert routes[-1].program == "cusma"
    assert all(not r.eligible for r in routes[1:])


def test_route_finder_puts_eligible_lmia_exempt_routes_before_lmia_routes(refdata, make_hire):
    """API.md Amendments 2026-12: 'eligible first; among eligible routes, LMIA-exempt before LMIA-required.'"""
    routes = find_routes(make_hire(None), refdata)
    assert all(r.eligible for r in routes)
    assert [r.program for r in routes] == ["ict", "cusma", "gts_a", "gts_b"]
    assert [r.lmia.required for r in routes] == [False, False, True, True]


def test_an_eligible_lmia_route_still_comes_before_a_blocked_exempt_route(refdata, make_hire):
    """API.md Amendments 2026-12: eligibility decides first; LMIA exemption only orders the eligible routes."""
    hire = make_hire(None, worker={"citizenships": ["BR"]}, ict={"relationship": "none"})
    programs = [r.program for r in find_routes(hire, refdata)]
    assert programs[:2] == ["gts_a", "gts_b"]
    assert set(programs[2:]) == {"ict", "cusma"}


def test_blocked_routes_are_ordered_by_fewest_blockers_whatever_their_lmia(refdata, make_hire):
    """API.md Amendments 2026-12: after the eligible routes, 'then fewest blockers' (ties keep the program order)."""
    # GTS A: no referral (1 blocker); CUSMA: not a US or Mexican citizen and self-employed (2); ICT: no relationship (1).
    hire = make_hire(None, worker={"citizenships": ["BR"]}, gts={"referral_partner": None},
                     ict={"relationship": "none"}, cusma={"worker_controls_employer": True})
    routes = find_routes(hire, refdata)
    assert routes[0].program == "gts_b"
    blocked = [(r.program, len(r.blockers)) for r in routes[1:]]
    assert [n for _p, n in blocked] == sorted(n for _p, n in blocked)
    assert blocked[-1][0] == "cusma"
    ones = [p for p, n in blocked if n == 1]
    assert ones == [p for p in ("gts_a", "gts_b", "ict", "cusma") if p in ones]


def test_a_report_is_complete_when_nothing_the_route_needs_is_missing(check):
    """API.md Amendments 2026-12: each report adds "complete": true|false."""
    report = check("gts_b")
    assert report.complete is True and report.to_dict()["complete"] is True


def test_a_route_missing_a_field_it_needs_is_incomplete_not_just_ineligible(refdata, make_hire):
    """API.md Amendments 2026-12: 'false while a field the route needs is missing, shown as "needs information"'."""
    hire = make_hire(None, worker={"highest_education": None})
    by_program = {r.program: r for r in find_routes(hire, refdata)}
    for program in ("gts_a", "cusma"):
        report = by_program[program]
        assert report.complete is False and report.to_dict()["complete"] is False
        assert report.finding("HIRE_INCOMPLETE").field == "worker.highest_education"
    assert by_program["gts_b"].complete and by_program["ict"].complete


def test_a_blocked_but_complete_report_says_complete(check):
    """API.md Amendments 2026-12: "complete" is about missing fields, not about blockers."""
    report = check("ict", ict={"relationship": "none"})
    assert not report.eligible and report.complete


def test_rule_for_finds_a_rule_by_code():
    assert rule_for("ICT_EMPLOYMENT_TOO_SHORT").field == "ict.continuous_full_time_months"
    assert HireFacts.__slots__  # facts stay plain and small

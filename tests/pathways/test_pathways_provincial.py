"""Provincial and Quebec options: status as of its date, source, fit, and 'verify' for anything unofficial
(research 6-7)."""
from __future__ import annotations

import pytest

from employer_portal.pathways import outlook
from employer_portal.pathways.rules import load_rules
from pathways_samples import clb

PROVINCES = ("BC", "ON", "AB", "SK", "MB", "QC", "NS")


def rows(request):
    return {row["key"]: row for row in outlook(request)["provincial"]}


@pytest.mark.parametrize("province", PROVINCES)
def test_every_provincial_row_shows_its_status_date_and_source(build, province):
    """Issue 11: 'Every provincial row shows its status date and source'."""
    result = outlook(build(job={"province": province}))
    listed = {source["id"] for source in result["sources"]}
    assert result["provincial"]
    for row in result["provincial"]:
        assert row["status"] in ("open", "paused", "closed", "replaced", "not_researched")
        assert row["status_as_of"] and row["source"] in listed and row["status_source"] in listed


def test_nothing_unconfirmed_is_presented_as_a_rule():
    """Issue 11: 'nothing marked unconfirmed is presented as a rule' (every row and duty below OFFICIAL-COPY)."""
    rules = load_rules()
    for program in rules.provincial["programs"]:
        from employer_portal.pathways.rules import label

        if program["fact_status"] != "OFFICIAL-COPY":
            assert label(program["fact_status"]) == "verify on the official page"
        for duty in program["employer_must_provide"]:
            assert duty["status"] in ("OFFICIAL-COPY", "SECONDARY", "UNCONFIRMED")


def test_unofficial_rows_say_verify_and_never_rule_the_worker_out(build):
    """Research status words: SECONDARY/UNCONFIRMED values are shown as 'verify', never encoded as a hard rule."""
    row = rows(build(job={"province": "ON"}, candidate={"first_language_clb": clb(5)}))["on_workforce_priority"]
    assert row["verify"] is True and row["label"] == "verify on the official page"
    assert row["fit"] == "may_not_fit_verify"
    assert any("CLB 6" in reason for reason in row["reasons"])


def test_ontario_employer_job_offer_is_replaced_and_tech_draws_closed(build):
    """Research 6.2: EJO streams closed 2026-05-30 (replaced by OWP); HCP tech draws retired."""
    on = rows(build(job={"province": "ON"}))
    assert (on["on_employer_job_offer"]["status"], on["on_employer_job_offer"]["status_as_of"]) == (
        "replaced", "2026-05-30")
    assert on["on_hcp_tech_draws"]["fit"] == "closed"
    duties = " ".join(d["text"] for d in on["on_workforce_priority"]["employer_must_provide"])
    assert "Employer Portal" in duties and "14 calendar days" in duties


def test_bc_tech_is_closed_and_skilled_worker_open(build):
    """WelcomeBC (2026-05-14): no tech list and no tech draws; Skilled Worker open (2026-04-27)."""
    bc = rows(build())
    assert bc["bc_pnp_tech"]["status"] == "closed"
    assert bc["bc_skilled_worker"]["fit"] == "could_fit"
    assert any("Employer Declaration Form" in d["text"] for d in bc["bc_skilled_worker"]["employer_must_provide"])


def test_bc_skilled_worker_needs_two_years_of_experience(build):
    """WelcomeBC Skills Immigration: minimum 2 years of full-time experience (official copy)."""
    row = rows(build(candidate={"foreign_experience_years": 1}))["bc_skilled_worker"]
    assert row["fit"] == "does_not_fit"


def test_alberta_lists_the_accelerated_tech_pathway_and_opportunity_stream(build):
    """AAIP (S24): AOS needs full-time work in Alberta and a valid permit, not maintained status; ATP is open."""
    ab = rows(build(job={"province": "AB"}))
    assert ab["ab_accelerated_tech_pathway"]["status"] == "open"
    aos = ab["ab_opportunity_stream"]
    assert aos["fit"] == "not_yet"
    assert any("2028-03-01" in reason for reason in aos["reasons"])
    assert any("not maintained status" in d["text"] for d in aos["employer_must_provide"])


def test_saskatchewan_tech_talent_pathway_says_its_list_is_unconfirmed(build):
    """SINP (S25, SECONDARY): 32 occupations, full list unconfirmed."""
    row = rows(build(job={"province": "SK", "noc_code": "21232"}))["sk_tech_talent_pathway"]
    assert row["verify"] is True
    assert any("not confirmed" in reason for reason in row["reasons"])


def test_manitoba_needs_six_months_with_the_company(build):
    """MPNP SWM: a full-time long-term offer after six months or more of continuous full-time work."""
    row = rows(build(job={"province": "MB"}))["mb_skilled_worker_in_manitoba"]
    assert row["fit"] == "not_yet"
    later = rows(build(as_of="2027-09-01", job={"province": "MB"}))["mb_skilled_worker_in_manitoba"]
    assert later["fit"] == "could_fit_verify"


def test_quebec_pilot_is_closed_and_peq_abolished(build):
    """Quebec AI/IT/VFX pilot closed 2026-01-01 (S27); PEQ intake stopped 2025-11-19 (S28, SECONDARY)."""
    qc = rows(build(job={"province": "QC"}))
    assert qc["qc_ai_it_vfx_pilot"]["status"] == "closed"
    assert qc["qc_peq"]["status"] == "closed"
    assert qc["qc_pstq"]["status"] == "open" and qc["qc_pstq"]["verify"] is True


def test_a_province_not_researched_says_verify(build):
    """Research 6.6: other provinces not researched (UNCONFIRMED)."""
    (row,) = outlook(build(job={"province": "NS"}))["provincial"]
    assert row["status"] == "not_researched"
    assert row["label"] == "verify on the official page"


def test_an_unconfirmed_waiting_period_says_verify(build):
    """AAIP AOS experience wording after 2024 is UNCONFIRMED: the wait is shown with 'verify'."""
    aos = rows(build(job={"province": "AB"}))["ab_opportunity_stream"]
    assert any("2028-03-01" in r and "verify on the official page" in r for r in aos["reasons"])

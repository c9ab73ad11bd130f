"""Which documents each route and situation gets (RULES.md 1.5-1.7, 2.6, 3.4, 4)."""
from __future__ import annotations

import re

from checklist_factories import (
    COMPUTER_SYSTEMS_ANALYST,
    ECONOMIST,
    ENGINEER,
    MANAGEMENT_CONSULTANT,
    keys,
    make_hire,
)

from employer_portal.checklists import build_checklist
from employer_portal.checklists.catalogue import PROVIDERS, load_catalogue

STARTUP_ITEMS = {"ict.startup_business_plan", "ict.startup_hr_plan", "ict.startup_financials", "ict.mnc_two_countries"}
PREMISES = "ict.startup_premises"  # the key predates the item's widening to every ICT (kept for recorded statuses)
COMMON_ITEMS = {"all.employment_agreement", "all.rights_information", "all.record_retention"}


def ict(category):
    return make_hire("ict", ict={"relationship": "parent", "category": category, "continuous_full_time_months": 30})


def cusma(citizenships, *, education="bachelor", years=6, licensed=False):
    worker = {"given_name": "Sam", "citizenships": citizenships, "highest_education": education,
              "years_experience": years}
    return make_hire("cusma", worker=worker, cusma={"profession": "x", "licensed": licensed})


def by_key(items):
    return {item.key: item for item in items}


def test_gts_category_a_needs_the_referral_form_from_the_partner():
    items = by_key(build_checklist(make_hire("gts_a")))
    assert items["gts.referral_form"].provider == "referral_partner"


def test_gts_category_b_needs_no_referral_form():
    assert "gts.referral_form" not in keys(build_checklist(make_hire("gts_b")))


def test_gts_category_a_plan_commits_to_job_creation():
    found = keys(build_checklist(make_hire("gts_a")))
    assert "gts.lmbp_job_creation" in found and "gts.lmbp_skills_training" not in found


def test_gts_category_b_plan_commits_to_skills_and_training():
    found = keys(build_checklist(make_hire("gts_b")))
    assert "gts.lmbp_skills_training" in found and "gts.lmbp_job_creation" not in found


def test_gts_needs_business_legitimacy_fee_receipt_and_health_insurance():
    found = set(keys(build_checklist(make_hire("gts_b"))))
    assert {"gts.business_licence", "gts.cra_tax_documents", "gts.lmia_fee_receipt", "gts.health_insurance"} <= found


def test_lmia_fee_item_names_the_thousand_dollar_fee():
    item = by_key(build_checklist(make_hire("gts_b")))["gts.lmia_fee_receipt"]
    assert "$1,000" in item.title and "R315.2" in item.rule


def test_gts_in_british_columbia_needs_provincial_employer_registration():
    hire = make_hire("gts_b", position={"province": "BC", "noc_code": "21231"})
    assert "gts.provincial_employer_registration" in keys(build_checklist(hire))


def test_gts_in_ontario_needs_no_provincial_employer_registration():
    hire = make_hire("gts_b", position={"province": "ON", "noc_code": "21231"})
    assert "gts.provincial_employer_registration" not in keys(build_checklist(hire))


def test_gts_in_quebec_needs_the_mifi_joint_submission():
    hire = make_hire("gts_a", position={"province": "QC"})
    found = keys(build_checklist(hire))
    assert "gts.mifi_joint_submission" in found
    assert "gts.mifi_joint_submission" not in keys(build_checklist(make_hire("gts_a")))


def test_ict_startup_needs_business_plan_hr_plan_financials_mnc_proof_and_premises():
    """IRCC ICT instructions, C61: HR plans, 'a business plan and financial documentation', physical premises."""
    found = set(keys(build_checklist(ict("startup"))))
    assert STARTUP_ITEMS | {PREMISES} <= found
    assert "ict.specialized_knowledge_evidence" not in found


def test_ict_specialized_knowledge_needs_evidence_of_the_knowledge_not_startup_plans():
    found = set(keys(build_checklist(ict("specialized_knowledge"))))
    assert "ict.specialized_knowledge_evidence" in found
    assert not STARTUP_ITEMS & found


def test_ict_needs_relationship_company_letter_and_employment_proofs():
    found = set(keys(build_checklist(ict("executive_manager"))))
    assert {"ict.qualifying_relationship", "ict.company_letter", "ict.continuous_employment",
            "ict.current_employment_abroad"} <= found


def test_ict_and_cusma_need_the_employer_portal_offer_and_compliance_fee():
    for hire in (ict("executive_manager"), cusma(["US"])):
        items = by_key(build_checklist(hire))
        assert "A#######" in items["imp.employer_portal_offer"].title
        assert "$230" in items["imp.compliance_fee_receipt"].title
        assert items["imp.employer_portal_offer"].due == "Before the worker applies for the work permit"


def test_gts_needs_no_employer_portal_offer():
    assert not {"imp.employer_portal_offer", "imp.compliance_fee_receipt"} & set(keys(build_checklist(make_hire("gts_a"))))


def test_us_citizen_proves_citizenship_with_a_us_passport_or_birth_certificate():
    items = by_key(build_checklist(cusma(["US"]), cusma_profession=ECONOMIST))
    assert items["cusma.citizenship_us"].title == "US passport or birth certificate"
    assert "cusma.citizenship_mx" not in items


def test_mexican_citizen_proves_citizenship_with_a_mexican_passport():
    items = by_key(build_checklist(cusma(["MX"]), cusma_profession=ECONOMIST))
    assert items["cusma.citizenship_mx"].title == "Mexican passport"
    assert "cusma.citizenship_us" not in items


def test_cusma_worker_without_us_or_mexican_citizenship_gets_the_generic_proof():
    found = keys(build_checklist(cusma(["BR"]), cusma_profession=ECONOMIST))
    assert "cusma.citizenship_proof" in found
    assert not {"cusma.citizenship_us", "cusma.citizenship_mx"} & set(found)


def test_cusma_profession_needing_a_degree_lists_the_degree():
    found = keys(build_checklist(cusma(["US"], education="bachelor"), cusma_profession=ECONOMIST))
    assert "cusma.credential_degree" in found
    assert "cusma.credential_diploma" not in found


def test_cusma_profession_accepting_a_diploma_and_three_years_lists_both_for_a_diploma_holder():
    hire = cusma(["MX"], education="diploma", years=4)
    items = by_key(build_checklist(hire, cusma_profession=COMPUTER_SYSTEMS_ANALYST))
    assert "cusma.credential_diploma" in items
    assert items["cusma.credential_experience_letters"].title == "Employer letters showing 3 years of experience in the profession"
    assert "cusma.credential_degree" not in items


def test_cusma_degree_holder_lists_the_degree_even_where_a_diploma_is_accepted():
    found = keys(build_checklist(cusma(["US"], education="master"), cusma_profession=COMPUTER_SYSTEMS_ANALYST))
    assert "cusma.credential_degree" in found and "cusma.credential_diploma" not in found


def test_licensed_engineer_without_a_degree_lists_the_licence():
    found = keys(build_checklist(cusma(["US"], education="diploma", licensed=True), cusma_profession=ENGINEER))
    assert "cusma.credential_licence" in found and "cusma.credential_degree" not in found


def test_management_consultant_with_five_years_lists_the_experience_statement():
    items = by_key(build_checklist(cusma(["US"], education="secondary", years=7), cusma_profession=MANAGEMENT_CONSULTANT))
    assert "5 years" in items["cusma.credential_experience_statement"].title


def test_cusma_without_a_known_profession_lists_the_generic_credential():
    assert "cusma.credential_unknown" in keys(build_checklist(cusma(["US"])))


def test_credential_reason_names_the_profession_and_its_rule():
    item = by_key(build_checklist(cusma(["US"]), cusma_profession=ECONOMIST))["cusma.credential_degree"]
    assert "Economist" in item.why and "Baccalaureate or Licenciatura Degree" in item.why


def test_cusma_needs_the_contract_showing_pre_arranged_employment():
    assert "cusma.prearranged_employment" in keys(build_checklist(cusma(["US"]), cusma_profession=ECONOMIST))


def test_every_route_needs_the_agreement_rights_information_and_six_year_retention():
    for hire in (make_hire("gts_a"), make_hire("gts_b"), ict("startup"), cusma(["US"])):
        assert COMMON_ITEMS <= set(keys(build_checklist(hire)))


def test_employment_agreement_is_due_before_the_portal_offer_for_ict_but_by_day_one_for_gts():
    assert by_key(build_checklist(ict("startup")))["all.employment_agreement"].due == "Before the Employer Portal offer is submitted"
    assert "first day of work" in by_key(build_checklist(make_hire("gts_b")))["all.employment_agreement"].due


def test_every_item_says_who_provides_it_why_and_cites_a_dated_source():
    for hire in (make_hire("gts_a", position={"province": "QC"}), ict("startup"), cusma(["US"])):
        for item in build_checklist(hire, cusma_profession=ECONOMIST):
            assert item.provider in PROVIDERS
            assert item.why and item.rule and item.section
            assert re.search(r"\(\d{4}(-\d{2}-\d{2})?\)", item.source), item.key
            assert "{" not in item.title + item.why, item.key


def test_the_same_hire_gives_the_same_items_in_the_same_order():
    hire = ict("startup")
    assert build_checklist(hire) == build_checklist(ict("startup"))


def test_items_are_grouped_by_section_in_catalogue_section_order():
    order = list(load_catalogue().sections.values())
    sections = [item.section for item in build_checklist(make_hire("gts_a"))]
    assert sections == sorted(sections, key=order.index)


def test_every_ict_needs_proof_of_physical_commercial_premises():
    """IRCC ICT instructions, Commercial physical premises: 'ICTs must work at the physical commercial premises where
    business operations are conducted in Canada.'"""
    for category in ("startup", "executive_manager", "specialized_knowledge"):
        item = by_key(build_checklist(ict(category)))[PREMISES]
        assert "physical commercial premises" in item.title and "residential" in item.why


def test_only_a_startup_may_use_its_counsels_address_for_a_while():
    """IRCC ICT instructions, C61: 'the enterprise may initially use its counsel's address until a premise in Canada
    can be purchased or leased'."""
    startup = by_key(build_checklist(ict("startup")))[PREMISES]
    manager = by_key(build_checklist(ict("executive_manager")))[PREMISES]
    assert "counsel's address" in startup.due.lower() and "counsel's address" in startup.why
    assert manager.due == "Before the worker applies for the work permit"


def test_ict_startup_needs_proof_of_operations_in_at_least_two_countries():
    """IRCC ICT instructions, C61: 'an existing MNC with revenue generating BUSINESS operations in at least 2 countries
    ... before establishing an enterprise in Canada'."""
    item = by_key(build_checklist(ict("startup")))["ict.mnc_two_countries"]
    assert "at least 2 countries" in item.title and item.provider == "employer"
    assert "ict.mnc_two_countries" not in keys(build_checklist(ict("executive_manager")))


def test_every_ict_needs_a_letter_that_the_position_abroad_stays_available():
    """IRCC ICT instructions, Eligibility: 'their position in the foreign enterprise must remain available for them to
    return to at the end of their assignment in Canada'."""
    for category in ("startup", "executive_manager", "specialized_knowledge"):
        assert "ict.return_position_letter" in keys(build_checklist(ict(category)))
    assert "ict.return_position_letter" not in keys(build_checklist(make_hire("gts_b")))


def test_gts_in_quebec_needs_the_quebec_acceptance_certificate_with_the_permit_application():
    """ESDC GTS overview, Positions located in Quebec: the employer sends the worker the positive LMIA letter and the
    'Quebec Acceptance Certificate issued by the MIFI' to submit 'along with the work permit application'."""
    item = by_key(build_checklist(make_hire("gts_b", position={"province": "QC", "noc_code": "21231"})))["gts.caq"]
    assert "CAQ" in item.title and "MIFI" in item.title and item.provider == "worker"
    assert item.due == "With the work-permit application" and "30 consecutive days" in item.why


def test_gts_outside_quebec_and_ict_in_quebec_need_no_caq():
    """ESDC GTS overview, Positions located in Quebec (the CAQ goes with an LMIA); LMIA-exempt ICT work needs none."""
    assert "gts.caq" not in keys(build_checklist(make_hire("gts_a")))
    ict_in_quebec = make_hire("ict", position={"province": "QC", "noc_code": "21231"},
                              ict={"relationship": "parent", "category": "executive_manager",
                                   "continuous_full_time_months": 30})
    assert "gts.caq" not in keys(build_checklist(ict_in_quebec))

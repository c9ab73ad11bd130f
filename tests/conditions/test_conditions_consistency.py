"""The filing consistency check: the hire, the offer or LMIA, and the permit application, field by field."""
from __future__ import annotations

from employer_portal.conditions.consistency import consistency_findings

HIRE = {"noc_code": "21231", "job_title": "Senior software engineer", "employer_name": "Small Co",
        "wage_amount": 135000, "wage_period": "year", "hours_per_week": 40, "province": "ON", "city": "Toronto",
        "start_date": "2027-03-01", "end_date": "2029-02-28"}


def test_a_different_noc_between_the_lmia_and_the_permit_application_is_a_finding_with_both_values():
    """IRPR R209.3(1)(c)(i): the employer must show the information it gave was accurate; officers compare them."""
    findings = consistency_findings("gts_b", {"hire": HIRE, "lmia": {**HIRE, "number": "1234567"},
                                              "permit_application": {**HIRE, "noc_code": "21211"}}, "small")
    assert [(f["code"], f["field"], f["values"]) for f in findings] == [
        ("TERMS_MISMATCH", "noc_code", {"lmia": "21231", "permit_application": "21211"})]
    assert "R209.3(1)(c)(i)" in findings[0]["message"] and "small business" in findings[0]["message"]


def test_a_different_wage_between_the_offer_and_the_permit_application_is_a_finding():
    """IRPR R209.2(1)(b)(i): an IMP employer must show the information it gave for the permit was accurate."""
    findings = consistency_findings("ict", {"hire": HIRE, "offer": HIRE,
                                            "permit_application": {**HIRE, "wage_amount": 125000}})
    assert [(f["field"], f["values"]) for f in findings] == [
        ("wage_amount", {"offer": 135000, "permit_application": 125000})]
    assert "R209.2(1)(b)(i)" in findings[0]["message"]


def test_the_hire_is_compared_with_the_offer_too():
    """IRPR R209.2(1)(b)(i): what the portal holds must match the Employer Portal offer as filed."""
    findings = consistency_findings("cusma", {"hire": HIRE, "offer": {**HIRE, "employer_name": "Other Co"}})
    assert [(f["field"], f["sources"]) for f in findings] == [("employer_name", ["hire", "offer"])]


def test_case_and_spacing_do_not_make_a_mismatch():
    """Only real differences are findings: "senior  software Engineer" is the same title."""
    same = {**HIRE, "job_title": "senior  software Engineer", "wage_amount": "135000.00"}
    assert consistency_findings("gts_b", {"hire": HIRE, "lmia": same, "permit_application": same}) == []


def test_without_an_offer_the_hire_is_compared_with_the_permit_application():
    """Before the offer is recorded, the permit application is still checked against the hire."""
    findings = consistency_findings("ict", {"hire": HIRE, "permit_application": {"start_date": "2027-04-01"}})
    assert [(f["field"], f["sources"]) for f in findings] == [("start_date", ["hire", "permit_application"])]


def test_a_field_left_out_of_a_record_is_not_a_mismatch():
    """A record compares only the fields it gives."""
    assert consistency_findings("gts_b", {"hire": HIRE, "lmia": {"noc_code": "21231"}}) == []

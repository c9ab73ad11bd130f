"""CUSMA intra-company transferees (T37/T38) named for US and Mexican citizens on the ICT route (REVIEW-2026-12 F-20)."""
from __future__ import annotations

from employer_portal.compliance import BLOCKER, INFO


def test_a_us_citizen_transferee_is_told_about_cusma_t38(check):
    """IRCC CUSMA ICT instructions, Wages (T37/T38): 'A mandatory wage assessment is not required for applicants under
    this category ... officers should not refuse an application based on wage alone.'"""
    report = check("ict", worker={"citizenships": ["US"]}, ict={"category": "specialized_knowledge"})
    finding = report.finding("ICT_CUSMA_ALTERNATIVE")
    assert finding.severity == INFO and "T38" in finding.message and "T37" not in finding.message
    assert "no mandatory wage floor" in finding.message and "5 years" in finding.message


def test_a_mexican_executive_is_told_about_cusma_t37(check):
    """IRCC CUSMA ICT instructions: 'T37 – CUSMA – ICT – R204(a) – Executive or senior managers'; total stay 7 years."""
    finding = check("ict", worker={"citizenships": ["MX"]}).finding("ICT_CUSMA_ALTERNATIVE")
    assert "T37" in finding.message and "citizen of Mexico" in finding.message and "7 years" in finding.message


def test_a_transferee_of_another_citizenship_is_not_told_about_cusma(check):
    """IRCC CUSMA ICT instructions, Eligibility: 'be a citizen of the United States (U.S.) or Mexico'."""
    assert "ICT_CUSMA_ALTERNATIVE" not in check("ict", worker={"citizenships": ["BR"]}).codes()


def test_the_cusma_note_says_when_the_wage_blocks_c63(check):
    """IRCC ICT instructions: for R204(a) transferees 'a mandatory wage floor is not always required' - so a C63 wage
    blocker need not end a US citizen's transfer."""
    report = check("ict", worker={"citizenships": ["US"]}, ict={"category": "specialized_knowledge"},
                   position={"wage": {"amount": 30, "period": "hour"}})
    assert report.finding("WAGE_BELOW_PREVAILING").severity == BLOCKER
    assert report.finding("ICT_CUSMA_ALTERNATIVE").message.startswith("The wage is below the prevailing wage")

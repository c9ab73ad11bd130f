"""CUSMA Professionals (T36), review F-21: Psychologist and Registered Nurse accept only a licence or a Licenciatura.

Source: IRCC, Professionals - CUSMA [R204(a) - T36] (modified 2025-01-03), Medical/Allied Professionals:
"Psychologist | State/provincial license; or Licenciatura Degree"; "Registered Nurse | State/provincial license; or
Licenciatura Degree. Note: To be authorized to enter Canada as a registered nurse, a licence issued by the province of
destination is necessary."
"""
from __future__ import annotations

from employer_portal.compliance import BLOCKER

PSYCHOLOGIST = {"position": {"noc_code": "31200"}, "worker": {"field_of_study": "Psychology"}}
NURSE_IN_ONTARIO = {"position": {"noc_code": "31301", "province": "ON", "economic_region": None},
                    "worker": {"field_of_study": "Nursing"}}


def _cusma(check, profession, base, worker=None, **cusma):
    worker = {**base["worker"], **(worker or {})}
    return check("cusma", position=base["position"], worker=worker, cusma={"profession": profession, **cusma})


def test_psychologist_with_a_bachelors_degree_only_is_blocked(check):
    """'Psychologist | State/provincial license; or Licenciatura Degree': a Baccalaureate is not listed."""
    finding = _cusma(check, "psychologist", PSYCHOLOGIST, {"highest_education": "bachelor"}).finding("CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.severity == BLOCKER
    assert "a bachelor's or other degree does not count" in finding.message
    assert "a state or provincial licence" in finding.message


def test_psychologist_with_a_masters_degree_only_is_also_blocked(check):
    """'Psychologist | State/provincial license; or Licenciatura Degree': no other degree is an alternative."""
    report = _cusma(check, "psychologist", PSYCHOLOGIST, {"highest_education": "master"})
    assert "CUSMA_EDUCATION_INSUFFICIENT" in report.codes()


def test_psychologist_with_a_licenciatura_passes(check):
    """'Psychologist | … or Licenciatura Degree'."""
    report = _cusma(check, "psychologist", PSYCHOLOGIST, {"highest_education": "bachelor", "citizenships": ["MX"]},
                    credential={"kind": "licenciatura", "years_of_study": 5, "country": "MX"})
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_psychologist_with_a_state_licence_passes(check):
    """'Psychologist | State/provincial license; …'."""
    report = _cusma(check, "psychologist", PSYCHOLOGIST, {"highest_education": "master"}, licensed=True)
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_registered_nurse_with_a_bachelors_degree_only_is_blocked(check):
    """'Registered Nurse | State/provincial license; or Licenciatura Degree' (review F-21: a US bachelor passed)."""
    finding = _cusma(check, "registered_nurse", NURSE_IN_ONTARIO, {"highest_education": "bachelor"}).finding(
        "CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.severity == BLOCKER
    assert "a Licenciatura degree" in finding.message
    assert "a licence issued by the province of destination (ON)" in finding.message


def test_registered_nurse_with_a_licenciatura_still_needs_the_destination_province_licence(check):
    """'To be authorized to enter Canada as a registered nurse, a licence issued by the province of destination is
    necessary.'"""
    finding = _cusma(check, "registered_nurse", NURSE_IN_ONTARIO, {"highest_education": "bachelor", "citizenships": ["MX"]},
                     credential={"kind": "licenciatura", "years_of_study": 4, "country": "MX"}).finding(
        "CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.severity == BLOCKER and finding.field == "cusma.licensed"
    assert finding.message.endswith("Not shown: a licence issued by the province of destination (ON), which a "
                                    "Registered Nurse needs to be authorized to enter Canada.")


def test_registered_nurse_licensed_in_another_province_is_blocked(check):
    """'a licence issued by the province of destination is necessary': a Quebec licence for an Ontario job is not it."""
    finding = _cusma(check, "registered_nurse", NURSE_IN_ONTARIO, licensed=True, licence_province="QC").finding(
        "CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.field == "cusma.licence_province"
    assert "a licence from the province of destination (ON); the worker's licence is from QC" in finding.message


def test_registered_nurse_licence_without_its_province_asks_for_it(check):
    """'a licence issued by the province of destination is necessary': a licence of an unknown province does not
    show it (it may be a U.S. state licence)."""
    finding = _cusma(check, "registered_nurse", NURSE_IN_ONTARIO, licensed=True).finding("CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.field == "cusma.licence_province"
    assert "the province that issued the licence (enter it" in finding.message


def test_registered_nurse_licensed_by_the_province_of_destination_passes(check):
    """'State/provincial license …; a licence issued by the province of destination is necessary.'"""
    report = _cusma(check, "registered_nurse", NURSE_IN_ONTARIO, licensed=True, licence_province="ON")
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()
    assert report.eligible


def test_licenciatura_only_is_reference_data_not_a_key_in_code(refdata):
    """Appendix 2 names only a 'Licenciatura Degree' for these two; every other degree profession takes both."""
    only_licenciatura = {p.key for p in refdata.cusma_professions.values() if p.degree_kinds_accepted == ("licenciatura",)}
    assert only_licenciatura == {"psychologist", "registered_nurse"}
    assert refdata.cusma_profession("engineer").degree_kinds_accepted == ("degree", "licenciatura")
    assert [p.key for p in refdata.cusma_professions.values() if p.destination_licence_required] == ["registered_nurse"]

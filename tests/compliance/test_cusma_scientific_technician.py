"""CUSMA Professionals (T36), review F-22: a Scientific Technician/Technologist supports a listed professional.

Source: IRCC, Professionals - CUSMA [R204(a) - T36] (modified 2025-01-03), Scientific Technician/Technologist: "A
business person in this category must be seeking temporary entry to work in direct support of professionals in
agricultural sciences, astronomy, biology, chemistry, engineering, forestry, geology, geophysics, meteorology or
physics"; "The ST/T's theoretical knowledge should generally have been acquired through the successful completion of
at least two years of training in a relevant educational program"; "Use the National Occupational Classification (NOC)
in order to establish whether proposed job functions are consistent with those of a scientific or engineering
technician or technologist."
"""
from __future__ import annotations

from employer_portal.compliance import BLOCKER, WARNING

TWO_YEAR_DIPLOMA = {"kind": "post_secondary_diploma", "years_of_study": 2, "country": "US"}
ENGINEERING_TECHNOLOGIST = {"noc_code": "22301"}  # Mechanical engineering technologists and technicians


def _technician(check, worker=None, position=None, **cusma):
    return check("cusma", worker={"highest_education": "diploma", "years_experience": 0, **(worker or {})},
                 position=position or ENGINEERING_TECHNOLOGIST,
                 cusma={"profession": "scientific_technician_technologist", "supported_profession": "engineer",
                        "credential": TWO_YEAR_DIPLOMA, **cusma})


def test_a_software_developer_with_secondary_school_is_blocked(check):
    """Review F-22 observed: secondary school, NOC 21232 software developer → eligible. It is not."""
    report = _technician(check, worker={"highest_education": "secondary"}, position={"noc_code": "21232"},
                         supported_profession=None, credential=None)
    assert report.finding("CUSMA_EDUCATION_INSUFFICIENT").severity == BLOCKER
    assert report.finding("CUSMA_PROFESSION_NOC_MISMATCH").severity == WARNING
    assert not report.eligible


def test_without_a_supported_professional_is_blocked(check):
    """'… must be seeking temporary entry to work in direct support of professionals in agricultural sciences, …'."""
    finding = _technician(check, supported_profession=None).finding("CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.severity == BLOCKER and finding.field == "cusma.supported_profession"
    assert "the profession of the professional whose work the technician directly supports" in finding.message


def test_supporting_a_professional_outside_the_listed_disciplines_is_blocked(check):
    """'Individuals for whom ST/Ts wish to provide direct support must qualify as a professional in their own right in
    one of the following fields: agricultural sciences, astronomy, biology, …'."""
    finding = _technician(check, supported_profession="economist").finding("CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.field == "cusma.supported_profession"
    assert "(Economist is not in these disciplines)" in finding.message


def test_under_two_years_of_post_secondary_study_is_blocked(check):
    """'… at least two years of training in a relevant educational program'."""
    finding = _technician(check, credential={**TWO_YEAR_DIPLOMA, "years_of_study": 1}).finding("CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.field == "cusma.credential"
    assert "at least 2 years of post-secondary study in a relevant program (the credential took 1)" in finding.message


def test_secondary_school_does_not_show_the_theoretical_knowledge(check):
    """'The ST/T's theoretical knowledge should generally have been acquired through … at least two years of
    training'."""
    finding = _technician(check, worker={"highest_education": "secondary"}, credential=None).finding(
        "CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.field == "worker.highest_education"
    assert "(the worker has secondary school)" in finding.message


def test_a_certificate_alone_does_not_show_two_years_of_study(check):
    """'… at least two years of training in a relevant educational program. Such training may be documented by
    presentation of a diploma, a certificate, or a transcript …': a certificate's length must be shown."""
    finding = _technician(check, worker={"highest_education": "certificate"}, credential=None).finding(
        "CUSMA_EDUCATION_INSUFFICIENT")
    assert "enter the credential's length of study" in finding.message


def test_a_technician_with_two_years_of_study_supporting_a_chemist_passes(check):
    """'… in direct support of professionals in … chemistry …'; 'at least two years of training'."""
    report = _technician(check, supported_profession="chemist", position={"noc_code": "22100"})
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()
    assert "CUSMA_PROFESSION_NOC_MISMATCH" not in report.codes()


def test_a_job_outside_the_technician_occupations_is_a_warning(check):
    """'Use the National Occupational Classification (NOC) in order to establish whether proposed job functions are
    consistent with those of a scientific or engineering technician or technologist.'"""
    finding = _technician(check, position={"noc_code": "21232"}).finding("CUSMA_PROFESSION_NOC_MISMATCH")
    assert finding.severity == WARNING
    assert "scientific or engineering technician or technologist" in finding.message


def test_each_listed_discipline_is_mapped_to_appendix_2_professions(refdata):
    """The ten disciplines of the Scientific Technician/Technologist entry, each with at least one profession key."""
    technician = refdata.cusma_profession("scientific_technician_technologist")
    disciplines = dict(technician.supported_disciplines)
    assert list(disciplines) == ["agricultural sciences", "astronomy", "biology", "chemistry", "engineering", "forestry",
                                 "geology", "geophysics", "meteorology", "physics"]
    for keys in disciplines.values():
        assert keys and all(refdata.cusma_profession(k) is not None for k in keys)
    assert technician.theory_min_years_of_study == 2

"""CUSMA Professionals (T36), review F-26: the degree must be in the profession's field or a closely related one.

Source: IRCC, Professionals - CUSMA [R204(a) - T36] (modified 2025-01-03), Occupational qualifications: "In instances
where a baccalaureate degree is required, the degree must be in the specific field or in a closely related field."
"""
from __future__ import annotations

from employer_portal.compliance import WARNING


def test_a_degree_holder_without_a_field_of_study_is_asked_to_confirm_it(check):
    """'… the degree must be in the specific field or in a closely related field.'"""
    finding = check("cusma", worker={"field_of_study": None}).finding("CUSMA_FIELD_OF_STUDY_UNCONFIRMED")
    assert finding.severity == WARNING and finding.field == "worker.field_of_study"
    assert finding.message.startswith("Enter the worker's field of study")


def test_a_field_of_study_unlike_the_profession_is_a_warning(check):
    """'… the degree must be in the specific field or in a closely related field.'"""
    report = check("cusma", worker={"field_of_study": "Medieval history"})
    finding = report.finding("CUSMA_FIELD_OF_STUDY_UNCONFIRMED")
    assert finding.severity == WARNING
    assert "Confirm the degree is in a closely related field" in finding.message
    assert report.eligible


def test_a_field_of_study_in_the_profession_gets_no_warning(check):
    """'… in the specific field or in a closely related field.'"""
    assert "CUSMA_FIELD_OF_STUDY_UNCONFIRMED" not in check("cusma", worker={"field_of_study": "Computer science"}).codes()


def test_a_spanish_field_name_is_recognised(check):
    """Baccalaureate or Licenciatura degrees 'need not have been obtained in colleges or universities in the U.S.,
    Mexico or Canada'; a Licenciatura en Ingeniería is an engineering degree."""
    report = check("cusma", cusma={"profession": "engineer"}, position={"noc_code": "21301"},
                   worker={"citizenships": ["MX"], "field_of_study": "Ingeniería Mecánica"})
    assert "CUSMA_FIELD_OF_STUDY_UNCONFIRMED" not in report.codes()


def test_a_worker_qualifying_by_licence_gets_no_field_warning(check):
    """'In instances where a baccalaureate degree is required': an Engineer may instead hold a state/provincial
    licence."""
    report = check("cusma", cusma={"profession": "engineer", "licensed": True}, position={"noc_code": "21301"},
                   worker={"field_of_study": None})
    assert "CUSMA_FIELD_OF_STUDY_UNCONFIRMED" not in report.codes()


def test_a_worker_qualifying_by_experience_gets_no_field_warning(check):
    """Management Consultant: '… or equivalent professional experience … attesting to five years experience'."""
    report = check("cusma", cusma={"profession": "management_consultant"}, position={"noc_code": "11201"},
                   worker={"field_of_study": "Music", "years_experience": 6})
    assert "CUSMA_FIELD_OF_STUDY_UNCONFIRMED" not in report.codes()


def test_a_worker_without_a_degree_gets_no_field_warning(check):
    """The field check is about a degree; a worker who lacks one gets CUSMA_EDUCATION_INSUFFICIENT instead."""
    report = check("cusma", cusma={"profession": "economist"}, worker={"highest_education": "diploma", "field_of_study": None})
    assert "CUSMA_FIELD_OF_STUDY_UNCONFIRMED" not in report.codes()
    assert "CUSMA_EDUCATION_INSUFFICIENT" in report.codes()

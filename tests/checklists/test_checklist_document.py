"""The PDF's inputs hash the same exactly when the PDF would be the same."""
from __future__ import annotations

import dataclasses
import datetime as dt

from checklist_factories import make_document

from employer_portal.checklists.document import format_wage, hire_summary, input_hash
from checklist_factories import make_hire


def test_input_hash_ignores_the_generation_time():
    doc = make_document()
    later = dataclasses.replace(doc, generated_at=dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc))
    assert input_hash(doc) == input_hash(later)


def test_input_hash_is_stable_for_equal_documents():
    assert input_hash(make_document()) == input_hash(make_document())


def test_input_hash_changes_when_a_status_changes():
    doc = make_document()
    first = doc.items[0]
    changed = dataclasses.replace(doc, items=[dataclasses.replace(first, status="received"), *doc.items[1:]])
    assert input_hash(doc) != input_hash(changed)


def test_input_hash_changes_with_the_reference_data_version():
    doc = make_document()
    newer = dataclasses.replace(doc, versions={**doc.versions, "reference_data": "jobbank-2026-11-18"})
    assert input_hash(doc) != input_hash(newer)


def test_hire_summary_reads_the_payload():
    summary = hire_summary(make_hire("gts_b"), noc_title="Software engineers and designers")
    assert summary.worker_name == "Ana Silva"
    assert summary.place == "Toronto, ON"
    assert summary.wage == "$135,000 a year"
    assert summary.start_date == dt.date(2027, 3, 1)


def test_hourly_wage_is_written_with_cents():
    assert format_wage(62.5, "hour") == "$62.50 an hour"


def test_hire_summary_prints_the_filing_dates():
    """API.md Amendments 2026-12: filing.permit_application_date and where the worker applies from."""
    payload = make_hire("gts_b", filing={"lmia_application_date": "2026-12-01", "permit_application_date": "2027-01-15",
                                         "permit_application_from": "inside_canada"})
    details = dict(hire_summary(payload).details)
    assert details["LMIA application"] == "December 1, 2026"
    assert details["Work permit application"] == "January 15, 2027, from inside Canada"


def test_hire_summary_prints_ict_periods_and_prior_stays():
    """API.md Amendments 2026-12: ict.employment_periods (end null = current), ict.prior_stays, months abroad."""
    payload = make_hire("ict", ict={"relationship": "parent", "category": "executive_manager",
                                    "employment_periods": [{"start": "2023-01-01", "end": None, "full_time": True},
                                                           {"start": "2020-01-01", "end": "2021-06-30",
                                                            "full_time": False}],
                                    "prior_stays": [{"category": "specialized_knowledge", "months": 60}],
                                    "months_abroad_since_last_stay": 14})
    details = dict(hire_summary(payload).details)
    assert details["With the foreign enterprise"] == (
        "January 1, 2020 to June 30, 2021 (part time); January 1, 2023 to now")
    assert details["Earlier ICT stays in Canada"] == "specialized knowledge: 60 months"
    assert details["Worked abroad since the last stay"] == "14 months"


def test_hire_summary_prints_the_cusma_credential_only_for_cusma():
    """API.md Amendments 2026-12: cusma.credential {kind, years_of_study, country}, cusma.supported_profession."""
    cusma = {"profession": "scientific_technician_technologist",
             "credential": {"kind": "post_secondary_diploma", "years_of_study": 2, "country": "MX"},
             "supported_profession": "engineer", "licence_province": "ON"}
    details = dict(hire_summary(make_hire("cusma", cusma=cusma)).details)
    assert details["CUSMA credential"] == "Post-Secondary Diploma, 2 years of study, from MX"
    assert details["Supports the work of"] == "Engineer"
    assert details["Licence issued in"] == "ON"
    assert hire_summary(make_hire("gts_b", cusma=cusma)).details == ()


def test_input_hash_changes_with_the_filing_date():
    first = make_document(make_hire("gts_b", filing={"permit_application_date": "2027-01-15"}))
    later = make_document(make_hire("gts_b", filing={"permit_application_date": "2027-02-15"}))
    assert input_hash(first) != input_hash(later)

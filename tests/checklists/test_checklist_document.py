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

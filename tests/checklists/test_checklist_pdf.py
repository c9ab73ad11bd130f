"""The checklist PDF: what it says, read back with pypdf."""
from __future__ import annotations

import dataclasses
import io
import re

import pypdf
import pytest
from checklist_factories import make_document, make_hire

from employer_portal.checklists import build_checklist
from employer_portal.checklists.document import TEMPLATE_DIR, DocumentItem
from employer_portal.checklists.pdf import harfbuzz_subset_available, render_html, render_pdf


def squeeze(text: str) -> str:
    """Text without any whitespace: line wrapping in the PDF cannot split a match."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def document():
    return make_document(statuses={"ict.company_letter": "received", "ict.qualifying_relationship": "waived"})


@pytest.fixture(scope="module")
def pdf(document):
    return render_pdf(document)


def test_pdf_is_a_pdf(pdf):
    assert pdf.startswith(b"%PDF-")


def test_pdf_names_the_worker_employer_route_and_code(pdf):
    text = squeeze(pdf_text(pdf))
    for expected in ("Ana Silva", "Maple Robotics Inc.", "Intra-Company Transfer", "C63", "NOC 21231"):
        assert squeeze(expected) in text


def test_pdf_lists_every_item_title(pdf, document):
    text = squeeze(pdf_text(pdf))
    for entry in document.items:
        assert squeeze(entry.item.title) in text, entry.item.title


def test_pdf_prints_each_status_and_a_check_box(pdf):
    text = pdf_text(pdf)
    assert "Received" in text and "Waived" in text and "Missing" in text
    assert "☑" in text and "☐" in text


def test_pdf_numbers_its_pages_page_n_of_m(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    assert total >= 2
    assert f"page 1 of {total}" in reader.pages[0].extract_text()
    assert f"page {total} of {total}" in reader.pages[-1].extract_text()


def test_pdf_shows_findings_by_severity(pdf):
    text = pdf_text(pdf)
    assert text.index("Blockers") < text.index("WAGE_BELOW_PREVAILING") < text.index("For information")


def test_pdf_shows_deadlines_versions_and_generation_time(pdf):
    text = squeeze(pdf_text(pdf))
    assert squeeze("January 15, 2027") in text
    assert squeeze("Rules 2026.11") in text and "jobbank-2025-11-19" in text
    assert squeeze("Generated 2026-11-24 15:30 UTC") in text


def test_a_gts_checklist_lists_its_own_items():
    hire = make_hire("gts_a", position={"province": "BC", "noc_code": "21231", "city": "Vancouver"})
    items = build_checklist(hire)
    doc = dataclasses.replace(make_document(hire), route_label="Global Talent Stream, Category A",
                              lmia_code="LMIA required", items=[DocumentItem(i) for i in items])
    text = squeeze(pdf_text(render_pdf(doc)))
    assert squeeze("Global Talent Stream, Category A") in text
    for item in items:
        assert squeeze(item.title) in text


def test_html_declares_its_charset_and_uses_no_table_or_flex(document):
    html = render_html(document)
    assert '<meta charset="utf-8">' in html
    assert "<table" not in html
    css = (TEMPLATE_DIR / "checklist.css").read_text(encoding="utf-8")
    declarations = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.search(r"display:\s*(inline-)?(flex|table|grid)", declarations)


def test_weasyprint_subsets_fonts_with_harfbuzz(document, caplog):
    assert harfbuzz_subset_available()
    with caplog.at_level("WARNING", logger="weasyprint"):
        render_pdf(document)
    assert not [r for r in caplog.records if "fontTools" in r.getMessage()]


def test_pdf_prints_the_filing_dates_and_the_ict_history(document):
    """API.md Amendments 2026-12: the PDF carries filing dates, ICT employment periods and prior stays."""
    payload = make_hire("ict", filing={"permit_application_date": "2027-01-15",
                                       "permit_application_from": "outside_canada"},
                        ict={"relationship": "parent", "category": "specialized_knowledge",
                             "employment_periods": [{"start": "2022-05-01", "end": None, "full_time": True}],
                             "prior_stays": [{"category": "executive_manager", "months": 24}]})
    text = squeeze(pdf_text(render_pdf(make_document(payload))))
    for expected in ("Work permit application", "January 15, 2027, from outside Canada",
                     "May 1, 2022 to now", "executive manager: 24 months"):
        assert squeeze(expected) in text, expected


def test_pdf_prints_the_cusma_credential():
    """API.md Amendments 2026-12: cusma.credential with its length and country."""
    payload = make_hire("cusma", worker={"given_name": "Lucía", "family_name": "Ortega", "citizenships": ["MX"],
                                         "highest_education": "diploma"},
                        cusma={"profession": "scientific_technician_technologist", "supported_profession": "engineer",
                               "credential": {"kind": "post_secondary_diploma", "years_of_study": 2, "country": "MX"}})
    text = squeeze(pdf_text(render_pdf(make_document(payload, route_label="CUSMA Professional", lmia_code="T36"))))
    assert squeeze("Post-Secondary Diploma, 2 years of study, from MX") in text
    assert squeeze("Supports the work of Engineer") in text or (squeeze("Supports the work of") in text
                                                                and "Engineer" in text)


def test_pdf_prints_each_finding_with_its_code_and_source(pdf, document):
    """Every finding names its rule's official source (STYLE.md); the PDF prints the code and that source's pages
    by title (issue 10: sources as links to the official pages, not the citation's raw text)."""
    from employer_portal.hires.sources import source_links

    text = squeeze(pdf_text(pdf))
    for finding in document.findings:
        assert squeeze(finding["code"]) in text
        links = source_links(finding["source"])
        assert links, finding["source"]
        for link in links:
            assert squeeze(link.title) in text

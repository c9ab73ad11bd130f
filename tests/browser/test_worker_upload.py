"""The worker's upload link in a real browser (issue 12, 'What it must show'): HR sends the link, the
worker (a second browser context, no login, a phone-sized screen) uploads a PDF and a JPEG, HR rejects
one with a reason, the worker sees it and replaces the file, HR accepts, the checklist item is received."""
from __future__ import annotations

import copy
import io
import re

from playwright.sync_api import expect

ICT_C63 = {
    "program": "ict",
    "worker": {"given_name": "Ana", "family_name": "Silva-Pereira", "email": "ana@example.com",
               "citizenships": ["BR"], "highest_education": "master", "years_experience": 8},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "duties": "Design distributed systems.",
                 "province": "BC", "city": "Vancouver", "wage": {"amount": 150000, "period": "year"},
                 "hours_per_week": 40, "start_date": "2027-03-01", "end_date": "2029-02-28"},
    "ict": {"foreign_employer": "Acme GmbH", "relationship": "parent", "category": "specialized_knowledge",
            "continuous_full_time_months": 30, "prior_ict_months_in_canada": 0},
}
PDF_ITEM, JPEG_ITEM = "ict.continuous_employment", "ict.current_employment_abroad"


def _pdf(note: bytes) -> bytes:
    return b"%PDF-1.4\n% " + note + b"\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def _sign_in(page, live_server, user):
    page.goto(f"{live_server}/login")
    page.fill('[name="email"]', user.email)
    page.fill('[name="password"]', user.password)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url(re.compile(r".*/dashboard.*|.*/$"))


def _send(phone, item: str, name: str, mime: str, data: bytes) -> None:
    section = phone.locator(f'[data-item="{item}"]')
    section.locator('input[type="file"]').set_input_files({"name": name, "mimeType": mime, "buffer": data})
    with phone.expect_navigation(wait_until="load"):
        section.locator('button[type="submit"]').click()
    expect(phone.locator("[data-upload-ok]")).to_be_visible()


def _no_horizontal_scroll(phone) -> bool:
    return phone.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_worker_uploads_on_a_phone_and_hr_reviews(page, browser, live_server, make, api_for):
    hr = make.user(make.employer("Upload Co"), role="hr")
    created = api_for(hr).post("/api/v1/hires", json=copy.deepcopy(ICT_C63))
    assert created.status_code == 201, created.get_data(as_text=True)
    hire_id = created.get_json()["id"]

    # HR sends the link from the hire page.
    _sign_in(page, live_server, hr)
    page.goto(f"{live_server}/hires/{hire_id}#documents")
    with page.expect_navigation(wait_until="load"):
        page.locator("[data-send-link]").click()
    expect(page.locator("[data-link-sent]")).to_contain_text("ana@example.com")
    url = page.locator("[data-upload-url]").input_value()
    assert url.startswith("http://127.0.0.1:5000/upload/")
    url = live_server + url[len("http://127.0.0.1:5000"):]  # PORTAL_BASE_URL names the real site

    # The worker: another browser context, no login, phone-sized.
    worker = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        phone = worker.new_page()
        phone.set_default_timeout(10_000)
        phone.goto(url)
        expect(phone.locator(f'[data-item="{PDF_ITEM}"]')).to_be_visible()
        expect(phone.locator('[data-item="ict.company_letter"]')).to_have_count(0)  # an employer's item
        assert _no_horizontal_scroll(phone)
        _send(phone, PDF_ITEM, "employment-letter.pdf", "application/pdf", _pdf(b"first"))
        _send(phone, JPEG_ITEM, "payslip.jpg", "image/jpeg", _jpeg())
        expect(phone.locator(f'[data-item="{PDF_ITEM}"] [data-status="pending_review"]')).to_be_visible()
        assert _no_horizontal_scroll(phone)

        # HR rejects the PDF with a reason.
        page.goto(f"{live_server}/hires/{hire_id}#documents")
        pending = page.locator(f'[data-documents-item="{PDF_ITEM}"] li[data-status="pending_review"]')
        pending.locator('input[name="reason"]').fill("The letter must show your start date.")
        with page.expect_navigation(wait_until="load"):
            pending.locator("[data-reject]").click()
        expect(page.locator(f'[data-documents-item="{PDF_ITEM}"] li[data-status="rejected"]')).to_be_visible()

        # The worker sees why and sends a replacement.
        phone.reload()
        expect(phone.locator(f'[data-item="{PDF_ITEM}"] [data-reject-reason]')).to_contain_text(
            "The letter must show your start date.")
        _send(phone, PDF_ITEM, "employment-letter-2.pdf", "application/pdf", _pdf(b"second"))
        expect(phone.locator(f'[data-item="{PDF_ITEM}"] [data-status="replaced"]')).to_be_visible()
        assert _no_horizontal_scroll(phone)

        # HR accepts the replacement: the checklist item is received.
        page.reload()  # still on the hire page (after the rejection's redirect)
        item = page.locator(f'[data-documents-item="{PDF_ITEM}"]')
        with page.expect_navigation(wait_until="load"):
            item.locator('li[data-status="pending_review"] [data-accept]').click()
        item = page.locator(f'[data-documents-item="{PDF_ITEM}"]')
        expect(item.locator('li[data-status="accepted"]')).to_be_visible()
        expect(item.locator("[data-item-status]")).to_have_text("received")

        phone.reload()
        expect(phone.locator(f'[data-item="{PDF_ITEM}"] [data-status="accepted"]')).to_be_visible()
        expect(phone.locator(f'[data-item="{PDF_ITEM}"] .badge--ok').first).to_be_visible()
    finally:
        worker.close()

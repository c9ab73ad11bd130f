"""The Benefits plan section and the compliance page in a real browser (issue 14, 'What it must show'): HR records
the date the LMBP was signed, adds two commitments, one already past its due date short of its target, records an
activity, sees the miss and the review with its reminders, downloads the progress report, finds the miss on the
employer's compliance page and answers a self-audit condition."""
from __future__ import annotations

import datetime as dt
import io
import re

from playwright.sync_api import expect


def _sign_in(page, live_server, user):
    page.goto(f"{live_server}/login")
    page.fill('[name="email"]', user.email)
    page.fill('[name="password"]', user.password)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url(re.compile(r".*/dashboard.*|.*/$"))


def _approved_gts_hire(app, user) -> int:
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    payload = {"program": "gts_b", "worker": {"given_name": "Ana", "family_name": "Silva"},
               "position": {"title": "Data engineer", "noc_code": "21211", "province": "ON", "hours_per_week": 40,
                            "wage": {"period": "year", "amount": 120000}, "start_date": "2026-03-02",
                            "end_date": "2029-02-28"}}
    with app.app_context():
        hire = Hire(employer_id=user.employer_id, hr_owner_id=user.id, status="approved", program="gts_b",
                    worker_name="Ana Silva", job_title="Data engineer", noc_code="21211", province="ON",
                    payload=payload, dates={})
        db.session.add(hire)
        db.session.commit()
        return hire.id


def _add_commitment(section, benefit: str, description: str, target: str, due: dt.date, mandatory: bool):
    form = section.locator("[data-add-commitment]")
    if not form.is_visible():
        section.locator("summary", has_text="Add a commitment").click()
    form.locator('[name="benefit"]').select_option(benefit)
    if mandatory:
        form.locator('[name="mandatory"]').check()
    form.locator('[name="description"]').fill(description)
    form.locator('[name="target"]').fill(target)
    form.locator('[name="due_date"]').fill(due.isoformat())
    with section.page.expect_navigation(wait_until="load"):
        form.locator('button[type="submit"]').click()


def test_hr_tracks_the_benefits_plan_and_sees_a_missed_commitment(app, page, live_server, make):
    from pypdf import PdfReader

    hr = make.user(make.employer("Plan Co"), role="hr")
    hire_id = _approved_gts_hire(app, hr)
    today = dt.date.today()
    signed = today.replace(year=today.year - 1) + dt.timedelta(days=20)  # first review in 20 days
    _sign_in(page, live_server, hr)
    page.goto(f"{live_server}/hires/{hire_id}#benefits-plan")
    section = page.locator("[data-benefits-plan]")
    expect(section.locator("h2")).to_have_text("Benefits plan")

    section.locator('[name="signed_on"]').fill(signed.isoformat())
    with page.expect_navigation(wait_until="load"):
        section.locator("form", has=page.locator('[name="signed_on"]')).locator('button[type="submit"]').click()
    section = page.locator("[data-benefits-plan]")
    expect(section.locator("[data-signed-on]")).to_have_text(signed.isoformat())
    first_review = section.locator('[data-review="lmbp_review:1"]')
    expect(first_review.locator("[data-reminders]")).to_contain_text("next on")

    _add_commitment(section, "skills_training", "Course for staff", "10", today - dt.timedelta(days=2), True)
    section = page.locator("[data-benefits-plan]")
    _add_commitment(section, "job_creation", "Hire junior engineers", "2", today + dt.timedelta(days=300), False)
    section = page.locator("[data-benefits-plan]")
    section.locator("summary", has_text="Record an activity").click()
    activity = section.locator("[data-add-activity]")
    activity.locator('[name="commitment_id"]').select_option(label="Job creation for Canadians and permanent "
                                                                   "residents: Hire junior engineers")
    activity.locator('[name="occurred_on"]').fill(today.isoformat())
    activity.locator('[name="progress"]').fill("1")
    activity.locator('[name="description"]').fill("First junior hired")
    with page.expect_navigation(wait_until="load"):
        activity.locator('button[type="submit"]').click()

    section = page.locator("[data-benefits-plan]")
    missed = section.locator('[data-status="missed"]')
    expect(missed).to_have_count(1)
    expect(missed).to_contain_text("Course for staff")
    hires = section.locator("[data-commitments] li[data-commitment]", has_text="First junior hired")
    expect(hires).to_contain_text("1 (50%)")

    with page.expect_download() as download:
        section.locator("[data-lmbp-report]").click()
    reader = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))
    assert len(reader.pages) == 1 and "Missed" in reader.pages[0].extract_text()

    page.goto(f"{live_server}/compliance")
    risk = page.locator('[data-at-risk] [data-kind="lmbp_commitment_missed"]')
    expect(risk).to_have_count(1)
    item = page.locator('[data-item="17"]')
    expect(item.locator("[data-stakes]")).to_contain_text("Type C")
    item.locator('input[value="yes"]').check()
    item.locator('[name="note-17"]').fill("Respectful workplace policy, signed by all staff")
    with page.expect_navigation(wait_until="load"):
        page.locator("[data-self-audit] button[type='submit']").click()
    expect(page.locator('[data-item="17"] input[value="yes"]')).to_be_checked()
    with page.expect_navigation(wait_until="load"):
        page.locator('[data-at-risk] [data-kind="lmbp_commitment_missed"] a').click()
    assert page.url.endswith(f"/hires/{hire_id}#benefits-plan")

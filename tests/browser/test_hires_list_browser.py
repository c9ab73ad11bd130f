"""Issue 10 items 5 and 6 in a real browser: the hires list at 200 hires (search, sort, filter, page, export read
back), the CSV import with a bad row, and the route finder starting a draft."""
from __future__ import annotations

import csv
import datetime as dt
import re

from playwright.sync_api import expect

from test_hire_flow import _click_and_load, _fill, _sign_in

STATUSES = ("draft", "submitted", "approved", "refused")


def _two_hundred_hires(app, employer_id: int) -> None:
    """200 hires: Worker 000…199, a quarter per status, every 20th with a deadline in 5 days."""
    from employer_portal.extensions import db
    from employer_portal.models import Hire
    from employer_portal.models.deadline import Deadline

    with app.app_context():
        hires = [Hire(employer_id=employer_id, status=STATUSES[i % 4], program="gts_b" if i % 2 else "ict",
                      worker_name=f"Worker {i:03d}", job_title="Data scientist" if i % 3 == 0 else "Engineer",
                      noc_code="21211" if i % 3 == 0 else "21231", province="ON", payload={})
                 for i in range(200)]
        db.session.add_all(hires)
        db.session.flush()
        db.session.add_all(Deadline(employer_id=employer_id, hire_id=h.id, key="browser", kind="test", title="Due",
                                    due_date=dt.date.today() + dt.timedelta(days=5)) for h in hires[::20])
        db.session.commit()


def _rows(page):
    return page.locator("#hires-table tbody tr")


def test_hires_list_search_sort_filter_page_and_export(page, live_server, make, app, tmp_path):
    hr = make.user(make.employer("List Co"), role="hr")
    _two_hundred_hires(app, hr.employer_id)
    _sign_in(page, live_server, hr)

    page.goto(f"{live_server}/hires/")
    expect(page.locator(".pagination")).to_contain_text("Page 1 of 8 · 200 hire(s)")
    expect(_rows(page)).to_have_count(25)

    # Search by worker name.
    page.fill("#filter-q", "Worker 042")
    _click_and_load(page, page.get_by_role("button", name="Show"))
    expect(_rows(page)).to_have_count(1)
    expect(_rows(page).first).to_contain_text("Worker 042")

    # Sort by worker: ascending on the first click, descending on the second.
    page.goto(f"{live_server}/hires/")
    _click_and_load(page, page.locator('a[data-sort="worker"]'))
    expect(_rows(page).first).to_contain_text("Worker 000")
    _click_and_load(page, page.locator('a[data-sort="worker"]'))
    expect(_rows(page).first).to_contain_text("Worker 199")

    # Filter by status and route, 100 a page, keeping the sort.
    page.select_option("#filter-status", "submitted")
    page.select_option("#filter-program", "gts_b")
    page.select_option("#filter-per-page", "100")
    _click_and_load(page, page.get_by_role("button", name="Show"))
    expect(page.locator(".pagination")).to_contain_text("Page 1 of 1 · 50 hire(s)")
    expect(_rows(page).first).to_contain_text("Worker 197")

    # Next deadline within 7 days: the 10 hires with one.
    page.goto(f"{live_server}/hires/?within_days=7")
    expect(page.locator(".pagination")).to_contain_text("10 hire(s)")

    # Pages: Next goes to page 2.
    page.goto(f"{live_server}/hires/?q=engineer")
    _click_and_load(page, page.locator('.pagination a[rel="next"]'))
    expect(page.locator(".pagination")).to_contain_text("Page 2 of")

    # Export of what is shown (all pages), downloaded and read back.
    page.goto(f"{live_server}/hires/?status=draft&sort=worker&dir=asc")
    with page.expect_download() as info:
        page.locator('a[data-export="csv"]').click()
    path = tmp_path / "hires.csv"
    info.value.save_as(path)
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    assert rows[0][1] == "Worker" and len(rows) == 51
    assert [r[1] for r in rows[1:3]] == ["Worker 000", "Worker 004"]
    with page.expect_download() as info:
        page.locator('a[data-export="excel"]').click()
    info.value.save_as(tmp_path / "excel.csv")
    assert (tmp_path / "excel.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    # Dashboard tile → the filtered list.
    page.goto(f"{live_server}/dashboard")
    _click_and_load(page, page.locator('[data-status-tile="approved"]'))
    expect(page.locator(".pagination")).to_contain_text("50 hire(s)")
    expect(page.locator("#filter-status")).to_have_value("approved")


def test_csv_import_previews_a_bad_row_and_imports_the_rest_on_confirmation(page, live_server, make, tmp_path):
    hr = make.user(make.employer("Import Co"), role="hr")
    _sign_in(page, live_server, hr)
    csv_file = tmp_path / "drafts.csv"
    csv_file.write_bytes((
        "given_name,family_name,program,title,noc_code,province,wage_amount,wage_period,hours_per_week\r\n"
        "Ana,Silva,gts_b,Software engineer,21231,ON,\"135,000\",year,40\r\n"
        "Zoé,Martin,ict,Plant manager,90010,ON,lots,year,40\r\n"
        "Lee,Park,gts_a,Data scientist,21211,ON,120000,year,40\r\n").encode("cp1252"))

    page.goto(f"{live_server}/hires/")
    _click_and_load(page, page.get_by_role("link", name="Import drafts from CSV"))
    page.set_input_files("#import-file", str(csv_file))
    _click_and_load(page, page.get_by_role("button", name="Preview the import"))
    expect(page.locator("#import-summary")).to_contain_text("2 row(s) ready to import as drafts, 1 row(s) with errors")
    bad = page.locator('tr[data-line="3"]')
    expect(bad).to_contain_text("Zoé Martin")
    expect(bad).to_contain_text("wage_amount")

    # Without ticking "skip these" nothing is imported.
    _click_and_load(page, page.get_by_role("button", name="Import 2 draft(s)"))
    expect(page.locator(".flash--error")).to_contain_text("Some rows have errors")
    page.check("#skip-invalid")
    _click_and_load(page, page.get_by_role("button", name="Import 2 draft(s)"))
    expect(page.locator("body")).to_contain_text("2 draft(s) imported; 1 row(s) with errors skipped.")
    expect(_rows(page)).to_have_count(2)
    expect(page.locator("#hires-table")).not_to_contain_text("Martin")


def test_route_finder_starts_a_draft_with_everything_entered(page, live_server, make):
    hr = make.user(make.employer("Finder Co"), role="hr")
    _sign_in(page, live_server, hr)
    page.goto(f"{live_server}/hires/route-finder")
    expect(page.locator('[name="worker.passport_number"]')).to_have_count(0)
    expect(page.locator('[name="worker.date_of_birth"]')).to_have_count(0)
    _fill(page, {"worker.given_name": "Ana", "worker.family_name": "Silva", "worker.citizenships": "BR",
                 "position.title": "Senior software engineer", "position.noc_code": "21231", "position.province": "ON",
                 "position.wage.amount": "135,000", "position.wage.period": "year", "position.hours_per_week": "40",
                 "position.start_date": "2027-03-01", "position.end_date": "2029-02-28"})
    _click_and_load(page, page.get_by_role("button", name="Compare the routes"))
    ict = page.locator('[data-route="ict"]')
    expect(ict).to_contain_text("Needs information")
    _click_and_load(page, page.locator('[data-route="gts_b"]').get_by_role("button", name=re.compile("Start a draft")))
    expect(page).to_have_url(re.compile(r".*/hires/\d+/edit$"))
    expect(page.locator('[name="worker.given_name"]')).to_have_value("Ana")
    expect(page.locator('[name="position.noc_code"]')).to_have_value("21231")
    expect(page.locator('[name="program"]')).to_have_value("gts_b")

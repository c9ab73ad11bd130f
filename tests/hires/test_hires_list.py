"""The hires list at 200 hires (issue 10 item 5): search, sort, filters, pages, and exports of exactly what is shown."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from employer_portal.hires.listing import ListQuery, csv_text, neutralise


def _hire(api, given, family="Doe", title=None, noc=None, program=None):
    body = {"worker": {"given_name": given, "family_name": family}}
    if title or noc:
        body["position"] = {k: v for k, v in (("title", title), ("noc_code", noc)) if v}
    if program:
        body["program"] = program
    return api.post("/api/v1/hires", json=body).get_json()["id"]


def _names(page: str, names) -> list[str]:
    return sorted(n for n in names if n in page)


@pytest.fixture
def three(api):
    return {"ana": _hire(api, "Ana", "Silva", "Software engineer", "21231", "gts_b"),
            "lee": _hire(api, "Lee", "Park", "Data scientist", "21211", "gts_a"),
            "zoe": _hire(api, "Zoe", "Martin", "Plant manager", "90010", "ict")}


def test_search_matches_worker_name_job_title_or_noc(client, login, hr, three):
    """Issue 10 item 5: 'The hires list searches by worker, title and NOC.'"""
    login(client, hr)
    names = ("Ana Silva", "Lee Park", "Zoe Martin")
    assert _names(client.get("/hires/?q=park").get_data(as_text=True), names) == ["Lee Park"]
    assert _names(client.get("/hires/?q=SCIENTIST").get_data(as_text=True), names) == ["Lee Park"]
    assert _names(client.get("/hires/?q=90010").get_data(as_text=True), names) == ["Zoe Martin"]
    assert _names(client.get("/hires/?q=2123").get_data(as_text=True), names) == ["Ana Silva"]
    assert "No hires match" in client.get("/hires/?q=nobody").get_data(as_text=True)


def test_search_never_looks_at_the_passport_number(client, login, hr, api, gts_b):
    """Passport numbers are encrypted and never searched."""
    api.post("/api/v1/hires", json=gts_b)
    login(client, hr)
    assert "No hires match" in client.get("/hires/?q=YB1234567").get_data(as_text=True)


def test_search_treats_percent_and_underscore_as_plain_text(client, login, hr, three):
    """A '%' typed in the search box is a character, not a wildcard."""
    login(client, hr)
    assert "No hires match" in client.get("/hires/?q=%25").get_data(as_text=True)


def test_sort_by_worker_ascending_then_descending(client, login, hr, three):
    """Issue 10 item 5: the list 'sorts by any column'."""
    login(client, hr)
    page = client.get("/hires/?sort=worker&dir=asc").get_data(as_text=True)
    assert page.index("Ana Silva") < page.index("Lee Park") < page.index("Zoe Martin")
    assert 'aria-sort="ascending"' in page and "sort=worker&amp;dir=desc" in page
    page = client.get("/hires/?sort=worker&dir=desc").get_data(as_text=True)
    assert page.index("Zoe Martin") < page.index("Lee Park") < page.index("Ana Silva")


def test_filter_by_status_and_route(client, login, hr, three):
    """Issue 10 item 5: filters by status and route."""
    login(client, hr)
    names = ("Ana Silva", "Lee Park", "Zoe Martin")
    assert _names(client.get("/hires/?program=ict").get_data(as_text=True), names) == ["Zoe Martin"]
    assert "No hires match" in client.get("/hires/?status=approved").get_data(as_text=True)


def test_filter_next_deadline_within_n_days(client, login, hr, three, db):
    """Issue 10 item 5: 'next deadline within N days' (an open, active deadline; done ones do not count)."""
    from employer_portal.models.deadline import Deadline

    today = dt.date.today()
    employer_id = hr.employer_id
    db.session.add_all([
        Deadline(employer_id=employer_id, hire_id=three["ana"], key="t-soon", kind="test", title="Soon",
                 due_date=today + dt.timedelta(days=5)),
        Deadline(employer_id=employer_id, hire_id=three["lee"], key="t-late", kind="test", title="Late",
                 due_date=today + dt.timedelta(days=60)),
        Deadline(employer_id=employer_id, hire_id=three["zoe"], key="t-done", kind="test", title="Done",
                 due_date=today + dt.timedelta(days=2), done_at=dt.datetime.now(dt.timezone.utc)),
    ])
    db.session.commit()
    login(client, hr)
    names = ("Ana Silva", "Lee Park", "Zoe Martin")
    assert _names(client.get("/hires/?within_days=7").get_data(as_text=True), names) == ["Ana Silva"]
    assert _names(client.get("/hires/?within_days=90").get_data(as_text=True), names) == ["Ana Silva", "Lee Park"]
    page = client.get("/hires/?sort=next_deadline&dir=asc").get_data(as_text=True)
    assert page.index("Ana Silva") < page.index("Lee Park") < page.index("Zoe Martin")  # no open deadline last


def test_per_page_choices_and_bad_arguments_fall_back(client, login, hr, api):
    """Per page is 25, 50 or 100; anything else is the default, never an error."""
    for i in range(30):
        _hire(api, f"P{i:02d}")
    login(client, hr)
    assert "Page 1 of 1 · 30 hire(s)" in client.get("/hires/?per_page=50").get_data(as_text=True)
    page = client.get("/hires/?per_page=7&page=x&sort=passport&dir=up&within_days=-3&status=nope")
    assert page.status_code == 200 and "Page 1 of 2 · 30 hire(s)" in page.get_data(as_text=True)


def test_list_shows_only_the_employers_own_hires(client, login, make, api_for, three):
    """Tenancy: another employer's user sees none of these hires, in the page or the export."""
    other = make.user(make.employer("Other Co"), role="hr")
    login(client, other)
    assert "Ana Silva" not in client.get("/hires/").get_data(as_text=True)
    assert "Ana Silva" not in client.get("/hires/?export=csv").get_data(as_text=True)


def test_csv_export_holds_every_page_of_the_filtered_sorted_list(client, login, hr, api):
    """Issue 10 item 5: 'exports CSV … of what is shown' — same filters and sort, all pages."""
    for i in range(30):
        _hire(api, f"W{i:02d}", program="gts_b" if i % 2 else "ict")
    login(client, hr)
    response = client.get("/hires/?program=gts_b&sort=worker&dir=desc&per_page=25&page=1&export=csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["Hire id", "Worker", "Job title"]
    workers = [r[1] for r in rows[1:]]
    assert workers == sorted((f"W{i:02d} Doe" for i in range(1, 30, 2)), reverse=True)


def test_excel_export_has_a_bom_and_neutralises_formulas(client, login, hr, api):
    """OWASP CSV injection: a cell starting with = + - @ is prefixed with ' in the Excel file; UTF-8 with BOM."""
    _hire(api, "=HYPERLINK(\"http://x\")", "Müller")
    login(client, hr)
    raw = client.get("/hires/?export=excel").get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert not text.startswith("sep=")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][1] == "'=HYPERLINK(\"http://x\") Müller"


def test_neutralise_only_touches_formula_starts():
    """Plain text and dates pass unchanged; = + - @ tab CR get an apostrophe."""
    assert [neutralise(c) for c in ("Ana", "2027-03-01", "=1+1", "+1", "-1", "@SUM", "\tx")] == \
        ["Ana", "2027-03-01", "'=1+1", "'+1", "'-1", "'@SUM", "'\tx"]
    assert csv_text([["=1"]], excel=False) == "=1\r\n"


def test_list_query_round_trips_its_arguments():
    """The URL arguments a query gives back rebuild the same query (defaults left out)."""
    query = ListQuery.from_args({"q": "ana", "status": "draft", "sort": "noc", "dir": "desc", "per_page": "50",
                                 "page": "3", "within_days": "14"})
    assert ListQuery.from_args({k: str(v) for k, v in query.args().items()}) == query
    assert ListQuery.from_args({}).args() == {}
    assert query.sort_args("noc").get("dir", "asc") == "asc" and "page" not in query.sort_args("noc")


def test_dashboard_status_tiles_link_to_the_filtered_list(client, login, hr, three):
    """Issue 10 item 5: 'Dashboard tiles are links to the filtered list.'"""
    login(client, hr)
    page = client.get("/dashboard").get_data(as_text=True)
    assert 'href="/hires/?status=draft"' in page

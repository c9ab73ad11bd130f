"""Every page of the web interface, for the phone-width and accessibility runs (issue 10 item 7).

PAGES is built by hand from the app's url_map: each HTML GET route has at least one visit here, signed in as the
role that uses it, with real ids from the demo data (`seed-demo`). NOT_PAGES names the GET routes that answer
something else (a file, JSON, a redirect) and why. test_every_html_get_route_has_a_visit fails when a route is in
neither, so "every page" stays true as pages are added.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from uuid import uuid4


@dataclass(frozen=True)
class Visit:
    name: str            # what the page is, for the test id
    endpoint: str | None  # the url_map endpoint it exercises (None: an error page any route can give)
    path: str            # with {approved}, {blocked}, {cusma}, {hr_user}, {upload_token}, {message} from the demo
    role: str | None     # "admin", "hr", or None for a visitor who is not signed in
    status: int = 200
    exhaust_sign_in: bool = False  # reach the page by failing sign-in until the rate limit answers


PAGES = (
    Visit("sign-in", "auth.login", "/login", None),
    Visit("dashboard (admin)", "dashboard.index", "/dashboard", "admin"),
    Visit("dashboard (HR)", "dashboard.index", "/dashboard", "hr"),
    Visit("hires list", "hires.index", "/hires/", "hr"),
    Visit("hires list, filtered", "hires.index", "/hires/?q=a&status=draft&sort=worker&dir=desc", "admin"),
    Visit("hire page, approved GTS B", "hires.detail", "/hires/{approved}", "hr"),
    Visit("hire page, ICT draft with a blocker", "hires.detail", "/hires/{blocked}", "hr"),
    Visit("hire page, CUSMA draft (admin)", "hires.detail", "/hires/{cusma}", "admin"),
    Visit("hire edit", "hires.edit", "/hires/{blocked}/edit", "hr"),
    Visit("new hire", "hires.new", "/hires/new", "hr"),
    Visit("route finder", "hires.route_finder", "/hires/route-finder", "hr"),
    Visit("bulk import", "hires.import_upload", "/hires/import", "hr"),
    Visit("confirm submit", "hires.confirm_submit", "/hires/{cusma}/submit", "hr"),
    Visit("confirm delete", "hires.confirm_delete", "/hires/{cusma}/delete", "hr"),
    Visit("confirm a status", "hires.confirm_status", "/hires/{approved}/status?status=withdrawn", "hr"),
    Visit("checklist page", "checklists.page", "/hires/{approved}/checklist", "hr"),
    Visit("employer compliance", "compliance.index", "/compliance", "admin"),
    Visit("settings (admin)", "settings.index", "/settings/", "admin"),
    Visit("settings (HR)", "settings.index", "/settings/", "hr"),
    Visit("users", "settings.users", "/settings/users", "admin"),
    Visit("user edit", "settings.user_detail", "/settings/users/{hr_user}", "admin"),
    Visit("confirm deactivate", "settings.confirm_deactivate", "/settings/users/{hr_user}/deactivate", "admin"),
    Visit("change password", "auth.change_password", "/account/password", "hr"),
    Visit("dev outbox", "dev.outbox", "/dev/outbox", "admin"),
    Visit("dev outbox message", "dev.outbox_message", "/dev/outbox/{message}", "admin"),
    Visit("worker upload page", "documents.worker_page", "/upload/{upload_token}", None),
    Visit("glossary", "glossary.index", "/glossary", "hr"),
    Visit("error 403", None, "/settings/users", "hr", status=403),
    Visit("error 404", None, "/hires/999999", "hr", status=404),
    Visit("error 429", None, "/login", None, status=429, exhaust_sign_in=True),
)

# GET routes that are not HTML pages, and what they answer instead.
NOT_PAGES = {
    "static": "files", "documents.static": "files", "favicon": "a redirect to the SVG icon",
    "dashboard.home": "a redirect to the dashboard or sign-in",
    "reference.noc_search": "JSON", "reference.economic_regions": "JSON",
    "reminders.calendar_feed": "iCal", "checklists.status": "JSON",
    "checklists.download": "PDF", "benefits_plan.report": "PDF", "inspection.download_pack": "ZIP",
    "documents.download": "a worker's file",
}
NOT_PAGE_PREFIXES = ("api.",)  # the JSON API


def html_get_endpoints(app) -> set[str]:
    """Every GET endpoint of the app that is not known to answer something other than a page."""
    return {rule.endpoint for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and rule.endpoint not in NOT_PAGES
            and not rule.endpoint.startswith(NOT_PAGE_PREFIXES)}


def visits_for(app) -> list[Visit]:
    """The visits whose route this app has (a page another change adds is visited once it lands)."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    return [v for v in PAGES if v.endpoint is None or v.endpoint in endpoints]


@dataclass(frozen=True)
class DemoUser:
    email: str
    password: str


def seed_demo_site(app) -> dict:
    """`seed-demo`'s employer, users and hires, with the GTS B hire approved (deadlines, conditions, benefits plan),
    an upload link for its worker and a message in the dev outbox; returns the ids and users the paths need."""
    from sqlalchemy import select

    from employer_portal.cli import DEMO_ADMIN, DEMO_HR
    from employer_portal.documents import service as documents
    from employer_portal.extensions import db
    from employer_portal.hires import service as hires
    from employer_portal.models import Hire, User
    from employer_portal.seed import seed_demo_data

    with app.app_context():
        seed_demo_data()
        hr = db.session.scalar(select(User).where(User.email == DEMO_HR[0]))
        by_family = {h.payload["worker"]["family_name"]: h for h in db.session.scalars(select(Hire))}
        approved = by_family["Silva"]
        hires.submit(approved, hr)
        hires.change_status(approved, "filed", hr)
        hires.change_status(approved, "approved", hr, on=dt.date.today())
        _link, token = documents.create_link(approved, hr)
        db.session.commit()
        ids = {"approved": approved.id, "blocked": by_family["Becker"].id, "cusma": by_family["Lopez"].id,
               "hr_user": hr.id, "upload_token": token}
    ids["message"] = _outbox_message(Path(app.config["MAIL_OUTBOX_DIR"]), DEMO_ADMIN[0])
    ids["users"] = {"admin": DemoUser(*DEMO_ADMIN), "hr": DemoUser(*DEMO_HR)}
    return ids


def _outbox_message(folder: Path, to: str) -> str:
    """A reminder-like message with a long subject and an unbroken URL: the outbox must wrap both on a phone."""
    message = EmailMessage()
    message["From"] = "no-reply@demo.example"
    message["To"] = to
    message["Subject"] = "Reminder: the work permit of Ana Silva (Senior software engineer) expires in 30 days"
    message["Date"] = "Mon, 01 Mar 2027 09:00:00 -0500"
    message.set_content("Renew before it expires: https://www.canada.ca/en/immigration-refugees-citizenship/services/"
                        "work-canada/permit/temporary/extend-change-conditions-work-permit-holders-application.html"
                        "?long-query-string-without-any-breaks=" + "x" * 80)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{dt.datetime.now():%Y%m%d-%H%M%S}-{uuid4().hex[:8]}.eml"
    (folder / name).write_bytes(message.as_bytes())
    return name


def open_visit(page, live_server: str, visit: Visit, demo: dict):
    """Sign in as the visit's role and open its page; returns the final response (asserting it is that page)."""
    from browser_steps import sign_in

    path = visit.path.format(**{k: v for k, v in demo.items() if k != "users"})
    if visit.role:
        sign_in(page, live_server, demo["users"][visit.role])
    if visit.exhaust_sign_in:
        response = _fail_sign_in_until_refused(page, live_server)
    else:
        response = page.goto(live_server + path)
    assert response is not None and response.status == visit.status, (visit.name, response and response.status)
    if not visit.exhaust_sign_in:
        assert page.url.split("#")[0] == live_server + path, f"{visit.name}: redirected to {page.url}"
    return response


def _fail_sign_in_until_refused(page, live_server: str):
    page.goto(f"{live_server}/login")
    for attempt in range(12):
        page.fill('[name="email"]', f"nobody{attempt}@example.com")
        page.fill('[name="password"]', "wrong-password-xyz")
        with page.expect_navigation() as navigation:
            page.locator('form button[type="submit"]').first.click()
        response = navigation.value
        if response.status == 429:
            return response
        assert re.search(r"/login", page.url)
    raise AssertionError("the sign-in limit never answered 429")

"""Our product is HireCheck: no page or e-mail a user sees calls it "Employer Portal", the name of IRCC's own
system that the findings tell employers to use (issue 10 item 4)."""
from __future__ import annotations

import datetime as dt
import html
import re

from glossary_samples import CUSMA_LONG, ICT_TEER_3

# "Employer Portal" is allowed only where it is IRCC's (or Ontario's) system: "IRCC's Employer Portal",
# "IRCC Employer Portal", "OINP Employer Portal", or IRCC's "Employer Portal offer".
BARE_NAME = re.compile(r"(?<!IRCC's )(?<!IRCC )(?<!OINP )Employer Portal(?! offer)", re.IGNORECASE)


def _text(page: str) -> str:
    """What a reader sees: the page without tags, entities decoded, runs of space as one."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page)))


def _assert_not_named_employer_portal(where: str, text: str) -> None:
    found = [text[max(m.start() - 40, 0):m.end() + 20] for m in BARE_NAME.finditer(text)]
    assert not found, f"{where} calls something 'Employer Portal': {found}"


def test_no_page_names_the_product_employer_portal(client, login, make, api_for, csrf_of):
    anonymous = client.get("/login").get_data(as_text=True)
    assert "<title>" in anonymous and "HireCheck" in anonymous
    _assert_not_named_employer_portal("/login", _text(anonymous))
    user = make.user(role="admin")
    api = api_for(user)
    ict = api.post("/api/v1/hires", json=ICT_TEER_3).get_json()["id"]
    cusma = api.post("/api/v1/hires", json=CUSMA_LONG).get_json()["id"]
    login(client, user)
    pages = ["/dashboard", "/hires/", "/hires/new", "/hires/route-finder", "/glossary", "/settings/",
             f"/hires/{ict}/edit", f"/hires/{cusma}/edit", f"/hires/{ict}", f"/hires/{cusma}"]
    seen_ircc = False
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        text = _text(response.get_data(as_text=True))
        assert "HireCheck" in text, f"{path} does not name the product"
        _assert_not_named_employer_portal(path, text)
        seen_ircc = seen_ircc or "IRCC's Employer Portal" in text
    assert seen_ircc  # the CUSMA finding names IRCC's system as IRCC's
    # The route finder's four reports name IRCC's system too.
    form = {"csrf_token": csrf_of(client.get("/hires/route-finder").get_data(as_text=True)),
            "position.noc_code": "21231", "position.province": "ON", "worker.citizenships": "US",
            "position.start_date": "2027-03-01", "position.end_date": "2031-02-28"}
    _assert_not_named_employer_portal("route finder results", _text(
        client.post("/hires/route-finder", data=form).get_data(as_text=True)))


def test_no_email_names_the_product_employer_portal(app, make):
    from employer_portal.config import load_settings
    from employer_portal.documents.mail import build_message as upload_link_message
    from employer_portal.extensions import db
    from employer_portal.models import Employer, Hire, User
    from employer_portal.settings.reminders import build_test_message

    assert load_settings(env={})["MAIL_DEFAULT_SENDER"].startswith("HireCheck <")
    user = make.user(role="admin")
    with app.test_request_context():
        employer = db.session.get(Employer, user.employer_id)
        account = db.session.get(User, user.id)
        hire = Hire(employer_id=employer.id, status="draft", program="cusma", worker_name="Ava Reyes")
        messages = {
            "test reminder": build_test_message(account, employer, now=dt.datetime.now(dt.timezone.utc)),
            "upload link": upload_link_message(hire, employer, "ava@example.com", "https://example.test/u/abc",
                                               dt.datetime(2027, 1, 1, 12, 0), []),
        }
    for name, message in messages.items():
        whole = f"{message['Subject']}\n{message.get_body(preferencelist=('plain',)).get_content()}"
        assert "HireCheck" in whole, name
        _assert_not_named_employer_portal(name, whole)

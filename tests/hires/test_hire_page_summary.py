"""Issue 10 item 1: the hire page opens on a summary (worker, job, route, status, verdict, next deadline and the
actions that fit the status); every section is in the HTML under its own heading, so it reads top-down without
JavaScript; the result of an action on a section is shown inside that section."""
from __future__ import annotations

import copy
import re

from employer_portal.hires.demo import DEMO_HIRES
from employer_portal.hires.page_summary import SECTIONS, verdict

DEMO_GTS_B = DEMO_HIRES[0]  # seed-demo's Ana Silva: eligible GTS Category B in Toronto


def _approved(api) -> int:
    hire_id = api.post("/api/v1/hires", json=copy.deepcopy(DEMO_GTS_B)).get_json()["id"]
    assert api.post(f"/api/v1/hires/{hire_id}/submit").status_code == 200
    for step in ("filed", "approved"):
        assert api.post(f"/api/v1/hires/{hire_id}/status", json={"status": step}).status_code == 200
    return hire_id


def _summary(page: str) -> str:
    start = page.index("data-hire-summary")
    return page[start:page.index("</section>", start)]


def _section(page: str, key: str) -> str:
    start = page.index(f'<section class="hire-section" id="{key}"')
    end = page.find('<section class="hire-section"', start + 1)
    return page[start:end if end > 0 else len(page)]


def test_summary_shows_worker_job_route_and_an_eligible_verdict(client, login, hr, api):
    hire_id = _approved(api)
    summary = _summary(login(client, hr).get(f"/hires/{hire_id}").get_data(as_text=True))
    assert "Ana Silva" in summary and "Senior software engineer · NOC 21231" in summary
    assert "GTS Category B" in summary and 'data-hire-status>Approved<' in summary
    assert re.search(r'data-verdict="eligible"><a href="#findings"[^>]*>Eligible</a>', summary)


def test_summary_names_the_earliest_open_deadline_with_its_date_and_title(client, login, hr, api):
    hire_id = _approved(api)
    deadlines = api.get(f"/api/v1/hires/{hire_id}/deadlines").get_json()["deadlines"]
    first = min((d for d in deadlines if not d["done_at"]), key=lambda d: (d["due_date"], d["id"]))
    summary = _summary(login(client, hr).get(f"/hires/{hire_id}").get_data(as_text=True))
    next_deadline = summary[summary.index("data-next-deadline"):]
    assert f'href="#deadline-{first["id"]}"' in next_deadline
    assert f'<time datetime="{first["due_date"]}">' in next_deadline and first["title"] in next_deadline


def test_summary_moves_to_the_following_deadline_once_the_first_is_done(client, login, hr, api):
    hire_id = _approved(api)
    deadlines = sorted(api.get(f"/api/v1/hires/{hire_id}/deadlines").get_json()["deadlines"],
                       key=lambda d: (d["due_date"], d["id"]))
    assert api.post(f"/api/v1/deadlines/{deadlines[0]['id']}/done", json={}).status_code == 200
    summary = _summary(login(client, hr).get(f"/hires/{hire_id}").get_data(as_text=True))
    assert f'href="#deadline-{deadlines[1]["id"]}"' in summary


def test_summary_counts_the_blockers_of_a_blocked_draft(client, login, hr, api):
    low = copy.deepcopy(DEMO_GTS_B)
    low["position"]["wage"] = {"amount": 40000, "period": "year"}  # far under Toronto's prevailing wage
    created = api.post("/api/v1/hires", json=low).get_json()
    blockers = sum(1 for f in created["report"]["findings"] if f["severity"] == "blocker")
    assert blockers >= 1
    summary = _summary(login(client, hr).get(f"/hires/{created['id']}").get_data(as_text=True))
    label = f"{blockers} blocker{'' if blockers == 1 else 's'}"
    assert re.search(rf'data-verdict="blocked"><a href="#findings"[^>]*>{label}</a>', summary)
    assert "None open: deadlines start once the hire is submitted" in summary


def test_summary_says_needs_information_when_the_report_is_incomplete(client, login, hr, api):
    created = api.post("/api/v1/hires", json={"program": "gts_b", "worker": {"given_name": "Sam"}}).get_json()
    assert created["report"]["complete"] is False
    summary = _summary(login(client, hr).get(f"/hires/{created['id']}").get_data(as_text=True))
    assert re.search(r'data-verdict="incomplete"><a href="#findings"[^>]*>Needs information</a>', summary)


def test_verdict_without_a_report_asks_to_save_the_draft():
    assert verdict(None).kind == "none"
    assert verdict({"eligible": False, "findings": [{"severity": "blocker"}, {"severity": "warning"}]}).label == "1 blocker"


def test_summary_offers_the_actions_that_fit_the_status(client, login, hr, api):
    login(client, hr)
    draft_id = api.post("/api/v1/hires", json=copy.deepcopy(DEMO_GTS_B)).get_json()["id"]
    draft = _summary(client.get(f"/hires/{draft_id}").get_data(as_text=True))
    assert "Edit draft" in draft and f'/hires/{draft_id}/submit"' in draft and "Delete draft" in draft
    approved = _summary(client.get(f"/hires/{_approved(api)}").get_data(as_text=True))
    assert "Mark active" in approved and "Mark withdrawn" in approved and "Edit draft" not in approved


def test_without_javascript_every_section_follows_under_its_heading(client, login, hr, api):
    hire_id = _approved(api)
    page = login(client, hr).get(f"/hires/{hire_id}").get_data(as_text=True)
    links = re.findall(r'<a class="hire-tabs__tab" href="#([a-z-]+)"[^>]*>([^<]+)</a>', page)
    assert links == list(SECTIONS)
    positions = []
    for key, label in SECTIONS:
        section = _section(page, key)
        assert f'<h2 class="hire-section__title" id="{key}-title">{label}</h2>' in section
        assert " hidden" not in section.split(">", 1)[0]  # only the script hides a section
        positions.append(page.index(f'id="{key}"'))
    assert positions == sorted(positions)
    assert "Document checklist" in _section(page, "checklist") and "Audit trail" in _section(page, "history")
    assert "Inspection and record keeping" in _section(page, "documents")
    assert "Conditions" in _section(page, "after-approval") and "Benefits plan" in _section(page, "after-approval")


def test_a_hire_with_neither_conditions_nor_a_benefits_plan_has_no_after_approval_section(client, login, hr, api):
    cusma_draft = copy.deepcopy(DEMO_HIRES[2])  # no benefits plan outside GTS, no conditions before submission
    hire_id = api.post("/api/v1/hires", json=cusma_draft).get_json()["id"]
    page = login(client, hr).get(f"/hires/{hire_id}").get_data(as_text=True)
    assert 'href="#after-approval"' not in page and 'id="after-approval"' not in page
    assert 'href="#deadlines"' in page and 'id="deadlines"' in page


def test_marking_a_deadline_done_returns_to_the_deadlines_section_with_the_message_inside_it(
        client, login, hr, api, csrf_of):
    hire_id = _approved(api)
    login(client, hr)
    page = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    deadline_id = int(re.search(r'id="deadline-(\d+)"', _section(page, "deadlines")).group(1))
    response = client.post(f"/deadlines/{deadline_id}/done",
                           data={"csrf_token": csrf_of(page), "note": "Sent by email", "back": "hire"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/hires/{hire_id}#deadlines")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    deadlines = _section(page, "deadlines")
    assert re.search(r'class="flash flash--success"[^>]*data-section-flash="deadlines">Marked done: ', deadlines)
    assert "Marked done:" not in page[:page.index("data-hire-summary")]  # not among the messages at the top


def test_a_message_for_the_deadlines_section_shows_at_the_top_of_any_other_page(client, login, hr, api, csrf_of):
    hire_id = _approved(api)
    login(client, hr)
    page = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    deadline_id = int(re.search(r'id="deadline-(\d+)"', page).group(1))
    client.post(f"/deadlines/{deadline_id}/done", data={"csrf_token": csrf_of(page), "back": "hire"})
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert re.search(r'<p class="flash flash--success" role="status">Marked done: ', dashboard)


def test_the_hires_facts_show_each_choice_in_words(client, login, hr, api):
    """Issue 10 item 4: 'Ontario', "Master's degree", 'a year' — not the stored codes ON, master, year."""
    hire_id = api.post("/api/v1/hires", json=copy.deepcopy(DEMO_GTS_B)).get_json()["id"]
    facts = _section(login(client, hr).get(f"/hires/{hire_id}").get_data(as_text=True), "history")
    assert "<dd>Ontario</dd>" in facts and "<dd>ON</dd>" not in facts
    assert "<dd>year</dd>" not in facts and "<dd>master</dd>" not in facts

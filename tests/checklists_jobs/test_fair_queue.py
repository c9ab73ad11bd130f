"""Fair work queues for checklist PDF builds (issue 13 item 3), and the page count without pypdf (item 9).

A new request for a hire takes over its build that is still queued, so only the newest input is
rendered; each employer has at most CHECKLIST_QUEUE_CAP_PER_EMPLOYER builds sent to the workers
at once, the rest wait in the database and are sent as that employer's builds finish. The worker
tests use a real Celery worker on Redis and PostgreSQL, with one pool child, so the order in which
builds finish is the order the broker hands them out; the order is read from the rows.
"""
from __future__ import annotations

import io
import re
import sys

import pytest

from checklist_job_payloads import ict_payload

CAP = 2


@pytest.fixture
def capped(app, monkeypatch):
    """The cap of these tests, on the web side (this process) and for the workers they start."""
    monkeypatch.setitem(app.config, "CHECKLIST_QUEUE_CAP_PER_EMPLOYER", CAP)
    return {"CHECKLIST_QUEUE_CAP_PER_EMPLOYER": str(CAP)}


def build_rows(app, **where):
    from sqlalchemy import select

    from employer_portal.extensions import db
    from employer_portal.models import ChecklistBuild

    with app.app_context():
        query = select(ChecklistBuild).order_by(ChecklistBuild.id)
        for column, value in where.items():
            query = query.where(getattr(ChecklistBuild, column) == value)
        rows = db.session.scalars(query).all()
        for row in rows:
            db.session.expunge(row)
        db.session.remove()
        return rows


def request_build(api, hire_id) -> dict:
    response = api.post(f"/api/v1/hires/{hire_id}/checklist")
    assert response.status_code == 202, response.get_data(as_text=True)
    return response.get_json()["job"]


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


@pytest.mark.worker
def test_a_second_request_before_the_build_starts_renders_only_the_newest_wage(
        app, start_worker, purge_queue, poll, employer_team, new_hire, capped):
    purge_queue()
    api, hire_id = employer_team["api"], new_hire(ict_payload(wage={"amount": 150000, "period": "year"}))
    first = request_build(api, hire_id)  # no worker yet: it stays queued
    changed = api.patch(f"/api/v1/hires/{hire_id}", json=ict_payload(wage={"amount": 175000, "period": "year"}))
    assert changed.status_code == 200, changed.get_data(as_text=True)
    second = request_build(api, hire_id)
    assert second == {"id": first["id"], "status": "queued"}  # the queued build takes the new input
    start_worker("w1", env=capped)
    poll(lambda: [row.status for row in build_rows(app, hire_id=hire_id)] == ["ready"], timeout=60,
         message="the one build to be ready")
    [row] = build_rows(app, hire_id=hire_id)
    assert row.renders == 1 and row.attempts == 1
    response = api.get(f"/api/v1/hires/{hire_id}/checklist.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "$175,000" in text and "$150,000" not in text


@pytest.mark.worker
def test_one_employers_many_builds_do_not_hold_up_another_employers_build(
        app, start_worker, purge_queue, poll, employer_team, new_hire, make, api_for, capped):
    purge_queue()
    busy = [request_build(employer_team["api"], new_hire())["id"] for _ in range(6)]
    other_employer = make.employer()
    other_api = api_for(make.user(other_employer, role="admin"))
    created = other_api.post("/api/v1/hires", json=ict_payload())
    assert created.status_code == 201, created.get_data(as_text=True)
    other = request_build(other_api, created.get_json()["id"])["id"]
    waiting = [row.id for row in build_rows(app) if row.id in busy and row.enqueued_at is None]
    assert waiting == busy[CAP:]  # over the cap: kept in the database, not sent to the broker
    start_worker("w1", concurrency=1, env=capped)
    everything = set(busy) | {other}
    poll(lambda: {row.status for row in build_rows(app) if row.id in everything} == {"ready"}, timeout=120,
         interval=0.5, message="every build to be ready (none lost while waiting)")
    finished = [row.id for row in sorted((r for r in build_rows(app) if r.id in everything),
                                         key=lambda r: (r.finished_at, r.id))]
    # The other employer's build waits behind at most CAP of the busy employer's, not all six.
    assert finished.index(other) <= CAP, finished
    assert all(row.renders == 1 for row in build_rows(app) if row.id in everything)


def test_builds_over_the_employer_cap_wait_unsent_and_the_cap_is_per_employer(
        app, purge_queue, employer_team, new_hire, make, api_for, capped):
    purge_queue()
    ids = [request_build(employer_team["api"], new_hire())["id"] for _ in range(CAP + 2)]
    other_api = api_for(make.user(make.employer(), role="admin"))
    other_hire = other_api.post("/api/v1/hires", json=ict_payload()).get_json()["id"]
    other = request_build(other_api, other_hire)["id"]
    sent = {row.id: row.enqueued_at is not None for row in build_rows(app)}
    assert [sent[i] for i in ids] == [True] * CAP + [False, False]
    assert sent[other] is True
    assert {row.status for row in build_rows(app) if row.id in ids} == {"queued"}


def test_a_waiting_build_is_released_when_one_of_its_employers_builds_finishes(
        app, purge_queue, employer_team, new_hire, capped):
    from employer_portal.checklists import builds
    from employer_portal.checklists.storage import storage_from_config

    purge_queue()
    ids = [request_build(employer_team["api"], new_hire())["id"] for _ in range(CAP + 2)]
    with app.app_context():
        assert builds.release_waiting_builds() == []  # no room yet: both places taken
        assert builds.run_build(ids[0], storage=storage_from_config(app.config)) == "ready"
        assert builds.release_after(ids[0]) == [ids[CAP]]  # the oldest waiting, and only one
        assert builds.release_waiting_builds() == []
    purge_queue()


def test_a_failed_build_frees_its_employers_place(app, purge_queue, employer_team, new_hire, capped, monkeypatch):
    from employer_portal.checklists import builds, pdf
    from employer_portal.checklists.storage import storage_from_config

    purge_queue()
    ids = [request_build(employer_team["api"], new_hire())["id"] for _ in range(CAP + 1)]

    def broken(_doc):
        raise RuntimeError("a render that fails")

    monkeypatch.setattr(pdf, "render", broken)
    with app.app_context():
        assert builds.run_build(ids[0], storage=storage_from_config(app.config)) == "failed"
        assert builds.release_after(ids[0]) == [ids[CAP]]
    purge_queue()


def test_a_build_rendering_when_the_hire_changes_is_not_served_as_the_newest(
        app, purge_queue, employer_team, new_hire, capped, monkeypatch):
    from employer_portal.checklists import builds, pdf
    from employer_portal.checklists.storage import storage_from_config

    purge_queue()
    api = employer_team["api"]
    hire_id = new_hire(ict_payload(wage={"amount": 161000, "period": "year"}))
    first = request_build(api, hire_id)
    real_render = pdf.render
    during_render = {}

    def render_while_the_hire_changes(doc):
        # The hire is edited (and a build requested) while this build renders.
        changed = api.patch(f"/api/v1/hires/{hire_id}", json=ict_payload(wage={"amount": 186000, "period": "year"}))
        assert changed.status_code == 200, changed.get_data(as_text=True)
        during_render["job"] = request_build(api, hire_id)
        return real_render(doc)

    monkeypatch.setattr(pdf, "render", render_while_the_hire_changes)
    with app.app_context():
        assert builds.run_build(first["id"], storage=storage_from_config(app.config)) == "ready"
    monkeypatch.undo()
    assert during_render["job"]["id"] != first["id"]  # a running build is not taken over
    assert api.get(f"/api/v1/hires/{hire_id}/checklist.pdf").status_code == 409  # the old wage is not served
    with app.app_context():
        assert builds.run_build(during_render["job"]["id"], storage=storage_from_config(app.config)) == "ready"
    text = pdf_text(api.get(f"/api/v1/hires/{hire_id}/checklist.pdf").data)
    assert "$186,000" in text and "$161,000" not in text
    purge_queue()


def test_a_built_pdf_counts_its_pages_without_pypdf(app, purge_queue, employer_team, new_hire, monkeypatch):
    from employer_portal.checklists import builds
    from employer_portal.checklists.storage import storage_from_config

    purge_queue()
    hire_id = new_hire()
    job = request_build(employer_team["api"], hire_id)
    monkeypatch.setitem(sys.modules, "pypdf", None)  # as in production: pypdf is a dev-only dependency
    with app.app_context():
        assert builds.run_build(job["id"], storage=storage_from_config(app.config)) == "ready"
    monkeypatch.undo()
    from pypdf import PdfReader

    [row] = build_rows(app, id=job["id"])
    data = employer_team["api"].get(f"/api/v1/hires/{hire_id}/checklist.pdf").data
    assert row.pages == len(PdfReader(io.BytesIO(data)).pages) >= 1
    assert employer_team["api"].get(f"/api/v1/hires/{hire_id}/checklist").get_json()["pdf"]["job"]["pages"] == row.pages
    purge_queue()

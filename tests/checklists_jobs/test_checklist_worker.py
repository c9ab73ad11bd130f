"""Checklist PDFs built by a real Celery worker process on Redis, including workers that die."""
from __future__ import annotations

import io
import os
import re
import signal
import time

import pytest
from pypdf import PdfReader

from checklist_job_payloads import WORKER_NAME

pytestmark = pytest.mark.worker


def build_row(app, build_id):
    from employer_portal.extensions import db
    from employer_portal.models import ChecklistBuild

    with app.app_context():
        row = db.session.get(ChecklistBuild, build_id)
        db.session.expunge(row)
        db.session.remove()
        return row


def builds_of(app, hire_id):
    from sqlalchemy import select

    from employer_portal.extensions import db
    from employer_portal.models import ChecklistBuild

    with app.app_context():
        rows = db.session.scalars(select(ChecklistBuild).where(ChecklistBuild.hire_id == hire_id)).all()
        for row in rows:
            db.session.expunge(row)
        db.session.remove()
        return rows


def status_is(app, build_id, *statuses):
    return lambda: build_row(app, build_id).status in statuses


def request_build(api, hire_id):
    response = api.post(f"/api/v1/hires/{hire_id}/checklist")
    assert response.status_code in (200, 202), response.get_data(as_text=True)
    return response.get_json()["job"]


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_build_runs_on_a_worker_and_the_pdf_has_the_hire_route_and_every_item(
        app, start_worker, purge_queue, poll, employer_team, new_hire):
    purge_queue()
    start_worker("w1")
    api, hire_id = employer_team["api"], new_hire()
    job = request_build(api, hire_id)
    assert job["status"] == "queued"
    poll(lambda: api.get(f"/api/v1/hires/{hire_id}/checklist").get_json()["pdf"]["status"] == "ready",
         timeout=60, message="the build to be ready")
    response = api.get(f"/api/v1/hires/{hire_id}/checklist.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="checklist-{hire_id}.pdf"'
    assert response.headers["Cache-Control"] == "no-store"
    text = pdf_text(response.data)
    assert WORKER_NAME in text
    assert "Intra-Company Transfer" in text
    assert "page 1 of" in text.lower()
    titles = [item["title"] for item in api.get(f"/api/v1/hires/{hire_id}/checklist").get_json()["items"]]
    assert titles
    missing = [t for t in titles if re.sub(r"\s+", " ", t) not in text]
    assert missing == []


def test_viewer_can_download_the_built_pdf(app, start_worker, purge_queue, poll, employer_team, new_hire):
    purge_queue()
    start_worker("w1")
    hire_id = new_hire()
    job = request_build(employer_team["api"], hire_id)
    poll(status_is(app, job["id"], "ready"), timeout=60, message="the build to be ready")
    response = employer_team["viewer_api"].get(f"/api/v1/hires/{hire_id}/checklist.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_same_build_requested_twice_renders_once(app, start_worker, purge_queue, poll, employer_team, new_hire):
    purge_queue()
    start_worker("w1")
    api, hire_id = employer_team["api"], new_hire()
    first = request_build(api, hire_id)
    second = request_build(api, hire_id)
    assert second["id"] == first["id"]
    poll(status_is(app, first["id"], "ready"), timeout=60, message="the build to be ready")
    response = api.post(f"/api/v1/hires/{hire_id}/checklist")
    assert response.status_code == 200
    assert response.get_json()["job"] == {"id": first["id"], "status": "ready"}
    assert [row.renders for row in builds_of(app, hire_id)] == [1]


def test_changed_item_status_makes_the_pdf_out_of_date_until_rebuilt(
        app, start_worker, purge_queue, poll, employer_team, new_hire):
    purge_queue()
    start_worker("w1")
    api, hire_id = employer_team["api"], new_hire()
    job = request_build(api, hire_id)
    poll(status_is(app, job["id"], "ready"), timeout=60, message="the build to be ready")
    key = api.get(f"/api/v1/hires/{hire_id}/checklist").get_json()["items"][0]["key"]
    api.patch(f"/api/v1/hires/{hire_id}/checklist/items/{key}", json={"status": "received"})
    assert api.get(f"/api/v1/hires/{hire_id}/checklist.pdf").status_code == 409
    again = request_build(api, hire_id)
    assert again["id"] != job["id"]
    poll(status_is(app, again["id"], "ready"), timeout=60, message="the rebuild to be ready")
    assert api.get(f"/api/v1/hires/{hire_id}/checklist.pdf").status_code == 200


def test_build_survives_its_pool_child_being_killed(app, start_worker, purge_queue, poll, employer_team, new_hire):
    purge_queue()
    worker = start_worker("w1", env={"CHECKLIST_TEST_RENDER_DELAY": "4"})
    hire_id = new_hire()
    job = request_build(employer_team["api"], hire_id)
    poll(status_is(app, job["id"], "building"), timeout=30, message="the build to be claimed")
    for pid in worker.pool_child_pids():
        os.kill(pid, signal.SIGKILL)
    # task_reject_on_worker_lost requeues the message; the new child sees the claimant is dead.
    poll(status_is(app, job["id"], "ready"), timeout=60, message="the build to finish after the kill")
    row = build_row(app, job["id"])
    assert row.renders == 1 and row.attempts == 2


def test_build_completes_within_the_lease_after_the_whole_worker_is_killed(
        app, start_worker, purge_queue, poll, employer_team, new_hire):
    from tasks.checklists import sweep_checklist_builds

    purge_queue()
    lease = {"JOB_LEASE_SECONDS": "6", "JOB_HEARTBEAT_SECONDS": "1"}
    doomed = start_worker("doomed", env={**lease, "CHECKLIST_TEST_RENDER_DELAY": "60"})
    hire_id = new_hire()
    job = request_build(employer_team["api"], hire_id)
    poll(status_is(app, job["id"], "building"), timeout=30, message="the build to be claimed")
    doomed.kill()
    killed_at = time.monotonic()
    start_worker("rescuer", env=lease)

    def swept_and_ready():
        sweep_checklist_builds()  # what beat runs every 45 s
        return build_row(app, job["id"]).status == "ready"

    poll(swept_and_ready, timeout=45, interval=1.0, message="the sweep to hand the build to the new worker")
    elapsed = time.monotonic() - killed_at
    # Redis would redeliver the unacknowledged message only after its one-hour visibility timeout.
    assert elapsed < 30, elapsed
    row = build_row(app, job["id"])
    assert row.renders == 1 and row.attempts == 2


def test_sweep_resends_a_build_whose_message_was_lost(app, start_worker, purge_queue, poll, employer_team, new_hire):
    import datetime as dt

    from employer_portal.checklists import builds
    from employer_portal.extensions import db
    from employer_portal.models import Hire
    from tasks.checklists import sweep_checklist_builds

    purge_queue()
    hire_id = new_hire()
    with app.app_context():  # a build row whose message never reached Redis
        decision = builds.request_build(db.session.get(Hire, hire_id))
        decision.build.enqueued_at -= dt.timedelta(minutes=5)
        db.session.commit()
        build_id = decision.build.id
        db.session.remove()
    start_worker("w1")
    assert sweep_checklist_builds() == 1
    poll(status_is(app, build_id, "ready"), timeout=60, message="the re-sent build to be ready")
    assert sweep_checklist_builds() == 0


def test_redelivered_message_for_a_ready_build_does_nothing(app, start_worker, purge_queue, poll, employer_team,
                                                             new_hire):
    from employer_portal.checklists import builds
    from employer_portal.checklists.storage import storage_from_config

    purge_queue()
    start_worker("w1")
    hire_id = new_hire()
    job = request_build(employer_team["api"], hire_id)
    poll(status_is(app, job["id"], "ready"), timeout=60, message="the build to be ready")
    with app.app_context():
        assert builds.run_build(job["id"], storage=storage_from_config(app.config)) == "skipped"
    assert build_row(app, job["id"]).renders == 1

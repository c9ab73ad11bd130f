"""The inspection pack: one ZIP per hire, built by a leased idempotent job, with the frozen report,
the checklist, every accepted document decrypted, the deadlines, the audit trail and a manifest of
SHA-256 hashes (issue 12 item 5)."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile

import pytest

PDF = b"%PDF-1.4\n" + b"passport scan " * 5000
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 400


@pytest.fixture
def hire_with_documents(team, make_hire, add_document):
    """An ended hire with an accepted PDF and JPEG, and a rejected file that must stay out of the pack."""
    hire_id = make_hire(team["employer_id"], status="ended")
    ids = {"pdf": add_document(hire_id, PDF, item_key="passport"),
           "jpeg": add_document(hire_id, JPEG, item_key="employment_contract", content_type="image/jpeg",
                                name="contract.jpg"),
           "rejected": add_document(hire_id, b"%PDF-1.4 blurry", item_key="passport", status="rejected")}
    return hire_id, ids


def _ready_zip(api, hire_id, run_pack) -> zipfile.ZipFile:
    response = api.post(f"/api/v1/hires/{hire_id}/inspection-pack")
    assert response.status_code == 202, response.get_json()
    assert run_pack(response.get_json()["job"]["id"]) == "ready"
    response = api.get(f"/api/v1/hires/{hire_id}/inspection-pack?download=1")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.get_data()))


def test_requesting_a_pack_answers_202_with_the_job(team, make_hire):
    """API contract: POST /hires/{id}/inspection-pack → 202 {"job": {"id", "status"}}; GET gives its status."""
    hire_id = make_hire(team["employer_id"])
    response = team["hr_api"].post(f"/api/v1/hires/{hire_id}/inspection-pack")
    assert response.status_code == 202
    job = response.get_json()["job"]
    assert job["status"] == "queued" and isinstance(job["id"], int)
    status = team["hr_api"].get(f"/api/v1/hires/{hire_id}/inspection-pack").get_json()
    assert status["job"]["id"] == job["id"] and status["download_url"] is None


def test_asking_twice_while_building_gives_the_same_job(team, make_hire):
    """A second request while the pack is queued reuses it: one pack is built, not two."""
    hire_id = make_hire(team["employer_id"])
    first = team["hr_api"].post(f"/api/v1/hires/{hire_id}/inspection-pack").get_json()["job"]["id"]
    second = team["hr_api"].post(f"/api/v1/hires/{hire_id}/inspection-pack").get_json()["job"]["id"]
    assert first == second


def test_the_job_is_idempotent(app, team, make_hire):
    """The row is the truth: the Celery task builds the pack once; a redelivered message does nothing."""
    from tasks.inspection import build_inspection_pack

    hire_id = make_hire(team["employer_id"])
    pack_id = team["hr_api"].post(f"/api/v1/hires/{hire_id}/inspection-pack").get_json()["job"]["id"]
    with app.app_context():
        assert build_inspection_pack.apply(args=[pack_id]).get() == "ready"
        assert build_inspection_pack.apply(args=[pack_id]).get() == "skipped"


def test_a_pack_whose_worker_died_is_taken_over_after_its_lease(app, team, make_hire, run_pack):
    """A claim lasts a lease: a pack left `building` past it is swept back to the queue and built."""
    import datetime as dt

    from employer_portal.extensions import db
    from employer_portal.inspection import service
    from employer_portal.models import InspectionPack

    hire_id = make_hire(team["employer_id"])
    pack_id = team["hr_api"].post(f"/api/v1/hires/{hire_id}/inspection-pack").get_json()["job"]["id"]
    with app.app_context():
        assert service.claim_pack(pack_id, claimant="gone-host:1") is not None
        assert service.claim_pack(pack_id, claimant="other-host:2") is None  # the lease holds
        later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=service.DEFAULT_LEASE_SECONDS + 1)
        assert service.sweep_stale_packs(now=later) == [pack_id]
        assert db.session.get(InspectionPack, pack_id).status == "queued"
    assert run_pack(pack_id) == "ready"


def test_the_manifest_hashes_match_the_files(team, hire_with_documents, run_pack):
    """Issue 12: manifest.json lists each file's path and sha256, and every hash matches the file."""
    hire_id, _ids = hire_with_documents
    archive = _ready_zip(team["hr_api"], hire_id, run_pack)
    manifest = json.loads(archive.read("manifest.json"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == set(archive.namelist()) - {"manifest.json"}
    for path, entry in listed.items():
        data = archive.read(path)
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], path
        assert len(data) == entry["size"]


def test_the_pack_holds_every_part_of_the_inspection_file(team, hire_with_documents, run_pack):
    """Issue 12: the frozen report (JSON and PDF), the checklist PDF, the deadlines (JSON and CSV) and the audit trail."""
    hire_id, _ids = hire_with_documents
    archive = _ready_zip(team["hr_api"], hire_id, run_pack)
    names = set(archive.namelist())
    assert {"report/compliance-report.json", "report/compliance-report.pdf", "checklist/checklist.pdf",
            "deadlines/deadlines.json", "deadlines/deadlines.csv", "audit/audit-trail.csv"} <= names
    assert archive.read("report/compliance-report.pdf").startswith(b"%PDF")
    assert archive.read("checklist/checklist.pdf").startswith(b"%PDF")
    report = json.loads(archive.read("report/compliance-report.json"))
    assert report["frozen"] is True and report["report"]["program"] == "ict"
    deadlines = json.loads(archive.read("deadlines/deadlines.json"))["deadlines"]
    retention = next(d for d in deadlines if d["kind"] == "record_retention")
    assert retention["due_date"] == "2025-03-01" and retention["state"] in ("overdue", "done")
    rows = list(csv.DictReader(io.StringIO(archive.read("deadlines/deadlines.csv").decode())))
    assert {r["key"] for r in rows} == {d["key"] for d in deadlines}
    trail = list(csv.DictReader(io.StringIO(archive.read("audit/audit-trail.csv").decode())))
    assert ("inspection_pack", "requested") in {(r["entity"], r["action"]) for r in trail}


def test_a_pack_holds_the_accepted_documents_decrypted(team, hire_with_documents, run_pack):
    """Issue 12: every accepted document, as the worker sent it (decrypted); rejected files stay out."""
    hire_id, ids = hire_with_documents
    archive = _ready_zip(team["hr_api"], hire_id, run_pack)
    assert archive.read(f"documents/passport/{ids['pdf']}.pdf") == PDF
    assert archive.read(f"documents/employment_contract/{ids['jpeg']}.jpg") == JPEG
    assert not any(name.endswith(f"/{ids['rejected']}.pdf") for name in archive.namelist())
    entry = next(e for e in json.loads(archive.read("manifest.json"))["files"] if e.get("document_id") == ids["jpeg"])
    assert entry["original_name"] == "contract.jpg"


def test_the_pack_on_disk_is_encrypted(app, team, hire_with_documents, run_pack):
    """The pack holds passport scans: on disk it is sealed with the data key, never a readable ZIP."""
    from employer_portal.checklists.storage import storage_from_config
    from employer_portal.extensions import db
    from employer_portal.models import InspectionPack

    hire_id, _ids = hire_with_documents
    pack_id = team["hr_api"].post(f"/api/v1/hires/{hire_id}/inspection-pack").get_json()["job"]["id"]
    assert run_pack(pack_id) == "ready"
    with app.app_context():
        key = db.session.get(InspectionPack, pack_id).storage_key
        raw = storage_from_config(app.config).path_for(key).read_bytes()
    assert not raw.startswith(b"PK") and PDF[:200] not in raw


def test_a_viewer_may_download_a_pack_but_not_request_one(team, make_hire, run_pack):
    """Viewers read: they download the ready pack (audited); building one is an editor's act (403)."""
    hire_id = make_hire(team["employer_id"])
    assert team["viewer_api"].post(f"/api/v1/hires/{hire_id}/inspection-pack").status_code == 403
    pack_id = team["hr_api"].post(f"/api/v1/hires/{hire_id}/inspection-pack").get_json()["job"]["id"]
    assert run_pack(pack_id) == "ready"
    response = team["viewer_api"].get(f"/api/v1/hires/{hire_id}/inspection-pack?download=1")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_another_employer_s_hire_pack_and_document_are_not_found(make, api_for, team, hire_with_documents, run_pack):
    """Tenant isolation: another employer's hire, pack and document answer 404, never 403."""
    hire_id, ids = hire_with_documents
    pack_id = team["hr_api"].post(f"/api/v1/hires/{hire_id}/inspection-pack").get_json()["job"]["id"]
    assert run_pack(pack_id) == "ready"
    stranger = api_for(make.user(make.employer(), role="admin"))
    assert stranger.post(f"/api/v1/hires/{hire_id}/inspection-pack").status_code == 404
    assert stranger.get(f"/api/v1/hires/{hire_id}/inspection-pack?download=1").status_code == 404
    assert stranger.get(f"/api/v1/inspection-packs/{pack_id}?download=1").status_code == 404
    assert stranger.post(f"/api/v1/hires/{hire_id}/legal-hold", json={"on": True, "reason": "x"}).status_code == 404
    assert stranger.delete(f"/api/v1/documents/{ids['pdf']}", json={"reason": "x"}).status_code == 404


def test_downloading_before_a_pack_is_ready_is_a_conflict(team, make_hire):
    """?download=1 with no ready pack answers 409 problem+json saying to request one."""
    hire_id = make_hire(team["employer_id"])
    response = team["hr_api"].get(f"/api/v1/hires/{hire_id}/inspection-pack?download=1")
    assert response.status_code == 409 and response.mimetype == "application/problem+json"


def test_a_range_pack_holds_every_hire_employed_in_the_range(team, make_hire, add_document, run_pack):
    """The variant for an employer: every hire whose employment overlaps from..to, each under hires/<id>/."""
    inside = make_hire(team["employer_id"], start="2019-03-01")
    outside = make_hire(team["employer_id"], start="2023-03-01", dates={})
    add_document(inside, PDF)
    response = team["hr_api"].post("/api/v1/inspection-packs", json={"from": "2020-01-01", "to": "2020-12-31"})
    assert response.status_code == 202
    pack_id = response.get_json()["job"]["id"]
    assert run_pack(pack_id) == "ready"
    response = team["hr_api"].get(f"/api/v1/inspection-packs/{pack_id}?download=1")
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["hire_ids"] == [inside]
    assert f"hires/{inside}/report/compliance-report.json" in archive.namelist()
    assert not any(name.startswith(f"hires/{outside}/") for name in archive.namelist())


def test_a_range_must_be_two_dates_in_order(team):
    """POST /inspection-packs with a bad range answers 422 naming the field."""
    response = team["hr_api"].post("/api/v1/inspection-packs", json={"from": "2020-12-31", "to": "2020-01-01"})
    assert response.status_code == 422 and "to" in response.get_json()["errors"]
    response = team["hr_api"].post("/api/v1/inspection-packs", json={"from": "soon", "to": "2020-01-01"})
    assert response.status_code == 422 and "from" in response.get_json()["errors"]


def test_export_pack_on_the_command_line_prints_the_zip_path(app, team, hire_with_documents, tmp_path):
    """`flask hires export-pack HIRE_ID` builds in the foreground and prints the path of a valid ZIP."""
    hire_id, ids = hire_with_documents
    output = tmp_path / "pack.zip"
    result = app.test_cli_runner().invoke(args=["hires", "export-pack", str(hire_id), "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == str(output)
    with zipfile.ZipFile(output) as archive:
        assert archive.read(f"documents/passport/{ids['pdf']}.pdf") == PDF


def test_export_pack_for_an_employer_and_range(app, team, make_hire, tmp_path):
    """`flask hires export-pack --employer NAME --from --to` packs every hire of the range."""
    from employer_portal.extensions import db
    from employer_portal.models import Employer

    hire_id = make_hire(team["employer_id"])
    with app.app_context():
        name = db.session.get(Employer, team["employer_id"]).name
    output = tmp_path / "range.zip"
    result = app.test_cli_runner().invoke(args=["hires", "export-pack", "--employer", name, "--from", "2019-01-01",
                                                "--to", "2019-12-31", "--output", str(output)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(output) as archive:
        assert json.loads(archive.read("manifest.json"))["hire_ids"] == [hire_id]

"""Files handled as a bank would: refused with a plain reason and nothing kept (issue 12, item 2)."""
from __future__ import annotations

import os

from worker_document_samples import EMPLOYER_ITEM, ICT_C63, PDF, WORKER_ITEM  # noqa: F401


def _refused(response, status=422):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    return response.get_json()["detail"]


def test_a_worker_pdf_is_kept_and_waits_for_review(hire_id, new_link, upload, document_rows):
    """Issue 12: `POST {url}/items/{item_key}` → 201 {"document": {"id", "status": "pending_review"}}."""
    link = new_link(hire_id)
    response = upload(link["path"], WORKER_ITEM, PDF, "employment.pdf")
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()["document"]
    assert body["status"] == "pending_review"
    [row] = document_rows()
    assert (row.id, row.content_type, row.original_name) == (body["id"], "application/pdf", "employment.pdf")


def test_an_executable_renamed_pdf_is_refused_and_nothing_stored(hire_id, new_link, upload, stored_files,
                                                                document_rows):
    """Issue 12: files are identified by content, not by name; an executable named .pdf is refused."""
    link = new_link(hire_id)
    before = stored_files()
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + os.urandom(2000)
    detail = _refused(upload(link["path"], WORKER_ITEM, program, "passport.pdf"))
    assert "program" in detail
    assert stored_files() == before and document_rows() == []


def test_a_text_file_named_pdf_is_refused_as_not_a_pdf_jpeg_or_png(hire_id, new_link, upload, document_rows):
    """Issue 12: PDF, JPEG, PNG only, identified by content."""
    link = new_link(hire_id)
    detail = _refused(upload(link["path"], WORKER_ITEM, b"hello, I am text\n" * 10, "letter.pdf"))
    assert "not a PDF, JPEG or PNG" in detail
    assert document_rows() == []


def test_a_heic_photo_is_refused_with_how_to_send_it(hire_id, new_link, upload, document_rows):
    """Issue 12: HEIC converted or refused with a message (no HEIC library here: refused)."""
    link = new_link(hire_id)
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200
    detail = _refused(upload(link["path"], WORKER_ITEM, heic, "IMG_0001.HEIC"))
    assert "HEIC" in detail and "JPEG" in detail
    assert document_rows() == []


def test_a_file_over_the_per_file_cap_is_refused_413(app, monkeypatch, hire_id, new_link, upload, stored_files,
                                                     document_rows):
    """Issue 12: a size cap per file (10 MB default; 1 MB here) → 413 with a plain reason."""
    monkeypatch.setitem(app.config, "UPLOAD_MAX_FILE_MB", 1)
    link = new_link(hire_id)
    before = stored_files()
    big = PDF[:-6] + b"%" + b"x" * (1024 * 1024) + b"\n%%EOF\n"
    detail = _refused(upload(link["path"], WORKER_ITEM, big, "big.pdf"), 413)
    assert "larger than 1 MB" in detail
    assert stored_files() == before and document_rows() == []


def test_a_50_mb_upload_is_refused_413_and_nothing_stored(hire_id, new_link, upload, stored_files, document_rows):
    """Issue 12: 'Refused with a plain message and nothing stored: … a 50 MB file'."""
    link = new_link(hire_id)
    before = stored_files()
    fifty = PDF[:-6] + b"%" + b"\0" * (50 * 1024 * 1024) + b"\n%%EOF\n"
    detail = _refused(upload(link["path"], WORKER_ITEM, fifty, "huge.pdf"), 413)
    assert "larger than 10 MB" in detail
    assert stored_files() == before and document_rows() == []


def test_the_per_hire_cap_refuses_the_file_that_would_pass_it(app, monkeypatch, hire_id, new_link, upload,
                                                              document_rows):
    """Issue 12: a size cap per hire (UPLOAD_MAX_HIRE_MB)."""
    monkeypatch.setitem(app.config, "UPLOAD_MAX_HIRE_MB", 1)
    link = new_link(hire_id)
    part = PDF[:-6] + b"%" + b"y" * (600 * 1024) + b"\n%%EOF\n"
    assert upload(link["path"], WORKER_ITEM, part, "one.pdf").status_code == 201
    second = part.replace(b"y", b"z")
    detail = _refused(upload(link["path"], WORKER_ITEM, second, "two.pdf"), 413)
    assert "most we keep for one person" in detail
    assert len(document_rows()) == 1


def test_a_path_as_file_name_is_only_a_label_never_a_path(app, hire_id, new_link, upload, stored_files,
                                                          document_rows):
    """Issue 12: file names are never used as paths; the file is kept by content hash."""
    import hashlib
    from pathlib import Path

    link = new_link(hire_id)
    assert upload(link["path"], WORKER_ITEM, PDF, "../../etc/passwd").status_code == 201
    [row] = document_rows()
    assert row.original_name == "passwd"
    assert row.storage_key == f"documents/{row.employer_id}/{hashlib.sha256(PDF).hexdigest()}"
    root = Path(app.config["FILE_STORAGE_DIR"]).resolve()
    assert all(root in p.resolve().parents for p in stored_files())
    assert not (root.parent / "etc" / "passwd").exists()


def test_the_stored_bytes_are_ciphertext_not_the_pdf(app, hire_id, new_link, upload, document_rows):
    """Issue 12: stored encrypted at rest with the data key (passport scans are personal data)."""
    from pathlib import Path

    link = new_link(hire_id)
    assert upload(link["path"], WORKER_ITEM, PDF, "scan.pdf").status_code == 201
    [row] = document_rows()
    stored = (Path(app.config["FILE_STORAGE_DIR"]) / row.storage_key).read_bytes()
    assert b"%PDF" not in stored and PDF not in stored
    assert stored.startswith(b"EPS1")


def test_another_hires_item_is_refused_through_this_link(new_hire, new_link, upload, document_rows):
    """Issue 12: links are single-hire; an item the link's hire does not have is refused (404)."""
    ict_hire = new_hire()
    gts = {**ICT_C63, "program": "gts_b", "ict": None}
    gts_hire = new_hire(payload=gts)
    link = new_link(gts_hire)
    response = upload(link["path"], WORKER_ITEM, PDF, "scan.pdf")
    assert response.status_code == 404 and "no such document" in response.get_json()["detail"]
    assert ict_hire and document_rows() == []


def test_an_employer_item_is_refused_through_the_worker_link(hire_id, new_link, upload, document_rows):
    """Issue 12: the worker's page lists (and takes) only the items the worker provides."""
    link = new_link(hire_id)
    assert upload(link["path"], EMPLOYER_ITEM, PDF, "letter.pdf").status_code == 404
    assert document_rows() == []


def test_a_missing_file_field_says_so(hire_id, new_link, client):
    """Contract: the upload is a multipart field `file`."""
    link = new_link(hire_id)
    response = client.post(f"{link['path']}/items/{WORKER_ITEM}", data={"other": "x"},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "file" in response.get_json()["detail"]


def test_images_are_typed_by_their_content_not_their_name(hire_id, new_link, upload, document_rows, png, jpeg):
    """Issue 12: PDF, JPEG, PNG identified by content: a PNG named .pdf is kept as a PNG."""
    link = new_link(hire_id)
    assert upload(link["path"], WORKER_ITEM, png, "scan.pdf").status_code == 201
    assert upload(link["path"], WORKER_ITEM, jpeg, "photo.png").status_code == 201
    assert [row.content_type for row in document_rows()] == ["image/png", "image/jpeg"]


def test_a_cut_off_image_is_refused_as_damaged(hire_id, new_link, upload, document_rows, jpeg):
    """A file that starts like a JPEG but does not decode is refused (nothing kept)."""
    link = new_link(hire_id)
    detail = _refused(upload(link["path"], WORKER_ITEM, jpeg[:40], "photo.jpg"))
    assert "damaged" in detail and document_rows() == []


def test_deleting_a_draft_removes_its_stored_files(team, hire_id, new_link, upload, stored_files):
    """A draft was never filed, so no retention duty (IRPR R209.2/R209.3) keeps its uploads: a passport scan must not
    outlive the draft it was sent for."""
    before = set(stored_files())
    link = new_link(hire_id)
    assert upload(link["path"], WORKER_ITEM, PDF + b"%% draft-only", "scan.pdf").status_code == 201
    [added] = set(stored_files()) - before
    assert team["api"].delete(f"/api/v1/hires/{hire_id}").status_code == 204
    assert not added.exists()


def test_deleting_a_draft_keeps_a_file_another_hire_still_uses(team, new_hire, new_link, upload, stored_files):
    """Files are stored by content: the same scan sent for two hires stays while the other hire keeps it."""
    before = set(stored_files())
    first, second = new_hire(), new_hire()
    for hire in (first, second):
        assert upload(new_link(hire)["path"], WORKER_ITEM, PDF + b"%% shared", "scan.pdf").status_code == 201
    [added] = set(stored_files()) - before
    assert team["api"].delete(f"/api/v1/hires/{first}").status_code == 204
    assert added.exists()

"""Bulk import of drafts from a CSV (issue 10 item 5): a preview with per-row errors, nothing half-imported.

Decision: rows with errors are never imported. When some rows have errors, the valid ones are imported only on
explicit confirmation ("import the other rows and skip these", naming the skipped lines); the import of the
confirmed rows is one transaction, so a failure at commit leaves nothing behind.
"""
from __future__ import annotations

import io
import re
from html import unescape

import pytest

from employer_portal.hires import bulk_import

HEADER = ("given_name,family_name,email,citizenships,program,title,noc_code,province,city,wage_amount,wage_period,"
          "hours_per_week,start_date,end_date")
GOOD = "Ana,Silva,ana@example.com,\"BR, PT\",gts_b,Software engineer,21231,ON,Toronto,\"135,000\",year,40,2027-03-01,2029-02-28"
GOOD2 = "Lee,Park,,KR,gts_a,Data scientist,21211,ON,Toronto,120000,year,40,2027-03-01,2029-02-28"
BAD = "Zoe,Martin,,FR,ict,Plant manager,90010,ON,Toronto,lots,year,40,2027-03-01,2029-02-28"


def _csv(*rows, encoding="utf-8", header=HEADER) -> bytes:
    return ("\r\n".join((header,) + rows) + "\r\n").encode(encoding)


def _upload(client, csrf_of, raw: bytes, name="hires.csv"):
    csrf = csrf_of(client.get("/hires/import").get_data(as_text=True))
    return client.post("/hires/import", data={"csrf_token": csrf, "file": (io.BytesIO(raw), name)},
                       content_type="multipart/form-data")


def _confirm(client, preview_html: str, **extra):
    fields = {n: unescape(v) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', preview_html)}
    return client.post("/hires/import/confirm", data={**fields, **extra})


def _drafts(api_for, hr):
    return api_for(hr).get("/api/v1/hires?per_page=100").get_json()["items"]


def test_preview_lists_every_row_with_its_errors_and_saves_nothing(client, login, hr, csrf_of, api_for):
    """The upload shows each row and its per-row errors, checked by the hire schema; nothing is stored yet."""
    login(client, hr)
    response = _upload(client, csrf_of, _csv(GOOD, BAD, GOOD2))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-line="2" data-valid="true"' in page and 'data-line="3" data-valid="false"' in page
    assert "<code>wage_amount</code>" in page
    assert _drafts(api_for, hr) == []


def test_confirm_imports_all_rows_when_every_row_is_valid(client, login, hr, csrf_of, api_for):
    """All valid: one confirmation creates one draft per row, with the values of the file."""
    login(client, hr)
    preview = _upload(client, csrf_of, _csv(GOOD, GOOD2)).get_data(as_text=True)
    response = _confirm(client, preview)
    assert response.status_code == 302
    items = sorted(_drafts(api_for, hr), key=lambda h: h["hire"]["worker"]["given_name"])
    assert [h["status"] for h in items] == ["draft", "draft"]
    ana = items[0]["hire"]
    assert ana["worker"]["citizenships"] == ["BR", "PT"] and ana["position"]["wage"]["amount"] == 135000
    assert ana["program"] == "gts_b" and ana["position"]["city"] == "Toronto"


def test_rows_with_errors_block_the_import_until_skipping_is_confirmed(client, login, hr, csrf_of, api_for):
    """Nothing half-imported: with a bad row, confirm without 'skip these' imports nothing."""
    login(client, hr)
    preview = _upload(client, csrf_of, _csv(GOOD, BAD, GOOD2)).get_data(as_text=True)
    assert "skip these: line(s) 3" in preview
    refused = _confirm(client, preview)
    assert refused.status_code == 422 and _drafts(api_for, hr) == []
    assert _confirm(client, preview, skip_invalid="1").status_code == 302
    names = sorted(h["hire"]["worker"]["given_name"] for h in _drafts(api_for, hr))
    assert names == ["Ana", "Lee"]


def test_a_failure_at_commit_imports_nothing(client, login, hr, csrf_of, api_for, monkeypatch):
    """One transaction: if the second draft fails while saving, the first one does not land either."""
    from employer_portal.hires import service

    real, calls = service.create_draft, []

    def flaky(employer_id, data, actor):
        calls.append(1)
        if len(calls) == 2:
            raise service.InvalidHire({"position.title": ["simulated failure"]})
        return real(employer_id, data, actor)

    login(client, hr)
    preview = _upload(client, csrf_of, _csv(GOOD, GOOD2)).get_data(as_text=True)
    monkeypatch.setattr(service, "create_draft", flaky)
    response = _confirm(client, preview)
    assert response.status_code == 422 and "nothing was imported" in response.get_data(as_text=True)
    assert _drafts(api_for, hr) == []


def test_each_imported_draft_is_audited_as_created(client, login, hr, csrf_of, app):
    """Audit: every imported draft has its 'created' event by the importing user."""
    from employer_portal.extensions import db
    from employer_portal.models import AuditEvent

    login(client, hr)
    _confirm(client, _upload(client, csrf_of, _csv(GOOD, GOOD2)).get_data(as_text=True))
    with app.app_context():
        events = db.session.query(AuditEvent).filter_by(entity="hire", action="created").all()
        assert len(events) == 2 and {e.actor_label for e in events} == {hr.email}


def test_confirming_the_same_file_twice_imports_it_once(client, login, hr, csrf_of, api_for):
    """A second click on Import (or the back button) does not create the drafts again; the file import is audited."""
    login(client, hr)
    preview = _upload(client, csrf_of, _csv(GOOD)).get_data(as_text=True)
    _confirm(client, preview)
    second = _confirm(client, preview)
    assert second.status_code == 302 and len(_drafts(api_for, hr)) == 1
    assert "already imported" in client.get(second.headers["Location"]).get_data(as_text=True)


def test_a_changed_file_is_not_imported_from_a_stale_preview(client, login, hr, csrf_of, api_for):
    """The confirm step imports exactly what the preview showed."""
    login(client, hr)
    preview = _upload(client, csrf_of, _csv(GOOD)).get_data(as_text=True)
    fields = {n: unescape(v) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', preview)}
    fields["csv"] = fields["csv"] + GOOD2 + "\n"
    assert client.post("/hires/import/confirm", data=fields).status_code == 400
    assert _drafts(api_for, hr) == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_utf8_bom_and_windows_1252_files_are_read(encoding):
    """Excel saves CSV as UTF-8 with a BOM or as Windows-1252: accents survive both."""
    raw = _csv("José,Müller,,BR,gts_b,Ingénieur,21231,QC,Montréal,135000,year,40,2027-03-01,", encoding=encoding)
    preview = bulk_import.preview(bulk_import.decode(raw))
    assert preview.rows[0].payload["worker"]["given_name"] == "José"
    assert preview.rows[0].payload["position"]["city"] == "Montréal"


def test_a_formula_cell_is_refused_and_our_own_apostrophe_is_dropped():
    """OWASP CSV injection: '=HYPERLINK(…)' is refused; a value our Excel export protected with ' is read back."""
    preview = bulk_import.preview("\n".join([HEADER, GOOD.replace("Ana", "=HYPERLINK(\"http://x\")", 1),
                                             GOOD.replace("Ana", "'=Ana", 1)]))
    assert "formula" in " ".join(preview.rows[0].errors["given_name"])
    assert preview.rows[1].valid and preview.rows[1].payload["worker"]["given_name"] == "=Ana"


def test_unknown_columns_and_too_many_rows_are_refused():
    """Unknown columns (e.g. a passport number) are refused; more than 1,000 rows is refused."""
    with pytest.raises(bulk_import.ImportFileError, match="passport_number"):
        bulk_import.preview("given_name,passport_number\nAna,YB1234567\n")
    with pytest.raises(bulk_import.ImportFileError, match="1000 rows"):
        bulk_import.preview("\n".join([HEADER] + [GOOD] * 1001))


def test_a_file_over_the_size_cap_is_refused(client, login, hr, csrf_of):
    """A file over the size cap gets a plain message, not a server error."""
    login(client, hr)
    response = _upload(client, csrf_of, b"given_name\n" + b"A" * (bulk_import.MAX_BYTES + 10))
    assert response.status_code == 422 and "larger than" in response.get_data(as_text=True)


def test_viewers_cannot_import(client, login, make, hr):
    """Editors only."""
    login(client, make.user(hr.employer_id, role="viewer"))
    assert client.get("/hires/import").status_code == 403

"""Retention of worker documents: kept six years from the first day of work under each permit, no end
while the hire is under way, deleted early only by an admin with a reason, never under a legal hold,
purged after the date by a job that records it (issue 12 item 4)."""
from __future__ import annotations

import datetime as dt

import pytest

from inspection_samples import DATES_2019

UTC = dt.timezone.utc
R209 = "IRPR R209.2(1)(b), R209.3(1)(c): 'during a period of six years beginning on the first day of the period of employment for which the work permit is issued'"


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 2, 14, 0, tzinfo=UTC), tick=False)


def _document(app, document_id):
    from employer_portal.extensions import db
    from employer_portal.models import Document

    with app.app_context():
        row = db.session.get(Document, document_id)
        db.session.expunge(row)
        return row


def _audit(app, entity, entity_id):
    from sqlalchemy import select

    from employer_portal.extensions import db
    from employer_portal.models import AuditEvent

    with app.app_context():
        return [(e.action, e.actor_label, e.changes) for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
            .order_by(AuditEvent.id))]


def test_keep_until_has_no_end_while_the_hire_is_under_way():
    """IRPR R209.2(1)(b): each permit starts six more years, so an active hire's records have no end date yet."""
    from employer_portal.inspection.retention import keep_until

    assert keep_until("active", [dt.date(2025, 3, 1)]) is None
    assert keep_until("approved", []) is None


def test_keep_until_an_ended_hire_is_the_latest_permit_s_six_years():
    """IRPR R209.2(1)(b), R209.3(1)(c): six years from the first day under each permit; the latest counts."""
    from employer_portal.inspection.retention import keep_until

    assert keep_until("ended", [dt.date(2025, 3, 1), dt.date(2033, 3, 1)]) == dt.date(2033, 3, 1)
    assert keep_until("withdrawn", []) is None  # no first day of work recorded: keep


def test_accepting_a_document_of_an_ended_hire_sets_its_retention_date(app, team, make_hire, add_document):
    """IRPR R209.3(1)(c): the document is kept six years from the first day of work (2019-03-01 → 2025-03-01)."""
    hire_id = make_hire(team["employer_id"], status="ended")
    document_id = add_document(hire_id, b"%PDF-1.4 passport", status="accepted")
    assert _document(app, document_id).retain_until == dt.date(2025, 3, 1)


def test_ending_the_hire_gives_its_documents_their_retention_date(app, team, make_hire, add_document):
    """IRPR R209.2(1)(b): the date is set once the hire stops; before that there is none."""
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    hire_id = make_hire(team["employer_id"], status="active")
    document_id = add_document(hire_id, b"%PDF-1.4 offer", status="accepted")
    assert _document(app, document_id).retain_until is None
    with app.app_context():
        db.session.get(Hire, hire_id).status = "ended"
        db.session.commit()
    assert _document(app, document_id).retain_until == dt.date(2025, 3, 1)


def test_hr_cannot_delete_a_document_before_its_retention_date(app, team, make_hire, add_document):
    """IRPR R209.3(1)(c): records are kept six years; only an admin's audited action may delete one earlier."""
    hire_id = make_hire(team["employer_id"], status="active")
    document_id = add_document(hire_id, b"%PDF-1.4 offer")
    response = team["hr_api"].delete(f"/api/v1/documents/{document_id}", json={"reason": "duplicate"})
    assert response.status_code == 403
    assert "only an admin" in response.get_json()["detail"]
    assert _document(app, document_id).status == "accepted"
    assert "deleted" not in [action for action, _actor, _changes in _audit(app, "document", document_id)]


def test_an_admin_needs_a_reason_to_delete_before_the_retention_date(app, team, make_hire, add_document):
    """IRPR R209.3(1)(c): an early deletion must say why (422 without a reason, nothing deleted)."""
    hire_id = make_hire(team["employer_id"], status="active")
    document_id = add_document(hire_id, b"%PDF-1.4 offer")
    response = team["admin_api"].delete(f"/api/v1/documents/{document_id}")
    assert response.status_code == 422
    assert response.get_json()["errors"]["reason"]
    assert _document(app, document_id).status == "accepted"


def test_an_admin_deletion_before_the_date_is_audited_with_its_reason(app, team, make_hire, add_document):
    """IRPR R209.3(1)(c): the early deletion is recorded (who, why, the date it was kept until); the file is gone."""
    from employer_portal.inspection import documents

    hire_id = make_hire(team["employer_id"], status="active")
    document_id = add_document(hire_id, b"%PDF-1.4 wrong worker's passport")
    key = _document(app, document_id).storage_key
    response = team["admin_api"].delete(f"/api/v1/documents/{document_id}",
                                        json={"reason": "uploaded for the wrong hire"})
    assert response.status_code == 204
    row = _document(app, document_id)
    assert (row.status, row.storage_key, row.original_name, row.delete_reason) == \
        ("deleted", None, "", "uploaded for the wrong hire")
    action, actor, changes = _audit(app, "document", document_id)[-1]
    assert (action, actor) == ("deleted", team["admin"].email)
    assert changes["reason"] == [None, "uploaded for the wrong hire"]
    assert changes["before_retention_date"] == [None, True]
    with app.app_context():
        assert not documents.file_exists(key)


def test_a_legal_hold_blocks_deletion_even_by_an_admin(app, team, make_hire, add_document):
    """A legal hold stops every deletion of the hire's documents until an admin lifts it."""
    hire_id = make_hire(team["employer_id"], status="ended")
    document_id = add_document(hire_id, b"%PDF-1.4 offer")
    response = team["admin_api"].post(f"/api/v1/hires/{hire_id}/legal-hold",
                                      json={"on": True, "reason": "ESDC inspection opened"})
    assert response.status_code == 200 and response.get_json()["legal_hold"] is True
    response = team["admin_api"].delete(f"/api/v1/documents/{document_id}", json={"reason": "clean-up"})
    assert response.status_code == 409
    assert "legal hold" in response.get_json()["detail"]
    assert _document(app, document_id).status == "accepted"
    action, actor, changes = _audit(app, "hire", hire_id)[-1]
    assert (action, actor, changes["reason"]) == ("legal_hold_placed", team["admin"].email,
                                                  [None, "ESDC inspection opened"])


def test_only_an_admin_places_a_legal_hold_and_always_with_a_reason(team, make_hire):
    """The hold is an admin's audited act: HR gets 403, a missing reason 422."""
    hire_id = make_hire(team["employer_id"])
    assert team["hr_api"].post(f"/api/v1/hires/{hire_id}/legal-hold",
                               json={"on": True, "reason": "x"}).status_code == 403
    response = team["admin_api"].post(f"/api/v1/hires/{hire_id}/legal-hold", json={"on": True})
    assert response.status_code == 422 and response.get_json()["errors"]["reason"]


def test_after_the_retention_date_hr_may_delete_without_an_admin(app, team, make_hire, add_document):
    """IRPR R209.3(1)(c): once the six years are over the document need not be kept."""
    hire_id = make_hire(team["employer_id"], status="ended")
    document_id = add_document(hire_id, b"%PDF-1.4 offer")
    assert team["hr_api"].delete(f"/api/v1/documents/{document_id}").status_code == 204
    assert _document(app, document_id).status == "deleted"


def test_the_purge_job_purges_only_documents_past_their_date_and_audits(app, team, make_hire, add_document):
    """IRPR R209.3(1)(c): after six years the job purges (file and content) and records it; a hire still
    under way, one within its six years, and one under a legal hold keep theirs."""
    from employer_portal.extensions import db
    from employer_portal.inspection import documents
    from employer_portal.models import Hire
    from tasks.inspection import purge_expired_documents

    employer_id = team["employer_id"]
    past = add_document(make_hire(employer_id, status="ended"), b"%PDF-1.4 past")
    active = add_document(make_hire(employer_id, status="active"), b"%PDF-1.4 active")
    recent_dates = {**DATES_2019, "work_permit_issued_on": "2023-02-15", "work_permit_applied_on": "2023-01-05",
                    "work_permit_expires_on": "2025-02-28", "first_day_of_work": "2023-03-01"}
    recent = add_document(make_hire(employer_id, status="ended", dates=recent_dates, start="2023-03-01"),
                          b"%PDF-1.4 recent")
    held_hire = make_hire(employer_id, status="ended")
    held = add_document(held_hire, b"%PDF-1.4 held")
    with app.app_context():
        db.session.get(Hire, held_hire).legal_hold = True
        db.session.commit()
    past_key = _document(app, past).storage_key

    with app.app_context():
        assert purge_expired_documents.apply().get() == 1

    row = _document(app, past)
    assert (row.status, row.storage_key, row.original_name) == ("purged", None, "")
    with app.app_context():
        assert not documents.file_exists(past_key)
    action, actor, changes = _audit(app, "document", past)[-1]
    assert (action, actor, changes["status"]) == ("purged", "retention job", ["accepted", "purged"])
    assert _document(app, recent).retain_until == dt.date(2029, 3, 1)
    for kept in (active, recent, held):
        assert _document(app, kept).status == "accepted"


def test_a_renewal_recorded_later_moves_the_retention_date(app, team, make_hire, add_document):
    """IRPR R209.2(1)(b): each permit starts its own six years, so a renewal (first day 2021-03-01) keeps
    the documents until 2027-03-01 instead of 2025-03-01."""
    hire_id = make_hire(team["employer_id"], status="ended")
    document_id = add_document(hire_id, b"%PDF-1.4 offer")
    assert _document(app, document_id).retain_until == dt.date(2025, 3, 1)
    response = team["hr_api"].post(f"/api/v1/hires/{hire_id}/permits", json={
        "issued_on": "2021-02-01", "expires_on": "2024-02-28", "employment_start_on": "2021-03-01"})
    assert response.status_code == 201, response.get_json()
    assert _document(app, document_id).retain_until == dt.date(2027, 3, 1)


def test_accepting_through_the_review_api_sets_the_retention_date(app, team, make_hire, add_document):
    """IRPR R209.3(1)(c): HR's acceptance (POST /documents/{id}/accept) gives the document its keep-until date."""
    hire_id = make_hire(team["employer_id"], status="ended")
    document_id = add_document(hire_id, b"%PDF-1.4 passport", status="pending_review")
    response = team["hr_api"].post(f"/api/v1/documents/{document_id}/accept")
    assert response.status_code == 200, response.get_json()
    assert _document(app, document_id).retain_until == dt.date(2025, 3, 1)

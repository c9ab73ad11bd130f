"""Category A quota for stored hires, and the audit trail of every change."""
from __future__ import annotations

from employer_portal.models import AuditEvent


def _approved_gts_a(api, payload, approved_on):
    hire_id = api.post("/api/v1/hires", json=payload).get_json()["id"]
    assert api.post(f"/api/v1/hires/{hire_id}/submit").status_code == 200
    api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "filed"})
    response = api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "approved", "approved_on": approved_on})
    assert response.status_code == 200
    return hire_id


def _codes(report):
    return [f["code"] for f in report["findings"]]


def test_third_category_a_hire_of_the_year_needs_the_higher_floor(api, gts_a):
    _approved_gts_a(api, gts_a, "2027-01-10")
    _approved_gts_a(api, gts_a, "2027-02-10")
    third = api.post("/api/v1/hires", json=gts_a).get_json()
    finding = next(f for f in third["report"]["findings"] if f["code"] == "GTS_A_WAGE_BELOW_FLOOR")
    assert "$72.11/h" in finding["message"] and "$150,000" in finding["message"]
    assert third["report"]["eligible"] is False


def test_third_category_a_hire_at_the_higher_floor_is_eligible(api, gts_a):
    _approved_gts_a(api, gts_a, "2027-01-10")
    _approved_gts_a(api, gts_a, "2027-02-10")
    gts_a["position"]["wage"]["amount"] = 150000
    third = api.post("/api/v1/hires", json=gts_a).get_json()
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _codes(third["report"])


def test_category_a_hires_approved_last_year_do_not_count(api, gts_a):
    _approved_gts_a(api, gts_a, "2026-05-10")
    _approved_gts_a(api, gts_a, "2026-06-10")
    third = api.post("/api/v1/hires", json=gts_a).get_json()  # starts 2027-03-01
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _codes(third["report"])
    assert third["report"]["eligible"] is True


def test_stored_count_overrides_the_payloads_own_count(api, gts_a):
    gts_a["gts"]["category_a_positions_this_year"] = 5
    hire = api.post("/api/v1/hires", json=gts_a).get_json()
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _codes(hire["report"])


def test_other_employers_category_a_hires_do_not_count(api, make, api_for, gts_a):
    other = api_for(make.user(make.employer("Other Co"), role="hr"))
    _approved_gts_a(other, gts_a, "2027-01-10")
    _approved_gts_a(other, gts_a, "2027-02-10")
    hire = api.post("/api/v1/hires", json=gts_a).get_json()
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _codes(hire["report"])


def _events(db, hire_id):
    from sqlalchemy import select

    return db.session.scalars(select(AuditEvent).where(AuditEvent.entity == "hire", AuditEvent.entity_id == hire_id)
                              .order_by(AuditEvent.id)).all()


def test_every_change_is_audited_with_who_and_old_to_new(api, hr, gts_b, db):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.patch(f"/api/v1/hires/{hire_id}", json={"position": {"title": "Staff engineer", "hours_per_week": 37.5}})
    api.post(f"/api/v1/hires/{hire_id}/submit")
    api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "filed"})
    # Other features (checklists) may add their own events to the hire's trail; these are the hire's.
    events = [e for e in _events(db, hire_id) if e.action in ("created", "updated", "submitted", "status_changed")]
    assert [e.action for e in events] == ["created", "updated", "submitted", "status_changed"]
    assert all(e.actor_user_id == hr.id and e.actor_label == hr.email and e.at for e in events)
    assert events[0].changes["position.noc_code"] == [None, "21231"]
    assert events[1].changes == {"position.title": ["Senior software engineer", "Staff engineer"],
                                 "position.hours_per_week": [40, 37.5]}
    assert events[2].changes == {"status": ["draft", "submitted"]}
    assert events[3].changes == {"status": ["submitted", "filed"]}


def test_deleting_a_draft_is_audited(api, gts_b, db):
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.delete(f"/api/v1/hires/{hire_id}")
    assert _events(db, hire_id)[-1].action == "deleted"


def test_hire_saved_signal_is_sent_on_every_change(api, gts_b, app):
    from employer_portal import signals

    seen = []

    def receiver(hire, actor=None, changes=None):
        seen.append((hire.id, hire.status, sorted(changes)))

    signals.hire_saved.connect(receiver)
    try:
        hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
        api.patch(f"/api/v1/hires/{hire_id}", json={"position": {"city": "Toronto"}})
        api.post(f"/api/v1/hires/{hire_id}/submit")
    finally:
        signals.hire_saved.disconnect(receiver)
    assert [s[1] for s in seen] == ["draft", "draft", "submitted"]
    assert seen[1][2] == ["position.city"]


def test_frozen_report_is_not_recomputed_after_submission(api, gts_b, db):
    from employer_portal.models import Hire

    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    frozen = api.post(f"/api/v1/hires/{hire_id}/submit").get_json()["frozen_report"]
    hire = db.session.get(Hire, hire_id)
    hire.payload = {**hire.payload, "position": {**hire.payload["position"], "noc_code": "99999"}}
    db.session.commit()
    api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "filed"})
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["frozen_report"] == frozen

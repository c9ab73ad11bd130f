"""Category A quota for stored hires, and the audit trail of every change."""
from __future__ import annotations

import time_machine

from employer_portal.models import AuditEvent


def _approved_gts_a(api, payload, approved_on):
    hire_id = api.post("/api/v1/hires", json=payload).get_json()["id"]
    assert api.post(f"/api/v1/hires/{hire_id}/submit").status_code == 200
    api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "filed"})
    # A recorded approval date cannot be in the future (issue 10): record it on the day it happened.
    with time_machine.travel(f"{approved_on} 12:00", tick=False):
        response = api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "approved", "approved_on": approved_on})
    assert response.status_code == 200
    return hire_id


def _codes(report):
    return [f["code"] for f in report["findings"]]


def _filed(payload, lmia_application_date, start_date=None):
    payload["filing"] = {"lmia_application_date": lmia_application_date}
    if start_date:
        payload["position"]["start_date"] = start_date
    return payload


def _finding(report, code):
    return next((f for f in report["findings"] if f["code"] == code), None)


def test_third_category_a_hire_of_the_year_needs_the_higher_floor(api, gts_a):
    """ESDC GTS requirements: 'at least $72.11 per hour ($150,000 annual base salary)' after the first 2 positions
    approved per calendar year; filed 2027-02-15, the decision is expected in 2027."""
    _approved_gts_a(api, gts_a, "2027-01-10")
    _approved_gts_a(api, gts_a, "2027-02-10")
    third = api.post("/api/v1/hires", json=_filed(gts_a, "2027-02-15")).get_json()
    finding = _finding(third["report"], "GTS_A_WAGE_BELOW_FLOOR")
    assert "$72.11/h" in finding["message"] and "$150,000" in finding["message"]
    assert third["report"]["eligible"] is False


def test_third_category_a_hire_at_the_higher_floor_is_eligible(api, gts_a):
    """ESDC GTS requirements: $150,000 a year at 40 h meets '$72.11 per hour ($150,000 annual base salary)'."""
    _approved_gts_a(api, gts_a, "2027-01-10")
    _approved_gts_a(api, gts_a, "2027-02-10")
    gts_a["position"]["wage"]["amount"] = 150000
    third = api.post("/api/v1/hires", json=_filed(gts_a, "2027-02-15")).get_json()
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _codes(third["report"])


def test_category_a_hires_approved_last_year_do_not_count(api, gts_a):
    """ESDC GTS requirements: the count resets on January 1; a decision expected in 2027 does not count 2026's."""
    _approved_gts_a(api, gts_a, "2026-05-10")
    _approved_gts_a(api, gts_a, "2026-06-10")
    third = api.post("/api/v1/hires", json=_filed(gts_a, "2027-01-20")).get_json()
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _codes(third["report"])
    assert third["report"]["eligible"] is True


def test_category_a_count_uses_the_decision_year_not_the_start_year(api, gts_a):
    """ESDC GTS requirements: positions 'approved by the TFWP per calendar year (resetting on January 1)' (review F-04):
    two approvals in 2026, a third filed 2026-12-10 (decision expected 2026-12-24) for a job starting 2027-02-01
    is position 3 of 2026 and needs $72.11/h ($150,000)."""
    _approved_gts_a(api, gts_a, "2026-03-10")
    _approved_gts_a(api, gts_a, "2026-09-10")
    third = api.post("/api/v1/hires", json=_filed(gts_a, "2026-12-10", start_date="2027-02-01")).get_json()
    finding = _finding(third["report"], "GTS_A_WAGE_BELOW_FLOOR")
    assert finding["severity"] == "blocker" and "$72.11/h" in finding["message"] and "$150,000" in finding["message"]
    year = _finding(third["report"], "GTS_A_POSITION_OF_YEAR")
    assert "position 3 of 2026" in year["message"] and "2026-12-24" in year["message"]


def test_category_a_count_without_a_filing_date_uses_this_year(api, gts_a):
    """API.md Amendments 2026-12: the LMIA application date + 10 business days, 'today when unknown'."""
    import time_machine

    _approved_gts_a(api, gts_a, "2027-01-10")
    _approved_gts_a(api, gts_a, "2027-02-10")
    with time_machine.travel("2027-04-01 12:00", tick=False):
        third = api.post("/api/v1/hires", json=gts_a).get_json()
    assert "position 3 of 2027" in _finding(third["report"], "GTS_A_POSITION_OF_YEAR")["message"]
    assert "GTS_A_WAGE_BELOW_FLOOR" in _codes(third["report"])


def test_an_approved_hire_counts_in_the_year_of_its_own_approval(api, gts_a, db):
    """ESDC GTS requirements: 'approved ... per calendar year': once decided, the decision date gives the year."""
    import datetime as dt

    from employer_portal.hires.service import category_a_positions, category_a_year
    from employer_portal.models import Hire

    _approved_gts_a(api, gts_a, "2026-03-10")
    late = db.session.get(Hire, _approved_gts_a(api, _filed(gts_a, "2026-11-02"), "2026-12-30"))
    assert category_a_year(late, today=dt.date(2027, 1, 5)).year == 2026
    assert category_a_positions(late, today=dt.date(2027, 1, 5)) == 1


def test_stored_count_overrides_the_payloads_own_count(api, gts_a):
    """API.md: for a stored hire the portal counts the employer's own Category A hires."""
    gts_a["gts"]["category_a_positions_this_year"] = 5
    hire = api.post("/api/v1/hires", json=gts_a).get_json()
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _codes(hire["report"])


def test_other_employers_category_a_hires_do_not_count(api, make, api_for, gts_a):
    """API.md: the portal counts the employer's own Category A hires."""
    other = api_for(make.user(make.employer("Other Co"), role="hr"))
    _approved_gts_a(other, gts_a, "2027-01-10")
    _approved_gts_a(other, gts_a, "2027-02-10")
    hire = api.post("/api/v1/hires", json=_filed(gts_a, "2027-02-15")).get_json()
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

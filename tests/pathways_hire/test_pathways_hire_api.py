"""A hire's candidate profile and outlook over the API: stored encrypted, audited without values,
tenant-scoped, read only for viewers; the timeline's dates become guidance deadlines with reminders."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from pathways_hire_samples import PERMIT_EXPIRES


def test_the_profile_is_saved_and_read_back_with_the_outlook(api, submitted_hire, profile):
    """ISSUE11 item 1: a candidate profile per hire, entered by HR."""
    response = api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=profile)
    assert response.status_code == 200, response.get_json()
    body = api.get(f"/api/v1/hires/{submitted_hire}/pathways").get_json()
    assert body["profile"]["education"] == "master"
    assert body["profile"]["first_language_clb"]["speaking"] == 9
    assert {"crs", "fsw", "cec", "provincial", "timeline", "sources"} <= set(body)


def test_the_profile_is_ciphertext_at_rest(api, submitted_hire, profile, db):
    """The profile is personal data: one AES-GCM column, nothing readable in the row."""
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=profile)
    row = db.session.execute(text("SELECT data FROM candidate_profiles WHERE hire_id = :id"),
                             {"id": submitted_hire}).scalar_one()
    assert row.startswith("v1:") and "master" not in row and "marital" not in row


def test_a_profile_change_is_audited_by_field_without_values(api, submitted_hire, profile, db):
    """Audited changes: who changed which profile field, never the personal value itself."""
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=profile)
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json={**profile, "education": "doctorate"})
    rows = db.session.execute(text(
        "SELECT action, changes::text AS changes, actor_label FROM audit_events "
        "WHERE entity = 'candidate_profile' AND entity_id = :id ORDER BY id"), {"id": submitted_hire}).all()
    assert [r.action for r in rows] == ["profile_created", "profile_saved"]
    assert '"profile.education"' in rows[1].changes and "doctorate" not in rows[1].changes
    assert "(changed)" in rows[1].changes and "master" not in rows[0].changes
    assert rows[1].actor_label.endswith("@example.com") or "@" in rows[1].actor_label


def test_the_age_comes_from_the_hires_date_of_birth(api, submitted_hire, profile):
    """The date of birth is not duplicated: the hire's encrypted date gives the age, a typed age is dropped."""
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json={**profile, "age": 50})
    body = api.get(f"/api/v1/hires/{submitted_hire}/pathways?as_of=2027-06-01").get_json()
    assert "age" not in body["profile"]
    assert any("Age 31 on 2027-06-01" in line for line in body["basis"])


def test_an_invalid_profile_is_422_naming_each_field(api, submitted_hire, profile):
    """problem+json with dotted paths, as the rest of the API."""
    response = api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile",
                       json={**profile, "education": "phd", "first_language_clb": {"listening": 13}})
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert "education" in errors and "first_language_clb.listening" in errors and "first_language_clb.reading" in errors


def test_a_gts_hire_starting_2027_03_01_at_40_hours_reaches_cec_a_year_later(api, submitted_hire, profile):
    """ISSUE11: 'A GTS hire starting 2027-03-01 at 40 hours shows the CEC date a year later and a timeline
    that ends before its permit expiry.' (IRPR R87.1(2)(a): 1,560 hours, 30 a week at most.)"""
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=profile)
    body = api.get(f"/api/v1/hires/{submitted_hire}/pathways?as_of=2026-12-02").get_json()
    # 52 weeks of 30 counted hours = 1,560 hours: 2027-03-01 + 364 days.
    assert body["cec"]["eligible_from"] == "2028-02-28"
    steps = [dt.date.fromisoformat(item["date"]) for item in body["timeline"]
             if item.get("date") and item["key"] != "permit_expires"]
    assert steps and max(steps) < dt.date.fromisoformat(PERMIT_EXPIRES)
    deadlines = api.get(f"/api/v1/hires/{submitted_hire}/deadlines").get_json()["deadlines"]
    pathway = {d["key"]: d["due_date"] for d in deadlines if d["key"].startswith("pathway:")}
    assert pathway["pathway:enter_pool"] == "2028-02-28"
    assert max(pathway.values()) < PERMIT_EXPIRES


def test_the_timeline_becomes_guidance_deadlines_with_reminders_in_the_outbox(api, submitted_hire, profile, db):
    """ISSUE11 item 4: the timeline's dates are deadlines with reminders like any other, labelled guidance."""
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=profile)
    deadlines = api.get(f"/api/v1/hires/{submitted_hire}/deadlines").get_json()["deadlines"]
    pathway = [d for d in deadlines if d["key"].startswith("pathway:")]
    assert pathway, [d["key"] for d in deadlines]
    by_key = {d["key"]: d for d in pathway}
    enter_pool = by_key["pathway:enter_pool"]  # derived from R87.1: a planning date
    assert enter_pool["title"].startswith("Pathways (guidance)") and "not a legal deadline" in enter_pool["why"]
    assert enter_pool["estimated"] is True
    extension = by_key["pathway:apply_for_extension_before"]  # R183(5): the rule itself, not guidance
    assert "guidance" not in extension["title"] and extension["estimated"] is False
    assert "permit_expires" not in {k.split(":", 1)[1] for k in by_key}  # the calculator has the expiry already
    ids = [d["id"] for d in pathway]
    planned = db.session.execute(text(
        "SELECT count(*) FROM reminder_outbox WHERE deadline_id = ANY(:ids) AND status = 'pending'"),
        {"ids": ids}).scalar_one()
    assert planned >= len(ids)


def test_the_guidance_deadlines_keep_their_keys_when_the_profile_changes(api, submitted_hire, profile):
    """Stable keys: a re-save updates the same rows (HR's done marks and sent reminders stay attached)."""
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=profile)
    first = {d["key"]: d["id"] for d in api.get(f"/api/v1/hires/{submitted_hire}/deadlines").get_json()["deadlines"]
             if d["key"].startswith("pathway:")}
    api.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json={**profile, "foreign_experience_years": 4})
    second = {d["key"]: d["id"] for d in api.get(f"/api/v1/hires/{submitted_hire}/deadlines").get_json()["deadlines"]
              if d["key"].startswith("pathway:")}
    assert first == second


def test_no_profile_means_no_guidance_deadlines(api, submitted_hire):
    """Without a profile the outlook is shown but nothing is planned on the worker's behalf."""
    deadlines = api.get(f"/api/v1/hires/{submitted_hire}/deadlines").get_json()["deadlines"]
    assert not [d for d in deadlines if d["key"].startswith("pathway:")]
    assert api.get(f"/api/v1/hires/{submitted_hire}/pathways").get_json()["profile"] is None


def test_another_employers_hire_is_404(make, api_for, api, submitted_hire, profile):
    """Tenant-scoped: another employer's hire is simply not found."""
    stranger = api_for(make.user(make.employer("Other Co"), role="admin"))
    assert stranger.get(f"/api/v1/hires/{submitted_hire}/pathways").status_code == 404
    assert stranger.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=profile).status_code == 404


def test_a_viewer_reads_the_outlook_but_cannot_change_the_profile(make, api_for, hr, submitted_hire, profile):
    """Viewers read only (403 on writes)."""
    viewer = api_for(make.user(hr.employer_id, role="viewer"))
    assert viewer.get(f"/api/v1/hires/{submitted_hire}/pathways").status_code == 200
    assert viewer.put(f"/api/v1/hires/{submitted_hire}/pathways/profile", json=profile).status_code == 403
    assert viewer.put("/api/v1/settings/pathways", json={"checklist_pdf_section": False}).status_code == 403


def test_the_pdf_setting_defaults_on_and_only_an_admin_changes_it(make, api_for, api, hr):
    """The Pathways section of the checklist PDF is optional per employer, on unless an admin turns it off."""
    assert api.get("/api/v1/settings/pathways").get_json() == {"checklist_pdf_section": True}
    assert api.put("/api/v1/settings/pathways", json={"checklist_pdf_section": False}).status_code == 403
    admin = api_for(make.user(hr.employer_id, role="admin"))
    assert admin.put("/api/v1/settings/pathways", json={"checklist_pdf_section": False}).get_json() == {
        "checklist_pdf_section": False}
    assert api.get("/api/v1/settings/pathways").get_json() == {"checklist_pdf_section": False}


def test_an_ict_hire_plans_against_its_category_cap(api, profile):
    """ISSUE11 item 4: 'From the permit expiry (and ICT caps)'. C63: 5 years in all, earlier ICT time counted
    (IRCC ICT instructions, as in the rule ICT_TOTAL_STAY_OVER_CAP)."""
    ict_hire = {
        "program": "ict",
        "worker": {"given_name": "Ana", "family_name": "Silva", "citizenships": ["BR"],
                   "highest_education": "master", "years_experience": 8, "date_of_birth": "1990-04-12"},
        "position": {"title": "Senior software engineer", "noc_code": "21231", "duties": "Design systems.",
                     "province": "BC", "city": "Vancouver", "wage": {"amount": 150000, "period": "year"},
                     "hours_per_week": 40, "start_date": "2027-03-01", "end_date": "2029-02-28"},
        "ict": {"foreign_employer": "Acme GmbH", "relationship": "parent", "category": "specialized_knowledge",
                "continuous_full_time_months": 30, "prior_ict_months_in_canada": 24},
    }
    hire_id = api.post("/api/v1/hires", json=ict_hire).get_json()["id"]
    api.put(f"/api/v1/hires/{hire_id}/pathways/profile", json=profile)
    body = api.get(f"/api/v1/hires/{hire_id}/pathways?as_of=2026-12-02").get_json()
    assert any("reached on 2030-03-01" in line for line in body["basis"])
    assert {"key": "ict_cap", "date": "2030-03-01"}.items() <= next(
        i for i in body["timeline"] if i["key"] == "ict_cap").items()

"""The hire page's Conditions section and the employer size on the settings page."""
from __future__ import annotations

from conditions_samples import set_size


def test_the_conditions_section_shows_on_an_active_hire_with_its_conditions(app, client, login, hr, hire_in):
    """Issue 14 item 5: a Conditions section on a running hire, with the penalty range for the employer's size."""
    set_size(app, hr.employer_id, 12)
    hire_id = hire_in("active")
    login(client, hr)
    html = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert 'id="conditions-heading"' in html and "small business" in html
    assert "R209.3(1)(a)(iv)" in html and 'data-terms-form' in html


def test_a_draft_has_no_conditions_section(client, login, hr, api):
    """The baseline exists from submission: a draft shows no Conditions section."""
    from conditions_samples import GTS_B

    hire_id = api.post("/api/v1/hires", json=GTS_B).get_json()["id"]
    login(client, hr)
    assert 'id="conditions-heading"' not in client.get(f"/hires/{hire_id}").get_data(as_text=True)


def test_the_form_records_a_raise_and_ignores_unchanged_fields(client, login, hr, api, hire_in, csrf_of):
    """The form sends every field with its current value; only the changed one is a change of terms."""
    hire_id = hire_in("active")
    login(client, hr)
    page = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    form = {"csrf_token": csrf_of(page), "job_title": "Senior software engineer", "noc_code": "21231",
            "wage_amount": "150000", "wage_period": "year", "hours_per_week": "40", "province": "ON",
            "city": "Toronto", "start_date": "2027-03-01", "end_date": "2029-02-28",
            "duties": "Design and build the payments platform."}
    response = client.post(f"/hires/{hire_id}/conditions/terms-changes", data=form)
    assert response.status_code == 302
    entry = api.get(f"/api/v1/hires/{hire_id}/conditions").get_json()["terms_changes"][0]
    assert entry["changes"] == {"wage_amount": [135000, 150000]} and entry["applied"] is True


def test_the_filing_form_shows_a_mismatch(client, login, hr, hire_in, csrf_of):
    """IRPR R209.3(1)(c)(i): a different NOC between the LMIA and the permit application is shown before filing."""
    hire_id = hire_in("submitted")
    login(client, hr)
    csrf = csrf_of(client.get(f"/hires/{hire_id}").get_data(as_text=True))
    client.post(f"/hires/{hire_id}/conditions/filing-records",
                data={"csrf_token": csrf, "lmia-number": "1234567", "lmia-noc_code": "21231",
                      "permit_application-noc_code": "21211"})
    html = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert 'data-code="TERMS_MISMATCH" data-field="noc_code"' in html and "21211" in html


def test_a_viewer_cannot_post_the_conditions_forms(make, client, login, hr, hire_in, csrf_of):
    """Roles: viewers read the section; its forms are refused (403)."""
    hire_id = hire_in("active")
    viewer = make.user(hr.employer_id, role="viewer")
    login(client, viewer)
    html = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert 'id="conditions-heading"' in html and "data-terms-form" not in html
    csrf = csrf_of(client.get("/settings/").get_data(as_text=True))
    for path in ("terms-changes", "filing-records"):
        assert client.post(f"/hires/{hire_id}/conditions/{path}",
                           data={"csrf_token": csrf, "wage_amount": "1"}).status_code == 403


def test_an_admin_sets_the_employer_size_and_hr_cannot(app, make, client, login, hr, csrf_of):
    """IRPR R209.93: the size (employees, revenue) picks the penalty column; an admin setting."""
    admin = make.user(hr.employer_id, role="admin")
    login(client, admin)
    csrf = csrf_of(client.get("/settings/").get_data(as_text=True))
    client.post("/settings/employer-size", data={"csrf_token": csrf, "employee_count": "250",
                                                 "annual_gross_revenue_cad": "12,000,000"})
    assert "large business" in client.get("/settings/").get_data(as_text=True)
    other = app.test_client()
    login(other, hr)
    csrf = csrf_of(other.get("/settings/").get_data(as_text=True))
    assert other.post("/settings/employer-size", data={"csrf_token": csrf, "employee_count": "5"}).status_code == 403

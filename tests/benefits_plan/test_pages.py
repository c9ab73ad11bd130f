"""The Benefits plan section and the compliance page: admins and HR change, viewers read (403 on writes),
and the section belongs to GTS hires only."""
from __future__ import annotations


def test_a_gts_hire_page_has_the_benefits_plan_section(client, login, hr_user, gts_hire):
    """Issue 14 item 3: a 'Benefits plan' section on GTS hire pages."""
    hire_id = gts_hire(hr_user)
    html = login(client, hr_user).get(f"/hires/{hire_id}").get_data(as_text=True)
    assert 'id="benefits-plan"' in html and "Add a commitment" in html


def test_an_ict_hire_page_has_no_benefits_plan_section(client, login, hr_user, gts_hire):
    """RULES.md 1.6: the LMBP is a GTS requirement only."""
    hire_id = gts_hire(hr_user, program="ict")
    html = login(client, hr_user).get(f"/hires/{hire_id}").get_data(as_text=True)
    assert 'id="benefits-plan"' not in html


def test_a_viewer_reads_the_section_and_the_compliance_page_but_cannot_change_them(
        client, login, make, csrf_of, hr_user, gts_hire):
    """Roles: viewers read, HR and admins change."""
    hire_id = gts_hire(hr_user)
    viewer = make.user(hr_user.employer_id, role="viewer")
    login(client, viewer)
    html = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert 'id="benefits-plan"' in html and "Add a commitment" not in html
    page = client.get("/compliance")
    assert page.status_code == 200 and "Save self-audit" not in page.get_data(as_text=True)
    csrf = csrf_of(page.get_data(as_text=True))
    assert client.post("/compliance/self-audit", data={"csrf_token": csrf, "answer-9": "yes"}).status_code == 403
    assert client.post(f"/hires/{hire_id}/benefits-plan/commitments",
                       data={"csrf_token": csrf, "benefit": "job_creation"}).status_code == 403


def test_hr_answers_the_self_audit_on_the_compliance_page(client, login, csrf_of, hr_user):
    """Issue 14 item 4: HR answers each condition with an evidence note; the stakes are shown beside it."""
    login(client, hr_user)
    page = client.get("/compliance").get_data(as_text=True)
    assert "per violation" in page and "ban from" in page
    response = client.post("/compliance/self-audit", data={"csrf_token": csrf_of(page), "answer-2": "yes",
                                                           "note-2": "Records kept in the HR system for 6 years"})
    assert response.status_code == 302
    assert "Records kept in the HR system" in client.get("/compliance").get_data(as_text=True)

"""The hire pages: list with filters, the draft form that keeps what was typed, detail, submit, route finder."""
from __future__ import annotations


def _form(csrf, **fields):
    data = {"csrf_token": csrf}
    data.update(fields)
    return data


GOOD_FORM = {
    "program": "gts_b", "worker.given_name": "Ana", "worker.family_name": "Silva", "worker.citizenships": "BR, PT",
    "worker.highest_education": "master", "worker.years_experience": "6", "worker.passport_number": "YB1234567",
    "position.title": "Senior software engineer", "position.noc_code": "21231", "position.province": "ON",
    "position.wage.amount": "135000", "position.wage.period": "year", "position.hours_per_week": "40",
    "position.start_date": "2027-03-01", "position.end_date": "2029-02-28",
}


def test_new_hire_form_saves_a_draft_and_shows_its_findings(client, login, hr, csrf_of, app):
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    response = client.post("/hires/new", data=_form(csrf, **GOOD_FORM))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="Ana"' in page
    assert "LMIA_REQUIRED" in page
    assert "56.73" in page and "jobbank-2025-11-19" in page and "2023-2024" in page


def test_form_keeps_every_typed_value_on_a_validation_error(client, login, hr, csrf_of):
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    bad = dict(GOOD_FORM, **{"position.wage.amount": "-5", "position.hours_per_week": "lots",
                             "worker.citizenships": "BR, XX"})
    response = client.post("/hires/new", data=_form(csrf, **bad))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    for value in ("Ana", "Silva", "BR, XX", "-5", "lots", "Senior software engineer", "2027-03-01", "YB1234567"):
        assert f'value="{value}"' in page, value
    assert 'id="position-wage-amount-error"' in page
    assert 'id="position-hours_per_week-error"' in page
    assert 'id="worker-citizenships-error"' in page


def test_partial_draft_saves_from_the_form(client, login, hr, csrf_of, api_for):
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    response = client.post("/hires/new", data=_form(csrf, **{"worker.given_name": "Ana"}))
    assert response.status_code == 302
    items = api_for(hr).get("/api/v1/hires").get_json()["items"]
    assert items[0]["hire"] == {"worker": {"given_name": "Ana"}}


def test_editing_a_draft_shows_a_blocker_then_submit_works_after_the_fix(client, login, hr, csrf_of, api_for):
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    low = dict(GOOD_FORM, **{"position.wage.amount": "60000"})
    edit_url = client.post("/hires/new", data=_form(csrf, **low)).headers["Location"]
    page = client.get(edit_url).get_data(as_text=True)
    assert "WAGE_BELOW_PREVAILING" in page and "Blockers" in page
    hire_id = int(edit_url.rstrip("/").split("/")[-2])
    assert client.post(f"/hires/{hire_id}/submit", data={"csrf_token": csrf}).status_code == 302
    assert api_for(hr).get(f"/api/v1/hires/{hire_id}").get_json()["status"] == "draft"
    client.post(edit_url, data=_form(csrf, **GOOD_FORM))
    client.post(f"/hires/{hire_id}/submit", data={"csrf_token": csrf})
    assert api_for(hr).get(f"/api/v1/hires/{hire_id}").get_json()["status"] == "submitted"
    detail = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert "Report frozen at submission" in detail
    assert "Status changed from Draft to Submitted" in detail


def test_detail_shows_the_audit_trail_old_to_new(client, login, hr, api_for, gts_b):
    api = api_for(hr)
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.patch(f"/api/v1/hires/{hire_id}", json={"position": {"title": "Staff engineer"}})
    login(client, hr)
    page = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert "Job title changed from Senior software engineer to Staff engineer" in page
    assert hr.email in page
    assert "YB1234567" not in page  # masked on the page too


def test_hires_list_filters_by_status_and_program(client, login, hr, api_for, gts_b, gts_a):
    api = api_for(hr)
    api.post("/api/v1/hires", json=gts_b)
    gts_a["worker"]["given_name"] = "Zed"
    api.post("/api/v1/hires", json=gts_a)
    login(client, hr)
    page = client.get("/hires/?program=gts_a").get_data(as_text=True)
    assert "Zed Park" in page and "Ana Silva" not in page
    assert "No hires match" in client.get("/hires/?status=approved").get_data(as_text=True)


def test_hires_list_paginates(client, login, hr, api_for):
    api = api_for(hr)
    for i in range(26):  # 25 a page by default
        api.post("/api/v1/hires", json={"worker": {"given_name": f"W{i:02d}"}})
    login(client, hr)
    first = client.get("/hires/").get_data(as_text=True)
    assert "Page 1 of 2" in first and "W25" in first and "W00" not in first
    assert "W00" in client.get("/hires/?page=2").get_data(as_text=True)


def test_route_finder_compares_the_four_routes(client, login, hr, csrf_of):
    login(client, hr)
    csrf = csrf_of(client.get("/hires/route-finder").get_data(as_text=True))
    fields = {k: v for k, v in GOOD_FORM.items() if k != "program"}
    fields.update({"worker.citizenships": "US", "cusma.profession": "computer_systems_analyst",
                   "ict.relationship": "parent", "ict.category": "specialized_knowledge",
                   "ict.continuous_full_time_months": "18"})
    response = client.post("/hires/route-finder", data=_form(csrf, **fields))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for program in ("gts_a", "gts_b", "ict", "cusma"):
        assert f'data-route="{program}"' in page
    assert "C63" in page and "T36" in page


def test_route_finder_keeps_values_on_error(client, login, hr, csrf_of):
    login(client, hr)
    csrf = csrf_of(client.get("/hires/route-finder").get_data(as_text=True))
    response = client.post("/hires/route-finder", data=_form(csrf, **{"position.hours_per_week": "200",
                                                                      "worker.given_name": "Ana"}))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="200"' in page and 'value="Ana"' in page and "position-hours_per_week-error" in page


def test_forms_without_csrf_token_are_refused(client, login, hr):
    login(client, hr)
    assert client.post("/hires/new", data=GOOD_FORM).status_code == 400


def test_viewer_sees_hires_read_only(client, login, make, hr, api_for, gts_b, csrf_of):
    hire_id = api_for(hr).post("/api/v1/hires", json=gts_b).get_json()["id"]
    viewer = make.user(hr.employer_id, role="viewer")
    login(client, viewer)
    page = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert "Ana Silva" in page and "Edit draft" not in page and ">Submit<" not in page
    assert "New hire" not in client.get("/hires/").get_data(as_text=True)
    csrf = csrf_of(page)
    assert client.get("/hires/new").status_code == 403
    assert client.get(f"/hires/{hire_id}/edit").status_code == 403
    for path in ("/hires/new", f"/hires/{hire_id}/edit", f"/hires/{hire_id}/submit", f"/hires/{hire_id}/status",
                 f"/hires/{hire_id}/delete"):
        assert client.post(path, data=_form(csrf, status="filed")).status_code == 403, path


# --- the amendment fields on the form (API.md Amendments 2026-12) --------------------------------

ICT_FORM = dict(GOOD_FORM, **{
    "program": "ict", "ict.foreign_employer": "Berg GmbH", "ict.relationship": "parent",
    "ict.category": "executive_manager", "ict.continuous_full_time_months": "30",
    "filing.permit_application_date": "2027-01-15", "filing.permit_application_from": "outside_canada",
    # Row 0 left empty on purpose: filled rows are kept in their order.
    "ict.employment_periods.1.start": "2020-01-01", "ict.employment_periods.1.end": "2022-06-30",
    "ict.employment_periods.1.full_time": "1",
    "ict.employment_periods.2.start": "2023-01-01",
    "ict.prior_stays.0.category": "specialized_knowledge", "ict.prior_stays.0.months": "12",
    "ict.months_abroad_since_last_stay": "20",
})


def _new_draft(client, csrf, fields):
    response = client.post("/hires/new", data=_form(csrf, **fields))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(response.headers["Location"].rstrip("/").split("/")[-2])


def test_the_form_has_a_filing_section(client, login, hr):
    """API.md Amendments 2026-12: filing.lmia_application_date, permit_application_date, permit_application_from."""
    login(client, hr)
    page = client.get("/hires/new").get_data(as_text=True)
    assert "<legend>Filing</legend>" in page
    for name in ("filing.lmia_application_date", "filing.permit_application_date", "filing.permit_application_from"):
        assert f'name="{name}"' in page, name
    assert 'value="outside_canada"' in page and 'value="inside_canada"' in page


def test_ict_periods_and_prior_stays_are_saved_from_rows(client, login, hr, csrf_of, api_for):
    """API.md Amendments 2026-12: ict.employment_periods (end blank = current), ict.prior_stays, months abroad."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    hire_id = _new_draft(client, csrf, ICT_FORM)
    stored = api_for(hr).get(f"/api/v1/hires/{hire_id}").get_json()["hire"]
    assert stored["ict"]["employment_periods"] == [{"start": "2020-01-01", "end": "2022-06-30", "full_time": True},
                                                   {"start": "2023-01-01", "end": None, "full_time": False}]
    assert stored["ict"]["prior_stays"] == [{"category": "specialized_knowledge", "months": 12}]
    assert stored["ict"]["months_abroad_since_last_stay"] == 20
    assert stored["filing"] == {"permit_application_date": "2027-01-15", "permit_application_from": "outside_canada"}


def test_the_edit_form_shows_the_saved_rows_and_an_empty_one(client, login, hr, csrf_of):
    """Without scripts, saving adds an empty row after the filled ones (at least three rows show)."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    hire_id = _new_draft(client, csrf, ICT_FORM)
    page = client.get(f"/hires/{hire_id}/edit").get_data(as_text=True)
    assert 'name="ict.employment_periods.0.start" value="2020-01-01"' in page
    assert 'name="ict.employment_periods.1.start" value="2023-01-01"' in page
    assert 'name="ict.employment_periods.2.start" value=""' in page
    assert 'name="ict.prior_stays.2.months"' in page and 'name="ict.prior_stays.3.months"' not in page
    assert "data-add-row" in page


def test_a_bad_row_keeps_what_was_typed_and_shows_the_error_beside_it(client, login, hr, csrf_of):
    """Form errors keep typed values and sit next to the field."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    bad = dict(ICT_FORM, **{"ict.employment_periods.2.end": "2022-12-31", "ict.prior_stays.0.months": "many"})
    response = client.post("/hires/new", data=_form(csrf, **bad))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    # The filled rows move up: row 2 of the post is the second period.
    assert 'name="ict.employment_periods.1.end" value="2022-12-31"' in page
    assert 'id="ict-employment_periods-1-end-error"' in page
    assert 'name="ict.prior_stays.0.months" value="many"' in page
    assert 'id="ict-prior_stays-0-months-error"' in page
    assert 'value="Berg GmbH"' in page


def test_cusma_credential_supported_profession_and_licence_province_are_saved(client, login, hr, csrf_of, api_for):
    """API.md Amendments 2026-12: cusma.credential {kind, years_of_study, country}, cusma.supported_profession."""
    login(client, hr)
    page = client.get("/hires/new").get_data(as_text=True)
    assert 'name="cusma.supported_profession"' in page and ">Engineer<" in page
    csrf = csrf_of(page)
    fields = dict(GOOD_FORM, **{
        "program": "cusma", "worker.citizenships": "MX", "cusma.profession": "scientific_technician_technologist",
        "cusma.credential.kind": "post_secondary_diploma", "cusma.credential.years_of_study": "2",
        "cusma.credential.country": "mx", "cusma.supported_profession": "engineer", "cusma.licence_province": "ON"})
    hire_id = _new_draft(client, csrf, fields)
    cusma = api_for(hr).get(f"/api/v1/hires/{hire_id}").get_json()["hire"]["cusma"]
    assert cusma["credential"] == {"kind": "post_secondary_diploma", "years_of_study": 2, "country": "MX"}
    assert (cusma["supported_profession"], cusma["licence_province"]) == ("engineer", "ON")
    edit = client.get(f"/hires/{hire_id}/edit").get_data(as_text=True)
    assert '<option value="post_secondary_diploma" selected>' in edit


def test_the_referral_partner_is_chosen_from_the_designated_partners(client, login, hr):
    """ESDC GTS requirements: the designated referral partners by their official names, plus 'other'."""
    login(client, hr)
    page = client.get("/hires/new").get_data(as_text=True)
    assert '<select id="gts-referral_partner" name="gts.referral_partner"' in page
    assert '<option value="Communitech Corporation"' in page
    assert 'value="__other__"' in page and 'name="gts.referral_partner_other"' in page


def test_a_partner_not_on_the_list_is_typed_under_other(client, login, hr, csrf_of, api_for):
    """A partner not on the list yet is saved as typed (the rules say whether it is designated)."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    fields = dict(GOOD_FORM, **{"program": "gts_a", "gts.referral_partner": "__other__",
                                "gts.referral_partner_other": "Québec International"})
    hire_id = _new_draft(client, csrf, fields)
    assert api_for(hr).get(f"/api/v1/hires/{hire_id}").get_json()["hire"]["gts"] == {
        "referral_partner": "Québec International"}
    edit = client.get(f"/hires/{hire_id}/edit").get_data(as_text=True)
    assert '<option value="__other__" selected>' in edit and 'value="Québec International"' in edit


def test_a_partner_saved_by_its_short_name_shows_as_its_official_name(client, login, hr, api_for, gts_a):
    """Aliases are matched server-side: "BDC" is the Business Development Bank of Canada."""
    gts_a["gts"]["referral_partner"] = "BDC"
    hire_id = api_for(hr).post("/api/v1/hires", json=gts_a).get_json()["id"]
    login(client, hr)
    edit = client.get(f"/hires/{hire_id}/edit").get_data(as_text=True)
    assert '<option value="Business Development Bank of Canada" selected>' in edit


def test_the_economic_region_is_a_pick_list_that_can_derive_from_the_city(client, login, hr):
    """API.md Amendments 2026-12: with no region given, it is derived from the city; HR never types a raw code."""
    login(client, hr)
    page = client.get("/hires/new").get_data(as_text=True)
    assert '<select id="position-economic_region" name="position.economic_region"' in page
    assert "data-economic-regions=" in page
    assert "Derive from the city" in page


def test_the_route_finder_shows_a_route_lacking_information_as_needs_information(client, login, hr, csrf_of):
    """API.md Amendments 2026-12: a route missing a field it needs shows as "needs information", not "not eligible"."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/route-finder").get_data(as_text=True))
    fields = {k: v for k, v in GOOD_FORM.items() if k != "program"}
    page = client.post("/hires/route-finder", data=_form(csrf, **fields)).get_data(as_text=True)
    ict = page[page.index('data-route="ict"'):]
    ict = ict[:ict.index("</article>")]
    assert 'data-complete="false"' in page and "Needs information" in ict and "Not eligible" not in ict
    assert "HIRE_INCOMPLETE" in ict


def test_the_region_pick_list_offers_the_provinces_regions_and_names_the_one_the_city_gives(client, login, hr, api_for,
                                                                                           gts_b):
    """API.md Amendments 2026-12: absent a region, it is derived from position.city and position.province."""
    gts_b["position"]["city"] = "Ottawa"
    hire_id = api_for(hr).post("/api/v1/hires", json=gts_b).get_json()["id"]
    login(client, hr)
    page = client.get(f"/hires/{hire_id}/edit").get_data(as_text=True)
    select = page[page.index('<select id="position-economic_region"'):]
    select = select[:select.index("</select>")]
    assert '<option value="">Derive from the city: Ottawa (ER3510)</option>' in select
    assert '<option value="ER3530"' in select and '<option value="ER3510"' in select
    assert "selected" not in select  # nothing stored: the city decides


def test_a_chosen_region_is_saved_and_shown_selected(client, login, hr, csrf_of, api_for):
    """The pick-list's value is Job Bank's code, saved as given."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    hire_id = _new_draft(client, csrf, dict(GOOD_FORM, **{"position.city": "Toronto",
                                                          "position.economic_region": "ER3510"}))
    assert api_for(hr).get(f"/api/v1/hires/{hire_id}").get_json()["hire"]["position"]["economic_region"] == "ER3510"
    page = client.get(f"/hires/{hire_id}/edit").get_data(as_text=True)
    assert '<option value="ER3510" selected>' in page


def test_the_region_pick_list_refreshes_from_the_session_lookup(client, login, hr):
    """hire_form.js refreshes the pick-list from the URL the select names (same JSON as /api/v1/reference/economic-regions)."""
    login(client, hr)
    page = client.get("/hires/new").get_data(as_text=True)
    url = page.split('data-economic-regions="', 1)[1].split('"', 1)[0]
    answer = client.get(f"{url}?province=ON&city=Ottawa").get_json()
    assert answer["derived"]["code"] == "ER3510"
    assert "ER3530" in [r["code"] for r in answer["regions"]]


def test_the_audit_trail_shows_a_replaced_list_row_by_row(client, login, hr, api_for, gts_b):
    """Every change is audited old → new in words; a list (prior ICT stays) reads as its rows, not as code."""
    gts_b.update(program="ict", ict={"relationship": "parent", "category": "executive_manager",
                                     "continuous_full_time_months": 30,
                                     "prior_stays": [{"category": "specialized_knowledge", "months": 12}]})
    api = api_for(hr)
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.patch(f"/api/v1/hires/{hire_id}", json={"ict": {"prior_stays": [{"category": "executive_manager", "months": 6}]}})
    login(client, hr)
    page = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert ("Earlier ICT stays in Canada changed from 1 row (Specialized knowledge (C63): 12 months) "
            "to 1 row (Executive or manager (C62): 6 months)") in page


def test_the_hires_list_shows_a_draft_lacking_fields_as_needing_information(client, login, hr, api_for, gts_b):
    """API.md Amendments 2026-12: a report with "complete": false reads "needs information", not as blocked."""
    api = api_for(hr)
    api.post("/api/v1/hires", json={"worker": {"given_name": "Partial"}})
    login(client, hr)
    page = client.get("/hires/").get_data(as_text=True)
    row = page[page.index("Partial"):]
    row = row[:row.index("</tr>")]
    assert "needs information" in row and "blocker(s)" not in row


def test_the_hire_page_names_the_rules_and_reference_data_versions_of_its_report(client, login, hr, api_for, gts_b):
    """A verdict can be traced: the page shows the report's versions.rules and versions.reference_data (API.md)."""
    api = api_for(hr)
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    versions = api.get(f"/api/v1/hires/{hire_id}/report").get_json()["versions"]
    login(client, hr)
    page = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    details = page[page.index('<details class="report-versions'):]
    details = details[:details.index("</details>")]
    assert f"Rules {versions['rules']} · Reference data {versions['reference_data']}" in details
    for name, version in versions["reference_data_sets"].items():
        assert f"<dt>{name.replace('_', ' ')}</dt><dd>{version}</dd>" in details
    tag = page[page.index('<details class="report-versions'):]
    assert " open" not in tag[:tag.index(">")]  # collapsed until asked for

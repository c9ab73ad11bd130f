"""The closed OpenAPI schemas of the core answers match what the server writes (issue 13 item 7).

Each test fills the optional parts of one answer (a prevailing wage with its region, recorded dates with their
deadlines, a renewal, a ready pack, reviewed documents …) and validates the real JSON against the document's
schema of that operation and status, so a field the schema forgets, or a wrong type or null, fails here.
"""
from __future__ import annotations

import copy
import io

import jsonschema_rs
import pytest

# An ICT hire in Vancouver, as the document and inspection tests use: the worker provides these checklist items.
from tests.documents.worker_document_samples import ICT_C63 as ICT_HIRE
from tests.documents.worker_document_samples import OTHER_WORKER_ITEM, WORKER_ITEM

PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] "
       b"/Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
FIRST_PERMIT = {"work_permit_applied_on": "2027-01-05", "work_permit_issued_on": "2027-02-15",
                "work_permit_expires_on": "2030-02-28", "first_day_of_work": "2027-03-01"}
RENEWAL = {"issued_on": "2030-01-20", "expires_on": "2032-02-28", "employment_start_on": "2030-03-01"}


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").get_json()


@pytest.fixture
def matches(document):
    """matches(method, path, response): the JSON answer validates against the document's schema for its status."""

    def check(method: str, path: str, response) -> dict:
        assert response.mimetype == "application/json", response.get_data(as_text=True)[:300]
        operation = document["paths"][path][method]
        schema = operation["responses"][str(response.status_code)]["content"]["application/json"]["schema"]
        body = response.get_json()
        jsonschema_rs.validator_for({**schema, "components": document["components"]}).validate(body)
        return body

    return check


@pytest.fixture
def admin_api(make, api_for, refdata_loaded):
    return api_for(make.user(role="admin"))


@pytest.fixture
def submitted_hire(admin_api, hire):
    """An eligible GTS Category B hire, submitted, with its first permit recorded (so deadlines and reminders)."""
    hire_id = admin_api.post("/api/v1/hires", json=hire).get_json()["id"]
    response = admin_api.post(f"/api/v1/hires/{hire_id}/submit")
    assert response.status_code == 200, response.get_json()
    return hire_id


def _recorded(api, hire_id):
    response = api.put(f"/api/v1/hires/{hire_id}/dates", json={"lmia_issued_on": "2026-12-01", **FIRST_PERMIT})
    assert response.status_code == 200, response.get_json()
    return response


# --- health and checks ------------------------------------------------------------------------------------------

def test_health_matches_its_schema(client, matches):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    matches("get", "/health", response)


@pytest.mark.parametrize(("position", "found_from"), [
    ({"economic_region": "ER3510"}, "given"),
    ({"economic_region": None, "city": "Ottawa"}, "city"),
])
def test_a_report_with_a_prevailing_wage_and_its_region_matches_its_schema(api, hire, matches, position, found_from):
    hire["position"].update(position)
    body = matches("post", "/checks", api.post("/api/v1/checks", json=hire))
    assert body["prevailing_wage"]["economic_region"]["from"] == found_from


def test_a_report_without_a_region_matches_its_schema(api, hire, matches):
    del hire["position"]["economic_region"]
    body = matches("post", "/checks", api.post("/api/v1/checks", json=hire))
    assert body["prevailing_wage"] is not None and "economic_region" not in body["prevailing_wage"]


def test_the_route_finder_matches_its_schema(api, hire, matches):
    del hire["program"]
    hire["position"]["city"] = "Ottawa"
    body = matches("post", "/checks", api.post("/api/v1/checks", json=hire))
    assert len(body["routes"]) == 4


def test_a_stored_hire_s_report_with_a_city_region_matches_the_hire_schema(api, hire, matches):
    del hire["position"]["economic_region"]
    hire["position"]["city"] = "Ottawa"
    body = matches("post", "/hires", api.post("/api/v1/hires", json=hire))
    assert body["report"]["prevailing_wage"]["economic_region"]["from"] == "city"


# --- dates and permits --------------------------------------------------------------------------------------------

def test_recorded_dates_with_their_deadlines_match_their_schema(admin_api, submitted_hire, matches):
    body = matches("put", "/hires/{hire_id}/dates", _recorded(admin_api, submitted_hire))
    assert body["deadlines"] and body["dates"]["first_day_of_work"] == "2027-03-01"


def test_a_renewal_and_the_permit_periods_match_their_schemas(admin_api, submitted_hire, matches):
    _recorded(admin_api, submitted_hire)
    created = admin_api.post(f"/api/v1/hires/{submitted_hire}/permits", json=RENEWAL)
    assert created.status_code == 201, created.get_json()
    assert matches("post", "/hires/{hire_id}/permits", created)["permit"]["employment_start_recorded"] is True
    body = matches("get", "/hires/{hire_id}/permits", admin_api.get(f"/api/v1/hires/{submitted_hire}/permits"))
    assert [p["recorded_in"] for p in body["permits"]] == ["dates", "renewal"]


# --- reference data -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/reference/occupations", "/reference/referral-partners",
                                  "/reference/cusma-professions"])
def test_the_reference_lists_match_their_schemas(api, matches, path):
    body = matches("get", path, api.get(f"/api/v1{path}"))
    assert body["version"]


def test_the_referral_partners_name_quebec_s_list(api, matches):
    body = matches("get", "/reference/referral-partners", api.get("/api/v1/reference/referral-partners"))
    assert body["quebec_partner_list"] is not None


@pytest.mark.parametrize("query", ["noc=21232", "noc=21232&province=ON", "noc=21232&province=ON&economic_region=ER3510",
                                   "noc=99999&province=ON"])
def test_the_wages_match_their_schema_with_and_without_a_place(api, matches, query):
    body = matches("get", "/reference/wages", api.get(f"/api/v1/reference/wages?{query}"))
    assert body["figures"] or query.startswith("noc=99999")


@pytest.mark.parametrize(("query", "derived"), [
    ("province=ON", None), ("province=ON&city=Atlantis", None), ("province=ON&city=Ottawa", "ER3510"),
    ("province=QC&city=Granby", "ER2435"),  # a place whose region is still to verify
])
def test_the_economic_regions_match_their_schema_with_and_without_a_city(api, matches, query, derived):
    body = matches("get", "/reference/economic-regions", api.get(f"/api/v1/reference/economic-regions?{query}"))
    assert (body["derived"] or {}).get("code") == derived


@pytest.mark.parametrize("query", ["", "?q=software%20developer", "?q=21232&limit=3", "?q=zzzz"])
def test_the_noc_picker_matches_its_schema(api, matches, query):
    matches("get", "/reference/noc", api.get(f"/api/v1/reference/noc{query}"))


# --- reminder settings --------------------------------------------------------------------------------------------

def test_the_reminder_settings_match_their_schema_before_and_after_a_change(admin_api, matches):
    matches("get", "/settings/reminders", admin_api.get("/api/v1/settings/reminders"))
    changed = admin_api.patch("/api/v1/settings/reminders",
                              json={"time_zone": "America/Halifax", "send_hour": 8, "digest": True})
    assert matches("patch", "/settings/reminders", changed)["time_zone"] == "America/Halifax"


def test_the_reminder_preview_with_items_matches_its_schema(admin_api, submitted_hire, matches):
    _recorded(admin_api, submitted_hire)
    body = matches("get", "/settings/reminders/preview", admin_api.get("/api/v1/settings/reminders/preview"))
    assert body["items"]


def test_an_empty_reminder_preview_matches_its_schema(admin_api, matches):
    assert matches("get", "/settings/reminders/preview", admin_api.get("/api/v1/settings/reminders/preview")) == {
        "items": []}


# --- inspection packs and legal holds -----------------------------------------------------------------------------

def _fail(app, pack_id: int) -> None:
    from employer_portal.extensions import db
    from employer_portal.models.inspection_pack import InspectionPack

    with app.app_context():
        pack = db.session.get(InspectionPack, pack_id)
        pack.status, pack.error = "failed", "the storage was full"
        db.session.commit()


def test_a_hire_s_pack_queued_then_ready_matches_its_schemas(admin_api, submitted_hire, matches, run_pack):
    path = f"/api/v1/hires/{submitted_hire}/inspection-pack"
    status = matches("get", "/hires/{hire_id}/inspection-pack", admin_api.get(path))
    assert status["job"] is None and status["ready"] is None
    queued = admin_api.post(path)
    assert queued.status_code == 202
    pack_id = matches("post", "/hires/{hire_id}/inspection-pack", queued)["job"]["id"]
    status = matches("get", "/hires/{hire_id}/inspection-pack", admin_api.get(path))
    assert status["job"]["status"] == "queued" and status["ready"] is None
    assert run_pack(pack_id) == "ready"
    status = matches("get", "/hires/{hire_id}/inspection-pack", admin_api.get(path))
    assert status["ready"]["sha256"] and status["download_url"]


def test_a_failed_pack_matches_its_schema(app, admin_api, submitted_hire, matches):
    path = f"/api/v1/hires/{submitted_hire}/inspection-pack"
    _fail(app, admin_api.post(path).get_json()["job"]["id"])
    status = matches("get", "/hires/{hire_id}/inspection-pack", admin_api.get(path))
    assert status["job"]["error"] == "the storage was full"


def test_a_range_pack_queued_ready_and_failed_matches_its_schemas(app, admin_api, submitted_hire, matches, run_pack):
    queued = admin_api.post("/api/v1/inspection-packs", json={"from": "2027-01-01", "to": "2027-12-31"})
    assert queued.status_code == 202, queued.get_json()
    pack_id = matches("post", "/inspection-packs", queued)["job"]["id"]
    path = f"/api/v1/inspection-packs/{pack_id}"
    assert matches("get", "/inspection-packs/{pack_id}", admin_api.get(path))["job"]["from"] == "2027-01-01"
    assert run_pack(pack_id) == "ready"
    assert matches("get", "/inspection-packs/{pack_id}", admin_api.get(path))["download_url"]
    other = admin_api.post("/api/v1/inspection-packs", json={"from": "2026-01-01", "to": "2026-12-31"})
    _fail(app, other.get_json()["job"]["id"])
    failed = admin_api.get(f"/api/v1/inspection-packs/{other.get_json()['job']['id']}")
    assert matches("get", "/inspection-packs/{pack_id}", failed)["job"]["status"] == "failed"


@pytest.mark.parametrize("on", [True, False])
def test_a_legal_hold_matches_its_schema(admin_api, submitted_hire, matches, on):
    response = admin_api.post(f"/api/v1/hires/{submitted_hire}/legal-hold", json={"on": on, "reason": "Litigation"})
    assert response.status_code == 200, response.get_json()
    assert matches("post", "/hires/{hire_id}/legal-hold", response)["legal_hold"] is on


# --- upload links and documents -----------------------------------------------------------------------------------

@pytest.fixture
def ict_hire(api):
    response = api.post("/api/v1/hires", json=copy.deepcopy(ICT_HIRE))
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _upload(client, link: dict, item_key: str) -> int:
    page = "/" + link["url"].split("/", 3)[3]
    response = client.post(f"{page}/items/{item_key}", data={"file": (io.BytesIO(PDF), "scan.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["document"]["id"]


def test_an_upload_link_matches_its_schema(api, ict_hire, matches):
    response = api.post(f"/api/v1/hires/{ict_hire}/upload-links", json={"expires_in_days": 7})
    assert response.status_code == 201
    assert matches("post", "/hires/{hire_id}/upload-links", response)["revoked_at"] is None


def test_documents_pending_accepted_and_rejected_match_their_schemas(app, api, client, ict_hire, matches):
    link = api.post(f"/api/v1/hires/{ict_hire}/upload-links").get_json()
    accepted, rejected = _upload(client, link, WORKER_ITEM), _upload(client, link, OTHER_WORKER_ITEM)
    listed = matches("get", "/hires/{hire_id}/documents", api.get(f"/api/v1/hires/{ict_hire}/documents"))
    assert {d["status"] for d in listed["documents"]} == {"pending_review"}
    body = matches("post", "/documents/{document_id}/accept", api.post(f"/api/v1/documents/{accepted}/accept"))
    assert body["status"] == "accepted" and body["reviewed_by"] and body["uploaded_by"] == "worker"
    response = api.post(f"/api/v1/documents/{rejected}/reject", json={"reason": "The page is cut off"})
    assert matches("post", "/documents/{document_id}/reject", response)["reject_reason"] == "The page is cut off"
    _stored_without_uploader(app, ict_hire)
    listed = matches("get", "/hires/{hire_id}/documents", api.get(f"/api/v1/hires/{ict_hire}/documents"))
    assert {d["status"] for d in listed["documents"]} == {"accepted", "rejected"}
    assert None in {d["uploaded_by"] for d in listed["documents"]}


def _stored_without_uploader(app, hire_id: int) -> None:
    """A document whose uploader is unknown (a deleted user's): uploaded_by is null."""
    from employer_portal.extensions import db
    from employer_portal.inspection import documents
    from employer_portal.models import Hire

    with app.app_context():
        documents.store_for_hire(db.session.get(Hire, hire_id), PDF + b"%", item_key="passport",
                                 content_type="application/pdf", original_name="scan.pdf", status="accepted")
        db.session.commit()

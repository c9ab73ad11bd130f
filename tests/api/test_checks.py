"""POST /api/v1/checks: the stateless check and the route finder."""
from __future__ import annotations

import pytest

REPORT_KEYS = {"program", "eligible", "complete", "lmia", "findings", "prevailing_wage", "versions"}


def test_a_check_needs_a_token(client, hire):
    response = client.post("/api/v1/checks", json=hire)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_a_check_answers_the_report_of_api_md(api, hire):
    response = api.post("/api/v1/checks", json=hire)
    assert response.status_code == 200
    report = response.get_json()
    assert set(report) == REPORT_KEYS
    assert (report["program"], report["eligible"], report["complete"]) == ("gts_b", True, True)
    assert report["lmia"] == {"required": True, "exemption_code": None}
    wage = dict(report["prevailing_wage"])
    region = wage.pop("economic_region", None)
    assert wage == {"hourly": 50.26, "level": "economic_region", "area": "ER3510", "noc_code": "21232",
                    "reference_period": "2023-2024", "data_version": "jobbank-2025-11-19"}
    # API.md Amendments 2026-12: how the region was found (here given in the payload).
    assert region is None or (region["code"], region["from"]) == ("ER3510", "given")
    assert set(report["versions"]) >= {"rules", "reference_data"}
    for finding in report["findings"]:
        assert set(finding) == {"code", "severity", "field", "message", "source"}


def test_a_wage_below_the_ottawa_median_is_a_blocker(api, hire):
    hire["position"]["wage"]["amount"] = 50.00
    report = api.post("/api/v1/checks", json=hire).get_json()
    assert report["eligible"] is False
    blocker = next(f for f in report["findings"] if f["code"] == "WAGE_BELOW_PREVAILING")
    assert (blocker["severity"], blocker["field"]) == ("blocker", "position.wage.amount")


def test_without_a_program_the_route_finder_answers_four_reports_eligible_first(api, hire):
    """API.md Amendments 2026-12: eligible first; among eligible, LMIA-exempt before LMIA-required; then fewest blockers."""
    del hire["program"]
    response = api.post("/api/v1/checks", json=hire)
    assert response.status_code == 200
    routes = response.get_json()["routes"]
    assert sorted(r["program"] for r in routes) == ["cusma", "gts_a", "gts_b", "ict"]
    assert routes[0]["program"] == "gts_b" and routes[0]["eligible"] is True
    order = [(not r["eligible"], r["eligible"] and r["lmia"]["required"],
              sum(f["severity"] == "blocker" for f in r["findings"])) for r in routes]
    assert order == sorted(order)
    assert all(set(r) == REPORT_KEYS for r in routes)


def test_the_route_finder_puts_an_eligible_ict_before_an_eligible_gts(api, hire):
    """API.md Amendments 2026-12: an LMIA-exempt route comes before an LMIA route when both are eligible."""
    del hire["program"]
    hire["ict"] = {"foreign_employer": "Parent GmbH", "relationship": "parent", "category": "executive_manager",
                   "continuous_full_time_months": 30, "prior_ict_months_in_canada": 0}
    routes = api.post("/api/v1/checks", json=hire).get_json()["routes"]
    eligible = [r["program"] for r in routes if r["eligible"]]
    assert eligible[0] == "ict" and "gts_b" in eligible[1:]


def test_a_route_lacking_a_field_it_needs_is_marked_incomplete(api, hire):
    """API.md Amendments 2026-12: "complete" is false while a field the route needs is missing."""
    del hire["program"]
    routes = {r["program"]: r for r in api.post("/api/v1/checks", json=hire).get_json()["routes"]}
    # No ICT or CUSMA block was sent: those routes need information rather than being refused.
    assert routes["ict"]["complete"] is False and routes["cusma"]["complete"] is False
    assert any(f["code"] == "HIRE_INCOMPLETE" for f in routes["ict"]["findings"])
    assert routes["gts_b"]["complete"] is True


@pytest.mark.parametrize(("change", "path"), [
    (lambda h: h["position"]["wage"].update(amount=-5), "position.wage.amount"),
    (lambda h: h["position"].update(province="ZZ"), "position.province"),
    (lambda h: h["worker"].update(citizenships=["XX"]), "worker.citizenships.0"),
    (lambda h: h["position"].update(end_date="2026-01-01"), "position.end_date"),
    (lambda h: h["position"].update(hours_per_week=81), "position.hours_per_week"),
    (lambda h: h["position"].update(start_date="2027-02-30"), "position.start_date"),
    (lambda h: h.update(program="h1b"), "program"),
])
def test_bad_input_is_a_422_naming_the_field(api, hire, change, path):
    change(hire)
    response = api.post("/api/v1/checks", json=hire)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert path in response.get_json()["errors"]


def test_every_bad_field_is_named_at_once(api, hire):
    hire["position"]["wage"]["amount"] = 0
    hire["position"]["province"] = "XX"
    hire["worker"]["citizenships"] = ["BR", "QQ"]
    errors = api.post("/api/v1/checks", json=hire).get_json()["errors"]
    assert {"position.wage.amount", "position.province", "worker.citizenships.1"} <= set(errors)


def test_missing_required_fields_are_each_named(api, hire):
    del hire["position"]["noc_code"]
    del hire["worker"]["highest_education"]
    hire["program"] = "gts_a"
    response = api.post("/api/v1/checks", json=hire)
    assert response.status_code == 422
    assert {"position.noc_code", "worker.highest_education"} <= set(response.get_json()["errors"])


@pytest.mark.parametrize("body", [
    "not json", "[1, 2]", "null", "42", '"text"', "{", "[" * 50000,
    '{"position": {"wage": {"amount": 1e400, "period": "hour"}}}',
    '{"position": {"hours_per_week": NaN}}',
    '{"worker": null, "position": null}',
    '{"worker": {"given_name": "\\ud800"}}',
])
def test_strange_bodies_are_a_422_never_a_500(api, body):
    response = api.post("/api/v1/checks", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422


def test_unicode_and_nulls_are_fine(api, hire):
    hire["worker"].update(given_name="Zoë 山田", family_name="Ñúñez", field_of_study=None)
    hire["gts"] = None
    assert api.post("/api/v1/checks", json=hire).status_code == 200

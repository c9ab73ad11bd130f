"""The bundled reference data: each set versioned with its source, the lookups the rules use, the NOC picker."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from employer_portal.refdata import load_bundled
from employer_portal.refdata.jobbank import WageFigure
from employer_portal.refdata.reference import DATA_DIR, load_noc_set

OWN_SETS = ["gts_occupations_list.json", "gts_referral_partners.json", "cusma_professions.json",
            "lmia_exemption_codes.json", "program_rules.json", "jobbank_wages_2025.json", "noc_2021_partial.json"]


@pytest.fixture(scope="module")
def refdata():
    return load_bundled()


@pytest.mark.parametrize("name", OWN_SETS)
def test_each_bundled_set_names_its_version_source_and_date(name):
    data = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    assert data["set"] and data["version"]
    assert data.get("source") or all(block.get("source") for block in data.values() if isinstance(block, dict))
    assert data.get("as_of") or data.get("published") or data.get("retrieved")


def test_load_bundled_is_built_once(refdata):
    assert load_bundled() is refdata


# --- wages ------------------------------------------------------------------------------

def test_prevailing_wage_from_the_economic_region(refdata):
    wage = refdata.prevailing_wage_for("21232", "ON", "ER3510")
    assert (wage.hourly, wage.level, wage.area, wage.data_version) == (50.26, "economic_region", "ER3510", "jobbank-2025-11-19")


def test_prevailing_wage_falls_back_to_the_province(refdata):
    assert refdata.prevailing_wage_for("21232", "ON").hourly == 48.08
    assert refdata.prevailing_wage_for("21232", "ON", "ER3595").area == "ON"  # suppressed region
    assert refdata.prevailing_wage_for("21232", "ON", "ER3599").area == "ON"  # region without a row


def test_region_of_another_province_is_ignored(refdata):
    assert refdata.prevailing_wage_for("21232", "QC", "ER3510").area == "QC"


def test_prevailing_wage_falls_back_to_canada_past_a_suppressed_province(refdata):
    wage = refdata.prevailing_wage_for("22222", "NL")
    assert (wage.level, wage.area, wage.hourly) == ("national", "CA", 35.0)


def test_no_figure_at_any_level_is_none(refdata):
    assert refdata.prevailing_wage_for("21301", "ON", "ER3510") is None  # mechanical engineers: not bundled


def test_annual_rate_occupation_is_converted_per_hour(refdata):
    wage = refdata.prevailing_wage_for("00010", "ON", hours_per_week=37.5)
    assert wage.annual == 84000 and wage.hourly == round(84000 / (37.5 * 52), 2)
    assert refdata.prevailing_wage_for("00010", "ON").hourly == round(84000 / 2080, 2)


def test_with_wages_replaces_the_figures_and_version(refdata):
    row = WageFigure("21232", "national", "CA", "Canada", None, None, 51.0, None, False, "2024-2025", "LFS", "2026-11-18")
    newer = refdata.with_wages([row], "jobbank-2026-11-18")
    assert newer.prevailing_wage_for("21232", "ON", "ER3510").hourly == 51.0
    assert newer.versions["wages"] == "jobbank-2026-11-18"
    assert refdata.versions["wages"] == "jobbank-2025-11-19"  # the original is untouched


# --- lists --------------------------------------------------------------------------------

def test_occupations_list_floors_and_subsets(refdata):
    assert refdata.occupations_list_version == "December 2022"
    assert refdata.occupation_listing("22222").hourly_floor == 41.03
    assert refdata.occupation_listing("21231").hourly_floor is None
    assert {c for c, o in refdata.occupations.items() if o.subset_only} == {"21210", "51120", "52120"}
    assert refdata.occupation_listing("22221") is None


@pytest.mark.parametrize("name", ["Communitech Corporation", "communitech", "MaRS Discovery District",
                                  "mars discovery-district", "NRC IRAP", "Invest  Ottawa", "BC TECH ASSOCIATION"])
def test_designated_partner_matched_without_case_spacing_or_punctuation(refdata, name):
    assert refdata.is_designated_partner(name)


@pytest.mark.parametrize("name", ["Acme Ventures", "", "Vancouver Economic Commission"])
def test_other_names_are_not_designated_partners(refdata, name):
    assert not refdata.is_designated_partner(name)


def test_partners_as_of_april_2025_are_55_plus_quebecs_list(refdata):
    """ESDC GTS requirements, partner list 'as of April 2025': 55 partners, and for Quebec "Quebec's MIFI (French only)
    (Quebec's designated referral partners)", a pointer to Quebec's own list, not a partner (review F-02)."""
    assert len(refdata.partners) == 55
    assert refdata.referral_partner("Communitech").provinces == ("ON",)
    assert refdata.referral_partner("MIFI") is None and refdata.names_quebec_ministry("MIFI")
    assert "verify on the official page" in refdata.quebec_partner_list.status


def test_sixty_three_cusma_professions_with_credentials(refdata):
    assert len(refdata.cusma_professions) == 63
    analyst = refdata.cusma_profession("computer_systems_analyst")
    assert analyst.degree_accepted and analyst.diploma_plus_years == 3 and not analyst.licence_accepted
    assert refdata.cusma_profession("engineer").licence_accepted
    assert refdata.cusma_profession("management_consultant").experience_only_years == 5
    assert refdata.cusma_profession("scientific_technician_technologist").no_degree_required


def test_exemption_codes_in_force_never_the_old_ones(refdata):
    codes = {key: route.code for key, route in refdata.exemption_routes.items()}
    assert codes == {"ict:startup": "C61", "ict:executive_manager": "C62", "ict:specialized_knowledge": "C63", "cusma": "T36"}
    assert refdata.exemption_route("ict", "executive_manager").total_cap_months == 84
    assert refdata.exemption_route("ict", "specialized_knowledge").total_cap_months == 60
    assert refdata.exemption_route("gts_a") is None


def test_category_a_floors_as_data(refdata):
    rules = refdata.rules
    assert (rules.category_a_floor(0).hourly, rules.category_a_floor(1).annual) == (38.46, 80000)
    assert (rules.category_a_floor(2).hourly, rules.category_a_floor(5).annual) == (72.11, 150000)
    assert (rules.lmia_fee, rules.compliance_fee) == (1000, 230)
    assert rules.registration_provinces == {"BC", "MB", "SK", "NS"}


# --- NOC ---------------------------------------------------------------------------------

def test_partial_noc_fallback_is_marked_incomplete(tmp_path: Path):
    (tmp_path / "noc_2021_partial.json").write_text((DATA_DIR / "noc_2021_partial.json").read_text())
    noc_set = load_noc_set(tmp_path)
    assert not noc_set.complete and noc_set.get("21232").teer == 1


def test_full_noc_file_short_of_516_groups_is_not_complete(tmp_path: Path):
    groups = [{"code": "21231", "title": "Software engineers and designers", "teer": 1, "examples": []}]
    (tmp_path / "noc_2021.json").write_text(json.dumps({"set": "noc-2021", "version": "v", "unit_groups": groups}))
    assert not load_noc_set(tmp_path).complete


def test_half_written_noc_file_falls_back_to_the_partial_set(tmp_path: Path):
    (tmp_path / "noc_2021.json").write_text('{"unit_groups": [')
    (tmp_path / "noc_2021_partial.json").write_text((DATA_DIR / "noc_2021_partial.json").read_text())
    assert load_noc_set(tmp_path).version == "noc-2021-partial-1"


def test_noc_search_by_job_title(refdata):
    codes = [m.code for m in refdata.search_noc("software", limit=3)]
    assert codes[:2] == ["21231", "21232"]
    assert refdata.search_noc("WEB dev")[0].code == "21234"
    assert [m.code for m in refdata.search_noc("2123")] == ["21230", "21231", "21232", "21233", "21234"]
    assert refdata.search_noc("zzzzqqq") == [] and refdata.search_noc("") == []


def test_noc_search_is_fast(refdata):
    started = time.perf_counter()
    for _ in range(200):
        refdata.search_noc("engineer", limit=10)
    assert (time.perf_counter() - started) / 200 < 0.005


# --- traceability: every set a finding can depend on is named --------------------------------

def test_versions_name_the_economic_regions_place_table(refdata):
    """A finding's wage comes from the region a city lies in (StatCan ER 2021 place table): its version is recorded."""
    data = json.loads((DATA_DIR / "economic_regions.json").read_text(encoding="utf-8"))
    assert refdata.versions["economic_regions"] == data["version"]


def test_versions_name_the_noc_title_synonyms_table(refdata):
    """NOC_TITLE_MISMATCH depends on the bundled job-titles table: its version is recorded."""
    data = json.loads((DATA_DIR / "noc_title_synonyms.json").read_text(encoding="utf-8"))
    assert refdata.versions["noc_title_synonyms"] == data["version"]


def test_a_noc_set_built_without_the_title_table_names_no_title_table_version(refdata):
    """A NOC set built without synonyms (tests, fallbacks) does not claim a title-table version."""
    from employer_portal.refdata.noc import NocSet, NocUnitGroup

    bare = refdata.with_noc_set(NocSet.build([NocUnitGroup("21231", "Software engineers", 1)], version="p",
                                             source="p", synonyms=()))
    assert "noc_title_synonyms" not in bare.versions


def test_a_report_names_the_place_table_and_title_table_versions(refdata):
    """API.md: versions.reference_data is one string naming every set used; reference_data_sets lists them by name."""
    from employer_portal.compliance import evaluate
    from employer_portal.schemas.hire import HirePayload

    hire = HirePayload.model_validate({
        "program": "gts_b",
        "worker": {"given_name": "A", "family_name": "S", "citizenships": ["BR"], "highest_education": "master",
                   "years_experience": 6},
        "position": {"title": "DevOps engineer", "noc_code": "21232", "province": "ON", "city": "Ottawa",
                     "wage": {"amount": 55, "period": "hour"}, "hours_per_week": 40,
                     "start_date": "2027-03-01", "end_date": "2029-02-28"},
    })
    versions = evaluate(hire, refdata).to_dict()["versions"]
    for name in ("economic_regions", "noc_title_synonyms"):
        assert versions["reference_data_sets"][name] == refdata.versions[name]
        assert refdata.versions[name] in versions["reference_data"].split("; ")

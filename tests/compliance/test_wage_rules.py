"""The prevailing wage where the job is: region from the city, not-loaded vs unpublished, regions not checked, Quebec.

Figures are Job Bank Wages 2025 (published 2025-11-19), bundled in refdata/data/jobbank_wages_2025.json.
"""
from __future__ import annotations

import pytest

from employer_portal.compliance import BLOCKER, INFO, WARNING, evaluate
from employer_portal.refdata.jobbank import WageFigure

NO_REGION = {"economic_region": None, "city": None}


def _place(province, city, noc, amount):
    return {"province": province, "economic_region": None, "city": city, "noc_code": noc,
            "wage": {"amount": amount, "period": "hour"}}


# --- the economic region from the city ------------------------------------------------------------

@pytest.mark.parametrize(("province", "city", "noc", "amount", "median", "region", "name", "provincial"), [
    # NOC_21211,ON,ER3570,Windsor--Sarnia,…,49.84 against ON 47.69
    ("ON", "Windsor", "21211", 48.50, 49.84, "ER3570", "Windsor--Sarnia", 47.69),
    # NOC_21232,ON,ER3510,Ottawa,…,50.26 against ON 48.08
    ("ON", "Ottawa", "21232", 49.00, 50.26, "ER3510", "Ottawa", 48.08),
    # NOC_21211,AB,ER4830,Calgary,…,46.29 against AB 43.27
    ("AB", "Calgary", "21211", 45.00, 46.29, "ER4830", "Calgary", 43.27),
    # NOC_21234,ON,ER3540,Kitchener--Waterloo--Barrie,…,42.91 against ON 40.00
    ("ON", "Waterloo", "21234", 41.00, 42.91, "ER3540", "Kitchener--Waterloo--Barrie", 40.00),
])
def test_city_alone_is_checked_against_its_regions_median(check, province, city, noc, amount, median, region, name,
                                                          provincial):
    """ESDC GTS requirements: the prevailing wage is 'the regional median hourly wage posted on Job Bank'."""
    report = check("gts_b", position=_place(province, city, noc, amount))
    assert amount > provincial  # the provincial median alone would have passed this wage
    finding = report.finding("WAGE_BELOW_PREVAILING")
    assert finding.severity == BLOCKER and f"${median:.2f}/h" in finding.message and f"({city})" in finding.message
    assert report.to_dict()["prevailing_wage"]["economic_region"] == {"code": region, "name": name, "from": "city"}
    assert (report.prevailing_wage.area, report.prevailing_wage.hourly) == (region, median)
    assert "WAGE_REGION_NOT_CHECKED" not in report.codes()


def test_web_designer_in_ottawa_is_checked_against_ottawa_not_ontario(check):
    """REVIEW F-08, JB-2025: 'NOC_21233,Web designers,…,ON,ER3510,Ottawa,…,25.08,36.87,58.01' (Ontario: $33.65)."""
    report = check("gts_b", position={"noc_code": "21233", "wage": {"amount": 35, "period": "hour"}})
    assert "$36.87/h for NOC 21233 in Ottawa (ER3510)" in report.finding("WAGE_BELOW_PREVAILING").message


def test_region_code_without_er_is_accepted(check):
    """API.md Amendments 2026-12: position.economic_region accepts 'ER3510' or '3510'."""
    report = check("gts_b", position={"economic_region": "3510", "wage": {"amount": 49, "period": "hour"}})
    assert report.finding("WAGE_BELOW_PREVAILING").severity == BLOCKER
    assert report.to_dict()["prevailing_wage"]["economic_region"] == {"code": "ER3510", "name": "Ottawa", "from": "given"}


def test_given_region_wins_over_the_city(check):
    """API.md Amendments 2026-12: the region is derived from the city only when position.economic_region is absent."""
    report = check("gts_b", position={"economic_region": "ER3530", "city": "Ottawa"})
    assert report.to_dict()["prevailing_wage"]["economic_region"]["from"] == "given"
    assert report.prevailing_wage.area == "ER3530"


def test_given_region_of_another_province_is_not_used(check):
    """A region counts only inside the job's province; the city then decides."""
    report = check("gts_b", position={"province": "QC", "economic_region": "ER3510", "city": "Gatineau"})
    assert report.to_dict()["prevailing_wage"]["economic_region"] == {"code": "ER2460", "name": "Outaouais", "from": "city"}


def test_no_region_known_leaves_economic_region_out_of_the_report(check):
    """API.md: the report keeps its shape; economic_region is added only when the region is known."""
    report = check("gts_b", position={**NO_REGION, "wage": {"amount": 60, "period": "hour"}})
    assert "economic_region" not in report.to_dict()["prevailing_wage"]


def test_single_region_province_finds_its_row_from_the_region_code(check):
    """Job Bank: PEI is one economic region (ER1110), both province and region."""
    report = check("gts_b", position={"province": "PE", "economic_region": "ER1110", "wage": {"amount": 38, "period": "hour"}})
    assert (report.prevailing_wage.area, report.prevailing_wage.hourly) == ("PE", 38.46)
    assert report.finding("WAGE_BELOW_PREVAILING").severity == BLOCKER
    assert "WAGE_DATA_NOT_LOADED" not in report.codes()


def test_place_marked_verify_says_so(check):
    """Halton is split between two ERs (StatCan ER 2021): Burlington's region is to be verified."""
    report = check("gts_b", position=_place("ON", "Burlington", "21232", 60))
    finding = report.finding("WAGE_REGION_TO_VERIFY")
    assert finding.severity == INFO and "verify on the official page" in finding.message


# --- not loaded vs not published ------------------------------------------------------------------

def test_noc_with_no_rows_is_not_loaded_not_unpublished(check):
    """Job Bank publishes 21301 (mechanical engineers); the bundled subset does not hold it."""
    report = check("gts_b", position={"noc_code": "21301"})
    finding = report.finding("WAGE_DATA_NOT_LOADED")
    assert finding.severity == WARNING and "at all" in finding.message and "import" in finding.message.lower()
    assert "WAGE_DATA_UNAVAILABLE" not in report.codes()
    assert report.prevailing_wage is None


def test_region_row_not_loaded_does_not_fall_back_to_the_province(refdata, make_hire):
    """REVIEW F-08: an absent region row is a partial import, not Job Bank's 'N/A'."""
    rows = [WageFigure("21232", "national", "CA", "Canada", None, None, 48.08, None, False, "2023-2024", "LFS", "2025-11-19"),
            WageFigure("21232", "province", "ON", "Ontario", "ON", None, 48.08, None, False, "2023-2024", "LFS", "2025-11-19")]
    report = evaluate(make_hire("gts_b", position={"wage": {"amount": 49, "period": "hour"}}), refdata.with_wages(rows, "partial"))
    finding = report.finding("WAGE_DATA_NOT_LOADED")
    assert "in Ottawa (ER3510)" in finding.message and "For information only: Ontario is $48.08/h" in finding.message
    assert report.prevailing_wage is None
    assert not {"WAGE_BELOW_PREVAILING", "WAGE_DATA_UNAVAILABLE"} & set(report.codes())


def test_suppressed_region_falls_back_without_a_not_loaded_warning(check):
    """ESDC GTS requirements: 'If the median wage is listed as "N/A," consult the provincial or territorial wage'."""
    report = check("gts_b", position={"economic_region": "ER3595"})  # 21232 in Northwest Ontario: N/A
    assert report.prevailing_wage.area == "ON"
    assert not {"WAGE_DATA_NOT_LOADED", "WAGE_DATA_UNAVAILABLE"} & set(report.codes())


# --- regions not checked ----------------------------------------------------------------------------

def test_no_region_names_the_highest_regional_median(check):
    """REVIEW F-07: Ottawa 21232 is $50.26 against $48.08 for Ontario; never a clean pass without the region."""
    report = check("gts_b", position={**NO_REGION, "wage": {"amount": 49, "period": "hour"}})
    finding = report.finding("WAGE_REGION_NOT_CHECKED")
    assert finding.severity == WARNING
    assert "$50.26/h in Ottawa (ER3510)" in finding.message and "$48.08/h" in finding.message
    assert "WAGE_BELOW_PREVAILING" not in report.codes()


def test_unknown_city_names_the_highest_regional_median(check):
    """REVIEW F-07: a city outside the place table leaves the region unknown, which is said, not passed."""
    report = check("gts_b", position=_place("ON", "Nowhereville", "21232", 49))
    assert "Nowhereville" in report.finding("WAGE_REGION_NOT_CHECKED").message


def test_wage_above_every_regional_median_still_asks_for_the_region(check):
    """API.md Amendments 2026-12: WAGE_REGION_NOT_CHECKED whenever no region is known and a region of the province
    has a higher median; the message says the wage meets even the highest."""
    finding = check("gts_b", position={**NO_REGION, "wage": {"amount": 51, "period": "hour"}}).finding("WAGE_REGION_NOT_CHECKED")
    assert finding.severity == WARNING and "meets even that" in finding.message


# --- Quebec and ICT severities ---------------------------------------------------------------------

def test_quebec_gts_wage_below_job_bank_is_a_warning(check):
    """ESDC GTS requirements, Hiring in Quebec: 'consult Quebec's MIFI … to determine the wages that must be offered'."""
    report = check("gts_b", position={"province": "QC", "economic_region": "ER2440", "noc_code": "22222",
                                      "wage": {"amount": 21, "period": "hour"}})
    finding = report.finding("WAGE_BELOW_PREVAILING")
    assert finding.severity == WARNING and "MIFI" in finding.message and "$21.63/h" in finding.message


@pytest.mark.parametrize("category", ["startup", "executive_manager"])
def test_c61_c62_below_prevailing_is_a_warning_in_ircc_words(check, category):
    """IRCC ICT instructions, Wages: 'wages should not be lower than the prevailing wage for the occupation in the
    location of work.'"""
    finding = check("ict", ict={"category": category}, position={"wage": {"amount": 45, "period": "hour"}}).finding(
        "WAGE_BELOW_PREVAILING")
    assert finding.severity == WARNING
    assert "should not be lower than the prevailing wage for the occupation in the location of work" in finding.message


def test_c63_below_prevailing_stays_a_blocker(check):
    """IRCC ICT instructions, C63: 'a minimum wage floor set at prevailing wage for the region is required'."""
    report = check("ict", ict={"category": "specialized_knowledge"}, position={"wage": {"amount": 45, "period": "hour"}})
    assert report.finding("WAGE_BELOW_PREVAILING").severity == BLOCKER


# --- the bundled set ---------------------------------------------------------------------------------

def test_bundled_2025_set_has_every_row_for_each_tech_noc(refdata):
    """Job Bank Wages 2025: 86 rows per NOC (Canada, 13 provinces and territories, 72 economic regions beyond them)."""
    rows = refdata.wages._rows
    tech = {noc for noc, _ in rows if noc != "00010"}
    assert len(tech) == 23 and {"21300", "21310", "21330", "21390", "22310", "51120", "52120"} <= tech
    assert all(sum(1 for noc, _ in rows if noc == code) == 86 for code in tech)
    assert refdata.wages.row("21232", "ER3595").median is None  # unpublished, kept as a row
    assert (refdata.wages.figure("21233", "ER3510").median, refdata.wages.figure("21233", "ON").median) == (36.87, 33.65)

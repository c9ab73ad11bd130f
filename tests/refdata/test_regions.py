"""Economic regions (ER 2021, Job Bank's codes) and the place -> economic region table."""
from __future__ import annotations

import json

import pytest

from employer_portal.refdata import load_bundled
from employer_portal.refdata.reference import DATA_DIR
from employer_portal.refdata.regions import normalise_region_code, place_key

DATA = json.loads((DATA_DIR / "economic_regions.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def refdata():
    return load_bundled()


def test_the_set_names_its_source_and_date():
    """COMMON: each reference set carries its source and as-of date."""
    assert DATA["version"] and DATA["as_of"] and "Statistics Canada" in DATA["source"]


def test_every_province_lists_the_economic_regions_of_job_banks_file(refdata):
    """Job Bank Wages 2025 has 76 economic regions (PE, YT, NT and NU are one each)."""
    wage_regions = {(r.province, r.area) for r in refdata.wages._rows.values() if r.level == "economic_region"}
    wage_regions |= {(p, code) for p, code in (("PE", "ER1110"), ("YT", "ER6010"), ("NT", "ER6110"), ("NU", "ER6210"))}
    listed = {(p, r["code"]) for p, regions in DATA["regions"].items() for r in regions}
    assert listed == wage_regions and len(listed) == 76


def test_regions_carry_job_banks_names(refdata):
    """Job Bank Wages 2025, ER_Name column: "Kingston--Pembroke", "Nord-du-Québec"."""
    assert [r.name for r in refdata.economic_regions("ON")][:2] == ["Ottawa", "Kingston--Pembroke"]
    assert refdata.economic_regions("qc")[-1].to_dict() == {"code": "ER2490", "name": "Nord-du-Québec"}
    assert refdata.economic_regions("ZZ") == ()


def test_every_place_lies_in_a_region_of_its_province():
    """Statistics Canada: an ER is a grouping of census divisions inside one province."""
    codes = {p: {r["code"] for r in regions} for p, regions in DATA["regions"].items()}
    assert all(place["er"] in codes[place["province"]] for place in DATA["places"])


def test_every_2021_cma_and_ca_is_a_place():
    """Statistics Canada 2021 Census: 41 CMAs and 111 CAs (Ottawa - Gatineau listed by its two parts)."""
    assert sum(1 for p in DATA["places"] if p["kind"] in ("CMA", "CA")) >= 150


@pytest.mark.parametrize(("city", "province", "code"), [
    ("Toronto", "ON", "ER3530"), ("Mississauga", "ON", "ER3530"), ("Brampton", "ON", "ER3530"), ("Markham", "ON", "ER3530"),
    ("Ottawa", "ON", "ER3510"), ("Windsor", "ON", "ER3570"), ("Kitchener", "ON", "ER3540"), ("Waterloo", "ON", "ER3540"),
    ("Cambridge", "ON", "ER3540"), ("Kitchener-Cambridge-Waterloo", "ON", "ER3540"), ("Calgary", "AB", "ER4830"),
    ("Edmonton", "AB", "ER4860"), ("Vancouver", "BC", "ER5920"), ("Burnaby", "BC", "ER5920"), ("Surrey", "BC", "ER5920"),
    ("Victoria", "BC", "ER5910"), ("Montréal", "QC", "ER2440"), ("Laval", "QC", "ER2445"), ("Longueuil", "QC", "ER2435"),
    ("Québec", "QC", "ER2420"), ("Lévis", "QC", "ER2425"), ("Gatineau", "QC", "ER2460"), ("Halifax", "NS", "ER1250"),
    ("Moncton", "NB", "ER1320"), ("Saskatoon", "SK", "ER4730"), ("Regina", "SK", "ER4710"), ("Winnipeg", "MB", "ER4650"),
])
def test_big_cities_lie_in_their_statcan_economic_region(refdata, city, province, code):
    """Statistics Canada ER 2021 (SGC 2021); e.g. Windsor in ER3570 Windsor--Sarnia, Gatineau in ER2460 Outaouais."""
    assert refdata.region_for_place(city, province).region.code == code


@pytest.mark.parametrize("spelling", ["montreal", "MONTRÉAL", "Montréal ", "Kitchener–Cambridge–Waterloo",
                                      "kitchener cambridge waterloo", "St. John's", "Saint Johns", "st johns"])
def test_matching_ignores_case_accents_dashes_and_saint(refdata, spelling):
    """HR staff type city names many ways; the table matches them all."""
    province = "NL" if "john" in spelling.lower() else ("QC" if "mont" in spelling.lower() else "ON")
    assert refdata.region_for_place(spelling, province) is not None


def test_same_name_in_two_provinces_is_told_apart_by_the_province(refdata):
    """Windsor, Ont. (ER3570) is not Windsor, N.S.: places are matched within the province."""
    assert refdata.region_for_place("Windsor", "ON").region.code == "ER3570"
    assert refdata.region_for_place("Windsor", "NS") is None


def test_single_region_territory_gives_its_region_for_any_place(refdata):
    """Statistics Canada: Prince Edward Island and the three territories each consist of one ER."""
    assert refdata.region_for_place("Dawson", "YT").region.code == "ER6010"


def test_unsure_places_are_marked_verify(refdata):
    """Brome-Missisquoi and La Haute-Yamaska moved to Estrie on 2021-07-08, after SGC 2021's reference date."""
    assert refdata.region_for_place("Granby", "QC").to_verify
    assert not refdata.region_for_place("Toronto", "ON").to_verify


def test_region_codes_with_or_without_er(refdata):
    """API.md Amendments 2026-12: "ER3510" or "3510"; Job Bank ER codes are StatCan's 4-digit PR+ER codes."""
    assert normalise_region_code("3510") == normalise_region_code(" er3510") == "ER3510"
    assert normalise_region_code("35") is None
    assert refdata.economic_region("3510", "ON").name == "Ottawa" and refdata.economic_region("3510", "QC") is None


def test_place_key():
    """Matching ignores case, accents, dashes and the St./Saint spelling."""
    assert place_key("Sault Ste. Marie") == place_key("sault sainte-marie") == "sault sainte marie"
    assert place_key("Val-d'Or") == "val dor"

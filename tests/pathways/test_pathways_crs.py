"""CRS against hand-worked profiles from the official grid (IRCC CRS criteria, page modified 2025-08-21)."""
from __future__ import annotations

import pytest

from pathways_samples import clb
from employer_portal.pathways import outlook


def crs(request):
    return outlook(request)["crs"]


def test_single_bachelor_clb9_three_years_abroad_scores_429(build):
    """CRS grid, without spouse: age 29 = 110; bachelor's = 120; CLB 9 = 31 x 4 = 124; education x language
    (one-year+ credential, CLB 9) = 25; foreign 3+ years x CLB 9 = 50. Total 354 + 75 = 429."""
    score = crs(build())
    assert score["breakdown"]["core"] == {"age": 110, "education": 120, "first_language": 124,
                                          "second_language": 0, "canadian_experience": 0}
    assert (score["core"], score["spouse"], score["transferability"], score["additional"]) == (354, 0, 75, 0)
    assert score["total"] == 429
    assert score["rules_version"] == "crs-2025-03-25"


def test_married_with_accompanying_spouse_uses_the_with_spouse_column_and_spouse_factors(build):
    """CRS grid, with spouse: age 29 = 100; bachelor's = 112; CLB 9 = 29 x 4 = 116; 1 year Canadian = 35 (core 363).
    Spouse: master's = 10; CLB 7 = 3 x 4 = 12; 1 year Canadian = 5 (27). Transferability: education x CLB 9 = 25,
    education x 1 year Canadian = 13; foreign 0. Total 363 + 27 + 38 = 428."""
    score = crs(build(candidate={
        "marital_status": "married_accompanying", "canadian_experience_years": 1, "foreign_experience_years": 0,
        "spouse": {"education": "master", "first_language_clb": clb(7), "canadian_experience_years": 1}}))
    assert score["scored_as"] == "with accompanying spouse"
    assert score["core"] == 363
    assert score["breakdown"]["spouse"] == {"education": 10, "first_language": 12, "canadian_experience": 5}
    assert score["spouse"] == 27
    assert score["transferability"] == 38
    assert score["total"] == 428


def test_a_spouse_who_does_not_come_is_scored_as_single(build):
    """CRS criteria: 'score as single if the spouse is not accompanying you'."""
    single = crs(build())
    not_accompanying = crs(build(candidate={"marital_status": "married_not_accompanying",
                                            "spouse": {"education": "doctorate"}}))
    assert not_accompanying["total"] == single["total"] == 429
    assert not_accompanying["spouse"] == 0


def test_education_group_is_capped_at_50(build):
    """CRS grid: master's x CLB 9 = 50 and master's x 2 years Canadian = 50; the education group is capped at 50."""
    score = crs(build(candidate={"education": "master", "canadian_experience_years": 2, "foreign_experience_years": 0}))
    education = score["breakdown"]["transferability"]["education"]
    assert (education["with_language"], education["with_canadian_experience"], education["subtotal"]) == (50, 50, 50)
    assert score["transferability"] == 50


def test_a_single_bachelor_with_two_years_in_canada_gets_25_for_education_and_experience(build):
    """CRS grid: a post-secondary credential of one year or longer + 2 or more years Canadian experience = 25
    (a bachelor's is not the 'two or more credentials' row)."""
    score = crs(build(candidate={"canadian_experience_years": 2, "foreign_experience_years": 0,
                                 "first_language_clb": clb(6)}))
    education = score["breakdown"]["transferability"]["education"]
    assert (education["with_language"], education["with_canadian_experience"]) == (0, 25)


@pytest.mark.parametrize(("years", "levels", "points"), [
    (3, clb(9, writing=8), 25),  # 3+ years, CLB 7+ with one under 9
    (2, clb(9), 25),  # 1-2 years, CLB 9+
    (1, clb(8), 13),  # 1-2 years, CLB 7+ with one under 9
    (3, clb(9), 50),  # 3+ years, CLB 9+
])
def test_foreign_experience_with_language(build, years, levels, points):
    """CRS grid, foreign work experience x official language proficiency: 13 / 25 / 25 / 50."""
    score = crs(build(candidate={"foreign_experience_years": years, "first_language_clb": levels}))
    assert score["breakdown"]["transferability"]["foreign_experience"]["with_language"] == points


def test_foreign_experience_group_is_capped_at_50(build):
    """CRS grid: 3+ years foreign x CLB 9 = 50 and 3+ years foreign x 2 years Canadian = 50; group cap 50."""
    score = crs(build(candidate={"education": "secondary", "canadian_experience_years": 2}))
    foreign = score["breakdown"]["transferability"]["foreign_experience"]
    assert (foreign["with_language"], foreign["with_canadian_experience"], foreign["subtotal"]) == (50, 50, 50)


@pytest.mark.parametrize(("levels", "points"), [(clb(5, reading=6), 25), (clb(7), 50), (clb(4), 0)])
def test_certificate_of_qualification(build, levels, points):
    """CRS grid: certificate of qualification + CLB 5+ (one under 7) = 25; + CLB 7+ = 50."""
    score = crs(build(candidate={"certificate_of_qualification": True, "first_language_clb": levels,
                                 "education": "secondary", "foreign_experience_years": 0}))
    assert score["breakdown"]["transferability"]["certificate_of_qualification"] == points


def test_skill_transferability_is_capped_at_100(build):
    """CRS grid: education group 50 + foreign group 50 + certificate 50 = 150, capped at 100 in all."""
    score = crs(build(candidate={"education": "master", "canadian_experience_years": 2,
                                 "certificate_of_qualification": True}))
    parts = score["breakdown"]["transferability"]
    assert (parts["education"]["subtotal"], parts["foreign_experience"]["subtotal"],
            parts["certificate_of_qualification"]) == (50, 50, 50)
    assert score["transferability"] == 100


def test_french_nclc7_with_english_clb5_adds_50_and_second_language_points(build):
    """CRS grid: NCLC 7+ on all four French abilities and CLB 5+ on all four English = 50 additional points;
    second official language NCLC 7 = 3 x 4 = 12 (single)."""
    score = crs(build(candidate={"first_language_clb": clb(5), "second_language_clb": clb(7)}))
    assert score["breakdown"]["additional"]["french"] == 50
    assert score["breakdown"]["core"]["second_language"] == 12


def test_french_nclc7_with_weak_english_adds_25(build):
    """CRS grid: NCLC 7+ on all four French abilities and CLB 4 or lower in English = 25."""
    score = crs(build(candidate={"first_language": "french", "first_language_clb": clb(8),
                                 "second_language_clb": clb(4)}))
    assert score["breakdown"]["additional"]["french"] == 25


def test_french_without_an_english_test_adds_25(build):
    """CRS grid: NCLC 7+ in French and no English test = 25."""
    score = crs(build(candidate={"first_language": "french", "first_language_clb": clb(7)}))
    assert score["breakdown"]["additional"]["french"] == 25


def test_french_below_nclc7_adds_nothing(build):
    """CRS grid: the French bonus needs NCLC 7 or more on all four abilities."""
    score = crs(build(candidate={"second_language_clb": clb(7, speaking=6)}))
    assert score["breakdown"]["additional"]["french"] == 0


def test_provincial_nomination_adds_600(build):
    """CRS grid: provincial or territorial nomination = 600."""
    assert crs(build(candidate={"provincial_nomination": True}))["total"] == 429 + 600


def test_additional_points_are_capped_at_600(build):
    """CRS grid: additional points maximum 600 (nomination 600 + sibling 15 + Canadian education 30)."""
    score = crs(build(candidate={"provincial_nomination": True, "sibling_in_canada": True,
                                 "canadian_education_years": 3}))
    assert score["additional"] == 600


@pytest.mark.parametrize(("years", "points"), [(1, 15), (2, 15), (3, 30), (0, 0)])
def test_canadian_education(build, years, points):
    """CRS grid: Canadian post-secondary credential of one or two years = 15; three years or longer = 30."""
    score = crs(build(candidate={"canadian_education_years": years}))
    assert score["breakdown"]["additional"]["canadian_education"] == points


def test_sibling_in_canada_adds_15(build):
    """CRS grid: brother or sister living in Canada, citizen or PR = 15."""
    assert crs(build(candidate={"sibling_in_canada": True}))["breakdown"]["additional"]["sibling_in_canada"] == 15


@pytest.mark.parametrize(("age", "points"), [(17, 0), (18, 99), (30, 105), (35, 77), (44, 6), (45, 0)])
def test_age_points_without_spouse(build, age, points):
    """CRS grid, age without spouse: 18 = 99, 30 = 105, 35 = 77, 44 = 6, 45 or more = 0."""
    assert crs(build(candidate={"age": age}))["breakdown"]["core"]["age"] == points


def test_job_offer_points_apply_before_2025_03_25(build):
    """IRCC CRS criteria: job-offer points (50; 200 for NOC Major Group 00) applied until 2025-03-25."""
    before = crs(build(as_of="2025-03-24", job={"start_date": "2025-01-06"}))
    assert before["breakdown"]["additional"]["arranged_employment"] == 50
    assert before["rules_version"] == "crs-2020-10-27"
    manager = crs(build(as_of="2025-03-24", job={"noc_code": "00012", "start_date": "2025-01-06"}))
    assert manager["breakdown"]["additional"]["arranged_employment"] == 200


def test_job_offer_earns_no_points_from_2025_03_25(build):
    """IRCC CRS criteria: 'As of March 25, 2025, we're removing job offer points from the CRS'."""
    score = crs(build(as_of="2025-03-25", job={"start_date": "2025-01-06"}))
    assert score["breakdown"]["additional"]["arranged_employment"] == 0
    assert score["total"] == 429
    assert any("no CRS points since 2025-03-25" in note for note in score["notes"])


def test_the_unconfirmed_2026_11_03_grid_is_flagged_not_used(build):
    """Research 3.3: the reported 2026-11-03 CRS change is UNCONFIRMED; scores keep the 2025 grid and say verify."""
    score = crs(build(as_of="2026-12-01"))
    assert score["rules_version"] == "crs-2025-03-25"
    assert any("2026-11-03" in note and "verify on the official page" in note for note in score["notes"])


def test_without_age_education_or_language_no_score_is_given(build):
    """A partial profile gives no total, and names what is missing."""
    score = crs(build(candidate={"age": None, "first_language_clb": None}))
    assert score["total"] is None
    assert set(score["missing"]) == {"candidate.age", "candidate.first_language_clb"}


def test_a_date_before_the_earliest_bundled_grid_gives_no_score(build):
    """Grids are versioned by date; none is bundled before 2020-10-27, so no score is made up."""
    score = crs(build(as_of="2019-01-01", job={"start_date": "2019-01-01"}))
    assert score["total"] is None
    assert "as_of" in score["missing"]

"""FSW selection grid and minimums against hand-worked profiles (IRCC Federal Skilled Worker Program, page
modified 2025-10-07; IRPR R75-R83)."""
from __future__ import annotations

from employer_portal.pathways import outlook
from pathways_samples import clb


def fsw(request):
    return outlook(request)["fsw"]


def test_gts_engineer_with_eca_scores_83_and_is_eligible(build):
    """FSW grid: CLB 9 = 6 x 4 = 24; bachelor's (3+ years) = 21; 3 years = 11; age 29 = 12; arranged employment
    (LMIA-based permit, R82(2)(a)) = 10; adaptability: arranged employment = 5. Total 83 >= 67."""
    result = fsw(build())
    assert result["breakdown"] == {"language": 24, "second_language": 0, "education": 21, "experience": 11,
                                   "age": 12, "arranged_employment": 10, "adaptability": 5}
    assert result["points"] == 83
    assert result["eligible"] is True
    assert result["missing"] == []
    assert "Exempt from proof of funds" in result["proof_of_funds"]


def test_below_clb7_is_not_eligible_whatever_the_points(build):
    """FSW minimum: CLB 7 in all four abilities of the first official language."""
    result = fsw(build(candidate={"first_language_clb": clb(9, speaking=6)}))
    assert result["eligible"] is False
    assert any("CLB 7 in all four abilities" in item and "CLB 6" in item for item in result["missing"])


def test_a_foreign_credential_needs_an_eca(build):
    """FSW minimum: a Canadian credential, or a foreign one with an ECA less than 5 years old (R75(2)(e))."""
    assert any("Educational Credential Assessment" in item
               for item in fsw(build(candidate={"eca_date": None}))["missing"])
    old = fsw(build(candidate={"eca_date": "2021-06-01"}))
    assert any("more than 5 years old" in item for item in old["missing"])
    canadian = fsw(build(candidate={"eca_date": None, "canadian_education_years": 2}))
    assert canadian["eligible"] is True


def test_under_67_points_is_not_eligible_and_says_the_score(build):
    """FSW pass mark 67: age 45 = 2; secondary = 5; CLB 7 = 4 x 4 = 16; 1 year = 9; CUSMA offer under a year = 0;
    adaptability 0. Total 32."""
    result = fsw(build(candidate={"age": 45, "education": "secondary", "first_language_clb": clb(7),
                                  "foreign_experience_years": 1},
                       permit={"program": "cusma"}))
    assert result["points"] == 32
    assert result["eligible"] is False
    assert "67 selection points out of 100 (now 32)." in result["missing"]
    assert any("Proof of funds" in item for item in result["to_confirm"])


def test_an_ict_offer_counts_only_after_a_year_with_the_employer(build):
    """IRPR R82(2)(b): on an R205 (ICT) permit the offer counts after 1 year of continuous full-time work."""
    early = fsw(build(permit={"program": "ict"}))
    assert early["arranged_employment"]["qualifies"] is False
    assert early["arranged_employment"]["from"] == "2028-03-01"
    later = fsw(build(as_of="2028-03-01", permit={"program": "ict"}))
    assert later["breakdown"]["arranged_employment"] == 10


def test_adaptability_is_capped_at_10(build):
    """FSW adaptability: at most 10 (1 year in Canada 10 + offer 5 + relative 5 + 2 years study 5)."""
    result = fsw(build(candidate={"canadian_experience_years": 1, "sibling_in_canada": True,
                                  "canadian_education_years": 2}))
    assert sum(result["adaptability"].values()) == 25
    assert result["breakdown"]["adaptability"] == 10


def test_the_fsw_is_not_for_quebec(build):
    """IRCC FSW page: the program is for people who plan to live outside Quebec."""
    result = fsw(build(job={"province": "QC"}))
    assert result["eligible"] is False
    assert any("Quebec" in item for item in result["missing"])


def test_second_official_language_clb5_adds_4(build):
    """FSW grid: at least CLB 5 in all four abilities of the second official language = 4."""
    assert fsw(build(candidate={"second_language_clb": clb(5)}))["breakdown"]["second_language"] == 4


def test_without_the_permit_type_the_offer_counts_after_a_year(build):
    """IRPR R82(2)(a)-(b): a year of continuous full-time work with the employer meets either situation."""
    unknown = fsw(build(permit={"program": None}))
    assert unknown["arranged_employment"]["qualifies"] is False
    assert fsw(build(as_of="2028-03-01", permit={"program": None}))["breakdown"]["arranged_employment"] == 10


def test_a_part_time_job_is_not_arranged_employment(build):
    """IRPR R82(1): arranged employment is continuous full-time work (30 hours a week or more)."""
    assert fsw(build(job={"hours_per_week": 20}))["arranged_employment"]["qualifies"] is False

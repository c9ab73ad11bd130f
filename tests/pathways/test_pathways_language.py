"""Raw test scores to CLB/NCLC with the bundled tables (IRCC test equivalency charts, SECONDARY: verify)."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from employer_portal.pathways import outlook
from employer_portal.pathways.language import test_to_clb as to_clb
from employer_portal.pathways.rules import load_rules
from employer_portal.schemas.pathways import LanguageTest, PathwaysRequest
from pathways_samples import payload

TABLES = load_rules().language


def convert(test, listening, reading, writing, speaking):
    return to_clb(LanguageTest(test=test, listening=listening, reading=reading, writing=writing, speaking=speaking),
                  TABLES)


def test_ielts_general_bands():
    """IRCC chart: IELTS GT listening 8.0 = CLB 9, reading 7.0 = 9, writing 6.5 = 8, speaking 6.0 = 7."""
    assert convert("ielts_general", 8.0, 7.0, 6.5, 6.0) == {"listening": 9, "reading": 9, "writing": 8, "speaking": 7}


def test_celpip_levels_above_10_are_clb10():
    """IRCC chart: CELPIP level n = CLB n; 10-12 = CLB 10."""
    assert convert("celpip_general", 12, 9, 7, 4) == {"listening": 10, "reading": 9, "writing": 7, "speaking": 4}


def test_pte_core_scores():
    """IRCC chart: PTE Core reading 60 = CLB 7, writing 90 = 10, listening 50 = 6, speaking 51 = 5."""
    assert convert("pte_core", 50, 60, 90, 51) == {"listening": 6, "reading": 7, "writing": 10, "speaking": 5}


def test_tef_and_tcf_scores():
    """IRCC chart: TEF Canada (after 2023-12-10) reading 434 = NCLC 7; TCF Canada writing 10/20 = NCLC 7."""
    assert convert("tef_canada", 434, 434, 428, 456) == {"listening": 7, "reading": 7, "writing": 7, "speaking": 7}
    assert convert("tcf_canada", 458, 453, 10, 10) == {"listening": 7, "reading": 7, "writing": 7, "speaking": 7}


def test_a_score_below_the_chart_is_clb3_or_less():
    """IRCC chart starts at CLB 4; lower results score as CLB 3 or less."""
    assert convert("ielts_general", 3.0, 3.0, 3.0, 3.0) == {"listening": 3, "reading": 3, "writing": 3, "speaking": 3}


def test_a_test_is_scored_like_the_clb_it_converts_to_and_says_verify():
    """The tables are SECONDARY: the outlook says the conversion was used and is 'verify on the official page'."""
    by_test = outlook(PathwaysRequest.model_validate(payload(candidate={
        "first_language_clb": None,
        "first_language_test": {"test": "celpip_general", "listening": 9, "reading": 9, "writing": 9,
                                "speaking": 9}})))
    assert by_test["crs"]["total"] == 429
    assert by_test["language_tables"] == {"status": "SECONDARY", "label": "verify on the official page",
                                          "source": "S11", "used": True}


def test_a_french_test_as_first_english_language_is_refused():
    """TEF and TCF measure French: they cannot be the results of an English first official language."""
    with pytest.raises(ValidationError, match="first_language_test must be a test of english"):
        PathwaysRequest.model_validate(payload(candidate={
            "first_language_test": {"test": "tef_canada", "listening": 500, "reading": 500, "writing": 500,
                                    "speaking": 500}}))


def test_an_old_tef_result_needs_nclc_levels():
    """IRCC chart: the bundled TEF table applies to tests taken after 2023-12-10."""
    with pytest.raises(ValidationError, match="older chart"):
        LanguageTest(test="tef_canada", listening=500, reading=500, writing=500, speaking=500,
                     taken_on="2023-06-01")

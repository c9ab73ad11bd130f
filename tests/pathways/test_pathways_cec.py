"""Canadian Experience Class date, language level and cut-off outlook (IRCC CEC page, modified 2025-10-07;
IRPR R87.1; rounds feed copied to 2026-10-01)."""
from __future__ import annotations

from employer_portal.pathways import outlook
from pathways_samples import clb


def cec(request):
    return outlook(request)["cec"]


def test_a_gts_hire_at_40_hours_reaches_1560_hours_a_year_later(build):
    """IRCC CEC: '1,560 hours ... 30 hours per week'; hours above 30 a week do not count: 52 weeks from 2027-03-01."""
    result = cec(build(job={"start_date": "2027-03-01", "hours_per_week": 40}))
    assert result["eligible_from"] == "2028-02-28"
    assert result["hours_per_week_counted"] == 30


def test_part_time_counts_proportionally(build):
    """IRCC CEC: part-time work adds up; at 20 hours a week 1,560 hours take 78 weeks."""
    result = cec(build(job={"start_date": "2027-03-01", "hours_per_week": 20}))
    assert result["eligible_from"] == "2028-08-28"
    assert result["hours_per_week_counted"] == 20


def test_teer_0_and_1_need_clb7_and_the_level_says_verify(build):
    """IRPR R87.1(2)(e): the Minister's threshold for the occupation; CLB 7 for TEER 0/1 (values SECONDARY)."""
    result = cec(build(job={"noc_code": "21231"}))
    assert result["language_clb_needed"] == 7
    assert result["language_clb_label"] == "verify on the official page"
    assert result["language_met"] is True


def test_teer_2_and_3_need_clb5(build):
    """CLB 5 for TEER 2 or 3 (values SECONDARY)."""
    result = cec(build(job={"noc_code": "22220"}, candidate={"first_language_clb": clb(5)}))
    assert result["language_clb_needed"] == 5
    assert result["language_met"] is True


def test_teer_4_work_does_not_count(build):
    """IRCC CEC: the experience must be in TEER 0, 1, 2 or 3."""
    result = cec(build(job={"noc_code": "64100"}))
    assert result["eligible_from"] is None
    assert any("TEER 4" in note for note in result["notes"])


def test_a_score_below_recent_cutoffs_is_called_unlikely(build):
    """Research 8.2.2: flag 'CEC round unlikely' below the recent minimum cut-off (507 in 2026)."""
    invitation = cec(build(candidate={"age": 40}))["invitation"]
    assert invitation["outlook"] == "unlikely"
    assert invitation["modelled_crs"] < 507


def test_a_high_score_is_likely_but_never_promised(build):
    """Research 8.2.2: 'Do not promise an ITA'."""
    invitation = cec(build(candidate={"education": "master", "foreign_experience_years": 3,
                                      "second_language_clb": clb(7)}))["invitation"]
    assert invitation["outlook"] == "likely"
    assert "none is guaranteed" in invitation["text"]
    assert "will be invited" not in invitation["text"]
    assert invitation["label"] == "verify on the official page"
    assert invitation["data_as_of"] == "2026-10-01"


def test_the_modelled_score_counts_the_year_of_canadian_experience_this_hire_gives(build):
    """CRS: 1 year of Canadian experience = 40 (single) and raises the transferability combinations."""
    result = cec(build())
    assert result["invitation"]["modelled_crs"] == 429 + 40 + 13  # education x 1 year Canadian = 13; foreign group capped


def test_old_cutoffs_say_check_the_latest_rounds(build):
    """The bundled cut-offs are dated; more than 6 months later the outlook says to check the latest rounds."""
    invitation = cec(build(as_of="2027-06-01"))["invitation"]
    assert invitation["stale"] is True
    assert "check the latest rounds" in invitation["text"]


def test_a_few_hours_a_week_never_reach_1560_hours_within_3_years(build):
    """IRCC CEC: 1,560 hours in the 3 years before applying; at 8 hours a week this job alone falls short."""
    result = cec(build(job={"hours_per_week": 8}))
    assert result["eligible_from"] is None
    assert any("does not reach 1,560 hours within 3 years" in note for note in result["notes"])


def test_the_comparison_uses_the_cec_rounds_of_the_last_six_months(build):
    """Research 8.2.2: compare with the rolling 6-month CEC cut-offs (feed copy: 2026-04-14 to 2026-09-29, 514-518)."""
    invitation = cec(build(as_of="2026-10-01", job={"start_date": "2026-10-05"}))["invitation"]
    assert (invitation["recent_lowest"], invitation["recent_highest"]) == (514, 518)
    assert all("2026-04-01" <= r["date"] <= "2026-10-01" for r in invitation["recent_rounds"])
    earlier = cec(build(as_of="2026-03-20", job={"start_date": "2026-03-23"}))["invitation"]
    assert earlier["recent_lowest"] == 507


def test_quebec_gets_no_cec_invitation_outlook(build):
    """IRCC CEC: you must plan to live outside the province of Quebec."""
    result = cec(build(job={"province": "QC"}))
    assert result["invitation"] is None
    assert any("not open to workers who intend to live in Quebec" in note for note in result["notes"])


def test_an_ict_worker_on_a_foreign_payroll_is_told_to_verify(build):
    """Research 2 (UNCONFIRMED): Canadian experience means working for a Canadian employer; foreign payroll unclear."""
    assert any("verify on the official page" in note for note in cec(build(permit={"program": "ict"}))["notes"])

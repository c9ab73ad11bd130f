"""The audit trail in plain words (issue 10 item 4): one change, one sentence, with the form's labels and units."""
from employer_portal.hires.audit_words import describe_change, describe_changes


def test_a_wage_change_names_the_amounts_with_their_period():
    assert describe_change("position.wage.amount", 62000, 135000, wage_period="year") == \
        "Wage changed from $62,000 a year to $135,000 a year"


def test_a_wage_and_period_changed_together_give_each_amount_its_own_period():
    sentences = dict(describe_changes({"position.wage.amount": [62000, 57.5], "position.wage.period": ["year", "hour"]}))
    assert sentences["position.wage.amount"] == "Wage changed from $62,000 a year to $57.50 an hour"
    assert sentences["position.wage.period"] == "Wage period changed from per year to per hour"


def test_a_status_change_uses_the_status_words():
    assert describe_change("status", "draft", "submitted") == "Status changed from Draft to Submitted"


def test_a_field_filled_for_the_first_time_is_set():
    assert describe_change("position.start_date", None, "2027-03-01") == "Start date set to 2027-03-01"


def test_a_cleared_field_says_what_it_was():
    assert describe_change("position.city", "Ottawa", None) == "City cleared (was Ottawa)"


def test_a_select_reads_by_its_option_label_not_its_stored_value():
    assert describe_change("ict.category", "startup", "specialized_knowledge") == \
        "Intra-company transfer (ICT) category changed from Start-up transfer (C61) to Specialized knowledge (C63)"


def test_a_list_field_is_listed_and_the_form_hint_is_left_out_of_the_name():
    assert describe_change("worker.citizenships", ["BR"], ["BR", "PT"]) == "Citizenships changed from BR to BR, PT"


def test_employment_periods_are_described_row_by_row():
    sentence = describe_change("ict.employment_periods", None, [
        {"start": "2022-01-01", "end": "2023-12-31", "full_time": True},
        {"start": "2024-06-01", "end": None, "full_time": False}])
    assert sentence == ("Employment with the foreign enterprise set to 2 rows (2022-01-01 to 2023-12-31, full time; "
                        "2024-06-01 to still employed, part time)")


def test_earlier_ict_stays_name_their_category_and_months():
    assert describe_change("ict.prior_stays", [], [{"category": "executive_manager", "months": 24}]) == \
        "Earlier ICT stays in Canada set to 1 row (Executive or manager (C62): 24 months)"


def test_numbers_carry_their_unit():
    assert describe_change("position.hours_per_week", 40, 37.5) == \
        "Hours of work changed from 40 hours a week to 37.5 hours a week"


def test_a_secret_field_is_named_but_its_value_never_shown():
    assert describe_change("worker.passport_number", None, "(changed)") == "Passport number entered (not shown)"
    assert describe_change("worker.date_of_birth", "(changed)", "(changed)") == "Date of birth changed (not shown)"


def test_a_recorded_date_reads_with_its_full_label():
    assert describe_change("dates.lmia_issued_on", None, "2027-01-02") == "Recorded: LMIA issued on 2027-01-02"
    assert describe_change("approved_on", "2027-01-01", "2027-01-03") == "Changed: Approved on 2027-01-03 (was 2027-01-01)"


def test_checklist_items_are_named_by_their_title_not_their_key():
    sentence = describe_change("added", None, ["all.employment_agreement"])
    assert sentence == "Checklist items added: Signed employment agreement"
    assert "all.employment_agreement" not in sentence


def test_a_ticked_box_reads_yes():
    assert describe_change("cusma.worker_controls_employer", None, True) == \
        "The worker controls the Canadian employer set to yes"

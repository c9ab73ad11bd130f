"""The bundled NOC 2021 V1.0 set: 516 unit groups with code, title, TEER and example titles.

Reads employer_portal/refdata/data/noc_2021.json from the package directory (located
without importing the package, so no app code runs; falls back to the checkout layout);
no network.
"""

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest


def _noc_file() -> Path:
    spec = importlib.util.find_spec("employer_portal")
    if spec is not None and spec.submodule_search_locations:
        package_dir = Path(next(iter(spec.submodule_search_locations)))
    else:  # package not importable (e.g. mid-reinstall): use the checkout next to tests/
        package_dir = Path(__file__).resolve().parents[2] / "employer_portal"
    return package_dir / "refdata" / "data" / "noc_2021.json"


@pytest.fixture(scope="module")
def noc_set() -> dict:
    return json.loads(_noc_file().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def groups(noc_set) -> list[dict]:
    return noc_set["unit_groups"]


@pytest.fixture(scope="module")
def by_code(groups) -> dict[str, dict]:
    return {g["code"]: g for g in groups}


def test_set_names_its_official_source_version_and_retrieval_date(noc_set):
    assert noc_set["set"] == "noc-2021"
    assert noc_set["version"] == "noc-2021-v1.0"
    assert noc_set["source"].startswith(
        "Statistics Canada, National Occupational Classification (NOC) 2021 Version 1.0"
    )
    assert noc_set["retrieved"] == "2026-06-22"


def test_source_names_no_third_party_repository(noc_set):
    raw = _noc_file().read_text(encoding="utf-8").lower()
    assert "github" not in raw
    assert "http" not in noc_set["source"].lower()


def test_set_has_exactly_516_unit_groups(groups):
    assert len(groups) == 516


def test_every_code_is_unique_and_five_digits(groups):
    codes = [g["code"] for g in groups]
    assert all(re.fullmatch(r"\d{5}", c) for c in codes)
    assert len(set(codes)) == 516


def test_unit_groups_keep_the_classification_order(groups):
    codes = [g["code"] for g in groups]
    assert codes == sorted(codes)


def test_each_unit_group_has_exactly_code_title_teer_examples(groups):
    assert all(set(g) == {"code", "title", "teer", "examples"} for g in groups)


def test_teer_is_the_second_digit_of_the_code(groups):
    # StatCan's NOC 2021 structure: the second digit of the 5-digit code is the TEER.
    wrong = [g["code"] for g in groups if g["teer"] != int(g["code"][1])]
    assert wrong == []


def test_every_teer_category_from_0_to_5_is_present(groups):
    assert set(Counter(g["teer"] for g in groups)) == {0, 1, 2, 3, 4, 5}


def test_no_title_is_empty(groups):
    assert all(isinstance(g["title"], str) and g["title"].strip() == g["title"] != "" for g in groups)


def test_every_unit_group_has_at_least_one_example_title(groups):
    assert [g["code"] for g in groups if not g["examples"]] == []


def test_example_titles_are_non_empty_and_not_repeated_within_a_group(groups):
    for g in groups:
        assert all(isinstance(e, str) and e.strip() == e != "" for e in g["examples"]), g["code"]
        assert len(set(g["examples"])) == len(g["examples"]), g["code"]


@pytest.mark.parametrize(
    ("code", "title", "teer"),
    [
        ("21231", "Software engineers and designers", 1),
        ("21232", "Software developers and programmers", 1),
        ("21211", "Data scientists", 1),
        ("22222", "Information systems testing technicians", 2),
        ("00010", "Legislators", 0),
        ("95109", "Other labourers in processing, manufacturing and utilities", 5),
    ],
)
def test_known_unit_groups_carry_their_official_titles(by_code, code, title, teer):
    assert by_code[code]["title"] == title
    assert by_code[code]["teer"] == teer


def test_software_engineers_keep_their_example_titles(by_code):
    examples = by_code["21231"]["examples"]
    assert "software architect" in examples
    assert "embedded software engineer" in examples
    assert len(examples) == 10


def test_data_scientists_list_machine_learning_engineer_as_an_example(by_code):
    assert by_code["21211"]["examples"] == [
        "data scientist",
        "machine learning engineer",
        "machine learning specialist",
        "quantitative analyst",
    ]

"""The NOC picker's table of job titles in current use (refdata/data/noc_title_synonyms.json).

Each title maps to the NOC 2021 Version 1.0 unit groups it usually belongs to, most
likely first, with its source and a status that says whether it was confirmed
on an official page. Reads the bundled files; no network.
"""
from __future__ import annotations

import json
import re
import time

import pytest

from employer_portal.refdata import load_bundled
from employer_portal.refdata.noc import (
    OFFICIAL_EXAMPLE,
    TITLE_SYNONYMS_FILE,
    NocSet,
    NocUnitGroup,
    load_title_synonyms,
)

VERIFY = "verify on the official page"


@pytest.fixture(scope="module")
def table() -> dict:
    return json.loads(TITLE_SYNONYMS_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def noc_set():
    return load_bundled().noc_set


# --- the table --------------------------------------------------------------------------

def test_table_names_its_noc_version_source_and_retrieval_date(table):
    """Statistics Canada, NOC 2021 Version 1.0: the unit groups every title maps to."""
    assert table["noc_version"] == "noc-2021-v1.0"
    assert table["source"] and table["retrieved"] == "2026-12-02"
    assert 60 <= len(table["titles"]) <= 100


def test_every_title_has_unit_groups_a_source_and_a_known_status(table, noc_set):
    """Statistics Canada, NOC 2021 Version 1.0: every code is one of its 516 unit groups."""
    for entry in table["titles"]:
        assert entry["groups"] and all(noc_set.get(code) for code in entry["groups"]), entry["title"]
        assert len(set(entry["groups"])) == len(entry["groups"]), entry["title"]
        assert entry["source"].strip(), entry["title"]
        assert entry["status"] in table["statuses"], entry["title"]


def test_a_title_not_confirmed_on_an_official_page_says_verify(table):
    """COMMON rules: a fact not confirmed from an official page carries 'verify on the official page'."""
    confirmed = {OFFICIAL_EXAMPLE, "official title on the NOC 2021 page"}
    for status in table["statuses"]:
        assert status in confirmed or VERIFY in status, status


def test_an_official_example_title_is_an_example_of_the_unit_group_its_source_names(table, noc_set):
    """Statistics Canada, NOC 2021 Version 1.0: the quoted illustrative example is listed under that unit group."""
    for entry in (e for e in table["titles"] if e["status"] == OFFICIAL_EXAMPLE):
        code = re.search(r"unit group (\d{5})", entry["source"]).group(1)
        example = re.search(r"'([^']+)'", entry["source"]).group(1)
        assert code in entry["groups"], entry["title"]
        assert example in noc_set.get(code).examples, entry["title"]


def test_a_title_is_listed_once(table):
    """One place for each fact: a spelling belongs to one entry of the table."""
    spellings = [s.lower() for e in table["titles"] for s in (e["title"], *e.get("variants", ()))]
    assert len(spellings) == len(set(spellings))


def test_the_loader_reads_every_entry_of_the_table(table):
    assert len(load_title_synonyms()) == len(table["titles"])


# --- the NOC picker -------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "code", "matched"), [
    ("DevOps engineer", "21231", "DevOps engineer"),
    ("full-stack developer", "21232", "full-stack developer"),
    ("fullstack developer", "21232", "full-stack developer"),
    ("front-end developer", "21234", "front-end developer"),
    ("frontend developer", "21234", "front-end developer"),
    ("back-end developer", "21232", "back-end developer"),
    ("QA engineer", "21231", "QA engineer"),
    ("test engineer", "21231", "QA engineer"),
    ("software tester", "22222", "software tester"),
    ("site reliability engineer", "21231", "site reliability engineer"),
    ("SRE", "21231", "site reliability engineer"),
    ("cloud engineer", "21231", "cloud engineer"),
    ("data engineer", "21223", "data engineer"),
    ("machine-learning engineer", "21211", "machine learning engineer"),
    ("ML engineer", "21211", "machine learning engineer"),
    ("UX designer", "21233", "UX designer"),
    ("product manager", "20012", "product manager"),
    ("engineering manager", "20012", "engineering manager"),
    ("software engineering manager", "20012", "software engineering manager"),
    ("scrum master", "21231", "scrum master"),
    ("solutions architect", "21231", "solutions architect"),
    ("security analyst", "21220", "cybersecurity analyst"),
    ("mobile developer", "21232", "mobile developer"),
    ("iOS developer", "21232", "mobile developer"),
    ("game developer", "21232", "computer game developer"),
    ("embedded software engineer", "21231", "embedded software engineer"),
    ("data analyst", "21223", "data analyst"),
    ("BI developer", "21223", "business intelligence developer"),
    ("software developer", "21232", "software developer"),
    ("software engineer", "21231", "software engineer"),
    ("web developer", "21234", "web developer"),
    ("web designer", "21233", "web designer"),
    ("database administrator", "21223", "database administrator"),
    ("systems administrator", "22220", "system administrator"),
])
def test_the_picker_finds_a_title_in_current_use_with_its_unit_group_first(noc_set, typed, code, matched):
    """Statistics Canada, NOC 2021 Version 1.0: the title's unit group, shown with the synonym and its source."""
    first = noc_set.search(typed)[0]
    assert (first.code, first.matched, first.kind) == (code, matched, "synonym")
    assert first.source and first.status


def test_every_title_and_spelling_of_the_table_is_found_first(noc_set):
    """Each synonym and variant finds its own most likely unit group first."""
    for synonym in noc_set.synonyms:
        for spelling in (synonym.title, *synonym.variants):
            first = noc_set.search(spelling)[0]
            assert (first.code, first.matched) == (synonym.groups[0], synonym.title), spelling


def test_a_title_that_fits_two_groups_lists_the_alternatives_in_order_with_a_note(noc_set):
    """NOC 2021: 21232 writes and tests code, 21231 designs systems; the table lists both, most likely first."""
    hits = noc_set.search("software developer")
    assert [m.code for m in hits[:3]] == ["21232", "21231", "21230"]
    assert all(m.matched == "software developer" and m.note for m in hits[:3])


def test_the_existing_title_and_example_matches_follow_the_synonyms(noc_set):
    """Unit-group titles and official example titles are still found after the table's hits."""
    hits = noc_set.search("civil engineer")
    assert hits[0].code == "21300" and hits[0].kind in ("title", "example")
    kinds = [m.kind for m in noc_set.search("engineer", limit=30)]
    assert "synonym" in kinds and kinds.index("synonym") < kinds.index("title")


def test_each_unit_group_appears_once_in_the_answer(noc_set):
    codes = [m.code for m in noc_set.search("engineer", limit=30)]
    assert len(codes) == len(set(codes))


def test_without_a_table_the_picker_searches_titles_and_examples_only():
    groups = [NocUnitGroup("21231", "Software engineers and designers", 1, ("software architect",))]
    plain = NocSet.build(groups, version="t", source="t", synonyms=())
    assert [(m.code, m.kind) for m in plain.search("software arch")] == [("21231", "example")]
    assert plain.search("devops") == []


def test_a_synonym_for_a_unit_group_the_set_lacks_is_not_offered():
    """A partial NOC set offers only the unit groups it holds."""
    partial = NocSet.build([NocUnitGroup("21232", "Software developers and programmers", 1)], version="p", source="p")
    assert [m.code for m in partial.search("software developer")] == ["21232"]


def test_the_picker_stays_fast_with_the_table(noc_set):
    started = time.perf_counter()
    for _ in range(200):
        noc_set.search("software dev", limit=10)
        noc_set.search("e", limit=10)
    assert (time.perf_counter() - started) / 400 < 0.005


# --- what a job title says about its NOC ------------------------------------------------------

def test_seniority_words_do_not_change_the_title(noc_set):
    assert noc_set.title_match("Senior DevOps Engineer II").groups == ("21231",)
    assert noc_set.title_match("Lead software engineer").title == "software engineer"


def test_an_official_example_title_maps_to_its_unit_group(noc_set):
    """Statistics Canada, NOC 2021 Version 1.0: 'civil engineer' is an illustrative example of 21300."""
    match = noc_set.title_match("Civil engineer")
    assert (match.groups, match.kind, match.status) == (("21300",), "example", OFFICIAL_EXAMPLE)


def test_a_title_the_tables_do_not_know_maps_to_nothing(noc_set):
    assert noc_set.title_match("Chief happiness officer") is None
    assert noc_set.title_match("") is None and noc_set.title_match(None) is None

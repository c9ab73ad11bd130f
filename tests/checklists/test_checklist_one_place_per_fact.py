"""Issue 13 item 9: the checklist reads each fact from its one place: the routes' names, the ICT
exemption codes and the item statuses are defined once and every reader gets that same object."""
from __future__ import annotations

from checklist_factories import make_hire

from employer_portal.checklists import builder, document
from employer_portal.hires import forms
from employer_portal.models import checklist as checklist_model
from employer_portal.schemas import hire as hire_schema


def test_every_route_has_a_short_and_a_full_name_in_one_table():
    assert set(hire_schema.PROGRAM_NAMES) == set(hire_schema.PROGRAMS)
    assert forms.PROGRAM_LABELS is hire_schema.PROGRAM_LABELS
    assert document.ROUTE_LABELS is hire_schema.PROGRAM_FULL_NAMES
    assert document.route_label("gts_a") == "Global Talent Stream, Category A"
    assert document.route_label(None) == "Route not chosen yet"


def test_the_checklist_tests_each_ict_category_by_the_schemas_exemption_code():
    assert not hasattr(builder, "ICT_CODES")
    for category, code in hire_schema.ICT_CATEGORY_CODES.items():
        payload = make_hire("ict", ict={"relationship": "parent", "category": category})
        assert builder.hire_facts(payload)["ict_code"] == frozenset({code})


def test_item_statuses_are_defined_once():
    assert checklist_model.ITEM_STATUSES is builder.ITEM_STATUSES

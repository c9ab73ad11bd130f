"""Sample pathway requests for the pathways tests: a GTS software engineer in Vancouver unless a test says otherwise.

(A module of its own, not imported from conftest: no clash with other folders' conftest.)
"""
from __future__ import annotations

import copy

CLB9 = {"listening": 9, "reading": 9, "writing": 9, "speaking": 9}

BASE = {
    "as_of": "2027-03-01",
    "candidate": {
        "age": 29, "marital_status": "single", "education": "bachelor", "canadian_education_years": 0,
        "first_language": "english", "first_language_clb": CLB9, "second_language_clb": None,
        "canadian_experience_years": 0, "foreign_experience_years": 3, "certificate_of_qualification": False,
        "sibling_in_canada": False, "provincial_nomination": False, "spouse": None, "eca_date": "2026-06-01",
    },
    "job": {"noc_code": "21231", "province": "BC", "start_date": "2027-03-01", "hours_per_week": 40},
    "permit": {"expires": "2030-03-01", "program": "gts_b"},
}


def clb(level: int, **abilities) -> dict:
    """The same CLB for all four abilities, with some changed: clb(9, writing=8)."""
    return {**{ability: level for ability in ("listening", "reading", "writing", "speaking")}, **abilities}


def _merge(base: dict, changes: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def payload(**changes) -> dict:
    """The base request as JSON with nested changes: payload(candidate={"age": 40})."""
    return _merge(BASE, changes)

"""The Pathways profile form: dotted input names are the `Candidate` paths, so a validation error's path
is the name of the field it sits next to."""
from __future__ import annotations

from employer_portal.schemas.pathways import ABILITIES, EDUCATION_LEVELS, TEST_LANGUAGE

EDUCATION_LABELS = {
    "less_than_secondary": "Less than secondary school", "secondary": "Secondary school diploma",
    "one_year": "One-year post-secondary program", "two_year": "Two-year post-secondary program",
    "bachelor": "Bachelor's degree or program of 3+ years", "two_or_more": "Two or more credentials, one of 3+ years",
    "master": "Master's degree or professional degree", "doctorate": "Doctorate (PhD)",
}
MARITAL_LABELS = {"single": "Single (or spouse not coming, or a citizen or PR)",
                  "married_accompanying": "Married or common-law, spouse coming to Canada",
                  "married_not_accompanying": "Married or common-law, spouse not coming"}
TEST_LABELS = {"ielts_general": "IELTS General Training", "celpip_general": "CELPIP-General",
               "pte_core": "PTE Core", "tef_canada": "TEF Canada", "tcf_canada": "TCF Canada"}
_EDUCATION = [("", "—")] + [(k, EDUCATION_LABELS[k]) for k in EDUCATION_LEVELS]
_TESTS = [("", "—")] + [(k, TEST_LABELS[k]) for k in TEST_LANGUAGE]


def _abilities(prefix: str, what: str) -> list[tuple]:
    return [(f"{prefix}.{a}", f"{what}: {a}", "number", None) for a in ABILITIES]


# (title, [(name, label, kind, options)])
SECTIONS: list[tuple[str, list[tuple]]] = [
    ("The worker", [
        ("age", "Age (only if the hire has no date of birth)", "number", None),
        ("marital_status", "Marital status", "select", list(MARITAL_LABELS.items())),
        ("education", "Highest education", "select", _EDUCATION),
        ("canadian_education_years", "Years of post-secondary study in Canada", "number", None),
        ("eca_date", "Educational credential assessment (ECA) date", "date", None),
        ("canadian_experience_years", "Years of skilled work in Canada (before this job)", "number", None),
        ("foreign_experience_years", "Years of skilled work abroad", "number", None),
        ("certificate_of_qualification", "Certificate of qualification in a trade", "checkbox", None),
        ("sibling_in_canada", "Brother or sister in Canada (citizen or PR)", "checkbox", None),
        ("provincial_nomination", "Provincial nomination", "checkbox", None),
    ]),
    ("First official language", [
        ("first_language", "First official language", "select", [("english", "English"), ("french", "French")]),
        ("language_test_date", "Language test date", "date", None),
        *_abilities("first_language_clb", "First language CLB/NCLC"),
        ("first_language_test.test", "Or a test's raw scores: test", "select", _TESTS),
        *_abilities("first_language_test", "Test score"),
        ("first_language_test.taken_on", "Test taken on", "date", None),
    ]),
    ("Second official language (optional)", _abilities("second_language_clb", "Second language CLB/NCLC")),
    ("Spouse or partner (if coming to Canada)", [
        ("spouse.education", "Spouse's education", "select", _EDUCATION),
        *_abilities("spouse.first_language_clb", "Spouse's CLB/NCLC"),
        ("spouse.canadian_experience_years", "Spouse's years of skilled work in Canada", "number", None),
    ]),
]
FIELDS = [f for _title, fields in SECTIONS for f in fields]
_CHECKBOXES = {name for name, _l, kind, _o in FIELDS if kind == "checkbox"}


def _set(data: dict, path: str, value) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def candidate_from_form(form) -> dict:
    """The nested `Candidate` data from the form's dotted fields (blank fields left out; pydantic types them)."""
    data: dict = {}
    for name, _label, kind, _options in FIELDS:
        if kind == "checkbox":
            if form.get(name):
                _set(data, name, True)
            continue
        value = (form.get(name) or "").strip()
        if value:
            _set(data, name, value)
    return data


def values_from_form(form) -> dict[str, str]:
    return {name: ("on" if form.get(name) else "") if name in _CHECKBOXES else (form.get(name) or "")
            for name, *_ in FIELDS}


def values_from_candidate(candidate: dict | None) -> dict[str, str]:
    values: dict[str, str] = {}

    def walk(data: dict, prefix: str = "") -> None:
        for key, value in data.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{key}.")
            elif value is True:
                values[f"{prefix}{key}"] = "on"
            elif value not in (None, False):
                values[f"{prefix}{key}"] = str(value)

    walk(candidate or {})
    return values


def split_errors(errors: dict[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """(errors by field name, errors that name no field)."""
    names = {name for name, *_ in FIELDS}
    by_field: dict[str, list[str]] = {}
    general: list[str] = []
    for path, messages in errors.items():
        if path in names:
            by_field[path] = messages
        else:
            # A block without one of its abilities names the missing leaf; anything else goes on top.
            general.extend(f"{path}: {m}" if path != "body" else m for m in messages)
    return by_field, general

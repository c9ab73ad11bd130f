"""The hire form's fields: flat dotted names ("position.wage.amount") to the nested payload and back.

The form is validated by the same `HirePayload` schema as the API (through the
service); this module only turns what the browser sent into a dict and a stored
hire into the strings the inputs show, so nothing HR typed is lost on an error.
"""
from __future__ import annotations

import re

from employer_portal.schemas.hire import (
    EDUCATION_LEVELS,
    ICT_CATEGORIES,
    ICT_RELATIONSHIPS,
    PROGRAMS,
    PROVINCES,
)

PROGRAM_LABELS = {"gts_a": "GTS Category A", "gts_b": "GTS Category B", "ict": "Intra-Company Transfer (ICT)",
                  "cusma": "CUSMA Professional"}

class CusmaProfessionChoices:
    """The 63 CUSMA professions as (key, name) options, read from the reference data in force."""

    def _professions(self):
        from employer_portal.refdata.store import current_refdata

        professions = current_refdata().cusma_professions
        return sorted(professions.values(), key=lambda p: p.profession)

    def __iter__(self):
        return iter([(p.key, p.profession) for p in self._professions()])

    def __contains__(self, key) -> bool:
        from employer_portal.refdata.store import current_refdata

        return key in current_refdata().cusma_professions


# Every input of the form, by section: (dotted name, label, kind, options).
SECTIONS = {
    "worker": [
        ("worker.given_name", "Given name", "text", None),
        ("worker.family_name", "Family name", "text", None),
        ("worker.email", "Email", "email", None),
        ("worker.citizenships", "Citizenships (ISO codes, e.g. BR, PT)", "text", None),
        ("worker.highest_education", "Highest education", "select", EDUCATION_LEVELS),
        ("worker.field_of_study", "Field of study", "text", None),
        ("worker.years_experience", "Years of experience", "number", None),
        ("worker.passport_number", "Passport number", "text", None),
        ("worker.date_of_birth", "Date of birth", "date", None),
    ],
    "position": [
        ("position.title", "Job title", "text", None),
        ("position.noc_code", "NOC 2021 code", "text", None),
        ("position.duties", "Duties", "textarea", None),
        ("position.province", "Province", "select", PROVINCES),
        ("position.economic_region", "Economic region (Job Bank ER code, optional)", "text", None),
        ("position.city", "City", "text", None),
        ("position.wage.amount", "Wage (CAD)", "number", None),
        ("position.wage.period", "Wage per", "select", ("year", "hour")),
        ("position.hours_per_week", "Hours per week", "number", None),
        ("position.start_date", "Start date", "date", None),
        ("position.end_date", "End date", "date", None),
    ],
    "gts": [
        ("gts.referral_partner", "Designated referral partner (Category A)", "text", None),
        ("gts.referral_date", "Referral date", "date", None),
    ],
    "ict": [
        ("ict.foreign_employer", "Foreign employer", "text", None),
        ("ict.relationship", "Relationship to the Canadian employer", "select", ICT_RELATIONSHIPS),
        ("ict.category", "ICT category", "select", ICT_CATEGORIES),
        ("ict.continuous_full_time_months", "Months of continuous full-time work there (last 3 years)", "number", None),
        ("ict.prior_ict_months_in_canada", "Months already spent in Canada as an ICT", "number", None),
    ],
    "cusma": [
        ("cusma.profession", "CUSMA profession (Appendix 2)", "select", CusmaProfessionChoices()),
        ("cusma.licensed", "Holds the state or provincial licence the profession accepts", "checkbox", None),
        ("cusma.worker_controls_employer", "The worker controls the Canadian employer", "checkbox", None),
    ],
}
FIELDS = {name: (label, kind, options) for fields in SECTIONS.values() for name, label, kind, options in fields}
LIST_FIELDS = {"worker.citizenships"}
# Which route block each program shows (the others are hidden by hire_form.js, and ignored by the rules).
PROGRAM_BLOCKS = {"gts_a": "gts", "gts_b": "gts", "ict": "ict", "cusma": "cusma"}


def _set_path(target: dict, path: str, value) -> None:
    *parents, leaf = path.split(".")
    for part in parents:
        target = target.setdefault(part, {})
    target[leaf] = value


def payload_from_form(form, *, with_program: bool = True) -> dict:
    """The nested (partial) payload from the posted fields; empty inputs are left out, so drafts stay partial.

    A route block whose inputs are all empty is left out too; checkboxes count only when ticked.
    """
    data: dict = {}
    if with_program:
        program = (form.get("program") or "").strip()
        if program:
            data["program"] = program
    for name, (_label, kind, _options) in FIELDS.items():
        if kind == "checkbox":
            if form.get(name):
                _set_path(data, name, True)
            continue
        raw = (form.get(name) or "").strip()
        if not raw:
            continue
        if name in LIST_FIELDS:
            _set_path(data, name, [p for p in re.split(r"[\s,;]+", raw) if p])
        else:
            # Strings as typed: pydantic turns "40" into 40 and names what it cannot read.
            _set_path(data, name, raw)
    return data


def values_from_form(form) -> dict[str, str]:
    """What the inputs showed, to put back on re-render."""
    values = {name: form.get(name, "") for name in FIELDS}
    values["program"] = form.get("program", "")
    return values


def values_from_payload(payload: dict) -> dict[str, str]:
    """Input values for a stored hire payload."""
    values: dict[str, str] = {"program": payload.get("program") or ""}
    for name, (_label, kind, _options) in FIELDS.items():
        value = payload
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            values[name] = ""
        elif isinstance(value, list):
            values[name] = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            values[name] = "1" if value else ""
        elif isinstance(value, float) and value.is_integer():
            values[name] = str(int(value))
        else:
            values[name] = str(value)
    return values


def field_errors(errors: dict[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """Errors per input name ("worker.citizenships.1" → "worker.citizenships"), and the rest for the top of the form."""
    by_field: dict[str, list[str]] = {}
    general: list[str] = []
    for path, messages in errors.items():
        name = re.sub(r"\.\d+$", "", path)
        if name in FIELDS or name == "program":
            by_field.setdefault(name, []).extend(messages)
        else:
            general.extend(f"{path}: {m}" for m in messages)
    return by_field, general


__all__ = ["FIELDS", "PROGRAMS", "PROGRAM_BLOCKS", "PROGRAM_LABELS", "SECTIONS", "field_errors", "payload_from_form",
           "values_from_form", "values_from_payload"]

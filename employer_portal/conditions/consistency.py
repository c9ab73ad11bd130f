"""The filing consistency check (pure: no Flask, no database).

Before filing, the hire as entered, the Employer Portal offer (ICT, CUSMA) or the LMIA (GTS) and what the
worker's permit application says must tell the same story: officers compare them, and the employer must be
able to show for six years that what it gave was accurate (IRPR R209.2(1)(b)(i), R209.3(1)(c)(i); Schedule 2
items 1 and 4, Type A). Each difference is one TERMS_MISMATCH finding naming the field and both values.

In: flat records (dicts of FILING_FIELDS, from `record_of`) by source. Out: findings as dicts (the report's
finding shape plus `values`).
"""
from __future__ import annotations

from typing import Any

from employer_portal.deadlines.violations import AmpSchedule, load_amp_schedule

from .terms import provision_for, regime

FILING_FIELDS = ("noc_code", "job_title", "employer_name", "wage_amount", "wage_period", "hours_per_week",
                 "province", "city", "start_date", "end_date")
FIELD_LABELS = {
    "noc_code": "NOC code", "job_title": "job title", "employer_name": "employer", "wage_amount": "wage",
    "wage_period": "wage period", "hours_per_week": "hours per week", "province": "province of work",
    "city": "city of work", "start_date": "start date", "end_date": "end date", "number": "offer or LMIA number",
}
SOURCE_LABELS = {"hire": "the hire", "offer": "the Employer Portal offer", "lmia": "the LMIA",
                 "permit_application": "the permit application"}
# The Schedule 2 condition an inaccurate filing breaks: item 1 (IMP) or item 4 (LMIA).
ACCURACY_ITEM = {"imp": 1, "lmia": 4}
SOURCE = ("IRPR R209.2(1)(b)(i) / R209.3(1)(c)(i): the employer must be able to demonstrate, for six years, that "
          "the information it provided was accurate (Schedule 2 items 1 and 4, Type A); IRCC officers compare the "
          "offer or LMIA with the work-permit application "
          "(https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/section-209.2.html)")
TEXT_FIELDS = ("job_title", "employer_name", "city")


def reference_source(program: str | None) -> str:
    """The employer's document the permit application must match: the LMIA (GTS) or the offer (ICT, CUSMA)."""
    return "lmia" if regime(program) == "lmia" else "offer"


def _norm(name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if name in TEXT_FIELDS:
        return " ".join(str(value).split()).casefold()
    if name in ("wage_amount", "hours_per_week"):
        return round(float(value), 2)
    if name in ("province", "noc_code", "number"):
        return str(value).strip().upper()
    return str(value)


def compare_records(left_source: str, left: dict[str, Any], right_source: str, right: dict[str, Any],
                    program: str | None = None, business_size: str | None = None,
                    schedule: AmpSchedule | None = None) -> list[dict[str, Any]]:
    """One TERMS_MISMATCH per field both records give with different values."""
    schedule = schedule or load_amp_schedule()
    item = ACCURACY_ITEM[regime(program)]
    condition = schedule.conditions[item]
    violation = schedule.violation_for_size([item], business_size)
    findings = []
    # The number too: the offer number recorded with the hire's dates must be the offer's.
    for name in ("number", *FILING_FIELDS):
        a, b = _norm(name, left.get(name)), _norm(name, right.get(name))
        if a is None or b is None or a == b:
            continue
        findings.append({
            "code": "TERMS_MISMATCH", "severity": "warning", "field": name,
            "sources": [left_source, right_source],
            "values": {left_source: left.get(name), right_source: right.get(name)},
            "message": (f"The {FIELD_LABELS[name]} differs: {SOURCE_LABELS[left_source]} says "
                        f"{left.get(name)}, {SOURCE_LABELS[right_source]} says {right.get(name)}. Make them "
                        f"the same before filing: officers compare them, and an inaccurate filing is a Type "
                        f"{violation.type} violation of R{provision_for(condition.provision, program)} "
                        f"({violation.range_text})."),
            "source": SOURCE,
        })
    return findings


def consistency_findings(program: str | None, records: dict[str, dict[str, Any]],
                         business_size: str | None = None,
                         schedule: AmpSchedule | None = None) -> list[dict[str, Any]]:
    """Compare the hire with the offer or LMIA, and that with the permit application (or the hire with the
    permit application while no offer or LMIA is recorded). `records` maps a source to its flat record."""
    reference = reference_source(program)
    hire, ref, permit = records.get("hire") or {}, records.get(reference) or {}, records.get("permit_application")
    findings: list[dict[str, Any]] = []
    if _filled(ref):
        findings += compare_records("hire", hire, reference, ref, program, business_size, schedule)
        if _filled(permit):
            findings += compare_records(reference, ref, "permit_application", permit, program, business_size,
                                        schedule)
    elif _filled(permit):
        findings += compare_records("hire", hire, "permit_application", permit, program, business_size, schedule)
    return findings


def _filled(record: dict[str, Any] | None) -> bool:
    return bool(record) and any(record.get(name) not in (None, "") for name in FILING_FIELDS)


def record_of(terms: dict[str, Any], employer_name: str | None, number: str | None = None) -> dict[str, Any]:
    """The hire's own record for the comparison: its current terms, the employer's name and the offer number
    recorded with its dates (if any)."""
    record = {name: terms.get(name) for name in FILING_FIELDS if name in terms}
    record["employer_name"] = employer_name
    record["number"] = number
    return record

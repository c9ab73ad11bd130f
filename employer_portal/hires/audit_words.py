"""A hire's audit trail in plain words: one change (path, old, new) becomes one sentence.

"position.wage.amount", 62000 -> 135000 (paid per year) reads "Wage changed from $62,000 a year to
$135,000 a year"; "status", "draft" -> "submitted" reads "Status changed from Draft to Submitted". The labels
are the forms' own (hires/forms.py), so a field is named the same on the form and in the trail. Plain module:
no Flask, no database.
"""
from __future__ import annotations

import re

from employer_portal.hires.forms import (
    ICT_CATEGORY_LABELS,
    ROW_GROUPS,
    field_label,
    option_label,
)

HIDDEN = "(changed)"  # what the trail stores for a secret field (hires/service.py): never its value
WAGE_AMOUNT, WAGE_PERIOD = "position.wage.amount", "position.wage.period"
PER_PERIOD = {"year": "a year", "hour": "an hour"}
CHECKLIST_PATHS = ("added", "revived", "retired")  # a checklist sync names its items by key: shown by title

# Shorter names where a sentence reads better than the form's label ("Wage", not "Wage in Canadian dollars").
SUBJECTS = {
    WAGE_AMOUNT: "Wage", WAGE_PERIOD: "Wage period", "position.start_date": "Start date",
    "position.end_date": "End date", "position.hours_per_week": "Hours of work",
    "position.noc_code": "Occupation code (NOC)", "position.province": "Province or territory",
    "position.city": "City", "worker.years_experience": "Work experience",
}
# Numbers and the unit they are counted in.
UNITS = {
    "position.hours_per_week": "hours a week", "worker.years_experience": "years",
    "ict.continuous_full_time_months": "months", "ict.prior_ict_months_in_canada": "months",
    "ict.months_abroad_since_last_stay": "months", "cusma.credential.years_of_study": "years",
}


def describe_change(path: str, old, new, *, wage_period: str | None = None) -> str:
    """One sentence for one change; `wage_period` ("year"/"hour") gives a wage amount its unit."""
    subject = _subject(path)
    if old == HIDDEN or new == HIDDEN:
        if old is None:
            return f"{subject} entered (not shown)"
        if new is None:
            return f"{subject} removed"
        return f"{subject} changed (not shown)"
    before = _value(path, old, wage_period)
    after = _value(path, new, wage_period)
    if old in (None, "", []) and new in (None, "", []):
        return f"{subject}: none"
    if path in CHECKLIST_PATHS:
        return f"{subject}: {after}"
    if subject.endswith(" on"):
        # A date label ("LMIA issued on") reads as a phrase with its date.
        if old in (None, "", []):
            return f"Recorded: {subject} {after}"
        if new in (None, "", []):
            return f"Cleared: {subject} {before}"
        return f"Changed: {subject} {after} (was {before})"
    if old in (None, "", []):
        return f"{subject} set to {after}"
    if new in (None, "", []):
        return f"{subject} cleared (was {before})"
    return f"{subject} changed from {before} to {after}"


def describe_changes(changes: dict | None, *, wage_period: str | None = None) -> list[tuple[str, str]]:
    """(path, sentence) for each change of one audit event, in its order.

    A wage amount takes its period from the same event's period change (the new period for the new amount,
    the old for the old), else from `wage_period` (the hire's period now).
    """
    changes = changes or {}
    period_change = changes.get(WAGE_PERIOD)
    sentences = []
    for path, change in changes.items():
        old, new = _pair(change)
        if path == WAGE_AMOUNT and period_change:
            old_period, new_period = _pair(period_change)
            sentences.append((path, _wage_sentence(old, new, old_period or wage_period, new_period or wage_period)))
            continue
        sentences.append((path, describe_change(path, old, new, wage_period=wage_period)))
    return sentences


def _wage_sentence(old, new, old_period, new_period) -> str:
    if old is None:
        return f"Wage set to {_money(new, new_period)}"
    if new is None:
        return f"Wage cleared (was {_money(old, old_period)})"
    return f"Wage changed from {_money(old, old_period)} to {_money(new, new_period)}"


def _pair(change) -> tuple:
    if isinstance(change, (list, tuple)) and len(change) == 2:
        return change[0], change[1]
    return None, change


def _subject(path: str) -> str:
    if path in SUBJECTS:
        return SUBJECTS[path]
    parts = path.split(".")
    if parts[0] == "permits" and len(parts) == 3 and parts[1].isdigit():
        return f"Work permit {parts[1]} {field_label(parts[2]).lower()}"
    # The form's hint in brackets at the end of a label is for typing, not for reading back.
    return re.sub(r"\s*\([^()]*\)$", "", field_label(path))


def _value(path: str, value, wage_period: str | None) -> str:
    """A stored value in words: money with its period, numbers with their unit, options by their label."""
    if value is None or value == "":
        return "(none)"
    if path == WAGE_AMOUNT:
        return _money(value, wage_period)
    if path == WAGE_PERIOD and value in PER_PERIOD:
        return f"per {value}"
    if path in CHECKLIST_PATHS and isinstance(value, list):
        return _checklist_items(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)) and path in UNITS:
        return f"{_number(value)} {UNITS[path]}"
    if isinstance(value, list):
        return _list(path, value)
    if isinstance(value, dict):
        return _row(path, value)
    label = option_label(path, value)
    if label is not None:
        return label
    if isinstance(value, (int, float)):
        return _number(value)
    return str(value)


def _money(amount, period: str | None) -> str:
    if not isinstance(amount, (int, float)) or isinstance(amount, bool):
        return str(amount)
    text = f"${amount:,.0f}" if float(amount).is_integer() else f"${amount:,.2f}"
    return f"{text} {PER_PERIOD[period]}" if period in PER_PERIOD else text


def _number(value) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _list(path: str, items: list) -> str:
    if not items:
        return "(none)"
    if path in ROW_GROUPS or any(isinstance(item, dict) for item in items):
        rows = [_row(path, item) if isinstance(item, dict) else str(item) for item in items]
        count = f"{len(rows)} row" + ("" if len(rows) == 1 else "s")
        return f"{count} ({'; '.join(rows)})"
    return ", ".join(str(item) for item in items)


def _checklist_items(keys: list) -> str:
    from employer_portal.checklists.catalogue import load_catalogue

    titles = {entry.key: entry.title for entry in load_catalogue().entries}
    return "; ".join(titles.get(key, str(key).rsplit(".", 1)[-1].replace("_", " ")) for key in keys) or "(none)"


def _row(path: str, row: dict) -> str:
    """One row of a list field in words: an employment period or an earlier ICT stay; others as "name value"."""
    if path == "ict.employment_periods" or {"start", "full_time"} <= row.keys():
        end = row.get("end") or "still employed"
        time = "full time" if row.get("full_time") else "part time"
        return f"{row.get('start') or '?'} to {end}, {time}"
    if path == "ict.prior_stays" or {"category", "months"} <= row.keys():
        category = ICT_CATEGORY_LABELS.get(row.get("category"), row.get("category") or "?")
        return f"{category}: {row.get('months')} months"
    return ", ".join(f"{str(k).replace('_', ' ')} {'(none)' if v is None else v}" for k, v in row.items())


__all__ = ["describe_change", "describe_changes"]

"""Plain words for HR: how a form reads a typed amount, and what a validation error says.

One place for both (issue 10, "forms that speak plainly"): the hire form, the dates form, the settings
and users forms put their field errors through `plain()`, so HR reads "Enter the wage as a number,
e.g. 120000 or 120,000" instead of pydantic's "Input should be a valid number…". The API keeps the
library's messages in its `errors` map (API.md), plus this text nowhere else.
"""
from __future__ import annotations

import re

# "120,000", "$120,000", "120 000" (also a no-break or thin space), "57.50", "CAD 57.50", "57.50 $".
_AMOUNT = re.compile(r"^(?:CAD|C\$|\$)?\s*(\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+|\d+)(\.\d{1,2})?\s*(?:\$|CAD)?$",
                     re.IGNORECASE)


def parse_amount(raw: str | None) -> str | None:
    """A typed money amount as a plain number string ("120,000" → "120000", "$57.50" → "57.50"), or None.

    None when the text is not an amount as people write it; the caller then passes the text on unchanged,
    so validation names the field. Only thousands groups of exactly 3 digits are read ("1,20" is not 120).
    """
    if raw is None:
        return None
    match = _AMOUNT.match(raw.strip())
    if match is None:
        return None
    whole = re.sub(r"[ ,\u00a0\u202f]", "", match.group(1))
    return whole + (match.group(2) or "")


# Per field: what to write when its value cannot be read at all (wrong type, bad date…).
FIELD_HINTS = {
    "position.wage.amount": "Enter the wage as a number, e.g. 120000 or 120,000 (a year) or 57.50 (an hour).",
    "position.hours_per_week": "Enter the hours per week as a number, e.g. 40.",
    "worker.years_experience": "Enter the years of experience as a whole number, e.g. 6.",
    "worker.email": "Enter an email address such as ana@example.com.",
    "worker.citizenships": "Enter countries as 2-letter codes separated by commas, e.g. BR, PT.",
    "position.noc_code": "Enter the 5-digit NOC 2021 code, e.g. 21231.",
    "ict.continuous_full_time_months": "Enter a number of months, e.g. 12.",
    "ict.prior_ict_months_in_canada": "Enter a number of months, e.g. 12.",
    "ict.months_abroad_since_last_stay": "Enter a number of months, e.g. 12.",
    "cusma.credential.years_of_study": "Enter a number of years, e.g. 4.",
}

# Per pydantic error type: the plain message (format fields: {label}, {limit}).
TYPE_MESSAGES = {
    "float_parsing": "Enter a number, e.g. 40 or 57.50.",
    "float_type": "Enter a number, e.g. 40 or 57.50.",
    "int_parsing": "Enter a whole number, e.g. 12.",
    "int_type": "Enter a whole number, e.g. 12.",
    "int_from_float": "Enter a whole number, e.g. 12.",
    "date_from_datetime_parsing": "Enter a date such as 2027-03-01 (year-month-day).",
    "date_parsing": "Enter a date such as 2027-03-01 (year-month-day).",
    "date_type": "Enter a date such as 2027-03-01 (year-month-day).",
    "greater_than": "Enter a number above {limit}.",
    "greater_than_equal": "Enter {limit} or more.",
    "less_than": "Enter a number below {limit}.",
    "less_than_equal": "Enter {limit} or less.",
    "literal_error": "Choose one of the options in the list.",
    "enum": "Choose one of the options in the list.",
    "missing": "This is required.",
    "string_too_long": "This is too long: at most {limit} characters.",
    "string_too_short": "This is required.",
    "too_long": "Too many entries: at most {limit}.",
    "extra_forbidden": "This field is not part of the form.",
    "bool_parsing": "Tick the box or leave it empty.",
    "string_pattern_mismatch": "This does not have the expected form.",
}

# Raw messages (the library's or the API's own) that some callers only have as text, by how they start.
_RAW_PREFIXES = (
    ("Input should be a valid number", "float_parsing"),
    ("Input should be a valid integer", "int_parsing"),
    ("Input should be a valid date", "date_parsing"),
    ("Input should be greater than or equal to", "greater_than_equal"),
    ("Input should be greater than", "greater_than"),
    ("Input should be less than or equal to", "less_than_equal"),
    ("Input should be less than", "less_than"),
    ("Input should be", "literal_error"),
    ("Field required", "missing"),
    ("Extra inputs are not permitted", "extra_forbidden"),
)
# Types for which a field's own hint says it better than the generic words.
_UNREADABLE = {"float_parsing", "float_type", "int_parsing", "int_type", "int_from_float", "date_parsing",
               "date_type", "date_from_datetime_parsing", "string_pattern_mismatch", "value_error"}


def plain(path: str, message: str) -> str:
    """The message HR reads for one error on `path` (a dotted field), from the library's text."""
    kind = next((k for prefix, k in _RAW_PREFIXES if message.startswith(prefix)), None)
    field = re.sub(r"\.\d+$", "", path)
    if kind in _UNREADABLE and field in FIELD_HINTS:
        return FIELD_HINTS[field]
    if kind is None:
        # Our own validators already speak plainly ("a wage above 1,000,000 a year is not plausible"): capitalise.
        return message[:1].upper() + message[1:] if message else message
    return TYPE_MESSAGES[kind].format(limit=_limit(message) or "")


def plain_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every message of an errors map (dotted path → messages) in plain words."""
    return {path: [plain(path, m) for m in messages] for path, messages in errors.items()}


def plain_validation_error(exc, prefix: str = "") -> dict[str, list[str]]:
    """A pydantic ValidationError as {dotted path: [plain messages]} (for a form)."""
    from employer_portal.schemas.errors import error_map

    return plain_errors(error_map(exc, prefix))


def _limit(message: str) -> str | None:
    found = re.search(r"(-?\d[\d,.]*)\s*$", message.rstrip("."))
    return found.group(1) if found else None

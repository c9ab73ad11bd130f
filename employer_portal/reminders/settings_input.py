"""Parsing an employer's reminder settings from form text: lead times and extra recipients.

In: the raw strings. Out: clean lists, or `ValueError` with a message naming the problem.
"""
from __future__ import annotations

import re

MAX_LEAD_DAYS = 365
MAX_LEADS = 12
MAX_RECIPIENTS = 20
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def parse_lead_days(text: str) -> list[int]:
    """"90, 60, 30" → [90, 60, 30] (distinct, largest first); each between 0 and 365 days."""
    parts = [p for p in re.split(r"[\s,;]+", text or "") if p]
    if not parts:
        raise ValueError("give at least one lead time, e.g. 90, 30, 7")
    leads = set()
    for part in parts:
        if not part.isdigit():
            raise ValueError(f"“{part}” is not a whole number of days")
        value = int(part)
        if value > MAX_LEAD_DAYS:
            raise ValueError(f"a lead time is at most {MAX_LEAD_DAYS} days ({value} given)")
        leads.add(value)
    if len(leads) > MAX_LEADS:
        raise ValueError(f"at most {MAX_LEADS} lead times")
    return sorted(leads, reverse=True)


def parse_recipients(text: str) -> list[str]:
    """Addresses separated by commas or new lines, lower-cased, without repeats."""
    found: list[str] = []
    for part in re.split(r"[\s,;]+", text or ""):
        if not part:
            continue
        if len(part) > 254 or not _EMAIL.fullmatch(part):
            raise ValueError(f"“{part[:60]}” is not an email address")
        if part.lower() not in found:
            found.append(part.lower())
    if len(found) > MAX_RECIPIENTS:
        raise ValueError(f"at most {MAX_RECIPIENTS} extra recipients")
    return found

"""Parsing an employer's reminder settings from form text: lead times, extra recipients, time zone, send hour.

In: the raw strings. Out: clean lists, or `ValueError` with a message naming the problem.
"""
from __future__ import annotations

import re

from employer_portal.deadlines.schedule import CANADIAN_TIME_ZONES

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


def parse_time_zone(text: str | None) -> str | None:
    """A Canadian IANA zone ("America/Vancouver"), or None for "the province's default" (empty text)."""
    value = (text or "").strip()
    if not value:
        return None
    if value not in CANADIAN_TIME_ZONES:
        raise ValueError(f"“{value[:60]}” is not a Canadian time zone; choose one from the list")
    return value


def parse_send_hour(text: str | int | None) -> int:
    """The hour reminders go out, local time: a whole number from 0 to 23 ("9" → 9)."""
    value = str(text if text is not None else "").strip()
    if not value:
        raise ValueError("give the hour reminders go out, from 0 to 23 (e.g. 9 for 9:00)")
    if not value.isdigit() or int(value) > 23:
        raise ValueError(f"“{value[:20]}” is not an hour from 0 to 23")
    return int(value)

"""One way to write a moment in the API and the JSON files the portal makes: ISO 8601 in UTC with its offset.

PostgreSQL gives back timezone-aware datetimes; SQLite (the embedded default) gives back naive
ones, which the portal always stores in UTC (models.base.utcnow). Writing every timestamp through
`utc_iso` makes both answer `2027-03-01T09:30:00+00:00`, so a client never has to guess the zone.
Pure: no Flask, no SQLAlchemy.
"""
from __future__ import annotations

import datetime as dt


def utc_iso(value: dt.datetime | dt.date | None) -> str | None:
    """A datetime as ISO 8601 in UTC with `+00:00` (a naive one is taken as UTC); a date as YYYY-MM-DD; None stays."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc).isoformat()
    return value.isoformat()

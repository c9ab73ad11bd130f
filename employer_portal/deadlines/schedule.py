"""When the reminders of a deadline go out.

In: a `Deadline` and lead times in days. Out: one `ReminderPlan` per lead time
with the date to send it. Lead times count business days for deadlines whose
rule counts them (the LMIA name-change limit), calendar days otherwise. Past
send dates are kept: filtering them against today is the caller's choice.

A send date becomes a moment with `send_moment`: the employer's send hour on its
own wall clock (its chosen zone, else its province's), so 9:00 stays 9:00 through DST.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable
from zoneinfo import ZoneInfo

from .business_days import subtract_business_days
from .calculator import Deadline

# Days before a deadline that HR hears about it unless the employer changes them.
DEFAULT_LEAD_DAYS = (90, 60, 30, 14, 7, 1)


@dataclass(frozen=True)
class ReminderPlan:
    """Send the reminder for `deadline_key`, `lead_days` ahead, on `send_on`."""

    deadline_key: str
    lead_days: int
    send_on: dt.date


def reminder_dates(deadline: Deadline, lead_days: Iterable[int] = DEFAULT_LEAD_DAYS) -> list[ReminderPlan]:
    """One plan per distinct lead time, earliest send date first.

    A lead of 0 means on the due date itself; negative leads are refused.
    """
    plans = []
    for lead in sorted(set(lead_days), reverse=True):
        if lead < 0:
            raise ValueError(f"a lead time cannot be negative: {lead}")
        if deadline.counts_business_days:
            send_on = subtract_business_days(deadline.due_date, lead, deadline.province)
        else:
            send_on = deadline.due_date - dt.timedelta(days=lead)
        plans.append(ReminderPlan(deadline.key, lead, send_on))
    return plans


# --- when on the send date: the employer's local hour --------------------------------------------

# The zone an employer's reminders follow unless it picks one: the main zone of its province.
# (A province spanning zones — e.g. north-west BC, eastern QC — picks its own on the settings page.)
PROVINCE_TIME_ZONES = {
    "BC": "America/Vancouver",
    "AB": "America/Edmonton",
    "SK": "America/Regina",  # Saskatchewan keeps Central Standard Time all year: no DST
    "MB": "America/Winnipeg",
    "ON": "America/Toronto",
    "QC": "America/Toronto",
    "NB": "America/Moncton",
    "NS": "America/Halifax",
    "PE": "America/Halifax",
    "NL": "America/St_Johns",
    "YT": "America/Whitehorse",
    "NT": "America/Yellowknife",
    "NU": "America/Iqaluit",
}
# Without a province (a federal or not-yet-set-up employer): Ottawa time.
FALLBACK_TIME_ZONE = "America/Toronto"
# The zones an employer may pick: every IANA zone in use in Canada, with a plain label.
CANADIAN_TIME_ZONES = {
    "America/St_Johns": "Newfoundland (St. John's)",
    "America/Halifax": "Atlantic (Halifax, PEI)",
    "America/Glace_Bay": "Atlantic (Cape Breton)",
    "America/Moncton": "Atlantic (New Brunswick)",
    "America/Goose_Bay": "Atlantic (Labrador)",
    "America/Blanc-Sablon": "Atlantic, no DST (Blanc-Sablon, QC)",
    "America/Toronto": "Eastern (Ontario, Quebec)",
    "America/Iqaluit": "Eastern (Iqaluit, NU)",
    "America/Atikokan": "Eastern, no DST (Atikokan, ON)",
    "America/Winnipeg": "Central (Manitoba, north-west Ontario)",
    "America/Rankin_Inlet": "Central (Kivalliq, NU)",
    "America/Resolute": "Central (Resolute, NU)",
    "America/Regina": "Central, no DST (Saskatchewan)",
    "America/Swift_Current": "Central, no DST (Swift Current, SK)",
    "America/Edmonton": "Mountain (Alberta)",
    "America/Cambridge_Bay": "Mountain (Kitikmeot, NU)",
    "America/Yellowknife": "Mountain (Northwest Territories)",
    "America/Inuvik": "Mountain (Inuvik, NT)",
    "America/Creston": "Mountain, no DST (Creston, BC)",
    "America/Dawson_Creek": "Mountain, no DST (Dawson Creek, BC)",
    "America/Fort_Nelson": "Mountain, no DST (Fort Nelson, BC)",
    "America/Vancouver": "Pacific (British Columbia)",
    "America/Whitehorse": "Yukon (Whitehorse)",
    "America/Dawson": "Yukon (Dawson City)",
}
DEFAULT_SEND_HOUR = 9


def employer_time_zone(chosen: str | None, province: str | None) -> str:
    """The zone the employer picked, else its province's, else Ottawa time."""
    if chosen:
        return chosen
    return PROVINCE_TIME_ZONES.get((province or "").upper(), FALLBACK_TIME_ZONE)


def send_moment(day: dt.date, time_zone: str, hour: int = DEFAULT_SEND_HOUR) -> dt.datetime:
    """`hour`:00 local time on `day` in `time_zone`, as a UTC instant (DST-correct).

    An hour skipped by the spring-forward change (none in Canada at the usual send hours, but 2:00
    exists in the list) resolves forward like the clock does; a repeated one takes its first pass.
    """
    zone = ZoneInfo(time_zone)
    local = dt.datetime.combine(day, dt.time(hour), tzinfo=zone)
    # Round-trip through UTC normalises a non-existent wall time (zoneinfo keeps fold=0 otherwise).
    return local.astimezone(dt.timezone.utc)


def local_time(moment: dt.datetime, time_zone: str) -> dt.datetime:
    """`moment` (UTC, naive taken as UTC) on the employer's wall clock."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(ZoneInfo(time_zone))

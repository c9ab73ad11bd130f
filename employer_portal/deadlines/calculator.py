"""Which deadlines a hire has: route, status and dates in, dated `Deadline`s out.

Pure: no database, no clock (the caller passes `today`, used only to bound
recurring deadlines). The rules come from `refdata/data/deadline_rules.json`
(see `rules.py`); this module only resolves each rule's anchor date for one
hire, applies the offset and recurrence, and drops rules that are moot.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from employer_portal.schemas.dates import HireDates, PermitRenewal
from employer_portal.schemas.hire import (  # noqa: F401  (STOPPED_STATUSES: deadlines use it from here)
    HIRE_STATUSES,
    ICT_CATEGORY_CODES,
    PROGRAMS,
    STOPPED_STATUSES,
    HirePayload,
)

from .rules import DeadlineRule, DeadlineRuleBook, Offset, add_months, load_deadline_rules
from .violations import Violation, load_amp_schedule

# A hire that will not (or no longer) employ the worker (STOPPED_STATUSES) keeps only the six-year duties.
STATUSES = HIRE_STATUSES

_ESTIMATED_FIRST_DAY = "Counted from the planned start date until the first day of work is recorded."
_PLANNED_APPLICATION = ("Counted from the permit application date given with the hire "
                        "(filing.permit_application_date) until the application is recorded.")
_LMIA_EXPIRY_STANDS_IN = ("No permit application date given: the worker must apply before the LMIA expires, "
                          "so this counts from the LMIA expiry.")
# Anchors that are not a stored date but resolved from the hire (see `_anchor`).
APPLICATION_ANCHOR = "work_permit_applied_on"
# Anchors a per-permit rule reads from each permit period instead of the hire's dates.
_PERIOD_ANCHORS = {"first_day_of_work": "starts", "work_permit_expires_on": "expires",
                   "work_permit_issued_on": "issued"}
_RENEWAL_START_FROM_ISSUE = ("No first day of work recorded under this permit: employment under a renewal "
                             "is taken to start on its issue date.")


@dataclass(frozen=True)
class Deadline:
    """One dated duty of one hire.

    `key` is stable for the hire so a caller can upsert: the kind alone for a
    one-off deadline (a corrected date keeps the key), `kind:N` for the N-th of a
    series counted from an anchor (LMBP reviews, CUSMA terms), `kind:YEAR` for
    a calendar series (the January 1 wage review). `derived_from` names the date
    it was counted from (a `HireDates` field, `position.start_date` or
    `filing.permit_application_date`); `estimated` is true when that date is a
    plan or a computed stand-in rather than a recorded fact. `violation` says
    what missing it can cost (IRPR Schedule 2), None where no AMP applies.
    """

    key: str
    kind: str
    title: str
    due_date: dt.date
    rule_id: str
    why: str
    source: str
    counts_business_days: bool
    province: str | None
    derived_from: str
    estimated: bool = False
    violation: Violation | None = None


@dataclass(frozen=True)
class _Anchor:
    day: dt.date
    field: str
    estimated: bool
    note: str = ""


@dataclass(frozen=True)
class PermitTerm:
    """One work-permit period as the rules read it: 1 is the hire's dates, 2.. the recorded renewals."""

    sequence: int
    issued: _Anchor | None
    expires: _Anchor | None
    starts: _Anchor | None


def permit_terms(payload: HirePayload, dates: HireDates, renewals: Sequence[PermitRenewal] = (),
                 book: DeadlineRuleBook | None = None) -> list[PermitTerm]:
    """The hire's permit periods in order: the first from its dates (first day of work, else the
    planned start), then each renewal (employment under it from its recorded start, else its issue)."""
    book = book or load_deadline_rules()

    def recorded(name: str) -> _Anchor | None:
        day = getattr(dates, name)
        return _Anchor(day, name, estimated=False) if day else None

    terms = [PermitTerm(1, recorded("work_permit_issued_on"), recorded("work_permit_expires_on"),
                        _anchor("first_day_of_work", payload, dates, book))]
    for n, renewal in enumerate(sorted(renewals, key=lambda r: r.issued_on), start=2):
        field = f"permits.{n}"
        if renewal.employment_start_on:
            starts = _Anchor(renewal.employment_start_on, f"{field}.employment_start_on", False)
        else:
            starts = _Anchor(renewal.issued_on, f"{field}.issued_on", False, _RENEWAL_START_FROM_ISSUE)
        terms.append(PermitTerm(n, _Anchor(renewal.issued_on, f"{field}.issued_on", False),
                                _Anchor(renewal.expires_on, f"{field}.expires_on", False), starts))
    return terms


def ict_category_code(category: str | None) -> str | None:
    """"C61"/"C62"/"C63" from a code or from the payload's category name; None if unknown."""
    if category is None:
        return None
    value = category.strip()
    if value.upper() in ICT_CATEGORY_CODES.values():
        return value.upper()
    if value in ICT_CATEGORY_CODES:
        return ICT_CATEGORY_CODES[value]
    raise ValueError(f"unknown ICT category {category!r}")


def lmia_expiry(dates: HireDates, book: DeadlineRuleBook | None = None,
                payload: HirePayload | None = None) -> tuple[dt.date, bool] | None:
    """(expiry, derived) — the printed expiry, else 6 months after issue; None when unknown.

    With the payload, the LMIA application date (`filing.lmia_application_date`) decides whether
    the 6-month validity applies, as ESDC keys it (F-31)."""
    if dates.lmia_expires_on:
        return dates.lmia_expires_on, False
    anchor = _derived_anchor("lmia_expires_on", dates, book or load_deadline_rules(), payload)
    return (anchor.day, True) if anchor else None


def deadlines_for(
    program: str,
    status: str,
    payload: HirePayload,
    dates: HireDates,
    *,
    today: dt.date,
    ict_category: str | None = None,
    horizon_years: int = 7,
    rules: DeadlineRuleBook | None = None,
    renewals: Sequence[PermitRenewal] = (),
) -> list[Deadline]:
    """Every deadline of one hire, sorted by due date then key.

    In: the hire's route (`gts_a`, `gts_b`, `ict`, `cusma`), its status, its
    payload (province, planned start/end, ICT category and prior ICT months,
    the planned permit application in `filing`, citizenships) and its recorded
    dates. Duties due before the worker applies for the permit count from the
    recorded application date, else `filing.permit_application_date`, else a
    stand-in (the LMIA expiry for GTS; for ICT and CUSMA a lead before the start
    date, short only where a port-of-entry application is still allowed).
    `ict_category` (C61/C62/C63 or the payload's name) overrides `payload.ict.category`. Recurring deadlines stop at the end of
    employment (else the permit expiry, else the planned end date) and never run
    past `today` + `horizon_years`. Past deadlines are returned too: which ones
    to remind about is the caller's choice.
    `renewals` are the permits after the first (see `permit_terms`): rules marked
    `per_permit` count from each period ("each": one deadline per permit, keyed
    `kind` for the first and `kind:N` for the N-th), from the current one ("current":
    the renewal duties before the latest expiry) or keep the latest date over all
    ("latest": records kept 6 years from the start of every permit).
    Out: `Deadline`s. Withdrawn, refused and ended hires keep only record
    retention and inspection exposure, and only from a recorded first day of work.
    """
    if program not in PROGRAMS:
        raise ValueError(f"unknown program {program!r}")
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    book = rules or load_deadline_rules()
    category = ict_category_code(ict_category or (payload.ict.category if payload.ict else None))
    province = payload.position.province
    stopped = status in STOPPED_STATUSES
    horizon_end = add_months(today, 12 * horizon_years)
    terms = permit_terms(payload, dates, renewals, book)

    deadlines: list[Deadline] = []
    for rule in book.for_route(program):
        if stopped and not rule.survives_stop:
            continue
        if _moot(rule, status, dates):
            continue
        if rule.ict_category and rule.ict_category != category:
            continue
        if rule.per_permit:
            deadlines += _per_permit(rule, terms, payload, province, stopped)
            continue
        anchor = _anchor(rule.anchor, payload, dates, book, program) or _fallback(rule, payload, dates, book, program)
        if anchor is None or (stopped and anchor.estimated):
            continue
        if rule.repeat:
            until = _series_end(rule.repeat.until, payload, dates, horizon_end, terms)
            deadlines += _series(rule, anchor, until, province)
        else:
            due = _due_date(rule, anchor, payload, province)
            deadlines.append(_deadline(rule, rule.kind, rule.title, due, anchor, province))
    return sorted(deadlines, key=lambda d: (d.due_date, d.key))


def _per_permit(rule: DeadlineRule, terms: list[PermitTerm], payload: HirePayload, province: str | None,
                stopped: bool) -> list[Deadline]:
    """The rule counted from each permit period (see `deadlines_for`); stable keys per period."""
    if rule.anchor not in _PERIOD_ANCHORS:
        raise ValueError(f"rule {rule.id}: a per-permit rule needs one of {sorted(_PERIOD_ANCHORS)}")
    dated = []
    for term in terms:
        anchor = getattr(term, _PERIOD_ANCHORS[rule.anchor])
        if anchor is None or (stopped and anchor.estimated):
            continue
        dated.append((term.sequence, anchor, _due_date(rule, anchor, payload, province)))
    if not dated:
        return []
    if rule.per_permit == "current":
        dated = [dated[-1]] if dated[-1][0] == terms[-1].sequence else []
    elif rule.per_permit == "latest":
        sequence, anchor, due = max(dated, key=lambda found: found[2])
        title = rule.title_when_stopped if stopped and rule.title_when_stopped else rule.title
        return [_deadline(rule, rule.kind, title.format(n=sequence), due, anchor, province)]
    found = []
    for sequence, anchor, due in dated:
        numbered = rule.numbered_keys or sequence > 1
        key = f"{rule.kind}:{sequence}" if numbered else rule.kind
        title = rule.title.format(n=sequence)
        if sequence > 1 and "{n}" not in rule.title:
            title = f"{title} (permit {sequence})"
        found.append(_deadline(rule, key, title, due, anchor, province))
    return found


def _moot(rule: DeadlineRule, status: str, dates: HireDates) -> bool:
    if status in rule.skip_in_statuses:
        return True
    if any(getattr(dates, name) for name in rule.skip_when_any):
        return True
    return bool(rule.skip_when_all) and all(getattr(dates, name) for name in rule.skip_when_all)


def _anchor(name: str, payload: HirePayload, dates: HireDates, book: DeadlineRuleBook,
            program: str | None = None) -> _Anchor | None:
    recorded = getattr(dates, name, None)
    if recorded:
        return _Anchor(recorded, name, estimated=False)
    if name == "first_day_of_work" and payload.position.start_date:
        return _Anchor(payload.position.start_date, "position.start_date", True, _ESTIMATED_FIRST_DAY)
    if name == APPLICATION_ANCHOR and payload.filing and payload.filing.permit_application_date:
        return _Anchor(payload.filing.permit_application_date, "filing.permit_application_date", True,
                       _PLANNED_APPLICATION)
    return _derived_anchor(name, dates, book, payload)


def _fallback(rule: DeadlineRule, payload: HirePayload, dates: HireDates, book: DeadlineRuleBook,
              program: str) -> _Anchor | None:
    """The stand-in for an unknown anchor, when the rule names one."""
    if rule.anchor_fallback == "lmia_expires_on":
        found = _anchor("lmia_expires_on", payload, dates, book)
        if found is None:
            return None
        note = " ".join(part for part in (_LMIA_EXPIRY_STANDS_IN, found.note) if part)
        return _Anchor(found.day, found.field, True, note)
    if rule.anchor_fallback == "planned_permit_application" and book.planned_application:
        start = _anchor("first_day_of_work", payload, dates, book)
        if start is None:
            return None
        plan = book.planned_application
        lead, port_of_entry = plan.lead_for(program, payload.worker.citizenships,
                                            payload.filing.permit_application_from if payload.filing else None)
        why = (plan.port_of_entry_why if port_of_entry else plan.why).format(days=lead)
        return _Anchor(start.day - dt.timedelta(days=lead), start.field, True, why)
    if rule.anchor_fallback is not None:
        raise ValueError(f"unknown anchor fallback {rule.anchor_fallback!r}")
    return None


def _derived_anchor(name: str, dates: HireDates, book: DeadlineRuleBook,
                    payload: HirePayload | None = None) -> _Anchor | None:
    recipe = book.derived_dates.get(name)
    if recipe is None:
        return None
    source_day = getattr(dates, recipe.source_field)
    if source_day is None:
        return None
    # ESDC keys the validity on the day it received the LMIA application (F-31); the
    # issue date stands in when the hire does not say.
    received = _payload_value(payload, recipe.received_field) if recipe.received_field else None
    keyed_on, why = (received, recipe.why_received.format(received=received)) if received and recipe.why_received \
        else (source_day, recipe.why)
    # Before the recipe's date another validity applied (12 months): only the printed
    # expiry can tell, so nothing is guessed.
    if keyed_on < recipe.applies_from:
        return None
    return _Anchor(recipe.offset.apply(source_day), recipe.source_field, True, why)


def _payload_value(payload: HirePayload | None, path: str):
    """A dotted payload field ("filing.lmia_application_date"), None where any part is missing."""
    value = payload
    for part in path.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value


def _due_date(rule: DeadlineRule, anchor: _Anchor, payload: HirePayload, province: str | None) -> dt.date:
    due = rule.offset.apply(anchor.day, province)
    if rule.ict_cap:
        prior = (payload.ict.prior_ict_months_in_canada if payload.ict else None) or 0
        due = add_months(due, rule.ict_cap.months_left(prior))
    return due


def _series_end(until: str, payload: HirePayload, dates: HireDates, horizon_end: dt.date,
                terms: list[PermitTerm]) -> dt.date:
    if until == "end_of_employment":
        end = dates.end_of_employment
    elif until == "employment_end":
        # The latest permit's expiry: a renewal carries the series on.
        latest_expiry = terms[-1].expires.day if terms and terms[-1].expires else None
        end = dates.end_of_employment or latest_expiry or payload.position.end_date
    else:
        raise ValueError(f"unknown series end {until!r}")
    return min(end, horizon_end) if end else horizon_end


def _series(rule: DeadlineRule, anchor: _Anchor, until: dt.date, province: str | None) -> list[Deadline]:
    repeat = rule.repeat
    found = []
    if repeat.on == "january_1":
        # The first January 1 after the anchor: the wage on day 1 is its own deadline (prevailing_wage_at_start).
        year = anchor.day.year + 1
        while (due := dt.date(year, 1, 1)) <= until:
            title = rule.title.format(year=year)
            found.append(_deadline(rule, f"{rule.kind}:{year}", title, due, anchor, province))
            year += 1
        return found
    n = 1
    # Each occurrence is counted from the anchor, not from the previous one, so a
    # 29 February clamped to the 28th once does not stay on the 28th.
    while (due := _nth(rule.offset, repeat.every, n).apply(anchor.day, province)) <= until:
        title = rule.title.format(n=n)
        found.append(_deadline(rule, f"{rule.kind}:{n}", title, due, anchor, province))
        n += 1
    return found


def _nth(first: Offset, every: Offset, n: int) -> Offset:
    k = n - 1
    return Offset(
        years=first.years + k * every.years,
        months=first.months + k * every.months,
        days=first.days + k * every.days,
        business_days=first.business_days,
    )


def _deadline(rule: DeadlineRule, key: str, title: str, due: dt.date, anchor: _Anchor,
              province: str | None) -> Deadline:
    why = f"{rule.why} {anchor.note}" if anchor.note else rule.why
    return Deadline(
        key=key,
        kind=rule.kind,
        title=title,
        due_date=due,
        rule_id=rule.id,
        why=why,
        source=rule.source,
        counts_business_days=rule.counts_business_days,
        province=province,
        derived_from=anchor.field,
        estimated=anchor.estimated,
        violation=load_amp_schedule().violation(rule.violation_items),
    )

"""The deadline rules as data: `refdata/data/deadline_rules.json`, read into frozen dataclasses.

Out: `load_deadline_rules() -> DeadlineRuleBook` (cached), holding the rules in
file order, the derived-date recipes (the LMIA expiry when none is printed) and the
lead times that stand in for an unknown work-permit application date.
Also `Offset`, the calendar/business-day shift a rule applies to its anchor.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .business_days import add_business_days

RULES_FILE = "refdata/data/deadline_rules.json"


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Offset:
    """A shift from an anchor date: calendar years, months, days, then business days."""

    years: int = 0
    months: int = 0
    days: int = 0
    business_days: int = 0

    @classmethod
    def from_data(cls, data: dict[str, int] | None) -> "Offset":
        return cls(**(data or {}))

    def apply(self, anchor: dt.date, province: str | None = None) -> dt.date:
        """The anchor shifted by this offset; business days skip `province`'s holidays."""
        day = add_months(anchor, self.years * 12 + self.months) + dt.timedelta(days=self.days)
        if self.business_days:
            day = add_business_days(day, self.business_days, province)
        return day


@dataclass(frozen=True)
class Repeat:
    """How a rule recurs: each January 1 (`on`) or every `every` after the first."""

    until: str  # "employment_end" | "end_of_employment"
    on: str | None = None  # "january_1"
    every: Offset | None = None

    def __post_init__(self):
        # A series that does not move forward would never reach its end.
        if self.on != "january_1" and not (
            self.every and self.every.years >= 0 and self.every.months >= 0 and self.every.days >= 0
            and (self.every.years or self.every.months or self.every.days) and not self.every.business_days
        ):
            raise ValueError(f"a repeat needs on=january_1 or a forward calendar step, got {self}")


@dataclass(frozen=True)
class IctCap:
    """An ICT stay limit in months; earlier ICT time counts against the total ceiling."""

    months: int
    minus_prior_ict_months: bool
    total_ceiling_months: int

    def months_left(self, prior_ict_months: int) -> int:
        own = self.months - (prior_ict_months if self.minus_prior_ict_months else 0)
        return max(0, min(own, self.total_ceiling_months - prior_ict_months))


@dataclass(frozen=True)
class DeadlineRule:
    """One rule of the data file (see its `notes` for the meaning of each field)."""

    id: str
    spec_rule_id: str
    kind: str
    title: str
    routes: tuple[str, ...]
    anchor: str
    offset: Offset
    counts_business_days: bool
    why: str
    source: str
    source_date: str
    repeat: Repeat | None = None
    skip_when_any: tuple[str, ...] = ()
    skip_when_all: tuple[str, ...] = ()
    skip_in_statuses: tuple[str, ...] = ()
    survives_stop: bool = False
    ict_category: str | None = None
    ict_cap: IctCap | None = None
    # Used when the anchor is unknown: "lmia_expires_on" or "planned_permit_application".
    anchor_fallback: str | None = None
    # IRPR Schedule 2 items broken when this duty is missed (type and penalties: violations.py).
    violation_items: tuple[int, ...] = ()
    # Counted from the permit periods: "each" permit, the "current" (latest) one, or the "latest" date over all.
    per_permit: str | None = None
    # Keys `kind:N` from the first permit on (a series already keyed so), else `kind` then `kind:2`…
    numbered_keys: bool = False
    # The title once the hire is withdrawn, refused or ended (e.g. only then may records be discarded).
    title_when_stopped: str | None = None

    def __post_init__(self):
        if self.per_permit not in (None, "each", "current", "latest"):
            raise ValueError(f"rule {self.id}: per_permit must be each, current or latest, not {self.per_permit!r}")
        if self.per_permit and self.repeat:
            raise ValueError(f"rule {self.id}: a per-permit rule does not repeat")

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "DeadlineRule":
        repeat = data.get("repeat")
        cap = data.get("ict_cap")
        return cls(
            id=data["id"],
            spec_rule_id=data["spec_rule_id"],
            kind=data["kind"],
            title=data["title"],
            routes=tuple(data["routes"]),
            anchor=data["anchor"],
            offset=Offset.from_data(data.get("offset")),
            counts_business_days=bool(data["counts_business_days"]),
            why=data["why"],
            source=data["source"],
            source_date=data["source_date"],
            repeat=Repeat(
                until=repeat["until"],
                on=repeat.get("on"),
                every=Offset.from_data(repeat["every"]) if "every" in repeat else None,
            ) if repeat else None,
            skip_when_any=tuple(data.get("skip_when_any", ())),
            skip_when_all=tuple(data.get("skip_when_all", ())),
            skip_in_statuses=tuple(data.get("skip_in_statuses", ())),
            survives_stop=bool(data.get("survives_stop", False)),
            ict_category=data.get("ict_category"),
            ict_cap=IctCap(**cap) if cap else None,
            anchor_fallback=data.get("anchor_fallback"),
            violation_items=tuple((data.get("violation") or {}).get("schedule2_items", ())),
            per_permit=data.get("per_permit"),
            numbered_keys=bool(data.get("numbered_keys", False)),
            title_when_stopped=data.get("title_when_stopped"),
        )


@dataclass(frozen=True)
class DerivedDate:
    """How to compute a date HR did not record (e.g. the LMIA expiry from its issue date)."""

    name: str
    source_field: str
    offset: Offset
    applies_from: dt.date
    why: str
    source: str
    # The hire payload field holding the day the application was received (dotted path), and the why
    # when it is known (`{received}`): the validity is keyed on it; `source_field` stands in otherwise.
    received_field: str | None = None
    why_received: str | None = None


@dataclass(frozen=True)
class PlannedApplication:
    """When the worker is taken to apply for the permit if the hire gives no date: days before the start.

    Most workers apply online well before they start; a US citizen, or a CUSMA
    Professional (T36), may still apply at a port of entry on arrival.
    """

    lead_days: int
    port_of_entry_lead_days: int
    port_of_entry_citizenships: tuple[str, ...]
    port_of_entry_routes: tuple[str, ...]
    why: str
    port_of_entry_why: str
    source: str

    def lead_for(self, program: str, citizenships: list[str] | None, applies_from: str | None) -> tuple[int, bool]:
        """(days before the start, at a port of entry?) for one hire."""
        eligible = program in self.port_of_entry_routes or bool(
            set(citizenships or ()) & set(self.port_of_entry_citizenships))
        if eligible and applies_from != "inside_canada":
            return self.port_of_entry_lead_days, True
        return self.lead_days, False


@dataclass(frozen=True)
class DeadlineRuleBook:
    """All rules of one version of the data file."""

    version: str
    rules: tuple[DeadlineRule, ...]
    derived_dates: dict[str, DerivedDate] = field(default_factory=dict)
    planned_application: PlannedApplication | None = None

    def for_route(self, program: str) -> tuple[DeadlineRule, ...]:
        return tuple(rule for rule in self.rules if program in rule.routes)


def parse_rule_book(data: dict[str, Any]) -> DeadlineRuleBook:
    """The rule book from the JSON document's content."""
    derived = {
        name: DerivedDate(
            name=name,
            source_field=recipe["from"],
            offset=Offset.from_data(recipe["offset"]),
            applies_from=dt.date.fromisoformat(recipe["received_from"]),
            why=recipe["why"],
            source=recipe["source"],
            received_field=recipe.get("received_field"),
            why_received=recipe.get("why_received"),
        )
        for name, recipe in data.get("derived_dates", {}).items()
    }
    rules = tuple(DeadlineRule.from_data(rule) for rule in data["rules"])
    planned = data.get("planned_permit_application")
    return DeadlineRuleBook(
        version=data["version"], rules=rules, derived_dates=derived,
        planned_application=PlannedApplication(
            lead_days=int(planned["lead_days"]),
            port_of_entry_lead_days=int(planned["port_of_entry_lead_days"]),
            port_of_entry_citizenships=tuple(planned["port_of_entry_citizenships"]),
            port_of_entry_routes=tuple(planned["port_of_entry_routes"]),
            why=planned["why"], port_of_entry_why=planned["port_of_entry_why"], source=planned["source"],
        ) if planned else None,
    )


@lru_cache(maxsize=4)
def load_deadline_rules(path: str | None = None) -> DeadlineRuleBook:
    """The packaged rule book (or the one at `path`), read once per process."""
    if path is None:
        text = resources.files("employer_portal").joinpath(RULES_FILE).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return parse_rule_book(json.loads(text))

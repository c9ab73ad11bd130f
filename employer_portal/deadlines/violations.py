"""What breaking a compliance condition can cost: IRPR Schedule 2 as data (pure: no Flask, no database).

In: `refdata/data/amp_schedule.json` (the conditions of Schedule 2, Table 1 with their
violation type A, B or C; the penalty and ban table by points). Out: `Violation` for a
list of Schedule 2 items — its type, the penalty range per violation and the ban range —
with one sentence HR can read next to a deadline. A deadline rule names its items in
`deadline_rules.json` (`violation.schedule2_items`); the type comes from the schedule,
so each fact has one place.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .rules import load_deadline_rules

AMP_FILE = "refdata/data/amp_schedule.json"
# Deadlines written by other code than the calculator, and the rule whose duty they are.
RULE_ALIASES = {"WAGE_DRIFT": "prevailing_wage_review"}
# R209.93: a small business has fewer than 100 employees or less than $5,000,000 in annual gross revenue
# (affiliates included); Schedule 2 has one penalty column for it (and individuals) and one for large businesses.
SMALL_BUSINESS_MAX_EMPLOYEES = 99
SMALL_BUSINESS_REVENUE_BELOW_CAD = 5_000_000
BUSINESS_SIZES = ("small", "large")


def business_size(employee_count: int | None, annual_gross_revenue_cad: int | None) -> str | None:
    """"small" or "large" under R209.93, or None while the facts given cannot tell.

    Either fact below its threshold makes a small business; a large one needs both at or above it.
    """
    if employee_count is not None and employee_count <= SMALL_BUSINESS_MAX_EMPLOYEES:
        return "small"
    if annual_gross_revenue_cad is not None and annual_gross_revenue_cad < SMALL_BUSINESS_REVENUE_BELOW_CAD:
        return "small"
    if employee_count is not None and annual_gross_revenue_cad is not None:
        return "large"
    return None


@dataclass(frozen=True)
class Condition:
    """One employer condition of IRPR Schedule 2, Table 1."""

    item: int
    provision: str
    condition: str
    type: str
    applies_to: str


@dataclass(frozen=True)
class Violation:
    """The violation type of a duty and what it can cost (lowest and highest penalty, shortest and longest ban)."""

    type: str
    schedule2_items: tuple[int, ...]
    conditions: tuple[str, ...]
    penalty_min: int
    penalty_max: int
    ban_min: str
    ban_max: str
    source: str
    # The penalty column used: "small", "large" or None (both columns: the employer's size is not known).
    business_size: str | None = None

    @property
    def size_label(self) -> str:
        return {"small": "a small business", "large": "a large business"}.get(self.business_size or "",
                                                                              "a small or large business")

    @property
    def range_text(self) -> str:
        """The penalty range for this employer's size, e.g. "$750–$100,000 per violation for a small business"."""
        return f"${self.penalty_min:,}–${self.penalty_max:,} per violation for {self.size_label}"

    @property
    def text(self) -> str:
        return (f"Missing it can cost ${self.penalty_min:,}–${self.penalty_max:,} per violation and a ban "
                f"from {self.ban_min} to {self.ban_max} (IRPR Schedule 2, Type {self.type}).")

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type, "schedule2_items": list(self.schedule2_items), "conditions": list(self.conditions),
                "penalty_min": self.penalty_min, "penalty_max": self.penalty_max, "ban_min": self.ban_min,
                "ban_max": self.ban_max, "text": self.text, "source": self.source,
                "business_size": self.business_size, "range_text": self.range_text}


@dataclass(frozen=True)
class AmpSchedule:
    """The bundled Schedule 2: conditions by item and the penalty table's bands."""

    version: str
    source: str
    conditions: dict[int, Condition]
    penalties: tuple[dict[str, Any], ...]

    def violation(self, items: tuple[int, ...] | list[int], business_size: str | None = None) -> Violation | None:
        """The violation for Schedule 2 `items` (all of one type); None for no items.

        `business_size` ("small" or "large", R209.93) keeps that penalty column only; None keeps both.
        """
        if not items:
            return None
        found = [self.conditions[i] for i in items]
        types = {c.type for c in found}
        if len(types) != 1:
            raise ValueError(f"Schedule 2 items {list(items)} mix violation types {sorted(types)}")
        kind = types.pop()
        cells = [band[kind] for band in self.penalties]
        columns = ([f"{business_size}_business"] if business_size in BUSINESS_SIZES
                   else ["small_business", "large_business"])
        amounts = [cell[column] for cell in cells for column in columns if cell[column] is not None]
        bans = [cell["ineligibility"] for cell in cells if cell["ineligibility"]]
        return Violation(type=kind, schedule2_items=tuple(items), conditions=tuple(c.condition for c in found),
                         penalty_min=min(amounts), penalty_max=max(amounts), ban_min=bans[0], ban_max=bans[-1],
                         source=self.source,
                         business_size=business_size if business_size in BUSINESS_SIZES else None)

    def violation_for_size(self, items: tuple[int, ...] | list[int], business_size: str | None) -> Violation | None:
        """The violation for `items` with the penalty range of an employer of `business_size` (None: both columns)."""
        return self.violation(items, business_size)


def parse_amp_schedule(data: dict[str, Any]) -> AmpSchedule:
    conditions = {row["item"]: Condition(**row) for row in data["conditions"]}
    penalties = tuple(sorted(data["penalties"], key=lambda band: band["min_points"]))
    return AmpSchedule(version=data["version"], source=data["source"], conditions=conditions, penalties=penalties)


@lru_cache(maxsize=1)
def load_amp_schedule() -> AmpSchedule:
    """The packaged Schedule 2, read once per process."""
    text = resources.files("employer_portal").joinpath(AMP_FILE).read_text(encoding="utf-8")
    return parse_amp_schedule(json.loads(text))


def violation_for_rule(rule_id: str | None) -> Violation | None:
    """The violation of the deadline rule `rule_id` (or of the rule a wage-drift deadline stands for)."""
    if not rule_id:
        return None
    wanted = RULE_ALIASES.get(rule_id, rule_id)
    rule = next((r for r in load_deadline_rules().rules if r.id == wanted), None)
    return load_amp_schedule().violation(rule.violation_items) if rule else None

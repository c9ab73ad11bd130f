"""The rule registry: one small function per finding code, with its severity and source.

A rule's check takes the `HireFacts` of one evaluation and returns None (nothing
to say), a message (a finding on the rule's field) or a list of
(field, message) pairs. `needs` names payload paths without which the rule is
skipped (they are reported once as HIRE_INCOMPLETE instead).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

from employer_portal.compliance.report import SEVERITIES

ALL_PROGRAMS = frozenset({"gts_a", "gts_b", "ict", "cusma"})
GTS = frozenset({"gts_a", "gts_b"})

CheckResult = Union[None, str, list[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: str | Callable[["HireFacts"], str]  # noqa: F821 - a few codes depend on program and category
    field: str
    source: str
    programs: frozenset[str]
    needs: tuple[str, ...]
    check: Callable[["HireFacts"], CheckResult]  # noqa: F821
    skip_unknown_noc: bool = False

    def severity_for(self, facts) -> str:
        return self.severity(facts) if callable(self.severity) else self.severity


RULES: list[Rule] = []


def rule(code: str, *, severity, field: str, source: str, programs=ALL_PROGRAMS, needs=(), skip_unknown_noc=False):
    """Register the decorated check as the rule for `code`."""
    if not callable(severity) and severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r} for {code}")

    def register(check):
        if any(r.code == code for r in RULES):
            raise ValueError(f"{code} is registered twice")
        RULES.append(Rule(code, severity, field, source, frozenset(programs), tuple(needs), check, skip_unknown_noc))
        return check

    return register


def rule_for(code: str) -> Rule:
    return next(r for r in RULES if r.code == code)

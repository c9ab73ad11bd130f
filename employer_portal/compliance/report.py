"""What a check returns: findings and the report of API.md, as plain dataclasses.

`Report.to_dict()` is exactly the report JSON of API.md (program, eligible,
complete, lmia, findings, prevailing_wage, versions).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from employer_portal.refdata.wages import PrevailingWage

BLOCKER, WARNING, INFO = "blocker", "warning", "info"
SEVERITIES = (BLOCKER, WARNING, INFO)
# The finding that names a field the route still needs; while there is one the report is not complete.
INCOMPLETE_CODE = "HIRE_INCOMPLETE"


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of one rule: a stable code, its severity, the payload field (dotted path), words for HR, the rule's source."""

    code: str
    severity: str
    field: str
    message: str
    source: str

    def to_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "field": self.field, "message": self.message, "source": self.source}


@dataclass(frozen=True, slots=True)
class LmiaOutcome:
    """GTS needs an LMIA (no code); ICT and CUSMA are LMIA-exempt under a code (C61/C62/C63, T36)."""

    required: bool
    exemption_code: str | None

    def to_dict(self) -> dict:
        return {"required": self.required, "exemption_code": self.exemption_code}


@dataclass(frozen=True, slots=True)
class Report:
    """The compliance report of one hire for one program; eligible exactly when no finding is a blocker."""

    program: str
    findings: tuple[Finding, ...]
    lmia: LmiaOutcome
    prevailing_wage: PrevailingWage | None
    versions: Mapping

    @property
    def eligible(self) -> bool:
        return not any(f.severity == BLOCKER for f in self.findings)

    @property
    def complete(self) -> bool:
        """False while a field the route needs is missing: "needs information", not "not eligible"."""
        return not any(f.code == INCOMPLETE_CODE for f in self.findings)

    @property
    def blockers(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == BLOCKER)

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def finding(self, code: str) -> Finding | None:
        """The first finding with `code`, or None."""
        return next((f for f in self.findings if f.code == code), None)

    def to_dict(self) -> dict:
        return {
            "program": self.program,
            "eligible": self.eligible,
            "complete": self.complete,
            "lmia": self.lmia.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
            "prevailing_wage": self.prevailing_wage.to_dict() if self.prevailing_wage else None,
            # API.md keeps `reference_data` a string; the per-set versions ride along beside it.
            "versions": {
                "rules": self.versions["rules"],
                "reference_data": reference_data_label(self.versions["reference_data"]),
                "reference_data_sets": dict(self.versions["reference_data"]),
            },
        }


def reference_data_label(sets: Mapping) -> str:
    """One string naming every reference-data set version used, e.g. "noc-2021-v1.0; …; jobbank-2025-11-19"."""
    return "; ".join(str(version) for version in sets.values())

"""Evaluate a hire against its route's rules, or against all four routes.

In: a `HirePayload` (possibly a partial draft) and a `ReferenceData`. Out: a
`Report` per program. Pure: no Flask, no database; the reference data is read
from memory only.
"""
from __future__ import annotations

import datetime as dt
from types import MappingProxyType

# Importing the rule modules registers their rules, in this order.
from employer_portal.compliance import rules_common, rules_cusma, rules_gts, rules_ict, rules_noc  # noqa: F401
from employer_portal.compliance.facts import NOC_UNKNOWN, HireFacts
from employer_portal.compliance.registry import RULES, Rule
from employer_portal.compliance.report import SEVERITIES, Finding, LmiaOutcome, Report
from employer_portal.refdata.reference import ReferenceData
from employer_portal.schemas.hire import PROGRAMS, HirePayload, missing_fields

RULES_VERSION = "rules-2026.12"  # the official-source review of 2026-12 (REVIEW-2026-12.md)

_RULES_BY_PROGRAM: dict[str, tuple[Rule, ...]] = {p: tuple(r for r in RULES if p in r.programs) for p in PROGRAMS}
_SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def evaluate(
    payload: HirePayload,
    refdata: ReferenceData,
    *,
    program: str | None = None,
    category_a_positions_this_year: int | None = None,
    today: dt.date | None = None,
    missing: list[str] | None = None,
) -> Report:
    """The compliance report of `payload` for `program` (default: the payload's own).

    category_a_positions_this_year: Category A positions the employer already has
    approved this calendar year (for a stored hire, counted by the portal);
    default the payload's gts.category_a_positions_this_year, else 0.
    today: the date checks count from (default: the real today), e.g. the
    ICT 3-year window when filing.permit_application_date is not given.
    missing: `missing_fields(payload, program)` when the caller has it already (the API refuses an
    incomplete check before evaluating it), else it is worked out here.
    Raises ValueError when there is no program (use find_routes).
    """
    program = program or payload.program
    if program not in _RULES_BY_PROGRAM:
        raise ValueError(f"no such program: {program!r}; use find_routes() to compare every route")
    count = category_a_positions_this_year
    if count is None:
        count = (payload.gts.category_a_positions_this_year if payload.gts is not None else None) or 0
    if missing is None:
        missing = missing_fields(payload, program)
    facts = HireFacts(payload, refdata, program, missing, count, today=today)
    missing_set = frozenset(missing)

    findings: list[Finding] = []
    for rule in _RULES_BY_PROGRAM[program]:
        if rule.needs and not missing_set.isdisjoint(rule.needs):
            continue
        if rule.skip_unknown_noc and facts.noc_status == NOC_UNKNOWN:
            continue
        result = rule.check(facts)
        if result is None:
            continue
        severity = rule.severity_for(facts)
        if isinstance(result, str):
            findings.append(Finding(rule.code, severity, rule.field, result, rule.source))
        else:
            findings.extend(Finding(rule.code, severity, field, message, rule.source) for field, message in result)
    findings.sort(key=lambda f: _SEVERITY_ORDER[f.severity])  # stable: registry order within a severity

    return Report(
        program=program,
        findings=tuple(findings),
        lmia=_lmia(program, facts, refdata),
        prevailing_wage=facts.prevailing,
        versions=_versions(refdata),
    )


def find_routes(payload: HirePayload, refdata: ReferenceData, *, category_a_positions_this_year: int | None = None,
                **options) -> list[Report]:
    """One report per program in the route finder's order (API.md Amendments 2026-12).

    Eligible routes first; among them the LMIA-exempt ones (ICT, CUSMA) before
    those needing an LMIA (GTS); then fewest blockers; ties keep gts_a, gts_b,
    ict, cusma. `options` are passed on to `evaluate`.
    """
    reports = [
        evaluate(payload, refdata, program=p, category_a_positions_this_year=category_a_positions_this_year, **options)
        for p in PROGRAMS
    ]
    return sorted(reports, key=route_order)


def route_order(report: Report) -> tuple:
    """Sort key of the route finder: eligible, then LMIA-exempt among the eligible, then fewest blockers."""
    # An LMIA-exempt route spares the employer the LMIA's fee, plan and processing time.
    return (not report.eligible, report.eligible and report.lmia.required, len(report.blockers))


def _lmia(program: str, facts: HireFacts, refdata: ReferenceData) -> LmiaOutcome:
    if program in ("gts_a", "gts_b"):
        return LmiaOutcome(required=True, exemption_code=None)
    route = refdata.exemption_route(program, facts.ict_category)
    return LmiaOutcome(required=False, exemption_code=route.code if route else None)


_VERSIONS_CACHE: dict[int, tuple[ReferenceData, MappingProxyType]] = {}


def _versions(refdata: ReferenceData):
    # The same mapping for every report of one ReferenceData (it is frozen).
    cached = _VERSIONS_CACHE.get(id(refdata))
    if cached is None or cached[0] is not refdata:
        mapping = MappingProxyType({"rules": RULES_VERSION, "reference_data": refdata.versions})
        if len(_VERSIONS_CACHE) > 16:
            _VERSIONS_CACHE.clear()
        _VERSIONS_CACHE[id(refdata)] = cached = (refdata, mapping)
    return cached[1]

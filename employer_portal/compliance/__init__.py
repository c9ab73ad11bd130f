"""The compliance rules: pure functions over plain data.

`evaluate(payload, refdata, program=..., category_a_positions_this_year=...) -> Report`
and `find_routes(payload, refdata) -> list[Report]`; `RULES` lists every rule
with its code, severity and source.
"""
from employer_portal.compliance.engine import RULES_VERSION, evaluate, find_routes
from employer_portal.compliance.registry import RULES, Rule, rule_for
from employer_portal.compliance.report import BLOCKER, INFO, WARNING, Finding, LmiaOutcome, Report

__all__ = [
    "BLOCKER", "INFO", "RULES", "RULES_VERSION", "WARNING", "Finding", "LmiaOutcome", "Report", "Rule",
    "evaluate", "find_routes", "rule_for",
]

"""The pathway rule sets as bundled data (`refdata/data/pathways/*.json`), read once and versioned by date.

`load_rules()` gives a `PathwayRules` (cached); `rules.crs_version(as_of)` and friends pick the
version in force on a date. Every fact keeps the status the research gave it; `label(status)`
says how the product shows it: a rule (official copy), "verify on the official page"
(secondary, unconfirmed) or "guidance" (derived by the project).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

DATA_PACKAGE = "employer_portal"
DATA_DIR = "refdata/data/pathways"
SET_FILES = ("sources", "crs", "fsw", "cec", "language", "provincial", "timeline")

OFFICIAL = "OFFICIAL-COPY"
SECONDARY = "SECONDARY"
UNCONFIRMED = "UNCONFIRMED"
DERIVED = "DERIVED"
VERIFY = "verify on the official page"
GUIDANCE = "guidance"


def label(status: str) -> str:
    """How a fact of this status is shown: 'rule', 'guidance' or 'verify on the official page'."""
    if status == OFFICIAL:
        return "rule"
    if status == DERIVED:
        return GUIDANCE
    return VERIFY


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _in_force(version: dict, as_of: dt.date) -> bool:
    start, end = _day(version.get("effective_from")), _day(version.get("effective_to"))
    return (start is None or start <= as_of) and (end is None or as_of < end)


class NoRulesInForce(LookupError):
    """No bundled version covers the date asked for."""


@dataclass(frozen=True)
class PathwayRules:
    """All pathway rule sets; plain dicts as in the JSON files, plus version pickers."""

    sources: dict[str, dict]
    crs: dict
    fsw: dict
    cec: dict
    language: dict
    provincial: dict
    timeline: dict

    def versions(self) -> dict[str, str]:
        return {name: getattr(self, name)["version"] for name in SET_FILES if name != "sources"}

    def source(self, key: str) -> dict:
        return {"id": key, **self.sources[key]}

    def crs_version(self, as_of: dt.date) -> dict:
        """The enabled CRS grid in force on `as_of`, its `grid` filled in when it borrows one (grid_from)."""
        by_name = {v["version"]: v for v in self.crs["versions"]}
        for version in self.crs["versions"]:
            if version.get("enabled", True) and _in_force(version, as_of):
                grid = version.get("grid") or by_name[version["grid_from"]]["grid"]
                return {**version, "grid": grid}
        raise _none_in_force(as_of, "CRS grid")

    def pending_crs_versions(self, as_of: dt.date) -> list[dict]:
        """Versions reported in force by `as_of` but not enabled (unconfirmed changes to flag)."""
        return [v for v in self.crs["versions"]
                if not v.get("enabled", True) and _day(v.get("effective_from")) <= as_of]

    def fsw_version(self, as_of: dt.date) -> dict:
        return _pick(self.fsw["versions"], as_of, "FSW grid")

    def cec_version(self, as_of: dt.date) -> dict:
        return _pick(self.cec["versions"], as_of, "CEC rule set")


def _pick(versions: list[dict], as_of: dt.date, what: str) -> dict:
    for version in versions:
        if version.get("enabled", True) and _in_force(version, as_of):
            return version
    raise _none_in_force(as_of, what)


def _none_in_force(as_of: dt.date, what: str) -> NoRulesInForce:
    return NoRulesInForce(f"the bundled rules do not reach back to {as_of.isoformat()} (no {what} in force then): "
                          "choose a later date")


def _read(name: str) -> Any:
    path = resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_rules() -> PathwayRules:
    data = {name: _read(name) for name in SET_FILES}
    data["sources"] = data["sources"]["sources"]
    return PathwayRules(**data)

"""Build a hire's document checklist from the catalogue, and reconcile it with
the statuses already recorded.

In:  a `HirePayload` (and, for CUSMA, the chosen profession's credential rules
     as a plain dict, e.g. one row of the CUSMA professions reference data).
Out: `ChecklistItem`s in catalogue order, and a `Reconciliation` telling the
     caller which stored items to add, keep, revive or retire.

Pure: no database, no Flask, no Celery. Same input, same output, same order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Collection, Mapping

from employer_portal.checklists.catalogue import Catalogue, CatalogueEntry, load_catalogue
from employer_portal.schemas.hire import ICT_CATEGORY_CODES, HirePayload

# A checklist item's statuses (the one place: models.checklist and the API's schema read them from here).
ITEM_STATUSES = ("missing", "received", "waived", "not_applicable")

_DEGREE_LEVELS = {"bachelor", "master", "doctorate"}
_POST_SECONDARY_LEVELS = {"certificate", "diploma"} | _DEGREE_LEVELS


@dataclass(frozen=True)
class ChecklistItem:
    """One document a hire needs.

    `provider` is `employer`, `worker` or `referral_partner`; `source` names the
    official pages with their dates; `due` is plain words or None when no rule
    sets a time; `section` is the heading it is printed under.
    """

    key: str
    title: str
    provider: str
    why: str
    rule: str
    source: str
    due: str | None
    section: str


# --- facts -------------------------------------------------------------------

def _yes(value) -> bool:
    if isinstance(value, str):
        return value.strip().upper() in ("Y", "YES", "TRUE", "1")
    return bool(value)


def _leading_int(value) -> int | None:
    """`3`, `"3"` or `"3 (claims adjustment) + …"` -> 3; blank -> None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value)
    match = re.match(r"\s*(\d+)", str(value))
    return int(match.group(1)) if match else None


def credential_kind(payload: HirePayload, profession: Mapping | None) -> str:
    """Which CUSMA credential to gather: the one the worker can show, else the
    closest one the profession accepts.

    `profession` uses the CUSMA professions columns: `accepts_baccalaureate_or_licenciatura`,
    `alt_post_secondary_diploma_or_certificate_plus_years`, `alt_state_provincial_licence`,
    `alt_experience_only_years`, `other_credentials` ("Y"/"N" or booleans, numbers or text).
    Returns `degree`, `diploma_experience`, `licence`, `experience`, `other` or
    `unknown` (no profession given).
    """
    if not profession:
        return "unknown"
    degree = _yes(profession.get("accepts_baccalaureate_or_licenciatura"))
    diploma_years = _leading_int(profession.get("alt_post_secondary_diploma_or_certificate_plus_years"))
    licence = _yes(profession.get("alt_state_provincial_licence"))
    experience_years = _leading_int(profession.get("alt_experience_only_years"))

    education = payload.worker.highest_education
    years = payload.worker.years_experience or 0
    licensed = bool(payload.cusma and payload.cusma.licensed)

    # What the worker already meets, strongest evidence first.
    if degree and education in _DEGREE_LEVELS:
        return "degree"
    if licence and licensed:
        return "licence"
    if diploma_years is not None and education in _POST_SECONDARY_LEVELS and years >= diploma_years:
        return "diploma_experience"
    if experience_years is not None and years >= experience_years:
        return "experience"
    # Not met yet (the compliance report says so): list the nearest path.
    if diploma_years is not None and education in _POST_SECONDARY_LEVELS:
        return "diploma_experience"
    if degree:
        return "degree"
    if licence:
        return "licence"
    if experience_years is not None:
        return "experience"
    return "other"


def hire_facts(payload: HirePayload, profession: Mapping | None = None) -> dict[str, frozenset[str]]:
    """The facts catalogue conditions test, each as a set (empty when unknown)."""
    def one(value) -> frozenset[str]:
        return frozenset([value]) if value else frozenset()

    ict_code = ICT_CATEGORY_CODES.get(payload.ict.category) if payload.ict and payload.ict.category else None
    return {
        "program": one(payload.program),
        "ict_code": one(ict_code),
        "province": one(payload.position.province),
        "citizenship": frozenset(payload.worker.citizenships or ()),
        "cusma_credential": one(credential_kind(payload, profession)) if payload.program == "cusma" else frozenset(),
    }


def _matches(condition: Mapping[str, tuple[str, ...]], facts: Mapping[str, frozenset[str]]) -> bool:
    return all(facts[name] & set(values) for name, values in condition.items())


def _applies(entry: CatalogueEntry, facts) -> bool:
    if not _matches(entry.when, facts):
        return False
    return not any(facts[name] & set(values) for name, values in entry.unless.items())


def _due(entry: CatalogueEntry, facts) -> str | None:
    if entry.due is None or isinstance(entry.due, str):
        return entry.due
    for condition, text in entry.due:
        if _matches(condition, facts):
            return text
    return None


class _Blank(dict):
    def __missing__(self, key):  # a placeholder the profession does not fill stays readable
        return "the profession"


def _fill(text: str, values: Mapping[str, str]) -> str:
    return text.format_map(_Blank(values)) if "{" in text else text


def _profession_values(profession: Mapping | None) -> dict[str, str]:
    if not profession:
        return {}
    years = _leading_int(profession.get("alt_post_secondary_diploma_or_certificate_plus_years")) or _leading_int(
        profession.get("alt_experience_only_years")
    )
    values = {
        "profession": str(profession.get("profession") or profession.get("key") or "the profession"),
        "requirement": str(profession.get("min_education_core_text") or profession.get("other_credentials") or "see CUSMA Appendix 2").rstrip("."),
    }
    if years is not None:
        values["years"] = str(years)
    return values


def _source_text(entry: CatalogueEntry) -> str:
    return "; ".join(f"{s.title} ({s.date})" for s in entry.sources)


def build_checklist(
    payload: HirePayload, *, cusma_profession: dict | None = None, catalogue: Catalogue | None = None
) -> list[ChecklistItem]:
    """The documents this hire needs, by section (catalogue order within each).

    `cusma_profession` is the chosen profession's credential rules (see
    `credential_kind`); the caller looks it up, this function reads no database.
    `catalogue` defaults to the packaged one.
    """
    catalogue = catalogue or load_catalogue()
    facts = hire_facts(payload, cusma_profession)
    values = _profession_values(cusma_profession)
    section_order = {key: n for n, key in enumerate(catalogue.sections)}
    # Grouped by section so a printed checklist reads heading by heading.
    entries = sorted(
        (e for e in catalogue.entries if _applies(e, facts)), key=lambda e: section_order[e.section]
    )
    items = []
    for entry in entries:
        items.append(
            ChecklistItem(
                key=entry.key,
                title=_fill(entry.title, values),
                provider=entry.provider,
                why=_fill(entry.why, values),
                rule=entry.rule,
                source=_source_text(entry),
                due=_due(entry, facts),
                section=catalogue.sections[entry.section],
            )
        )
    return items


# --- reconciliation -------------------------------------------------------------

@dataclass(frozen=True)
class Reconciliation:
    """What to do with a hire's stored checklist after its facts changed.

    - `add`: items new to this hire (store them with status `missing`);
    - `keep`: key -> recorded status, for items still wanted (left untouched);
    - `revive`: key -> recorded status, for retired items wanted again (un-retire, status kept);
    - `retire`: keys no longer wanted (mark retired, keep the row and its history);
    - `statuses`: key -> status for every wanted item, in checklist order.
    """

    add: list[ChecklistItem] = field(default_factory=list)
    keep: dict[str, str] = field(default_factory=dict)
    revive: dict[str, str] = field(default_factory=dict)
    retire: list[str] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)


def reconcile(
    existing: dict[str, str], wanted: list[ChecklistItem], *, retired: Collection[str] = ()
) -> Reconciliation:
    """Compare the stored items (`existing`: key -> recorded status, retired rows
    included, their keys listed in `retired`) with the items the hire needs now.

    Never drops a recorded status: items that stop applying are retired, and an
    item that applies again comes back with the status it had.
    Raises ValueError on a status that is not one of ITEM_STATUSES.
    """
    bad = {k: s for k, s in existing.items() if s not in ITEM_STATUSES}
    if bad:
        raise ValueError(f"unknown checklist statuses: {sorted(bad.items())}")
    retired = set(retired)
    wanted_keys = {item.key for item in wanted}
    result = Reconciliation()
    for item in wanted:
        if item.key not in existing:
            result.add.append(item)
            result.statuses[item.key] = "missing"
        elif item.key in retired:
            result.revive[item.key] = existing[item.key]
            result.statuses[item.key] = existing[item.key]
        else:
            result.keep[item.key] = existing[item.key]
            result.statuses[item.key] = existing[item.key]
    result.retire.extend(k for k in sorted(existing) if k not in wanted_keys and k not in retired)
    return result

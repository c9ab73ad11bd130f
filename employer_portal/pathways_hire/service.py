"""The outlook of a stored hire: its candidate profile (entered by HR), its job and its permit.

In: a `Hire` (and its `CandidateProfile`). Out: the `PathwaysRequest` the pure engine
(`employer_portal.pathways.outlook`) reads, the outlook with the stand-ins it used named in
`basis`, and the outlook's timeline as deadlines (guidance) for the deadlines service.

The profile is personal data: it is stored encrypted (models/candidate_profile.py) and the
audit trail names only the fields that changed, never their values.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select, update

from employer_portal import accounts
from employer_portal.deadlines.calculator import STOPPED_STATUSES, Deadline
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.base import utcnow
from employer_portal.models.candidate_profile import CandidateProfile, PathwaySettings
from employer_portal.schemas.errors import error_map
from employer_portal.schemas.pathways import Candidate, PathwaysRequest

ENTITY = "candidate_profile"
HIDDEN = "(changed)"
DEADLINE_RULE_ID = "PATHWAYS"
GUIDANCE = "Guidance derived from the official rules, not a legal deadline."
VERIFY = "verify on the official page"
OFFICIAL_STATUSES = ("OFFICIAL-COPY", "OFFICIAL", "official", "official_copy")


class InvalidProfile(Exception):
    """The profile did not validate; `errors` maps dotted field paths to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("the profile is not valid")
        self.errors = errors


# --- the profile ----------------------------------------------------------------------------

def profile_of(hire: Hire) -> CandidateProfile | None:
    return db.session.scalar(select(CandidateProfile).where(CandidateProfile.hire_id == hire.id,
                                                            CandidateProfile.employer_id == hire.employer_id))


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(data, dict):
        return {prefix.rstrip("."): data}
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def profile_changes(old: dict, new: dict) -> dict[str, list]:
    """{"profile.<path>": [old, new]} with every value hidden: the profile is personal data."""
    before, after = _flatten(old), _flatten(new)
    return {f"profile.{path}": [HIDDEN if before.get(path) is not None else None,
                                HIDDEN if after.get(path) is not None else None]
            for path in sorted(before.keys() | after.keys()) if before.get(path) != after.get(path)}


def validate_candidate(data: dict) -> Candidate:
    try:
        return Candidate.model_validate(data)
    except ValidationError as exc:
        raise InvalidProfile(error_map(exc)) from None


def save_profile(hire: Hire, data: dict, actor, *, entered_by: str = "hr") -> CandidateProfile:
    """Replace the hire's profile with `data` (the `Candidate` fields), audited, and re-sync its deadlines.

    Raises `InvalidProfile`. The age is kept only for a hire without a date of birth (the hire's own
    encrypted date wins, so the two cannot disagree).
    """
    candidate = validate_candidate(data)
    new = candidate.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    if hire.date_of_birth:
        new.pop("age", None)
    profile = profile_of(hire)
    old = profile.candidate if profile is not None else {}
    if profile is None:
        profile = CandidateProfile(employer_id=hire.employer_id, hire_id=hire.id)
        db.session.add(profile)
    profile.candidate = new
    profile.entered_by = entered_by
    profile.updated_by_id = getattr(actor, "id", None)
    hire.updated_at = utcnow()  # the checklist PDF prints the outlook: its inputs moved
    db.session.flush()
    accounts.record(hire.employer_id, ENTITY, hire.id, "profile_saved" if old else "profile_created",
                    actor=actor, changes=profile_changes(old, new))
    from employer_portal.deadlines.service import sync_hire_deadlines

    sync_hire_deadlines(hire)
    return profile


# --- the request for the engine ------------------------------------------------------------------

def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def permit_expiry(hire: Hire) -> tuple[dt.date | None, str | None]:
    """The latest recorded permit expiry (first permit or a renewal), else the planned end of employment."""
    from employer_portal.deadlines.permits import recorded_renewals

    recorded = [_date((hire.dates or {}).get("work_permit_expires_on"))]
    recorded += [r.expires_on for r in recorded_renewals(hire)]
    recorded = [d for d in recorded if d is not None]
    if recorded:
        return max(recorded), None
    planned = _date(((hire.payload or {}).get("position") or {}).get("end_date"))
    if planned:
        return planned, ("No permit expiry recorded yet: the planned end of employment stands in for it "
                         "until the permit's dates are recorded.")
    return None, None


def ict_cap_date(hire: Hire, start: dt.date | None) -> dt.date | None:
    """The day an ICT worker reaches the cap of their category (earlier ICT time in Canada counted), or None.

    The same reading of the caps as the compliance rule ICT_TOTAL_STAY_OVER_CAP (compliance/rules_ict.py).
    """
    ict = (hire.payload or {}).get("ict") or {}
    if hire.program != "ict" or start is None or not ict.get("category"):
        return None
    from types import SimpleNamespace

    from employer_portal.compliance.rules_ict import prior_ict_time
    from employer_portal.deadlines.rules import add_months
    from employer_portal.hires.service import hire_payload, reference_data

    refdata = reference_data()
    route = refdata.exemption_route("ict", ict["category"])
    if route is None or route.total_cap_months is None:
        return None
    cap = min(route.total_cap_months, refdata.ict_stay_limits.all_categories_cap_months)
    prior = prior_ict_time(SimpleNamespace(ict=hire_payload(hire).ict, refdata=refdata))
    return add_months(start, max(cap - prior.counted, 0))


def pathways_request(hire: Hire, *, as_of: dt.date | None = None) -> tuple[PathwaysRequest, list[str]]:
    """The engine's request for the stored hire, and the stand-ins it used (for `basis`)."""
    as_of = as_of or dt.date.today()
    basis: list[str] = []
    profile = profile_of(hire)
    candidate = dict(profile.candidate) if profile is not None else {}
    if profile is None:
        basis.append("No candidate profile yet: the scores need one (Pathways section of the hire page).")
    born = _date(hire.date_of_birth)
    if born is not None:
        candidate["age"] = age_on(born, as_of)
        basis.append(f"Age {candidate['age']} on {as_of.isoformat()}, from the date of birth on the hire.")
    position = (hire.payload or {}).get("position") or {}
    first_day = _date((hire.dates or {}).get("first_day_of_work"))
    start = first_day or _date(position.get("start_date"))
    if first_day is None and start is not None:
        basis.append("Canadian experience counted from the planned start date until the first day of work "
                     "is recorded.")
    expires, note = permit_expiry(hire)
    if note:
        basis.append(note)
    cap = ict_cap_date(hire, start)
    if cap is not None:
        basis.append(f"ICT cap for this category (earlier ICT time counted) reached on {cap.isoformat()}.")
    request = PathwaysRequest.model_validate({
        "as_of": as_of,
        "candidate": candidate,
        "job": {"noc_code": position.get("noc_code"), "province": position.get("province"),
                "start_date": start, "hours_per_week": position.get("hours_per_week")},
        "permit": {"expires": expires, "program": hire.program, "cap_date": cap},
    })
    return request, basis


def hire_outlook(hire: Hire, *, as_of: dt.date | None = None) -> dict:
    """The outlook for the stored hire (the engine's answer plus `hire_id`, `profile` and `basis`)."""
    from employer_portal.pathways import outlook
    from employer_portal.schemas.pathways import missing_fields

    request, basis = pathways_request(hire, as_of=as_of)
    profile = profile_of(hire)
    result = outlook(request)
    return {"hire_id": hire.id, **result, "profile": profile.candidate if profile is not None else None,
            "missing": missing_fields(request), "basis": basis}


# --- the timeline as deadlines (guidance) ---------------------------------------------------------

def _item_key(item: dict) -> str | None:
    key = item.get("key") or item.get("id")
    return str(key) if key else None


def is_guidance(item: dict) -> bool:
    """A planning date derived from the rules (DERIVED), not a rule itself."""
    return item.get("kind") == "guidance" or item.get("status") == "DERIVED"


def is_unconfirmed(item: dict) -> bool:
    """Neither from an official copy nor our own derivation: shown with "verify on the official page"."""
    return bool(item.get("verify")) or item.get("status") not in (*OFFICIAL_STATUSES, "DERIVED")


# Timeline entries that mark a fact rather than ask anyone to act (the permit's own expiry is a
# deadline of the calculator already).
NOT_A_DEADLINE = frozenset({"permit_expires"})


def _source_text(item: dict, sources: dict[str, dict]) -> str:
    found = sources.get(str(item.get("source") or ""))
    if found is None:
        return str(item.get("source") or "")
    if found.get("id") == "PROJECT" or found.get("status") == "DERIVED":
        return found.get("title") or "Derived by this product from the official rules (guidance)"
    return " ".join(p for p in (found.get("title"), found.get("url")) if p)


def pathway_deadlines(hire: Hire, today: dt.date) -> list[Deadline]:
    """The outlook's dated timeline items as deadlines keyed `pathway:<item key>` (stable per hire).

    Only for a hire with a candidate profile and still under way. Derived planning dates are
    labelled guidance (and `estimated`); an unconfirmed one says "verify on the official page".
    """
    if hire.status in STOPPED_STATUSES or profile_of(hire) is None:
        return []
    try:
        result = hire_outlook(hire, as_of=today)
    except Exception:  # noqa: BLE001 - a broken outlook must not stop the hire's legal deadlines
        import logging

        logging.getLogger(__name__).exception("hire %s: pathways outlook failed; no pathway deadlines", hire.id)
        return []
    sources = {str(s.get("id")): s for s in result.get("sources") or [] if isinstance(s, dict)}
    found: list[Deadline] = []
    for item in result.get("timeline") or []:
        key, due = _item_key(item), _date(item.get("date"))
        if key is None or due is None or key in NOT_A_DEADLINE:
            continue
        guidance = is_guidance(item)
        why = " ".join(p for p in (item.get("detail") or item.get("why") or "", GUIDANCE if guidance else "",
                                   f"Not from an official copy: {VERIFY}." if is_unconfirmed(item) and not guidance
                                   else "") if p)
        label = "Pathways (guidance)" if guidance else "Pathways"
        found.append(Deadline(
            key=f"pathway:{key}"[:80], kind=f"pathway_{key}"[:60],
            title=f"{label}: {item.get('title') or key}"[:300],
            due_date=due, rule_id=DEADLINE_RULE_ID, why=why, source=_source_text(item, sources),
            counts_business_days=False, province=None, derived_from="pathways outlook", estimated=guidance))
    return found


# --- the employer's PDF setting -------------------------------------------------------------------

def pdf_section_enabled(employer_id: int) -> bool:
    row = db.session.scalar(PathwaySettings.for_employer(employer_id))
    return True if row is None else bool(row.checklist_pdf_section)


def set_pdf_section(employer_id: int, enabled: bool, actor) -> bool:
    row = db.session.scalar(PathwaySettings.for_employer(employer_id))
    old = True if row is None else row.checklist_pdf_section
    if row is None:
        row = PathwaySettings(employer_id=employer_id)
        db.session.add(row)
    row.checklist_pdf_section = bool(enabled)
    db.session.flush()
    if old != bool(enabled):
        # Every checklist PDF of the employer gains or loses the section: mark their inputs moved.
        db.session.execute(update(Hire).where(Hire.employer_id == employer_id).values(updated_at=utcnow()))
        accounts.record(employer_id, "pathway_settings", row.id, "changed", actor=actor,
                        changes={"checklist_pdf_section": [old, bool(enabled)]})
    return row.checklist_pdf_section


def _provide(hire: Hire, today: dt.date) -> list[Deadline]:
    return pathway_deadlines(hire, today)


def connect() -> None:
    """Register the guidance deadlines with the deadlines service (idempotent)."""
    from employer_portal.deadlines.service import register_deadline_provider

    register_deadline_provider(_provide)

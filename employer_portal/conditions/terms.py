"""The terms of the offer and what a change to them means (pure: no Flask, no database).

IRPR R209.2(1)(a)(iii) (IMP: ICT, CUSMA) and R209.3(1)(a)(iv) (LMIA, incl. GTS) oblige the employer to
provide "employment in the same occupation as that set out in the [offer / LMIA] and with wages and working
conditions that are substantially the same as — but not less favourable than — those set out in" it
(IRPR Schedule 2, item 9, Type B; occupation, wages and working conditions are each a separate violation,
R209.96(2)). So a raise is allowed as is, a wage cut, other duties, another occupation or another place are
violation risks, and a longer stay needs a new permit (and, for GTS, a new LMIA: review F-11).

In: two or three flat terms dicts (`terms_of_payload`), the program and the employer's size.
Out: a `TermsDecision`: one `FieldDecision` per changed field and the overall outcome (the most serious).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from employer_portal.deadlines.violations import AmpSchedule, load_amp_schedule
from employer_portal.schemas.hire import IN_FORCE_STATUSES

# The terms an inspection compares with the offer, in the order HR reads them.
TERMS_FIELDS = ("job_title", "duties", "noc_code", "wage_amount", "wage_period", "hours_per_week",
                "province", "city", "start_date", "end_date", "benefits")
TERMS_LABELS = {
    "job_title": "Job title", "duties": "Duties", "noc_code": "NOC 2021 code", "wage_amount": "Wage",
    "wage_period": "Wage per", "hours_per_week": "Hours per week", "province": "Province of work",
    "city": "City of work", "start_date": "Start date", "end_date": "End date", "benefits": "Benefits",
}
# Statuses after submission: the hire's terms are the offer's, and a change of them is a "change to the terms".
TERMS_STATUSES = IN_FORCE_STATUSES

ALLOWED, NEW_OFFER, NEW_LMIA, NEW_PERMIT, VIOLATION_RISK = (
    "allowed", "new_offer", "new_lmia", "new_permit", "violation_risk")
OUTCOME_RANK = {ALLOWED: 0, NEW_OFFER: 1, NEW_LMIA: 1, NEW_PERMIT: 2, VIOLATION_RISK: 3}
OUTCOME_LABELS = {
    ALLOWED: "Allowed as is",
    NEW_OFFER: "Needs a new Employer Portal offer first",
    NEW_LMIA: "Needs a new LMIA first",
    NEW_PERMIT: "Needs a new work permit first",
    VIOLATION_RISK: "Violation risk",
}

SAME_TERMS_ITEM = 9  # IRPR Schedule 2, Table 1: same occupation; wages and working conditions not less favourable
IRPR_URL = "https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/"
SOURCES = {
    "imp": ("IRPR R209.2(1)(a)(iii): employment \"in the same occupation as that set out in the employer's offer "
            "of employment and with wages and working conditions that are substantially the same as — but not "
            "less favourable than — those set out in that offer\" (" + IRPR_URL + "section-209.2.html)"),
    "lmia": ("IRPR R209.3(1)(a)(iv): employment \"in the same occupation as that set out in the employer's "
             "application for an assessment [LMIA] and with wages and working conditions that are substantially "
             "the same as — but not less favourable than — those set out in\" it (" + IRPR_URL
             + "section-209.3.html)"),
}
PERMIT_SOURCE = ("IRPR R185 and R200: an employer-specific work permit is valid for the employer, occupation and "
                 "period it names; staying longer needs a new permit (GTS: a new LMIA, review F-11; IMP: a new "
                 "offer, IRCC ICT / CUSMA instructions)")
JUSTIFICATIONS = ("R209.2(3) / R209.3(3) accept a few justifications (a change in law or in a collective agreement, "
                  "a dramatic economic change applied to all workers alike, an error made in good faith and "
                  "corrected with back pay); keep the evidence if one applies.")
WEEKS_PER_YEAR = 52


def regime(program: str | None) -> str:
    """"lmia" for GTS (R209.3, ESDC), "imp" for ICT and CUSMA (R209.2, IRCC)."""
    return "lmia" if (program or "").startswith("gts") else "imp"


def terms_of_payload(payload: dict | None) -> dict[str, Any]:
    """The flat terms of a stored hire payload (dates as ISO strings, benefits as a list)."""
    position = (payload or {}).get("position") or {}
    wage = position.get("wage") or {}
    terms = {
        "job_title": position.get("title"), "duties": position.get("duties"), "noc_code": position.get("noc_code"),
        "wage_amount": _number(wage.get("amount")), "wage_period": wage.get("period"),
        "hours_per_week": _number(position.get("hours_per_week")), "province": position.get("province"),
        "city": position.get("city"), "start_date": position.get("start_date"), "end_date": position.get("end_date"),
        "benefits": list(position.get("benefits") or []) or None,
    }
    return terms


def _number(value):
    # 135000.0 from the payload reads as 135000 (the same number, shown as HR typed it).
    return int(value) if isinstance(value, float) and value.is_integer() else value


def merged_terms(current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The current terms with `changes` laid over them (only known fields)."""
    merged = dict(current)
    merged.update({name: value for name, value in changes.items() if name in TERMS_FIELDS})
    return merged


@dataclass(frozen=True)
class FieldDecision:
    """What one changed field means, judged against the offer (the baseline)."""

    field: str
    old: Any
    new: Any
    baseline: Any
    outcome: str
    message: str
    schedule2_item: int | None
    provision: str | None
    source: str
    violation: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "label": TERMS_LABELS.get(self.field, self.field), "old": self.old,
                "new": self.new, "baseline": self.baseline, "outcome": self.outcome,
                "outcome_label": OUTCOME_LABELS[self.outcome], "message": self.message,
                "schedule2_item": self.schedule2_item, "provision": self.provision, "source": self.source,
                "violation": self.violation}


@dataclass(frozen=True)
class TermsDecision:
    """The decision on one change of terms: its fields and the most serious outcome among them."""

    program: str | None
    decisions: tuple[FieldDecision, ...] = field(default_factory=tuple)

    @property
    def outcome(self) -> str:
        if not self.decisions:
            return ALLOWED
        return max((d.outcome for d in self.decisions), key=OUTCOME_RANK.__getitem__)

    @property
    def allowed(self) -> bool:
        return self.outcome == ALLOWED

    @property
    def changes(self) -> dict[str, list]:
        return {d.field: [d.old, d.new] for d in self.decisions}

    def as_json(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "outcome_label": OUTCOME_LABELS[self.outcome],
                "fields": [d.as_json() for d in self.decisions]}


def provision_for(provision: str, program: str | None) -> str:
    """The part of a Schedule 2 provision ("209.2(1)(a)(iii); 209.3(1)(a)(iv)") for this hire's regime."""
    wanted = "209.3" if regime(program) == "lmia" else "209.2"
    parts = [p.strip() for p in provision.split(";")]
    return next((p for p in parts if p.startswith(wanted)), parts[0])


def annual_wage(amount: float | None, period: str | None, hours: float | None) -> float | None:
    """A wage per year (an hourly wage × hours per week × 52), or None when it cannot be worked out."""
    if amount is None:
        return None
    if period == "year":
        return float(amount)
    if period == "hour" and hours:
        return float(amount) * float(hours) * WEEKS_PER_YEAR
    return None


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _same_text(a, b) -> bool:
    norm = lambda v: " ".join(str(v).split()).casefold() if v is not None else None  # noqa: E731
    return norm(a) == norm(b)


def _wage_cut(baseline: dict, proposed: dict) -> bool | None:
    """True when the proposed wage is lower than the offer's; None when they cannot be compared."""
    base_amount, new_amount = baseline.get("wage_amount"), proposed.get("wage_amount")
    if base_amount is None or new_amount is None:
        return None
    if baseline.get("wage_period") == proposed.get("wage_period"):
        return float(new_amount) < float(base_amount) - 0.005
    before = annual_wage(base_amount, baseline.get("wage_period"), baseline.get("hours_per_week"))
    after = annual_wage(new_amount, proposed.get("wage_period"), proposed.get("hours_per_week"))
    if before is None or after is None:
        return None
    return after < before - 0.005


def classify_change(program: str | None, baseline: dict[str, Any], current: dict[str, Any],
                    proposed: dict[str, Any], business_size: str | None = None,
                    schedule: AmpSchedule | None = None) -> TermsDecision:
    """Classify the change from `current` to `proposed` terms against the offer `baseline`.

    Only fields that differ from `current` are judged; each is judged against the baseline (a wage back up to
    the offer's is allowed; a raise that still leaves the wage under the offer's is not).
    """
    schedule = schedule or load_amp_schedule()
    kind = regime(program)
    new_offer = NEW_LMIA if kind == "lmia" else NEW_OFFER
    document = "LMIA" if kind == "lmia" else "Employer Portal offer"
    condition = schedule.conditions[SAME_TERMS_ITEM]
    provision = "R" + provision_for(condition.provision, program)
    violation = schedule.violation_for_size([SAME_TERMS_ITEM], business_size)
    source = SOURCES[kind]
    cost = (f" A violation of {provision} is Type {violation.type} (IRPR Schedule 2): {violation.range_text}, "
            f"and at higher points a ban of {violation.ban_min} up to {violation.ban_max}.")

    def decide(name: str, outcome: str, message: str, *, cites_condition: bool = True,
               why: str | None = None) -> FieldDecision:
        risky = outcome == VIOLATION_RISK
        return FieldDecision(
            field=name, old=current.get(name), new=proposed.get(name), baseline=baseline.get(name),
            outcome=outcome, message=message + (cost + " " + JUSTIFICATIONS if risky else ""),
            schedule2_item=SAME_TERMS_ITEM if cites_condition else None,
            provision=provision if cites_condition else None, source=why or source,
            violation=violation.as_json() if cites_condition else None)

    changed = [name for name in TERMS_FIELDS if proposed.get(name) != current.get(name)]
    decisions: list[FieldDecision] = []
    wage_judged = False
    for name in changed:
        if name in ("wage_amount", "wage_period"):
            if wage_judged:
                continue
            wage_judged = True
            cut = _wage_cut(baseline, proposed)
            name = "wage_amount" if "wage_amount" in changed else "wage_period"
            if cut:
                decisions.append(decide(name, VIOLATION_RISK,
                                        f"The wage would be lower than the {document}'s "
                                        f"({_wage_text(baseline)} → {_wage_text(proposed)}): wages must not be "
                                        f"less favourable than the offer's ({provision})."))
            elif cut is None:
                decisions.append(decide(name, new_offer,
                                        f"The new wage cannot be compared with the {document}'s "
                                        f"({_wage_text(baseline)}); get a new {document} that states it before "
                                        f"paying it ({provision})."))
            else:
                decisions.append(decide(name, ALLOWED,
                                        f"A wage at or above the {document}'s ({_wage_text(baseline)} → "
                                        f"{_wage_text(proposed)}) is allowed: it is not less favourable "
                                        f"({provision})."))
        elif name == "noc_code":
            decisions.append(decide(name, VIOLATION_RISK,
                                    f"Another occupation (NOC {proposed.get(name) or '—'} instead of "
                                    f"{baseline.get(name) or '—'}) breaks the condition of the same occupation "
                                    f"as the {document} ({provision}). The new job needs a new {document} and "
                                    f"a new work permit first."))
        elif name == "duties":
            if _same_text(proposed.get(name), baseline.get(name)):
                decisions.append(decide(name, ALLOWED, f"The duties go back to the {document}'s."))
            else:
                decisions.append(decide(name, VIOLATION_RISK,
                                        f"Other duties than the {document}'s can mean another occupation or other "
                                        f"working conditions ({provision}). Keep the offer's duties, or get a new "
                                        f"{document} first."))
        elif name in ("province", "city"):
            if _same_text(proposed.get(name), baseline.get(name)):
                decisions.append(decide(name, ALLOWED, f"The place of work goes back to the {document}'s."))
            else:
                decisions.append(decide(name, VIOLATION_RISK,
                                        f"Another place of work ({proposed.get(name) or '—'} instead of "
                                        f"{baseline.get(name) or '—'}) differs from the {document}'s working "
                                        f"conditions ({provision}); get a new {document} first."))
        elif name == "hours_per_week":
            if proposed.get(name) == baseline.get(name):
                decisions.append(decide(name, ALLOWED, f"The hours go back to the {document}'s."))
            else:
                decisions.append(decide(name, new_offer,
                                        f"Other hours ({baseline.get(name) or '—'} → {proposed.get(name) or '—'} a "
                                        f"week) change the working conditions, which must stay substantially the "
                                        f"same as the {document}'s ({provision}); get a new {document} first."))
        elif name == "benefits":
            before = {b.casefold() for b in (baseline.get(name) or [])}
            after = {b.casefold() for b in (proposed.get(name) or [])}
            dropped = sorted(before - after)
            if dropped:
                decisions.append(decide(name, VIOLATION_RISK,
                                        f"Dropping benefits of the {document} ({', '.join(dropped)}) makes the "
                                        f"working conditions less favourable ({provision})."))
            else:
                decisions.append(decide(name, ALLOWED, f"Benefits at least those of the {document} are allowed "
                                                       f"({provision})."))
        elif name == "end_date":
            base_end, new_end = _date(baseline.get(name)), _date(proposed.get(name))
            if new_end is not None and (base_end is None or new_end > base_end):
                extra = "a new LMIA and " if kind == "lmia" else "a new Employer Portal offer and "
                decisions.append(decide(name, NEW_PERMIT,
                                        f"Employment past {base_end.isoformat() if base_end else 'the permit'} "
                                        f"needs {extra}a new work permit (an extension) before the permit "
                                        f"expires.", cites_condition=False, why=PERMIT_SOURCE))
            else:
                decisions.append(decide(name, ALLOWED, "Ending the employment earlier is allowed; record the "
                                                       "last day when it comes.", cites_condition=False,
                                        why=PERMIT_SOURCE))
        elif name == "start_date":
            decisions.append(decide(name, ALLOWED, "Another first day is allowed as is, as long as it falls within "
                                                   "the work permit's validity.", cites_condition=False,
                                    why=PERMIT_SOURCE))
        elif name == "job_title":
            decisions.append(decide(name, ALLOWED, f"A new title alone is allowed when the occupation (NOC) and the "
                                                   f"duties stay the {document}'s ({provision})."))
    return TermsDecision(program=program, decisions=tuple(decisions))


def _wage_text(terms: dict[str, Any]) -> str:
    amount, period = terms.get("wage_amount"), terms.get("wage_period")
    if amount is None:
        return "no wage"
    return f"${float(amount):,.2f} per {period or '?'}"

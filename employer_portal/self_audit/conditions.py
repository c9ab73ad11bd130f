"""The self-audit checklist: the IRPR Schedule 2 conditions an employer of GTS, ICT or CUSMA workers
checks once a year, each as a question HR can answer (pure: no Flask, no database).

Condition text, provision, violation type and whom it applies to come from `refdata/data/amp_schedule.json`
(one place for each fact); this module adds only the question. Left out: the live-in caregiver and
seasonal agricultural items (3, 10, 16, 24) and the COVID-19 accommodation, quarantine and public-health
items (18–23), which none of the portal's programs (GTS, ICT, CUSMA) raise today; the inspection-conduct
items (5–7) are duties when an inspection happens, not something to check yearly.
"""
from __future__ import annotations

from dataclasses import dataclass

from employer_portal.deadlines.violations import Violation, load_amp_schedule

# Schedule 2 item -> the question HR answers for the year.
QUESTIONS: dict[int, str] = {
    9: "Each worker did the occupation of the offer, for wages and working conditions substantially the same as, "
       "and not less favourable than, the offer or LMIA.",
    2: "Every document that shows compliance is kept for 6 years from each worker's first day of work.",
    4: "The information given for each LMIA (GTS) was accurate, and we can show it for 6 years.",
    1: "The information given for each LMIA-exempt offer (ICT, CUSMA) was accurate, and we can show it for 6 years.",
    25: "Each worker received the Government of Canada information on their rights on or before the first day of work.",
    26: "That rights information was made available in English and in French.",
    17: "We made reasonable efforts for a workplace free of abuse (a written policy, a way to report, training).",
    8: "We complied with federal and provincial laws on employment and recruitment.",
    27: "No worker was charged, and we recovered from no worker, a recruitment, LMIA or compliance fee.",
    28: "Our recruiters charged no worker such fees.",
    29: "Each LMIA worker had private emergency health insurance until provincial coverage began.",
    30: "We made reasonable efforts to give workers access to health care after a workplace injury or illness.",
    15: "We were actively engaged in the business for which each offer was made.",
    11: "GTS: the job creation commitments that were a factor in the LMIA were kept.",
    12: "GTS: the skills or knowledge transfer commitments that were a factor in the LMIA were kept.",
    13: "GTS: the commitments to hire or train Canadians and permanent residents were kept.",
    14: "GTS: reasonable efforts to hire or train Canadians and permanent residents were made.",
}
LMIA_PROGRAMS = frozenset({"gts_a", "gts_b"})
IMP_PROGRAMS = frozenset({"ict", "cusma"})


@dataclass(frozen=True)
class AuditCondition:
    item: int
    provision: str
    condition: str
    question: str
    type: str
    applies_to: str
    applies: bool
    violation: Violation


def applies(applies_to: str, programs: frozenset[str] | set[str]) -> bool:
    """Whether a condition concerns an employer with hires in `programs` (unknown programs: every condition)."""
    if not programs or applies_to.startswith("both"):
        return True
    if applies_to.startswith("TFWP"):
        return bool(set(programs) & LMIA_PROGRAMS)
    if applies_to.startswith("IMP"):
        return bool(set(programs) & IMP_PROGRAMS)
    return True


def violation_for_size(items: list[int], business_size: str | None) -> Violation:
    """What breaking the condition costs for this employer's size (both columns while the size is unknown)."""
    schedule = load_amp_schedule()
    by_size = getattr(schedule, "violation_for_size", None)
    return by_size(items, business_size) if by_size is not None else schedule.violation(items)


def audit_conditions(programs: set[str], business_size: str | None) -> list[AuditCondition]:
    """The checklist in the order of `QUESTIONS`, each with what a violation costs this employer."""
    schedule = load_amp_schedule()
    found = []
    for item, question in QUESTIONS.items():
        condition = schedule.conditions[item]
        found.append(AuditCondition(item=item, provision=condition.provision, condition=condition.condition,
                                    question=question, type=condition.type, applies_to=condition.applies_to,
                                    applies=applies(condition.applies_to, programs),
                                    violation=violation_for_size([item], business_size)))
    return found

"""Where each LMBP commitment stands (pure: no Flask, no database).

In: a commitment's target, what was achieved by `on`, its start and due dates, and the plan's
progress-review dates. Out: `met`, `on_track`, `at_risk` or `missed`, with a sentence saying why.

ESDC reviews the plan about a year after it was signed and yearly after (ESDC, Program requirements
for the Global Talent Stream; RULES.md 1.6); commitments that were a factor in the LMIA are
conditions of IRPR R209.3(1)(b) (Schedule 2 items 11–14, Type B). So a commitment whose due date, or
a review held on or after its due date, has passed without the target met is missed; one clearly
behind its straight-line pace, close to its due date, or with nothing done by a passed review, is at
risk.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

COMMITMENT_STATUSES = ("met", "on_track", "at_risk", "missed")
STATUS_LABELS = {"met": "Target met", "on_track": "On track", "at_risk": "At risk", "missed": "Missed"}
# Within this many days of its due date an unmet commitment is at risk.
CLOSE_TO_DUE_DAYS = 60
# Behind the straight-line pace by more than this share of the target: at risk.
BEHIND_PACE_SHARE = 0.25
BENEFIT_LABELS = {
    "job_creation": "Job creation for Canadians and permanent residents",
    "skills_training": "Investment in skills and training for Canadians and permanent residents",
    "diversity_inclusion": "Workplace diversity and inclusion",
    "knowledge_transfer": "Knowledge transfer to Canadians and permanent residents",
    "company_performance": "Enhanced company performance",
    "best_practices": "Best company practices and policies",
}
# The mandatory benefit of each GTS category (RULES.md 1.6).
MANDATORY_BENEFIT = {"gts_a": "job_creation", "gts_b": "skills_training"}
MIN_COMPLEMENTARY = 2


@dataclass(frozen=True)
class CommitmentStatus:
    status: str
    achieved: float
    target: float
    reason: str

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def percent(self) -> int:
        return int(round(100 * min(self.achieved / self.target, 1))) if self.target > 0 else 100


def _num(value: float) -> str:
    return f"{value:g}"


def commitment_status(*, target: float, achieved: float, start_date: dt.date | None, due_date: dt.date,
                      reviews: list[dt.date], on: dt.date) -> CommitmentStatus:
    """The status of one commitment as of `on` (achieved counts only activities up to `on`)."""
    done = f"{_num(achieved)} of {_num(target)}"
    if achieved >= target:
        return CommitmentStatus("met", achieved, target, f"Target met: {done}.")
    if due_date < on:
        review = next((r for r in sorted(reviews) if due_date <= r < on), None)
        at = f" at the progress review of {review.isoformat()}" if review else ""
        return CommitmentStatus("missed", achieved, target,
                                f"Missed{at}: due {due_date.isoformat()}, {done} done.")
    passed = [r for r in reviews if r < on]
    if passed and achieved <= 0:
        return CommitmentStatus("at_risk", achieved, target,
                                f"Nothing recorded by the progress review of {max(passed).isoformat()}; "
                                f"due {due_date.isoformat()}.")
    if (due_date - on).days <= CLOSE_TO_DUE_DAYS:
        return CommitmentStatus("at_risk", achieved, target,
                                f"Due {due_date.isoformat()}, {(due_date - on).days} days away, {done} done.")
    if start_date is not None and start_date < on < due_date:
        expected = target * (on - start_date).days / (due_date - start_date).days
        if expected - achieved > BEHIND_PACE_SHARE * target:
            return CommitmentStatus("at_risk", achieved, target,
                                    f"Behind pace: about {_num(round(expected, 1))} expected by now, {done} done.")
    return CommitmentStatus("on_track", achieved, target, f"On track: {done}, due {due_date.isoformat()}.")


def plan_findings(program: str, benefits: list[tuple[str, bool]]) -> list[str]:
    """What the plan lacks against ESDC's structure; `benefits` is (benefit, mandatory) per commitment."""
    found = []
    wanted = MANDATORY_BENEFIT.get(program)
    mandatory = {b for b, is_mandatory in benefits if is_mandatory}
    complementary = {b for b, is_mandatory in benefits if not is_mandatory}
    if wanted and wanted not in mandatory:
        found.append(f"The mandatory benefit for this category is missing: {BENEFIT_LABELS[wanted].lower()}.")
    if wanted and wanted in complementary:
        found.append("A complementary benefit cannot duplicate the mandatory benefit.")
    if len(complementary - {wanted}) < MIN_COMPLEMENTARY:
        found.append(f"The plan needs at least {MIN_COMPLEMENTARY} complementary benefits, each with an activity.")
    return found

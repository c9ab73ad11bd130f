"""What the top of the hire page says at a glance, and the page's sections (issue 10 item 1).

Plain module (no Flask): the verdict of a compliance report in three words, the hire's next open
deadline, and the sections the hire page shows as tabs.

Section flashes: a view that redirects back to a section of the hire page flashes with the category
"<kind>:<anchor>" (e.g. "success:deadlines"). The hire page shows that message inside the panel
carrying the anchor; any other page shows it at the top like a plain "<kind>" message.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from employer_portal.extensions import db
from employer_portal.models.deadline import Deadline

# (fragment id, tab label) in page order. The fragment selects the tab: /hires/<id>#deadlines.
SECTIONS = (
    ("findings", "Findings"),
    ("checklist", "Checklist"),
    ("deadlines", "Deadlines"),
    ("documents", "Documents"),
    ("after-approval", "After approval"),
    ("pathways", "Pathways"),
    ("history", "History"),
)


@dataclass(frozen=True)
class Verdict:
    kind: str   # "eligible", "blocked", "incomplete" or "none" (no report yet)
    label: str  # what the summary says: "Eligible", "2 blockers", "Needs information"
    blockers: int = 0


def verdict(report: dict | None) -> Verdict:
    """The report's verdict in the words the summary uses (same order of checks as the findings panel)."""
    if not report:
        return Verdict("none", "Not checked yet: save the draft")
    blockers = sum(1 for f in report.get("findings") or [] if f.get("severity") == "blocker")
    if report.get("eligible"):
        return Verdict("eligible", "Eligible")
    if report.get("complete", True) is False:
        return Verdict("incomplete", "Needs information", blockers)
    return Verdict("blocked", f"{blockers} blocker{'' if blockers == 1 else 's'}", blockers)


def next_deadline(employer_id: int, hire_id: int) -> Deadline | None:
    """The hire's earliest open deadline (active, not done); an overdue one counts as next, as in the hires list."""
    return db.session.scalars(
        select(Deadline).where(Deadline.employer_id == employer_id, Deadline.hire_id == hire_id,
                               Deadline.active.is_(True), Deadline.done_at.is_(None))
        .order_by(Deadline.due_date, Deadline.id).limit(1)
    ).first()

"""The hires list as a query: search, filters, sort and paging from plain request arguments.

Pure query building (no Flask): `ListQuery.from_args(args)` reads a mapping of strings and never
fails (bad values fall back to defaults); `select_rows(employer_id, q, today)` gives the SELECT of
(Hire, next_deadline) rows. The page, its CSV and its Excel CSV use the same query, so an export
holds exactly what the list shows (all pages). Passport number and birth date are encrypted
columns and are never searched.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Mapping

from sqlalchemy import Select, and_, func, or_, select

from employer_portal.models import Hire
from employer_portal.models.deadline import Deadline
from employer_portal.models.hire import HIRE_STATUSES
from employer_portal.schemas.hire import PROGRAMS

PER_PAGE_CHOICES = (25, 50, 100)
DEFAULT_PER_PAGE = 25
MAX_WITHIN_DAYS = 3650

# Sort key in the URL → column (label used for the header links).
SORT_LABELS = {"worker": "Worker", "title": "Job title", "noc": "NOC", "province": "Province", "route": "Route",
               "status": "Status", "next_deadline": "Next deadline", "created": "Created"}
DEFAULT_SORT = "created"


@dataclass(frozen=True)
class ListQuery:
    """What HR asked the list for; every field already checked."""

    q: str = ""
    status: str = ""
    program: str = ""
    within_days: int | None = None
    sort: str = DEFAULT_SORT
    direction: str = "desc"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "ListQuery":
        status = (args.get("status") or "").strip()
        program = (args.get("program") or "").strip()
        sort = (args.get("sort") or DEFAULT_SORT).strip()
        direction = (args.get("dir") or "").strip().lower()
        if sort not in SORT_LABELS:
            sort = DEFAULT_SORT
        if direction not in ("asc", "desc"):
            direction = _default_direction(sort)
        per_page = _positive_int(args.get("per_page"))
        return cls(
            q=(args.get("q") or "").strip()[:200],
            status=status if status in HIRE_STATUSES else "",
            program=program if program in PROGRAMS else "",
            within_days=_within(args.get("within_days")),
            sort=sort, direction=direction,
            page=_positive_int(args.get("page")) or 1,
            per_page=per_page if per_page in PER_PAGE_CHOICES else DEFAULT_PER_PAGE,
        )

    def args(self, **changes) -> dict[str, str | int]:
        """URL arguments reproducing this query (defaults left out), with `changes` applied."""
        q = replace(self, **changes)
        out: dict[str, str | int] = {}
        for name, value, default in (("q", q.q, ""), ("status", q.status, ""), ("program", q.program, ""),
                                     ("within_days", q.within_days, None), ("sort", q.sort, DEFAULT_SORT),
                                     ("dir", q.direction, _default_direction(q.sort)), ("per_page", q.per_page, DEFAULT_PER_PAGE),
                                     ("page", q.page, 1)):
            if value != default:
                out[name] = value
        return out

    def sort_args(self, key: str) -> dict:
        """Arguments for a column header: sort by `key`, ascending first, the other way when already ascending."""
        direction = "desc" if self.sort == key and self.direction == "asc" else "asc"
        return self.args(sort=key, direction=direction, page=1)

    @property
    def filtered(self) -> bool:
        return bool(self.q or self.status or self.program or self.within_days is not None)


def _default_direction(sort: str) -> str:
    # Newest first by default; any other column A→Z (earliest first) on its first click.
    return "desc" if sort == DEFAULT_SORT else "asc"


def _positive_int(raw) -> int | None:
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return value if value >= 1 else None


def _within(raw) -> int | None:
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return min(value, MAX_WITHIN_DAYS) if value >= 0 else None


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.casefold()}%"


def next_deadline_subquery():
    """Per hire, the earliest open deadline (active, not done); an overdue one counts as next."""
    return (select(Deadline.hire_id.label("hire_id"), func.min(Deadline.due_date).label("next_due"))
            .where(Deadline.active.is_(True), Deadline.done_at.is_(None))
            .group_by(Deadline.hire_id).subquery("next_deadlines"))


def select_rows(employer_id: int, query: ListQuery, today: dt.date) -> Select:
    """(Hire, next_due) rows of the employer matching `query`, sorted, not paged."""
    nxt = next_deadline_subquery()
    stmt = (select(Hire, nxt.c.next_due).outerjoin(nxt, nxt.c.hire_id == Hire.id)
            .where(Hire.employer_id == employer_id))
    if query.q:
        # Each word must match the worker's name, the job title or the NOC code.
        for word in query.q.split():
            pattern = _like_pattern(word)
            stmt = stmt.where(or_(func.lower(Hire.worker_name).like(pattern, escape="\\"),
                                  func.lower(Hire.job_title).like(pattern, escape="\\"),
                                  func.lower(Hire.noc_code).like(pattern, escape="\\")))
    if query.status:
        stmt = stmt.where(Hire.status == query.status)
    if query.program:
        stmt = stmt.where(Hire.program == query.program)
    if query.within_days is not None:
        stmt = stmt.where(and_(nxt.c.next_due.is_not(None),
                               nxt.c.next_due <= today + dt.timedelta(days=query.within_days)))
    column = {"worker": func.lower(Hire.worker_name), "title": func.lower(Hire.job_title), "noc": Hire.noc_code,
              "province": Hire.province, "route": Hire.program, "status": Hire.status,
              "next_deadline": nxt.c.next_due, "created": Hire.created_at}[query.sort]
    ordered = column.asc() if query.direction == "asc" else column.desc()
    # Empty values last either way; the id keeps pages stable when values tie.
    tie = Hire.id.asc() if query.direction == "asc" else Hire.id.desc()
    return stmt.order_by(ordered.nulls_last(), tie)


def count_of(stmt: Select) -> Select:
    return select(func.count()).select_from(stmt.order_by(None).subquery())


# --- exports ---------------------------------------------------------------------------

EXPORT_HEADER = ("Hire id", "Worker", "Job title", "NOC", "Province", "Route", "Status", "Check",
                 "Next deadline", "Created")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def check_label(report: dict | None) -> str:
    """The list's "Check" column in words: no blocker, needs information, or the number of blockers."""
    if not report:
        return ""
    if report.get("eligible"):
        return "no blocker"
    if report.get("complete", True) is False:
        return "needs information"
    blockers = sum(1 for f in report.get("findings", []) if f.get("severity") == "blocker")
    return f"{blockers} blocker(s)"


def export_rows(rows, program_labels: Mapping[str, str]) -> list[list[str]]:
    """The header then one list of strings per (Hire, next_due) row, as the page shows them."""
    out = [list(EXPORT_HEADER)]
    for hire, next_due in rows:
        out.append([str(hire.id), hire.worker_name or "", hire.job_title or "", hire.noc_code or "",
                    hire.province or "", program_labels.get(hire.program, ""), hire.status,
                    check_label(hire.frozen_report or hire.report), next_due.isoformat() if next_due else "",
                    hire.created_at.date().isoformat() if hire.created_at else ""])
    return out


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_text(rows: list[list[str]], *, excel: bool) -> str:
    """CSV text; the Excel flavour starts with a UTF-8 BOM (so accents show) and neutralises formulas."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(c) for c in row] if excel else row)
    return ("\ufeff" if excel else "") + buffer.getvalue()

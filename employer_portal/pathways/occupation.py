"""What the job itself brings: its TEER and whether it is FSW arranged employment (IRPR R82)."""
from __future__ import annotations

import datetime as dt

from employer_portal.deadlines.rules import add_months
from employer_portal.schemas.pathways import Job, Permit

__all__ = ["add_months", "arranged_employment", "offer_kind", "teer"]

LMIA_BASED = ("gts_a", "gts_b")  # R82(2)(a): working for the employer named on an LMIA-based permit
LMIA_EXEMPT = ("ict", "cusma")  # R82(2)(b): R205 (ICT) or R204(a) (CUSMA) permits need 1 year with the employer


def teer(noc_code: str | None) -> int | None:
    """NOC 2021: the second digit of a 5-digit unit group is its TEER (research 9: verify against StatCan)."""
    return int(noc_code[1]) if noc_code and len(noc_code) == 5 else None


def arranged_employment(job: Job, permit: Permit, as_of: dt.date, fsw: dict) -> dict:
    """Whether this job is arranged employment under R82 on `as_of`: {'qualifies': True|False|None, 'reason', 'from'}."""
    level = teer(job.noc_code)
    if level is None or job.hours_per_week is None:
        return {"qualifies": None, "reason": "the job's NOC code and hours are needed", "from": None}
    if level > 3:
        return {"qualifies": False, "reason": f"the job is TEER {level}; arranged employment needs TEER 0-3",
                "from": None}
    if job.hours_per_week < fsw["arranged_employment_min_hours"]:
        return {"qualifies": False, "reason": "arranged employment must be full-time (30 hours a week or more)",
                "from": None}
    if permit.program in LMIA_BASED:
        return {"qualifies": True, "from": job.start_date and job.start_date.isoformat(),
                "reason": "the worker holds an LMIA-based permit and works for the employer named on it "
                          "(IRPR R82(2)(a)); the offer must be continuous, full-time and last at least 1 year "
                          "after the permanent-residence visa is issued"}
    if job.start_date is None:
        return {"qualifies": None, "reason": "the job's start date is needed", "from": None}
    ready = add_months(job.start_date, fsw["arranged_employment_tenure_months_lmia_exempt"])
    if permit.program in LMIA_EXEMPT:
        return {"qualifies": as_of >= ready, "from": ready.isoformat(),
                "reason": f"on an LMIA-exempt permit (IRPR R82(2)(b)) the offer counts after 1 year of continuous "
                          f"full-time work with this employer, from {ready.isoformat()}"}
    # Permit not given: one year with the employer satisfies both R82(2)(a) and (b), so count it only from then.
    return {"qualifies": as_of >= ready, "from": ready.isoformat(),
            "reason": f"the permit is not given (permit.program): the offer is counted after 1 year of continuous "
                      f"full-time work with this employer ({ready.isoformat()}), which meets IRPR R82(2)(a) and (b); "
                      f"on an LMIA-based permit it counts from the start"}


def offer_kind(noc_code: str) -> str:
    """CRS job-offer row (grids before 2025-03-25): NOC Major Group 00 or any other skilled offer."""
    return "major_group_00" if noc_code.startswith("00") else "other"

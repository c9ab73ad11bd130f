"""Canadian Experience Class: when this hire gives the worker 1,560 hours, the CLB their TEER needs,
and what recent CEC cut-offs suggest (S2; IRPR R87.1; rounds S9). Never promises an invitation.
"""
from __future__ import annotations

import datetime as dt
import math

from employer_portal.pathways.language import Languages, lowest
from employer_portal.pathways.occupation import add_months, teer
from employer_portal.pathways.rules import PathwayRules, label
from employer_portal.schemas.pathways import PathwaysRequest


def hours_reached_on(start: dt.date, hours_per_week: float, hours_needed: int, weekly_cap: int) -> dt.date:
    """First day on which the hours worked since `start` (at most `weekly_cap` a week counted) reach `hours_needed`.

    Hours accrue evenly over the week: 30 h a week reaches 1,560 after 52 weeks; 20 h after 78.
    """
    counted = min(hours_per_week, weekly_cap)
    days = math.ceil(hours_needed * 7 / counted)
    return start + dt.timedelta(days=days)


def cec_outlook(request: PathwaysRequest, languages: Languages, rules: PathwayRules, score_at) -> dict:
    """`score_at(day)`: the modelled CRS total on `day` (with this hire's year of Canadian experience), or None."""
    job = request.job
    rule = rules.cec_version(request.as_of)
    clb_table = rule["language_clb_by_teer"]
    level = teer(job.noc_code)
    notes: list[str] = []
    result = {
        "eligible_from": None,
        "language_clb_needed": None,
        "language_clb_status": clb_table["status"],
        "language_clb_label": label(clb_table["status"]),
        "language_met": None,
        "hours_per_week_counted": None,
        "teer": level,
        "invitation": None,
        "notes": notes,
        "rules_version": rule["version"],
        "status": rule["status"],
        "label": label(rule["status"]),
        "source": rule["source"],
    }
    if level is None or job.start_date is None or job.hours_per_week is None:
        notes.append("The job's NOC code, start date and hours a week are needed for the CEC date.")
        return result
    if level not in rule["eligible_teers"]:
        notes.append(f"TEER {level} work does not count for the Canadian Experience Class (TEER 0-3 only).")
        return result
    needed = clb_table["levels"][str(level)]
    result["language_clb_needed"] = needed
    if languages.first is not None:
        result["language_met"] = lowest(languages.first) >= needed
    result["hours_per_week_counted"] = min(job.hours_per_week, rule["hours_per_week_counted"])
    window_weeks = rule["window_years"] * 52
    if job.hours_per_week * window_weeks < rule["hours_needed"]:
        # The 1,560 hours must fall within 3 years: under about 10 hours a week this job alone never gets there.
        notes.append(f"At {job.hours_per_week:g} hours a week this job alone does not reach {rule['hours_needed']:,} "
                     f"hours within {rule['window_years']} years.")
        return result
    eligible_from = hours_reached_on(job.start_date, job.hours_per_week, rule["hours_needed"],
                                     rule["hours_per_week_counted"])
    result["eligible_from"] = eligible_from.isoformat()
    notes.append(f"{rule['hours_needed']:,} hours of TEER {level} work under this hire, counting at most "
                 f"{rule['hours_per_week_counted']} hours a week, are reached on {eligible_from.isoformat()} "
                 f"if the worker stays in this job without breaks. Earlier qualifying Canadian work in the last "
                 f"{rule['window_years']} years may bring the date forward.")
    if request.permit.program == "ict":
        notes.append("If the worker stays on the foreign company's payroll, whether the work counts as working for a "
                     "Canadian employer is not confirmed: get legal advice (verify on the official page).")
    if job.province == "QC" and rule.get("not_in_quebec"):
        notes.append("The Canadian Experience Class is not open to workers who intend to live in Quebec: see the "
                     "Quebec options.")
        return result
    result["invitation"] = _invitation(score_at(eligible_from), request.as_of, rules.cec["cutoffs"])
    return result


def recent_rounds(as_of: dt.date, cutoffs: dict) -> list[dict]:
    """The CEC rounds of the window (6 months) before the earlier of `as_of` and the data's date, newest first."""
    end = min(as_of, dt.date.fromisoformat(cutoffs["data_as_of"]))
    start = add_months(end, -cutoffs["window_months"])
    window = [r for r in cutoffs["rounds"] if start <= dt.date.fromisoformat(r["date"]) <= end]
    return window or cutoffs["rounds"][:1]


def _invitation(score: int | None, as_of: dt.date, cutoffs: dict) -> dict:
    """What the bundled CEC cut-offs suggest for `score`; the wording never promises an invitation."""
    rounds = recent_rounds(as_of, cutoffs)
    lowest = min(r["cutoff"] for r in rounds)
    highest = max(r["cutoff"] for r in rounds)
    span = (f"{lowest}-{highest} in {len(rounds)} CEC round(s) from {rounds[-1]['date']} to {rounds[0]['date']}")
    if score is None:
        outlook, text = None, f"No CRS score to compare with recent CEC cut-offs ({span})."
    elif score >= highest:
        outlook, text = "likely", (f"A modelled CRS of {score} is at or above every recent CEC cut-off ({span}): "
                                   "recent rounds suggest an invitation is likely, but none is guaranteed.")
    elif score >= lowest:
        outlook, text = "possible", (f"A modelled CRS of {score} is within the range of recent CEC cut-offs "
                                     f"({span}): an invitation is possible, not assured.")
    else:
        outlook, text = "unlikely", (f"A modelled CRS of {score} is below every recent CEC cut-off ({span}): "
                                     "a CEC round invitation looks unlikely at this score.")
    data_as_of = dt.date.fromisoformat(cutoffs["data_as_of"])
    stale = add_months(data_as_of, cutoffs["stale_after_months"]) < as_of
    if stale:
        text += f" The bundled cut-offs end {cutoffs['data_as_of']}: check the latest rounds."
    return {
        "outlook": outlook,
        "modelled_crs": score,
        "text": text,
        "recent_lowest": lowest,
        "recent_highest": highest,
        "recent_rounds": rounds,
        "cutoffs": cutoffs["periods"],
        "latest_round": cutoffs["latest_round"],
        "data_as_of": cutoffs["data_as_of"],
        "stale": stale,
        "status": cutoffs["status"],
        "label": label(cutoffs["status"]),
        "source": cutoffs["source"],
    }

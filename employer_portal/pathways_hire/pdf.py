"""The checklist PDF's Pathways section for one hire (optional per employer, default on).

In: a stored hire. Out: a `PathwaysSection` of plain text lines, or None when the employer
left the section out or the hire has no candidate profile yet (nothing to plan on then).
"""
from __future__ import annotations

import datetime as dt

from employer_portal.checklists.document import PathwayLine, PathwaysSection
from employer_portal.models import Hire
from employer_portal.pathways_hire import service

FIT_WORDS = {"could_fit": "could fit", "could_fit_verify": "could fit", "not_a_fit": "not a fit", "closed": "closed"}


def _verify(item: dict) -> bool:
    return bool(item.get("verify")) or item.get("label") == "verify on the official page" or (
        item.get("fact_status") or item.get("status")) in ("SECONDARY", "UNCONFIRMED")


def _source(item: dict, sources: dict[str, dict], key: str = "source") -> str | None:
    sid = item.get(key)
    if not sid:
        return None
    found = sources.get(str(sid))
    if not found:
        return str(sid)
    date = f", page of {found['page_date']}" if found.get("page_date") else ""
    return " ".join(p for p in (found.get("title"), found.get("url")) if p) + date


def pathways_section_for(hire: Hire, today: dt.date) -> PathwaysSection | None:
    if not service.pdf_section_enabled(hire.employer_id) or service.profile_of(hire) is None:
        return None
    outlook = service.hire_outlook(hire, as_of=today)
    sources = {str(s.get("id")): s for s in outlook.get("sources") or [] if isinstance(s, dict)}
    scores: list[PathwayLine] = []
    crs = outlook.get("crs") or {}
    if crs.get("total") is not None:
        scores.append(PathwayLine(
            "CRS score", f"{crs['total']} (core {crs.get('core')}, spouse {crs.get('spouse')}, skill transferability "
                         f"{crs.get('transferability')}, additional {crs.get('additional')}; grid "
                         f"{crs.get('rules_version')})", verify=_verify(crs), source=_source(crs, sources)))
    fsw = outlook.get("fsw") or {}
    if fsw.get("points") is not None:
        verdict = "meets the pass mark" if fsw.get("eligible") else "not eligible yet"
        missing = " Missing: " + " ".join(fsw["missing"]) if fsw.get("missing") else ""
        scores.append(PathwayLine("FSW points", f"{fsw['points']} of 100, 67 needed: {verdict}.{missing}",
                                  verify=_verify(fsw), source=_source(fsw, sources)))
    cec = outlook.get("cec") or {}
    if cec.get("eligible_from"):
        needed = f"; language CLB {cec['language_clb_needed']}" if cec.get("language_clb_needed") else ""
        scores.append(PathwayLine("CEC", f"1,560 hours reached on {cec['eligible_from']}{needed}",
                                  verify=cec.get("language_clb_label") == "verify on the official page",
                                  source=_source(cec, sources)))
        invitation = cec.get("invitation") or {}
        if invitation.get("text"):
            scores.append(PathwayLine("CEC rounds", invitation["text"], verify=_verify(invitation),
                                      source=_source(invitation, sources)))
    programs = [
        PathwayLine(row.get("name") or row.get("key") or "Program",
                    f"{row.get('status')} as of {row.get('status_as_of') or 'an unknown date'}; this hire: "
                    f"{FIT_WORDS.get(row.get('fit'), str(row.get('fit') or '—').replace('_', ' '))}"
                    + ("; the employer provides: " + "; ".join(
                        d.get("text", "") if isinstance(d, dict) else str(d)
                        for d in row["employer_must_provide"]) if row.get("employer_must_provide") else ""),
                    verify=_verify(row), source=_source(row, sources, "status_source") or _source(row, sources))
        for row in outlook.get("provincial") or []]
    timeline = [
        PathwayLine(item.get("date") or "when it applies", item.get("title") or str(item.get("key")),
                    verify=_verify(item), guidance=service.is_guidance(item), source=_source(item, sources))
        for item in outlook.get("timeline") or []]
    notes = tuple(outlook.get("basis") or ()) + ((outlook["disclaimer"],) if outlook.get("disclaimer") else ())
    return PathwaysSection(tuple(scores), tuple(programs), tuple(timeline), notes)

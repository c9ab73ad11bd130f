"""Permanent-residence pathway outlook (issue 11): pure calculators over bundled, versioned rules.

`outlook(request)` takes a `PathwaysRequest` (candidate, job, permit, as_of) and returns the
response of ISSUE11 / `POST /api/v1/pathways`: crs, fsw, cec, provincial, timeline, sources.
No Flask, no database. Rules: `refdata/data/pathways/*.json` (see `rules.py`); every fact keeps
its status, and anything not from an official copy is labelled "verify on the official page";
planning dates derived by the project are labelled "guidance".
"""
from __future__ import annotations

import datetime as dt

from employer_portal.pathways.cec import cec_outlook
from employer_portal.pathways.crs import crs_score
from employer_portal.pathways.fsw import fsw_assessment
from employer_portal.pathways.language import Languages
from employer_portal.pathways.occupation import arranged_employment, offer_kind
from employer_portal.pathways.provincial import provincial_options
from employer_portal.pathways.rules import PathwayRules, label, load_rules
from employer_portal.pathways.timeline import timeline
from employer_portal.schemas.pathways import PathwaysRequest

DISCLAIMER = ("Planning outlook, not legal advice: scores and dates follow the bundled rules as of their dates. "
              "Items labelled 'verify on the official page' are not from an official copy; items labelled "
              "'guidance' are planning rules, not law. Nothing here promises an invitation or a nomination.")


def outlook(request: PathwaysRequest, rules: PathwayRules | None = None) -> dict:
    """The outlook for one worker. `rules` defaults to the bundled rule sets; `as_of` defaults to today."""
    rules = rules or load_rules()
    if request.as_of is None:
        request = request.model_copy(update={"as_of": dt.date.today()})
    as_of = request.as_of
    languages = Languages(request.candidate, rules.language)

    def crs_on(day: dt.date, candidate) -> dict:
        arranged = arranged_employment(request.job, request.permit, day, rules.fsw_version(day))
        kind = offer_kind(request.job.noc_code) if arranged["qualifies"] else None
        return crs_score(candidate, languages, day, rules, kind)

    def score_at(day: dt.date) -> int | None:
        """Modelled CRS on `day`: a year older per year ahead, and at least this hire's year in Canada."""
        candidate = request.candidate
        years_ahead = max(0, (day - as_of).days // 365)
        projected = candidate.model_copy(update={
            "age": candidate.age + years_ahead if candidate.age is not None else None,
            "canadian_experience_years": max(candidate.canadian_experience_years, 1),
        })
        return crs_on(day, projected)["total"]

    crs = crs_on(as_of, request.candidate)
    arranged = arranged_employment(request.job, request.permit, as_of, rules.fsw_version(as_of))
    fsw = fsw_assessment(request, languages, arranged, rules)
    cec = cec_outlook(request, languages, rules, score_at)
    cec_from = dt.date.fromisoformat(cec["eligible_from"]) if cec["eligible_from"] else None

    if fsw["eligible"] or (cec_from and cec_from <= as_of and cec["language_met"]):
        express_entry_eligible = True
    elif cec["teer"] is not None and cec_from is None and not fsw["eligible"]:
        express_entry_eligible = False
    else:
        express_entry_eligible = None
    provincial = provincial_options(request, languages, express_entry_eligible, rules)
    items, timeline_notes = timeline(request, cec_from, rules)

    result = {
        "as_of": as_of.isoformat(),
        "crs": crs,
        "fsw": fsw,
        "cec": cec,
        "provincial": provincial,
        "timeline": items,
        "timeline_notes": timeline_notes,
        "rules_versions": rules.versions(),
        "language_tables": {"status": rules.language["status"], "label": label(rules.language["status"]),
                            "source": rules.language["source"], "used": languages.converted},
        "disclaimer": DISCLAIMER,
    }
    result["sources"] = [rules.source(key) for key in sorted(_source_ids(result), key=_source_order)]
    return result


def _source_ids(value) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("source", "status_source") and isinstance(item, str):
                found.add(item)
            else:
                found |= _source_ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= _source_ids(item)
    return found


def _source_order(key: str) -> tuple[int, str]:
    return (int(key[1:]), key) if key[1:].isdigit() else (10_000, key)


__all__ = ["outlook", "PathwaysRequest", "load_rules", "PathwayRules"]

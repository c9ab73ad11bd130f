"""Permanent-residence pathway outlook (issue 11): pure calculators over bundled, versioned rules.

`outlook(request)` takes a `PathwaysRequest` (candidate, job, permit, as_of) and returns the
response of ISSUE11/API: crs, fsw, cec, provincial, timeline, sources. No Flask, no database.
"""
from __future__ import annotations

from employer_portal.schemas.pathways import PathwaysRequest


def outlook(request: PathwaysRequest, rules=None) -> dict:
    """The outlook for one worker. `rules` defaults to the bundled rule sets (refdata/data/pathways)."""
    # Stub (shape only); the calculators fill it in.
    return {
        "as_of": request.as_of.isoformat() if request.as_of else None,
        "crs": {"total": None, "core": None, "spouse": None, "transferability": None, "additional": None,
                "rules_version": None, "missing": []},
        "fsw": {"points": None, "eligible": None, "missing": []},
        "cec": {"eligible_from": None, "language_clb_needed": None},
        "provincial": [],
        "timeline": [],
        "sources": [],
    }


__all__ = ["outlook", "PathwaysRequest"]

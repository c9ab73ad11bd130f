"""The checklist PDF's state as the API and the hire page show it (JSON-ready dicts)."""
from __future__ import annotations

from employer_portal.checklists.builds import build_with_hash, latest_build
from employer_portal.checklists.digest import current_hash
from employer_portal.models import Hire
from employer_portal.models.checklist import ChecklistBuild
from employer_portal.timestamps import utc_iso


def build_json(build: ChecklistBuild | None, *, up_to_date: bool | None = None) -> dict | None:
    """One build: id and status, the reason of a failure, the size and pages of a ready PDF."""
    if build is None:
        return None
    body = {"id": build.id, "status": build.status}
    if build.status == "failed":
        body["failure_reason"] = build.failure_reason
    if build.status == "ready":
        body.update(pages=build.pages, size=build.size,
                    finished_at=utc_iso(build.finished_at))
    if up_to_date is not None:
        body["up_to_date"] = up_to_date
    return body


def pdf_state(hire: Hire) -> dict:
    """The PDF's status for the API and the page: the latest build, and whether a ready PDF
    matches the hire as it is now (`downloadable`)."""
    digest = current_hash(hire)
    build = latest_build(hire)
    ready = build_with_hash(hire, digest, ("ready",))
    return {
        "status": build.status if build else None,
        "job": build_json(build, up_to_date=build.input_hash == digest if build else None),
        "downloadable": ready is not None,
    }

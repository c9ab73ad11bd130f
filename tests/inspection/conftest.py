"""Fixtures for the inspection tests: an employer's team, hires with recorded dates, stored documents."""
from __future__ import annotations

import copy

import pytest

from inspection_samples import DATES_2019, ICT_PAYLOAD  # noqa: F401


@pytest.fixture
def team(make, api_for):
    """An employer with an admin, an HR user and a viewer, and an API client for each."""
    employer_id = make.employer()
    users = {role: make.user(employer_id, role=role) for role in ("admin", "hr", "viewer")}
    return {"employer_id": employer_id, **users, **{f"{role}_api": api_for(u) for role, u in users.items()}}


@pytest.fixture
def make_hire(app):
    """make_hire(employer_id, status="ended", dates=DATES_2019) -> id of an ICT hire stored as given."""
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    def create(employer_id: int, status: str = "ended", dates: dict | None = None, start: str = "2019-03-01") -> int:
        payload = copy.deepcopy(ICT_PAYLOAD)
        payload["position"]["start_date"] = start
        payload["position"]["end_date"] = str(int(start[:4]) + 2) + start[4:]
        with app.app_context():
            from employer_portal.compliance import evaluate
            from employer_portal.checklists.items import reference_data
            from employer_portal.schemas.hire import HirePayload

            report = evaluate(HirePayload.model_validate(payload), reference_data()).to_dict()
            import datetime as dt

            hire = Hire(employer_id=employer_id, status=status, program="ict", worker_name="Ana Silva-Pereira",
                        job_title="Senior software engineer", noc_code="21231", province="BC",
                        start_date=dt.date.fromisoformat(start), payload=payload,
                        dates=DATES_2019 if dates is None else dates, report=report, frozen_report=report,
                        submitted_at=dt.datetime(2019, 1, 2, tzinfo=dt.timezone.utc))
            db.session.add(hire)
            db.session.flush()
            from employer_portal.deadlines.service import sync_hire_deadlines

            sync_hire_deadlines(hire)  # as a save through the hires service would
            db.session.commit()
            return hire.id

    return create


@pytest.fixture
def add_document(app):
    """add_document(hire_id, data, item_key="passport", status="accepted", content_type="application/pdf")
    -> document id, stored (sealed) through the documents' real storage."""
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    def add(hire_id: int, data: bytes, item_key: str = "passport", status: str = "accepted",
            content_type: str = "application/pdf", name: str = "scan.pdf") -> int:
        from employer_portal.inspection import documents

        with app.app_context():
            hire = db.session.get(Hire, hire_id)
            document = documents.store_for_hire(hire, data, item_key=item_key, content_type=content_type,
                                                original_name=name, status=status)
            db.session.commit()
            return document.id

    return add

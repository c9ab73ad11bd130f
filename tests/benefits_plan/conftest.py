"""Fixtures of the LMBP tracker and self-audit tests: an approved GTS hire, its HR user, accepted documents."""
from __future__ import annotations

import datetime as dt

import pytest

UTC = dt.timezone.utc


@pytest.fixture
def hr_user(make):
    return make.user(make.employer("Northwind Analytics"), role="hr")


@pytest.fixture
def hr_api(api_for, hr_user):
    return api_for(hr_user)


@pytest.fixture
def gts_hire(app):
    """gts_hire(user, program="gts_b", status="approved") -> id of a GTS hire from 2026-03-02 to 2029-02-28."""
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    def create(user, program: str = "gts_b", status: str = "approved") -> int:
        payload = {"program": program, "worker": {"given_name": "Ana", "family_name": "Silva"},
                   "position": {"title": "Data engineer", "noc_code": "21211", "province": "ON",
                                "hours_per_week": 40, "wage": {"period": "year", "amount": 120000},
                                "start_date": "2026-03-02", "end_date": "2029-02-28"}}
        with app.app_context():
            hire = Hire(employer_id=user.employer_id, hr_owner_id=user.id, status=status, program=program,
                        worker_name="Ana Silva", job_title="Data engineer", noc_code="21211", province="ON",
                        payload=payload, dates={})
            db.session.add(hire)
            db.session.commit()
            return hire.id

    return create


@pytest.fixture
def accepted_document(app):
    """accepted_document(hire_id, name=, status=) -> id of a reviewed document of the hire (sealed as uploads are)."""
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    def create(hire_id: int, name: str = "training-invoice.pdf", status: str = "accepted") -> int:
        from employer_portal.inspection.documents import store_for_hire

        with app.app_context():
            hire = db.session.get(Hire, hire_id)
            # Stored and sealed as an upload is, so an inspection pack can include it.
            row = store_for_hire(hire, b"%PDF-1.4\n" + name.encode() * 50, item_key="lmbp_evidence",
                                 content_type="application/pdf", original_name=name, status=status)
            db.session.commit()
            return row.id

    return create

"""Wage drift: a new wages version above a GTS hire's wage adds a January 1 deadline and emails the HR owner.

ESDC, Program requirements for the Global Talent Stream (modified 2025-11-20), Prevailing wage reviews:
"employers are required to reassess and apply the prevailing wage at the beginning of a TFW's period of
employment. The prevailing wage must be reviewed annually … employers have until January 1 of the following year".
"""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
import time_machine

UTC = dt.timezone.utc


@pytest.fixture
def wage_version(app):
    """wage_version(median, published=None) -> id: a wages version (not in force) for NOC 21211 in ON; removed after."""
    from employer_portal.extensions import db
    from employer_portal.models.refdata import WAGES_SET, RefdataVersion, RefdataWageFigure

    ids = []

    def create(median: float, published: dt.date | None = None) -> int:
        with app.app_context():
            version = RefdataVersion(set_name=WAGES_SET, version=f"test-{uuid.uuid4().hex[:8]}", source="test",
                                     in_force=False, row_count=1, published=published)
            db.session.add(version)
            db.session.flush()
            db.session.add(RefdataWageFigure(version_id=version.id, noc="21211", level="province", area="ON",
                                             area_name="Ontario", province="ON", low=None, median=median, high=None,
                                             annual=False, reference_period="2025", data_source="test"))
            db.session.commit()
            ids.append(version.id)
            return version.id

    yield create
    with app.app_context():
        db.session.query(RefdataWageFigure).filter(RefdataWageFigure.version_id.in_(ids)).delete()
        db.session.query(RefdataVersion).filter(RefdataVersion.id.in_(ids)).delete()
        db.session.commit()


def drift_deadlines(app, hire_id=None):
    """The wage-drift deadlines (kind, due date, active), detached."""
    from employer_portal.extensions import db
    from employer_portal.models.deadline import Deadline

    with app.app_context():
        query = db.session.query(Deadline).filter_by(kind="wage_raise_required")
        if hire_id is not None:
            query = query.filter_by(hire_id=hire_id)
        rows = query.all()
        db.session.expunge_all()
        return rows


@pytest.fixture
def wage_versions(app):
    """Two wages versions (not in force) for NOC 21211 in ON: $40/h, then $80/h; removed afterwards."""
    from employer_portal.extensions import db
    from employer_portal.models.refdata import WAGES_SET, RefdataVersion, RefdataWageFigure

    tag = uuid.uuid4().hex[:8]
    ids = []
    with app.app_context():
        for label, median in (("old", 40.0), ("new", 80.0)):
            version = RefdataVersion(set_name=WAGES_SET, version=f"test-{label}-{tag}", source="test", in_force=False,
                                     row_count=1)
            db.session.add(version)
            db.session.flush()
            db.session.add(RefdataWageFigure(version_id=version.id, noc="21211", level="province", area="ON",
                                             area_name="Ontario", province="ON", low=None, median=median, high=None,
                                             annual=False, reference_period="2025", data_source="test"))
            ids.append(version.id)
        db.session.commit()
    yield ids
    with app.app_context():
        db.session.query(RefdataWageFigure).filter(RefdataWageFigure.version_id.in_(ids)).delete()
        db.session.query(RefdataVersion).filter(RefdataVersion.id.in_(ids)).delete()
        db.session.commit()


def test_wage_below_new_prevailing_wage_gets_deadline_and_email(app, make, build, smtp, sweep, wage_versions):
    from employer_portal.reminders.wage_drift import recheck_hires

    user = make.user(role="hr")
    below = build.hire(user, wage={"period": "year", "amount": 150000})  # 72.12/h
    build.hire(user, worker="Bo Chen", wage={"period": "hour", "amount": 85})
    build.hire(user, worker="Drafty", status="draft", wage={"period": "hour", "amount": 20})
    with time_machine.travel(dt.datetime(2027, 5, 3, 14, 0, tzinfo=UTC), tick=False):
        with app.app_context():
            counts = recheck_hires(wage_versions[1])
            again = recheck_hires(wage_versions[1])
        sweep()
    assert counts == {"checked": 2, "below": 1, "alerts": 1, "withdrawn": 0} and again["alerts"] == 0
    from employer_portal.extensions import db
    from employer_portal.models.deadline import Deadline

    with app.app_context():
        [deadline] = db.session.query(Deadline).filter_by(kind="wage_raise_required").all()
        assert (deadline.hire_id, deadline.due_date) == (below, dt.date(2028, 1, 1))
    [message] = smtp.messages
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert message["To"] == user.email and "Ana Silva" in message["Subject"]
    assert "from 40.0 to 80.0 an hour" in text and "72.12" in text and "2028-01-01" in text


def test_drift_is_due_january_first_after_publication_even_when_imported_later(app, make, build, wage_version):
    """GTS requirements: 'employers have until January 1 of the following year' (after the fall Job Bank update),
    counted from the wages' publication, not their import (REVIEW-2026-12 F-09)."""
    from employer_portal.reminders.wage_drift import recheck_hires

    user = make.user(role="hr")
    hire = build.hire(user, status="active", wage={"period": "hour", "amount": 45},
                      dates={"first_day_of_work": "2025-06-02"})
    version = wage_version(80.0, published=dt.date(2026, 11, 18))
    with time_machine.travel(dt.datetime(2027, 1, 3, 14, 0, tzinfo=UTC), tick=False):
        with app.app_context():
            recheck_hires(version)
    [deadline] = drift_deadlines(app, hire)
    assert (deadline.due_date, deadline.key) == (dt.date(2027, 1, 1), "wage_raise_required:2027")


def test_hire_starting_before_january_first_must_be_at_the_new_wage_on_day_one(app, make, build, wage_version):
    """GTS requirements: 'reassess and apply the prevailing wage at the beginning of a TFW's period of employment'."""
    from employer_portal.reminders.wage_drift import recheck_hires

    user = make.user(role="hr")
    hire = build.hire(user, program="gts_b", status="approved",
                      payload={"program": "gts_b", "worker": {"given_name": "Ana", "family_name": "Silva"},
                               "position": {"noc_code": "21211", "province": "ON", "hours_per_week": 40,
                                            "wage": {"period": "hour", "amount": 45}, "start_date": "2026-12-07"}})
    version = wage_version(80.0, published=dt.date(2026, 11, 18))
    with time_machine.travel(dt.datetime(2026, 11, 20, 14, 0, tzinfo=UTC), tick=False):
        with app.app_context():
            recheck_hires(version)
    [deadline] = drift_deadlines(app, hire)
    assert deadline.due_date == dt.date(2026, 12, 7) and "first day of work" in deadline.why


@pytest.mark.parametrize("program", ["ict", "cusma"])
def test_ict_and_cusma_hires_get_no_wage_drift_alert(program, app, make, build, smtp, wage_version):
    """IRPR R209.2(1)(a)(iii): an IMP employer pays wages 'substantially the same as — but not less favourable than —
    those set out in that offer'; there is no yearly Job Bank review (a new median applies at the next extension)."""
    from employer_portal.reminders.wage_drift import recheck_hires

    user = make.user(role="hr")
    hire = build.hire(user, program=program, status="active", wage={"period": "hour", "amount": 45})
    version = wage_version(80.0, published=dt.date(2026, 11, 18))
    with time_machine.travel(dt.datetime(2026, 11, 20, 14, 0, tzinfo=UTC), tick=False):
        with app.app_context():
            counts = recheck_hires(version)
    assert counts["below"] == 0 and drift_deadlines(app, hire) == []
    assert build.outbox(purpose="wage_drift") == []


def test_an_old_wage_drift_alert_of_an_ict_hire_is_withdrawn(app, make, build, wage_version):
    """IRPR R209.2(1)(a)(iii): no yearly Job Bank review for IMP hires, so an alert written before is withdrawn."""
    from employer_portal.extensions import db
    from employer_portal.models.deadline import Deadline
    from employer_portal.reminders.wage_drift import recheck_hires

    user = make.user(role="hr")
    hire = build.hire(user, program="ict", status="active", wage={"period": "hour", "amount": 45})
    with app.app_context():
        db.session.add(Deadline(employer_id=user.employer_id, hire_id=hire, key="wage_raise_required:2026",
                                kind="wage_raise_required", title="Raise the wage", due_date=dt.date(2026, 1, 1),
                                rule_id="WAGE_DRIFT", why="old", source="old", counts_business_days=False,
                                province="ON", estimated=False, active=True, origin="wage_drift"))
        db.session.commit()
    version = wage_version(80.0, published=dt.date(2026, 11, 18))
    with time_machine.travel(dt.datetime(2026, 11, 20, 14, 0, tzinfo=UTC), tick=False):
        with app.app_context():
            counts = recheck_hires(version)
    assert counts["withdrawn"] == 1 and [d.active for d in drift_deadlines(app, hire)] == [False]


def test_later_version_that_no_longer_requires_a_raise_withdraws_the_pending_alert(app, make, build, wage_version):
    """GTS requirements: the wage must reach the prevailing wage in force; when a corrected release is at or
    below the hire's wage, the raise of that cycle is no longer required."""
    from employer_portal.reminders.wage_drift import recheck_hires

    user = make.user(role="hr")
    hire = build.hire(user, status="active", wage={"period": "hour", "amount": 45},
                      dates={"first_day_of_work": "2025-06-02"})
    first = wage_version(80.0, published=dt.date(2026, 11, 18))
    corrected = wage_version(44.0, published=dt.date(2026, 11, 25))
    with time_machine.travel(dt.datetime(2026, 11, 26, 14, 0, tzinfo=UTC), tick=False):
        with app.app_context():
            recheck_hires(first)
            counts = recheck_hires(corrected)
    assert counts["withdrawn"] == 1
    [deadline] = drift_deadlines(app, hire)
    assert deadline.active is False
    emails = build.outbox(deadline_id=deadline.id)
    assert emails and {r.status for r in emails} == {"cancelled"}

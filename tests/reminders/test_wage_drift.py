"""Wage drift: a new wages version above a hire's wage adds a January 1 deadline and emails the HR owner."""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
import time_machine

UTC = dt.timezone.utc


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
    assert counts == {"checked": 2, "below": 1, "alerts": 1} and again["alerts"] == 0
    from employer_portal.extensions import db
    from employer_portal.models.deadline import Deadline

    with app.app_context():
        [deadline] = db.session.query(Deadline).filter_by(kind="wage_raise_required").all()
        assert (deadline.hire_id, deadline.due_date) == (below, dt.date(2028, 1, 1))
    [message] = smtp.messages
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert message["To"] == user.email and "Ana Silva" in message["Subject"]
    assert "from 40.0 to 80.0 an hour" in text and "72.12" in text and "2028-01-01" in text

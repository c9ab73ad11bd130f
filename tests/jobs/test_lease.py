"""The lease keeper: a running job's short lease renewed by a heartbeat, on PostgreSQL and SQLite."""
from __future__ import annotations

import datetime as dt
import time
import uuid

import pytest
from sqlalchemy import create_engine, text

from employer_portal.jobs.lease import LeaseKeeper

UTC = dt.timezone.utc


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """An engine with a scratch `jobs_*` table of three rows claimed by 'me' for 1 s."""
    if request.param == "sqlite":
        eng = create_engine(f"sqlite:///{tmp_path / 'lease.sqlite'}")
    else:
        url = request.getfixturevalue("postgres_url")
        eng = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    table = f"jobs_{uuid.uuid4().hex[:8]}"
    with eng.begin() as conn:
        conn.execute(text(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, status VARCHAR(10), "
                          "claimed_by VARCHAR(64), lease_expires_at TIMESTAMP WITH TIME ZONE, "
                          "heartbeat_at TIMESTAMP WITH TIME ZONE)"))
        for i in (1, 2, 3):
            conn.execute(text(f"INSERT INTO {table} VALUES (:i, 'sending', 'me', :lease, NULL)"),
                         {"i": i, "lease": dt.datetime.now(UTC) + dt.timedelta(seconds=1)})
    eng.table = table
    yield eng
    with eng.begin() as conn:
        conn.execute(text(f"DROP TABLE {table}"))
    eng.dispose()


def _leases(engine) -> dict[int, dt.datetime]:
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT id, lease_expires_at FROM {engine.table}")).all()
    out = {}
    for row_id, lease in rows:
        if isinstance(lease, str):  # SQLite without a type map hands back text
            lease = dt.datetime.fromisoformat(lease)
        out[row_id] = lease if lease is None or lease.tzinfo else lease.replace(tzinfo=UTC)
    return out


def test_a_running_job_keeps_its_lease_beyond_the_lease_length(engine):
    """Issue 15: 'a slow but living job is never taken from it' — the heartbeat pushes the lease forward."""
    with LeaseKeeper(engine.table, [1, 2, 3], "me", lease_seconds=1, heartbeat=0.2, engine=engine) as keeper:
        time.sleep(1.5)
        leases = _leases(engine)
        assert all(lease > dt.datetime.now(UTC) for lease in leases.values())
        assert keeper.renewals >= 3 and not keeper.lost.is_set() and not keeper.expired()


def test_renewal_stops_when_the_block_exits(engine):
    """Issue 15: a dead or finished job's lease lapses within one lease, so the sweep can re-queue its rows."""
    with LeaseKeeper(engine.table, [1], "me", lease_seconds=1, heartbeat=0.2, engine=engine):
        time.sleep(0.3)
    time.sleep(1.2)
    assert _leases(engine)[1] < dt.datetime.now(UTC)


def test_a_row_taken_by_another_worker_is_reported_lost_and_not_renewed(engine):
    """Issue 15: the keeper tells the job when its lease was lost (another worker took it)."""
    seen = []
    keeper = LeaseKeeper(engine.table, [1, 2], "me", lease_seconds=30, heartbeat=60, engine=engine,
                         on_lost=seen.append)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {engine.table} SET claimed_by = 'other' WHERE id = 2"))
    assert keeper.renew() == {2}
    assert keeper.holds(1) and not keeper.holds(2) and keeper.lost.is_set() and seen == [{2}]
    assert keeper.lost_ids == {2}


def test_rows_the_job_finished_are_neither_renewed_nor_lost(engine):
    """A settled row (lease cleared) is left alone once the job says it is done."""
    keeper = LeaseKeeper(engine.table, [1, 2], "me", lease_seconds=30, heartbeat=60, engine=engine,
                         status="sending", heartbeat_column="heartbeat_at")
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {engine.table} SET status = 'sent', lease_expires_at = NULL WHERE id = 1"))
    keeper.done(1)
    assert keeper.renew() == set()
    leases = _leases(engine)
    assert leases[1] is None and leases[2] > dt.datetime.now(UTC) + dt.timedelta(seconds=20)
    assert not keeper.lost.is_set()


def test_a_failed_renewal_is_retried_and_the_lease_reported_expired_after_a_whole_lease(engine):
    """A dropped connection does not kill the heartbeat; after a whole lease without renewal the job is told."""
    keeper = LeaseKeeper("missing_table", [1], "me", lease_seconds=0.3, heartbeat=0.1, engine=engine)
    with keeper:
        time.sleep(0.6)
        assert keeper._thread is not None and keeper._thread.is_alive()
        assert keeper.expired()


def test_the_table_name_must_be_a_plain_name():
    """The table is put into SQL text, so only plain names are accepted."""
    with pytest.raises(ValueError):
        LeaseKeeper("x; DROP TABLE users", [1], "me", engine=object())

"""Keep a running job's lease alive: short leases, renewed by a heartbeat while the job works.

A job claims rows (`claimed_by` = its token, `lease_expires_at` = now + a short lease, about
30 s) and then, while it works, runs a `LeaseKeeper`:

    with LeaseKeeper("reminder_outbox", ids, token) as keeper:
        for row_id in ids:
            if not keeper.holds(row_id):      # another worker took it over: leave it alone
                continue
            ...work...
            keeper.done(row_id)               # settled: stop renewing it

Every `heartbeat` seconds a daemon thread pushes `lease_expires_at` of the rows still held to
now + `lease_seconds`, in one short transaction of its own on its own pooled connection (the
same conditional-UPDATE pattern as the claim: only rows whose `claimed_by` is still ours and
whose lease is still set). So a slow but living job is never taken from it, and a dead
worker's rows lapse within one lease and are re-queued by the next sweep.

A row the UPDATE no longer matches was taken by someone else (a sweep reclaimed it after a
lapse, a second worker claimed it): it is reported lost (`keeper.lost_ids`, `keeper.lost`
event, optional `on_lost(ids)` callback) and not renewed again. A renewal that fails (the
database dropped the connection) is logged and retried at the next beat; `keeper.expired()`
says whether the lease may have run out meanwhile. The keeper is advisory: settling a row is
still a conditional UPDATE on `claimed_by`, so a job that ignores it cannot clobber a row.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
import socket
import threading
import time
from typing import Callable, Iterable

from sqlalchemy import DateTime, bindparam, text
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

DEFAULT_LEASE_SECONDS = 30
DEFAULT_HEARTBEAT_SECONDS = 5

_TS = DateTime(timezone=True)
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def setting(name: str, default: float) -> float:
    """A job setting from the Flask config (config.py reads the environment, nothing else does), else the
    default: outside an app context (a keeper built by hand passes its own values)."""
    try:
        from flask import current_app

        value = current_app.config.get(name)
    except RuntimeError:  # no app context
        value = None
    return float(value) if value not in (None, "") else default


def lease_seconds() -> float:
    """How long a claim lasts without a heartbeat (`JOB_LEASE_SECONDS`)."""
    return setting("JOB_LEASE_SECONDS", DEFAULT_LEASE_SECONDS)


def heartbeat_seconds() -> float:
    """How often a running job renews its lease (`JOB_HEARTBEAT_SECONDS`)."""
    return setting("JOB_HEARTBEAT_SECONDS", DEFAULT_HEARTBEAT_SECONDS)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def claimant_name() -> str:
    """This process, as recorded on the rows it claims: host:pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_token() -> str:
    """A claim's own name: host:pid#nonce. The nonce makes each claim distinct, so a heartbeat or a
    finish from an earlier claim of the same process can never pass for the current one."""
    return f"{claimant_name()}#{secrets.token_hex(4)}"


def claimant_is_dead(claimed_by: str | None) -> bool:
    """True when the claimant ran on this host and its process is gone (a SIGKILLed pool child:
    Celery redelivers the message at once, and there is no need to wait for the lease)."""
    host, _, pid = (claimed_by or "").partition("#")[0].rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def is_time_limit(exc: BaseException) -> bool:
    """Celery's soft time limit (by name: the job code does not import Celery)."""
    return exc.__class__.__name__ == "SoftTimeLimitExceeded"


class LeaseKeeper:
    """Renew `lease_expires_at` of rows `ids` of `table` held by `claimed_by` until the block exits.

    `lease_seconds`/`heartbeat` default to JOB_LEASE_SECONDS/JOB_HEARTBEAT_SECONDS; `engine`
    defaults to the app's (`db.engine`). `status` (optional) must also match, e.g. 'sending'.
    `heartbeat_column` (optional) is set to now at each renewal (e.g. `heartbeat_at`).
    """

    def __init__(self, table: str, ids: Iterable[int], claimed_by: str, *, lease_seconds: float | None = None,
                 heartbeat: float | None = None, engine: Engine | None = None, status: str | None = None,
                 heartbeat_column: str | None = None, on_lost: Callable[[set[int]], None] | None = None):
        for name in (table, heartbeat_column or "x"):
            if not _IDENT.match(name):
                raise ValueError(f"not a plain SQL name: {name!r}")
        self.table, self.claimed_by, self.status = table, claimed_by, status
        self.heartbeat_column, self.on_lost = heartbeat_column, on_lost
        self.lease_seconds = float(lease_seconds if lease_seconds is not None
                                   else setting("JOB_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))
        self.heartbeat = float(heartbeat if heartbeat is not None
                               else setting("JOB_HEARTBEAT_SECONDS", DEFAULT_HEARTBEAT_SECONDS))
        if engine is None:
            from employer_portal.extensions import db

            engine = db.engine
        self.engine = engine
        self._held: set[int] = set(int(i) for i in ids)
        self.lost_ids: set[int] = set()
        self.lost = threading.Event()
        self.renewals = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # The claim itself set the lease just before the job started.
        self._renewed_at = time.monotonic()

    # --- what the job calls -------------------------------------------------------------

    def holds(self, row_id: int) -> bool:
        """False once the row was found taken by another claimant (or finished with `done`)."""
        with self._lock:
            return row_id in self._held

    def done(self, *row_ids: int) -> None:
        """The job settled these rows: stop renewing them (not reported as lost)."""
        with self._lock:
            self._held.difference_update(row_ids)

    def expired(self) -> bool:
        """True when no renewal succeeded for a whole lease: another worker may own the rows now."""
        return time.monotonic() - self._renewed_at > self.lease_seconds

    def renew(self) -> set[int]:
        """One renewal now (the thread calls this every `heartbeat` s); returns the ids found lost."""
        with self._lock:
            ids = sorted(self._held)
        if not ids:
            return set()
        now = utcnow()
        sets = "lease_expires_at = :lease" + (f", {self.heartbeat_column} = :now" if self.heartbeat_column else "")
        where = " AND status = :status" if self.status else ""
        stmt = text(
            f"UPDATE {self.table} SET {sets} WHERE id IN :ids AND claimed_by = :token "
            f"AND lease_expires_at IS NOT NULL{where} RETURNING id"
        ).bindparams(bindparam("ids", expanding=True), bindparam("lease", type_=_TS),
                     *([bindparam("now", type_=_TS)] if self.heartbeat_column else []))
        params = {"ids": ids, "token": self.claimed_by, "lease": now + dt.timedelta(seconds=self.lease_seconds)}
        if self.heartbeat_column:
            params["now"] = now
        if self.status:
            params["status"] = self.status
        with self.engine.begin() as conn:  # its own short transaction on its own connection
            kept = {row[0] for row in conn.execute(stmt, params)}
        self._renewed_at = time.monotonic()
        self.renewals += 1
        with self._lock:
            # Rows finished meanwhile (done) are not lost, only rows still meant to be held.
            gone = (set(ids) - kept) & self._held
            self._held -= gone
            self.lost_ids |= gone
        if gone:
            self.lost.set()
            log.warning("%s %s no longer held by claim %s (settled or taken over by another worker)",
                        self.table, sorted(gone), self.claimed_by)
            if self.on_lost is not None:
                try:
                    self.on_lost(gone)
                except Exception:  # noqa: BLE001 - a callback must not kill the heartbeat
                    log.exception("on_lost callback failed")
        return gone

    # --- the heartbeat thread -------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.wait(self.heartbeat):
            try:
                self.renew()
            except Exception as exc:  # noqa: BLE001 - a dropped connection: try again next beat
                log.warning("lease renewal on %s failed (%s: %s); retrying in %ss", self.table,
                            exc.__class__.__name__, str(exc).splitlines()[0] if str(exc) else "", self.heartbeat)

    def start(self) -> "LeaseKeeper":
        self._thread = threading.Thread(target=self._run, name=f"lease-{self.table}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.heartbeat + 10)
            self._thread = None

    def __enter__(self) -> "LeaseKeeper":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

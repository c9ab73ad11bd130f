"""The reference data in force, held in memory for the checks.

`current_refdata() -> ReferenceData` is what hires, checklists, reminders and the
checks API call: built once per process from the database's versions in force (the
wages rows of the `jobbank-wages` version in force + the bundled lists), cached,
and rebuilt when the versions in force change (an import, or `flask refdata activate`
putting an earlier one back). The rules never query the database: at most
one small indexed query every `REFDATA_RECHECK_SECONDS` (default 5) checks which
versions are in force; an import in this process invalidates at once.

Without an app context, or while the database has no wages version yet, the
bundled data (`load_bundled()`) is used. `wages_warning()` says when the wages in
force predate ESDC's latest fall release (logged too, whenever they are loaded).
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from employer_portal.refdata.jobbank import WageFigure
from employer_portal.refdata.reference import ReferenceData, load_bundled

log = logging.getLogger(__name__)
DEFAULT_RECHECK_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class SetInfo:
    """One set in force: its version, where it came from and when it was published."""

    set_name: str
    version: str
    source: str
    published: dt.date | None
    row_count: int
    version_id: int | None = None  # None for a bundled set not recorded in the database


@dataclass(frozen=True)
class _State:
    fingerprint: tuple[int, ...]
    refdata: ReferenceData
    sets: Mapping[str, SetInfo]
    checked_at: float


_lock = threading.Lock()
_state: _State | None = None


def current_refdata() -> ReferenceData:
    """The reference data of the versions in force (see the module docstring)."""
    return _current().refdata


def current_sets() -> Mapping[str, SetInfo]:
    """Each set in force by name ("jobbank-wages", "noc-2021", ...), with version, source and date."""
    return _current().sets


def wages_warning(today: dt.date | None = None) -> str | None:
    """The "older than the latest fall release" line for the wages in force (None when current); see refdata.currency."""
    from employer_portal.models.refdata import WAGES_SET
    from employer_portal.refdata.currency import wages_release_warning

    wages = current_sets().get(WAGES_SET)
    if wages is None:
        return None
    return wages_release_warning(wages.version, wages.published, today or dt.date.today())


def invalidate() -> None:
    """Forget the cached data; the next call re-reads the versions in force."""
    global _state
    with _lock:
        _state = None


def _current() -> _State:
    global _state
    state = _state
    if not has_app_context():
        return state if state is not None else _bundled_state(())
    now = time.monotonic()
    recheck = float(current_app.config.get("REFDATA_RECHECK_SECONDS", DEFAULT_RECHECK_SECONDS))
    if state is not None and now - state.checked_at < recheck:
        return state
    fingerprint = _in_force_fingerprint()
    if fingerprint is None:  # the database cannot be read: keep what we have
        return state if state is not None else _bundled_state(())
    if state is not None and state.fingerprint == fingerprint:
        # Same versions: just remember we checked (the object is frozen, swap it).
        _state = _State(state.fingerprint, state.refdata, state.sets, now)
        return _state
    with _lock:
        state = _state
        if state is not None and state.fingerprint == fingerprint and now - state.checked_at < recheck:
            return state
        _state = _load(fingerprint, now)
        return _state


def _in_force_fingerprint() -> tuple[int, ...] | None:
    """The ids of the versions in force, sorted: one indexed query on a table of a few rows."""
    from employer_portal.extensions import db
    from employer_portal.models.refdata import RefdataVersion

    try:
        # A connection of its own: never disturb (or roll back) the caller's transaction.
        with db.engine.connect() as connection:
            ids = connection.scalars(select(RefdataVersion.id).where(RefdataVersion.in_force.is_(True))
                                     .order_by(RefdataVersion.id)).all()
    except SQLAlchemyError as exc:
        log.warning("reference data versions unreadable (%s); using what is in memory", exc.__class__.__name__)
        return None
    return tuple(ids)


def _bundled_state(fingerprint: tuple[int, ...], checked_at: float = 0.0) -> _State:
    from employer_portal.refdata.bundled import bundled_sets

    sets = {b.set_name: SetInfo(b.set_name, b.version, b.source, b.published, b.row_count) for b in bundled_sets()}
    return _State(fingerprint, load_bundled(), MappingProxyType(sets), checked_at)


def _load(fingerprint: tuple[int, ...], now: float) -> _State:
    from employer_portal.extensions import db
    from employer_portal.models.refdata import WAGE_FIGURE_COLUMNS, WAGES_SET, RefdataVersion, RefdataWageFigure

    bundled = _bundled_state(fingerprint, now)
    with db.engine.connect() as connection:
        versions = connection.execute(select(RefdataVersion).where(RefdataVersion.in_force.is_(True))).all()
        sets = dict(bundled.sets)
        for v in versions:
            sets[v.set_name] = SetInfo(v.set_name, v.version, v.source, v.published, v.row_count, v.id)
        wages = next((v for v in versions if v.set_name == WAGES_SET), None)
        if wages is None:
            return _State(fingerprint, bundled.refdata, MappingProxyType(sets), now)
        columns = [getattr(RefdataWageFigure, c) for c in WAGE_FIGURE_COLUMNS]
        rows = [WageFigure(*row) for row in connection.execute(
            select(*columns).where(RefdataWageFigure.version_id == wages.id))]
    log.info("reference data: wages %s in force (%d rows)", wages.version, len(rows))
    _warn_if_stale(wages.version, wages.published)
    return _State(fingerprint, bundled.refdata.with_wages(rows, wages.version), MappingProxyType(sets), now)


def _warn_if_stale(version: str, published: dt.date | None) -> None:
    # Review F-35: say it at start-up (first load) and whenever the wages in force change.
    from employer_portal.refdata.currency import wages_release_warning

    warning = wages_release_warning(version, published, dt.date.today())
    if warning:
        log.warning("reference data: %s", warning)

"""API token sign-in: the read that runs on every API request, kept off the database on a repeat.

`token_identity(engine, secret)` finds a live token (not revoked, its user active) by the SHA-256 of the
secret (tokens are 256-bit random values, so a fast digest is safe and the lookup is one unique-index read)
and answers who it is.

On PostgreSQL each process keeps one connection of its own for this read, in autocommit mode (no pool
checkout, no ping, no BEGIN/ROLLBACK; the statement prepared once and run through libpq directly), and that
connection LISTENs on CHANGES_CHANNEL. The triggers of migration 0018 notify it when any transaction that
revokes a token, deactivates or removes a user, or empties either table commits. So a process may answer a
repeat of a token it has just read from memory (a round trip to PostgreSQL cost a check as much CPU as the
rest of it, issue 13.8), and stays honest three ways:
- before every answer it takes the notices waiting on its connection (a non-blocking read, no round trip);
  any notice makes it forget every identity it knew, so a revoke committed anywhere refuses the next request
  that reaches any process once PostgreSQL has delivered the notice (benchmarks/token_revocation_notice.py
  measures that delay against the time a client needs to send its next request);
- a commit of this process that touches those tables forgets at once, without waiting for its own notice
  (`watch_local_token_changes`);
- a remembered identity is read again after RECHECK_AFTER_SECONDS whatever happens, so a lost or silent
  connection can never keep a revoked token alive for longer than that.
That connection never enters a tenant (row-level security): like the sign-in lookup it must find a token
before anyone knows the employer. Other backends (SQLite, the embedded default) read the token on every
request through a plain DB-API cursor and remember nothing. Plain module: no Flask.
"""
from __future__ import annotations

import abc
import datetime as dt
import os
import re
import threading
import time
import weakref
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.engine import Engine

from employer_portal.models import ApiToken
from employer_portal.models.base import utcnow
from employer_portal.models.employer import token_digest

SECRET_PREFIX = "ept_"
MAX_SECRET_LENGTH = 100
LAST_USED_EVERY = dt.timedelta(seconds=60)  # one write a minute per token at most, not one per request
CHANGES_CHANNEL = "portal_api_token_changes"  # migration 0018's triggers notify it
RECHECK_AFTER_SECONDS = 1.0  # the backstop: a remembered identity is read again after this, notice or not
REMEMBERED_AT_MOST = 10_000  # identities per process; past this the memory starts afresh

_LIVE_TOKEN_FROM = (" FROM api_tokens t JOIN users u ON u.id = t.user_id"
                    " WHERE t.token_hash = {digest} AND t.revoked_at IS NULL AND u.active")


@dataclass(frozen=True, slots=True)
class TokenIdentity:
    """Who a live token speaks for."""

    token_id: int
    user_id: int
    employer_id: int


def token_identity(engine: Engine, secret: str) -> TokenIdentity | None:
    """The identity of a live token with this secret, or None (unknown, revoked, or its user deactivated).

    Records the token's last use, at most once a minute.
    """
    if not secret or not secret.startswith(SECRET_PREFIX) or len(secret) > MAX_SECRET_LENGTH:
        return None
    digest = token_digest(secret)
    found = _reader(engine).read(engine, digest)
    if found is None:
        return None
    token_id, user_id, employer_id, used_lately = found
    if not used_lately:
        with engine.begin() as connection:
            connection.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=utcnow()))
    return TokenIdentity(token_id, user_id, employer_id)


class _TokenReader(abc.ABC):
    """One autocommit connection of this process, kept for the token read; reopened after a fork or a drop.

    `read(engine, digest)` answers (token id, user id, employer id, used within LAST_USED_EVERY) or None.
    """

    def __init__(self):
        # Holds no reference to the engine: it is the key this reader is kept under (weakly).
        self._lock = threading.Lock()  # the dev server and tests share a process between threads
        self._connection = None
        self._pid = None

    def read(self, engine: Engine, digest: str):
        with self._lock:
            if self._connection is None or self._pid != os.getpid():
                self._open(engine)
            try:
                return self._lookup(self._connection, digest)
            except engine.dialect.loaded_dbapi.Error as exc:
                dropped = engine.dialect.is_disconnect(exc, self._connection, None)
                self._close(engine)
                if not dropped:
                    raise
            self._open(engine)  # the server closed it (a restart, an idle timeout): once more, anew
            return self._lookup(self._connection, digest)

    def forget(self) -> None:
        """Forget every identity remembered (a token or user changed)."""

    def _lookup(self, connection, digest: str):
        self._send(connection, digest)
        return self._receive(connection)

    @abc.abstractmethod
    def _send(self, connection, digest: str) -> None:
        """Send the lookup of `digest`."""

    @abc.abstractmethod
    def _receive(self, connection):
        """Its answer: (token id, user id, employer id, used within LAST_USED_EVERY) or None."""

    def _prepare(self, connection) -> None:
        """Called once for each new connection."""

    def _open(self, engine: Engine) -> None:
        # Out of the pool for good (detach): it is in autocommit mode and must never serve a session. A
        # connection inherited over a fork belongs to the parent and is left alone (closing it would end the
        # parent's session on the server).
        pooled = engine.raw_connection()
        pooled.detach()
        connection = pooled.dbapi_connection
        engine.dialect.set_isolation_level(connection, "AUTOCOMMIT")
        self._prepare(connection)
        self._connection, self._pid = connection, os.getpid()

    def _close(self, engine: Engine) -> None:
        connection, self._connection = self._connection, None
        if connection is not None and self._pid == os.getpid():
            try:
                connection.close()
            except engine.dialect.loaded_dbapi.Error:
                pass


class _PostgresReader(_TokenReader):
    _STATEMENT = b"portal_live_api_token"
    _SQL = ("SELECT t.id, t.user_id, t.employer_id, t.last_used_at > now() - make_interval(secs => $2)"
            + _LIVE_TOKEN_FROM.format(digest="$1")).encode()

    def __init__(self):
        super().__init__()
        # digest -> ((token id, user id, employer id, True), monotonic time read). Only live tokens: an unknown
        # secret is read every time (remembering misses would let anyone fill the memory).
        self._remembered: dict[str, tuple[tuple, float]] = {}

    def forget(self) -> None:
        with self._lock:
            self._remembered.clear()

    def _lookup(self, connection, digest: str):
        if self._notices_waiting(connection):
            self._remembered.clear()
        now = time.monotonic()
        remembered = self._remembered.get(digest)
        if remembered is not None and now - remembered[1] < RECHECK_AFTER_SECONDS:
            return remembered[0]
        self._send(connection, digest)
        found = self._receive(connection)
        if found is None:
            self._remembered.pop(digest, None)
            return None
        if len(self._remembered) >= REMEMBERED_AT_MOST:
            self._remembered.clear()
        # Stored before this connection's next notices are taken: a change committed while the token was being
        # read arrives as a notice and is taken before the next answer. The read decided the last-used write;
        # repeats within RECHECK_AFTER_SECONDS count as used lately.
        self._remembered[digest] = (found[:3] + (True,), now)
        return found

    @staticmethod
    def _notices_waiting(connection) -> bool:
        """Take every notice that has reached this connection, without waiting; True if there was any."""
        pgconn = connection.pgconn
        pgconn.consume_input()  # whatever the socket holds now (raises if the connection is gone)
        noticed = False
        while pgconn.notifies() is not None:
            noticed = True
        return noticed

    def _prepare(self, connection) -> None:
        self._check(connection, connection.pgconn.exec_(f"LISTEN {CHANGES_CHANNEL}".encode()))
        self._check(connection, connection.pgconn.prepare(self._STATEMENT, self._SQL))
        self._remembered.clear()  # a new connection: notices sent while there was none are lost

    def _send(self, connection, digest: str) -> None:
        seconds = str(int(LAST_USED_EVERY.total_seconds())).encode()
        connection.pgconn.send_query_prepared(self._STATEMENT, [digest.encode(), seconds])

    def _receive(self, connection):
        pgconn = connection.pgconn
        result = pgconn.get_result()  # waits for the answer
        while pgconn.get_result() is not None:  # the end of the answer: the connection is free again
            pass
        if result is None:
            import psycopg

            raise psycopg.OperationalError("the connection was lost")
        self._check(connection, result)
        if result.ntuples == 0:
            return None
        token_id, user_id, employer_id, used_lately = (result.get_value(0, column) for column in range(4))
        return int(token_id), int(user_id), int(employer_id), used_lately == b"t"

    @staticmethod
    def _check(connection, result):
        import psycopg
        from psycopg import pq

        if result.status not in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK):
            message = result.error_message.decode(errors="replace").strip()
            if connection.pgconn.status != pq.ConnStatus.OK:
                raise psycopg.OperationalError(message or "the connection was lost")
            raise psycopg.DatabaseError(message)
        return result


class _DbapiReader(_TokenReader):
    def __init__(self, paramstyle: str):
        super().__init__()
        placeholder = "?" if paramstyle == "qmark" else "%s"
        self._sql = "SELECT t.id, t.user_id, t.employer_id, t.last_used_at" + _LIVE_TOKEN_FROM.format(digest=placeholder)
        self._row = None

    def _send(self, connection, digest: str) -> None:
        cursor = connection.cursor()  # a DB-API cursor cannot send without waiting: read now, answer in _receive
        try:
            cursor.execute(self._sql, (digest,))
            self._row = cursor.fetchone()
        finally:
            cursor.close()

    def _receive(self, connection):
        row, self._row = self._row, None
        if row is None:
            return None
        token_id, user_id, employer_id, last_used_at = row
        used_lately = last_used_at is not None and utcnow() - _as_utc(last_used_at) <= LAST_USED_EVERY
        return token_id, user_id, employer_id, used_lately


def _as_utc(value) -> dt.datetime:
    # SQLite answers the text SQLAlchemy stored, in UTC.
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


_readers: weakref.WeakKeyDictionary[Engine, _TokenReader] = weakref.WeakKeyDictionary()
_readers_lock = threading.Lock()


def _reader(engine: Engine) -> _TokenReader:
    reader = _readers.get(engine)
    if reader is None:
        with _readers_lock:
            reader = _readers.get(engine)
            if reader is None:
                dialect = engine.dialect
                postgres = dialect.name == "postgresql" and dialect.driver == "psycopg"
                reader = _PostgresReader() if postgres else _DbapiReader(dialect.paramstyle)
                _readers[engine] = reader
    return reader


# A commit of this process that changes a token or a user: forget at once, not when this process's own notice
# arrives a moment later (the next request may already be here). Any UPDATE, DELETE or TRUNCATE naming one of
# the tables counts (forgetting too often only costs a read), but the last-use write, which ends nothing.
_TOKEN_CHANGE = re.compile(r"\s*(?:UPDATE|DELETE|TRUNCATE)\b.*?\b(?:api_tokens|users|employers)\b", re.I | re.S)
_LAST_USE_ONLY = re.compile(r"\s*UPDATE api_tokens SET last_used_at=[^,]*\sWHERE\s", re.I)
_CHANGED_KEY = "portal_token_change"


def watch_local_token_changes(engine: Engine) -> None:
    """Connect the engine events that make this process forget identities when it commits such a change."""
    from sqlalchemy import event

    if event.contains(engine, "after_cursor_execute", _note_token_change):
        return
    event.listen(engine, "after_cursor_execute", _note_token_change)
    event.listen(engine, "commit", _forget_after_token_change)
    event.listen(engine, "rollback", _drop_token_change)


def forget_identities(engine: Engine) -> None:
    """Forget every token identity this process remembers for `engine`."""
    reader = _readers.get(engine)
    if reader is not None:
        reader.forget()


def _note_token_change(connection, _cursor, statement, _parameters, _context, _executemany) -> None:
    if statement[:1] in "UDTudt \n" and _TOKEN_CHANGE.match(statement) and not _LAST_USE_ONLY.match(statement):
        connection.info[_CHANGED_KEY] = True


def _forget_after_token_change(connection) -> None:
    if connection.info.pop(_CHANGED_KEY, False):
        forget_identities(connection.engine)


def _drop_token_change(connection) -> None:
    connection.info.pop(_CHANGED_KEY, None)

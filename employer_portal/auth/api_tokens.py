"""API token sign-in: the read that runs on every API request, kept to one database round trip.

`token_identity(engine, secret)` finds a live token (not revoked, its user active) by the SHA-256 of the
secret (tokens are 256-bit random values, so a fast digest is safe and the lookup is one unique-index read)
and answers who it is. Nothing is cached: every request reads the token row, so a revoke or a deactivation,
committed by any process, refuses the very next request.

What makes it cheap is how it reads, not what: each process keeps one connection of its own for this read, in
autocommit mode, so a request pays no pool checkout, no liveness ping, no BEGIN and no ROLLBACK. On PostgreSQL
the statement is prepared once per connection and run through libpq directly (psycopg.pq), which costs a
fraction of a cursor's type adaptation; other backends (SQLite) use a plain DB-API cursor. That connection
never enters a tenant (row-level security): like the sign-in lookup it must find a token before anyone knows
the employer. Plain module: no Flask.
"""
from __future__ import annotations

import datetime as dt
import os
import threading
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


class _TokenReader:
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
                self._send(self._connection, digest)
                return self._receive(self._connection)
            except engine.dialect.loaded_dbapi.Error as exc:
                dropped = engine.dialect.is_disconnect(exc, self._connection, None)
                self._close(engine)
                if not dropped:
                    raise
            self._open(engine)  # the server closed it (a restart, an idle timeout): once more, anew
            self._send(self._connection, digest)
            return self._receive(self._connection)

    def _send(self, connection, digest: str) -> None:
        raise NotImplementedError

    def _receive(self, connection):
        raise NotImplementedError

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

    def _prepare(self, connection) -> None:
        self._check(connection, connection.pgconn.prepare(self._STATEMENT, self._SQL))

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

"""Where reminder emails go: an SMTP server (`MAIL_*` settings) or, in the embedded
default (`MAIL_SERVER` empty), `.eml` files in `MAIL_OUTBOX_DIR`.

A mailer is opened once per batch and reused for every message of it (one SMTP
connection). `send(message, before_data=…)` returns nothing or raises `TemporaryMailError`
(4xx, connection refused, timeouts: try again later) or `PermanentMailError` (5xx: do not).

`before_data` is called after the envelope (MAIL FROM, RCPT TO) and the message content were
sent and before the final "." line: the last moment before the server can hold a copy. The
sender records there, committed, that the attempt started; if it raises `AttemptRefused` (the
row is no longer ours), the connection is dropped without the "." and nothing is kept. A Celery time limit
passes through untouched (it ends the batch; it is not a mail error).
"""
from __future__ import annotations

import os
import re
import smtplib
import socket
import ssl
import tempfile
from email.message import EmailMessage
from pathlib import Path
from typing import Callable

from billiard.exceptions import SoftTimeLimitExceeded as _TimeLimit  # a Celery time limit ends the send


class MailError(Exception):
    """Delivery did not happen; `reason` is what the server (or the network) said."""

    temporary = True

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason[:1000]


class TemporaryMailError(MailError):
    temporary = True


class UnreachableMailError(TemporaryMailError):
    """The server could not be reached at all (refused, timed out, hung up): the whole batch waits."""


class PermanentMailError(MailError):
    temporary = False


class AttemptRefused(Exception):
    """Raised by a `before_data` hook: the row is no longer ours, so this message must not be sent."""


class _HookedSMTP(smtplib.SMTP):
    """smtplib.SMTP that calls `before_data` at the last moment before the server can hold a copy.

    The server keeps a message only once it reads the final "." line. So the content goes out
    first, then the hook runs (the attempt is recorded), then the "." — the window in which an
    attempt is recorded but no copy can exist is one database round trip. If the hook raises,
    the connection is dropped without the ".", and the server discards the partial message.
    """

    before_data: Callable[[], None] | None = None

    def data(self, msg):
        hook, self.before_data = self.before_data, None
        if hook is None:
            return super().data(msg)
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        if isinstance(msg, str):
            msg = smtplib._fix_eols(msg).encode("ascii")
        content = smtplib._quote_periods(msg)
        if content[-2:] != smtplib.bCRLF:
            content += smtplib.bCRLF
        self.send(content)
        try:
            hook()
        except BaseException:
            self.close()  # no "." was sent: the server drops the message with the connection
            raise
        self.send(b"." + smtplib.bCRLF)
        return self.getreply()


def _decode(message) -> str:
    return message.decode(errors="replace") if isinstance(message, bytes) else str(message)


def classify(exc: Exception) -> MailError:
    """An smtplib/network exception as a temporary or permanent delivery error."""
    if isinstance(exc, MailError):
        return exc
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = list(exc.recipients.values())
        code, text = answers[0] if answers else (550, b"recipient refused")
        reason = f"{code} {_decode(text)}"
        return TemporaryMailError(reason) if any(400 <= c < 500 for c, _ in answers) else PermanentMailError(reason)
    if isinstance(exc, smtplib.SMTPResponseException):
        reason = f"{exc.smtp_code} {_decode(exc.smtp_error)}"
        return PermanentMailError(reason) if 500 <= exc.smtp_code < 600 else TemporaryMailError(reason)
    if isinstance(exc, (smtplib.SMTPServerDisconnected, OSError, socket.timeout)):
        return UnreachableMailError(f"{exc.__class__.__name__}: {exc}")
    return TemporaryMailError(f"{exc.__class__.__name__}: {exc}")


class SmtpMailer:
    """One SMTP connection, opened on first use and reused; reconnects once if the server hung up."""

    def __init__(self, host: str, port: int, *, use_tls: bool = False, username: str = "", password: str = "",
                 timeout: float = 15.0):
        self.host, self.port, self.use_tls = host, port, use_tls
        self.username, self.password, self.timeout = username, password, timeout
        self._smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        try:
            smtp = _HookedSMTP(self.host, self.port, timeout=self.timeout)
            if self.use_tls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password)
        except _TimeLimit:
            raise
        except Exception as exc:  # noqa: BLE001 - every failure is classified
            raise classify(exc) from exc
        return smtp

    def send(self, message: EmailMessage, before_data: Callable[[], None] | None = None) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._send(message, before_data)
        except smtplib.SMTPServerDisconnected as exc:
            if getattr(exc, "after_data", False):
                self.close()
                raise classify(exc) from exc
            # A connection idle too long: the server hung up before this message, so one retry is safe.
            self._smtp = self._connect()
            try:
                self._send(message, before_data)
            except (AttemptRefused, _TimeLimit):
                raise
            except Exception as exc2:  # noqa: BLE001
                self._drop_if_broken(exc2)
                raise classify(exc2) from exc2
        except (AttemptRefused, _TimeLimit):
            raise
        except Exception as exc:  # noqa: BLE001
            self._drop_if_broken(exc)
            raise classify(exc) from exc

    def _send(self, message: EmailMessage, before_data) -> None:
        smtp = self._smtp
        started = []

        def hook():
            started.append(True)
            if before_data is not None:
                before_data()

        smtp.before_data = hook
        try:
            smtp.send_message(message)
        except (AttemptRefused, _TimeLimit):
            # Mid-conversation (mid-DATA: no "." sent, so no copy): drop the socket without QUIT;
            # the next message opens a new connection.
            smtp.close()
            self._smtp = None
            raise
        except smtplib.SMTPServerDisconnected as exc:
            exc.after_data = bool(started)  # the attempt started: not the idle hang-up, do not retry here
            raise
        finally:
            smtp.before_data = None

    def _drop_if_broken(self, exc: Exception) -> None:
        if not isinstance(exc, smtplib.SMTPResponseException) or isinstance(exc, smtplib.SMTPServerDisconnected):
            self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except Exception:  # noqa: BLE001 - closing a dead connection
                pass
            self._smtp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class FolderMailer:
    """The embedded default: each message becomes `<Message-ID>.eml` in a folder (same id, same file)."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)

    def send(self, message: EmailMessage, before_data: Callable[[], None] | None = None) -> None:
        if before_data is not None:
            before_data()
        name = re.sub(r"[^A-Za-z0-9._-]", "_", str(message["Message-ID"]).strip("<>")) + ".eml"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Write then rename, so the dev page never lists a half-written file.
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(message.as_bytes())
            os.replace(tmp, self.directory / name)
        except OSError as exc:  # a full or read-only disk: the whole batch waits, like an unreachable server
            raise UnreachableMailError(f"{exc.__class__.__name__}: {exc}") from exc

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def mailer_from_config(config) -> SmtpMailer | FolderMailer:
    """The mailer the settings ask for."""
    if config.get("MAIL_SERVER"):
        return SmtpMailer(config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25),
                          use_tls=bool(config.get("MAIL_USE_TLS")), username=config.get("MAIL_USERNAME") or "",
                          password=config.get("MAIL_PASSWORD") or "")
    return FolderMailer(config["MAIL_OUTBOX_DIR"])

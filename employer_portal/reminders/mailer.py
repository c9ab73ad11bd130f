"""Where reminder emails go: an SMTP server (`MAIL_*` settings) or, in the embedded
default (`MAIL_SERVER` empty), `.eml` files in `MAIL_OUTBOX_DIR`.

A mailer is opened once per batch and reused for every message of it (one SMTP
connection). `send(message)` returns nothing or raises `TemporaryMailError` (4xx,
connection refused, timeouts: try again later) or `PermanentMailError` (5xx: do not).
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
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            if self.use_tls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password)
        except Exception as exc:  # noqa: BLE001 - every failure is classified
            raise classify(exc) from exc
        return smtp

    def send(self, message: EmailMessage) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(message)
        except smtplib.SMTPServerDisconnected:
            # A connection idle too long: the server hung up before this message, so one retry is safe.
            self._smtp = self._connect()
            try:
                self._smtp.send_message(message)
            except Exception as exc:  # noqa: BLE001
                self._drop_if_broken(exc)
                raise classify(exc) from exc
        except Exception as exc:  # noqa: BLE001
            self._drop_if_broken(exc)
            raise classify(exc) from exc

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

    def send(self, message: EmailMessage) -> None:
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

"""Secrets that travel in URLs are scrubbed from log records before any handler sees them.

Calendar clients can only fetch a plain URL, so the per-user feed keeps its secret in the path
(`/calendar/<token>.ics`). The web servers log that path: werkzeug's request log in development,
gunicorn's access log in production, Flask's "Exception on <path>" line. One filter on each of
those loggers rewrites the secret to `[redacted]` in the message and its arguments.
"""
from __future__ import annotations

import logging
import re

_SECRET_IN_PATH = re.compile(r"(/calendar/)[^/\s?#\"']+(\.ics)")
REDACTED = r"\1[redacted]\2"

# Loggers that write request paths: werkzeug's dev server, gunicorn's access and error logs.
REQUEST_LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


def scrub(text: str) -> str:
    return _SECRET_IN_PATH.sub(REDACTED, text)


def _scrubbed(value):
    return scrub(value) if isinstance(value, str) else value


class SecretUrlFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = scrub(record.msg)
        if isinstance(record.args, dict):
            # gunicorn's access atoms: a dict subclass that answers '-' for missing keys, so edit in place.
            for key, value in list(dict.items(record.args)):
                if isinstance(value, str):
                    record.args[key] = scrub(value)
        elif isinstance(record.args, tuple):
            record.args = tuple(_scrubbed(value) for value in record.args)
        return True


SECRET_URL_FILTER = SecretUrlFilter()


def install(app_logger: logging.Logger) -> None:
    """Add the filter to the request loggers and the app's own logger (once each)."""
    for logger in (*map(logging.getLogger, REQUEST_LOGGERS), app_logger):
        logger.addFilter(SECRET_URL_FILTER)

"""The one error the checklist's services raise: a request they cannot honour, with its HTTP status."""
from __future__ import annotations


class ChecklistError(Exception):
    """A request the checklist cannot honour; `status` is the HTTP status it maps to, `field` the
    input it is about (for a 422)."""

    def __init__(self, message: str, status: int = 409, field: str | None = None):
        super().__init__(message)
        self.status, self.field = status, field

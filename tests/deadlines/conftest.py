"""Small factories for the deadline tests, as fixtures (test folders are not packages)."""
from __future__ import annotations

import datetime as dt

import pytest

from employer_portal.deadlines import deadlines_for
from employer_portal.schemas.dates import HireDates
from employer_portal.schemas.hire import HirePayload


@pytest.fixture
def make_payload():
    """make_payload(program, province=, start=, end=, ict=..., cusma=...) -> HirePayload."""

    def build(program: str, *, province: str = "ON", start: str | None = "2026-03-02",
              end: str | None = None, **blocks) -> HirePayload:
        position = {"province": province, "start_date": start, "end_date": end}
        return HirePayload.model_validate({"program": program, "position": position, **blocks})

    return build


@pytest.fixture
def deadlines():
    """deadlines(program, status, payload, ict_category=None, **dates) as of the frozen today."""

    def build(program, status, payload, ict_category=None, **dates):
        return deadlines_for(program, status, payload, HireDates.model_validate(dates),
                             today=dt.date.today(), ict_category=ict_category)

    return build


@pytest.fixture
def by_kind():
    return lambda found, kind: [d for d in found if d.kind == kind]


@pytest.fixture
def one(by_kind):
    def pick(found, kind):
        matches = by_kind(found, kind)
        assert len(matches) == 1, f"expected one {kind}, got {matches}"
        return matches[0]

    return pick

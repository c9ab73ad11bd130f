"""Fixtures for the pathways tests."""
from __future__ import annotations

import pytest

from employer_portal.schemas.pathways import PathwaysRequest
from pathways_samples import payload


@pytest.fixture
def build():
    """build(**changes) -> PathwaysRequest (the sample request with nested changes)."""
    return lambda **changes: PathwaysRequest.model_validate(payload(**changes))

"""portal.css styles every badge and route modifier the templates use (STYLE.md: one palette, no unstyled states)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from employer_portal.compliance.report import SEVERITIES

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "employer_portal" / "static" / "css" / "portal.css").read_text(encoding="utf-8")
TEMPLATES = [p.read_text(encoding="utf-8") for p in (ROOT / "templates").rglob("*.html")]


def _modifiers(block: str) -> set[str]:
    """Every `block--x` class a template names, literally or as a quoted word inside `block--{{ … }}`."""
    found: set[str] = set()
    for text in TEMPLATES:
        found.update(re.findall(rf"\b{block}--([a-z][a-z-]*)", text))
        for expression in re.findall(rf"\b{block}--\{{\{{(.*?)\}}\}}", text):
            # r.status == 'sent' and a mapping's key {'due': 'warning'} are values tested, not class names.
            tested = re.sub(r"(==|!=)\s*'[^']*'|'[^']*'\s*:", "", expression)
            found.update(re.findall(r"'([a-z][a-z-]*)'", tested))
    return found


@pytest.mark.parametrize("block", ["badge", "route"])
def test_every_modifier_the_templates_use_is_styled(block):
    """An unstyled state looks like plain text: every modifier a template uses has a rule in portal.css."""
    used = _modifiers(block) | (set(SEVERITIES) if block == "badge" else set())  # badge--{{ severity }}
    unstyled = {m for m in used if not re.search(rf"\.{block}--{m}\s*[{{,]", CSS)}
    assert not unstyled, f"no .{block}--… rule for {sorted(unstyled)}"


def test_a_route_that_needs_information_is_not_drawn_as_refused():
    """API.md Amendments 2026-12: an incomplete report 'needs information'; it is neutral, not the blocker red."""
    rule = re.search(r"\.route--incomplete\s*\{([^}]*)\}", CSS).group(1)
    assert "var(--bad)" not in rule and "var(--line)" in rule


def test_a_failed_reminder_badge_uses_the_palettes_red():
    """A failed reminder is a problem to fix: .badge--danger uses the palette's red (--bad)."""
    assert "var(--bad)" in re.search(r"\.badge--danger\s*\{([^}]*)\}", CSS).group(1)

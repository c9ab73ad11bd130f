"""Reading the bundled point grids: tiered rows and all-four-abilities thresholds."""
from __future__ import annotations


def tiered(rows: list[list[int]], value: int, column: int) -> int:
    """The points of the first row (highest threshold first) that `value` reaches; 0 below them all."""
    return next((row[column] for row in rows if value >= row[0]), 0)


def all_at_least(per_ability: dict[str, int] | None, level: int) -> bool:
    """Whether every ability reaches `level` (language minimums apply to all four); False without results."""
    return bool(per_ability) and min(per_ability.values()) >= level

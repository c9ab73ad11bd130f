"""Language results as CLB/NCLC per ability: given directly, or converted from raw test scores.

The conversion tables are IRCC's test equivalency charts as transcribed by third parties
(status SECONDARY, shown with "verify on the official page").
"""
from __future__ import annotations

from employer_portal.schemas.pathways import ABILITIES, LanguageClb, LanguageTest

BELOW_TABLE = 3  # a score under the lowest row is "CLB 3 or less"; 3 scores the same as any lower level


def test_to_clb(test: LanguageTest, tables: dict) -> dict[str, int]:
    """{ability: CLB} for one test's raw scores."""
    table = tables["tests"][test.test]
    levels = {}
    for ability in ABILITIES:
        score = getattr(test, ability)
        levels[ability] = next((clb for clb, minimum in table[ability] if score >= minimum), BELOW_TABLE)
    return levels


def levels(clb: LanguageClb | None, test: LanguageTest | None, tables: dict) -> dict[str, int] | None:
    """The CLB per ability: the levels given, else the test converted, else None (no result)."""
    if clb is not None:
        return clb.levels()
    if test is not None:
        return test_to_clb(test, tables)
    return None


def lowest(per_ability: dict[str, int] | None) -> int:
    """The weakest ability's level (0 when there is no result): minimums apply to all four abilities."""
    return min(per_ability.values()) if per_ability else 0


class Languages:
    """A candidate's results per ability: first and second official language, English and French, spouse."""

    def __init__(self, candidate, tables: dict):
        self.first_language = candidate.first_language
        self.first = levels(candidate.first_language_clb, candidate.first_language_test, tables)
        self.second = levels(candidate.second_language_clb, candidate.second_language_test, tables)
        spouse = candidate.spouse
        self.spouse_first = levels(spouse.first_language_clb, spouse.first_language_test, tables) if spouse else None
        self.converted = any(test is not None and clb is None for clb, test in (
            (candidate.first_language_clb, candidate.first_language_test),
            (candidate.second_language_clb, candidate.second_language_test),
            (spouse.first_language_clb if spouse else None, spouse.first_language_test if spouse else None),
        ))

    @property
    def english(self) -> dict[str, int] | None:
        return self.first if self.first_language == "english" else self.second

    @property
    def french(self) -> dict[str, int] | None:
        return self.first if self.first_language == "french" else self.second

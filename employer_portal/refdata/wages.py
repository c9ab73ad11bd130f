"""Prevailing wage lookup over Job Bank figures: economic region, then province, then Canada.

In: `WageFigure` rows of one data version. Out: `PrevailingWage` (an hourly
figure with where it came from) or None. Suppressed cells (no median) are
skipped, so the lookup falls through to the next level, as ESDC's GTS
requirements page says (S1); annual-rate occupations are turned into an hourly
figure over the job's hours.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable

from employer_portal.refdata.jobbank import WageFigure

STANDARD_HOURS_PER_WEEK = 40.0
WEEKS_PER_YEAR = 52


@dataclass(frozen=True, slots=True)
class PrevailingWage:
    """The median used for a check. `annual` is the published yearly figure when the occupation is annual-rate."""

    hourly: float
    level: str
    area: str
    noc_code: str
    reference_period: str
    data_version: str
    area_name: str = ""
    annual: float | None = None

    def to_dict(self) -> dict:
        """The API's `prevailing_wage` object."""
        return {
            "hourly": self.hourly,
            "level": self.level,
            "area": self.area,
            "noc_code": self.noc_code,
            "reference_period": self.reference_period,
            "data_version": self.data_version,
        }

    @property
    def place(self) -> str:
        """Where the figure applies, for messages: "Ottawa (ER3510)", "ON", "Canada"."""
        if self.level == "economic_region":
            return f"{self.area_name} ({self.area})" if self.area_name else self.area
        if self.level == "national":
            return "Canada"
        return self.area_name or self.area


class WageTable:
    """Job Bank medians of one version, indexed by (NOC, area); read-only once built."""

    __slots__ = ("version", "_by_area", "row_count")

    def __init__(self, rows: Iterable[WageFigure], version: str):
        by_area: dict[tuple[str, str], WageFigure] = {}
        count = 0
        for row in rows:
            count += 1
            if row.median is not None:  # a suppressed cell is not a figure
                by_area[(row.noc, row.area)] = row
        self.version = version
        self._by_area = MappingProxyType(by_area)
        self.row_count = count

    def figure(self, noc: str, area: str) -> WageFigure | None:
        """The published (not suppressed) figure for `noc` in `area` ("CA", "ON", "ER3510"), or None."""
        return self._by_area.get((noc, area))

    def prevailing_wage_for(
        self,
        noc: str,
        province: str | None,
        economic_region: str | None = None,
        *,
        hours_per_week: float | None = None,
    ) -> PrevailingWage | None:
        """The most precise published median for `noc` where the job is, or None at no level.

        An economic region counts only if it lies in `province`. Annual-rate
        figures are divided by hours_per_week x 52 (40 hours when not given).
        """
        figure = None
        if economic_region:
            candidate = self._by_area.get((noc, economic_region))
            if candidate is not None and (province is None or candidate.province == province):
                figure = candidate
        if figure is None and province:
            figure = self._by_area.get((noc, province))
        if figure is None:
            figure = self._by_area.get((noc, "CA"))
        if figure is None:
            return None
        annual = None
        hourly = figure.median
        if figure.annual:
            annual = figure.median
            hours = hours_per_week or STANDARD_HOURS_PER_WEEK
            hourly = round(annual / (hours * WEEKS_PER_YEAR), 2)
        return PrevailingWage(
            hourly=hourly,
            level=figure.level,
            area=figure.area,
            noc_code=noc,
            reference_period=figure.reference_period,
            data_version=self.version,
            area_name=figure.area_name,
            annual=annual,
        )

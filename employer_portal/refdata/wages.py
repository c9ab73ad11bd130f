"""Prevailing wage lookup over Job Bank figures: economic region, then province, then Canada.

In: `WageFigure` rows of one data version, suppressed cells included. Out:
`WageLookup` (the figure used, or why there is none) and `PrevailingWage`.
A row that is present with no median means "Job Bank publishes no figure here"
and the lookup falls through to the next level, as ESDC's GTS requirements page
says ("If the median wage is listed as 'N/A', consult the provincial or
territorial wage"); a row that is absent means the set in force was not loaded
for that place (a partial import), which is not the same thing and is said so.
Annual-rate occupations are turned into an hourly figure over the job's hours.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable

from employer_portal.refdata.jobbank import PROVINCE_ER_CODES, WageFigure

STANDARD_HOURS_PER_WEEK = 40.0
WEEKS_PER_YEAR = 52
# Float arithmetic (a yearly wage over 52 weeks of hours) must not make an equal wage "below".
_CENT_FRACTION = 1e-9


def hourly_from(amount: float | None, period: str | None, hours_per_week: float | None) -> float | None:
    """A wage per hour: an hourly amount as it is, a yearly one over its weekly hours for 52 weeks.
    None when the amount (or, for a yearly wage, the hours) is missing."""
    if amount is None:
        return None
    if period == "hour":
        return float(amount)
    if period == "year" and hours_per_week:
        return float(amount) / (hours_per_week * WEEKS_PER_YEAR)
    return None


def below_prevailing(hourly: float, prevailing: "PrevailingWage") -> bool:
    """The one comparison of a wage with the prevailing wage: the compliance check and the wage-drift alerts."""
    return hourly < prevailing.hourly - _CENT_FRACTION


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
    # (code, name, "given" | "city"): the job's economic region and how it was found (API.md Amendments 2026-12).
    economic_region: tuple[str, str, str] | None = None

    def to_dict(self) -> dict:
        """The API's `prevailing_wage` object; `economic_region` only when the job's region is known."""
        answer = {
            "hourly": self.hourly,
            "level": self.level,
            "area": self.area,
            "noc_code": self.noc_code,
            "reference_period": self.reference_period,
            "data_version": self.data_version,
        }
        if self.economic_region is not None:
            code, name, found_from = self.economic_region
            answer["economic_region"] = {"code": code, "name": name, "from": found_from}
        return answer

    @property
    def place(self) -> str:
        """Where the figure applies, for messages: "Ottawa (ER3510)", "ON", "Canada"."""
        if self.level == "economic_region":
            return f"{self.area_name} ({self.area})" if self.area_name else self.area
        if self.level == "national":
            return "Canada"
        return self.area_name or self.area


@dataclass(frozen=True, slots=True)
class WageLookup:
    """What the wages set says for a NOC where the job is.

    prevailing: the most precise published median (None when there is none);
    not_loaded: the area ("ER3510", "ON", "CA") whose row the set lacks, where the
    lookup had to stop, else None. prevailing and not_loaded are never both set;
    both None means Job Bank publishes no figure at any level.
    """

    prevailing: PrevailingWage | None
    not_loaded: str | None = None

    @property
    def unpublished(self) -> bool:
        """Every level's row is loaded and suppressed: Job Bank publishes no figure."""
        return self.prevailing is None and self.not_loaded is None


def region_area(province: str | None, economic_region: str | None) -> str | None:
    """The wage-table area of a region: the ER code, or the province for PE/YT/NT/NU (one region each, one row)."""
    if not economic_region:
        return None
    if province and "ER" + PROVINCE_ER_CODES.get(province, "") == economic_region:
        return province
    return economic_region


class WageTable:
    """Job Bank rows of one version, indexed by (NOC, area), suppressed rows kept; read-only once built."""

    __slots__ = ("version", "_rows", "_by_area", "_regions_by_province", "row_count")

    def __init__(self, rows: Iterable[WageFigure], version: str):
        every: dict[tuple[str, str], WageFigure] = {}
        by_area: dict[tuple[str, str], WageFigure] = {}
        regions: dict[tuple[str, str], list[WageFigure]] = {}
        count = 0
        for row in rows:
            count += 1
            every[(row.noc, row.area)] = row
            if row.median is not None:  # a suppressed cell is not a figure
                by_area[(row.noc, row.area)] = row
                if row.level == "economic_region":
                    regions.setdefault((row.noc, row.province), []).append(row)
        self.version = version
        self._rows = MappingProxyType(every)
        self._by_area = MappingProxyType(by_area)
        self._regions_by_province = MappingProxyType({k: tuple(v) for k, v in regions.items()})
        self.row_count = count

    def figure(self, noc: str, area: str) -> WageFigure | None:
        """The published (not suppressed) figure for `noc` in `area` ("CA", "ON", "ER3510"), or None."""
        return self._by_area.get((noc, area))

    def row(self, noc: str, area: str) -> WageFigure | None:
        """The loaded row for `noc` in `area`, published or suppressed; None when the set has no such row."""
        return self._rows.get((noc, area))

    def highest_region(self, noc: str, province: str | None) -> WageFigure | None:
        """The economic region of `province` with the highest published median for `noc`, or None."""
        regions = self._regions_by_province.get((noc, province), ())
        return max(regions, key=lambda r: (r.median, r.area), default=None)

    def lookup(
        self,
        noc: str,
        province: str | None,
        economic_region: str | None = None,
        *,
        hours_per_week: float | None = None,
    ) -> WageLookup:
        """The prevailing wage where the job is, or why there is none.

        Walks region (when known), province, Canada: a suppressed row falls
        through to the next level; a missing row stops the walk (not loaded).
        The caller makes sure the region lies in the province.
        """
        path = [region_area(province, economic_region), province, "CA"]
        for area in dict.fromkeys(a for a in path if a):
            row = self._rows.get((noc, area))
            if row is None:
                return WageLookup(None, not_loaded=area)
            if row.median is not None:
                return WageLookup(self._prevailing(row, noc, hours_per_week))
        return WageLookup(None)

    def prevailing_wage_for(
        self,
        noc: str,
        province: str | None,
        economic_region: str | None = None,
        *,
        hours_per_week: float | None = None,
    ) -> PrevailingWage | None:
        """The most precise published median for `noc`, skipping levels with no figure or no row (reference pages,
        wage drift); the compliance checks use lookup(), which tells a missing row from a suppressed one.

        An economic region counts only if it lies in `province`. Annual-rate
        figures are divided by hours_per_week x 52 (40 hours when not given).
        """
        figure = None
        area = region_area(province, economic_region)
        if area:
            candidate = self._by_area.get((noc, area))
            if candidate is not None and (province is None or candidate.province == province):
                figure = candidate
        if figure is None and province:
            figure = self._by_area.get((noc, province))
        if figure is None:
            figure = self._by_area.get((noc, "CA"))
        if figure is None:
            return None
        return self._prevailing(figure, noc, hours_per_week)

    def _prevailing(self, figure: WageFigure, noc: str, hours_per_week: float | None) -> PrevailingWage:
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

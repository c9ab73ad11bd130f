"""All reference data a check needs, in memory, with O(1) lookups.

`load_bundled()` builds a `ReferenceData` once from the JSON files shipped in
data/ (cached: every caller shares the same frozen object). The database layer
builds its own from the version in force with `ReferenceData.with_wages(rows,
version)`. Nothing here touches Flask or a database.
"""
from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

from employer_portal.refdata.jobbank import WageFigure
from employer_portal.refdata.noc import NocMatch, NocSet, NocUnitGroup, is_plausible_noc
from employer_portal.refdata.records import (
    AlternativeRoute,
    CusmaProfession,
    ExemptionRoute,
    IctStayLimits,
    OccupationListing,
    ProgramRules,
    QuebecPartnerList,
    ReferralPartner,
    partner_key,
)
from employer_portal.refdata.regions import EconomicRegion, PlaceRegion, RegionTable, load_regions
from employer_portal.refdata.wages import PrevailingWage, WageLookup, WageTable

DATA_DIR = Path(__file__).with_name("data")
FULL_NOC_FILE = "noc_2021.json"
PARTIAL_NOC_FILE = "noc_2021_partial.json"


@dataclass(frozen=True)
class ReferenceData:
    """Every reference set, each with its version; build with load_bundled() or with_wages()."""

    noc_set: NocSet
    occupations: Mapping[str, OccupationListing]
    occupations_version: str
    occupations_list_version: str  # the list's own name, "December 2022"
    occupations_source: str
    partners: tuple[ReferralPartner, ...]
    partners_version: str
    partners_source: str
    cusma_professions: Mapping[str, CusmaProfession]
    cusma_version: str
    exemption_routes: Mapping[str, ExemptionRoute]  # "ict:startup", ..., "cusma"
    exemption_version: str
    rules: ProgramRules
    wages: WageTable
    # From economic_regions.json: Job Bank's economic regions by province and the place -> region table.
    regions: RegionTable | None = None
    # From lmia_exemption_codes.json: ICT caps and the break abroad; routes to name beside a checked one (T37/T38).
    ict_stay_limits: IctStayLimits | None = None
    alternative_routes: tuple[AlternativeRoute, ...] = ()
    # ESDC's Quebec entry points to MIFI's own list of partners (not bundled); MIFI itself is not a partner.
    quebec_partner_list: QuebecPartnerList | None = None
    _partner_index: Mapping[str, ReferralPartner] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Every official name and short name, without case, spacing or punctuation -> the partner.
        index: dict[str, ReferralPartner] = {}
        for partner in self.partners:
            for name in (partner.name, *partner.aliases):
                index.setdefault(partner_key(name), partner)
        object.__setattr__(self, "_partner_index", MappingProxyType(index))

    # --- lookups the rules use -------------------------------------------------
    def noc(self, code: str) -> NocUnitGroup | None:
        return self.noc_set.get(code)

    def search_noc(self, text: str, limit: int = 10) -> list[NocMatch]:
        """NOC picker: unit groups matching a job title, best first (see NocSet.search)."""
        return self.noc_set.search(text, limit)

    def is_plausible_noc(self, code: str) -> bool:
        return is_plausible_noc(code)

    def occupation_listing(self, code: str) -> OccupationListing | None:
        """The code's entry on the Global Talent Occupations List, or None when not listed."""
        return self.occupations.get(code)

    def referral_partner(self, name: str) -> ReferralPartner | None:
        return self._partner_index.get(partner_key(name or ""))

    def is_designated_partner(self, name: str) -> bool:
        """True when `name` is a designated partner (or one of its short names), ignoring case, spacing and punctuation."""
        return self.referral_partner(name) is not None

    def names_quebec_ministry(self, name: str) -> bool:
        """True when `name` is MIFI (Quebec's immigration ministry), which ESDC's list names only as the keeper of
        Quebec's own list of partners: it is not a referral partner."""
        listing = self.quebec_partner_list
        return listing is not None and partner_key(name or "") in {partner_key(n) for n in listing.ministry_names}

    def cusma_profession(self, key: str) -> CusmaProfession | None:
        return self.cusma_professions.get(key)

    def exemption_route(self, program: str, category: str | None = None) -> ExemptionRoute | None:
        """The exemption code and limits for "ict" + category or "cusma"; None for GTS (an LMIA route)."""
        key = f"{program}:{category}" if program == "ict" else program
        return self.exemption_routes.get(key)

    def prevailing_wage_for(
        self, noc: str, province: str | None, economic_region: str | None = None, *, hours_per_week: float | None = None
    ) -> PrevailingWage | None:
        """Job Bank median for the NOC where the job is: economic region, then province, then Canada."""
        return self.wages.prevailing_wage_for(noc, province, economic_region, hours_per_week=hours_per_week)

    def wage_lookup(
        self, noc: str, province: str | None, economic_region: str | None = None, *, hours_per_week: float | None = None
    ) -> WageLookup:
        """What the wages set in force says where the job is: the figure, or "not loaded", or "not published"."""
        return self.wages.lookup(noc, province, economic_region, hours_per_week=hours_per_week)

    def economic_regions(self, province: str | None) -> tuple[EconomicRegion, ...]:
        """The province's Job Bank economic regions (ER 2021), in code order."""
        return self.regions.economic_regions(province) if self.regions else ()

    def economic_region(self, code: str | None, province: str | None = None) -> EconomicRegion | None:
        """The region for "ER3510" or "3510" (None when unknown, or not in `province` when given)."""
        return self.regions.region(code, province) if self.regions else None

    def region_for_place(self, city: str | None, province: str | None) -> PlaceRegion | None:
        """The economic region of a city (Statistics Canada ER 2021 place table), or None when not in the table."""
        return self.regions.region_for_place(city, province) if self.regions else None

    # --- versions ------------------------------------------------------------
    @functools.cached_property
    def versions(self) -> Mapping[str, str]:
        """The version of each set, as a report records it."""
        return MappingProxyType({
            "noc": self.noc_set.version,
            "occupations_list": self.occupations_version,
            "referral_partners": self.partners_version,
            "cusma_professions": self.cusma_version,
            "lmia_exemption_codes": self.exemption_version,
            "program_rules": self.rules.version,
            "wages": self.wages.version,
            # Sets a finding can also depend on: the place -> region table (the wage's region) and the
            # job-titles table (NOC_TITLE_MISMATCH).
            **({"economic_regions": self.regions.version} if self.regions else {}),
            **({"noc_title_synonyms": self.noc_set.synonyms_version} if self.noc_set.synonyms_version else {}),
        })

    # --- builders ------------------------------------------------------------
    def with_wages(self, rows: Iterable[WageFigure], version: str) -> "ReferenceData":
        """A copy holding the given Job Bank rows (e.g. the version in force in the database) instead of the bundled ones."""
        return dataclasses.replace(self, wages=WageTable(rows, version))

    def with_noc_set(self, noc_set: NocSet) -> "ReferenceData":
        return dataclasses.replace(self, noc_set=noc_set)


def _read(name: str, directory: Path) -> dict:
    with open(directory / name, encoding="utf-8") as f:
        return json.load(f)


def load_noc_set(directory: Path = DATA_DIR) -> NocSet:
    """The full NOC 2021 set when noc_2021.json is there and readable, else the partial fallback (complete=False)."""
    for name in (FULL_NOC_FILE, PARTIAL_NOC_FILE):
        path = directory / name
        if not path.exists():
            continue
        try:
            data = _read(name, directory)
            groups = [
                NocUnitGroup(str(g["code"]), g["title"], int(g.get("teer", int(str(g["code"])[1]))), tuple(g.get("examples") or ()))
                for g in data["unit_groups"]
            ]
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            continue  # a half-written or malformed file must not stop the checks; fall back
        # A partial file says so; a full file is complete only if it has every unit group.
        complete = None if data.get("complete", True) else False
        return NocSet.build(groups, version=data.get("version", name), source=data.get("source", ""), complete=complete)
    return NocSet.build([], version="none", source="", complete=False)


def wage_rows_from_json(data: dict) -> list[WageFigure]:
    columns = data["columns"]
    return [WageFigure(**dict(zip(columns, row))) for row in data["rows"]]


def load_from(directory: Path) -> ReferenceData:
    """Build ReferenceData from a directory of the project's JSON sets."""
    occupations = _read("gts_occupations_list.json", directory)
    partners = _read("gts_referral_partners.json", directory)
    cusma = _read("cusma_professions.json", directory)
    codes = _read("lmia_exemption_codes.json", directory)
    rules = _read("program_rules.json", directory)
    wages = _read("jobbank_wages_2025.json", directory)

    return ReferenceData(
        noc_set=load_noc_set(directory),
        occupations=MappingProxyType({o["noc"]: OccupationListing.from_json(o) for o in occupations["occupations"]}),
        occupations_version=occupations["version"],
        occupations_list_version=occupations["list_version"],
        occupations_source=occupations["source"],
        partners=tuple(ReferralPartner.from_json(p) for p in partners["partners"]),
        partners_version=partners["version"],
        partners_source=partners["source"],
        quebec_partner_list=QuebecPartnerList.from_json(partners["quebec_partner_list"]),
        cusma_professions=MappingProxyType({p["key"]: CusmaProfession.from_json(p) for p in cusma["professions"]}),
        cusma_version=cusma["version"],
        exemption_routes=MappingProxyType({k: ExemptionRoute.from_json(v) for k, v in codes["routes"].items()}),
        exemption_version=codes["version"],
        ict_stay_limits=IctStayLimits.from_json(codes["ict_stay_limits"]),
        alternative_routes=tuple(AlternativeRoute.from_json(k, v) for k, v in codes["routes_to_consider"].items()),
        rules=ProgramRules.from_json(rules),
        wages=WageTable(wage_rows_from_json(wages), wages["version"]),
        regions=load_regions(directory / "economic_regions.json"),
    )


@functools.lru_cache(maxsize=1)
def load_bundled() -> ReferenceData:
    """The reference data shipped with the project, built once per process."""
    return load_from(DATA_DIR)

"""The records of each reference-data set, as plain frozen dataclasses.

Each `from_json` takes one entry of the project's bundled JSON (see data/) and
returns the record the rules read; nothing here knows about files or databases.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OccupationListing:
    """A NOC 2021 code on the GTS Global Talent Occupations List (Category B).

    hourly_floor is the binding minimum where the list has one (else None: the
    prevailing wage applies); the annual figure is illustrative only.
    """

    noc: str
    title: str
    rows: tuple[int, ...]
    subset_only: bool
    subset_condition: str | None
    hourly_floor: float | None
    annual_floor_illustrative: float | None

    @classmethod
    def from_json(cls, entry: dict) -> "OccupationListing":
        return cls(
            noc=entry["noc"], title=entry["title"], rows=tuple(entry["rows"]),
            subset_only=entry["subset_only"], subset_condition=entry["subset_condition"],
            hourly_floor=entry["hourly_floor"], annual_floor_illustrative=entry["annual_floor_illustrative"],
        )


def partner_key(name: str) -> str:
    """A referral partner's name without case, spacing, punctuation or accents, "&" read as "and".

    "Communitech Corp." -> "communitechcorp"; "Science & Technology" and "Science and Technology" give the same key,
    as do "Québec" and "Quebec" (ESDC prints some names with "&", people type "and"; review F-03).
    """
    text = unicodedata.normalize("NFKD", name.casefold().replace("&", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", text)


@dataclass(frozen=True, slots=True)
class ReferralPartner:
    """A GTS Category A designated referral partner; provinces empty = pan-Canadian."""

    name: str
    region: str
    provinces: tuple[str, ...]
    aliases: tuple[str, ...]

    @classmethod
    def from_json(cls, entry: dict) -> "ReferralPartner":
        return cls(entry["name"], entry["region"], tuple(entry["provinces"]), tuple(entry["aliases"]))


@dataclass(frozen=True, slots=True)
class QuebecPartnerList:
    """ESDC's Quebec entry "Quebec's MIFI (Quebec's designated referral partners)": a pointer to Quebec's own list.

    MIFI (Quebec's immigration ministry) publishes that list; it does not refer positions itself. The list is not
    bundled (`status` says so); `ministry_names` are the ways people name MIFI, which are not a partner.
    """

    printed_as: str
    status: str
    ministry_names: tuple[str, ...]
    source: str

    @classmethod
    def from_json(cls, entry: dict) -> "QuebecPartnerList":
        return cls(entry["printed_as"], entry["status"], tuple(entry["ministry_names"]), entry["source"])


@dataclass(frozen=True, slots=True)
class CusmaProfession:
    """One of the 63 CUSMA Appendix 2 professions and the credentials that meet its minimum.

    Any one of these is enough: a degree (bachelor or higher) where
    degree_accepted; the named degree at named_degree_min_level or higher; a
    diploma/certificate plus diploma_plus_years of experience; a state or
    provincial licence where licence_accepted; experience_only_years of
    experience. degree_kinds_accepted says which degree counts (("licenciatura",)
    where Appendix 2 names only a Licenciatura Degree). A Scientific
    Technician/Technologist (no_degree_required) instead needs
    theory_min_years_of_study of post-secondary study and a supported professional
    in one of supported_disciplines (discipline -> profession keys).
    noc_prefixes: NOC 2021 unit-group prefixes usually used for the profession
    (empty: not mapped), with noc_groups_status ("derived, verify").
    """

    key: str
    profession: str
    requirement: str
    degree_accepted: bool
    degree_note: str | None
    named_degree_min_level: str | None
    no_degree_required: bool
    diploma_plus_years: int | None
    licence_accepted: bool
    experience_only_years: int | None
    experience_note: str | None
    other_credentials: str | None
    degree_kinds_accepted: tuple[str, ...] = ()
    destination_licence_required: bool = False
    noc_prefixes: tuple[str, ...] = ()
    noc_groups_status: str | None = None
    field_keywords: tuple[str, ...] = ()
    supported_disciplines: tuple[tuple[str, tuple[str, ...]], ...] = ()
    theory_min_years_of_study: float | None = None

    @classmethod
    def from_json(cls, entry: dict) -> "CusmaProfession":
        noc_groups = entry.get("noc_groups") or {}
        default_kinds = ("degree", "licenciatura") if entry["degree_accepted"] else ()
        return cls(
            key=entry["key"], profession=entry["profession"], requirement=entry["requirement"],
            degree_accepted=entry["degree_accepted"], degree_note=entry["degree_note"],
            named_degree_min_level=entry["named_degree_min_level"], no_degree_required=entry["no_degree_required"],
            diploma_plus_years=entry["diploma_plus_years"], licence_accepted=entry["licence_accepted"],
            experience_only_years=entry["experience_only_years"], experience_note=entry["experience_note"],
            other_credentials=entry["other_credentials"],
            degree_kinds_accepted=tuple(entry.get("degree_kinds_accepted", default_kinds)),
            destination_licence_required=entry.get("destination_licence_required", False),
            noc_prefixes=tuple(noc_groups.get("prefixes", ())), noc_groups_status=noc_groups.get("status"),
            field_keywords=tuple(entry.get("field_keywords") or ()),
            supported_disciplines=tuple((d, tuple(keys)) for d, keys in (entry.get("supported_disciplines") or {}).items()),
            theory_min_years_of_study=entry.get("theory_min_years_of_study"),
        )

    def discipline_of(self, profession_key: str) -> str | None:
        """For a Scientific Technician/Technologist: the listed discipline of the supported profession, or None."""
        return next((d for d, keys in self.supported_disciplines if profession_key in keys), None)


@dataclass(frozen=True, slots=True)
class ExemptionRoute:
    """The LMIA exemption code a route gives for new hires, with its duration limits (months)."""

    code: str
    replaced: str
    paragraph: str
    initial_max_months: int | None
    total_cap_months: int | None

    @classmethod
    def from_json(cls, entry: dict) -> "ExemptionRoute":
        return cls(entry["code"], entry["replaced"], entry["paragraph"], entry["initial_max_months"], entry["total_cap_months"])


@dataclass(frozen=True, slots=True)
class AlternativeRoute:
    """A route worth naming beside one the hire is checked for (e.g. CUSMA ICT T37/T38 beside C62/C63).

    for_ict_categories: the ICT categories it is an alternative to; citizenships: who may use it.
    """

    key: str
    code: str
    replaced: str
    paragraph: str
    title: str
    for_ict_categories: tuple[str, ...]
    citizenships: frozenset[str]
    initial_max_months: int | None
    total_cap_months: int | None
    wage_floor: str
    source: str

    @classmethod
    def from_json(cls, key: str, entry: dict) -> "AlternativeRoute":
        return cls(
            key=key, code=entry["code"], replaced=entry["replaced"], paragraph=entry["paragraph"], title=entry["title"],
            for_ict_categories=tuple(entry["for_ict_categories"]), citizenships=frozenset(entry["citizenships"]),
            initial_max_months=entry["initial_max_months"], total_cap_months=entry["total_cap_months"],
            wage_floor=entry["wage_floor"], source=entry["source"],
        )


@dataclass(frozen=True, slots=True)
class IctStayLimits:
    """ICT time limits in Canada (months): each category's cap, the cap over all categories, and the break abroad
    (full-time months with the enterprise outside Canada) after which earlier ICT time no longer counts."""

    category_cap_months: tuple[tuple[str, int], ...]
    all_categories_cap_months: int
    months_abroad_to_restart: int
    recapture_min_days: int
    source: str

    @classmethod
    def from_json(cls, entry: dict) -> "IctStayLimits":
        return cls(
            category_cap_months=tuple(entry["category_cap_months"].items()),
            all_categories_cap_months=entry["all_categories_cap_months"],
            months_abroad_to_restart=entry["months_abroad_to_restart"],
            recapture_min_days=entry["recapture_min_days"],
            source=entry["source"],
        )

    def category_cap(self, category: str) -> int | None:
        """The category's own cap, or None (start-up C61 has none: 1 year, no extension under C61)."""
        return dict(self.category_cap_months).get(category)


@dataclass(frozen=True, slots=True)
class CategoryAFloor:
    """GTS Category A wage floor from the `from_position`-th position of a calendar year: both figures must be met."""

    from_position: int
    hourly: float
    annual: float
    source: str


@dataclass(frozen=True, slots=True)
class GtsTiming:
    """ESDC's GTS service standards and the LMIA submission window (GTS overview page)."""

    lmia_business_days: int  # LMIA decision: 10 business days, 80% of the time, from the first business day after receipt
    permit_business_days: int  # IRCC work permit: 10 business days, 80% of the time
    submission_window_months: int  # an LMIA can be submitted up to 6 months before the job starts
    source: str

    @classmethod
    def from_json(cls, entry: dict) -> "GtsTiming":
        return cls(entry["lmia_service_standard_business_days"], entry["permit_service_standard_business_days"],
                   entry["lmia_submission_window_months"], entry["source"])


@dataclass(frozen=True, slots=True)
class CusmaRules:
    """CUSMA Professionals facts beyond the profession list, from the "cusma" block of data/program_rules.json.

    citizenships_counted_as: a code -> (the citizenship it counts as, the place), e.g. PR -> US (Puerto Rico);
    citizenships_not_covered: U.S. territories whose citizens CUSMA does not cover -> their names.
    """

    citizenship_source: str
    citizenships_counted_as: tuple[tuple[str, str, str], ...]
    citizenships_not_covered: tuple[tuple[str, str], ...]
    max_teer: int
    teer_source: str
    post_secondary_min_years: float
    diploma_countries: frozenset[str]
    certificate_countries: frozenset[str]
    post_secondary_source: str

    @classmethod
    def from_json(cls, cusma: dict) -> "CusmaRules":
        post = cusma["post_secondary"]
        return cls(
            citizenship_source=cusma["citizenship_source"],
            citizenships_counted_as=tuple((code, e["counts_as"], e["place"]) for code, e in cusma["citizenships_counted_as"].items()),
            citizenships_not_covered=tuple(cusma["citizenships_not_covered"].items()),
            max_teer=cusma["max_teer"], teer_source=cusma["teer_source"],
            post_secondary_min_years=post["min_years_of_study"],
            diploma_countries=frozenset(post["diploma_countries"]),
            certificate_countries=frozenset(post["certificate_countries"]),
            post_secondary_source=post["source"],
        )


@dataclass(frozen=True, slots=True)
class ProgramRules:
    """Thresholds, fees and lists the rules use, from data/program_rules.json."""

    version: str
    gts_source: str
    category_a_floors: tuple[CategoryAFloor, ...]
    talent_advanced_degrees: frozenset[str]
    talent_min_years_experience: float
    gts_max_months: int
    gts_max_months_source: str
    registration_provinces: frozenset[str]
    registration_source: str
    lmia_fee: float
    lmia_fee_source: str
    ict_source: str
    ict_qualifying_relationships: frozenset[str]
    ict_min_continuous_months: int
    ict_specialized_min_months: int
    cusma_source: str
    cusma_citizenships: frozenset[str]
    cusma: CusmaRules
    compliance_fee: float
    compliance_fee_source: str
    quebec_province: str
    quebec_source: str
    gts_timing: GtsTiming | None = None

    @classmethod
    def from_json(cls, data: dict) -> "ProgramRules":
        gts, ict, cusma = data["gts"], data["ict"], data["cusma"]
        floors = sorted(
            (CategoryAFloor(f["from_position"], f["hourly"], f["annual"], f["source"]) for f in gts["category_a_floors"]),
            key=lambda f: f.from_position,
        )
        return cls(
            version=data["version"],
            gts_source=gts["source"],
            category_a_floors=tuple(floors),
            talent_advanced_degrees=frozenset(gts["talent_advanced_degrees"]),
            talent_min_years_experience=gts["talent_min_years_experience"],
            gts_max_months=gts["max_months_without_rationale"],
            gts_max_months_source=gts["max_months_source"],
            registration_provinces=frozenset(gts["provincial_registration_provinces"]),
            registration_source=gts["provincial_registration_source"],
            lmia_fee=gts["lmia_fee"],
            lmia_fee_source=gts["lmia_fee_source"],
            ict_source=ict["source"],
            ict_qualifying_relationships=frozenset(ict["qualifying_relationships"]),
            ict_min_continuous_months=ict["min_continuous_months"],
            ict_specialized_min_months=ict["specialized_min_months"],
            cusma_source=cusma["source"],
            cusma_citizenships=frozenset(cusma["citizenships"]),
            cusma=CusmaRules.from_json(cusma),
            compliance_fee=data["employer_portal"]["compliance_fee"],
            compliance_fee_source=data["employer_portal"]["source"],
            quebec_province=data["quebec"]["province"],
            quebec_source=data["quebec"]["source"],
            gts_timing=GtsTiming.from_json(gts["timing"]) if "timing" in gts else None,
        )

    def category_a_floor(self, positions_already_this_year: int) -> CategoryAFloor:
        """The floor for the next Category A position, given how many the employer already has this calendar year."""
        position = positions_already_this_year + 1
        floor = self.category_a_floors[0]
        for candidate in self.category_a_floors:
            if candidate.from_position <= position:
                floor = candidate
        return floor

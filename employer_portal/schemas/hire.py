"""The hire payload of API.md, validated once for the API, the forms and the engine.

Every field is optional here so that a partial draft validates; `missing_fields`
says what a complete hire still lacks for its program. The models are plain
data (no Flask, no database), so the compliance rules, the checklist builder and
the deadline calculator take them as they are.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from employer_portal.schemas.dates import PlausibleDate
from employer_portal.schemas.text import NoControlCharacters, NoControlCharactersButBreaks

PROGRAMS = ("gts_a", "gts_b", "ict", "cusma")
# Each route's name, in one table: (short, on pages and lists; in full, on printed documents).
PROGRAM_NAMES = {
    "gts_a": ("GTS Category A", "Global Talent Stream, Category A"),
    "gts_b": ("GTS Category B", "Global Talent Stream, Category B"),
    "ict": ("Intra-Company Transfer (ICT)", "Intra-Company Transfer"),
    "cusma": ("CUSMA Professional", "CUSMA Professional"),
}
PROGRAM_LABELS = {program: short for program, (short, _full) in PROGRAM_NAMES.items()}
PROGRAM_FULL_NAMES = {program: full for program, (_short, full) in PROGRAM_NAMES.items()}
PROVINCES = ("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT")
EDUCATION_LEVELS = ("none", "secondary", "certificate", "diploma", "bachelor", "master", "doctorate")
ICT_RELATIONSHIPS = ("parent", "subsidiary", "branch", "affiliate", "none")
ICT_CATEGORIES = ("startup", "executive_manager", "specialized_knowledge")
# Each ICT category's IRCC exemption code (since 2022-12-15; C12 before).
ICT_CATEGORY_CODES = {"startup": "C61", "executive_manager": "C62", "specialized_knowledge": "C63"}
# A hire's statuses, and the groups the features ask about.
HIRE_STATUSES = ("draft", "submitted", "filed", "approved", "refused", "withdrawn", "active", "ended")
SUBMITTED_STATUSES = tuple(status for status in HIRE_STATUSES if status != "draft")  # report frozen, dates apply
IN_FORCE_STATUSES = ("submitted", "filed", "approved", "active")  # the offer's terms hold: wages and terms checked
STOPPED_STATUSES = frozenset({"refused", "withdrawn", "ended"})  # the worker is not (or no longer) employed
WAGE_PERIODS = ("year", "hour")
PERMIT_APPLICATION_FROM = ("outside_canada", "inside_canada")
CUSMA_CREDENTIAL_KINDS = ("degree", "licenciatura", "licence", "post_secondary_diploma", "post_secondary_certificate", "none")

Program = Literal["gts_a", "gts_b", "ict", "cusma"]
Province = Literal["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), NoControlCharacters]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), NoControlCharactersButBreaks]


def _country_code(value: str) -> str:
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code")
    return code


CountryCode = Annotated[str, AfterValidator(_country_code)]


def _noc_code(value: str) -> str:
    code = value.strip()
    # Shape only: whether it is a real NOC 2021 unit group is a finding (NOC_UNKNOWN), not a 422.
    if not re.fullmatch(r"\d{1,6}", code):
        raise ValueError("a NOC code is made of digits, e.g. 21231")
    return code


NocCode = Annotated[str, AfterValidator(_noc_code)]


def _economic_region(value: str) -> str:
    code = value.strip().upper().replace(" ", "")
    if code.startswith("ER"):
        code = code[2:]
    if not re.fullmatch(r"\d{2,4}", code):
        raise ValueError("an economic region is Job Bank's code, e.g. ER3510 or 3510")
    return "ER" + code


def _passport_number(value: str) -> str:
    number = value.strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{5,20}", number):
        raise ValueError("a passport number has 5 to 20 letters and digits")
    return number


class _Block(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Worker(_Block):
    given_name: ShortText | None = None
    family_name: ShortText | None = None
    email: EmailStr | None = None
    citizenships: list[CountryCode] | None = Field(default=None, max_length=10)
    highest_education: Literal[EDUCATION_LEVELS] | None = None  # type: ignore[valid-type]
    field_of_study: ShortText | None = None
    years_experience: float | None = Field(default=None, ge=0, le=70)
    passport_number: Annotated[str, AfterValidator(_passport_number)] | None = None
    date_of_birth: dt.date | None = None

    @field_validator("date_of_birth")
    @classmethod
    def _plausible_birth_date(cls, born):
        if born is not None and (born > dt.date.today() or born.year < 1900):
            raise ValueError("the date of birth is not plausible")
        return born


class Wage(_Block):
    period: Literal["year", "hour"] | None = None
    amount: float | None = Field(default=None, gt=0)

    @field_validator("amount")
    @classmethod
    def _plausible_amount(cls, amount, info: ValidationInfo):
        period = info.data.get("period")
        ceiling = 2_000_000 if period == "year" else 1_000 if period == "hour" else 2_000_000
        if amount is not None and amount > ceiling:
            raise ValueError(f"a wage above {ceiling:,} a {period or 'year'} is not plausible")
        return amount


class Position(_Block):
    title: ShortText | None = None
    noc_code: NocCode | None = None
    duties: LongText | None = None
    province: Province | None = None
    # Job Bank's code with or without "ER" (API.md Amendments 2026-12); stored as "ER3510".
    economic_region: Annotated[str, AfterValidator(_economic_region)] | None = None
    city: ShortText | None = None
    wage: Wage | None = None
    hours_per_week: float | None = Field(default=None, gt=0, le=80)
    start_date: PlausibleDate | None = None
    end_date: PlausibleDate | None = None

    @field_validator("end_date")
    @classmethod
    def _end_after_start(cls, end_date, info: ValidationInfo):
        start_date = info.data.get("start_date")
        if end_date and start_date and end_date <= start_date:
            raise ValueError("the end date must be after the start date")
        return end_date


class Filing(_Block):
    """When the LMIA and the work permit are (to be) applied for; deadlines and the ICT 3-year window anchor here."""

    lmia_application_date: PlausibleDate | None = None
    permit_application_date: PlausibleDate | None = None
    permit_application_from: Literal[PERMIT_APPLICATION_FROM] | None = None  # type: ignore[valid-type]


class GtsDetails(_Block):
    referral_partner: Annotated[
        str, StringConstraints(strip_whitespace=True, max_length=200), NoControlCharacters
    ] | None = None
    referral_date: PlausibleDate | None = None
    category_a_positions_this_year: int | None = Field(default=None, ge=0, le=1000)


class EmploymentPeriod(_Block):
    """Employment with the foreign enterprise; `end` None = still employed there."""

    start: dt.date
    end: dt.date | None = None
    full_time: bool = True

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end, info: ValidationInfo):
        start = info.data.get("start")
        if end is not None and start is not None and end < start:
            raise ValueError("the end of a period cannot be before its start")
        return end


class PriorStay(_Block):
    """Earlier ICT time in Canada in one category, in months."""

    category: Literal[ICT_CATEGORIES]  # type: ignore[valid-type]
    months: int = Field(ge=0, le=600)


class IctDetails(_Block):
    foreign_employer: ShortText | None = None
    relationship: Literal[ICT_RELATIONSHIPS] | None = None  # type: ignore[valid-type]
    category: Literal[ICT_CATEGORIES] | None = None  # type: ignore[valid-type]
    continuous_full_time_months: int | None = Field(default=None, ge=0, le=600)
    prior_ict_months_in_canada: int | None = Field(default=None, ge=0, le=600)
    employment_periods: list[EmploymentPeriod] | None = Field(default=None, max_length=20)
    prior_stays: list[PriorStay] | None = Field(default=None, max_length=20)
    months_abroad_since_last_stay: int | None = Field(default=None, ge=0, le=600)


class CusmaCredential(_Block):
    """The credential behind worker.highest_education: its kind, length of study and country."""

    kind: Literal[CUSMA_CREDENTIAL_KINDS] | None = None  # type: ignore[valid-type]
    years_of_study: float | None = Field(default=None, ge=0, le=15)
    country: CountryCode | None = None


ProfessionKey = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class CusmaDetails(_Block):
    profession: ProfessionKey | None = None
    licensed: bool = False
    worker_controls_employer: bool = False
    credential: CusmaCredential | None = None
    supported_profession: ProfessionKey | None = None
    # Project field: the province that issued the worker's licence (a Registered Nurse needs the destination's).
    licence_province: Province | None = None


class HirePayload(_Block):
    """A hire as HR describes it; `program` left out means "compare every route"."""

    program: Program | None = None
    worker: Worker = Field(default_factory=Worker)
    position: Position = Field(default_factory=Position)
    filing: Filing | None = None
    gts: GtsDetails | None = None
    ict: IctDetails | None = None
    cusma: CusmaDetails | None = None


# What a check needs to say anything definite, per program (dotted paths).
_REQUIRED_ALWAYS = (
    "position.noc_code",
    "position.province",
    "position.wage.amount",
    "position.wage.period",
    "position.hours_per_week",
    "position.start_date",
    "position.end_date",
)
_REQUIRED_BY_PROGRAM = {
    "gts_a": ("worker.highest_education", "worker.years_experience"),
    "gts_b": (),
    "ict": ("ict.relationship", "ict.category", "ict.continuous_full_time_months"),
    "cusma": ("worker.citizenships", "worker.highest_education", "cusma.profession"),
}


def _get_path(payload: HirePayload, path: str):
    value = payload
    for part in path.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value


def missing_fields(payload: HirePayload, program: str | None = None) -> list[str]:
    """Dotted paths a complete hire of `program` (default: its own) still lacks."""
    program = program or payload.program
    paths = list(_REQUIRED_ALWAYS)
    if program:
        paths += _REQUIRED_BY_PROGRAM[program]
    if program == "ict" and payload.ict is not None and payload.ict.employment_periods:
        # The periods decide the 12-month test (API.md Amendments 2026-12); the month count is then optional.
        paths.remove("ict.continuous_full_time_months")
    return [p for p in paths if _get_path(payload, p) in (None, [], "")]


def stored_hire_payload(stored: dict | None, program: str | None) -> HirePayload:
    """The one conversion of a stored hire into a `HirePayload`: its JSON payload under the hire's route.
    The checklist, the deadlines and the report read hires through it (the report with the decrypted
    identifiers put back first: hires.service.hire_payload)."""
    payload = HirePayload.model_validate(stored or {})
    if program and payload.program != program:
        payload = payload.model_copy(update={"program": program})
    return payload

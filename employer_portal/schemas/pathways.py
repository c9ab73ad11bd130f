"""The pathways request (issue 11): a candidate profile, the job and the permit, validated once.

Used by `POST /api/v1/pathways` and by the hire's stored profile (which builds one of these);
`employer_portal.pathways.outlook(request)` turns it into the permanent-residence outlook.

Every candidate field is optional so that a partial profile still validates; the outlook says
what it could not score (`missing`), and the API turns `missing_fields` into a 422. Language
results come either as CLB/NCLC levels per ability or as raw scores of an accepted test, which
the engine converts with the bundled IRCC equivalency tables (status SECONDARY: "verify").
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from employer_portal.schemas.dates import EARLIEST_YEAR, LATEST_YEAR
from employer_portal.schemas.hire import Province

MARITAL_STATUSES = ("single", "married_accompanying", "married_not_accompanying")
# The CRS education rows (IRCC CRS criteria, S1), lowest first.
EDUCATION_LEVELS = (
    "less_than_secondary", "secondary", "one_year", "two_year", "bachelor", "two_or_more", "master", "doctorate",
)
LANGUAGES = ("english", "french")
PERMIT_PROGRAMS = ("gts_a", "gts_b", "ict", "cusma")
ABILITIES = ("listening", "reading", "writing", "speaking")
# Accepted tests (IRCC test equivalency charts, S11) and the language each one measures.
TEST_LANGUAGE = {
    "ielts_general": "english",
    "celpip_general": "english",
    "pte_core": "english",
    "tef_canada": "french",
    "tcf_canada": "french",
}

MaritalStatus = Literal["single", "married_accompanying", "married_not_accompanying"]
Education = Literal[
    "less_than_secondary", "secondary", "one_year", "two_year", "bachelor", "two_or_more", "master", "doctorate",
]
Clb = Annotated[int, Field(ge=0, le=12)]
Score = Annotated[float, Field(ge=0, le=900)]
Years = Annotated[int, Field(ge=0, le=60)]


def _plausible_year(value: dt.date) -> dt.date:
    # Same window as the hire dates (schemas/dates.py): outside it is a typing mistake, and date sums stay in range.
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"the year must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value


Day = Annotated[dt.date, AfterValidator(_plausible_year)]


def _noc_2021(value: str) -> str:
    code = value.strip()
    if not re.fullmatch(r"\d{5}", code):
        raise ValueError("a NOC 2021 code has 5 digits, e.g. 21231")
    return code


class _Block(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class LanguageClb(_Block):
    """CLB (English) or NCLC (French) level for each of the four abilities."""

    listening: Clb
    reading: Clb
    writing: Clb
    speaking: Clb

    def levels(self) -> dict[str, int]:
        return {ability: getattr(self, ability) for ability in ABILITIES}


class LanguageTest(_Block):
    """Raw results of one accepted test; converted to CLB/NCLC by the bundled tables.

    IELTS General Training bands (0-9), CELPIP-General levels (0-12), PTE Core scores (10-90),
    TEF Canada scores (0-699; tables for tests taken after 2023-12-10), TCF Canada scores
    (listening/reading 100-699, writing/speaking 0-20).
    """

    test: Literal["ielts_general", "celpip_general", "pte_core", "tef_canada", "tcf_canada"]
    listening: Score
    reading: Score
    writing: Score
    speaking: Score
    taken_on: Day | None = None

    @model_validator(mode="after")
    def _tef_table_in_use(self):
        # The bundled TEF table is for tests taken after 2023-12-10; older results use another chart.
        if self.test == "tef_canada" and self.taken_on is not None and self.taken_on <= dt.date(2023, 12, 10):
            raise ValueError("TEF Canada results from before 2023-12-11 use an older chart: enter the NCLC levels")
        return self

    @property
    def language(self) -> str:
        return TEST_LANGUAGE[self.test]


class Spouse(_Block):
    education: Education | None = None
    first_language_clb: LanguageClb | None = None
    first_language_test: LanguageTest | None = None
    canadian_experience_years: Years = 0


class Candidate(_Block):
    age: int | None = Field(default=None, ge=0, le=120)
    marital_status: MaritalStatus = "single"
    education: Education | None = None
    canadian_education_years: Years = 0
    first_language: Literal["english", "french"] = "english"
    first_language_clb: LanguageClb | None = None
    first_language_test: LanguageTest | None = None
    second_language_clb: LanguageClb | None = None
    second_language_test: LanguageTest | None = None
    canadian_experience_years: Years = 0
    foreign_experience_years: Years = 0
    certificate_of_qualification: bool = False
    sibling_in_canada: bool = False
    provincial_nomination: bool = False
    spouse: Spouse | None = None
    # Planning dates (issue item 1: ECA date); optional, they only move the timeline.
    eca_date: Day | None = None
    language_test_date: Day | None = None

    @model_validator(mode="after")
    def _tests_match_languages(self):
        second = "french" if self.first_language == "english" else "english"
        if self.first_language_test is not None and self.first_language_test.language != self.first_language:
            raise ValueError(f"first_language_test must be a test of {self.first_language}")
        if self.second_language_test is not None and self.second_language_test.language != second:
            raise ValueError(f"second_language_test must be a test of {second}")
        return self


class Job(_Block):
    noc_code: Annotated[str, AfterValidator(_noc_2021)] | None = None
    province: Province | None = None
    start_date: Day | None = None
    hours_per_week: float | None = Field(default=None, gt=0, le=80)


class Permit(_Block):
    expires: Day | None = None
    # Optional: which permit the worker holds (FSW arranged employment, ICT caps) and the ICT cap date.
    program: Literal["gts_a", "gts_b", "ict", "cusma"] | None = None
    cap_date: Day | None = None


class PathwaysRequest(_Block):
    as_of: Day | None = None
    candidate: Candidate = Field(default_factory=Candidate)
    job: Job = Field(default_factory=Job)
    permit: Permit = Field(default_factory=Permit)


# What the stateless API needs for a full outlook (dotted paths, as the 422 names them).
REQUIRED_FIELDS = (
    "as_of",
    "candidate.age",
    "candidate.education",
    "job.noc_code",
    "job.province",
    "job.start_date",
    "job.hours_per_week",
    "permit.expires",
)


def missing_fields(request: PathwaysRequest) -> list[str]:
    """Dotted paths of what a full outlook still lacks (first-language results count either way)."""
    missing = []
    for path in REQUIRED_FIELDS:
        value = request
        for part in path.split("."):
            value = getattr(value, part)
        if value is None:
            missing.append(path)
    candidate = request.candidate
    if candidate.first_language_clb is None and candidate.first_language_test is None:
        missing.append("candidate.first_language_clb")
    return missing

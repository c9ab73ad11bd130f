"""What goes into a checklist PDF, as plain data, and its input hash.

`ChecklistDocument` is assembled by the caller (the build job) from the hire,
its compliance report, its checklist statuses and its deadlines; the renderer
only prints it. `input_hash(doc)` is a sha256 over everything that changes the
PDF except the generation time, so an unchanged document need not be re-rendered.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from employer_portal.checklists.builder import ChecklistItem
from employer_portal.schemas.hire import PROGRAM_FULL_NAMES, HirePayload

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates" / "checklists" / "pdf"

ROUTE_LABELS = PROGRAM_FULL_NAMES  # the route's name in full, as printed documents show it
NO_ROUTE_LABEL = "Route not chosen yet"


def route_label(program: str | None) -> str:
    """The route's name as a printed document shows it."""
    return ROUTE_LABELS.get(program or "", NO_ROUTE_LABEL)


@dataclass(frozen=True)
class HireSummary:
    """The hire as the PDF's summary block shows it (all text, pre-formatted where useful)."""

    worker_name: str
    job_title: str | None = None
    noc_code: str | None = None
    noc_title: str | None = None
    place: str | None = None  # "Toronto, ON"
    wage: str | None = None  # "$135,000 a year"
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    duties: str | None = None
    # (label, text) facts of the route and the filing (API.md Amendments 2026-12), in print order.
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DocumentItem:
    """A checklist item with its recorded status (`missing`, `received`, `waived`, `not_applicable`)."""

    item: ChecklistItem
    status: str = "missing"
    note: str | None = None  # e.g. the reason an item was waived


@dataclass(frozen=True)
class DeadlineLine:
    title: str
    due_date: dt.date


@dataclass(frozen=True)
class PathwayLine:
    """One line of the optional Pathways section (issue 11): a label, its text, and how sure it is."""

    label: str
    text: str
    verify: bool = False  # not from an official copy: printed with "verify on the official page"
    guidance: bool = False  # a planning date derived from the rules, not a rule
    source: str | None = None


@dataclass(frozen=True)
class PathwaysSection:
    """The permanent-residence outlook as printed (built by pathways_hire.pdf; None when left out)."""

    scores: tuple[PathwayLine, ...] = ()
    programs: tuple[PathwayLine, ...] = ()
    timeline: tuple[PathwayLine, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistDocument:
    """Everything printed in a hire's checklist PDF.

    `findings` are the API's finding dicts (`code`, `severity`, `field`,
    `message`, `source`); `versions` holds at least `rules` and `reference_data`.
    """

    employer_name: str
    hire: HireSummary
    route_label: str
    lmia_code: str | None  # "LMIA required", "C63", "T36" …
    findings: list[dict] = field(default_factory=list)
    items: list[DocumentItem] = field(default_factory=list)
    deadlines: list[DeadlineLine] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    generated_at: dt.datetime | None = None
    pathways: PathwaysSection | None = None


def format_wage(amount: float | None, period: str | None) -> str | None:
    """135000, "year" -> "$135,000 a year"; 62.5, "hour" -> "$62.50 an hour"."""
    if amount is None:
        return None
    if period == "hour":
        return f"${amount:,.2f} an hour"
    text = f"${amount:,.0f}" if float(amount).is_integer() else f"${amount:,.2f}"
    return f"{text} a year" if period == "year" else text


def hire_summary(payload: HirePayload, *, noc_title: str | None = None) -> HireSummary:
    """The summary block from a hire payload (`noc_title` comes from the NOC reference data)."""
    worker, position = payload.worker, payload.position
    name = " ".join(p for p in (worker.given_name, worker.family_name) if p) or "Worker not named yet"
    place = ", ".join(p for p in (position.city, position.province) if p) or None
    wage = position.wage
    return HireSummary(
        worker_name=name,
        job_title=position.title,
        noc_code=position.noc_code,
        noc_title=noc_title,
        place=place,
        wage=format_wage(wage.amount, wage.period) if wage else None,
        start_date=position.start_date,
        end_date=position.end_date,
        duties=position.duties,
        details=tuple(hire_details(payload)),
    )


PERMIT_FROM = {"outside_canada": "outside Canada", "inside_canada": "inside Canada"}
CREDENTIALS = {"degree": "Degree", "licenciatura": "Licenciatura", "licence": "State or provincial licence",
               "post_secondary_diploma": "Post-Secondary Diploma",
               "post_secondary_certificate": "Post-Secondary Certificate", "none": "No degree, diploma or licence"}


def _day(value: dt.date) -> str:
    return value.strftime("%B %-d, %Y")


def _months(count: int) -> str:
    return f"{count} month" if count == 1 else f"{count} months"


def _words(key: str) -> str:
    return key.replace("_", " ")


def hire_details(payload: HirePayload) -> list[tuple[str, str]]:
    """The filing dates and the route's own facts (ICT periods and stays, CUSMA credential) as (label, text)."""
    details: list[tuple[str, str]] = []
    program, filing = payload.program, payload.filing
    if filing is not None:
        if filing.lmia_application_date and program in (None, "gts_a", "gts_b"):
            details.append(("LMIA application", _day(filing.lmia_application_date)))
        if filing.permit_application_date or filing.permit_application_from:
            when = _day(filing.permit_application_date) if filing.permit_application_date else "date not set"
            where = f", from {PERMIT_FROM[filing.permit_application_from]}" if filing.permit_application_from else ""
            details.append(("Work permit application", when + where))
    ict = payload.ict
    if program == "ict" and ict is not None:
        if ict.employment_periods:
            periods = "; ".join(
                f"{_day(p.start)} to {_day(p.end) if p.end else 'now'}{'' if p.full_time else ' (part time)'}"
                for p in sorted(ict.employment_periods, key=lambda p: p.start))
            details.append(("With the foreign enterprise", periods))
        if ict.prior_stays:
            stays = "; ".join(f"{_words(s.category)}: {_months(s.months)}" for s in ict.prior_stays)
            details.append(("Earlier ICT stays in Canada", stays))
        if ict.months_abroad_since_last_stay is not None:
            details.append(("Worked abroad since the last stay", _months(ict.months_abroad_since_last_stay)))
    cusma = payload.cusma
    if program == "cusma" and cusma is not None:
        credential = cusma.credential
        if credential is not None and (credential.kind or credential.years_of_study is not None or credential.country):
            parts = [CREDENTIALS.get(credential.kind, "Credential") if credential.kind else "Credential"]
            if credential.years_of_study is not None:
                years = credential.years_of_study
                parts.append(f"{years:g} year{'' if years == 1 else 's'} of study")
            if credential.country:
                parts.append(f"from {credential.country}")
            details.append(("CUSMA credential", ", ".join(parts)))
        if cusma.supported_profession:
            details.append(("Supports the work of", _words(cusma.supported_profession).capitalize()))
        if cusma.licence_province:
            details.append(("Licence issued in", cusma.licence_province))
    return details


@lru_cache(maxsize=1)
def layout_fingerprint() -> str:
    """sha256 of the PDF template and stylesheet: a new layout means new PDFs."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATE_DIR.glob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot hash {type(value).__name__}")


def canonical_json(doc: ChecklistDocument) -> str:
    """The document as sorted, compact JSON, without `generated_at`."""
    data = dataclasses.asdict(doc)
    data.pop("generated_at", None)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain)


def input_hash(doc: ChecklistDocument) -> str:
    """sha256 hex of everything that goes into the PDF except the generation time
    (the document's content and the template's layout fingerprint)."""
    digest = hashlib.sha256()
    digest.update(layout_fingerprint().encode())
    digest.update(b"\0")
    digest.update(canonical_json(doc).encode("utf-8"))
    return digest.hexdigest()

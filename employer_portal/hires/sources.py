"""A finding's source as links to the official pages, for people (the API keeps the source text as it is).

A rule's source is a citation such as "IRPR R205(a); IRCC ICT instructions (C61, C62, C63), Duration of work
permit" or "ESDC, Program requirements for the Global Talent Stream, https://… (page modified 2025-11-20),
Eligibility for Category A: "…"". People see a link per official page, with its title; quotes, page dates and
notes about where a copy was read stay out. Citations naming no page link to the page the reference data
cites for that body of rules. Plain module: no Flask.
"""
from __future__ import annotations

import re
from typing import NamedTuple

IRPR_URL = "https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/FullText.html"
_IRCC_FW = ("https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/"
            "operational-bulletins-manuals/temporary-residents/foreign-workers/")
_ESDC_GTS = "https://www.canada.ca/en/employment-social-development/services/foreign-workers/global-talent"

# The official pages the reference data cites (refdata/data/*.json), by the names the rules give them.
# (pattern at the start of a citation part, title shown, page)
OFFICIAL_PAGES: tuple[tuple[str, str, str], ...] = (
    (r"IRPR\b", "Immigration and Refugee Protection Regulations", IRPR_URL),
    (r"ESDC,? (GTS program requirements|Program requirements for the Global Talent Stream)",
     "ESDC: Program requirements for the Global Talent Stream", _ESDC_GTS + "/requirements.html"),
    (r"ESDC,? Hire a top foreign talent", "ESDC: Hire a top foreign talent through the Global Talent Stream",
     _ESDC_GTS + ".html"),
    (r"IRCC,? (ICT instructions|Intra-company transferees \(ICT\))", "IRCC: Intra-company transferees (C61, C62, C63)",
     _IRCC_FW + "exemption-codes/intra-company-transferees.html"),
    (r"IRCC,? CUSMA Professionals|IRCC,? Professionals", "IRCC: Professionals under CUSMA (T36)",
     _IRCC_FW + "international-free-trade-agreements/cusma/professionals.html"),
    (r"IRCC,? Intra-company transferees - CUSMA", "IRCC: Intra-company transferees under CUSMA (T37, T38)",
     _IRCC_FW + "international-free-trade-agreements/cusma/intra-company-transferees.html"),
    (r"IRCC,? International Mobility Program: CUSMA", "IRCC: International Mobility Program: CUSMA",
     _IRCC_FW + "international-free-trade-agreements/cusma.html"),
    (r"IRCC,? Employer-specific work permits", "IRCC: Employer-specific work permits (IRCC's Employer Portal, fee)",
     _IRCC_FW + "eligibility/employer-specific-labout-market-impact-assessment-exemptions.html"),
    (r"IRCC,? Employer compliance inspections", "IRCC: Employer compliance inspections",
     _IRCC_FW + "work-without-permit/employer-compliance-inspections.html"),
    (r"IRCC,? LMIA exemption codes", "IRCC: LMIA exemption codes", _IRCC_FW + "exemption-codes.html"),
    (r"ESDC,? LMIA valid", "ESDC: LMIA valid for a maximum of 6 months",
     "https://www.canada.ca/en/employment-social-development/services/foreign-workers/lmia-expiry.html"),
    (r"Statistics Canada,? NOC", "Statistics Canada: NOC 2021",
     "https://www.statcan.gc.ca/en/subjects/standard/noc/2021/indexV1"),
    (r"(ESDC,? )?Job Bank", "ESDC Job Bank wages (open data)",
     "https://open.canada.ca/data/en/dataset/adad580f-76b0-4502-bd05-20c125de9116"),
)
_URL = re.compile(r"https?://[^\s,;)\"']+")
# Parts that name the project's own files or notes, never an official page: left out.
_INTERNAL = re.compile(r"\b(API\.md|RULES\.md|REVIEW-\d{4}-\d{2}|[\w-]+\.(json|csv|md|py))\b|^F-\d+", re.IGNORECASE)


class SourceLink(NamedTuple):
    title: str
    url: str | None  # None: named, but no official page is held for it (e.g. a third-party page)


def source_links(source: str | None) -> list[SourceLink]:
    """The official pages a citation names, each once, in its order; parts naming internal files are left out.

    A part naming no page (a section of the page before it, "Duration of work permit") is shown only when the
    citation links no page at all (e.g. a third-party page, named as text).
    """
    links: list[SourceLink] = []
    seen: set[str] = set()
    for part in _parts(source or ""):
        link = _link(part)
        if link is None or (link.url or link.title) in seen:
            continue
        seen.add(link.url or link.title)
        links.append(link)
    linked = [link for link in links if link.url]
    return linked or links


def _parts(source: str) -> list[str]:
    """The citation split at "; " and " + " outside quotes (a quote may hold a semicolon)."""
    text = re.sub(r"\"[^\"]*\"|'[^']*'|“[^”]*”", "", source)
    return [p.strip() for p in re.split(r";\s+|\s\+\s", text) if p.strip()]


def _link(part: str) -> SourceLink | None:
    if _INTERNAL.search(part) and not _URL.search(part):
        return None
    for pattern, title, url in OFFICIAL_PAGES:
        if re.match(pattern, part):
            return SourceLink(title, url)
    found = _URL.search(part)
    if found:
        url = found.group(0).rstrip(".:")
        known = next((title for _p, title, page in OFFICIAL_PAGES if page == url), None)
        title = known or _title(part[:found.start()]) or url
        return SourceLink(title, url)
    return SourceLink(_title(part), None) if _title(part) else None


def _title(text: str) -> str:
    """A citation's words without page dates, copy notes or a trailing comma."""
    text = re.sub(r"\([^()]*\b(modified|scraped|copy|verify|page)\b[^()]*\)", "", text)
    return re.sub(r"[\s,:\-–]+$", "", re.sub(r"\s+", " ", text)).strip()


__all__ = ["SourceLink", "source_links"]

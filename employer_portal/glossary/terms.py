"""The glossary: the terms HR meets in the findings, the forms and the deadlines, each in one plain line
with the official page that defines it.

Wording checked against the spec's RULES.md and the reference data; the ICT and CUSMA codes take their
limits from the exemption codes in force (lmia_exemption_codes.json), so the glossary never disagrees with
the checks. Plain module: no Flask.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from employer_portal.hires.sources import IRPR_URL

_CANADA = "https://www.canada.ca/en/"
_IRCC_FW = (_CANADA + "immigration-refugees-citizenship/corporate/publications-manuals/operational-bulletins-manuals/"
            "temporary-residents/foreign-workers/")
_GTS = _CANADA + "employment-social-development/services/foreign-workers/global-talent"
_EE = _CANADA + "immigration-refugees-citizenship/services/immigrate-canada/express-entry/eligibility/"
ICT_PAGE = _IRCC_FW + "exemption-codes/intra-company-transferees.html"
CUSMA_PAGE = _IRCC_FW + "international-free-trade-agreements/cusma/professionals.html"


@dataclass(frozen=True)
class Term:
    anchor: str  # the id on /glossary ("teer" -> /glossary#teer)
    term: str  # as the pages write it
    name: str  # in full ("" when the term is already in full)
    definition: str  # one plain line
    source_title: str
    source_url: str
    also: tuple[str, ...] = ()  # other spellings that link here ("Category A")


def _fixed_terms() -> list[Term]:
    return [
        Term("noc", "NOC", "National Occupational Classification (2021)",
             "Canada's list of occupations; each job has a 5-digit NOC 2021 code (e.g. 21231, software engineers and "
             "designers) that decides its wage data and which routes fit.",
             "Statistics Canada: NOC 2021", "https://www.statcan.gc.ca/en/subjects/standard/noc/2021/indexV1"),
        Term("teer", "TEER", "Training, Education, Experience and Responsibilities",
             "The second digit of a NOC 2021 code, from 0 (management) to 5: how much training the occupation "
             "usually needs. Several ICT and CUSMA rules depend on it.",
             "IRCC: Find your National Occupational Classification (NOC)",
             _CANADA + "immigration-refugees-citizenship/services/immigrate-canada/express-entry/eligibility/"
             "find-national-occupation-code.html"),
        Term("lmia", "LMIA", "Labour Market Impact Assessment",
             "ESDC's decision that hiring a foreign worker for a job is allowed; the Global Talent Stream is an LMIA "
             "route, while ICT and CUSMA hires are exempt from it.",
             "ESDC: Hire a temporary foreign worker", _CANADA + "employment-social-development/services/foreign-workers.html"),
        Term("lmbp", "LMBP", "Labour Market Benefits Plan",
             "The commitments a Global Talent Stream employer makes with its LMIA (e.g. jobs or training for Canadians) "
             "and reports on to ESDC.", "ESDC: Program requirements for the Global Talent Stream",
             _GTS + "/requirements.html", ("Labour Market Benefits Plan",)),
        Term("gts", "GTS", "Global Talent Stream",
             "A fast LMIA stream of the Temporary Foreign Worker Program for highly skilled jobs: Category A "
             "(referred by a designated partner) or Category B (occupation on the Global Talent Occupations List).",
             "ESDC: Hire a top foreign talent through the Global Talent Stream", _GTS + ".html",
             ("Global Talent Stream",)),
        Term("gts-category-a", "GTS Category A", "",
             "Unique and specialized talent, referred by a designated referral partner; the wage must meet the "
             "Category A floor and the prevailing wage.", "ESDC: Program requirements for the Global Talent Stream",
             _GTS + "/requirements.html", ("Category A",)),
        Term("gts-category-b", "GTS Category B", "",
             "An occupation on the Global Talent Occupations List; no referral needed, the wage must meet the list's "
             "floor or the prevailing wage.", "ESDC: Program requirements for the Global Talent Stream",
             _GTS + "/requirements.html", ("Category B", "Global Talent Occupations List")),
        Term("referral-partner", "Referral partner", "Designated referral partner",
             "An organization ESDC designated to refer employers to GTS Category A; each worker needs its own "
             "completed referral form.", "ESDC: Program requirements for the Global Talent Stream",
             _GTS + "/requirements.html", ("designated referral partner",)),
        Term("ict", "ICT", "Intra-company transfer",
             "A transfer from a foreign company to its Canadian parent, subsidiary, branch or affiliate, exempt from "
             "an LMIA under IRPR R205(a).", "IRCC: Intra-company transferees", ICT_PAGE, ("Intra-Company Transfer",)),
        Term("cusma", "CUSMA", "Canada-United States-Mexico Agreement",
             "The trade agreement that lets US and Mexican citizens in 63 listed professions work in Canada without an "
             "LMIA.", "IRCC: International Mobility Program: CUSMA",
             _IRCC_FW + "international-free-trade-agreements/cusma.html"),
        Term("er", "ER", "Economic region",
             "A group of census divisions Job Bank publishes wages for; the wage is checked against the median of "
             "the job's region when there is one.", "Statistics Canada: Economic regions",
             "https://www150.statcan.gc.ca/n1/pub/92-195-x/2021001/geo/er-re/er-re-eng.htm", ("economic region",)),
        Term("prevailing-wage", "Prevailing wage", "",
             "The median wage Job Bank publishes for the occupation where the job is (region, else province, else "
             "Canada); the offered wage must meet it and is re-checked every year.",
             "ESDC: Program requirements for the Global Talent Stream", _GTS + "/requirements.html"),
        Term("job-bank", "Job Bank", "",
             "The Government of Canada's job and wage site; its wage figures (updated each fall) give the prevailing "
             "wage.", "ESDC Job Bank wages (open data)",
             "https://open.canada.ca/data/en/dataset/adad580f-76b0-4502-bd05-20c125de9116"),
        Term("employer-portal", "IRCC's Employer Portal", "",
             "IRCC's own online system (not this tool) where an employer submits an LMIA-exempt offer of employment "
             "(number A and 7 digits) and pays the $230 compliance fee before the worker applies.",
             "IRCC: Employer-specific work permits, LMIA-exempt",
             _IRCC_FW + "eligibility/employer-specific-labout-market-impact-assessment-exemptions.html",
             ("IRCC Employer Portal", "Employer Portal")),
        Term("compliance-fee", "Employer compliance fee", "",
             "The $230 fee an employer pays in IRCC's Employer Portal with each LMIA-exempt offer (IRPR R303.1).",
             "Immigration and Refugee Protection Regulations", IRPR_URL, ("compliance fee",)),
        Term("maintained-status", "Maintained status", "",
             "A worker who applies to extend before the permit expires may keep working on the same conditions "
             "until IRCC decides (IRPR R183(5) and R186(u)).", "Immigration and Refugee Protection Regulations",
             IRPR_URL),
        Term("caq", "CAQ", "Certificat d'acceptation du Québec",
             "Quebec's acceptance certificate a worker needs for an LMIA job in Quebec; LMIA-exempt work such as ICT "
             "and CUSMA needs none.", "ESDC: Hire a top foreign talent through the Global Talent Stream", _GTS + ".html"),
        Term("mifi", "MIFI", "Ministère de l'Immigration, de la Francisation et de l'Intégration",
             "Quebec's immigration ministry: it takes part in GTS applications for jobs in Quebec and sets Quebec's "
             "wage rules.", "ESDC: Hire a top foreign talent through the Global Talent Stream", _GTS + ".html"),
        Term("irpr", "IRPR", "Immigration and Refugee Protection Regulations",
             "The federal regulations the work-permit rules come from (cited as R205(a), R204(a) …).",
             "Justice Laws: SOR/2002-227", IRPR_URL),
        Term("crs", "CRS", "Comprehensive Ranking System",
             "Express Entry's points score (age, education, language, experience…) used to invite candidates to apply "
             "for permanent residence.", "IRCC: Comprehensive Ranking System criteria",
             _EE + "criteria-comprehensive-ranking-system/grid.html"),
        Term("cec", "CEC", "Canadian Experience Class",
             "An Express Entry program for people with at least 1 year of skilled work experience in Canada.",
             "IRCC: Canadian Experience Class", _EE + "canadian-experience-class.html"),
        Term("fsw", "FSW", "Federal Skilled Worker Program",
             "An Express Entry program for skilled workers with foreign experience, scored on a 67-point grid.",
             "IRCC: Federal Skilled Worker Program", _EE + "federal-skilled-workers.html"),
        Term("pnp", "PNP", "Provincial Nominee Program",
             "A province's or territory's program to nominate workers it needs for permanent residence.",
             "IRCC: Immigrate as a provincial nominee",
             _CANADA + "immigration-refugees-citizenship/services/immigrate-canada/provincial-nominees.html"),
    ]


# The ICT categories and CUSMA, by the key lmia_exemption_codes.json gives them.
_CODE_WORDS = {
    "ict:startup": ("a start-up transfer: an executive, manager or specialized-knowledge worker sent to open a new "
                    "office", ICT_PAGE, "IRCC: Intra-company transferees"),
    "ict:executive_manager": ("an executive or manager transferred within the company", ICT_PAGE,
                              "IRCC: Intra-company transferees"),
    "ict:specialized_knowledge": ("a worker with specialized knowledge of the company's products or processes",
                                  ICT_PAGE, "IRCC: Intra-company transferees"),
    "cusma": ("a CUSMA professional: a US or Mexican citizen in one of the 63 professions of Appendix 2", CUSMA_PAGE,
              "IRCC: Professionals under CUSMA"),
}


def _months(months: int | None) -> str:
    if not months:
        return ""
    return f"{months // 12} year{'s' if months // 12 != 1 else ''}" if months % 12 == 0 else f"{months} months"


def code_terms(exemption_routes) -> list[Term]:
    """C61, C62, C63 and T36 from the exemption codes in force: what each is for and its time limits."""
    terms = []
    for key, (words, url, title) in _CODE_WORDS.items():
        route = exemption_routes.get(key)
        if route is None:
            continue
        limits = []
        if route.initial_max_months:
            limits.append(f"first permit up to {_months(route.initial_max_months)}")
        if route.total_cap_months:
            limits.append(f"at most {_months(route.total_cap_months)} in Canada in all")
        definition = (f"The LMIA exemption code ({route.paragraph}) for {words}"
                      + (f"; {', '.join(limits)}" if limits else "") + f". It replaced {route.replaced}.")
        terms.append(Term(route.code.lower(), route.code, "", definition, title, url))
    return terms


def glossary(refdata) -> list[Term]:
    """Every term, sorted by how it is written (case-insensitive)."""
    return sorted(_fixed_terms() + code_terms(refdata.exemption_routes), key=lambda t: t.term.casefold())


def link_pattern(terms: list[Term]) -> re.Pattern:
    """Matches any term or other spelling as a whole word (longest first, so "GTS Category A" wins over "GTS")."""
    names = sorted({n for t in terms for n in (t.term, *t.also)}, key=len, reverse=True)
    # Acronyms match as written ("ER", not "er"); words match in any case ("prevailing wage").
    alternatives = [re.escape(n) if _is_acronym(n) else f"(?i:{re.escape(n)})" for n in names]
    return re.compile(r"(?<![\w/#-])(" + "|".join(alternatives) + r")(?![\w-])")


def anchors_by_name(terms: list[Term]) -> dict[str, str]:
    """Every term and other spelling (acronyms as written, words case-folded) to its anchor."""
    return {(n if _is_acronym(n) else n.casefold()): t.anchor for t in terms for n in (t.term, *t.also)}


def _is_acronym(name: str) -> bool:
    return re.fullmatch(r"[A-Z0-9]{2,5}", name) is not None


__all__ = ["Term", "anchors_by_name", "code_terms", "glossary", "link_pattern"]

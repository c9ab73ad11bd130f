"""The frozen compliance report as a PDF, through the checklist's locked-down WeasyPrint fetcher.

In: the report dict and a few facts about the hire (plain data). Out: PDF bytes. Autoescaped
Jinja (whatever a user typed is printed as text) and `checklists.pdf.LockedURLFetcher`, which
loads only `data:` URLs and the package's allow-listed static files; nothing else is fetched.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates" / "inspection" / "pdf"


@dataclass(frozen=True)
class ReportHire:
    id: int
    worker_name: str | None
    job_title: str | None
    noc_code: str | None
    status: str


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    from employer_portal.checklists.pdf import _timestamp

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
                                     trim_blocks=True, lstrip_blocks=True)
    environment.filters["timestamp"] = _timestamp
    from employer_portal.config import PRODUCT_NAME
    from employer_portal.hires.forms import STATUS_LABELS
    from employer_portal.hires.sources import source_links

    # Words for people: the product's name, a status in words, a finding's sources as links.
    environment.globals.update(product_name=PRODUCT_NAME, source_links=source_links)
    environment.filters["status_label"] = lambda status: STATUS_LABELS.get(status, status)
    return environment.get_template("report.html")


def render_report_html(*, employer_name: str, hire: ReportHire, route_label: str, report: dict | None,
                       frozen: bool, submitted_at: dt.datetime | None, generated_at: dt.datetime) -> str:
    return _template().render(employer_name=employer_name, hire=hire, route_label=route_label, report=report,
                              frozen=frozen, submitted_at=submitted_at, generated_at=generated_at)


def render_report_pdf(**facts) -> bytes:
    from weasyprint import HTML

    from employer_portal.checklists.pdf import LockedURLFetcher

    html = HTML(string=render_report_html(**facts), base_url=None, url_fetcher=LockedURLFetcher())
    return html.write_pdf(presentational_hints=False)

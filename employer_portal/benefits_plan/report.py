"""The one-page LMBP progress report as a PDF, through the checklist's locked-down WeasyPrint fetcher.

In: the plan view (plain data) and a few facts. Out: PDF bytes. Autoescaped Jinja (whatever a user typed
is printed as text) and `checklists.pdf.LockedURLFetcher`, which loads only `data:` URLs and the package's
allow-listed static files.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import jinja2

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates" / "benefits_plan"


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    from employer_portal.checklists.pdf import _timestamp

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
                                     trim_blocks=True, lstrip_blocks=True)
    environment.filters["timestamp"] = _timestamp
    return environment.get_template("report.html")


def render_report_html(*, employer_name: str, hire, plan: dict, generated_at: dt.datetime) -> str:
    return _template().render(employer_name=employer_name, hire=hire, plan=plan, generated_at=generated_at)


def render_report_pdf(**facts) -> bytes:
    from weasyprint import HTML

    from employer_portal.checklists.pdf import LockedURLFetcher

    html = HTML(string=render_report_html(**facts), base_url=None, url_fetcher=LockedURLFetcher())
    return html.write_pdf(presentational_hints=False)

"""Render a `ChecklistDocument` to PDF bytes with WeasyPrint.

In:  a `ChecklistDocument` (plain data). Out: the PDF as bytes.

Safety: the Jinja environment autoescapes everything, so whatever a user typed
is printed as text; and WeasyPrint gets a locked-down URL fetcher that serves
only `data:` URLs and exact files under the package's `static/` folder (as
`portal-static:<relative path>`). Any other URL (file://, http(s)://, a
relative path …) is refused before any I/O, and redirects are never followed.

Speed: the Jinja environment, the parsed stylesheet and WeasyPrint's
FontConfiguration are built once per process and reused; font subsetting
should go through HarfBuzz (`harfbuzz_subset_available()`), not fontTools.
"""
from __future__ import annotations

import datetime as dt
import mimetypes
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping
from urllib.request import DataHandler, Request

import jinja2
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from employer_portal.checklists.document import TEMPLATE_DIR, ChecklistDocument

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
STATIC_SCHEME = "portal-static"
# WeasyPrint's log line when it subsets fonts with fontTools (about 4× slower).
FONTTOOLS_FALLBACK_MESSAGE = "Using fontTools instead of HarfBuzz-Subset"

SEVERITIES = (("blocker", "Blockers"), ("warning", "Warnings"), ("info", "For information"))
STATUS_LABELS = {"missing": "Missing", "received": "Received", "waived": "Waived", "not_applicable": "Not applicable"}
STATUS_MARKS = {"missing": "☐", "received": "☑", "waived": "☒", "not_applicable": "☒"}
PROVIDER_LABELS = {"employer": "employer", "worker": "worker", "referral_partner": "referral partner"}


class URLRefused(ValueError):
    """The PDF asked for a resource the locked-down fetcher does not serve."""


@lru_cache(maxsize=1)
def static_files() -> Mapping[str, Path]:
    """The exact files the PDF may load: regular files under `static/`, by relative name."""
    if not STATIC_DIR.is_dir():
        return {}
    root = STATIC_DIR.resolve()
    files = {}
    for path in sorted(root.rglob("*")):
        # Symlinks could point anywhere; only real files inside the folder count.
        if path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(root):
            files[path.relative_to(root).as_posix()] = path
    return files


class LockedURLFetcher(URLFetcher):
    """WeasyPrint URL fetcher that serves `data:` and allow-listed static files only.

    Refusals raise `URLRefused` (an Exception, so WeasyPrint skips the resource
    and goes on); nothing is opened for a refused URL.
    """

    def __init__(self, allowed: Mapping[str, Path] | None = None):
        super().__init__(timeout=2, allowed_protocols=("data", STATIC_SCHEME), allow_redirects=False)
        self._allowed = static_files() if allowed is None else dict(allowed)

    def fetch(self, url, headers=None):
        scheme, sep, rest = url.partition(":")
        scheme = scheme.lower() if sep else ""
        if scheme == "data":
            # Decoded in memory by urllib's DataHandler; no opener, no proxy, no network.
            response = DataHandler().data_open(Request(url))
            return URLFetcherResponse(url, response.read(), dict(response.headers.items()))
        if scheme == STATIC_SCHEME:
            path = self._allowed.get(rest.lstrip("/"))
            if path is None:
                raise URLRefused("static file not on the allow-list")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        raise URLRefused(f"the checklist PDF loads no {scheme or 'relative'} URLs")

    def open(self, url, data=None, timeout=None):
        target = url.full_url if isinstance(url, Request) else url
        return self.fetch(target)


def harfbuzz_subset_available() -> bool:
    """True when WeasyPrint can subset fonts with HarfBuzz (Debian `libharfbuzz-subset0`)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def _day(value: dt.date | None) -> str:
    return value.strftime("%B %-d, %Y") if value else "—"


def _timestamp(value: dt.datetime | None) -> str:
    if value is None:
        return "—"
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc)
    return value.strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class _Renderer:
    template: jinja2.Template
    stylesheet: CSS
    font_config: FontConfiguration
    fetcher: LockedURLFetcher


@lru_cache(maxsize=1)
def _renderer() -> _Renderer:
    """Built once per process: parsing the CSS and loading fonts cost more than a page."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,  # every value is text; nothing a user typed becomes markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["day"] = _day
    environment.filters["timestamp"] = _timestamp
    from employer_portal.config import PRODUCT_NAME
    from employer_portal.hires.sources import source_links

    environment.globals.update(product_name=PRODUCT_NAME, source_links=source_links)  # words for people
    font_config = FontConfiguration()
    fetcher = LockedURLFetcher()
    stylesheet = CSS(
        string=(TEMPLATE_DIR / "checklist.css").read_text(encoding="utf-8"),
        font_config=font_config,
        url_fetcher=fetcher,
    )
    return _Renderer(environment.get_template("checklist.html"), stylesheet, font_config, fetcher)


def render_html(doc: ChecklistDocument) -> str:
    """The checklist as HTML (what WeasyPrint lays out); useful for previews and tests."""
    sections: dict[str, list] = {}
    for entry in doc.items:
        sections.setdefault(entry.item.section, []).append(entry)
    findings = [
        (severity, label, [f for f in doc.findings if f.get("severity") == severity])
        for severity, label in SEVERITIES
    ]
    # Sources are listed once at the end and cited by number: shorter items, fewer lines to lay out.
    sources: dict[str, int] = {}
    references = {}
    for entry in doc.items:
        numbers = [sources.setdefault(text, len(sources) + 1) for text in entry.item.source.split("; ") if text]
        references[entry.item.key] = ", ".join(str(n) for n in numbers)
    statuses = [entry.status for entry in doc.items]
    tally = {
        "total": len(statuses),
        "received": statuses.count("received"),
        "outstanding": statuses.count("missing"),
        "closed": statuses.count("waived") + statuses.count("not_applicable"),
    }
    return _renderer().template.render(
        doc=doc,
        items_by_section=list(sections.items()),
        findings_by_severity=[group for group in findings if group[2]],
        tally=tally,
        sources=list(sources),
        references=references,
        status_labels=STATUS_LABELS,
        status_marks=STATUS_MARKS,
        provider_labels=PROVIDER_LABELS,
    )


@dataclass(frozen=True)
class RenderedPdf:
    """A rendered checklist: the PDF's bytes and its page count (from WeasyPrint's own layout)."""

    data: bytes
    pages: int


def render(doc: ChecklistDocument) -> RenderedPdf:
    """The checklist PDF for `doc`, with its page count. The count comes from the laid-out
    document itself, so no PDF reader (pypdf is a dev-only dependency) is needed to know it."""
    renderer = _renderer()
    html = HTML(string=render_html(doc), base_url=None, url_fetcher=renderer.fetcher)
    options = {"stylesheets": [renderer.stylesheet], "attachments": None, "presentational_hints": False}
    document = html.render(font_config=renderer.font_config, **options)
    return RenderedPdf(document.write_pdf(**options), len(document.pages))


def render_pdf(doc: ChecklistDocument) -> bytes:
    """The checklist PDF for `doc`, as bytes."""
    return render(doc).data

"""Blueprint `glossary`: the page of terms, and `glossary_link` / `glossary_terms` for every template.

Terms link out from the hire form's labels, the findings and the route finder; a link opens the glossary in a
new tab, so a half-typed form is never left behind.
"""
from __future__ import annotations

from flask import Blueprint, render_template, url_for
from markupsafe import Markup, escape

from employer_portal.glossary.terms import anchors_by_name, glossary, link_pattern

bp = Blueprint("glossary", __name__)


@bp.get("/glossary")
def index():
    # Open to everyone signed in or not: it holds no data, and the sign-in page's words may need it too.
    return render_template("glossary/index.html", terms=_terms())


def _terms():
    from employer_portal.refdata.store import current_refdata

    return _built(current_refdata())[0]


# Per reference data in force (it changes only on an import): its terms, link pattern and anchors.
_BUILT: dict[int, tuple] = {}


def _built(refdata) -> tuple:
    entry = _BUILT.get(id(refdata))
    if entry is None or entry[0] is not refdata:
        terms = glossary(refdata)
        if len(_BUILT) > 4:
            _BUILT.clear()
        entry = _BUILT[id(refdata)] = (refdata, terms, link_pattern(terms), anchors_by_name(terms))
    return entry[1:]


def _linking(refdata):
    return _built(refdata)[1:]


def _anchor(name: str, anchors: dict[str, str]) -> str | None:
    return anchors.get(name) or anchors.get(name.casefold())


def _link(text: str, anchor: str) -> Markup:
    href = url_for("glossary.index", _anchor=anchor)
    return Markup('<a class="glossary-link" href="{}" target="_blank" rel="noopener" '
                  'title="In the glossary (opens in a new tab)">{}</a>').format(href, text)


@bp.app_template_filter("glossary_link")
def glossary_link(term: str, text: str | None = None) -> Markup:
    """`term` (or `text`) as a link to its glossary entry; unknown terms come back as plain (escaped) text."""
    from employer_portal.refdata.store import current_refdata

    _pattern, anchors = _linking(current_refdata())
    anchor = _anchor(term, anchors)
    shown = text if text is not None else term
    return _link(shown, anchor) if anchor else Markup(escape(shown))


@bp.app_template_filter("glossary_terms")
def glossary_terms(text) -> Markup:
    """Plain `text` with the first mention of each glossary term linked to it (the text is escaped first)."""
    from employer_portal.refdata.store import current_refdata

    if text is None:
        return Markup("")
    pattern, anchors = _linking(current_refdata())
    linked: set[str] = set()

    def _replace(match):
        anchor = _anchor(match.group(1), anchors)
        if anchor is None or anchor in linked:
            return match.group(0)
        linked.add(anchor)
        return str(_link(match.group(1), anchor))

    # The terms hold no character escape() changes, so matching on the escaped text is safe.
    return Markup(pattern.sub(_replace, str(escape(text))))

"""Whatever a user typed is printed as text: no file read, no embedded file, no
network request (QUALITY.md 3.3-3.4). Watched three ways: Python audit events for
`open` and `socket.connect`, a spy on the URL fetcher, and a local TCP listener."""
from __future__ import annotations

import dataclasses
import io
import re
import socket
import sys
import threading

import pypdf
import pytest
from checklist_factories import make_document, make_hire
from weasyprint import HTML

from employer_portal.checklists.document import DocumentItem, hire_summary
from employer_portal.checklists.pdf import STATIC_SCHEME, LockedURLFetcher, URLRefused, render_pdf

SECRET_FILES = ("/etc/passwd", "/etc/hostname")

# --- watchers ---------------------------------------------------------------------
_events: list | None = None


def _audit(event, args):
    if _events is not None and event in ("open", "socket.connect"):
        _events.append((event, args[0]))


sys.addaudithook(_audit)  # audit hooks cannot be removed; it records only while a test watches


@pytest.fixture
def audit_events():
    global _events
    _events = []
    try:
        yield _events
    finally:
        _events = None


def secret_reads(events):
    return [path for event, path in events if event == "open" and str(path) in SECRET_FILES]


def connections(events):
    return [address for event, address in events if event == "socket.connect"]


@pytest.fixture
def listener():
    """A TCP server on 127.0.0.1 that counts the connections it accepts."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)
    accepted = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            accepted.append(connection.getpeername())
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join()
    server.close()


@pytest.fixture
def fetcher_calls(monkeypatch):
    calls = []
    original = LockedURLFetcher.fetch

    def spy(self, url, headers=None):
        calls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(LockedURLFetcher, "fetch", spy)
    return calls


def squeeze(text):
    return re.sub(r"\s+", "", text)


def read_back(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def embedded_files(reader):
    names = reader.trailer["/Root"].get("/Names")
    annotations = [
        annot.get_object().get("/Subtype")
        for page in reader.pages
        for annot in (page.get("/Annots") or [])
    ]
    return {
        "attachments": dict(reader.attachments),
        "embedded_files_tree": bool(names and "/EmbeddedFiles" in names.get_object()),
        "file_annotations": [a for a in annotations if a == "/FileAttachment"],
    }


NO_EMBEDDED = {"attachments": {}, "embedded_files_tree": False, "file_annotations": []}


# --- hostile input through the real template ----------------------------------------

IMG = '<img src="file:///etc/passwd">'
LINK = '<link rel="attachment" href="file:///etc/hostname">'
CSS_URL = "<style>@import url(file:///etc/passwd); body { background: url(file:///etc/passwd) }</style>"
HTTP_9 = "http://127.0.0.1:9/x.png"


@pytest.fixture
def hostile(listener):
    port, _ = listener
    local = f"http://127.0.0.1:{port}/x.png"
    hire = make_hire(
        "ict",
        worker={"given_name": IMG, "family_name": LINK, "citizenships": ["BR"]},
        position={
            "title": f'<p style="background:url({local})">Lead</p>',
            "noc_code": "21231", "province": "ON",
            "duties": f'{CSS_URL} <img src="{HTTP_9}"> <img src="{local}"> '
                      f'<svg><image href="file:///etc/passwd"/></svg> {HTTP_9}',
        },
        ict={"relationship": "parent", "category": "specialized_knowledge", "continuous_full_time_months": 30},
    )
    doc = make_document(hire)
    doc = dataclasses.replace(
        doc,
        employer_name=LINK,
        hire=hire_summary(hire, noc_title=IMG),
        findings=[{"code": "X", "severity": "warning", "field": None, "message": CSS_URL, "source": local}],
        items=[DocumentItem(doc.items[0].item, "waived", note=LINK), *doc.items[1:]],
    )
    return doc, local


def test_markup_typed_by_a_user_is_printed_as_text(hostile):
    doc, local = hostile
    _, text = read_back(render_pdf(doc))
    text = squeeze(text)
    for typed in (IMG, LINK, CSS_URL, HTTP_9, local):
        assert squeeze(typed) in text


def test_markup_typed_by_a_user_reads_no_file(hostile, audit_events):
    doc, _ = hostile
    render_pdf(doc)
    assert secret_reads(audit_events) == []


def test_markup_typed_by_a_user_makes_no_network_request(hostile, listener, audit_events):
    doc, _ = hostile
    _, accepted = listener
    render_pdf(doc)
    assert connections(audit_events) == []
    assert accepted == []


def test_markup_typed_by_a_user_never_reaches_the_url_fetcher(hostile, fetcher_calls):
    doc, _ = hostile
    render_pdf(doc)
    assert fetcher_calls == []


def test_markup_typed_by_a_user_embeds_no_file(hostile):
    doc, _ = hostile
    reader, _ = read_back(render_pdf(doc))
    assert embedded_files(reader) == NO_EMBEDDED


# --- the fetcher itself, should markup ever reach WeasyPrint ------------------------

def test_fetcher_refuses_file_urls_without_reading_them(audit_events):
    with pytest.raises(URLRefused):
        LockedURLFetcher().fetch("file:///etc/passwd")
    assert secret_reads(audit_events) == []


def test_fetcher_refuses_http_urls_without_connecting(listener, audit_events):
    port, accepted = listener
    for url in (f"http://127.0.0.1:{port}/x.png", "https://169.254.169.254/latest/meta-data/", HTTP_9):
        with pytest.raises(URLRefused):
            LockedURLFetcher().fetch(url)
    assert connections(audit_events) == [] and accepted == []


def test_fetcher_refuses_static_paths_outside_the_allow_list(tmp_path):
    allowed = tmp_path / "print.css"
    allowed.write_text("p { color: black }")
    fetcher = LockedURLFetcher(allowed={"print.css": allowed})
    for url in (f"{STATIC_SCHEME}:../../../etc/passwd", f"{STATIC_SCHEME}:/etc/passwd", f"{STATIC_SCHEME}:other.css"):
        with pytest.raises(URLRefused):
            fetcher.fetch(url)


def test_fetcher_serves_allow_listed_static_files(tmp_path):
    allowed = tmp_path / "print.css"
    allowed.write_text("p { color: black }")
    response = LockedURLFetcher(allowed={"print.css": allowed}).fetch(f"{STATIC_SCHEME}:print.css")
    assert response.read() == b"p { color: black }"
    assert response.content_type == "text/css"


def test_fetcher_serves_data_urls():
    response = LockedURLFetcher(allowed={}).fetch("data:text/plain;base64,aGVsbG8=")
    assert response.read() == b"hello"


def test_raw_markup_given_to_weasyprint_with_the_fetcher_reads_and_embeds_nothing(listener, audit_events):
    port, accepted = listener
    raw = (
        '<meta charset="utf-8"><link rel="attachment" href="file:///etc/hostname">'
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/s.css">'
        '<style>@import url(file:///etc/passwd); p { background: url(file:///etc/passwd) }</style>'
        f'<p>x</p><img src="file:///etc/passwd"><img src="http://127.0.0.1:{port}/x.png">'
        '<svg width="10" height="10"><image href="file:///etc/passwd" width="10" height="10"/></svg>'
    )
    pdf = HTML(string=raw, url_fetcher=LockedURLFetcher(allowed={})).write_pdf()
    reader, _ = read_back(pdf)
    assert embedded_files(reader) == NO_EMBEDDED
    assert secret_reads(audit_events) == []
    assert connections(audit_events) == [] and accepted == []

"""The scanning hook: clamd over its socket (INSTREAM) when configured, before the file is kept
(issue 12, item 2). A tiny stand-in clamd answers as the real one does."""
from __future__ import annotations

import os
import socket
import struct
import tempfile
import threading

import pytest

from worker_document_samples import PDF, WORKER_ITEM

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class FakeClamd:
    """Reads one INSTREAM per connection; answers FOUND when the stream holds the EICAR string."""

    def __init__(self):
        self.path = os.path.join(tempfile.mkdtemp(prefix="clamd-"), "clamd.sock")
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(4)
        self.streams: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                command = b""
                while not command.endswith(b"\0"):
                    command += conn.recv(1)
                assert command == b"zINSTREAM\0"
                data = b""
                while True:
                    (size,) = struct.unpack(">I", self._exactly(conn, 4))
                    if size == 0:
                        break
                    data += self._exactly(conn, size)
                self.streams.append(data)
                conn.sendall(b"stream: Eicar-Signature FOUND\0" if EICAR in data else b"stream: OK\0")

    @staticmethod
    def _exactly(conn, n):
        buf = b""
        while len(buf) < n:
            buf += conn.recv(n - len(buf))
        return buf

    def close(self):
        self.server.close()


@pytest.fixture
def clamd(app, monkeypatch):
    fake = FakeClamd()
    monkeypatch.setitem(app.config, "CLAMD_SOCKET", fake.path)
    yield fake
    fake.close()


def test_a_clean_file_is_scanned_before_it_is_kept(clamd, hire_id, new_link, upload, document_rows):
    """Issue 12: a scanning hook runs before acceptance (clamd when configured)."""
    response = upload(new_link(hire_id)["path"], WORKER_ITEM, PDF)
    assert response.status_code == 201
    assert clamd.streams == [PDF]
    assert [row.scan_status for row in document_rows()] == ["clean"]


def test_an_infected_file_is_refused_and_nothing_stored(clamd, hire_id, new_link, upload, stored_files,
                                                       document_rows):
    """Issue 12: a file that fails any check is refused with a plain reason and nothing is kept."""
    before = stored_files()
    infected = PDF[:-6] + b"%" + EICAR + b"\n%%EOF\n"
    response = upload(new_link(hire_id)["path"], WORKER_ITEM, infected)
    assert response.status_code == 422 and "virus check found a threat" in response.get_json()["detail"]
    assert stored_files() == before and document_rows() == []


def test_an_unreachable_scanner_refuses_the_upload_for_now(app, monkeypatch, hire_id, new_link, upload,
                                                          document_rows):
    """Fail closed: a configured scanner that does not answer keeps nothing (try again later)."""
    monkeypatch.setitem(app.config, "CLAMD_SOCKET", "/nonexistent/clamd.sock")
    response = upload(new_link(hire_id)["path"], WORKER_ITEM, PDF)
    assert response.status_code == 503 and "try again" in response.get_json()["detail"]
    assert document_rows() == []


def test_without_a_scanner_the_document_says_no_scan_ran(hire_id, new_link, upload, team):
    """Issue 12: 'the default says … that no scan ran'."""
    upload(new_link(hire_id)["path"], WORKER_ITEM, PDF)
    [doc] = team["api"].get(f"/api/v1/hires/{hire_id}/documents").get_json()["documents"]
    assert doc["scan_status"] == "not_scanned"

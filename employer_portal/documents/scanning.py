"""The virus-scan hook, run on every upload before the file is kept (and so before HR can accept it).

With CLAMD_SOCKET (a Unix socket path) or CLAMD_HOST (and CLAMD_PORT, 3310) set, the bytes go to
ClamAV's clamd with its INSTREAM command; an infected file is refused, and an unreachable scanner
refuses the upload for now (fail closed). With neither set, no scan runs and the document says so.
"""
from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

CHUNK = 64 * 1024


class ScannerUnavailable(RuntimeError):
    """clamd is configured but did not answer."""


@dataclass(frozen=True)
class ScanResult:
    status: str  # "clean", "infected" or "not_scanned"
    signature: str | None = None


def scanner_configured(config) -> bool:
    return bool(config.get("CLAMD_SOCKET") or config.get("CLAMD_HOST"))


def _connect(config) -> socket.socket:
    timeout = float(config.get("CLAMD_TIMEOUT") or 30)
    if config.get("CLAMD_SOCKET"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(config["CLAMD_SOCKET"])
        return sock
    return socket.create_connection((config["CLAMD_HOST"], int(config.get("CLAMD_PORT") or 3310)), timeout=timeout)


def instream(sock: socket.socket, data: bytes) -> str:
    """clamd's INSTREAM: length-prefixed chunks, a zero length, then one reply line."""
    sock.sendall(b"zINSTREAM\0")
    for start in range(0, len(data), CHUNK):
        chunk = data[start:start + CHUNK]
        sock.sendall(struct.pack(">I", len(chunk)) + chunk)
    sock.sendall(struct.pack(">I", 0))
    reply = b""
    while not reply.endswith(b"\0"):
        part = sock.recv(4096)
        if not part:
            break
        reply += part
    return reply.rstrip(b"\0").decode(errors="replace").strip()


def scan(data: bytes, config) -> ScanResult:
    """Scan `data` when a scanner is configured; ScannerUnavailable if it cannot answer."""
    if not scanner_configured(config):
        return ScanResult("not_scanned")
    try:
        with _connect(config) as sock:
            reply = instream(sock, data)
    except OSError as exc:
        raise ScannerUnavailable(f"{exc.__class__.__name__}") from exc
    # "stream: OK" | "stream: Eicar-Signature FOUND" | "INSTREAM size limit exceeded. ERROR"
    if reply.endswith("OK"):
        return ScanResult("clean")
    if reply.endswith("FOUND"):
        return ScanResult("infected", reply.split(":", 1)[-1].removesuffix("FOUND").strip())
    raise ScannerUnavailable(reply[:200] or "no answer")

"""Write an inspection pack ZIP from files streamed in chunks (pure: no Flask, no database).

In:  `PackFile`s (a path inside the ZIP, a function giving the file's bytes in chunks, extra
     manifest fields) and a writable binary stream (need not be seekable).
Out: the ZIP written to the stream, ending with `manifest.json` that lists every file's
     `path`, `size` and `sha256`; the manifest is also returned.

Memory stays flat whatever the pack's size: each file is copied chunk by chunk into its ZIP
member while it is hashed, and nothing is read whole. Paths are built by the caller from
internal ids and keys and cleaned again here; nothing a user typed becomes a path.
"""
from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterable, Iterator

CHUNK_SIZE = 1 << 20  # 1 MiB
MANIFEST_PATH = "manifest.json"
# A fixed member timestamp: the same inputs give the same ZIP bytes (the manifest carries the real time).
_MEMBER_TIME = (2026, 1, 1, 0, 0, 0)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_segment(text: str) -> str:
    """One path segment of letters, digits, '.', '_' and '-' (never '.', '..' or empty)."""
    cleaned = _UNSAFE.sub("-", str(text)).strip(".-") or "file"
    return cleaned[:100]


def member_path(*segments: str) -> str:
    return "/".join(safe_segment(s) for s in segments)


def file_chunks(opener: Callable[[], BinaryIO], size: int = CHUNK_SIZE) -> Callable[[], Iterator[bytes]]:
    """A chunk source reading an opened binary file `size` bytes at a time (closed at the end)."""

    def chunks() -> Iterator[bytes]:
        with opener() as handle:
            while True:
                block = handle.read(size)
                if not block:
                    return
                yield block

    return chunks


def bytes_chunks(data: bytes) -> Callable[[], Iterator[bytes]]:
    """A chunk source for small generated files (JSON, CSV, a PDF already rendered)."""
    return lambda: iter((data,))


@dataclass(frozen=True)
class PackFile:
    """One file of the pack: its path in the ZIP, its bytes in chunks, extra manifest fields."""

    path: str
    chunks: Callable[[], Iterable[bytes]]
    compress: bool = True  # PDFs and photos are compressed already: stored as they are
    about: dict = field(default_factory=dict)


class _Counting:
    """A write-only stream wrapper that hashes and counts what goes through (the ZIP's own sha256)."""

    def __init__(self, target: BinaryIO):
        self.target, self.digest, self.size = target, hashlib.sha256(), 0

    def write(self, data) -> int:
        self.digest.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(data)

    def flush(self) -> None:
        self.target.flush()


@dataclass(frozen=True)
class WrittenPack:
    manifest: dict
    size: int  # bytes of the ZIP
    sha256: str  # of the ZIP


def write_pack(files: Iterable[PackFile], out: BinaryIO, *, about: dict) -> WrittenPack:
    """Write `files` and then `manifest.json` (`about` plus `files`) as a ZIP to `out`."""
    counting = _Counting(out)
    entries: list[dict] = []
    seen: set[str] = set()
    with zipfile.ZipFile(counting, "w", allowZip64=True) as archive:
        for item in files:
            path = "/".join(safe_segment(s) for s in item.path.split("/"))
            if path in seen or path == MANIFEST_PATH:
                raise ValueError(f"two files of the pack have the path {path}")
            seen.add(path)
            info = zipfile.ZipInfo(path, date_time=_MEMBER_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED if item.compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            digest, size = hashlib.sha256(), 0
            with archive.open(info, "w", force_zip64=True) as member:
                for block in item.chunks():
                    digest.update(block)
                    size += len(block)
                    member.write(block)
            entries.append({"path": path, "size": size, "sha256": digest.hexdigest(), **item.about})
        manifest = {**about, "files": entries}
        info = zipfile.ZipInfo(MANIFEST_PATH, date_time=_MEMBER_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, json.dumps(manifest, indent=2, ensure_ascii=False, default=str))
    counting.flush()
    return WrittenPack(manifest, counting.size, counting.digest.hexdigest())

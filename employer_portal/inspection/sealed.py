"""A file kept encrypted at rest and read back as a stream: the inspection pack on disk.

The pack holds the worker's decrypted documents (passport scans), so the ZIP is never
written in clear: it is sealed in 1 MiB chunks with AES-256-GCM under the first key of
DATA_ENCRYPTION_KEY (the same keys as `crypto`, identified the same way), and unsealed
chunk by chunk when it is downloaded. Each chunk's nonce is a random per-file prefix plus
its number, and its associated data names the file's context, the number and whether it
is the last, so chunks cannot be reordered, swapped between files or cut off unnoticed.

Layout: b"EPS1" | key id (8 ASCII) | nonce prefix (8) | chunks of [length (4, big-endian) | sealed bytes].
"""
from __future__ import annotations

import base64
import hashlib
import os
import struct
from typing import BinaryIO, Iterator

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"EPS1"
CHUNK_SIZE = 1 << 20
_TAG = 16


class SealError(ValueError):
    """The sealed file is damaged, cut short, or sealed with a key we no longer have."""


def _keys(key_setting: str) -> list[tuple[str, AESGCM]]:
    found = []
    for raw in [k.strip() for k in (key_setting or "").split(",") if k.strip()]:
        key = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
        found.append((hashlib.sha256(key).hexdigest()[:8], AESGCM(key)))
    if not found:
        raise SealError("DATA_ENCRYPTION_KEY is empty")
    return found


def _aad(context: str, number: int, last: bool) -> bytes:
    return f"{context}|{number}|{'last' if last else 'more'}".encode()


class SealingWriter:
    """A write-only stream: what is written is sealed in chunks into `target` (call `close`)."""

    def __init__(self, target: BinaryIO, key_setting: str, context: str):
        self._key_id, self._aead = _keys(key_setting)[0]
        self._target, self._context = target, context
        self._prefix = os.urandom(8)
        self._buffer = bytearray()
        self._number = 0
        self._closed = False
        target.write(MAGIC + self._key_id.encode() + self._prefix)

    def _seal(self, data: bytes, last: bool) -> None:
        nonce = self._prefix + struct.pack(">I", self._number)
        sealed = self._aead.encrypt(nonce, data, _aad(self._context, self._number, last))
        self._target.write(struct.pack(">I", len(sealed)) + sealed)
        self._number += 1

    def write(self, data) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK_SIZE:  # keep at least one byte back for the final chunk
            self._seal(bytes(self._buffer[:CHUNK_SIZE]), last=False)
            del self._buffer[:CHUNK_SIZE]
        return len(data)

    def flush(self) -> None:
        self._target.flush()

    def close(self) -> None:
        """Seal what is left as the last chunk (possibly empty)."""
        if not self._closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._closed = True
            self._target.flush()


def unseal_chunks(source: BinaryIO, key_setting: str, context: str) -> Iterator[bytes]:
    """The plain bytes of a sealed file, chunk by chunk; SealError if anything does not check out."""
    keys = dict(_keys(key_setting))
    header = source.read(len(MAGIC) + 16)
    if len(header) != len(MAGIC) + 16 or not header.startswith(MAGIC):
        raise SealError("not a sealed file")
    key_id, prefix = header[4:12].decode("ascii", "replace"), header[12:]
    aead = keys.get(key_id)
    if aead is None:
        raise SealError("sealed with a key that is not in DATA_ENCRYPTION_KEY")
    number = 0
    while True:
        head = source.read(4)
        if len(head) != 4:
            raise SealError("the sealed file is cut short")
        (length,) = struct.unpack(">I", head)
        if length < _TAG or length > CHUNK_SIZE + _TAG:
            raise SealError("the sealed file is damaged")
        body = source.read(length)
        if len(body) != length:
            raise SealError("the sealed file is cut short")
        nonce = prefix + struct.pack(">I", number)
        last = source.peek(1)[:1] == b"" if hasattr(source, "peek") else None
        if last is None:
            raise SealError("open sealed files buffered (open(path, 'rb'))")
        try:
            plain = aead.decrypt(nonce, body, _aad(context, number, last))
        except Exception as exc:  # InvalidTag: tampered, reordered, swapped or truncated
            raise SealError("the sealed file is damaged or was altered") from exc
        yield plain
        number += 1
        if last:
            return

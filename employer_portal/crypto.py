"""Field-level encryption of personal data at rest (AES-256-GCM).

Ciphertext is `v1:<key id>:<base64 nonce+ciphertext>`, with the column's
`table.column` as associated data, so a value cannot be moved to another column
unnoticed. DATA_ENCRYPTION_KEY holds one or more comma-separated urlsafe-base64
32-byte keys: the first encrypts, all decrypt (rotation).
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.types import String, TypeDecorator

from employer_portal.config import ConfigurationError


class FieldCipher:
    def __init__(self, key_setting: str):
        self._keys: dict[str, AESGCM] = {}
        self._primary: str | None = None
        for raw in [k.strip() for k in key_setting.split(",") if k.strip()]:
            try:
                key = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
            except (binascii.Error, ValueError) as exc:
                raise ConfigurationError("DATA_ENCRYPTION_KEY is not urlsafe base64") from exc
            if len(key) != 32:
                raise ConfigurationError("DATA_ENCRYPTION_KEY must decode to 32 bytes")
            key_id = hashlib.sha256(key).hexdigest()[:8]
            self._keys[key_id] = AESGCM(key)
            self._primary = self._primary or key_id
        if not self._primary:
            raise ConfigurationError("DATA_ENCRYPTION_KEY is empty")

    def encrypt(self, plaintext: str, context: str) -> str:
        nonce = os.urandom(12)
        sealed = self._keys[self._primary].encrypt(nonce, plaintext.encode(), context.encode())
        return f"v1:{self._primary}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def decrypt(self, token: str, context: str) -> str:
        version, key_id, body = token.split(":", 2)
        if version != "v1" or key_id not in self._keys:
            raise ValueError("unknown encryption key or format")
        blob = base64.urlsafe_b64decode(body)
        return self._keys[key_id].decrypt(blob[:12], blob[12:], context.encode()).decode()


_cipher: FieldCipher | None = None


def configure(key_setting: str) -> None:
    global _cipher
    _cipher = FieldCipher(key_setting)


def cipher() -> FieldCipher:
    if _cipher is None:
        raise ConfigurationError("field encryption used before the app configured DATA_ENCRYPTION_KEY")
    return _cipher


class EncryptedString(TypeDecorator):
    """A string column stored as AES-GCM ciphertext bound to `context` (table.column)."""

    impl = String
    cache_ok = True

    def __init__(self, context: str, length: int = 512):
        super().__init__(length)
        self.context = context

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return cipher().encrypt(str(value), self.context)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return cipher().decrypt(value, self.context)

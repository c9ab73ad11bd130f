"""Password hashing (argon2id) and the password policy."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2id above the OWASP Password Storage Cheat Sheet minimum (m=19 MiB, t=2, p=1).
# Verify costs ~25 ms on this kind of machine; raising these rehashes on next login.
HASHER = PasswordHasher(time_cost=2, memory_cost=24 * 1024, parallelism=1)

MIN_LENGTH = 12
MAX_LENGTH = 128


class WeakPassword(ValueError):
    pass


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    text = resources.files("employer_portal.auth").joinpath("common_passwords.txt").read_text()
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def check_password_policy(password: str, email: str = "") -> None:
    """Raise WeakPassword with a reason HR can act on."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"the password must have at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"the password must have at most {MAX_LENGTH} characters")
    lowered = password.lower()
    if lowered in _common_passwords() or len(set(lowered)) < 4:
        raise WeakPassword("the password is too common; choose another")
    local = email.split("@")[0].lower()
    if len(local) >= 4 and local in lowered:
        raise WeakPassword("the password must not contain your email address")


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return HASHER.check_needs_rehash(stored_hash)


# Verifying against this when the account does not exist keeps timing the same.
DUMMY_HASH = HASHER.hash("timing-equaliser-not-a-password")

"""Password hashing (argon2id) and the password policy."""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from employer_portal.config import PRODUCT_NAME

# argon2id above the OWASP Password Storage Cheat Sheet minimum (m=19 MiB, t=2, p=1).
# Verify costs ~25 ms on this kind of machine; raising these rehashes on next login.
HASHER = PasswordHasher(time_cost=2, memory_cost=24 * 1024, parallelism=1)

MIN_LENGTH = 12
MAX_LENGTH = 128
# The product's name (a password may not contain it), and the package's older name too.
PRODUCT_NAMES = (PRODUCT_NAME, "Employer Portal")
# Words shorter than this are too common to refuse (e.g. "com", "inc").
MIN_CONTEXT_WORD = 4
# What a password is when its leading and trailing digits and symbols are removed ("Dragon2024!" -> "dragon").
_DECORATION = re.compile(r"^[\W\d_]+|[\W\d_]+$")


class WeakPassword(ValueError):
    pass


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """About 30,000 common and breached passwords shipped with the project (ASVS 5.0 6.2.4); see the file's header."""
    data = resources.files("employer_portal.auth").joinpath("common_passwords.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def context_words(email: str = "", employer_name: str = "") -> set[str]:
    """Words a password must not contain: the e-mail's local part and domain, the product and employer names."""
    local, _, domain = (email or "").casefold().partition("@")
    words = {local} | set(re.split(r"[\W_]+", local)) | set(domain.split("."))
    words |= set(re.split(r"[\W_]+", f"{' '.join(PRODUCT_NAMES)} {employer_name or ''}".casefold()))
    words |= {name.casefold().replace(" ", "") for name in PRODUCT_NAMES}
    return {word for word in words if len(word) >= MIN_CONTEXT_WORD}


def check_password_policy(password: str, email: str = "", employer_name: str = "") -> None:
    """Raise WeakPassword with a reason HR can act on (ASVS 5.0 level 2, chapter V6)."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"the password must have at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"the password must have at most {MAX_LENGTH} characters")
    folded = password.casefold()
    listed = common_passwords()
    if folded in listed or _DECORATION.sub("", folded) in listed or len(set(folded)) < 4:
        raise WeakPassword("this password is too common (it is on a list of common and leaked passwords); "
                           "choose another")
    squeezed = re.sub(r"[\W_]+", "", folded)
    for word in sorted(context_words(email, employer_name)):
        if word in folded or word in squeezed:
            raise WeakPassword(f"the password must not contain \"{word}\" (from your e-mail, the employer "
                               "or the product name)")


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

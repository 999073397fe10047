"""Secrets: device tokens, one-time enrolment codes, staff passwords.

Tokens and enrolment codes are random and high-entropy, so a fast SHA-256 is the right hash for
storing them (a lookup by hash is then one index probe); passwords are low-entropy and get
argon2.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

#: Crockford base32 without I, L, O, U: easy to read aloud and to type from paper.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_GROUPS = 4
_CODE_GROUP_LEN = 4

_hasher = PasswordHasher()


def new_token() -> str:
    """A device or session token (256 random bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_enrolment_code() -> str:
    """``XXXX-XXXX-XXXX-XXXX``: 80 random bits, short-lived and single-use."""
    chars = [secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_GROUPS * _CODE_GROUP_LEN)]
    groups = [
        "".join(chars[i : i + _CODE_GROUP_LEN]) for i in range(0, len(chars), _CODE_GROUP_LEN)
    ]
    return "-".join(groups)


def canonical_enrolment_code(typed: str) -> str:
    """What the volunteer typed, made comparable: case, spaces, dashes and look-alikes ignored."""
    cleaned = typed.upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    groups = [cleaned[i : i + _CODE_GROUP_LEN] for i in range(0, len(cleaned), _CODE_GROUP_LEN)]
    return "-".join(groups)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def same_secret(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())

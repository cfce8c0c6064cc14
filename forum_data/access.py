"""Role passwords: salted hashes and constant-time checks (no streamlit here).

A password in ``.streamlit/secrets.toml`` may be written in clear or as the salted hash that
``python -m forum_data hash-password`` prints (``pbkdf2_sha256$ITERATIONS$SALT$HASH``).

>>> stored = hash_password("brest2024", salt="00ff")
>>> check_password("brest2024", stored), check_password("autre", stored), check_password("brest2024", "brest2024")
(True, False, True)
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

ITERATIONS = 600_000
PREFIX = "pbkdf2_sha256"


def hash_password(password: str, *, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), iterations).hex()
    return f"{PREFIX}${iterations}${salt}${digest}"


def check_password(given: str, stored: str) -> bool:
    """True when ``given`` matches ``stored`` (a clear password or a salted hash), in constant time."""
    if stored.startswith(PREFIX + "$"):
        try:
            _, iterations, salt, digest = stored.split("$")
            computed = hashlib.pbkdf2_hmac("sha256", given.encode(), bytes.fromhex(salt), int(iterations)).hex()
        except ValueError:
            return False
        return hmac.compare_digest(computed, digest)
    return hmac.compare_digest(given.encode(), stored.encode())

"""Pseudonymous user keys, so that the database never holds a Telegram user id in clear.

A keyed hash (HMAC-SHA256) turns the id into a key; the secret lives in a file beside the
database, so a copy of the table alone cannot be joined to people.
The same function gives the short hashes used in logs.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path


class UserKeys:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the privacy key must be at least 16 bytes")
        self._secret = secret

    @classmethod
    def from_file(cls, path: Path) -> UserKeys:
        """Read the secret, creating it (readable only by the owner) on first start."""
        if path.exists():
            return cls(bytes.fromhex(path.read_text(encoding="ascii").strip()))
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secret.hex())
        return cls(secret)

    def user_key(self, user_id: int) -> str:
        digest = hmac.new(self._secret, str(user_id).encode(), hashlib.sha256).hexdigest()
        return digest[:32]

    def log_tag(self, user_id: int | None) -> str:
        """A short tag that lets one follow a user through a log without revealing them."""
        if user_id is None:
            return "-"
        return self.user_key(user_id)[:8]

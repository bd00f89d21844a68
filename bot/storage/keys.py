"""Pseudonyms and sealed chat ids, so the database never holds a Telegram id in clear.

Everything is derived from one ``SECRET_KEY`` that lives outside the data volume (an
environment variable or a Docker secret): a copy of the volume alone can neither tell who
uses the bot nor write to anyone. Each purpose gets its own derived key, so the pseudonym a
table keeps for a user cannot be matched with the pseudonym another table keeps for a chat.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MIN_SECRET_BYTES = 32
NONCE_BYTES = 12


def _derive(secret: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(
        secret
    )


class Keys:
    """Keyed hashes (HMAC-SHA256) for lookups, AES-GCM for the chat ids a feature must send to."""

    def __init__(self, secret: bytes, legacy_user_secret: bytes | None = None) -> None:
        if len(secret) < MIN_SECRET_BYTES:
            raise ValueError(f"SECRET_KEY must be at least {MIN_SECRET_BYTES} characters")
        # A database made before SECRET_KEY existed keyed its users with a file beside it;
        # keeping that key keeps their settings (see README, "Upgrading").
        self._user = legacy_user_secret or _derive(secret, "user-key")
        self._chat = _derive(secret, "chat-key")
        self._ban = _derive(secret, "ban-key")
        self._seal = AESGCM(_derive(secret, "chat-seal"))

    @classmethod
    def for_database(cls, secret: bytes, database_path: Path) -> Keys:
        legacy = database_path.with_suffix(".key")
        legacy_secret = None
        if str(database_path) != ":memory:" and legacy.exists():
            legacy_secret = bytes.fromhex(legacy.read_text(encoding="ascii").strip())
        return cls(secret, legacy_secret)

    def user_key(self, user_id: int) -> str:
        """The users table's key for a person."""
        return _hmac(self._user, user_id)

    def chat_key(self, chat_id: int) -> str:
        """How rows about a chat are found again (for /forget), unlinkable to ``user_key``."""
        return _hmac(self._chat, chat_id)

    def ban_key(self, user_id: int) -> str:
        return _hmac(self._ban, user_id)

    def seal_chat(self, chat_id: int) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._seal.encrypt(nonce, str(chat_id).encode(), b"chat")

    def open_chat(self, sealed: bytes) -> int:
        nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
        return int(self._seal.decrypt(nonce, body, b"chat"))

    def log_tag(self, user_id: int | None) -> str:
        """A short tag that lets one follow a user through a log without revealing them."""
        if user_id is None:
            return "-"
        return self.user_key(user_id)[:8]


def _hmac(key: bytes, number: int) -> str:
    return hmac.new(key, str(number).encode(), hashlib.sha256).hexdigest()[:32]


def new_secret() -> str:
    """A fresh SECRET_KEY for `python -m bot new-secret`."""
    return os.urandom(32).hex()

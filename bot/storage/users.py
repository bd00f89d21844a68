"""Per-user preferences: language, country, disappearing-messages setting. Nothing else.

A row exists only for someone who changed a setting, so pressing /start leaves no trace.
A change writes only its own column: two settings changed at once both survive.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal, cast

from bot.storage.db import Database
from bot.storage.keys import Keys

Lang = Literal["ru", "en"]
CACHE_SIZE = 50_000
# The columns a setting may change; the SQL for each is written out, never built from input.
_SET_COLUMN = {
    "lang": "INSERT INTO users (user_key, lang) VALUES (?, ?) "
    "ON CONFLICT (user_key) DO UPDATE SET lang = excluded.lang",
    "country": "INSERT INTO users (user_key, lang, country) VALUES (?, ?, ?) "
    "ON CONFLICT (user_key) DO UPDATE SET country = excluded.country",
    "disappear_seconds": "INSERT INTO users (user_key, lang, disappear_seconds) VALUES (?, ?, ?) "
    "ON CONFLICT (user_key) DO UPDATE SET disappear_seconds = excluded.disappear_seconds",
}

_RETURNING = "RETURNING lang, country, disappear_seconds"


@dataclass(frozen=True)
class UserPrefs:
    lang: Lang
    country: str | None = None
    disappear_seconds: int | None = None


class UserStore:
    """Reads through a bounded in-memory cache: every update needs the language, fast."""

    def __init__(self, db: Database, keys: Keys) -> None:
        self._db = db
        self._keys = keys
        self._cache: OrderedDict[str, UserPrefs | None] = OrderedDict()

    async def get(self, user_id: int) -> UserPrefs | None:
        key = self._keys.user_key(user_id)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        prefs = await self._read(key)
        self._remember(key, prefs)
        return prefs

    async def _read(self, key: str) -> UserPrefs | None:
        row = await self._db.fetchone(
            "SELECT lang, country, disappear_seconds FROM users WHERE user_key = ?", (key,)
        )
        return None if row is None else UserPrefs(cast(Lang, row[0]), row[1], row[2])

    async def set_lang(self, user_id: int, lang: Lang) -> UserPrefs:
        return await self._set(user_id, lang, "lang", None)

    async def set_country(self, user_id: int, lang: Lang, country: str | None) -> UserPrefs:
        return await self._set(user_id, lang, "country", country)

    async def set_disappear(self, user_id: int, lang: Lang, seconds: int | None) -> UserPrefs:
        return await self._set(user_id, lang, "disappear_seconds", seconds)

    async def _set(self, user_id: int, lang: Lang, column: str, value: object) -> UserPrefs:
        """Write one column (creating the row with the language in use); get the whole row back."""
        key = self._keys.user_key(user_id)
        params: tuple[object, ...] = (key, lang) if column == "lang" else (key, lang, value)
        rows = await self._db.write_returning(f"{_SET_COLUMN[column]} {_RETURNING}", params)
        prefs = UserPrefs(cast(Lang, rows[0][0]), rows[0][1], rows[0][2])
        self._remember(key, prefs)
        return prefs

    async def forget(self, user_id: int) -> None:
        key = self._keys.user_key(user_id)
        await self._db.write("DELETE FROM users WHERE user_key = ?", (key,))
        self._remember(key, None)

    async def count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM users")
        return int(row[0]) if row else 0

    def _remember(self, key: str, prefs: UserPrefs | None) -> None:
        self._cache[key] = prefs
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)


__all__ = ["Lang", "UserPrefs", "UserStore"]

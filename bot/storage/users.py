"""Per-user preferences: language, country, disappearing-messages setting. Nothing else."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Literal, cast

from bot.storage.db import Database
from bot.storage.keys import UserKeys
from bot.storage.migrations import FORGET_STATEMENTS

Lang = Literal["ru", "en"]
CACHE_SIZE = 50_000


@dataclass(frozen=True)
class UserPrefs:
    lang: Lang
    country: str | None = None
    disappear_seconds: int | None = None


class UserStore:
    """Reads through a bounded in-memory cache: every update needs the language, fast."""

    def __init__(self, db: Database, keys: UserKeys) -> None:
        self._db = db
        self._keys = keys
        self._cache: OrderedDict[int, UserPrefs | None] = OrderedDict()

    async def get(self, user_id: int) -> UserPrefs | None:
        if user_id in self._cache:
            self._cache.move_to_end(user_id)
            return self._cache[user_id]
        row = await self._db.fetchone(
            "SELECT lang, country, disappear_seconds FROM users WHERE user_key = ?",
            (self._keys.user_key(user_id),),
        )
        prefs = None if row is None else UserPrefs(cast(Lang, row[0]), row[1], row[2])
        self._remember(user_id, prefs)
        return prefs

    async def save(self, user_id: int, prefs: UserPrefs) -> None:
        await self._db.write(
            "INSERT INTO users (user_key, lang, country, disappear_seconds) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_key) DO UPDATE SET lang = excluded.lang, "
            "country = excluded.country, disappear_seconds = excluded.disappear_seconds",
            (self._keys.user_key(user_id), prefs.lang, prefs.country, prefs.disappear_seconds),
        )
        self._remember(user_id, prefs)

    async def update(self, user_id: int, default_lang: Lang, **changes: object) -> UserPrefs:
        current = await self.get(user_id) or UserPrefs(default_lang)
        prefs = replace(current, **changes)  # type: ignore[arg-type]
        await self.save(user_id, prefs)
        return prefs

    async def forget(self, user_id: int) -> None:
        """Delete every row about the user, in every user table, in one transaction."""
        key = self._keys.user_key(user_id)
        await self._db.write_many((statement, (key,)) for statement in FORGET_STATEMENTS)
        self._remember(user_id, None)

    async def count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM users")
        return int(row[0]) if row else 0

    def _remember(self, user_id: int, prefs: UserPrefs | None) -> None:
        self._cache[user_id] = prefs
        self._cache.move_to_end(user_id)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

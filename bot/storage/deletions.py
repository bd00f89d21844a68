"""Messages waiting to be deleted from a chat (the disappearing-conversation setting).

Persisted so that a restart does not leave a chat un-cleaned on a phone that is about to be
checked at a border.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.db import Database
from bot.storage.keys import UserKeys


@dataclass(frozen=True)
class PendingDeletion:
    id: int
    chat_id: int
    message_id: int
    due_at: int


class DeletionQueue:
    def __init__(self, db: Database, keys: UserKeys) -> None:
        self._db = db
        self._keys = keys

    async def schedule(
        self, user_id: int, chat_id: int, message_ids: list[int], due_at: int
    ) -> None:
        key = self._keys.user_key(user_id)
        await self._db.write_many(
            (
                "INSERT OR IGNORE INTO pending_deletions (user_key, chat_id, message_id, due_at) "
                "VALUES (?, ?, ?, ?)",
                (key, chat_id, message_id, due_at),
            )
            for message_id in message_ids
        )

    async def due(self, now: int, limit: int = 500) -> list[PendingDeletion]:
        rows = await self._db.fetchall(
            "SELECT id, chat_id, message_id, due_at FROM pending_deletions "
            "WHERE due_at <= ? ORDER BY due_at LIMIT ?",
            (now, limit),
        )
        return [PendingDeletion(*row) for row in rows]

    async def done(self, ids: list[int]) -> None:
        await self._db.write_many(("DELETE FROM pending_deletions WHERE id = ?", (i,)) for i in ids)

    async def cancel_chat(self, chat_id: int) -> None:
        await self._db.write("DELETE FROM pending_deletions WHERE chat_id = ?", (chat_id,))

    async def count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM pending_deletions")
        return int(row[0]) if row else 0

"""Messages waiting to be deleted from a chat (the disappearing-conversation setting).

Persisted so that a restart does not leave a chat un-cleaned on a phone that is about to be
checked at a border. A row holds the chat sealed with SECRET_KEY and a keyed hash to find
it again, never a link to the user's settings row.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag

from bot.storage import Database, Keys

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PendingDeletion:
    id: int
    chat_id: int
    message_id: int
    due_at: int


class DeletionQueue:
    def __init__(self, db: Database, keys: Keys) -> None:
        self._db = db
        self._keys = keys

    async def schedule(self, chat_id: int, message_ids: list[int], due_at: int) -> None:
        if not message_ids:
            return
        key = self._keys.chat_key(chat_id)
        # One statement for all rows: atomic without an explicit transaction.
        values = ", ".join("(?, ?, ?, ?)" for _ in message_ids)
        params: list[object] = []
        for message_id in message_ids:
            params += [key, self._keys.seal_chat(chat_id), message_id, due_at]
        sql = f"INSERT OR IGNORE INTO pending_deletions (chat_key, chat, message_id, due_at) VALUES {values}"  # noqa: S608  # nosec B608  # only placeholders are joined
        await self._db.write(sql, params)

    async def due(self, now: int, limit: int = 500) -> list[PendingDeletion]:
        rows = await self._db.fetchall(
            "SELECT id, chat, message_id, due_at FROM pending_deletions "
            "WHERE due_at <= ? ORDER BY due_at, id LIMIT ?",
            (now, limit),
        )
        found: list[PendingDeletion] = []
        unreadable: list[int] = []
        for row_id, sealed, message_id, due_at in rows:
            try:
                found.append(
                    PendingDeletion(row_id, self._keys.open_chat(sealed), message_id, due_at)
                )
            except InvalidTag:
                unreadable.append(row_id)
        if unreadable:
            # Sealed with another SECRET_KEY: nobody can ever send to that chat again.
            log.error(
                "%d pending deletions sealed with another SECRET_KEY, dropped", len(unreadable)
            )
            await self.done(unreadable)
        return found

    async def for_chat(self, chat_id: int) -> list[PendingDeletion]:
        rows = await self._db.fetchall(
            "SELECT id, message_id, due_at FROM pending_deletions WHERE chat_key = ? ORDER BY id",
            (self._keys.chat_key(chat_id),),
        )
        return [PendingDeletion(r[0], chat_id, r[1], r[2]) for r in rows]

    async def done(self, ids: list[int]) -> None:
        await self._db.write_many(("DELETE FROM pending_deletions WHERE id = ?", (i,)) for i in ids)

    async def cancel_chat(self, chat_id: int) -> None:
        await self._db.write(
            "DELETE FROM pending_deletions WHERE chat_key = ?", (self._keys.chat_key(chat_id),)
        )

    async def count(self) -> int:
        row = await self._db.fetchone("SELECT COUNT(*) FROM pending_deletions")
        return int(row[0]) if row else 0

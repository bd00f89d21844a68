"""Deleting many messages from a chat, within Telegram's limit per call."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# deleteMessages accepts at most this many ids per call.
DELETE_BATCH = 100


async def delete_in_batches(bot: Any, chat_id: int, message_ids: Sequence[int]) -> None:
    """Raises the first Telegram error, leaving later batches undone; callers decide."""
    for start in range(0, len(message_ids), DELETE_BATCH):
        await bot.delete_messages(chat_id, list(message_ids[start : start + DELETE_BATCH]))

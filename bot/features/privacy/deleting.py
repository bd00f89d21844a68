"""Deleting many messages from a chat, within Telegram's limit per call."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

log = logging.getLogger(__name__)

# deleteMessages accepts at most this many ids per call.
DELETE_BATCH = 100


@dataclass
class DeleteOutcome:
    """``settled``: ids deleted or that can never be (too old, gone, chat blocked us);
    ``postponed``: ids to try again later (network trouble, flood control)."""

    settled: list[int] = field(default_factory=list)
    postponed: list[int] = field(default_factory=list)


async def delete_in_batches(bot: Bot, chat_id: int, message_ids: Sequence[int]) -> DeleteOutcome:
    """One failed batch neither stops nor settles the others."""
    outcome = DeleteOutcome()
    for start in range(0, len(message_ids), DELETE_BATCH):
        batch = list(message_ids[start : start + DELETE_BATCH])
        try:
            await bot.delete_messages(chat_id, batch)
        except (BadRequest, Forbidden) as error:
            # Too old (over 48 hours), already deleted, or the user blocked us: nothing to retry.
            log.info("deletion skipped: %s", type(error).__name__)
        except TelegramError as error:
            log.warning("deletion postponed: %s", type(error).__name__)
            outcome.postponed.extend(batch)
            continue
        outcome.settled.extend(batch)
    return outcome

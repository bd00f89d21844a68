"""The disappearing-messages job: delete what is due, keep what could not be deleted yet."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from telegram.ext import Application

from bot.core.services import services_of
from bot.features.privacy.deleting import delete_in_batches
from bot.features.privacy.storage import PendingDeletion


async def run_due_deletions(
    application: Application[Any, Any, Any, Any, Any, Any], now: int
) -> int:
    """Delete due messages chat by chat; returns how many rows were settled."""
    services = services_of(application)
    due = await services.deletions.due(now)
    by_chat: dict[int, list[PendingDeletion]] = defaultdict(list)
    for item in due:
        by_chat[item.chat_id].append(item)
    finished: list[int] = []
    for chat_id, items in by_chat.items():
        row_of = {i.message_id: i.id for i in items}
        outcome = await delete_in_batches(application.bot, chat_id, list(row_of))
        finished.extend(row_of[m] for m in outcome.settled)
    await services.deletions.done(finished)
    return len(finished)


async def deletion_job(context: Any) -> None:
    await run_due_deletions(context.application, int(time.time()))

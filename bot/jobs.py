"""Background work on PTB's JobQueue: content reload, disappearing messages, statistics."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from datetime import date
from typing import Any

from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application

from bot.catalog import build_catalog
from bot.deleting import delete_in_batches
from bot.health import beat
from bot.library.reload import reload_if_valid
from bot.services import SERVICES_KEY, Services
from bot.storage import PendingDeletion

log = logging.getLogger(__name__)

WATCHER_KEY = "content_watcher"


def _services(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    services: Services = application.bot_data[SERVICES_KEY]
    return services


async def reload_content(
    application: Application[Any, Any, Any, Any, Any, Any], *, force: bool = False
) -> str:
    """Swap in the library on disk if it passes the check; otherwise keep the last good one.

    Returns a one-line outcome for the admin who asked. Users mid-article are unaffected:
    their buttons resolve against the new catalog, and stale ids get a clear answer.
    """
    services = _services(application)
    watcher = application.bot_data.get(WATCHER_KEY)
    if not force and (watcher is None or not watcher.changed()):
        return "unchanged"
    content_dir = services.settings.content_dir
    current = services.catalog.library
    outcome = await asyncio.to_thread(reload_if_valid, content_dir, current, date.today())
    if not outcome.reloaded:
        errors = [str(p) for p in outcome.errors[:20]]
        log.error(
            "content reload rejected, keeping version %s: %s", current.version, outcome.summary
        )
        for line in errors:
            log.error("content: %s", line)
        message = "Content NOT reloaded, still serving the last good version:\n" + "\n".join(errors)
        await notify_admins(application, message)
        return message
    if outcome.library.version == current.version and not force:
        return "unchanged"
    catalog = await asyncio.to_thread(build_catalog, outcome.library, content_dir)
    services.catalog = catalog
    log.info("content reloaded: version %s, %d articles", catalog.version, len(catalog.library))
    return f"Content reloaded: {len(catalog.library)} articles, version {catalog.version}. {outcome.summary}"


async def notify_admins(application: Application[Any, Any, Any, Any, Any, Any], text: str) -> None:
    for admin_id in _services(application).settings.admin_ids:
        try:
            await application.bot.send_message(admin_id, text[:4000], parse_mode=None)
        except TelegramError as error:
            log.warning("could not notify an admin: %s", type(error).__name__)


async def content_job(context: Any) -> None:
    await reload_content(context.application)


async def deletion_job(context: Any) -> None:
    await run_due_deletions(context.application, int(time.time()))


async def run_due_deletions(
    application: Application[Any, Any, Any, Any, Any, Any], now: int
) -> int:
    """Delete due messages chat by chat; give up on those Telegram no longer lets us delete."""
    services = _services(application)
    due = await services.deletions.due(now)
    by_chat: dict[int, list[PendingDeletion]] = defaultdict(list)
    for item in due:
        by_chat[item.chat_id].append(item)
    finished: list[int] = []
    for chat_id, items in by_chat.items():
        try:
            await delete_in_batches(application.bot, chat_id, [i.message_id for i in items])
        except (BadRequest, Forbidden) as error:
            # Too old (over 48 hours), already deleted, or the user blocked us: nothing to retry.
            log.info("deletion skipped: %s", type(error).__name__)
        except TelegramError as error:
            log.warning("deletion postponed: %s", type(error).__name__)
            continue
        finished.extend(i.id for i in items)
    await services.deletions.done(finished)
    return len(finished)


async def heartbeat_job(context: Any) -> None:
    beat(_services(context.application).settings.database_path)


async def stats_job(context: Any) -> None:
    await _services(context.application).stats.flush()

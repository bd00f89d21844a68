"""Content reload (the job and /reload) and messages to the admins."""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from html import escape
from typing import Any

from telegram.error import TelegramError
from telegram.ext import Application

from bot.content.catalog import build_catalog
from bot.content.reload import reload_if_valid
from bot.core.services import services_of

log = logging.getLogger(__name__)


async def reload_content(
    application: Application[Any, Any, Any, Any, Any, Any], *, force: bool = False
) -> str:
    """Swap in the library on disk if it passes the check; otherwise keep the last good one.

    Returns a one-line outcome (plain text) for the admin who asked. Users mid-article are
    unaffected: their buttons resolve against the new catalog, and stale ids get a clear answer.
    """
    services = services_of(application)
    watcher = services.watcher
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


def admin_html(text: str) -> str:
    """Plain text (file names, checker lines) made safe for the bot's HTML parse mode."""
    return escape(text[:4000], quote=False)


async def notify_admins(application: Application[Any, Any, Any, Any, Any, Any], text: str) -> None:
    for admin_id in services_of(application).settings.admin_ids:
        try:
            await application.bot.send_message(admin_id, admin_html(text))
        except TelegramError as error:
            log.warning("could not notify an admin: %s", type(error).__name__)


async def content_job(context: Any) -> None:
    await reload_content(context.application)

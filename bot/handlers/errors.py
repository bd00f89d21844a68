"""The last resort: log without private data, and tell the user briefly."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError

from bot.context import BotContext
from bot.screens import menus

log = logging.getLogger(__name__)


def update_kind(update: object) -> str:
    if not isinstance(update, Update):
        return type(update).__name__
    for name in ("message", "edited_message", "callback_query", "inline_query", "channel_post"):
        if getattr(update, name) is not None:
            return name
    return "other"


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    services = context.services
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )
    tag = services.keys.log_tag(user_id)
    kind = update_kind(update)
    if isinstance(error, Forbidden):
        if isinstance(update, Update) and update.effective_chat:
            services.blocked_chats.add(update.effective_chat.id)
        log.info("%s update from %s: bot blocked or not allowed", kind, tag)
        return
    if isinstance(error, NetworkError):
        log.warning("%s update from %s: network error %s", kind, tag, type(error).__name__)
    else:
        # The traceback names code, not the update; the update itself is never logged.
        log.error("%s update from %s failed: %s", kind, tag, type(error).__name__, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    try:
        await context.bot.send_message(
            update.effective_chat.id, menus.error_screen(context.tr).text
        )
    except Exception as second:
        log.warning("could not tell %s about the error: %s", tag, type(second).__name__)

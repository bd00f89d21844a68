"""The last resort: log without private data, and tell the user briefly.

In PTB 22 BadRequest (bad HTML, a message too long, an invalid button) is a NetworkError
subclass; it is our bug, not a network blip, so it is logged as an error with its traceback.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError

from bot.core.context import BotContext
from bot.core.i18n import lang_for_client
from bot.core.screens import HOME, Button, Screen
from bot.core.sending import reply

log = logging.getLogger(__name__)


def update_kind(update: object) -> str:
    if not isinstance(update, Update):
        return type(update).__name__
    for name in ("message", "edited_message", "callback_query", "inline_query", "channel_post"):
        if getattr(update, name) is not None:
            return name
    return "other"


def error_screen(context: BotContext) -> Screen:
    tr = context.tr
    text = tr.gettext("Sorry, something went wrong on my side. Please try again.")
    return Screen(text, ((Button(tr.gettext("🏠 Home"), HOME),),))


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    services = context.services
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )
    tag = services.keys.log_tag(user_id)
    kind = update_kind(update)
    services.feedback.metrics.error(error)
    if isinstance(error, Forbidden):
        log.info("%s update from %s: bot blocked or not allowed", kind, tag)
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        log.warning("%s update from %s: network error %s", kind, tag, type(error).__name__)
    else:
        # The traceback names code, not the update; the update itself is never logged.
        log.error("%s update from %s failed: %s", kind, tag, type(error).__name__, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    incoming = update.message or update.edited_message
    try:
        # The error handler gets a fresh context: restore the user's language and settings,
        # so the apology is in their language and disappears with the rest of the chat.
        if update.effective_user is not None:
            context.prefs = await services.users.get(update.effective_user.id)
            lang = (
                context.prefs.lang
                if context.prefs
                else lang_for_client(update.effective_user.language_code)
            )
            context.tr = services.translators[lang]
        await reply(
            context,
            update.effective_chat.id,
            error_screen(context),
            incoming=incoming.message_id if incoming else None,
        )
    except Exception as second:
        log.warning("could not tell %s about the error: %s", tag, type(second).__name__)

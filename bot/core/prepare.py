"""Runs before every other handler: who is this, which language, are they flooding us."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.core.context import BotContext
from bot.core.i18n import Translator, lang_for_client
from bot.core.screens import Screen
from bot.core.sending import answer_query, reply, schedule_disappearing


def rate_limited(tr: Translator) -> str:
    return tr.gettext("You are sending messages very fast. Please wait a minute and try again.")


async def prepare(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is None:
        return
    services = context.services
    prefs = await services.users.get(user.id)
    context.prefs = prefs
    lang = prefs.lang if prefs else lang_for_client(user.language_code)
    context.tr = services.translators[lang]
    counted = update.message or update.edited_message or update.callback_query
    if counted and not services.limiter.allow(user.id):
        await _refuse(update, context)
        raise ApplicationHandlerStop


async def _refuse(update: Update, context: BotContext) -> None:
    """Warn once a minute; the refused message still disappears with the rest of the chat."""
    chat = update.effective_chat
    incoming = update.message or update.edited_message
    user = update.effective_user
    assert user is not None
    warn = context.services.limiter.should_warn(user.id)
    text = rate_limited(context.tr)
    if update.callback_query:
        await answer_query(update, text if warn else None, alert=warn)
    elif chat is not None and incoming is not None:
        if warn:
            await reply(context, chat.id, Screen(text), incoming=incoming.message_id)
        else:
            await schedule_disappearing(context, chat.id, [incoming.message_id])

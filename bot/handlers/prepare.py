"""Runs before every other handler: who is this, which language, are they flooding us."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.i18n import lang_for_client
from bot.screens.menus import rate_limited


async def prepare(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is None:
        return
    services = context.services
    prefs = await services.users.get(user.id)
    context.prefs = prefs
    lang = prefs.lang if prefs else lang_for_client(user.language_code)
    context.tr = services.translators[lang]
    chat = update.effective_chat
    if chat is not None:
        # Writing again after a block means they unblocked us.
        services.blocked_chats.discard(chat.id)
    counted = update.message or update.edited_message or update.callback_query
    if counted and not services.limiter.allow(user.id):
        if services.limiter.should_warn(user.id):
            text = rate_limited(context.tr)
            if update.callback_query:
                await update.callback_query.answer(text, show_alert=True)
            elif chat is not None:
                await context.bot.send_message(chat.id, text)
        raise ApplicationHandlerStop

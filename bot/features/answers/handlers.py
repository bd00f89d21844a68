"""Free-text questions, and kind answers to everything that is not text.

Thin on purpose: which screen answers which message is decided in ``screens.reply_to``
and ``screens.has_words``, which are tested without Telegram.
"""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.core.context import BotContext
from bot.core.sending import send
from bot.features.answers.screens import (
    contacts_only,
    contacts_reply,
    has_words,
    reply_to,
    wordless_reply,
)
from bot.features.feedback.service import Feedback
from bot.features.menu import screens as menu


async def on_text(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    tr = context.tr
    if not has_words(message.text):
        await send(update, context, wordless_reply(tr))
        return
    question = Feedback.as_stored(message.text)  # shown for consent exactly as it would be kept
    if contacts_only(question):
        await send(update, context, contacts_reply(tr))
        return
    catalog = context.services.catalog
    # The engine cleans the text itself and reads only the beginning of a long story.
    answer = catalog.engine.search(message.text, country=context.country, limit=5)
    screen, opened = reply_to(tr, catalog, answer, context.country, question)
    if opened is not None:
        context.services.stats.record(opened, date.today())
    sent = await send(update, context, screen)
    chat_id = message.chat.id
    context.services.feedback.answered(chat_id, sent, message.text, answer, tr.lang, date.today())


async def on_other(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice, files, locations...: say what the bot can read."""
    await send(update, context, menu.unsupported_message(context.tr))

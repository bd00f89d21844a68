"""Free-text questions, and kind answers to everything that is not text."""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.core.context import BotContext
from bot.core.sending import send
from bot.features.answers.screens import answer_screen, not_found
from bot.features.menu import screens as menu


async def on_text(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    tr = context.tr
    catalog = context.services.catalog
    # The engine cleans the text itself and reads only the beginning of a long story.
    answer = catalog.engine.search(message.text, country=context.country, limit=5)
    if answer.smalltalk:
        screen = menu.smalltalk(tr, answer.smalltalk)
    else:
        found = answer_screen(tr, catalog, answer, context.country)
        if found is not None:
            context.services.stats.record(answer.hits[0].article_id, date.today())
        screen = found or not_found(tr, catalog)
    await send(update, context, screen)


async def on_other(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice, files, locations...: say what the bot can read."""
    await send(update, context, menu.unsupported_message(context.tr))

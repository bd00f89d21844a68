"""Free-text questions, and kind answers to everything that is not text."""

from __future__ import annotations

from datetime import date

from telegram import Message, MessageEntity, Update

from bot.context import BotContext
from bot.handlers.common import send
from bot.screens import menus
from bot.screens.articles import answer_screen


async def on_text(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    tr = context.tr
    catalog = context.services.catalog
    # The engine cleans the text itself and reads only the beginning of a long story.
    answer = catalog.engine.search(message.text, country=context.country, limit=5)
    if answer.smalltalk:
        screen = menus.smalltalk(tr, answer.smalltalk)
    else:
        found = answer_screen(tr, catalog, answer, context.country)
        if found is not None:
            context.services.stats.record(answer.hits[0].article_id, date.today())
        screen = found or menus.not_found(tr, catalog)
    await send(update, context, screen)


async def on_other(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice, files, locations...: say what the bot can read."""
    await send(update, context, menus.unsupported_message(context.tr))


async def on_group(update: Update, context: BotContext) -> None:
    """In groups the bot only says, briefly, that it answers in private."""
    message = update.effective_message
    if message is None or not _addressed(message, context.bot.username):
        return
    await send(update, context, menus.group_reply(context.tr, context.bot.username))


def _addressed(message: Message, username: str) -> bool:
    replied = message.reply_to_message
    if replied and replied.from_user and replied.from_user.username == username:
        return True
    mention = f"@{username}".lower()
    if mention in (message.text or message.caption or "").lower():
        return True
    for entity, text in message.parse_entities(
        [MessageEntity.MENTION, MessageEntity.BOT_COMMAND]
    ).items():
        if entity.type == MessageEntity.MENTION and text.lower() == mention:
            return True
        if entity.type == MessageEntity.BOT_COMMAND and text.lower().endswith(mention):
            return True
    return False

"""/start (with deep links), /help, the menu buttons, unknown commands and group messages."""

from __future__ import annotations

import re
from datetime import date

from telegram import Message, MessageEntity, Update

from bot.core.context import BotContext
from bot.core.screens import HOME, NOOP, Screen
from bot.core.sending import answer_query, edit, send
from bot.features.articles.screens import article_screen
from bot.features.menu import data, screens

DEEP_LINK = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)


async def start(update: Update, context: BotContext) -> None:
    """Greets without storing anything: a row is written only when a setting changes."""
    services = context.services
    tr = context.tr
    if not context.args:
        await send(update, context, screens.welcome(tr))
        return
    # A deep link t.me/<bot>?start=<article-id>, as NGOs put on their pages.
    article_id = context.args[0].lower()
    screen = None
    if DEEP_LINK.fullmatch(article_id):
        screen = article_screen(tr, services.catalog, article_id, 0, context.country)
    if screen is None:
        note = tr.gettext("That link points to an article I do not have. Here is the menu.")
        screen = screens.main_menu(tr, note=note)
    else:
        services.stats.record(article_id, date.today())
    await send(update, context, screen)


async def help_command(update: Update, context: BotContext) -> None:
    await send(update, context, screens.help_screen(context.tr, context.bot.username))


async def unknown_command(update: Update, context: BotContext) -> None:
    await send(update, context, screens.unknown_command(context.tr))


def menu_screen(context: BotContext, choice: str) -> Screen | None:
    tr = context.tr
    if choice == HOME:
        return screens.main_menu(tr)
    if choice == data.HELP:
        return screens.help_screen(tr, context.bot.username)
    if choice == data.SEARCH:
        return screens.ask_screen(tr)
    return None


async def on_menu_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    screen = menu_screen(context, query.data or "")
    await answer_query(update)
    if query.data != NOOP and screen is not None:
        await edit(update, context, screen)


async def on_stale_button(update: Update, context: BotContext) -> None:
    """Forged data, or a keyboard from before a content update: say so, show the menu."""
    await answer_query(update, context.tr.gettext("This page has changed. Here is the menu."))
    await edit(update, context, screens.main_menu(context.tr))


async def on_group(update: Update, context: BotContext) -> None:
    """In groups the bot only says, briefly, that it answers in private."""
    message = update.effective_message
    if message is None or not _addressed(message, context.bot.username):
        return
    await send(update, context, screens.group_reply(context.tr, context.bot.username))


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

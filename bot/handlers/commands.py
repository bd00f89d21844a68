"""Slash commands: /start (with deep links), /help, /privacy, /language, /country, /settings, /forget."""

from __future__ import annotations

import re
from datetime import date

from telegram import BotCommand, Update

from bot.context import BotContext
from bot.handlers.common import send
from bot.i18n import Translator
from bot.screens import menus
from bot.screens.articles import article_screen

DEEP_LINK = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


async def start(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is None:
        return
    services = context.services
    if context.prefs is None:
        context.prefs = await services.users.update(user.id, context.lang)
    tr = context.tr
    if not context.args:
        await send(update, context, menus.welcome(tr))
        return
    # A deep link t.me/<bot>?start=<article-id>, as NGOs put on their pages.
    article_id = context.args[0].lower()
    screen = None
    if DEEP_LINK.match(article_id):
        screen = article_screen(tr, services.catalog, article_id, 0, context.country)
    if screen is None:
        note = tr.gettext("That link points to an article I do not have. Here is the menu.")
        screen = menus.main_menu(tr, note=note)
    else:
        services.stats.record(article_id, date.today())
    await send(update, context, screen)


async def help_command(update: Update, context: BotContext) -> None:
    await send(update, context, menus.help_screen(context.tr))


async def privacy(update: Update, context: BotContext) -> None:
    await send(update, context, menus.privacy_screen(context.tr))


async def language(update: Update, context: BotContext) -> None:
    await send(update, context, menus.language_screen(context.tr))


async def country(update: Update, context: BotContext) -> None:
    await send(update, context, menus.country_screen(context.tr, context.country))


async def settings(update: Update, context: BotContext) -> None:
    prefs = context.prefs
    screen = menus.settings_screen(
        context.tr, prefs.country if prefs else None, prefs.disappear_seconds if prefs else None
    )
    await send(update, context, screen)


async def forget(update: Update, context: BotContext) -> None:
    await send(update, context, menus.forget_confirm(context.tr))


async def unknown_command(update: Update, context: BotContext) -> None:
    await send(update, context, menus.unknown_command(context.tr))


def command_list(tr: Translator) -> list[BotCommand]:
    """The command menu Telegram shows, registered per language at start-up."""
    return [
        BotCommand("start", tr.gettext("Main menu")),
        BotCommand("help", tr.gettext("How to use the bot")),
        BotCommand("language", tr.gettext("Change language")),
        BotCommand("country", tr.gettext("Set your country of residence")),
        BotCommand("settings", tr.gettext("Privacy settings")),
        BotCommand("privacy", tr.gettext("What the bot stores")),
        BotCommand("forget", tr.gettext("Delete your data")),
    ]

"""Inline-button presses: navigation, settings and confirmations, all editing the same message."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from telegram import Update
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.deleting import delete_in_batches
from bot.handlers.common import answer_query, edit
from bot.library.models import COUNTRIES, LANGS, Lang
from bot.screens import Screen, base, menus
from bot.screens.articles import article_screen
from bot.screens.menus import DISAPPEAR_CHOICES

log = logging.getLogger(__name__)

# How far back "clean this chat" reaches; message ids in a private chat are consecutive.
CLEAN_WINDOW = 1000


async def on_callback(update: Update, context: BotContext) -> None:
    query = update.callback_query
    if query is None:
        return
    data = query.data or ""
    if data == base.NOOP:
        await answer_query(update)
        return
    screen = await _route(update, context, data)
    if screen is None:
        # Forged or stale data (for example a keyboard from before a content update).
        await answer_query(update, context.tr.gettext("This page has changed. Here is the menu."))
        await edit(update, context, menus.main_menu(context.tr))
        return
    await answer_query(update)
    await edit(update, context, screen)


def _settings(context: BotContext) -> Screen:
    prefs = context.prefs
    return menus.settings_screen(
        context.tr, context.country, prefs.disappear_seconds if prefs else None
    )


# Buttons that only show a screen, with nothing to store or delete.
SCREENS: dict[str, Callable[[BotContext], Screen]] = {
    base.HOME: lambda c: menus.main_menu(c.tr),
    base.SEARCH: lambda c: menus.ask_screen(c.tr),
    base.HELP: lambda c: menus.help_screen(c.tr),
    base.PRIVACY: lambda c: menus.privacy_screen(c.tr),
    base.LANGUAGE: lambda c: menus.language_screen(c.tr),
    base.COUNTRY: lambda c: menus.country_screen(c.tr, c.country),
    base.SETTINGS: _settings,
    base.FORGET: lambda c: menus.forget_confirm(c.tr),
    base.FORGET_NO: lambda c: menus.main_menu(c.tr),
    base.CLEAN: lambda c: menus.clean_confirm(c.tr),
}


async def _route(update: Update, context: BotContext, data: str) -> Screen | None:
    tr = context.tr
    services = context.services
    kind, _, rest = data.partition(":")
    if data in SCREENS:
        return SCREENS[data](context)
    if data == base.FORGET_YES:
        return await _forget(update, context)
    if data == base.CLEAN_YES:
        await _clean_chat(update, context)
        return menus.main_menu(tr, note=tr.gettext("I deleted what I could."))
    if kind == "sec":
        return menus.section_screen(tr, services.catalog, rest)
    if kind == "art":
        article_id, _, page = rest.rpartition(":")
        if not page.isdigit() or len(page) > 4:
            return None
        screen = article_screen(tr, services.catalog, article_id, int(page), context.country)
        if screen is not None and page == "0":
            services.stats.record(article_id, date.today())
        return screen
    if kind == "lang" and rest in LANGS:
        return await _set_language(update, context, rest)
    if kind == "cty" and (rest in COUNTRIES or rest == "-"):
        return await _set_prefs(update, context, country=None if rest == "-" else rest)
    if kind == "dis" and rest.isdigit() and int(rest) in DISAPPEAR_CHOICES:
        return await _set_prefs(update, context, disappear_seconds=int(rest) or None)
    return None


async def _set_language(update: Update, context: BotContext, lang: Lang) -> Screen:
    user = update.effective_user
    assert user is not None
    context.prefs = await context.services.users.update(user.id, lang, lang=lang)
    context.tr = context.services.translators[lang]
    return menus.main_menu(context.tr, note=context.tr.gettext("Language: English"))


async def _set_prefs(update: Update, context: BotContext, **changes: object) -> Screen:
    user = update.effective_user
    assert user is not None
    prefs = await context.services.users.update(user.id, context.lang, **changes)
    context.prefs = prefs
    return menus.settings_screen(context.tr, prefs.country, prefs.disappear_seconds)


async def _forget(update: Update, context: BotContext) -> Screen:
    user = update.effective_user
    assert user is not None
    await context.services.users.forget(user.id)
    context.services.limiter.forget(user.id)
    context.prefs = None
    log.info("user %s forgot", context.services.keys.log_tag(user.id))
    return menus.forgotten(context.tr)


async def _clean_chat(update: Update, context: BotContext) -> None:
    """Delete the recent messages of this chat that Telegram still lets the bot delete."""
    query = update.callback_query
    chat = update.effective_chat
    if query is None or chat is None or query.message is None:
        return
    newest = query.message.message_id
    oldest = max(1, newest - CLEAN_WINDOW)
    ids = list(range(newest - 1, oldest - 1, -1))
    try:
        await delete_in_batches(context.bot, chat.id, ids)
    except (BadRequest, Forbidden) as error:
        log.info("clean chat stopped: %s", type(error).__name__)
    await context.services.deletions.cancel_chat(chat.id)

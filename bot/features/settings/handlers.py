"""/language, /country, /settings and their buttons; each change writes only its column."""

from __future__ import annotations

from telegram import Update

from bot.content.models import COUNTRIES, LANGS, Lang
from bot.core.context import BotContext
from bot.core.screens import Screen
from bot.core.sending import answer_query, edit, send
from bot.features.menu.handlers import on_stale_button
from bot.features.menu.screens import main_menu
from bot.features.settings import data, screens


def current_settings(context: BotContext, note: str | None = None) -> Screen:
    prefs = context.prefs
    return screens.settings_screen(
        context.tr, context.country, prefs.disappear_seconds if prefs else None, note
    )


async def settings_command(update: Update, context: BotContext) -> None:
    await send(update, context, current_settings(context))


async def language_command(update: Update, context: BotContext) -> None:
    await send(update, context, screens.language_screen(context.tr))


async def country_command(update: Update, context: BotContext) -> None:
    await send(update, context, screens.country_screen(context.tr, context.country))


async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    raw = query.data or ""
    screen: Screen | None
    if raw == data.SETTINGS:
        screen = current_settings(context)
    elif raw == data.LANGUAGE:
        screen = screens.language_screen(context.tr)
    elif raw == data.COUNTRY:
        screen = screens.country_screen(context.tr, context.country)
    else:
        screen = await _choose(context, user.id, data.parse_choice(raw))
    if screen is None:
        await on_stale_button(update, context)
        return
    await answer_query(update)
    await edit(update, context, screen)


async def _choose(context: BotContext, user_id: int, choice: data.Choice | None) -> Screen | None:
    users = context.services.users
    if choice is None:
        return None
    if choice.kind == "lang" and choice.value in LANGS:
        lang: Lang = "ru" if choice.value == "ru" else "en"
        context.prefs = await users.set_lang(user_id, lang)
        context.tr = context.services.translators[lang]
        return main_menu(context.tr, note=context.tr.gettext("Language: English"))
    if choice.kind == "cty" and (choice.value in COUNTRIES or choice.value == "-"):
        country = None if choice.value == "-" else choice.value
        context.prefs = await users.set_country(user_id, context.lang, country)
        return current_settings(context, screens.country_saved(context.tr, country))
    if choice.kind == "dis" and choice.value.isascii() and choice.value.isdigit():
        seconds = int(choice.value)
        if seconds not in screens.DISAPPEAR_CHOICES:
            return None
        context.prefs = await users.set_disappear(user_id, context.lang, seconds or None)
        return current_settings(context)
    return None

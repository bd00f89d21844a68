"""/privacy, /forget and "clean this chat now"."""

from __future__ import annotations

import logging

from telegram import Update

from bot.core.context import BotContext
from bot.core.screens import Screen
from bot.core.sending import answer_query, edit, schedule_disappearing, send, to_markup
from bot.features.menu.handlers import on_stale_button
from bot.features.menu.screens import main_menu
from bot.features.privacy import data, screens
from bot.features.privacy.deleting import delete_in_batches

log = logging.getLogger(__name__)

# How far back "clean this chat" reaches; message ids in a private chat are consecutive.
CLEAN_WINDOW = 1000


async def privacy_command(update: Update, context: BotContext) -> None:
    await send(update, context, screens.privacy_screen(context.tr))


async def forget_command(update: Update, context: BotContext) -> None:
    await send(update, context, screens.forget_confirm(context.tr))


async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    raw = query.data or ""
    tr = context.tr
    screen: Screen | None = None
    if raw == data.PRIVACY:
        screen = screens.privacy_screen(tr)
    elif raw == data.FORGET:
        screen = screens.forget_confirm(tr)
    elif raw == data.FORGET_NO:
        screen = main_menu(tr)
    elif raw == data.FORGET_YES:
        screen = await forget(update, context)
    elif raw == data.CLEAN:
        screen = screens.clean_confirm(tr)
    elif raw == data.CLEAN_YES:
        await answer_query(update)
        await clean_chat(update, context)
        return
    if screen is None:
        await on_stale_button(update, context)
        return
    await answer_query(update)
    await edit(update, context, screen)


async def forget(update: Update, context: BotContext) -> Screen:
    """Carry out the pending deletions first (they are what the user wanted gone), then
    delete every row about the user."""
    user = update.effective_user
    chat = update.effective_chat
    assert user is not None and chat is not None
    services = context.services
    pending = await services.deletions.for_chat(chat.id)
    if pending:
        await delete_in_batches(context.bot, chat.id, [p.message_id for p in pending])
    await services.deletions.cancel_chat(chat.id)
    await services.alerts.store.forget_chat(chat.id)
    await services.relay.forget(context.bot, user.id)
    await services.users.forget(user.id)
    services.limiter.forget(user.id)
    services.feedback.forget_chat(chat.id)
    context.prefs = None
    log.info("user %s forgot", services.keys.log_tag(user.id))
    return screens.forgotten(context.tr)


async def clean_chat(update: Update, context: BotContext) -> None:
    """Delete every recent message Telegram still lets the bot delete.

    The reply is sent first: its id is the newest in the chat, so everything before it,
    including messages after the pressed button, is in range.
    """
    chat = update.effective_chat
    if chat is None:
        return
    tr = context.tr
    done = main_menu(tr, note=tr.gettext("I deleted what I could."))
    message = await context.bot.send_message(chat.id, done.text, reply_markup=to_markup(done))
    newest = message.message_id
    oldest = max(1, newest - CLEAN_WINDOW)
    ids = list(range(newest - 1, oldest - 1, -1))
    await delete_in_batches(context.bot, chat.id, ids)
    await context.services.deletions.cancel_chat(chat.id)
    await schedule_disappearing(context, chat.id, [newest])

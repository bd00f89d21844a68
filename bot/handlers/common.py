"""Sending and editing screens, shared by every handler.

Telegram's "message is not modified" and "message to edit not found" are answered here, once,
rather than in each handler.
"""

from __future__ import annotations

import logging
import time

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.screens import Screen

log = logging.getLogger(__name__)


def to_markup(screen: Screen) -> InlineKeyboardMarkup | None:
    if not screen.rows:
        return None
    rows = []
    for row in screen.rows:
        buttons = []
        for b in row:
            if b.url is not None:
                buttons.append(InlineKeyboardButton(b.text, url=b.url))
            elif b.switch_inline is not None:
                buttons.append(InlineKeyboardButton(b.text, switch_inline_query=b.switch_inline))
            else:
                buttons.append(InlineKeyboardButton(b.text, callback_data=b.data))
        rows.append(buttons)
    return InlineKeyboardMarkup(rows)


async def send(update: Update, context: BotContext, screen: Screen) -> Message | None:
    """Send a screen as a new message, and schedule both sides for deletion if asked to."""
    chat = update.effective_chat
    if chat is None or chat.id in context.services.blocked_chats:
        return None
    try:
        message = await context.bot.send_message(
            chat.id, screen.text, reply_markup=to_markup(screen)
        )
    except Forbidden:
        # The user blocked the bot: stop talking to them until they write again.
        context.services.blocked_chats.add(chat.id)
        log.info("chat %s blocked the bot", context.services.keys.log_tag(chat.id))
        return None
    incoming = update.effective_message if update.message or update.edited_message else None
    ids = [message.message_id] + ([incoming.message_id] if incoming else [])
    await schedule_disappearing(update, context, ids)
    return message


async def edit(update: Update, context: BotContext, screen: Screen) -> None:
    """Replace the screen the button was pressed on; fall back to a new message if it is gone."""
    query = update.callback_query
    if query is None or query.message is None or not isinstance(query.message, Message):
        await send(update, context, screen)
        return
    try:
        await query.edit_message_text(screen.text, reply_markup=to_markup(screen))
    except BadRequest as error:
        text = str(error).lower()
        if "not modified" in text:
            return
        if "not found" in text or "can't be edited" in text or "message_id_invalid" in text:
            await send(update, context, screen)
            return
        raise


async def schedule_disappearing(
    update: Update, context: BotContext, message_ids: list[int]
) -> None:
    prefs = context.prefs
    user = update.effective_user
    chat = update.effective_chat
    if not prefs or not prefs.disappear_seconds or user is None or chat is None:
        return
    due = int(time.time()) + prefs.disappear_seconds
    await context.services.deletions.schedule(user.id, chat.id, message_ids, due)


async def answer_query(update: Update, text: str | None = None) -> None:
    """Stop the button's spinner; a failure here must never hide the screen that follows."""
    if update.callback_query is None:
        return
    try:
        await update.callback_query.answer(text)
    except BadRequest:
        log.debug("callback query too old to answer")

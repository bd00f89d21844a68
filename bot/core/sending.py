"""The one way the bot writes to a chat: send or edit a screen, and schedule disappearing.

Every message the bot sends in reply (answers, warnings, apologies) and the message it
answers go through ``reply``, so a chat with disappearing messages on is cleaned of all of
them, not only of the article pages. Telegram's "message is not modified" and "message to
edit not found" are answered here, once, rather than in each handler.
"""

from __future__ import annotations

import functools
import logging
import time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.core.context import BotContext
from bot.core.screens import Button, Screen

log = logging.getLogger(__name__)


def to_markup(screen: Screen) -> InlineKeyboardMarkup | None:
    return _markup(screen.rows) if screen.rows else None


@functools.lru_cache(maxsize=4096)
def _markup(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    """Keyboards repeat (menus, article pages), and PTB's markup objects are immutable."""
    keyboard = []
    for row in rows:
        buttons = []
        for b in row:
            if b.url is not None:
                buttons.append(InlineKeyboardButton(b.text, url=b.url))
            elif b.switch_inline is not None:
                buttons.append(InlineKeyboardButton(b.text, switch_inline_query=b.switch_inline))
            else:
                buttons.append(InlineKeyboardButton(b.text, callback_data=b.data))
        keyboard.append(buttons)
    return InlineKeyboardMarkup(keyboard)


async def send(update: Update, context: BotContext, screen: Screen) -> int | None:
    """Send a screen in reply to this update (a new message)."""
    chat = update.effective_chat
    if chat is None:
        return None
    incoming = update.message or update.edited_message
    return await reply(context, chat.id, screen, incoming=incoming.message_id if incoming else None)


async def reply(
    context: BotContext, chat_id: int, screen: Screen, *, incoming: int | None = None
) -> int | None:
    """Send ``screen`` to ``chat_id``; schedule it (and ``incoming``) when disappearing is on."""
    try:
        message = await context.bot.send_message(
            chat_id, screen.text, reply_markup=to_markup(screen)
        )
    except Forbidden:
        log.info("chat %s blocked the bot", context.services.keys.log_tag(chat_id))
        return None
    ids = [message.message_id] + ([incoming] if incoming is not None else [])
    await schedule_disappearing(context, chat_id, ids)
    return message.message_id


async def edit(update: Update, context: BotContext, screen: Screen) -> None:
    """Replace the screen the button was pressed on; fall back to a new message if it is gone."""
    query = update.callback_query
    message = query.message if query is not None else None
    if message is None or not isinstance(message, Message):
        await send(update, context, screen)
        return
    try:
        await context.bot.edit_message_text(
            screen.text,
            chat_id=message.chat.id,
            message_id=message.message_id,
            reply_markup=to_markup(screen),
        )
    except BadRequest as error:
        text = str(error).lower()
        if "not modified" in text:
            return
        if "not found" in text or "can't be edited" in text or "message_id_invalid" in text:
            await send(update, context, screen)
            return
        raise


async def schedule_disappearing(context: BotContext, chat_id: int, message_ids: list[int]) -> None:
    prefs = context.prefs
    if not prefs or not prefs.disappear_seconds:
        return
    due = int(time.time()) + prefs.disappear_seconds
    await context.services.deletions.schedule(chat_id, message_ids, due)


async def answer_query(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    """Stop the button's spinner; a failure here must never hide the screen that follows."""
    if update.callback_query is None:
        return
    try:
        await update.callback_query.answer(text, show_alert=alert)
    except TelegramError as error:
        log.debug("callback query not answered: %s", type(error).__name__)

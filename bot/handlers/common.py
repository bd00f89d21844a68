"""Sending and editing screens, shared by every handler.

Telegram's "message is not modified" and "message to edit not found" are answered here, once,
rather than in each handler.
"""

from __future__ import annotations

import functools
import logging
import time
import warnings
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden
from telegram.warnings import PTBUserWarning

from bot.context import BotContext
from bot.screens import Button, Screen

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)

# send() and edit() call do_api_request on purpose (see send's docstring); PTB's reminder that
# typed methods exist is known and would otherwise repeat on every message.
warnings.filterwarnings(
    "ignore",
    message=r"Please use 'Bot\.(sendMessage|editMessageText)' instead",
    category=PTBUserWarning,
)

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


def _message_kwargs(screen: Screen) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "text": screen.text,
        "parse_mode": ParseMode.HTML,
        "link_preview_options": NO_PREVIEW,
    }
    markup = to_markup(screen)
    if markup is not None:
        kwargs["reply_markup"] = markup
    return kwargs


async def send(update: Update, context: BotContext, screen: Screen) -> int | None:
    """Send a screen as a new message, and schedule both sides for deletion if asked to.

    Goes through `do_api_request` without a return type: the bot needs only the new message's
    id, and turning Telegram's echo of the whole message (entities, keyboard) back into PTB
    objects was about half the cost of an update in benchmarks/bench_updates.py.
    """
    chat = update.effective_chat
    if chat is None or chat.id in context.services.blocked_chats:
        return None
    try:
        result = await context.bot.do_api_request(
            "sendMessage", api_kwargs={"chat_id": chat.id, **_message_kwargs(screen)}
        )
    except Forbidden:
        # The user blocked the bot: stop talking to them until they write again.
        context.services.blocked_chats.add(chat.id)
        log.info("chat %s blocked the bot", context.services.keys.log_tag(chat.id))
        return None
    message_id = int(result["message_id"])
    incoming = update.effective_message if update.message or update.edited_message else None
    ids = [message_id] + ([incoming.message_id] if incoming else [])
    await schedule_disappearing(update, context, ids)
    return message_id


async def edit(update: Update, context: BotContext, screen: Screen) -> None:
    """Replace the screen the button was pressed on; fall back to a new message if it is gone."""
    query = update.callback_query
    message = query.message if query is not None else None
    if message is None or not isinstance(message, Message):
        await send(update, context, screen)
        return
    try:
        await context.bot.do_api_request(
            "editMessageText",
            api_kwargs={
                "chat_id": message.chat.id,
                "message_id": message.message_id,
                **_message_kwargs(screen),
            },
        )
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

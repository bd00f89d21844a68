"""Builders for the JSON Telegram puts into updates and returns for sent messages.

Kept as pure functions so the shapes can be checked in one place against the Bot API
documentation; the emulator supplies ids, dates and state.
"""

from __future__ import annotations

import re
from typing import Any

from devtools.fakeapi.html import utf16_len
from devtools.fakeapi.models import BotMessage, FakeChat, FakeUser

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


def command_entities(text: str) -> list[dict[str, Any]]:
    """bot_command entities for every /command that starts a word, as Telegram marks them."""
    entities = []
    for match in _COMMAND.finditer(text):
        start = match.start()
        if start and not text[start - 1].isspace():
            continue
        entities.append(
            {
                "type": "bot_command",
                "offset": utf16_len(text[:start]),
                "length": utf16_len(match.group(0)),
            }
        )
    return entities


def user_message(
    message_id: int,
    user: FakeUser,
    chat: FakeChat,
    date: int,
    fields: dict[str, Any],
) -> dict[str, Any]:
    """A message from a user; ``fields`` carries the content (text, sticker, photo...)."""
    return {
        "message_id": message_id,
        "from": user.to_dict(),
        "chat": chat.to_dict(),
        "date": date,
        **fields,
    }


def text_fields(text: str, entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = {"text": text}
    if entities:
        fields["entities"] = entities
    return fields


def bot_message(bot: FakeUser, chat: FakeChat, message: BotMessage) -> dict[str, Any]:
    """A Message object as Telegram returns it for a message the bot sent or edited."""
    data: dict[str, Any] = {
        "message_id": message.message_id,
        "from": bot.to_dict(),
        "chat": chat.to_dict(),
        "date": message.date,
        "text": message.text,
    }
    if message.entities:
        data["entities"] = message.entities
    if message.edit_date is not None:
        data["edit_date"] = message.edit_date
    # Telegram echoes only inline keyboards; reply keyboards are not part of the Message.
    if message.reply_markup and "inline_keyboard" in message.reply_markup:
        data["reply_markup"] = message.reply_markup
    if message.link_preview_options:
        data["link_preview_options"] = message.link_preview_options
    if message.thread_id is not None:
        data["message_thread_id"] = message.thread_id
        data["is_topic_message"] = True
    return data


def callback_query(
    query_id: str,
    user: FakeUser,
    message: dict[str, Any],
    data: str,
    chat_instance: str,
) -> dict[str, Any]:
    return {
        "id": query_id,
        "from": user.to_dict(),
        "message": message,
        "chat_instance": chat_instance,
        "data": data,
    }


def inline_query(query_id: str, user: FakeUser, query: str, chat_type: str) -> dict[str, Any]:
    return {
        "id": query_id,
        "from": user.to_dict(),
        "query": query,
        "offset": "",
        "chat_type": chat_type,
    }

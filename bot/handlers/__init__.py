"""Every handler is registered here, in one place, in the order PTB should try them."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.handlers import admin, callbacks, commands, errors, inline, messages, prepare

PREPARE_GROUP = -1


def register(
    application: Application[Any, Any, Any, Any, Any, Any], admin_ids: frozenset[int]
) -> None:
    application.add_handler(TypeHandler(Update, prepare.prepare), group=PREPARE_GROUP)

    private = filters.ChatType.PRIVATE
    new_or_edited = filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE
    groups = filters.ChatType.GROUPS

    # Admin commands first: for anyone else they fall through to the unknown-command reply.
    admins = filters.User(user_id=admin_ids, allow_empty=False)
    application.add_handler(
        CommandHandler("reload", admin.reload_command, filters=private & admins)
    )
    application.add_handler(CommandHandler("stats", admin.stats_command, filters=private & admins))

    for name, callback in (
        ("start", commands.start),
        ("help", commands.help_command),
        ("privacy", commands.privacy),
        ("language", commands.language),
        ("country", commands.country),
        ("settings", commands.settings),
        ("forget", commands.forget),
    ):
        application.add_handler(
            CommandHandler(name, callback, filters=private & filters.UpdateType.MESSAGE)
        )
    application.add_handler(
        MessageHandler(
            private & filters.COMMAND & filters.UpdateType.MESSAGE, commands.unknown_command
        )
    )
    application.add_handler(
        MessageHandler(private & new_or_edited & filters.TEXT & ~filters.COMMAND, messages.on_text)
    )
    application.add_handler(
        MessageHandler(private & filters.UpdateType.MESSAGE & ~filters.TEXT, messages.on_other)
    )
    application.add_handler(MessageHandler(groups & filters.UpdateType.MESSAGE, messages.on_group))
    application.add_handler(CallbackQueryHandler(callbacks.on_callback))
    application.add_handler(InlineQueryHandler(inline.on_inline_query))
    application.add_error_handler(errors.on_error)

"""Every handler is registered here, in one place, in the order PTB should try them.

Each feature owns a callback-data prefix (its ``data.PATTERN``); a button whose data no
feature claims gets the "this page has changed" reply from the last handler.
"""

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

from bot.core import errors, prepare
from bot.features.admin import handlers as admin
from bot.features.alerts import data as alerts_data
from bot.features.alerts import handlers as alerts
from bot.features.answers import handlers as answers
from bot.features.articles import data as article_data
from bot.features.articles import handlers as articles
from bot.features.articles import inline
from bot.features.feedback import data as feedback_data
from bot.features.feedback import handlers as feedback
from bot.features.menu import data as menu_data
from bot.features.menu import handlers as menu
from bot.features.privacy import data as privacy_data
from bot.features.privacy import handlers as privacy
from bot.features.relay import data as relay_data
from bot.features.relay import handlers as relay
from bot.features.settings import data as settings_data
from bot.features.settings import handlers as settings

METRICS_GROUP = 1
PREPARE_GROUP = -2
# Between prepare and the rest: takes a user's messages while a conversation with staff is open.
RELAY_GROUP = -1
# The update types the handlers below use; Telegram sends no others (runner.py asks for these).
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.INLINE_QUERY,
]


def register(
    application: Application[Any, Any, Any, Any, Any, Any],
    admin_ids: frozenset[int],
    staff_chat_id: int | None = None,
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
    application.add_handler(
        CommandHandler("broadcast", alerts.broadcast_command, filters=private & admins)
    )
    application.add_handler(
        MessageHandler(
            private
            & admins
            & alerts.COMPOSING_FILTER
            & filters.UpdateType.MESSAGE
            & filters.TEXT
            & (~filters.COMMAND | filters.Regex(r"^/cancel\b")),
            alerts.on_composing_text,
        )
    )
    if staff_chat_id is not None:
        _register_relay(application, staff_chat_id)

    for name, callback in (
        ("start", menu.start),
        ("help", menu.help_command),
        ("privacy", privacy.privacy_command),
        ("language", settings.language_command),
        ("country", settings.country_command),
        ("settings", settings.settings_command),
        ("forget", privacy.forget_command),
        ("alerts", alerts.alerts_command),
        ("whatsnew", alerts.whatsnew_command),
        ("remind", alerts.remind_command),
    ):
        application.add_handler(
            CommandHandler(name, callback, filters=private & filters.UpdateType.MESSAGE)
        )
    application.add_handler(
        MessageHandler(private & filters.COMMAND & filters.UpdateType.MESSAGE, menu.unknown_command)
    )
    application.add_handler(
        MessageHandler(private & new_or_edited & filters.TEXT & ~filters.COMMAND, feedback.on_text)
    )
    application.add_handler(
        MessageHandler(private & filters.UpdateType.MESSAGE & ~filters.TEXT, answers.on_other)
    )
    application.add_handler(MessageHandler(groups & filters.UpdateType.MESSAGE, menu.on_group))

    for pattern, callback in (
        (menu_data.PATTERN, menu.on_menu_button),
        (article_data.PATTERN, articles.on_button),
        (settings_data.PATTERN, settings.on_button),
        (privacy_data.PATTERN, privacy.on_button),
        (feedback_data.PATTERN, feedback.on_button),
        (alerts_data.PATTERN, alerts.on_button),
        (relay_data.PATTERN, relay.on_button),
    ):
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
    application.add_handler(CallbackQueryHandler(menu.on_stale_button))
    application.add_handler(InlineQueryHandler(inline.on_inline_query))
    application.add_error_handler(errors.on_error)
    # After every other group: counts the updates handled (a rate-limited one is not).
    application.add_handler(TypeHandler(Update, feedback.count_update), group=METRICS_GROUP)


def _register_relay(
    application: Application[Any, Any, Any, Any, Any, Any], staff_chat_id: int
) -> None:
    """Only with STAFF_CHAT_ID: the staff group's handlers, /human and the message pre-handler."""
    staff = filters.Chat(chat_id=staff_chat_id)
    private = filters.ChatType.PRIVATE
    for name, callback in (
        ("close", relay.close_command),
        ("ban", relay.ban_command),
        ("urgent", relay.urgent_command),
        ("r", relay.canned_command),
    ):
        application.add_handler(
            CommandHandler(name, callback, filters=staff & filters.UpdateType.MESSAGE)
        )
    application.add_handler(
        MessageHandler(
            staff
            & filters.UpdateType.MESSAGE
            & filters.IS_TOPIC_MESSAGE
            & ~filters.StatusUpdate.ALL
            & ~filters.COMMAND,
            relay.on_staff_message,
        )
    )
    application.add_handler(
        MessageHandler(staff & filters.UpdateType.EDITED_MESSAGE, relay.on_staff_edit)
    )
    application.add_handler(MessageHandler(staff, relay.ignore))
    application.add_handler(
        CommandHandler("human", relay.human_command, filters=private & filters.UpdateType.MESSAGE)
    )
    application.add_handler(
        MessageHandler(
            private
            & (filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE)
            & ~filters.COMMAND,
            relay.on_user_message,
        ),
        group=RELAY_GROUP,
    )

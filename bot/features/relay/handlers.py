"""Telegram handlers of the relay, thin: the rules live in service.py, logic.py, screens.py.

User side: /human, the rl: buttons, and a pre-handler that takes a user's messages while a
conversation is open (so they reach staff instead of the search). Staff side: messages,
edits and the /close, /ban, /urgent, /r commands in the topics of the staff group.
"""

from __future__ import annotations

import time
from dataclasses import replace

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.content.catalog import Catalog
from bot.content.models import SECTIONS
from bot.core.context import BotContext
from bot.core.screens import Screen
from bot.core.sending import (
    answer_query,
    edit,
    reply,
    schedule_disappearing,
    send,
    to_markup,
)
from bot.features.menu.handlers import on_stale_button
from bot.features.relay import data, logic, screens
from bot.features.relay.service import Relay, StaffUnreachable
from bot.features.relay.storage import Ticket


def _relay(context: BotContext) -> Relay:
    return context.services.relay


# ------------------------------------------------------------------ user side


async def human_command(update: Update, context: BotContext) -> None:
    user = update.effective_user
    assert user is not None
    await send(update, context, await _entry_screen(context, user.id, data.DEFAULT_ORIGIN))


async def _entry_screen(context: BotContext, user_id: int, origin: str) -> Screen:
    relay = _relay(context)
    tr = context.tr
    if not relay.settings.relay_enabled:
        return screens.unavailable_screen(tr)
    if await relay.store.is_banned(user_id):
        return screens.banned_screen(tr, context.services.catalog)
    if await relay.store.open_for(user_id) is not None:
        return screens.started_screen(tr, relay.settings)
    return screens.consent_screen(tr, relay.settings, context.services.catalog, origin)


async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    press = data.parse(query.data or "")
    if press is None:
        await on_stale_button(update, context)
        return
    relay = _relay(context)
    tr = context.tr
    catalog = context.services.catalog
    screen: Screen
    async with relay.lock_for(user.id):
        if press.action == "ask":
            screen = await _entry_screen(context, user.id, press.origin)
        elif not relay.settings.relay_enabled:
            screen = screens.unavailable_screen(tr)
        elif await relay.store.is_banned(user.id):
            screen = screens.banned_screen(tr, catalog)
        elif press.action == "go":
            if await relay.store.open_for(user.id) is None:
                await relay.store.create(user.id, tr.lang, _known_origin(catalog, press.origin))
            screen = screens.started_screen(tr, relay.settings)
        elif press.action == "again":
            screen = await _again(context, user.id)
        elif press.action == "end":
            ticket = await relay.store.open_for(user.id)
            if ticket is None:
                screen = screens.no_conversation(tr)
            else:
                await relay.close(context.bot, catalog, ticket, "ended")
                screen = screens.ended_screen(tr)
        else:
            screen = await _share(context, user.id, user.username)
    await answer_query(update)
    await edit(update, context, screen)


def _known_origin(catalog: Catalog, origin: str) -> str:
    """Only an article or section that exists names a topic: forged data cannot write in it."""
    if origin.startswith("a:") and catalog.library.get(origin[2:]) is None:
        return data.DEFAULT_ORIGIN
    if origin.startswith("s:") and origin[2:] not in SECTIONS:
        return data.DEFAULT_ORIGIN
    return origin


async def _again(context: BotContext, user_id: int) -> Screen:
    relay = _relay(context)
    tr = context.tr
    if await relay.store.open_for(user_id) is not None:
        return screens.started_screen(tr, relay.settings)
    last = await relay.store.last_closed_for(user_id)
    if last is None or not logic.can_reopen(last.closed_at, int(time.time())):
        return screens.cannot_reopen_screen(tr)
    await relay.reopen(context.bot, context.services.catalog, last)
    return screens.reopened_screen(tr)


async def _share(context: BotContext, user_id: int, username: str | None) -> Screen:
    """The only way a username reaches staff: the user pressed the button for it."""
    relay = _relay(context)
    tr = context.tr
    ticket = await relay.store.open_for(user_id)
    if ticket is None:
        return screens.no_conversation(tr)
    if not username:
        return screens.no_username(tr)
    try:
        ticket = await relay.ensure_topic(context.bot, context.services.catalog, ticket)
    except StaffUnreachable as error:
        await relay.alert_admins(context.bot, error.reason)
        return screens.failed_screen(tr, context.services.catalog)
    await relay.note(context.bot, ticket.topic_id, "username", username=f"@{username}")
    return screens.username_shared(tr)


async def on_user_message(update: Update, context: BotContext) -> None:
    """Runs before the search: while a conversation is open, messages go to staff."""
    user = update.effective_user
    if user is None:
        return
    relay = _relay(context)
    if update.edited_message is not None:
        await _user_edit(context, relay, user.id, update.edited_message)
        return
    message = update.message
    if message is None:
        return
    async with relay.lock_for(user.id):
        ticket = await relay.store.open_for(user.id)
        if ticket is None:
            ticket = await _reopen_by_reply(context, relay, user.id, message)
        if ticket is None:
            return
        await _relay_user_message(context, relay, ticket, message)
    raise ApplicationHandlerStop


async def _reopen_by_reply(
    context: BotContext, relay: Relay, user_id: int, message: Message
) -> Ticket | None:
    """A reply to a message of a conversation closed less than 7 days ago reopens it."""
    replied = message.reply_to_message
    if replied is None:
        return None
    last = await relay.store.last_closed_for(user_id)
    if last is None or not logic.can_reopen(last.closed_at, int(time.time())):
        return None
    if not await relay.store.has_message(last.code, replied.message_id):
        return None
    if await relay.store.is_banned(user_id):
        return None
    if not await relay.reopen(context.bot, context.services.catalog, last):
        return None
    return await relay.store.open_for(user_id)


async def _relay_user_message(
    context: BotContext, relay: Relay, ticket: Ticket, message: Message
) -> None:
    tr = context.tr
    catalog = context.services.catalog
    chat_id = message.chat_id
    if logic.message_kind(message.to_dict()) is None:
        await reply(context, chat_id, screens.unsupported_kind(tr), incoming=message.message_id)
        return
    first = ticket.topic_id is None
    urgent = first and logic.is_urgent(message.text or message.caption)
    if urgent:
        await relay.store.mark_urgent(ticket.code)
        ticket = replace(ticket, urgent=True)
    waiting = relay.queue_notice(ticket.code)
    if waiting is not None:
        await reply(context, chat_id, screens.queued_note(tr, waiting))
    try:
        ticket, _ = await relay.copy_to_staff(context.bot, catalog, ticket, message)
    except StaffUnreachable as error:
        await reply(
            context, chat_id, screens.failed_screen(tr, catalog), incoming=message.message_id
        )
        await relay.alert_admins(context.bot, error.reason)
        return
    if urgent:
        note = await relay.note(context.bot, ticket.topic_id, "urgent")
        if note is not None:
            await _pin(context, relay, note.message_id)
    if first:
        await reply(context, chat_id, screens.sent_note(tr), incoming=message.message_id)
        if urgent:
            await reply(context, chat_id, screens.emergency_card(tr, catalog))
    else:
        await schedule_disappearing(context, chat_id, [message.message_id])
    if relay.off_hours_due(ticket.code):
        await reply(context, chat_id, screens.off_hours_note(tr, relay.settings))


async def _pin(context: BotContext, relay: Relay, message_id: int) -> None:
    try:
        await relay.to_staff(
            lambda: context.bot.pin_chat_message(
                relay.staff_chat, message_id, disable_notification=True
            )
        )
    except TelegramError:
        return


async def _user_edit(context: BotContext, relay: Relay, user_id: int, edited: Message) -> None:
    ticket = await relay.store.open_for(user_id)
    if ticket is None:
        return  # not a conversation message: the search answers the edit
    pair = await relay.store.pair_for_user_message(ticket.code, edited.message_id)
    if pair is not None:
        await relay.mirror_edit(context.bot, relay.staff_chat, pair.staff_message_id, edited)
    raise ApplicationHandlerStop


# ----------------------------------------------------------------- staff side


async def _staff_ticket(update: Update, context: BotContext) -> tuple[Ticket, Message] | None:
    message = update.effective_message
    if message is None or not message.is_topic_message or message.message_thread_id is None:
        return None
    ticket = await _relay(context).store.by_topic(message.message_thread_id)
    if ticket is None:
        return None
    return ticket, message


async def on_staff_message(update: Update, context: BotContext) -> None:
    found = await _staff_ticket(update, context)
    if found is None:
        return
    ticket, message = found
    if logic.is_note(message.text or message.caption):
        return
    relay = _relay(context)
    if not ticket.is_open:
        await relay.note(context.bot, ticket.topic_id, "closed_already")
        return
    copied = await relay.copy_to_user(context.bot, ticket, message)
    if copied is not None:
        await _schedule_for_user(context, ticket.chat_id, [copied])


async def _schedule_for_user(context: BotContext, chat_id: int, message_ids: list[int]) -> None:
    """Disappearing messages cover what staff send too, on the user's own setting."""
    prefs = await context.services.users.get(chat_id)
    if prefs is None or not prefs.disappear_seconds:
        return
    due = int(time.time()) + prefs.disappear_seconds
    await context.services.deletions.schedule(chat_id, message_ids, due)


async def on_staff_edit(update: Update, context: BotContext) -> None:
    edited = update.edited_message
    if edited is None or logic.is_note(edited.text or edited.caption):
        return
    relay = _relay(context)
    pair = await relay.store.pair_for_staff_message(edited.message_id)
    if pair is None:
        return
    ticket = await relay.store.by_code(pair.code)
    if ticket is None:
        return
    await relay.mirror_edit(context.bot, ticket.chat_id, pair.user_message_id, edited)


async def _tell_user(context: BotContext, ticket: Ticket, screen: Screen) -> None:
    try:
        sent = await context.bot.send_message(
            ticket.chat_id, screen.text, reply_markup=to_markup(screen)
        )
    except TelegramError:
        await _relay(context).note(context.bot, ticket.topic_id, "blocked")
        return
    await _schedule_for_user(context, ticket.chat_id, [sent.message_id])


async def close_command(update: Update, context: BotContext) -> None:
    found = await _staff_ticket(update, context)
    if found is None:
        return
    ticket, _ = found
    relay = _relay(context)
    if await relay.close(context.bot, context.services.catalog, ticket, "closed"):
        tr = context.services.translators[ticket.lang]
        await _tell_user(context, ticket, screens.closed_by_staff(tr))


async def ban_command(update: Update, context: BotContext) -> None:
    found = await _staff_ticket(update, context)
    if found is None:
        return
    ticket, _ = found
    relay = _relay(context)
    user_hash = await relay.store.user_hash(ticket.code)
    if user_hash is None:
        return
    await relay.store.ban(user_hash)
    await relay.close(context.bot, context.services.catalog, ticket, "banned")
    tr = context.services.translators[ticket.lang]
    await _tell_user(context, ticket, screens.banned_screen(tr, context.services.catalog))


async def urgent_command(update: Update, context: BotContext) -> None:
    found = await _staff_ticket(update, context)
    if found is None:
        return
    ticket, _ = found
    relay = _relay(context)
    await relay.store.mark_urgent(ticket.code)
    ticket = replace(ticket, urgent=True)
    await relay.rename(context.bot, context.services.catalog, ticket, closed=not ticket.is_open)
    note = await relay.note(context.bot, ticket.topic_id, "urgent")
    if note is not None:
        await _pin(context, relay, note.message_id)


async def canned_command(update: Update, context: BotContext) -> None:
    found = await _staff_ticket(update, context)
    if found is None:
        return
    ticket, message = found
    relay = _relay(context)
    if not ticket.is_open:
        await relay.note(context.bot, ticket.topic_id, "closed_already")
        return
    name = (context.args or [""])[0].lower()
    sent = await relay.send_canned(context.bot, ticket, name, message.message_id)
    if sent is not None:
        await _schedule_for_user(context, ticket.chat_id, [sent])


async def ignore(update: Update, context: BotContext) -> None:
    """Anything else in the staff group (the General topic, service messages): no reply."""

"""The relay's moving parts: topics, copies both ways, edits, closing, bans, purging.

Handlers call these with the bot and a ticket; every post into the staff group takes a
slot from the group pacer first. Nothing here logs text, names or ids: log lines carry the
ticket code at most.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from telegram import Bot, Message
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.content.catalog import Catalog
from bot.content.render import render_blocks
from bot.core.config import Settings
from bot.core.i18n import Translator, Translators
from bot.features.relay import logic, screens
from bot.features.relay.pacer import GroupPacer
from bot.features.relay.storage import RelayStore, Ticket
from bot.storage import Keys

log = logging.getLogger(__name__)
T = TypeVar("T")
ALERT_EVERY_SECONDS = 600.0
OFF_HOURS_EVERY_SECONDS = 6 * 3600.0


class StaffUnreachable(Exception):
    """The staff group refused or could not be reached; ``reason`` is an error class name."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def thread_gone(error: TelegramError) -> bool:
    text = str(error).lower()
    return "thread not found" in text or "topic_deleted" in text or "topic not found" in text


@dataclass
class Relay:
    settings: Settings
    store: RelayStore
    keys: Keys
    translators: Translators
    pacer: GroupPacer
    _locks: weakref.WeakValueDictionary[str, asyncio.Lock] = field(
        default_factory=weakref.WeakValueDictionary
    )
    _off_hours_told: dict[str, float] = field(default_factory=dict)
    _queue_told: dict[str, float] = field(default_factory=dict)
    _last_alert: float = -ALERT_EVERY_SECONDS

    @property
    def staff_chat(self) -> int:
        assert self.settings.staff_chat_id is not None
        return self.settings.staff_chat_id

    @property
    def staff_tr(self) -> Translator:
        return self.translators[self.settings.relay_staff_lang]

    def lock_for(self, user_id: int) -> asyncio.Lock:
        """One user's ticket changes run one at a time (two first messages make one topic)."""
        key = self.keys.ban_key(user_id)
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    async def to_staff(self, call: Callable[[], Awaitable[T]]) -> T:
        """Every post into the staff group waits for its slot under the group limit."""
        async with self.pacer.slot():
            return await call()

    # -------------------------------------------------------------- topics

    async def ensure_topic(self, bot: Bot, catalog: Catalog, ticket: Ticket) -> Ticket:
        if ticket.topic_id is not None:
            return ticket
        return await self.new_topic(bot, catalog, ticket, recreated=False)

    async def new_topic(
        self, bot: Bot, catalog: Catalog, ticket: Ticket, *, recreated: bool
    ) -> Ticket:
        """A topic named by code, language and origin, with the pinned first message."""
        label = screens.origin_label(self.translators[ticket.lang], catalog, ticket.origin)
        name = logic.topic_name(ticket.code, ticket.lang, label, urgent=ticket.urgent, closed=False)
        try:
            topic = await self.to_staff(lambda: bot.create_forum_topic(self.staff_chat, name))
            thread = topic.message_thread_id
            pinned = await self.to_staff(
                lambda: bot.send_message(
                    self.staff_chat,
                    screens.pinned_text(self.staff_tr, ticket.code, ticket.lang, label),
                    message_thread_id=thread,
                )
            )
        except TelegramError as error:
            raise StaffUnreachable(type(error).__name__) from None
        try:
            await self.to_staff(
                lambda: bot.pin_chat_message(
                    self.staff_chat, pinned.message_id, disable_notification=True
                )
            )
        except TelegramError as error:
            log.warning(
                "ticket %s: first message not pinned (%s)", ticket.code, type(error).__name__
            )
        if recreated:
            await self.note(bot, thread, "recreated")
        await self.store.set_topic(ticket.code, thread)
        log.info("ticket %s: topic created", ticket.code)
        return _with_topic(ticket, thread)

    async def note(self, bot: Bot, thread: int | None, kind: str, **values: str) -> Message | None:
        """A note from the bot in a topic; a failure here is logged, never raised."""
        if thread is None:
            return None
        text = screens.staff_note(self.staff_tr, kind, **values)
        try:
            return await self.to_staff(
                lambda: bot.send_message(self.staff_chat, text, message_thread_id=thread)
            )
        except TelegramError as error:
            log.warning("staff note not posted (%s)", type(error).__name__)
            return None

    async def rename(self, bot: Bot, catalog: Catalog, ticket: Ticket, *, closed: bool) -> None:
        if ticket.topic_id is None:
            return
        label = screens.origin_label(self.translators[ticket.lang], catalog, ticket.origin)
        name = logic.topic_name(
            ticket.code, ticket.lang, label, urgent=ticket.urgent, closed=closed
        )
        try:
            await bot.edit_forum_topic(self.staff_chat, ticket.topic_id, name=name)
        except TelegramError as error:
            log.info("ticket %s: topic not renamed (%s)", ticket.code, type(error).__name__)

    async def _topic_call(self, call: Callable[[], Awaitable[Any]], what: str) -> None:
        try:
            await call()
        except TelegramError as error:
            log.info("topic %s failed (%s)", what, type(error).__name__)

    # ------------------------------------------------------- user -> staff

    async def copy_to_staff(
        self, bot: Bot, catalog: Catalog, ticket: Ticket, message: Message
    ) -> tuple[Ticket, int]:
        """Copy (never forward) the user's message into the topic; a deleted topic is
        replaced by a new one, which says so. Raises StaffUnreachable."""
        ticket = await self.ensure_topic(bot, catalog, ticket)
        for attempt in (1, 2):
            thread = ticket.topic_id
            try:
                copied = await self.to_staff(
                    lambda thread=thread: bot.copy_message(  # type: ignore[misc]
                        self.staff_chat,
                        message.chat_id,
                        message.message_id,
                        message_thread_id=thread,
                    )
                )
            except BadRequest as error:
                if thread_gone(error) and attempt == 1:
                    log.info("ticket %s: topic gone, making a new one", ticket.code)
                    ticket = await self.new_topic(bot, catalog, ticket, recreated=True)
                    continue
                raise StaffUnreachable(type(error).__name__) from None
            except TelegramError as error:
                raise StaffUnreachable(type(error).__name__) from None
            await self.store.add_pair(
                ticket.code,
                from_user=True,
                user_message_id=message.message_id,
                staff_message_id=copied.message_id,
            )
            await self.store.touch(ticket.code)
            return ticket, copied.message_id
        raise StaffUnreachable("TopicGone")  # pragma: no cover - the loop returns or raises

    def queue_notice(self, code: str) -> float | None:
        """How long a new copy would wait, if the user should be told (once per wait)."""
        waiting = self.pacer.wait()
        if waiting <= 0:
            return None
        now = time.monotonic()
        last = self._queue_told.get(code)
        if last is not None and now - last < self.pacer.period:
            return None
        self._queue_told[code] = now
        if len(self._queue_told) > 10_000:
            self._queue_told.clear()
        return waiting

    def off_hours_due(self, code: str, now: datetime | None = None) -> bool:
        """Outside working hours, say so at most every few hours per ticket."""
        now = now or datetime.now(UTC)
        if logic.in_working_hours(self.settings, now):
            return False
        last = self._off_hours_told.get(code)
        stamp = now.timestamp()
        if last is not None and stamp - last < OFF_HOURS_EVERY_SECONDS:
            return False
        self._off_hours_told[code] = stamp
        return True

    async def alert_admins(self, bot: Bot, reason: str) -> None:
        """Tell the admins once in a while; the reason is an error class, never user data."""
        now = time.monotonic()
        if now - self._last_alert < ALERT_EVERY_SECONDS:
            return
        self._last_alert = now
        log.error("staff group unreachable (%s)", reason)
        for admin in sorted(self.settings.admin_ids):
            try:
                await bot.send_message(admin, screens.admin_alert(self.staff_tr, reason))
            except TelegramError as error:
                log.warning("admin not alerted (%s)", type(error).__name__)

    # ------------------------------------------------------- staff -> user

    async def copy_to_user(self, bot: Bot, ticket: Ticket, message: Message) -> int | None:
        """The staff message copied (no staff name travels); None if it could not be."""
        try:
            copied = await bot.copy_message(ticket.chat_id, self.staff_chat, message.message_id)
        except Forbidden:
            await self.note(bot, ticket.topic_id, "blocked")
            return None
        except TelegramError as error:
            log.info("ticket %s: answer not delivered (%s)", ticket.code, type(error).__name__)
            await self.note(bot, ticket.topic_id, "failed")
            return None
        await self.store.add_pair(
            ticket.code,
            from_user=False,
            user_message_id=copied.message_id,
            staff_message_id=message.message_id,
        )
        await self.store.touch(ticket.code)
        return copied.message_id

    async def send_canned(
        self, bot: Bot, ticket: Ticket, name: str, command_message_id: int
    ) -> int | None:
        path = logic.canned_path(self.settings.content_dir, name, ticket.lang)
        if path is None or not path.is_file():
            await self.note(
                bot,
                ticket.topic_id,
                "canned_missing",
                name=name,
                lang=ticket.lang,
                names=", ".join(logic.canned_names(self.settings.content_dir)) or "—",
            )
            return None
        text = "\n\n".join(render_blocks(path.read_text(encoding="utf-8")))
        try:
            sent = await bot.send_message(ticket.chat_id, text)
        except Forbidden:
            await self.note(bot, ticket.topic_id, "blocked")
            return None
        except TelegramError as error:
            log.info("ticket %s: canned reply failed (%s)", ticket.code, type(error).__name__)
            await self.note(bot, ticket.topic_id, "failed")
            return None
        heading = screens.staff_note(self.staff_tr, "canned_sent", name=name)
        thread = ticket.topic_id
        try:
            await self.to_staff(
                lambda: bot.send_message(
                    self.staff_chat, f"{heading}\n\n{text}", message_thread_id=thread
                )
            )
        except TelegramError as error:
            log.info("canned copy not posted (%s)", type(error).__name__)
        await self.store.add_pair(
            ticket.code,
            from_user=False,
            user_message_id=sent.message_id,
            staff_message_id=command_message_id,
        )
        return sent.message_id

    # ------------------------------------------------------------- edits

    async def mirror_edit(self, bot: Bot, chat_id: int, message_id: int, edited: Message) -> None:
        """Apply an edit to its copy on the other side, with the same entities, no HTML."""
        try:
            if edited.text is not None:
                await bot.edit_message_text(
                    edited.text,
                    chat_id=chat_id,
                    message_id=message_id,
                    entities=edited.entities,
                    parse_mode=None,
                )
            elif edited.caption is not None:
                await bot.edit_message_caption(
                    chat_id=chat_id,
                    message_id=message_id,
                    caption=edited.caption,
                    caption_entities=edited.caption_entities,
                    parse_mode=None,
                )
        except TelegramError as error:
            log.info("edit not mirrored (%s)", type(error).__name__)

    # ----------------------------------------------- closing and purging

    async def close(self, bot: Bot, catalog: Catalog, ticket: Ticket, note: str | None) -> bool:
        if not await self.store.close(ticket.code):
            return False
        if ticket.topic_id is not None:
            if note is not None:
                await self.note(bot, ticket.topic_id, note)
            await self.rename(bot, catalog, ticket, closed=True)
            thread = ticket.topic_id
            await self._topic_call(lambda: bot.close_forum_topic(self.staff_chat, thread), "close")
        self._off_hours_told.pop(ticket.code, None)
        return True

    async def reopen(self, bot: Bot, catalog: Catalog, ticket: Ticket) -> bool:
        if not await self.store.reopen(ticket.code):
            return False
        if ticket.topic_id is not None:
            thread = ticket.topic_id
            await self._topic_call(
                lambda: bot.reopen_forum_topic(self.staff_chat, thread), "reopen"
            )
            await self.rename(bot, catalog, ticket, closed=False)
            await self.note(bot, thread, "reopened")
        return True

    async def purge(self, bot: Bot, tickets: list[Ticket]) -> None:
        """Rows and topics go together; a topic already gone is not an error."""
        for ticket in tickets:
            if ticket.topic_id is not None and self.settings.staff_chat_id is not None:
                thread = ticket.topic_id
                await self._topic_call(
                    lambda thread=thread: bot.delete_forum_topic(  # type: ignore[misc]
                        self.staff_chat, thread
                    ),
                    "delete",
                )
            self._off_hours_told.pop(ticket.code, None)
        await self.store.purge([t.code for t in tickets])

    async def purge_expired(self, bot: Bot, now: int | None = None) -> int:
        now = int(time.time()) if now is None else now
        before = now - self.settings.relay_retention_days * 86400
        expired = await self.store.expired(before)
        if expired:
            await self.purge(bot, expired)
            log.info("purged %d closed tickets", len(expired))
        return len(expired)

    async def forget(self, bot: Bot, user_id: int) -> None:
        """/forget: the user's tickets are closed and purged at once, topics included."""
        await self.purge(bot, await self.store.tickets_of(user_id))


def _with_topic(ticket: Ticket, topic_id: int) -> Ticket:
    from dataclasses import replace

    return replace(ticket, topic_id=topic_id)

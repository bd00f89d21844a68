"""Per-chat state: message ids, the bot's messages and a change log tests can wait on.

Telegram numbers messages per private chat, shared between the user and the bot, so one
counter per chat serves both sides. Every change to a bot message is appended to an event
log; waiters consume that log with a cursor, so a reply that arrived before the test
started waiting is not lost.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from devtools.fakeapi.models import BotMessage, FakeChat, MessageEvent

Predicate = Callable[[BotMessage], bool]


class Transcript:
    """Chats, message-id counters, bot messages and their change events."""

    def __init__(self) -> None:
        self.chats: dict[int, FakeChat] = {}
        self._next_id: dict[int, int] = {}
        self._messages: dict[int, dict[int, BotMessage]] = {}
        self._events: dict[int, list[MessageEvent]] = {}
        self._cursor: dict[int, int] = {}
        self._seq = 0
        self._changed = asyncio.Event()

    def register_chat(self, chat: FakeChat) -> FakeChat:
        self.chats.setdefault(chat.id, chat)
        return self.chats[chat.id]

    def find_chat(self, chat_id: int | str) -> FakeChat | None:
        if isinstance(chat_id, int):
            return self.chats.get(chat_id)
        username = chat_id.removeprefix("@").lower()
        return next(
            (c for c in self.chats.values() if (c.username or "").lower() == username), None
        )

    def allocate_id(self, chat_id: int) -> int:
        message_id = self._next_id.get(chat_id, 1)
        self._next_id[chat_id] = message_id + 1
        return message_id

    def id_exists(self, chat_id: int, message_id: int) -> bool:
        return 1 <= message_id < self._next_id.get(chat_id, 1)

    def add(self, message: BotMessage) -> None:
        self._messages.setdefault(message.chat_id, {})[message.message_id] = message
        self.record(message, "new")

    def get(self, chat_id: int, message_id: int) -> BotMessage | None:
        return self._messages.get(chat_id, {}).get(message_id)

    def messages(self, chat_id: int) -> list[BotMessage]:
        return list(self._messages.get(chat_id, {}).values())

    def record(self, message: BotMessage, kind: str) -> None:
        """Log a change and wake every waiter (they re-check their own chat)."""
        self._seq += 1
        event = MessageEvent(self._seq, kind, message.snapshot())
        self._events.setdefault(message.chat_id, []).append(event)
        self._changed.set()
        self._changed = asyncio.Event()

    def event_count(self, chat_id: int) -> int:
        """How many changes the chat has seen; pair with :meth:`events_since`."""
        return len(self._events.get(chat_id, ()))

    def events_since(self, chat_id: int, start: int) -> list[MessageEvent]:
        """The chat's changes from index ``start`` on (an :meth:`event_count` taken earlier)."""
        return self._events.get(chat_id, [])[start:]

    def skip_pending(self, chat_id: int) -> None:
        """Forget unread events of a chat, so the next wait sees only future changes."""
        self._cursor[chat_id] = len(self._events.get(chat_id, []))

    def _take(self, chat_id: int, predicate: Predicate | None) -> BotMessage | None:
        events = self._events.get(chat_id, [])
        cursor = self._cursor.get(chat_id, 0)
        while cursor < len(events):
            event = events[cursor]
            cursor += 1
            if event.kind != "deleted" and (predicate is None or predicate(event.message)):
                self._cursor[chat_id] = cursor
                return event.message
        self._cursor[chat_id] = cursor
        return None

    async def wait(
        self,
        chat_id: int,
        predicate: Predicate | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - callers want a deadline, not a scope
    ) -> BotMessage:
        """Return the next unread new/edited bot message of the chat matching the predicate."""
        deadline = time.monotonic() + timeout
        while True:
            found = self._take(chat_id, predicate)
            if found is not None:
                return found
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                shown = [(m.message_id, m.text[:60]) for m in self.messages(chat_id)]
                raise TimeoutError(
                    f"no matching bot message in chat {chat_id} within {timeout}s; "
                    f"transcript: {shown}"
                )
            changed = self._changed
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                continue

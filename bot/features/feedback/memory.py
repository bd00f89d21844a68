"""What the feature holds only in memory: bounded, expiring, gone on restart or /forget.

The question a user typed is kept here (scrubbed) only until they press "send" or it
expires; the messages already voted on are remembered here, so a double tap is not
counted twice, without storing who voted.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.content.models import Lang

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

Clock = Callable[[], float]
# (chat_key, message_id): a message of one chat, by the chat's keyed hash.
MessageRef = tuple[str, int]


class Expiring(Generic[K, V]):
    """A dict with a size bound (oldest dropped first) and a time to live per entry."""

    def __init__(self, max_items: int, ttl_seconds: float, clock: Clock = time.monotonic) -> None:
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._max = max_items
        self._ttl = ttl_seconds
        self._clock = clock

    def __len__(self) -> int:
        self._expire()
        return len(self._items)

    def put(self, key: K, value: V) -> None:
        self._items.pop(key, None)
        self._items[key] = (self._clock() + self._ttl, value)
        while len(self._items) > self._max:
            self._items.popitem(last=False)

    def get(self, key: K) -> V | None:
        entry = self._items.get(key)
        if entry is None:
            return None
        if entry[0] <= self._clock():
            del self._items[key]
            return None
        return entry[1]

    def pop(self, key: K) -> V | None:
        value = self.get(key)
        self._items.pop(key, None)
        return value

    def drop_where(self, test: Callable[[K], bool]) -> None:
        for key in [k for k in self._items if test(k)]:
            del self._items[key]

    def _expire(self) -> None:
        now = self._clock()
        # Entries are in insertion order and share one TTL: expired ones are at the front.
        while self._items:
            key, (expires, _) = next(iter(self._items.items()))
            if expires > now:
                break
            del self._items[key]


@dataclass(frozen=True)
class HeldQuestion:
    """A question as it would be stored (already scrubbed), waiting for consent."""

    text: str
    lang: Lang
    considered: tuple[str, ...]


@dataclass(frozen=True)
class PendingNote:
    article_id: str
    text: str | None = None  # None: waiting for the user to type it


class FeedbackMemory:
    """The three in-memory stores, keyed by the chat's keyed hash, never by its id."""

    def __init__(
        self,
        hold_seconds: float,
        *,
        max_items: int = 10_000,
        clock: Clock = time.monotonic,
    ) -> None:
        self.questions: Expiring[MessageRef, HeldQuestion] = Expiring(
            max_items, hold_seconds, clock
        )
        self.notes: Expiring[str, PendingNote] = Expiring(max_items, hold_seconds, clock)
        # Long enough for any double tap; a vote after a day on an old message is rare
        # and harmless (its buttons are gone anyway).
        self.voted: Expiring[MessageRef, bool] = Expiring(max_items * 5, 86_400.0, clock)

    def forget_chat(self, chat_key: str) -> None:
        self.questions.drop_where(lambda ref: ref[0] == chat_key)
        self.voted.drop_where(lambda ref: ref[0] == chat_key)
        self.notes.drop_where(lambda key: key == chat_key)

"""Keeps the bot's posts into the staff group under Telegram's per-group limit.

Telegram accepts about 20 messages a minute into one group and answers 429 beyond that.
Every post into the staff group first takes a slot here: slots are handed out in order, so
nothing is dropped and nothing jumps the queue, and ``wait`` tells how long the next post
would have to wait, so the user can be told that their message is queued.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable


class GroupPacer:
    def __init__(
        self,
        per_period: int,
        period: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_period = per_period
        self.period = period
        self._clock = clock
        self._slots: deque[float] = deque()

    def _next_slot(self, now: float) -> float:
        while self._slots and self._slots[0] <= now - self.period:
            self._slots.popleft()
        if len(self._slots) < self.per_period:
            return now
        return self._slots[-self.per_period] + self.period

    def wait(self) -> float:
        """Seconds the next post would wait for its slot (0.0: it goes at once)."""
        now = self._clock()
        return max(0.0, self._next_slot(now) - now)

    def reserve(self) -> float:
        """Take the next slot; returns how long to sleep before using it."""
        now = self._clock()
        slot = max(now, self._next_slot(now))
        self._slots.append(slot)
        return slot - now

    async def acquire(self) -> None:
        delay = self.reserve()
        if delay > 0:
            await asyncio.sleep(delay)

    @property
    def queued(self) -> int:
        """Slots taken that are still in the future."""
        now = self._clock()
        return sum(1 for s in self._slots if s > now)

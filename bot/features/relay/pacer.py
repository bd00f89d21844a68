"""Keeps the bot's posts into the staff group under Telegram's per-group limit.

Telegram accepts about 20 messages a minute into one group and answers 429 beyond that.
Every post into the staff group goes through ``slot()``: posts go one at a time, in the
order they asked, and each waits until fewer than ``per_period`` posts finished within the
last ``period`` seconds. A post is counted when Telegram has answered it, which is never
earlier than when Telegram counted it, so a slow network cannot push the bot over the
limit. Nothing is dropped; ``wait()`` estimates how long a new post would wait, so the
user can be told that their message is queued.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager


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
        self._sent: deque[float] = deque()
        self._lock = asyncio.Lock()
        self.waiting = 0

    def _window(self, now: float) -> deque[float]:
        while self._sent and self._sent[0] <= now - self.period:
            self._sent.popleft()
        return self._sent

    def wait(self) -> float:
        """Seconds a post asked for now would wait (0.0: it goes at once); an estimate."""
        now = self._clock()
        window = self._window(now)
        position = len(window) + self.waiting
        if position < self.per_period:
            return 0.0
        index = position - self.per_period
        if index < len(window):
            return max(0.0, window[index] + self.period - now)
        rounds = (index - len(window)) // self.per_period + 1
        return rounds * self.period

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold a slot for one post; the post counts from the moment it is done."""
        self.waiting += 1
        queued = True
        try:
            async with self._lock:
                self.waiting -= 1
                queued = False
                while True:
                    now = self._clock()
                    window = self._window(now)
                    if len(window) < self.per_period:
                        break
                    await asyncio.sleep(window[0] + self.period - now)
                try:
                    yield
                finally:
                    self._sent.append(self._clock())
        finally:
            if queued:
                self.waiting -= 1

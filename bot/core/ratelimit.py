"""A per-user sliding window kept in memory only: a flood must not cost the database."""

from __future__ import annotations

import time
from collections import OrderedDict


class RateLimiter:
    def __init__(self, per_minute: int, max_users: int = 100_000) -> None:
        self.per_minute = per_minute
        self._hits: OrderedDict[int, list[float]] = OrderedDict()
        self._warned: dict[int, float] = {}
        self._max_users = max_users

    def allow(self, user_id: int, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        window = [t for t in self._hits.pop(user_id, []) if now - t < 60.0]
        allowed = len(window) < self.per_minute
        if allowed:
            window.append(now)
        self._hits[user_id] = window
        while len(self._hits) > self._max_users:
            self._hits.popitem(last=False)
        return allowed

    def should_warn(self, user_id: int, now: float | None = None) -> bool:
        """Warn once per minute, so the warning itself does not flood the chat."""
        now = time.monotonic() if now is None else now
        last = self._warned.get(user_id)
        if last is not None and now - last < 60.0:
            return False
        self._warned[user_id] = now
        if len(self._warned) > self._max_users:
            self._warned.clear()
        return True

    def forget(self, user_id: int) -> None:
        self._hits.pop(user_id, None)
        self._warned.pop(user_id, None)

"""Faults on a schedule: Telegram's flood control (429) and slow answers.

``fail_next``/``delay_next`` script single calls for a test; a :class:`Faults` plan applies to
a whole run (the update benchmark, load tests) without knowing which call comes when::

    emulator.faults = Faults(rate_limit_every=50, retry_after=1, delay_every=4)
    ...
    emulator.faults.injected_429, emulator.faults.injected_delays
    emulator.faults = None  # healthy again

Deterministic: the Nth matching call gets the fault, and delays come from a seeded RNG, so
two runs inject the same faults into the same call sequence.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from devtools.fakeapi.errors import ApiError


@dataclass
class Faults:
    """What to inject; the ``injected_*`` counters say what was injected so far."""

    # Every Nth call of a method in ``rate_limited`` is answered 429 (0: never).
    rate_limit_every: int = 0
    # Seconds Telegram asks the bot to wait: ``parameters.retry_after`` of the 429.
    retry_after: int = 1
    rate_limited: frozenset[str] = frozenset({"sendMessage"})
    # Every Nth call of any method except getUpdates first waits ``delay`` seconds (0: never).
    delay_every: int = 0
    # (shortest, longest) wait in seconds, drawn uniformly.
    delay: tuple[float, float] = (0.02, 0.05)
    seed: int = 0
    injected_429: int = field(default=0, init=False)
    injected_delays: int = field(default=0, init=False)
    _limited_calls: int = field(default=0, init=False, repr=False)
    _calls: int = field(default=0, init=False, repr=False)
    _keys: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    _rng: random.Random = field(default_factory=random.Random, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.rate_limit_every < 0 or self.delay_every < 0 or self.retry_after < 1:
            raise ValueError("rate_limit_every/delay_every must be >= 0 and retry_after >= 1")
        low, high = self.delay
        if not 0 <= low <= high:
            raise ValueError(f"delay must be (low, high) with 0 <= low <= high, not {self.delay}")
        self._keys = frozenset(m.lower() for m in self.rate_limited)
        self._rng = random.Random(self.seed)  # noqa: S311 - a test schedule, not a secret

    @property
    def delays(self) -> bool:
        """Whether any call may be held (transports then apply their read timeout)."""
        return self.delay_every > 0

    def delay_for(self, method_key: str) -> float:
        """Seconds to hold this call (0.0 for most calls); ``method_key`` is lower-case."""
        if not self.delay_every or method_key == "getupdates":
            return 0.0
        self._calls += 1
        if self._calls % self.delay_every:
            return 0.0
        self.injected_delays += 1
        return self._rng.uniform(*self.delay)

    def rate_limit_for(self, method_key: str) -> ApiError | None:
        """The 429 to answer this call with, or None."""
        if not self.rate_limit_every or method_key not in self._keys:
            return None
        self._limited_calls += 1
        if self._limited_calls % self.rate_limit_every:
            return None
        self.injected_429 += 1
        return ApiError.too_many_requests(self.retry_after)


@dataclass
class FloodControl:
    """Telegram's message limits, enforced (opt-in): ``emulator.flood = FloodControl()``.

    More than ``overall`` sendMessage calls in any second, or a second one to the same chat
    within ``per_chat_seconds``, is answered 429 with ``retry_after`` like Telegram's own
    flood control. ``refused`` counts them; ``sent`` counts the messages let through.
    """

    overall: int = 30
    per_chat_seconds: float = 1.0
    retry_after: int = 1
    methods: frozenset[str] = frozenset({"sendmessage"})
    clock: Callable[[], float] = time.monotonic
    refused: int = field(default=0, init=False)
    sent: int = field(default=0, init=False)
    _recent: deque[float] = field(default_factory=deque, init=False, repr=False)
    _last_by_chat: dict[str, float] = field(default_factory=dict, init=False, repr=False)

    def check(self, method_key: str, params: dict[str, object]) -> ApiError | None:
        """The 429 for this call, or None (and the call is counted against the limits)."""
        if method_key not in self.methods:
            return None
        now = self.clock()
        while self._recent and now - self._recent[0] >= 1.0:
            self._recent.popleft()
        chat = str(params.get("chat_id"))
        last = self._last_by_chat.get(chat)
        if len(self._recent) >= self.overall or (
            last is not None and now - last < self.per_chat_seconds
        ):
            self.refused += 1
            return ApiError.too_many_requests(self.retry_after)
        self._recent.append(now)
        self._last_by_chat[chat] = now
        self.sent += 1
        return None

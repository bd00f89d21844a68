"""The server side of getUpdates: numbering, confirmation by offset and long polling.

Telegram keeps unconfirmed updates until a getUpdates call passes an offset above them,
answers at once when something is pending and otherwise holds the request open up to
``timeout`` seconds. A second concurrent getUpdates terminates the first with 409, which
is how Telegram tells two running instances of one bot apart; modelled because PTB's
restart logic depends on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from devtools.fakeapi.errors import ApiError

_DEFAULT_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
    }
)


def update_type(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")


class UpdateQueue:
    """Pending updates plus webhook state."""

    def __init__(self, first_update_id: int = 700_000_001) -> None:
        self.pending: list[dict[str, Any]] = []
        self.next_update_id = first_update_id
        self.webhook_url = ""
        self.allowed_updates: frozenset[str] = _DEFAULT_TYPES
        self.poll_count = 0
        self._changed = asyncio.Event()
        self._generation = 0
        self._polling = False

    @property
    def is_polling(self) -> bool:
        """True while a getUpdates long poll is being held open."""
        return self._polling

    def push(self, body: dict[str, Any], *, deliver: bool = True) -> dict[str, Any]:
        """Number an update; queue it for getUpdates unless the caller feeds it directly."""
        update = {"update_id": self.next_update_id, **body}
        self.next_update_id += 1
        if deliver:
            self.pending.append(update)
            self._changed.set()
            self._changed = asyncio.Event()
        return update

    def confirm(self, offset: int) -> None:
        if offset < 0:
            self.pending = self.pending[offset:]
        elif offset:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]

    def drop_pending(self) -> None:
        self.pending.clear()

    def _ready(self, limit: int) -> list[dict[str, Any]]:
        self.pending = [u for u in self.pending if update_type(u) in self.allowed_updates]
        return self.pending[:limit]

    async def get(
        self,
        offset: int = 0,
        limit: int = 100,
        timeout: float = 0.0,  # noqa: ASYNC109 - the Bot API's own long-poll parameter
        allowed_updates: list[str] | None = None,
    ) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise ApiError.conflict(
                "can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first"
            )
        self.poll_count += 1
        self._generation += 1
        generation = self._generation
        self.interrupt()  # an older long poll, if any, now ends with 409
        if allowed_updates:
            self.allowed_updates = frozenset(allowed_updates)
        self.confirm(offset)
        limit = min(max(limit, 1), 100)
        deadline = time.monotonic() + max(timeout, 0.0)
        self._polling = True
        try:
            while True:
                ready = self._ready(limit)
                remaining = deadline - time.monotonic()
                if ready or remaining <= 0:
                    return ready
                changed = self._changed
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), remaining)
                if generation != self._generation:
                    raise ApiError.conflict(
                        "terminated by other getUpdates request; "
                        "make sure that only one bot instance is running"
                    )
        finally:
            if generation == self._generation:
                self._polling = False

    def interrupt(self) -> None:
        """Wake long polls so they notice a state change (for example a new webhook)."""
        self._changed.set()
        self._changed = asyncio.Event()

"""Retry a Bot API call only when Telegram cannot have received it.

PTB's AIORateLimiter owns flood control (429 and the global limits). What is left for the
transport is a connection that never opened, or a pool with no free connection: the request
was not sent, so sending it again cannot deliver a message twice. Timeouts after sending,
5xx answers and expired callback or inline queries are not retried.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
from telegram.error import NetworkError
from telegram.request import BaseRequest

log = logging.getLogger(__name__)


def never_sent(error: BaseException) -> bool:
    cause = error.__cause__
    return isinstance(cause, httpx.ConnectError | httpx.PoolTimeout)


class RetryingRequest(BaseRequest):
    def __init__(self, inner: BaseRequest, attempts: int = 4, backoff: float = 0.5) -> None:
        self._inner = inner
        self._attempts = attempts
        self._backoff = backoff

    @property
    def read_timeout(self) -> float | None:
        return self._inner.read_timeout

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        url = str(args[0] if args else kwargs.get("url", ""))
        api_method = url.rsplit("/", 1)[-1]
        # Polling has its own retry loop in PTB; doubling it would only delay shutdown.
        attempts = 1 if api_method == "getUpdates" else self._attempts
        delay = self._backoff
        for attempt in range(1, attempts + 1):
            try:
                return await self._inner.do_request(*args, **kwargs)
            except NetworkError as error:
                if attempt == attempts or not never_sent(error):
                    raise
                log.warning(
                    "%s: not sent (%s), retry %d in %.1fs",
                    api_method,
                    type(error.__cause__).__name__,
                    attempt,
                    delay,
                )
                await asyncio.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

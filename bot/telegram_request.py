"""Retries at the transport, so every Bot API call gets the same treatment of transient faults.

429 (RetryAfter): wait as Telegram asks, if that is short, then retry.
Network errors, timeouts, 5xx: retry with exponential backoff, a bounded number of times.
A retried sendMessage after a timeout may rarely deliver twice; a lost answer is worse.
"""

from __future__ import annotations

import asyncio
import json
import logging

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

log = logging.getLogger(__name__)


class RetryingRequest(BaseRequest):
    def __init__(
        self,
        inner: BaseRequest,
        attempts: int = 4,
        backoff: float = 0.5,
        max_retry_after: float = 30.0,
    ) -> None:
        self._inner = inner
        self._attempts = attempts
        self._backoff = backoff
        self._max_retry_after = max_retry_after

    @property
    def read_timeout(self) -> float | None:
        return self._inner.read_timeout

    async def initialize(self) -> None:
        await self._inner.initialize()

    async def shutdown(self) -> None:
        await self._inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        # Polling has its own retry loop in PTB; doubling it would only delay shutdown.
        attempts = 1 if api_method == "getUpdates" else self._attempts
        delay = self._backoff
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            try:
                code, payload = await self._inner.do_request(
                    url,
                    method,
                    request_data,
                    read_timeout,
                    write_timeout,
                    connect_timeout,
                    pool_timeout,
                )
            except NetworkError as error:
                if last:
                    raise
                log.warning(
                    "%s: %s, retry %d in %.1fs", api_method, type(error).__name__, attempt, delay
                )
                await asyncio.sleep(delay)
                delay *= 2
                continue
            if code == 429 and not last:
                wait = retry_after(payload)
                if wait is not None and wait <= self._max_retry_after:
                    log.warning("%s: flood control, waiting %.0fs", api_method, wait)
                    await asyncio.sleep(wait)
                    continue
            elif code >= 500 and not last:
                log.warning(
                    "%s: server error %d, retry %d in %.1fs", api_method, code, attempt, delay
                )
                await asyncio.sleep(delay)
                delay *= 2
                continue
            return code, payload
        raise AssertionError("unreachable")  # pragma: no cover


def retry_after(payload: bytes) -> float | None:
    try:
        data = json.loads(payload)
        value = data.get("parameters", {}).get("retry_after")
    except (ValueError, AttributeError):
        return None
    return float(value) if isinstance(value, int | float) else None

"""A PTB transport that hands requests to a :class:`BotApiEmulator` in the same process.

PTB's ``Bot`` builds URLs and form fields exactly as for api.telegram.org; this class
takes them at the point where HTTPXRequest would open a socket, so everything above the
transport (serialisation, error mapping, retries, the Application) runs unchanged.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import unquote, urlsplit

from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from devtools.fakeapi.emulator import BotApiEmulator
from devtools.fakeapi.errors import ApiError


def route(path: str, token: str) -> str:
    """Return the method name for ``.../bot<token>/<method>`` or raise a 401/404 ApiError."""
    parts = unquote(path).rstrip("/").split("/")
    if len(parts) < 2 or "file" in parts[:-2] or not parts[-2].startswith("bot"):
        raise ApiError.not_found()
    if parts[-2] != f"bot{token}":
        raise ApiError.unauthorized()
    return parts[-1]


def encode_result(result: Any) -> bytes:
    return json.dumps({"ok": True, "result": result}, ensure_ascii=False).encode("utf-8")


def encode_error(error: ApiError) -> bytes:
    return json.dumps(error.to_payload(), ensure_ascii=False).encode("utf-8")


class EmulatorRequest(BaseRequest):
    """``BaseRequest`` backed by an emulator: no sockets, same bytes in and out."""

    __slots__ = ("_emulator", "_read_timeout")

    def __init__(self, emulator: BotApiEmulator, read_timeout: float | None = 5.0) -> None:
        self._emulator = emulator
        self._read_timeout = read_timeout

    @property
    def emulator(self) -> BotApiEmulator:
        return self._emulator

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        """Nothing to open; present because PTB calls it on every request object."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        timeout = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        try:
            api_method = route(urlsplit(url).path, self._emulator.token)
            # json_parameters are the exact form fields HTTPXRequest would send.
            params: dict[str, Any] = request_data.json_parameters if request_data else {}
            call = self._emulator.call(api_method, params)
            # Only long polls and injected delays can outlast a timeout; skipping wait_for
            # for the rest saves a task per call (a quarter of the emulator's cost).
            if timeout is None or not self._emulator.may_block(api_method):
                result = await call
            else:
                result = await asyncio.wait_for(call, timeout)
        except ApiError as error:
            return error.code, encode_error(error)
        except TimeoutError as exc:
            raise TimedOut from exc
        return 200, encode_result(result)

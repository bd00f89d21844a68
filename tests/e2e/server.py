"""The emulator served over real HTTP on 127.0.0.1, for the bot running as a subprocess.

It runs inside the test's own event loop (tornado sits on asyncio), so a held-open
getUpdates long poll is just a suspended coroutine and never blocks the test.
"""

from __future__ import annotations

import contextlib
import json
import socket
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.iostream import StreamClosedError
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

from devtools.fakeapi import ApiError, BotApiEmulator
from devtools.fakeapi.request import encode_error, encode_result, route


def _form_params(handler: RequestHandler) -> dict[str, Any]:
    """Query string, urlencoded and multipart fields; the last value of a name wins."""
    params: dict[str, Any] = {}
    for source in (handler.request.query_arguments, handler.request.body_arguments):
        for name, values in source.items():
            if values:
                params[name] = values[-1].decode("utf-8")
    for name, files in handler.request.files.items():
        params.setdefault(name, f"<file {files[0].filename}>")
    return params


class _ApiHandler(RequestHandler):
    """``/bot<token>/<method>``: decode the body, call the emulator, answer like Telegram."""

    def initialize(self, emulator: BotApiEmulator) -> None:
        self.emulator = emulator

    def check_xsrf_cookie(self) -> None:
        """The Bot API has no cookies."""

    async def get(self, path: str) -> None:
        await self._serve()

    async def post(self, path: str) -> None:
        await self._serve()

    async def _serve(self) -> None:
        try:
            method = route(self.request.path, self.emulator.token)
            content_type = self.request.headers.get("Content-Type", "")
            if content_type.startswith("application/json") and self.request.body:
                try:
                    params = json.loads(self.request.body)
                except ValueError:
                    raise ApiError.bad_request("can't parse JSON body") from None
            else:
                params = _form_params(self)
            result = await self.emulator.call(method, params)
        except ApiError as error:
            status, body = error.code, encode_error(error)
        else:
            status, body = 200, encode_result(result)
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        # The bot may have hung up (it stopped while long polling): nothing to answer then.
        with contextlib.suppress(StreamClosedError):
            await self.finish(body)


class _FileHandler(RequestHandler):
    """``/file/bot<token>/...``: the bot never downloads files here; say so loudly."""

    async def get(self, path: str) -> None:
        self.set_status(404)
        self.set_header("Content-Type", "application/json")
        await self.finish(encode_error(ApiError.not_found()))


class FakeBotApiServer:
    """Start/stop an HTTP server for one emulator on a random free 127.0.0.1 port."""

    def __init__(self, emulator: BotApiEmulator) -> None:
        self.emulator = emulator
        self._server: HTTPServer | None = None
        self.port = 0

    @property
    def url(self) -> str:
        """The value for BOT_API_URL: the bot appends ``/bot<token>``."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        app = Application(
            [
                (r"/file/(.*)", _FileHandler),
                (r"/(.*)", _ApiHandler, {"emulator": self.emulator}),
            ]
        )
        sockets = bind_sockets(0, "127.0.0.1", family=socket.AF_INET)
        self.port = sockets[0].getsockname()[1]
        self._server = HTTPServer(app, max_body_size=60 * 1024 * 1024)
        self._server.add_sockets(sockets)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None

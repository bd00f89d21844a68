"""Logs that cannot leak, and retries at the transport."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import httpx
import pytest
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.request import BaseRequest

from bot.core.logs import configure_logging
from bot.core.ratelimit import RateLimiter
from bot.core.telegram_request import RetryingRequest
from tests.unit.conftest import make_settings, start_bot, stop_bot

TOKEN = "987654:SECRET-token-value"


def test_token_is_redacted_even_in_tracebacks(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("INFO", [TOKEN])
    log = logging.getLogger("test.redact")
    log.info("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    try:
        raise ValueError(f"bad url https://api.telegram.org/bot{TOKEN}/x")
    except ValueError:
        log.exception("failed")
    output = stream.getvalue()
    assert TOKEN not in output
    assert output.count("[REDACTED]") >= 2
    assert logging.getLogger("httpx").level >= logging.WARNING


def test_network_errors_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("INFO", [])
    try:
        raise NetworkError("down")
    except NetworkError:
        logging.getLogger("telegram.ext").exception("loop failed")
    assert "Traceback" not in stream.getvalue() and "NetworkError" in stream.getvalue()


class Scripted(BaseRequest):
    """Answers from a script: each item is an exception to raise or a (code, payload) pair."""

    def __init__(self, script: list[object]) -> None:
        self.script = script
        self.calls = 0

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(self, url, method, request_data=None, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        item = self.script[self.calls]
        self.calls += 1
        if isinstance(item, Exception):
            raise item
        return item


OK = (200, json.dumps({"ok": True, "result": True}).encode())
FLOOD = (
    429,
    json.dumps(
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests",
            "parameters": {"retry_after": 0},
        }
    ).encode(),
)


def not_sent() -> NetworkError:
    """What PTB's HTTPXRequest raises when the connection never opened."""
    error = NetworkError("httpx.ConnectError: refused")
    error.__cause__ = httpx.ConnectError("refused")
    return error


def pool_full() -> TimedOut:
    error = TimedOut("Pool timeout")
    error.__cause__ = httpx.PoolTimeout("full")
    return error


async def test_retries_what_was_never_sent_then_succeeds() -> None:
    inner = Scripted([not_sent(), pool_full(), OK])
    request = RetryingRequest(inner, backoff=0.001)
    assert await request.do_request("https://h/botT/sendMessage", "POST") == OK
    assert inner.calls == 3


async def test_gives_up_after_bounded_attempts() -> None:
    inner = Scripted([not_sent() for _ in range(10)])
    request = RetryingRequest(inner, attempts=3, backoff=0.001)
    with pytest.raises(NetworkError):
        await request.do_request("https://h/botT/sendMessage", "POST")
    assert inner.calls == 3


@pytest.mark.parametrize(
    "failure",
    [TimedOut(), NetworkError("httpx.ReadError: reset")],
    ids=["timeout-after-send", "read-error"],
)
async def test_a_request_that_may_have_arrived_is_not_sent_twice(failure: Exception) -> None:
    inner = Scripted([failure, OK])
    with pytest.raises(NetworkError):
        await RetryingRequest(inner, backoff=0.001).do_request("https://h/botT/sendMessage", "POST")
    assert inner.calls == 1


@pytest.mark.parametrize("answer", [FLOOD, (502, b"bad gateway")], ids=["429", "5xx"])
async def test_server_answers_are_passed_up_unretried(answer: tuple[int, bytes]) -> None:
    """429 belongs to PTB's AIORateLimiter; a 5xx may already have delivered the message."""
    inner = Scripted([answer, OK])
    assert (
        await RetryingRequest(inner, backoff=0.001).do_request("https://h/botT/sendMessage", "POST")
        == answer
    )
    assert inner.calls == 1


async def test_polling_is_not_retried_here() -> None:
    inner = Scripted([not_sent(), OK])
    with pytest.raises(NetworkError):
        await RetryingRequest(inner, backoff=0.001).do_request("https://h/botT/getUpdates", "POST")
    assert inner.calls == 1


def test_bad_request_keeps_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """BadRequest is a NetworkError in PTB 22, but it is our bug: it must not look like a blip."""
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("INFO", [])
    try:
        raise BadRequest("Can't parse entities: unclosed tag")
    except BadRequest:
        logging.getLogger("bot.test").exception("update failed")
    assert "Traceback" in stream.getvalue()


def test_every_secret_setting_is_redacted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    settings = make_settings(
        tmp_path,
        webhook_url="https://example.org/hook",
        webhook_secret="hook-secret-value_123",
        secret_key="k" * 40,
    )
    configure_logging("INFO", settings.log_secrets())
    for value in ("hook-secret-value_123", "k" * 40, settings.bot_token.get_secret_value()):  # type: ignore[union-attr]
        logging.getLogger("bot.test").warning("value %s", value)
    assert "hook-secret-value_123" not in stream.getvalue()
    assert "k" * 40 not in stream.getvalue()
    assert stream.getvalue().count("[REDACTED]") == 3


def test_rate_limiter_window() -> None:
    limiter = RateLimiter(per_minute=3)
    assert all(limiter.allow(1, now=t) for t in (0.0, 1.0, 2.0))
    assert not limiter.allow(1, now=3.0)
    assert limiter.allow(2, now=3.0), "other users are not affected"
    assert limiter.allow(1, now=61.0), "the window slides"
    assert limiter.should_warn(1, now=0.0) and not limiter.should_warn(1, now=30.0)
    assert limiter.should_warn(1, now=61.0)


async def test_debug_logging_never_shows_message_text_or_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("DEBUG", [])
    bot, app = await start_bot(tmp_path)
    try:
        user = bot.user("en", name="Zinaida")
        await bot.send(user, "/start")
        await bot.send(user, "my very private question about desertion")
        await bot.press(user, "sec:safety", bot.emulator.messages(user.id)[0])
    finally:
        await stop_bot(app)
    output = stream.getvalue()
    assert output, "something was logged"
    assert "private question" not in output
    assert "Zinaida" not in output
    assert str(user.id) not in output


def test_a_test_may_turn_debug_on() -> None:
    configure_logging("DEBUG", [])
    assert logging.getLogger().level == logging.DEBUG


def test_the_next_test_does_not_inherit_debug() -> None:
    """Runs after the one above (pytest keeps file order): the autouse guard restored it."""
    assert logging.getLogger().level != logging.DEBUG

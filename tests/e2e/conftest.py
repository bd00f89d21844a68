"""Fixtures that run the real bot (``python -m bot run``) against the local Bot API server."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.fakeapi import BotApiEmulator
from tests.e2e.driver import BotHarness
from tests.e2e.server import FakeBotApiServer

REPO = Path(__file__).resolve().parents[2]
TOKEN = "123456:TEST-token"
ADMIN_ID = 999_000_111
STARTUP_TIMEOUT = 30.0
EXIT_TIMEOUT = 15.0


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[object]:
    """Remember each phase's outcome on the item so teardown knows whether to show stderr."""
    report = yield
    setattr(item, f"rep_{call.when}", report)
    return report


def _bot_env(api_url: str, database_path: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.upper().endswith("_PROXY") and not key.startswith(("BOT_", "WEBHOOK_"))
    }
    env.update(
        BOT_TOKEN=TOKEN,
        BOT_API_URL=api_url,
        DATABASE_PATH=str(database_path),
        CONTENT_DIR=str(REPO / "content"),
        LOG_LEVEL="INFO",
        ADMIN_IDS=str(ADMIN_ID),
        NO_PROXY="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
        PYTHONPATH=str(REPO),
    )
    env.pop("WEBHOOK_URL", None)
    return env


async def _wait_until_polling(harness: BotHarness) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + STARTUP_TIMEOUT
    while harness.emulator.queue.poll_count == 0:
        if harness.process.returncode is not None:
            pytest.fail(f"the bot exited with {harness.process.returncode}:\n{harness.stderr()}")
        if loop.time() > deadline:
            pytest.fail(
                f"the bot did not call getUpdates in {STARTUP_TIMEOUT}s:\n{harness.stderr()}"
            )
        await asyncio.sleep(0.05)


async def _stop(harness: BotHarness) -> int | None:
    """SIGTERM and wait; returns the exit code, or None after killing a hung process."""
    if harness.process.returncode is None:
        harness.process.send_signal(signal.SIGTERM)
    try:
        return await asyncio.wait_for(harness.process.wait(), EXIT_TIMEOUT)
    except TimeoutError:
        harness.process.kill()
        await harness.process.wait()
        return None


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApiServer]:
    server = FakeBotApiServer(BotApiEmulator(TOKEN))
    server.start()
    yield server
    await server.stop()


@pytest.fixture
async def bot(
    bot_api: FakeBotApiServer, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[BotHarness]:
    """The real bot process, polling the local server; stopped with SIGTERM afterwards."""
    if not (REPO / "bot" / "__main__.py").exists():
        pytest.skip("bot/__main__.py is not there yet")
    database_path = tmp_path / "bot.sqlite3"
    stderr_path = tmp_path / "bot.stderr"
    with stderr_path.open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=REPO,
            env=_bot_env(bot_api.url, database_path),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=stderr,
            stderr=stderr,
        )
    harness = BotHarness(bot_api.emulator, process, database_path, stderr_path, bot_api.url)
    try:
        await _wait_until_polling(harness)
        yield harness
    finally:
        code = await _stop(harness)
        failed = any(
            getattr(getattr(request.node, f"rep_{phase}", None), "failed", False)
            for phase in ("setup", "call")
        )
        if failed or code != 0:
            sys.stderr.write(f"\n----- bot stderr (exit {code}) -----\n{harness.stderr()}\n")
        with contextlib.suppress(Exception):
            await bot_api.stop()
    assert code == 0, f"the bot exited with {code} after SIGTERM (None = killed after 15 s)"

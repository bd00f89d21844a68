"""Fixtures that run the real bot (``python -m bot run``) against the local Bot API server."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Generator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from devtools.fakeapi import BotApiEmulator
from tests.e2e.driver import BotHarness
from tests.e2e.process import TOKEN, BotStartError, launch, stop
from tests.e2e.server import FakeBotApiServer


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember each phase's outcome on the item so teardown knows whether to show stderr."""
    report = yield
    setattr(item, f"rep_{call.when}", report)
    return report


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApiServer]:
    """The emulator behind a real HTTP server on 127.0.0.1, in this test's event loop."""
    server = FakeBotApiServer(BotApiEmulator(TOKEN))
    server.start()
    yield server
    await server.stop()


@asynccontextmanager
async def running(
    bot_api: FakeBotApiServer, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[BotHarness]:
    """The real bot process, polling the local server; stopped with SIGTERM afterwards.

    Its output is shown when the test failed or the bot did not exit cleanly. Fixtures
    that need other settings set them (monkeypatch.setenv) before entering.
    """
    harness = BotHarness(
        emulator=bot_api.emulator,
        database_path=tmp_path / "bot.sqlite3",
        stderr_path=tmp_path / "bot.log",
        api_url=bot_api.url,
    )
    try:
        await launch(harness)
    except BotStartError as error:
        await stop(harness)
        pytest.fail(str(error))
    yield harness
    code = await stop(harness)
    failed = any(
        getattr(getattr(request.node, f"rep_{phase}", None), "failed", False)
        for phase in ("setup", "call")
    )
    if failed or code != 0:
        sys.stderr.write(f"\n----- bot output (exit {code}) -----\n{harness.stderr()}\n")
    assert code == 0, f"the bot exited with {code} after SIGTERM (None = killed after 15 s)"


@pytest.fixture
async def bot(
    bot_api: FakeBotApiServer, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[BotHarness]:
    async with running(bot_api, tmp_path, request) as harness:
        yield harness

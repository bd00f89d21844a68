"""Starting and stopping the real bot process (``python -m bot run``) for the e2e tests."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.e2e.driver import BotHarness

REPO = Path(__file__).resolve().parents[2]
TOKEN = "123456:TEST-token"
ADMIN_ID = 999_000_111
STARTUP_TIMEOUT = 30.0
EXIT_TIMEOUT = 15.0


class BotStartError(AssertionError):
    """The bot exited or never polled; the message carries its stderr."""


def bot_env(api_url: str, database_path: Path) -> dict[str, str]:
    """The environment of a production start, pointed at the local server; no webhook."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.upper().endswith("_PROXY")
        and not key.startswith(("BOT_", "WEBHOOK_", "SECRET_"))
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
        SECRET_KEY="e2e-secret-key-0123456789abcdef-0123",
        PYTHONPATH=str(REPO),
    )
    return env


async def launch(harness: BotHarness) -> None:
    """Start the bot (stdout+stderr appended to the harness log) and wait for getUpdates."""
    polls_before = harness.emulator.queue.poll_count
    with harness.stderr_path.open("ab") as log:
        harness.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=REPO,
            env=bot_env(harness.api_url, harness.database_path),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
    loop = asyncio.get_running_loop()
    deadline = loop.time() + STARTUP_TIMEOUT
    while harness.emulator.queue.poll_count == polls_before:
        if harness.process.returncode is not None:
            raise BotStartError(
                f"the bot exited with {harness.process.returncode}:\n{harness.stderr()}"
            )
        if loop.time() > deadline:
            raise BotStartError(
                f"the bot did not call getUpdates in {STARTUP_TIMEOUT}s:\n{harness.stderr()}"
            )
        await asyncio.sleep(0.05)


async def stop(harness: BotHarness) -> int | None:
    """SIGTERM and wait; the exit code, or None if it had to be killed after 15 s."""
    process = harness.process
    if process is None:
        return None
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    try:
        return await asyncio.wait_for(process.wait(), EXIT_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
        return None


async def restart(harness: BotHarness) -> None:
    """A deploy: stop cleanly, start again on the same database and the same Telegram."""
    code = await stop(harness)
    assert code == 0, f"the bot exited with {code} on SIGTERM:\n{harness.stderr()}"
    await launch(harness)

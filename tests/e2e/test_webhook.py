"""Webhook mode of the real process: the secret-token header is required."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path

import httpx
import pytest

from devtools.fakeapi import BotApiEmulator
from tests.e2e.server import FakeBotApiServer

REPO = Path(__file__).resolve().parents[2]
TOKEN = "123456:TEST-token"
SECRET = "s3cret-Token_value"
PATH = "hook/abc"

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def test_webhook_rejects_requests_without_the_secret(tmp_path: Path) -> None:
    emulator = BotApiEmulator(TOKEN)
    server = FakeBotApiServer(emulator)
    server.start()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_", "SECRET_"))}
    env.update(
        BOT_TOKEN=TOKEN,
        BOT_API_URL=server.url,
        WEBHOOK_URL=f"https://bot.example.org/{PATH}",
        WEBHOOK_SECRET=SECRET,
        SECRET_KEY="e2e-secret-key-0123456789abcdef-0123",
        PORT=str(port),
        DATABASE_PATH=str(tmp_path / "bot.sqlite3"),
        CONTENT_DIR=str(REPO / "content"),
        PYTHONPATH=str(REPO),
        NO_PROXY="127.0.0.1,localhost",
    )
    log = (tmp_path / "bot.log").open("wb")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=REPO, env=env, stdout=log, stderr=log
    )
    try:
        registered = emulator.calls_to("setWebhook")
        for _ in range(300):
            registered = emulator.calls_to("setWebhook")
            if registered:
                break
            await asyncio.sleep(0.05)
        assert registered, (tmp_path / "bot.log").read_text()
        assert registered[-1].params["url"] == f"https://bot.example.org/{PATH}"
        assert registered[-1].params["secret_token"] == SECRET

        user = emulator.new_user("Olga", "ru")
        update = emulator.user_sends_text(user, "/start", deliver=False)
        url = f"http://127.0.0.1:{port}/{PATH}"
        async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
            for _ in range(100):
                try:
                    await client.get(f"http://127.0.0.1:{port}/")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            headers = {"Content-Type": "application/json"}
            missing = await client.post(url, content=json.dumps(update), headers=headers)
            wrong = await client.post(
                url,
                content=json.dumps(update),
                headers={**headers, "X-Telegram-Bot-Api-Secret-Token": "guess"},
            )
            assert missing.status_code == 403 and wrong.status_code == 403
            await asyncio.sleep(0.3)
            assert emulator.messages(user.id) == [], "a forged update must not be processed"
            accepted = await client.post(
                url,
                content=json.dumps(update),
                headers={**headers, "X-Telegram-Bot-Api-Secret-Token": SECRET},
            )
            assert accepted.status_code == 200
        reply = await emulator.wait_for_bot_message(user.id, timeout=10)
        assert "sec:documents" in reply.callback_data
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 20)
        log.close()
        await server.stop()
    assert code == 0, (tmp_path / "bot.log").read_text()

"""An in-process bot: the real Application and handlers, Telegram replaced by the emulator.

Fast enough for many small behaviour tests; the e2e suite runs the real process instead.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from telegram import Update

from bot.app import LIBRARY_KEY, build_application
from bot.catalog import Catalog, build_catalog
from bot.config import Settings
from bot.context import BotApplication
from bot.fakeapi.emulator import BotApiEmulator
from bot.fakeapi.models import BotMessage, FakeUser
from bot.fakeapi.request import EmulatorRequest
from bot.i18n import Translators
from bot.library.check import check_content
from bot.library.models import Library
from bot.services import SERVICES_KEY, Services

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return build_catalog(shipped_library(), CONTENT)


@pytest.fixture(scope="session")
def translators() -> Translators:
    return Translators()


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": SecretStr(BotApiEmulator().token),
        "database_path": tmp_path / "bot.sqlite3",
        "content_dir": CONTENT,
        "_env_file": None,
    }
    values.update(overrides)
    return Settings(**values)


@dataclass
class InProcessBot:
    app: BotApplication
    emulator: BotApiEmulator

    @property
    def services(self) -> Services:
        services: Services = self.app.bot_data[SERVICES_KEY]
        return services

    def user(self, language_code: str | None = "ru", name: str = "Анна") -> FakeUser:
        return self.emulator.new_user(name, language_code)

    async def process(self, update: dict[str, Any]) -> None:
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def send(self, user: FakeUser, text: str) -> BotMessage:
        await self.process(self.emulator.user_sends_text(user, text, deliver=False))
        return self.last(user)

    async def send_fragment(self, user: FakeUser, fragment: dict[str, Any]) -> BotMessage:
        await self.process(self.emulator.user_sends(user, fragment, deliver=False))
        return self.last(user)

    async def press(
        self, user: FakeUser, data: str, message: BotMessage | None = None, *, check: bool = True
    ) -> BotMessage:
        target = message or self.last(user)
        update = self.emulator.user_presses(
            user, target.message_id, data, deliver=False, check=check
        )
        await self.process(update)
        return self.emulator.transcript.get(user.id, target.message_id) or self.last(user)

    def last(self, user: FakeUser) -> BotMessage:
        message = self.emulator.last_message(user.id)
        assert message is not None, "the bot has not written yet"
        return message

    def callback_answer(self, update: dict[str, Any]) -> dict[str, Any] | None:
        return self.emulator.callback_answers.get(update["callback_query"]["id"])


@functools.cache
def shipped_library() -> Library:
    """Checked once per session: the check renders every article, which takes a moment."""
    report = check_content(CONTENT, date.today())
    assert report.library is not None, [str(p) for p in report.problems]
    return report.library


async def start_bot(tmp_path: Path, **overrides: Any) -> tuple[InProcessBot, BotApplication]:
    emulator = BotApiEmulator()
    settings = make_settings(tmp_path, **overrides)
    app = build_application(settings, request=EmulatorRequest(emulator), jobs_enabled=False)
    if settings.content_dir == CONTENT:
        app.bot_data[LIBRARY_KEY] = shipped_library()
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    return InProcessBot(app, emulator), app


async def stop_bot(app: BotApplication) -> None:
    assert app.post_shutdown is not None
    await app.post_shutdown(app)
    await app.shutdown()


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[InProcessBot]:
    harness, app = await start_bot(tmp_path)
    yield harness
    await stop_bot(app)

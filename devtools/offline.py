"""One way to start an offline Application: the tests, the console and the benchmarks.

The real Application, handlers and storage, with Telegram replaced by the in-process Bot API
emulator. Nothing here ships in the image.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from telegram import Update
from telegram.ext import AIORateLimiter

from bot.app import build_application
from bot.content.models import Library
from bot.core.config import Settings
from bot.core.context import BotApplication
from bot.core.services import Services, services_of
from devtools.fakeapi.emulator import BotApiEmulator
from devtools.fakeapi.models import BotMessage, FakeUser
from devtools.fakeapi.request import EmulatorRequest

# Offline databases are throwaway; one fixed key lets a test restart the bot on the same file.
TEST_SECRET = "offline-secret-for-tests-and-benchmarks-only"  # noqa: S105


def offline_settings(database_path: Path, content_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": SecretStr(BotApiEmulator().token),
        "secret_key": SecretStr(TEST_SECRET),
        "database_path": database_path,
        "content_dir": content_dir,
        "_env_file": None,
    }
    values.update(overrides)
    return Settings(**values)


@dataclass
class OfflineBot:
    """The Application and the emulator it talks to, with helpers that act as a user."""

    app: BotApplication
    emulator: BotApiEmulator

    @property
    def services(self) -> Services:
        return services_of(self.app)

    def user(self, language_code: str | None = "ru", name: str = "Анна") -> FakeUser:
        return self.emulator.new_user(name, language_code)

    async def process(self, update: dict[str, Any]) -> None:
        """Through the Application's update processor, as polling would."""
        parsed = Update.de_json(update, self.app.bot)
        await self.app.update_processor.process_update(parsed, self.app.process_update(parsed))

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

    def callback_answer(self, update: dict[str, Any]) -> dict[str, Any] | None:
        """How the bot answered the button press in ``update`` (None: the spinner spins on)."""
        answer: dict[str, Any] | None = self.emulator.callback_answers.get(
            update["callback_query"]["id"]
        )
        return answer

    def last(self, user: FakeUser) -> BotMessage:
        message = self.emulator.last_message(user.id)
        assert message is not None, "the bot has not written yet"
        return message


@asynccontextmanager
async def offline_app(
    settings: Settings,
    *,
    library: Library | None = None,
    emulator: BotApiEmulator | None = None,
    rate_limiter: AIORateLimiter | None = None,
) -> AsyncIterator[OfflineBot]:
    """Start (initialize + post_init) and always stop (post_shutdown + shutdown) the bot."""
    emulator = emulator or BotApiEmulator()
    settings = settings.model_copy(update={"bot_token": SecretStr(emulator.token)})
    app = build_application(
        settings,
        request=EmulatorRequest(emulator),
        library=library,
        jobs_enabled=False,
        # Flood control stays on (429s are still retried); the rate caps are for Telegram's
        # servers, not for the emulator.
        rate_limiter=rate_limiter
        or AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3),
    )
    await app.initialize()
    try:
        assert app.post_init is not None
        await app.post_init(app)
        yield OfflineBot(app, emulator)
    finally:
        assert app.post_shutdown is not None
        await app.post_shutdown(app)
        await app.shutdown()

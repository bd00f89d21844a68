"""An in-process bot with a staff forum group, and helpers that act as staff."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import AIORateLimiter

from devtools.fakeapi import BotApiEmulator, BotMessage, FakeChat, FakeUser
from devtools.fakeapi.models import ForumTopic
from devtools.offline import OfflineBot, offline_app
from tests.unit.conftest import CONTENT, make_settings, shipped_library

STAFF_CHAT = -1_001_234_567_890
ADMIN = 777_000_001


@dataclass
class RelayBot:
    """The offline bot, its staff group and one staff member."""

    bot: OfflineBot
    forum: FakeChat
    staff: FakeUser

    @property
    def emulator(self) -> BotApiEmulator:
        return self.bot.emulator

    async def open_ticket(self, user: FakeUser, origin: str = "help") -> BotMessage:
        """/human, then the consent screen's button: the conversation is open."""
        consent = await self.bot.send(user, "/human")
        assert f"rl:go:{origin}" in consent.callback_data or origin != "help", consent
        return await self.bot.press(user, f"rl:go:{origin}", consent, check=False)

    def topics(self) -> list[ForumTopic]:
        return self.emulator.live_topics(self.forum.id)

    def topic_of(self, code_or_index: int = -1) -> ForumTopic:
        return self.topics()[code_or_index]

    def topic_texts(self, topic: ForumTopic) -> list[str]:
        return [m.text for m in self.emulator.topic_messages(self.forum.id, topic.thread_id)]

    def staff_posts(self) -> list[BotMessage]:
        return self.emulator.messages(self.forum.id, include_deleted=True)

    async def staff_says(self, topic: ForumTopic, text: str) -> dict[str, Any]:
        update = self.emulator.staff_sends(
            self.staff, self.forum, topic.thread_id, text, deliver=False
        )
        await self.bot.process(update)
        return update

    async def user_sends(self, user: FakeUser, fragment: dict[str, Any]) -> dict[str, Any]:
        update = self.emulator.user_sends(user, fragment, deliver=False)
        await self.bot.process(update)
        return update


@asynccontextmanager
async def relay_bot(tmp_path: Path, **overrides: Any) -> AsyncIterator[RelayBot]:
    values: dict[str, Any] = {
        "staff_chat_id": STAFF_CHAT,
        "ngo_name": "Kovcheg",
        "admin_ids": frozenset({ADMIN}),
        "relay_hours": "00:00-24:00",
        "relay_days": "1-7",
    }
    values.update(overrides)
    emulator = BotApiEmulator()
    forum = emulator.new_forum("Kovcheg staff", STAFF_CHAT)
    settings = make_settings(tmp_path, **values)
    library = shipped_library() if settings.content_dir == CONTENT else None
    async with offline_app(
        settings,
        library=library,
        emulator=emulator,
        rate_limiter=AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3),
    ) as harness:
        staff = emulator.new_user("Мария Сотрудница", "ru", username="maria_staff")
        yield RelayBot(harness, forum, staff)


@pytest.fixture
async def relay(tmp_path: Path) -> AsyncIterator[RelayBot]:
    async with relay_bot(tmp_path) as harness:
        yield harness

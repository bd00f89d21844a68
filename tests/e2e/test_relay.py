"""Ask a person, end to end: the real bot process, real HTTP, a forum staff group.

Staff act through the emulator as members of the group would; the assertions follow what
each side can see (topics, copies, edits), not exact wording.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from devtools.fakeapi import BotApiEmulator, BotMessage, FakeChat, FakeUser
from devtools.fakeapi.models import ForumTopic
from tests.e2e.conftest import running
from tests.e2e.driver import BotHarness, Person, is_english, is_russian
from tests.e2e.process import ADMIN_ID
from tests.e2e.server import FakeBotApiServer

pytestmark = pytest.mark.e2e

STAFF_CHAT = -1_009_876_543_210


class Staff:
    """A member of the staff group, writing in topics."""

    def __init__(self, bot: BotHarness, forum: FakeChat) -> None:
        self.bot = bot
        self.forum = forum
        self.member: FakeUser = bot.emulator.new_user("Staff Member", "ru", username="staffer")

    @property
    def emulator(self) -> BotApiEmulator:
        return self.bot.emulator

    def says(self, topic: ForumTopic, text: str) -> dict[str, Any]:
        self.emulator.skip_pending(self.forum.id)
        return self.emulator.staff_sends(self.member, self.forum, topic.thread_id, text)

    def edits(self, topic: ForumTopic, message_id: int, text: str) -> None:
        self.emulator.skip_pending(self.forum.id)
        self.emulator.user_edits(
            self.member, message_id, text, self.forum, thread_id=topic.thread_id
        )

    def topics(self) -> list[ForumTopic]:
        return self.emulator.live_topics(self.forum.id)

    async def wait_post(
        self, predicate: Callable[[BotMessage], bool], within: float = 15.0
    ) -> BotMessage:
        return await self.emulator.wait_for_bot_message(self.forum.id, predicate, within)

    def texts(self, topic: ForumTopic) -> list[str]:
        return [m.text for m in self.emulator.topic_messages(self.forum.id, topic.thread_id)]


@pytest.fixture
async def relay(
    bot_api: FakeBotApiServer,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[tuple[BotHarness, Staff]]:
    """The real bot with STAFF_CHAT_ID set; the forum exists before the bot starts."""
    forum = bot_api.emulator.new_forum("Kovcheg staff", STAFF_CHAT)
    bot_api.emulator.transcript.register_chat(FakeChat(ADMIN_ID))
    for name, value in {
        "STAFF_CHAT_ID": str(STAFF_CHAT),
        "NGO_NAME": "Kovcheg",
        "RELAY_HOURS": "00:00-24:00",
        "RELAY_DAYS": "1-7",
    }.items():
        monkeypatch.setenv(name, value)
    async with running(bot_api, tmp_path, request) as harness:
        yield harness, Staff(harness, forum)


async def open_conversation(person: Person) -> BotMessage:
    consent = await person.ask("/human")
    assert "rl:go:help" in consent.callback_data, consent.callback_data
    return await person.tap(data="rl:go:help")


async def first_message(person: Person, staff: Staff, text: str) -> ForumTopic:
    person.send(text)
    await staff.wait_post(lambda m: m.text == text)
    await person.wait_reply()
    [topic] = [t for t in staff.topics() if text in staff.texts(t)]
    return topic


def topic_of(staff: Staff, text: str) -> ForumTopic:
    return next(t for t in staff.topics() if text in staff.texts(t))


@pytest.mark.parametrize("language_code", ["ru", "en"])
async def test_a_conversation_in_each_language(
    relay: tuple[BotHarness, Staff], language_code: str
) -> None:
    bot, staff = relay
    person = bot.person("Анна" if language_code == "ru" else "Anna", language_code)
    consent = await person.ask("/human")
    assert (is_russian if language_code == "ru" else is_english)(consent.text)
    assert "Kovcheg" in consent.text
    await person.tap(data="rl:go:help")
    question = "Мне нужна помощь" if language_code == "ru" else "I need help"
    topic = await first_message(person, staff, question)
    assert f"· {language_code} ·" in topic.name
    # Staff answer; the user sees a copy, with no staff name on it.
    update = staff.says(topic, "Здравствуйте" if language_code == "ru" else "Hello")
    answer = await person.wait_reply(lambda m: m.copied_from is not None)
    assert answer.text in ("Здравствуйте", "Hello")
    # The user answers back into the same topic.
    sent = person.send("Спасибо" if language_code == "ru" else "Thanks")
    await staff.wait_post(lambda m: m.text in ("Спасибо", "Thanks"))
    copy = staff.texts(topic)[-1]
    assert copy in ("Спасибо", "Thanks")
    # Edits go both ways.
    bot.emulator.user_edits(person.user, sent["message"]["message_id"], "Большое спасибо")
    await staff.wait_post(lambda m: m.text == "Большое спасибо")
    staff.edits(topic, update["message"]["message_id"], "Добрый день")
    edited = await person.wait_reply(lambda m: m.text == "Добрый день")
    assert edited.edited and edited.message_id == answer.message_id
    assert len(staff.topics()) == 1


async def test_close_reopen_and_ban(relay: tuple[BotHarness, Staff]) -> None:
    bot, staff = relay
    person = bot.person("Олег", "ru")
    await open_conversation(person)
    topic = await first_message(person, staff, "Вопрос о визе")
    staff.says(topic, "/close")
    closed = await person.wait_reply(lambda m: "rl:again" in m.callback_data)
    assert is_russian(closed.text)
    assert staff.emulator.topic(STAFF_CHAT, topic.thread_id).closed
    reopened = await person.tap(data="rl:again", message=closed)
    assert "rl:end" in reopened.callback_data
    person.send("Ещё вопрос")
    await staff.wait_post(lambda m: m.text == "Ещё вопрос")
    assert not staff.emulator.topic(STAFF_CHAT, topic.thread_id).closed
    staff.says(topic, "/ban")
    await person.wait_reply(lambda m: "rl:again" not in m.callback_data)
    again = await person.ask("/human")
    assert "rl:go:help" not in again.callback_data
    with sqlite3.connect(bot.database_path) as raw:
        bans = raw.execute("SELECT ban_key FROM relay_bans").fetchall()
    assert len(bans) == 1 and str(person.user.id) not in bans[0][0]


async def test_a_deleted_topic_is_recreated(relay: tuple[BotHarness, Staff]) -> None:
    bot, staff = relay
    person = bot.person("Ира", "ru")
    await open_conversation(person)
    old = await first_message(person, staff, "Первое сообщение")
    bot.emulator.delete_topic(STAFF_CHAT, old.thread_id)
    person.send("Второе сообщение")
    await staff.wait_post(lambda m: m.text == "Второе сообщение")
    [new] = staff.topics()
    assert new.thread_id != old.thread_id
    assert len(staff.texts(new)) >= 3  # pinned first message, the note, the copy


async def test_an_unreachable_staff_group_is_reported(relay: tuple[BotHarness, Staff]) -> None:
    bot, _staff = relay
    person = bot.person("Sam", "en")
    await open_conversation(person)
    bot.emulator.kick_bot(STAFF_CHAT)
    reply = await person.ask("Is anyone there?")
    assert "did not reach" in reply.text
    alert = await bot.emulator.wait_for_bot_message(ADMIN_ID)
    assert "anyone there" not in alert.text


async def test_forget_purges_the_conversation(relay: tuple[BotHarness, Staff]) -> None:
    bot, staff = relay
    person = bot.person("Вера", "ru")
    await open_conversation(person)
    topic = await first_message(person, staff, "Удалите меня потом")
    await person.ask("/forget")
    await person.tap(data="forget:yes")
    assert staff.emulator.topic(STAFF_CHAT, topic.thread_id).deleted
    with sqlite3.connect(bot.database_path) as raw:
        assert raw.execute("SELECT COUNT(*) FROM relay_tickets").fetchone()[0] == 0
        assert raw.execute("SELECT COUNT(*) FROM relay_messages").fetchone()[0] == 0


async def test_ten_people_at_once_get_ten_topics(relay: tuple[BotHarness, Staff]) -> None:
    """Two messages from each at the same moment: one topic each, never two.

    Fifty posts into the group under Telegram's 20 a minute: this test takes a while.
    """
    bot, staff = relay
    people = [bot.person(f"P{i}", "ru") for i in range(10)]
    for person in people:
        await open_conversation(person)
    for i, person in enumerate(people):
        bot.emulator.user_sends_text(person.user, f"вопрос номер {i}")
        bot.emulator.user_sends_text(person.user, f"дополнение {i}")
    expected = {f"дополнение {i}" for i in range(10)}
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 300.0
    while not expected <= {m.text for m in bot.emulator.messages(STAFF_CHAT)}:
        assert loop.time() < deadline, "not every message reached the staff group"
        await asyncio.sleep(0.2)
    topics = staff.topics()
    assert len(topics) == 10
    for i in range(10):
        topic = topic_of(staff, f"вопрос номер {i}")
        assert f"дополнение {i}" in staff.texts(topic)
    assert bot.emulator.group_429 == 0

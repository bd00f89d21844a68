"""Alerts against the real process: broadcasts at Telegram's limits, kill -9, content drafts,
blocked users, reminders after downtime.

The emulator enforces Telegram's flood limits only where a test turns them on
(``emulator.flood``), after its own setup, so that a 429 can only come from the broadcast.
Subscribers are seeded straight into the database (sealed with the bot's SECRET_KEY) where a
test needs hundreds; one test subscribes through the buttons.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path

import pytest

from bot.features.alerts.storage import AlertStore
from bot.storage import Database, Keys
from devtools.fakeapi import BotApiEmulator, BotMessage, FakeChat, FakeUser, FloodControl
from tests.e2e import process
from tests.e2e.driver import BotHarness, Person
from tests.e2e.process import ADMIN_ID, REPO, launch, stop
from tests.e2e.server import FakeBotApiServer

pytestmark = pytest.mark.e2e

SECRET = process.bot_env("http://x", Path("x"))["SECRET_KEY"]


@pytest.fixture
async def harness(
    bot_api: FakeBotApiServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[BotHarness]:
    """Like the ``bot`` fixture, but not started: tests seed, launch, kill and relaunch."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    original = process.bot_env

    def env(api_url: str, database_path: Path) -> dict[str, str]:
        values = original(api_url, database_path)
        values.update(CONTENT_DIR=str(content), CONTENT_POLL_SECONDS="0.5")
        return values

    monkeypatch.setattr(process, "bot_env", env)
    bot = BotHarness(
        emulator=bot_api.emulator,
        database_path=tmp_path / "bot.sqlite3",
        stderr_path=tmp_path / "bot.log",
        api_url=bot_api.url,
    )
    yield bot
    code = await stop(bot)
    if code not in (0, None):
        print(bot.stderr())
    assert code in (0, None), f"the bot exited with {code}:\n{bot.stderr()[-3000:]}"


async def seed_subscribers(
    bot: BotHarness, count: int, topic: str = "urgent", lang: str = "ru"
) -> list[FakeUser]:
    """``count`` private chats subscribed to ``topic``, written as the bot would write them."""
    keys = Keys.for_database(SECRET.encode(), bot.database_path)
    db = await Database.open(bot.database_path, keys)
    store = AlertStore(db, keys)
    users = []
    for i in range(count):
        user = bot.emulator.new_user(f"S{i}", lang)
        bot.emulator.transcript.register_chat(FakeChat.private(user))
        await store.set_topics(user.id, "ru" if lang == "ru" else "en", None, {topic})
        users.append(user)
    await db.close()
    return users


def admin(bot: BotHarness) -> Person:
    return Person(bot.emulator, FakeUser(ADMIN_ID, "Admin", "en"))


def copies(emulator: BotApiEmulator, users: list[FakeUser], marker: str) -> Counter[int]:
    return Counter({u.id: sum(marker in m.text for m in emulator.messages(u.id)) for u in users})


async def until(condition: Callable[[], bool], within: float, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for: {what}")
        await asyncio.sleep(0.05)


async def start_broadcast(bot: BotHarness, text: str) -> BotMessage:
    """/broadcast, the Russian text, '-' for English; returns the preview (not yet sent)."""
    boss = admin(bot)
    await boss.ask("/start")
    await boss.ask("/broadcast")
    await boss.ask(text)
    preview = await boss.ask("-")
    assert "al:bs" in preview.callback_data, preview.text
    return preview


def report(bot: BotHarness, preview: BotMessage) -> str:
    message = bot.emulator.transcript.get(ADMIN_ID, preview.message_id)
    return message.text if message is not None else ""


async def test_300_subscribers_get_a_broadcast_once_with_no_429_and_questions_are_answered(
    harness: BotHarness,
) -> None:
    users = await seed_subscribers(harness, 300)
    await launch(harness)
    preview = await start_broadcast(harness, "ШИРОКОВЕЩАНИЕ-300")
    assert "300 recipients" in preview.text
    harness.emulator.flood = flood = FloodControl()
    boss = admin(harness)
    boss.press(data="al:bs", message=preview)
    # A question while the broadcast runs is answered before the broadcast ends.
    asker = harness.person("Вера", "ru")
    await until(
        lambda: sum(copies(harness.emulator, users, "ШИРОКОВЕЩАНИЕ").values()) > 20, 30, "start"
    )
    answer = await asker.ask("паспорт истекает")
    assert "art:" in " ".join(answer.callback_data)
    assert "done" not in report(harness, preview), "the answer waited for the broadcast"
    await until(lambda: "done" in report(harness, preview), 60, "the final report")
    counts = copies(harness.emulator, users, "ШИРОКОВЕЩАНИЕ")
    assert set(counts.values()) == {1}, Counter(counts.values())
    assert flood.refused == 0
    assert "sent 300, blocked 0, failed 0" in report(harness, preview)
    notice = next(m for m in harness.emulator.messages(users[0].id) if "ШИРОКОВЕЩАНИЕ" in m.text)
    assert not notice.disable_notification and "al:u:urgent" in notice.callback_data


async def test_kill_9_mid_broadcast_then_restart_delivers_all_with_at_most_one_duplicate(
    harness: BotHarness,
) -> None:
    users = await seed_subscribers(harness, 200)
    await launch(harness)
    preview = await start_broadcast(harness, "ПОСЛЕ-KILL")
    admin(harness).press(data="al:bs", message=preview)
    await until(
        lambda: sum(copies(harness.emulator, users, "ПОСЛЕ-KILL").values()) >= 60, 30, "60 sent"
    )
    assert harness.process is not None
    harness.process.send_signal(signal.SIGKILL)
    assert await harness.process.wait() == -signal.SIGKILL
    assert sum(copies(harness.emulator, users, "ПОСЛЕ-KILL").values()) < 200
    await launch(harness)
    await until(
        lambda: all(copies(harness.emulator, users, "ПОСЛЕ-KILL").values()), 60, "all delivered"
    )
    await until(lambda: "done" in report(harness, preview), 30, "the final report")
    counts = copies(harness.emulator, users, "ПОСЛЕ-KILL")
    assert min(counts.values()) == 1
    assert sum(n - 1 for n in counts.values()) <= 1, Counter(counts.values())


async def test_blocked_users_are_unsubscribed(harness: BotHarness) -> None:
    users = await seed_subscribers(harness, 6, lang="en")
    await launch(harness)
    # One subscriber through the buttons, the way people do it.
    person = harness.person("Alex", "en")
    await person.ask("/alerts")
    await person.tap(data="al:t:urgent")
    users.append(person.user)
    for user in users[:2]:
        harness.emulator.block(user)
    preview = await start_broadcast(harness, "BLOCKED-TEST")
    admin(harness).press(data="al:bs", message=preview)
    await until(lambda: "done" in report(harness, preview), 30, "the final report")
    assert "sent 5, blocked 2, failed 0" in report(harness, preview)
    with sqlite3.connect(harness.database_path) as db:
        assert db.execute("SELECT COUNT(*) FROM alert_subscribers").fetchone() == (5,)


def add_change(path: Path, major: bool, note: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\nreviewed:")
    line, nl, tail = rest.partition("\n")
    entry = (
        f'\nchanges:\n  - date: {date.today().isoformat()}\n    note: "{note}"\n'
        f"    major: {'true' if major else 'false'}"
    )
    path.write_text(head + sep + line + entry + nl + tail, encoding="utf-8")


async def test_a_major_change_drafts_once_and_a_minor_one_never(harness: BotHarness) -> None:
    content = Path(process.bot_env("", harness.database_path)["CONTENT_DIR"]) / "articles"
    await launch(harness)
    boss = admin(harness)
    await boss.ask("/start")
    reloads = harness.stderr().count("content reloaded")
    for lang in ("ru", "en"):
        add_change(content / f"asylum.{lang}.md", major=False, note=f"minor {lang}")
    await until(lambda: harness.stderr().count("content reloaded") > reloads, 30, "a reload")
    for lang in ("ru", "en"):
        add_change(content / f"residence-permit.{lang}.md", major=True, note=f"MAJOR {lang}")

    def drafts() -> list[BotMessage]:
        return [m for m in harness.emulator.messages(ADMIN_ID) if "Draft update notice" in m.text]

    await until(lambda: len(drafts()) >= 1, 30, "a draft")
    assert "MAJOR en" in drafts()[0].text and "minor" not in drafts()[0].text
    assert any(d.startswith("al:ds:residence-permit:") for d in drafts()[0].callback_data)
    await process.restart(harness)
    await boss.ask("/start")  # the restarted bot is up and has run its first change check
    await until(lambda: "reminder scan" in harness.stderr().rsplit("bot ready", 1)[-1], 30, "jobs")
    assert len(drafts()) == 1


async def test_a_reminder_fires_after_a_restart_that_skipped_its_hour(harness: BotHarness) -> None:
    await launch(harness)
    await until(lambda: "reminder scan" in harness.stderr(), 30, "the start-up scan")
    person = harness.person("Ира", "ru")
    today = date.today()
    year = today.year + 1
    await person.ask("/remind")
    await person.tap(data="al:ra")
    await person.tap(data="al:rk:fp")
    await person.tap(data=f"al:ry:fp:{year}")
    await person.tap(data=f"al:rm:fp:{year}:{today.month:02d}")
    saved = await person.tap(data=f"al:rl:fp:{year}:{today.month:02d}:12")
    assert any(d.startswith("al:rd:") for d in saved.callback_data)
    # Due this month, but the next scan is an hour away: the bot goes down before it.
    await process.restart(harness)
    reminder = await person.wait_reply(
        lambda m: "art:passport-renewal-abroad:0" in m.callback_data, 30
    )
    assert "⏰" in reminder.text
    with sqlite3.connect(harness.database_path) as db:
        assert db.execute("SELECT COUNT(*) FROM reminders").fetchone() == (0,)

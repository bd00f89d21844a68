"""Many users at once, through the real update processor: nothing lost, each chat in order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from telegram import Chat, Message, Update, User

from bot.core.processor import PerChatUpdateProcessor
from tests.unit.conftest import InProcessBot


async def concurrently(bot: InProcessBot, updates: list[dict[str, Any]]) -> None:
    """Hand all updates to the processor at once, in order, as polling does."""
    await asyncio.gather(*(asyncio.create_task(bot.process(u)) for u in updates))


async def test_ten_users_with_disappearing_messages_ask_at_the_same_moment(
    bot: InProcessBot,
) -> None:
    users = [bot.user("ru", name=f"U{i}") for i in range(10)]
    for user in users:
        await bot.send(user, "/settings")
        await bot.press(user, "dis:3600")
    before = await bot.services.deletions.count()
    await concurrently(
        bot, [bot.emulator.user_sends_text(u, "потерял паспорт", deliver=False) for u in users]
    )
    for user in users:
        assert "went wrong" not in bot.last(user).text
    assert await bot.services.deletions.count() == before + 20


async def test_fifty_users_of_every_kind_at_once(bot: InProcessBot) -> None:
    """Settings, questions, forget and buttons from 50 chats interleaved: every write lands."""
    users = [bot.user("en", name=f"W{i}") for i in range(50)]
    menus = {u.id: await bot.send(u, "/start") for u in users}
    updates: list[dict[str, Any]] = []
    for i, user in enumerate(users):
        menu = menus[user.id].message_id
        updates += [
            bot.emulator.user_presses(user, menu, "dis:86400", deliver=False, check=False),
            bot.emulator.user_presses(user, menu, "cty:GE", deliver=False, check=False),
            bot.emulator.user_sends_text(user, "humanitarian visa", deliver=False),
        ]
        if i % 10 == 0:
            updates.append(bot.emulator.user_sends_text(user, "/forget", deliver=False))
    await concurrently(bot, updates)
    for user in users:
        prefs = await bot.services.users.get(user.id)
        assert prefs is not None and prefs.country == "GE" and prefs.disappear_seconds == 86400
        assert "went wrong" not in bot.last(user).text
    # Each question and its answer are waiting to be deleted; the /forget prompts too.
    assert await bot.services.deletions.count() == 50 * 2 + 5 * 2


async def test_a_message_right_after_a_setting_sees_the_setting(bot: InProcessBot) -> None:
    """Pressed and typed a moment apart: the question must already disappear."""
    user = bot.user("ru")
    settings = await bot.send(user, "/settings")
    await concurrently(
        bot,
        [
            bot.emulator.user_presses(user, settings.message_id, "dis:3600", deliver=False),
            bot.emulator.user_sends_text(user, "повестка", deliver=False),
        ],
    )
    assert await bot.services.deletions.count() == 2


def _message_update(chat_id: int, update_id: int) -> Update:
    chat = Chat(chat_id, "private")
    user = User(chat_id, "U", False)
    message = Message(update_id, datetime.now(UTC), chat, from_user=user, text="x")
    return Update(update_id, message=message)


async def test_processor_orders_a_chat_and_lets_other_chats_through() -> None:
    processor = PerChatUpdateProcessor(16)
    order: list[str] = []
    release = asyncio.Event()

    async def slow(name: str) -> None:
        order.append(f"{name} start")
        await release.wait()
        order.append(f"{name} end")

    async def quick(name: str) -> None:
        order.append(name)

    tasks = [
        asyncio.create_task(processor.process_update(_message_update(1, 1), slow("a1"))),
        asyncio.create_task(processor.process_update(_message_update(1, 2), quick("a2"))),
        asyncio.create_task(processor.process_update(_message_update(2, 3), quick("b1"))),
    ]
    await asyncio.sleep(0.05)
    assert order == ["a1 start", "b1"], "chat 2 is not held up by chat 1; a2 waits for a1"
    release.set()
    await asyncio.gather(*tasks)
    assert order == ["a1 start", "b1", "a1 end", "a2"]
    assert processor.busy_chats == 0, "no per-chat state is kept once a chat is idle"

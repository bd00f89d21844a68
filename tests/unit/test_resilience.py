"""Bad input and Telegram faults: the user always gets an answer and nothing is lost."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from bot.features.privacy.jobs import run_due_deletions
from devtools.fakeapi.errors import ApiError
from devtools.fakeapi.models import FakeChat
from tests.unit.conftest import InProcessBot, start_bot, stop_bot


async def test_retry_after_is_waited_out_and_answer_delivered(bot: InProcessBot) -> None:
    user = bot.user("en")
    bot.emulator.fail_next("sendMessage", ApiError.too_many_requests(1))
    started = time.monotonic()
    message = await bot.send(user, "/start")
    assert time.monotonic() - started >= 0.9
    assert "sec:documents" in message.callback_data


async def test_a_5xx_is_not_resent_and_the_user_still_hears_back(bot: InProcessBot) -> None:
    """A 5xx may have delivered the message already: resending risks a double answer."""
    user = bot.user("en")
    bot.emulator.fail_next("sendMessage", ApiError.bad_gateway())
    before = len(bot.emulator.calls_to("sendMessage"))
    await bot.process(bot.emulator.user_sends_text(user, "/help", deliver=False))
    calls = bot.emulator.calls_to("sendMessage")[before:]
    assert len(calls) == 2, "the failed answer once, then the apology; no retry"
    assert "went wrong" in bot.last(user).text


async def test_blocked_user_is_not_written_to_again(bot: InProcessBot) -> None:
    user = bot.user("en")
    await bot.send(user, "/start")
    bot.emulator.block(user)
    before = len(bot.emulator.calls_to("sendMessage"))
    await bot.process(bot.emulator.user_sends_text(user, "/help", deliver=False))
    # One attempt, no apology to a chat that blocked us, nothing raised.
    assert len(bot.emulator.calls_to("sendMessage")) == before + 1


async def test_edit_not_modified_is_silent(bot: InProcessBot) -> None:
    user = bot.user("en")
    menu = await bot.send(user, "/start")
    await bot.press(user, "sec:visas", menu)
    await bot.press(user, "home", menu)
    await bot.press(user, "sec:visas", menu, check=False)
    await bot.press(user, "sec:visas", menu, check=False)  # same content: "not modified"
    assert len(bot.emulator.messages(user.id)) == 1


async def test_edit_of_vanished_message_sends_a_new_one(bot: InProcessBot) -> None:
    user = bot.user("en")
    menu = await bot.send(user, "/start")
    bot.emulator.fail_next("editMessageText", ApiError.bad_request("message to edit not found"))
    await bot.press(user, "sec:visas", menu)
    messages = bot.emulator.messages(user.id)
    assert len(messages) == 2 and "sec:visas" not in messages[-1].callback_data
    assert any(d.startswith("art:") for d in messages[-1].callback_data)


async def test_unexpected_error_gets_a_kind_reply_and_clean_log(
    bot: InProcessBot, caplog: pytest.LogCaptureFixture
) -> None:
    user = bot.user("en")
    secret_question = "my secret question about asylum"
    bot.emulator.fail_next("sendMessage", ApiError.bad_request("something unexpected"))
    with caplog.at_level(logging.INFO):
        await bot.process(bot.emulator.user_sends_text(user, secret_question, deliver=False))
    last = bot.last(user)
    assert "went wrong" in last.text
    logged = caplog.text
    assert "secret question" not in logged
    assert str(user.id) not in logged
    assert "message update from" in logged


async def test_flood_gets_a_friendly_message_not_silence(tmp_path: Path) -> None:
    bot, app = await start_bot(tmp_path, rate_limit_per_minute=5)
    try:
        user = bot.user("en")
        for _ in range(5):
            await bot.send(user, "/help")
        count = len(bot.emulator.messages(user.id))
        for _ in range(5):
            await bot.process(bot.emulator.user_sends_text(user, "/help", deliver=False))
        texts = [m.text for m in bot.emulator.messages(user.id)[count:]]
        assert len(texts) == 1 and "fast" in texts[0]
        other = bot.user("en")
        assert "home" in (await bot.send(other, "/help")).callback_data
    finally:
        await stop_bot(app)


async def test_group_chats_answer_only_when_addressed(bot: InProcessBot) -> None:
    user = bot.user("en")
    group = FakeChat(-100123, type="supergroup", title="Relocants")
    await bot.process(
        bot.emulator.user_sends_text(user, "anyone lost a passport?", chat=group, deliver=False)
    )
    assert bot.emulator.messages(group.id) == []
    name = bot.emulator.bot.username
    await bot.process(
        bot.emulator.user_sends_text(user, f"@{name} passport", chat=group, deliver=False)
    )
    replies = bot.emulator.messages(group.id)
    assert len(replies) == 1
    assert replies[0].buttons[0]["url"] == f"https://t.me/{name}"
    assert "passport" not in replies[0].text.lower()


async def test_channel_posts_and_empty_updates_are_ignored(bot: InProcessBot) -> None:
    update = {
        "update_id": 10**9,
        "channel_post": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": -1001, "type": "channel", "title": "c"},
            "text": "hi",
        },
    }
    await bot.process(update)
    assert bot.emulator.messages(-1001) == []


async def test_edited_message_is_answered_again(bot: InProcessBot) -> None:
    user = bot.user("en")
    first = bot.emulator.user_sends_text(user, "visa", deliver=False)
    await bot.process(first)
    count = len(bot.emulator.messages(user.id))
    edited = {
        "update_id": first["update_id"] + 1000,
        "edited_message": {**first["message"], "text": "lost passport", "edit_date": 1},
    }
    await bot.process(edited)
    assert len(bot.emulator.messages(user.id)) == count + 1


async def test_disappearing_messages_are_deleted_after_restart(tmp_path: Path) -> None:
    bot, app = await start_bot(tmp_path)
    user = bot.user("ru")
    await bot.send(user, "/settings")
    screen = await bot.press(user, "dis:3600")
    assert "✓" in " ".join(b["text"] for b in screen.buttons)
    answer = await bot.send(user, "потерял паспорт")
    assert await bot.services.deletions.count() >= 2
    await stop_bot(app)

    # A new process (same database) carries out the deletions when they fall due.
    bot2, app2 = await start_bot(tmp_path)
    try:
        bot2.emulator.transcript = bot.emulator.transcript
        assert await run_due_deletions(app2, int(time.time())) == 0, "not due yet"
        done = await run_due_deletions(app2, int(time.time()) + 3601)
        assert done >= 2
        assert await bot2.services.deletions.count() == 0
        calls = bot2.emulator.calls_to("deleteMessages")
        deleted = {i for c in calls for i in c.params["message_ids"]}
        assert answer.message_id in deleted
    finally:
        await stop_bot(app2)


async def test_too_old_messages_are_dropped_gracefully(bot: InProcessBot) -> None:
    user = bot.user("ru")
    await bot.send(user, "/settings")
    await bot.press(user, "dis:86400")
    await bot.send(user, "виза")
    bot.emulator.fail_next(
        "deleteMessages", ApiError.bad_request("message can't be deleted for everyone")
    )
    assert await run_due_deletions(bot.app, int(time.time()) + 86401) >= 1
    assert await bot.services.deletions.count() == 0


async def test_clean_chat_deletes_recent_messages(bot: InProcessBot) -> None:
    user = bot.user("en")
    await bot.send(user, "/start")
    await bot.send(user, "visa")
    settings = await bot.send(user, "/settings")
    confirm = await bot.press(user, "clean", settings)
    assert "clean:yes" in confirm.callback_data
    # Messages written after the confirmation screen must go too.
    await bot.send(user, "lost passport")
    await bot.press(user, "clean:yes", confirm)
    calls = bot.emulator.calls_to("deleteMessages")
    deleted = {i for c in calls for i in c.params["message_ids"]}
    remaining = bot.emulator.messages(user.id)
    assert len(remaining) == 1 and "deleted what I could" in remaining[0].text
    everything_else = [
        m.message_id
        for m in bot.emulator.messages(user.id, include_deleted=True)
        if m.message_id != remaining[0].message_id
    ]
    assert set(everything_else) <= deleted


async def test_one_failed_batch_does_not_settle_the_others(bot: InProcessBot) -> None:
    """A network failure on one batch keeps its rows for the next run; the rest is done."""
    user = bot.user("ru")
    await bot.send(user, "/settings")
    await bot.press(user, "dis:3600")
    chat = user.id
    await bot.services.deletions.schedule(chat, list(range(1000, 1150)), due_at=1)
    total = await bot.services.deletions.count()
    bot.emulator.fail_next("deleteMessages", ApiError.bad_gateway())
    done = await run_due_deletions(bot.app, int(time.time()) + 3601)
    left = await bot.services.deletions.count()
    assert 0 < done < total and left == total - done and left <= 100
    assert await run_due_deletions(bot.app, int(time.time()) + 3601) == left
    assert await bot.services.deletions.count() == 0


async def test_warnings_and_apologies_disappear_too(tmp_path: Path) -> None:
    """Everything the bot sends goes through one helper that schedules deletion."""
    bot, app = await start_bot(tmp_path, rate_limit_per_minute=4)
    try:
        user = bot.user("en")
        settings = await bot.send(user, "/settings")
        await bot.press(user, "dis:3600")
        await bot.send(user, "/help")
        bot.emulator.fail_next("sendMessage", ApiError.bad_request("something unexpected"))
        await bot.process(bot.emulator.user_sends_text(user, "visa", deliver=False))
        assert "went wrong" in bot.last(user).text
        for _ in range(3):
            await bot.process(bot.emulator.user_sends_text(user, "/help", deliver=False))
        assert "fast" in bot.last(user).text
        await run_due_deletions(app, int(time.time()) + 3601)
        left = bot.emulator.messages(user.id)
        assert [m.message_id for m in left] == [settings.message_id], (
            "only the screen from before the setting; warning, apology, refused messages: gone"
        )
        assert await bot.services.deletions.count() == 0
    finally:
        await stop_bot(app)


async def test_the_apology_speaks_the_users_language(bot: InProcessBot) -> None:
    user = bot.user("ru")
    bot.emulator.fail_next("sendMessage", ApiError.bad_request("something unexpected"))
    await bot.process(bot.emulator.user_sends_text(user, "виза", deliver=False))
    assert "пошло не так" in bot.last(user).text.lower() or "ошибк" in bot.last(user).text.lower()
